"""The carriers are read by the migrate CLI, which must start fast: no SDK, no gRPC."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import sys
from pathlib import Path
from codemods.formats import handler_for
for name in ("a.ipynb", "a.md", "a.rst", "a.sh", "Makefile"):
    handler = handler_for(Path(name))
    handler.migrate("clarifai model predict --model_url M --url U\\n", lambda code: (code, []))
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("clarifai", "clarifai_grpc", "grpc"))
print(",".join(heavy))
"""


def test_carriers_import_neither_the_sdk_nor_grpc():
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""
