"""Keep legacy Clarifai inference code running on the new inference client.

Three ways in, from least to most invasive for the user:

* ``from legacy_compat import Model`` in place of ``from clarifai.client.model import Model``;
* ``legacy_compat.install()`` to give unmodified code this project's nine by_* methods;
* ``legacy_compat.wrap(client)`` for a bare new-client object.

Every legacy call emits a :class:`LegacyInferenceWarning` naming its exact replacement; the
``legacy-compat migrate`` command rewrites the code for good.

Public names are loaded on first use (PEP 562), so importing this package does not import the
Clarifai SDK. Importing it does check that the installed SDK is in the supported range.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from legacy_compat.sdk_support import ensure_supported_sdk

ensure_supported_sdk()

if TYPE_CHECKING:
    from legacy_compat.deprecation import LegacyInferenceWarning
    from legacy_compat.model import Model
    from legacy_compat.patching import install, uninstall, wrap
    from legacy_compat.sdk_support import SUPPORTED_CLARIFAI

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "Model": "legacy_compat.model",
    "LegacyInferenceWarning": "legacy_compat.deprecation",
    "install": "legacy_compat.patching",
    "uninstall": "legacy_compat.patching",
    "wrap": "legacy_compat.patching",
    "SUPPORTED_CLARIFAI": "legacy_compat.sdk_support",
}

__all__ = ["SUPPORTED_CLARIFAI", "LegacyInferenceWarning", "Model", "install", "uninstall", "wrap"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'legacy_compat' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
