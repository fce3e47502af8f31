"""The deprecation warning every legacy call emits, and the text it carries.

A warning that only says "deprecated" sends the user off to read changelogs. This one is the
migration itself: the exact replacement for *this* call on *this* model (the real parameter
name, read from the model's method signature), the routing that now belongs to the
``Model(...)`` constructor, and the command that rewrites the code. The replacement values are
rendered by :func:`codemods.legacy_api.render_input_expression`, so the warning and the codemod
never disagree.

The warning is attributed to the user's line, not to a line in this package or the SDK, so the
standard "once per location" filter shows it once per call site. Its text is rendered by the
first call at a site (with that call's literal values, so the advice runs as written) and then
reused for every call there of the same shape, whatever their values: a loop over a thousand
temperatures warns once, and the warnings registry keeps one entry for the site.

``LEGACY_COMPAT_WARNINGS=error`` raises the warning as an exception (for CI) and
``LEGACY_COMPAT_WARNINGS=ignore`` silences it; otherwise the standard :mod:`warnings` filters
decide. Importing this module installs no filter.

Example:
    >>> text = migration_message(
    ...     Migration("predict_by_url", "model.predict(image=Image(url=url))",
    ...               imports=("from clarifai.runners.utils.data_types import Image",)))
    >>> print(text.splitlines()[1].strip())
    model.predict(image=Image(url=url))
"""

from __future__ import annotations

import asyncio
import os
import sys
import warnings
from dataclasses import dataclass
from importlib.util import find_spec
from types import FrameType
from typing import Any, Callable, Hashable, Mapping, Sequence

from codemods.legacy_api import (
    DATA_TYPE_MODULE,
    LEGACY_METHODS,
    CallKind,
    InputType,
    Source,
    data_type_for,
    render_input_expression,
    render_proto_input,
)

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "MIGRATE_COMMAND",
    "LegacyInferenceWarning",
    "Migration",
    "call_migration",
    "in_running_event_loop",
    "migration_message",
    "source_form",
    "static_message",
    "user_stacklevel",
    "warn_legacy_call",
]

#: Environment variable that turns the warnings into errors (``error``) or silences them
#: (``ignore``). Read at every call, so a test or a CI job can set it at any time.
ENVIRONMENT_VARIABLE = "LEGACY_COMPAT_WARNINGS"

#: The command that rewrites legacy calls; every message ends with it.
MIGRATE_COMMAND = "legacy-compat migrate PATH"


class LegacyInferenceWarning(DeprecationWarning):
    """A legacy ``predict_by_*`` / ``generate_by_*`` / ``stream_by_*`` call was made.

    A :class:`DeprecationWarning`, so the standard filters apply: shown once per call site in
    ``__main__`` and under test runners, hidden elsewhere unless enabled (``-W default``).

    >>> issubclass(LegacyInferenceWarning, DeprecationWarning)
    True
    """


@dataclass(frozen=True)
class Migration:
    """What one legacy call becomes.

    ``replacement`` is the new call's source text; ``setup`` statements to run before it
    (shown above it, in the same block); ``imports`` the import lines they need;
    ``constructor_routing`` the ``name=value`` pairs that move to ``Model(...)``; ``notes``
    anything else the user must know (e.g. parameters the new method does not take).
    """

    legacy_method: str
    replacement: str
    imports: tuple[str, ...] = ()
    constructor_routing: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    setup: tuple[str, ...] = ()


def migration_message(migration: Migration) -> str:
    """The warning text for one call: the replacement first, then what else to change.

    >>> print(migration_message(Migration(
    ...     "generate_by_bytes", "model.generate(prompt=input_bytes.decode())",
    ...     constructor_routing=(("deployment_id", "'prod'"),))))
    generate_by_bytes() is deprecated. On this model, call instead:
        model.generate(prompt=input_bytes.decode())
    and move the routing to the constructor: Model(..., deployment_id='prod').
    `legacy-compat migrate PATH` rewrites legacy calls for you.
    """
    lines = [
        f"{migration.legacy_method}() is deprecated. On this model, call instead:",
        *(f"    {statement}" for statement in migration.setup),
        f"    {migration.replacement}",
    ]
    if migration.constructor_routing:
        routing = ", ".join(f"{name}={value}" for name, value in migration.constructor_routing)
        lines.append(f"and move the routing to the constructor: Model(..., {routing}).")
    lines.extend(migration.notes)
    if migration.imports:
        lines.append(f"(imports: {', '.join(f'`{line}`' for line in migration.imports)})")
    lines.append(f"`{MIGRATE_COMMAND}` rewrites legacy calls for you.")
    return "\n".join(lines)


# Names the new-style value is written with in a stream's generator expression, per source.
_STREAM_ITEM_NAMES: Mapping[Source, str] = {
    Source.URL: "u",
    Source.BYTES: "b",
    Source.FILEPATH: "p",
}


def _literal(name: str, value: Any) -> str:
    """A short literal for an inference param's value, else a reference to the dict entry."""
    if isinstance(value, (bool, int, float, str, type(None))) and len(repr(value)) <= 40:
        return repr(value)
    return f"inference_params[{name!r}]"


#: How the legacy source value was given, where that changes the replacement's text: a text
#: ``str`` to a by_bytes method (no ``.decode()``), a ``bytes`` path (``os.fsdecode``).
SOURCE_AS_GIVEN = ""
SOURCE_STR = "str"
SOURCE_BYTES_PATH = "bytes path"


def source_form(source: Source, value: Any) -> str:
    """Which of the source forms above ``value`` is (a cheap type check, once per call)."""
    if source is Source.BYTES and isinstance(value, str):
        return SOURCE_STR
    if source is Source.FILEPATH and isinstance(value, bytes):
        return SOURCE_BYTES_PATH
    return SOURCE_AS_GIVEN


def _value_expression(
    source: Source, input_type: str, variable: str, parameter_type: str, form: str
) -> str | None:
    """The new-style value, as the legacy method computed it.

    Text is handled here rather than by the shared renderer: the legacy methods read a file
    as bytes and sent them as UTF-8 text (``bytes.decode()`` is always UTF-8; never the
    locale's encoding, and no line-ending translation, as ``read_text()`` would do), and took
    a ``str`` as it was.
    """
    path = f"os.fsdecode({variable})" if form == SOURCE_BYTES_PATH else variable
    if InputType(input_type) is not InputType.TEXT:
        return render_input_expression(source, input_type, path)
    if source is Source.URL:
        return f'Text("", url={variable})' if parameter_type == "TEXT" else None
    if source is Source.FILEPATH:
        expression = f"Path({path}).read_bytes().decode()"
    elif form == SOURCE_STR:
        expression = variable
    else:
        expression = f"{variable}.decode()"
    return f"Text({expression})" if parameter_type == "TEXT" else expression


# The SDK's generate() and stream() proto paths put output_config in with MergeFromDict, which
# protobuf messages do not have (clarifai 11.x - 12.5.0): a replacement that passes it raises.
# What does work is the config in the client's request template, which every request copies.
_OUTPUT_CONFIG_SETUP = (
    "{receiver}.client.request_template.model.model_version.output_info.output_config"
    ".MergeFrom(OutputConfig(**output_config))"
)
_OUTPUT_CONFIG_IMPORT = "from clarifai_grpc.grpc.api.resources_pb2 import OutputConfig"


def call_migration(
    legacy_method: str,
    *,
    receiver: str,
    input_type: str,
    parameter: str | None,
    parameter_type: str = "",
    keyword_arguments: Mapping[str, Any] | None = None,
    request_params: Sequence[str] = (),
    moved_routing: Sequence[tuple[str, str]] = (),
    output_config: bool = False,
    single_stream_item: bool = False,
    source_form: str = SOURCE_AS_GIVEN,
    in_event_loop: bool = False,
) -> Migration:
    """The :class:`Migration` of one legacy call.

    ``parameter`` is the method parameter that receives the input (None for a model without
    method signatures, whose replacement is the proto form); ``moved_routing`` the per-call
    routing as ``(constructor keyword, value)``; ``single_stream_item`` tells that a stream
    method was given one value rather than an iterable; ``source_form`` how the source was
    given (:func:`source_form`); ``in_event_loop`` that the call ran inside a running event
    loop, where the SDK's pythonic methods return coroutines.

    >>> call_migration("predict_by_url", receiver="model", input_type="image",
    ...                parameter="image", parameter_type="IMAGE").replacement
    'model.predict(image=Image(url=url))'
    """
    method = LEGACY_METHODS[legacy_method]
    variable = method.source_names[0]
    streams = method.kind is CallKind.STREAM
    item = _STREAM_ITEM_NAMES[method.source] if streams and not single_stream_item else variable
    imports: list[str] = []
    notes: list[str] = []
    arguments: list[str] = []
    setup: list[str] = []
    call = f"{receiver}.{method.new_method}"

    if parameter is None:
        # The same proto the codemod's proto form writes (codemods.legacy_api).
        given = item
        if method.source is Source.FILEPATH and source_form == SOURCE_BYTES_PATH:
            given = f"os.fsdecode({item})"
        one = f"[{render_proto_input(method.source, input_type, given)}]"
        imports.append("from clarifai.client.input import Inputs")
        notes.append("(This model has no method signatures, so it takes Input protos.)")
        if not streams:
            arguments.append(f"inputs={one}")
        elif single_stream_item:
            arguments.append(f"inputs=iter([{one}])")
        else:
            arguments.append(f"inputs=({one} for {item} in {variable})")
        if keyword_arguments:
            arguments.append("inference_params=inference_params")
        if output_config and method.kind is CallKind.PREDICT:
            arguments.append("output_config=output_config")
        elif output_config:
            setup.append(_OUTPUT_CONFIG_SETUP.format(receiver=receiver))
            imports.append(_OUTPUT_CONFIG_IMPORT)
            notes.append(
                f"The first line sets output_config for every later call of this {receiver}: "
                f"the SDK's {method.new_method}() cannot take it (it raises AttributeError: "
                "MergeFromDict)."
            )
    else:
        form = SOURCE_AS_GIVEN if streams and not single_stream_item else source_form
        rendered = _value_expression(method.source, input_type, item, parameter_type, form)
        # A text URL for a str parameter is refused before any warning (inputs.py), so
        # every value here has a rendering.
        assert rendered is not None, (legacy_method, input_type, parameter_type)
        value = rendered
        if streams:
            value = (
                f"iter([{value}])" if single_stream_item else f"({value} for {item} in {variable})"
            )
        arguments.append(f"{parameter}={value}")
        arguments.extend(f"{k}={_literal(k, v)}" for k, v in (keyword_arguments or {}).items())
        data_type = "Text" if parameter_type == "TEXT" else data_type_for(input_type)
        if data_type in value:
            imports.append(f"from {DATA_TYPE_MODULE} import {data_type}")
        if request_params:
            notes.append(
                f"Not parameters of {method.new_method}(), so pythonic models ignore them: "
                f"inference_params {', '.join(map(repr, request_params))}."
            )
        if output_config:
            notes.append(
                f"output_config has no equivalent in {method.new_method}(); pythonic models "
                "ignore it."
            )
        if in_event_loop:
            call = f"await asyncio.to_thread({call}, "
            imports.insert(0, "import asyncio")
            notes.append(
                f"(Inside a running event loop {receiver}.{method.new_method}(...) returns a "
                "coroutine; asyncio.to_thread runs it synchronously, as the legacy call ran, "
                "without blocking the loop. In a plain function there, call it from an async "
                "def.)"
            )
    if "Path(" in arguments[0]:
        imports.append("from pathlib import Path")
    if "os.fsdecode(" in arguments[0]:
        imports.append("import os")
    opened = call.endswith(", ")
    replacement = f"{call}{', '.join(arguments)})" if opened else f"{call}({', '.join(arguments)})"
    return Migration(
        legacy_method=legacy_method,
        replacement=replacement,
        imports=tuple(imports),
        constructor_routing=tuple(moved_routing),
        notes=tuple(notes),
        setup=tuple(setup),
    )


# The generic source text of the new-style value, per source, for the static markers (the
# model -- and so the data type and parameter name -- is unknown to a type checker).
_GENERIC_VALUES: Mapping[Source, str] = {
    Source.URL: "Image(url=url)",
    Source.BYTES: "Image(bytes=input_bytes)",
    Source.FILEPATH: "Image(bytes=Path(filepath).read_bytes())",
}
_GENERIC_STREAM_VALUES: Mapping[Source, str] = {
    Source.URL: "(Image(url=u) for u in url_iterator)",
    Source.BYTES: "(Image(bytes=b) for b in input_bytes_iterator)",
    Source.FILEPATH: "(Image(bytes=Path(p).read_bytes()) for p in filepath)",
}


def static_message(method_name: str) -> str:
    """The PEP 702 message for one legacy method (generic: the model is not known statically).

    ``legacy_compat.model`` spells these out as literals for type checkers; a test checks that
    they equal this function's output.

    >>> static_message("predict_by_url")[:46]
    'Use model.predict(<parameter>=Image(url=url)) '
    """
    method = LEGACY_METHODS[method_name]
    values = _GENERIC_STREAM_VALUES if method.kind is CallKind.STREAM else _GENERIC_VALUES
    return (
        f"Use model.{method.new_method}(<parameter>={values[method.source]}) with the parameter "
        "and type (Image, Audio, Video, str) from the model's signature, and routing in "
        f"Model(...); `{MIGRATE_COMMAND}` rewrites it."
    )


def _package_prefixes() -> tuple[str, ...]:
    """Directories whose frames are not the user's: this package and the Clarifai SDK."""
    prefixes = [os.path.dirname(os.path.abspath(__file__))]
    spec = find_spec("clarifai")
    if spec is not None and spec.submodule_search_locations:
        prefixes.extend(os.path.abspath(p) for p in spec.submodule_search_locations)
    return tuple(os.path.join(p, "") for p in prefixes)


_INTERNAL_PREFIXES = _package_prefixes()


_INTERNAL_FILES: dict[tuple[str, tuple[str, ...]], bool] = {}


def _is_internal(frame: FrameType, prefixes: tuple[str, ...]) -> bool:
    key = (frame.f_code.co_filename, prefixes)
    internal = _INTERNAL_FILES.get(key)
    if internal is None:  # abspath is the costly part: once per file
        internal = _INTERNAL_FILES[key] = os.path.abspath(key[0]).startswith(prefixes)
    return internal


def _user_frame(prefixes: tuple[str, ...], depth: int) -> tuple[int, FrameType | None]:
    """The first frame outside this package and the SDK, and the ``stacklevel`` that names it
    for ``warnings.warn`` called by the function ``depth`` frames up from here."""
    level = 2
    frame: FrameType | None = sys._getframe(depth + 1)  # what stacklevel=2 names there
    while frame is not None and _is_internal(frame, prefixes):
        level += 1
        frame = frame.f_back
    return level, frame


def user_stacklevel(prefixes: tuple[str, ...] = _INTERNAL_PREFIXES) -> int:
    """The ``stacklevel`` that makes ``warnings.warn``, called by our caller, name the user's line.

    Counts the frames of this package and of the SDK between the function that calls this one
    and the first frame outside them. (Python 3.12's ``skip_file_prefixes`` does the same, but
    only from 3.12; one code path serves every supported Python.)
    """
    return _user_frame(prefixes, 2)[0]


def in_running_event_loop() -> bool:
    """Whether the SDK's pythonic methods would return coroutines here (its own test:
    a running event loop, outside Jupyter, whose kernel loop it does not count)."""
    return asyncio._get_running_loop() is not None and "ipykernel" not in sys.modules


# The message of each call site and shape, rendered by the first call there. Later calls reuse
# it whatever their values, so a site warns once under the default filters and the warnings
# registry holds one entry per site, not one per value. Bounded: cleared when full.
_SITE_MESSAGES: dict[Hashable, str] = {}
_MAX_SITE_MESSAGES = 4096


def warn_legacy_call(shape: Hashable, migration: Callable[[bool], Migration]) -> None:
    """Emit the :class:`LegacyInferenceWarning` for one call, at the user's line.

    ``shape`` is what the text depends on besides the call site (the model and the call's
    shape, never its values); ``migration(in_event_loop)`` renders the text, only for the
    first call of a site and shape. Honours ``LEGACY_COMPAT_WARNINGS`` (``error`` raises,
    ``ignore`` returns silently); otherwise the standard filters and the once-per-location
    registry apply.
    """
    mode = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    if mode == "ignore":
        return
    level, frame = _user_frame(_INTERNAL_PREFIXES, 1)
    in_loop = in_running_event_loop()
    site = (frame.f_code.co_filename, frame.f_lineno) if frame is not None else None
    key = (site, shape, in_loop)
    message = _SITE_MESSAGES.get(key)
    if message is None:
        message = migration_message(migration(in_loop))
        if len(_SITE_MESSAGES) >= _MAX_SITE_MESSAGES:
            _SITE_MESSAGES.clear()
        _SITE_MESSAGES[key] = message
    if mode == "error":
        raise LegacyInferenceWarning(message)
    warnings.warn(message, LegacyInferenceWarning, stacklevel=level)
