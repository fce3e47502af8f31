"""The ``legacy-compat`` command: one entry point, one module per subcommand.

Subcommands are listed in :data:`SUBCOMMANDS` and imported only when they run, so
``legacy-compat --help`` and ``legacy-compat migrate`` never pay for importing the Clarifai SDK
or gRPC. Each subcommand module provides ``configure(parser)`` and ``run(args) -> int``; the
argument definitions in those modules must not import anything heavy at module level.

Importing the ``legacy_compat`` package has no side effects, so this entry point works with
any ``clarifai`` installed, an old one or none; the subcommands that run the SDK
(``needs_sdk``) check it first, in :func:`main`, and end with one sentence saying what to do
instead of a traceback or a crash.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Callable, NamedTuple, Optional, Sequence

from codemods.cli import version_text

__all__ = ["SUBCOMMANDS", "Subcommand", "build_parser", "main"]


class Subcommand(NamedTuple):
    name: str
    module: str
    help: str
    #: runs the SDK in this process or its children: check that the SDK is usable first
    needs_sdk: bool = True
    #: also try ``import clarifai.client.model`` in a child first, on every Python (about a
    #: second): for the commands that create a workspace or servers an interpreter crash would
    #: leave behind; the others probe only on untested Pythons, as the facade does
    probe_sdk: bool = False


SUBCOMMANDS: tuple[Subcommand, ...] = (
    Subcommand(
        "demo",
        "legacy_compat.commands.demo",
        "migrate and verify the bundled legacy example project",
        probe_sdk=True,
    ),
    Subcommand(
        "migrate",
        "codemods.cli",
        "rewrite legacy by_* calls to the new inference method",
        needs_sdk=False,
    ),
    Subcommand(
        "verify",
        "legacy_compat.commands.verify",
        "run original and migrated code against the local endpoint and compare",
        probe_sdk=True,
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
        needs_sdk=False,  # reads the API with clarifai_grpc only
    ),
    Subcommand(
        "serve",
        "legacy_compat.commands.serve",
        "serve the reference models on a local Clarifai-compatible endpoint",
        probe_sdk=True,
    ),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legacy-compat",
        description="Keep legacy Clarifai inference code running, and migrate it to the new API.",
    )
    parser.add_argument("--version", action="version", version=version_text("legacy-compat"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for sub in SUBCOMMANDS:
        module = importlib.import_module(sub.module)
        description = getattr(module, "DESCRIPTION", sub.help)
        sub_parser = commands.add_parser(sub.name, help=sub.help, description=description)
        module.configure(sub_parser)
        # _parser: whose usage a usage error prints (a nested parser's own default wins)
        sub_parser.set_defaults(
            _run=module.run,
            _needs_sdk=sub.needs_sdk,
            _probe_sdk=sub.probe_sdk,
            _command=sub.name,
            _parser=sub_parser,
        )
    return parser


def _sdk_problem(command: str, *, probe: bool) -> Optional[str]:
    """Why the SDK cannot serve ``command`` here (too old, or it crashes this interpreter)."""
    from legacy_compat.sdk_support import (
        SUPPORTED_CLARIFAI,
        UnsupportedSDKError,
        ensure_sdk_importable,
        ensure_supported_sdk,
        installed_sdk_version,
    )

    if installed_sdk_version() is None:
        return (
            f"legacy-compat {command}: needs the clarifai SDK, which is not installed here; "
            f"`pip install 'clarifai{SUPPORTED_CLARIFAI}'` (`legacy-compat migrate` needs none)"
        )
    try:
        ensure_supported_sdk()
        ensure_sdk_importable(always=probe)
    except UnsupportedSDKError as exc:
        return f"legacy-compat {command}: {exc}"
    return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Optional[Callable[[argparse.Namespace], int]] = getattr(args, "_run", None)
    if run is None:
        parser.print_help()
        return 2
    if getattr(args, "_needs_sdk", False):
        problem = _sdk_problem(args._command, probe=args._probe_sdk)
        if problem is not None:
            print(problem, file=sys.stderr)
            return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
