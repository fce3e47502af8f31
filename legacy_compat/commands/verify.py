"""``legacy-compat verify PROJECT``: show that the migrated code prints what the original did.

Runs every entry script of PROJECT twice against a local endpoint it starts: the original
code, unmodified, with ``legacy_compat.install()`` done first; and the migrated code on the new
client alone. Prints EQUAL or names every difference (a unified diff of stdout per script, exit
statuses, exceptions, timeouts, and each request that reached the endpoint with other inputs,
parameters or routing). Without ``--migrated``, it migrates a temporary copy of PROJECT first
(``legacy-compat migrate --write``). Every call goes to the local endpoint, whatever URL the
code hard-codes: see :mod:`legacy_compat.verification` for the verify file that maps the
project's models to local ones.

Exit status: 0 equal, 1 different, 2 bad arguments or verify file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help="the project with the original, legacy code")
    parser.add_argument(
        "--migrated",
        type=Path,
        metavar="DIR",
        help="the migrated copy (default: migrate a temporary copy of PROJECT first)",
    )
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help="verify file mapping the project's models to local ones "
        "(default: PROJECT/legacy-compat-verify.json)",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="USER/APP/MODEL=LOCAL_ID",
        help="map one model (repeatable), e.g. clarifai/main/general-image-recognition="
        "image-classifier",
    )
    parser.add_argument(
        "--entry",
        action="append",
        default=[],
        metavar="SCRIPT",
        help="an entry script to run, relative to PROJECT, with its arguments if any "
        "(repeatable; default: the verify file's entry_points, else every top-level script "
        "with a __main__ block)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="stop a script run after this long (default: 120)",
    )


def run(args: argparse.Namespace) -> int:
    from legacy_compat.commands import usage_error
    from legacy_compat.verification import (
        VERIFY_FILE,
        VerifyConfig,
        VerifyConfigError,
        copy_project,
        load_verify_config,
        migrate_in_place,
        parse_model_options,
        verify_projects,
    )

    project: Path = args.project
    if not project.is_dir():
        return usage_error(args, "verify", f"{str(project)!r} is not a directory")
    try:
        mapping = args.mapping or project / VERIFY_FILE
        config = (
            load_verify_config(mapping) if args.mapping or mapping.is_file() else VerifyConfig()
        )
        config = config.merged(parse_model_options(args.map), args.entry)
        if not config.models:
            raise VerifyConfigError(
                f"no model mapping: write {project / VERIFY_FILE} or pass --map "
                "USER/APP/MODEL=LOCAL_ID, so the project's model URLs reach local models"
            )
        with tempfile.TemporaryDirectory(prefix="legacy-compat-verify-") as workspace:
            migrated = args.migrated
            if migrated is None:
                migrated = Path(workspace) / project.resolve().name
                copy_project(project, migrated)
                migration = migrate_in_place(migrated, timeout=args.timeout)
                print(f"migrated a copy of {project} in {migrated}:")
                print(migration.output.rstrip())
                if migration.failed:
                    print("legacy-compat verify: the migration failed", file=sys.stderr)
                    return 1
            report = verify_projects(project, migrated, config, timeout=args.timeout)
    except VerifyConfigError as exc:
        print(f"legacy-compat verify: {exc}", file=sys.stderr)
        return 2
    print(report.render())
    return 0 if report.equal else 1
