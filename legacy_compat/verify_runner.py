"""``python -m legacy_compat.verify_runner {shim,plain} SCRIPT [ARGS...]``: one verify run.

``legacy-compat verify`` and the differential tests run each script twice: the original with
:func:`legacy_compat.install` in effect (``shim``), the migrated copy on the SDK alone
(``plain``). Both go through this runner so they differ only in that one step. The script runs
as ``python SCRIPT`` would run it (as ``__main__``, its own directory first on ``sys.path``,
``sys.argv`` set), and an exception that escapes it is written, as JSON ``{"type": ...,
"message": ...}``, to the file named by ``LEGACY_COMPAT_VERIFY_EXCEPTION_FILE``: comparing two
runs' exceptions by type and message is exact, parsing a traceback off stderr is not. The
exception is then re-raised, so stderr and the exit status are what the plain run gives.

When the script is done, the runner cancels the gRPC calls it left open (a stream it stopped
reading, ``for a, b in zip(items, replies)``) and waits for gRPC's threads to finish them.
gRPC finishes such a call from daemon threads; at interpreter exit one can be frozen holding
the call's lock, and the call's finalizer then waits for it forever: measured on the realistic
suite, about one run in twenty of a program that abandons a stream hung at exit, with the SDK
alone as with legacy_compat. The script's output and requests are complete before this step,
and both runs get it, so it removes a hang without hiding a difference.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
import threading
import time
from pathlib import Path
from typing import Optional, Sequence

__all__ = ["EXCEPTION_FILE_VARIABLE", "exception_name", "finish_open_calls", "main"]

#: Where the runner writes the exception that ended the script (unset: not written).
EXCEPTION_FILE_VARIABLE = "LEGACY_COMPAT_VERIFY_EXCEPTION_FILE"

_MODES = ("shim", "plain")


def exception_name(exc: BaseException) -> str:
    """``module.QualifiedName`` (``builtins.`` left off): what a user's ``except`` names."""
    kind = type(exc)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) < 2 or arguments[0] not in _MODES:
        print(
            "usage: python -m legacy_compat.verify_runner {shim,plain} SCRIPT [ARGS...]",
            file=sys.stderr,
        )
        return 2
    mode, script = arguments[0], Path(arguments[1])
    if not script.is_file():
        print(f"legacy_compat.verify_runner: {str(script)!r} is not a file", file=sys.stderr)
        return 2
    if mode == "shim":
        import legacy_compat

        legacy_compat.install()
    sys.argv = [str(script), *arguments[2:]]
    # `python -m` put the current directory first; `python SCRIPT` puts the script's own.
    sys.path[0] = str(script.resolve().parent)
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:
        target = os.environ.get(EXCEPTION_FILE_VARIABLE)
        if target:
            record = {"type": exception_name(exc), "message": str(exc)}
            Path(target).write_text(json.dumps(record), encoding="utf-8")
        raise
    finally:
        finish_open_calls()
    return 0


def finish_open_calls(timeout_s: float = 5.0) -> int:
    """Cancel the gRPC calls still open and wait (at most ``timeout_s``) until gRPC's threads
    are done with them; returns how many were cancelled."""
    grpc = sys.modules.get("grpc")
    if grpc is None:
        return 0
    import gc

    open_calls = [
        o
        for o in gc.get_objects()
        if isinstance(o, grpc.Call) and isinstance(o, grpc.Future) and not o.done()
    ]
    for call in open_calls:
        call.cancel()
    deadline = time.monotonic() + timeout_s
    while (
        open_calls and time.monotonic() < deadline and any(map(_runs_grpc, threading.enumerate()))
    ):
        time.sleep(0.01)
    return len(open_calls)


def _runs_grpc(thread: threading.Thread) -> bool:
    """A thread of gRPC's core (a channel's event loop, a request consumer): started by
    ``cygrpc`` and named ``Thread-N (_run)``, so told apart by where its target comes from."""
    target = getattr(thread, "_target", None)
    return str(getattr(target, "__module__", "")).startswith("grpc._cython")


if __name__ == "__main__":
    sys.exit(main())
