"""Apply a :class:`~codemods.planner.ModulePlan` to the tree, one top-level statement at a time.

Edits are keyed by node identity, so the transformer never re-matches anything: it replaces
the planned nodes, adds the planned ``# TODO(legacy-compat ...)`` comments (once: a second run
sees the comment and adds nothing), and keeps blocks valid when a statement is removed.

No comment of the user's is lost: a comment that lived inside code the rewrite replaced (an
argument that is dropped, an ``inference_params`` entry that was commented out) comes back on
its own line just above the statement that held it, in its original order.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence, Union

import libcst as cst

from codemods.fstring_quotes import quote_of, requoted_for
from codemods.planner import ModulePlan

__all__ = ["PlanApplier", "apply_to_statement"]


class PlanApplier(cst.CSTTransformer):
    """Applies a module plan's edits to one statement, keeping every comment of the code it
    replaces (``repair_comments``): a comment inside a replaced node is put back above the
    statement that held it, and a removed statement leaves its comments to the next one."""

    def __init__(self, plan: ModulePlan, *, repair_comments: bool = True) -> None:
        super().__init__()
        self.plan = plan
        self.repair_comments = repair_comments
        self._edited = False  # an edit was applied somewhere below the statement being left
        # Edits applied so far, and that count when each node on the path was entered: a
        # subtree with no edit of its own cannot have lost a comment, so it is not searched.
        self._edit_count = 0
        self._counts_on_entry: list[int] = []
        self._comment_memo: _CommentMemo = {}
        self._placeholders: set[int] = set()  # ids of removed statements that held comments
        self._fstring_quotes: list[str] = []  # quotes of the f-strings around the node visited

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        self._fstring_quotes.append(quote_of(node))
        return True

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.FormattedString:
        self._fstring_quotes.pop()
        return updated_node

    def on_visit(self, node: cst.CSTNode) -> bool:
        self._counts_on_entry.append(self._edit_count)
        return super().on_visit(node)

    def on_leave(  # type: ignore[override]  # any node may be replaced by any other
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel[cst.CSTNode]]:
        result: Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel[cst.CSTNode]]
        result = super().on_leave(original_node, updated_node)
        count_on_entry = self._counts_on_entry.pop()
        comments = self.plan.comments.get(original_node)
        if comments and isinstance(result, cst.CSTNode):
            result = _with_comments(result, comments)
        for edit in self.plan.edits.get(original_node, ()):
            if not isinstance(result, cst.CSTNode):
                break
            result = edit.build(result)
            if isinstance(result, cst.CSTNode):
                result = requoted_for(result, self._fstring_quotes)
            self._edited = True
            self._edit_count += 1
        edited_statement = (
            self.repair_comments
            and self._edited
            and self._edit_count > count_on_entry
            and isinstance(original_node, cst.BaseStatement)
        )
        if edited_statement and isinstance(result, cst.BaseStatement):
            assert isinstance(original_node, cst.BaseStatement)
            result = _with_lost_comments(original_node, result, self._comment_memo)
        elif edited_statement and isinstance(result, cst.RemovalSentinel):
            result = self._placeholder(original_node)
        elif edited_statement and isinstance(result, cst.FlattenSentinel) and result.nodes:
            result = _flattened_with_lost_comments(original_node, result, self._comment_memo)
        return result

    def _placeholder(
        self, removed: cst.CSTNode
    ) -> Union[cst.SimpleStatementLine, cst.RemovalSentinel]:
        """A removed statement's comments, held by a stand-in statement that the enclosing
        block replaces with them (on the next statement, or at the block's end)."""
        comments = _comments(removed, self._comment_memo)
        if not comments:
            return cst.RemovalSentinel.REMOVE
        lines = [cst.EmptyLine(comment=cst.Comment(text)) for text in comments]
        placeholder = cst.SimpleStatementLine([cst.Pass()], leading_lines=lines)
        self._placeholders.add(id(placeholder))
        return placeholder

    def without_placeholders(
        self, body: Sequence[cst.BaseStatement]
    ) -> tuple[list[cst.BaseStatement], list[cst.EmptyLine]]:
        """``body`` with the stand-ins gone, their comment lines moved onto the statement that
        follows each; the comment lines left over at the end."""
        kept: list[cst.BaseStatement] = []
        carried: list[cst.EmptyLine] = []
        for statement in body:
            if id(statement) in self._placeholders:
                carried.extend(getattr(statement, "leading_lines", ()))
                continue
            if carried:
                leading = [*carried, *getattr(statement, "leading_lines", ())]
                statement = statement.with_changes(leading_lines=leading)
                carried = []
            kept.append(statement)
        return kept, carried

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        body, left_over = self.without_placeholders(updated_node.body)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()], leading_lines=left_over)]
            left_over = []
        return updated_node.with_changes(body=body, footer=[*left_over, *updated_node.footer])


def _with_comments(node: cst.CSTNode, comments: Sequence[str]) -> cst.CSTNode:
    leading = list(getattr(node, "leading_lines", ()))
    present = {line.comment.value for line in leading if line.comment is not None}
    added = [cst.EmptyLine(comment=cst.Comment(text)) for text in comments if text not in present]
    if not added:
        return node
    return node.with_changes(leading_lines=[*leading, *added])


_CommentMemo = dict[int, tuple[cst.CSTNode, tuple[str, ...]]]


def _comments(node: cst.CSTNode, memo: Optional[_CommentMemo] = None) -> list[str]:
    """Every comment in the subtree, in source order.

    ``memo`` (node id -> the node, its comments) lets the applier ask about a statement and then
    about each statement around it without walking a subtree twice: the rebuilt statements
    share every unedited child with the original, so each subtree is walked once."""
    return list(_comments_memoized(node, {} if memo is None else memo))


def _comments_memoized(node: cst.CSTNode, memo: _CommentMemo) -> tuple[str, ...]:
    known = memo.get(id(node))
    if known is not None and known[0] is node:
        return known[1]
    if isinstance(node, cst.Comment):
        found: tuple[str, ...] = (node.value,)
    else:
        found = tuple(text for child in node.children for text in _comments_memoized(child, memo))
    memo[id(node)] = (node, found)  # the node is held, so its id is not reused meanwhile
    return found


def _lost_comments(
    original: cst.CSTNode, replacements: Sequence[cst.CSTNode], memo: _CommentMemo
) -> list[str]:
    """The comments of ``original`` that ``replacements`` no longer hold, in source order."""
    held = Counter(text for node in replacements for text in _comments(node, memo))
    missing = Counter(_comments(original, memo)) - held
    lost: list[str] = []
    for text in _comments(original, memo) if missing else ():
        if missing[text]:
            missing[text] -= 1
            lost.append(text)
    return lost


def _with_lost_comments(
    original: cst.BaseStatement, new: cst.BaseStatement, memo: _CommentMemo
) -> cst.BaseStatement:
    """``new`` with the comments of ``original`` it no longer holds put back above it.

    Nested statements were left (and repaired) first, so what is missing here was in this
    statement's own code: the header of a compound statement or a simple statement's line.
    """
    lost = _lost_comments(original, [new], memo)
    if not lost:
        return new
    leading = list(getattr(new, "leading_lines", ()))
    restored = [cst.EmptyLine(comment=cst.Comment(text)) for text in lost]
    return new.with_changes(leading_lines=[*leading, *restored])


def _flattened_with_lost_comments(
    original: cst.CSTNode, flattened: cst.FlattenSentinel[cst.CSTNode], memo: _CommentMemo
) -> cst.FlattenSentinel[cst.CSTNode]:
    """An unwrapped block (``if r.outputs:  # guard`` -> its body): the header's comments
    go above the first statement that took its place."""
    nodes = list(flattened.nodes)
    lost = _lost_comments(original, nodes, memo)
    if not lost:
        return flattened
    first = nodes[0]
    restored = [cst.EmptyLine(comment=cst.Comment(text)) for text in lost]
    nodes[0] = first.with_changes(leading_lines=[*restored, *getattr(first, "leading_lines", ())])
    return cst.FlattenSentinel(nodes)


def apply_to_statement(
    statement: cst.BaseStatement, plan: ModulePlan, *, repair_comments: bool = True
) -> list[cst.CSTNode]:
    """What replaces one top-level statement: statements, or only the comment lines of a
    removed one (nothing if it held none).

    Without ``repair_comments`` the comments the edits drop stay dropped; the engine applies
    that cheap form first and again with the repair only if its text lost a comment (the
    repair walks every edited subtree for comments, a tenth of a dense run).
    """
    applier = PlanApplier(plan, repair_comments=repair_comments)
    result = statement.visit(applier)
    if isinstance(result, cst.RemovalSentinel):
        return []
    nodes = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
    statements = [n for n in nodes if isinstance(n, cst.BaseStatement)]
    kept, left_over = applier.without_placeholders(statements)
    return [*kept, *left_over]
