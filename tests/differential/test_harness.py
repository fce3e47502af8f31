"""The harness itself: equal programs are EQUAL, and each kind of change is caught.

Hand-written "migrations" stand in for the codemod here, so each test knows exactly which
difference it introduced; the codemod's own programs are run in tests/realistic.
"""

from __future__ import annotations

from pathlib import Path

from harness import LegacyProgram, Migration, run_differential

from codemods.findings import Outcome

CHAT = "https://clarifai.com/openai/chat-completion/models/gpt-4o"
TAGS = "https://clarifai.com/clarifai/main/models/general-image-recognition"
DETECT = "https://clarifai.com/clarifai/main/models/general-image-detection"
HEADER = "from clarifai.client.model import Model\n"

LEGACY_CHAT = HEADER + (
    f"model = Model(url={CHAT!r})\n"
    "r = model.predict_by_bytes(b'hello there', input_type='text',\n"
    "                           inference_params={'temperature': 0.2, 'max_tokens': 20})\n"
    "print(r.outputs[0].data.text.raw)\n"
)


def by_hand(source: str) -> Migration:
    return Migration(source, ())


def test_the_echo_reply_names_method_parameters_and_types(echo_endpoint, tmp_path: Path):
    new = HEADER + (
        f"model = Model(url={CHAT!r})\n"
        "print(model.predict(prompt='hello there', temperature=0.2, max_tokens=20))\n"
    )
    result = run_differential(
        echo_endpoint, LegacyProgram("chat", LEGACY_CHAT), tmp_path, migration=by_hand(new)
    )

    assert result.equal, result.report()
    assert result.comparison.original.stdout == (
        "predict(prompt='hello there':str, max_tokens=20:int, temperature=0.2:float, "
        "top_p=0.95:float, system_prompt='':str)\n"
    )
    [request] = result.comparison.migrated.requests
    assert request.route == "openai/chat-completion/gpt-4o" and request.method == "predict"


def test_a_float_where_an_int_was_is_caught_in_the_output(echo_endpoint, tmp_path: Path):
    new = HEADER + (
        f"model = Model(url={CHAT!r})\n"
        "print(model.predict(prompt='hello there', temperature=0.2, max_tokens=20.0))\n"
    )
    result = run_differential(
        echo_endpoint, LegacyProgram("chat", LEGACY_CHAT), tmp_path, migration=by_hand(new)
    )
    assert not result.equal
    assert "max_tokens" in result.report()


def test_another_deployment_is_caught_in_the_request_log(echo_endpoint, tmp_path: Path):
    legacy = HEADER + (
        f"m = Model(url={TAGS!r})\n"
        "r = m.predict_by_bytes(open('dog.jpg', 'rb').read(), input_type='image')\n"
        "print([c.name for c in r.outputs[0].data.concepts])\n"
    )
    rerouted = HEADER + (
        "from clarifai.runners.utils.data_types import Image\n"
        f"m = Model(url={TAGS!r}, deployment_id='prod-gpu')\n"
        "print([c.name for c in m.predict(image=Image(bytes=open('dog.jpg', 'rb').read()))])\n"
    )
    program = LegacyProgram("tags", legacy, files={"dog.jpg": b"\xff\xd8 not really a jpeg"})

    result = run_differential(echo_endpoint, program, tmp_path, migration=by_hand(rerouted))

    assert result.comparison.original.stdout == result.comparison.migrated.stdout
    assert "called-predict" in result.comparison.original.stdout
    assert not result.equal
    assert "differs in routing" in result.report()
    assert '"deployment":{"id":"prod-gpu"' in result.report()


def test_generate_where_predict_was_is_caught(echo_endpoint, tmp_path: Path):
    new = HEADER + (
        f"model = Model(url={CHAT!r})\n"
        "print(''.join(model.generate(prompt='hello there', temperature=0.2, max_tokens=20)))\n"
    )
    result = run_differential(
        echo_endpoint, LegacyProgram("chat", LEGACY_CHAT), tmp_path, migration=by_hand(new)
    )
    assert not result.equal
    assert "GenerateModelOutputs" in result.report() or "generate(" in result.report()


def test_the_pre_pythonic_model_echoes_fields_params_and_config(echo_endpoint, tmp_path: Path):
    legacy = HEADER + (
        f"m = Model(url={DETECT!r})\n"
        "r = m.predict_by_url('https://samples.clarifai.com/dog.jpg', input_type='image',\n"
        "                     output_config={'min_value': 0.5})\n"
        "print(r.outputs[0].data.text.raw)\n"
        "print(len(r.outputs[0].data.regions), len(r.outputs[0].data.embeddings))\n"
    )
    program = LegacyProgram("detect", legacy)
    result = run_differential(echo_endpoint, program, tmp_path, migration=by_hand(legacy))
    # The same legacy program both ways: the migrated copy runs on the plain SDK, whose own
    # predict_by_url still exists in clarifai 12.5.0 (it cannot route; it can do this).
    assert "received image(url='http://127.0.0.1:" in result.comparison.original.stdout
    assert "config={'min_value': 0.5}" in result.comparison.original.stdout
    assert result.comparison.original.stdout.endswith("1 1\n")
    assert result.equal, result.report()


def test_two_runs_failing_the_same_way_are_equal_and_say_so(echo_endpoint, tmp_path: Path):
    legacy = HEADER + (
        f"model = Model(url={CHAT!r})\n"
        "print('before')\n"
        "model.predict_by_bytes(b'PLEASE-FAIL now', input_type='text')\n"
    )
    new = HEADER + (
        f"model = Model(url={CHAT!r})\nprint('before')\nmodel.predict(prompt='PLEASE-FAIL now')\n"
    )
    result = run_differential(
        echo_endpoint, LegacyProgram("fail", legacy), tmp_path, migration=by_hand(new)
    )
    assert result.equal, result.report()
    assert result.comparison.failed_same_way
    exception = result.comparison.original.exception
    assert exception is not None and "asked to fail" in exception.message
    assert "stack_trace" not in exception.message


def test_the_codemod_runs_when_no_migration_is_given(echo_endpoint, tmp_path: Path):
    result = run_differential(echo_endpoint, LegacyProgram("chat", LEGACY_CHAT), tmp_path)
    assert result.migration.source != LEGACY_CHAT
    assert result.migration.count(Outcome.REWRITTEN) == 1
    assert result.equal, result.report()


def test_a_program_that_would_reach_the_network_is_refused(echo_endpoint, tmp_path: Path):
    import pytest

    program = LegacyProgram("net", LEGACY_CHAT + "URL = 'https://example.com/x.jpg'\n")
    with pytest.raises(ValueError, match="would be fetched from the network"):
        run_differential(echo_endpoint, program, tmp_path)
