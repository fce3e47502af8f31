"""Which Clarifai SDK releases the facade can serve, checked without importing the SDK.

The facade binds legacy inputs through the pythonic methods of ``ModelClient`` and reads the
raw response through ``with_proto=True``, which the SDK first shipped in 11.8.5 (11.3.0 had the
pythonic client but no way to get the response proto back from it). 12.5.0 is the newest
release tested. See README, "Supported SDK range".
"""

from __future__ import annotations

from importlib import metadata

from packaging.specifiers import SpecifierSet
from packaging.version import Version

__all__ = [
    "SUPPORTED_CLARIFAI",
    "UnsupportedSDKError",
    "ensure_supported_sdk",
    "installed_sdk_version",
]

#: The supported ``clarifai`` releases.
SUPPORTED_CLARIFAI = SpecifierSet(">=11.8.5,<=12.5.0")


class UnsupportedSDKError(ImportError):
    """The installed ``clarifai`` is outside :data:`SUPPORTED_CLARIFAI`."""


def installed_sdk_version() -> Version | None:
    """The installed ``clarifai`` version, or None when it is not installed."""
    try:
        return Version(metadata.version("clarifai"))
    except metadata.PackageNotFoundError:
        return None


def ensure_supported_sdk() -> None:
    """Raise :class:`UnsupportedSDKError` if the installed SDK is outside the range.

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
