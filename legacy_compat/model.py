"""``legacy_compat.Model``: the SDK's ``Model``, with the nine legacy methods written anew.

A drop-in replacement for ``clarifai.client.model.Model``: a subclass, so the constructor
(``url`` or ``model_id`` with ``user_id``/``app_id``, ``pat``, routing, and any keyword the
installed SDK accepts), ``isinstance``, the pythonic methods and everything else are the
SDK's own. Only ``predict_by_*``, ``generate_by_*`` and ``stream_by_*`` differ: they are the
functions of :mod:`legacy_compat.legacy_methods`, which run on the new inference client and
accept every historical call shape.

For type checkers the nine carry PEP 702 ``@deprecated`` markers, so ``mypy
--enable-error-code deprecated`` and pyright point at each legacy call with its replacement.
The markers are static only (``category=None`` at runtime): the runtime warning is
:class:`~legacy_compat.deprecation.LegacyInferenceWarning`, which knows the model and so can
name the exact parameter. The marker texts equal
:func:`legacy_compat.deprecation.static_message` (a test checks it).

Example:
    >>> from legacy_compat import Model
    >>> url = "https://clarifai.com/clarifai/main/models/general-image-recognition"
    >>> model = Model(url)  # doctest: +SKIP
    >>> model.predict_by_url("https://samples.clarifai.com/dog.jpg", "image")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, Optional, Union

from clarifai.client.model import Model as SDKModel
from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2, service_pb2
from clarifai_grpc.grpc.api.status import status_code_pb2

from legacy_compat.legacy_methods import LEGACY_IMPLEMENTATIONS

if TYPE_CHECKING:
    import os

    from clarifai_grpc.grpc.api.service_pb2 import MultiOutputResponse
    from typing_extensions import TypedDict, Unpack, deprecated

    class LegacyOptions(TypedDict, total=False):
        """The keyword arguments every legacy method has accepted in some release."""

        inference_params: Optional[Dict[str, Any]]
        output_config: Optional[Dict[str, Any]]
        compute_cluster_id: Optional[str]
        nodepool_id: Optional[str]
        deployment_id: Optional[str]
        user_id: Optional[str]

    class StreamUrlOptions(LegacyOptions, total=False):
        url: Iterable[str]

    class StreamBytesOptions(LegacyOptions, total=False):
        input_bytes: Iterable[Union[bytes, str]]

    Path = Union[str, "os.PathLike[str]"]

__all__ = ["Model"]


class Model(SDKModel):
    """The SDK's ``Model`` whose legacy by_* methods run on the new inference client.

    >>> issubclass(Model, SDKModel)
    True
    """

    if TYPE_CHECKING:
        # The static view: real parameters and the PEP 702 markers. At runtime the methods
        # are the table's functions (below), whose __signature__ shows the same parameters.

        @deprecated(
            "Use model.predict(<parameter>=Image(url=url)) with the parameter and type (Image, "
            "Audio, Video, str) from the model's signature, and routing in Model(...); "
            "`legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def predict_by_url(
            self,
            url: str,
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[LegacyOptions],
        ) -> MultiOutputResponse: ...

        @deprecated(
            "Use model.predict(<parameter>=Image(bytes=input_bytes)) with the parameter and type "
            "(Image, Audio, Video, str) from the model's signature, and routing in Model(...); "
            "`legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def predict_by_bytes(
            self,
            input_bytes: Union[bytes, str],
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[LegacyOptions],
        ) -> MultiOutputResponse: ...

        @deprecated(
            "Use model.predict(<parameter>=Image(bytes=Path(filepath).read_bytes())) with the "
            "parameter and type (Image, Audio, Video, str) from the model's signature, and "
            "routing in Model(...); `legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def predict_by_filepath(
            self,
            filepath: Path,
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[LegacyOptions],
        ) -> MultiOutputResponse: ...

        @deprecated(
            "Use model.generate(<parameter>=Image(url=url)) with the parameter and type (Image, "
            "Audio, Video, str) from the model's signature, and routing in Model(...); "
            "`legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def generate_by_url(
            self,
            url: str,
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[LegacyOptions],
        ) -> Iterator[MultiOutputResponse]: ...

        @deprecated(
            "Use model.generate(<parameter>=Image(bytes=input_bytes)) with the parameter and "
            "type (Image, Audio, Video, str) from the model's signature, and routing in "
            "Model(...); `legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def generate_by_bytes(
            self,
            input_bytes: Union[bytes, str],
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[LegacyOptions],
        ) -> Iterator[MultiOutputResponse]: ...

        @deprecated(
            "Use model.generate(<parameter>=Image(bytes=Path(filepath).read_bytes())) with the "
            "parameter and type (Image, Audio, Video, str) from the model's signature, and "
            "routing in Model(...); `legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def generate_by_filepath(
            self,
            filepath: Path,
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[LegacyOptions],
        ) -> Iterator[MultiOutputResponse]: ...

        @deprecated(
            "Use model.stream(<parameter>=(Image(url=u) for u in url_iterator)) with the "
            "parameter and type (Image, Audio, Video, str) from the model's signature, and "
            "routing in Model(...); `legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def stream_by_url(
            self,
            url_iterator: Union[str, Iterable[str], None] = None,
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[StreamUrlOptions],
        ) -> Iterator[MultiOutputResponse]: ...

        @deprecated(
            "Use model.stream(<parameter>=(Image(bytes=b) for b in input_bytes_iterator)) with "
            "the parameter and type (Image, Audio, Video, str) from the model's signature, and "
            "routing in Model(...); `legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def stream_by_bytes(
            self,
            input_bytes_iterator: Union[bytes, Iterable[Union[bytes, str]], None] = None,
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[StreamBytesOptions],
        ) -> Iterator[MultiOutputResponse]: ...

        @deprecated(
            "Use model.stream(<parameter>=(Image(bytes=Path(p).read_bytes()) for p in filepath)) "
            "with the parameter and type (Image, Audio, Video, str) from the model's signature, "
            "and routing in Model(...); `legacy-compat migrate PATH` rewrites it.",
            category=None,
        )
        def stream_by_filepath(
            self,
            filepath: Union[Path, Iterable[Path]],
            input_type: Optional[str] = None,
            *legacy_positional: Any,
            **options: Unpack[LegacyOptions],
        ) -> Iterator[MultiOutputResponse]: ...

    def _set_runner_selector(
        self,
        compute_cluster_id: Optional[str] = None,
        nodepool_id: Optional[str] = None,
        deployment_id: Optional[str] = None,
        deployment_user_id: Optional[str] = None,
        **kwargs: Any,
    ) -> None:
        """Constructor routing, with the PAT's user looked up through *this* model's API.

        Given routing without ``deployment_user_id``, the SDK asks ``GetUser('me')`` through
        a new ``User()`` client on its default API base (``CLARIFAI_API_BASE`` as it was when
        ``clarifai`` was imported, else api.clarifai.com), not the ``base_url`` this model was
        given. Asking here first keeps every call on the model's own endpoint.
        """
        if not deployment_user_id and any((compute_cluster_id, nodepool_id, deployment_id)):
            response = self.STUB.GetUser(
                service_pb2.GetUserRequest(user_app_id=resources_pb2.UserAppIDSet(user_id="me"))
            )
            if response.status.code != status_code_pb2.SUCCESS:
                raise UserError(
                    "Cannot look up the user that owns the deployment (GetUser 'me'): "
                    f"{response.status.description}. Pass deployment_user_id=... to Model()."
                )
            deployment_user_id = response.user.id
        super()._set_runner_selector(
            compute_cluster_id=compute_cluster_id,
            nodepool_id=nodepool_id,
            deployment_id=deployment_id,
            deployment_user_id=deployment_user_id,
            **kwargs,
        )


# The nine are the shared implementations (the same functions install() puts on the SDK class).
for _name, _implementation in LEGACY_IMPLEMENTATIONS.items():
    setattr(Model, _name, _implementation)
del _name, _implementation
