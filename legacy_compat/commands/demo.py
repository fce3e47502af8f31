"""``legacy-compat demo``: migrate the bundled legacy project, show the diff, verify it.

The bundled project (``legacy_compat/examples/legacy_project``, a small "photo desk" app) uses
all nine legacy methods, reads its responses the ways legacy code does (``text.raw``, a loop
over ``concepts``, streamed chunks) and routes one call to a deployment; it also carries a
notebook, a README with Python and shell blocks, and a shell script with a legacy
``clarifai model predict``. The demo copies it twice into a workspace (``original/`` and
``migrated/``), runs ``legacy-compat migrate --write`` on one copy, prints what changed, then
runs ``legacy-compat verify`` on the pair. It exits 0 only if both print the same.

Nothing leaves the machine: every call goes to a local endpoint on 127.0.0.1.

Without ``--keep`` the workspace is a temporary directory removed however the demo ends
(failure, Ctrl-C, SIGTERM); the SDK is checked in a child process before it is created (see
``legacy_compat.cli``), since an interpreter that crashes importing the SDK runs no cleanup.
"""

from __future__ import annotations

import argparse
import difflib
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Iterator, List, Optional

__all__ = ["EXAMPLE_PROJECT", "configure", "run", "tree_diff"]

EXAMPLE_PROJECT = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR (new or empty) and keep the original and migrated copies there",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="stop the migration or a script run after this long (default: 120)",
    )


def _files(root: Path) -> List[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _text(path: Path) -> Optional[List[str]]:
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (UnicodeDecodeError, FileNotFoundError):
        return None


def tree_diff(original: Path, migrated: Path) -> Iterator[str]:
    """Unified diff lines of every text file that differs between the two trees."""
    for name in sorted(set(_files(original)) | set(_files(migrated))):
        before, after = _text(original / name), _text(migrated / name)
        if before == after:
            continue
        if before is None or after is None:
            yield f"Binary or missing file differs: {name}\n"
            continue
        yield from difflib.unified_diff(
            before, after, fromfile=f"original/{name}", tofile=f"migrated/{name}"
        )


def _heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def _prepare(keep: Optional[Path]) -> Path:
    if keep is None:
        return Path(tempfile.mkdtemp(prefix="legacy-compat-demo-"))
    if keep.exists() and (not keep.is_dir() or any(keep.iterdir())):
        raise ValueError(
            f"--keep {str(keep)!r} exists and is not an empty directory; "
            "give a new or empty directory"
        )
    keep.mkdir(parents=True, exist_ok=True)
    return keep


def _migrate_and_verify(workspace: Path, timeout: float) -> int:
    from legacy_compat.verification import (
        VERIFY_FILE,
        copy_project,
        load_verify_config,
        migrate_in_place,
        verify_projects,
    )

    original, migrated = workspace / "original", workspace / "migrated"
    copy_project(EXAMPLE_PROJECT, original)
    copy_project(EXAMPLE_PROJECT, migrated)
    print("legacy-compat demo: migrate the bundled legacy project, then verify it")
    print(f"workspace: {workspace} (original/ and migrated/)")

    _heading("1. migrate: legacy-compat migrate --write migrated/")
    migration = migrate_in_place(migrated, timeout=timeout)
    print(migration.output.rstrip())
    if migration.failed:
        print("legacy-compat demo: the migration failed (see above)", file=sys.stderr)
        return 1

    _heading("2. what changed")
    diff = list(tree_diff(original, migrated))
    if not diff:
        print("legacy-compat demo: the migration changed nothing", file=sys.stderr)
        return 1
    sys.stdout.writelines(diff)

    _heading("3. verify: legacy-compat verify original/ --migrated migrated/")
    config = load_verify_config(original / VERIFY_FILE)
    report = verify_projects(original, migrated, config, timeout=timeout)
    print(report.render(show_output=True))
    return 0 if report.equal else 1


def _terminated(signum: int, frame: Optional[FrameType]) -> None:
    """SIGTERM ends the demo like Ctrl-C does, through the ``finally`` that cleans up."""
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace) -> int:
    import shutil

    from legacy_compat.verification import VerifyConfigError

    try:
        workspace = _prepare(args.keep)
    except ValueError as exc:
        print(f"legacy-compat demo: {exc}", file=sys.stderr)
        return 2
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return _migrate_and_verify(workspace, args.timeout)
    except VerifyConfigError as exc:
        print(f"legacy-compat demo: {exc}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
        if args.keep is None:
            shutil.rmtree(workspace, ignore_errors=True)
            print(
                "\n(the workspace is removed; `legacy-compat demo --keep DIR` keeps the "
                "original and migrated copies in DIR)"
            )
        else:
            print(f"\nkept: {workspace}")
