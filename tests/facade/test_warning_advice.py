"""Every warning's advice, run verbatim with the plain SDK, does what the legacy call did.

For each case the legacy call runs on the facade and its :class:`LegacyInferenceWarning` is
kept; then the indented code block of that message (its setup lines and the replacement) is
executed as written, with the message's imports, on a plain ``clarifai`` ``Model`` built with
the routing the message moves to the constructor, and with the legacy call's values bound to
the names the advice uses (``url``, ``input_bytes``, ``filepath``, ``inference_params``...).
Both runs go to the same local endpoint, which must receive the same requests (inputs,
params, output config, routing, method), and the replacement must return the same result.
Where the message says a value has no equivalent in the new method, that value is the only
difference allowed.
"""

from __future__ import annotations

import ast
import asyncio
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest
from clarifai.client.model import Model as SDKModel
from clarifai.runners.utils.data_types import Concept, Frame
from clarifai_grpc.grpc.api import service_pb2
from facade_parity_models import ProtoEchoModel

from codemods.legacy_api import LEGACY_METHODS
from legacy_compat.deprecation import LegacyInferenceWarning
from legacy_compat.testing import FAKE_PAT, LocalEndpoint

CRLF_TEXT = "h\u00e9llo w\u00f6rld\r\nsecond line\r\n".encode()  # UTF-8, Windows line ends


@dataclass(frozen=True)
class Case:
    id: str
    model_id: str
    method: str
    source: Callable[[LocalEndpoint, Path], Any]
    args: Tuple[Any, ...] = ()
    kwargs: Dict[str, Any] = field(default_factory=dict)
    in_async: bool = False


def url(name: str) -> Callable[[LocalEndpoint, Path], Any]:
    return lambda ep, _: ep.fixture_url(name)


def raw(name: str) -> Callable[[LocalEndpoint, Path], Any]:
    return lambda ep, _: ep.fixture_path(name).read_bytes()


def path(name: str) -> Callable[[LocalEndpoint, Path], Any]:
    return lambda ep, _: str(ep.fixture_path(name))


def many(make: Callable[[LocalEndpoint, Path], Any], count: int = 2) -> Callable[..., Any]:
    return lambda ep, tmp: [make(ep, tmp)] * count


def crlf_file(ep: LocalEndpoint, tmp: Path) -> str:
    return str(tmp / "notes.txt")


CASES = [
    Case("image-url", "image-classifier", "predict_by_url", url("cat.png")),
    Case("image-bytes", "image-classifier", "predict_by_bytes", raw("cat.png"), ("image",)),
    Case("image-file", "image-classifier", "predict_by_filepath", path("cat.png")),
    Case(
        "image-bytes-path",
        "image-classifier",
        "predict_by_filepath",
        lambda ep, _: os.fsencode(ep.fixture_path("cat.png")),
    ),
    Case("caption-generate-url", "image-to-text", "generate_by_url", url("dog.jpg")),
    Case(
        "caption-generate-file-routed",
        "image-to-text",
        "generate_by_filepath",
        path("dog.jpg"),
        kwargs={"deployment_id": "test-deployment"},
    ),
    Case("caption-stream-urls", "image-to-text", "stream_by_url", many(url("cat.png"))),
    Case("caption-stream-one-file", "image-to-text", "stream_by_filepath", path("dog.jpg")),
    Case("caption-stream-bytes", "image-to-text", "stream_by_bytes", many(raw("dog.jpg"))),
    Case(
        "llm-params",
        "text-llm",
        "predict_by_bytes",
        lambda ep, _: b"one two three",
        ("text", {"max_tokens": 2, "temperature": "0.5", "top_p": 0.5}),
    ),
    Case("llm-str-bytes", "text-llm", "predict_by_bytes", lambda ep, _: "one two", ("text",)),
    Case("llm-crlf-file", "text-llm", "predict_by_filepath", crlf_file, ("text",)),
    Case(
        "llm-generate-config",
        "text-llm",
        "generate_by_bytes",
        lambda ep, _: b"a b c",
        kwargs={"output_config": {"max_concepts": 2}},
    ),
    Case(
        "llm-generate-nodepool",
        "text-llm",
        "generate_by_bytes",
        lambda ep, _: b"a b c",
        ("text", "test-cluster", "test-nodepool"),
    ),
    Case(
        "llm-stream-params",
        "text-llm",
        "stream_by_bytes",
        lambda ep, _: [b"a b", b"c d e"],
        ("text",),
        {"inference_params": {"max_tokens": 1}},
    ),
    Case(
        "llm-predict-async",
        "text-llm",
        "predict_by_bytes",
        lambda ep, _: b"x y",
        ("text",),
        in_async=True,
    ),
    Case(
        "llm-generate-async",
        "text-llm",
        "generate_by_bytes",
        lambda ep, _: b"x y z",
        in_async=True,
    ),
    Case(
        "llm-stream-async",
        "text-llm",
        "stream_by_bytes",
        lambda ep, _: [b"x y"],
        in_async=True,
    ),
    Case("audio-file", "audio-transcriber", "predict_by_filepath", path("tone.wav")),
    Case("video-generate-url", "video-frames", "generate_by_url", url("clip.mp4")),
    Case(
        "multimodal-image",
        "multimodal",
        "predict_by_url",
        url("cat.png"),
        ("image", {"prompt": "one two"}),
    ),
    Case(
        "detector-file-params",
        "legacy-detector",
        "predict_by_filepath",
        path("cat.png"),
        ("image",),
        {"inference_params": {"min_value": 0.1}},
    ),
    Case(
        "detector-bytes-config",
        "legacy-detector",
        "predict_by_bytes",
        raw("cat.png"),
        kwargs={"output_config": {"max_concepts": 2}},
    ),
    Case(
        "proto-generate-config",
        "advice-proto-echo",
        "generate_by_bytes",
        lambda ep, _: b"hello",
        ("text",),
        {"output_config": {"max_concepts": 3}, "inference_params": {"k": 1}},
    ),
    Case(
        "proto-stream-config",
        "advice-proto-echo",
        "stream_by_bytes",
        lambda ep, _: [b"one", b"two"],
        ("text",),
        {"output_config": {"max_concepts": 3}},
    ),
    Case(
        "proto-text-url",
        "advice-proto-echo",
        "predict_by_url",
        lambda ep, _: "https://example.invalid/q.txt",
        ("text",),
    ),
]


@pytest.fixture(scope="module")
def advice_endpoint(local_endpoint: LocalEndpoint) -> LocalEndpoint:
    local_endpoint.add_model("advice-proto-echo", ProtoEchoModel(), model_type_id="text-to-text")
    return local_endpoint


# -- reading a message ------------------------------------------------------------------------


def code_block(message: str) -> List[str]:
    """The indented lines right after the first line: setup statements, then the call."""
    lines = message.splitlines()[1:]
    block = []
    for line in lines:
        if not line.startswith("    "):
            break
        block.append(line[4:])
    return block


def imports_of(message: str) -> List[str]:
    line = next((s for s in message.splitlines() if s.startswith("(imports: ")), "")
    return re.findall(r"`([^`]+)`", line)


def routing_of(message: str) -> Dict[str, Any]:
    match = re.search(r"to the constructor: Model\(\.\.\., (.*)\)\.$", message, re.M)
    if match is None:
        return {}
    call = ast.parse(f"Model({match.group(1)})", mode="eval").body
    assert isinstance(call, ast.Call)
    return {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}


def ignored_params(message: str) -> List[str]:
    match = re.search(r"pythonic models ignore them: inference_params (.*)\.$", message, re.M)
    return list(ast.literal_eval(f"[{match.group(1)}]")) if match else []


# -- running both -----------------------------------------------------------------------------


def drained(result: Any, method: str) -> List[Any]:
    return [result] if method.startswith("predict") else list(result)


def run_legacy(model: Any, case: Case, source: Any) -> Tuple[str, List[Any]]:
    def call() -> Tuple[str, List[Any]]:
        with pytest.warns(LegacyInferenceWarning) as caught:
            result = getattr(model, case.method)(source, *case.args, **case.kwargs)
        return str(caught[0].message), drained(result, case.method)

    if not case.in_async:
        return call()

    async def inside_a_running_loop() -> Tuple[str, List[Any]]:
        return call()

    return asyncio.run(inside_a_running_loop())


def run_advice(message: str, case: Case, namespace: Dict[str, Any]) -> List[Any]:
    for line in imports_of(message):
        exec(line, namespace)
    *setup, replacement = code_block(message)
    body = [*setup, f"__result__ = {replacement}"]
    if case.in_async:
        body.append("return __drained__(__result__)")
        source = "async def __advice__():\n" + textwrap.indent("\n".join(body), "    ")
        namespace["__drained__"] = lambda result: drained(result, case.method)
        exec(source, namespace)
        return asyncio.run(namespace["__advice__"]())
    exec("\n".join(body), namespace)
    return drained(namespace["__result__"], case.method)


def wire(ep: LocalEndpoint, drop_params: List[str], drop_config: bool) -> List[Tuple[Any, ...]]:
    """What reached the endpoint, minus what the message says the new method does not take."""
    return [
        (
            r.rpc,
            r.model_id,
            r.version_id,
            r.method_name,
            r.runner_selector,
            {k: v for k, v in r.inference_params.items() if k not in drop_params},
            {} if drop_config else r.output_config,
            tuple(i.SerializeToString(deterministic=True) for i in r.inputs),
        )
        for r in ep.records
        if r.method_name != "_GET_SIGNATURES"
    ]


def result_view(value: Any) -> Any:
    """A legacy response, or a pythonic result, as what a reader of either would see."""
    if isinstance(value, service_pb2.MultiOutputResponse):
        data = value.outputs[0].data
        if data.concepts:
            return [(c.name, round(c.value, 4)) for c in data.concepts]
        return data.text.raw if data.text.raw or not data.frames else len(data.frames)
    if isinstance(value, list) and value and isinstance(value[0], Concept):
        return [(c.name, round(c.value, 4)) for c in value]
    if isinstance(value, Frame):
        return 1
    if isinstance(value, list):  # frames
        return len(value)
    return value


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_advice_runs_and_does_what_the_legacy_call_did(
    case: Case, advice_endpoint: LocalEndpoint, tmp_path: Path
) -> None:
    ep = advice_endpoint
    (tmp_path / "notes.txt").write_bytes(CRLF_TEXT)
    source = case.source(ep, tmp_path)
    facade_model = _model(ep, case.model_id, legacy=True)

    ep.clear_records()
    message, legacy_results = run_legacy(facade_model, case, source)
    drop_params = ignored_params(message)
    drop_config = "output_config has no equivalent" in message
    legacy_wire = wire(ep, drop_params, drop_config)

    routing = routing_of(message)
    if routing.keys() & {"deployment_id", "nodepool_id"}:
        # Without it the SDK's constructor asks the public API, not base_url, for the user.
        assert "deployment_user_id" in routing, message
    plain = _model(ep, case.model_id, legacy=False, **routing)
    method = LEGACY_METHODS[case.method]
    params = case.args[1] if len(case.args) > 1 and isinstance(case.args[1], dict) else None
    namespace: Dict[str, Any] = {
        "model": plain,
        method.source_names[0]: source,
        "inference_params": case.kwargs.get("inference_params", params),
        "output_config": case.kwargs.get("output_config"),
    }
    ep.clear_records()
    advice_results = run_advice(message, case, namespace)

    assert wire(ep, drop_params, drop_config) == legacy_wire, message
    assert [result_view(r) for r in advice_results] == [result_view(r) for r in legacy_results]
    assert legacy_wire, "nothing was sent"


def _model(ep: LocalEndpoint, model_id: str, *, legacy: bool, **routing: Any) -> Any:
    from legacy_compat.model import Model

    cls = Model if legacy else SDKModel
    return cls(url=ep.model_url(model_id), base_url=ep.base_url, pat=FAKE_PAT, **routing)


def test_every_method_and_every_known_wrong_form_is_covered() -> None:
    assert {c.method for c in CASES} == set(LEGACY_METHODS)
    ids = {c.id for c in CASES}
    assert {"llm-str-bytes", "llm-crlf-file", "proto-generate-config", "proto-stream-config"} <= ids
    assert any(c.in_async for c in CASES) and "caption-generate-file-routed" in ids
