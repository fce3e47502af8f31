"""What the migration found at one place in one file.

Every rule, every carrier format (notebooks, Markdown, shell) and the engine report through
this one type, so the summary, ``--json`` and ``--output-format github`` see the same facts.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

__all__ = ["LEFT_UNCHANGED_CODE", "Finding", "Outcome"]

#: The code of a site no rule produced: a file or block that does not parse, or that the
#: codemod could not handle. Every line of the report then carries a code, as in ruff.
LEFT_UNCHANGED_CODE = "LC000"


class Outcome(str, enum.Enum):
    """What happened at a site."""

    REWRITTEN = "rewritten"  # changed to the new form
    MARKED = "marked"  # kept working on legacy_compat, with a TODO comment for a human
    REPORTED = "reported"  # left as it is and listed (e.g. an unresolvable receiver)
    SKIPPED = "skipped"  # not touched (e.g. a file or block that does not parse)


@dataclass(frozen=True)
class Finding:
    """One site. ``line`` and ``column`` are 1-based and refer to the file as given.

    ``code`` is a stable rule code (``LC001``...) or empty for engine-level findings such as a
    parse error. ``assumptions`` lists what the rewrite rests on that was not confirmed (for
    example a conventional parameter name used without a signature).
    """

    code: str
    line: int
    column: int
    outcome: Outcome
    message: str
    path: str = ""
    assumptions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.code and self.outcome in (Outcome.SKIPPED, Outcome.REPORTED):
            object.__setattr__(self, "code", LEFT_UNCHANGED_CODE)

    def shifted(self, lines: int, path: str | None = None) -> Finding:
        """The same finding, ``lines`` further down (for code embedded in another file)."""
        return replace(self, line=self.line + lines, path=self.path if path is None else path)
