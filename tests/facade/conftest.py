"""Fixtures for the facade tests: facade and SDK models on the session's local endpoint.

Models are built once per session (construction makes control-plane calls); tests that look
at what reached the endpoint use the ``endpoint`` fixture, which clears the records first.
Legacy calls in the tests go through :func:`facade_helpers.legacy`, which asserts the
:class:`LegacyInferenceWarning` each one emits, so the suite keeps running with warnings as
errors.
"""

from __future__ import annotations

from typing import Any, Callable, Dict

import pytest
from clarifai.client.model import Model as SDKModel

from legacy_compat.model import Model
from legacy_compat.testing import FAKE_PAT, LocalEndpoint

REFERENCE_IDS = (
    "image-classifier",
    "image-to-text",
    "text-llm",
    "audio-transcriber",
    "video-frames",
    "multimodal",
    "legacy-detector",
    "deploying-llm",
    "failing",
)


@pytest.fixture(scope="session")
def make_model(local_endpoint: LocalEndpoint) -> Callable[..., Any]:
    """``make_model(model_id, sdk=False, **kwargs)``: a Model on the local endpoint."""

    def make(model_id: str, sdk: bool = False, **kwargs: Any) -> Any:
        cls = SDKModel if sdk else Model
        return cls(
            url=local_endpoint.model_url(model_id),
            base_url=local_endpoint.base_url,
            pat=FAKE_PAT,
            **kwargs,
        )

    return make


@pytest.fixture(scope="session")
def facade(make_model: Callable[..., Any]) -> Dict[str, Model]:
    """One facade Model per reference model, shared by the session."""
    return {model_id: make_model(model_id) for model_id in REFERENCE_IDS}


@pytest.fixture(scope="session")
def sdk(make_model: Callable[..., Any]) -> Dict[str, SDKModel]:
    """One SDK Model per reference model, shared by the session."""
    return {model_id: make_model(model_id, sdk=True) for model_id in REFERENCE_IDS}
