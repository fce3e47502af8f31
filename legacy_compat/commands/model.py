"""``legacy-compat model predict``: the legacy CLI's own spelling, with the program renamed.

The old command was ``clarifai model predict ...``; replacing only the program name gives
``legacy-compat model predict ...``, which must work as well as the shorter
``legacy-compat predict ...``. Both run :mod:`legacy_compat.commands.predict`.
"""

from __future__ import annotations

import argparse

from legacy_compat.commands import predict

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="model_command", metavar="COMMAND", required=True)
    predict_parser = commands.add_parser(
        "predict", help="same as `legacy-compat predict`", description=predict.DESCRIPTION
    )
    predict.configure(predict_parser)
    predict_parser.set_defaults(_parser=predict_parser)


def run(args: argparse.Namespace) -> int:
    return predict.run(args)
