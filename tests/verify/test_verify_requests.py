"""verify compares what reached the endpoint, and reports failures as they are.

Small one-file projects on the reference models: a migration that prints the same but sends
another request (another deployment, another parameter type) is DIFFERENT; two runs that fail
the same way are EQUAL and said to have failed the same way; the model's own traceback (the
``stack_trace`` of a failed response) never reaches the report.
"""

from __future__ import annotations

from pathlib import Path

from legacy_compat.verification import VerifyConfig, verify_projects, without_server_details

LLM = "https://clarifai.com/acme/chat/models/assistant"
CONFIG = VerifyConfig(
    models={"acme/chat/assistant": "text-llm", "acme/chat/broken": "failing"},
    entry_points=("app.py",),
)


def project(root: Path, body: str) -> Path:
    root.mkdir()
    (root / "app.py").write_text("from clarifai.client.model import Model\n" + body)
    return root


def test_a_rerouted_call_is_different_although_it_prints_the_same(tmp_path):
    original = project(
        tmp_path / "original",
        f"m = Model(url={LLM!r})\nprint(m.predict(prompt='one two'))\n",
    )
    rerouted = project(
        tmp_path / "migrated",
        f"m = Model(url={LLM!r}, deployment_id='test-deployment')\n"
        "print(m.predict(prompt='one two'))\n",
    )

    report = verify_projects(original, rerouted, CONFIG)

    [entry] = report.entries
    assert entry.original.stdout == entry.migrated.stdout == "two one\n"
    assert not report.equal
    text = report.render()
    assert "request 1 (PostModelOutputs to acme/chat/assistant) differs in routing:" in text
    assert '"deployment":{"id":"test-deployment","user_id":"test-user"}' in text
    assert "result: DIFFERENT" in text


def test_a_parameter_the_output_does_not_show_is_still_compared(tmp_path):
    # Two words back either way: only the request says max_tokens changed.
    original = project(
        tmp_path / "original", f"print(Model(url={LLM!r}).predict(prompt='a b', max_tokens=2))\n"
    )
    migrated = project(
        tmp_path / "migrated", f"print(Model(url={LLM!r}).predict(prompt='a b', max_tokens=3))\n"
    )

    text = verify_projects(original, migrated, CONFIG).render()

    assert "stdout differs" not in text
    assert "differs in arguments:" in text
    assert '"max_tokens":["int",2]' in text and '"max_tokens":["int",3]' in text
    # The report also shows each request as sent.
    assert '"int_value":"2"' in text and '"int_value":"3"' in text


def test_the_legacy_encoding_of_the_same_call_is_equal(tmp_path):
    # The proto form sends no method name and the prompt in Input.data.text; the runner
    # binds it to predict(prompt='one two') as it binds the pythonic request.
    original = project(
        tmp_path / "original", f"print(Model(url={LLM!r}).predict(prompt='one two'))\n"
    )
    migrated = project(
        tmp_path / "migrated",
        "from clarifai.client.input import Inputs\n"
        f"r = Model(url={LLM!r}).predict(\n"
        "    inputs=[Inputs.get_input_from_bytes('', text_bytes=b'one two')])\n"
        "print(r.outputs[0].data.text.raw)\n",
    )

    report = verify_projects(original, migrated, CONFIG)

    [entry] = report.entries
    assert report.equal, report.render()
    [before], [after] = entry.original.requests, entry.migrated.requests
    assert (before.method, after.method) == ("predict", "")
    assert before.meaning == after.meaning


def test_two_runs_that_fail_the_same_way_are_reported_as_such(tmp_path):
    body = (
        "m = Model(url='https://clarifai.com/acme/chat/models/broken')\n"
        "print('asking')\n"
        "m.predict(prompt='why')\n"
    )
    original = project(tmp_path / "original", body)
    migrated = project(tmp_path / "migrated", body)

    report = verify_projects(original, migrated, CONFIG)

    [entry] = report.entries
    assert report.equal and entry.failed_same_way
    assert entry.original.exception is not None
    assert entry.original.exception.type == "Exception"
    assert "always fails (prompt" in entry.original.exception.message
    text = report.render()
    assert "app.py: EQUAL" in text
    assert "both runs failed the same way (exit status 1, Exception: Model predict failed" in text
    assert "failed the same way in both runs" in text
    # The model's traceback is the server's business, not the user's program's.
    assert "stack_trace" not in text and "reference_models.py" not in text


def test_a_different_exception_is_named_without_the_server_traceback(tmp_path):
    original = project(
        tmp_path / "original",
        "m = Model(url='https://clarifai.com/acme/chat/models/broken')\nm.predict(prompt='a')\n",
    )
    migrated = project(
        tmp_path / "migrated",
        "m = Model(url='https://clarifai.com/acme/chat/models/broken')\nm.predict(prompt='b')\n",
    )

    text = verify_projects(original, migrated, CONFIG).render()

    assert "the exception differs: original Exception: Model predict failed" in text
    assert "(prompt \\'a\\')" in text and "(prompt \\'b\\')" in text
    assert "stack_trace" not in text and "Traceback" not in text


def test_server_details_are_removed_from_a_message():
    message = (
        "Model predict failed with response status {\n"
        "  code: FAILURE\n"
        '  details: "boom"\n'
        '  stack_trace: "Traceback (most recent call last):"\n'
        '  stack_trace: "  File \\"model.py\\", line 3"\n'
        "}\n<object at 0x7f3a2b4c5d60>"
    )
    assert without_server_details(message) == (
        "Model predict failed with response status {\n"
        "  code: FAILURE\n"
        '  details: "boom"\n'
        "}\n<object at 0x...>"
    )
