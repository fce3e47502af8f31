"""Shared test configuration.

Warnings are errors for the whole suite (``filterwarnings = error`` in pyproject.toml); a test
that expects a warning asserts it with ``pytest.warns``.

The suite starts many subprocesses while gRPC threads run in this process. gRPC's fork
handlers are not needed for fork+exec and, in some grpcio releases (1.80 on Python 3.9),
abort the child before it execs, so they are switched off before gRPC is imported.
"""

import os

os.environ.setdefault("GRPC_ENABLE_FORK_SUPPORT", "false")

pytest_plugins = ["legacy_compat.testing.pytest_plugin"]
