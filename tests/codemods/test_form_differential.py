"""Each form the codemod picks, proved by a run: original vs migrated against LocalEndpoint.

The original program runs unmodified on ``legacy_compat.install()`` (``python -m
legacy_compat.installed``); the migrated one runs on the plain SDK. Both talk to the same
:class:`~legacy_compat.testing.LocalEndpoint`; they must print the same, exit the same way and
send the same requests. Requests are compared by what reached the model (each input's media
URL, bytes or text, the inference parameters, the output config and the routing), not by
encoding: the facade sends a pythonic model new-style parts where the proto form sends the
legacy ``Input``, and the runner hands the model the same values either way.

``legacy-detector`` has no method signatures (an older model); the others are pythonic.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.options import MigrateOptions
from codemods.signature_file import SignatureSet
from legacy_compat.testing import LocalEndpoint

MODELS = ("image-classifier", "legacy-detector", "text-llm", "image-to-text", "failing")
URL = "https://clarifai.com/test-user/test-app/models/{}"

# The signatures of two reference models, as `legacy-compat signatures` writes them.
SIGNATURES = SignatureSet.from_json(
    {
        "version": 1,
        "models": {
            "test-user/test-app/text-llm": {
                "methods": {
                    "predict": {
                        "kind": "predict",
                        "parameters": [
                            {"name": "prompt", "type": "STR"},
                            {"name": "max_tokens", "type": "INT", "required": False},
                            {"name": "temperature", "type": "FLOAT", "required": False},
                        ],
                        "returns": {"type": "STR"},
                    },
                    "generate": {
                        "kind": "generate",
                        "parameters": [
                            {"name": "prompt", "type": "STR"},
                            {"name": "max_tokens", "type": "INT", "required": False},
                            {"name": "temperature", "type": "FLOAT", "required": False},
                        ],
                        "returns": {"type": "STR", "stream": True},
                    },
                }
            },
            "test-user/test-app/legacy-detector": {"methods": {}},
        },
    }
)


@dataclass(frozen=True)
class Case:
    name: str
    program: str  # {url:MODEL} and {fixture:NAME} / {fixture_path:NAME} are filled in
    expected_call: str  # a fragment the migrated program must contain
    signatures: bool = False


CASES = [
    Case(
        "unknown-kind-image-url-on-older-model",
        """
        from clarifai.client.model import Model
        model = Model("{url:legacy-detector}")
        response = model.predict_by_url("{fixture:cat.png}", input_type="image")
        print(response.status.code, [c.name for c in response.outputs[0].data.concepts])
        print(len(response.outputs[0].data.regions))
        """,
        'model.predict(inputs=[Inputs.get_input_from_url("", image_url=',
    ),
    Case(
        "unknown-kind-image-url-on-pythonic-model",
        """
        from clarifai.client.model import Model
        model = Model("{url:image-classifier}")
        response = model.predict_by_url("{fixture:cat.png}", input_type="image")
        print([(c.name, round(c.value, 3)) for c in response.outputs[0].data.concepts])
        """,
        "Inputs.get_input_from_url",
    ),
    Case(
        "output-config-on-predict",
        """
        from clarifai.client.model import Model
        model = Model("{url:legacy-detector}")
        r = model.predict_by_url("{fixture:cat.png}", "image", output_config={"max_concepts": 2})
        print([c.name for c in r.outputs[0].data.concepts])
        """,
        "output_config={",
    ),
    Case(
        "inference-params-variable-and-constant-input-type-on-older-model",
        """
        from clarifai.client.model import Model
        KIND = "image"
        params = dict(threshold=0.5)
        detector = Model("{url:legacy-detector}")
        def detect(url):
            return detector.predict_by_url(url, KIND, inference_params=params)
        response = detect("{fixture:cat.png}")
        print(len(response.outputs[0].data.regions))
        """,
        "inference_params=params",
        signatures=True,
    ),
    Case(
        "text-str-given-as-bytes",
        """
        from clarifai.client.model import Model
        llm = Model("{url:text-llm}")
        text = open("{fixture_path:hello.txt}").read()
        print(llm.predict_by_bytes(text, "text").outputs[0].data.text.raw)
        """,
        "text_bytes=text",
    ),
    Case(
        "text-file-read-as-bytes",
        """
        from clarifai.client.model import Model
        llm = Model("{url:text-llm}")
        reply = llm.predict_by_filepath("{fixture_path:hello.txt}", input_type="text")
        print(reply.outputs[0].data.text.raw)
        """,
        "Path(",
    ),
    Case(
        "signature-value-form-with-followed-params",
        """
        from clarifai.client.model import Model
        llm = Model("{url:text-llm}")
        params = {"max_tokens": 2}
        reply = llm.predict_by_bytes(b"one two three", "text", inference_params=params)
        print(reply.outputs[0].data.text.raw)
        """,
        'llm.predict(prompt="one two three", max_tokens=2)',  # the dict, followed
        signatures=True,
    ),
    Case(
        "signature-response-escapes-so-proto-form",
        """
        from clarifai.client.model import Model
        from google.protobuf.json_format import MessageToDict
        llm = Model("{url:text-llm}")
        def run(prompt):
            return llm.predict_by_bytes(prompt.encode(), "text")
        print(MessageToDict(run("a b c").outputs[0].data))
        """,
        "inputs=[Inputs.get_input_from_bytes",
        signatures=True,
    ),
    Case(
        "signature-says-older-model",
        """
        from clarifai.client.model import Model
        model = Model("{url:legacy-detector}")
        response = model.predict_by_filepath("{fixture_path:cat.png}", "image")
        print(len(response.outputs[0].data.regions))
        """,
        "Inputs.get_input_from_bytes",
        signatures=True,
    ),
    Case(
        "generate-is-pythonic-value-form",
        """
        from clarifai.client.model import Model
        llm = Model("{url:text-llm}")
        for chunk in llm.generate_by_bytes(b"one two three", "text"):
            print(chunk.outputs[0].data.text.raw)
        """,
        'llm.generate(prompt="one two three")',
    ),
    Case(
        "generate-response-kept-whole-falls-back-to-proto",
        """
        from clarifai.client.model import Model
        llm = Model("{url:text-llm}")
        chunks = list(llm.generate_by_bytes(b"one two three", "text"))
        print([c.outputs[0].data.text.raw for c in chunks], chunks[0].status.code)
        """,
        "llm.generate(inputs=[Inputs.get_input_from_bytes",
    ),
    Case(
        "stream-of-image-paths-from-a-list",
        """
        from clarifai.client.model import Model
        captioner = Model("{url:image-to-text}")
        paths = ["{fixture_path:cat.png}", "{fixture_path:dog.jpg}"]
        for reply in captioner.stream_by_filepath([p for p in paths], "image"):
            print(reply.outputs[0].data.text.raw)
        """,
        "for path_ in [p for p in paths]",
    ),
    Case(
        "input-type-known-only-at-run-time",
        """
        from clarifai.client.model import Model
        llm = Model("{url:text-llm}")
        def run(path, input_type="text"):
            return llm.predict_by_filepath(path, input_type=input_type)
        print(run("{fixture_path:hello.txt}").outputs[0].data.text.raw)
        kind = "text"
        print(run("{fixture_path:hello.txt}", kind).outputs[0].data.text.raw)
        """,
        '**{f"{input_type}_bytes": Path(path).read_bytes()}',
    ),
    Case(
        "failed-prediction-raises-the-same-way",
        """
        from clarifai.client.model import Model
        llm = Model("{url:failing}")
        try:
            r = llm.predict_by_bytes(b"boom", "text")
            print("status", r.status.code)
        except Exception as e:
            print("raised", type(e).__name__, str(e).split(" with ")[0])
        """,
        "Inputs.get_input_from_bytes",
    ),
    Case(
        "missing-file-outside-a-handler",
        """
        from clarifai.client.model import Model
        model = Model("{url:legacy-detector}")
        try:
            model.predict_by_filepath("/nonexistent/x.png", "image")
        except Exception as e:
            print("failed")
        """,
        "Inputs.get_input_from_bytes",
    ),
]


def _fill(program: str, ep: LocalEndpoint) -> str:
    text = textwrap.dedent(program).lstrip()
    for model_id in MODELS:
        text = text.replace(f"{{url:{model_id}}}", URL.format(model_id))
    for name in ("cat.png", "dog.jpg", "hello.txt"):
        text = text.replace(f"{{fixture:{name}}}", ep.fixture_url(name))
        text = text.replace(f"{{fixture_path:{name}}}", str(ep.fixture_path(name)))
    return text


def _payload(data: Any) -> List[Tuple[str, Any]]:
    """The values a model receives from one ``Data`` message, whatever its encoding."""
    found: List[Tuple[str, Any]] = []
    for kind in ("image", "video", "audio"):
        media = getattr(data, kind)
        if media.url:
            found.append((kind, media.url))
        if media.base64:
            found.append((kind, bytes(media.base64)))
    if data.text.raw:
        found.append(("text", data.text.raw))
    if data.text.url:
        found.append(("text", data.text.url))
    if data.string_value:
        found.append(("text", data.string_value))
    for part in data.parts:
        found.extend(_payload(part.data))
    return found


def _requests(ep: LocalEndpoint, since: int) -> List[Dict[str, Any]]:
    return [
        {
            "rpc": r.rpc,
            "model": r.model_id,
            "routing": r.runner_selector,
            "params": {k: float(v) for k, v in r.inference_params.items()},
            "output_config": r.output_config,
            "inputs": sorted(json.dumps(_payload(i.data), default=repr) for i in r.inputs),
        }
        for r in ep.records[since:]
        # The SDK asks a model for its signatures with _GET_SIGNATURES requests (the facade
        # does, to pick its path); they carry no user input.
        if not r.method_name.startswith("_")
    ]


def _run(ep: LocalEndpoint, script: Path, installed: bool) -> Tuple[int, str, List[Dict[str, Any]]]:
    env = dict(os.environ)
    env.update(ep.client_env())
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH")) if p
    )
    before = len(ep.records)
    command = [
        sys.executable,
        *(["-m", "legacy_compat.installed"] if installed else []),
        str(script),
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return done.returncode, done.stdout, _requests(ep, before)


@pytest.fixture(scope="module")
def endpoint() -> Any:
    with LocalEndpoint(models=list(MODELS), max_lifetime_s=600) as ep:
        yield ep


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_migrated_form_behaves_like_the_original(case: Case, endpoint, tmp_path) -> None:
    original = _fill(case.program, endpoint)
    options = MigrateOptions(signatures=SIGNATURES) if case.signatures else MigrateOptions()
    migrated, findings = migrate_python(original, path="program.py", options=options)
    assert case.expected_call in migrated, migrated
    assert all(f.outcome is Outcome.REWRITTEN for f in findings), findings
    assert "import legacy_compat" not in migrated
    (tmp_path / "original.py").write_text(original)
    (tmp_path / "migrated.py").write_text(migrated)

    before = _run(endpoint, tmp_path / "original.py", installed=True)
    after = _run(endpoint, tmp_path / "migrated.py", installed=False)

    assert before[0] == 0 and before[1], before
    assert after == before
