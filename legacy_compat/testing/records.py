"""What the endpoint saw: one :class:`RequestRecord` per inference request message.

Tests assert routing and parameters on these records instead of on model outputs alone: an
output can be right by accident, a record says exactly what the client put on the wire
(which model, which method, which runner selector, which inference params, which inputs).

The inputs are copied before the runner downloads URLs, so a test can see that a URL input
reached the endpoint as a URL. The authorization header is reduced to a yes/no: its value is
never stored.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Generic, Iterable, List, Tuple, TypeVar

if TYPE_CHECKING:
    from clarifai_grpc.grpc.api import resources_pb2, service_pb2

__all__ = [
    "AUTH_HEADERS",
    "ControlRecord",
    "RecordLog",
    "RequestRecord",
    "has_auth",
    "record_from_request",
]

#: Metadata keys that carry credentials (a PAT or a session token).
AUTH_HEADERS = frozenset({"authorization", "x-clarifai-session-token"})


@dataclass(frozen=True)
class RequestRecord:
    """One request message as the endpoint received it.

    ``rpc`` is the gRPC method (``"PostModelOutputs"``, ``"GenerateModelOutputs"``,
    ``"StreamModelOutputs"``); a stream gives one record per request message. ``model_id`` is
    the id the client asked for; ``served_model_id`` the model that answered (they differ for
    an alias, and ``served_model_id`` is ``""`` when the id is unknown). ``method_name`` is the
    ``_method_name`` input metadata the pythonic client sends, or ``""`` for a legacy request.
    ``fault`` describes the injected fault applied to this request, or is ``""``.
    ``stream_index`` is the message's place in its stream (0 for the first, and for a unary
    call): the runner binds a stream's later messages to the streamed parameter alone.
    ``inference_params`` is ``request.model.model_version.output_info.params`` as a dict (a
    protobuf ``Struct``, so numbers come back as floats: ``{"max_tokens": 1.0}``);
    ``output_config`` is ``output_info.output_config``. ``inputs`` are copies taken before the
    runner downloaded any URL.

    Example::

        rec = endpoint.records[-1]
        assert rec.method_name == "predict"
        assert rec.runner_selector == {"deployment": {"id": "test-deployment",
                                                      "user_id": "test-user"}}
    """

    rpc: str
    user_id: str
    app_id: str
    model_id: str
    version_id: str
    method_name: str
    runner_selector: Dict[str, Any]
    inference_params: Dict[str, Any]
    output_config: Dict[str, Any]
    inputs: Tuple[resources_pb2.Input, ...]
    has_auth: bool
    served_model_id: str = ""
    fault: str = ""
    stream_index: int = 0


@dataclass(frozen=True)
class ControlRecord:
    """One control-plane call (``GetModel``, ``GetModelVersion``, ``GetModelType``, ...).

    ``target`` is what was looked up: the model id, the model type id, the deployment id,
    ``cluster/nodepool`` or the user id (``"me"``). Tests use these to check caching, e.g.
    that signatures are fetched once per model.
    """

    rpc: str
    user_id: str
    app_id: str
    target: str
    has_auth: bool


def has_auth(metadata: Iterable[Tuple[str, Any]]) -> bool:
    """Whether the call carried credentials; their value is never looked at."""
    return any(key.lower() in AUTH_HEADERS for key, _ in metadata)


def record_from_request(
    rpc: str,
    request: service_pb2.PostModelOutputsRequest,
    metadata: Iterable[Tuple[str, Any]],
    served_model_id: str = "",
    fault: str = "",
    stream_index: int = 0,
) -> RequestRecord:
    """Build the record for ``request``; call it before anything mutates the request."""
    from clarifai_grpc.grpc.api import resources_pb2
    from google.protobuf.json_format import MessageToDict

    inputs = []
    for inp in request.inputs:
        copy = resources_pb2.Input()
        copy.CopyFrom(inp)
        inputs.append(copy)
    method_name = ""
    if request.inputs and "_method_name" in request.inputs[0].data.metadata:
        method_name = str(request.inputs[0].data.metadata["_method_name"])
    output_info = request.model.model_version.output_info
    return RequestRecord(
        rpc=rpc,
        user_id=request.user_app_id.user_id,
        app_id=request.user_app_id.app_id,
        model_id=request.model_id or request.model.id,
        version_id=request.version_id or request.model.model_version.id,
        method_name=method_name,
        runner_selector=MessageToDict(request.runner_selector, preserving_proto_field_name=True),
        inference_params=MessageToDict(output_info.params),
        output_config=MessageToDict(output_info.output_config, preserving_proto_field_name=True),
        inputs=tuple(inputs),
        has_auth=has_auth(metadata),
        served_model_id=served_model_id,
        fault=fault,
        stream_index=stream_index,
    )


RecordT = TypeVar("RecordT")


class RecordLog(Generic[RecordT]):
    """A thread-safe append-only list of records (handlers run on the server's threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: List[RecordT] = []

    def append(self, record: RecordT) -> None:
        with self._lock:
            self._records.append(record)

    def snapshot(self) -> List[RecordT]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()
