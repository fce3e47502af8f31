"""The LegacyInferenceWarning: exact texts, attribution, env switch, static markers."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from codemods.legacy_api import LEGACY_METHODS
from legacy_compat.deprecation import (
    ENVIRONMENT_VARIABLE,
    LegacyInferenceWarning,
    static_message,
)
from legacy_compat.legacy_methods import LEGACY_IMPLEMENTATIONS
from legacy_compat.model import Model

REPO = Path(__file__).resolve().parents[2]
IMPORTS_IMAGE = "(imports: `from clarifai.runners.utils.data_types import Image`)"
COMMAND = "`legacy-compat migrate PATH` rewrites legacy calls for you."


def _snapshot_cases(ep):
    cat, dog = ep.fixture_path("cat.png"), ep.fixture_path("dog.jpg")
    return [
        (
            "image-classifier",
            "predict_by_url",
            (ep.fixture_url("cat.png"),),
            {},
            f"""\
predict_by_url() is deprecated. On this model, call instead:
    model.predict(image=Image(url=url))
{IMPORTS_IMAGE}
{COMMAND}""",
        ),
        (
            "text-llm",
            "predict_by_bytes",
            (b"a b", "text", {"max_tokens": 2, "top_p": 0.5}),
            {},
            f"""\
predict_by_bytes() is deprecated. On this model, call instead:
    model.predict(prompt=input_bytes.decode(), max_tokens=2)
Not parameters of predict(), so pythonic models ignore them: inference_params 'top_p'.
{COMMAND}""",
        ),
        (
            "image-to-text",
            "generate_by_filepath",
            (str(dog),),
            {"deployment_id": "test-deployment"},
            f"""\
generate_by_filepath() is deprecated. On this model, call instead:
    model.generate(image=Image(bytes=Path(filepath).read_bytes()))
and move the routing to the constructor: Model(..., deployment_id='test-deployment', \
deployment_user_id='test-user').
(imports: `from clarifai.runners.utils.data_types import Image`, `from pathlib import Path`)
{COMMAND}""",
        ),
        (
            "image-to-text",
            "stream_by_url",
            (
                [ep.fixture_url("dog.jpg")],
                "image",
                "test-cluster",
                "test-nodepool",
                None,
                "test-user",
            ),
            {},
            f"""\
stream_by_url() is deprecated. On this model, call instead:
    model.stream(input_iterator=(Image(url=u) for u in url_iterator))
and move the routing to the constructor: Model(..., compute_cluster_id='test-cluster', \
nodepool_id='test-nodepool', deployment_user_id='test-user').
{IMPORTS_IMAGE}
{COMMAND}""",
        ),
        (
            "audio-transcriber",
            "stream_by_filepath",
            (str(ep.fixture_path("tone.wav")),),
            {},
            f"""\
stream_by_filepath() is deprecated. On this model, call instead:
    model.stream(input_iterator=iter([Audio(bytes=Path(filepath).read_bytes())]))
(imports: `from clarifai.runners.utils.data_types import Audio`, `from pathlib import Path`)
{COMMAND}""",
        ),
        (
            "text-llm",
            "generate_by_bytes",
            (b"x",),
            {"output_config": {"max_concepts": 1}},
            f"""\
generate_by_bytes() is deprecated. On this model, call instead:
    model.generate(prompt=input_bytes.decode())
output_config has no equivalent in generate(); pythonic models ignore it.
{COMMAND}""",
        ),
        (
            "legacy-detector",
            "predict_by_filepath",
            (str(cat), "image"),
            {"inference_params": {"min_value": 0.1}},
            f"""\
predict_by_filepath() is deprecated. On this model, call instead:
    model.predict(inputs=[Inputs.get_input_from_bytes("", \
image_bytes=Path(filepath).read_bytes())], inference_params=inference_params)
(This model has no method signatures, so it takes Input protos.)
(imports: `from clarifai.client.input import Inputs`, `from pathlib import Path`)
{COMMAND}""",
        ),
        (
            "video-frames",
            "generate_by_url",
            (ep.fixture_url("clip.mp4"),),
            {},
            f"""\
generate_by_url() is deprecated. On this model, call instead:
    model.generate(video=Video(url=url))
(imports: `from clarifai.runners.utils.data_types import Video`)
{COMMAND}""",
        ),
    ]


def test_messages_are_the_exact_migration_for_the_call_and_model(facade, local_endpoint) -> None:
    for model_id, method, args, kwargs, expected in _snapshot_cases(local_endpoint):
        with pytest.warns(LegacyInferenceWarning) as caught:
            getattr(facade[model_id], method)(*args, **kwargs)
        assert [str(w.message) for w in caught] == [expected], (model_id, method)


def test_warning_names_the_users_line_for_our_model_and_for_the_sdks(facade, sdk, local_endpoint):
    url = local_endpoint.fixture_url("cat.png")
    with pytest.warns(LegacyInferenceWarning) as caught:
        line = sys._getframe().f_lineno + 1
        facade["image-classifier"].predict_by_url(url, "image")
        LEGACY_IMPLEMENTATIONS["predict_by_url"](sdk["image-classifier"], url, "image")
    assert [(Path(w.filename).name, w.lineno) for w in caught] == [
        (Path(__file__).name, line),
        (Path(__file__).name, line + 1),
    ]


def test_environment_switch_raises_or_silences(facade, local_endpoint, monkeypatch) -> None:
    url = local_endpoint.fixture_url("cat.png")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "error")
    with pytest.raises(LegacyInferenceWarning, match=r"model\.predict\(image=Image\(url=url\)\)"):
        facade["image-classifier"].predict_by_url(url, "image")

    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "ignore")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = facade["image-classifier"].predict_by_url(url, "image")
    assert caught == [] and response.outputs[0].data.concepts


def _run_python(code: str, env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in (ENVIRONMENT_VARIABLE, "PYTHONWARNINGS")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_default_filters_show_it_once_per_call_site_and_import_installs_none(local_endpoint):
    # A fresh interpreter with Python's default filters: DeprecationWarnings show in __main__.
    result = _run_python(
        """
        import warnings
        import clarifai.client.model  # numpy, urllib3 and requests add filters of their own
        before = list(warnings.filters)
        import legacy_compat, legacy_compat.deprecation, legacy_compat.model
        assert warnings.filters == before, "importing legacy_compat changed the filters"
        model = legacy_compat.Model(url=MODEL_URL, base_url=BASE, pat="fake-pat-for-tests")
        for _ in range(3):
            model.predict_by_url(IMAGE, "image")
        model.predict_by_url(IMAGE, "image")
        print("ok")
        """.replace("MODEL_URL", repr(local_endpoint.model_url("image-classifier")))
        .replace("BASE", repr(local_endpoint.base_url))
        .replace("IMAGE", repr(local_endpoint.fixture_url("cat.png"))),
        {},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    shown = [line for line in result.stderr.splitlines() if "LegacyInferenceWarning" in line]
    assert [line.split(":")[:2] for line in shown] == [["<string>", "9"], ["<string>", "10"]]


def test_static_markers_match_the_generic_messages_and_signatures_are_visible() -> None:
    for name, method in LEGACY_METHODS.items():
        function = getattr(Model, name)
        assert function.__deprecated__ == static_message(name)
        parameters = inspect.signature(function).parameters
        assert list(parameters)[:3] == ["self", method.source_names[0], "input_type"]
        assert {"inference_params", "output_config", "deployment_id", "user_id"} <= set(parameters)
        assert set(method.source_names[1:]) <= set(parameters)


SAMPLE = """\
from legacy_compat import Model

model = Model("https://clarifai.com/u/a/models/m")
model.predict_by_url("https://x/cat.png", "image")
model.predict_by_bytes(b"abc", input_type="text", inference_params={"temperature": 0.5})
model.predict_by_filepath("cat.png")
model.generate_by_url("https://x/cat.png", deployment_id="prod")
model.generate_by_bytes(b"x", "text", "cluster", "pool")
model.generate_by_filepath("cat.png", output_config={"max_concepts": 3})
model.stream_by_url(url=["https://x/a.png"])
model.stream_by_bytes(iter([b"x"]))
model.stream_by_filepath(["a.png", "b.png"])
model.predict(image="not legacy")
"""


def test_mypy_reports_each_legacy_call_with_the_static_text(tmp_path: Path) -> None:
    sample = tmp_path / "user_code.py"
    sample.write_text(SAMPLE)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--enable-error-code",
            "deprecated",
            "--no-incremental",
            "--ignore-missing-imports",
            "--follow-imports=silent",
            str(sample),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith(str(sample))]
    expected = [
        f"{sample}:{number}: error: function legacy_compat.model.Model.{name} is deprecated: "
        f"{static_message(name)}  [deprecated]"
        for number, name in enumerate(LEGACY_METHODS, start=4)
    ]
    assert lines == expected, result.stdout
