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

import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2

from codemods.legacy_api import (
    INPUT_TYPES,
    CallKind,
    InputType,
    ParameterInfo,
    choose_input_parameter,
)
from legacy_compat.inputs import shown

__all__ = [
    "METHOD_TYPES",
    "Binding",
    "bind",
    "candidate_input_types",
    "detect_input_type",
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


def detect_input_type(
    kind: CallKind,
    signature: resources_pb2.MethodSignature,
    model: str,
    *,
    remembered: str | None,
    model_type_fields: Callable[[], Sequence[str]] | None,
) -> str:
    """The input type of a legacy call that gave none, as the SDK would pick it.

    The SDK (10.9.3 - 12.5.0) reuses the ``input_type`` an earlier call on the same model
    named, and otherwise takes the model type's only input field. The signature knows more,
    so it is asked first: a method that accepts one input type, or has one *required*
    parameter that takes an input (``predict(image: Image, prompt: str = "describe")``),
    leaves no choice. Only when it does, the SDK's two sources decide; ``model_type_fields``
    is None for a client without a control plane. Raises the SDK's "multiple input types"
    error, with the candidates, when nothing decides.
    """
    parameters = parameters_of(signature)
    described = f"{model}'s {signature.name}({_describe(parameters)})"
    candidates = candidate_input_types(kind, parameters)
    if not candidates:
        raise UserError(
            f"Cannot detect the input type of {described}: no parameter takes an image, "
            f"text, audio or video input. Call model.{signature.name}(...) with its own "
            "parameters."
        )
    if len(candidates) == 1:
        return next(iter(candidates))
    if remembered in candidates:
        return remembered
    required = [t for t, p in candidates.items() if p.required]
    if len(required) == 1:
        return required[0]
    if model_type_fields is not None:
        try:
            fields = tuple(model_type_fields())
        except UserError:
            fields = ()
        if len(fields) == 1 and fields[0] in candidates:
            return fields[0]
    options = ", ".join(f"{t!r} (parameter {p.name})" for t, p in candidates.items())
    raise UserError(
        f"{_MULTIPLE_INPUT_TYPES} {described} accepts {options}: pass input_type= one "
        "of them, and the other required parameters in inference_params."
    )


# -- inference_params values -> the method's keyword arguments --------------------------------

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_TRUE_WORDS, _FALSE_WORDS = ("true", "1", "yes"), ("false", "0", "no")


class _Unsendable(ValueError):
    """A value the parameter's type cannot carry (turned into the UserError naming both)."""


def _to_int(value: Any) -> int:
    if isinstance(value, str):
        value = value.strip()
        try:
            value = int(value)
        except ValueError:
            value = float(value)  # "2.0" as the legacy Struct params often carried it
    if isinstance(value, float):
        if not value.is_integer():
            raise _Unsendable
        value = int(value)
    if not isinstance(value, int):
        raise _Unsendable
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise _Unsendable
    return int(value)  # a bool becomes 0 / 1, as the Struct's number did


def _to_float(value: Any) -> float:
    if isinstance(value, (str, int, float)):
        return float(value)  # OverflowError for a huge int: caught as unsendable
    raise _Unsendable


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE_WORDS or lowered in _FALSE_WORDS:
            return lowered in _TRUE_WORDS
    raise _Unsendable


def _to_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _Unsendable


# Scalar parameter types, and how a legacy inference_params value becomes one. The legacy
# params were a JSON Struct, so numbers may come as floats or strings (temperature=str(0.7) in
# the SDK's own docs); a value that cannot be converted is refused with a message that names it.
_CONVERTERS: Mapping[str, Callable[[Any], Any]] = {
    "INT": _to_int,
    "FLOAT": _to_float,
    "BOOL": _to_bool,
    "STR": _to_str,
}
_SCALARS = (str, int, float, bool)


def _keyword_value(parameter: ParameterInfo, value: Any, model: str) -> Any:
    convert = _CONVERTERS.get(parameter.type_name)
    if convert is None:  # Text, JSON, lists...: the SDK's serializer checks them when sending
        return value if isinstance(value, _SCALARS) else copy.deepcopy(value)
    try:
        return convert(value)
    except (_Unsendable, ValueError, OverflowError):
        raise UserError(
            f"inference_params[{parameter.name!r}]={shown(value)} is not a valid "
            f"{parameter.type_name} for model {model}'s parameter {parameter.name} (got "
            f"{type(value).__name__}); pass {_EXPECTED[parameter.type_name]}."
        ) from None


_EXPECTED: Mapping[str, str] = {
    "INT": "an int within 64 bits (or an integral float or numeric string)",
    "FLOAT": "a float (or an int or numeric string)",
    "BOOL": "a bool (or 0, 1, 'true', 'false')",
    "STR": "a str",
}


@dataclass(frozen=True)
class Binding:
    """How legacy calls of one shape map onto a pythonic method: no values, only names.

    ``input_parameter`` receives the legacy input; ``keyword_parameters`` are the
    ``inference_params`` names the method declares; any other name is sent as a request
    param, as the legacy SDK did. A binding is cached per call shape, so it never holds a
    call's values: :meth:`arguments` turns each call's own ``inference_params`` into them.
    """

    method_name: str
    input_type: str
    input_parameter: ParameterInfo
    parameters: tuple[ParameterInfo, ...]
    described: str
    keyword_parameters: Mapping[str, ParameterInfo] = field(default_factory=dict)
    request_names: tuple[str, ...] = ()
    required: tuple[str, ...] = ()

    def arguments(
        self, inference_params: Mapping[str, Any], model: str
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """``(keyword arguments, request params)`` for one call's ``inference_params``.

        A ``None`` value is left out (the method's default applies, as when the legacy
        runner ignored a null param); other values are converted to the parameter's type
        or refused with a :class:`UserError` naming the parameter, the value and the type.
        """
        keywords: dict[str, Any] = {}
        request: dict[str, Any] = {}
        declared = self.keyword_parameters
        for name, value in inference_params.items():
            parameter = declared.get(name)
            if parameter is None:
                request[name] = value
            elif value is not None:
                keywords[name] = _keyword_value(parameter, value, model)
        missing = [name for name in self.required if name not in keywords]
        if missing:
            raise UserError(
                f"{self.described} also requires {', '.join(missing)}, which a legacy call "
                f"cannot supply (only the {self.input_type} input goes to "
                f"{self.input_parameter.name}). Pass inference_params="
                f"{{{', '.join(repr(m) + ': ...' for m in missing)}}} or call "
                f"model.{self.method_name}(...) directly."
            )
        return keywords, request


def bind(
    signature: resources_pb2.MethodSignature,
    kind: CallKind,
    input_type: str,
    parameter_names: Iterable[str],
    model: str,
) -> Binding:
    """Bind legacy calls of ``input_type`` whose ``inference_params`` have these names.

    Raises :class:`UserError` naming the parameters when no parameter accepts the input or
    when ``inference_params`` names the parameter the input goes to.
    """
    parameters = parameters_of(signature)
    described = f"{model}'s {signature.name}({_describe(parameters)})"
    parameter = choose_input_parameter(kind, input_type, parameters)
    if parameter is None:
        raise UserError(
            f"No parameter of {described} accepts a{'n' if input_type[0] in 'aeiou' else ''} "
            f"{input_type} input. Pass the input_type the model takes, or call "
            f"model.{signature.name}(...) with its own parameters."
        )
    by_name = {p.name: p for p in parameters}
    keyword_parameters: dict[str, ParameterInfo] = {}
    request_names: list[str] = []
    for name in parameter_names:
        target = by_name.get(name)
        if target is None:
            request_names.append(name)
        elif target is parameter:
            raise UserError(
                f"inference_params[{name!r}] names the parameter that receives the legacy "
                f"{input_type} input of {described}; remove it from inference_params."
            )
        else:
            keyword_parameters[name] = target
    return Binding(
        method_name=signature.name,
        input_type=InputType(input_type).value,
        input_parameter=parameter,
        parameters=parameters,
        described=described,
        keyword_parameters=keyword_parameters,
        request_names=tuple(request_names),
        required=tuple(p.name for p in parameters if p.required and p is not parameter),
    )
