"""The SDK's own ``Model``, built by URL, against the local endpoint's reference models.

Pythonic ``predict`` / ``generate`` / ``stream`` and the SDK's own legacy ``*_by_*`` methods,
with the records checked for what went over the wire.
"""

from __future__ import annotations

import grpc
import pytest
from clarifai.client.user import User
from clarifai.errors import UserError
from clarifai.runners.utils.data_types import Audio, Image, Video
from clarifai_grpc.grpc.api import service_pb2, service_pb2_grpc
from clarifai_grpc.grpc.api.status import status_code_pb2
from endpoint_test_models import Shout

from legacy_compat.sdk_support import (
    model_checked_at_construction,
    routing_checked_at_construction,
)
from legacy_compat.testing import FAKE_PAT
from legacy_compat.testing.reference_models import caption, classify, transcript


def _bytes(endpoint, name):
    return endpoint.fixture_path(name).read_bytes()


# -- text-llm: the three pythonic call kinds ---------------------------------------------------
def test_pythonic_predict_sends_parameters_as_inputs(endpoint, sdk_model):
    model = sdk_model("text-llm")
    assert model.predict(prompt="one two three", max_tokens=2) == "three two"
    assert model.predict("one two three", temperature=0.7) == "three two one [temperature=0.7]"
    first, second = endpoint.records
    assert (first.rpc, first.model_id, first.served_model_id) == (
        "PostModelOutputs",
        "text-llm",
        "text-llm",
    )
    assert first.method_name == "predict"
    assert first.user_id == "test-user" and first.app_id == "test-app"
    assert first.version_id == ""
    assert first.has_auth
    assert first.runner_selector == {} and first.inference_params == {}
    parts = {p.id: p.data for p in first.inputs[0].data.parts}
    assert parts["prompt"].string_value == "one two three"
    assert parts["max_tokens"].int_value == 2
    assert {p.id for p in second.inputs[0].data.parts} == {"prompt", "temperature"}


def test_pythonic_predict_reports_token_counts(sdk_model):
    _, response = sdk_model("text-llm").predict(prompt="a b c d", max_tokens=3, with_proto=True)
    assert response.outputs[0].prompt_tokens == 4
    assert response.outputs[0].completion_tokens == 3


def test_pythonic_generate_yields_word_by_word(endpoint, sdk_model):
    chunks = list(sdk_model("text-llm").generate(prompt="alpha beta gamma", temperature=0.5))
    assert chunks == ["gamma", " beta", " alpha", " [temperature=0.5]"]
    (record,) = endpoint.records
    assert record.rpc == "GenerateModelOutputs" and record.method_name == "generate"


def test_pythonic_stream_records_every_request_message(endpoint, sdk_model):
    replies = list(sdk_model("text-llm").stream(iter(["a b c", "d e", "f"]), max_tokens=2))
    assert replies == ["c b", "e d", "f"]
    records = endpoint.records
    assert [r.rpc for r in records] == ["StreamModelOutputs"] * 3
    assert [r.method_name for r in records] == ["stream", "stream", "stream"]
    assert [r.inputs[0].data.parts[0].data.string_value for r in records] == ["a b c", "d e", "f"]


# -- the SDK's own legacy methods ---------------------------------------------------------------
def test_legacy_predict_by_bytes_detects_the_input_type_and_answers_old_format(endpoint, sdk_model):
    image = _bytes(endpoint, "cat.png")
    response = sdk_model("image-classifier").predict_by_bytes(image)
    assert response.status.code == status_code_pb2.SUCCESS
    names = [c.name for c in response.outputs[0].data.concepts]  # old format: data.concepts
    assert names == [c.name for c in classify(image)]
    (record,) = endpoint.records
    assert record.method_name == ""  # a legacy request carries no _method_name
    assert record.inputs[0].data.image.base64 == image
    looked_up = [(c.rpc, c.target) for c in endpoint.control_records]
    assert ("GetModelType", "visual-classifier") in looked_up


def test_legacy_predict_by_url_sends_the_url_and_the_runner_downloads_it(endpoint, sdk_model):
    url = endpoint.fixture_url("dog.jpg")
    response = sdk_model("image-classifier").predict_by_url(url)
    expected = [c.name for c in classify(_bytes(endpoint, "dog.jpg"))]
    assert [c.name for c in response.outputs[0].data.concepts] == expected
    sent = endpoint.records[0].inputs[0].data.image
    assert sent.url == url and sent.base64 == b""  # recorded before the runner's download


def test_legacy_inference_params_reach_the_request_but_not_a_pythonic_model(endpoint, sdk_model):
    # Characterises clarifai 12.5.0: legacy params travel in model.model_version.output_info
    # and the pythonic runner does not read them, so the reply is not shortened.
    model = sdk_model("text-llm")
    response = model.predict_by_bytes(
        b"one two three", inference_params={"max_tokens": 1}, output_config={"max_concepts": 3}
    )
    assert response.outputs[0].data.text.raw == "three two one"
    (record,) = endpoint.records
    assert record.inference_params == {"max_tokens": 1.0}
    assert record.output_config == {"max_concepts": 3}
    assert record.inputs[0].data.text.raw == "one two three"


def test_legacy_generate_and_stream_by_bytes(endpoint, sdk_model):
    model = sdk_model("text-llm")
    chunks = [r.outputs[0].data.text.raw for r in model.generate_by_bytes(b"x y z")]
    assert chunks == ["z", " y", " x"]
    replies = [r.outputs[0].data.text.raw for r in model.stream_by_bytes(iter([b"a b"]))]
    assert replies == ["b a"]
    assert [(r.rpc, r.method_name) for r in endpoint.records] == [
        ("GenerateModelOutputs", ""),
        ("StreamModelOutputs", ""),
    ]


def test_legacy_stream_of_images_converts_every_item(endpoint, sdk_model):
    images = [_bytes(endpoint, "cat.png"), _bytes(endpoint, "dog.jpg")]
    responses = sdk_model("image-to-text").stream_by_bytes(iter(images))
    assert [r.outputs[0].data.text.raw for r in responses] == [caption(i) for i in images]


def test_legacy_stream_of_texts_fails_from_the_second_item(endpoint, sdk_model):
    # Characterises the SDK's runner (12.5.0): only the first request of a stream is converted
    # from the old format; a later text.raw is not read as the str stream item, while images,
    # audio and video are (they are found "inlined"). The facade must not rely on it.
    responses = sdk_model("text-llm").stream_by_bytes(iter([b"a b", b"c d"]))
    with pytest.raises(Exception, match="FAILURE"):
        list(responses)
    assert len(endpoint.records) == 2


def test_legacy_text_url_is_downloaded_by_the_runner(endpoint, sdk_model):
    response = sdk_model("text-llm").predict_by_url(endpoint.fixture_url("hello.txt"))
    words = _bytes(endpoint, "hello.txt").decode().split()
    assert response.outputs[0].data.text.raw == " ".join(reversed(words))


# -- the other reference models -------------------------------------------------------------
def test_image_to_text_generate_and_stream_with_url_inputs(endpoint, sdk_model):
    model = sdk_model("image-to-text")
    cat, dog = (Image(url=endpoint.fixture_url(n)) for n in ("cat.png", "dog.jpg"))
    expected_cat = caption(_bytes(endpoint, "cat.png"))
    assert "".join(model.generate(image=cat)) == expected_cat
    assert list(model.stream(iter([cat, dog]))) == [
        expected_cat,
        caption(_bytes(endpoint, "dog.jpg")),
    ]
    assert endpoint.records[0].inputs[0].data.parts[0].data.image.url.endswith("/cat.png")


def test_audio_pythonic_and_legacy_url(endpoint, sdk_model):
    model = sdk_model("audio-transcriber")
    expected = transcript(_bytes(endpoint, "tone.wav"))
    assert model.predict(audio=Audio(bytes=_bytes(endpoint, "tone.wav"))) == expected
    response = model.predict_by_url(endpoint.fixture_url("tone.wav"))
    assert response.outputs[0].data.text.raw == expected


def test_video_frames_pythonic_and_legacy_shape(endpoint, sdk_model):
    model = sdk_model("video-frames")
    clip = _bytes(endpoint, "clip.mp4")
    frames = model.predict(video=Video(bytes=clip))
    assert [f.index for f in frames] == [0, 1, 2, 3]
    legacy = model.predict_by_bytes(clip).outputs[0].data.frames  # the old data.frames
    assert [f.frame_info.time for f in legacy] == [0, 1000, 2000, 3000]
    assert [f.data.concepts[0].name for f in legacy] == [
        f.proto.data.concepts[0].name for f in frames
    ]


def test_multimodal_pythonic_and_legacy_refusal(endpoint, sdk_model):
    model = sdk_model("multimodal")
    image = Image(bytes=_bytes(endpoint, "cat.png"))
    reply = model.predict(prompt="what is this", image=image)
    assert reply == f"this is what | {caption(_bytes(endpoint, 'cat.png'))}"
    with pytest.raises(UserError, match="multiple input types"):
        model.predict_by_bytes(b"what is this")


def test_legacy_detector_answers_old_format_at_the_proto_level(endpoint, sdk_model):
    image = _bytes(endpoint, "cat.png")
    response = sdk_model("legacy-detector").predict_by_filepath(
        str(endpoint.fixture_path("cat.png"))
    )
    data = response.outputs[0].data
    assert [c.name for c in data.concepts] == [c.name for c in classify(image)]
    box = data.regions[0].region_info.bounding_box
    assert box.bottom_row - box.top_row == pytest.approx(0.5)
    assert data.embeddings[0].num_dimensions == 8
    assert response.status.code == status_code_pb2.SUCCESS


def test_legacy_detector_is_non_pythonic_to_the_sdk(endpoint, sdk_model):
    model = sdk_model("legacy-detector")
    with pytest.raises(Exception, match="non-pythonic model"):
        model.predict(image=Image(bytes=b"anything"))
    looked_up = [c.rpc for c in endpoint.control_records]
    assert "GetModelVersion" in looked_up  # no signatures there, so the SDK probed the model
    # The SDK probes twice: once after the empty GetModelVersion, once more in its except.
    assert [r.method_name for r in endpoint.records] == ["_GET_SIGNATURES"] * 2


def test_failing_model_answers_failure(endpoint, sdk_model):
    with pytest.raises(Exception, match="FAILURE") as raised:
        sdk_model("failing").predict(prompt="boom")
    assert "always fails" in str(raised.value)


def test_deploying_model_answers_deploying_for_its_first_two_calls(endpoint, sdk_model):
    assert sdk_model("deploying-llm").predict(prompt="a b") == "b a"  # the SDK retried twice
    assert [r.fault != "" for r in endpoint.records] == [True, True, False]


# -- routing, ids and the control plane -------------------------------------------------------
def test_deployment_routing_is_validated_and_recorded(endpoint, sdk_model):
    model = sdk_model("text-llm", deployment_id="test-deployment", deployment_user_id="test-user")
    assert model.predict(prompt="x y") == "y x"
    assert endpoint.records[-1].runner_selector == {
        "deployment": {"id": "test-deployment", "user_id": "test-user"}
    }
    validated = ("GetDeployment", "test-deployment") in [
        (c.rpc, c.target) for c in endpoint.control_records
    ]
    # clarifai 11.10.2 started checking the deployment when the Model is created.
    assert validated is routing_checked_at_construction()


def test_nodepool_routing_is_recorded(endpoint, sdk_model):
    model = sdk_model(
        "text-llm",
        compute_cluster_id="test-cluster",
        nodepool_id="test-nodepool",
        deployment_user_id="test-user",
    )
    model.predict(prompt="x")
    assert endpoint.records[-1].runner_selector == {
        "nodepool": {
            "id": "test-nodepool",
            "compute_cluster": {"id": "test-cluster", "user_id": "test-user"},
        }
    }


def test_unknown_deployment_is_refused(sdk_model):
    if routing_checked_at_construction():
        with pytest.raises(UserError, match="Deployment 'nope' not found"):
            sdk_model("text-llm", deployment_id="nope", deployment_user_id="test-user")
        return
    # Older SDKs build the selector without asking; the endpoint refuses the inference call.
    model = sdk_model("text-llm", deployment_id="nope", deployment_user_id="test-user")
    with pytest.raises(Exception, match="DEPLOYMENT_DOES_NOT_EXIST"):
        model.predict(prompt="x")


def test_get_user_me_is_the_default_user(endpoint):
    user = User(user_id="me", base_url=endpoint.base_url, pat=FAKE_PAT)
    assert user.get_user_info(user_id="me").user.id == "test-user"


def test_unknown_model_gets_model_does_not_exist_naming_it(sdk_model):
    with pytest.raises(Exception, match="MODEL_DOES_NOT_EXIST") as raised:
        model = sdk_model("no-such-model")
        if not model_checked_at_construction():  # clarifai < 11.10.0 asks on first use
            model.load_info()
    assert "no-such-model" in str(raised.value)


def test_unknown_version_is_refused_and_the_real_one_served(endpoint):
    from clarifai.client.model import Model

    base = endpoint.model_url("text-llm")
    with pytest.raises(Exception, match="MODEL_DOES_NOT_EXIST") as raised:
        stale = Model(url=f"{base}/versions/deadbeef", base_url=endpoint.base_url, pat=FAKE_PAT)
        if not model_checked_at_construction():  # clarifai < 11.10.0 asks on first use
            stale.load_info()
    assert "deadbeef" in str(raised.value)
    version = endpoint.version_id("text-llm")
    model = Model(url=f"{base}/versions/{version}", base_url=endpoint.base_url, pat=FAKE_PAT)
    assert model.predict(prompt="v") == "v"
    assert endpoint.records[-1].version_id == version


def test_alias_routes_a_hard_coded_model_url(endpoint):
    from clarifai.client.model import Model

    endpoint.add_alias("clarifai/main/general-image-recognition", "image-classifier")
    model = Model(
        url="https://clarifai.com/clarifai/main/models/general-image-recognition",
        base_url=endpoint.base_url,
        pat=FAKE_PAT,
    )
    response = model.predict_by_url(endpoint.fixture_url("cat.png"))
    assert response.outputs[0].data.concepts[0].name == "png-32x24"
    record = endpoint.records[-1]
    assert (record.user_id, record.app_id, record.model_id) == (
        "clarifai",
        "main",
        "general-image-recognition",
    )
    assert record.served_model_id == "image-classifier"


def test_alias_to_an_unknown_model_is_refused(endpoint):
    with pytest.raises(KeyError, match="no-such-model"):
        endpoint.add_alias("someone/app/model", "no-such-model")


def test_a_request_without_credentials_is_recorded_as_such(endpoint):
    with grpc.insecure_channel(f"127.0.0.1:{endpoint.port}") as channel:
        stub = service_pb2_grpc.V2Stub(channel)
        request = service_pb2.PostModelOutputsRequest(model_id="text-llm")
        request.user_app_id.user_id, request.user_app_id.app_id = "test-user", "test-app"
        request.inputs.add().data.text.raw = "no auth here"
        response = stub.PostModelOutputs(request, timeout=10)
    assert response.outputs[0].data.text.raw == "here auth no"
    assert endpoint.records[-1].has_auth is False


def test_add_model_serves_your_own_model_class_in_another_app(endpoint):
    from clarifai.client.model import Model

    url = endpoint.add_model(
        "shout-1", Shout(), model_type_id="text-to-text", user_id="someone", app_id="tools"
    )
    assert url == "https://clarifai.com/someone/tools/models/shout-1"
    model = Model(url=url, base_url=endpoint.base_url, pat=FAKE_PAT)
    assert model.predict(text="hey") == "HEY"
    assert model.predict_by_bytes(b"legacy").outputs[0].data.text.raw == "LEGACY"


def test_a_request_that_names_no_model_is_told_so(endpoint):
    # e.g. ModelClient.from_local_grpc(port), made for a one-model server, sends no ids
    with grpc.insecure_channel(f"127.0.0.1:{endpoint.port}") as channel:
        stub = service_pb2_grpc.V2Stub(channel)
        request = service_pb2.PostModelOutputsRequest()
        request.inputs.add().data.text.raw = "hello"
        response = stub.PostModelOutputs(request, timeout=10)
    assert response.status.code == status_code_pb2.MODEL_DOES_NOT_EXIST
    assert "names no model" in response.status.description
