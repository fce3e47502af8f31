"""Binding legacy inputs through the reference models' real method signatures (no endpoint)."""

from __future__ import annotations

import pytest
from clarifai.errors import UserError

from codemods.legacy_api import CallKind
from legacy_compat.signatures import (
    bind,
    candidate_input_types,
    detect_input_type,
    method_for,
    parameters_of,
)
from legacy_compat.testing.reference_models import REFERENCE_MODELS


def signatures(model_id: str):
    infos = REFERENCE_MODELS[model_id].model_class._get_method_infos()
    return {name: info.signature for name, info in infos.items() if info.signature is not None}


BINDINGS = [
    # (model, kind, input_type given, detected input type, parameter)
    ("image-classifier", CallKind.PREDICT, None, "image", "image"),
    ("image-to-text", CallKind.GENERATE, "image", "image", "image"),
    ("image-to-text", CallKind.STREAM, None, "image", "input_iterator"),
    ("text-llm", CallKind.PREDICT, None, "text", "prompt"),
    ("text-llm", CallKind.STREAM, "text", "text", "input_iterator"),
    ("audio-transcriber", CallKind.PREDICT, None, "audio", "audio"),
    ("video-frames", CallKind.GENERATE, None, "video", "video"),
    ("multimodal", CallKind.PREDICT, "text", "text", "prompt"),
]


@pytest.mark.parametrize(("model_id", "kind", "given", "input_type", "parameter"), BINDINGS)
def test_the_first_accepting_parameter_receives_the_input(
    model_id, kind, given, input_type, parameter
) -> None:
    signature = method_for(signatures(model_id), kind, model_id)
    params = {"image": "x"} if model_id == "multimodal" else {}  # supply the other required
    detected = given or detect_input_type(
        kind, signature, model_id, remembered=None, model_type_fields=None
    )

    binding = bind(signature, kind, detected, params, model_id)

    assert (binding.input_type, binding.input_parameter.name) == (input_type, parameter)


def test_inference_params_become_typed_keywords_and_the_rest_request_params() -> None:
    signature = signatures("text-llm")["predict"]

    params = {"max_tokens": "2", "temperature": "0.7", "top_p": 0.9}
    binding = bind(signature, CallKind.PREDICT, "text", params, "text-llm")

    assert binding.arguments(params, "text-llm") == (
        {"max_tokens": 2, "temperature": 0.7},
        {"top_p": 0.9},
    )


BIND_ERRORS = [
    (
        "multimodal",
        CallKind.PREDICT,
        None,
        {},
        r"^Model has multiple input types\. Please use model\.predict\(\) for this multi-modal "
        r"model\. multimodal's predict\(prompt: STR, image: IMAGE\) accepts 'image' \(parameter "
        r"image\), 'text' \(parameter prompt\): pass input_type= one of them",
    ),
    (
        "multimodal",
        CallKind.PREDICT,
        "image",
        {},
        r"also requires prompt, which a legacy call cannot supply .* "
        r"Pass inference_params=\{'prompt': \.\.\.\}",
    ),
    (
        "text-llm",
        CallKind.PREDICT,
        "image",
        {},
        r"No parameter of text-llm's predict\(prompt: STR, max_tokens: INT, temperature: FLOAT\) "
        r"accepts an image input",
    ),
    (
        "text-llm",
        CallKind.PREDICT,
        "text",
        {"max_tokens": "two"},
        r"inference_params\['max_tokens'\]='two' is not a valid INT",
    ),
    (
        "text-llm",
        CallKind.PREDICT,
        "text",
        {"prompt": "x"},
        r"inference_params\['prompt'\] names the parameter that receives the legacy text input",
    ),
]


@pytest.mark.parametrize(("model_id", "kind", "input_type", "params", "match"), BIND_ERRORS)
def test_binding_errors_name_the_parameters(model_id, kind, input_type, params, match) -> None:
    signature = signatures(model_id)[kind.value]
    with pytest.raises(UserError, match=match):
        if input_type is None:
            input_type = detect_input_type(
                kind, signature, model_id, remembered=None, model_type_fields=None
            )
        bind(signature, kind, input_type, params, model_id).arguments(params, model_id)


def test_a_required_parameter_may_come_from_inference_params() -> None:
    params = {"prompt": "a b"}
    binding = bind(signatures("multimodal")["predict"], CallKind.PREDICT, "image", params, "m")
    assert binding.input_parameter.name == "image"
    assert binding.arguments(params, "m") == ({"prompt": "a b"}, {})


def test_missing_or_mistyped_methods_are_named() -> None:
    with pytest.raises(UserError, match=r"has no generate\(\) method \(it has: predict\)"):
        method_for(signatures("image-classifier"), CallKind.GENERATE, "image-classifier")
    mistyped = dict(signatures("text-llm"), stream=signatures("text-llm")["predict"])
    with pytest.raises(UserError, match="is UNARY_UNARY, but a legacy stream_by_"):
        method_for(mistyped, CallKind.STREAM, "text-llm")


def test_candidates_cover_every_accepting_parameter() -> None:
    params = parameters_of(signatures("multimodal")["predict"])
    assert {t: p.name for t, p in candidate_input_types(CallKind.PREDICT, params).items()} == {
        "text": "prompt",
        "image": "image",
    }
