"""Response reads rewritten for the value form, through the differential harness.

Each program reads the legacy response the way public code does (guards, status checks that
log, loop variables read after the loop, reassigned variables, helpers). It is migrated with
the echo models' signatures, fetched from the endpoint as ``--fetch-signatures`` does, and
must come out fully rewritten, then print and send the same in both runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import LegacyProgram, run_differential

from codemods.findings import Outcome
from codemods.signature_file import SignatureSet, write_signatures
from legacy_compat.signature_fetch import fetch_signature_set
from legacy_compat.testing.endpoint import FAKE_PAT

CHAT = "https://clarifai.com/openai/chat-completion/models/gpt-4o"
TAGS = "https://clarifai.com/clarifai/main/models/general-image-recognition"
HEAD = f"from clarifai.client.model import Model\nchat = Model(url={CHAT!r})\n"

PROGRAMS = {
    "seed-stream-guard": HEAD
    + (
        "for response in chat.generate_by_bytes(b'Tell me a story', input_type='text'):\n"
        "    if response.outputs and response.outputs[0].data.text:\n"
        "        print(response.outputs[0].data.text.raw.strip())\n"
    ),
    "status-check-logs-and-returns": HEAD
    + (
        "from clarifai_grpc.grpc.api.status import status_code_pb2\n"
        "def ask(question):\n"
        "    response = chat.predict_by_bytes(question.encode(), input_type='text')\n"
        "    if response.status.code != status_code_pb2.SUCCESS:\n"
        "        print('failed:', response.status.description)\n"
        "        return ''\n"
        "    return response.outputs[0].data.text.raw.strip()\n"
        "print(ask('hello'))\n"
    ),
    "reassigned-and-helper": HEAD
    + (
        "def show(label, response):\n"
        "    print(label, response.outputs[0].data.text.raw[:40])\n"
        "r = chat.predict_by_bytes(b'first', 'text')\n"
        "print(len(r.outputs[0].data.text.raw))\n"
        "r = chat.predict_by_bytes(b'second', 'text')\n"
        "show('second:', r)\n"
    ),
    "concepts-loop-variable-after-the-loop": (
        "from clarifai.client.model import Model\n"
        f"tagger = Model(url={TAGS!r})\n"
        "result = tagger.predict_by_url('https://samples.clarifai.com/dog.jpg', 'image')\n"
        "for concept in result.outputs[0].data.concepts:\n"
        "    print(concept.name, concept.value)\n"
        "print('last:', concept.name)\n"
        "top = result.outputs[0].data.concepts[0].name if result.outputs else ''\n"
        "print(top)\n"
    ),
}


@pytest.fixture(scope="module")
def signatures(echo_endpoint: Any) -> str:
    methods: dict[str, Any] = {}
    for url in (CHAT, TAGS):
        fetched = fetch_signature_set(url, base_url=echo_endpoint.base_url, pat=FAKE_PAT)
        methods.update(fetched.models)
    return write_signatures(SignatureSet(methods))


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_value_rewrite_behaves_the_same(name: str, echo_endpoint, signatures, tmp_path: Path):
    program = LegacyProgram(name, PROGRAMS[name], signatures=signatures)
    result = run_differential(echo_endpoint, program, tmp_path)
    outcomes = {f.outcome for f in result.migration.findings if f.code}
    assert outcomes == {Outcome.REWRITTEN}, [f.message for f in result.migration.findings]
    assert "_by_" not in result.migration.source and "legacy_compat" not in result.migration.source
    assert result.equal, result.report()
    assert result.comparison.original.stdout.strip(), "the program printed something"
