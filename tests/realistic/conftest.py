"""The realistic suite imports the differential harness (tests/ directories are not packages)."""

from __future__ import annotations

import sys
from pathlib import Path

_DIFFERENTIAL = str(Path(__file__).resolve().parent.parent / "differential")
if _DIFFERENTIAL not in sys.path:
    sys.path.insert(0, _DIFFERENTIAL)
