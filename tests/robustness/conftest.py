"""Fixtures for the robustness tests: facade and SDK models on the session's local endpoint.

Models are cached per session (their construction makes control-plane calls); a test that
looks at what reached the endpoint uses the ``endpoint`` fixture, which clears the records.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Tuple

import pytest
from clarifai.client.model import Model as SDKModel

from legacy_compat.model import Model
from legacy_compat.testing import FAKE_PAT, LocalEndpoint


@pytest.fixture(scope="session")
def robust_model(local_endpoint: LocalEndpoint) -> Callable[..., Any]:
    """``robust_model(model_id, sdk=False, **kwargs)``: a cached Model on the local endpoint."""
    cache: Dict[Tuple[Any, ...], Any] = {}

    def make(model_id: str, sdk: bool = False, **kwargs: Any) -> Any:
        key = (model_id, sdk, tuple(sorted(kwargs.items())))
        if key not in cache:
            cls = SDKModel if sdk else Model
            cache[key] = cls(
                url=local_endpoint.model_url(model_id),
                base_url=local_endpoint.base_url,
                pat=FAKE_PAT,
                **kwargs,
            )
        return cache[key]

    return make
