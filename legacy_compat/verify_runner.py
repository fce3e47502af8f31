"""``python -m legacy_compat.verify_runner {shim,plain} SCRIPT [ARGS...]``: one verify run.

``legacy-compat verify`` and the differential tests run each script twice: the original with
:func:`legacy_compat.install` in effect (``shim``), the migrated copy on the SDK alone
(``plain``). Both go through this runner so they differ only in that one step. The script runs
as ``python SCRIPT`` would run it (as ``__main__``, its own directory first on ``sys.path``,
``sys.argv`` set), and an exception that escapes it is written, as JSON ``{"type": ...,
"message": ...}``, to the file named by ``LEGACY_COMPAT_VERIFY_EXCEPTION_FILE``: comparing two
runs' exceptions by type and message is exact, parsing a traceback off stderr is not. The
exception is then re-raised, so stderr and the exit status are what the plain run gives.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path
from typing import Optional, Sequence

__all__ = ["EXCEPTION_FILE_VARIABLE", "exception_name", "main"]

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
