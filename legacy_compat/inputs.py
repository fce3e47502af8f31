"""A legacy source (URL, bytes, file path) of a legacy input type, as the new client takes it.

The legacy methods built ``Input`` protos by hand; the pythonic methods take data types:
``Image(url=...)``, ``Audio(bytes=...)``, a ``str`` for text. URLs stay URLs (the server
fetches them, as before), bytes stay bytes, and files are read only when their input is about
to be sent: a stream of a thousand paths holds one file at a time, not a thousand.

Validation keeps the SDK's exception classes and leading sentences (``UserError('Invalid
filepath.')``, the input-type message, the empty-input ``ValueError``) and adds what was wrong
and what to do.

Example:
    >>> from codemods.legacy_api import ParameterInfo, Source
    >>> new_value(Source.URL, "image", "https://x/cat.png", ParameterInfo("image", "IMAGE"))
    Image(url='https://x/cat.png')
"""

from __future__ import annotations

import os
import reprlib
from typing import Any, Callable, Iterable, Iterator

from clarifai.client.input import Inputs
from clarifai.errors import UserError
from clarifai.runners.utils import data_types
from clarifai_grpc.grpc.api import resources_pb2

from codemods.legacy_api import (
    INPUT_TYPES,
    InputType,
    LegacyMethod,
    ParameterInfo,
    Source,
    data_type_for,
)

__all__ = [
    "check_input_type",
    "check_path",
    "check_url_parameter",
    "input_proto",
    "iter_source",
    "load",
    "new_value",
]

_BYTES_LIKE = (bytes, bytearray, memoryview)
_TEXT = InputType.TEXT.value
# The new data type of each media input type (``"image"`` -> ``Image``), looked up per input.
_MEDIA_TYPES: dict[str, Any] = {
    t: getattr(data_types, data_type_for(t)) for t in INPUT_TYPES if t != _TEXT
}


def check_input_type(input_type: str) -> str:
    """``input_type`` if it is one of the four legacy types; the SDK's UserError otherwise."""
    if input_type not in INPUT_TYPES:
        raise UserError(
            f"Got input type {input_type} but expected one of image, text, video, audio."
        )
    return input_type


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = 80


def shown(value: Any) -> str:
    """A bad value as an error message shows it: recognisable, never a wall of text."""
    return _SHORT_REPR.repr(value)


_PATH_TYPES = (str, bytes, os.PathLike)  # what the SDK's os.path.isfile() and open() take


def check_path(path: Any) -> None:
    """The SDK's first check of every by_filepath call: ``UserError('Invalid filepath.')``."""
    if not isinstance(path, _PATH_TYPES):
        raise UserError(
            f"Invalid filepath. Expected a str or os.PathLike, got {type(path).__name__}: "
            f"{shown(path)}. (A bytes path works too.)"
        )
    if not os.path.isfile(path):
        raise UserError(
            f"Invalid filepath. {shown(path)} is not an existing file; "
            "pass the path of a readable file."
        )


def _read_file(path: Any) -> bytes:
    check_path(path)
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise UserError(f"Invalid filepath. {shown(path)} cannot be read: {e}") from e


def _check_url(url: Any, input_type: str) -> str:
    if not isinstance(url, str):
        hint = (
            " The by_url methods take one URL per call: loop over them, or stream them with "
            "stream_by_url."
            if isinstance(url, (list, tuple))
            else ""
        )
        raise UserError(
            f"Invalid URL: expected a str, got {type(url).__name__}: {shown(url)}.{hint}"
        )
    if not url:
        raise ValueError(
            "At least one of image_url, video_url, audio_url, text_url must be provided. "
            f"Got an empty URL for the {input_type} input."
        )
    return url


def _check_bytes(data: Any, input_type: str) -> bytes | str:
    if isinstance(data, _BYTES_LIKE):
        data = bytes(data)
    elif not (input_type == _TEXT and isinstance(data, str)):
        raise UserError(
            f"Invalid bytes. Expected bytes for the {input_type} input, got "
            f"{type(data).__name__}"
            + (" (text may also be a str)." if input_type == "text" else ".")
        )
    if not data:
        raise ValueError(
            "At least one of image_bytes, video_bytes, audio_bytes, text_bytes must be provided. "
            f"Got empty bytes for the {input_type} input."
        )
    return data


def load(source: Source, input_type: str, value: Any) -> tuple[Source, Any]:
    """Validate one source value and read it if it is a file: ``(URL|BYTES, value)``.

    Called when the input is about to be sent, so a stream reads its files one at a time.
    """
    if source is Source.URL:
        return Source.URL, _check_url(value, input_type)
    if source is Source.FILEPATH:
        value = _read_file(value)
    return Source.BYTES, _check_bytes(value, input_type)


def check_url_parameter(input_type: str, parameter: ParameterInfo) -> None:
    """Refuse a text URL for a ``str`` parameter, before anything is sent or warned.

    Only a ``Text`` parameter carries a URL; a ``str`` one receives the text itself. The
    SDK's legacy method sent the URL in the old format, which the runner hands to such a
    method as an empty prompt: a wrong answer, not an error. The facade fails instead.
    """
    if input_type == _TEXT and parameter.type_name != "TEXT":
        raise UserError(
            f"A text URL cannot be passed to parameter {parameter.name}: {parameter.type_name}: "
            f"the new client sends the text itself and does not fetch URLs (the legacy method "
            f"sent the model an empty prompt). Fetch the text and pass it, e.g. "
            f"model.<method>({parameter.name}=text)."
        )


def _as_text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UserError(f"Invalid bytes. A text input must be UTF-8 encoded: {e}") from e


def new_value(source: Source, input_type: str, value: Any, parameter: ParameterInfo) -> Any:
    """The new-style value of one input for ``parameter`` (``Image(url=...)``, a ``str``, ...).

    ``value`` is read from a file first when ``source`` is a file path.
    """
    source, value = load(source, input_type, value)
    if input_type != _TEXT:
        data_type = _MEDIA_TYPES[input_type]
        return data_type(url=value) if source is Source.URL else data_type(bytes=value)
    if source is Source.URL:
        check_url_parameter(input_type, parameter)
        return data_types.Text("", url=value)
    text = _as_text(value)
    return data_types.Text(text) if parameter.type_name == "TEXT" else text


# The SDK's own input builders, keyed by the resolved source: the proto path sends exactly the
# ``Input`` the legacy SDK sent.
_PROTO_BUILDERS: dict[Source, Callable[..., resources_pb2.Input]] = {
    Source.URL: lambda input_type, value: Inputs.get_input_from_url(
        "", **{f"{input_type}_url": value}
    ),
    Source.BYTES: lambda input_type, value: Inputs.get_input_from_bytes(
        "", **{f"{input_type}_bytes": value}
    ),
}


def input_proto(source: Source, input_type: str, value: Any) -> resources_pb2.Input:
    """The legacy ``Input`` proto for a model without method signatures (non-pythonic)."""
    source, value = load(source, input_type, value)
    if source is Source.BYTES and input_type == _TEXT:
        value = _as_text(value)  # the proto's text.raw is a str; say so if it cannot be one
    return _PROTO_BUILDERS[source](input_type, value)


def iter_source(method: LegacyMethod, source: Any) -> Iterator[Any]:
    """The items of a stream method's source; a single URL, bytes or path counts as one item.

    The docs show ``stream_by_filepath`` with one path and the other two with iterables; a
    lone ``str`` or ``bytes`` would otherwise be iterated character by character.
    """
    single: tuple[type, ...] = {
        Source.URL: (str,),
        Source.BYTES: (*_BYTES_LIKE, str),
        Source.FILEPATH: _PATH_TYPES,
    }[method.source]
    if isinstance(source, single):
        return iter((source,))
    if not isinstance(source, Iterable):
        raise UserError(
            f"{method.name}() expects an iterable of {method.source.value} values (a list, "
            f"tuple, generator or iterator), got {type(source).__name__}: {shown(source)}."
        )
    return iter(source)
