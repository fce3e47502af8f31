"""Test models whose output waits for the test: proof that results are not buffered.

``generate`` yields ``"first"``, then waits (at most ``WAIT_S``) for the test to release it,
and yields ``"released"`` or ``"timed out"``. A client that buffered the stream would only
hand the test its first item after the wait, too late to release it. ``stream`` does the same
per input.

(No ``from __future__ import annotations``: the SDK reads the annotation objects.)
"""

import threading
from typing import Iterator

from clarifai.runners.models.model_class import ModelClass

WAIT_S = 10.0


class GatedModel(ModelClass):
    """Yields one item, then waits for :attr:`release`."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    @ModelClass.method
    def predict(self, prompt: str) -> str:
        """Echo, so the model also serves predict."""
        return prompt

    @ModelClass.method
    def generate(self, prompt: str) -> Iterator[str]:
        """``"first"``, then ``"released"`` once the test says so (or ``"timed out"``)."""
        yield "first"
        yield "released" if self.release.wait(WAIT_S) else "timed out"

    @ModelClass.method
    def stream(self, input_iterator: Iterator[str]) -> Iterator[str]:
        """Per input: ``"first"`` for the first one, then waits as ``generate`` does."""
        for index, _ in enumerate(input_iterator):
            if index == 0:
                yield "first"
            else:
                yield "released" if self.release.wait(WAIT_S) else "timed out"


class SilentModel(ModelClass):
    """Answers a stream with no response at all (the SDK's stream retry loop never ends)."""

    @ModelClass.method
    def predict(self, prompt: str) -> str:
        """Echo, so the model also serves predict."""
        return prompt

    @ModelClass.method
    def stream(self, input_iterator: Iterator[str]) -> Iterator[str]:
        """Consumes the stream and yields nothing."""
        for _ in input_iterator:
            pass
        yield from ()
