"""Requests are compared by what they mean to the model, not by their wire encoding.

The original program runs on ``legacy_compat.install()`` (a pythonic request: method name,
named parts); each hand-written "migration" runs on the plain SDK against the same echo
endpoint. The programs print only ``done``, so stdout never tells them apart: whatever the
harness finds comes from the requests alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import LegacyProgram, Migration, run_differential

HEADER = "from clarifai.client.model import Model\n"
PROTO_HEADER = HEADER + "from clarifai.client.input import Inputs\n"
TAGS = "https://clarifai.com/clarifai/main/models/general-image-recognition"
CHAT = "https://clarifai.com/openai/chat-completion/models/gpt-4o"
DOG = "https://samples.clarifai.com/dog.jpg"
CAT = "https://samples.clarifai.com/cat.png"

CLASSIFY = LegacyProgram(
    "classify",
    HEADER
    + f"m = Model(url={TAGS!r})\nm.predict_by_url({DOG!r}, input_type='image')\nprint('done')\n",
)
CHAT_WITH_PARAMS = LegacyProgram(
    "chat-with-params",
    HEADER
    + f"m = Model(url={CHAT!r})\n"
    + "m.predict_by_bytes(b'hello there', 'text', inference_params={'max_tokens': 20})\n"
    + "print('done')\n",
)


def by_hand(source: str) -> Migration:
    return Migration(source, ())


def proto_classify(url: str = DOG, model: str = f"url={TAGS!r}") -> str:
    return PROTO_HEADER + (
        f"m = Model({model})\n"
        f"m.predict(inputs=[Inputs.get_input_from_url('', image_url={url!r})])\n"
        "print('done')\n"
    )


def test_the_proto_form_and_the_pythonic_request_mean_the_same(echo_endpoint, tmp_path: Path):
    result = run_differential(
        echo_endpoint, CLASSIFY, tmp_path, migration=by_hand(proto_classify())
    )

    assert result.equal, result.report()
    [before], [after] = result.comparison.original.requests, result.comparison.migrated.requests
    # The encodings differ (that is what this comparison is for) ...
    assert (before.method, after.method) == ("predict", "")
    assert before.inputs != after.inputs
    # ... and the runner binds both to predict(image=Image(url=...)).
    assert before.meaning.method == after.meaning.method == "predict"
    assert before.meaning.binding == "pythonic parts"
    assert after.meaning.binding == "legacy data converted for the signature"
    assert "dog.jpg" in after.meaning.arguments[0]


def test_a_chat_prompt_with_a_param_as_a_part_means_the_same_in_either_client(
    echo_endpoint, tmp_path: Path
):
    new = HEADER + (
        f"m = Model(url={CHAT!r})\nm.predict(prompt='hello there', max_tokens=20)\nprint('done')\n"
    )
    result = run_differential(echo_endpoint, CHAT_WITH_PARAMS, tmp_path, migration=by_hand(new))
    assert result.equal, result.report()


def test_another_value_is_a_difference(echo_endpoint, tmp_path: Path):
    result = run_differential(
        echo_endpoint, CLASSIFY, tmp_path, migration=by_hand(proto_classify(url=CAT))
    )

    assert not result.equal
    [difference] = result.differences()
    assert "differs in arguments" in difference
    # Both encodings are shown, so the report says how each run sent its value.
    assert "method predict" in difference and "method (none: legacy encoding)" in difference


def test_a_param_the_pythonic_runner_ignores_is_a_difference(echo_endpoint, tmp_path: Path):
    """``inference_params`` of the proto form go to output_info.params, which predict never gets."""
    new = PROTO_HEADER + (
        f"m = Model(url={CHAT!r})\n"
        "m.predict(inputs=[Inputs.get_input_from_bytes('', text_bytes=b'hello there')],\n"
        "          inference_params={'max_tokens': 20})\n"
        "print('done')\n"
    )
    result = run_differential(echo_endpoint, CHAT_WITH_PARAMS, tmp_path, migration=by_hand(new))

    assert not result.equal
    [difference] = result.differences()
    assert "differs in arguments" in difference
    assert 'original {"max_tokens":["int",20]' in difference
    assert "the model ignores" in difference and "max_tokens" in difference


def test_another_method_is_a_difference(echo_endpoint, tmp_path: Path):
    new = HEADER + (
        f"m = Model(url={CHAT!r})\n"
        "list(m.generate(prompt='hello there', max_tokens=20))\n"
        "print('done')\n"
    )
    result = run_differential(echo_endpoint, CHAT_WITH_PARAMS, tmp_path, migration=by_hand(new))

    assert not result.equal
    [difference] = result.differences()
    assert "differs in rpc, method" in difference


@pytest.mark.parametrize(
    "model",
    [
        f"url={TAGS!r}, deployment_id='prod-gpu', deployment_user_id='test-user'",
        "url='https://clarifai.com/clarifai/main/models/food-item-recognition'",
    ],
    ids=["deployment", "another-model-same-server"],
)
def test_a_rerouted_call_is_a_difference(model: str, echo_endpoint, tmp_path: Path):
    result = run_differential(
        echo_endpoint, CLASSIFY, tmp_path, migration=by_hand(proto_classify(model=model))
    )

    assert not result.equal
    assert any("differs in" in d and ("routing" in d or "model" in d) for d in result.differences())
