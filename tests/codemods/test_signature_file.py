"""The signatures file: the documented version-1 format, read, validated and written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemods.legacy_api import CallKind
from codemods.signature_file import (
    SignatureFileError,
    SignatureSet,
    model_key,
    read_signatures,
    write_signatures,
)

DOCUMENTED = {
    "version": 1,
    "models": {
        "https://clarifai.com/USER/APP/models/MODEL": {
            "methods": {
                "predict": {
                    "kind": "predict",
                    "parameters": [
                        {"name": "prompt", "type": "STR", "stream": False, "required": True},
                        {"name": "max_tokens", "type": "INT", "stream": False, "required": False},
                    ],
                    "returns": {"type": "STR", "stream": False},
                },
                "stream": {
                    "kind": "stream",
                    "parameters": [
                        {"name": "input_iterator", "type": "STR", "stream": True, "required": True}
                    ],
                    "returns": {"type": "STR", "stream": True},
                },
                "detect": {
                    "kind": "predict",
                    "parameters": [{"name": "image", "type": "IMAGE", "stream": False}],
                    "returns": {"type": "LIST", "item_type": "REGION", "stream": False},
                },
            }
        }
    },
}


def test_documented_example_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "sigs.json"
    path.write_text(write_signatures(DOCUMENTED))
    signatures = read_signatures(path)
    predict = signatures.method("USER/APP/MODEL", "predict")
    assert predict is not None and predict.kind is CallKind.PREDICT
    assert [p.name for p in predict.parameters] == ["prompt", "max_tokens"]
    assert predict.parameters[1].required is False
    stream = signatures.method("https://clarifai.com/USER/APP/models/MODEL/versions/3", "stream")
    assert stream is not None and stream.parameters[0].stream
    detect = signatures.method("USER/APP/MODEL", "detect")
    assert detect is not None and detect.returns is not None
    assert detect.returns.item_type == "REGION"
    assert json.loads(write_signatures(signatures))["models"]["USER/APP/MODEL"]["methods"][
        "detect"
    ]["returns"] == {"type": "LIST", "stream": False, "item_type": "REGION"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        ({"version": 2, "models": {}}, "version is 2, expected 1"),
        ({"version": 1, "models": {"not a model": {"methods": {}}}}, "expected a model URL"),
        ({"version": 1, "models": {"u/a/m": {"methods": {"p": {"kind": "x"}}}}}, "kind is 'x'"),
        (
            {
                "version": 1,
                "models": {
                    "u/a/m": {"methods": {"p": {"kind": "predict", "parameters": [{"name": "a"}]}}}
                },
            },
            "parameter 'a' needs a DataType name",
        ),
    ],
)
def test_bad_files_name_the_problem(data: object, message: str) -> None:
    with pytest.raises(SignatureFileError, match=message):
        SignatureSet.from_json(data)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SignatureFileError, match="cannot read signatures file"):
        read_signatures(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(SignatureFileError, match="not valid JSON"):
        read_signatures(tmp_path / "bad.json")


def test_model_keys() -> None:
    assert model_key("https://api.clarifai.com/u/a/models/m") == "u/a/m"
    assert model_key("u/a/m") == "u/a/m"
    assert model_key("just-a-name") is None
