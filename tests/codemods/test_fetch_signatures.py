"""``migrate --fetch-signatures`` against the local endpoint (real SDK client, real gRPC)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Iterator

import pytest

from codemods.cli import main
from legacy_compat.testing.endpoint import FAKE_PAT, LocalEndpoint


@pytest.fixture(scope="module")
def endpoint() -> Iterator[LocalEndpoint]:
    with LocalEndpoint(max_lifetime_s=120) as ep:
        yield ep


def test_live_signatures_name_parameters_and_return_types(
    endpoint: LocalEndpoint,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = textwrap.dedent(
        f"""\
        from clarifai.client.model import Model
        llm = Model("{endpoint.model_url("text-llm")}")
        print(llm.predict_by_bytes(b"hi", "text", inference_params={{"max_tokens": 4}})
              .outputs[0].data.text.raw)
        llm.predict_by_bytes(b"hi", "text", inference_params={{"top_k": 4}})
        classifier = Model("{endpoint.model_url("image-classifier")}")
        r = classifier.predict_by_url("https://x/cat.png", "image")
        print([c.name for c in r.outputs[0].data.concepts])
        """
    )
    (tmp_path / "app.py").write_text(source)
    monkeypatch.setenv("CLARIFAI_PAT", FAKE_PAT)
    monkeypatch.setenv("CLARIFAI_API_BASE", endpoint.base_url)
    code = main(["--fetch-signatures", "-q", "--json", "-", str(tmp_path / "app.py")])
    captured = capsys.readouterr()
    assert code == 0
    report = json.loads(captured.out)  # with `--json -` stdout is the JSON document only
    first, second, third = report["findings"]
    assert first["outcome"] == "rewritten"
    assert "return value is text (from the signature)" in first["assumptions"]
    assert not any("convention" in a for a in first["assumptions"])
    assert (second["code"], second["outcome"]) == ("LC002", "marked")
    assert "has no parameter 'top_k'" in second["message"]
    assert "return value is concepts (from the signature)" in third["assumptions"]
    assert '+print(llm.predict(prompt="hi", max_tokens=4)' in captured.err
