"""What a recorded request MEANS to the model that serves it: the one comparison of requests.

Two programs are equivalent when they send the same requests, but "the same" cannot be the
same bytes: the legacy encoding (no method name, the input in ``Input.data.image``) and the
pythonic one (``_method_name`` metadata, the input as a named part) reach a pythonic model
as the same call with the same arguments. So a request is compared by what the SDK's runner
(``clarifai.runners.models.model_class.ModelClass``) makes of it:

- the route (user / app / model / version) and the runner selector (deployment, compute
  cluster, nodepool), as the client sent them;
- the RPC and the method the runner dispatches to: on ``PostModelOutputs`` a request with no
  ``_method_name`` goes to a proto-style ``PostModelOutputs`` method if the model has one,
  else to ``predict``; on ``GenerateModelOutputs`` to ``generate``; on
  ``StreamModelOutputs`` to ``stream``;
- the arguments per input as the runner binds them: a legacy-encoded ``Input.data`` is first
  converted to parts for that method's signature (``DataConverter``), then every part is
  deserialized by name, and the Python method's own defaults fill what was not sent (the
  model receives the same call whether a default was sent or left out);
- for a proto-style method (an older model with no signatures) the model gets the whole
  request, so the raw data fields, ``output_info.params`` and ``output_config`` are the
  meaning.

A pythonic runner never reads ``output_info.params`` nor ``output_config``: they are kept in
:attr:`RequestMeaning.ignored`, shown in a report but not compared. A parameter sent that way
to a pythonic model is therefore missing from the arguments, and differs from the same
parameter sent as a part, which the model does get. The raw record stays beside the meaning
(:mod:`legacy_compat.verification` keeps both) so a difference still shows each encoding.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Tuple

from codemods.legacy_api import CallKind

if TYPE_CHECKING:
    from legacy_compat.testing.records import RequestRecord
    from legacy_compat.testing.routing import ModelKey, ServedModel

__all__ = ["RequestMeaning", "canonical_value", "meaning_of", "meanings_of", "shorten_bytes"]

#: Finds the model that served a request, by the (user, app, model) the client named.
ModelLookup = Callable[["ModelKey"], Optional["ServedModel"]]

#: The method the runner calls on each RPC when the request names none.
_DEFAULT_METHOD = {kind.rpc: kind.value for kind in CallKind}
#: The runner's proto-style fallback on PostModelOutputs (see the module docstring).
_PROTO_METHOD = "PostModelOutputs"


@dataclass(frozen=True)
class RequestMeaning:
    """One request as the model receives it (module docstring); equal meanings, same call.

    ``arguments`` has one compact JSON object per input: parameter name -> ``[type, value]``
    (an ``int`` and a ``float`` differ; media by their proto fields, bytes by length and
    SHA-1). ``binding`` says how the arguments were read (``"pythonic parts"``, ``"legacy
    data converted for the signature"``, ``"raw request (proto-style method)"``, ...): it
    explains a report, and is not compared.
    """

    rpc: str
    route: str
    routing: str
    method: str
    arguments: Tuple[str, ...]
    binding: str = field(default="", compare=False)
    ignored: str = field(default="", compare=False)

    def fields(self) -> Dict[str, str]:
        """The compared fields, for a report line each."""
        return {
            "rpc": self.rpc,
            "model": self.route,
            "routing": self.routing or "(none)",
            "method": self.method,
            "arguments": "; ".join(self.arguments) or "(none)",
        }


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":")) if value else ""


def _bytes_label(data: bytes) -> str:
    return f"<{len(data)} bytes sha1 {hashlib.sha1(data).hexdigest()[:10]}>"


def shorten_bytes(value: Any) -> Any:
    """A ``MessageToDict`` tree with each ``base64`` field shown as length and SHA-1."""
    if isinstance(value, dict):
        return {
            key: (
                _bytes_label(base64.b64decode(item))
                if key == "base64" and isinstance(item, str)
                else shorten_bytes(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [shorten_bytes(item) for item in value]
    return value


def _message_dict(message: Any) -> Any:
    from google.protobuf.json_format import MessageToDict

    return shorten_bytes(MessageToDict(message, preserving_proto_field_name=True))


def canonical_value(value: Any) -> Any:
    """``[type, value]`` for an argument the runner bound: comparable, JSON-able, readable."""
    kind = type(value).__name__
    if value is None or isinstance(value, (bool, int, float, str)):
        return [kind, value]
    if isinstance(value, (bytes, bytearray)):
        return [kind, _bytes_label(bytes(value))]
    if isinstance(value, (list, tuple)):
        return [kind, [canonical_value(item) for item in value]]
    if isinstance(value, dict):
        return [kind, {str(key): canonical_value(item) for key, item in value.items()}]
    to_proto = getattr(value, "to_proto", None)
    if callable(to_proto):  # Image, Text, Audio, Video, Concept, Region, Frame
        return [kind, _message_dict(to_proto())]
    if hasattr(value, "dtype") and hasattr(value, "tobytes"):  # numpy arrays
        return [
            kind,
            {"dtype": str(value.dtype), "shape": list(value.shape)},
            _bytes_label(value.tobytes()),
        ]
    if hasattr(value, "tobytes") and hasattr(value, "size") and hasattr(value, "mode"):  # PIL
        return [kind, {"mode": value.mode, "size": list(value.size)}, _bytes_label(value.tobytes())]
    if hasattr(value, "__dict__"):  # NamedFields, JSON
        return [kind, {key: canonical_value(item) for key, item in vars(value).items()}]
    return [kind, repr(value)]


def _route(record: RequestRecord) -> str:
    route = f"{record.user_id}/{record.app_id}/{record.model_id}"
    return route + (f"@{record.version_id}" if record.version_id else "")


def _legacy_extras(record: RequestRecord) -> Dict[str, Any]:
    extras: Dict[str, Any] = {}
    if record.inference_params:
        extras["output_info.params"] = record.inference_params
    if record.output_config:
        extras["output_config"] = record.output_config
    return extras


def _raw_arguments(record: RequestRecord, *, with_request_fields: bool) -> Tuple[str, ...]:
    """The raw data of each input (and the request's legacy fields): what a proto method gets."""
    extras = _legacy_extras(record) if with_request_fields else {}
    inputs = tuple(_compact({"data": _message_dict(item.data)}) for item in record.inputs)
    if extras:
        inputs += (_compact(extras),)
    return inputs


def _bind(instance: Any, method_name: str, kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """``kwargs`` with the Python method's defaults added: the call the model really gets."""
    try:
        bound = inspect.signature(getattr(instance, method_name)).bind_partial(**kwargs)
    except (TypeError, ValueError, AttributeError):
        return kwargs
    bound.apply_defaults()
    return {name: value for name, value in bound.arguments.items() if name != "kwargs"}


def _pythonic_arguments(
    record: RequestRecord, served: ServedModel, method_name: str, fields: List[Any]
) -> Tuple[Tuple[str, ...], str]:
    """Each input's arguments as ``predict_wrapper`` / ``generate_wrapper`` bind them."""
    from clarifai.runners.utils.data_utils import DataConverter
    from clarifai.runners.utils.method_signatures import deserialize
    from clarifai_grpc.grpc.api import resources_pb2

    bindings = set()
    arguments = []
    for item in record.inputs:
        data = resources_pb2.Data()
        data.CopyFrom(item.data)  # the conversion clears the fields it reads
        if DataConverter.is_old_format(data):
            data = DataConverter.convert_input_data_to_new_format(data, fields)
            bindings.add("legacy data converted for the signature")
        else:
            bindings.add("pythonic parts")
        kwargs = deserialize(data, fields)
        kwargs = _bind(served.instance, method_name, kwargs)
        arguments.append(
            _compact({name: canonical_value(value) for name, value in kwargs.items()}) or "{}"
        )
    return tuple(arguments), ", ".join(sorted(bindings))


def meaning_of(
    record: RequestRecord,
    lookup: ModelLookup,
    *,
    stream_method: str = "",
) -> RequestMeaning:
    """The meaning of one record (module docstring).

    ``stream_method`` is, for a stream's later message (``record.stream_index > 0``), the
    method its first message went to: the runner binds later messages to that method's
    streamed parameter alone.
    """
    key = (record.user_id, record.app_id, record.model_id)
    served = lookup(key) if record.served_model_id and record.inputs else None
    common = {
        "rpc": record.rpc,
        "route": _route(record),
        "routing": _compact(record.runner_selector),
    }
    if served is None:
        # Refused (unknown model or version) or empty: nothing ran, the bytes are the meaning.
        return RequestMeaning(
            method=record.method_name or "(none named)",
            arguments=_raw_arguments(record, with_request_fields=True),
            binding="raw request (no model served it)",
            **common,
        )
    infos = type(served.instance)._get_method_infos()
    later_stream_message = record.rpc == "StreamModelOutputs" and record.stream_index > 0
    method_name = record.method_name
    if later_stream_message:
        method_name = stream_method or _DEFAULT_METHOD[record.rpc]
    elif not method_name:
        method_name = _DEFAULT_METHOD.get(record.rpc, "predict")
        proto = infos.get(_PROTO_METHOD)
        if record.rpc == "PostModelOutputs" and proto is not None and proto.proto_method:
            method_name = _PROTO_METHOD
    info = infos.get(method_name)
    if info is None or info.proto_method:
        label = "raw request (proto-style method)" if info else "raw request (no such method)"
        return RequestMeaning(
            method=method_name if info else f"{method_name} (not a method of the model)",
            arguments=_raw_arguments(record, with_request_fields=True),
            binding=label,
            **common,
        )
    fields = list(info.signature.input_fields)
    if later_stream_message:
        from clarifai.runners.utils.method_signatures import deserialize, get_stream_from_signature

        stream_field = get_stream_from_signature(fields)
        if stream_field is not None:
            values = [deserialize(item.data, [stream_field]) for item in record.inputs]
            return RequestMeaning(
                method=f"{method_name} (streamed item)",
                arguments=tuple(
                    _compact({k: canonical_value(v) for k, v in kw.items()}) or "{}"
                    for kw in values
                ),
                binding="streamed parameter only",
                ignored=_compact(_legacy_extras(record)),
                **common,
            )
    try:
        arguments, binding = _pythonic_arguments(record, served, method_name, fields)
    except Exception as exc:  # the runner fails the same way: that failure is the meaning
        arguments = (f"cannot bind: {type(exc).__name__}: {exc}",)
        arguments += _raw_arguments(record, with_request_fields=False)
        binding = "binding failed"
    return RequestMeaning(
        method=method_name,
        arguments=arguments,
        binding=binding,
        ignored=_compact(_legacy_extras(record)),
        **common,
    )


def meanings_of(records: Iterable[RequestRecord], lookup: ModelLookup) -> List[RequestMeaning]:
    """The meaning of each record, in order; a stream's later messages follow its first."""
    stream_methods: Dict[Tuple[str, str], str] = {}
    meanings = []
    for record in records:
        key = (_route(record), record.rpc)
        meaning = meaning_of(record, lookup, stream_method=stream_methods.get(key, ""))
        if record.rpc == "StreamModelOutputs" and record.stream_index == 0:
            stream_methods[key] = meaning.method
        meanings.append(meaning)
    return meanings
