"""Fixtures for the verify tests: copies of the bundled example project, one migrated.

The migrated copy is made by the real engine (``codemods.runner``), in process, so these tests
do not depend on the migrate CLI's flags; the demo test runs the CLI as a user would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy_compat.commands.demo import EXAMPLE_PROJECT
from legacy_compat.verification import copy_project


def migrate_tree(root: Path) -> list:
    from codemods.options import MigrateOptions
    from codemods.runner import migrate_files, write_atomically
    from codemods.signature_file import SignatureSet, read_signatures

    # The project's own signatures file (its pyproject.toml names it, as the CLI reads it).
    signatures_file = root / "clarifai-signatures.json"
    signatures = read_signatures(signatures_file) if signatures_file.exists() else SignatureSet()
    results = []
    for result in migrate_files(
        sorted(p for p in root.rglob("*") if p.is_file()), MigrateOptions(signatures=signatures)
    ):
        if result.changed:
            assert result.new is not None
            write_atomically(result.path, result.new)
        results.append(result)
    return results


@pytest.fixture
def original(tmp_path: Path) -> Path:
    copy_project(EXAMPLE_PROJECT, tmp_path / "original")
    return tmp_path / "original"


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    copy_project(EXAMPLE_PROJECT, tmp_path / "migrated")
    migrate_tree(tmp_path / "migrated")
    return tmp_path / "migrated"
