"""The reference models: real ``ModelClass`` subclasses whose outputs are computed from inputs.

Every output is a function of the input bytes or text, so a test that sends the wrong input
(the wrong file, a URL that was not downloaded, a prompt bound to the wrong parameter) gets a
visibly wrong output. The runner serves them exactly as it serves a model on the platform:
through ``ModelServicer`` and the ``@ModelClass.method`` signatures.

Served ids, model types and signatures (other code depends on these exactly):

``image-classifier`` (``visual-classifier``, input field ``image``)
    ``predict(image: Image) -> List[Concept]``: four concepts named ``hash-XXXX`` from the
    SHA-1 of the image bytes (value = that hex / 0xFFFF, 4 decimals) and one concept
    ``<format>-<W>x<H>`` (e.g. ``png-32x24``, value 1.0) read with PIL; sorted by value,
    highest first.

``image-to-text`` (``image-to-text``, input field ``image``)
    ``predict(image: Image) -> str``: the caption ``"a 32x24 PNG image mostly blue
    (#4682c8) sha1 1a2b3c4d"``. ``generate(image: Image) -> Iterator[str]``: the same caption
    word by word (``"a"``, ``" 32x24"``, ...; joined they equal ``predict``).
    ``stream(input_iterator: Iterator[Image]) -> Iterator[str]``: one caption per image.

``text-llm`` (``text-to-text``, input field ``text``)
    ``predict(prompt: str, max_tokens: int = 16, temperature: float = 0.0) -> str``: the
    prompt's words in reverse order, cut to ``max_tokens`` words; when ``temperature`` is not
    0 the suffix ``" [temperature=0.7]"`` is appended. ``"one two three"`` gives ``"three two
    one"``; an empty prompt gives ``"<empty>"``. Sets ``prompt_tokens`` (words in the prompt)
    and ``completion_tokens`` (words returned) on the output.
    ``generate(prompt: str, max_tokens: int = 16, temperature: float = 0.0) ->
    Iterator[str]``: the same words one item at a time (``"three"``, ``" two"``, ``" one"``,
    then the temperature suffix if any); joined they equal ``predict``. Each item carries
    ``completion_tokens`` = words so far.
    ``stream(input_iterator: Iterator[str], max_tokens: int = 16) -> Iterator[str]``: one
    ``predict``-style reply (temperature 0) per incoming prompt.

``audio-transcriber`` (``audio-to-text``, input field ``audio``)
    ``predict(audio: Audio) -> str``: ``"wav audio 8000 Hz 1 channel 0.25 s sha1 1a2b3c4d"``
    for a WAV file (read with :mod:`wave`), ``"audio 4044 bytes sha1 1a2b3c4d"`` otherwise.
    ``generate(audio: Audio) -> Iterator[str]``: the same transcript word by word.
    ``stream(input_iterator: Iterator[Audio]) -> Iterator[str]``: one transcript per chunk.

``video-frames`` (``video-to-text``, input field ``video``)
    ``predict(video: Video) -> List[Frame]``: the video bytes cut into 1024-byte chunks (at
    most 8); frame ``i`` has ``frame_info.index = i``, ``frame_info.time = i * 1000`` ms and
    one concept ``frame-<i>-<sha1 of the chunk, 6 hex>`` with value ``(i + 1) / frames``. A
    legacy request gets this back in the old ``data.frames`` shape.
    ``generate(video: Video) -> Iterator[Frame]``: the same frames one at a time.
    (``video-to-text`` is the model type Clarifai's own video streaming example declares; the
    SDK never reads a model type's output fields, only ``input_fields``.)

``multimodal`` (``multimodal-to-text``, input fields ``text`` and ``image``)
    ``predict(prompt: str, image: Image) -> str``: ``"<text-llm reply> | <image caption>"``.
    Two input fields, so the SDK's legacy methods refuse it ("multiple input types").

``legacy-detector`` (``visual-detector``, input field ``image``): NOT pythonic
    No ``@ModelClass.method`` at all, only ``PostModelOutputs(self, request) ->
    MultiOutputResponse`` at the proto level, like a model from before pythonic models. Per
    input: the classifier's concepts; one region (id ``region-<sha1, 8 hex>``) whose
    half-size bounding box sits at ``top_row = sha1[0] / 512``, ``left_col = sha1[1] / 512``
    and carries the best ``hash-XXXX`` concept; and one 8-dimensional embedding (the first 8
    SHA-1 bytes / 255). An input that is not an image
    fails with PIL's ``"cannot identify image file ..."``, which is also what the SDK's
    backup signature fetch gets (it sends an empty input), so the client reports "This model
    is a non-pythonic model" as it does against the platform.

``deploying-llm`` (``text-to-text``): the ``text-llm`` class, served so that its first
    ``deploying_calls`` inference calls (default 2, any of the three RPCs) answer
    ``MODEL_DEPLOYING``; see ``LocalEndpoint(deploying_calls=...)`` and
    ``LocalEndpoint.reset()``. The SDK retries ``predict`` and ``generate`` (about 1.8 s per
    retry); its ``stream`` retry re-sends the request iterator it already consumed, so in
    clarifai 12.5.0 ``stream`` fails with ``RuntimeError: generator raised StopIteration``.

``failing`` (``text-to-text``, input field ``text``)
    ``predict(prompt: str) -> str``, ``generate(prompt: str) -> Iterator[str]`` and
    ``stream(input_iterator: Iterator[str]) -> Iterator[str]`` all raise ``RuntimeError``, so
    the runner answers ``FAILURE`` with the error text in ``status.details``.

Example::

    from legacy_compat.testing.reference_models import TextLLM

    TextLLM().predict("one two three", max_tokens=2)  # "three two"
"""

# No ``from __future__ import annotations`` here: the SDK builds method signatures from the
# annotation objects themselves (``inspect.signature``), and strings are "Unsupported type".
import hashlib
import io
import wave
from dataclasses import dataclass
from typing import Iterator, List, Mapping, NoReturn, Tuple, Type, cast

from clarifai.runners.models.model_class import ModelClass
from clarifai.runners.utils.data_types import Audio, Concept, Frame, Image, Video
from clarifai_grpc.grpc.api import resources_pb2, service_pb2
from clarifai_grpc.grpc.api.status import status_code_pb2
from PIL import Image as PILImage

__all__ = [
    "REFERENCE_MODELS",
    "AudioTranscriber",
    "FailingModel",
    "ImageClassifier",
    "ImageToText",
    "LegacyDetector",
    "MultimodalModel",
    "PrePythonicModel",
    "ReferenceModel",
    "TextLLM",
    "VideoFrames",
]

#: Bytes per frame of the ``video-frames`` model, and the most frames it returns.
FRAME_BYTES = 1024
MAX_FRAMES = 8

_NAMED_COLORS = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "red": (220, 40, 40),
    "orange": (235, 140, 40),
    "yellow": (230, 220, 60),
    "green": (60, 160, 70),
    "blue": (70, 130, 200),
    "brown": (120, 80, 40),
    "grey": (128, 128, 128),
}


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _words_as_chunks(words: List[str]) -> List[str]:
    """``["a", "b"]`` -> ``["a", " b"]``: chunks that join back to ``"a b"``."""
    return [word if i == 0 else " " + word for i, word in enumerate(words)]


def hash_concepts(data: bytes) -> List[Concept]:
    """Four concepts named and valued from the SHA-1 of ``data``."""
    digest = _sha1(data)
    return [
        Concept(
            name=f"hash-{digest[i : i + 4]}", value=round(int(digest[i : i + 4], 16) / 0xFFFF, 4)
        )
        for i in range(0, 16, 4)
    ]


def classify(image_bytes: bytes) -> List[Concept]:
    """The ``image-classifier`` concepts of ``image_bytes``, highest value first."""
    fmt, width, height, _, _ = describe_image(image_bytes)
    concepts = [*hash_concepts(image_bytes), Concept(name=f"{fmt}-{width}x{height}", value=1.0)]
    return sorted(concepts, key=lambda c: c.value, reverse=True)


def describe_image(image_bytes: bytes) -> Tuple[str, int, int, str, str]:
    """(format, width, height, dominant colour name, dominant colour hex) read with PIL.

    Raises PIL's ``UnidentifiedImageError`` ("cannot identify image file ...") for bytes that
    are not an image, as a real vision model would.
    """
    with PILImage.open(io.BytesIO(image_bytes)) as img:
        fmt = (img.format or "unknown").lower()
        width, height = img.size
        rgb = img.convert("RGB")
        colors = rgb.getcolors(maxcolors=width * height) or [(1, (0, 0, 0))]
    # An RGB image's colours are (r, g, b) tuples; PIL's stubs only promise "object".
    dominant = cast(Tuple[int, int, int], max(colors, key=lambda item: item[0])[1])
    name = min(
        _NAMED_COLORS,
        key=lambda n: sum((a - b) ** 2 for a, b in zip(_NAMED_COLORS[n], dominant)),
    )
    return fmt, width, height, name, "#{:02x}{:02x}{:02x}".format(*dominant)


def caption(image_bytes: bytes) -> str:
    """The ``image-to-text`` caption of ``image_bytes``."""
    fmt, width, height, color, hex_color = describe_image(image_bytes)
    return (
        f"a {width}x{height} {fmt.upper()} image mostly {color} ({hex_color}) "
        f"sha1 {_sha1(image_bytes)[:8]}"
    )


def reply_words(prompt: str, max_tokens: int, temperature: float) -> List[str]:
    """The ``text-llm`` reply to ``prompt`` as a list of words (see the module docstring)."""
    words = list(reversed(prompt.split())) or ["<empty>"]
    words = words[: max(max_tokens, 0)]
    if temperature:
        words.append(f"[temperature={temperature:g}]")
    return words


def transcript(audio_bytes: bytes) -> str:
    """The ``audio-transcriber`` transcript of ``audio_bytes``."""
    digest = _sha1(audio_bytes)[:8]
    try:
        with wave.open(io.BytesIO(audio_bytes), "rb") as wav:
            rate, channels, frames = wav.getframerate(), wav.getnchannels(), wav.getnframes()
    except (wave.Error, EOFError):
        return f"audio {len(audio_bytes)} bytes sha1 {digest}"
    plural = "" if channels == 1 else "s"
    return f"wav audio {rate} Hz {channels} channel{plural} {frames / rate:g} s sha1 {digest}"


def video_frames(video_bytes: bytes) -> List[Frame]:
    """The ``video-frames`` frames of ``video_bytes`` (see the module docstring)."""
    chunks = [video_bytes[i : i + FRAME_BYTES] for i in range(0, len(video_bytes), FRAME_BYTES)][
        :MAX_FRAMES
    ]
    frames = []
    for index, chunk in enumerate(chunks):
        proto = resources_pb2.Frame()
        proto.frame_info.index = index
        proto.frame_info.time = index * 1000
        concept = Concept(name=f"frame-{index}-{_sha1(chunk)[:6]}", value=(index + 1) / len(chunks))
        proto.data.concepts.append(concept.to_proto())
        frames.append(Frame(proto))
    return frames


class ImageClassifier(ModelClass):
    """Concepts derived from the image bytes, plus the image's format and size."""

    @ModelClass.method
    def predict(self, image: Image) -> List[Concept]:
        """Classify an image: hash concepts and one ``<format>-<W>x<H>`` concept."""
        return classify(image.bytes)


class ImageToText(ModelClass):
    """A caption computed from the image: size, format, dominant colour, hash."""

    @ModelClass.method
    def predict(self, image: Image) -> str:
        """Caption one image."""
        return caption(image.bytes)

    @ModelClass.method
    def generate(self, image: Image) -> Iterator[str]:
        """Caption one image, word by word."""
        yield from _words_as_chunks(caption(image.bytes).split())

    @ModelClass.method
    def stream(self, input_iterator: Iterator[Image]) -> Iterator[str]:
        """Caption each image of the stream."""
        for image in input_iterator:
            yield caption(image.bytes)


class TextLLM(ModelClass):
    """An LLM-shaped echo: the prompt's words reversed, shaped by the inference parameters."""

    @ModelClass.method
    def predict(self, prompt: str, max_tokens: int = 16, temperature: float = 0.0) -> str:
        """Reply to a prompt."""
        words = reply_words(prompt, max_tokens, temperature)
        self.set_output_context(prompt_tokens=len(prompt.split()), completion_tokens=len(words))
        return " ".join(words)

    @ModelClass.method
    def generate(
        self, prompt: str, max_tokens: int = 16, temperature: float = 0.0
    ) -> Iterator[str]:
        """Reply to a prompt one word at a time."""
        prompt_tokens = len(prompt.split())
        chunks = _words_as_chunks(reply_words(prompt, max_tokens, temperature))
        for count, chunk in enumerate(chunks, start=1):
            self.set_output_context(prompt_tokens=prompt_tokens, completion_tokens=count)
            yield chunk

    @ModelClass.method
    def stream(self, input_iterator: Iterator[str], max_tokens: int = 16) -> Iterator[str]:
        """Reply to each prompt of the stream."""
        for prompt in input_iterator:
            yield " ".join(reply_words(prompt, max_tokens, 0.0))


class AudioTranscriber(ModelClass):
    """A "transcript" that describes the audio: WAV header facts and a hash."""

    @ModelClass.method
    def predict(self, audio: Audio) -> str:
        """Transcribe one audio clip."""
        return transcript(audio.bytes)

    @ModelClass.method
    def generate(self, audio: Audio) -> Iterator[str]:
        """Transcribe one audio clip, word by word."""
        yield from _words_as_chunks(transcript(audio.bytes).split())

    @ModelClass.method
    def stream(self, input_iterator: Iterator[Audio]) -> Iterator[str]:
        """Transcribe each chunk of the stream."""
        for audio in input_iterator:
            yield transcript(audio.bytes)


class VideoFrames(ModelClass):
    """Per-frame concepts, one frame per 1024 bytes of video: the legacy ``data.frames``."""

    @ModelClass.method
    def predict(self, video: Video) -> List[Frame]:
        """All frames of one video."""
        return video_frames(video.bytes)

    @ModelClass.method
    def generate(self, video: Video) -> Iterator[Frame]:
        """The frames of one video, one at a time."""
        yield from video_frames(video.bytes)


class MultimodalModel(ModelClass):
    """A prompt and an image in, one string out."""

    @ModelClass.method
    def predict(self, prompt: str, image: Image) -> str:
        """Answer a prompt about an image."""
        return f"{' '.join(reply_words(prompt, 16, 0.0))} | {caption(image.bytes)}"


def _fail(prompt: str) -> NoReturn:
    raise RuntimeError(f"the 'failing' reference model always fails (prompt {prompt!r})")


class FailingModel(ModelClass):
    """Every method raises, so the runner answers FAILURE."""

    @ModelClass.method
    def predict(self, prompt: str) -> str:
        """Always fails."""
        _fail(prompt)

    @ModelClass.method
    def generate(self, prompt: str) -> Iterator[str]:
        """Always fails, before the first item."""
        yield _fail(prompt)

    @ModelClass.method
    def stream(self, input_iterator: Iterator[str]) -> Iterator[str]:
        """Always fails, on the first item."""
        for prompt in input_iterator:
            yield _fail(prompt)


class PrePythonicModel(ModelClass):
    """Base of models from before pythonic models (proto in, proto out, no signatures).

    Legacy model servers never read the ``_method_name`` metadata, so the SDK's
    ``_GET_SIGNATURES`` probe reaches such a model as an (empty) input, as on the platform.
    """

    def predict_wrapper(
        self, request: service_pb2.PostModelOutputsRequest
    ) -> service_pb2.MultiOutputResponse:
        for inp in request.inputs:
            if "_method_name" in inp.data.metadata:
                del inp.data.metadata["_method_name"]
        return super().predict_wrapper(request)


class LegacyDetector(PrePythonicModel):
    """A model from before pythonic models: proto in, proto out, no method signatures."""

    def PostModelOutputs(
        self, request: service_pb2.PostModelOutputsRequest
    ) -> service_pb2.MultiOutputResponse:
        response = service_pb2.MultiOutputResponse()
        for inp in request.inputs:
            output = response.outputs.add()
            output.input.id = inp.id
            try:
                self._detect(inp.data.image.base64, output.data)
            except Exception as exc:  # a real legacy model reports per input, not per request
                output.status.code = status_code_pb2.FAILURE
                output.status.description = str(exc)
                continue
            output.status.code = status_code_pb2.SUCCESS
            output.status.description = "Ok"
        return response

    @staticmethod
    def _detect(image_bytes: bytes, data: resources_pb2.Data) -> None:
        data.concepts.extend(c.to_proto() for c in classify(image_bytes))
        digest = hashlib.sha1(image_bytes).digest()
        top, left = digest[0] / 512, digest[1] / 512  # both in [0, 0.5)
        region = data.regions.add()
        region.id = f"region-{digest.hex()[:8]}"
        box = region.region_info.bounding_box
        box.top_row, box.left_col = round(top, 4), round(left, 4)
        box.bottom_row, box.right_col = round(top + 0.5, 4), round(left + 0.5, 4)
        best = max(hash_concepts(image_bytes), key=lambda c: c.value)
        region.data.concepts.append(best.to_proto())
        embedding = data.embeddings.add()
        embedding.vector.extend(round(b / 255, 4) for b in digest[:8])
        embedding.num_dimensions = 8


@dataclass(frozen=True)
class ReferenceModel:
    """How one reference model is served: its class, model type and legacy input fields."""

    model_id: str
    model_class: Type[ModelClass]
    model_type_id: str
    input_fields: Tuple[str, ...]
    description: str
    deploying: bool = False

    def create(self) -> ModelClass:
        return self.model_class()


#: The reference models by served id, in the order ``legacy-compat serve`` lists them.
REFERENCE_MODELS: Mapping[str, ReferenceModel] = {
    ref.model_id: ref
    for ref in (
        ReferenceModel(
            "image-classifier",
            ImageClassifier,
            "visual-classifier",
            ("image",),
            "concepts from the image bytes",
        ),
        ReferenceModel(
            "image-to-text", ImageToText, "image-to-text", ("image",), "a caption of the image"
        ),
        ReferenceModel(
            "text-llm", TextLLM, "text-to-text", ("text",), "the prompt's words, reversed"
        ),
        ReferenceModel(
            "audio-transcriber",
            AudioTranscriber,
            "audio-to-text",
            ("audio",),
            "a description of the audio",
        ),
        ReferenceModel(
            "video-frames", VideoFrames, "video-to-text", ("video",), "per-frame concepts"
        ),
        ReferenceModel(
            "multimodal",
            MultimodalModel,
            "multimodal-to-text",
            ("text", "image"),
            "a prompt about an image",
        ),
        ReferenceModel(
            "legacy-detector",
            LegacyDetector,
            "visual-detector",
            ("image",),
            "non-pythonic: concepts, regions and embeddings at the proto level",
        ),
        ReferenceModel(
            "deploying-llm",
            TextLLM,
            "text-to-text",
            ("text",),
            "text-llm that answers MODEL_DEPLOYING for its first calls",
            deploying=True,
        ),
        ReferenceModel("failing", FailingModel, "text-to-text", ("text",), "every method raises"),
    )
}
