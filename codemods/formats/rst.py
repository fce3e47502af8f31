"""reStructuredText: ``code-block:: python`` directives, and literal blocks that are Python.

``.. code-block::``, ``.. code::`` and ``.. sourcecode::`` name their language, so Python ones
go through the engine's Python migration and shell ones through the shell rewrite, as in
Markdown. A plain ``::`` literal block names nothing; it is treated as Python only when the
document's current ``.. highlight::`` language is Python (or unset), its text parses as Python
and it mentions a legacy method: a literal block of program output or shell is never touched.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from typing import Optional

from codemods.findings import Finding
from codemods.formats import CarrierHandler, MigratePython, RuleFilter, may_contain_legacy_python
from codemods.formats.blocks import Block, Migrate, dedent_block, migrate_blocks, split_lines
from codemods.formats.doctest_blocks import is_session
from codemods.formats.markdown import block_migration

__all__ = ["RstHandler", "rst_blocks"]

_DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*(?P<language>\S*)"
)
_HIGHLIGHT = re.compile(r"^[ \t]*\.\.[ \t]+highlight::[ \t]*(?P<language>\S+)")
_LITERAL_INTRO = re.compile(r"^(?P<indent>[ \t]*)(?!\.\.)\S.*::[ \t]*\r?\n?$")
_PYTHON = frozenset({"python", "py", "python3", "py3", "default"})


@dataclass(frozen=True)
class RstBlock:
    """One code block: its language (None for a literal block) and its content."""

    language: Optional[str]
    block: Block


def _indent_width(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _content(lines: list[str], start: int, parent_width: int) -> tuple[int, int]:
    """[first, end) of the indented content that follows line ``start - 1``."""
    first = start
    while first < len(lines) and not lines[first].strip():
        first += 1
    end = first
    last_text = first
    while end < len(lines) and (not lines[end].strip() or _indent_width(lines[end]) > parent_width):
        if lines[end].strip():
            last_text = end + 1
        end += 1
    return first, last_text


def rst_blocks(lines: list[str]) -> list[RstBlock]:
    """Every code-block directive and literal block in ``lines``, in order."""
    found: list[RstBlock] = []
    highlight: Optional[str] = None
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE.match(line)
        highlighted = _HIGHLIGHT.match(line)
        literal = _LITERAL_INTRO.match(line)
        if highlighted is not None:
            highlight = highlighted.group("language").lower()
        if directive is None and literal is None:
            if line.lstrip().startswith(">>>") and (index == 0 or not lines[index - 1].strip()):
                # A doctest block: a paragraph that starts with a prompt (no ``::``).
                end = next(
                    (j for j in range(index, len(lines)) if not lines[j].strip()), len(lines)
                )
                content = lines[index:end]
                indent = line[: _indent_width(line)]
                label = f"doctest block at line {index + 1}"
                found.append(RstBlock("pycon", Block(tuple(content), indent, index + 1, label)))
                index = end
                continue
            index += 1
            continue
        width = _indent_width(line)
        body = index + 1
        if directive is not None:  # skip the directive's options (":linenos:")
            while body < len(lines) and lines[body].strip().startswith(":"):
                body += 1
        first, end = _content(lines, body, width)
        if first >= end or first == body:  # content must follow a blank line
            index += 1
            continue
        content = lines[first:end]
        indent = min((text[: _indent_width(text)] for text in content if text.strip()), key=len)
        label = f"code block at line {index + 1}"
        if directive is not None:
            language = directive.group("language").lower() or (highlight or "default")
            found.append(RstBlock(language, Block(tuple(content), indent, first + 1, label)))
        else:
            found.append(RstBlock(None, Block(tuple(content), indent, first + 1, label)))
        index = end
    return [block for block in found if block.language is not None or _is_python(block, highlight)]


def _is_python(candidate: RstBlock, highlight: Optional[str]) -> bool:
    """A literal block is Python only if highlighting says so and the text agrees."""
    if highlight not in (None, *_PYTHON):
        return False
    code = dedent_block(list(candidate.block.lines), candidate.block.indent)
    if not may_contain_legacy_python(code):
        return False
    if is_session(code):
        return True  # ``::`` followed by a session: migrated prompt by prompt
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in doc snippets
            ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


class RstHandler(CarrierHandler):
    """The ``.rst`` carrier."""

    name = "rst"

    def migrate(
        self, text: str, migrate_python: MigratePython, *, enabled: RuleFilter = None
    ) -> tuple[str, list[Finding]]:
        if not self.may_contain_legacy(text):
            return text, []
        lines = split_lines(text)
        plan: list[tuple[Block, Optional[Migrate]]] = []
        for found in rst_blocks(lines):
            language = "python" if found.language in (None, "default") else found.language
            plan.append((found.block, block_migration(str(language), migrate_python, enabled)))
        return migrate_blocks(lines, plan)
