"""``legacy-compat signatures`` reads a live model's signatures (real SDK, local endpoint)."""

from __future__ import annotations

import collections.abc
import inspect
import json
import typing
from typing import Any, Dict, List

import pytest

from codemods.signature_file import SignatureSet
from legacy_compat.cli import main
from legacy_compat.signature_fetch import SignatureFetchError, fetch_signatures
from legacy_compat.testing.endpoint import FAKE_PAT, LocalEndpoint
from legacy_compat.testing.reference_models import REFERENCE_MODELS

PYTHONIC = [m for m in REFERENCE_MODELS if m != "legacy-detector"]


def _signatures_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["signatures", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _type_name(annotation: Any) -> Dict[str, Any]:
    """The DataType name of a Python annotation, read from the annotation itself."""
    from clarifai.runners.utils.data_types import Audio, Concept, Frame, Image, Video

    origin = typing.get_origin(annotation)
    if origin is collections.abc.Iterator:
        return {**_type_name(typing.get_args(annotation)[0]), "stream": True}
    if origin in (list, typing.List):
        return {"type": "LIST", "item_type": _type_name(typing.get_args(annotation)[0])["type"]}
    names = {str: "STR", int: "INT", float: "FLOAT", bool: "BOOL", bytes: "BYTES"}
    names.update({Image: "IMAGE", Audio: "AUDIO", Video: "VIDEO", Concept: "CONCEPT"})
    names[Frame] = "FRAME"
    return {"type": names[annotation]}


def _expected_methods(model_id: str) -> Dict[str, Any]:
    """The v1 entry of a reference model, built from its Python method definitions."""
    model_class = REFERENCE_MODELS[model_id].model_class
    kinds = {"predict": "predict", "generate": "generate", "stream": "stream"}
    methods: Dict[str, Any] = {}
    for name in kinds:
        function = model_class.__dict__.get(name)
        if function is None:
            continue
        signature = inspect.signature(function)
        parameters: List[Dict[str, Any]] = []
        for parameter in list(signature.parameters.values())[1:]:
            described = _type_name(parameter.annotation)
            parameters.append(
                {
                    "name": parameter.name,
                    "type": described["type"],
                    "stream": described.get("stream", False),
                    "required": parameter.default is inspect.Parameter.empty,
                }
            )
        returned = _type_name(signature.return_annotation)
        returns = {"type": returned["type"], "stream": returned.get("stream", False)}
        if "item_type" in returned:
            returns["item_type"] = returned["item_type"]
        methods[name] = {"kind": kinds[name], "parameters": parameters, "returns": returns}
    return methods


def test_text_llm_signatures_are_printed_exactly(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _signatures_cli(
        capsys, endpoint.model_url("text-llm"), "--base-url", endpoint.base_url, "--pat", FAKE_PAT
    )
    assert (code, err) == (0, "")
    predict = json.loads(out)["models"]["test-user/test-app/text-llm"]["methods"]["predict"]
    assert predict == {
        "kind": "predict",
        "parameters": [
            {"name": "prompt", "type": "STR", "stream": False, "required": True},
            {"name": "max_tokens", "type": "INT", "stream": False, "required": False},
            {"name": "temperature", "type": "FLOAT", "stream": False, "required": False},
        ],
        "returns": {"type": "STR", "stream": False},
    }


@pytest.mark.parametrize("model_id", PYTHONIC)
def test_every_reference_model_matches_its_python_definition(
    endpoint: LocalEndpoint, model_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _signatures_cli(
        capsys, endpoint.model_url(model_id), "--base-url", endpoint.base_url, "--pat", FAKE_PAT
    )
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    assert data["models"] == {
        f"test-user/test-app/{model_id}": {"methods": _expected_methods(model_id)}
    }
    SignatureSet.from_json(data)  # and the migrate side reads it back


def test_several_models_go_into_one_file(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = [endpoint.model_url("text-llm"), "test-user/test-app/image-to-text"]
    code, out, _ = _signatures_cli(
        capsys, *urls, "--base-url", endpoint.base_url, "--pat", FAKE_PAT
    )
    assert code == 0
    assert sorted(json.loads(out)["models"]) == [
        "test-user/test-app/image-to-text",
        "test-user/test-app/text-llm",
    ]


def test_pat_and_base_come_from_the_environment_and_the_pat_is_never_printed(
    endpoint: LocalEndpoint, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLARIFAI_PAT", FAKE_PAT)
    monkeypatch.setenv("CLARIFAI_API_BASE", endpoint.base_url)
    code, out, err = _signatures_cli(capsys, endpoint.model_url("audio-transcriber"))
    assert code == 0
    methods = json.loads(out)["models"]["test-user/test-app/audio-transcriber"]["methods"]
    assert methods["predict"]["parameters"][0]["name"] == "audio"
    assert FAKE_PAT not in out + err
    assert all(record.has_auth for record in endpoint.control_records)


def test_the_fetcher_api_returns_the_same_data_as_the_command(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    data = fetch_signatures(
        endpoint.model_url("image-to-text"), base_url=endpoint.base_url, pat=FAKE_PAT
    )
    code, out, _ = _signatures_cli(
        capsys,
        endpoint.model_url("image-to-text"),
        "--base-url",
        endpoint.base_url,
        "--pat",
        FAKE_PAT,
    )
    assert code == 0
    assert json.loads(out) == data


def test_an_older_model_is_recorded_with_no_methods_so_migrate_keeps_the_proto_form(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    # Evidence of an older model is worth keeping: with it, migrate rewrites a call that passes
    # inference_params to the proto form (the legacy request) instead of marking it.
    code, out, err = _signatures_cli(
        capsys,
        endpoint.model_url("legacy-detector"),
        "--base-url",
        endpoint.base_url,
        "--pat",
        FAKE_PAT,
    )
    assert code == 0, err
    written = json.loads(out)
    assert written["models"] == {"test-user/test-app/legacy-detector": {"methods": {}}}
    assert "test-user/test-app/legacy-detector" in err and "older model" in err
    assert FAKE_PAT not in err

    from codemods.engine import migrate_python
    from codemods.options import MigrateOptions
    from codemods.signature_file import SignatureSet

    legacy = (
        "from clarifai.client.model import Model\n"
        f"model = Model({endpoint.model_url('legacy-detector')!r})\n"
        "model.predict_by_url('https://x/y.jpg', 'image', inference_params={'min_value': 0.5})\n"
    )
    unknown, _ = migrate_python(legacy)
    older, _ = migrate_python(legacy, MigrateOptions(signatures=SignatureSet.from_json(written)))
    assert "TODO(legacy-compat LC002)" in unknown
    assert "model.predict(inputs=[" in older and "inference_params={'min_value': 0.5}" in older


def test_an_unknown_model_is_an_error_naming_it(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _signatures_cli(
        capsys,
        endpoint.model_url("no-such-model"),
        "--base-url",
        endpoint.base_url,
        "--pat",
        FAKE_PAT,
    )
    assert (code, out) == (1, "")
    assert "test-user/test-app/no-such-model" in err


def test_without_a_pat_nothing_is_sent(
    endpoint: LocalEndpoint, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CLARIFAI_PAT", raising=False)
    code, out, err = _signatures_cli(
        capsys, endpoint.model_url("text-llm"), "--base-url", endpoint.base_url
    )
    assert (code, out) == (1, "")
    assert "pass --pat or set CLARIFAI_PAT" in err
    assert endpoint.control_records == []


def test_a_reference_that_is_not_a_model_is_rejected_before_any_call() -> None:
    with pytest.raises(SignatureFetchError, match="'not-a-model' is not a model reference"):
        fetch_signatures("not-a-model", base_url="http://127.0.0.1:9", pat=FAKE_PAT)
