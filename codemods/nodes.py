"""Small answers about libcst nodes that the planner and every rule need.

Kept in one place so "the source text of a node" and "the value of a string literal" mean
the same thing wherever a rule asks.

>>> import libcst as cst
>>> source_of(cst.parse_expression("f( x )"))
'f( x )'
>>> string_value(cst.parse_expression("'cat'")), string_value(cst.parse_expression("b'cat'"))
('cat', None)
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

__all__ = ["has_comment", "keep_parentheses", "parse_in_brackets", "source_of", "string_value"]

_EMPTY_MODULE = cst.Module([])


def source_of(node: cst.CSTNode) -> str:
    """The node's own source text, without the whitespace its parent owns."""
    return _EMPTY_MODULE.code_for_node(node).strip()


def string_value(node: Optional[cst.BaseExpression]) -> Optional[str]:
    """The value of a plain (non-bytes, non-f) string literal, else None."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def parse_in_brackets(text: str) -> cst.BaseExpression:
    """Parse the text of an expression that will sit inside brackets (a call's arguments, a
    parenthesised chain), where it may span lines: ``x\n    .upper()`` is valid there but not
    as a statement of its own, so it is parsed in parentheses that are then left off."""
    try:
        return cst.parse_expression(text)
    except cst.ParserSyntaxError:
        if "\n" not in text and "\r" not in text:
            raise
    node = cst.parse_expression(f"({text})")
    return node.with_changes(lpar=node.lpar[1:], rpar=node.rpar[:-1])


def keep_parentheses(replaced: cst.CSTNode, new: cst.CSTNode) -> cst.CSTNode:
    """``new`` wearing the parentheses ``replaced`` wore: in ``x = (\n model\n .read\n)`` the
    parentheses belong to the outermost read, and dropping them leaves the continuation lines
    outside any bracket (an IndentationError)."""
    lpar = getattr(replaced, "lpar", ())
    if not lpar or not isinstance(new, cst.BaseExpression):
        return new
    return new.with_changes(
        lpar=[*lpar, *new.lpar], rpar=[*new.rpar, *getattr(replaced, "rpar", ())]
    )


def has_comment(*nodes: Optional[cst.CSTNode]) -> bool:
    """Whether any of ``nodes`` holds a comment (code that goes must not take one with it)."""
    """Whether dropping ``nodes`` would drop a comment (the write must keep every comment)."""
    found = False

    class _Comments(cst.CSTVisitor):
        def visit_Comment(self, node: cst.Comment) -> bool:
            nonlocal found
            found = True
            return False

    for node in nodes:
        if node is not None and not found:
            node.visit(_Comments())
    return found
