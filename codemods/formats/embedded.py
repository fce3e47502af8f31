"""The migration of one embedded Python block, as the carriers of docs use it.

A doc block is migrated only if it could hold a legacy call (a cheap textual test), so
pseudo-code that mentions nothing legacy is never parsed and never reported. IPython blocks
have their magics and shell escapes masked first (:mod:`codemods.formats.ipython`).
"""

from __future__ import annotations

from codemods.findings import Finding, Outcome
from codemods.formats import MigratePython, may_contain_legacy_python
from codemods.formats.blocks import Migrate
from codemods.formats.ipython import mask_ipython

__all__ = ["migrate_ipython", "python_block_migration"]


def migrate_ipython(code: str, migrate_python: MigratePython) -> tuple[str, list[Finding]]:
    """Migrate ``code`` that may contain IPython lines; those come back exactly as they were."""
    masked = mask_ipython(code)
    if masked is None:
        return code, []
    new_code, findings = migrate_python(masked.code)
    findings = [f.shifted(masked.header_lines) for f in findings]
    if new_code == masked.code:
        return code, findings
    restored = masked.unmask(new_code)
    if restored is None:
        return code, [
            Finding(
                "",
                1,
                1,
                Outcome.SKIPPED,
                "the migration lost an IPython line (magic or shell escape); left unchanged",
            )
        ]
    return restored, findings


def python_block_migration(migrate_python: MigratePython, *, ipython: bool = False) -> Migrate:
    """A block migration that skips blocks without legacy names, masking IPython if asked."""

    def migrate(code: str) -> tuple[str, list[Finding]]:
        if not may_contain_legacy_python(code):
            return code, []
        if ipython:
            return migrate_ipython(code, migrate_python)
        return migrate_python(code)

    return migrate
