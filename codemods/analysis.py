"""What a module says about its Clarifai models, gathered in one traversal.

The rules never search the tree themselves: :class:`ModuleFacts` walks the (reduced) module
once, recording every node's parent, the legacy calls, simple assignments, ``self.x = ...``
assignments per class and the ``return`` values of each function. :class:`ReceiverResolver`
then answers "is this receiver a Clarifai ``Model``, and which constructor built it?" with
libcst's scope analysis (what a name *refers to*), never with the spelling of the name.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterator, Optional, Union

import libcst as cst
from libcst.metadata.scope_provider import Assignment, Scope

from codemods.legacy_api import LEGACY_METHOD_NAMES

__all__ = [
    "LEGACY_COMPAT_MODEL_NAMES",
    "MODEL_QUALIFIED_NAMES",
    "ModuleFacts",
    "ReceiverResolver",
    "Resolution",
    "Resolved",
]

#: Qualified names of the constructors whose instances have the nine legacy methods.
MODEL_QUALIFIED_NAMES = frozenset(
    {
        "clarifai.client.model.Model",
        "clarifai.client.Model",
        "legacy_compat.Model",
        "legacy_compat.model.Model",
    }
)
LEGACY_COMPAT_MODEL_NAMES = frozenset({"legacy_compat.Model", "legacy_compat.model.Model"})
_MOCK_ATTRIBUTES = frozenset({"return_value", "side_effect"})
_MAX_DEPTH = 8

FunctionNode = Union[cst.FunctionDef, cst.Lambda]


class ModuleFacts(cst.CSTVisitor):
    """One pass over the module; everything later lookups need, keyed by node identity."""

    def __init__(self) -> None:
        super().__init__()
        self.parent: dict[cst.CSTNode, cst.CSTNode] = {}
        self.legacy_calls: list[cst.Call] = []
        self.assigned_value: dict[cst.Name, cst.BaseExpression] = {}
        self.self_attributes: dict[cst.ClassDef, dict[str, list[cst.BaseExpression]]] = {}
        self.returns: dict[cst.FunctionDef, list[cst.BaseExpression]] = {}
        self.enclosing_function: dict[cst.CSTNode, cst.FunctionDef] = {}
        self._stack: list[cst.CSTNode] = []
        self._functions: list[cst.FunctionDef] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._stack:
            self.parent[node] = self._stack[-1]
        self._stack.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self._stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(node)
        self.returns[node] = []

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()

    def visit_Return(self, node: cst.Return) -> None:
        if self._functions and node.value is not None:
            self.returns[self._functions[-1]].append(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in LEGACY_METHOD_NAMES:
            self.legacy_calls.append(node)
            if self._functions:
                self.enclosing_function[node] = self._functions[-1]

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        if isinstance(target, cst.Name):
            self.assigned_value[target] = node.value
        elif isinstance(target, cst.Attribute):
            self._record_self_attribute(target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is None:
            return
        if isinstance(node.target, cst.Name):
            self.assigned_value[node.target] = node.value
        elif isinstance(node.target, cst.Attribute):
            self._record_self_attribute(node.target, node.value)

    def _record_self_attribute(self, target: cst.Attribute, value: cst.BaseExpression) -> None:
        if not self._functions or not isinstance(target.value, cst.Name):
            return
        function = self._functions[-1]
        klass = self.parent.get(self.parent.get(function, function), None)
        if not isinstance(klass, cst.ClassDef) or not _is_self(function, target.value.value):
            return
        attributes = self.self_attributes.setdefault(klass, {})
        attributes.setdefault(target.attr.value, []).append(value)

    # -- navigation ---------------------------------------------------------------------
    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        current = self.parent.get(node)
        while current is not None:
            yield current
            current = self.parent.get(current)

    def is_within(self, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
        return node is ancestor or any(a is ancestor for a in self.ancestors(node))

    def statement_of(self, node: cst.CSTNode) -> cst.BaseStatement:
        """The innermost statement (simple line or compound) that contains ``node``."""
        for ancestor in [node, *self.ancestors(node)]:
            if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                return ancestor
        raise ValueError(f"{type(node).__name__} is not inside a statement")

    def top_level_statement_of(self, node: cst.CSTNode) -> cst.BaseStatement:
        last: cst.CSTNode = node
        for ancestor in [node, *self.ancestors(node)]:
            if isinstance(ancestor, cst.Module):
                break
            last = ancestor
        if not isinstance(last, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            raise ValueError(f"{type(node).__name__} is not inside a top-level statement")
        return last


def _is_self(function: cst.FunctionDef, name: str) -> bool:
    params = function.params.params
    return bool(params) and params[0].name.value == name


class Resolved(str, enum.Enum):
    MODEL = "model"  # a Clarifai Model, built by a constructor we can see
    OTHER = "other"  # provably something else (a Workflow, a mock, a local class ...)
    UNKNOWN = "unknown"  # cannot tell (a parameter, an import, a dynamic lookup)


@dataclass(frozen=True)
class Resolution:
    status: Resolved
    constructors: tuple[cst.Call, ...] = ()
    reason: str = ""

    @property
    def is_model(self) -> bool:
        return self.status is Resolved.MODEL


@dataclass
class ReceiverResolver:
    """Decides what a receiver expression is, following the flows the codemod supports."""

    facts: ModuleFacts
    scopes: object  # Mapping[CSTNode, Optional[Scope]] from ScopeProvider
    _cache: dict[cst.CSTNode, Resolution] = field(default_factory=dict)

    def scope_of(self, node: cst.CSTNode) -> Optional[Scope]:
        try:
            scope: Optional[Scope] = self.scopes[node]  # type: ignore[index]
            return scope
        except KeyError:
            return None

    def qualified_names(self, node: cst.CSTNode) -> set[str]:
        scope = self.scope_of(node)
        if scope is None:
            return set()
        return {q.name for q in scope.get_qualified_names_for(node)}

    def resolve(self, node: cst.BaseExpression, depth: int = 0) -> Resolution:
        if depth > _MAX_DEPTH:
            return Resolution(Resolved.UNKNOWN, reason="the receiver flows through too many steps")
        cached = self._cache.get(node)
        if cached is None:
            cached = self._resolve(node, depth)
            self._cache[node] = cached
        return cached

    def _resolve(self, node: cst.BaseExpression, depth: int) -> Resolution:
        if isinstance(node, cst.Call):
            return self._resolve_call(node, depth)
        if isinstance(node, cst.Name):
            return self._resolve_name(node, depth)
        if isinstance(node, cst.Attribute):
            return self._resolve_attribute(node, depth)
        if isinstance(node, cst.Subscript):
            return self._resolve_subscript(node, depth)
        return Resolution(Resolved.UNKNOWN, reason=f"a {type(node).__name__} receiver")

    def _resolve_call(self, node: cst.Call, depth: int) -> Resolution:
        names = self.qualified_names(node.func)
        if names & MODEL_QUALIFIED_NAMES:
            return Resolution(Resolved.MODEL, (node,))
        if isinstance(node.func, cst.Name):
            function = self._local_function(node.func)
            if function is not None:
                values = self.facts.returns.get(function, [])
                if not values:
                    return Resolution(Resolved.OTHER, reason=f"{node.func.value}() returns nothing")
                return self._combine([self.resolve(v, depth + 1) for v in values])
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _MOCK_ATTRIBUTES:
            return Resolution(Resolved.OTHER, reason="a mock")
        if isinstance(node.func, cst.Name) and self._is_variable(node.func):
            # ``M = Model`` then ``M(url)``: what matters is what the variable holds.
            values = self._assigned_values(node.func)
            if values and all(self.qualified_names(v) & MODEL_QUALIFIED_NAMES for v in values):
                return Resolution(Resolved.MODEL, (node,))
            return Resolution(Resolved.UNKNOWN, reason=f"{node.func.value} is a variable")
        if names and isinstance(node.func, cst.Name):
            return Resolution(Resolved.OTHER, reason=f"built by {sorted(names)[0]}")
        return Resolution(Resolved.UNKNOWN, reason="returned by a call the codemod cannot follow")

    def _is_variable(self, name: cst.Name) -> bool:
        scope = self.scope_of(name)
        return scope is not None and any(
            isinstance(getattr(a, "node", None), (cst.Name, cst.Param)) for a in scope[name.value]
        )

    def _assigned_values(self, name: cst.Name) -> list[cst.BaseExpression]:
        scope = self.scope_of(name)
        targets = [getattr(a, "node", None) for a in scope[name.value]] if scope else []
        values = [self.facts.assigned_value.get(t) for t in targets if isinstance(t, cst.Name)]
        if len(values) != len(targets) or any(v is None for v in values):
            return []
        return [v for v in values if v is not None]

    def _local_function(self, name: cst.Name) -> Optional[cst.FunctionDef]:
        scope = self.scope_of(name)
        if scope is None:
            return None
        assignments = list(scope[name.value])
        if len(assignments) == 1 and isinstance(assignments[0], Assignment):
            node = assignments[0].node
            if isinstance(node, cst.FunctionDef):
                return node
        return None

    def _resolve_name(self, node: cst.Name, depth: int) -> Resolution:
        scope = self.scope_of(node)
        if scope is None:
            return Resolution(Resolved.UNKNOWN, reason=f"{node.value} is not in any scope")
        assignments = list(scope[node.value])
        if not assignments:
            return Resolution(Resolved.UNKNOWN, reason=f"{node.value} is never assigned here")
        results = []
        for assignment in assignments:
            target = getattr(assignment, "node", None)
            if isinstance(target, cst.Name) and target in self.facts.assigned_value:
                results.append(self.resolve(self.facts.assigned_value[target], depth + 1))
            elif isinstance(target, cst.Param):
                results.append(
                    Resolution(Resolved.UNKNOWN, reason=f"{node.value} is a function parameter")
                )
            elif isinstance(target, (cst.FunctionDef, cst.ClassDef)):
                results.append(Resolution(Resolved.OTHER, reason=f"{node.value} is a definition"))
            else:
                results.append(
                    Resolution(
                        Resolved.UNKNOWN, reason=f"{node.value} comes from an import or loop"
                    )
                )
        return self._combine(results)

    def _resolve_attribute(self, node: cst.Attribute, depth: int) -> Resolution:
        if node.attr.value in _MOCK_ATTRIBUTES:
            return Resolution(Resolved.OTHER, reason="a mock")
        base = node.value
        if isinstance(base, cst.Name):
            klass = self._class_of_self(base)
            if klass is not None:
                values = self.facts.self_attributes.get(klass, {}).get(node.attr.value, [])
                if values:
                    return self._combine([self.resolve(v, depth + 1) for v in values])
                return Resolution(
                    Resolved.UNKNOWN, reason=f"self.{node.attr.value} is not assigned in the class"
                )
        return Resolution(
            Resolved.UNKNOWN, reason="an attribute of an object the codemod cannot follow"
        )

    def _class_of_self(self, name: cst.Name) -> Optional[cst.ClassDef]:
        for ancestor in self.facts.ancestors(name):
            if isinstance(ancestor, cst.FunctionDef):
                klass = self.facts.parent.get(self.facts.parent.get(ancestor, ancestor))
                if isinstance(klass, cst.ClassDef) and _is_self(ancestor, name.value):
                    return klass
                return None
        return None

    def _resolve_subscript(self, node: cst.Subscript, depth: int) -> Resolution:
        container = node.value
        if not isinstance(container, cst.Name):
            return Resolution(Resolved.UNKNOWN, reason="an item of an unknown container")
        scope = self.scope_of(container)
        assignments = list(scope[container.value]) if scope is not None else []
        targets = [getattr(a, "node", None) for a in assignments]
        values = [self.facts.assigned_value.get(t) for t in targets if isinstance(t, cst.Name)]
        if len(values) != 1 or not isinstance(values[0], cst.Dict):
            return Resolution(Resolved.UNKNOWN, reason=f"{container.value} is not a dict literal")
        literal = values[0]
        key = _literal_key(node)
        chosen = [
            element.value
            for element in literal.elements
            if isinstance(element, cst.DictElement)
            and (key is None or _literal_value(element.key) == key)
        ]
        if not chosen or any(isinstance(e, cst.StarredDictElement) for e in literal.elements):
            return Resolution(
                Resolved.UNKNOWN, reason=f"{container.value}[...] is not a known entry"
            )
        return self._combine([self.resolve(v, depth + 1) for v in chosen])

    @staticmethod
    def _combine(results: list[Resolution]) -> Resolution:
        if results and all(r.status is Resolved.MODEL for r in results):
            constructors = tuple(c for r in results for c in r.constructors)
            return Resolution(Resolved.MODEL, constructors)
        if results and all(r.status is Resolved.OTHER for r in results):
            return results[0]
        reasons = [r.reason for r in results if r.status is not Resolved.MODEL and r.reason]
        return Resolution(Resolved.UNKNOWN, reason=reasons[0] if reasons else "mixed origins")


def _literal_value(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _literal_key(node: cst.Subscript) -> Optional[str]:
    if len(node.slice) != 1:
        return None
    element = node.slice[0].slice
    return _literal_value(element.value) if isinstance(element, cst.Index) else None
