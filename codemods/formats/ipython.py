"""IPython syntax in notebook cells: hide it from the Python parser, then put it back.

A notebook cell is Python plus IPython's own lines: line magics (``%pip install clarifai``),
shell escapes (``!ls``, ``files = !ls``), help (``model?``) and a first-line cell magic
(``%%time``). None of them parse as Python, and all of them must come back exactly as they
were. Each such line is replaced by ``pass`` with a numbered marker comment at the same
indentation (so the cell keeps its shape and line numbers), and restored by marker afterwards.

A cell whose cell magic hands the body to something else (``%%bash``, ``%%writefile``) is not
Python at all and is left alone.

Example:
    >>> masked = mask_ipython("%pip install clarifai\\nm.predict_by_url(u, 'image')\\n")
    >>> masked.code.splitlines()[0]
    'pass  # __legacy_compat_ipython_0__'
    >>> masked.unmask(masked.code) == "%pip install clarifai\\nm.predict_by_url(u, 'image')\\n"
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping, Optional

from codemods.findings import Finding
from codemods.formats.blocks import split_lines
from codemods.formats.shell import may_contain_legacy_cli, migrate_shell

__all__ = ["MaskedCell", "mask_ipython", "migrate_shell_escapes", "shell_cell_magic"]

#: Cell magics whose body is still Python run by the kernel.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "python", "python3"})

_IPYTHON_LINE = re.compile(
    r"""^[ \t]*(?:
        [%!]                                   # %magic, %%magic, !shell
      | \?                                     # ?help
      | [\w.]+[ \t]*\?{1,2}[ \t]*$             # name? / name??
      | [\w.,\ \t]+=[ \t]*[%!]                 # x = !ls, t = %timeit -o f()
    )""",
    re.VERBOSE,
)
_CELL_MAGIC = re.compile(r"^[ \t]*%%(\w+)")
_MARKER = "__legacy_compat_ipython_{}__"
_MASKED_LINE = re.compile(r"^([ \t]*)pass  # __legacy_compat_ipython_(\d+)__[ \t]*(\r?\n)?$")


@dataclass(frozen=True)
class MaskedCell:
    """A cell with its IPython lines replaced by markers, and how to restore them."""

    code: str
    originals: Mapping[int, str]
    header: str = ""  # a first-line cell magic, taken off the code

    @property
    def header_lines(self) -> int:
        return 1 if self.header else 0

    @property
    def masked_anything(self) -> bool:
        return bool(self.originals)

    def unmask(self, code: str) -> Optional[str]:
        """``code`` with every marker line restored, or None if a marker went missing."""
        restored: list[str] = []
        seen: set[int] = set()
        for line in split_lines(code):
            match = _MASKED_LINE.match(line)
            if match is None or int(match.group(2)) not in self.originals:
                restored.append(line)
                continue
            number = int(match.group(2))
            seen.add(number)
            restored.append(self.originals[number] + (match.group(3) or ""))
        if seen != set(self.originals):
            return None
        return self.header + "".join(restored)


def mask_ipython(code: str) -> Optional[MaskedCell]:
    """``code`` with IPython lines masked, or None if the cell is not Python at all.

    A first-line cell magic (``%%time``) is taken off rather than masked, and put back first:
    a migration that adds imports at the top must not push it down.
    """
    lines = split_lines(code)
    header = ""
    first = _CELL_MAGIC.match(lines[0]) if lines else None
    if first is not None:
        if first.group(1) not in PYTHON_CELL_MAGICS:
            return None
        header, lines = lines[0], lines[1:]
    originals: dict[int, str] = {}
    masked: list[str] = []
    indent = ""
    continuing = False
    for line in lines:
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        if continuing or _IPYTHON_LINE.match(body):
            number = len(originals)
            originals[number] = body
            if not continuing:  # a continued shell line keeps the indentation it started at
                indent = body[: len(body) - len(body.lstrip(" \t"))]
            masked.append(f"{indent}pass  # {_MARKER.format(number)}{ending}")
            continuing = body.endswith("\\")
        else:
            masked.append(line)
    return MaskedCell("".join(masked), originals, header)


_SHELL_ESCAPE = re.compile(r"^(?P<prefix>[ \t]*(?:[\w.,\ \t]+=[ \t]*)?)!(?!!)(?P<command>.*)$")
_SHELL_CELL_MAGICS = frozenset({"bash", "sh", "script"})


def _escape_lines(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line indexes of each shell escape, continuation lines included."""
    found = []
    index = 0
    while index < len(lines):
        if _SHELL_ESCAPE.match(lines[index].rstrip("\r\n")) is None:
            index += 1
            continue
        end = index + 1
        while lines[end - 1].rstrip("\r\n").endswith("\\") and end < len(lines):
            end += 1
        found.append((index, end))
        index = end
    return found


def migrate_shell_escapes(
    code: str, original: str, enabled: Optional[Callable[[str], bool]] = None
) -> tuple[str, list[Finding]]:
    """``code`` with legacy ``!clarifai model predict ...`` shell escapes rewritten.

    ``original`` is the cell before any migration: the k-th escape of ``code`` is the k-th of
    ``original`` (escapes are restored verbatim), so findings get the original's line numbers.
    A TODO comment for a marked command goes above the escape as a Python comment.
    """
    if not may_contain_legacy_cli(code):
        return code, []
    lines = split_lines(code)
    original_starts = [first for first, _ in _escape_lines(split_lines(original))]
    findings: list[Finding] = []
    for number, (first, end) in reversed(list(enumerate(_escape_lines(lines)))):
        match = _SHELL_ESCAPE.match(lines[first].rstrip("\r\n"))
        assert match is not None
        prefix = match.group("prefix")
        indent = prefix[: len(prefix) - len(prefix.lstrip(" \t"))]
        command = match.group("command") + lines[first][len(lines[first].rstrip("\r\n")) :]
        command += "".join(lines[first + 1 : end])
        new_command, command_findings = migrate_shell(command, enabled=enabled)
        line = original_starts[number] if number < len(original_starts) else first
        findings[:0] = [f.shifted(line) for f in command_findings]
        if new_command == command:
            continue
        new_lines = split_lines(new_command)
        todo = 0
        while todo < len(new_lines) and new_lines[todo].startswith("# TODO(legacy-compat "):
            todo += 1
        above = first
        existing = set()
        while above > 0 and lines[above - 1].strip().startswith("# TODO(legacy-compat "):
            above -= 1
            existing.add(lines[above].strip())
        rebuilt = [
            indent + todo_line
            for todo_line in new_lines[:todo]
            if todo_line.strip() not in existing
        ]
        rebuilt.append(prefix + "!" + "".join(new_lines[todo:]))
        lines[first:end] = rebuilt
    return "".join(lines), findings


def shell_cell_magic(code: str) -> bool:
    """Is this a ``%%bash`` / ``%%sh`` / ``%%script bash`` cell (its body is shell)?"""
    first = _CELL_MAGIC.match(code)
    return first is not None and first.group(1) in _SHELL_CELL_MAGICS
