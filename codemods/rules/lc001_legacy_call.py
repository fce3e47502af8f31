"""LC001: the nine ``*_by_*`` calls become ``predict`` / ``generate`` / ``stream``.

Upstream: clarifai 11.3.0 (PR #525, "New model interface") gave models pythonic methods
whose parameters come from the model's own signature (``model.predict(prompt="hi")``); the
nine legacy methods (``predict_by_url`` ... ``stream_by_filepath``, 9.7.4 - 10.5.1) build old
``Input`` protos that the runner converts on a best-effort basis. The new call names the
parameter, wraps media in ``clarifai.runners.utils.data_types`` (``Image(url=...)``,
``Audio(bytes=...)``), passes text as ``str``, reads files with ``Path(p).read_bytes()`` (no
leaked handle) and feeds streams lazily through a generator expression.

The parameter name comes from ``--signatures`` when the model is in the file, otherwise from
the documented conventions in :mod:`codemods.legacy_api` (reported as an assumption). A call
whose input type is not a literal, whose arguments are built dynamically, that passes
``output_config`` or a text URL is marked, never guessed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence, Union

import libcst as cst

from codemods.legacy_api import (
    INPUT_TYPES,
    LEGACY_METHODS,
    ROUTING_KEYWORDS,
    CallKind,
    LegacyMethod,
    Source,
    render_input_expression,
)
from codemods.rules import Invalid, Rule, register
from codemods.rules.marker import Marker

__all__ = ["BoundCall", "LegacyCall", "bind_call", "render_input"]

CODE = "LC001"


@register
class LegacyCall(Rule):
    CODE = CODE
    NAME = "legacy-call"
    MESSAGE = "legacy *_by_* call: use the model's predict/generate/stream method"
    VALID = (
        # A Workflow has predict_by_url too; it is not a Model and is never touched.
        "from clarifai.client.workflow import Workflow\n"
        "wf = Workflow('https://clarifai.com/u/a/workflows/w')\n"
        "wf.predict_by_url('https://x/y.jpg', input_type='image')\n",
        # An unrelated object with a method of the same name.
        "class Service:\n    def predict_by_url(self, url, input_type):\n        return url\n"
        "Service().predict_by_url('u', input_type='image')\n",
        # Strings and comments are not calls.
        "text = 'model.predict_by_url(u, input_type=\"image\")'  # model.predict_by_url(u)\n",
        # A mock's return value.
        "from unittest import mock\nfrom clarifai.client.model import Model\n"
        "with mock.patch.object(Model, '__init__') as m:\n"
        "    m.return_value.predict_by_url('u', input_type='image')\n",
    )
    INVALID = (
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "model.predict_by_url('https://x/y.jpg', input_type='image')\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "model.predict(image=Image(url='https://x/y.jpg'))\n",
        ),
        Invalid(
            "import clarifai.client.model as cm\n"
            "def run(path):\n"
            "    cm.Model(url='https://clarifai.com/u/a/models/m').predict_by_filepath(\n"
            "        path, 'audio'\n"
            "    )\n",
            "from pathlib import Path\n"
            "\n"
            "import clarifai.client.model as cm\n"
            "from clarifai.runners.utils.data_types import Audio\n"
            "def run(path):\n"
            "    cm.Model(url='https://clarifai.com/u/a/models/m').predict(\n"
            "        audio=Audio(bytes=Path(path).read_bytes())\n"
            "    )\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "class Bot:\n"
            "    def __init__(self):\n"
            "        self._model = Model('https://clarifai.com/u/a/models/llm')\n"
            "    def ask(self, question):\n"
            "        self._model.predict_by_bytes(question.encode(), input_type='text')\n"
            "        self._model.predict_by_bytes(b'hello', input_type='text')\n",
            "from clarifai.client.model import Model\n"
            "class Bot:\n"
            "    def __init__(self):\n"
            "        self._model = Model('https://clarifai.com/u/a/models/llm')\n"
            "    def ask(self, question):\n"
            "        self._model.predict(prompt=question)\n"
            "        self._model.predict(prompt='hello')\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "def make():\n"
            "    return Model('https://clarifai.com/u/a/models/m')\n"
            "models = {'detector': make()}\n"
            "def detect(urls):\n"
            "    models['detector'].stream_by_url(urls, input_type='image')\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "def make():\n"
            "    return Model('https://clarifai.com/u/a/models/m')\n"
            "models = {'detector': make()}\n"
            "def detect(urls):\n"
            "    models['detector'].stream(input_iterator=(Image(url=item) for item in urls))\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "model.predict_by_url('https://x/doc.txt', input_type='text')\n",
            "import legacy_compat\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/m')\n"
            "# TODO(legacy-compat LC001): a text URL has no new-style value: download the text "
            "and call model.predict(prompt=text), then drop legacy_compat.Model\n"
            "model.predict_by_url('https://x/doc.txt', input_type='text')\n",
        ),
    )


_LEGACY_KEYWORDS = ("input_type", "inference_params", "output_config", *ROUTING_KEYWORDS)
_ERA_ROUTING_ORDER = (
    "compute_cluster_id",
    "nodepool_id",
    "deployment_id",
    "user_id",
    "inference_params",
    "output_config",
)
_ERA_10_8_9_ORDER = (
    "compute_cluster_id",
    "nodepool_id",
    "deployment_id",
    "inference_params",
    "output_config",
)


@dataclass
class BoundCall:
    """A legacy call's arguments by meaning, whatever era's order they were written in."""

    method: LegacyMethod
    source: cst.BaseExpression
    input_type: str
    inference_params: Optional[cst.BaseExpression] = None
    routing: dict[str, cst.BaseExpression] = field(default_factory=dict)


def _is_empty(node: Optional[cst.BaseExpression]) -> bool:
    if node is None:
        return True
    if isinstance(node, cst.Name) and node.value == "None":
        return True
    if isinstance(node, cst.Dict) and not node.elements:
        return True
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "dict"
        and not node.args
    )


def _looks_like_mapping(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Dict) or (
        isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict"
    )


def _is_plain_string(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.SimpleString) or (
        isinstance(node, cst.Name) and node.value == "None"
    )


def bind_call(call: cst.Call, method_name: str) -> Union[BoundCall, Marker]:
    """Bind a legacy call's arguments to their meaning, or say why that cannot be done."""
    method = LEGACY_METHODS[method_name]
    new = f"model.{method.new_method}(...)"
    if any(arg.star for arg in call.args):
        return Marker(
            CODE,
            f"the arguments are built dynamically (*args/**kwargs): spell them out and call "
            f"{new} with the input as a keyword argument, then drop legacy_compat.Model",
        )
    positional = [a.value for a in call.args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    unknown = sorted(set(keywords) - set(_LEGACY_KEYWORDS) - set(method.source_names))
    if unknown:
        return Marker(
            CODE,
            f"unexpected keyword {unknown[0]}=: check the call against {method_name}'s "
            "signature before migrating it",
        )
    named: dict[str, cst.BaseExpression] = {}
    for name in method.source_names:
        if name in keywords:
            named["source"] = keywords.pop(name)
    if positional:
        named.setdefault("source", positional.pop(0))
    if positional:
        named.setdefault("input_type", positional.pop(0))
    if positional:
        if _looks_like_mapping(positional[0]) or (
            _is_empty(positional[0]) and len(positional) <= 2
        ):
            order: tuple[str, ...] = ("inference_params", "output_config")
        elif all(_is_plain_string(p) for p in positional[:3]):
            order = (
                _ERA_10_8_9_ORDER
                if len(positional) >= 4 and _looks_like_mapping(positional[3])
                else _ERA_ROUTING_ORDER
            )
        else:
            return Marker(
                CODE,
                "the positional arguments after input_type cannot be told apart by era: pass "
                "them by keyword (inference_params=..., deployment_id=...) and run migrate again",
            )
        if len(positional) > len(order):
            return Marker(
                CODE,
                f"{method_name} was given {len(positional) + 2} positional arguments, more than "
                "any SDK release took: fix the call, then run migrate again",
            )
        named.update(zip(order, positional))
    named.update(keywords)
    source = named.get("source")
    if source is None:
        return Marker(CODE, f"{method_name} is called without its input; fix the call first")
    input_type_node = named.get("input_type")
    input_type = _literal_value(input_type_node)
    if input_type not in INPUT_TYPES:
        return Marker(
            CODE,
            f"input_type is not a literal image/text/audio/video: call {new} with the input as "
            "Image(...)/Audio(...)/Video(...) or a str for text, then drop legacy_compat.Model",
        )
    assert input_type is not None
    if not _is_empty(named.get("output_config")):
        return Marker(
            CODE,
            "output_config has no per-call equivalent in the new method: move what it sets "
            "(min_value, max_concepts, select_concepts) into the model's inference parameters "
            f"or post-filter the result of {new}, then drop legacy_compat.Model",
        )
    routing = {k: v for k, v in named.items() if k in ROUTING_KEYWORDS and not _is_empty(v)}
    params = None if _is_empty(named.get("inference_params")) else named.get("inference_params")
    return BoundCall(method, source, input_type, params, routing)


def _literal_value(node: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _text_of_bytes(node: cst.BaseExpression, code: str) -> Optional[str]:
    """``s`` for ``s.encode()``; the str literal for a plain ASCII bytes literal."""
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "encode"
        and _encodes_utf8(node.args)
    ):
        return cst.Module([]).code_for_node(node.func.value)
    if isinstance(node, cst.SimpleString) and "b" in node.prefix.lower():
        if "\\" in node.value or not node.value.isascii():
            return None
        try:
            ast.literal_eval(code)
        except (ValueError, SyntaxError):
            return None
        return node.prefix.replace("b", "").replace("B", "") + node.value[len(node.prefix) :]
    return None


def _encodes_utf8(args: Sequence[cst.Arg]) -> bool:
    if not args:
        return True
    if len(args) != 1:
        return False
    keyword = args[0].keyword
    if keyword is not None and keyword.value != "encoding":
        return False
    return (_literal_value(args[0].value) or "").lower().replace("-", "") == "utf8"


def render_input(bound: BoundCall, code_of: Callable[[cst.CSTNode], str]) -> Union[str, Marker]:
    """Source text of the value passed to the new method's input parameter."""
    method = bound.method
    value_code = code_of(bound.source)
    if method.kind is CallKind.STREAM and method.source is not Source.FILEPATH:
        item = _fresh_name("item", value_code)
        element = render_input_expression(method.source, bound.input_type, item)
        if element is None:
            return _text_url_marker(method)
        iterable = value_code if _is_atomic(bound.source) else f"({value_code})"
        return f"({element} for {item} in {iterable})"
    if method.source is Source.BYTES and bound.input_type == "text":
        text = _text_of_bytes(bound.source, value_code)
        if text is not None:
            return text
    if (
        not _is_atomic(bound.source)
        and method.source is Source.BYTES
        and bound.input_type == "text"
    ):
        value_code = f"({value_code})"
    rendered = render_input_expression(method.source, bound.input_type, value_code)
    if rendered is None:
        return _text_url_marker(method)
    if method.kind is CallKind.STREAM:
        return f"iter([{rendered}])"
    return rendered


def _text_url_marker(method: LegacyMethod) -> Marker:
    return Marker(
        CODE,
        f"a text URL has no new-style value: download the text and call "
        f"model.{method.new_method}(prompt=text), then drop legacy_compat.Model",
    )


def _is_atomic(node: cst.BaseExpression) -> bool:
    return isinstance(
        node,
        (
            cst.Name,
            cst.Attribute,
            cst.Call,
            cst.Subscript,
            cst.List,
            cst.Tuple,
            cst.SimpleString,
            cst.ConcatenatedString,
            cst.FormattedString,
            cst.GeneratorExp,
            cst.ListComp,
        ),
    )


def _fresh_name(base: str, used_in: str) -> str:
    name = base
    while name in used_in:
        name += "_"
    return name
