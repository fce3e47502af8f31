"""Parity with the SDK's own legacy methods (issue 11): values, input types, signatures, sites.

"Native" is the SDK's ``Model`` making the same legacy call on the same endpoint. Where the
SDK's method works, the facade must work too and return the same data; where a value cannot
be sent, the facade says which parameter, which value and which type.
"""

from __future__ import annotations

import os
import warnings
from typing import Any, Dict, List

import grpc
import pytest
from clarifai.errors import UserError
from clarifai_grpc.grpc.api.status import status_code_pb2
from facade_helpers import InferenceOnlyStub, legacy, legacy_call
from facade_parity_models import (
    AllOptionalModel,
    ImageFirstModel,
    ProbeRefusingDetector,
    TypedParamsModel,
)

from legacy_compat.deprecation import LegacyInferenceWarning
from legacy_compat.testing.reference_models import LegacyDetector

PROBE_FAILURES = {
    "FAILURE": status_code_pb2.FAILURE,
    "MODEL_PREDICTION_FAILED": status_code_pb2.MODEL_PREDICTION_FAILED,
    "INPUT_INVALID_ARGUMENT": status_code_pb2.INPUT_INVALID_ARGUMENT,
}


@pytest.fixture(scope="module")
def parity(local_endpoint, make_model) -> Dict[str, Any]:
    """Served once per module: model id -> (facade model factory, SDK model factory)."""
    served = {
        "parity-image-first": (ImageFirstModel(), "image-to-text"),
        "parity-optional-text": (AllOptionalModel(), "text-to-text"),
        "parity-optional-multi": (AllOptionalModel(), "multimodal-to-text"),
        "parity-typed": (TypedParamsModel(), "text-to-text"),
        "parity-legacy-multi": (LegacyDetector(), "multimodal-to-text"),
        **{
            f"parity-probe-{name.lower()}": (ProbeRefusingDetector(code), "visual-detector")
            for name, code in PROBE_FAILURES.items()
        },
    }
    for model_id, (instance, model_type) in served.items():
        local_endpoint.add_model(model_id, instance, model_type_id=model_type)
    return {
        model_id: (lambda m=model_id: make_model(m), lambda m=model_id: make_model(m, sdk=True))
        for model_id in served
    }


def data_of(response: Any) -> List[Any]:
    """What a legacy caller reads: status, and each output's status and data."""
    return [response.status.code] + [(o.status.code, o.data) for o in response.outputs]


def sent_params(endpoint) -> List[Dict[str, Any]]:
    return [r.inference_params for r in endpoint.records]


# -- 1. every call sends its own values ------------------------------------------------------


def test_equal_but_different_values_are_each_sent_as_given(make_model, endpoint) -> None:
    model = make_model("text-llm")
    for value in (True, 1, 1.0, {}, [], {"k": 1}):
        legacy(model, "predict_by_bytes", b"a b", "text", {"extra": value})

    # A Struct carries bools and numbers apart (1 and 1.0 are both numbers), {} and [] apart.
    assert sent_params(endpoint) == [
        {"extra": True},
        {"extra": 1.0},
        {"extra": 1.0},
        {"extra": {}},
        {"extra": []},
        {"extra": {"k": 1.0}},
    ]


def test_a_mutated_value_is_sent_as_it_is_at_each_call(parity, make_model, endpoint) -> None:
    model = make_model("text-llm")
    config: Dict[str, Any] = {"options": {"level": 1}}
    legacy(model, "predict_by_bytes", b"a b", "text", config)
    config["options"]["level"] = 2
    legacy(model, "predict_by_bytes", b"a b", "text", config)
    config["options"] = {"level": 1}
    legacy(model, "predict_by_bytes", b"a b", "text", config)
    assert [p["options"]["level"] for p in sent_params(endpoint)] == [1.0, 2.0, 1.0]

    typed = parity["parity-typed"][0]()
    stop = ["a"]
    first = legacy(typed, "predict_by_bytes", b"p", "text", {"stop": stop})
    stop.append("b")  # the caller reuses its list...
    legacy(typed, "predict_by_bytes", b"p", "text", {"stop": stop})
    again = legacy(typed, "predict_by_bytes", b"p", "text", {"stop": ["a"]})  # ...and a new one

    assert first.outputs[0].data.text.raw == again.outputs[0].data.text.raw
    assert again.outputs[0].data.text.raw.endswith("stop=['a']:list")


def test_a_failed_call_does_not_make_a_later_valid_call_fail(parity, endpoint) -> None:
    model = parity["parity-typed"][0]()
    with pytest.raises(UserError, match=r"inference_params\['label'\]=\[\] is not a valid STR"):
        model.predict_by_bytes(b"p", "text", {"label": []})

    replies = [
        legacy(model, "predict_by_bytes", b"p", "text", params).outputs[0].data.text.raw
        for params in ({"stop": []}, {"n": True}, {"n": 1}, {"n": 3.0}, {"label": "x"})
    ]

    assert replies == [
        "p | n=1:int ratio=0.5:float flag=False:bool label='none':str stop=[]:list",
        "p | n=1:int ratio=0.5:float flag=False:bool label='none':str stop=[]:list",
        "p | n=1:int ratio=0.5:float flag=False:bool label='none':str stop=[]:list",
        "p | n=3:int ratio=0.5:float flag=False:bool label='none':str stop=[]:list",
        "p | n=1:int ratio=0.5:float flag=False:bool label='x':str stop=[]:list",
    ]


def test_cached_plans_hold_no_caller_values(parity) -> None:
    model = parity["parity-typed"][0]()
    stop = ["a"]
    legacy(model, "predict_by_bytes", b"p", "text", {"stop": stop, "extra": {"k": stop}})
    (plan,) = vars(model)["_legacy_compat_target"].plans.values()

    def reachable(value: Any, seen: set) -> bool:
        if value is stop:
            return True
        if id(value) in seen or isinstance(value, (str, bytes, int, float, type(None))):
            return False
        seen.add(id(value))
        children = list(value.values()) if isinstance(value, dict) else []
        if isinstance(value, (list, tuple)):
            children = list(value)
        elif hasattr(value, "__dataclass_fields__"):
            children = [getattr(value, f) for f in value.__dataclass_fields__ if f != "target"]
        return any(reachable(child, seen) for child in children)

    assert not reachable(plan, set())


# -- 2. input types detected as the SDK does -------------------------------------------------


def test_one_required_input_decides_where_the_sdk_reads_the_model_type(parity, endpoint):
    facade, sdk = (make() for make in parity["parity-image-first"])
    url = endpoint.fixture_url("cat.png")

    expected = sdk.predict_by_url(url)
    got = legacy(facade, "predict_by_url", url)

    assert data_of(got) == data_of(expected)
    assert got.outputs[0].data.text.raw.startswith("describe: a ")


def test_an_all_optional_signature_falls_back_to_the_model_type(parity, endpoint) -> None:
    facade, sdk = (make() for make in parity["parity-optional-text"])

    expected = sdk.predict_by_bytes(b"hello there")
    got = legacy(facade, "predict_by_bytes", b"hello there")

    assert data_of(got) == data_of(expected)
    assert got.outputs[0].data.text.raw == "prompt='hello there' image=none"


@pytest.mark.parametrize("model_id", ["parity-optional-multi", "parity-legacy-multi"])
def test_an_earlier_explicit_input_type_is_reused(parity, endpoint, model_id) -> None:
    facade, sdk = (make() for make in parity[model_id])
    url = endpoint.fixture_url("cat.png")
    for model in (facade, sdk):  # two input fields: without a hint both refuse
        with pytest.raises(UserError, match="Model has multiple input types"):
            model.predict_by_url(url)

    expected = [sdk.predict_by_url(url, "image"), sdk.predict_by_url(url)]
    got = [legacy(facade, "predict_by_url", url, "image"), legacy(facade, "predict_by_url", url)]

    assert [data_of(r) for r in got] == [data_of(r) for r in expected]
    assert facade.input_types == sdk.input_types == ["image"]


# -- 3. parameter values the SDK accepts -----------------------------------------------------


@pytest.mark.parametrize(
    ("params", "reply"),
    [
        ({"max_tokens": None}, "three two one"),
        ({"temperature": None, "max_tokens": 2}, "three two"),
        ({"max_tokens": 2.0}, "three two"),
        ({"max_tokens": "2"}, "three two"),
    ],
)
def test_values_the_sdk_accepts_are_accepted(params, reply, facade, sdk) -> None:
    native = sdk["text-llm"].predict_by_bytes(b"one two three", "text", params)
    got = legacy(facade["text-llm"], "predict_by_bytes", b"one two three", "text", params)

    assert native.status.code == got.status.code == status_code_pb2.SUCCESS
    assert got.outputs[0].data.text.raw == reply  # bound to the method, as model.predict does


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"label": ["a"]}, r"\['label'\]=\['a'\] is not a valid STR .*label \(got list\)"),
        ({"n": 2**70}, r"\['n'\]=1180591620717411303424 is not a valid INT .*\(got int\)"),
        ({"n": 2.5}, r"\['n'\]=2\.5 is not a valid INT .*\(got float\); pass an int"),
        ({"flag": "maybe"}, r"\['flag'\]='maybe' is not a valid BOOL .*pass a bool"),
        ({1: "x"}, r"inference_params key 1 is a int: .* every key must be a str"),
        ({"extra": {2: 3}}, r"\['extra'\]=\{2: 3\} \(dict\) cannot be sent as a request param"),
        ({"extra": b"x"}, r"\['extra'\]=b'x' \(bytes\) cannot be sent .* must be a JSON value"),
    ],
)
def test_values_that_cannot_be_sent_are_named(params, match, parity, endpoint) -> None:
    model = parity["parity-typed"][0]()
    with pytest.raises(UserError, match=match):
        model.predict_by_bytes(b"p", "text", params)
    assert endpoint.records == []  # refused before anything was sent


# -- 4. models without method signatures -----------------------------------------------------


@pytest.mark.parametrize("status", PROBE_FAILURES)
def test_a_model_that_fails_the_probe_is_served_like_the_sdk(parity, endpoint, status) -> None:
    facade, sdk = (make() for make in parity[f"parity-probe-{status.lower()}"])
    image = endpoint.fixture_path("cat.png").read_bytes()

    expected = sdk.predict_by_bytes(image, "image")
    got = legacy(facade, "predict_by_bytes", image)  # type from the model type, as the SDK

    assert data_of(got) == data_of(expected)
    assert got.outputs[0].data.regions
    assert [r.method_name for r in endpoint.records] == ["", ""]  # no _GET_SIGNATURES probe
    assert "GetModelVersion" in [c.rpc for c in endpoint.control_records]


def test_a_bare_client_whose_probe_fails_takes_the_proto_path(parity, local_endpoint) -> None:
    from clarifai.client.model_client import ModelClient
    from clarifai_grpc.grpc.api import resources_pb2, service_pb2

    template = service_pb2.PostModelOutputsRequest(
        user_app_id=resources_pb2.UserAppIDSet(user_id="test-user", app_id="test-app"),
        model_id="parity-probe-failure",
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{local_endpoint.port}")
    try:
        client = ModelClient(stub=InferenceOnlyStub(channel), request_template=template)
        image = local_endpoint.fixture_path("cat.png").read_bytes()
        reply = legacy_call(client, "predict_by_bytes", image, "image")
        assert reply.outputs[0].data.regions
    finally:
        channel.close()


# -- 6. one warning per call site -------------------------------------------------------------


def test_a_call_site_warns_once_whatever_its_values(facade) -> None:
    model = facade["text-llm"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LegacyInferenceWarning)
        for step in range(1000):
            model.predict_by_bytes(b"a b", "text", {"temperature": step / 1000, "top_p": step})
    assert len(caught) == 1000
    assert len({str(w.message) for w in caught}) == 1

    globals().pop("__warningregistry__", None)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("default", LegacyInferenceWarning)
        for step in range(200):
            model.predict_by_bytes(b"a b", "text", {"temperature": step / 1000})
    entries = [k for k in globals().get("__warningregistry__", {}) if k != "version"]
    assert len(entries) == 1  # the registry holds the site once, not once per value


# -- 7. inputs the SDK accepts -----------------------------------------------------------------


@pytest.mark.parametrize("method", ["predict_by_filepath", "generate_by_filepath"])
def test_a_bytes_path_is_accepted_like_the_sdk(method, facade, sdk, endpoint) -> None:
    path = os.fsencode(endpoint.fixture_path("dog.jpg"))

    native = getattr(sdk["image-to-text"], method)(path, "image")
    got = legacy(facade["image-to-text"], method, path, "image")

    if method.startswith("generate"):
        native, got = list(native), list(got)
        assert [data_of(r) for r in got] == [data_of(r) for r in native]
    else:
        assert data_of(got) == data_of(native)


def test_a_bytes_path_streams_as_one_file(facade, endpoint) -> None:
    path = os.fsencode(endpoint.fixture_path("dog.jpg"))
    replies = list(legacy(facade["image-to-text"], "stream_by_filepath", path, "image"))
    assert len(replies) == 1 and replies[0].outputs[0].data.text.raw.startswith("a ")


@pytest.mark.parametrize(
    ("method", "source"),
    [("predict_by_url", "{u}"), ("generate_by_url", "{u}"), ("stream_by_url", ["{u}"])],
)
def test_a_text_url_to_a_str_parameter_fails_before_warning_or_sending(method, source, facade):
    url = "https://example.invalid/question.txt"
    value = [url] if isinstance(source, list) else url
    with warnings.catch_warnings():
        warnings.simplefilter("error", LegacyInferenceWarning)  # no warning promises anything
        with pytest.raises(UserError, match=r"A text URL cannot be passed to parameter .*: STR"):
            getattr(facade["text-llm"], method)(value, "text")
