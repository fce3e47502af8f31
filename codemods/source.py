"""Source text in and out: encodings, line endings, and the parts of a file worth parsing.

Two jobs, both about touching as little as possible:

* **Bytes <-> text.** A file is decoded with its PEP 263 cookie (or UTF-8), its BOM and line
  endings are remembered, and the result is encoded back the same way, so a rewrite changes
  only the rewritten expressions.
* **The parts that matter.** libcst's scope analysis costs several times a parse, and legacy
  calls sit in a few functions of a long module. :func:`split_top_level` cuts a module into
  top-level chunks with the cheap :mod:`ast` parser; :class:`ReducedSource` keeps the chunks
  that can take part in a rewrite (imports and other module-level statements, and the
  definitions that mention a legacy method or a ``Model``) and maps their lines back to the
  file. Rewritten top-level statements are spliced back into the original text by line.
"""

from __future__ import annotations

import ast
import codecs
import io
import re
import tokenize
from dataclasses import dataclass
from typing import Optional, Sequence

from codemods.legacy_api import LEGACY_METHOD_PATTERN

__all__ = [
    "LEGACY_CALL_PATTERN",
    "Chunk",
    "DecodedSource",
    "ReducedSource",
    "decode_source",
    "split_lines",
    "split_top_level",
]

#: Bytes that every file with a legacy call contains; files without it are never parsed.
LEGACY_CALL_PATTERN = re.compile(LEGACY_METHOD_PATTERN.encode("ascii"))
_LEGACY_TEXT = re.compile(LEGACY_METHOD_PATTERN)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split only where Python's tokenizer splits (not on \\f)."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class DecodedSource:
    """A file's text plus what is needed to write it back byte for byte."""

    text: str
    encoding: str
    bom: bool
    newline: str

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def detect_newline(text: str) -> str:
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def decode_source(data: bytes) -> DecodedSource:
    """Decode Python source bytes as the interpreter would (BOM, PEP 263 cookie, UTF-8)."""
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    encoding, _ = tokenize.detect_encoding(io.BytesIO(body).readline)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    text = body.decode(encoding)
    return DecodedSource(text=text, encoding=encoding, bom=bom, newline=detect_newline(text))


@dataclass(frozen=True)
class Chunk:
    """Lines ``[start, end)`` (0-based) of the file: one top-level statement group and the
    comments and blank lines above it. ``keep`` says whether the reduced module includes it."""

    start: int
    end: int
    first_code_line: int
    is_definition: bool
    keep: bool
    statements: tuple[ast.stmt, ...] = ()
    mentions_legacy: bool = False


def split_top_level(
    tree: ast.Module, lines: Sequence[str], model_words: re.Pattern[str]
) -> list[Chunk]:
    """Cut the file into chunks, one per group of top-level statements starting on a line.

    A definition is kept only if its text mentions a legacy method or one of ``model_words``;
    every other statement (imports, assignments, ``if``/``try`` blocks) is always kept, because
    names resolve through them.
    """
    # (first line, last line, is_definition, statements), lines 0-based
    groups: list[tuple[int, int, bool, list[ast.stmt]]] = []
    for statement in tree.body:
        first = statement.lineno - 1
        decorators = getattr(statement, "decorator_list", None)
        if decorators:
            first = min(first, *(d.lineno - 1 for d in decorators))
        last = (statement.end_lineno or statement.lineno) - 1
        if groups and first <= groups[-1][1]:
            start, previous_last, _, statements = groups[-1]
            groups[-1] = (start, max(last, previous_last), False, [*statements, statement])
            continue
        groups.append((first, last, isinstance(statement, _DEFINITIONS), [statement]))
    chunks: list[Chunk] = []
    previous_end = 0
    for index, (first, last, definition, statements) in enumerate(groups):
        end = len(lines) if index == len(groups) - 1 else last + 1
        text = "".join(lines[previous_end:end])
        legacy = _LEGACY_TEXT.search(text) is not None
        keep = not definition or legacy or model_words.search(text) is not None
        chunks.append(Chunk(previous_end, end, first, definition, keep, tuple(statements), legacy))
        previous_end = end
    return chunks


@dataclass
class ReducedSource:
    """The kept chunks joined into one parseable module, with a line map back to the file."""

    text: str
    line_map: list[int]  # reduced line index -> original line index
    complete: bool  # True when nothing was dropped

    @classmethod
    def build(cls, lines: Sequence[str], chunks: Optional[Sequence[Chunk]]) -> ReducedSource:
        if chunks is None:
            return cls("".join(lines), list(range(len(lines))), True)
        kept_lines: list[str] = []
        line_map: list[int] = []
        for chunk in chunks:
            if chunk.keep:
                kept_lines.extend(lines[chunk.start : chunk.end])
                line_map.extend(range(chunk.start, chunk.end))
        if kept_lines and not kept_lines[-1].endswith(("\n", "\r")):
            kept_lines[-1] += "\n"
        complete = len(line_map) == len(lines)
        return cls("".join(kept_lines), line_map, complete)

    def original_range(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """The file's lines for reduced lines ``[start, end)``, or None if not contiguous."""
        if start >= end:
            return None
        first, last = self.line_map[start], self.line_map[end - 1]
        if last - first != end - 1 - start:
            return None
        return first, last + 1

    def original_line(self, reduced_line: int) -> int:
        """1-based file line for a 1-based reduced line."""
        index = min(max(reduced_line - 1, 0), len(self.line_map) - 1) if self.line_map else 0
        return (self.line_map[index] + 1) if self.line_map else reduced_line
