"""What a migration returns: one typed result per piece of Python and per file.

LibCST's codemod runner answers each file with ``TransformSuccess``, ``TransformFailure`` or
``TransformSkip``; here the same idea has two levels. :class:`MigrationResult` is what
:func:`codemods.engine.migrate_python` makes of one piece of Python text (a file or a block
embedded in a notebook or doc): the new text and one finding per site. It is a named tuple, so
``new, findings = migrate_python(...)`` reads as before. :class:`FileResult` is what the runner
makes of one file, bytes in and out, and its :attr:`FileResult.status` says which of the three
ways the file went.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, NamedTuple, Optional

from codemods.findings import Finding, Outcome

__all__ = ["FileResult", "FileStatus", "MigrationResult"]


def _any_skipped(findings: List[Finding]) -> bool:
    return any(f.outcome is Outcome.SKIPPED for f in findings)


class MigrationResult(NamedTuple):
    """The migrated text (the very same object when nothing changed) and its findings."""

    text: str
    findings: List[Finding]

    @property
    def skipped(self) -> bool:
        """Some of the code was left as it is because it could not be parsed or placed back."""
        return _any_skipped(self.findings)


class FileStatus(str, enum.Enum):
    """How one file went (the counterpart of LibCST's Success / Skip / Failure)."""

    CHANGED = "changed"  # new bytes to show or write
    UNCHANGED = "unchanged"  # nothing to change (findings may still report sites)
    SKIPPED = "skipped"  # some of it could not be read, decoded or parsed; that part is as it was


@dataclass
class FileResult:
    """One file: its bytes before, its bytes after (None when unchanged) and its findings."""

    path: Path
    old: bytes
    new: Optional[bytes] = None  # None: unchanged
    findings: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old

    @property
    def status(self) -> FileStatus:
        if _any_skipped(self.findings):
            return FileStatus.SKIPPED
        return FileStatus.CHANGED if self.changed else FileStatus.UNCHANGED
