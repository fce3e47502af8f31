"""``inject_fault``: the routing layer's faults, seen through the SDK's own client.

(The facade's behaviour under faults is tested with the facade; this checks the mechanism.)
"""

from __future__ import annotations

import grpc
import pytest
from clarifai_grpc.grpc.api.status import status_code_pb2

from legacy_compat.testing import Fault


def test_status_fault_applies_for_the_given_number_of_calls(endpoint, sdk_model):
    model = sdk_model("text-llm")
    endpoint.inject_fault("text-llm", status_code=status_code_pb2.INTERNAL_UNCATEGORIZED, times=2)
    for _ in range(2):
        with pytest.raises(Exception, match="INTERNAL_UNCATEGORIZED"):
            model.predict(prompt="a")
    assert model.predict(prompt="a b") == "b a"
    assert [r.fault for r in endpoint.records] == [
        f"status_code={status_code_pb2.INTERNAL_UNCATEGORIZED}"
    ] * 2 + [""]
    assert endpoint.pending_faults("text-llm") == []


def test_grpc_fault_aborts_the_call(endpoint, sdk_model):
    endpoint.inject_fault("text-llm", rpc="PostModelOutputs", grpc_code="PERMISSION_DENIED")
    with pytest.raises(grpc.RpcError) as raised:
        sdk_model("text-llm").predict(prompt="a")
    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_fault_on_one_rpc_leaves_the_others_alone(endpoint, sdk_model):
    model = sdk_model("text-llm")
    endpoint.inject_fault("text-llm", rpc="StreamModelOutputs", grpc_code="INTERNAL")
    assert model.predict(prompt="a b") == "b a"
    assert list(model.generate(prompt="a b")) == ["b", " a"]
    assert len(endpoint.pending_faults("text-llm")) == 1


def test_delay_fault_answers_late_and_is_recorded(endpoint, sdk_model):
    endpoint.inject_fault("text-llm", delay_s=0.2)
    assert sdk_model("text-llm").predict(prompt="slow reply") == "reply slow"
    assert endpoint.records[-1].fault == "delay_s=0.2"


def test_cut_stream_lets_k_responses_through_then_aborts(endpoint, sdk_model):
    endpoint.inject_fault("text-llm", cut_stream_after=2, grpc_code="DATA_LOSS")
    received = []
    with pytest.raises(grpc.RpcError) as raised:
        for chunk in sdk_model("text-llm").generate(prompt="one two three four"):
            received.append(chunk)
    assert received == ["four", " three"]
    assert raised.value.code() == grpc.StatusCode.DATA_LOSS


def test_fault_on_get_model_version_sends_the_sdk_to_its_backup_fetch(endpoint, sdk_model):
    model = sdk_model("text-llm")
    endpoint.inject_fault(
        "text-llm", rpc="GetModelVersion", status_code=status_code_pb2.MODEL_DOES_NOT_EXIST
    )
    assert model.predict(prompt="x y") == "y x"  # signatures came from the model itself
    assert [r.method_name for r in endpoint.records] == ["_GET_SIGNATURES", "predict"]


def test_aliases_share_the_served_models_faults(endpoint):
    from clarifai.client.model import Model

    from legacy_compat.testing import FAKE_PAT

    endpoint.add_alias("someone/else/llm-alias", "text-llm")
    endpoint.inject_fault("text-llm", status_code=status_code_pb2.INTERNAL_UNCATEGORIZED)
    model = Model(
        url="https://clarifai.com/someone/else/models/llm-alias",
        base_url=endpoint.base_url,
        pat=FAKE_PAT,
    )
    with pytest.raises(Exception, match="INTERNAL_UNCATEGORIZED"):
        model.predict_by_bytes(b"p q")
    assert model.predict_by_bytes(b"p q").outputs[0].data.text.raw == "q p"
    assert [(r.model_id, r.fault != "") for r in endpoint.records] == [
        ("llm-alias", True),
        ("llm-alias", False),
    ]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "would do nothing"),
        ({"status_code": 1, "grpc_code": "INTERNAL"}, "not both"),
        ({"rpc": "PostModelOutputs", "cut_stream_after": 1}, "streaming RPCs only"),
        ({"rpc": "ListModels", "status_code": 1}, "cannot inject a fault into"),
        ({"grpc_code": "NOT_A_CODE"}, "unknown grpc_code"),
        ({"delay_s": -1}, "negative"),
        ({"status_code": 1, "times": 0}, "at least 1 call"),
    ],
)
def test_impossible_faults_are_refused(endpoint, kwargs, message):
    with pytest.raises(ValueError, match=message):
        endpoint.inject_fault("text-llm", **kwargs)


def test_fault_description_names_every_part():
    fault = Fault("m", frozenset({"GenerateModelOutputs"}), delay_s=0.5, cut_stream_after=3)
    assert fault.describe() == "delay_s=0.5 cut_stream_after=3"
