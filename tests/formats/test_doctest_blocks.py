"""Interactive sessions in docs (``pycon`` fences, reST doctest blocks) are migrated with
their prompts kept and their output lines untouched; they were neither rewritten nor
reported before (issue 14 §4)."""

from __future__ import annotations

from codemods.engine import migrate_python as engine_migrate
from codemods.findings import Outcome
from codemods.formats.markdown import MarkdownHandler
from codemods.formats.rst import RstHandler

URL = "https://clarifai.com/openai/chat-completion/models/gpt-4o-mini"
SESSION = (
    ">>> from clarifai.client.model import Model\n"
    f'>>> model = Model("{URL}")\n'
    '>>> r = model.predict_by_url("https://x/dog.jpg", "image")\n'
    ">>> print(r.outputs[0].data.text.raw)\n"
    "a dog on a beach\n"
    ">>> for x in [1]:\n"
    "...     print(x)\n"
    "...\n"
    "1\n"
)


def test_a_pycon_fence_keeps_its_prompts_and_output(migrate_python) -> None:
    doc = f"# Demo\n\n```pycon\n{SESSION}```\n"
    new, findings = MarkdownHandler().migrate(doc, migrate_python)
    assert [(f.outcome, f.line) for f in findings] == [(Outcome.REWRITTEN, 6)]
    assert new == doc.replace(
        '>>> r = model.predict_by_url("https://x/dog.jpg", "image")\n',
        '>>> r = model.predict(image=Image(url="https://x/dog.jpg"))\n',
    ).replace("```pycon\n", "```pycon\n>>> from clarifai.runners.utils.data_types import Image\n")


def test_a_rest_doctest_block_is_migrated(migrate_python) -> None:
    doc = f"Usage\n=====\n\nCall it:\n\n{SESSION}\nDone.\n"
    new, findings = RstHandler().migrate(doc, migrate_python)
    assert [f.outcome for f in findings] == [Outcome.REWRITTEN]
    assert '>>> r = model.predict(image=Image(url="https://x/dog.jpg"))\n' in new
    assert "a dog on a beach\n>>> for x in [1]:\n...     print(x)\n...\n1\n" in new


def test_a_session_through_the_engine_is_reported_when_not_rewritten() -> None:
    def migrate(code: str):
        result = engine_migrate(code)
        return result.text, list(result.findings)

    session = (
        ">>> from clarifai.client.model import Model\n"
        ">>> def ask(m):\n"
        '...     return m.predict_by_url("https://x/dog.jpg", input_type="image")\n'
    )
    doc = f"```pycon\n{session}```\n"
    new, findings = MarkdownHandler().migrate(doc, migrate)
    assert new == doc
    assert [(f.code, f.outcome, f.line) for f in findings] == [("LC006", Outcome.REPORTED, 4)]


def test_output_under_a_rewritten_line_keeps_the_block_and_reports_the_call(migrate_python):
    session = (
        ">>> from clarifai.client.model import Model\n"
        f'>>> model = Model("{URL}")\n'
        '>>> model.predict_by_url("https://x/dog.jpg", "image")\n'
        "status {\n  code: SUCCESS\n}\n"
    )
    doc = f"```pycon\n{session}```\n"
    new, findings = MarkdownHandler().migrate(doc, migrate_python)
    assert new == doc
    assert [(f.outcome, f.line) for f in findings] == [(Outcome.REPORTED, 4)]
    assert "interactive session" in findings[0].message
