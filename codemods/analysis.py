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
from typing import Iterator, Mapping, Optional, Sequence, Union

import libcst as cst
from libcst.metadata import ExpressionContextProvider, MetadataWrapper, ScopeProvider
from libcst.metadata.scope_provider import (
    Assignment,
    BaseAssignment,
    BuiltinAssignment,
    GlobalScope,
    ImportAssignment,
    Scope,
)

from codemods.legacy_api import (
    LEGACY_COMPAT_MODEL_NAMES,
    LEGACY_METHOD_NAMES,
    MODEL_QUALIFIED_NAMES,
)
from codemods.nodes import source_of, string_value
from codemods.project_index import (
    APP_QUALIFIED_NAMES,
    USER_QUALIFIED_NAMES,
    ProjectIndex,
)

__all__ = [
    "APP_MODEL_METHODS",
    "LEGACY_COMPAT_MODEL_NAMES",
    "MODEL_QUALIFIED_NAMES",
    "ModuleFacts",
    "ReceiverResolver",
    "Resolution",
    "Resolved",
    "module_scopes",
]

_MOCK_ATTRIBUTES = frozenset({"return_value", "side_effect"})
_MAX_DEPTH = 8
_MUTATING_METHODS = frozenset({"update", "setdefault", "__setitem__"})

FunctionNode = Union[cst.FunctionDef, cst.Lambda]


def module_scopes(module: cst.Module) -> Mapping[cst.CSTNode, Optional[Scope]]:
    """libcst's :class:`ScopeProvider` answer for ``module`` (whose nodes it keys by identity).

    ``MetadataWrapper.resolve(ScopeProvider)`` walks the module four times: each of the two
    providers does its work in ``visit_Module`` with a visitor of its own and then lets the
    batched traversal walk every node again, calling nothing. On a file dense with legacy
    calls those empty walks were a sixth of the migration. Here each provider's own visitor
    runs once; the answer is the same (``tests/codemods/test_module_scopes.py`` compares the
    two on every realistic program). A libcst whose providers do not keep their answer where
    this expects it gets the wrapper's way.
    """
    expression = ExpressionContextProvider()
    scope = ScopeProvider()
    if not (hasattr(expression, "_computed") and hasattr(scope, "metadata")):
        return MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    expression.visit_Module(module)
    scope.metadata = {ExpressionContextProvider: expression._computed}
    scope.visit_Module(module)
    return scope._computed  # type: ignore[return-value]  # no LazyValue: set_metadata only


class ModuleFacts(cst.CSTVisitor):
    """One pass over the module; everything later lookups need, keyed by node identity."""

    def __init__(self) -> None:
        super().__init__()
        self.parent: dict[cst.CSTNode, cst.CSTNode] = {}
        # Source order of every node: libcst hands references and assignments over as sets,
        # and an answer (a marker's reason) must not depend on set order between runs.
        self.order: dict[cst.CSTNode, int] = {}
        self.legacy_calls: list[cst.Call] = []
        self.assigned_value: dict[cst.Name, cst.BaseExpression] = {}
        self.self_attributes: dict[cst.ClassDef, dict[str, list[cst.BaseExpression]]] = {}
        self.returns: dict[cst.FunctionDef, list[cst.BaseExpression]] = {}
        self.enclosing_function: dict[cst.CSTNode, cst.FunctionDef] = {}
        # ``NAME[key] = value`` (key None when not a literal), and containers changed by a
        # method (``NAME.update(...)``), so a dict entry replaced later is not taken as built.
        self.item_stores: dict[str, list[tuple[Optional[str], cst.BaseExpression]]] = {}
        self.mutated_containers: set[str] = set()
        self.star_imports: list[str] = []  # modules imported with ``from M import *``
        # ``m.predict_by_url`` not called here (``functools.partial(m.predict_by_url, ...)``).
        self.legacy_references: list[cst.Attribute] = []
        # ``getattr(m, <name>)`` calls: a legacy method may be looked up by name (LC006).
        self.getattr_calls: list[cst.Call] = []
        # Every ``Name`` node by its text: which imports a rewrite left unused is decided by
        # the reads still there, without parsing the rewritten file again.
        self.names: dict[str, list[cst.Name]] = {}
        self._stack: list[cst.CSTNode] = []
        self._functions: list[cst.FunctionDef] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.order[node] = len(self.order)
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

    def visit_Name(self, node: cst.Name) -> None:
        self.names.setdefault(node.value, []).append(node)

    def visit_Return(self, node: cst.Return) -> None:
        if self._functions and node.value is not None:
            self.returns[self._functions[-1]].append(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in LEGACY_METHOD_NAMES:
            self.legacy_calls.append(node)
            if self._functions:
                self.enclosing_function[node] = self._functions[-1]
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.attr.value in _MUTATING_METHODS
        ):
            self.mutated_containers.add(func.value.value)
        if isinstance(func, cst.Name) and func.value == "getattr" and len(node.args) >= 2:
            self.getattr_calls.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        parent = self._stack[-2] if len(self._stack) > 1 else None
        if node.attr.value in LEGACY_METHOD_NAMES and not (
            isinstance(parent, cst.Call) and parent.func is node
        ):
            self.legacy_references.append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar) and node.module is not None and not node.relative:
            self.star_imports.append(source_of(node.module))

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        if isinstance(target, cst.Name):
            self.assigned_value[target] = node.value
        elif isinstance(target, cst.Attribute):
            self._record_self_attribute(target, node.value)
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            stores = self.item_stores.setdefault(target.value.value, [])
            stores.append((_literal_key(target), node.value))

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
    MODEL = "model"  # a Clarifai Model (built by a constructor we can see, or by the SDK)
    OTHER = "other"  # provably something else (a Workflow, a mock, a local class ...)
    UNKNOWN = "unknown"  # cannot tell (a parameter, an import, a dynamic lookup)


@dataclass(frozen=True)
class Resolution:
    """What a receiver is. ``constructors`` are the ``Model(...)`` calls that built it, when
    every origin is one; a model made elsewhere (``app.model(...)``, a subclass, a factory of
    another module) has ``opaque`` origins instead and no constructor to edit."""

    status: Resolved
    constructors: tuple[cst.Call, ...] = ()
    reason: str = ""
    opaque: tuple[cst.CSTNode, ...] = ()
    #: Per opaque origin, the model URL it is known to be built with ("" when unknown): a
    #: model of another module built with a literal URL gets its signatures all the same.
    references: tuple[str, ...] = ()

    @property
    def is_model(self) -> bool:
        return self.status is Resolved.MODEL


def _model_made_elsewhere(origin: cst.CSTNode, reference: Optional[str] = None) -> Resolution:
    return Resolution(Resolved.MODEL, opaque=(origin,), references=(reference or "",))


#: Methods of the SDK's ``App`` that return a ``Model``, and of ``User`` that return an ``App``.
APP_MODEL_METHODS = frozenset({"model", "create_model"})
USER_APP_METHODS = frozenset({"app", "create_app"})


@dataclass
class ReceiverResolver:
    """Decides what a receiver expression is, following the flows the codemod supports.

    Names are resolved flow-sensitively where the text decides it: of several top-level
    bindings of ``Model`` (an import, then a local ``class Model``), a read sees the last one
    before it (a read inside a function, run later, sees the last one of the module).
    ``project`` answers for names imported from the user's other modules.
    """

    facts: ModuleFacts
    scopes: object  # Mapping[CSTNode, Optional[Scope]] from ScopeProvider
    project: Optional[ProjectIndex] = None
    module: str = ""  # this module's dotted name in the project, for relative imports
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
        if isinstance(node, cst.Name):
            bindings = self.bindings(node)
            if len(bindings) == 1 and isinstance(bindings[0], ImportAssignment):
                return {q.name for q in bindings[0].get_qualified_names_for(node.value)}
            if len(bindings) == 1 and isinstance(bindings[0], Assignment):
                return set()
        return {q.name for q in scope.get_qualified_names_for(node)}

    # -- flow ----------------------------------------------------------------------------
    def bindings(self, name: cst.Name) -> list[BaseAssignment]:
        """The bindings of ``name`` that this read can see (one, when the text decides it)."""
        scope = self.scope_of(name)
        if scope is None:
            return []
        found = sorted(scope[name.value], key=self._binding_order)
        if len(found) < 2 or any(b.scope is not found[0].scope for b in found):
            return found
        statements = [self._binding_statement(b) for b in found]
        body = [self._body(s) for s in statements if s is not None]
        if len(body) != len(found) or any(b is not body[0] for b in body) or body[0] is None:
            return found
        indexed = [(self._index(s, body[0]), b) for s, b in zip(statements, found)]
        if any(index is None for index, _ in indexed):
            return found
        ordered = sorted(((index or 0, b) for index, b in indexed), key=lambda p: p[0])
        if found[0].scope is scope:
            read_at = self._index(name, body[0])
            if read_at is None:
                return found
            seen = [b for index, b in ordered if index < read_at]
            return seen[-1:] if seen else found
        if isinstance(found[0].scope, GlobalScope):
            return [ordered[-1][1]]  # read in a function: runs after the module has loaded
        return found

    def _binding_order(self, binding: BaseAssignment) -> int:
        node = getattr(binding, "node", None)
        return self.facts.order.get(node, -1) if node is not None else -1

    def _binding_statement(self, binding: BaseAssignment) -> Optional[cst.CSTNode]:
        node = getattr(binding, "node", None)
        if node is None:
            return None
        try:
            return self.facts.statement_of(node)
        except ValueError:
            return None

    def _body(self, statement: Optional[cst.CSTNode]) -> Optional[Sequence[cst.CSTNode]]:
        holder = self.facts.parent.get(statement) if statement is not None else None
        if isinstance(holder, (cst.Module, cst.IndentedBlock)):
            return holder.body
        return None

    def _index(self, node: Optional[cst.CSTNode], body: Sequence[cst.CSTNode]) -> Optional[int]:
        if node is None:
            return None
        positions = {id(s): i for i, s in enumerate(body)}
        for candidate in [node, *self.facts.ancestors(node)]:
            if id(candidate) in positions:
                return positions[id(candidate)]
        return None

    # -- resolution ----------------------------------------------------------------------
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
        if isinstance(node, cst.IfExp):
            # ``Model(a) if fast else Model(b)``: a model whichever branch runs.
            return self._combine(
                [self.resolve(node.body, depth + 1), self.resolve(node.orelse, depth + 1)]
            )
        words = _EXPRESSION_WORDS.get(type(node), "an expression the codemod does not follow")
        return Resolution(Resolved.UNKNOWN, reason=f"the receiver is {words}")

    def _resolve_call(self, node: cst.Call, depth: int) -> Resolution:
        func = node.func
        if isinstance(func, cst.Name):
            bindings = self.bindings(func)
            if not bindings:
                return self._resolve_name(func, depth)  # says why: star import, never bound
            return self._combine([self._call_of(b, func, node, depth) for b in bindings])
        names = self.qualified_names(func)
        if names & MODEL_QUALIFIED_NAMES:
            return Resolution(Resolved.MODEL, (node,))
        if isinstance(func, cst.Attribute):
            if func.attr.value in _MOCK_ATTRIBUTES:
                return Resolution(Resolved.OTHER, reason="a mock")
            if func.attr.value in APP_MODEL_METHODS and self.sdk_kind(func.value, depth) == "App":
                return _model_made_elsewhere(node)
            known = self._project_answer(names, node)
            if known is not None:
                return known
        return Resolution(Resolved.UNKNOWN, reason="returned by a call the codemod cannot follow")

    def _call_of(
        self, binding: BaseAssignment, func: cst.Name, call: cst.Call, depth: int
    ) -> Resolution:
        """What ``func(...)`` returns when ``func`` is bound by ``binding``."""
        if isinstance(binding, ImportAssignment):
            names = {q.name for q in binding.get_qualified_names_for(func.value)}
            if names & MODEL_QUALIFIED_NAMES:
                return Resolution(Resolved.MODEL, (call,))
            known = self._project_answer(names, call)
            if known is not None:
                return known
            if any(n.startswith(("clarifai.", "legacy_compat.")) for n in names):
                return Resolution(Resolved.OTHER, reason=f"built by {sorted(names)[0]}")
            return Resolution(
                Resolved.UNKNOWN,
                reason=f"{func.value}() comes from {sorted(names)[0] if names else 'an import'}, "
                "outside the files being migrated",
            )
        target = getattr(binding, "node", None)
        if isinstance(target, cst.ClassDef):
            if self.subclasses_model(target, depth):
                return _model_made_elsewhere(call)
            return Resolution(Resolved.OTHER, reason=f"{func.value} is a class of this module")
        if isinstance(target, cst.FunctionDef):
            values = self.facts.returns.get(target, [])
            if not values:
                return Resolution(Resolved.OTHER, reason=f"{func.value}() returns nothing")
            return self._combine([self.resolve(v, depth + 1) for v in values])
        if isinstance(target, cst.Name) and target in self.facts.assigned_value:
            # ``M = Model`` then ``M(url)``: what matters is what the variable holds.
            value = self.facts.assigned_value[target]
            if self.qualified_names(value) & MODEL_QUALIFIED_NAMES:
                return Resolution(Resolved.MODEL, (call,))
            return Resolution(Resolved.UNKNOWN, reason=f"{func.value} is a variable")
        return Resolution(Resolved.UNKNOWN, reason=f"{func.value} is a variable")

    def _project_answer(self, names: set[str], origin: cst.CSTNode) -> Optional[Resolution]:
        """A model the rest of the project makes: a factory, a subclass, a module variable."""
        if self.project is None:
            return None
        for name in names:
            dotted = self.project.absolute(name, self.module)
            if self.project.makes_model(dotted):
                return _model_made_elsewhere(origin, self.project.reference_of(dotted))
        return None

    def sdk_kind(self, node: cst.BaseExpression, depth: int = 0) -> Optional[str]:
        """``"App"`` or ``"User"`` when ``node`` is one of those SDK objects."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, cst.Call):
            names = self.qualified_names(node.func)
            if names & APP_QUALIFIED_NAMES:
                return "App"
            if names & USER_QUALIFIED_NAMES:
                return "User"
            func = node.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value in USER_APP_METHODS
                and self.sdk_kind(func.value, depth + 1) == "User"
            ):
                return "App"
            return None
        values: list[cst.BaseExpression] = []
        if isinstance(node, cst.Name):
            bindings = self.bindings(node)
            targets = [getattr(b, "node", None) for b in bindings]
            values = [
                self.facts.assigned_value[t] for t in targets if t in self.facts.assigned_value
            ]
            if len(values) != len(bindings):
                return None
        elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            klass = self._class_of_self(node.value)
            if klass is not None:
                values = self._self_values(klass, node.attr.value, depth)
        kinds = {self.sdk_kind(v, depth + 1) for v in values}
        return kinds.pop() if len(kinds) == 1 else None

    def subclasses_model(self, klass: cst.ClassDef, depth: int = 0) -> bool:
        """``class MyModel(Model)`` (directly, through a local base, or a project class)."""
        if depth > _MAX_DEPTH:
            return False
        for base in klass.bases:
            names = self.qualified_names(base.value)
            if names & MODEL_QUALIFIED_NAMES:
                return True
            if self.project is not None and any(
                self.project.makes_model(self.project.absolute(n, self.module)) for n in names
            ):
                return True
            local = self._local_class(base.value)
            if local is not None and self.subclasses_model(local, depth + 1):
                return True
        return False

    def _local_class(self, node: cst.BaseExpression) -> Optional[cst.ClassDef]:
        if not isinstance(node, cst.Name):
            return None
        bindings = self.bindings(node)
        target = getattr(bindings[0], "node", None) if len(bindings) == 1 else None
        return target if isinstance(target, cst.ClassDef) else None

    def _local_function(self, name: cst.Name) -> Optional[cst.FunctionDef]:
        bindings = self.bindings(name)
        if len(bindings) == 1 and isinstance(bindings[0], Assignment):
            node = bindings[0].node
            if isinstance(node, cst.FunctionDef):
                return node
        return None

    def _resolve_name(self, node: cst.Name, depth: int) -> Resolution:
        bindings = self.bindings(node)
        if not bindings:
            if self.facts.star_imports:
                return Resolution(
                    Resolved.UNKNOWN,
                    reason=f"{node.value} may come from `from {self.facts.star_imports[0]} "
                    "import *`: import the names you use",
                )
            if node.value == "Model":
                return Resolution(
                    Resolved.UNKNOWN,
                    reason="Model is used without an import here: add `from clarifai.client.model "
                    "import Model` (in a document, to an earlier code block) and run migrate again",
                )
            return Resolution(Resolved.UNKNOWN, reason=f"{node.value} is never assigned here")
        if node.value == "None" or all(isinstance(b, BuiltinAssignment) for b in bindings):
            return Resolution(Resolved.OTHER, reason=f"{node.value} is a Python builtin")
        results = []
        placeholders = 0
        for binding in bindings:
            target = getattr(binding, "node", None)
            if isinstance(target, cst.Name) and target in self.facts.assigned_value:
                value = self.facts.assigned_value[target]
                if _is_none(value) and len(bindings) > 1:
                    # ``model = None`` then ``global model; model = Model(...)`` in init():
                    # None has no legacy method, so a call that runs sees the other value.
                    placeholders += 1
                    continue
                results.append(self.resolve(value, depth + 1))
            elif isinstance(target, cst.Param):
                results.append(self._parameter(target, node, depth))
            elif isinstance(target, (cst.FunctionDef, cst.ClassDef)):
                results.append(Resolution(Resolved.OTHER, reason=f"{node.value} is a definition"))
            elif isinstance(binding, ImportAssignment):
                names = {q.name for q in binding.get_qualified_names_for(node.value)}
                known = self._project_answer(names, node)
                results.append(
                    known
                    or Resolution(
                        Resolved.UNKNOWN,
                        reason=f"{node.value} is imported from "
                        f"{sorted(names)[0].rpartition('.')[0] if names else 'another module'}, "
                        "which the codemod did not see build it",
                    )
                )
            else:
                results.append(
                    Resolution(
                        Resolved.UNKNOWN,
                        reason=f"{node.value} is bound by a loop, `with` or another statement "
                        "the codemod does not follow",
                    )
                )
        if not results and placeholders:
            return Resolution(Resolved.OTHER, reason=f"{node.value} is None")
        return self._combine(results)

    def _parameter(self, parameter: cst.Param, node: cst.Name, depth: int) -> Resolution:
        """``self`` in a method of a subclass of ``Model`` is a model; any other parameter is
        whatever the caller passes."""
        parameters = self.facts.parent.get(parameter)
        function = self.facts.parent.get(parameters) if parameters is not None else None
        suite = self.facts.parent.get(function) if function is not None else None
        klass = self.facts.parent.get(suite) if suite is not None else None
        if (
            isinstance(function, cst.FunctionDef)
            and isinstance(klass, cst.ClassDef)
            and _is_self(function, node.value)
            and function.params.params[0] is parameter
            and self.subclasses_model(klass, depth)
        ):
            return _model_made_elsewhere(klass)
        if isinstance(function, cst.FunctionDef) and not isinstance(klass, cst.ClassDef):
            passed = self._arguments_for(function, parameter)
            if passed:
                return self._combine([self.resolve(value, depth + 1) for value in passed])
        return Resolution(
            Resolved.UNKNOWN,
            reason=f"{node.value} is a function parameter, and the function is called from "
            "outside this module or with arguments the codemod cannot follow",
        )

    def _arguments_for(
        self, function: cst.FunctionDef, parameter: cst.Param
    ) -> list[cst.BaseExpression]:
        """What every call of ``function`` in this module passes for ``parameter``: ``run(m)``
        for ``def run(model)``. Empty when the function is used other than by plain calls (passed
        on, decorated, called with ``*args``), so the caller is unknown."""
        scope = self.scope_of(function)
        if scope is None or function.decorators:
            return []
        bindings = [b for b in scope[function.name.value] if getattr(b, "node", None) is function]
        if len(bindings) != 1 or not bindings[0].references:
            return []
        params = function.params
        positional = [*params.posonly_params, *params.params]
        index = next((i for i, p in enumerate(positional) if p is parameter), None)
        values: list[cst.BaseExpression] = []
        accesses = sorted(bindings[0].references, key=lambda a: self.facts.order.get(a.node, -1))
        for access in accesses:
            call = self.facts.parent.get(access.node)
            if not isinstance(call, cst.Call) or call.func is not access.node:
                return []
            if any(a.star for a in call.args):
                return []
            keyword = next(
                (
                    a.value
                    for a in call.args
                    if a.keyword and a.keyword.value == parameter.name.value
                ),
                None,
            )
            plain = [a.value for a in call.args if a.keyword is None]
            if keyword is not None:
                values.append(keyword)
            elif index is not None and index < len(plain):
                values.append(plain[index])
            elif parameter.default is not None:
                values.append(parameter.default)
            else:
                return []
        return values

    def _resolve_attribute(self, node: cst.Attribute, depth: int) -> Resolution:
        if node.attr.value in _MOCK_ATTRIBUTES:
            return Resolution(Resolved.OTHER, reason="a mock")
        base = node.value
        if isinstance(base, cst.Name):
            klass = self._class_of_self(base)
            if klass is not None:
                values = self._self_values(klass, node.attr.value, depth)
                if values:
                    return self._combine([self.resolve(v, depth + 1) for v in values])
                return Resolution(
                    Resolved.UNKNOWN,
                    reason=f"self.{node.attr.value} is not assigned in the class or its bases",
                )
        known = self._project_answer(self.qualified_names(node), node)
        if known is not None:
            return known
        return Resolution(
            Resolved.UNKNOWN, reason="an attribute of an object the codemod cannot follow"
        )

    def _self_values(
        self, klass: cst.ClassDef, attribute: str, depth: int
    ) -> list[cst.BaseExpression]:
        """Values assigned to ``self.<attribute>`` in any method of ``klass`` or its bases."""
        values = list(self.facts.self_attributes.get(klass, {}).get(attribute, []))
        if depth <= _MAX_DEPTH:
            for base in klass.bases:
                local = self._local_class(base.value)
                if local is not None and local is not klass:
                    values.extend(self._self_values(local, attribute, depth + 1))
        return values

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
        bindings = self.bindings(container)
        targets = [getattr(b, "node", None) for b in bindings]
        values = [self.facts.assigned_value.get(t) for t in targets if isinstance(t, cst.Name)]
        if len(values) != 1 or not isinstance(values[0], cst.Dict):
            return Resolution(Resolved.UNKNOWN, reason=f"{container.value} is not a dict literal")
        literal = values[0]
        key = _literal_key(node)
        chosen = [
            element.value
            for element in literal.elements
            if isinstance(element, cst.DictElement)
            and (key is None or string_value(element.key) == key)
        ]
        if any(isinstance(e, cst.StarredDictElement) for e in literal.elements):
            chosen = []
        # Entries stored later (``MODELS["a"] = Workflow(...)``) may be what the read sees.
        for store_key, value in self.facts.item_stores.get(container.value, []):
            if key is None or store_key is None or store_key == key:
                chosen.append(value)
        if container.value in self.facts.mutated_containers:
            return Resolution(
                Resolved.UNKNOWN, reason=f"{container.value} is changed by a method call"
            )
        if not chosen:
            return Resolution(
                Resolved.UNKNOWN, reason=f"{container.value}[...] is not a known entry"
            )
        return self._combine([self.resolve(v, depth + 1) for v in chosen])

    @staticmethod
    def _combine(results: list[Resolution]) -> Resolution:
        if results and all(r.status is Resolved.MODEL for r in results):
            opaque = tuple(o for r in results for o in r.opaque)
            if opaque:
                references = tuple(
                    reference
                    for r in results
                    for reference in (r.references or ("",) * max(len(r.opaque), 1))
                )
                return Resolution(Resolved.MODEL, opaque=opaque, references=references)
            constructors = tuple(c for r in results for c in r.constructors)
            return Resolution(Resolved.MODEL, constructors)
        if results and all(r.status is Resolved.OTHER for r in results):
            return results[0]
        reasons = [r.reason for r in results if r.status is not Resolved.MODEL and r.reason]
        return Resolution(Resolved.UNKNOWN, reason=reasons[0] if reasons else "mixed origins")


#: How a finding names a receiver expression the resolver does not follow (never the node
#: class: users read "a conditional expression", not "IfExp").
_EXPRESSION_WORDS: dict[type, str] = {
    cst.BooleanOperation: "an `and`/`or` expression",
    cst.BinaryOperation: "the result of an operator",
    cst.Lambda: "a lambda",
    cst.Await: "the result of `await`",
    cst.NamedExpr: "an assignment expression (`:=`)",
    cst.ListComp: "a comprehension",
    cst.GeneratorExp: "a generator expression",
    cst.Tuple: "a tuple",
    cst.List: "a list",
    cst.Dict: "a dict",
    cst.SimpleString: "a string",
    cst.FormattedString: "an f-string",
}


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _literal_key(node: cst.Subscript) -> Optional[str]:
    if len(node.slice) != 1:
        return None
    element = node.slice[0].slice
    return string_value(element.value) if isinstance(element, cst.Index) else None
