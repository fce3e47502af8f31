"""Models built in another module of the project: rewritten when the index sees them built,
reported otherwise, never left without a finding (issue 14 §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.options import MigrateOptions
from codemods.runner import migrate_files
from codemods.signature_file import SignatureSet

CAPTIONER_URL = "https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct"
LLM_URL = "https://clarifai.com/openai/chat-completion/models/gpt-4o-mini"

MODELS = (
    "from clarifai.client.model import Model\n\n"
    f'CAPTIONER = Model(url="{CAPTIONER_URL}")\n\n\n'
    "def get_llm():\n"
    f'    return Model(url="{LLM_URL}")\n'
)
PROGRAM = (
    "from models import CAPTIONER, get_llm\n\n"
    'caption = CAPTIONER.predict_by_url("https://samples.clarifai.com/dog.jpg", "image")\n'
    "print(caption.outputs[0].data.text.raw)\n"
    'answer = get_llm().predict_by_bytes(b"Make a title", input_type="text")\n'
    "print(answer.outputs[0].data.text.raw)\n"
)


def _signatures() -> SignatureSet:
    def predict(parameter: str, kind: str) -> dict:
        return {
            "methods": {
                "predict": {
                    "kind": "predict",
                    "parameters": [
                        {"name": parameter, "type": kind, "stream": False, "required": True}
                    ],
                    "returns": {"type": "STR", "stream": False},
                }
            }
        }

    return SignatureSet.from_json(
        {
            "version": 1,
            "models": {
                "qwen/qwen-VL/qwen2_5-vl-7b-instruct": predict("image", "IMAGE"),
                "openai/chat-completion/gpt-4o-mini": predict("prompt", "STR"),
            },
        }
    )


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "models.py").write_text(MODELS)
    program = folder / "program.py"
    program.write_text(PROGRAM)
    return program


def test_a_model_imported_from_a_module_not_read_is_reported() -> None:
    new, findings = migrate_python(PROGRAM, path="program.py")
    assert new == PROGRAM
    assert [(f.code, f.outcome, f.line) for f in findings] == [
        ("LC006", Outcome.REPORTED, 3),
        ("LC006", Outcome.REPORTED, 5),
    ]
    assert "imported from models" in findings[0].message


@pytest.mark.parametrize("run_from", ["folder", "parent"])
def test_one_file_given_still_reads_the_sibling_module_it_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_from: str
) -> None:
    program = _project(tmp_path / "app")
    monkeypatch.chdir(program.parent if run_from == "folder" else tmp_path)
    [result] = list(migrate_files([program.relative_to(Path.cwd())], MigrateOptions()))
    assert [f.outcome for f in result.findings] == [Outcome.REWRITTEN] * 2
    assert result.new is not None and b"_by_" not in result.new


def test_the_sibling_constructors_url_selects_the_signature(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    options = MigrateOptions(signatures=_signatures())
    [result] = list(migrate_files([Path("program.py")], options))
    assert result.new is not None
    new = result.new.decode()
    assert 'CAPTIONER.predict(image=Image(url="https://samples.clarifai.com/dog.jpg"))' in new
    assert 'get_llm().predict(prompt="Make a title")' in new
    assert program.read_text() == PROGRAM  # --diff-like run: nothing written


def test_check_fails_on_a_single_file_using_a_sibling_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from codemods.cli import main

    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--check", "program.py"]) == 1
    assert "would rewrite program.py" in capsys.readouterr().err


# The index reads only the modules the candidates import (and the ones those import), so each
# way of importing a module must still reach it.
@pytest.mark.parametrize(
    ("main", "program"),
    [
        ("main.py", "import app\n\nr = app.models.get_llm().predict_by_bytes(b'Hi', 'text')\n"),
        (
            "main.py",
            "from app import models\n\nr = models.get_llm().predict_by_bytes(b'Hi', 'text')\n",
        ),
        (
            "main.py",
            "import json, app.models\n\nr = app.models.CAPTIONER.predict_by_url('u', 'image')\n",
        ),
        ("main.py", "import app.models as m\n\nr = m.CAPTIONER.predict_by_url('u', 'image')\n"),
        (
            "app/main.py",
            "from . import models\n\nr = models.CAPTIONER.predict_by_url('u', 'image')\n",
        ),
    ],
    ids=["package-attribute", "from-package-import-module", "second-name", "alias", "relative"],
)
def test_every_import_spelling_reaches_the_module_that_builds_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, main: str, program: str
) -> None:
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("from . import models\n")
    (package / "models.py").write_text(MODELS)
    (tmp_path / main).write_text(program)
    monkeypatch.chdir(tmp_path)
    walked = sorted(Path(".").rglob("*.py"))
    [result] = [r for r in migrate_files(walked, MigrateOptions()) if r.path.name == "main.py"]
    assert [f.outcome for f in result.findings] == [Outcome.REWRITTEN]


def test_the_index_reads_only_the_modules_the_candidates_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a tree where every file builds its own model, indexing every file cost a serial
    parse of the whole tree before the first worker started."""
    from codemods import runner

    program = _project(tmp_path)
    for number in range(3):  # files that build a model nobody imports
        (tmp_path / f"other_{number}.py").write_text(MODELS + PROGRAM.split("\n", 1)[1])
    indexed: list[str] = []
    build = runner.ProjectIndex.build

    def recording_build(files, root=None):  # type: ignore[no-untyped-def]
        files = list(files)
        indexed.extend(path.name for path, _ in files)
        return build(files, root)

    monkeypatch.setattr(runner.ProjectIndex, "build", recording_build)
    monkeypatch.chdir(tmp_path)
    results = list(migrate_files(sorted(tmp_path.glob("*.py")), MigrateOptions()))
    assert indexed == ["models.py"]
    assert program.name in {r.path.name for r in results}
