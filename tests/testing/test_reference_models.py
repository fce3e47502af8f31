"""The reference models on their own: documented signatures, outputs computed from inputs."""

from __future__ import annotations

import pytest
from clarifai.runners.utils.data_types import Audio, Image, Video
from clarifai.runners.utils.method_signatures import get_method_signature

from legacy_compat.testing.http_fixtures import fixture_path
from legacy_compat.testing.reference_models import (
    REFERENCE_MODELS,
    AudioTranscriber,
    ImageClassifier,
    ImageToText,
    TextLLM,
    VideoFrames,
)

# What the module docstring promises, in the SDK's own rendering (other engineers build on it).
DOCUMENTED_SIGNATURES = {
    "image-classifier": [
        "def predict(image: data_types.Image) -> List[data_types.Concept]:",
    ],
    "image-to-text": [
        "def predict(image: data_types.Image) -> str:",
        "def generate(image: data_types.Image) -> Iterator[str]:",
        "def stream(input_iterator: Iterator[data_types.Image]) -> Iterator[str]:",
    ],
    "text-llm": [
        "def predict(prompt: str, max_tokens: int = 16, temperature: float = 0.0) -> str:",
        "def generate(prompt: str, max_tokens: int = 16, temperature: float = 0.0)"
        " -> Iterator[str]:",
        "def stream(input_iterator: Iterator[str], max_tokens: int = 16) -> Iterator[str]:",
    ],
    "audio-transcriber": [
        "def predict(audio: data_types.Audio) -> str:",
        "def generate(audio: data_types.Audio) -> Iterator[str]:",
        "def stream(input_iterator: Iterator[data_types.Audio]) -> Iterator[str]:",
    ],
    "video-frames": [
        "def predict(video: data_types.Video) -> List[data_types.Frame]:",
        "def generate(video: data_types.Video) -> Iterator[data_types.Frame]:",
    ],
    "multimodal": ["def predict(prompt: str, image: data_types.Image) -> str:"],
    "legacy-detector": [],
    "deploying-llm": [
        "def predict(prompt: str, max_tokens: int = 16, temperature: float = 0.0) -> str:",
        "def generate(prompt: str, max_tokens: int = 16, temperature: float = 0.0)"
        " -> Iterator[str]:",
        "def stream(input_iterator: Iterator[str], max_tokens: int = 16) -> Iterator[str]:",
    ],
    "failing": [
        "def predict(prompt: str) -> str:",
        "def generate(prompt: str) -> Iterator[str]:",
        "def stream(input_iterator: Iterator[str]) -> Iterator[str]:",
    ],
}


def _bytes(name: str) -> bytes:
    return fixture_path(name).read_bytes()


@pytest.mark.parametrize("model_id", sorted(REFERENCE_MODELS))
def test_signatures_are_the_documented_ones(model_id):
    infos = REFERENCE_MODELS[model_id].model_class._get_method_infos()
    rendered = [get_method_signature(i.signature) for i in infos.values() if i.signature]
    assert rendered == DOCUMENTED_SIGNATURES[model_id]


def test_legacy_detector_is_proto_only():
    infos = REFERENCE_MODELS["legacy-detector"].model_class._get_method_infos()
    assert list(infos) == ["PostModelOutputs"]
    assert infos["PostModelOutputs"].proto_method


def test_every_reference_model_is_documented():
    assert set(DOCUMENTED_SIGNATURES) == set(REFERENCE_MODELS)


def test_text_llm_reply_is_the_prompt_reversed_and_shaped_by_parameters():
    llm = TextLLM()
    assert llm.predict("one two three") == "three two one"
    assert llm.predict("one two three", max_tokens=2) == "three two"
    assert llm.predict("one two three", temperature=0.7) == "three two one [temperature=0.7]"
    assert llm.predict("") == "<empty>"
    chunks = list(llm.generate("one two three", max_tokens=2, temperature=0.5))
    assert chunks == ["three", " two", " [temperature=0.5]"]
    assert "".join(chunks) == llm.predict("one two three", max_tokens=2, temperature=0.5)
    assert list(llm.stream(iter(["a b", "c d e"]), max_tokens=2)) == ["b a", "e d"]


def test_image_outputs_differ_for_different_images():
    cat, dog = Image(bytes=_bytes("cat.png")), Image(bytes=_bytes("dog.jpg"))
    cat_concepts = ImageClassifier().predict(cat)
    dog_concepts = ImageClassifier().predict(dog)
    assert cat_concepts[0].name == "png-32x24"
    assert dog_concepts[0].name == "jpeg-24x32"
    assert {c.name for c in cat_concepts[1:]}.isdisjoint({c.name for c in dog_concepts[1:]})
    values = [c.value for c in cat_concepts]
    assert values == sorted(values, reverse=True)
    assert ImageToText().predict(cat).startswith("a 32x24 PNG image mostly blue")
    assert ImageToText().predict(dog).startswith("a 24x32 JPEG image mostly")


def test_audio_transcript_reads_the_wav_header():
    text = AudioTranscriber().predict(Audio(bytes=_bytes("tone.wav")))
    assert text.startswith("wav audio 8000 Hz 1 channel 0.25 s sha1 ")
    assert AudioTranscriber().predict(Audio(bytes=b"RIFFxx")).startswith("audio 6 bytes sha1 ")


def test_video_frames_follow_the_bytes():
    frames = VideoFrames().predict(Video(bytes=_bytes("clip.mp4")))
    assert len(frames) == 4  # 3108 bytes in 1024-byte chunks
    assert [f.index for f in frames] == [0, 1, 2, 3]
    assert [f.time for f in frames] == [0.0, 1.0, 2.0, 3.0]
    names = [f.proto.data.concepts[0].name for f in frames]
    assert all(name.startswith(f"frame-{i}-") for i, name in enumerate(names))
    assert len(set(names)) == 4
