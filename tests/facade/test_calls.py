"""Every historical call shape normalises to the same LegacyCall (pure: no endpoint)."""

from __future__ import annotations

import pytest

from legacy_compat.calls import normalize_call
from legacy_compat.selectors import Routing

U = "https://x/cat.png"
IP = {"temperature": 0.5}
OC = {"max_concepts": 3}

# (method, args, kwargs) -> (source, input_type, inference_params, output_config, routing)
SHAPES = [
    # 9.7.4: (source, input_type)
    ("predict_by_url", (U, "image"), {}, (U, "image", {}, {}, Routing())),
    ("predict_by_url", (U,), {"input_type": "image"}, (U, "image", {}, {}, Routing())),
    ("predict_by_url", (), {"url": U}, (U, None, {}, {}, Routing())),
    # 9.10.0 - 10.8.8 and 11.3.0+: (source, input_type, inference_params, output_config)
    ("predict_by_bytes", (b"x", "text", IP, OC), {}, (b"x", "text", IP, OC, Routing())),
    ("predict_by_bytes", (b"x", None, IP), {}, (b"x", None, IP, {}, Routing())),
    (
        "predict_by_bytes",
        (),
        {"input_bytes": b"x", "inference_params": IP},
        (b"x", None, IP, {}, Routing()),
    ),
    # 10.8.9 - 11.0.0: cc, np, dep between input_type and inference_params
    (
        "predict_by_url",
        (U, "image", "cc", "np"),
        {},
        (U, "image", {}, {}, Routing(compute_cluster_id="cc", nodepool_id="np")),
    ),
    (
        "predict_by_url",
        (U, "image", None, None, "dep", IP, OC),
        {},
        (U, "image", IP, OC, Routing(deployment_id="dep")),
    ),
    (
        "predict_by_url",
        (U, "image", "cc", "np", None, IP),
        {},
        (U, "image", IP, {}, Routing(compute_cluster_id="cc", nodepool_id="np")),
    ),
    # 11.0.1 - 11.2.3: ... and user_id
    (
        "generate_by_url",
        (U, "image", None, None, "dep", "me2"),
        {},
        (U, "image", {}, {}, Routing(deployment_id="dep", user_id="me2")),
    ),
    (
        "generate_by_url",
        (U, "image", None, None, "dep", "u", IP, OC),
        {},
        (U, "image", IP, OC, Routing(deployment_id="dep", user_id="u")),
    ),
    # per-call routing by keyword (the seed page's shape)
    (
        "predict_by_filepath",
        ("/p",),
        {"deployment_id": "d", "user_id": "u"},
        ("/p", None, {}, {}, Routing(deployment_id="d", user_id="u")),
    ),
    # stream sources by every name they have had
    ("stream_by_url", (), {"url_iterator": [U]}, ([U], None, {}, {}, Routing())),
    ("stream_by_url", (), {"url": [U]}, ([U], None, {}, {}, Routing())),
    ("stream_by_bytes", (), {"input_bytes": [b"a"]}, ([b"a"], None, {}, {}, Routing())),
    (
        "stream_by_bytes",
        ([b"a"], "text"),
        {"output_config": OC},
        ([b"a"], "text", {}, OC, Routing()),
    ),
]


@pytest.mark.parametrize(("method", "args", "kwargs", "expected"), SHAPES)
def test_every_era_shape_normalises(method, args, kwargs, expected) -> None:
    call = normalize_call(method, args, kwargs)

    assert call.method.name == method
    assert (
        call.source,
        call.input_type,
        call.inference_params,
        call.output_config,
        call.routing,
    ) == expected


ERRORS = [
    ("predict_by_url", (), {}, TypeError, "missing 1 required positional argument: 'url'"),
    ("predict_by_url", (U,), {"url": U}, TypeError, "multiple values for argument 'url'"),
    ("stream_by_url", (), {"url": [U], "url_iterator": [U]}, TypeError, "source twice"),
    (
        "predict_by_url",
        (U, "image", IP),
        {"inference_params": IP},
        TypeError,
        "multiple values for argument 'inference_params'",
    ),
    (
        "predict_by_url",
        (U,),
        {"imput_type": "image"},
        TypeError,
        "unexpected keyword argument 'imput_type'",
    ),
    ("predict_by_url", (U, {"a": 1}), {}, TypeError, r"types \(dict\) after the source"),
    ("predict_by_url", (U, "image", 3), {}, TypeError, r"types \(str, int\)"),
    (
        "predict_by_url",
        (U,),
        {"inference_params": "t=1"},
        TypeError,
        "expects inference_params to be a dict, got str",
    ),
    (
        "predict_by_url",
        (U,),
        {"deployment_id": 7},
        TypeError,
        "expects deployment_id to be a str, got int",
    ),
]


@pytest.mark.parametrize(("method", "args", "kwargs", "error", "match"), ERRORS)
def test_bad_shapes_are_refused_like_python_would(method, args, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        normalize_call(method, args, kwargs)
