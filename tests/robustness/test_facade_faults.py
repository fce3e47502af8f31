"""Faults injected in front of the real runner, seen through the facade and through the SDK.

Each scenario runs the facade's legacy method and, where the installed SDK still has a working
one, the SDK's own legacy method on the same fault, then compares what the user sees (the
exception class and its words) and how many requests reached the endpoint: the facade must
retry exactly where the SDK did (``UNAVAILABLE`` via its ``RetryStub`` and its stream loops;
``MODEL_DEPLOYING`` / ``MODEL_BUSY_PLEASE_RETRY`` via its deploying loop) and nowhere else
(failure statuses, ``DEADLINE_EXCEEDED``, a stream cut after it started).

Timing note: the SDK's RetryStub sleeps 5 s before retrying a unary ``UNAVAILABLE``; the
scenarios arm it once (``times=1``) so such a call costs one sleep. The facade exposes no
timeout of its own (the legacy methods never had one), so "slow" means a late answer is waited
for, not retried and not cut short.

The last test makes 1,000 facade calls (every kind, with faults, abandoned streams and
per-call routing mixed in) and measures threads (``threading.enumerate``), file descriptors
(``/proc/self/fd``) and live gRPC channels (``gc``) before and after.
"""

from __future__ import annotations

import gc
import itertools
import os
import threading
import time
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

import grpc
import pytest
from clarifai_grpc.grpc.api.status import status_code_pb2

from legacy_compat.deprecation import LegacyInferenceWarning


@dataclass(frozen=True)
class Outcome:
    """What one call did: its items (for lazy calls, those before any error) and its error."""

    items: List[Any]
    error: Optional[BaseException]
    requests: int
    seconds: float

    @property
    def error_kind(self) -> str:
        if self.error is None:
            return "ok"
        if isinstance(self.error, grpc.RpcError):
            return f"RpcError:{self.error.code().name}"
        return type(self.error).__name__


def _text(response: Any) -> str:
    return response.outputs[0].data.text.raw


def run_call(endpoint, model: Any, method: str, *args: Any, **kwargs: Any) -> Outcome:
    """Call ``model.method`` (draining lazy results), record what happened, never raise."""
    endpoint.clear_records()
    items: List[Any] = []
    error: Optional[BaseException] = None
    start = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LegacyInferenceWarning)
        try:
            result = getattr(model, method)(*args, **kwargs)
            if method.startswith("predict"):
                items.append(_text(result) if result.outputs else result)
            else:
                for response in result:
                    items.append(_text(response))
        except Exception as exc:
            error = exc
    return Outcome(items, error, len(endpoint.records), time.monotonic() - start)


@dataclass(frozen=True)
class Scenario:
    id: str
    model: str
    method: str
    args: tuple
    fault: Dict[str, Any]
    expected_error: str  # Outcome.error_kind
    words: str  # in the message; "" for a success
    items: List[str]
    requests: int
    compare_with_sdk: bool = True


SCENARIOS = [
    Scenario("failure-status-predict", "text-llm", "predict_by_bytes", (b"a b", "text"),
             {"status_code": status_code_pb2.INTERNAL_UNCATEGORIZED}, "Exception",
             "INTERNAL_UNCATEGORIZED", [], 1),
    Scenario("failure-status-generate", "text-llm", "generate_by_bytes", (b"a b", "text"),
             {"status_code": status_code_pb2.INTERNAL_UNCATEGORIZED}, "Exception",
             "INTERNAL_UNCATEGORIZED", [], 1),
    Scenario("failure-status-stream", "text-llm", "stream_by_bytes", ([b"a b"], "text"),
             {"status_code": status_code_pb2.INTERNAL_UNCATEGORIZED}, "Exception",
             "INTERNAL_UNCATEGORIZED", [], 1),
    Scenario("unavailable-predict-is-retried", "text-llm", "predict_by_bytes", (b"a b", "text"),
             {"grpc_code": "UNAVAILABLE", "times": 1}, "ok", "", ["b a"], 2),
    Scenario("unavailable-generate-is-retried", "text-llm", "generate_by_bytes",
             (b"a b", "text"), {"grpc_code": "UNAVAILABLE", "times": 1}, "ok", "", ["b", " a"], 2),
    Scenario("unavailable-stream-is-retried", "text-llm", "stream_by_bytes", ([b"a b"], "text"),
             {"grpc_code": "UNAVAILABLE", "times": 1}, "ok", "", ["b a"], 2),
    Scenario("deadline-exceeded-predict", "text-llm", "predict_by_bytes", (b"a b", "text"),
             {"grpc_code": "DEADLINE_EXCEEDED"}, "RpcError:DEADLINE_EXCEEDED", "", [], 1),
    # The SDK's RetryStub retries a streaming call whose first response is any gRPC error
    # (after 5 s); for generate the retry re-sends the one request and succeeds.
    Scenario("deadline-exceeded-generate-is-retried", "text-llm", "generate_by_bytes",
             (b"a b", "text"), {"grpc_code": "DEADLINE_EXCEEDED"}, "ok", "", ["b", " a"], 2),
    # ... for stream it re-sends the consumed iterator: the SDK fails ("generator raised
    # StopIteration"); the facade must re-send the inputs, as it does after MODEL_DEPLOYING.
    Scenario("deadline-exceeded-stream-is-retried", "text-llm", "stream_by_bytes",
             ([b"a b"], "text"), {"grpc_code": "DEADLINE_EXCEEDED"}, "ok", "", ["b a"], 2,
             compare_with_sdk=False),
    Scenario("stream-cut-midway-generate", "text-llm", "generate_by_bytes",
             (b"one two three four", "text"), {"cut_stream_after": 2, "grpc_code": "DATA_LOSS"},
             "RpcError:DATA_LOSS", "", ["four", " three"], 1),
    Scenario("stream-cut-midway-stream", "text-llm", "stream_by_bytes",
             ([b"a b", b"c d", b"e f"], "text"), {"cut_stream_after": 1},
             "RpcError:UNAVAILABLE", "", ["b a"], 3),
    Scenario("slow-predict-is-waited-for", "text-llm", "predict_by_bytes", (b"slow reply", "text"),
             {"delay_s": 0.5}, "ok", "", ["reply slow"], 1),
    Scenario("slow-generate-is-waited-for", "image-to-text", "generate_by_url", (None, "image"),
             {"delay_s": 0.5}, "ok", "", None, 1),  # items: the SDK's, compared below
    Scenario("busy-status-is-retried", "text-llm", "predict_by_bytes", (b"a b", "text"),
             {"status_code": status_code_pb2.MODEL_BUSY_PLEASE_RETRY}, "ok", "", ["b a"], 2),
    Scenario("deploying-model-predict", "deploying-llm", "predict_by_bytes", (b"a b", "text"),
             {}, "ok", "", ["b a"], 3),
    # The SDK's own stream retry after MODEL_DEPLOYING re-sends a consumed iterator and fails
    # ("generator raised StopIteration"); the facade replays what was consumed instead.
    Scenario("deploying-model-stream", "deploying-llm", "stream_by_bytes",
             ([b"a b", b"c d"], "text"), {}, "ok", "", ["b a", "d c"], 4,
             compare_with_sdk=False),
]  # fmt: skip


def _arguments(scenario: Scenario, endpoint) -> tuple:
    if scenario.args[0] is None:  # a URL served by the endpoint
        return (endpoint.fixture_url("cat.png"), *scenario.args[1:])
    return tuple(list(a) if isinstance(a, list) else a for a in scenario.args)


def _arm(endpoint, scenario: Scenario) -> None:
    if scenario.fault:
        endpoint.inject_fault(scenario.model, **scenario.fault)


@pytest.mark.timeout(90)
# (a pytest.param has an .id too)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_fault_is_surfaced_like_the_sdk_did(scenario: Scenario, endpoint, robust_model) -> None:
    _arm(endpoint, scenario)
    facade = run_call(
        endpoint, robust_model(scenario.model), scenario.method, *_arguments(scenario, endpoint)
    )
    assert facade.error_kind == scenario.expected_error, facade.error
    assert scenario.words in str(facade.error or "")
    assert facade.requests == scenario.requests
    if scenario.items is not None:
        assert facade.items == scenario.items
    if scenario.fault.get("delay_s"):
        assert facade.seconds >= scenario.fault["delay_s"]
    if not scenario.compare_with_sdk:
        return

    endpoint.reset()  # re-arms the deploying model's warm-up too
    _arm(endpoint, scenario)
    sdk = run_call(
        endpoint,
        robust_model(scenario.model, sdk=True),
        scenario.method,
        *_arguments(scenario, endpoint),
    )
    assert (facade.error_kind, facade.requests) == (sdk.error_kind, sdk.requests)
    assert facade.items == sdk.items
    assert scenario.words in str(sdk.error or "")


# -- 1,000 calls leave nothing behind ------------------------------------------------------------


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _client_threads() -> set:
    # The endpoint runs in this process: its server pool ("legacy-compat-grpc*", at most
    # max_workers threads) grows on demand and is not the client's to release.
    return {t for t in threading.enumerate() if not t.name.startswith("legacy-compat-grpc")}


def _channels() -> int:
    # The SDK keeps only the stub, whose callables hold the Cython channel (the Python
    # grpc.Channel wrapper is collected), and gRPC shares connections between channels, so a
    # leaked channel shows here and not necessarily in /proc/self/fd.
    from grpc._cython import cygrpc

    gc.collect()
    return sum(isinstance(o, cygrpc.Channel) for o in gc.get_objects())


def _mixed_calls(endpoint, llm: Any, image: Any) -> List[Callable[[], Any]]:
    """One round of calls: every kind, success and failure, abandoned and routed."""
    url = endpoint.fixture_url("cat.png")

    def failing_predict() -> None:
        endpoint.inject_fault(
            "text-llm", rpc="PostModelOutputs", status_code=status_code_pb2.FAILURE
        )
        with pytest.raises(Exception, match="Model predict failed"):
            llm.predict_by_bytes(b"a b", "text")

    def cut_generate() -> None:
        endpoint.inject_fault("text-llm", cut_stream_after=1, grpc_code="DATA_LOSS")
        with pytest.raises(grpc.RpcError):
            list(llm.generate_by_bytes(b"one two three", "text"))

    def abandoned_generate() -> None:
        responses = llm.generate_by_bytes(b"one two three four", "text")
        next(iter(responses))
        del responses  # the user breaks out of the loop

    def abandoned_stream() -> None:
        responses = llm.stream_by_bytes([b"a b", b"c d", b"e f"], "text")
        next(iter(responses))
        del responses

    return [
        lambda: llm.predict_by_bytes(b"a b", "text"),
        lambda: list(llm.generate_by_bytes(b"a b c", "text")),
        lambda: list(llm.stream_by_bytes([b"a b", b"c d"], "text")),
        lambda: image.predict_by_url(url, "image"),
        lambda: llm.predict_by_bytes(
            b"a b", "text", deployment_id="test-deployment", user_id="test-user"
        ),
        lambda: llm.predict_by_bytes(
            b"a b", "text", compute_cluster_id="test-cluster", nodepool_id="test-nodepool"
        ),
        failing_predict,
        cut_generate,
        abandoned_generate,
        abandoned_stream,
    ]


@pytest.mark.timeout(600)
def test_a_thousand_calls_leave_no_threads_channels_or_descriptors(endpoint, robust_model) -> None:
    llm, image = robust_model("text-llm"), robust_model("image-classifier")
    calls = _mixed_calls(endpoint, llm, image)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LegacyInferenceWarning)
        for call in calls * 3:  # warm-up: lazily created pools, caches and connections
            call()
        gc.collect()
        threads, fds, channels = _client_threads(), _fds(), _channels()
        assert channels >= 1  # the counter sees the models' own channels

        for call in itertools.islice(itertools.cycle(calls), 1000):
            call()
        endpoint.clear_faults()

    deadline = time.monotonic() + 10  # abandoned streams are cancelled by gRPC's own threads
    while time.monotonic() < deadline:
        gc.collect()
        if _client_threads() <= threads and _fds() <= fds:
            break
        time.sleep(0.1)
    print(
        f"after 1,000 calls: client threads {len(threads)} -> {len(_client_threads())}, "
        f"fds {fds} -> {_fds()}, channels {channels} -> {_channels()}"
    )
    new_threads = sorted(t.name for t in _client_threads() - threads)
    assert new_threads == []
    assert _fds() <= fds, f"{_fds() - fds} more file descriptors after 1,000 calls"
    assert _channels() <= channels, f"{_channels() - channels} more gRPC channels"
    # the endpoint's bounded server pool (other endpoints of the session have pools of their own)
    assert len(endpoint.server_threads()) <= 16
