"""Shell scripts, Makefiles and the shell blocks of docs: legacy ``clarifai model predict``.

Finds every ``clarifai model predict`` command (also as ``.venv/bin/clarifai``, after
``uv run``/``sudo``, in a Makefile recipe or variable) and applies the rules of
:mod:`codemods.formats.predict_command`. Only the command's own arguments are replaced: what
comes before (``VAR=x``, ``$`` prompts) and after (``| jq``, ``> out.txt``) stays. A command
written over several lines with backslash continuations is written back that way, one option
per line at the indentation of its last line. A command that cannot be rewritten keeps its
text and gets a ``# TODO(legacy-compat LC1xx): ...`` comment line above it (once: a second run
does not add another).

Example:
    >>> new, findings = migrate_shell(
    ...     "clarifai model predict --model_id m --user_id u --app_id a --url $U\\n")
    >>> new
    'clarifai model predict u/a/models/m --method predict --url $U\\n'
    >>> [f.code for f in findings]
    ['LC101', 'LC102']
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from codemods.findings import Finding, Outcome
from codemods.formats import CarrierHandler, MigratePython, RuleFilter
from codemods.formats.blocks import line_number_at
from codemods.formats.predict_command import SHELL_RULES, rewrite_predict_words, shell_todo_comment
from codemods.formats.shell_syntax import Word, command_word_lists

__all__ = ["ShellHandler", "may_contain_legacy_cli", "migrate_shell"]

_LEGACY_CLI = re.compile(r"(?:\bmodel|\blegacy-compat)\s+predict\b")
_CLARIFAI = re.compile(r"^[@+-]*(?:.*/)?clarifai$")
_LEGACY_COMPAT = re.compile(r"^[@+-]*(?:.*/)?legacy-compat$")
_CONSUMERS = frozenset({"|", "|&", ">", ">>", "&>", ">&"})


def may_contain_legacy_cli(text: str) -> bool:
    """Cheap textual test: could ``text`` hold a ``clarifai model predict`` command?"""
    return ("clarifai" in text or "legacy-compat" in text) and _LEGACY_CLI.search(text) is not None


def _logical_line_start(text: str, offset: int) -> int:
    """Start of the logical line (backslash continuations joined) that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    while start > 0 and text[: start - 1].endswith("\\"):
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def _commands(found: list[Word]) -> list[tuple[int, int, bool]]:
    """Each predict command: (index of its first argument, index after its last argument,
    and whether it is an already marked ``legacy-compat predict``)."""
    commands = []
    for index in range(len(found) - 1):
        first, second = found[index], found[index + 1]
        if first.operator:
            continue
        if _LEGACY_COMPAT.match(first.literal or "") and second.literal == "predict":
            kept, arguments = True, index + 2
        elif (
            _CLARIFAI.match(first.literal or "")
            and second.literal == "model"
            and index + 2 < len(found)
            and found[index + 2].literal == "predict"
        ):
            kept, arguments = False, index + 3
        else:
            continue
        end = arguments
        while end < len(found) and not found[end].operator:
            end += 1
        commands.append((arguments, end, kept))
    return commands


def _layout(text: str, found: list[Word], first: int, end: int, groups: list[list[str]]) -> str:
    """The new arguments, over one line or continued lines as the original was."""
    span = text[found[first].start : found[end - 1].end]
    if "\\\n" not in span:
        return " ".join(word for group in groups for word in group)
    last_line = text.rfind("\n", 0, found[end - 1].start) + 1
    indent = re.match(r"[ \t]*", text[last_line:])
    separator = " \\\n" + (indent.group(0) if indent else "")
    return separator.join(" ".join(group) for group in groups)


def migrate_shell(
    text: str, *, console: bool = False, enabled: RuleFilter = None, make: bool = False
) -> tuple[str, list[Finding]]:
    """``text`` with its legacy predict commands rewritten or marked, and the findings.

    ``console`` reads only lines that start with a ``$`` prompt (a ``console`` doc block).
    ``enabled`` turns rules off: a command is rewritten only if every rule its rewrite
    applies is on, and marked only if its marking rules are on (else it is left alone).
    ``make`` reads ``text`` as a Makefile: ``$(VAR)`` and ``$<`` are Make's, ``$$`` the
    shell's ``$``.
    """
    if "\r\n" in text and text.count("\n") == text.count("\r\n"):
        # A CRLF file (a doc edited on Windows): continuations are backslash-CR-LF there.
        lf_text = text.replace("\r\n", "\n")
        new, lf_findings = migrate_shell(lf_text, console=console, enabled=enabled, make=make)
        return new.replace("\n", "\r\n"), lf_findings
    is_on: Callable[[str], bool] = enabled or (lambda code: True)
    if not may_contain_legacy_cli(text):
        return text, []
    edits: list[tuple[int, int, str]] = []
    findings: list[Finding] = []
    commands = [
        (found, *command)
        for found in command_word_lists(text, make=make)
        for command in _commands(found)
    ]
    for found, arguments_index, end, is_kept in sorted(commands, key=lambda c: c[0][c[1]].start):
        index = arguments_index - (2 if is_kept else 3)
        clarifai = found[index]
        line_start = _logical_line_start(text, clarifai.start)
        logical = text[line_start : clarifai.start]
        if console and not logical.lstrip().startswith("$"):
            continue
        arguments = found[arguments_index:end]
        rewrite = rewrite_predict_words(arguments, make=make)
        rewrite.marks = [mark for mark in rewrite.marks if is_on(mark[0])]
        if not rewrite.marks and not all(is_on(code) for code in rewrite.applied):
            continue
        line = line_number_at(text, clarifai.start)
        column = clarifai.start - text.rfind("\n", 0, clarifai.start)
        if rewrite.marks:
            kept = rewrite.runs_on_legacy_compat
            comment = _todo_lines(text, line_start, rewrite.marks, console, kept)
            if comment:
                edits.append((line_start, line_start, comment))
            if kept and not is_kept:
                edits.append((clarifai.start, found[index + 2].end, _legacy_compat(clarifai)))
            for code, what in rewrite.marks:
                message = f"{what}; " + (
                    "runs through `legacy-compat predict` until rewritten by hand"
                    if kept
                    else "left as it is, rewrite it by hand"
                )
                findings.append(Finding(code, line, column, Outcome.MARKED, message))
            continue
        if rewrite.arguments is None:
            continue
        if is_kept:  # its blockers were fixed by hand: back to the SDK's CLI
            name = clarifai.raw[: len(clarifai.raw) - len("legacy-compat")] + "clarifai model"
            edits.append((clarifai.start, clarifai.end, name))
        new_arguments = _layout(text, found, arguments_index, end, rewrite.groups)
        edits.append((arguments[0].start, arguments[-1].end, new_arguments))
        assumptions = tuple(dict.fromkeys(rewrite.assumptions))
        for code in rewrite.applied:
            findings.append(
                Finding(
                    code,
                    line,
                    column,
                    Outcome.REWRITTEN,
                    f"{SHELL_RULES[code].title}: rewritten for the current CLI",
                    assumptions=assumptions,
                )
            )
        consumer = _consumer(text, found, index, end, line_start)
        if consumer is not None and is_on("LC109"):
            findings.append(
                Finding(
                    "LC109",
                    line,
                    column,
                    Outcome.REPORTED,
                    f"the output is {consumer}: the current CLI prints the method's return value,"
                    " not the response proto; check what reads it",
                )
            )
    # Back to front; at one offset the replacement goes before the insertion made there.
    for start, stop, replacement in sorted(edits, key=lambda edit: (-edit[0], -edit[1])):
        text = text[:start] + replacement + text[stop:]
    return text, findings


def _consumer(text: str, found: list[Word], index: int, end: int, line_start: int) -> Optional[str]:
    if end < len(found) and found[end].raw in _CONSUMERS:
        return "piped" if found[end].raw.startswith("|") else "redirected"
    before = text[line_start : found[index].start]
    if "$(" in before or "`" in before:
        return "captured"
    return None


def _legacy_compat(clarifai: Word) -> str:
    """``clarifai model predict`` -> ``legacy-compat predict``, keeping a path or ``@`` prefix."""
    raw = clarifai.raw
    return raw[: len(raw) - len("clarifai")] + "legacy-compat predict"


def _todo_lines(
    text: str, line_start: int, marks: list[tuple[str, str]], console: bool, kept: bool
) -> str:
    """The TODO comment lines to insert above a command, minus those already there."""
    indent_match = re.match(r"[ \t]*", text[line_start:])
    indent = indent_match.group(0) if indent_match else ""
    prompt = "$ " if console else ""
    existing: set[str] = set()
    above = text[:line_start].split("\n")[:-1]
    while above and above[-1].strip().lstrip("$ ").startswith("# TODO(legacy-compat "):
        existing.add(above.pop().strip())
    lines = [
        f"{indent}{prompt}{shell_todo_comment(code, what, kept=kept)}\n"
        for code, what in dict.fromkeys(marks)
    ]
    return "".join(line for line in lines if line.strip() not in existing)


class ShellHandler(CarrierHandler):
    """The ``.sh``/``.bash``/Makefile carrier."""

    name = "shell"

    def __init__(self, name: str = "shell") -> None:
        self.name = name

    def may_contain_legacy(self, text: str) -> bool:
        return may_contain_legacy_cli(text)

    def migrate(
        self, text: str, migrate_python: MigratePython, *, enabled: RuleFilter = None
    ) -> tuple[str, list[Finding]]:
        return migrate_shell(text, enabled=enabled, make=self.name == "makefile")
