"""LC001: the nine ``*_by_*`` calls become ``predict`` / ``generate`` / ``stream``.

What it does: rewrites the call to the new method, which has two forms; which one is
right depends on the model:

- the value form, ``model.predict(image=Image(url=u))``: the parameter is named, media is
  wrapped in ``clarifai.runners.utils.data_types``, text is a ``str``, files are read with
  ``Path(p).read_bytes()``, streams are fed lazily. It works only on a model that declares
  method signatures (an older one raises "This model is a non-pythonic model");
- the proto form, ``model.predict(inputs=[Inputs.get_input_from_url("", image_url=u)],
  output_config=...)``: the legacy request as it was, on models of both kinds, returning the
  legacy ``MultiOutputResponse`` so the code reading it stays as it is.

The value form is used where the model is known to be pythonic: it is in ``--signatures``
(which also names the parameter), or the call is ``generate_by_*``/``stream_by_*`` (only
models with streaming methods serve those; parameter names by convention, reported as an
assumption). Otherwise, and where the response is used in a way that has no value form, the
call takes the proto form. Checked on clarifai 11.8.5 and 12.5.0 against LocalEndpoint, the
proto form cannot carry ``output_config`` on generate/stream (AttributeError: MergeFromDict),
a pythonic model does not apply its ``inference_params``, and a pythonic model reads only the
first item of a text stream: those calls, text URLs that no ``Text``-typed parameter receives,
and file reads under ``except UserError`` are marked, with what happens today.

Why: clarifai 11.3.0 (PR #525, "New model interface") gave models pythonic methods
whose parameters come from the model's own signature (``model.predict(prompt="hi")``); the
nine legacy methods (``predict_by_url`` ... ``stream_by_filepath``, 9.7.4 - 10.5.1) build old
``Input`` protos that the runner converts on a best-effort basis.

Example: the ``INVALID`` examples below, each with its outcome (rewritten, marked or
reported) and its output; the migration guide shows them.

Instead: write ``model.predict(<parameter>=<value>)`` (``generate``/``stream`` likewise) with
the parameter the model's signature names (``legacy-compat signatures MODEL_URL``), or keep
the proto form where the model has no signatures.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Sequence, Union

import libcst as cst

from codemods.constants import class_attribute_string, is_known_str, single_binding_value
from codemods.legacy_api import (
    ERA_PARAMETER_ORDERS,
    INPUT_TYPES,
    LEGACY_METHODS,
    ROUTING_KEYWORDS,
    CallKind,
    LegacyMethod,
    Source,
    choose_input_parameter,
    conventional_parameter,
    render_input_expression,
    render_proto_input,
)
from codemods.nodes import source_of, string_value
from codemods.rules import Invalid, Rule, register
from codemods.rules.marker import Marker
from codemods.signature_file import model_key

if TYPE_CHECKING:
    from codemods.planner import CallSite, Planner
    from codemods.signature_file import MethodSignature

__all__ = [
    "EXAMPLE_SIGNATURES",
    "BoundCall",
    "LegacyCallRule",
    "ProtoOnly",
    "bind_call",
    "model_reference",
    "render_input",
    "render_proto",
    "text_url_marker",
]

CODE = "LC001"


def _example_methods(stream_item: str) -> dict[str, Any]:
    inputs = [
        {"name": name, "type": type_name, "required": False}
        for name, type_name in (
            ("prompt", "STR"),
            ("image", "IMAGE"),
            ("audio", "AUDIO"),
            ("video", "VIDEO"),
            ("temperature", "FLOAT"),
            ("max_tokens", "INT"),
        )
    ]
    return {
        "predict": {"kind": "predict", "parameters": inputs},
        "generate": {"kind": "generate", "parameters": inputs},
        "stream": {
            "kind": "stream",
            "parameters": [{"name": "input_iterator", "type": stream_item, "stream": True}],
        },
    }


#: The signatures the rule examples are migrated with (the ``models`` object of a signatures
#: file): ``u/a/m`` takes media or a prompt and streams images, ``u/a/llm`` streams text.
#: ``u/a/old`` is an older model with no method signatures.
EXAMPLE_SIGNATURES: Mapping[str, Any] = {
    "u/a/m": {"methods": _example_methods("IMAGE")},
    "u/a/general": {"methods": _example_methods("IMAGE")},
    "u/a/detector": {"methods": _example_methods("IMAGE")},
    "u/a/llm": {"methods": _example_methods("STR")},
    "u/a/reader": {
        "methods": {
            "predict": {"kind": "predict", "parameters": [{"name": "document", "type": "TEXT"}]}
        }
    },
    "u/a/old": {"methods": {}},
}


@register
class LegacyCallRule(Rule):
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
            signatures=EXAMPLE_SIGNATURES,
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
            signatures=EXAMPLE_SIGNATURES,
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
            signatures=EXAMPLE_SIGNATURES,
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
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "model.predict_by_url('https://x/doc.txt', input_type='text')\n",
            "import legacy_compat\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/m')\n"
            "# TODO(legacy-compat LC001): a text URL reaches a model of the new client only "
            "through a Text-typed parameter (model.predict(<parameter>=Text('', url=u))); "
            "today legacy_compat raises UserError for this call on a model whose text "
            "parameter is a str, and sends the URL to an older model as it is: add the model "
            "to a signatures file (legacy-compat signatures MODEL_URL) and run migrate "
            "again, or download the text and pass it, then drop legacy_compat.Model\n"
            "model.predict_by_url('https://x/doc.txt', input_type='text')\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/clarifai/main/models/general-image-detection')\n"
            "r = model.predict_by_url('https://x/y.jpg', input_type='image')\n"
            "print(r.outputs[0].data.regions[0].region_info.bounding_box)\n",
            "from clarifai.client.input import Inputs\n"
            "from clarifai.client.model import Model\n"
            "model = "
            "Model('https://clarifai.com/clarifai/main/models/general-image-detection')\n"
            'r = model.predict(inputs=[Inputs.get_input_from_url("", '
            "image_url='https://x/y.jpg')])\n"
            "print(r.outputs[0].data.regions[0].region_info.bounding_box)\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/old')\n"
            "r = model.predict_by_filepath('cat.jpg', 'image', output_config={'max_concepts': 3})\n"
            "print(r.outputs[0].data.concepts)\n",
            "from pathlib import Path\n"
            "\n"
            "from clarifai.client.input import Inputs\n"
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/old')\n"
            'r = model.predict(inputs=[Inputs.get_input_from_bytes("", '
            "image_bytes=Path('cat.jpg').read_bytes())], output_config={'max_concepts': 3})\n"
            "print(r.outputs[0].data.concepts)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "reader = Model('https://clarifai.com/u/a/models/reader')\n"
            "print(reader.predict_by_url('https://x/doc.txt', "
            "input_type='text').outputs[0].data.text.raw)\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Text\n"
            "reader = Model('https://clarifai.com/u/a/models/reader')\n"
            "print(reader.predict(document=Text(\"\", url='https://x/doc.txt')))\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "for reply in model.stream_by_filepath(['a.jpg', 'b.jpg'], 'image'):\n"
            "    print(reply.outputs[0].data.text.raw)\n",
            "from pathlib import Path\n"
            "\n"
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "for reply in model.stream(Image(bytes=Path(path).read_bytes()) "
            "for path in ['a.jpg', 'b.jpg']):\n"
            "    print(reply)\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "class Tagger:\n"
            "    kind = 'image'\n"
            "    def __init__(self):\n"
            "        self.model = Model('https://clarifai.com/u/a/models/m')\n"
            "    def tag(self, url):\n"
            "        print(self.model.predict_by_url(url, self.kind).outputs[0].data.text.raw)\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "class Tagger:\n"
            "    kind = 'image'\n"
            "    def __init__(self):\n"
            "        self.model = Model('https://clarifai.com/u/a/models/m')\n"
            "    def tag(self, url):\n"
            "        print(self.model.predict(image=Image(url=url)))\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "cover = 'https://x/cover.jpg'\n"
            "for reply in model.stream_by_url(cover, 'image'):\n"
            "    print(reply.outputs[0].data.text.raw)\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "cover = 'https://x/cover.jpg'\n"
            "for reply in model.stream(input_iterator=(Image(url=item) for item in [cover])):\n"
            "    print(reply)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "llm = Model('https://clarifai.com/u/a/models/llm')\n"
            "with open('q.txt') as f:\n"
            "    print(llm.predict_by_bytes(f.read(), 'text').outputs[0].data.text.raw)\n",
            "from clarifai.client.model import Model\n"
            "llm = Model('https://clarifai.com/u/a/models/llm')\n"
            "with open('q.txt') as f:\n"
            "    print(llm.predict(prompt=f.read()))\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "class Chat:\n"
            "    model_url: str = 'https://clarifai.com/u/a/models/llm'\n"
            "    def __init__(self):\n"
            "        self.model = Model(url=self.model_url)\n"
            "    def ask(self, q):\n"
            "        reply = self.model.predict_by_bytes(q.encode(), 'text')\n"
            "        return reply.outputs[0].data.text.raw\n",
            "from clarifai.client.model import Model\n"
            "class Chat:\n"
            "    model_url: str = 'https://clarifai.com/u/a/models/llm'\n"
            "    def __init__(self):\n"
            "        self.model = Model(url=self.model_url)\n"
            "    def ask(self, q):\n"
            "        reply = self.model.predict(prompt=q)\n"
            "        return reply\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "llm = Model('https://clarifai.com/u/a/models/llm')\n"
            "def ask(text):\n"
            "    return llm.predict_by_bytes(text, 'text').outputs[0].data.text.raw\n",
            "from clarifai.client.input import Inputs\n"
            "from clarifai.client.model import Model\n"
            "llm = Model('https://clarifai.com/u/a/models/llm')\n"
            "def ask(text):\n"
            '    return llm.predict(inputs=[Inputs.get_input_from_bytes("", '
            "text_bytes=text)]).outputs[0].data.text.raw\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "def tag(data, input_type='image'):\n"
            "    return model.predict_by_bytes(data, input_type=input_type)\n",
            "from clarifai.client.input import Inputs\n"
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "def tag(data, input_type='image'):\n"
            '    return model.predict(inputs=[Inputs.get_input_from_bytes("", '
            '**{f"{input_type}_bytes": data})])\n',
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "from clarifai.errors import UserError\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "try:\n"
            "    model.predict_by_filepath('cat.jpg', 'image')\n"
            "except UserError:\n"
            "    print('no such file')\n",
            "import legacy_compat\n"
            "from clarifai.errors import UserError\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/m')\n"
            "try:\n"
            "    # TODO(legacy-compat LC001): a missing file raises the SDK's UserError "
            "here, and the new code would raise FileNotFoundError past this except clause: "
            "check os.path.isfile(path) and raise UserError yourself before calling the new "
            "method, then drop legacy_compat.Model\n"
            "    model.predict_by_filepath('cat.jpg', 'image')\n"
            "except UserError:\n"
            "    print('no such file')\n",
        ),
    )

    REWRITES_CALLS = True

    def plan_site(self, site: CallSite, context: Planner) -> Optional[Marker]:
        return plan_call(site, context)

    def replan(self, site: CallSite, marker: Marker, context: Planner) -> Optional[Marker]:
        return replan_in_proto_form(site, marker, context)

    def complete_site(self, site: CallSite, context: Planner) -> None:
        if site.signature is None and site.pythonic:
            site.assumptions.append(site.pythonic)

    def render_input(
        self, site: CallSite, source: cst.BaseExpression, context: Planner
    ) -> Optional[str]:
        assert site.bound is not None
        moved = replace(site.bound, source=source)
        rendered = (
            render_proto(moved, source_of)
            if site.proto
            else render_input(moved, source_of, site.text_type)
        )
        return None if isinstance(rendered, Marker) else context.spell(rendered)


_LEGACY_KEYWORDS = ("input_type", "inference_params", "output_config", *ROUTING_KEYWORDS)
# The orders after ``input_type`` (see ``ERA_PARAMETER_ORDERS``): 9.10.0 and 11.3.0 took
# (inference_params, output_config); 10.8.9 and 11.0.1 put the routing ids first.
_ERA_PARAMS_ORDER = ERA_PARAMETER_ORDERS["11.3.0"][1:]
_ERA_ROUTING_ORDER = ERA_PARAMETER_ORDERS["11.0.1"][1:]
_ERA_10_8_9_ORDER = ERA_PARAMETER_ORDERS["10.8.9"][1:]


@dataclass
class BoundCall:
    """A legacy call's arguments by meaning, whatever era's order they were written in."""

    method: LegacyMethod
    source: cst.BaseExpression
    input_type: str
    inference_params: Optional[cst.BaseExpression] = None
    routing: dict[str, cst.BaseExpression] = field(default_factory=dict)
    output_config: Optional[cst.BaseExpression] = None
    #: ``input_type`` when it is a value known only at run time (``input_type`` is then "").
    input_type_node: Optional[cst.BaseExpression] = None
    #: What a stream call's source visibly is: :data:`MANY_ITEMS`, :data:`ONE_ITEM` or ""
    #: (not visible: a parameter, a call's result).
    stream_items: str = ""
    #: The text given to a ``*_by_bytes`` call is visibly a ``str`` (see
    #: :func:`codemods.constants.is_known_str`): the value form passes it as it is.
    source_is_str: bool = False


#: A stream source that is an iterable of inputs (a list, a tuple, a comprehension, a
#: generator, or a name bound once to one of those).
MANY_ITEMS = "many"
#: A stream source that is one input (a string literal, or a name bound once to one):
#: legacy_compat sends it as the stream's only item, as the SDK did.
ONE_ITEM = "one"


#: Why a call whose input_type is known only at run time keeps legacy_compat.
RUNTIME_INPUT_TYPE_MARKER = Marker(
    CODE,
    "input_type is known only at run time: the new method's parameter and data type depend on "
    "it; call model.predict(...) with the input as Image(...)/Audio(...)/Video(...) or a str "
    "for text, then drop legacy_compat.Model",
)


@dataclass(frozen=True)
class ProtoOnly(Marker):
    """The value form cannot say what the call meant, but the proto form can: the planner
    uses the proto form where the call allows it and marks the call with this text otherwise."""


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


def bind_call(
    call: cst.Call,
    method_name: str,
    constant_of: Callable[[cst.BaseExpression], Optional[str]] = lambda node: None,
) -> Union[BoundCall, Marker]:
    """Bind a legacy call's arguments to their meaning, or say why that cannot be done.

    ``constant_of`` gives the string a non-literal ``input_type`` always holds (a module
    constant), or None when that is not known: only then is the call marked.
    """
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
            order: tuple[str, ...] = _ERA_PARAMS_ORDER
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
    input_type = string_value(input_type_node)
    if input_type is None and input_type_node is not None:
        input_type = constant_of(input_type_node)
    if input_type_node is None or _is_empty(input_type_node):
        return Marker(
            CODE,
            "the call gives no input_type, so the legacy method asked the model for its input "
            f"type: pass input_type explicitly (or call {new} with the input as "
            "Image(...)/Audio(...)/Video(...) or a str for text), then drop legacy_compat.Model",
        )
    runtime_type = input_type is None and isinstance(
        input_type_node, (cst.Name, cst.Attribute, cst.Subscript)
    )
    if input_type is None and not runtime_type and not _is_literal(input_type_node):
        # Computed (``kind.lower()``, an f-string): as much a run-time value as ``kind``, so
        # the same words; only the proto form could carry it, and it would evaluate it first.
        return RUNTIME_INPUT_TYPE_MARKER
    if input_type not in INPUT_TYPES and not runtime_type:
        return Marker(
            CODE,
            f"input_type is {_shown(input_type, input_type_node)}, not one of "
            f"image/text/audio/video: call {new} with the input as "
            "Image(...)/Audio(...)/Video(...) or a str for text, then drop legacy_compat.Model",
        )
    if runtime_type or input_type is None:
        input_type = ""  # known only at run time: only the proto form can carry it
    output_config = named.get("output_config")
    routing = {k: v for k, v in named.items() if k in ROUTING_KEYWORDS and not _is_empty(v)}
    params = None if _is_empty(named.get("inference_params")) else named.get("inference_params")
    return BoundCall(
        method,
        source,
        input_type,
        params,
        routing,
        None if _is_empty(output_config) else output_config,
        input_type_node if runtime_type else None,
    )


#: Why the value form cannot carry ``output_config``; the proto form of ``predict`` can.
OUTPUT_CONFIG_MARKER = ProtoOnly(
    CODE,
    "output_config has no per-call equivalent in the value form, and the new client's "
    "generate/stream drop it (AttributeError: MergeFromDict): move what it sets (min_value, "
    "max_concepts, select_concepts) into the model's inference parameters or post-filter the "
    "result, then drop legacy_compat.Model",
)


def _text_of_bytes(node: cst.BaseExpression, code: str) -> Optional[str]:
    """``s`` for ``s.encode()``; the str literal for a plain ASCII bytes literal."""
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "encode"
        and _encodes_utf8(node.args)
    ):
        return source_of(node.func.value)
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
    return (string_value(args[0].value) or "").lower().replace("-", "") == "utf8"


def render_input(
    bound: BoundCall, code_of: Callable[[cst.CSTNode], str], text_type: str = "STR"
) -> Union[str, Marker]:
    """Source text of the value passed to the new method's input parameter.

    ``text_type`` is the signature type of a text parameter: a text URL can reach a model only
    through a ``TEXT`` one (``Text("", url=...)``, which the runner fetches).
    """
    method = bound.method
    value_code = code_of(bound.source)
    text_url = method.source is Source.URL and bound.input_type == "text"
    if text_url and text_type != "TEXT":
        return text_url_marker(method)
    if method.kind is CallKind.STREAM and method.source is not Source.FILEPATH:
        item = _fresh_name("item", value_code)
        element = (
            f'Text("", url={item})'
            if text_url
            else render_input_expression(method.source, bound.input_type, item)
        )
        assert element is not None
        return f"({element} for {item} in {_stream_iterable(bound, value_code)})"
    if method.kind is CallKind.STREAM:
        paths = _stream_paths(bound, value_code)
        if isinstance(paths, Marker):
            return paths
        item, iterable = paths
        element = render_input_expression(method.source, bound.input_type, item)
        assert element is not None
        return f"({element} for {item} in {iterable})"
    if text_url:
        return f'Text("", url={value_code})'
    if method.source is Source.BYTES and bound.input_type == "text":
        text = _text_of_bytes(bound.source, value_code)
        if text is not None:
            return text
        if bound.source_is_str:
            return value_code
        if not _is_known_bytes(bound.source):
            return ProtoOnly(
                CODE,
                "the text may be a str or bytes (the legacy method took both), and the value "
                "form needs a str: pass model.predict(prompt=...) a str, then drop "
                "legacy_compat.Model",
            )
        if not _is_atomic(bound.source):
            value_code = f"({value_code})"
    rendered = render_input_expression(method.source, bound.input_type, value_code)
    assert rendered is not None
    return rendered


def render_proto(bound: BoundCall, code_of: Callable[[cst.CSTNode], str]) -> Union[str, Marker]:
    """Source text of the ``inputs=`` argument of the proto form.

    ``predict``/``generate`` take a list of ``Input`` protos; ``stream`` takes an iterator of
    such lists, one per request message, as the legacy method sent them.
    """
    method = bound.method
    value_code = code_of(bound.source)
    if bound.input_type_node is not None:
        kind_code = code_of(bound.input_type_node)
        return f"[{render_proto_input(method.source, '', value_code, kind_code)}]"
    if method.kind is not CallKind.STREAM:
        return f"[{render_proto_input(method.source, bound.input_type, value_code)}]"
    if method.source is Source.FILEPATH:
        paths = _stream_paths(bound, value_code)
        if isinstance(paths, Marker):
            return paths
        item, iterable = paths
    else:
        item = _fresh_name("item", value_code)
        iterable = _stream_iterable(bound, value_code)
    return (
        f"([{render_proto_input(method.source, bound.input_type, item)}] for {item} in {iterable})"
    )


def _stream_iterable(bound: BoundCall, value_code: str) -> str:
    """The iterable a stream call's generator runs over: one item goes in a list of one,
    since legacy_compat sends a lone ``str``/``bytes`` as one input (iterating it would send
    each character)."""
    if bound.stream_items == ONE_ITEM:
        return f"[{value_code}]"
    return value_code if _is_atomic(bound.source) else f"({value_code})"


def stream_items(node: cst.BaseExpression, context: Planner) -> str:
    """:data:`MANY_ITEMS`, :data:`ONE_ITEM` or "" for a stream call's source.

    A name is followed to its only binding (``urls = [...]``, ``one = "https://..."``): that
    is enough to know whether it holds one input or several, whatever is appended later.
    """
    if isinstance(node, cst.Name):
        value = single_binding_value(node, context.facts, context.resolver.scope_of)
        return "" if value is None or isinstance(value, cst.Name) else stream_items(value, context)
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return MANY_ITEMS if node.elements else ""  # an empty stream raises UserError today
    if isinstance(node, (cst.GeneratorExp, cst.ListComp, cst.SetComp)):
        return MANY_ITEMS
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return ONE_ITEM
    return ""


def _stream_paths(bound: BoundCall, value_code: str) -> Union[tuple[str, str], Marker]:
    """``(item, iterable)`` over the paths a ``stream_by_filepath`` call was given.

    The legacy facade takes one path or an iterable of paths; which one must be visible in the
    code (directly or through the name's only binding), since ``Path(<generator>)`` would fail.
    """
    node = bound.source
    item = _fresh_name("path", value_code)
    if bound.stream_items == MANY_ITEMS or isinstance(
        node, (cst.List, cst.Tuple, cst.GeneratorExp, cst.ListComp)
    ):
        return item, value_code
    if bound.stream_items == ONE_ITEM or _is_single_path(node):
        return item, f"[{value_code}]"
    return Marker(
        CODE,
        "stream_by_filepath was given a value that may be one path or several: call "
        "model.stream(...) with a generator of Image(bytes=Path(p).read_bytes()) (or the type "
        "the model takes) over the paths, then drop legacy_compat.Model",
    )


def _is_single_path(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
        return True  # Path(...) / "name"
    if isinstance(node, cst.Call):
        func = source_of(node.func)
        return func in {"Path", "pathlib.Path", "os.path.join", "str", "os.fspath"}
    return False


def _is_known_bytes(node: cst.BaseExpression) -> bool:
    """Expressions that are bytes whatever the data: ``Path(p).read_bytes()``, ``r.content``,
    ``base64.b64decode(...)``, a bytes literal."""
    if isinstance(node, cst.SimpleString):
        return "b" in node.prefix.lower()
    if isinstance(node, cst.Attribute):
        return node.attr.value == "content"
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value in {"read_bytes", "b64decode", "encode", "tobytes"}
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
        return node.func.value in {"bytes", "b64decode"}
    return False


def text_url_marker(method: LegacyMethod) -> Marker:
    """What happens today to a text URL no form can carry, and what settles it."""
    return Marker(
        CODE,
        "a text URL reaches a model of the new client only through a Text-typed parameter "
        f"(model.{method.new_method}(<parameter>=Text('', url=u))); today legacy_compat raises "
        "UserError for this call on a model whose text parameter is a str, and sends the URL "
        "to an older model as it is: add the model to a signatures file (legacy-compat "
        "signatures MODEL_URL) and run migrate again, or download the text and pass it, then "
        "drop legacy_compat.Model",
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


# -- planning (the hooks above) ------------------------------------------------------------


def _is_literal(node: cst.BaseExpression) -> bool:
    """A value written in the source (``"IMAGE"``, ``3``, ``None``), not computed."""
    if isinstance(node, cst.FormattedString):
        return False
    if isinstance(node, (cst.BaseString, cst.Integer, cst.Float, cst.Imaginary)):
        return True
    return isinstance(node, cst.Name) and node.value in ("None", "True", "False")


def _shown(value: Optional[str], node: cst.BaseExpression) -> str:
    """How a message quotes an input_type value: its text, else the literal as written."""
    return repr(value) if value is not None else cst.Module([]).code_for_node(node)


def model_reference(
    constructor: cst.Call,
    constant_of: Callable[[cst.BaseExpression], Optional[str]] = lambda node: None,
) -> Optional[str]:
    """The model URL or ``USER/APP/MODEL`` a constructor call names with literals (or with
    constants ``constant_of`` knows the value of)."""

    def value(node: Optional[cst.BaseExpression]) -> Optional[str]:
        return None if node is None else (string_value(node) or constant_of(node))

    keywords = {a.keyword.value: a.value for a in constructor.args if a.keyword is not None}
    positional = [a.value for a in constructor.args if a.keyword is None and not a.star]
    url = value(keywords.get("url")) or (value(positional[0]) if positional else None)
    if url:
        return url
    parts = [value(keywords.get(k)) for k in ("user_id", "app_id", "model_id")]
    if all(parts):
        return "/".join(p for p in parts if p)
    return None


def _references(site: CallSite, context: Planner) -> set[Optional[str]]:
    """The model references of the site's origins: its constructors' here, or those the
    project index read in another module (None/"" where unknown)."""
    if site.constructors:
        constant_of = partial(_constant_of, context=context)
        return {model_reference(c, constant_of) for c in site.constructors}
    return {r or None for r in site.references}


def _site_model_reference(site: CallSite, context: Planner) -> Optional[str]:
    references = _references(site, context)
    if len(references) != 1:
        return None
    return references.pop()


def _signature(
    site: CallSite, context: Planner
) -> tuple[Optional[MethodSignature], Optional[Marker]]:
    references = _references(site, context)
    if len(references) != 1 or None in references:
        return None, None
    reference = references.pop()
    assert reference is not None
    new_method = site.method.new_method
    signatures = context.options.signatures
    signature = signatures.method(reference, new_method)
    if (
        signature is None
        and signatures.has_model(reference)
        and signatures.models.get(model_key(reference) or "")
    ):
        return None, Marker(
            CODE,
            f"the signatures file has no {new_method} method for {reference}: check which "
            "method the model serves and call it by hand, then drop legacy_compat.Model",
        )
    return signature, None


def plan_call(site: CallSite, context: Planner) -> Optional[Marker]:
    """Bind the call, read the model's kind and plan the value form's call (or the proto one).

    The value form's keywords and reads are the business of the rules that follow; a call
    planned in the proto form is complete here (it keeps the legacy response and passes
    ``inference_params``/``output_config`` as they are).
    """
    bound = bind_call(site.call, site.method.name, lambda node: _constant_of(node, context))
    if isinstance(bound, Marker):
        return bound
    site.bound = bound
    kind_node = _named_input_type(site.call)
    if isinstance(kind_node, cst.Attribute) and bound.input_type_node is None:
        site.assumptions.append(
            f"{source_of(kind_node)} is the class attribute {kind_node.attr.value} = "
            f"{bound.input_type!r} (no subclass or instance of another module replaces it)"
        )
    _plan_stream_items(site, bound, context)
    if bound.method.source is Source.FILEPATH and _handles_user_error(site.call, context):
        return Marker(
            CODE,
            "a missing file raises the SDK's UserError here, and the new code would raise "
            "FileNotFoundError past this except clause: check os.path.isfile(path) and "
            "raise UserError yourself before calling the new method, then drop "
            "legacy_compat.Model",
        )
    signature, problem = _signature(site, context)
    if problem is not None:
        return problem
    site.signature = signature
    pythonic = _model_kind_evidence(site, signature, context)
    if bound.input_type_node is not None:
        site.complete = True
        return _plan_proto_or_mark(
            site,
            "input_type is known only at run time, so the call keeps the proto form, which "
            "picks the input field from it as the legacy method did (it must be one of "
            "image/text/audio/video: another value raises TypeError, not UserError)",
            None,
            context,
            known_pythonic=pythonic.startswith("pythonic"),
        )
    if not pythonic.startswith("pythonic"):
        site.complete = True
        return _plan_proto_or_mark(site, pythonic, None, context)
    site.pythonic = pythonic
    return _plan_value_form(site, signature, context)


def _constant_of(node: cst.BaseExpression, context: Planner) -> Optional[str]:
    """The string a non-literal argument (an ``input_type``, a model URL) always holds: a
    name bound once to a literal (a module constant, a local), or a class constant read
    through ``self``/the class."""
    return context.constant_string(node) or class_attribute_string(
        node, context.facts, context.resolver.scope_of
    )


def _named_input_type(call: cst.Call) -> Optional[cst.BaseExpression]:
    """The call's ``input_type`` argument as written (second positional or by keyword)."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "input_type":
            return arg.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[1].value if len(positional) > 1 else None


def _plan_stream_items(site: CallSite, bound: BoundCall, context: Planner) -> None:
    """Record what a stream call's source is; a URL or bytes source that is not visible is
    taken to be an iterable (as the SDK documents it), and the report says so."""
    if bound.method.kind is not CallKind.STREAM:
        return
    bound.stream_items = stream_items(bound.source, context)
    if not bound.stream_items and bound.method.source is not Source.FILEPATH:
        what = "URLs" if bound.method.source is Source.URL else "bytes values"
        site.assumptions.append(
            f"{source_of(bound.source)} is an iterable of {what}, streamed one input per "
            f"item as it is consumed (legacy_compat sent a lone "
            f"{'str' if bound.method.source is Source.URL else 'str or bytes'} as one input)"
        )


def replan_in_proto_form(site: CallSite, marker: Marker, context: Planner) -> Optional[Marker]:
    """A later rule gave up on the value form: keep the call in the proto form if it can be.

    The proto form returns the legacy response, so a read or a status check that cannot be
    rewritten stays as it is; a :class:`ProtoOnly` marker means the same for this rule's own
    reasons.
    """
    if site.complete or site.bound is None:
        return marker
    if not (
        isinstance(marker, ProtoOnly)
        or (marker.keep_legacy and context.rewrites_response_reads(marker.code))
    ):
        return marker
    fallback = type(site)(site.call, site.method, site.constructors, bound=site.bound)
    fallback.signature = site.signature
    problem = _plan_proto_or_mark(
        fallback,
        "the response is kept in the legacy shape: the proto form works on models of "
        f"both kinds ({marker.todo.split(':')[0]})",
        marker,
        context,
        known_pythonic=True,
    )
    fallback.complete = True
    site.__dict__.update(fallback.__dict__)
    return problem


def _model_kind_evidence(
    site: CallSite, signature: Optional[MethodSignature], context: Planner
) -> str:
    """Why the model is (or may not be) pythonic; starts with "pythonic" when it is.

    The value form works only on models that declare method signatures; an older model
    raises "This model is a non-pythonic model" for it. The proto form works on both.
    """
    if signature is not None:
        return "pythonic: the signatures file gives the model's methods"
    if _known_non_pythonic(site, context):
        return "the signatures file says the model has no methods (non-pythonic)"
    if site.method.kind is not CallKind.PREDICT:
        return (
            "pythonic: generate_by_*/stream_by_* exist only on models with streaming "
            "methods (no signature)"
        )
    return (
        "the model's kind is unknown, so the call keeps the proto form, which works on "
        "models with and without method signatures: add the model to a signatures file "
        "(legacy-compat signatures MODEL_URL) to get model.predict(<parameter>=...)"
    )


def _known_non_pythonic(site: CallSite, context: Planner) -> bool:
    """The signatures file lists the model with no methods: an older model."""
    reference = _site_model_reference(site, context)
    signatures = context.options.signatures
    return (
        reference is not None
        and signatures.has_model(reference)
        and not signatures.models.get(model_key(reference) or "")
    )


def _proto_obstacle(site: CallSite, context: Planner) -> Optional[Marker]:
    """Why the proto form cannot do what the call did, checked on clarifai 11.8.5 and
    12.5.0 against LocalEndpoint; None when it can."""
    bound = site.bound
    assert bound is not None
    kind = site.method.kind
    if bound.output_config is not None and kind is not CallKind.PREDICT:
        return OUTPUT_CONFIG_MARKER
    known_old = _known_non_pythonic(site, context)
    if bound.input_type_node is not None and (
        kind is CallKind.STREAM or (site.method.source is Source.URL and not known_old)
    ):
        # A text URL or a text stream, if that is what the value turns out to be, is not
        # sent by the proto form the way legacy_compat sends it to a pythonic model.
        return RUNTIME_INPUT_TYPE_MARKER
    params_rule = context.rule_needed_for(site, "inference_params")
    if params_rule is not None and not context.enabled(params_rule):
        return context.disabled(params_rule)
    if params_rule is not None and not known_old:
        # Checked against LocalEndpoint: a pythonic model's runner does not apply
        # output_info.params to an old-format request, while legacy_compat passes them
        # as the method's keyword arguments.
        return Marker(
            params_rule.CODE,
            "inference_params reach a pythonic model only as keyword arguments of the new "
            "method, and an older model only in the proto form; the model's kind is not "
            "known here: add it to a signatures file (legacy-compat signatures MODEL_URL) "
            "and run migrate again, then drop legacy_compat.Model",
        )
    text = bound.input_type == "text"
    # legacy_compat sends a text URL to a str parameter as an error (UserError); the proto
    # form would succeed where the original failed, unless the model is known to be older.
    if text and site.method.source is Source.URL and not known_old:
        return text_url_marker(site.method)
    if text and kind is CallKind.STREAM and not _single_item_stream(bound):
        return Marker(
            CODE,
            "a text stream of more than one item: the proto form sends old-format text "
            "that a pythonic model reads only in the first request, and the value form "
            "needs the reads rewritten: rewrite the reads by hand and call "
            "model.stream(<parameter>=(text for text in ...)), then drop legacy_compat.Model",
        )
    return None


def _plan_proto_or_mark(
    site: CallSite,
    reason: str,
    value_marker: Optional[Marker],
    context: Planner,
    *,
    known_pythonic: bool = False,
) -> Optional[Marker]:
    obstacle = _proto_obstacle(site, context)
    if obstacle is not None:
        if value_marker is not None and not isinstance(value_marker, ProtoOnly):
            return value_marker
        return obstacle
    assert site.bound is not None
    rendered = render_proto(site.bound, source_of)
    if isinstance(rendered, Marker):
        return rendered
    site.proto = True
    site.parameter = "inputs"
    site.input_text = context.spell(rendered)
    if site.bound.inference_params is not None:
        site.keywords.append(("inference_params", site.bound.inference_params))
    if site.bound.output_config is not None:
        site.keywords.append(("output_config", site.bound.output_config))
    site.reads = context.no_reads()
    site.assumptions.append(reason)
    return None


def _handles_user_error(call: cst.Call, context: Planner) -> bool:
    """Whether an enclosing ``try`` catches the SDK's UserError by name."""
    facts = context.facts
    for ancestor in facts.ancestors(call):
        if isinstance(ancestor, cst.Try) and facts.is_within(call, ancestor.body):
            for handler in ancestor.handlers:
                if handler.type is not None and "UserError" in source_of(handler.type):
                    return True
    return False


def _plan_value_form(
    site: CallSite, signature: Optional[MethodSignature], context: Planner
) -> Optional[Marker]:
    """Plan ``model.predict(<parameter>=<value>)``; a marker when it cannot be."""
    bound = site.bound
    assert bound is not None
    if bound.output_config is not None:
        return OUTPUT_CONFIG_MARKER
    kind = site.method.kind
    if signature is not None:
        chosen = choose_input_parameter(kind, bound.input_type, signature.parameters)
        if chosen is None:
            return Marker(
                CODE,
                f"the model's {kind.value} signature has no parameter that accepts "
                f"{bound.input_type}: check the model and pass the input by hand",
            )
        site.parameter = chosen.name
        site.text_type = chosen.type_name
    else:
        # A stream goes positionally (""); the SDK peeks at a positional stream, so it must be
        # an iterator, which the rendered stream is (a generator expression).
        site.parameter = conventional_parameter(kind, bound.input_type)
        site.assumptions.append(
            f"parameter name {site.parameter!r} is the convention for {bound.input_type} "
            "input (no signature for this model)"
            if site.parameter
            else f"the {bound.input_type} stream goes to the model's first parameter "
            "(no signature for this model)"
        )
    if (
        site.method.source is Source.BYTES
        and bound.input_type == "text"
        and is_known_str(bound.source, context.facts, context.resolver.scope_of)
    ):
        site.bound = bound = replace(bound, source_is_str=True)
    rendered = render_input(bound, source_of, site.text_type)
    if isinstance(rendered, Marker):
        return rendered
    site.input_text = context.spell(rendered)
    return None


def _single_item_stream(bound: BoundCall) -> bool:
    """A stream call whose source is visibly one item (one path, a one-element list)."""
    if bound.stream_items == ONE_ITEM:
        return True
    source = bound.source
    if isinstance(source, (cst.List, cst.Tuple)):
        return len(source.elements) == 1
    return bound.method.source is Source.FILEPATH and not isinstance(
        source, (cst.GeneratorExp, cst.ListComp, cst.Name, cst.Attribute, cst.Subscript)
    )
