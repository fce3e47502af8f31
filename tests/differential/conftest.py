"""The differential tests share one echo endpoint per session (see harness.shared_echo_endpoint)."""

from __future__ import annotations

from typing import Any

import pytest
from harness import shared_echo_endpoint


@pytest.fixture(scope="session")
def echo_endpoint() -> Any:
    return shared_echo_endpoint()
