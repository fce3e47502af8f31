"""Models that answer with exactly what they received, for the differential runs.

A reference model computes something from its input; an echo model says what the input was:
which method was called, each parameter's value and Python type, where media came from (URL or
bytes) and a digest of its bytes. A migrated call that sends the prompt to another parameter,
an ``int`` where a ``float`` was, a URL where bytes were, or calls ``generate`` where the legacy
call reached ``predict`` then prints something else, so the differential run catches it even
in a program that only prints what the model said.

The served ids are local; :data:`ALIASES` maps the model ids real programs hard-code onto
them, so a program written against ``clarifai/main/general-image-recognition`` or
``openai/chat-completion/gpt-4o`` runs unchanged against the local endpoint.
"""

# No ``from __future__ import annotations``: the SDK builds method signatures from the
# annotation objects themselves.
import hashlib
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Tuple, Type

from clarifai.runners.models.model_class import ModelClass
from clarifai.runners.utils.data_types import Audio, Concept, Image, Text, Video
from clarifai_grpc.grpc.api import resources_pb2, service_pb2
from clarifai_grpc.grpc.api.status import status_code_pb2
from google.protobuf.json_format import MessageToDict

from legacy_compat.testing.reference_models import PrePythonicModel

__all__ = ["ALIASES", "ECHO_MODELS", "EchoModel", "describe", "echo_call"]

#: A prompt containing this makes the text models raise (the program's error paths).
FAIL_WORD = "PLEASE-FAIL"


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:8]


def describe(value: Any) -> str:
    """One argument as the model received it: value and type, media by source and digest."""
    if isinstance(value, (Image, Audio, Video)):
        kind = type(value).__name__
        data = value.bytes or b""
        url = f"url={value.url!r}, " if value.url else ""
        return f"{kind}({url}{len(data)} bytes sha1 {_digest(data)})"
    if isinstance(value, Text):
        url = f", url={value.url!r}" if value.url else ""
        return f"Text(text={value.text!r}{url})"
    return f"{value!r}:{type(value).__name__}"


def echo_call(method: str, arguments: Mapping[str, Any]) -> str:
    """``predict(prompt='hi':str, max_tokens=64:int)``: the call as the model saw it."""
    if any(isinstance(v, str) and FAIL_WORD in v for v in arguments.values()):
        raise ValueError(f"{method} was asked to fail ({FAIL_WORD} in the prompt)")
    inside = ", ".join(f"{name}={describe(value)}" for name, value in arguments.items())
    return f"{method}({inside})"


def _pieces(text: str) -> Iterator[str]:
    """``text`` in word-sized chunks that join back to it (a streamed reply)."""
    words = text.split(" ")
    for index, word in enumerate(words):
        yield word if index == 0 else " " + word


class EchoChat(ModelClass):
    """A chat LLM: a prompt and the usual sampling parameters, all with defaults."""

    @ModelClass.method
    def predict(
        self,
        prompt: str,
        max_tokens: int = 256,
        temperature: float = 0.7,
        top_p: float = 0.95,
        system_prompt: str = "",
    ) -> str:
        return echo_call(
            "predict",
            {
                "prompt": prompt,
                "max_tokens": max_tokens,
                "temperature": temperature,
                "top_p": top_p,
                "system_prompt": system_prompt,
            },
        )

    @ModelClass.method
    def generate(
        self, prompt: str, max_tokens: int = 256, temperature: float = 0.7, top_p: float = 0.95
    ) -> Iterator[str]:
        arguments = {
            "prompt": prompt,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "top_p": top_p,
        }
        yield from _pieces(echo_call("generate", arguments))

    @ModelClass.method
    def stream(self, input_iterator: Iterator[str], max_tokens: int = 256) -> Iterator[str]:
        for index, prompt in enumerate(input_iterator):
            yield echo_call(f"stream[{index}]", {"prompt": prompt, "max_tokens": max_tokens})


class EchoVision(ModelClass):
    """A vision-language model: an image plus an optional prompt."""

    @ModelClass.method
    def predict(
        self, image: Image, prompt: str = "Describe the image.", max_tokens: int = 128
    ) -> str:
        return echo_call("predict", {"image": image, "prompt": prompt, "max_tokens": max_tokens})

    @ModelClass.method
    def generate(self, image: Image, prompt: str = "Describe the image.") -> Iterator[str]:
        yield from _pieces(echo_call("generate", {"image": image, "prompt": prompt}))

    @ModelClass.method
    def stream(self, input_iterator: Iterator[Image]) -> Iterator[str]:
        for index, image in enumerate(input_iterator):
            yield echo_call(f"stream[{index}]", {"image": image})


class EchoFrameTagger(ModelClass):
    """A frame tagger whose stream parameter is not ``input_iterator`` (names vary by model)."""

    @ModelClass.method
    def predict(self, frame: Image, threshold: float = 0.5) -> str:
        return echo_call("predict", {"frame": frame, "threshold": threshold})

    @ModelClass.method
    def stream(self, frames: Iterator[Image], threshold: float = 0.5) -> Iterator[str]:
        for index, frame in enumerate(frames):
            yield echo_call(f"stream[{index}]", {"frames": frame, "threshold": threshold})


class EchoClassifier(ModelClass):
    """An image classifier: concepts whose names say what arrived."""

    @ModelClass.method
    def predict(self, image: Image) -> List[Concept]:
        data = image.bytes or b""
        names = [
            "called-predict",
            f"image-{_digest(data)}",
            f"bytes-{len(data)}",
            "from-url" if image.url else "from-bytes",
        ]
        return [Concept(name, round(0.9 - 0.2 * i, 2)) for i, name in enumerate(names)]


class EchoAudio(ModelClass):
    """A speech-to-text model."""

    @ModelClass.method
    def predict(self, audio: Audio, language: str = "en") -> str:
        return echo_call("predict", {"audio": audio, "language": language})

    @ModelClass.method
    def generate(self, audio: Audio) -> Iterator[str]:
        yield from _pieces(echo_call("generate", {"audio": audio}))

    @ModelClass.method
    def stream(self, input_iterator: Iterator[Audio]) -> Iterator[str]:
        for index, audio in enumerate(input_iterator):
            yield echo_call(f"stream[{index}]", {"audio": audio})


class EchoVideo(ModelClass):
    """A video model."""

    @ModelClass.method
    def predict(self, video: Video) -> str:
        return echo_call("predict", {"video": video})

    @ModelClass.method
    def generate(self, video: Video) -> Iterator[str]:
        yield from _pieces(echo_call("generate", {"video": video}))


class EchoTextTyped(ModelClass):
    """A model whose text parameter is ``Text``: the one kind a text URL can reach."""

    @ModelClass.method
    def predict(self, text: Text, max_tokens: int = 64) -> str:
        return echo_call("predict", {"text": text, "max_tokens": max_tokens})

    @ModelClass.method
    def generate(self, text: Text) -> Iterator[str]:
        yield from _pieces(echo_call("generate", {"text": text}))


class EchoLegacy(PrePythonicModel):
    """A model from before pythonic models: no method signatures, proto in and proto out.

    Per input it answers in every old data field a program may read: ``text.raw`` says what
    arrived (which data fields, the inference params, the output config), concepts carry the
    same facts as names, one region and one embedding come from the digest. An empty input
    (the SDK's signature probe) gets an empty success, as from a real older model.
    """

    def PostModelOutputs(
        self, request: service_pb2.PostModelOutputsRequest
    ) -> service_pb2.MultiOutputResponse:
        response = service_pb2.MultiOutputResponse()
        output_info = request.model.model_version.output_info
        params = MessageToDict(output_info.params)
        config = MessageToDict(output_info.output_config, preserving_proto_field_name=True)
        for inp in request.inputs:
            output = response.outputs.add()
            output.input.id = inp.id
            received = self._received(inp.data)
            if not received:
                # What an older model answers the SDK's signature probe (an empty input):
                # success and no text, which the client reads as "no method signatures".
                output.status.code = status_code_pb2.SUCCESS
                continue
            data = output.data
            data.text.raw = f"received {'; '.join(received)} params={params} config={config}"
            names = ["called-legacy", *(item.split("(")[0] for item in received)]
            names.extend(f"param-{key}" for key in sorted(params))
            for index, name in enumerate(names):
                data.concepts.add(id=name, name=name, value=round(0.95 - 0.1 * index, 2))
            digest = hashlib.sha1(data.text.raw.encode()).digest()
            region = data.regions.add(id=f"region-{digest.hex()[:8]}")
            box = region.region_info.bounding_box
            box.top_row, box.left_col = round(digest[0] / 512, 4), round(digest[1] / 512, 4)
            box.bottom_row, box.right_col = box.top_row + 0.5, box.left_col + 0.5
            region.data.concepts.add(id=names[0], name=names[0], value=0.9)
            embedding = data.embeddings.add(num_dimensions=4)
            embedding.vector.extend(round(b / 255, 4) for b in digest[:4])
            output.status.code = status_code_pb2.SUCCESS
            output.status.description = "Ok"
        response.status.code = status_code_pb2.SUCCESS
        return response

    @staticmethod
    def _received(data: resources_pb2.Data) -> List[str]:
        found = []
        for field in ("image", "video", "audio"):
            media = getattr(data, field)
            if media.url or media.base64:
                source = f"url={media.url!r}" if media.url else "bytes"
                found.append(
                    f"{field}({source}, {len(media.base64)} bytes sha1 {_digest(media.base64)})"
                )
        if data.text.raw or data.text.url:
            found.append(f"text(raw={data.text.raw!r}, url={data.text.url!r})")
        return found


@dataclass(frozen=True)
class EchoModel:
    """How one echo model is served."""

    model_id: str
    model_class: Type[ModelClass]
    model_type_id: str
    input_fields: Tuple[str, ...]


#: Served echo models by local id.
ECHO_MODELS: Dict[str, EchoModel] = {
    m.model_id: m
    for m in (
        EchoModel("echo-chat", EchoChat, "text-to-text", ("text",)),
        EchoModel("echo-vision", EchoVision, "image-to-text", ("image",)),
        EchoModel("echo-classifier", EchoClassifier, "visual-classifier", ("image",)),
        EchoModel("echo-frame-tagger", EchoFrameTagger, "image-to-text", ("image",)),
        EchoModel("echo-audio", EchoAudio, "audio-to-text", ("audio",)),
        EchoModel("echo-video", EchoVideo, "video-to-text", ("video",)),
        EchoModel("echo-text-typed", EchoTextTyped, "text-to-text", ("text",)),
        EchoModel("echo-detector", EchoLegacy, "visual-detector", ("image",)),
        EchoModel("echo-text-classifier", EchoLegacy, "text-classifier", ("text",)),
    )
}

#: Model ids real programs hard-code -> the echo model that answers for them.
ALIASES: Dict[str, str] = {
    "clarifai/main/general-image-recognition": "echo-classifier",
    "clarifai/main/food-item-recognition": "echo-classifier",
    "clarifai/main/nsfw-recognition": "echo-classifier",
    "clarifai/main/general-image-detection": "echo-detector",
    "clarifai/main/face-detection": "echo-detector",
    "clarifai/main/general-image-embedding": "echo-detector",
    "clarifai/main/apparel-detection": "echo-detector",
    "clarifai/main/sentiment-analysis-twitter-roberta": "echo-text-classifier",
    "erfan/text-classification/multilingual-toxicity": "echo-text-classifier",
    "openai/chat-completion/gpt-4o": "echo-chat",
    "openai/chat-completion/gpt-4o-mini": "echo-chat",
    "meta/Llama-3/llama-3_2-3b-instruct": "echo-chat",
    "mistralai/completion/mistral-7B-Instruct": "echo-chat",
    "anthropic/completion/claude-3_5-sonnet": "echo-chat",
    "qwen/qwen-VL/qwen2_5-vl-7b-instruct": "echo-vision",
    "acme/video-tools/frame-tagger": "echo-frame-tagger",
    "salesforce/blip/general-english-image-caption-blip": "echo-vision",
    "openai/chat-completion/gpt-4-vision-alternative": "echo-vision",
    "openai/whisper/whisper-large-v3": "echo-audio",
    "facebook/asr/asr-wav2vec2-large-robust-ft-swbd-300h-english": "echo-audio",
    "clarifai/main/general-video-recognition": "echo-video",
    "cohere/summarize/command-r-summarizer": "echo-text-typed",
    "clarifai/main/text-summarization": "echo-text-typed",
}


def serve_echo_models(endpoint: Any) -> None:
    """Add every echo model and alias to a running :class:`LocalEndpoint`."""
    for model in ECHO_MODELS.values():
        endpoint.add_model(
            model.model_id,
            model.model_class(),
            model_type_id=model.model_type_id,
            input_fields=model.input_fields,
        )
    for alias, target in ALIASES.items():
        endpoint.add_alias(alias, target)
