"""Which Clarifai SDK releases the facade can serve, and what differs between them.

The range is checked without importing the SDK (``importlib.metadata`` only), so the check
costs nothing and works even where the SDK would fail to import. It runs at the facade's first
use (``legacy_compat.Model``, ``install``, ``wrap``), never at ``import legacy_compat``: the
console script and ``python -m codemods`` import the package, and the migration must run in
the environments that need it most, those with a 10.x SDK or none.

Why 11.8.5 is the floor: the facade calls the model's pythonic methods through ``ModelClient``
and needs the raw ``MultiOutputResponse`` back to build the legacy return value; the
``with_proto=True`` switch that returns it first shipped in 11.8.5. 11.3.0 - 11.8.4 have the
pythonic client but no way to get the proto back, and older releases have no pythonic client
at all. 12.5.0 is the newest release tested. The evidence is in docs/sdk-support.md,
"Supported SDK range".

Behaviour that differs inside the range is named here once, as a feature gate, so the facade,
the commands and the tests ask the same question the same way. Where the SDK itself can be
asked (``hasattr``), the gate asks it; where the difference is in behaviour, not in an
attribute, the gate compares versions with ``packaging``.

Example:
    >>> from legacy_compat.sdk_support import SUPPORTED_CLARIFAI
    >>> "11.8.5" in SUPPORTED_CLARIFAI and "11.8.4" not in SUPPORTED_CLARIFAI
    True
    >>> "13.0.0" in SUPPORTED_CLARIFAI and "13.0.0" not in TESTED_CLARIFAI
    True
"""

from __future__ import annotations

import functools
import subprocess
import sys
import warnings
from importlib import metadata

from packaging.specifiers import SpecifierSet
from packaging.version import Version

__all__ = [
    "CURRENT_PREDICT_CLI_SINCE",
    "MODEL_CHECKED_AT_CONSTRUCTION_SINCE",
    "ROUTING_CHECKED_AT_CONSTRUCTION_SINCE",
    "LOWEST_SUPPORTED",
    "NEWEST_TESTED",
    "OLD_FORMAT_SCALAR_FIX_SINCE",
    "PROTOBUF_7_SINCE",
    "SUPPORTED_CLARIFAI",
    "TESTED_CLARIFAI",
    "TESTED_PYTHONS",
    "UnsupportedSDKError",
    "UntestedSDKWarning",
    "ensure_sdk_importable",
    "ensure_supported_sdk",
    "has_from_local_grpc",
    "installed_sdk_version",
    "model_checked_at_construction",
    "predict_cli_style",
    "routing_checked_at_construction",
    "runner_rejects_empty_legacy_data",
]

#: The lowest supported release (the floor of :data:`SUPPORTED_CLARIFAI`).
LOWEST_SUPPORTED = Version("11.8.5")

#: The newest release the test suite has run on (CI's first run installs the newest on PyPI).
NEWEST_TESTED = Version("12.5.0")

#: The ``clarifai`` releases the facade accepts: the floor only, as in ``pyproject.toml``.
SUPPORTED_CLARIFAI = SpecifierSet(f">={LOWEST_SUPPORTED}")

#: The releases the suite has run on; a newer one works with an :class:`UntestedSDKWarning`.
TESTED_CLARIFAI = SpecifierSet(f">={LOWEST_SUPPORTED},<={NEWEST_TESTED}")

#: The Python versions (major, minor) the suite has run on with the SDK. On any other
#: interpreter the facade first checks, in a subprocess, that ``clarifai`` can be imported at
#: all: on Python 3.13.0 ``import clarifai`` kills the interpreter (signal 11, inside the
#: compiled ``clarifai_protocol`` wheel), which no ``try`` can catch.
TESTED_PYTHONS = ((3, 9), (3, 10), (3, 11), (3, 12))

#: ``Model(...)`` checks that the model exists (``load_info(validate=True)``, a ``GetModel``)
#: from this release on; before it, an unknown model fails at the first call instead.
MODEL_CHECKED_AT_CONSTRUCTION_SINCE = Version("11.10.0")

#: ``Model(..., deployment_id=...)`` / ``(compute_cluster_id=..., nodepool_id=...)`` checks the
#: target with ``GetDeployment`` / ``GetNodepool`` from this release on (``UserError``
#: "Deployment '...' not found ..."); before it, an unknown target fails at the first call.
ROUTING_CHECKED_AT_CONSTRUCTION_SINCE = Version("11.10.2")

#: ``clarifai model predict`` took a positional MODEL_REF and ``--file/--url/--deployment``
#: from this release on; before it (11.8.0 - 12.2.2) it took ``--model_url`` and ``--inputs``
#: JSON. The equivalent command printed by ``legacy-compat predict`` follows the installed CLI.
CURRENT_PREDICT_CLI_SINCE = Version("12.3.0")

#: Before this release the SDK read ``FieldDescriptor.label``, which protobuf 7 removed, while
#: importing ``clarifai.client.model``; pip picks protobuf 7 for them unless told otherwise.
PROTOBUF_7_SINCE = Version("12.2.0")

#: The runner's ``DataConverter.is_old_format`` called ``HasField`` on proto3 scalars (which
#: raises ``ValueError``) until this release. It is reached only when a legacy input sets no
#: message field at all, so the legacy methods (which always set image/text/audio/video) are
#: unaffected; an input with empty data fails on the server before, and is answered after.
OLD_FORMAT_SCALAR_FIX_SINCE = Version("12.3.3")


class UnsupportedSDKError(ImportError):
    """The installed ``clarifai`` is outside :data:`SUPPORTED_CLARIFAI`, or cannot be imported
    by this interpreter."""


class UntestedSDKWarning(UserWarning):
    """The installed ``clarifai`` is newer than :data:`NEWEST_TESTED` (expected to work)."""


def _installed(distribution: str) -> Version | None:
    try:
        return Version(metadata.version(distribution))
    except metadata.PackageNotFoundError:
        return None


def installed_sdk_version() -> Version | None:
    """The installed ``clarifai`` version, or None when it is not installed."""
    return _installed("clarifai")


@functools.cache
def ensure_supported_sdk() -> None:
    """Raise :class:`UnsupportedSDKError` if the installed SDK is below the floor.

    Warns once (:class:`UntestedSDKWarning`) when it is newer than any release tested. Also
    raises when the SDK is in the range but cannot work with the installed protobuf, so the
    user reads one clear sentence instead of an ``AttributeError`` from deep in the SDK.

    A missing SDK is not an error here: the migrate CLI works without it, and the facade's own
    import of ``clarifai`` reports it clearly.
    """
    version = installed_sdk_version()
    if version is None:
        return
    if not SUPPORTED_CLARIFAI.contains(version, prereleases=True):
        raise UnsupportedSDKError(
            f"clarifai-legacy-compat supports clarifai {SUPPORTED_CLARIFAI} "
            f"(installed: {version}). Install a supported release, for example "
            f"`pip install 'clarifai{SUPPORTED_CLARIFAI}'`. (`legacy-compat migrate` works "
            "with any clarifai, or none.)"
        )
    if version > NEWEST_TESTED:
        warnings.warn(
            f"clarifai {version} is newer than the releases clarifai-legacy-compat was tested "
            f"with ({TESTED_CLARIFAI}); it is expected to work. If it does not, install "
            f"`pip install 'clarifai{TESTED_CLARIFAI}'` and report the difference.",
            UntestedSDKWarning,
            stacklevel=3,
        )
    protobuf = _installed("protobuf")
    if version < PROTOBUF_7_SINCE and protobuf is not None and protobuf.major >= 7:
        raise UnsupportedSDKError(
            f"clarifai {version} cannot be imported with protobuf {protobuf} (it reads "
            f"FieldDescriptor.label, which protobuf 7 removed). Install `pip install "
            f"'protobuf<7'`, or clarifai {PROTOBUF_7_SINCE} or newer."
        )


_IMPORT_PROBE = "import clarifai.client.model"


@functools.cache
def ensure_sdk_importable(*, always: bool = False) -> None:
    """Raise :class:`UnsupportedSDKError` if importing the SDK would kill this interpreter.

    A crash inside a compiled extension (Python 3.13.0 with the ``clarifai_protocol`` wheel)
    ends the process before any ``except`` or ``finally`` runs, so the only way to say what
    happened is to try the import in a child process first. That costs one SDK import (about
    a second), so the facade pays it only on interpreters outside :data:`TESTED_PYTHONS`;
    the commands that start servers and scripts (``demo``, ``verify``, ``serve``) pass
    ``always=True``. A missing SDK is left to the import itself, which says so.
    """
    if installed_sdk_version() is None:
        return
    if not always and sys.version_info[:2] in TESTED_PYTHONS:
        return
    try:
        probe = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE],
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired):
        return  # no verdict: let the real import speak for itself
    if probe.returncode >= 0:
        return  # imported, or failed with a Python exception the real import will show
    raise UnsupportedSDKError(sdk_crash_message(-probe.returncode))


def sdk_crash_message(signal_number: int) -> str:
    """What to tell a user whose interpreter dies importing the SDK (killed by a signal)."""
    import signal

    try:
        name = signal.Signals(signal_number).name
    except ValueError:
        name = f"signal {signal_number}"
    python = ".".join(str(part) for part in sys.version_info[:3])
    tested = ", ".join(f"{major}.{minor}" for major, minor in TESTED_PYTHONS)
    newest = "{}.{}".format(*TESTED_PYTHONS[-1])
    return (
        f"Python {python} cannot import clarifai {installed_sdk_version()}: the interpreter "
        f"was killed by {name} inside the SDK's compiled dependencies while running "
        f"`{_IMPORT_PROBE}`. Use a Python this project was tested with ({tested}), for "
        f"example `python{newest} -m venv .venv && . .venv/bin/activate && pip install "
        "clarifai-legacy-compat`. (`legacy-compat migrate` needs no SDK and works here.)"
    )


def _at_least(release: Version) -> bool:
    version = installed_sdk_version()
    return version is not None and version >= release


def has_from_local_grpc() -> bool:
    """Whether ``ModelClient.from_local_grpc(port)`` exists (12.3.0+); imports the SDK."""
    from clarifai.client.model_client import ModelClient

    return callable(getattr(ModelClient, "from_local_grpc", None))


def predict_cli_style() -> str:
    """``"model-ref"`` for the 12.3+ ``clarifai model predict``, else ``"inputs-json"``."""
    return "model-ref" if _at_least(CURRENT_PREDICT_CLI_SINCE) else "inputs-json"


def runner_rejects_empty_legacy_data() -> bool:
    """Whether the installed runner fails on a legacy input whose data sets no field."""
    return not _at_least(OLD_FORMAT_SCALAR_FIX_SINCE)


def model_checked_at_construction() -> bool:
    """Whether ``Model(...)`` asks for the model (``GetModel``) when it is created (11.10.0+).

    Feature detection: ``Model.load_info`` grew its ``validate`` parameter for this.
    """
    import inspect

    from clarifai.client.model import Model

    return "validate" in inspect.signature(Model.load_info).parameters


def routing_checked_at_construction() -> bool:
    """Whether ``Model(...)`` checks its deployment / nodepool when created (11.10.2+)."""
    return _at_least(ROUTING_CHECKED_AT_CONSTRUCTION_SINCE)
