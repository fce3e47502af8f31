"""Read a live model's method signatures, in the ``--signatures FILE`` format (version 1).

The codemod names the parameter that receives a legacy input from the model's signature
(``prompt``? ``image``? ``text``?). This module asks the model itself, exactly the way the SDK's
``ModelClient`` does before its first pythonic call (``GetModelVersion`` and, when that has no
signatures, the ``_GET_SIGNATURES`` request), so what it writes is what the SDK will bind.
``legacy-compat signatures MODEL_URL`` prints the result; ``legacy-compat migrate
--fetch-signatures`` runs ``python -m legacy_compat.signature_fetch MODEL_URL...`` (:func:`main`)
in a subprocess, so the migration itself never imports the SDK or gRPC and ``codemods`` needs
nothing from this package.

The PAT comes from the argument or ``CLARIFAI_PAT`` and is handed to the SDK only: it is never
printed, logged or put in an error message.

Example::

    from legacy_compat.signature_fetch import fetch_signatures
    data = fetch_signatures("https://clarifai.com/openai/chat-completion/models/gpt-oss-120b")
    data["models"]["openai/chat-completion/gpt-oss-120b"]["methods"]["predict"]["parameters"]
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from codemods.legacy_api import CallKind, ParameterInfo
from codemods.signature_file import (
    MethodSignature,
    ReturnInfo,
    SignatureFileError,
    SignatureSet,
    model_key,
    write_signatures,
)

if TYPE_CHECKING:
    from clarifai_grpc.grpc.api import resources_pb2

__all__ = [
    "DEFAULT_API_BASE",
    "SignatureFetchError",
    "fetch_signature_set",
    "fetch_signatures",
    "main",
    "method_signature_from_proto",
    "resolve_credentials",
]

#: Where the SDK sends requests when neither a base URL nor ``CLARIFAI_API_BASE`` is given.
DEFAULT_API_BASE = "https://api.clarifai.com"

# RunnerMethodType name -> the call kind of the new method. STREAMING_UNARY has no legacy
# counterpart and UNKNOWN cannot be called, so methods of those types are left out.
_KINDS: Mapping[str, CallKind] = {
    "UNARY_UNARY": CallKind.PREDICT,
    "UNARY_STREAMING": CallKind.GENERATE,
    "STREAMING_STREAMING": CallKind.STREAM,
}


class SignatureFetchError(RuntimeError):
    """The model's signatures could not be read; the message says which model and why."""


def resolve_credentials(base_url: Optional[str], pat: Optional[str]) -> tuple[str, str]:
    """The API base and PAT to use: the arguments, else ``CLARIFAI_API_BASE``/``CLARIFAI_PAT``."""
    resolved_pat = pat or os.environ.get("CLARIFAI_PAT", "")
    if not resolved_pat:
        raise SignatureFetchError(
            "No personal access token: pass --pat or set CLARIFAI_PAT "
            "(create one at https://clarifai.com/settings/security)."
        )
    resolved_base = base_url or os.environ.get("CLARIFAI_API_BASE") or DEFAULT_API_BASE
    return resolved_base, resolved_pat


def fetch_signature_set(
    model_url: str, *, base_url: Optional[str] = None, pat: Optional[str] = None
) -> SignatureSet:
    """The live signatures of one model as a :class:`SignatureSet` with one entry.

    ``model_url`` is a model URL (``https://clarifai.com/USER/APP/models/MODEL``) or
    ``USER/APP/MODEL``. A model that answers with no method signatures is an older model: its
    entry has no methods, which tells the migration to keep its calls in the proto form
    (``model.predict(inputs=[...])``, the request the legacy method sent) instead of marking
    them as of unknown kind. Raises :class:`SignatureFetchError` when the model cannot be read.
    """
    key = model_key(model_url)
    if key is None:
        raise SignatureFetchError(
            f"{model_url!r} is not a model reference; expected a model URL such as "
            "https://clarifai.com/USER/APP/models/MODEL or USER/APP/MODEL."
        )
    resolved_base, resolved_pat = resolve_credentials(base_url, pat)
    from clarifai.client.model import Model

    user_id, app_id, model_id = key.split("/")
    model = None
    try:
        model = Model(
            model_id=model_id,
            user_id=user_id,
            app_id=app_id,
            base_url=resolved_base,
            pat=resolved_pat,
        )
        client = model.client
        client.fetch()
    except Exception as exc:
        # The SDK's fetch fails for an older model ("This model is a non-pythonic model");
        # the control plane tells that apart from a model that cannot be read.
        if model is not None and _version_has_no_signatures(model):
            return SignatureSet({key: {}})
        raise SignatureFetchError(
            f"Could not read the signatures of model {key} from {resolved_base}: {exc}"
        ) from exc
    signatures: Mapping[str, resources_pb2.MethodSignature] = client._method_signatures or {}
    if not signatures:
        return SignatureSet({key: {}})
    methods = {
        name: method
        for name, method in (
            (name, method_signature_from_proto(proto)) for name, proto in signatures.items()
        )
        if method is not None
    }
    return SignatureSet({key: methods})


def fetch_signatures(
    model_url: str, *, base_url: Optional[str] = None, pat: Optional[str] = None
) -> dict[str, Any]:
    """The live signatures of one model as version-1 signatures-file JSON (a ``dict``).

    >>> fetch_signatures("u/a/m", base_url="http://127.0.0.1:8000")  # doctest: +SKIP
    {'version': 1, 'models': {'u/a/m': {'methods': {'predict': {...}}}}}
    """
    return fetch_signature_set(model_url, base_url=base_url, pat=pat).to_json()


def _type_name(field: resources_pb2.ModelTypeField) -> str:
    from clarifai_grpc.grpc.api import resources_pb2

    return str(resources_pb2.ModelTypeField.DataType.Name(field.type))


def method_signature_from_proto(proto: resources_pb2.MethodSignature) -> MethodSignature | None:
    from clarifai_grpc.grpc.api import resources_pb2

    kind = _KINDS.get(resources_pb2.RunnerMethodType.Name(proto.method_type))
    if kind is None:
        return None
    parameters = tuple(
        ParameterInfo(
            name=field.name,
            type_name=_type_name(field),
            stream=field.iterator,
            required=field.required,
        )
        for field in proto.input_fields
    )
    returns = None
    if proto.output_fields:
        output = proto.output_fields[0]
        item_type = None
        if _type_name(output) == "LIST" and output.type_args:
            item_type = _type_name(output.type_args[0])
        returns = ReturnInfo(
            type_name=_type_name(output), item_type=item_type, stream=output.iterator
        )
    return MethodSignature(kind=kind, parameters=parameters, returns=returns)


def _version_has_no_signatures(model: Any) -> bool:
    """The control plane answers for the model's version, and it declares no methods."""
    from clarifai_grpc.grpc.api import service_pb2
    from clarifai_grpc.grpc.api.status import status_code_pb2

    request = service_pb2.GetModelVersionRequest(
        user_app_id=model.user_app_id, model_id=model.id, version_id=model.model_version.id
    )
    try:
        response = model.STUB.GetModelVersion(request)
    except Exception:
        return False
    return (
        response.status.code == status_code_pb2.SUCCESS
        and not response.model_version.method_signatures
    )


def older_model_note(key: str) -> str:
    """What a user reads about a model that has no method signatures."""
    return (
        f"model {key} publishes no method signatures (an older model): recorded with no "
        "methods, so migrate keeps its calls in the proto form, model.predict(inputs=[...]), "
        "which sends the request the legacy method sent"
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m legacy_compat.signature_fetch MODEL_URL...``: what ``--fetch-signatures`` runs.

    Prints one signatures file with every model that could be read, and one line on stderr
    (``no signatures for MODEL_URL: why``) for each that could not: a model without signatures
    must not stop the migration of the others. The PAT and API base come from
    ``CLARIFAI_PAT``/``CLARIFAI_API_BASE`` only, never from the command line, where other users
    of the machine could read them.
    """
    models: dict[str, Mapping[str, MethodSignature]] = {}
    for reference in sys.argv[1:] if argv is None else argv:
        try:
            fetched = fetch_signature_set(reference).models
        except (SignatureFetchError, SignatureFileError) as exc:
            print(f"no signatures for {reference}: {exc}", file=sys.stderr)
            continue
        models.update(fetched)
        for key in (k for k, methods in fetched.items() if not methods):
            print(older_model_note(key), file=sys.stderr)
    sys.stdout.write(write_signatures(SignatureSet(models)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
