"""The edits that carry the reads of a legacy response over to the new return value.

The response-access rule (LC004) and the status-check rule (LC005) decide them; the planner
applies them with :func:`build_read_edit`. They live here, apart from both rules, because they
are the vocabulary the rules and the planner share: the planner applies an edit without
knowing which rule made it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Callable, Union

import libcst as cst

from codemods.nodes import keep_parentheses, parse_in_brackets

__all__ = [
    "EditKind",
    "ReadEdit",
    "ReadPlan",
    "and_operands",
    "build_read_edit",
    "drop_operands",
    "unwrap",
]


class EditKind(str, enum.Enum):
    """How one read of the response (or the code around it) changes."""

    REPLACE_WITH_CALL = "call"  # the chain on the call itself -> new call + suffix
    REPLACE_WITH_TEXT = "text"  # a read -> an expression
    UNWRAP = "unwrap"  # an ``if`` whose test always held -> its body (an ``else`` goes)
    UNWRAP_ELSE = "unwrap-else"  # an ``if`` whose test never held -> its ``else`` body
    REMOVE = "remove"  # a statement that only guarded or reported, never running
    DROP_TERMS = "drop-terms"  # ``a and b and c`` -> the operands that are not always true
    TAKE_BODY = "take-body"  # ``x if r.outputs else y`` -> ``x``


@dataclass(frozen=True)
class ReadEdit:
    node: cst.CSTNode
    kind: EditKind
    text: str = ""
    dropped: tuple[int, ...] = ()  # DROP_TERMS: positions of the operands to drop


@dataclass
class ReadPlan:
    """Every edit for one call's reads, the value kinds read, and what becomes unused."""

    edits: list[ReadEdit] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    removed_names: set[str] = field(default_factory=set)  # names only used by removed code
    dead: list[cst.CSTNode] = field(default_factory=list)  # code that never ran on the shim

    def drop(self, node: cst.CSTNode, kind: EditKind) -> None:
        self.edits.append(ReadEdit(node, kind))
        if kind == EditKind.REMOVE:
            self.dead.append(node)


def and_operands(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """``a and b and c`` -> ``[a, b, c]`` (a parenthesised operand stays one operand)."""
    if (
        isinstance(node, cst.BooleanOperation)
        and isinstance(node.operator, cst.And)
        and not node.lpar
    ):
        return [*and_operands(node.left), *and_operands(node.right)]
    return [node]


def drop_operands(updated: cst.BooleanOperation, dropped: tuple[int, ...]) -> cst.CSTNode:
    """``updated`` (an ``and`` chain) without the operands at ``dropped``."""
    operands = [
        o
        for i, o in enumerate(and_operands(updated.left) + and_operands(updated.right))
        if i not in dropped
    ]
    result = operands[0]
    for operand in operands[1:]:
        result = cst.BooleanOperation(left=result, operator=updated.operator, right=operand)
    if updated.lpar and isinstance(result, cst.BooleanOperation):
        result = result.with_changes(lpar=updated.lpar, rpar=updated.rpar)
    return result


def unwrap(updated: cst.If, use_else: bool) -> cst.FlattenSentinel[cst.BaseStatement]:
    """The statements of the branch that always ran, in the ``if``'s place."""
    suite: cst.BaseSuite
    if use_else:
        assert isinstance(updated.orelse, cst.Else)
        suite = updated.orelse.body
    else:
        suite = updated.body
    header: list[cst.EmptyLine] = []
    if isinstance(suite, cst.IndentedBlock):
        body: list[cst.BaseStatement] = list(suite.body)
        if suite.header.comment is not None:  # ``if r.outputs:  # why``: keep the why
            header.append(cst.EmptyLine(comment=suite.header.comment))
    else:
        assert isinstance(suite, cst.SimpleStatementSuite)
        body = [
            cst.SimpleStatementLine(body=suite.body, trailing_whitespace=suite.trailing_whitespace)
        ]
    if body:
        first = body[0]
        body[0] = first.with_changes(
            leading_lines=[*updated.leading_lines, *header, *getattr(first, "leading_lines", ())]
        )
    return cst.FlattenSentinel(body)


def build_read_edit(
    edit: ReadEdit, updated: cst.CSTNode, new_call: Callable[[], cst.CSTNode]
) -> Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel[cst.BaseStatement]]:
    """The node that replaces ``edit.node`` (``updated``: it, with inner edits applied)."""
    if edit.kind == EditKind.REMOVE:
        return cst.RemovalSentinel.REMOVE
    if edit.kind in (EditKind.UNWRAP, EditKind.UNWRAP_ELSE):
        assert isinstance(updated, cst.If)
        return unwrap(updated, use_else=edit.kind == EditKind.UNWRAP_ELSE)
    if edit.kind == EditKind.TAKE_BODY:
        assert isinstance(updated, cst.IfExp)
        if updated.lpar and not updated.body.lpar:
            return updated.body.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        return updated.body
    if edit.kind == EditKind.DROP_TERMS:
        assert isinstance(updated, cst.BooleanOperation)
        return drop_operands(updated, edit.dropped)
    if edit.kind == EditKind.REPLACE_WITH_CALL:
        call = new_call()
        if not edit.text:
            return keep_parentheses(updated, call)
        template = parse_in_brackets("_" + edit.text)
        placeholder = _first_name(template)
        return keep_parentheses(updated, template.deep_replace(placeholder, call))
    return keep_parentheses(updated, parse_in_brackets(edit.text))


def _first_name(node: cst.BaseExpression) -> cst.Name:
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        node = node.value
    assert isinstance(node, cst.Name)
    return node
