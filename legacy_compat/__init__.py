"""Keep legacy Clarifai inference code running on the new inference client.

Three ways in, from least to most invasive for the user:

* ``from legacy_compat import Model`` in place of ``from clarifai.client.model import Model``;
* ``legacy_compat.install()`` to give unmodified code this project's nine by_* methods;
* ``legacy_compat.wrap(client)`` for a bare new-client object.

Every legacy call emits a :class:`LegacyInferenceWarning` naming its exact replacement; the
``legacy-compat migrate`` command rewrites the code for good.

Public names are loaded on first use (PEP 562), and importing this package has no side
effects: no SDK import and no SDK check, because the ``legacy-compat`` console script and
``python -m codemods`` import it in environments with an old SDK (10.x) or none, which are the
ones that need the migration. The facade's first use (``Model``, ``install``, ``uninstall``,
``wrap``) checks the installed SDK release and, on an untested interpreter, that the SDK can
be imported at all (see :mod:`legacy_compat.sdk_support`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legacy_compat.deprecation import LegacyInferenceWarning
    from legacy_compat.model import Model
    from legacy_compat.patching import install, uninstall, wrap
    from legacy_compat.sdk_support import SUPPORTED_CLARIFAI

from codemods import __version__ as __version__  # one home: codemods/__init__.py

# public name -> module that defines it
_EXPORTS = {
    "Model": "legacy_compat.model",
    "LegacyInferenceWarning": "legacy_compat.deprecation",
    "install": "legacy_compat.patching",
    "uninstall": "legacy_compat.patching",
    "wrap": "legacy_compat.patching",
    "SUPPORTED_CLARIFAI": "legacy_compat.sdk_support",
}

# The names that are the facade: their first use checks the SDK (the rest are plain data).
_NEEDS_SDK = frozenset({"Model", "install", "uninstall", "wrap"})

__all__ = ["SUPPORTED_CLARIFAI", "LegacyInferenceWarning", "Model", "install", "uninstall", "wrap"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'legacy_compat' has no attribute {name!r}")
    if name in _NEEDS_SDK:
        from legacy_compat.sdk_support import ensure_sdk_importable, ensure_supported_sdk

        ensure_supported_sdk()
        ensure_sdk_importable()
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
