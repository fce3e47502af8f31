"""Jupyter notebooks (``.ipynb``): migrate the code cells, touch nothing else.

Only the ``source`` of code cells changes, spliced into the exact span of the old value (see
:mod:`codemods.formats.json_layout`), so outputs, metadata, key order, indentation, escapes and
the trailing newline stay as the notebook's writer left them; a notebook without legacy calls
comes back byte-identical. A source stored as a list of lines stays a list of lines (one
element per line, laid out like its neighbours); a source stored as one string stays a string.
IPython lines (magics, shell escapes) are masked while the cell is migrated
(:mod:`codemods.formats.ipython`). Findings point at the JSON line that holds the cell line.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from typing import Optional

from codemods.findings import Finding, Outcome
from codemods.formats import CarrierHandler, MigratePython, RuleFilter, may_contain_legacy_python
from codemods.formats.blocks import line_number_at, split_lines
from codemods.formats.embedded import migrate_ipython
from codemods.formats.ipython import (
    MaskedCell,
    mask_ipython,
    migrate_shell_escapes,
    shell_cell_magic,
)
from codemods.formats.json_layout import JsonNode, parse_with_spans
from codemods.formats.shell import migrate_shell

__all__ = ["NotebookHandler"]


class NotebookHandler(CarrierHandler):
    """The ``.ipynb`` carrier."""

    name = "notebook"

    def migrate(
        self, text: str, migrate_python: MigratePython, *, enabled: RuleFilter = None
    ) -> tuple[str, list[Finding]]:
        if not self.may_contain_legacy(text):
            return text, []
        try:
            root = parse_with_spans(text)
        except json.JSONDecodeError as exc:
            return text, [
                Finding(
                    "",
                    exc.lineno,
                    exc.colno,
                    Outcome.SKIPPED,
                    f"notebook is not valid JSON ({exc.msg}); left unchanged",
                )
            ]
        if not _is_python_notebook(root):
            return text, []
        cells = root.children.get("cells")
        if cells is None or cells.kind != "array":
            return text, []
        ensure_ascii = _uses_ascii_escapes(text)
        sources = [source for source in map(_code_source, cells.items) if source is not None]
        new_codes, findings = migrate_cells(
            [_source_text(source) for source in sources], migrate_python, enabled
        )
        edits: list[tuple[JsonNode, str]] = []
        carrier: list[Finding] = []
        for source, new_code, cell_findings in zip(sources, new_codes, findings):
            carrier.extend(_carrier_finding(text, source, f) for f in cell_findings)
            if new_code is not None:
                edits.append((source, _render_source(text, source, new_code, ensure_ascii)))
        for node, replacement in sorted(edits, key=lambda edit: -edit[0].start):
            text = text[: node.start] + replacement + text[node.end :]
        return text, carrier


_CELL_MARKER = "# __legacy_compat_cell_{}__\n"
_CELL_MARKER_LINE = re.compile(r"^# __legacy_compat_cell_(\d+)__\r?\n", re.MULTILINE)


def _parses(code: str) -> Optional[SyntaxError]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. invalid escape sequences: not our concern
            ast.parse(code)
    except SyntaxError as exc:
        return exc
    except ValueError as exc:  # null bytes
        return SyntaxError(str(exc))
    return None


def migrate_cells(
    codes: list[str], migrate_python: MigratePython, enabled: RuleFilter = None
) -> tuple[list[Optional[str]], list[list[Finding]]]:
    """New code and findings per cell: Python together (:func:`migrate_python_cells`), then
    the legacy ``clarifai model predict`` command lines of shell escapes and shell cells."""
    new_codes, findings = migrate_python_cells(codes, migrate_python)
    for index, code in enumerate(codes):
        if shell_cell_magic(code):
            header, _, body = code.partition("\n")
            new_body, shell_findings = migrate_shell(body, enabled=enabled)
            findings[index].extend(f.shifted(1) for f in shell_findings)
            if new_body != body:
                new_codes[index] = header + "\n" + new_body
            continue
        current = new_codes[index] if new_codes[index] is not None else code
        new_code, shell_findings = migrate_shell_escapes(str(current), code, enabled)
        findings[index].extend(shell_findings)
        if new_code != current:
            new_codes[index] = new_code
    return new_codes, findings


def migrate_python_cells(
    codes: list[str], migrate_python: MigratePython
) -> tuple[list[Optional[str]], list[list[Finding]]]:
    """New code per cell (None: unchanged) and findings per cell, lines counted in the cell.

    The cells of a notebook run in one namespace: ``Model`` imported in the first cell is the
    ``Model`` of a call in the fifth. So the Python cells are migrated together, as one module
    with a marker comment before each cell, and split back at the markers; imports the
    migration adds land in the cell that holds the imports. Cells that do not parse are left
    out (and reported when they mention a legacy method); if the markers do not survive, each
    cell is migrated on its own instead.
    """
    new_codes: list[Optional[str]] = [None] * len(codes)
    findings: list[list[Finding]] = [[] for _ in codes]
    masked: dict[int, MaskedCell] = {}
    for index, code in enumerate(codes):
        cell = mask_ipython(code)
        if cell is None:
            continue
        error = _parses(cell.code)
        if error is None:
            masked[index] = cell
        elif may_contain_legacy_python(code):
            line = (error.lineno or 1) + cell.header_lines
            findings[index].append(
                Finding(
                    "",
                    line,
                    error.offset or 1,
                    Outcome.SKIPPED,
                    f"cell does not parse ({error.msg}); left unchanged",
                )
            )
    if not any(may_contain_legacy_python(cell.code) for cell in masked.values()):
        return new_codes, findings

    parts: list[str] = []
    starts: list[tuple[int, int]] = []  # (first line of the cell in the module, cell index)
    line = 1
    for index, cell in masked.items():
        body = cell.code if cell.code.endswith("\n") or not cell.code else cell.code + "\n"
        parts.append(_CELL_MARKER.format(index) + body)
        starts.append((line + 1, index))
        line += 1 + body.count("\n")
    module = "".join(parts)
    new_module, module_findings = migrate_python(module)

    pieces = _CELL_MARKER_LINE.split(new_module)
    order = [int(number) for number in pieces[1::2]]
    if order != list(masked):
        return _each_on_its_own(codes, masked, migrate_python, new_codes, findings)
    for finding in module_findings:
        first, index = max(
            (start for start in starts if start[0] <= max(finding.line, starts[0][0])),
            key=lambda start: start[0],
        )
        cell = masked[index]
        findings[index].append(finding.shifted(cell.header_lines - first + 1))
    for position, index in enumerate(order):
        cell = masked[index]
        body = pieces[2 + 2 * position]
        if position == 0:
            body = pieces[0] + body  # anything put before the first marker joins the first cell
        if not cell.code.endswith("\n") and body.endswith("\n"):
            body = body[:-1]
        if body == cell.code:
            continue
        restored = cell.unmask(body)
        if restored is None:
            findings[index].append(_lost_ipython_line())
            continue
        new_codes[index] = restored
    return new_codes, findings


def _each_on_its_own(
    codes: list[str],
    masked: dict[int, MaskedCell],
    migrate_python: MigratePython,
    new_codes: list[Optional[str]],
    findings: list[list[Finding]],
) -> tuple[list[Optional[str]], list[list[Finding]]]:
    for index in masked:
        new_code, cell_findings = migrate_ipython(codes[index], migrate_python)
        findings[index].extend(cell_findings)
        if new_code != codes[index]:
            new_codes[index] = new_code
    return new_codes, findings


def _lost_ipython_line() -> Finding:
    return Finding(
        "",
        1,
        1,
        Outcome.SKIPPED,
        "the migration lost an IPython line (magic or shell escape); the cell is left unchanged",
    )


def _is_python_notebook(root: JsonNode) -> bool:
    metadata = root.children.get("metadata")
    if metadata is None:
        return True
    for section, key in (("kernelspec", "language"), ("language_info", "name")):
        holder = metadata.children.get(section)
        language = holder.children.get(key) if holder is not None else None
        if language is not None and isinstance(language.value, str):
            return language.value.lower().startswith("python")
    return True


def _code_source(cell: JsonNode) -> Optional[JsonNode]:
    kind = cell.children.get("cell_type")
    source = cell.children.get("source")
    if kind is None or kind.value != "code" or source is None:
        return None
    if source.kind == "array" and all(isinstance(item.value, str) for item in source.items):
        return source
    if source.kind == "scalar" and isinstance(source.value, str):
        return source
    return None


def _source_text(source: JsonNode) -> str:
    if source.kind == "array":
        return "".join(item.value for item in source.items)
    return str(source.value)


def _uses_ascii_escapes(text: str) -> bool:
    """Did the writer escape non-ASCII characters (``ensure_ascii``)? nbformat does not."""
    return text.isascii() and "\\u" in text


def _carrier_finding(text: str, source: JsonNode, finding: Finding) -> Finding:
    """``finding`` moved from its cell line to the JSON line that holds that cell line."""
    if source.kind == "array" and 1 <= finding.line <= len(source.items):
        line = line_number_at(text, source.items[finding.line - 1].start)
    else:
        line = line_number_at(text, source.start)
    return finding.shifted(line - finding.line)


def _render_source(source_text: str, source: JsonNode, code: str, ensure_ascii: bool) -> str:
    def encode(value: str) -> str:
        return json.dumps(value, ensure_ascii=ensure_ascii)

    if source.kind != "array":
        return encode(code)
    elements = [encode(line) for line in split_lines(code)]
    if not elements:
        return "[]"
    opening, separator, closing = _array_layout(source_text, source)
    return "[" + opening + separator.join(elements) + closing + "]"


def _array_layout(text: str, source: JsonNode) -> tuple[str, str, str]:
    """The whitespace the writer put after ``[``, between items and before ``]``."""
    items = source.items
    if len(items) >= 2:
        return (
            text[source.start + 1 : items[0].start],
            text[items[0].end : items[1].start],
            text[items[-1].end : source.end - 1],
        )
    if len(items) == 1:
        opening = text[source.start + 1 : items[0].start]
        closing = text[items[0].end : source.end - 1]
        return opening, "," + opening if opening else ", ", closing
    # An empty source holds no legacy call, so it is never rewritten; keep it compact.
    return "", ", ", ""
