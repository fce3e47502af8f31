"""Receivers a program sets up in common ways, and findings that name what is true of them
(red-team programs rt_global_in_function, rt_conditional_model, rt_input_type_lower)."""

from __future__ import annotations

from codemods.engine import migrate_python
from codemods.findings import Outcome

IMPORT = "from clarifai.client.model import Model\n"
URL = "https://clarifai.com/u/a/models/m"


def _migrate(body: str) -> tuple[str, list[tuple[str, Outcome, str]]]:
    new, findings = migrate_python(IMPORT + body, path="t.py")
    return new, [(f.code, f.outcome, f.message) for f in findings]


def test_a_global_set_in_an_init_function_is_that_model() -> None:
    new, findings = _migrate(
        "model = None\n"
        "def init():\n"
        "    global model\n"
        f"    model = Model(url='{URL}')\n"
        "def ask(q):\n"
        "    return model.predict_by_bytes(q.encode(), input_type='text')\n"
    )
    assert [f[:2] for f in findings] == [("LC001", Outcome.REWRITTEN)]
    assert "model.predict(" in new and "_by_" not in new


def test_a_conditional_between_two_models_is_a_model() -> None:
    new, findings = _migrate(
        f"model = Model(url='{URL}') if fast else Model(url='{URL}2')\n"
        "model.predict_by_url('https://x/dog.jpg', input_type='image')\n"
    )
    assert [f[:2] for f in findings] == [("LC001", Outcome.REWRITTEN)]
    assert "model.predict(" in new and "_by_" not in new


def test_an_expression_receiver_is_named_in_words_not_by_its_node_class() -> None:
    _, findings = _migrate(
        f"model = other or Model(url='{URL}')\n"
        "model.predict_by_url('https://x/dog.jpg', input_type='image')\n"
    )
    [(code, outcome, message)] = findings
    assert (code, outcome) == ("LC006", Outcome.REPORTED)
    assert "the receiver is an `and`/`or` expression" in message
    assert "BooleanOperation" not in message


def test_a_none_placeholder_never_becomes_the_reason() -> None:
    _, findings = _migrate(
        "model = None\n"
        "for model in load():\n"
        "    pass\n"
        "model.predict_by_url('https://x/dog.jpg', input_type='image')\n"
    )
    [(code, _, message)] = findings
    assert code == "LC006"
    assert "None is" not in message and "model is bound by a loop" in message


def test_a_run_time_input_type_gets_one_wording_however_it_is_computed() -> None:
    messages = set()
    for kind in ("kind", "kind.lower()", "f'{kind}'"):
        _, findings = _migrate(
            f"model = Model(url='{URL}')\nmodel.predict_by_url('https://x/y', input_type={kind})\n"
        )
        [(_, outcome, message)] = findings
        assert outcome is Outcome.MARKED
        messages.add(message)
    assert len(messages) == 1
    assert messages.pop().startswith("input_type is known only at run time")


def test_a_literal_input_type_outside_the_four_is_quoted() -> None:
    _, findings = _migrate(
        f"model = Model(url='{URL}')\nmodel.predict_by_url('u', input_type='IMAGE')\n"
    )
    [(_, outcome, message)] = findings
    assert outcome is Outcome.MARKED
    assert message.startswith("input_type is 'IMAGE', not one of image/text/audio/video")
