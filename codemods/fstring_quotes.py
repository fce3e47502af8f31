"""Quotes of new code placed inside an f-string's replacement field.

Why: before Python 3.12 (PEP 701) an expression inside ``f"...{...}..."`` may not use the
enclosing f-string's quote character, nor a backslash. The rendered forms write string
literals with double quotes (``Inputs.get_input_from_bytes("", ...)``), which inside
``f"{...}"`` does not compile on 3.9-3.11. So an edit made inside an f-string has its string
literals re-quoted with a quote every enclosing f-string allows; a literal that cannot be
(its text holds the other quote or a backslash, or both quotes are taken) is left as it is,
and the verified write then refuses the file rather than write code that does not compile.
The empty string, the rendered input id, becomes ``str()`` when no quote is left.
"""

from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

__all__ = ["quote_of", "requoted_for"]

_QUOTES = ('"', "'")


def quote_of(string: cst.FormattedString) -> str:
    """The quote character of an f-string (``'"'`` for ``f"..."`` and ``f\"\"\"...\"\"\"``)."""
    return string.start[-1]


def requoted_for(node: cst.CSTNode, enclosing_quotes: Sequence[str]) -> cst.CSTNode:
    """``node`` with every string literal in it using a quote the enclosing f-strings allow.

    ``enclosing_quotes`` are the quote characters of the f-strings around ``node``, outermost
    first; with none, ``node`` is returned unchanged.
    """
    if not enclosing_quotes:
        return node
    result = node.visit(_Requoter(frozenset(enclosing_quotes)))
    assert isinstance(result, cst.CSTNode)  # a transformer replacing literals by literals
    return result


def _free_quote(taken: frozenset[str]) -> Optional[str]:
    return next((q for q in _QUOTES if q not in taken), None)


class _Requoter(cst.CSTTransformer):
    """Re-quotes literals top-down; a nested f-string takes its own quote away from its parts."""

    def __init__(self, taken: frozenset[str]) -> None:
        super().__init__()
        self._taken: list[frozenset[str]] = [taken]

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        taken = self._taken[-1]
        quote = updated_node.quote
        if quote[0] not in taken:
            return updated_node
        new = _free_quote(taken)
        body = updated_node.raw_value
        if new is None and not body and "b" not in updated_node.prefix.lower():
            return cst.parse_expression("str()")  # no quote left for ""
        if new is None or new in body or "\\" in body:
            return updated_node
        return updated_node.with_changes(
            value=f"{updated_node.prefix}{new * len(quote)}{body}{new * len(quote)}"
        )

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        taken = self._taken[-1]
        quote = quote_of(node)
        if quote in taken:
            new = _free_quote(taken)
            quote = new if new is not None else quote
        self._taken.append(taken | {quote})
        return True

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.FormattedString:
        self._taken.pop()
        taken = self._taken[-1]
        old = quote_of(updated_node)
        if old not in taken:
            return updated_node
        new = _free_quote(taken)
        texts = [p.value for p in updated_node.parts if isinstance(p, cst.FormattedStringText)]
        if new is None or any(new in t or "\\" in t for t in texts):
            return updated_node
        width = len(updated_node.end)
        prefix = updated_node.start[: len(updated_node.start) - width]
        return updated_node.with_changes(start=prefix + new * width, end=new * width)
