"""The nine legacy methods, re-implemented on the new inference client, as plain functions.

Each function takes ``self`` = any ``clarifai.client.model.Model`` (ours, or the SDK's own
class after ``install()``) or a bare ``ModelClient`` (``wrap(client)``), then the arguments of
any historical signature. One call goes through four steps, the same for all nine:

1. :func:`legacy_compat.calls.normalize_call` reads the arguments, whatever their era;
2. :func:`plan_call` decides how calls of this shape are sent: a pythonic model's method
   bound through its signature (:mod:`legacy_compat.signatures`), or the proto path for a
   model without signatures; the input type, detected as the SDK did; the routing
   (:mod:`legacy_compat.selectors`). Plans are cached per model and hold no values;
   :func:`_prepare` then turns *this* call's ``inference_params`` and ``output_config`` into
   keyword arguments and a client whose request template carries them
   (:mod:`legacy_compat.targets`);
3. the :class:`~legacy_compat.deprecation.LegacyInferenceWarning` with the exact replacement;
4. the call kind's executor, which has already checked the source as the SDK did at call
   time, sends it and converts the responses to the legacy shape
   (:mod:`legacy_compat.responses`); generate and stream return lazy iterators.

The SDK's own by_* methods are never called. The new client's internal callers
(``_predict``/``_generate``/``_stream`` with ``with_proto=True``, and the ``*_by_proto`` paths)
are used rather than the public pythonic methods because those return coroutines when called
inside a running event loop, and the legacy methods are synchronous wherever they are called.

Example:
    >>> LEGACY_IMPLEMENTATIONS["predict_by_url"](model, url, "image")  # doctest: +SKIP
    status { code: SUCCESS ... }
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import (
    Any,
    Callable,
    Dict,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    NamedTuple,
    Optional,
)

from clarifai.client.model_client import ModelClient
from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2, service_pb2

from codemods.legacy_api import (
    INPUT_TYPES,
    LEGACY_METHODS,
    CallKind,
    LegacyMethod,
    Source,
)
from legacy_compat import inputs
from legacy_compat.calls import LegacyCall, normalize_call
from legacy_compat.deprecation import (
    Migration,
    call_migration,
    source_form,
    static_message,
    warn_legacy_call,
)
from legacy_compat.responses import to_legacy_response
from legacy_compat.selectors import (
    CONSTRUCTOR_NAMES,
    build_runner_selector,
    merge_routing,
)
from legacy_compat.signatures import Binding, bind, detect_input_type, method_for
from legacy_compat.targets import InferenceTarget, target_for

__all__ = ["LEGACY_IMPLEMENTATIONS", "CallPlan", "plan_call", "run_legacy_method"]


@dataclass(frozen=True)
class CallPlan:
    """How calls of one shape are sent: everything but the values. ``binding`` is None on the
    proto path; ``client`` carries the routing only (a call's params and output config go
    into a client of its own). Plans are cached per model object, so repeated calls skip the
    planning, and they hold nothing a call passed but its routing ids (immutable strings)."""

    method: LegacyMethod
    target: InferenceTarget
    input_type: str
    binding: Binding | None
    selector: resources_pb2.RunnerSelector | None
    client: ModelClient
    moved_routing: tuple[tuple[str, str], ...]


def _detect_from_model_type(target: InferenceTarget) -> str:
    fields = target.model_type_input_types()
    usable = [f for f in fields if f in INPUT_TYPES]
    if len(fields) > 1:
        raise UserError(
            "Model has multiple input types. Please use model.predict() for this multi-modal "
            f"model. {target.name} takes {', '.join(map(repr, fields))}; pass input_type= one "
            "of them."
        )
    if not usable:
        raise UserError(
            f"Cannot detect the input type of {target.name}: its model type takes "
            f"{', '.join(map(repr, fields)) or 'no inputs'}, none of image, text, video, audio. "
            "Pass input_type= explicitly."
        )
    return usable[0]


_STREAM = CallKind.STREAM  # enum member lookups are slow on the per-call path
_NO_NAMES: tuple[str, ...] = ()
_UNKEYED: Any = object()


def _plan_key(target: InferenceTarget, call: LegacyCall) -> Hashable | None:
    """What a plan depends on, and nothing else: no parameter or config *values*.

    ``inference_params`` contribute their names only (which are str: a call with other keys
    is not cached, and fails with a message naming the key); ``output_config`` whether there
    is one. Routing ids are str. So two calls share a plan only if every value a plan keeps
    is equal *and* of the same type.
    """
    params = call.inference_params
    names = tuple(params) if params else _NO_NAMES
    if names and not all(type(name) is str for name in names):
        return None
    input_type = call.input_type
    return (
        id(call.method),  # the LEGACY_METHODS entries are the only instances
        input_type,
        target.remembered_input_type() if input_type is None else None,
        names,
        not call.output_config,
        call.routing,
        call.method.kind is _STREAM and _is_single(call.method, call.source),
    )


def plan_call(
    target: InferenceTarget, call: LegacyCall, key: Hashable | None = _UNKEYED
) -> CallPlan:
    """The plan for ``call``: cached per model object and call shape, computed otherwise.

    ``key`` is :func:`_plan_key` of the call, if the caller has it already.
    """
    if key is _UNKEYED:
        key = _plan_key(target, call)
    plan = target.plans.get(key) if key is not None else None
    if plan is None:
        plan = _make_plan(target, call)
        if key is not None and target.signatures_known:
            target.remember_plan(key, plan)
    if call.input_type is not None:
        target.remember_input_type(plan.input_type)  # the SDK keeps it for later calls
    return plan


def _make_plan(target: InferenceTarget, call: LegacyCall) -> CallPlan:
    """Decide everything about calls of this shape before anything is sent; raises on a bad
    call."""
    kind = call.method.kind
    if call.input_type is not None:
        inputs.check_input_type(call.input_type)
    signatures = target.signatures()
    binding: Binding | None = None
    if signatures:
        signature = method_for(signatures, kind, target.name)
        input_type = call.input_type or detect_input_type(
            kind,
            signature,
            target.name,
            remembered=target.remembered_input_type(),
            model_type_fields=target.model_type_input_types if target.is_model else None,
        )
        binding = bind(signature, kind, input_type, call.inference_params, target.name)
        if call.method.source is Source.URL:
            inputs.check_url_parameter(input_type, binding.input_parameter)
    else:
        input_type = (
            call.input_type or target.remembered_input_type() or _detect_from_model_type(target)
        )

    constructor = target.constructor_routing()
    merged = merge_routing(constructor, call.routing)
    selector = None
    if merged != constructor:
        selector = build_runner_selector(merged, target.resolve_user)
        if selector is not None:
            target.validate_selector(selector)
    moved = [(CONSTRUCTOR_NAMES[k], repr(v)) for k, v in call.routing.items()]
    if selector is not None and not call.routing.user_id and not constructor.user_id:
        # Without it the SDK's constructor asks GetUser('me') of the public API, whatever
        # base_url says: the advice names the user this call was routed for.
        moved.append(("deployment_user_id", repr(_selector_user(selector))))
    client = target.client_for(selector, {}, {})
    return CallPlan(call.method, target, input_type, binding, selector, client, tuple(moved))


def _selector_user(selector: resources_pb2.RunnerSelector) -> str:
    if selector.deployment.id:
        return selector.deployment.user_id
    return selector.nodepool.compute_cluster.user_id


class _Prepared(NamedTuple):
    """One call's own values: the method's keyword arguments and the client that sends them."""

    keywords: Dict[str, Any]
    request_params: Mapping[str, Any]
    client: ModelClient


_NO_KEYWORDS: Dict[str, Any] = {}


def _prepare(plan: CallPlan, call: LegacyCall) -> _Prepared:
    """Turn this call's ``inference_params`` and ``output_config`` into what is sent."""
    params = call.inference_params
    binding = plan.binding
    if binding is None:
        keywords, request = _NO_KEYWORDS, params
    elif params or binding.required:
        keywords, request = binding.arguments(params, plan.target.name)
    else:
        keywords, request = _NO_KEYWORDS, params
    client = plan.client
    if request or call.output_config:
        client = plan.target.client_for(plan.selector, request, call.output_config)
    return _Prepared(keywords, request, client)


def _migration(
    plan: CallPlan, call: LegacyCall, prepared: _Prepared, in_event_loop: bool
) -> Migration:
    binding = plan.binding
    return call_migration(
        call.method.name,
        receiver=plan.target.receiver,
        input_type=plan.input_type,
        parameter=binding.input_parameter.name if binding else None,
        parameter_type=binding.input_parameter.type_name if binding else "",
        keyword_arguments=prepared.keywords if binding else call.inference_params,
        request_params=tuple(prepared.request_params) if binding else (),
        moved_routing=plan.moved_routing,
        output_config=bool(call.output_config),
        single_stream_item=call.method.kind is _STREAM and _is_single(call.method, call.source),
        source_form=source_form(call.method.source, call.source),
        in_event_loop=in_event_loop,
    )


def _is_single(method: LegacyMethod, source: Any) -> bool:
    return isinstance(source, (str, bytes, bytearray, memoryview)) or (
        method.source is Source.FILEPATH and hasattr(source, "__fspath__")
    )


# -- executors: one per call kind, each serving the pythonic and the proto path --------------


def _pythonic_kwargs(plan: CallPlan, prepared: _Prepared, value: Any) -> Dict[str, Any]:
    assert plan.binding is not None
    if not prepared.keywords:
        return {plan.binding.input_parameter.name: value}
    return {plan.binding.input_parameter.name: value, **prepared.keywords}


def _one_value(plan: CallPlan, call: LegacyCall) -> Any:
    """The single input of a predict/generate call, validated (and read) now, as the SDK did."""
    source, value = plan.method.source, call.source
    if plan.binding is None:
        return inputs.input_proto(source, plan.input_type, value)
    return inputs.new_value(source, plan.input_type, value, plan.binding.input_parameter)


def _predict(
    plan: CallPlan, call: LegacyCall, prepared: _Prepared
) -> Callable[[], service_pb2.MultiOutputResponse]:
    value = _one_value(plan, call)
    client = prepared.client

    def send() -> service_pb2.MultiOutputResponse:
        if plan.binding is None:
            return client._predict_by_proto([value])
        kwargs = _pythonic_kwargs(plan, prepared, value)
        _, response = client._predict(kwargs, plan.binding.method_name, with_proto=True)
        return to_legacy_response(response)

    return send


def _generate(
    plan: CallPlan, call: LegacyCall, prepared: _Prepared
) -> Callable[[], Iterator[service_pb2.MultiOutputResponse]]:
    value = _one_value(plan, call)  # eager: a bad file fails at the call, not at the first next()
    client = prepared.client

    def responses() -> Iterator[service_pb2.MultiOutputResponse]:
        if plan.binding is None:
            yield from client._generate_by_proto([value])
            return
        kwargs = _pythonic_kwargs(plan, prepared, value)
        for _, response in client._generate(kwargs, plan.binding.method_name, with_proto=True):
            yield to_legacy_response(response)

    return responses


class _SourceGuard:
    """The stream's inputs, converted lazily, with the user's iterator errors held back.

    gRPC pulls requests on its own thread and, when the request iterator raises, only logs
    "Exception iterating requests!" and cancels the call. The guard ends the request stream
    instead and keeps the exception, which :meth:`reraise` raises in the caller's thread once
    the responses for the inputs already sent have been delivered.
    """

    def __init__(self, items: Iterator[Any], convert: Callable[[Any], Any]) -> None:
        self._items = items
        self._convert = convert
        self.error: BaseException | None = None

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        if self.error is not None:
            raise StopIteration
        try:
            return self._convert(next(self._items))
        except StopIteration:
            raise
        except BaseException as e:  # re-raised in the caller's thread by reraise()
            self.error = e
            raise StopIteration from None

    def reraise(self) -> None:
        if self.error is not None:
            raise self.error


def _stream(
    plan: CallPlan, call: LegacyCall, prepared: _Prepared
) -> Callable[[], Iterator[service_pb2.MultiOutputResponse]]:
    method, input_type = plan.method, plan.input_type
    if _is_single(method, call.source):  # one value: validate it now, as the SDK did
        inputs.load(method.source, input_type, call.source)
    items = inputs.iter_source(method, call.source)

    def responses() -> Iterator[service_pb2.MultiOutputResponse]:
        first = next(items, _EMPTY)
        if first is _EMPTY:
            raise UserError(
                f"{method.name}() got an empty {method.source_names[0]}: there is nothing to "
                "stream. Pass at least one input."
            )
        if plan.binding is None:

            def convert(item: Any) -> Any:
                return [inputs.input_proto(method.source, input_type, item)]

        else:
            parameter = plan.binding.input_parameter

            def convert(item: Any) -> Any:
                return inputs.new_value(method.source, input_type, item, parameter)

        # The first input is converted here, so its error (a bad path...) is raised as is;
        # the guard holds back errors of the later ones until their predecessors' results.
        guard = _SourceGuard(items, convert)
        pending = _chain_first(convert(first), guard)
        client = plan.target.replaying_client(prepared.client)  # per call: it keeps requests
        if plan.binding is None:
            stream = client._stream_by_proto(pending)
        else:
            kwargs = _pythonic_kwargs(plan, prepared, pending)
            stream = (
                to_legacy_response(response)
                for _, response in client._stream(kwargs, plan.binding.method_name, with_proto=True)
            )
        try:
            yield from stream
        except Exception:
            guard.reraise()  # the user's own error explains a failure it caused
            raise
        guard.reraise()

    return responses


_EMPTY = object()


def _chain_first(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


# Each executor checks (and reads) what the SDK checked at call time, then returns the call
# itself: the warning is emitted between the two, so an invalid call raises its own error.
_EXECUTORS: Mapping[CallKind, Callable[[CallPlan, LegacyCall, _Prepared], Callable[[], Any]]] = {
    CallKind.PREDICT: _predict,
    CallKind.GENERATE: _generate,
    CallKind.STREAM: _stream,
}


def run_legacy_method(owner: Any, method_name: str, *args: Any, **kwargs: Any) -> Any:
    """Run legacy method ``method_name`` on ``owner`` (a Model or a ModelClient)."""
    call = normalize_call(method_name, args, kwargs)
    if call.method.source is Source.FILEPATH and _is_single(call.method, call.source):
        inputs.check_path(call.source)  # the SDK checked the file before anything else
    target = target_for(owner)
    key = _plan_key(target, call)
    plan = plan_call(target, call, key)
    prepared = _prepare(plan, call)
    send = _EXECUTORS[call.method.kind](plan, call, prepared)
    # The warning's text is fixed by the call's shape (the first call at a site renders it),
    # never by the values passed: one warning per call site, however the values vary.
    warn_legacy_call(
        (
            key,
            target.name,
            target.receiver,
            plan.binding is None,
            source_form(call.method.source, call.source),
        ),
        lambda in_event_loop: _migration(plan, call, prepared, in_event_loop),
    )
    return send()


# -- the nine functions ------------------------------------------------------------------------

_RETURNS: Mapping[CallKind, Any] = {
    CallKind.PREDICT: service_pb2.MultiOutputResponse,
    CallKind.GENERATE: Iterator[service_pb2.MultiOutputResponse],
    CallKind.STREAM: Iterator[service_pb2.MultiOutputResponse],
}


def _source_annotation(method: LegacyMethod) -> Any:
    item = {Source.URL: str, Source.BYTES: bytes, Source.FILEPATH: str}[method.source]
    if method.kind is not CallKind.STREAM:
        return item
    if method.source is Source.FILEPATH:
        return Any  # one path, or an iterable of paths
    return Iterable[item]  # type: ignore[valid-type]


def _signature(method: LegacyMethod) -> inspect.Signature:
    """Every parameter any era had: what ``inspect.signature`` and IDEs show."""
    P = inspect.Parameter
    source_type = _source_annotation(method)
    optional = Optional[str]
    parameters = [
        P("self", P.POSITIONAL_OR_KEYWORD),
        P(method.source_names[0], P.POSITIONAL_OR_KEYWORD, annotation=source_type),
        P("input_type", P.POSITIONAL_OR_KEYWORD, default=None, annotation=optional),
        P("legacy_positional", P.VAR_POSITIONAL, annotation=Any),
        *(
            P(alias, P.KEYWORD_ONLY, default=None, annotation=Optional[source_type])
            for alias in method.source_names[1:]
        ),
        P("inference_params", P.KEYWORD_ONLY, default=None, annotation=Optional[Dict[str, Any]]),
        P("output_config", P.KEYWORD_ONLY, default=None, annotation=Optional[Dict[str, Any]]),
        *(
            P(name, P.KEYWORD_ONLY, default=None, annotation=optional)
            for name in ("compute_cluster_id", "nodepool_id", "deployment_id", "user_id")
        ),
    ]
    return inspect.Signature(parameters, return_annotation=_RETURNS[method.kind])


_DOCS: Mapping[CallKind, str] = {
    CallKind.PREDICT: "Predict on one {what}; returns a MultiOutputResponse in the legacy shape.",
    CallKind.GENERATE: "Generate from one {what}; returns a lazy iterator of MultiOutputResponse.",
    CallKind.STREAM: "Stream {what}s to the model; returns a lazy iterator of MultiOutputResponse.",
}
_WHAT: Mapping[Source, str] = {
    Source.URL: "URL",
    Source.BYTES: "bytes input",
    Source.FILEPATH: "file",
}


_TEXT_URL_LIMIT = (
    " A text URL is served to a model without method signatures or with a Text parameter; "
    "for a str parameter the call fails (the legacy method sent such a model an empty prompt)."
)


def _make(method: LegacyMethod) -> Callable[..., Any]:
    name = method.name

    def legacy_method(self: Any, *args: Any, **kwargs: Any) -> Any:
        return run_legacy_method(self, name, *args, **kwargs)

    legacy_method.__name__ = legacy_method.__qualname__ = name
    legacy_method.__doc__ = (
        f"{_DOCS[method.kind].format(what=_WHAT[method.source])}\n\n"
        f"Deprecated: {static_message(name)}\n\n"
        "Accepts every historical call shape (input_type positional, keyword or omitted; "
        "per-call routing; inference_params and output_config), served by the model's "
        f"{method.new_method}() method through the new inference client."
        + (_TEXT_URL_LIMIT if method.source is Source.URL else "")
    )
    legacy_method.__signature__ = _signature(method)  # type: ignore[attr-defined]
    legacy_method.__deprecated__ = static_message(name)  # type: ignore[attr-defined]
    legacy_method.__module__ = __name__
    return legacy_method


#: The nine implementations by name. Each takes ``self`` = a ``clarifai.client.model.Model``
#: (any instance, not only :class:`legacy_compat.Model`) or a ``ModelClient``.
LEGACY_IMPLEMENTATIONS: Mapping[str, Callable[..., Any]] = {
    name: _make(method) for name, method in LEGACY_METHODS.items()
}
