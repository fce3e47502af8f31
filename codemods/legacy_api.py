"""The nine legacy inference methods, described once as data.

The Clarifai SDK grew ``predict_by_*`` in 9.7.4, ``generate_by_*`` and ``stream_by_*`` in
10.5.1, and moved to pythonic model methods (``model.predict(prompt=...)``) in 11.3.0. The
nine legacy methods are one idea applied three by three: a *call kind* (unary, unary-stream,
stream-stream) times a *source* (url, bytes, filepath). Everything that needs to know about
them -- the runtime facade in :mod:`legacy_compat`, its deprecation messages, and the rewrite
rules in :mod:`codemods` -- reads this table instead of spelling the nine out again.

This module is pure Python on purpose: the migrate CLI imports it and must never import the
Clarifai SDK or gRPC.

Example:
    >>> LEGACY_METHODS["generate_by_url"].kind
    <CallKind.GENERATE: 'generate'>
    >>> LEGACY_METHODS["stream_by_bytes"].source_names
    ('input_bytes_iterator', 'input_bytes')
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Mapping, Sequence

__all__ = [
    "DATA_TYPE_MODULE",
    "ERA_PARAMETER_ORDERS",
    "INPUT_TYPES",
    "LEGACY_METHODS",
    "LEGACY_COMPAT_MODEL_NAMES",
    "LEGACY_METHOD_NAMES",
    "LEGACY_METHOD_PATTERN",
    "MODEL_MODULES",
    "MODEL_QUALIFIED_NAMES",
    "ROUTING_KEYWORDS",
    "CallKind",
    "InputType",
    "LegacyMethod",
    "Source",
    "ACCEPTING_FIELD_TYPES",
    "ParameterInfo",
    "choose_input_parameter",
    "conventional_parameter",
    "data_type_for",
    "INPUTS_MODULE",
    "render_input_expression",
    "render_proto_input",
]


class CallKind(str, enum.Enum):
    """How a legacy method talks to the model: the new method it maps to has the same name."""

    PREDICT = "predict"  # unary-unary
    GENERATE = "generate"  # unary-stream
    STREAM = "stream"  # stream-stream

    @property
    def streams_input(self) -> bool:
        return self is CallKind.STREAM

    @property
    def streams_output(self) -> bool:
        return self is not CallKind.PREDICT

    @property
    def rpc(self) -> str:
        """The gRPC method of the V2 service that carries this kind of call."""
        return _RPCS[self]


_RPCS = {
    CallKind.PREDICT: "PostModelOutputs",
    CallKind.GENERATE: "GenerateModelOutputs",
    CallKind.STREAM: "StreamModelOutputs",
}


class Source(str, enum.Enum):
    """Where the legacy input came from."""

    URL = "url"
    BYTES = "bytes"
    FILEPATH = "filepath"


class InputType(str, enum.Enum):
    """The four legacy ``input_type`` values."""

    IMAGE = "image"
    TEXT = "text"
    VIDEO = "video"
    AUDIO = "audio"


INPUT_TYPES: tuple[str, ...] = tuple(t.value for t in InputType)

#: Module that holds the new client's data types (``Image``, ``Audio``, ``Video``, ``Text``).
DATA_TYPE_MODULE = "clarifai.runners.utils.data_types"

#: Module of ``Inputs``, the SDK's builder of the legacy ``Input`` protos (the proto form).
INPUTS_MODULE = "clarifai.client.input"

# The data type that carries each legacy input type in the new method. Text is passed as a
# plain ``str`` by convention (``Text`` is accepted by TEXT parameters too).
_DATA_TYPES: Mapping[InputType, str] = {
    InputType.IMAGE: "Image",
    InputType.VIDEO: "Video",
    InputType.AUDIO: "Audio",
    InputType.TEXT: "Text",
}

# Documented conventions for the parameter that receives the legacy input when the model's
# signature is not known (the names used by Clarifai's own model templates). A stream has no
# name in common (``input_iterator``, ``images``, ``prompts``...), so it goes positionally
# (""): the SDK binds it to the first parameter, where the templates put the stream.
_CONVENTIONAL_PARAMETERS: Mapping[tuple[CallKind, InputType], str] = {
    **{(kind, InputType.IMAGE): "image" for kind in (CallKind.PREDICT, CallKind.GENERATE)},
    **{(kind, InputType.TEXT): "prompt" for kind in (CallKind.PREDICT, CallKind.GENERATE)},
    **{(kind, InputType.AUDIO): "audio" for kind in (CallKind.PREDICT, CallKind.GENERATE)},
    **{(kind, InputType.VIDEO): "video" for kind in (CallKind.PREDICT, CallKind.GENERATE)},
    **{(CallKind.STREAM, t): "" for t in InputType},
}

#: Per-call routing keywords accepted by the legacy methods in 10.8.9 - 11.2.3 (``user_id``
#: from 11.0.1). Since 11.3.0 they belong to the ``Model(...)`` constructor, where
#: ``user_id`` is spelled ``deployment_user_id``.
ROUTING_KEYWORDS: tuple[str, ...] = (
    "compute_cluster_id",
    "nodepool_id",
    "deployment_id",
    "user_id",
)

#: The positional parameter orders the legacy methods have had, oldest first, after the
#: source. A call's positional arguments are told apart by era from their types.
ERA_PARAMETER_ORDERS: Mapping[str, tuple[str, ...]] = {
    "9.7.4": ("input_type",),
    "9.10.0": ("input_type", "inference_params", "output_config"),
    "10.8.9": (
        "input_type",
        "compute_cluster_id",
        "nodepool_id",
        "deployment_id",
        "inference_params",
        "output_config",
    ),
    "11.0.1": (
        "input_type",
        "compute_cluster_id",
        "nodepool_id",
        "deployment_id",
        "user_id",
        "inference_params",
        "output_config",
    ),
    "11.3.0": ("input_type", "inference_params", "output_config"),
}


@dataclass(frozen=True)
class LegacyMethod:
    """One of the nine legacy methods.

    ``source_names`` lists every name the first parameter has had, the current one first: a
    caller may pass the source by any of them.
    """

    kind: CallKind
    source: Source

    @property
    def name(self) -> str:
        return f"{self.kind.value}_by_{self.source.value}"

    @property
    def source_names(self) -> tuple[str, ...]:
        if self.kind is CallKind.STREAM and self.source is Source.URL:
            return ("url_iterator", "url")
        if self.kind is CallKind.STREAM and self.source is Source.BYTES:
            return ("input_bytes_iterator", "input_bytes")
        return {
            Source.URL: ("url",),
            Source.BYTES: ("input_bytes",),
            Source.FILEPATH: ("filepath",),
        }[self.source]

    @property
    def new_method(self) -> str:
        """The pythonic method that replaces this one."""
        return self.kind.value


#: Which signature field types (``ModelTypeField.DataType`` names) can receive each legacy
#: input type. The first input parameter whose type is in this set receives the input; for a
#: streaming method, the streaming parameter's item type is what counts.
ACCEPTING_FIELD_TYPES: Mapping[InputType, frozenset[str]] = {
    InputType.IMAGE: frozenset({"IMAGE"}),
    InputType.TEXT: frozenset({"STR", "TEXT"}),
    InputType.AUDIO: frozenset({"AUDIO"}),
    InputType.VIDEO: frozenset({"VIDEO"}),
}


@dataclass(frozen=True)
class ParameterInfo:
    """One input parameter of a model method, as much as the binding rule needs to know.

    ``type_name`` is the ``ModelTypeField.DataType`` name (``"STR"``, ``"IMAGE"``, ...); for a
    streaming parameter (``Iterator[Image]``) it is the item type and ``stream`` is True.
    """

    name: str
    type_name: str
    stream: bool = False
    required: bool = True


def choose_input_parameter(
    kind: CallKind, input_type: str, parameters: Sequence[ParameterInfo]
) -> ParameterInfo | None:
    """The parameter that receives a legacy input of ``input_type``, or None if none can.

    For stream-stream calls only the streaming parameter can receive the stream; for the other
    kinds the first non-streaming parameter whose type accepts the input wins, which is the
    rule the runner itself applies when it converts old-format requests.

    >>> params = [ParameterInfo("prompt", "STR"), ParameterInfo("image", "IMAGE")]
    >>> choose_input_parameter(CallKind.PREDICT, "image", params).name
    'image'
    """
    accepted = ACCEPTING_FIELD_TYPES[InputType(input_type)]
    for parameter in parameters:
        if parameter.stream is kind.streams_input and parameter.type_name in accepted:
            return parameter
    return None


LEGACY_METHODS: Mapping[str, LegacyMethod] = {
    m.name: m for m in (LegacyMethod(kind, source) for kind in CallKind for source in Source)
}
LEGACY_METHOD_NAMES: frozenset[str] = frozenset(LEGACY_METHODS)
#: Any of the nine names as a whole word, for the cheap textual pre-filters that decide what
#: is worth parsing (``LEGACY_METHOD_PATTERN.encode()`` for file bytes).
LEGACY_METHOD_PATTERN: str = r"\b(?:{})\b".format("|".join(sorted(LEGACY_METHOD_NAMES)))

#: The modules that export the ``Model`` class with the nine methods: the SDK's, and the
#: facade's drop-in subclass (``legacy_compat.Model``).
MODEL_MODULES: tuple[str, ...] = (
    "clarifai.client.model",
    "clarifai.client",
    "legacy_compat",
    "legacy_compat.model",
)
#: Qualified names of the constructors whose instances have the nine legacy methods.
MODEL_QUALIFIED_NAMES: frozenset[str] = frozenset(f"{module}.Model" for module in MODEL_MODULES)
#: The facade's own ``Model`` (a call kept on it needs no constructor switch).
LEGACY_COMPAT_MODEL_NAMES: frozenset[str] = frozenset(
    name for name in MODEL_QUALIFIED_NAMES if name.startswith("legacy_compat.")
)


def data_type_for(input_type: str) -> str:
    """Name of the new data type that carries ``input_type`` (``"image"`` -> ``"Image"``)."""
    return _DATA_TYPES[InputType(input_type)]


def conventional_parameter(kind: CallKind, input_type: str) -> str:
    """The documented default name of the parameter that receives a legacy input.

    "" means the input is passed positionally (a stream, whose name varies by model).
    """
    return _CONVENTIONAL_PARAMETERS[(kind, InputType(input_type))]


def render_input_expression(source: Source, input_type: str, value: str) -> str | None:
    """Source text of the new-style value for one legacy input, or None if there is none.

    ``value`` is the source text of the legacy argument (a name or an expression). A text URL
    has no faithful new-style value (the legacy server fetched it; the new ``Text`` type needs
    the text itself), so it gives None and callers mark the site for a human.

    >>> render_input_expression(Source.URL, "image", "url")
    'Image(url=url)'
    >>> render_input_expression(Source.FILEPATH, "audio", "path")
    'Audio(bytes=Path(path).read_bytes())'
    >>> render_input_expression(Source.BYTES, "text", "data")
    'data.decode()'
    >>> render_input_expression(Source.FILEPATH, "text", "p")
    'Path(p).read_bytes().decode()'
    """
    kind = InputType(input_type)
    if kind is InputType.TEXT:
        if source is Source.URL:
            return None
        if source is Source.FILEPATH:
            # read_text() would translate newlines and use the locale's encoding; the legacy
            # method read bytes and the text is UTF-8.
            return f"Path({value}).read_bytes().decode()"
        return f"{value}.decode()"
    data_type = _DATA_TYPES[kind]
    if source is Source.URL:
        return f"{data_type}(url={value})"
    if source is Source.FILEPATH:
        return f"{data_type}(bytes=Path({value}).read_bytes())"
    return f"{data_type}(bytes={value})"


def render_proto_input(
    source: Source, input_type: str, value: str, input_type_code: str = ""
) -> str:
    """Source text of the ``Input`` proto the legacy method built, for the proto form.

    ``model.predict(inputs=[...])`` (and ``generate``/``stream``) send these protos as they
    are, so the request is the one the legacy method sent and the model may be of either kind.
    A file is read as bytes, as the legacy method did: no decoding, no newline translation
    (for text, the proto's ``raw`` field decodes UTF-8 itself and accepts a ``str`` too).

    >>> render_proto_input(Source.URL, "image", "u")
    'Inputs.get_input_from_url("", image_url=u)'
    >>> render_proto_input(Source.FILEPATH, "text", "p")
    'Inputs.get_input_from_bytes("", text_bytes=Path(p).read_bytes())'
    >>> render_proto_input(Source.BYTES, "", "data", "kind")
    'Inputs.get_input_from_bytes("", **{f"{kind}_bytes": data})'
    """
    suffix = "url" if source is Source.URL else "bytes"
    if source is Source.FILEPATH:
        value = f"Path({value}).read_bytes()"
    builder = "get_input_from_url" if source is Source.URL else "get_input_from_bytes"
    if input_type_code:
        # The input type is a value of the program: the keyword is built from it, as the
        # legacy method picked the proto field from it.
        return f'Inputs.{builder}("", **{{f"{{{input_type_code}}}_{suffix}": {value}}})'
    return f'Inputs.{builder}("", {InputType(input_type).value}_{suffix}={value})'
