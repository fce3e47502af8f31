"""Code that goes with a rewrite never takes a comment with it (issue 10 section 1)."""

from __future__ import annotations

import re

import pytest

from codemods.engine import migrate_python
from codemods.options import MigrateOptions
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.signature_file import SignatureSet

OPTIONS = MigrateOptions(
    signatures=SignatureSet.from_json({"version": 1, "models": dict(EXAMPLE_SIGNATURES)})
)
HEAD = (
    "from clarifai.client.model import Model\n"
    "from clarifai_grpc.grpc.api.status import status_code_pb2\n"
    "model = Model('https://clarifai.com/u/a/models/llm')\n"
)


def comments(source: str) -> list[str]:
    return re.findall(r"#[^\n]*", source)


@pytest.mark.parametrize(
    "body",
    [
        "for c in model.generate_by_bytes(b'x', 'text'):\n"
        "    if c.outputs:  # only chunks with output\n"
        "        print(c.outputs[0].data.text.raw)\n",
        "r = model.predict_by_bytes(b'x', 'text')\n"
        "# fail loudly\n"
        "if r.status.code != status_code_pb2.SUCCESS:\n"
        "    raise Exception(r.status.description)\n"
        "print(r.outputs[0].data.text.raw)\n",
        "r = model.predict_by_bytes(b'x', 'text')\n"
        "if r.status.code != status_code_pb2.SUCCESS:\n"
        "    # log and go on\n"
        "    print('bad')\n"
        "print(r.outputs[0].data.text.raw)\n",
        "r = model.predict_by_bytes(b'x', 'text')\n"
        "assert r.status.code == 10000  # the platform said yes\n"
        "print(r.outputs[0].data.text.raw)\n",
    ],
)
def test_every_comment_survives(body: str) -> None:
    new, findings = migrate_python(HEAD + body, OPTIONS, path="a.py")
    assert "_by_" not in new, [f.message for f in findings]
    assert comments(HEAD + body) == [c for c in comments(new) if "TODO(legacy-compat" not in c]


def test_the_comment_of_an_unwrapped_guard_moves_above_its_body() -> None:
    body = (
        "for c in model.generate_by_bytes(b'x', 'text'):\n"
        "    if c.outputs:  # only chunks with output\n"
        "        print(c.outputs[0].data.text.raw)\n"
    )
    new, _ = migrate_python(HEAD + body, OPTIONS, path="a.py")
    assert new.endswith(
        "for c in model.generate(prompt='x'):\n    # only chunks with output\n    print(c)\n"
    )
