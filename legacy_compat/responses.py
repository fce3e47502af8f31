"""New-format responses in the shape legacy callers read.

A pythonic call returns its result in named parts (``data.parts[0]`` with ``id="return"``:
``string_value`` for a ``str``, ``concepts`` for ``List[Concept]``, ...). Legacy code reads
``outputs[0].data.text.raw``, ``data.concepts``, ``data.regions``, ``data.image``... When the
runner receives an old-format request it answers in the old format by taking the first part's
data and copying ``string_value`` into ``text.raw``; this module applies the same rule on the
client side, so a legacy caller sees exactly what the legacy methods returned. Status, token
counts and every other field of the response are kept.

Example:
    >>> from clarifai_grpc.grpc.api import service_pb2
    >>> response = service_pb2.MultiOutputResponse()
    >>> part = response.outputs.add().data.parts.add(id="return")
    >>> part.data.string_value = "a cat"
    >>> to_legacy_response(response).outputs[0].data.text.raw
    'a cat'
"""

from __future__ import annotations

from clarifai_grpc.grpc.api import resources_pb2, service_pb2

__all__ = ["legacy_data", "to_legacy_response"]


def legacy_data(data: resources_pb2.Data) -> resources_pb2.Data:
    """``data`` in the old format: the first part's data, with text also in ``text.raw``.

    Data that has no parts is already in the old format and is returned unchanged.
    """
    if not data.parts:
        return data
    old = resources_pb2.Data()
    old.CopyFrom(data.parts[0].data)
    if old.string_value:
        old.text.raw = old.string_value
    return old


def to_legacy_response(
    response: service_pb2.MultiOutputResponse,
) -> service_pb2.MultiOutputResponse:
    """Rewrite each output's data into the old format, in place, and return the response.

    The response is the facade's own (fresh from the client), so it is changed in place
    rather than copied: a streamed generation allocates nothing extra per chunk.
    """
    for output in response.outputs:
        if output.data.parts:
            output.data.CopyFrom(legacy_data(output.data))
    return response
