"""Which reads of a name see which assignment: a small flow-sensitive layer over libcst scopes.

libcst's scope analysis answers "which assignments of ``r`` exist in this scope" but not "which
of them does *this* read of ``r`` see". Real code reuses names (``response = ...`` once per
model, ``for region in ...`` read again after the loop), and rewriting the reads of one
legacy call must touch exactly the reads that see its result. This module answers that for
the shapes where the answer is certain from the text alone: every assignment of the name in
the scope is a plain ``name = ...`` statement or a ``for name in ...`` loop, all of them
statements of one block, and every read is inside that block. Anything else (an assignment in
a branch, a read in another block, an assignment inside a loop body that also reads before
it) gets ``None``: "cannot tell", and the caller keeps its conservative answer.

Example: in ``r = a(); print(r.x); r = b(); print(r.y)`` the read ``r.x`` sees the first
assignment and ``r.y`` the second.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

import libcst as cst
from libcst.metadata.scope_provider import Assignment, ClassScope, Scope

from codemods.analysis import ModuleFacts

__all__ = ["binding_statement", "helper_parameter", "reached_reads"]

_LOOPS = (cst.For, cst.While)


def binding_statement(target: cst.Name, facts: ModuleFacts) -> Optional[cst.BaseStatement]:
    """The statement that binds ``target`` when it is a plain assignment or a ``for`` target."""
    parent = facts.parent.get(target)
    if isinstance(parent, cst.AssignTarget):
        assign = facts.parent.get(parent)
        if isinstance(assign, cst.Assign) and len(assign.targets) == 1:
            line = facts.parent.get(assign)
            return line if isinstance(line, cst.SimpleStatementLine) else None
        return None
    if isinstance(parent, cst.AnnAssign) and parent.target is target and parent.value is not None:
        line = facts.parent.get(parent)
        return line if isinstance(line, cst.SimpleStatementLine) else None
    if isinstance(parent, cst.For) and parent.target is target:
        return parent
    return None


def _body_of(statement: cst.CSTNode, facts: ModuleFacts) -> Optional[Sequence[cst.CSTNode]]:
    holder = facts.parent.get(statement)
    if isinstance(holder, (cst.IndentedBlock, cst.Module)):
        return holder.body
    return None


def _sibling_index(
    node: cst.CSTNode, body: Sequence[cst.CSTNode], facts: ModuleFacts
) -> Optional[int]:
    ids = {id(s): i for i, s in enumerate(body)}
    for candidate in [node, *facts.ancestors(node)]:
        if id(candidate) in ids:
            return ids[id(candidate)]
    return None


def _reads_before_binding(access: cst.Name, statement: cst.BaseStatement) -> bool:
    """A read inside the binding statement itself that runs before the name is bound: the
    right-hand side of ``r = f(r)`` or the iterable of ``for r in r.items``."""
    if isinstance(statement, cst.For):
        return _contains(statement.iter, access)
    return not any(
        _contains(target, access)
        for small in statement.body  # type: ignore[attr-defined]
        for target in _targets(small)
    )


def _targets(small: cst.CSTNode) -> list[cst.CSTNode]:
    if isinstance(small, cst.Assign):
        return [t.target for t in small.targets]
    if isinstance(small, cst.AnnAssign):
        return [small.target]
    return []


def _contains(root: cst.CSTNode, node: cst.CSTNode) -> bool:
    found = False

    class _Finder(cst.CSTVisitor):
        def on_visit(self, current: cst.CSTNode) -> bool:
            nonlocal found
            if current is node:
                found = True
            return not found

    root.visit(_Finder())
    return found


def reached_reads(
    target: cst.Name,
    facts: ModuleFacts,
    scope_of: Callable[[cst.CSTNode], Optional[Scope]],
) -> Optional[list[cst.Name]]:
    """Every read of ``target``'s name that sees the value bound at ``target``, or ``None``
    when that cannot be decided from the text (see the module docstring)."""
    scope = scope_of(target)
    if scope is None:
        return None
    assignments = [a for a in scope[target.value] if isinstance(a, Assignment)]
    own = [a for a in assignments if a.node is target or _parameter_name(a.node) is target]
    if not own:
        return None
    bindings = [a for a in assignments if a.scope is own[0].scope]
    unordered = {
        id(r.node): r.node
        for a in bindings
        for r in a.references
        if isinstance(r.node, cst.Name) and r.node is not target
    }
    # In source order: libcst gives sets, and the first read that escapes names the reason.
    reads = {id(n): n for n in sorted(unordered.values(), key=lambda n: facts.order.get(n, -1))}
    own_statement = binding_statement(target, facts)
    if own_statement is None:
        return list(reads.values()) if len(bindings) == 1 else None
    body = _body_of(own_statement, facts)
    if body is None:
        return list(reads.values()) if len(bindings) == 1 else None
    if len(bindings) == 1 and not isinstance(own_statement, cst.For):
        return list(reads.values())
    positions: list[tuple[int, cst.BaseStatement]] = []
    for binding in bindings:
        node = binding.node
        statement = binding_statement(node, facts) if isinstance(node, cst.Name) else None
        if statement is None or _body_of(statement, facts) is not body:
            return None
        index = _sibling_index(statement, body, facts)
        if index is None:
            return None
        positions.append((index, statement))
    positions.sort(key=lambda p: p[0])
    own_index = next(i for i, (_, s) in enumerate(positions) if s is own_statement)
    in_loop = any(isinstance(a, _LOOPS) for a in facts.ancestors(own_statement))
    seen: list[cst.Name] = []
    for access in reads.values():
        index = _sibling_index(access, body, facts)
        if index is None:
            return None  # read in another block: which value it sees depends on the path
        owner = None
        for order, (position, statement) in enumerate(positions):
            if position < index or (
                position == index and not _reads_before_binding(access, statement)
            ):
                owner = order
        if owner is None:
            if in_loop:
                return None  # may see the last assignment of the previous iteration
            continue
        after_loop = isinstance(positions[owner][1], cst.For) and positions[owner][0] < index
        if owner == own_index:
            if after_loop and own_index > 0:
                return None  # an empty loop leaves the earlier value in place
            seen.append(access)
    return seen


def _parameter_name(node: object) -> Optional[cst.Name]:
    return node.name if isinstance(node, cst.Param) else None


def sole_assignment(
    name: cst.Name, scope_of: Callable[[cst.CSTNode], Optional[Scope]]
) -> Optional[Assignment]:
    """The one assignment of ``name`` visible where ``name`` is read, or None.

    "Bound exactly once" is what lets a rule follow a name to its value (a dict, a helper
    function, a routing constant): with a second binding the value depends on the path taken.
    """
    scope = scope_of(name)
    if scope is None:
        return None
    assignments = list(scope[name.value])
    if len(assignments) != 1 or not isinstance(assignments[0], Assignment):
        return None
    return assignments[0]


def helper_parameter(
    call: cst.Call, arg: cst.Arg, scope_of: Callable[[cst.CSTNode], Optional[Scope]]
) -> Optional[cst.Name]:
    """The parameter of a plain function (``def show(response): ...``) that receives ``arg``
    in ``call``, when the function is bound once and this call is its only use; else None."""
    if not isinstance(call.func, cst.Name) or arg.star:
        return None
    binding = sole_assignment(call.func, scope_of)
    if binding is None:
        return None
    function = binding.node
    if not isinstance(function, cst.FunctionDef) or function.asynchronous is not None:
        return None
    if function.decorators or len(binding.references) != 1:
        return None
    if isinstance(scope_of(function), ClassScope):
        return None
    parameters = function.params
    if parameters.star_arg is not cst.MaybeSentinel.DEFAULT and not isinstance(
        parameters.star_arg, cst.ParamStar
    ):
        return None
    positional = [*parameters.posonly_params, *parameters.params]
    if arg.keyword is None:
        index = [a for a in call.args].index(arg)
        if any(a.keyword is not None or a.star for a in call.args[:index]):
            return None
        return positional[index].name if index < len(positional) else None
    for parameter in [*parameters.params, *parameters.kwonly_params]:
        if parameter.name.value == arg.keyword.value:
            return parameter.name
    return None
