"""The facade against the SDK's own legacy methods, on the same local endpoint.

Where the SDK's method works, the facade's responses carry the same data (status, old-format
data fields, token counts). Where it fails -- per-call routing since 11.3.0, multi-item
streams against pythonic models, ``output_config`` on generate/stream -- the SDK is shown
failing and the facade succeeding, with the routing and config the endpoint recorded.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

import pytest
from clarifai_grpc.grpc.api import service_pb2
from facade_helpers import legacy

from legacy_compat.deprecation import LegacyInferenceWarning
from legacy_compat.testing import LocalEndpoint

# model id -> (fixture file, input type, the legacy kinds its methods serve)
MODELS: Dict[str, Tuple[str, str, Tuple[str, ...]]] = {
    "image-classifier": ("cat.png", "image", ("predict",)),
    "image-to-text": ("dog.jpg", "image", ("predict", "generate", "stream")),
    "text-llm": ("hello.txt", "text", ("predict", "generate", "stream")),
    "audio-transcriber": ("tone.wav", "audio", ("predict", "generate", "stream")),
    "video-frames": ("clip.mp4", "video", ("predict", "generate")),
    "legacy-detector": ("cat.png", "image", ("predict",)),
}
SOURCES = ("url", "bytes", "filepath")


@dataclass(frozen=True)
class Case:
    model_id: str
    kind: str
    source: str

    @property
    def method(self) -> str:
        return f"{self.kind}_by_{self.source}"

    def __str__(self) -> str:
        return f"{self.model_id}-{self.method}"


CASES = [
    Case(model_id, kind, source)
    for model_id, (_, input_type, kinds) in MODELS.items()
    for kind in kinds
    for source in SOURCES
    # A text URL reaches a pythonic model as an empty prompt: see test_text_url_*.
    if not (input_type == "text" and source == "url")
]


def source_value(ep: LocalEndpoint, case: Case, count: int = 1) -> Any:
    name = MODELS[case.model_id][0]
    value: Any = {
        "url": lambda: ep.fixture_url(name),
        "bytes": lambda: ep.fixture_path(name).read_bytes(),
        "filepath": lambda: str(ep.fixture_path(name)),
    }[case.source]()
    if case.kind != "stream" or (case.source == "filepath" and count == 1):
        return value
    return [value] * count


def response_data(response: Any) -> List[Tuple[Any, ...]]:
    """What a legacy caller reads from one response."""
    return [response.status.code] + [
        (o.status.code, o.data, o.prompt_tokens, o.completion_tokens) for o in response.outputs
    ]


def collect(result: Any, kind: str) -> List[Any]:
    responses = [result] if kind == "predict" else list(result)
    return [response_data(r) for r in responses]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_facade_returns_what_the_sdk_returns(case: Case, facade, sdk, local_endpoint) -> None:
    input_type = MODELS[case.model_id][1]
    value = source_value(local_endpoint, case)

    expected = collect(getattr(sdk[case.model_id], case.method)(value, input_type), case.kind)
    got = collect(legacy(facade[case.model_id], case.method, value, input_type), case.kind)

    assert got == expected
    assert got and all(step[0] == 10000 for step in got)  # SUCCESS, and not vacuous


def test_per_call_deployment_fails_in_sdk_and_is_routed_by_facade(facade, sdk, endpoint) -> None:
    url = endpoint.fixture_url("cat.png")
    with pytest.raises(TypeError, match="unexpected keyword argument 'deployment_id'"):
        sdk["image-classifier"].predict_by_url(url, "image", deployment_id="test-deployment")

    response = legacy(
        facade["image-classifier"], "predict_by_url", url, "image", deployment_id="test-deployment"
    )

    assert response.outputs[0].data.concepts
    (record,) = endpoint.records
    assert record.runner_selector == {
        "deployment": {"id": "test-deployment", "user_id": "test-user"}
    }
    assert record.method_name == "predict"


def test_positional_routing_of_10_8_fails_in_sdk_and_is_routed_by_facade(
    facade, sdk, endpoint
) -> None:
    prompt = b"one two three"
    with pytest.raises(AttributeError, match="'str' object has no attribute 'items'"):
        list(sdk["text-llm"].generate_by_bytes(prompt, "text", "test-cluster", "test-nodepool"))

    chunks = legacy(
        facade["text-llm"], "generate_by_bytes", prompt, "text", "test-cluster", "test-nodepool"
    )

    assert "".join(r.outputs[0].data.text.raw for r in chunks) == "three two one"
    assert {str(r.runner_selector) for r in endpoint.records} == {
        str(
            {
                "nodepool": {
                    "id": "test-nodepool",
                    "compute_cluster": {"id": "test-cluster", "user_id": "test-user"},
                }
            }
        )
    }


def test_multi_item_text_stream_fails_in_sdk_and_works_in_facade(facade, sdk, endpoint) -> None:
    # The runner converts only the first old-format request of a stream; later text items
    # arrive as text.raw where a pythonic STR parameter is not read.
    prompts = [b"a b", b"c d e"]
    with pytest.raises(Exception, match="Model Predict failed"):
        list(sdk["text-llm"].stream_by_bytes(iter(prompts), "text"))

    replies = legacy(facade["text-llm"], "stream_by_bytes", prompts, "text")

    assert [r.outputs[0].data.text.raw for r in replies] == ["b a", "e d c"]
    assert [r.method_name for r in endpoint.records[-2:]] == ["stream", "stream"]


@pytest.mark.parametrize(
    ("model_id", "source", "names"),
    [
        ("image-to-text", "url", ["cat.png", "dog.jpg"]),
        ("image-to-text", "bytes", ["dog.jpg", "cat.png", "dog.jpg"]),
        ("audio-transcriber", "bytes", ["tone.wav", "tone.wav"]),
    ],
)
def test_multi_item_media_stream_equals_sdk(model_id, source, names, facade, sdk, endpoint) -> None:
    # Media items after the first are read by the runner's "inlined first value" rule, so
    # the SDK's multi-item streams of images and audio do work: the facade must agree.
    read = (
        endpoint.fixture_url if source == "url" else lambda n: endpoint.fixture_path(n).read_bytes()
    )
    items = [read(n) for n in names]
    input_type = MODELS[model_id][1]
    method = f"stream_by_{source}"

    expected = collect(getattr(sdk[model_id], method)(iter(items), input_type), "stream")
    got = collect(legacy(facade[model_id], method, items, input_type), "stream")

    assert got == expected
    assert len(got) == len(items)


def test_stream_by_filepath_takes_an_iterable_of_paths(facade, endpoint) -> None:
    paths = [endpoint.fixture_path(n) for n in ("cat.png", "dog.jpg")]  # pathlib.Path works too

    captions = legacy(facade["image-to-text"], "stream_by_filepath", iter(paths))

    singles = [legacy(facade["image-to-text"], "predict_by_filepath", p) for p in paths]
    assert [c.outputs[0].data.text.raw for c in captions] == [
        s.outputs[0].data.text.raw for s in singles
    ]


@pytest.mark.parametrize("kind", ["generate", "stream"])
def test_output_config_breaks_sdk_generate_and_stream_but_not_facade(
    kind, facade, sdk, endpoint
) -> None:
    method = f"{kind}_by_bytes"
    source: Any = b"one two" if kind == "generate" else [b"one two"]
    config = {"max_concepts": 3, "min_value": 0.5}
    # generate raises AttributeError: MergeFromDict; stream raises it on gRPC's request
    # thread, which cancels the call, and the caller sees a RuntimeError.
    with pytest.raises((AttributeError, RuntimeError)):
        list(getattr(sdk["text-llm"], method)(source, "text", output_config=config))
    endpoint.clear_records()

    replies = legacy(facade["text-llm"], method, source, "text", output_config=config)

    assert "".join(r.outputs[0].data.text.raw for r in replies) == "two one"
    assert endpoint.records and all(r.output_config == config for r in endpoint.records)


def test_output_config_reaches_a_non_pythonic_model_on_every_kind(facade, endpoint) -> None:
    config = {"max_concepts": 2}
    image = endpoint.fixture_path("cat.png").read_bytes()

    response = legacy(facade["legacy-detector"], "predict_by_bytes", image, output_config=config)

    assert response.outputs[0].data.regions
    (record,) = endpoint.records
    assert record.output_config == config
    assert record.method_name == ""  # the proto path: a legacy request, as the SDK sends it


def test_inference_params_are_ignored_by_sdk_but_bound_by_facade(facade, sdk) -> None:
    params = {"max_tokens": 2, "temperature": "0.7"}

    sdk_reply = sdk["text-llm"].predict_by_bytes(b"one two three", "text", params)
    reply = legacy(facade["text-llm"], "predict_by_bytes", b"one two three", "text", params)

    assert sdk_reply.outputs[0].data.text.raw == "three two one"  # the runner never read them
    assert reply.outputs[0].data.text.raw == "three two [temperature=0.7]"


ERROR_CASES = [
    ("image-classifier", "predict_by_url", ("{cat}", "picture")),
    ("image-classifier", "predict_by_filepath", ("/no/such/file.png", "image")),
    ("image-classifier", "generate_by_filepath", ("/", "image")),
    ("image-classifier", "stream_by_filepath", ("/no/such/file.png", "image")),
    ("image-classifier", "predict_by_bytes", (b"", "image")),
    ("multimodal", "predict_by_url", ("{cat}",)),
    ("failing", "predict_by_bytes", (b"x", "text")),
    ("failing", "generate_by_bytes", (b"x", "text")),
    ("failing", "stream_by_bytes", ([b"x"], "text")),
]


def _raised(run) -> BaseException:
    with pytest.raises(Exception) as caught:
        result = run()
        if not isinstance(result, service_pb2.MultiOutputResponse):
            list(result)
    return caught.value


@pytest.mark.parametrize(("model_id", "method", "args"), ERROR_CASES, ids=lambda v: str(v)[:30])
def test_errors_keep_the_sdks_class_and_wording(model_id, method, args, facade, sdk, endpoint):
    args = tuple(
        a.format(cat=endpoint.fixture_url("cat.png")) if isinstance(a, str) else a for a in args
    )
    expected = _raised(lambda: getattr(sdk[model_id], method)(*args))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LegacyInferenceWarning)  # a valid call warns first
        got = _raised(lambda: getattr(facade[model_id], method)(*args))

    assert type(got) is type(expected)
    sdk_words = str(expected).split(" response")[0]  # a failure's response dump differs
    assert str(got).startswith(sdk_words), (str(got), str(expected))
