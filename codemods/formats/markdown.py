"""Markdown: the Python and shell code fences of docs and READMEs.

Fences opened with ``python``/``py`` (and ``ipython``, whose magics are masked as in notebooks)
go through the engine's Python migration; fences opened with ``bash``/``sh``/``shell``/``zsh``
go through the shell rewrite of :mod:`codemods.formats.shell`, and ``console`` fences through
it too, reading only the lines after a ``$`` prompt. A fence may be indented (inside a list
item): its indentation is removed before migrating and put back after. A fence that is never
closed is left alone, since where it ends is a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Optional

from codemods.findings import Finding
from codemods.formats import CarrierHandler, MigratePython, RuleFilter
from codemods.formats.blocks import Block, Migrate, dedent_block, migrate_blocks, split_lines
from codemods.formats.doctest_blocks import doctest_block_migration
from codemods.formats.embedded import python_block_migration
from codemods.formats.shell import migrate_shell

__all__ = ["MarkdownHandler", "fenced_blocks"]

_OPENING = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*\r?\n?$"
)

PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "py3"})
IPYTHON_LANGUAGES = frozenset({"ipython", "ipython3"})
SHELL_LANGUAGES = frozenset({"bash", "sh", "shell", "zsh"})
CONSOLE_LANGUAGES = frozenset({"console", "shell-session", "shellsession"})
#: Interactive Python sessions (``>>>`` prompts and output): codemods.formats.doctest_blocks.
SESSION_LANGUAGES = frozenset({"pycon", "python-console", "pycon3", "doctest"})


@dataclass(frozen=True)
class Fence:
    """One closed fence: its language and its content block (between the fence lines)."""

    language: str
    block: Block


def _language(info: str) -> str:
    # "python title=app.py", "{python}", "{.python}" all name Python.
    word = info.split()[0] if info.split() else ""
    return word.strip("{}").lstrip(".").lower()


def fenced_blocks(lines: list[str]) -> list[Fence]:
    """Every closed fence in ``lines``, in order."""
    fences: list[Fence] = []
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        if opening is None or ("`" in opening.group("info") and opening.group("fence")[0] == "`"):
            index += 1
            continue
        fence = opening.group("fence")
        closing = re.compile(rf"^[ \t]*{re.escape(fence)}{fence[0]}*[ \t]*\r?\n?$")
        end = next((j for j in range(index + 1, len(lines)) if closing.match(lines[j])), None)
        if end is None:
            break
        block = Block(
            tuple(lines[index + 1 : end]),
            opening.group("indent"),
            index + 2,
            f"{_language(opening.group('info')) or 'code'} block at line {index + 1}",
        )
        fences.append(Fence(_language(opening.group("info")), block))
        index = end + 1
    return fences


def block_migration(
    language: str, migrate_python: MigratePython, enabled: RuleFilter = None
) -> Optional[Migrate]:
    """How a fence in ``language`` is migrated, or None if it is not code we migrate."""
    if language in SESSION_LANGUAGES:
        return doctest_block_migration(migrate_python)
    if language in PYTHON_LANGUAGES:
        # A ``python`` fence may hold a session too; plain code goes straight through.
        return doctest_block_migration(python_block_migration(migrate_python))
    if language in IPYTHON_LANGUAGES:
        return python_block_migration(migrate_python, ipython=True)
    if language in SHELL_LANGUAGES:
        return partial(migrate_shell, enabled=enabled)
    if language in CONSOLE_LANGUAGES:
        return partial(migrate_shell, console=True, enabled=enabled)
    return None


class MarkdownHandler(CarrierHandler):
    """The ``.md`` carrier."""

    name = "markdown"

    def migrate(
        self, text: str, migrate_python: MigratePython, *, enabled: RuleFilter = None
    ) -> tuple[str, list[Finding]]:
        if not self.may_contain_legacy(text):
            return text, []
        lines = split_lines(text)
        fences = fenced_blocks(lines)
        shared = shared_python_namespace(fences, migrate_python)
        return migrate_blocks(
            lines,
            [
                (f.block, shared.get(id(f)) or block_migration(f.language, migrate_python, enabled))
                for f in fences
            ],
        )


def shared_python_namespace(
    fences: list[Fence], migrate_python: MigratePython
) -> dict[int, Migrate]:
    """The Python fences of one document, migrated together as notebook cells are: a README
    imports ``Model`` in its first block and calls it in the third, and readers run them in
    order in one interpreter. Returns a ready answer per fence (keyed by ``id(fence)``)."""
    from codemods.formats.notebook import migrate_python_cells

    python = [f for f in fences if f.language in PYTHON_LANGUAGES | IPYTHON_LANGUAGES]
    if len(python) < 2:
        return {}
    codes = [dedent_block(list(f.block.lines), f.block.indent) for f in python]
    new_codes, findings = migrate_python_cells(codes, migrate_python)

    def answer(code: str, new: Optional[str], found: list[Finding]) -> Migrate:
        return lambda given: (new if new is not None and given == code else given, found)

    return {
        id(f): answer(code, new, found)
        for f, code, new, found in zip(python, codes, new_codes, findings)
    }
