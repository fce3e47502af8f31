"""Every historical way of calling a legacy method, normalised into one :class:`LegacyCall`.

The nine methods changed shape many times (see ``codemods.legacy_api.ERA_PARAMETER_ORDERS``):
``(source, input_type)`` in 9.7; ``inference_params, output_config`` added in 9.10; per-call
``compute_cluster_id, nodepool_id, deployment_id`` (and from 11.0.1 ``user_id``) placed
*between* ``input_type`` and ``inference_params`` from 10.8.9 to 11.2.3; removed again in
11.3.0. Code written against any of them still runs through the facade. Positional arguments
are matched against every era's order and the first order whose types fit wins: a string third
argument can only be a compute cluster id, a dict only ``inference_params``.

Example:
    >>> call = normalize_call("predict_by_url", ("u", "image", "cc", "np"), {})
    >>> call.routing.compute_cluster_id, call.routing.nodepool_id
    ('cc', 'np')
    >>> normalize_call("predict_by_url", ("u", None, {"temperature": 0.5}), {}).inference_params
    {'temperature': 0.5}
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable, Mapping, NamedTuple, Optional, Sequence

from codemods.legacy_api import (
    ERA_PARAMETER_ORDERS,
    LEGACY_METHODS,
    ROUTING_KEYWORDS,
    LegacyMethod,
)
from legacy_compat.selectors import Routing

__all__ = ["OPTION_NAMES", "LegacyCall", "normalize_call"]

#: The keyword arguments every legacy method accepts besides its source.
OPTION_NAMES: tuple[str, ...] = (
    "input_type",
    "inference_params",
    "output_config",
    *ROUTING_KEYWORDS,
)


def _is_optional_str(value: object) -> bool:
    return value is None or isinstance(value, str)


def _is_optional_mapping(value: object) -> bool:
    return value is None or isinstance(value, Mapping)


# What each positional slot of any era accepts; used to tell the eras apart.
_SLOT_ACCEPTS: Mapping[str, Callable[[object], bool]] = {
    "input_type": _is_optional_str,
    "inference_params": _is_optional_mapping,
    "output_config": _is_optional_mapping,
    **{name: _is_optional_str for name in ROUTING_KEYWORDS},
}

# Newest first: when several orders fit (only possible when the extra values are all None,
# which means "not given" in every era), the current one is the natural reading.
_ORDERS_NEWEST_FIRST: tuple[tuple[str, ...], ...] = tuple(
    reversed(list(ERA_PARAMETER_ORDERS.values()))
)


_NO_OPTIONS: Mapping[str, Any] = MappingProxyType({})
_NO_ROUTING = Routing()


class LegacyCall(NamedTuple):
    """One legacy call, whatever its historical shape.

    ``source`` is the value as given (a URL, bytes, a path, or an iterable of them for the
    stream methods); ``input_type`` is None when it is to be detected from the model. (A
    named tuple: one is built per call, and it is immutable and cheap.)
    """

    method: LegacyMethod
    source: Any
    input_type: Optional[str] = None
    inference_params: Mapping[str, Any] = _NO_OPTIONS
    output_config: Mapping[str, Any] = _NO_OPTIONS
    routing: Routing = _NO_ROUTING


def _positional_options(name: str, values: Sequence[Any]) -> dict[str, Any]:
    """Name the positional arguments after the source by the first era order they fit."""
    if not values:
        return {}
    if len(values) == 1 and _is_optional_str(values[0]):  # the common (source, input_type)
        return {"input_type": values[0]}
    for order in _ORDERS_NEWEST_FIRST:
        if len(values) <= len(order) and all(
            _SLOT_ACCEPTS[slot](value) for slot, value in zip(order, values)
        ):
            return dict(zip(order, values))
    given = ", ".join(type(value).__name__ for value in values)
    orders = "; ".join(
        f"{era}: ({', '.join(order)})" for era, order in ERA_PARAMETER_ORDERS.items()
    )
    raise TypeError(
        f"{name}() got positional arguments of types ({given}) after the source, which match no "
        f"order the method has had ({orders}). Pass them as keywords, e.g. "
        f"{name}(source, input_type='image', inference_params={{...}})."
    )


# Per method: every name its source has had, and every keyword it accepts (looked up per call).
_SOURCE_NAMES: Mapping[str, tuple[str, ...]] = {
    n: m.source_names for n, m in LEGACY_METHODS.items()
}
_KEYWORDS: Mapping[str, frozenset[str]] = {
    n: frozenset(names + OPTION_NAMES) for n, names in _SOURCE_NAMES.items()
}


def normalize_call(method_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> LegacyCall:
    """Read one legacy call's arguments (``self`` excluded) into a :class:`LegacyCall`.

    Raises ``TypeError`` worded like Python's own for a missing, duplicated or unknown
    argument, or for a value of the wrong type.
    """
    source_names = _SOURCE_NAMES[method_name]
    primary = source_names[0]
    if kwargs and not kwargs.keys() <= _KEYWORDS[method_name]:
        unknown = next(k for k in kwargs if k not in _KEYWORDS[method_name])
        raise TypeError(
            f"{method_name}() got an unexpected keyword argument {unknown!r}; it accepts "
            f"{', '.join(source_names + OPTION_NAMES)}."
        )

    sources = [k for k in source_names if k in kwargs] if kwargs else []
    if args and sources:
        raise TypeError(f"{method_name}() got multiple values for argument {primary!r}")
    if len(sources) > 1:
        raise TypeError(
            f"{method_name}() got the source twice, as {sources[0]!r} and {sources[1]!r}; "
            f"pass it once."
        )
    if not args and not sources:
        raise TypeError(f"{method_name}() missing 1 required positional argument: {primary!r}")
    source = args[0] if args else kwargs[sources[0]]

    options = _positional_options(method_name, args[1:])
    for name, value in kwargs.items():
        if name in sources:
            continue
        if name in options:
            raise TypeError(f"{method_name}() got multiple values for argument {name!r}")
        if not _SLOT_ACCEPTS[name](value):
            expected = "a str" if _SLOT_ACCEPTS[name] is _is_optional_str else "a dict"
            raise TypeError(
                f"{method_name}() expects {name} to be {expected}, got "
                f"{type(value).__name__}: {value!r}."
            )
        options[name] = value

    get = options.get
    routing = _NO_ROUTING
    if any(get(k) for k in ROUTING_KEYWORDS):
        routing = Routing(**{k: get(k) or None for k in ROUTING_KEYWORDS})
    inference_params, output_config = get("inference_params"), get("output_config")
    return LegacyCall(
        LEGACY_METHODS[method_name],
        source,
        get("input_type") or None,
        dict(inference_params) if inference_params else _NO_OPTIONS,
        dict(output_config) if output_config else _NO_OPTIONS,
        routing,
    )
