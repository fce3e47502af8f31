"""The verified write: the engine checks its own output before anyone sees it (issue 10 §1).

A codemod that is right 95% of the time cannot be run on a repository, so every migrated text
passes four checks before it is written or shown as a diff; a text that fails one is dropped,
the file is left as it was, and the run reports it as ``skipped`` with the check that failed
(code :data:`VERIFY_CODE`, exit code 4 of ``legacy-compat migrate``):

* **compiles**: ``compile()`` of the output (of the bytes that would be written, when the
  caller says how text becomes bytes, so an encoding declaration counts), wherever the input
  compiled;
* **comments**: every comment token of the input is still in the output, counted as a
  multiset (TODO markers may be added; none may be lost or altered);
* **header**: a shebang and an encoding declaration stay on the line (1 or 2) they were on;
* **idempotent**: running the migration again on the output changes nothing.

None of the checks runs when the output equals the input, so an untouched file costs nothing.
The second migration pass runs only on changed output, and stops at the engine's pre-filter
unless a legacy call is left in it (a marked site): then it costs what the first pass did, which
makes it the one expensive check (``bench/codemod_bench.py --dense`` prints its share).

Carriers (notebooks, Markdown, reST, shell) get their Python pieces checked by the same
function, since they migrate through :func:`codemods.engine.migrate_python`; on top of that
:func:`carrier_failure` checks that the carrier itself round-trips (a notebook is still the
same JSON document apart from code-cell sources, a doc keeps its code blocks and the text
between them) and that migrating it again changes nothing.

Example:
    >>> python_failure("x = 1  # keep\\n", "x = 2\\n", again=None)
    VerificationFailure(check='comments', line=1, detail="would lose the comment '# keep'")
"""

from __future__ import annotations

import json
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from codemods.findings import Finding, Outcome

__all__ = [
    "VERIFY_CODE",
    "VerificationFailure",
    "carrier_failure",
    "comment_tokens",
    "python_failure",
    "skipped_finding",
]

#: The ``code`` of the ``skipped`` finding a failed check gives (``--json``, summary, CI).
VERIFY_CODE = "VERIFY"

#: PEP 263: an encoding declaration is a comment on line 1 or 2 matching this.
_ENCODING_DECLARATION = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")
_FIRST_TWO_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


@dataclass(frozen=True)
class VerificationFailure:
    """Which check failed, the 1-based line it concerns (0: the whole file), and why."""

    check: str
    line: int
    detail: str

    def message(self) -> str:
        return (
            f"left unchanged: the migrated code failed the {self.check!r} check ({self.detail}); "
            "please report it"
        )


def skipped_finding(failure: VerificationFailure, path: str = "") -> Finding:
    """The one finding that replaces a file's (or block's) findings when its output failed."""
    return Finding(VERIFY_CODE, failure.line, 0, Outcome.SKIPPED, failure.message(), path)


Source = Union[str, bytes]


def _compile_error(source: Source, path: str) -> Optional[SyntaxError]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes and the like: the user's business
        try:
            compile(source, path or "<migrated>", "exec", dont_inherit=True)
        except SyntaxError as exc:
            return exc
        except ValueError as exc:  # null bytes
            return SyntaxError(str(exc))
    return None


def _compiles_failure(old: Source, new: Source, path: str) -> Optional[VerificationFailure]:
    # The output is compiled first: the input is compiled only to excuse a failure.
    error = _compile_error(new, path)
    if error is None or _compile_error(old, path) is not None:
        return None
    return VerificationFailure(
        "compiles", error.lineno or 0, f"{type(error).__name__}: {error.msg}"
    )


#: One lexeme that can hold a ``#``: a comment, or a string literal (any prefix, any quotes)
#: whose ``#`` is not a comment. The first of ``#``, ``'`` and ``"`` decides which one starts.
_COMMENT_OR_STRING = re.compile(
    r"""\#[^\r\n]*
    |(?P<string>'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\"
       |'(?:\\.|[^\\'\r\n])*'|"(?:\\.|[^\\"\r\n])*")""",
    re.S | re.X,
)


def comment_tokens(text: str) -> Counter[str]:
    """The comments of ``text`` as a multiset, each without trailing whitespace.

    The same tokens :mod:`tokenize` calls ``COMMENT`` (checked to agree on every file of the
    installed site-packages, 5,994 files), found by one regular expression at ten times the
    speed: on Python 3.11 the pure-Python tokenizer would cost a third of a libcst parse.
    """
    if "#" not in text:
        return Counter()
    found: Counter[str] = Counter()
    for match in _COMMENT_OR_STRING.finditer(text):
        if match.lastgroup is None:
            found[match.group().rstrip()] += 1
    return found


def _comments_failure(old: str, new: str) -> Optional[VerificationFailure]:
    before = comment_tokens(old)
    if not before:
        return None
    lost = before - comment_tokens(new)
    if not lost:
        return None
    comment = next(iter(lost))
    line = next((n for n, text in enumerate(old.splitlines(), 1) if comment in text), 0)
    more = sum(lost.values()) - 1
    detail = f"would lose the comment {comment!r}" + (f" and {more} more" if more else "")
    return VerificationFailure("comments", line, detail)


def _header(text: str) -> list[tuple[int, str]]:
    """(line, text) of the shebang and the encoding declaration among lines 1-2."""
    lines = [m.rstrip("\r\n") for m in _FIRST_TWO_LINES.findall(text, 0, 4096)[:2]]
    found = []
    for number, line in enumerate(lines, 1):
        if (number == 1 and line.startswith("#!")) or _ENCODING_DECLARATION.match(line):
            found.append((number, line))
        elif line.strip() and not line.lstrip().startswith("#"):
            break  # PEP 263: the declaration may follow only a comment or blank line
    return found


def _header_failure(old: str, new: str) -> Optional[VerificationFailure]:
    before = _header(old)
    if not before or _header(new) == before:
        return None
    number, line = next(h for h in before if h not in _header(new))
    what = "shebang" if line.startswith("#!") and number == 1 else "encoding declaration"
    return VerificationFailure("header", number, f"the {what} {line!r} would leave line {number}")


def _first_difference(old: str, new: str) -> int:
    for number, (a, b) in enumerate(zip(old.splitlines(), new.splitlines()), 1):
        if a != b:
            return number
    return min(old.count("\n"), new.count("\n")) + 1


def python_failure(
    old: str,
    new: str,
    *,
    again: Optional[Callable[[str], str]],
    path: str = "",
    encode: Optional[Callable[[str], bytes]] = None,
) -> Optional[VerificationFailure]:
    """The first check that the migrated Python ``new`` of ``old`` fails, or None.

    ``again`` is the same migration (same options), applied to ``new`` for the idempotence
    check (None skips it); ``encode`` turns text into the bytes to be written, so that the
    compile check sees exactly what the interpreter will read.
    """
    if new == old:
        return None
    failure = _header_failure(old, new) or _comments_failure(old, new)
    if failure is not None:
        return failure
    if encode is not None:
        try:
            old_source: Source = encode(old)
            new_source: Source = encode(new)
        except UnicodeEncodeError as exc:
            detail = f"it cannot be written in the file's encoding {exc.encoding!r}"
            return VerificationFailure("compiles", _first_difference(old, new), detail)
    else:
        old_source, new_source = old, new
    failure = _compiles_failure(old_source, new_source, path)
    if failure is not None:
        return failure
    return _idempotence_failure(new, again)


def _idempotence_failure(
    new: str, again: Optional[Callable[[str], str]]
) -> Optional[VerificationFailure]:
    if again is None:
        return None
    repeated = again(new)
    if repeated == new:
        return None
    return VerificationFailure(
        "idempotent", _first_difference(new, repeated), "a second run would change it again"
    )


# -- carriers ---------------------------------------------------------------------------------


def _notebook_without_code(text: str) -> Optional[Any]:
    """The notebook's JSON with every code cell's source blanked (None: not a notebook)."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    cells = document.get("cells") if isinstance(document, dict) else None
    for cell in cells if isinstance(cells, list) else ():
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            cell["source"] = None
    return document


def _doc_outline(text: str, blocks_of: Callable[[list[str]], Any]) -> tuple[list[Any], list[str]]:
    """A doc's code blocks' languages and every line outside them (Markdown fences and reST
    blocks alike: ``blocks_of`` is the carrier's own block finder)."""
    from codemods.formats.blocks import split_lines

    lines = split_lines(text)
    outside, position, languages = [], 0, []
    for found in blocks_of(lines):
        start = found.block.first_line - 1
        outside.extend(lines[position:start])
        position = start + len(found.block.lines)
        languages.append(found.language)
    outside.extend(lines[position:])
    return languages, outside


def _markdown_outline(text: str) -> tuple[list[Any], list[str]]:
    from codemods.formats.markdown import fenced_blocks

    return _doc_outline(text, fenced_blocks)


def _rst_outline(text: str) -> tuple[list[Any], list[str]]:
    from codemods.formats.rst import rst_blocks

    return _doc_outline(text, rst_blocks)


#: How each carrier's structure is read; equal outlines before and after mean it round-trips.
_OUTLINES: dict[str, Callable[[str], Any]] = {
    "notebook": _notebook_without_code,
    "markdown": _markdown_outline,
    "rst": _rst_outline,
}


def carrier_failure(
    carrier: str, old: str, new: str, *, again: Optional[Callable[[str], str]]
) -> Optional[VerificationFailure]:
    """The first check that the migrated carrier text ``new`` fails, or None.

    Its Python pieces were checked as they were migrated; here the carrier must keep its
    structure (what :data:`_OUTLINES` reads for it) and be a fixed point of the migration.
    """
    if new == old:
        return None
    outline = _OUTLINES.get(carrier)
    if outline is not None:
        before = outline(old)
        if before is not None and outline(new) != before:
            return VerificationFailure(
                "round-trip",
                _first_difference(old, new),
                f"the {carrier} outside the migrated code would change",
            )
    return _idempotence_failure(new, again)
