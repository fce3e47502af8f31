"""Helpers shared by the facade tests (imported by name: tests/ directories are not packages)."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from clarifai_grpc.grpc.api import service_pb2

from legacy_compat.deprecation import LegacyInferenceWarning
from legacy_compat.legacy_methods import LEGACY_IMPLEMENTATIONS


def legacy(model: Any, method: str, *args: Any, **kwargs: Any) -> Any:
    """Call a legacy method of ``model``, asserting the deprecation warning it emits."""
    with pytest.warns(LegacyInferenceWarning):
        return getattr(model, method)(*args, **kwargs)


def legacy_call(owner: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    """Run one of the nine on any Model or ModelClient, asserting its warning."""
    with pytest.warns(LegacyInferenceWarning):
        return LEGACY_IMPLEMENTATIONS[name](owner, *args, **kwargs)


class InferenceOnlyStub:
    """The three inference RPCs on a real channel and nothing else: what a client of a bare
    model server (``clarifai model serve --grpc``) has. No control plane, no retries."""

    def __init__(self, channel: grpc.Channel) -> None:
        codec = {
            "request_serializer": service_pb2.PostModelOutputsRequest.SerializeToString,
            "response_deserializer": service_pb2.MultiOutputResponse.FromString,
        }
        self.PostModelOutputs = channel.unary_unary("/clarifai.api.V2/PostModelOutputs", **codec)
        self.GenerateModelOutputs = channel.unary_stream(
            "/clarifai.api.V2/GenerateModelOutputs", **codec
        )
        self.StreamModelOutputs = channel.stream_stream(
            "/clarifai.api.V2/StreamModelOutputs", **codec
        )
