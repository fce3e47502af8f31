"""The ``legacy-compat`` subcommands, one module each (see :mod:`legacy_compat.cli`)."""

from __future__ import annotations

import argparse
import sys

__all__ = ["usage_error"]


def usage_error(args: argparse.Namespace, command: str, message: str) -> int:
    """Report a command-line mistake as argparse does its own: the subcommand's usage line,
    then ``legacy-compat COMMAND: error: MESSAGE``; returns exit status 2."""
    parser = getattr(args, "_parser", None)
    if isinstance(parser, argparse.ArgumentParser):
        parser.print_usage(sys.stderr)
    print(f"legacy-compat {command}: error: {message}", file=sys.stderr)
    return 2
