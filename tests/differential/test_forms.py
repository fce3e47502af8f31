"""The codemod's forms through the differential harness (echo models, request summaries).

Each program is migrated by the codemod and run both ways; see harness.py for what "equal"
means. The ``clarifai/main`` detector is an older model (no method signatures); the
classifier and the chat model are pythonic.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import LegacyProgram, run_differential

from codemods.findings import Outcome

HEADER = "from clarifai.client.model import Model\n"
CHAT = "https://clarifai.com/openai/chat-completion/models/gpt-4o"
TAGS = "https://clarifai.com/clarifai/main/models/general-image-recognition"
DETECT = "https://clarifai.com/clarifai/main/models/general-image-detection"
DOG = "https://samples.clarifai.com/dog.jpg"

OLD_DETECTOR = json.dumps(
    {"version": 1, "models": {"clarifai/main/general-image-detection": {"methods": {}}}}
)

PROGRAMS = [
    LegacyProgram(
        "unknown-kind-detector-keeps-the-proto-form",
        HEADER
        + f"m = Model(url={DETECT!r})\n"
        + f"r = m.predict_by_url({DOG!r}, input_type='image', output_config={{'min_value': 0.5}})\n"
        + "print(r.outputs[0].data.text.raw)\n"
        + "print(len(r.outputs[0].data.regions))\n",
    ),
    LegacyProgram(
        "older-model-from-signatures-with-params-variable",
        HEADER
        + "KIND = 'image'\n"
        + "params = {'threshold': 0.4}\n"
        + f"m = Model(url={DETECT!r})\n"
        + f"r = m.predict_by_url({DOG!r}, KIND, inference_params=params)\n"
        + "print(r.outputs[0].data.text.raw)\n",
        signatures=OLD_DETECTOR,
    ),
    LegacyProgram(
        "text-of-unknown-type-and-a-text-file-on-an-older-model",
        HEADER
        + "from pathlib import Path\n"
        + "Path('note.txt').write_bytes(b'line one\\r\\nline two \\xc3\\xa9\\n')\n"
        + "text = open('note.txt').read()\n"
        + "m = Model(url='https://clarifai.com/clarifai/main/models/sentiment-analysis-twitter-roberta')\n"
        + "print(m.predict_by_bytes(text, 'text').outputs[0].data.text.raw)\n"
        + "print(m.predict_by_filepath('note.txt', 'text').outputs[0].data.text.raw)\n",
    ),
    LegacyProgram(
        "text-url-through-a-text-typed-parameter",
        HEADER
        + "m = Model(url='https://clarifai.com/cohere/summarize/models/command-r-summarizer')\n"
        + "r = m.predict_by_url('https://samples.clarifai.com/hello.txt', input_type='text')\n"
        + "print(r.outputs[0].data.text.raw)\n",
        signatures=json.dumps(
            {
                "version": 1,
                "models": {
                    "cohere/summarize/command-r-summarizer": {
                        "methods": {
                            "predict": {
                                "kind": "predict",
                                "parameters": [
                                    {"name": "text", "type": "TEXT"},
                                    {"name": "max_tokens", "type": "INT", "required": False},
                                ],
                                "returns": {"type": "STR"},
                            }
                        }
                    }
                },
            }
        ),
    ),
    LegacyProgram(
        "generate-value-form",
        HEADER
        + f"m = Model(url={CHAT!r})\n"
        + "for chunk in m.generate_by_bytes(b'hello there', 'text'):\n"
        + "    print(chunk.outputs[0].data.text.raw)\n",
    ),
]


# A pythonic model that gets the proto form (its kind is unknown to the codemod, or its
# response escapes): the same output and the same values reach the model, but the request is
# the legacy encoding (no method name, no parts) where legacy_compat sends the pythonic one.
PROTO_ON_PYTHONIC = [
    LegacyProgram(
        "unknown-kind-classifier",
        HEADER
        + f"m = Model(url={TAGS!r})\n"
        + f"r = m.predict_by_url({DOG!r}, input_type='image')\n"
        + "print([c.name for c in r.outputs[0].data.concepts])\n",
    ),
    LegacyProgram(
        "response-escapes-on-a-pythonic-model",
        HEADER
        + "from google.protobuf.json_format import MessageToDict\n"
        + f"m = Model(url={CHAT!r})\n"
        + "def ask(q):\n"
        + "    return m.predict_by_bytes(q.encode(), 'text')\n"
        + "print(MessageToDict(ask('hello there').outputs[0].data)['text']['raw'])\n",
        signatures=json.dumps(
            {
                "version": 1,
                "models": {
                    "openai/chat-completion/gpt-4o": {
                        "methods": {
                            "predict": {
                                "kind": "predict",
                                "parameters": [{"name": "prompt", "type": "STR"}],
                                "returns": {"type": "STR"},
                            }
                        }
                    }
                },
            }
        ),
    ),
]


def _values(node: object) -> list:
    """The media and text values inside a request summary's input, whatever the encoding."""
    if isinstance(node, dict):
        found = [
            (key, json.dumps(node[key], sort_keys=True))
            for key in ("image", "text", "audio", "video")
            if key in node
        ]
        if "string_value" in node:  # a str parameter of the pythonic encoding
            found.append(("text", json.dumps({"raw": node["string_value"]})))
        for key, value in node.items():
            if key not in ("image", "text", "audio", "video", "metadata", "id", "string_value"):
                found.extend(_values(value))
        return found
    if isinstance(node, list):
        return [v for item in node for v in _values(item)]
    return []


@pytest.mark.parametrize("program", PROTO_ON_PYTHONIC, ids=lambda p: p.name)
def test_proto_form_on_a_pythonic_model_sends_the_same_values(
    program, echo_endpoint, tmp_path: Path
) -> None:
    result = run_differential(echo_endpoint, program, tmp_path)
    assert "Inputs.get_input_from_" in result.migration.source
    # Another encoding of the same call: the harness compares meanings, so EQUAL.
    assert result.equal, result.report()
    original, migrated = result.comparison.original, result.comparison.migrated
    assert (original.returncode, original.stdout) == (0, migrated.stdout), result.report()
    assert original.exception is None and migrated.exception is None
    assert len(original.requests) == len(migrated.requests) > 0
    for before, after in zip(original.requests, migrated.requests):
        assert (before.rpc, before.route, before.selector, before.params) == (
            after.rpc,
            after.route,
            after.selector,
            after.params,
        )
        assert (before.method, after.method) == (program_method(program), "")
        assert [_values(json.loads(i)) for i in before.inputs] == [
            _values(json.loads(i)) for i in after.inputs
        ]


def program_method(program: LegacyProgram) -> str:
    return "predict" if "predict_by_" in program.source else "generate"


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.name)
def test_form_is_equal_through_the_harness(program, echo_endpoint, tmp_path: Path) -> None:
    result = run_differential(echo_endpoint, program, tmp_path)
    assert result.migration.count(Outcome.REWRITTEN) == len(result.migration.findings)
    assert result.equal, result.report()
