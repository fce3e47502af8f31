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

__all__ = ["source_of", "string_value"]

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
