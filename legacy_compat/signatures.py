"""Which parameter of a pythonic model method receives a legacy input, and what else to pass.

Since 11.3.0 a model published with the new runner declares typed methods (``predict(image:
Image) -> List[Concept]``) and the client sends named parts. A legacy call names no parameter,
only an input type; the shared rule :func:`codemods.legacy_api.choose_input_parameter` (the
first input parameter whose type accepts it -- the same rule the runner applies to old-format
requests) picks one. ``inference_params`` whose keys are parameters of the method become
keyword arguments (a string ``"0.7"`` for a float parameter is converted, as the old
``params`` Struct accepted strings); the rest are sent as request ``params`` the way the legacy
SDK sent them, where a pythonic runner does not read them.

Everything here works on the fetched ``MethodSignature`` protos; fetching and caching them is
:mod:`legacy_compat.targets`' job.

Example:
    >>> from clarifai_grpc.grpc.api import resources_pb2 as pb
    >>> field = pb.ModelTypeField(name="image", type=pb.ModelTypeField.DataType.IMAGE)
    >>> [p.name for p in parameters_of(pb.MethodSignature(name="predict", input_fields=[field]))]
    ['image']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2

from codemods.legacy_api import (
    INPUT_TYPES,
    CallKind,
    InputType,
    ParameterInfo,
    choose_input_parameter,
)

__all__ = [
    "METHOD_TYPES",
    "Binding",
    "bind",
    "candidate_input_types",
    "method_for",
    "parameters_of",
]

#: The ``RunnerMethodType`` each call kind needs.
METHOD_TYPES: Mapping[CallKind, str] = {
    CallKind.PREDICT: "UNARY_UNARY",
    CallKind.GENERATE: "UNARY_STREAMING",
    CallKind.STREAM: "STREAMING_STREAMING",
}

_DataType = resources_pb2.ModelTypeField.DataType

# The SDK's own words for a model with several input types (10.9.3 - 12.5.0).
_MULTIPLE_INPUT_TYPES = (
    "Model has multiple input types. Please use model.predict() for this multi-modal model."
)


def parameters_of(signature: resources_pb2.MethodSignature) -> tuple[ParameterInfo, ...]:
    """The method's input parameters as the shared binding rule sees them."""
    return tuple(
        ParameterInfo(
            name=f.name,
            type_name=_DataType.Name(f.type),
            stream=f.iterator,
            required=f.required,
        )
        for f in signature.input_fields
    )


def _describe(parameters: Sequence[ParameterInfo]) -> str:
    def one(p: ParameterInfo) -> str:
        kind = f"Iterator[{p.type_name}]" if p.stream else p.type_name
        return f"{p.name}: {kind}"

    return ", ".join(one(p) for p in parameters) or "none"


def method_for(
    signatures: Mapping[str, resources_pb2.MethodSignature], kind: CallKind, model: str
) -> resources_pb2.MethodSignature:
    """The model's pythonic method a legacy call of ``kind`` maps to (same name as the kind)."""
    signature = signatures.get(kind.value)
    if signature is None:
        raise UserError(
            f"Model {model} has no {kind.value}() method (it has: "
            f"{', '.join(sorted(signatures)) or 'none'}), so a legacy {kind.value}_by_* call "
            f"cannot be served. Call one of its methods directly, e.g. model.<method>(...)."
        )
    method_type = resources_pb2.RunnerMethodType.Name(signature.method_type)
    if method_type != METHOD_TYPES[kind]:
        raise UserError(
            f"Model {model}'s {kind.value}() is {method_type}, but a legacy {kind.value}_by_* "
            f"call needs {METHOD_TYPES[kind]}. Call model.{kind.value}(...) directly."
        )
    return signature


def candidate_input_types(
    kind: CallKind, parameters: Sequence[ParameterInfo]
) -> dict[str, ParameterInfo]:
    """Every legacy input type some parameter accepts, with the parameter that would take it."""
    found = {t: choose_input_parameter(kind, t, parameters) for t in INPUT_TYPES}
    return {t: p for t, p in found.items() if p is not None}


def _to_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ValueError(value)


# Strings in inference_params are converted for these parameter types (the legacy Struct
# params were commonly given as strings, e.g. temperature=str(0.7) in the SDK's own docs).
_FROM_STRING: Mapping[str, Callable[[str], Any]] = {
    "INT": int,
    "FLOAT": float,
    "BOOL": _to_bool,
}


@dataclass(frozen=True)
class Binding:
    """How one legacy call maps onto a pythonic method.

    ``input_parameter`` receives the legacy input; ``keyword_arguments`` are the
    ``inference_params`` the method declares (converted to its types); ``request_params``
    are the ones it does not, sent as request ``params`` as the legacy SDK did.
    """

    method_name: str
    input_type: str
    input_parameter: ParameterInfo
    parameters: tuple[ParameterInfo, ...]
    keyword_arguments: Mapping[str, Any] = field(default_factory=dict)
    request_params: Mapping[str, Any] = field(default_factory=dict)


def _convert(parameter: ParameterInfo, value: Any, model: str) -> Any:
    convert = _FROM_STRING.get(parameter.type_name)
    if convert is None or not isinstance(value, str):
        return value
    try:
        return convert(value)
    except ValueError:
        raise UserError(
            f"inference_params[{parameter.name!r}]={value!r} is not a valid "
            f"{parameter.type_name} for model {model}'s parameter {parameter.name}; pass a "
            f"{parameter.type_name.lower()} value."
        ) from None


def bind(
    signature: resources_pb2.MethodSignature,
    kind: CallKind,
    input_type: str | None,
    inference_params: Mapping[str, Any],
    model: str,
) -> Binding:
    """Bind a legacy call to ``signature``; ``input_type`` None means detect it.

    Raises :class:`UserError` naming the parameters when no parameter accepts the input, when
    the input type is ambiguous, or when a required parameter would stay unset.
    """
    parameters = parameters_of(signature)
    described = f"{model}'s {signature.name}({_describe(parameters)})"
    if input_type is None:
        candidates = candidate_input_types(kind, parameters)
        if len(candidates) > 1:
            options = ", ".join(f"{t!r} (parameter {p.name})" for t, p in candidates.items())
            raise UserError(
                f"{_MULTIPLE_INPUT_TYPES} {described} accepts {options}: pass input_type= one "
                "of them, and the other required parameters in inference_params."
            )
        if not candidates:
            raise UserError(
                f"Cannot detect the input type of {described}: no parameter takes an image, "
                f"text, audio or video input. Call model.{signature.name}(...) with its own "
                "parameters."
            )
        input_type = next(iter(candidates))
    parameter = choose_input_parameter(kind, input_type, parameters)
    if parameter is None:
        raise UserError(
            f"No parameter of {described} accepts a{'n' if input_type[0] in 'aeiou' else ''} "
            f"{input_type} input. Pass the input_type the model takes, or call "
            f"model.{signature.name}(...) with its own parameters."
        )

    by_name = {p.name: p for p in parameters}
    keyword_arguments: dict[str, Any] = {}
    request_params: dict[str, Any] = {}
    for name, value in inference_params.items():
        target = by_name.get(name)
        if target is None:
            request_params[name] = value
        elif target is parameter:
            raise UserError(
                f"inference_params[{name!r}] names the parameter that receives the legacy "
                f"{input_type} input of {described}; remove it from inference_params."
            )
        else:
            keyword_arguments[name] = _convert(target, value, model)

    missing = [
        p.name
        for p in parameters
        if p.required and p is not parameter and p.name not in keyword_arguments
    ]
    if missing:
        raise UserError(
            f"{described} also requires {', '.join(missing)}, which a legacy call cannot "
            f"supply (only the {input_type} input goes to {parameter.name}). Pass "
            f"inference_params={{{', '.join(repr(m) + ': ...' for m in missing)}}} or call "
            f"model.{signature.name}(...) directly."
        )
    return Binding(
        method_name=signature.name,
        input_type=InputType(input_type).value,
        input_parameter=parameter,
        parameters=parameters,
        keyword_arguments=keyword_arguments,
        request_params=request_params,
    )
