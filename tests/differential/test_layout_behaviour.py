"""Layout, comment, import and nesting rewrites (issue 10 section 2) run both ways.

Each program is written the way the defect was seen in outside code (a parenthesised chain,
a long call with comments, a constructor laid out one keyword per line, a name the user
already binds, a nested call, a later import); the codemod's output must do exactly what the
original did on ``legacy_compat.install()``: same output, same requests, same routing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import LegacyProgram, migrate_program, run_differential

from codemods.findings import Outcome

CHAT = "https://clarifai.com/openai/chat-completion/models/gpt-4o"
VISION = "https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct"
_TEXT = [
    {"name": "prompt", "type": "STR", "stream": False, "required": True},
    {"name": "max_tokens", "type": "INT", "stream": False, "required": False},
    {"name": "temperature", "type": "FLOAT", "stream": False, "required": False},
    {"name": "top_p", "type": "FLOAT", "stream": False, "required": False},
    {"name": "system_prompt", "type": "STR", "stream": False, "required": False},
]
_VISION = [
    {"name": "image", "type": "IMAGE", "stream": False, "required": True},
    {"name": "prompt", "type": "STR", "stream": False, "required": False},
    {"name": "max_tokens", "type": "INT", "stream": False, "required": False},
]
SIGNATURES = json.dumps(
    {
        "version": 1,
        "models": {
            CHAT: {
                "methods": {
                    "predict": {
                        "kind": "predict",
                        "parameters": _TEXT,
                        "returns": {"type": "STR", "stream": False},
                    }
                }
            },
            VISION: {
                "methods": {
                    "predict": {
                        "kind": "predict",
                        "parameters": _VISION,
                        "returns": {"type": "STR", "stream": False},
                    }
                }
            },
        },
    }
)

PROGRAMS = {
    "chain-comments-constructor": f'''\
#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Ask the chat model, the way a long script does."""
from clarifai.client.model import Model  # the client

chat = Model(
    url="{CHAT}",
    pat="fake-pat-for-tests",  # from the vault
)


def ask(question):
    answer = (
        chat
        .predict_by_bytes(
            question.encode(),  # the user's text
            "text",  # always text
            deployment_id="llm-deployment",
            user_id="test-user",
            inference_params={{
                "temperature": 0.2,  # low
                # "top_p": 0.5,
                "max_tokens": 20,
            }},
        )
        .outputs[0].data.text.raw
    )
    return answer


print(ask("hello there"))
print(ask("and again"))
''',
    "names-and-nesting": f'''\
from clarifai.client.model import Model

Image = "the user's own Image"
vision = Model(url="{VISION}")
chat = Model(url="{CHAT}")
caption = chat.predict_by_bytes(
    vision.predict_by_url("https://samples.clarifai.com/dog.jpg", "image")
    .outputs[0].data.text.raw.encode(),
    "text",
).outputs[0].data.text.raw
print(caption)
print(Image)
import os  # imported late, after the first use

print(os.sep)
''',
    "removed-checks-and-aliases": f'''\
from clarifai.client.model import Model
from clarifai_grpc.grpc.api.status import status_code_pb2

Path = "the user's own Path"
vision = Model(url="{VISION}")


def describe(filename):
    response = vision.predict_by_filepath(filename, "image")
    # a failed call must not go unnoticed
    if response.status.code != status_code_pb2.SUCCESS:  # not ok
        raise RuntimeError(response.status.description)  # stop here
    return response.outputs[0].data.text.raw


print(describe("dog.jpg"), Path)
''',
}
FILES = {"dog.jpg": b"\xff\xd8 not really a jpeg"}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_layout_rewrites_behave_the_same(echo_endpoint, tmp_path: Path, name: str) -> None:
    program = LegacyProgram(name, PROGRAMS[name], files=FILES, signatures=SIGNATURES)
    migration = migrate_program(program)
    assert migration.count(Outcome.MARKED) == 0, migration.source
    assert migration.count(Outcome.REWRITTEN) >= 1
    assert "_by_" not in migration.source
    compile(migration.source, name, "exec")
    result = run_differential(echo_endpoint, program, tmp_path, migration=migration)
    assert result.equal, result.report()
