"""A legacy method reached other than by a direct call is reported, never passed over
(issue 14 §4: no legacy call on a Clarifai Model may go unreported)."""

from __future__ import annotations

from codemods.engine import migrate_python
from codemods.findings import Outcome

HEADER = (
    "from clarifai.client.model import Model\n"
    "llm = Model(url='https://clarifai.com/openai/chat-completion/models/gpt-4o-mini')\n"
)


def _reported(body: str) -> list[tuple[int, str]]:
    source = HEADER + body
    new, findings = migrate_python(source, path="t.py")
    assert new == source
    assert all(f.outcome is Outcome.REPORTED and f.code == "LC006" for f in findings)
    return [(f.line, f.message) for f in findings]


def test_getattr_with_a_legacy_literal_is_reported() -> None:
    [(line, message)] = _reported(
        "call = getattr(llm, 'predict_by_bytes')\nprint(call(b'hi', 'text'))\n"
    )
    assert line == 3
    assert "getattr(llm, 'predict_by_bytes') looks up the legacy method predict_by_bytes" in message
    assert "call llm.predict(...) directly" in message


def test_getattr_with_a_name_holding_a_legacy_literal_or_a_built_name_is_reported() -> None:
    found = _reported(
        "name = 'stream_by_url'\n"
        "a = getattr(llm, name, None)\n"
        "kind = 'url'\n"
        "b = getattr(llm, f'generate_by_{kind}')\n"
    )
    assert [line for line, _ in found] == [4, 6]
    assert "the legacy method stream_by_url" in found[0][1]
    assert "which one is decided at run time" in found[1][1]


def test_getattr_of_other_attributes_or_other_objects_is_left_alone() -> None:
    assert _reported("getattr(llm, 'model_id')\ngetattr(str, 'predict_by_url', None)\n") == []
