"""A local Clarifai-compatible endpoint and reference models, for tests and offline trials.

The real SDK client talks to a real gRPC server on 127.0.0.1 that serves real ``ModelClass``
models through the SDK's own runner servicer; only the control-plane answers (``GetModel``,
``GetModelVersion``, ...) are the endpoint's own, and they are the real protos. So code under
test runs unmodified: ``Model(url=ep.model_url("text-llm"), base_url=ep.base_url, pat=...)``.

Modules, one concern each:

* :mod:`~legacy_compat.testing.endpoint`: :class:`LocalEndpoint`, lifecycle and configuration;
* :mod:`~legacy_compat.testing.servicer`: the gRPC servicer (routing, records, faults);
* :mod:`~legacy_compat.testing.control_plane`: the control-plane answers;
* :mod:`~legacy_compat.testing.routing`: served models, aliases, routing targets;
* :mod:`~legacy_compat.testing.records`: :class:`RequestRecord`, what each request carried;
* :mod:`~legacy_compat.testing.faults`: injected faults;
* :mod:`~legacy_compat.testing.reference_models`: the reference models and their signatures;
* :mod:`~legacy_compat.testing.http_fixtures`: fixture files over HTTP on loopback;
* :mod:`~legacy_compat.testing.pytest_plugin`: the ``local_endpoint`` / ``endpoint`` fixtures.

Names are loaded on first use, so importing this package (as pytest does for the plugin) does
not import the SDK or gRPC.

Example::

    from legacy_compat.testing import LocalEndpoint

    with LocalEndpoint() as ep:
        print(ep.base_url, ep.model_url("image-classifier"), ep.fixture_url("cat.png"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legacy_compat.testing.endpoint import (
        FAKE_PAT,
        EndpointError,
        LocalEndpoint,
        ModelLoadError,
        PortInUseError,
    )
    from legacy_compat.testing.faults import Fault
    from legacy_compat.testing.records import ControlRecord, RequestRecord
    from legacy_compat.testing.reference_models import REFERENCE_MODELS, ReferenceModel
    from legacy_compat.testing.routing import DeploymentTarget, NodepoolTarget

_EXPORTS = {
    "LocalEndpoint": "legacy_compat.testing.endpoint",
    "EndpointError": "legacy_compat.testing.endpoint",
    "ModelLoadError": "legacy_compat.testing.endpoint",
    "PortInUseError": "legacy_compat.testing.endpoint",
    "FAKE_PAT": "legacy_compat.testing.endpoint",
    "RequestRecord": "legacy_compat.testing.records",
    "ControlRecord": "legacy_compat.testing.records",
    "Fault": "legacy_compat.testing.faults",
    "REFERENCE_MODELS": "legacy_compat.testing.reference_models",
    "ReferenceModel": "legacy_compat.testing.reference_models",
    "DeploymentTarget": "legacy_compat.testing.routing",
    "NodepoolTarget": "legacy_compat.testing.routing",
}

__all__ = [
    "FAKE_PAT",
    "REFERENCE_MODELS",
    "ControlRecord",
    "DeploymentTarget",
    "EndpointError",
    "Fault",
    "LocalEndpoint",
    "ModelLoadError",
    "NodepoolTarget",
    "PortInUseError",
    "ReferenceModel",
    "RequestRecord",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'legacy_compat.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
