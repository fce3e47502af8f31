"""Following an ``inference_params`` dict to where it is built, when that is provably safe.

LC002 turns a literal ``inference_params={...}`` into keyword arguments. Real code often builds
the dict first (``params = {"temperature": 0.2}; params["max_tokens"] = 100``) or in a small
helper (``def make_params(): return {...}``). Copying such a dict's entries into the call is
faithful only when the call would see exactly those entries, so this module follows a dict
only when nothing else can write to it in between:

* ``params`` is bound once in the call's own scope, by ``params = {...}`` or
  ``params = dict(k=v)``, in a statement of the same block as the call, before it;
* the only other uses of ``params`` are ``params["key"] = value`` statements of that block
  between the two (no alias, no call that receives it, no ``update``, no loop over it, no use
  from a nested function): those are applied in order, later keys replacing earlier ones;
* every value is a literal constant, so evaluating it at the call instead of where the dict
  was built gives the same value (and has no side effect);
* or ``make_params()`` calls a module-level function bound once, without parameters or
  decorators, whose body is one ``return`` of such a literal (a fresh dict on every call).

Anything else is not followed: the caller keeps ``**params`` and lists the assumption.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence, Union

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment, Scope

from codemods.analysis import ModuleFacts
from codemods.flow import sole_assignment
from codemods.nodes import string_value

__all__ = ["class_attribute_string", "followed_dict", "single_binding_value"]

Pairs = list[tuple[str, cst.BaseExpression]]
ScopeOf = Callable[[cst.CSTNode], Optional[Scope]]


def _is_constant(node: cst.BaseExpression) -> bool:
    """A literal whose value does not depend on when it is evaluated."""
    if isinstance(node, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return _is_constant(node.left) and _is_constant(node.right)
    if isinstance(node, cst.Name):
        return node.value in ("True", "False", "None")
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        return isinstance(node.expression, (cst.Integer, cst.Float))
    return False


def _string_key(node: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _literal_pairs(node: cst.BaseExpression, scope: Scope) -> Optional[Pairs]:
    """The entries of ``{...}`` or ``dict(k=v)`` with constant values, in order."""
    pairs: Pairs = []
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                return None
            key = _string_key(element.key)
            if key is None or not _is_constant(element.value):
                return None
            pairs.append((key, element.value))
        return pairs
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "dict"
        # the builtin, not a name the module binds
        and all(isinstance(a, BuiltinAssignment) for a in scope["dict"])
    ):
        for arg in node.args:
            if arg.keyword is None or arg.star or not _is_constant(arg.value):
                return None
            pairs.append((arg.keyword.value, arg.value))
        return pairs
    return None


def _merge(pairs: Pairs, key: str, value: cst.BaseExpression) -> Pairs:
    """``pairs`` after ``d[key] = value``: the key keeps its place, the value is replaced."""
    if any(k == key for k, _ in pairs):
        return [(k, value if k == key else v) for k, v in pairs]
    return [*pairs, (key, value)]


def _statement_in(
    node: cst.CSTNode, facts: ModuleFacts
) -> Optional[tuple[cst.BaseStatement, Sequence[cst.BaseStatement]]]:
    """The statement holding ``node`` and the body of the block it is directly in."""
    current: cst.CSTNode = node
    while True:
        parent = facts.parent.get(current)
        if parent is None:
            return None
        if isinstance(parent, (cst.Module, cst.IndentedBlock)) and isinstance(
            current, cst.BaseStatement
        ):
            return current, parent.body
        current = parent


def _item_store(statement: cst.BaseStatement, name: str) -> Optional[tuple[str, cst.Assign]]:
    """``name["key"] = value`` as ``(key, assignment)``, the only statement on its line."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if not (
        isinstance(target, cst.Subscript)
        and isinstance(target.value, cst.Name)
        and target.value.value == name
        and len(target.slice) == 1
        and isinstance(target.slice[0].slice, cst.Index)
    ):
        return None
    key = _string_key(target.slice[0].slice.value)
    if key is None or not _is_constant(assign.value):
        return None
    return key, assign


def _followed_variable(name: cst.Name, facts: ModuleFacts, scope_of: ScopeOf) -> Optional[Pairs]:
    scope = scope_of(name)
    binding = sole_assignment(name, scope_of)
    if scope is None or binding is None:
        return None
    if binding.scope is not scope:
        return None  # bound in an enclosing scope: other code may change it before the call
    target = binding.node
    assign_target = facts.parent.get(target)
    assign = None if assign_target is None else facts.parent.get(assign_target)
    if not (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and assign.targets[0].target is target
    ):
        return None
    built = _statement_in(assign, facts)
    used = _statement_in(name, facts)
    if built is None or used is None or built[1] is not used[1]:
        return None
    body = list(used[1])
    start, end = body.index(built[0]), body.index(used[0])
    if start >= end:
        return None
    pairs = _literal_pairs(assign.value, scope)
    if pairs is None:
        return None
    stores: list[cst.CSTNode] = []
    for statement in body[start + 1 : end]:
        store = _item_store(statement, name.value)
        if store is not None:
            pairs = _merge(pairs, store[0], store[1].value)
            target_node = store[1].targets[0].target
            assert isinstance(target_node, cst.Subscript)
            stores.append(target_node.value)
    allowed = {id(name), *(id(s) for s in stores)}
    if any(id(access.node) not in allowed for access in binding.references):
        return None  # read, aliased, passed on or mutated somewhere else
    return pairs


def _followed_helper(call: cst.Call, facts: ModuleFacts, scope_of: ScopeOf) -> Optional[Pairs]:
    if call.args or not isinstance(call.func, cst.Name):
        return None
    binding = sole_assignment(call.func, scope_of)
    if binding is None:
        return None
    function = binding.node
    if (
        not isinstance(function, cst.FunctionDef)
        or not isinstance(facts.parent.get(function), cst.Module)
        or function.decorators
        or function.asynchronous is not None
        or _has_parameters(function.params)
        or not isinstance(function.body, cst.IndentedBlock)
    ):
        return None
    statements = list(function.body.body)
    if statements and _is_docstring(statements[0]):
        statements = statements[1:]
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return None
    only = statements[0].body
    if len(only) != 1 or not isinstance(only[0], cst.Return) or only[0].value is None:
        return None
    function_scope = scope_of(only[0].value)
    return None if function_scope is None else _literal_pairs(only[0].value, function_scope)


def _has_parameters(params: cst.Parameters) -> bool:
    return bool(
        params.params
        or params.posonly_params
        or params.kwonly_params
        or not isinstance(params.star_arg, cst.MaybeSentinel)
        or params.star_kwarg is not None
    )


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def followed_dict(
    node: cst.BaseExpression,
    facts: ModuleFacts,
    scope_of: ScopeOf,
) -> Optional[cst.Dict]:
    """The dict literal ``node`` (a variable or a helper call) always holds at the call.

    ``None`` when that cannot be proved (see the module docstring for what is proved).
    """
    pairs: Union[Pairs, None] = None
    if isinstance(node, cst.Name):
        pairs = _followed_variable(node, facts, scope_of)
    elif isinstance(node, cst.Call):
        pairs = _followed_helper(node, facts, scope_of)
    if pairs is None:
        return None
    return cst.Dict([cst.DictElement(cst.SimpleString(repr(key)), value) for key, value in pairs])


def single_binding_value(
    name: cst.Name, facts: ModuleFacts, scope_of: ScopeOf
) -> Optional[cst.BaseExpression]:
    """The value of ``name = <value>`` when that is the name's only binding visible here.

    Enough to know what *kind* of value the name holds at any read (a list stays a list),
    not what it holds: its contents may change later.
    """
    binding = sole_assignment(name, scope_of)
    if binding is None:
        return None
    target = binding.node
    assign_target = facts.parent.get(target)
    assign = None if assign_target is None else facts.parent.get(assign_target)
    if (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and assign.targets[0].target is target
    ):
        return assign.value
    return None


#: Calls of builtins that return a ``str`` whatever their argument.
_STR_BUILTINS = frozenset({"input", "str", "repr"})


def is_known_str(node: cst.BaseExpression, facts: ModuleFacts, scope_of: ScopeOf) -> bool:
    """Whether ``node`` is a ``str`` whatever the data: a string or f-string literal,
    ``input()``/``str()``, ``read()`` of a file opened in text mode, ``Path(p).read_text()``,
    or a name bound once to one of those.

    Legacy ``*_by_bytes`` calls took text as ``str`` too, and the new method's text parameter
    takes a ``str``: such a value is passed as it is, where ``.decode()`` would fail on it.
    """
    if isinstance(node, cst.Name):
        value = single_binding_value(node, facts, scope_of)
        return (
            value is not None
            and not isinstance(value, cst.Name)
            and is_known_str(value, facts, scope_of)
        )
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.FormattedString):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return is_known_str(node.left, facts, scope_of)  # mixing str and bytes cannot compile
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    if isinstance(func, cst.Name):
        return func.value in _STR_BUILTINS and _is_builtin(func, scope_of)
    if not isinstance(func, cst.Attribute):
        return False
    if func.attr.value == "read_text":
        return True
    if func.attr.value != "read" or not isinstance(func.value, cst.Name):
        return False
    return _opened_in_text_mode(func.value, facts, scope_of)


def _is_builtin(name: cst.Name, scope_of: ScopeOf) -> bool:
    scope = scope_of(name)
    return scope is not None and not any(isinstance(a, Assignment) for a in scope[name.value])


def _opened_in_text_mode(handle: cst.Name, facts: ModuleFacts, scope_of: ScopeOf) -> bool:
    """``handle`` is bound once, by ``with open(path[, mode]) as handle`` or ``handle =
    open(...)``, and the mode (a literal) has no ``b``."""
    binding = sole_assignment(handle, scope_of)
    if binding is None:
        return False
    opened: Optional[cst.BaseExpression] = None
    holder = facts.parent.get(binding.node)
    if isinstance(holder, cst.AsName):
        item = facts.parent.get(holder)
        opened = item.item if isinstance(item, cst.WithItem) else None
    else:
        opened = single_binding_value(handle, facts, scope_of)
    if not (
        isinstance(opened, cst.Call)
        and isinstance(opened.func, cst.Name)
        and opened.func.value == "open"
        and _is_builtin(opened.func, scope_of)
    ):
        return False
    positional = [a for a in opened.args if a.keyword is None and not a.star]
    modes = [a.value for a in opened.args if a.keyword is not None and a.keyword.value == "mode"]
    if any(a.star for a in opened.args) or len(positional) > 2:
        return False
    mode = positional[1].value if len(positional) == 2 else modes[0] if modes else None
    if mode is None:
        return True  # open(path) reads text
    text = string_value(mode)
    return text is not None and "b" not in text


def class_attribute_string(
    node: cst.BaseExpression, facts: ModuleFacts, scope_of: ScopeOf
) -> Optional[str]:
    """The string ``self.KIND`` (or ``Cls.KIND``) holds when ``KIND`` is a class constant.

    Followed only when the class body binds the name once, to a string literal, nothing in
    the module stores to an attribute of that name (``obj.KIND = ...``) and no class of the
    module derives from the class. A subclass elsewhere could still override it: the caller
    lists that among the assumptions.
    """
    if not isinstance(node, cst.Attribute) or not isinstance(node.value, cst.Name):
        return None
    owner = _owner_class(node, facts, scope_of)
    if owner is None:
        return None
    name = node.attr.value
    values = [
        value
        for statement in owner.body.body
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
        for value in [_value_bound_to(statement.body[0], name)]
        if value is not None
    ]
    if len(values) != 1 or not isinstance(values[0], cst.SimpleString):
        return None
    class_scope = scope_of(values[0])
    if class_scope is None or len(list(class_scope[name])) != 1:
        return None  # bound again in the class body (a def, a loop, an annotation...)
    for other in facts.parent:
        if isinstance(other, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)):
            target = other.target
            if isinstance(target, cst.Attribute) and target.attr.value == name:
                return None
        if isinstance(other, cst.ClassDef) and any(
            isinstance(base.value, cst.Name) and base.value.value == owner.name.value
            for base in other.bases
        ):
            return None
    value = values[0].evaluated_value
    return value if isinstance(value, str) else None


def _value_bound_to(statement: cst.BaseSmallStatement, name: str) -> Optional[cst.BaseExpression]:
    """The value of ``name = value`` or ``name: T = value``; None for any other statement."""
    if isinstance(statement, cst.Assign) and any(
        isinstance(t.target, cst.Name) and t.target.value == name for t in statement.targets
    ):
        return statement.value
    if (
        isinstance(statement, cst.AnnAssign)
        and isinstance(statement.target, cst.Name)
        and statement.target.value == name
    ):
        return statement.value
    return None


def _owner_class(
    node: cst.Attribute, facts: ModuleFacts, scope_of: ScopeOf
) -> Optional[cst.ClassDef]:
    """The class ``self``/``Cls`` in ``node`` is: the enclosing method's class for its first
    parameter, a module-level class for its name."""
    assert isinstance(node.value, cst.Name)
    receiver = node.value.value
    function: Optional[cst.CSTNode] = facts.parent.get(node)
    while function is not None and not isinstance(function, (cst.FunctionDef, cst.Lambda)):
        function = facts.parent.get(function)
    if isinstance(function, cst.FunctionDef):
        block = facts.parent.get(function)
        owner = None if block is None else facts.parent.get(block)
        parameters = function.params.params
        if (
            isinstance(owner, cst.ClassDef)
            and not function.decorators
            and parameters
            and parameters[0].name.value == receiver
            and receiver == "self"
        ):
            return owner
    scope = scope_of(node.value)
    if scope is None:
        return None
    bindings = list(scope[receiver])
    if len(bindings) == 1 and isinstance(bindings[0], Assignment):
        bound = bindings[0].node
        if isinstance(bound, cst.ClassDef) and isinstance(facts.parent.get(bound), cst.Module):
            return bound
    return None
