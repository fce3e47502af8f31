"""The equivalent current-CLI command, rendered for both CLI generations.

The integration tests run the rendered command with the installed SDK's CLI; these pin the
text for the other generation and for the cases no reference model reaches.
"""

from __future__ import annotations

import pytest

from codemods.predict_cli import LegacyPredict, render_current_command, untranslatable

IMAGE_URL = LegacyPredict(
    model_ref="u/a/models/m",
    source="url",
    value="https://x/cat.jpg",
    input_type="image",
    parameter="image",
    first_media_parameter="image",
    deployment_id="dep",
)


@pytest.mark.parametrize(
    ("request_", "model_ref", "inputs_json"),
    [
        (
            IMAGE_URL,
            "clarifai model predict u/a/models/m --method predict --url https://x/cat.jpg "
            "--deployment dep",
            "clarifai model predict --model_url https://clarifai.com/u/a/models/m --method "
            """predict --inputs '{"image": "https://x/cat.jpg"}' --deployment_id dep""",
        ),
        (
            LegacyPredict(
                model_ref="u/a/models/llm",
                source="bytes",
                value="it's here",
                input_type="text",
                parameter="prompt",
                compute_cluster_id="cc",
                nodepool_id="np",
                inference_params={"max_tokens": 5, "stop": ["\n"]},
            ),
            "clarifai model predict u/a/models/llm --method predict -i 'prompt=it'\"'\"'s here' "
            """-i max_tokens=5 -i 'stop=["\\n"]' --compute_cluster_id cc --nodepool_id np""",
            "clarifai model predict --model_url https://clarifai.com/u/a/models/llm --method "
            """predict --inputs '{"prompt": "it'"'"'s here", "max_tokens": 5, "stop": ["\\n"]}' """
            "--compute_cluster_id cc --nodepool_id np",
        ),
        (
            LegacyPredict(
                model_ref="u/a/models/llm",
                source="filepath",
                value="my notes.txt",
                input_type="text",
                parameter="prompt",
                file_text="hello",
            ),
            """clarifai model predict u/a/models/llm --method predict -i "prompt=$(cat 'my """
            """notes.txt')\"""",
            "clarifai model predict --model_url https://clarifai.com/u/a/models/llm --method "
            """predict --inputs '{"prompt": "hello"}'""",
        ),
        (
            LegacyPredict(
                model_ref="u/a/models/mm",
                source="filepath",
                value="/tmp/a.png",
                input_type="image",
                parameter="second_image",
                first_media_parameter="first_image",
            ),
            "clarifai model predict u/a/models/mm --method predict -i second_image=/tmp/a.png",
            "clarifai model predict --model_url https://clarifai.com/u/a/models/mm --method "
            """predict --inputs '{"second_image": "/tmp/a.png"}'""",
        ),
    ],
)
def test_both_cli_generations(request_: LegacyPredict, model_ref: str, inputs_json: str) -> None:
    assert render_current_command(request_, style="model-ref") == model_ref
    assert render_current_command(request_, style="inputs-json") == inputs_json


def test_what_cannot_be_said_is_listed() -> None:
    text_url = LegacyPredict(
        model_ref="u/a/models/llm",
        source="url",
        value="https://x/t.txt",
        input_type="text",
        parameter="prompt",
        output_config={"max_concepts": 2},
    )
    notes = untranslatable(text_url)
    assert [note.split(" ")[0] for note in notes] == ["--output_config", "a"]
    assert "--url" not in render_current_command(text_url, style="model-ref")
    assert untranslatable(IMAGE_URL) == []


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown CLI style 'v3'; expected 'model-ref'"):
        render_current_command(IMAGE_URL, style="v3")
