"""LC002: ``inference_params={...}`` becomes keyword arguments of the new method.

What it does: a dict literal with string keys that are identifiers, or a ``dict(key=value)``
call, becomes keywords, and so does a variable or helper call whose dict
:mod:`codemods.constants` proves is such a literal at the call (built in the same block, later
``params["key"] = value`` applied, nothing else touching it). Any other dict is spread as
``**params`` (listed among the assumptions: its keys must be parameters, as the literal case
assumes); a ``**`` splat or a computed key inside a literal is marked. A literal key the
method does not take is marked too (the new call would raise ``TypeError``), and so is a call
whose model has no signature to check the keys against (``legacy_compat`` passes a pythonic
model only the keys that are parameters; the new call would pass them all). In
the proto form (``model.predict(inputs=[...], inference_params=params)``) the dict is passed
unchanged.

Why: since clarifai 11.3.0 a model's inference parameters are ordinary parameters of its
methods (``def predict(self, prompt: str, max_tokens: int = 256)``), so the new call passes
them by name (``model.predict(prompt=p, max_tokens=100)``). The legacy ``inference_params``
dict was sent as ``model.output_info.params`` and bound by the runner the same way.

Example: the ``INVALID`` examples below, each with its outcome (rewritten, marked or
reported) and its output; the migration guide shows them.

Instead: pass each parameter by name, ``model.predict(prompt=p, temperature=0.2)``.
"""

from __future__ import annotations

import keyword
from typing import TYPE_CHECKING, Optional, Sequence, Union

import libcst as cst
from libcst.metadata.scope_provider import Assignment

from codemods.constants import followed_dict
from codemods.nodes import source_of
from codemods.rules import Invalid, Rule, register
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.rules.marker import Marker

if TYPE_CHECKING:
    from codemods.planner import CallSite, Planner

__all__ = ["InferenceParamsRule", "keyword_arguments"]

CODE = "LC002"
_RESERVED = frozenset({"with_proto"})


@register
class InferenceParamsRule(Rule):
    CODE = CODE
    NAME = "inference-params"
    MESSAGE = "inference_params dict: pass each parameter as a keyword argument"
    VALID = (
        "from clarifai.client.model import Model\n"
        "Model('https://clarifai.com/u/a/models/m').predict(prompt='hi', temperature=0.2)\n",
    )
    INVALID = (
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "model.predict_by_bytes(b'Hi', 'text', inference_params={'temperature': 0.2})\n"
            "model.generate_by_bytes(b'Hi', 'text', inference_params=dict(max_tokens=10))\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "model.predict(prompt='Hi', temperature=0.2)\n"
            "model.generate(prompt='Hi', max_tokens=10)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "params = load_settings()\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "model.predict_by_bytes(b'Hi', 'text', inference_params=params)\n",
            "from clarifai.client.model import Model\n"
            "params = load_settings()\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "model.predict(prompt='Hi', **params)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "def ask(question):\n"
            "    params = {'temperature': 0.2}\n"
            "    params['max_tokens'] = 100\n"
            "    reply = model.predict_by_bytes(question.encode(), 'text', "
            "inference_params=params)\n"
            "    print(reply.outputs[0].data.text.raw)\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "def ask(question):\n"
            "    params = {'temperature': 0.2}\n"
            "    params['max_tokens'] = 100\n"
            "    reply = model.predict(prompt=question, temperature=0.2, max_tokens=100)\n"
            "    print(reply)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "params = {'min_value': 0.5}\n"
            "model = Model('https://clarifai.com/u/a/models/old')\n"
            "model.predict_by_url('https://x/y.jpg', 'image', inference_params=params)\n",
            "from clarifai.client.input import Inputs\n"
            "from clarifai.client.model import Model\n"
            "params = {'min_value': 0.5}\n"
            "model = Model('https://clarifai.com/u/a/models/old')\n"
            'model.predict(inputs=[Inputs.get_input_from_url("", '
            "image_url='https://x/y.jpg')], inference_params=params)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "params = {'temperature': 0.2}\n"
            "model = Model('https://clarifai.com/u/a/models/unknown')\n"
            "model.predict_by_bytes(b'Hi', 'text', inference_params=params)\n",
            "import legacy_compat\n"
            "params = {'temperature': 0.2}\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/unknown')\n"
            "# TODO(legacy-compat LC002): inference_params reach a pythonic model only as "
            "keyword arguments of the new method, and an older model only in the proto form; "
            "the model's kind is not known here: add it to a signatures file (legacy-compat "
            "signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model\n"
            "model.predict_by_bytes(b'Hi', 'text', inference_params=params)\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/unknown')\n"
            "for reply in model.generate_by_bytes(b'Hi', 'text', "
            "inference_params={'temperature': 0.2}):\n"
            "    print(reply.outputs[0].data.text.raw)\n",
            "import legacy_compat\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/unknown')\n"
            "# TODO(legacy-compat LC002): the new generate() takes only the keys of "
            "inference_params that are parameters of the model's method (another raises "
            "TypeError), and the model's signature is not known here: add it to a signatures "
            "file (legacy-compat signatures MODEL_URL) and run migrate again, then drop "
            "legacy_compat.Model\n"
            "for reply in model.generate_by_bytes(b'Hi', 'text', "
            "inference_params={'temperature': 0.2}):\n"
            "    print(reply.outputs[0].data.text.raw)\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "params = {'top_k': 3}\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "model.predict_by_bytes(b'Hi', 'text', inference_params=params)\n",
            "import legacy_compat\n"
            "params = {'top_k': 3}\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/llm')\n"
            "# TODO(legacy-compat LC002): the model's predict signature has no parameter "
            "'top_k' (a key of params): rename or drop it, then drop legacy_compat.Model\n"
            "model.predict_by_bytes(b'Hi', 'text', inference_params=params)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
    )

    NEEDED_FOR = "inference_params"

    def needed_by(self, site: CallSite, context: Planner) -> bool:
        return site.bound is not None and site.bound.inference_params is not None

    def plan_site(self, site: CallSite, context: Planner) -> Optional[Marker]:
        if site.bound is None or site.bound.inference_params is None:
            return None
        signature = site.signature
        accepted = None if signature is None else [p.name for p in signature.parameters]
        params = site.bound.inference_params
        followed = followed_dict(params, context.facts, context.resolver.scope_of)
        pairs = keyword_arguments(
            params if followed is None else followed,
            site.method.kind.value,
            site.parameter,
            accepted,
            origin=None if followed is None else source_of(params),
        )
        if isinstance(pairs, Marker):
            return pairs
        if signature is None:
            # legacy_compat passes a pythonic model only the keys that are parameters of the
            # method; the new call passes them all, and one more raises TypeError.
            return Marker(
                CODE,
                f"the new {site.method.kind.value}() takes only the keys of inference_params "
                "that are parameters of the model's method (another raises TypeError), and "
                "the model's signature is not known here: add it to a signatures file "
                "(legacy-compat signatures MODEL_URL) and run migrate again, then drop "
                "legacy_compat.Model",
            )
        types = {p.name: p.type_name for p in signature.parameters}
        converted = _integral_floats_as_ints(pairs, types, site.method.kind.value)
        if isinstance(converted, Marker):
            return converted
        pairs = converted
        site.keywords = pairs
        spread = next((value for name, value in pairs if name == "**"), None)
        unknown = _keys_not_accepted(spread, accepted, context)
        if unknown:
            return Marker(
                CODE,
                f"the model's {site.method.kind.value} signature has no parameter "
                f"{unknown[0]!r} (a key of {source_of(site.bound.inference_params)}): rename or "
                "drop it, then drop legacy_compat.Model",
            )
        if spread is not None:
            site.assumptions.append(
                f"{source_of(site.bound.inference_params)} is a dict whose keys are parameters "
                f"of the model's {site.method.kind.value} method (spread with **)"
            )
        return None


def keyword_arguments(
    node: cst.BaseExpression,
    new_method: str,
    input_parameter: str,
    accepted: Optional[Sequence[str]] = None,
    *,
    origin: Optional[str] = None,
) -> Union[list[tuple[str, cst.BaseExpression]], Marker]:
    """The ``(name, value)`` pairs of a literal ``inference_params``, or a marker saying why not.

    ``accepted`` lists the method's parameter names when a signature is known; ``origin`` is
    the variable a followed dict was read from, named in a marker so the user finds the key.
    """
    pairs: list[tuple[str, cst.BaseExpression]] = []
    if isinstance(node, cst.Dict):
        for element in node.elements:
            key = element.key if isinstance(element, cst.DictElement) else None
            value = key.evaluated_value if isinstance(key, cst.SimpleString) else None
            if not isinstance(element, cst.DictElement) or not isinstance(value, str):
                return _not_literal(new_method)
            pairs.append((value, element.value))
    elif (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "dict"
        and all(a.keyword is not None and not a.star for a in node.args)
    ):
        pairs = [(a.keyword.value, a.value) for a in node.args if a.keyword is not None]
    elif isinstance(node, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
        # A dict built elsewhere: its keys are not visible here, so it is spread as it is
        # (``**params``), with the same assumption the literal case makes about its keys.
        return [("**", node)]
    else:
        return _not_literal(new_method)
    for name, _ in pairs:
        if not name.isidentifier() or keyword.iskeyword(name) or name in _RESERVED:
            return Marker(
                CODE,
                f"inference parameter {name!r} cannot be a keyword argument: check the "
                f"model's {new_method} signature and pass it by hand",
            )
        if name == input_parameter:
            return Marker(
                CODE,
                f"inference parameter {name!r} collides with the input parameter: check "
                f"the model's {new_method} signature",
            )
        if accepted is not None and name not in accepted:
            where = f" (a key of {origin})" if origin else ""
            return Marker(
                CODE,
                f"the model's {new_method} signature has no parameter {name!r}{where}: rename "
                "or drop it, then drop legacy_compat.Model",
            )
    if len({name for name, _ in pairs}) != len(pairs):
        return _not_literal(new_method)
    return pairs


def _integral_floats_as_ints(
    pairs: list[tuple[str, cst.BaseExpression]], types: dict[str, str], new_method: str
) -> Union[list[tuple[str, cst.BaseExpression]], Marker]:
    """Float literals given to an INT parameter, written as the int the shim sends.

    Why: the legacy params were a JSON Struct, so ``max_tokens=12.0`` was common and the
    shim sends it as 12; the new client's int serializer refuses a float with ``TypeError``.
    A float with a fraction (``2.5``) is refused by the shim too, so the site is marked.
    An int literal for a FLOAT parameter needs nothing: the proto float field takes it.
    """
    converted: list[tuple[str, cst.BaseExpression]] = []
    for name, value in pairs:
        signed = isinstance(value, cst.UnaryOperation) and isinstance(
            value.operator, (cst.Minus, cst.Plus)
        )
        literal = value.expression if isinstance(value, cst.UnaryOperation) and signed else value
        if types.get(name) != "INT" or not isinstance(literal, cst.Float):
            converted.append((name, value))
            continue
        number = literal.evaluated_value
        if not number.is_integer() or abs(number) >= 2**63:
            return Marker(
                CODE,
                f"the model's {new_method} parameter {name!r} is an int and "
                f"{source_of(value)} is not one (legacy_compat refuses it too): pass a whole "
                "number, then drop legacy_compat.Model",
            )
        integer = cst.Integer(str(int(number)))
        if isinstance(value, cst.UnaryOperation):
            converted.append((name, value.with_changes(expression=integer)))
        else:
            converted.append((name, integer))
    return converted


def _not_literal(new_method: str) -> Marker:
    return Marker(
        CODE,
        f"inference_params is not a literal dict: pass each parameter as a keyword argument of "
        f"model.{new_method}(...), then drop legacy_compat.Model",
    )


def _keys_not_accepted(
    spread: Optional[cst.BaseExpression], accepted: Optional[list[str]], context: Planner
) -> list[str]:
    """Keys of a spread dict that the signature does not take, where the dict is a
    literal assigned once in the scope and never changed (otherwise nothing is known)."""
    if spread is None or accepted is None or not isinstance(spread, cst.Name):
        return []
    scope = context.resolver.scope_of(spread)
    assignments = [] if scope is None else list(scope[spread.value])
    if len(assignments) != 1 or not isinstance(assignments[0], Assignment):
        return []
    target = context.facts.parent.get(assignments[0].node)
    statement = None if target is None else context.facts.parent.get(target)
    if not isinstance(statement, cst.Assign) or not isinstance(statement.value, cst.Dict):
        return []
    for reference in assignments[0].references:
        parent = context.facts.parent.get(reference.node)
        if not isinstance(parent, cst.Arg) and not (
            isinstance(parent, cst.Element) and parent.value is reference.node
        ):
            return []  # read in another way (d["k"] = v, d.update(...)): keys unknown
    keys = []
    for element in statement.value.elements:
        key = element.key if isinstance(element, cst.DictElement) else None
        value = key.evaluated_value if isinstance(key, cst.SimpleString) else None
        if not isinstance(value, str):
            return []
        keys.append(value)
    return [k for k in keys if k not in accepted]
