"""Legacy sources to new data types, and new responses to legacy shapes (no endpoint)."""

from __future__ import annotations

from pathlib import Path

import pytest
from clarifai.errors import UserError
from clarifai.runners.utils.data_types import Audio, Image, Text, Video
from clarifai_grpc.grpc.api import resources_pb2, service_pb2

from codemods.legacy_api import LEGACY_METHODS, ParameterInfo, Source
from legacy_compat.inputs import check_input_type, input_proto, iter_source, new_value
from legacy_compat.responses import to_legacy_response

IMAGE = ParameterInfo("image", "IMAGE")
PROMPT = ParameterInfo("prompt", "STR")
TEXT = ParameterInfo("text", "TEXT")


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "x.png"
    path.write_bytes(b"\x89PNG-bytes")
    return path


def test_urls_stay_urls_and_bytes_stay_bytes(png: Path) -> None:
    assert new_value(Source.URL, "image", "http://h/x.png", IMAGE).url == "http://h/x.png"
    assert new_value(Source.BYTES, "image", b"abc", IMAGE).bytes == b"abc"
    assert new_value(Source.FILEPATH, "image", str(png), IMAGE).bytes == png.read_bytes()
    assert isinstance(
        new_value(Source.URL, "audio", "http://h/a", ParameterInfo("a", "AUDIO")), Audio
    )
    assert isinstance(new_value(Source.BYTES, "video", b"v", ParameterInfo("v", "VIDEO")), Video)
    assert isinstance(new_value(Source.URL, "image", "http://h", IMAGE), Image)


def test_text_goes_in_as_str_or_text(png: Path) -> None:
    assert new_value(Source.BYTES, "text", b"one two", PROMPT) == "one two"
    assert new_value(Source.BYTES, "text", "as str", PROMPT) == "as str"  # as the SDK accepted
    assert new_value(Source.BYTES, "text", b"t", TEXT) == Text("t")
    assert new_value(Source.URL, "text", "http://h/t.txt", TEXT) == Text("", url="http://h/t.txt")
    with pytest.raises(UserError, match="A text URL cannot be passed to parameter prompt: STR"):
        new_value(Source.URL, "text", "http://h/t.txt", PROMPT)


INPUT_ERRORS = [
    (
        Source.FILEPATH,
        "image",
        "/no/such/file.png",
        UserError,
        "Invalid filepath. '/no/such/file.png'",
    ),
    (Source.FILEPATH, "image", "/", UserError, "Invalid filepath. '/' is not an existing file"),
    (Source.BYTES, "image", "not bytes", UserError, "Invalid bytes. Expected bytes for the image"),
    (
        Source.BYTES,
        "image",
        b"",
        ValueError,
        "At least one of image_bytes, video_bytes, audio_bytes, text_bytes must be provided.",
    ),
    (
        Source.URL,
        "image",
        "",
        ValueError,
        "At least one of image_url, video_url, audio_url, text_url must be provided.",
    ),
    (Source.URL, "image", 42, UserError, "Invalid URL: expected a str, got int"),
    (Source.BYTES, "text", b"\xff\xfe", UserError, "A text input must be UTF-8"),
]


@pytest.mark.parametrize(("source", "input_type", "value", "error", "match"), INPUT_ERRORS)
def test_bad_sources_keep_the_sdk_class_and_leading_words(source, input_type, value, error, match):
    parameter = PROMPT if input_type == "text" else IMAGE
    with pytest.raises(error, match=match.replace(".", r"\.").replace("(", r"\(")):
        new_value(source, input_type, value, parameter)


def test_unknown_input_type_has_the_sdk_message() -> None:
    with pytest.raises(UserError, match=r"^Got input type picture but expected one of image, text"):
        check_input_type("picture")


def test_proto_path_builds_the_sdk_inputs(png: Path) -> None:
    assert input_proto(Source.URL, "image", "http://h/x.png") == resources_pb2.Input(
        data=resources_pb2.Data(image=resources_pb2.Image(url="http://h/x.png"))
    )
    text_file = png.with_name("t.txt")
    text_file.write_text("one two")
    assert input_proto(Source.FILEPATH, "text", str(text_file)).data.text.raw == "one two"
    with pytest.raises(UserError, match="A text input must be UTF-8"):
        input_proto(Source.FILEPATH, "text", str(png))


def test_stream_sources_accept_one_value_or_any_iterable(png: Path) -> None:
    by_url, by_path = LEGACY_METHODS["stream_by_url"], LEGACY_METHODS["stream_by_filepath"]
    assert list(iter_source(by_url, "http://one")) == ["http://one"]
    assert list(iter_source(by_url, ("a", "b"))) == ["a", "b"]
    assert list(iter_source(by_url, (u for u in ["a"]))) == ["a"]
    assert list(iter_source(by_path, png)) == [png]
    assert list(iter_source(LEGACY_METHODS["stream_by_bytes"], b"xy")) == [b"xy"]
    with pytest.raises(UserError, match=r"stream_by_url\(\) expects an iterable of url values"):
        iter_source(by_url, 3)


def test_new_format_outputs_become_old_format_fields() -> None:
    response = service_pb2.MultiOutputResponse()
    response.status.code = 10000
    text_out = response.outputs.add()
    text_out.prompt_tokens, text_out.completion_tokens = 3, 2
    text_out.data.parts.add(id="return").data.string_value = "three two"
    concepts_out = response.outputs.add()
    concepts_out.data.parts.add(id="return").data.concepts.add(name="cat", value=0.9)
    old_out = response.outputs.add()
    old_out.data.regions.add(id="r1")  # no parts: already legacy, left alone

    legacy = to_legacy_response(response)

    first, second, third = legacy.outputs
    assert first.data.text.raw == "three two" and first.data.string_value == "three two"
    assert (first.prompt_tokens, first.completion_tokens) == (3, 2)
    assert not first.data.parts
    assert second.data.concepts[0].name == "cat"
    assert third.data.regions[0].id == "r1"
