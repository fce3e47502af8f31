"""Stream retries that re-send what the model has not answered yet.

The SDK retries a stream-stream call whose first response says the model is deploying,
loading or busy (``status_is_retryable``) by calling ``StreamModelOutputs`` again *with the
same request iterator*, whose first requests the failed call already consumed. The retried
call then starts mid-stream: in clarifai 12.5.0 a pythonic ``stream`` loses the request that
carried its non-streaming arguments and fails with ``RuntimeError: generator raised
StopIteration``.

:class:`ReplayingStub` wraps the client's stub for one stream call. Its
``StreamModelOutputs`` keeps the requests it has sent until the model answers with a
non-retryable status; a retried call with the same iterator first re-sends them, then
continues with the rest. Once the model has answered, nothing more is kept. At most
:data:`MAX_REPLAYED_REQUESTS` are kept in any case: the runner reads a whole stream before it
answers, so an unbounded buffer would hold every input of a long stream. A retry after more
than that many requests fails with a message saying so instead of silently dropping inputs.
The same replay serves the retries the SDK's ``RetryStub`` makes on gRPC errors, which also
re-send the consumed iterator. Everything else is delegated to the wrapped stub.

Example:
    >>> stub = ReplayingStub(base.STUB)  # doctest: +SKIP
    >>> client = ModelClient(stub=stub, request_template=template)  # doctest: +SKIP
"""

from __future__ import annotations

import threading
from typing import Any, Iterator

from clarifai.utils.misc import status_is_retryable

__all__ = ["MAX_REPLAYED_REQUESTS", "ReplayingStub"]

#: How many sent requests a stream keeps for a retry before its first answer.
MAX_REPLAYED_REQUESTS = 64


class _ReplayBuffer:
    """The requests of one stream, shared by the attempts that send them."""

    def __init__(self, requests: Iterator[Any]) -> None:
        self._requests = requests
        self._sent: list[Any] = []
        self._recording = True
        self._attempt = 0
        self._lock = threading.Lock()
        self.unanswered = False  # an attempt ended without any response
        self.overflowed = False  # more requests were sent than can be replayed

    def attempt(self) -> Iterator[Any]:
        """The requests for a new attempt: what earlier attempts sent, then the rest."""
        with self._lock:
            self._attempt += 1
            number = self._attempt
        position = 0
        while True:
            with self._lock:
                if number != self._attempt:  # a newer attempt took over; this one is over
                    return
                if position < len(self._sent):
                    request = self._sent[position]
                else:
                    try:
                        request = next(self._requests)
                    except StopIteration:
                        return
                    if self._recording and len(self._sent) < MAX_REPLAYED_REQUESTS:
                        self._sent.append(request)
                    elif self._recording:
                        self._recording, self.overflowed = False, True
                        self._sent.clear()
                position += 1
                if not self._recording and position >= len(self._sent):
                    self._sent.clear()  # replayed everything; free it
                    position = 0
            yield request

    def answered(self) -> None:
        """The model answered for real: no retry can follow, stop keeping requests."""
        with self._lock:
            self._recording = False


class ReplayingStub:
    """A stub whose ``StreamModelOutputs`` replays consumed requests on a retry (one call).

    An attempt that gets no response at all fails with "Model Stream failed with no
    response": through the SDK's RetryStub the SDK itself says "generator raised
    StopIteration", and through a bare client's stub its retry loop, which only stops on a
    first response, would re-request forever.
    """

    def __init__(self, stub: Any) -> None:
        self._stub = stub
        self._requests: Iterator[Any] | None = None
        self._buffer: _ReplayBuffer | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stub, name)

    def StreamModelOutputs(self, requests: Iterator[Any], *args: Any, **kwargs: Any) -> Any:
        if self._buffer is None or requests is not self._requests:
            self._requests, self._buffer = requests, _ReplayBuffer(requests)
        elif self._buffer.unanswered:
            raise Exception("Model Stream failed with no response")
        elif self._buffer.overflowed:
            raise Exception(
                "Model is still deploying, and the stream cannot be re-sent: more than "
                f"{MAX_REPLAYED_REQUESTS} inputs had already gone out. Retry the call once the "
                "model is deployed."
            )
        call = self._stub.StreamModelOutputs
        buffer = self._buffer
        inner = getattr(call, "f", None)
        if inner is not None and hasattr(call, "max_attempts"):
            # The SDK's RetryStub retries a gRPC error (UNAVAILABLE, DEADLINE_EXCEEDED, ...) by
            # calling the wrapped callable again with the same, consumed iterator. This wrapper
            # object is made anew for each attribute access, so making every inner call a fresh
            # attempt of the buffer changes this one call only.
            call.f = lambda _requests, *a, **k: inner(buffer.attempt(), *a, **k)
        try:
            responses = call(buffer.attempt(), *args, **kwargs)
        except StopIteration:
            # The SDK's RetryStub reads the first response eagerly; with none it lets
            # StopIteration escape, which the SDK's generator turns into "generator raised
            # StopIteration".
            raise Exception("Model Stream failed with no response") from None
        return _watch_first(responses, self._buffer)


def _watch_first(responses: Any, buffer: _ReplayBuffer) -> Iterator[Any]:
    first = True
    for response in responses:
        if first:
            first = False
            if not status_is_retryable(response.status.code):
                buffer.answered()
        yield response
    if first:
        buffer.unanswered = True
