"""What one migration run is asked to do: which rules, which signatures.

Kept apart from the CLI so the engine (and the carrier formats that call it for embedded
Python) take the same options object whether they run from the command line or a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import FrozenSet, Optional

from codemods.project_index import ProjectIndex
from codemods.signature_file import SignatureSet

__all__ = ["MigrateOptions"]


@dataclass(frozen=True)
class MigrateOptions:
    """Rule selection and signatures for one run.

    ``select`` None means every registered rule; ``ignore`` wins over ``select``.

    >>> MigrateOptions(ignore=frozenset({"LC003"})).enabled("LC003")
    False
    """

    select: Optional[FrozenSet[str]] = None
    ignore: FrozenSet[str] = field(default_factory=frozenset)
    signatures: SignatureSet = field(default_factory=SignatureSet)
    project: Optional[ProjectIndex] = None  # what the other files say (codemods.project_index)

    def enabled(self, code: str) -> bool:
        if code in self.ignore:
            return False
        return self.select is None or code in self.select
