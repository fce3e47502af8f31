"""pytest fixtures for the local Clarifai-compatible endpoint.

Opt-in, so that installing this package never changes an unrelated project's test run:
enable it with ``pytest -p legacy_compat.testing.pytest_plugin`` or, in a top-level
``conftest.py``, ``pytest_plugins = ["legacy_compat.testing.pytest_plugin"]``. It provides:

``local_endpoint`` (session scope)
    One :class:`~legacy_compat.testing.LocalEndpoint` serving every reference model, started
    on first use and stopped at the end of the session (and in any case after its
    ``max_lifetime_s`` of one hour).

``endpoint`` (function scope)
    The same endpoint, :meth:`~legacy_compat.testing.LocalEndpoint.reset` before the test:
    no records, no control-plane records, no injected faults, and ``deploying-llm`` answering
    ``MODEL_DEPLOYING`` again for its first calls. Use this one unless a test needs to see
    what an earlier test left behind.

Example::

    from clarifai.client.model import Model

    def test_reply(endpoint):
        model = Model(url=endpoint.model_url("text-llm"), base_url=endpoint.base_url,
                      pat="fake-pat-for-tests")
        assert model.predict(prompt="a b") == "b a"
        assert endpoint.records[-1].method_name == "predict"

Pinning the SDK's default API base (opt-in, ini option ``legacy_compat_pin_api_base =
true``): some SDK paths ignore ``base_url`` and use the default base read from
``CLARIFAI_API_BASE`` when ``clarifai`` is first imported (``Model(deployment_id=...)``
without ``deployment_user_id`` builds ``User()`` that way). With the option on and
``CLARIFAI_API_BASE`` unset, the plugin picks a free loopback port at start-up, sets
``CLARIFAI_API_BASE`` to it, and the session endpoint listens there, so those paths reach
the local endpoint instead of api.clarifai.com. It only works if nothing imported
``clarifai`` before pytest configured its plugins.
"""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:
    from legacy_compat.testing.endpoint import LocalEndpoint

__all__ = ["endpoint", "local_endpoint"]

_PIN_OPTION = "legacy_compat_pin_api_base"
_pinned_port = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        _PIN_OPTION,
        type="bool",
        default=False,
        help="point CLARIFAI_API_BASE at the session's local endpoint (legacy_compat.testing)",
    )


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pytest_configure(config: pytest.Config) -> None:
    if not config.getini(_PIN_OPTION) or os.environ.get("CLARIFAI_API_BASE"):
        return
    port = _free_loopback_port()
    os.environ["CLARIFAI_API_BASE"] = f"http://127.0.0.1:{port}"
    config.stash[_pinned_port] = port


@pytest.fixture(scope="session")
def local_endpoint(pytestconfig: pytest.Config) -> Iterator[LocalEndpoint]:
    """The session's endpoint with every reference model (see the module docstring)."""
    from legacy_compat.testing.endpoint import LocalEndpoint

    port = pytestconfig.stash.get(_pinned_port, 0)
    with LocalEndpoint(port=port, max_lifetime_s=3600.0) as ep:
        yield ep


@pytest.fixture
def endpoint(local_endpoint: LocalEndpoint) -> LocalEndpoint:
    """The session's endpoint, reset: no records, no faults, warm-ups re-armed."""
    local_endpoint.reset()
    return local_endpoint
