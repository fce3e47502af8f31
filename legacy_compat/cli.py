"""The ``legacy-compat`` command: one entry point, one module per subcommand.

Subcommands are listed in :data:`SUBCOMMANDS` and imported only when they run, so
``legacy-compat --help`` and ``legacy-compat migrate`` never pay for importing the Clarifai SDK
or gRPC. Each subcommand module provides ``configure(parser)`` and ``run(args) -> int``; the
argument definitions in those modules must not import anything heavy at module level.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Callable, NamedTuple, Optional, Sequence

__all__ = ["SUBCOMMANDS", "Subcommand", "build_parser", "main"]


class Subcommand(NamedTuple):
    name: str
    module: str
    help: str


SUBCOMMANDS: tuple[Subcommand, ...] = (
    Subcommand(
        "demo",
        "legacy_compat.commands.demo",
        "migrate and verify the bundled legacy example project",
    ),
    Subcommand("migrate", "codemods.cli", "rewrite legacy by_* calls to the new inference method"),
    Subcommand(
        "verify",
        "legacy_compat.commands.verify",
        "run original and migrated code against the local endpoint and compare",
    ),
    Subcommand(
        "predict",
        "legacy_compat.commands.predict",
        "run a legacy `clarifai model predict` command line through the facade",
    ),
    Subcommand(
        "model",
        "legacy_compat.commands.model",
        "`legacy-compat model predict`: the old `clarifai model predict`, program renamed",
    ),
    Subcommand(
        "signatures",
        "legacy_compat.commands.signatures",
        "write a model's method signatures as JSON (for migrate --signatures)",
    ),
    Subcommand(
        "serve",
        "legacy_compat.commands.serve",
        "serve the reference models on a local Clarifai-compatible endpoint",
    ),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legacy-compat",
        description="Keep legacy Clarifai inference code running, and migrate it to the new API.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for sub in SUBCOMMANDS:
        module = importlib.import_module(sub.module)
        sub_parser = commands.add_parser(sub.name, help=sub.help, description=sub.help)
        module.configure(sub_parser)
        sub_parser.set_defaults(_run=module.run)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Optional[Callable[[argparse.Namespace], int]] = getattr(args, "_run", None)
    if run is None:
        parser.print_help()
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
