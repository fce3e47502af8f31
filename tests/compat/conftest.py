"""Fixtures for the compat tests; the local endpoint itself is the plugin's ``endpoint``."""

from __future__ import annotations

import contextlib
from typing import Callable, ContextManager, Iterator

import pytest


@pytest.fixture
def single_model_server() -> Callable[[str], ContextManager[int]]:
    """``with single_model_server("text-llm") as port:`` (see :func:`serve_single_model`)."""
    return serve_single_model


@contextlib.contextmanager
def serve_single_model(model_id: str) -> Iterator[int]:
    """Serve one reference model the way ``clarifai model serve --grpc`` does; yield the port.

    ``ModelClient.from_local_grpc(port)`` talks to such a server: the SDK's own
    ``ModelServicer`` for one model, no control plane, requests without model ids. The
    multi-model :class:`LocalEndpoint` routes by model id, so it cannot stand in for it.
    """
    from concurrent.futures import ThreadPoolExecutor

    import grpc
    from clarifai.runners.models.model_servicer import ModelServicer
    from clarifai_grpc.grpc.api import service_pb2_grpc

    from legacy_compat.testing.reference_models import REFERENCE_MODELS

    model = REFERENCE_MODELS[model_id].create()
    model.load_model()
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="single-model-server")
    server = grpc.server(executor, options=[("grpc.so_reuseport", 0)])
    service_pb2_grpc.add_V2Servicer_to_server(ModelServicer(model), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield port
    finally:
        server.stop(0).wait(5)
        executor.shutdown(wait=True)
