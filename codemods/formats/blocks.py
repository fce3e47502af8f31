"""Code embedded in another file: cut out, dedent, migrate, indent back, move the findings.

Markdown fences, reST directives and notebook cells all carry a block of code at some
indentation, starting at some line of the carrier. This module holds the one way of handing
such a block to a migration and putting the result back, so that an unchanged block is put back
byte for byte and every finding points at the carrier's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, List, Optional, Sequence, Tuple

from codemods.findings import Finding, Outcome

__all__ = [
    "Block",
    "Migrate",
    "dedent_block",
    "indent_block",
    "line_number_at",
    "migrate_blocks",
    "split_lines",
]

_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def split_lines(text: str) -> list[str]:
    """``text`` as lines that keep their endings, split on ``\\n`` only.

    ``str.splitlines`` also splits on form feeds and Unicode separators, which would make line
    numbers disagree with every editor and with ``Finding.line``.
    """
    return _LINE.findall(text)


def line_number_at(text: str, offset: int) -> int:
    """1-based line of character ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def _strip_indent(line: str, width: int) -> str:
    taken = 0
    while taken < width and taken < len(line) and line[taken] in " \t":
        taken += 1
    return line[taken:]


def dedent_block(lines: list[str], indent: str) -> str:
    """The block's code with ``indent`` (the carrier's indentation) removed from each line."""
    return "".join(_strip_indent(line, len(indent)) for line in lines)


def indent_block(code: str, indent: str) -> str:
    """``code`` put back at ``indent``; blank lines stay blank (no trailing whitespace)."""
    return "".join(
        indent + line if line.strip() else line.lstrip(" \t") for line in split_lines(code)
    )


Migrate = Callable[[str], Tuple[str, List[Finding]]]


@dataclass(frozen=True)
class Block:
    """One embedded block: its carrier lines, its indentation and where it starts.

    ``first_line`` is the 1-based carrier line of ``lines[0]``.
    """

    lines: tuple[str, ...]
    indent: str
    first_line: int
    label: str

    def migrate(self, migrate: Migrate) -> tuple[str, list[Finding]]:
        """The block's new carrier text (the original text if nothing changed) and findings."""
        original = "".join(self.lines)
        code = dedent_block(list(self.lines), self.indent)
        new_code, findings = migrate(code)
        shifted = [f.shifted(self.first_line - 1) for f in findings]
        if any(f.outcome is Outcome.SKIPPED for f in findings) and new_code == code:
            shifted = [_name_block(f, self.label) for f in shifted]
            if not _parses(code):
                shifted = [_as_reported(f) for f in shifted]
        if new_code == code:
            return original, shifted
        return _put_back(self.lines, code, new_code, self.indent), shifted


def _put_back(carrier_lines: Sequence[str], code: str, new_code: str, indent: str) -> str:
    """The new code at the carrier's indentation, every line the migration did not change
    given back exactly as the carrier had it (a whitespace-only line stays as it was); only
    changed and new lines are indented afresh."""
    old_lines, new_lines = split_lines(code), split_lines(new_code)
    if len(old_lines) != len(carrier_lines):
        return indent_block(new_code, indent)
    out: list[str] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(carrier_lines[i1:i2])
        else:
            out.append(indent_block("".join(new_lines[j1:j2]), indent))
    return "".join(out)


def _parses(code: str) -> bool:
    import ast

    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


def _as_reported(finding: Finding) -> Finding:
    """A documentation block that is not Python here (pseudo-code, an excerpt, or newer
    syntax) is listed but does not fail the run: exit 3 would block every commit of the
    doc under the pre-commit hooks, for a block no one runs."""
    if finding.outcome is not Outcome.SKIPPED:
        return finding
    return Finding(
        code=finding.code,
        line=finding.line,
        column=finding.column,
        outcome=Outcome.REPORTED,
        message=finding.message,
        path=finding.path,
        assumptions=finding.assumptions,
    )


def _name_block(finding: Finding, label: str) -> Finding:
    if label in finding.message:
        return finding
    # "does not parse (...); left unchanged" is said of the block, once.
    reason = finding.message.removesuffix("; left unchanged")
    return Finding(
        code=finding.code,
        line=finding.line,
        column=finding.column,
        outcome=finding.outcome,
        message=f"{label}: {reason}; the block is left unchanged",
        path=finding.path,
        assumptions=finding.assumptions,
    )


def migrate_blocks(
    lines: list[str],
    blocks: list[tuple[Block, Optional[Migrate]]],
) -> tuple[str, list[Finding]]:
    """``lines`` with each block replaced by its migration (blocks in order, not overlapping)."""
    out: list[str] = []
    findings: list[Finding] = []
    position = 0
    for block, migrate in blocks:
        start = block.first_line - 1
        out.extend(lines[position:start])
        position = start + len(block.lines)
        if migrate is None:
            out.extend(block.lines)
            continue
        new_text, block_findings = block.migrate(migrate)
        out.append(new_text)
        findings.extend(block_findings)
    out.extend(lines[position:])
    return "".join(out), findings
