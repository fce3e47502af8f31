"""The facade on the local endpoint: detection, caching, inputs on the wire, laziness, routing,
errors and retries. Differential tests against the SDK are in test_differential.py."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import threading
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any, Iterator

import grpc
import pytest
from clarifai.client.model import Model as SDKModel
from clarifai.client.model_client import ModelClient
from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2, service_pb2
from clarifai_grpc.grpc.api.status import status_code_pb2
from facade_gated_models import GatedModel, SilentModel
from facade_helpers import InferenceOnlyStub, legacy, legacy_call

from legacy_compat.deprecation import LegacyInferenceWarning
from legacy_compat.legacy_methods import LEGACY_IMPLEMENTATIONS
from legacy_compat.model import Model
from legacy_compat.sdk_support import model_checked_at_construction
from legacy_compat.testing import FAKE_PAT
from legacy_compat.testing.reference_models import TextLLM


@pytest.fixture(scope="module")
def gated(local_endpoint, make_model):
    instance = GatedModel()
    local_endpoint.add_model("gated", instance, model_type_id="text-to-text")
    return instance, make_model("gated")


@pytest.fixture(scope="module")
def deploying_once(local_endpoint, make_model):
    """text-llm answering MODEL_DEPLOYING once after each endpoint reset (one SDK back-off)."""
    local_endpoint.add_model(
        "deploying-once", TextLLM(), model_type_id="text-to-text", deploying_calls=1
    )
    return make_model("deploying-once"), make_model("deploying-once", sdk=True)


# -- input types and signatures ----------------------------------------------------------------


def test_input_type_is_detected_from_the_signature_or_the_model_type(make_model, endpoint):
    llm, detector = make_model("text-llm"), make_model("legacy-detector")
    endpoint.clear_records()
    reply = legacy(llm, "predict_by_bytes", b"one two")
    for _ in range(2):
        detection = legacy(detector, "predict_by_url", endpoint.fixture_url("cat.png"))

    assert reply.outputs[0].data.text.raw == "two one"
    assert detection.outputs[0].data.regions
    looked_up = [r.target for r in endpoint.control_records if r.rpc == "GetModelType"]
    assert looked_up == ["visual-detector"]  # once, and only for the model without signatures


def test_several_candidate_input_types_are_named(facade, endpoint) -> None:
    with pytest.raises(UserError, match=r"accepts 'image' \(parameter image\), 'text' "):
        facade["multimodal"].predict_by_url(endpoint.fixture_url("cat.png"))
    # naming the type and supplying the other required parameter makes it work
    reply = legacy(
        facade["multimodal"],
        "predict_by_url",
        endpoint.fixture_url("cat.png"),
        "image",
        {"prompt": "one two"},
    )
    assert reply.outputs[0].data.text.raw.startswith("two one | a ")


def test_signatures_are_fetched_once_per_model_object(make_model, endpoint) -> None:
    model = make_model("text-llm")
    endpoint.clear_records()
    for routing in ({}, {"deployment_id": "test-deployment"}, {}):
        legacy(model, "predict_by_bytes", b"a b", "text", **routing)
    list(legacy(model, "generate_by_bytes", b"a b", output_config={"max_concepts": 2}))

    fetches = [r.rpc for r in endpoint.control_records if r.rpc == "GetModelVersion"]
    assert fetches == ["GetModelVersion"]
    assert model.predict(prompt="c d") == "d c"  # the SDK's own path reuses the same fetch
    assert [r.rpc for r in endpoint.control_records].count("GetModelVersion") == 1


# -- what reaches the endpoint ---------------------------------------------------------------


def test_urls_stay_urls_and_bytes_stay_bytes_on_the_wire(facade, endpoint) -> None:
    url, path = endpoint.fixture_url("cat.png"), endpoint.fixture_path("cat.png")
    legacy(facade["image-classifier"], "predict_by_url", url)
    legacy(facade["image-classifier"], "predict_by_filepath", path)

    by_url, by_file = (r.inputs[0].data.parts[0].data.image for r in endpoint.records)
    assert (by_url.url, by_url.base64) == (url, b"")
    assert (by_file.url, by_file.base64) == ("", path.read_bytes())


def test_streaming_a_thousand_files_reads_them_one_at_a_time(facade, tmp_path: Path) -> None:
    # The runner's servicer (clarifai 12.5.0 ModelServicer.StreamModelOutputs) reads the whole
    # request stream before answering, so what the client can show is that it holds one file
    # at a time: the peak of Python allocations stays far below the files' total size.
    size, count = 16 * 1024, 1000
    words = (b"word " * (size // 5))[:size]
    pulled = 0

    def paths() -> Iterator[Path]:
        nonlocal pulled
        for i in range(count):
            path = tmp_path / f"{i}.txt"
            path.write_bytes(words)
            pulled += 1
            yield path

    stream = legacy(facade["text-llm"], "stream_by_filepath", paths(), "text")
    assert pulled == 0  # nothing is read at the call
    tracemalloc.start()
    try:
        replies = [r.outputs[0].data.text.raw for r in stream]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert replies == [" ".join(["word"] * 16)] * count
    assert peak < count * size / 10, f"peak {peak} bytes for {count} files of {size} bytes"


def test_generate_yields_before_the_model_finishes(gated) -> None:
    instance, model = gated
    instance.release.clear()
    chunks = legacy(model, "generate_by_bytes", b"go", "text")

    assert next(chunks).outputs[0].data.text.raw == "first"
    instance.release.set()
    assert [c.outputs[0].data.text.raw for c in chunks] == ["released"]


def test_stream_yields_before_the_model_finishes(gated) -> None:
    instance, model = gated
    instance.release.clear()
    replies = legacy(model, "stream_by_bytes", [b"a", b"b"], "text")

    assert next(replies).outputs[0].data.text.raw == "first"
    instance.release.set()
    assert [r.outputs[0].data.text.raw for r in replies] == ["released"]


# -- routing ---------------------------------------------------------------------------------


def test_constructor_routing_is_kept_and_checked_against_the_call(make_model, endpoint) -> None:
    model = make_model("text-llm", deployment_id="test-deployment", deployment_user_id="test-user")
    endpoint.clear_records()
    legacy(model, "predict_by_bytes", b"a", "text", deployment_id="test-deployment")
    legacy(model, "predict_by_bytes", b"a", "text")
    assert [r.runner_selector["deployment"]["id"] for r in endpoint.records] == [
        "test-deployment"
    ] * 2

    with pytest.raises(UserError, match="deployment_id='other' in the call conflicts with"):
        model.predict_by_bytes(b"a", "text", deployment_id="other")
    with pytest.raises(UserError, match=r"Got deployment_id='test-deployment' \(given to Model"):
        model.predict_by_bytes(b"a", "text", "test-cluster", "test-nodepool")


def test_deployment_user_comes_from_getuser_me_through_the_models_stub(make_model, endpoint):
    model = make_model("text-llm")
    endpoint.clear_records()
    legacy(model, "predict_by_bytes", b"a", "text", None, None, "test-deployment")
    legacy(model, "predict_by_bytes", b"a", "text", None, None, "test-deployment")

    users = [r for r in endpoint.control_records if r.rpc == "GetUser"]
    assert [(u.target, u.has_auth) for u in users] == [("me", True)]  # once, authenticated
    assert endpoint.records[-1].runner_selector == {
        "deployment": {"id": "test-deployment", "user_id": "test-user"}
    }


def test_unknown_deployment_is_reported_like_the_sdk_constructor(facade) -> None:
    with pytest.raises(UserError, match="Deployment 'nope' not found for user_id 'test-user'"):
        facade["text-llm"].predict_by_bytes(b"a", "text", deployment_id="nope")


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method", ["predict_by_filepath", "generate_by_filepath", "stream_by_filepath"]
)
@pytest.mark.parametrize("path", ["/no/such/file.txt", "/"])
def test_bad_paths_fail_at_the_call(facade, method, path) -> None:
    with pytest.raises(UserError, match=r"^Invalid filepath\."):
        getattr(facade["text-llm"], method)(path, "text")


def test_an_iterator_that_raises_midway_delivers_earlier_results_then_its_error(facade) -> None:
    def prompts() -> Iterator[bytes]:
        yield b"a b"
        raise ValueError("the user's source broke")

    replies = legacy(facade["text-llm"], "stream_by_bytes", prompts(), "text")
    assert next(replies).outputs[0].data.text.raw == "b a"
    with pytest.raises(ValueError, match="the user's source broke"):
        next(replies)


def test_a_bad_path_midway_is_reported_after_the_earlier_results(facade, endpoint) -> None:
    good = endpoint.fixture_path("hello.txt")
    replies = legacy(facade["text-llm"], "stream_by_filepath", [good, "/missing.txt"], "text")
    assert next(replies).outputs[0].data.text.raw
    with pytest.raises(UserError, match=r"Invalid filepath. '/missing.txt'"):
        next(replies)


def test_an_empty_stream_is_an_error_not_a_hang(facade) -> None:
    replies = legacy(facade["text-llm"], "stream_by_bytes", iter([]), "text")
    with pytest.raises(UserError, match=r"stream_by_bytes\(\) got an empty input_bytes_iterator"):
        next(replies)


@pytest.mark.parametrize(
    ("method", "source", "message"),
    [
        ("predict_by_bytes", b"x", "Model predict failed with response"),
        ("generate_by_bytes", b"x", "Model Generate failed with response"),
        ("stream_by_bytes", [b"x"], "Model Predict failed with response"),
    ],
)
def test_model_failures_raise_the_sdks_exception(facade, method, source, message) -> None:
    with pytest.raises(Exception, match=message) as caught:
        result = legacy(facade["failing"], method, source, "text")
        if not method.startswith("predict"):
            list(result)
    assert "always fails" in str(caught.value)


def test_an_unknown_model_fails_as_in_the_sdk(local_endpoint) -> None:
    with pytest.raises(Exception, match=r"NOT_FOUND|not found|MODEL_DOES_NOT_EXIST"):
        model = Model(
            url=local_endpoint.model_url("no-such-model"),
            base_url=local_endpoint.base_url,
            pat=FAKE_PAT,
        )
        # clarifai < 11.10.0 does not ask at construction: the first legacy call finds out.
        assert not model_checked_at_construction()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LegacyInferenceWarning)
            model.predict_by_bytes(b"x", "text")


@pytest.mark.parametrize(
    ("method", "source"),
    [("predict_by_bytes", b"a b"), ("generate_by_bytes", b"a b"), ("stream_by_bytes", [b"a b"])],
)
def test_a_deploying_model_is_retried_with_the_sdk_back_off(
    deploying_once, endpoint, method, source
):
    model, _ = deploying_once
    result = legacy(model, method, source, "text")
    responses = [result] if method.startswith("predict") else list(result)

    assert "".join(r.outputs[0].data.text.raw for r in responses) == "b a"
    faults = [r.fault for r in endpoint.records if r.served_model_id == "deploying-once"]
    assert faults[0].startswith("status_code=") and not faults[-1]


def test_a_deploying_model_breaks_the_sdk_stream_but_not_the_facade(deploying_once, endpoint):
    model, sdk_model = deploying_once
    expected = ["b a", "d c"]
    # The SDK's retry re-sends the request iterator the first attempt consumed: it fails
    # (12.5.0: "generator raised StopIteration") or, when the first attempt had not yet read
    # every request, answers for what was left.
    try:
        sdk_replies = [
            r.outputs[0].data.text.raw
            for r in sdk_model.stream_by_bytes(iter([b"a b", b"c d"]), "text")
        ]
    except Exception:
        sdk_replies = None
    if sdk_replies == expected:
        pytest.skip("the first attempt read no request before the model answered DEPLOYING")
    endpoint.reset()
    replies = legacy(model, "stream_by_bytes", iter([b"a b", b"c d"]), "text")
    assert [r.outputs[0].data.text.raw for r in replies] == expected


def _client_threads() -> set:
    # The endpoint's own threads (its server pool grows on demand) are named legacy-compat-*.
    return {t for t in threading.enumerate() if not t.name.startswith("legacy-compat")}


def test_a_stream_without_any_answer_fails_instead_of_looping(local_endpoint, make_model):
    # The SDK's stream loop only ends on a first response: with none it re-sends forever.
    local_endpoint.add_model("silent", SilentModel(), model_type_id="text-to-text")
    replies = legacy(make_model("silent"), "stream_by_bytes", [b"a", b"b"], "text")
    with pytest.raises(Exception, match="Model Stream failed with no response"):
        next(replies)

    with grpc.insecure_channel(f"127.0.0.1:{local_endpoint.port}") as channel:  # no RetryStub
        client = ModelClient(stub=InferenceOnlyStub(channel), request_template=_template("silent"))
        replies = legacy_call(client, "stream_by_bytes", [b"a", b"b"], "text")
        with pytest.raises(Exception, match="Model Stream failed with no response"):
            next(replies)


def test_abandoned_streams_leave_no_thread_behind(facade) -> None:
    list(legacy(facade["text-llm"], "stream_by_bytes", [b"warm up"], "text"))
    gc.collect()
    baseline = _client_threads()
    for _ in range(5):
        replies = legacy(
            facade["text-llm"], "stream_by_bytes", (b"x y" for _ in range(100)), "text"
        )
        next(replies)
        replies.close()
        chunks = legacy(facade["text-llm"], "generate_by_bytes", b"a b c d", "text")
        next(chunks)
        del replies, chunks
    deadline = time.monotonic() + 5
    while _client_threads() - baseline and time.monotonic() < deadline:
        gc.collect()
        time.sleep(0.05)
    assert _client_threads() - baseline == set()


# -- bare clients and SDK instances ----------------------------------------------------------


def _template(model_id: str) -> service_pb2.PostModelOutputsRequest:
    return service_pb2.PostModelOutputsRequest(
        user_app_id=resources_pb2.UserAppIDSet(user_id="test-user", app_id="test-app"),
        model_id=model_id,
    )


def test_the_nine_run_on_a_bare_model_client_without_control_plane(local_endpoint) -> None:
    channel = grpc.insecure_channel(f"127.0.0.1:{local_endpoint.port}")
    try:
        client = ModelClient(
            stub=InferenceOnlyStub(channel), request_template=_template("text-llm")
        )
        reply = legacy_call(client, "predict_by_bytes", b"one two")  # type from the signature
        assert reply.outputs[0].data.text.raw == "two one"
        chunks = legacy_call(
            client,
            "generate_by_bytes",
            b"one two",
            deployment_id="test-deployment",
            user_id="test-user",
        )
        assert "".join(c.outputs[0].data.text.raw for c in chunks) == "two one"
        assert local_endpoint.records[-1].runner_selector["deployment"]["user_id"] == "test-user"
        with pytest.raises(UserError, match=r"has no control plane\. Pass user_id="):
            LEGACY_IMPLEMENTATIONS["predict_by_bytes"](client, b"x", deployment_id="d")
    finally:
        channel.close()


def test_the_nine_run_on_an_sdk_model_instance(sdk, endpoint) -> None:
    model: SDKModel = sdk["image-to-text"]
    chunks = legacy_call(model, "generate_by_url", endpoint.fixture_url("dog.jpg"))
    assert "".join(c.outputs[0].data.text.raw for c in chunks).startswith("a ")
    assert endpoint.records[-1].method_name == "generate"


def test_legacy_calls_stay_synchronous_inside_a_running_event_loop(facade) -> None:
    # The SDK's pythonic methods return coroutines inside a running loop; legacy code that
    # calls predict_by_* from an async function still gets a response.
    async def handler() -> Any:
        return legacy(facade["text-llm"], "predict_by_bytes", b"one two", "text")

    response = asyncio.run(handler())
    assert response.outputs[0].data.text.raw == "two one"


def test_predict_output_config_reaches_the_endpoint_as_the_sdk_sends_it(facade, sdk, endpoint):
    config = {"max_concepts": 2, "min_value": 0.25}
    url = endpoint.fixture_url("cat.png")
    sdk["image-classifier"].predict_by_url(url, "image", output_config=config)
    legacy(facade["image-classifier"], "predict_by_url", url, "image", output_config=config)

    sent, ours = endpoint.records
    assert sent.output_config == ours.output_config == config


def test_a_failed_signature_fetch_is_retried_by_the_next_call(make_model, endpoint) -> None:
    model = make_model("text-llm")
    failure = status_code_pb2.FAILURE
    endpoint.inject_fault("text-llm", rpc="GetModelVersion", status_code=failure)
    endpoint.inject_fault("text-llm", rpc="PostModelOutputs", status_code=failure)  # the probe
    # No signatures from either source: this call takes the proto path, as the SDK's did ...
    first = legacy(model, "predict_by_bytes", b"a b", "text")
    # ... and the next one asks again, and is pythonic.
    second = legacy(model, "predict_by_bytes", b"a b", "text")

    assert first.outputs[0].data.text.raw == second.outputs[0].data.text.raw == "b a"
    assert [r.method_name for r in endpoint.records] == ["_GET_SIGNATURES", "", "predict"]


_CONSTRUCTOR_ROUTING = """
import sys, warnings
from legacy_compat import LegacyInferenceWarning, Model
warnings.simplefilter("ignore", LegacyInferenceWarning)
url, base_url, pat = sys.argv[1:]
model = Model(url=url, base_url=base_url, pat=pat, deployment_id="test-deployment")
print(model.predict_by_bytes(b"one two", "text").outputs[0].data.text.raw)
"""


def test_constructor_routing_looks_up_the_user_on_the_models_own_endpoint(local_endpoint) -> None:
    # The SDK's default base (read from CLARIFAI_API_BASE at import) is a closed loopback port:
    # the SDK's own lookup would retry it for about 50 s; ours never goes there.
    env = {**os.environ, "CLARIFAI_API_BASE": "http://127.0.0.1:9"}
    local_endpoint.reset()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CONSTRUCTOR_ROUTING,
            local_endpoint.model_url("text-llm"),
            local_endpoint.base_url,
            FAKE_PAT,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "two one"
    assert local_endpoint.records[-1].runner_selector == {
        "deployment": {"id": "test-deployment", "user_id": "test-user"}
    }
    assert ("GetUser", "me") in [(c.rpc, c.target) for c in local_endpoint.control_records]
