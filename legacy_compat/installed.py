"""``python -m legacy_compat.installed SCRIPT [ARGS...]``: run a script with the shim installed.

``legacy-compat verify`` runs a project's original, unmodified code this way: the nine legacy
methods are given to the SDK's ``Model`` (:func:`legacy_compat.install`) before the script's
first line runs, so the script needs no edit. The script runs as ``python SCRIPT`` would run
it: as ``__main__``, with its own directory first on ``sys.path`` and ``sys.argv`` set.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Optional, Sequence


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        print("usage: python -m legacy_compat.installed SCRIPT [ARGS...]", file=sys.stderr)
        return 2
    script = Path(arguments[0])
    if not script.is_file():
        print(
            f"legacy_compat.installed: {str(script)!r} is not a file; "
            "give the path of the Python script to run",
            file=sys.stderr,
        )
        return 2

    import legacy_compat

    legacy_compat.install()
    sys.argv = [str(script), *arguments[1:]]
    # `python -m` put the current directory first; `python SCRIPT` puts the script's own.
    sys.path[0] = str(script.resolve().parent)
    runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
