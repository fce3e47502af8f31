"""Helpers shared by the facade tests (imported by name: tests/ directories are not packages)."""

from __future__ import annotations

from typing import Any

import pytest

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
