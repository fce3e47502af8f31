"""A table of bad inputs to the facade, each with the exception class and words it must raise.

Every row runs the real facade against the local endpoint. ``sent`` says whether the call may
reach the endpoint: a value the client can reject must be rejected before anything is sent
(as the legacy SDK did), and a value only the model can judge (a URL it cannot fetch) must
come back as the model's failure after exactly one request (no retry of a failure).

Unreadable files: the suite runs as root, for whom ``chmod 000`` changes nothing (root has
CAP_DAC_OVERRIDE). The rows use what stays unreadable for root: ``/proc/self/mem`` (a regular
file by ``stat`` whose ``read()`` fails with EIO at offset 0), a FIFO (opening it would block
for ever, so it must be refused without being opened), a directory, a path whose parent is a
regular file (ENOTDIR) and a dangling symlink.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Tuple

import pytest
from clarifai.errors import UserError

from legacy_compat.deprecation import LegacyInferenceWarning


@dataclass(frozen=True)
class Place:
    """Everything a row may refer to: a good URL and the bad files, made once per module."""

    url: str
    dir: Path

    def __getitem__(self, name: str) -> str:
        return str(self.dir / name)


def _raising_at_first() -> Iterator[bytes]:
    raise RuntimeError("the caller's iterator broke before its first item")
    yield b""  # pragma: no cover  (makes this a generator)


def _raising_after_one() -> Iterator[bytes]:
    yield b"one two"
    raise RuntimeError("the caller's iterator broke after one item")


def _interrupted_after_one() -> Iterator[bytes]:
    yield b"one two"
    raise KeyboardInterrupt


@dataclass(frozen=True)
class Row:
    id: str
    model: str
    method: str
    args: Callable[[Place], Tuple[Any, ...]]
    expected: type
    fragment: str | Callable[[Place], str]
    kwargs: Callable[[Place], Dict[str, Any]] = field(default=lambda p: {})
    sent: bool = False
    model_options: Tuple[Tuple[str, str], ...] = ()


ROWS = [
    # -- wrong types, one row per argument ---------------------------------------------------
    Row("url-is-an-int", "image-classifier", "predict_by_url",
        lambda p: (123, "image"), UserError, "Invalid URL: expected a str, got int: 123"),
    Row("bytes-is-an-int", "image-classifier", "predict_by_bytes",
        lambda p: (12345, "image"), UserError, "Expected bytes for the image input, got int"),
    Row("bytes-is-none", "text-llm", "generate_by_bytes",
        lambda p: (None, "text"), UserError, "Expected bytes for the text input, got NoneType"),
    Row("filepath-is-a-float", "image-classifier", "predict_by_filepath",
        lambda p: (3.14, "image"), UserError,
        "Invalid filepath. Expected a str or os.PathLike, got float: 3.14"),
    Row("input-type-keyword-is-an-int", "image-classifier", "predict_by_url",
        lambda p: (p.url,), TypeError, "expects input_type to be a str, got int: 5",
        kwargs=lambda p: {"input_type": 5}),
    Row("input-type-positional-is-an-int", "image-classifier", "predict_by_url",
        lambda p: (p.url, 5), TypeError, "which match no order the method has had"),
    Row("inference-params-is-a-list", "text-llm", "predict_by_bytes",
        lambda p: (b"a b", "text"), TypeError, "expects inference_params to be a dict, got list",
        kwargs=lambda p: {"inference_params": [1]}),
    Row("output-config-is-a-str", "text-llm", "predict_by_bytes",
        lambda p: (b"a b", "text"), TypeError, "expects output_config to be a dict, got str",
        kwargs=lambda p: {"output_config": "x"}),
    Row("deployment-id-is-an-int", "text-llm", "predict_by_bytes",
        lambda p: (b"a b", "text"), TypeError, "expects deployment_id to be a str, got int",
        kwargs=lambda p: {"deployment_id": 42}),
    Row("compute-cluster-id-is-bytes", "text-llm", "generate_by_bytes",
        lambda p: (b"a b", "text"), TypeError, "expects compute_cluster_id to be a str, got bytes",
        kwargs=lambda p: {"compute_cluster_id": b"cc"}),
    Row("user-id-is-a-list", "text-llm", "stream_by_bytes",
        lambda p: ([b"a b"], "text"), TypeError, "expects user_id to be a str, got list",
        kwargs=lambda p: {"user_id": ["u"]}),
    Row("unknown-keyword", "text-llm", "predict_by_bytes",
        lambda p: (b"a b", "text"), TypeError, "unexpected keyword argument 'temperature'",
        kwargs=lambda p: {"temperature": 0.5}),
    Row("missing-source", "text-llm", "predict_by_bytes",
        lambda p: (), TypeError, "missing 1 required positional argument: 'input_bytes'"),
    Row("source-given-twice", "image-classifier", "predict_by_url",
        lambda p: (p.url,), TypeError, "got multiple values for argument 'url'",
        kwargs=lambda p: {"url": p.url}),
    Row("stream-source-is-not-iterable", "image-to-text", "stream_by_url",
        lambda p: (42, "image"), UserError, "expects an iterable of url values"),
    Row("text-bytes-are-not-utf8", "text-llm", "predict_by_bytes",
        lambda p: (b"\xff\xfe", "text"), UserError, "A text input must be UTF-8 encoded"),
    # -- missing and unreadable files ----------------------------------------------------------
    Row("missing-file", "image-classifier", "predict_by_filepath",
        lambda p: (p["missing.png"], "image"), UserError,
        lambda p: f"Invalid filepath. {p['missing.png']!r} is not an existing file"),
    Row("directory", "image-classifier", "predict_by_filepath",
        lambda p: (str(p.dir), "image"), UserError, "is not an existing file"),
    Row("parent-is-a-file", "image-classifier", "generate_by_filepath",
        lambda p: (p["plain.txt/child.png"], "image"), UserError, "is not an existing file"),
    Row("fifo-is-refused-unopened", "image-classifier", "predict_by_filepath",
        lambda p: (p["fifo"], "image"), UserError, "is not an existing file"),
    Row("dangling-symlink", "audio-transcriber", "predict_by_filepath",
        lambda p: (p["dangling.wav"], "audio"), UserError, "is not an existing file"),
    Row("unreadable-regular-file", "image-classifier", "predict_by_filepath",
        lambda p: ("/proc/self/mem", "image"), UserError,
        "Invalid filepath. '/proc/self/mem' cannot be read"),
    Row("empty-file", "image-classifier", "predict_by_filepath",
        lambda p: (p["empty.png"], "image"), ValueError, "Got empty bytes for the image input"),
    Row("missing-file-mid-stream", "image-to-text", "stream_by_filepath",
        lambda p: ([p["cat.png"], p["missing.png"]], "image"), UserError,
        "is not an existing file", sent=True),
    # -- empty and raising iterators ---------------------------------------------------------
    Row("empty-stream", "text-llm", "stream_by_bytes",
        lambda p: ([], "text"), UserError, "got an empty input_bytes_iterator"),
    Row("iterator-raises-first", "text-llm", "stream_by_bytes",
        lambda p: (_raising_at_first(), "text"), RuntimeError, "broke before its first item"),
    Row("iterator-raises-after-one", "text-llm", "stream_by_bytes",
        lambda p: (_raising_after_one(), "text"), RuntimeError, "broke after one item",
        sent=True),
    Row("iterator-interrupted-after-one", "text-llm", "stream_by_bytes",
        lambda p: (_interrupted_after_one(), "text"), KeyboardInterrupt, "", sent=True),
    Row("stream-item-of-a-wrong-type", "image-to-text", "stream_by_url",
        lambda p: ([p.url, 5], "image"), UserError, "Invalid URL: expected a str, got int",
        sent=True),
    # -- conflicting routing -----------------------------------------------------------------
    Row("call-routing-conflicts-with-constructor", "text-llm", "predict_by_bytes",
        lambda p: (b"a b", "text"), UserError,
        "deployment_id='other' in the call conflicts with deployment_id='test-deployment'",
        kwargs=lambda p: {"deployment_id": "other"},
        model_options=(("deployment_id", "test-deployment"), ("deployment_user_id", "test-user"))),
    Row("deployment-and-nodepool", "text-llm", "predict_by_bytes",
        lambda p: (b"a b", "text"), UserError, "You can only specify one of deployment_id",
        kwargs=lambda p: {"deployment_id": "d", "compute_cluster_id": "c", "nodepool_id": "n"}),
    Row("nodepool-without-cluster", "text-llm", "generate_by_bytes",
        lambda p: (b"a b", "text"), UserError, "without compute_cluster_id",
        kwargs=lambda p: {"nodepool_id": "n"}),
    Row("unknown-deployment", "text-llm", "predict_by_bytes",
        lambda p: (b"a b", "text"), UserError, "Deployment 'nope' not found",
        kwargs=lambda p: {"deployment_id": "nope"}),
    # -- unknown input types -----------------------------------------------------------------
    Row("unknown-input-type", "image-classifier", "predict_by_url",
        lambda p: (p.url, "imagee"), UserError,
        "Got input type imagee but expected one of image, text, video, audio"),
    Row("input-type-in-capitals", "image-classifier", "stream_by_url",
        lambda p: ([p.url], "IMAGE"), UserError, "Got input type IMAGE"),
    Row("input-type-the-model-does-not-take", "image-classifier", "predict_by_bytes",
        lambda p: (b"abc", "text"), UserError, "accepts a text input"),
    Row("multimodal-without-input-type", "multimodal", "predict_by_bytes",
        lambda p: (b"abc",), UserError, "Model has multiple input types"),
    # -- oversized batches: the single-input methods take one input, never a list ----------------
    Row("url-batch-of-200", "image-classifier", "predict_by_url",
        lambda p: ([p.url] * 200, "image"), UserError, "Invalid URL: expected a str, got list"),
    Row("bytes-batch-of-200", "text-llm", "generate_by_bytes",
        lambda p: ([b"a"] * 200, "text"), UserError, "Expected bytes for the text input, got list"),
    # -- malformed URLs ----------------------------------------------------------------------
    Row("empty-url", "image-classifier", "predict_by_url",
        lambda p: ("", "image"), ValueError, "Got an empty URL for the image input"),
    Row("text-url-for-a-str-parameter", "text-llm", "predict_by_url",
        lambda p: (p.url, "text"), UserError, "A text URL cannot be passed to parameter prompt"),
    Row("url-without-a-scheme", "image-classifier", "predict_by_url",
        lambda p: ("not a url", "image"), Exception, "Model predict failed", sent=True),
    Row("url-nobody-listens-on", "image-classifier", "predict_by_url",
        lambda p: ("http://127.0.0.1:1/cat.png", "image"), Exception, "Model predict failed",
        sent=True),
]  # fmt: skip


@pytest.fixture(scope="module")
def place(local_endpoint, tmp_path_factory) -> Place:
    folder = tmp_path_factory.mktemp("bad-inputs")
    (folder / "plain.txt").write_text("a plain file")
    (folder / "empty.png").write_bytes(b"")
    (folder / "cat.png").write_bytes(local_endpoint.fixture_path("cat.png").read_bytes())
    os.mkfifo(folder / "fifo")
    os.symlink(folder / "nowhere.wav", folder / "dangling.wav")
    return Place(url=local_endpoint.fixture_url("cat.png"), dir=folder)


def test_the_matrix_is_big_enough_and_covers_every_method_kind() -> None:
    assert len(ROWS) >= 25
    assert len({row.id for row in ROWS}) == len(ROWS)
    assert {row.method.split("_by_")[0] for row in ROWS} == {"predict", "generate", "stream"}
    assert {row.method.split("_by_")[1] for row in ROWS} == {"url", "bytes", "filepath"}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_bad_input_raises_a_clear_error(row: Row, place: Place, endpoint, robust_model) -> None:
    model = robust_model(row.model, **dict(row.model_options))
    endpoint.clear_records()
    fragment = row.fragment(place) if callable(row.fragment) else row.fragment
    with warnings.catch_warnings():
        # A call that passes validation warns before it is sent; the rows are about errors.
        warnings.simplefilter("ignore", LegacyInferenceWarning)
        with pytest.raises(row.expected) as raised:
            result = getattr(model, row.method)(*row.args(place), **row.kwargs(place))
            if row.method.split("_by_")[0] != "predict":
                list(result)  # generate and stream are lazy: errors may come with the items
    assert fragment in str(raised.value), str(raised.value)
    assert type(raised.value) is row.expected or row.expected is Exception
    sent = [r for r in endpoint.records if r.model_id == row.model]
    if row.sent:
        assert len(sent) == 1, f"expected exactly one request (no retry), got {len(sent)}"
    else:
        assert sent == [], "a bad input the client can see must not be sent"


def test_an_oversized_batch_error_stays_readable(place: Place, robust_model) -> None:
    """The error names the bad value, but not by pasting 200 URLs into one line."""
    model = robust_model("image-classifier")
    with pytest.raises(UserError) as raised:
        model.predict_by_url([place.url] * 200, "image")
    assert len(str(raised.value)) < 500, f"{len(str(raised.value))} characters"
    assert "stream_by_url" in str(raised.value)


def test_a_long_stream_is_not_a_batch_and_is_not_limited_to_128(endpoint, robust_model) -> None:
    """The legacy stream methods send one input per request, so 200 inputs are fine."""
    model = robust_model("text-llm")
    with pytest.warns(LegacyInferenceWarning):
        responses = list(model.stream_by_bytes([b"a b"] * 200, "text"))
    assert len(responses) == 200
    assert {r.outputs[0].data.text.raw for r in responses} == {"b a"}
