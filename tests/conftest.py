"""Shared test configuration.

Warnings are errors for the whole suite (``filterwarnings = error`` in pyproject.toml); a test
that expects a warning asserts it with ``pytest.warns``.
"""

pytest_plugins = ["legacy_compat.testing.pytest_plugin"]
