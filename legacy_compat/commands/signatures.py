"""``legacy-compat signatures MODEL_URL``: print a live model's signatures for the codemod.

``legacy-compat migrate`` names the parameter that receives a legacy input from the model's
signature; without one it falls back on conventions and says so. This command writes the exact
names once, to a file the migration can be run against offline and the file can be reviewed
and committed::

    legacy-compat signatures https://clarifai.com/USER/APP/models/MODEL > signatures.json
    legacy-compat migrate --signatures signatures.json src/

Arguments are defined without importing the SDK (``legacy-compat --help`` stays fast); the SDK
is imported when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Mapping

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "model_urls",
        metavar="MODEL_URL",
        nargs="+",
        help="model URL (https://clarifai.com/USER/APP/models/MODEL) or USER/APP/MODEL",
    )
    parser.add_argument(
        "--base-url",
        "--base_url",
        dest="base_url",
        help="API base URL (default: $CLARIFAI_API_BASE, else https://api.clarifai.com)",
    )
    parser.add_argument(
        "--pat", help="personal access token (default: $CLARIFAI_PAT; it is never printed)"
    )


def run(args: argparse.Namespace) -> int:
    """Print one signatures file covering every MODEL_URL; exit 1 if any cannot be read."""
    from codemods.signature_file import MethodSignature, SignatureSet, write_signatures
    from legacy_compat.signature_fetch import (
        SignatureFetchError,
        fetch_signature_set,
        older_model_note,
    )

    models: dict[str, Mapping[str, MethodSignature]] = {}
    try:
        for model_url in args.model_urls:
            fetched = fetch_signature_set(model_url, base_url=args.base_url, pat=args.pat).models
            models.update(fetched)
            for key in (k for k, methods in fetched.items() if not methods):
                print(f"legacy-compat signatures: {older_model_note(key)}", file=sys.stderr)
    except SignatureFetchError as exc:
        print(f"legacy-compat signatures: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(write_signatures(SignatureSet(models)))
    return 0
