"""``migrate --fetch-signatures``: the live signatures of the models the code names.

Reading a signature takes the Clarifai SDK and gRPC, which the migration itself must never
import (it starts fast, stays off the network, and runs from an isolated environment such as
pipx). So the fetch runs in a child process, ``python -m legacy_compat.signature_fetch
MODEL_URL...``, with the same interpreter and environment (the PAT and API base travel in
``CLARIFAI_PAT``/``CLARIFAI_API_BASE``, never on a command line). The child prints a signatures
file; this module reads it like any ``--signatures FILE``, and ``codemods`` imports nothing
from ``legacy_compat``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable

from codemods.signature_file import SignatureFileError, SignatureSet

__all__ = [
    "LiveSignaturesUnavailable",
    "fetch_live_signatures",
    "model_references",
    "model_urls_in",
]

#: The module the child process runs (in ``legacy_compat``, which has the SDK).
FETCH_MODULE = "legacy_compat.signature_fetch"

#: Seconds the child may take: a fixed start-up cost (importing the SDK) plus a bound per model,
#: so a hung endpoint cannot hang the migration.
_STARTUP_S = 60.0
_PER_MODEL_S = 30.0

_MODEL_URL = re.compile(rb"""https?://[^\s'"]+/models/[^\s'"/]+""")


class LiveSignaturesUnavailable(RuntimeError):
    """The fetch could not run at all (no SDK, no ``legacy_compat``, a crash, a time-out)."""


def model_references(
    files: Iterable[Path], is_candidate: Callable[[Path, bytes], bool]
) -> set[str]:
    """Every model URL written in the candidate files (those the migration will read)."""
    references: set[str] = set()
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if is_candidate(path, data):
            references |= model_urls_in(data)
    return references


def model_urls_in(data: bytes) -> set[str]:
    """Every model URL written in one file's bytes."""
    return {m.decode("utf-8", "replace") for m in _MODEL_URL.findall(data)}


def fetch_live_signatures(references: Iterable[str]) -> tuple[SignatureSet, list[str]]:
    """The signatures of ``references`` and one message per model that had none.

    Raises :class:`LiveSignaturesUnavailable` when the child process cannot do its job.
    """
    wanted = sorted(references)
    if not wanted:
        return SignatureSet(), []
    try:
        done = subprocess.run(
            [sys.executable, "-m", FETCH_MODULE, *wanted],
            capture_output=True,
            text=True,
            timeout=_STARTUP_S + _PER_MODEL_S * len(wanted),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LiveSignaturesUnavailable(f"{FETCH_MODULE} did not run: {exc}") from exc
    messages = [line for line in done.stderr.splitlines() if line.strip()]
    if done.returncode != 0:
        reason = messages[-1] if messages else f"exit status {done.returncode}"
        raise LiveSignaturesUnavailable(f"{FETCH_MODULE} failed: {reason}")
    try:
        fetched = SignatureSet.from_json(json.loads(done.stdout), origin=FETCH_MODULE)
    except (json.JSONDecodeError, SignatureFileError) as exc:
        raise LiveSignaturesUnavailable(
            f"{FETCH_MODULE} printed no signatures file: {exc}"
        ) from exc
    return fetched, messages
