"""Interactive-session blocks (``>>>`` prompts): a Markdown ``pycon`` fence, a reST doctest.

Documentation often shows a session rather than a script::

    >>> r = model.predict_by_url(url, input_type="image")
    >>> print(r.outputs[0].data.text.raw)
    a dog on a beach

The code is the prompt lines without their ``>>> `` / ``... `` prefixes; everything else is
the session's output and stays exactly as written. The code is migrated as one program, the
prompts are put back (``>>> `` where a top-level statement starts, ``... `` on its other
lines) and each output chunk goes back after the line it followed. When that cannot be done
exactly (a changed line that had output under it), the block is left unchanged and every call
in it is reported, so no legacy call in a session goes without a finding.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Optional

from codemods.findings import Finding, Outcome
from codemods.formats import MigratePython, may_contain_legacy_python
from codemods.formats.blocks import Migrate

__all__ = ["doctest_block_migration", "is_session"]

_PROMPT = re.compile(r"^(?P<prompt>>>>|\.\.\.)(?: |(?=\r?\n?$))(?P<code>.*?)(?P<newline>\r?\n?)$")


def is_session(code: str) -> bool:
    """Whether a block is an interactive session: its first non-blank line is a ``>>>``."""
    first = next((line for line in code.splitlines() if line.strip()), "")
    return first.lstrip().startswith(">>>")


def _split(code: str) -> tuple[list[str], dict[int, list[str]]]:
    """The code lines, and the output lines after each (keyed by the code line's index;
    -1 for output before any prompt)."""
    source: list[str] = []
    output: dict[int, list[str]] = {}
    for line in code.splitlines(keepends=True):
        match = _PROMPT.match(line)
        if match is None:
            output.setdefault(len(source) - 1, []).append(line)
        else:
            source.append(match.group("code") + (match.group("newline") or "\n"))
    return source, output


def _prompted(code: str) -> Optional[list[str]]:
    """``code`` with prompts: ``>>> `` on each top-level statement's first line."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    starts = {statement.lineno for statement in tree.body}
    lines = code.splitlines(keepends=True)
    prompted = []
    for number, line in enumerate(lines, 1):
        prompt = ">>>" if number in starts else "..."
        prompted.append(f"{prompt} {line}" if line.strip() else f"{prompt}{line}")
    return prompted


def _reassembled(old: list[str], output: dict[int, list[str]], new_code: str) -> Optional[str]:
    """The new session: prompts on ``new_code`` and each output chunk after the new line of
    the unchanged code line it followed (None when that line was changed)."""
    prompted = _prompted(new_code)
    if prompted is None:
        return None
    new = new_code.splitlines(keepends=True)
    where: dict[int, int] = {-1: -1}
    for tag, i1, i2, j1, _ in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                where[i1 + offset] = j1 + offset
    if any(index not in where for index in output):
        return None
    after: dict[int, list[str]] = {}
    for index, lines in output.items():
        after.setdefault(where[index], []).extend(lines)
    pieces = list(after.get(-1, []))
    for number, line in enumerate(prompted):
        pieces.append(line)
        pieces.extend(after.get(number, []))
    return "".join(pieces)


def _line_map(source_lines: int, code: str) -> list[int]:
    """1-based block line of each 1-based code line (index 0 unused)."""
    lines = [0]
    for number, line in enumerate(code.splitlines(keepends=True), 1):
        if _PROMPT.match(line) is not None:
            lines.append(number)
    return lines[: source_lines + 1]


def _same_session(new: str, new_code: str, output: dict[int, list[str]]) -> bool:
    """Read back, the new session has exactly the new code and the old output, in order."""
    code, new_output = _split(new)

    def ordered(chunks: dict[int, list[str]]) -> list[str]:
        return [line for key in sorted(chunks) for line in chunks[key]]

    return "".join(code) == new_code and ordered(new_output) == ordered(output)


def doctest_block_migration(migrate_python: MigratePython) -> Migrate:
    """A block migration for sessions; a block without prompts is migrated as plain code."""

    def migrate(code: str) -> tuple[str, list[Finding]]:
        if not may_contain_legacy_python(code):
            return code, []
        if not is_session(code):
            return migrate_python(code)
        source, output = _split(code)
        program = "".join(source)
        new_code, findings = migrate_python(program)
        lines = _line_map(len(source), code)

        def placed(finding: Finding) -> Finding:
            line = lines[finding.line] if 0 < finding.line < len(lines) else finding.line
            return replace(finding, line=line)

        if new_code == program:
            return code, [placed(f) for f in findings]
        new = _reassembled(source, output, new_code)
        if new is not None and _same_session(new, new_code, output):
            return new, [placed(f) for f in findings]
        return code, [
            replace(
                placed(f),
                outcome=Outcome.REPORTED,
                message="in an interactive session whose output lines could not be kept in "
                f"place: migrate it by hand ({f.message})"
                if f.message
                else "in an interactive session: migrate it by hand",
            )
            if f.outcome is Outcome.REWRITTEN
            else placed(f)
            for f in findings
        ]

    return migrate
