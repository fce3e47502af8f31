"""Apply a :class:`~codemods.planner.ModulePlan` to the tree, one top-level statement at a time.

Edits are keyed by node identity, so the transformer never re-matches anything: it replaces
the planned nodes, adds the planned ``# TODO(legacy-compat ...)`` comments (once: a second run
sees the comment and adds nothing), and keeps blocks valid when a statement is removed.
"""

from __future__ import annotations

from typing import Sequence, Union

import libcst as cst

from codemods.planner import ModulePlan

__all__ = ["PlanApplier", "apply_to_statement"]


class PlanApplier(cst.CSTTransformer):
    def __init__(self, plan: ModulePlan) -> None:
        super().__init__()
        self.plan = plan

    def on_leave(  # type: ignore[override]  # any node may be replaced by any other
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel[cst.CSTNode]]:
        result: Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel[cst.CSTNode]]
        result = super().on_leave(original_node, updated_node)
        comments = self.plan.comments.get(original_node)
        if comments and isinstance(result, cst.CSTNode):
            result = _with_comments(result, comments)
        for edit in self.plan.edits.get(original_node, ()):
            if not isinstance(result, cst.CSTNode):
                break
            result = edit.build(result)
        return result

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        if not updated_node.body:
            return updated_node.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated_node


def _with_comments(node: cst.CSTNode, comments: Sequence[str]) -> cst.CSTNode:
    leading = list(getattr(node, "leading_lines", ()))
    present = {line.comment.value for line in leading if line.comment is not None}
    added = [cst.EmptyLine(comment=cst.Comment(text)) for text in comments if text not in present]
    if not added:
        return node
    return node.with_changes(leading_lines=[*leading, *added])


def apply_to_statement(statement: cst.BaseStatement, plan: ModulePlan) -> list[cst.BaseStatement]:
    """The statements that replace one top-level statement (none if it was removed)."""
    result = statement.visit(PlanApplier(plan))
    if isinstance(result, cst.RemovalSentinel):
        return []
    if isinstance(result, cst.FlattenSentinel):
        return [n for n in result.nodes if isinstance(n, cst.BaseStatement)]
    assert isinstance(result, cst.BaseStatement)
    return [result]
