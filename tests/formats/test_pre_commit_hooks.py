"""``.pre-commit-hooks.yaml``: both hooks run, with the files pre-commit would pass them.

pre-commit runs ``entry`` plus the staged file names; these tests do the same with the
installed ``legacy-compat`` command, on a Python file, a shell script and a Markdown doc.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

HOOKS = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"

PYTHON = """\
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
tags = model.predict_by_url("https://samples.clarifai.com/metro-north.jpg", input_type="image")
for concept in tags.outputs[0].data.concepts:
    print(concept.name)
"""
SHELL = (
    "clarifai model predict --model_url https://clarifai.com/clarifai/main/models/m"
    " --file_path cat.jpg --input_type image\n"
)
MARKDOWN = "Run:\n\n```sh\n" + SHELL + "```\n"


def _hooks() -> dict:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text())}


def _run_hook(hook: dict, files: list[Path]) -> subprocess.CompletedProcess:
    entry = shlex.split(hook["entry"])
    assert entry[0] == "legacy-compat"
    command = [sys.executable, "-m", "legacy_compat.cli", *entry[1:], *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_there_is_a_check_hook_and_a_fix_hook():
    hooks = _hooks()
    assert set(hooks) == {"legacy-compat-check", "legacy-compat-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert {"python", "jupyter", "markdown", "rst", "shell", "makefile"} <= set(
            hook["types_or"]
        )


def test_check_fails_on_legacy_code_fix_rewrites_it_then_check_passes(tmp_path: Path):
    files = [tmp_path / "tag.py", tmp_path / "tag.sh", tmp_path / "README.md"]
    for path, text in zip(files, (PYTHON, SHELL, MARKDOWN)):
        path.write_text(text)
    hooks = _hooks()

    check = _run_hook(hooks["legacy-compat-check"], files)
    assert check.returncode == 1, check.stdout + check.stderr
    assert files[0].read_text() == PYTHON, "check changes nothing"

    fix = _run_hook(hooks["legacy-compat-fix"], files)
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert "predict_by_url" not in files[0].read_text()
    assert "--file_path" not in files[1].read_text()
    assert "--file cat.jpg" in files[2].read_text()

    again = _run_hook(hooks["legacy-compat-check"], files)
    assert again.returncode == 0, again.stdout + again.stderr


def test_pseudo_code_in_a_doc_is_reported_but_does_not_block_the_commit(tmp_path: Path):
    """Exit 3 from the check hook would block every commit touching the doc."""
    doc = tmp_path / "GUIDE.md"
    doc.write_text(
        "Call it like this:\n\n```python\nresult = model.predict_by_url(<your url>, ...)\n```\n"
    )
    check = _run_hook(_hooks()["legacy-compat-check"], [doc])
    assert check.returncode == 0, check.stderr
    assert "GUIDE.md:4: LC000 reported: python block at line 3: does not parse" in check.stderr
    assert check.stderr.count("left unchanged") == check.stderr.count("LC000"), "said once"
    assert doc.read_text().count("predict_by_url") == 1
