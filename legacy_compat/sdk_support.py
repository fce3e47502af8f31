"""Which Clarifai SDK releases the facade can serve, and what differs between them.

The range is checked without importing the SDK (``importlib.metadata`` only), so the check at
``import legacy_compat`` costs nothing and works even where the SDK would fail to import.

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
"""

from __future__ import annotations

from importlib import metadata

from packaging.specifiers import SpecifierSet
from packaging.version import Version

__all__ = [
    "CURRENT_PREDICT_CLI_SINCE",
    "MODEL_CHECKED_AT_CONSTRUCTION_SINCE",
    "ROUTING_CHECKED_AT_CONSTRUCTION_SINCE",
    "LOWEST_SUPPORTED",
    "OLD_FORMAT_SCALAR_FIX_SINCE",
    "PROTOBUF_7_SINCE",
    "SUPPORTED_CLARIFAI",
    "UnsupportedSDKError",
    "ensure_supported_sdk",
    "has_from_local_grpc",
    "installed_sdk_version",
    "model_checked_at_construction",
    "predict_cli_style",
    "routing_checked_at_construction",
    "runner_rejects_empty_legacy_data",
]

#: The supported ``clarifai`` releases.
SUPPORTED_CLARIFAI = SpecifierSet(">=11.8.5,<=12.5.0")

#: The lowest supported release (the floor of :data:`SUPPORTED_CLARIFAI`).
LOWEST_SUPPORTED = Version("11.8.5")

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
    """The installed ``clarifai`` is outside :data:`SUPPORTED_CLARIFAI`."""


def _installed(distribution: str) -> Version | None:
    try:
        return Version(metadata.version(distribution))
    except metadata.PackageNotFoundError:
        return None


def installed_sdk_version() -> Version | None:
    """The installed ``clarifai`` version, or None when it is not installed."""
    return _installed("clarifai")


def ensure_supported_sdk() -> None:
    """Raise :class:`UnsupportedSDKError` if the installed SDK is outside the range.

    Also when the SDK is in the range but cannot work with the installed protobuf, so the
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
            f"`pip install 'clarifai{SUPPORTED_CLARIFAI}'`."
        )
    protobuf = _installed("protobuf")
    if version < PROTOBUF_7_SINCE and protobuf is not None and protobuf.major >= 7:
        raise UnsupportedSDKError(
            f"clarifai {version} cannot be imported with protobuf {protobuf} (it reads "
            f"FieldDescriptor.label, which protobuf 7 removed). Install `pip install "
            f"'protobuf<7'`, or clarifai {PROTOBUF_7_SINCE} or newer."
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
