"""Models written for the parity tests: shapes the reference models do not have.

* optional-input signatures, where the SDK's legacy methods detect the input type from the
  model type while a signature-only reading would call them ambiguous;
* typed parameters of every scalar kind and a list, to see each call send its own values;
* models from before pythonic models whose answer to the SDK's ``_GET_SIGNATURES`` probe is a
  failure status, and one that also serves generate and stream at the proto level.

Outputs are functions of the inputs, so a wrong binding shows. (No ``from __future__ import
annotations``: the SDK reads the annotation objects.)
"""

import hashlib
from typing import Iterator, List

from clarifai.runners.models.model_class import ModelClass
from clarifai.runners.utils.data_types import Image
from clarifai_grpc.grpc.api import service_pb2
from clarifai_grpc.grpc.api.status import status_code_pb2

from legacy_compat.testing.reference_models import LegacyDetector, caption


def _short_sha(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:8]


class ImageFirstModel(ModelClass):
    """``predict(image: Image, prompt: str = "describe")``: one required input."""

    @ModelClass.method
    def predict(self, image: Image, prompt: str = "describe") -> str:
        """The prompt, then the image's caption."""
        return f"{prompt}: {caption(image.bytes)}"


class AllOptionalModel(ModelClass):
    """``predict(prompt: str = "", image: Image = None)``: no required input at all."""

    @ModelClass.method
    def predict(self, prompt: str = "", image: Image = None) -> str:
        """What arrived: the prompt and whether an image did."""
        seen = _short_sha(image.bytes) if image is not None and image.bytes else "none"
        return f"prompt={prompt!r} image={seen}"


class TypedParamsModel(ModelClass):
    """A parameter of each scalar type and a list, echoed back with their Python types."""

    @ModelClass.method
    def predict(
        self,
        prompt: str,
        n: int = 1,
        ratio: float = 0.5,
        flag: bool = False,
        label: str = "none",
        stop: List[str] = [],  # noqa: B006 -- the signature's default, never mutated
    ) -> str:
        """Every argument as ``name=repr`` with its type, so an int and a bool differ."""
        values = {"n": n, "ratio": ratio, "flag": flag, "label": label, "stop": stop}
        shown = " ".join(f"{k}={v!r}:{type(v).__name__}" for k, v in values.items())
        return f"{prompt} | {shown}"


class ProbeRefusingDetector(LegacyDetector):
    """A pre-pythonic model that answers an input without an image (the SDK's signature
    probe) with a failure status, as some such models on the platform do."""

    def __init__(self, status_code: int) -> None:
        super().__init__()
        self.status_code = status_code

    def PostModelOutputs(
        self, request: service_pb2.PostModelOutputsRequest
    ) -> service_pb2.MultiOutputResponse:
        if all(inp.data.image.base64 for inp in request.inputs):
            return super().PostModelOutputs(request)
        response = service_pb2.MultiOutputResponse()
        response.status.code = self.status_code
        response.status.description = "This model takes images"
        output = response.outputs.add()
        output.status.code = self.status_code
        output.status.description = "no image in the input"
        return response


def _proto_echo(request: service_pb2.PostModelOutputsRequest) -> service_pb2.MultiOutputResponse:
    """One output per input: its text (or image hash) and the output config it came with."""
    config = request.model.model_version.output_info.output_config
    params = request.model.model_version.output_info.params
    response = service_pb2.MultiOutputResponse()
    response.status.code = status_code_pb2.SUCCESS
    for inp in request.inputs:
        output = response.outputs.add()
        output.status.code = status_code_pb2.SUCCESS
        what = inp.data.text.raw or inp.data.text.url or _short_sha(inp.data.image.base64)
        output.data.text.raw = (
            f"{what} max_concepts={config.max_concepts} params={sorted(params.keys())}"
        )
    return response


class ProtoEchoModel(ModelClass):
    """No method signatures; serves all three RPCs at the proto level (text or images)."""

    def PostModelOutputs(
        self, request: service_pb2.PostModelOutputsRequest
    ) -> service_pb2.MultiOutputResponse:
        return _proto_echo(request)

    def predict_wrapper(
        self, request: service_pb2.PostModelOutputsRequest
    ) -> service_pb2.MultiOutputResponse:
        return _proto_echo(request)

    def generate_wrapper(
        self, request: service_pb2.PostModelOutputsRequest
    ) -> Iterator[service_pb2.MultiOutputResponse]:
        yield _proto_echo(request)
        yield _proto_echo(request)

    def stream_wrapper(
        self, request_iterator: Iterator[service_pb2.PostModelOutputsRequest]
    ) -> Iterator[service_pb2.MultiOutputResponse]:
        for request in request_iterator:
            yield _proto_echo(request)
