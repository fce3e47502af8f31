"""Helpers for the endpoint tests: the SDK's own ``Model``, built by URL against the endpoint.

The ``local_endpoint`` / ``endpoint`` fixtures come from the package's pytest plugin.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
from clarifai.client.model import Model

from legacy_compat.testing import FAKE_PAT, LocalEndpoint


@pytest.fixture
def sdk_model(endpoint: LocalEndpoint) -> Callable[..., Model]:
    """``sdk_model("text-llm", deployment_id=...)``: an unmodified SDK ``Model`` by URL."""

    def build(model_id: str, **kwargs: Any) -> Model:
        return Model(
            url=endpoint.model_url(model_id), base_url=endpoint.base_url, pat=FAKE_PAT, **kwargs
        )

    return build
