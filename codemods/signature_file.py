"""The ``--signatures FILE`` format: which parameters a model's new methods take.

The rewrite needs the name of the parameter that receives the legacy input (``prompt``?
``image``? ``text``?). Without a signature the codemod falls back on documented conventions
and says so; with one it names the parameter exactly. ``legacy-compat signatures MODEL_URL``
writes this file from a live endpoint; ``legacy-compat migrate --signatures FILE`` reads it.
The format (version 1) is documented in docs/architecture.md; this module is its only reader
and writer, so the two sides cannot drift.

Example:
    >>> data = {"version": 1, "models": {"u/a/m": {"methods": {"predict": {
    ...     "kind": "predict",
    ...     "parameters": [{"name": "prompt", "type": "STR", "stream": False, "required": True}],
    ...     "returns": {"type": "STR", "stream": False}}}}}}
    >>> sigs = SignatureSet.from_json(data)
    >>> sigs.method("https://clarifai.com/u/a/models/m", "predict").parameters[0].name
    'prompt'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from codemods.legacy_api import CallKind, ParameterInfo

__all__ = [
    "FORMAT_VERSION",
    "MethodSignature",
    "ReturnInfo",
    "SignatureFileError",
    "SignatureSet",
    "model_key",
    "read_signatures",
    "write_signatures",
]

FORMAT_VERSION = 1

_URL_KEY = re.compile(r"^(?:https?://[^/]+/)?([^/\s]+)/([^/\s]+)/models/([^/\s]+?)(?:/.*)?$")
_ID_KEY = re.compile(r"^([^/\s]+)/([^/\s]+)/([^/\s]+)$")


class SignatureFileError(ValueError):
    """The signatures file is not valid version-1 JSON; the message says where and why."""


def model_key(reference: str) -> str | None:
    """``USER/APP/MODEL`` for a model URL or id triple, or None if it is neither.

    >>> model_key("https://clarifai.com/openai/chat/models/gpt-4o/versions/1")
    'openai/chat/gpt-4o'
    >>> model_key("openai/chat/gpt-4o")
    'openai/chat/gpt-4o'
    """
    text = reference.strip()
    match = _URL_KEY.match(text) or _ID_KEY.match(text)
    if match is None:
        return None
    return "/".join(match.groups())


@dataclass(frozen=True)
class ReturnInfo:
    """What a method returns: a ``ModelTypeField.DataType`` name (and item type for LIST)."""

    type_name: str
    item_type: Optional[str] = None
    stream: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type_name, "stream": self.stream}
        if self.item_type is not None:
            data["item_type"] = self.item_type
        return data


@dataclass(frozen=True)
class MethodSignature:
    """One method of one model: its call kind, input parameters and return type."""

    kind: CallKind
    parameters: tuple[ParameterInfo, ...]
    returns: Optional[ReturnInfo] = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "parameters": [
                {"name": p.name, "type": p.type_name, "stream": p.stream, "required": p.required}
                for p in self.parameters
            ],
        }
        if self.returns is not None:
            data["returns"] = self.returns.to_json()
        return data


@dataclass(frozen=True)
class SignatureSet:
    """Every model's method signatures, keyed by ``USER/APP/MODEL``."""

    models: Mapping[str, Mapping[str, MethodSignature]] = field(default_factory=dict)

    def method(self, reference: str, method_name: str) -> MethodSignature | None:
        """The signature of ``method_name`` on the model ``reference`` (URL or id), if known."""
        key = model_key(reference)
        if key is None:
            return None
        return self.models.get(key, {}).get(method_name)

    def has_model(self, reference: str) -> bool:
        key = model_key(reference)
        return key is not None and key in self.models

    @classmethod
    def from_json(cls, data: Any, *, origin: str = "signatures") -> SignatureSet:
        """Validate parsed JSON and build the set; errors name the bad entry."""
        if not isinstance(data, dict):
            raise SignatureFileError(f"{origin}: expected a JSON object, got {type(data).__name__}")
        version = data.get("version")
        if version != FORMAT_VERSION:
            raise SignatureFileError(
                f"{origin}: version is {version!r}, expected {FORMAT_VERSION}; regenerate the "
                "file with `legacy-compat signatures MODEL_URL > FILE`"
            )
        models_data = data.get("models")
        if not isinstance(models_data, dict):
            raise SignatureFileError(f"{origin}: 'models' must be an object of model URL -> entry")
        models: dict[str, dict[str, MethodSignature]] = {}
        for reference, entry in models_data.items():
            key = model_key(str(reference))
            where = f"{origin}: model {reference!r}"
            if key is None:
                raise SignatureFileError(
                    f"{where}: expected a model URL or USER/APP/MODEL as the key"
                )
            methods = entry.get("methods") if isinstance(entry, dict) else None
            if not isinstance(methods, dict):
                raise SignatureFileError(f"{where}: expected an object with a 'methods' object")
            models[key] = {
                name: _method_from_json(sig, f"{where} method {name!r}")
                for name, sig in methods.items()
            }
        return cls(models)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "models": {
                key: {"methods": {name: sig.to_json() for name, sig in methods.items()}}
                for key, methods in sorted(self.models.items())
            },
        }


def _method_from_json(data: Any, where: str) -> MethodSignature:
    if not isinstance(data, dict):
        raise SignatureFileError(f"{where}: expected an object, got {type(data).__name__}")
    try:
        kind = CallKind(data.get("kind"))
    except ValueError:
        raise SignatureFileError(
            f"{where}: kind is {data.get('kind')!r}, expected predict, generate or stream"
        ) from None
    raw_parameters = data.get("parameters", [])
    if not isinstance(raw_parameters, list):
        raise SignatureFileError(f"{where}: 'parameters' must be a list")
    parameters = []
    for index, parameter in enumerate(raw_parameters):
        if not isinstance(parameter, dict) or not isinstance(parameter.get("name"), str):
            raise SignatureFileError(f"{where}: parameter #{index} needs a string 'name'")
        type_name = parameter.get("type")
        if not isinstance(type_name, str):
            raise SignatureFileError(
                f"{where}: parameter {parameter['name']!r} needs a DataType name as 'type'"
            )
        parameters.append(
            ParameterInfo(
                name=parameter["name"],
                type_name=type_name,
                stream=bool(parameter.get("stream", False)),
                required=bool(parameter.get("required", True)),
            )
        )
    returns = None
    raw_returns = data.get("returns")
    if raw_returns is not None:
        if not isinstance(raw_returns, dict) or not isinstance(raw_returns.get("type"), str):
            raise SignatureFileError(f"{where}: 'returns' needs a DataType name as 'type'")
        returns = ReturnInfo(
            type_name=raw_returns["type"],
            item_type=raw_returns.get("item_type"),
            stream=bool(raw_returns.get("stream", False)),
        )
    return MethodSignature(kind=kind, parameters=tuple(parameters), returns=returns)


def read_signatures(path: str | Path) -> SignatureSet:
    """Read and validate a signatures file; a bad file raises :class:`SignatureFileError`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SignatureFileError(f"cannot read signatures file {str(path)!r}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise SignatureFileError(f"{path}: not valid JSON ({exc})") from exc
    return SignatureSet.from_json(data, origin=str(path))


def write_signatures(signatures: SignatureSet | Mapping[str, Any]) -> str:
    """The JSON text of a signatures file (validated first, so a bad writer fails early)."""
    if not isinstance(signatures, SignatureSet):
        signatures = SignatureSet.from_json(dict(signatures))
    return json.dumps(signatures.to_json(), indent=2, sort_keys=False) + "\n"
