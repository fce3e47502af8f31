"""The migrate command end to end, in a subprocess like a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.runner import write_atomically

LEGACY = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")
    for chunk in model.generate_by_bytes(b"hi", "text"):
        print(chunk.outputs[0].data.text.raw)
    """
)
MIGRATED = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")
    for chunk in model.generate(prompt="hi"):
        print(chunk)
    """
)
MARKED_SITE = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")
    model.predict_by_url(u, input_type=kind)
    """
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "codemods", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.py").write_text(LEGACY)
    (tmp_path / "app" / "plain.py").write_text("print('nothing legacy')\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "generated.py").write_text(LEGACY)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "lib.py").write_text(LEGACY)
    return tmp_path


def test_diff_is_the_default_and_changes_nothing(project: Path) -> None:
    result = run(".", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "+++ b/app/main.py" in result.stdout
    assert '+for chunk in model.generate(prompt="hi"):' in result.stdout
    assert "build/" not in result.stdout and ".venv" not in result.stdout  # ignored
    assert "\x1b[" not in result.stdout  # no colour when not a terminal
    assert "3 files scanned" not in result.stderr and "2 files scanned" in result.stderr
    assert (project / "app" / "main.py").read_text() == LEGACY


def test_write_check_and_second_run(project: Path) -> None:
    assert run("--check", ".", cwd=project).returncode == 1
    written = run("--write", ".", cwd=project)
    assert written.returncode == 0, written.stderr
    assert (project / "app" / "main.py").read_text() == MIGRATED
    assert (project / "build" / "generated.py").read_text() == LEGACY
    again = run("--check", ".", cwd=project)
    assert again.returncode == 0, again.stdout
    assert not [p for p in project.rglob("*.legacy-compat")]


def test_json_report_and_github_annotations(project: Path) -> None:
    (project / "app" / "marked.py").write_text(MARKED_SITE)
    (project / "app" / "broken.py").write_text("def f(:\n    m.predict_by_url(u)\n")
    result = run("--output-format", "github", "--json", "report.json", "app", cwd=project)
    assert result.returncode == 3  # a file did not parse; everything else went through
    report = json.loads((project / "report.json").read_text())
    assert report["summary"] == {"rewritten": 1, "marked": 1, "reported": 0, "skipped": 1}
    marked = next(f for f in report["findings"] if f["outcome"] == "marked")
    assert (marked["path"], marked["line"], marked["code"]) == ("app/marked.py", 3, "LC001")
    assert "::warning file=app/marked.py,line=3,col=7,title=legacy-compat LC001::marked: " in (
        result.stdout
    )
    assert "::error file=app/broken.py,line=1" in result.stdout


def test_select_ignore_and_unknown_codes(project: Path) -> None:
    result = run("--ignore", "LC001", "--check", ".", cwd=project)
    assert result.returncode == 0
    bad = run("--select", "LC999", ".", cwd=project)
    assert bad.returncode == 2
    assert "unknown rule code 'LC999'" in bad.stderr and "LC001" in bad.stderr
    listed = run("--list-rules", cwd=project)
    assert listed.stdout.splitlines()[0].startswith("LC001  legacy-call")


def test_include_exclude_and_pyproject_config(project: Path) -> None:
    (project / "app" / "skip_me.py").write_text(LEGACY)
    result = run("--exclude", "app/skip_*.py", "--check", ".", cwd=project)
    assert "would rewrite app/main.py" in result.stderr
    assert "skip_me" not in result.stderr
    only = run("--include", "skip_*.py", "--check", ".", cwd=project)
    assert "skip_me" in only.stderr and "app/main.py" not in only.stderr
    (project / "pyproject.toml").write_text(
        '[tool.legacy-compat]\nexclude = ["app/main.py"]\nignore = ["LC006"]\n'
    )
    configured = run("--check", ".", cwd=project)
    assert "app/main.py" not in configured.stderr and "skip_me" in configured.stderr
    (project / "pyproject.toml").write_text('[tool.legacy-compat]\nselect = "LC001"\nbogus = 1\n')
    wrong = run(".", cwd=project)
    assert wrong.returncode == 2 and "unknown key 'bogus'" in wrong.stderr


def test_signatures_file_from_config(project: Path) -> None:
    (project / "sigs.json").write_text(
        json.dumps(
            {
                "version": 1,
                "models": {
                    "u/a/m": {
                        "methods": {
                            "generate": {
                                "kind": "generate",
                                "parameters": [
                                    {
                                        "name": "text",
                                        "type": "STR",
                                        "stream": False,
                                        "required": True,
                                    }
                                ],
                                "returns": {"type": "STR", "stream": True},
                            }
                        }
                    }
                },
            }
        )
    )
    (project / "pyproject.toml").write_text('[tool.legacy-compat]\nsignatures = "sigs.json"\n')
    result = run("app", cwd=project)
    assert '+for chunk in model.generate(text="hi"):' in result.stdout
    (project / "sigs.json").write_text('{"version": 2}')
    bad = run("app", cwd=project)
    assert bad.returncode == 2 and "version is 2, expected 1" in bad.stderr


def test_the_cli_imports_neither_clarifai_nor_grpc(project: Path) -> None:
    code = (
        "import sys\n"
        "from codemods.cli import main\n"
        "main(['--check', '-q', 'app'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'clarifai', 'grpc'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_missing_path_is_a_usage_error(project: Path) -> None:
    result = run("nope", cwd=project)
    assert result.returncode == 2 and "'nope' does not exist" in result.stderr


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "main.py"
    target.write_text(LEGACY)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, MIGRATED.encode())
    assert target.read_text() == LEGACY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py"]
    monkeypatch.undo()
    target.chmod(0o640)
    write_atomically(target, MIGRATED.encode())
    assert target.read_text() == MIGRATED and (target.stat().st_mode & 0o777) == 0o640


def test_parallel_run_matches_serial(tmp_path: Path) -> None:
    # enough candidates for the process pool (it is not used for a handful)
    for index in range(60):
        (tmp_path / f"m{index:02d}.py").write_text(LEGACY if index % 3 == 0 else "x = 1\n")
    serial = run("-j", "1", ".", cwd=tmp_path)
    parallel = run("-j", "2", ".", cwd=tmp_path)
    assert serial.stdout == parallel.stdout and serial.stdout.count("+++") == 20
    assert "60 files scanned, 20 parsed, 20 changed" in parallel.stderr


def test_explicit_files_obey_configured_excludes(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.legacy-compat]\nexclude = ["app/main.py"]\n')
    result = run("--check", "app/main.py", cwd=project)
    assert result.returncode == 0 and "would rewrite" not in result.stderr


def test_markdown_python_blocks_go_through_the_same_engine(project: Path) -> None:
    (project / "README.md").write_text("# Use\n\n```python\n" + LEGACY + "```\n")
    result = run("README.md", cwd=project)
    assert '+for chunk in model.generate(prompt="hi"):' in result.stdout
