"""The verify file and options: what they accept, and errors that say what to write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legacy_compat.commands.demo import EXAMPLE_PROJECT
from legacy_compat.verification import (
    VERIFY_FILE,
    VerifyConfig,
    VerifyConfigError,
    entry_points,
    load_verify_config,
    parse_model_options,
)


def test_the_example_project_verify_file_loads():
    config = load_verify_config(EXAMPLE_PROJECT / VERIFY_FILE)
    assert config.models["clarifai/main/general-image-recognition"] == "image-classifier"
    assert config.entry_points == ("app.py",)
    assert config.deployments == ("photo-desk/photo-desk-gpu",)
    assert config.local_models() == [
        "audio-transcriber",
        "image-classifier",
        "image-to-text",
        "text-llm",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"modles": {}}', "unknown key(s) modles"),
        ('{"models": ["a"]}', "'models' must be an object of strings"),
        ('{"models": {}, "version": 2}', "version 2 is not supported"),
        ('{"models": {}, "entry_points": "app.py"}', "'entry_points' must be a list"),
    ],
)
def test_bad_verify_files_are_named_with_what_to_write(tmp_path, content, message):
    path = tmp_path / VERIFY_FILE
    path.write_text(content)
    with pytest.raises(VerifyConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_verify_config(path)


def test_a_missing_verify_file_is_named(tmp_path):
    with pytest.raises(VerifyConfigError, match="cannot read the verify file"):
        load_verify_config(tmp_path / "nope.json")


def test_map_options_merge_over_the_file():
    config = VerifyConfig(models={"a/b/c": "text-llm"}, entry_points=("app.py",))
    merged = config.merged(parse_model_options(["a/b/c=image-classifier", "x/y/z=u/v/w"]))
    assert merged.models == {"a/b/c": "image-classifier", "x/y/z": "u/v/w"}
    assert merged.entry_points == ("app.py",)
    assert merged.local_models() == ["image-classifier"]


@pytest.mark.parametrize("option", ["a/b/c", "=x", "a/b/c="])
def test_a_bad_map_option_shows_the_expected_form(option):
    with pytest.raises(VerifyConfigError, match="USER/APP/MODEL=LOCAL_MODEL_ID"):
        parse_model_options([option])


def test_entry_points_default_to_scripts_with_a_main_block(tmp_path):
    (tmp_path / "run.py").write_text('if __name__ == "__main__":\n    pass\n')
    (tmp_path / "lib.py").write_text("X = 1\n")
    assert entry_points(tmp_path, VerifyConfig()) == ["run.py"]
    with pytest.raises(VerifyConfigError, match="not found"):
        entry_points(tmp_path, VerifyConfig(entry_points=("missing.py",)))
    (tmp_path / "run.py").unlink()
    with pytest.raises(VerifyConfigError, match="--entry SCRIPT"):
        entry_points(tmp_path, VerifyConfig())


def test_the_example_verify_file_is_valid_json_with_only_known_keys():
    data = json.loads((EXAMPLE_PROJECT / VERIFY_FILE).read_text())
    assert set(data) <= {"version", "entry_points", "models", "deployments", "env"}
    assert Path(EXAMPLE_PROJECT / data["entry_points"][0]).is_file()


def test_files_still_on_the_shim_are_found(tmp_path):
    from legacy_compat.verification import files_on_shim

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("import os\nimport legacy_compat\n")
    (tmp_path / "b.py").write_text("from legacy_compat import Model\n")
    (tmp_path / "c.py").write_text("# legacy_compat is gone\nimport clarifai\n")
    assert files_on_shim(tmp_path) == ("b.py", "pkg/a.py")


def test_a_mapping_to_a_model_the_endpoint_lacks_is_named(tmp_path):
    from legacy_compat.verification import verify_projects

    (tmp_path / "app.py").write_text('if __name__ == "__main__":\n    print(1)\n')
    config = VerifyConfig(models={"clarifai/main/m": "image-clasifier"})
    with pytest.raises(VerifyConfigError, match="image-clasifier"):
        verify_projects(tmp_path, tmp_path, config)


def test_an_entry_point_may_carry_arguments(tmp_path):
    (tmp_path / "report.py").write_text("import sys\nprint(sys.argv[1:])\n")
    config = VerifyConfig(entry_points=("report.py --limit '3 items'",))
    assert entry_points(tmp_path, config) == ["report.py --limit '3 items'"]
