"""Drop-in modes: give the SDK's own ``Model`` the nine legacy methods, or wrap a bare client.

``install()`` is for code that cannot be edited (a notebook, a vendored script, a dependency):
it replaces the nine ``*_by_*`` methods on ``clarifai.client.model.Model`` itself, in place,
with this project's implementations. Patching the class, not the module attribute, is what
makes every import style (``from clarifai.client import Model``, ``m.Model(...)``, an alias)
and every instance that already exists see the change, and what keeps ``isinstance`` and
pickling untouched: no new class is introduced. The original function objects are kept, so
``uninstall()`` puts back exactly what was there (the same objects, by identity).

``wrap(client)`` is for the new client used without a ``Model``, e.g.
``ModelClient.from_local_grpc(port)`` (SDK 12.3.0+): it binds the nine methods onto that one
client object and returns it, so it stays a ``ModelClient`` for ``isinstance`` and keeps its
own pythonic methods.

Example::

    import legacy_compat
    from clarifai.client.model import Model

    with legacy_compat.install():
        Model(url).predict_by_url(image_url, input_type="image")  # served by the facade
    # here Model is the SDK's own again
"""

from __future__ import annotations

import threading
from types import MethodType, TracebackType
from typing import Any, Callable, Dict, Mapping, Optional, Type, TypeVar

from codemods.legacy_api import LEGACY_METHOD_NAMES

__all__ = ["Installation", "install", "installed", "uninstall", "wrap"]

ClientT = TypeVar("ClientT")

_lock = threading.RLock()

# name -> what the SDK class had in its own __dict__ before install; None when not installed.
_originals: Optional[Dict[str, Any]] = None

_ABSENT = object()  # the SDK class did not define the name itself (inherited or missing)


def _sdk_model_class() -> type:
    from clarifai.client.model import Model

    return Model


def _implementations() -> Mapping[str, Callable[..., Any]]:
    from legacy_compat.legacy_methods import LEGACY_IMPLEMENTATIONS

    missing = LEGACY_METHOD_NAMES - set(LEGACY_IMPLEMENTATIONS)
    if missing:
        raise RuntimeError(
            f"legacy_compat.legacy_methods.LEGACY_IMPLEMENTATIONS lacks {sorted(missing)}; "
            "expected all nine legacy methods. This is a bug in clarifai-legacy-compat: "
            "please report it."
        )
    return LEGACY_IMPLEMENTATIONS


class Installation:
    """What :func:`install` returns: use it as a context manager to undo the install.

    Leaving the ``with`` block restores the state from before it: if the facade was already
    installed when the block began, it stays installed.
    """

    def __init__(self, was_installed: bool) -> None:
        self._was_installed = was_installed

    def __enter__(self) -> Installation:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        if not self._was_installed:
            uninstall()


def install() -> Installation:
    """Serve the nine legacy methods of the SDK's ``Model`` from this project.

    Idempotent and thread-safe: a second call changes nothing. Returns an
    :class:`Installation`, which undoes the install when used as a context manager.

    >>> import legacy_compat
    >>> with legacy_compat.install():
    ...     assert legacy_compat.patching.installed()
    """
    global _originals
    implementations = _implementations()  # import the facade before taking the lock
    with _lock:
        if _originals is not None:
            return Installation(was_installed=True)
        model_class = _sdk_model_class()
        originals = {name: model_class.__dict__.get(name, _ABSENT) for name in LEGACY_METHOD_NAMES}
        for name in LEGACY_METHOD_NAMES:
            setattr(model_class, name, implementations[name])
        _originals = originals
    return Installation(was_installed=False)


def uninstall() -> None:
    """Put the SDK's own nine methods back, the very objects that were there; idempotent.

    >>> import legacy_compat
    >>> legacy_compat.uninstall()  # not installed: nothing to do
    """
    global _originals
    with _lock:
        if _originals is None:
            return
        model_class = _sdk_model_class()
        for name, original in _originals.items():
            if original is _ABSENT:
                delattr(model_class, name)
            else:
                setattr(model_class, name, original)
        _originals = None


def installed() -> bool:
    """Whether :func:`install` is in effect."""
    with _lock:
        return _originals is not None


def wrap(client: ClientT) -> ClientT:
    """Give a bare new-style client (a ``ModelClient``) the nine legacy methods; returns it.

    The methods are bound onto this one object (the class is left alone), so the client stays
    what it was for ``isinstance`` and keeps its own pythonic methods. Wrapping twice is the
    same as wrapping once.

    >>> from clarifai.client.model_client import ModelClient
    >>> client = legacy_compat.wrap(ModelClient.from_local_grpc(port=8000))  # doctest: +SKIP
    >>> client.predict_by_bytes(b"Hello", input_type="text")  # doctest: +SKIP
    """
    from clarifai.client.model import Model as SDKModel
    from clarifai.client.model_client import ModelClient

    if isinstance(client, SDKModel):
        raise TypeError(
            "wrap() takes a bare client such as ModelClient.from_local_grpc(port), got a "
            f"{type(client).__module__}.{type(client).__qualname__}; for a Model use "
            "legacy_compat.Model(...) or legacy_compat.install()."
        )
    if not isinstance(client, ModelClient):
        raise TypeError(
            f"wrap() takes a clarifai.client.model_client.ModelClient, got {client!r}; create "
            "one with ModelClient.from_local_grpc(port) (clarifai 12.3.0+) or "
            "ModelClient(stub, request_template=...)."
        )
    for name, implementation in _implementations().items():
        # Instance attributes: ModelClient.__getattr__ (which fetches signatures over the
        # network) is never consulted for them.
        vars(client)[name] = MethodType(implementation, client)
    return client
