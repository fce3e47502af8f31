"""The migration runs where its users are: beside an old SDK, without one, or from its own
isolated environment (pipx / ``uv tool install``) on a project whose environment has another.

Most tests here put a fake ``clarifai`` distribution first on ``sys.path``: ``importlib.metadata``
then reports that release, exactly as for a user who has it installed, and its package raises
if anything imports it. ``test_migrate_beside_a_real_old_sdk`` runs in the environment
``.ci/run`` builds with a real clarifai 10.x (``LEGACY_COMPAT_OLD_SDK_PYTHON``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LEGACY = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")
    print(model.predict_by_bytes(b"hi", "text").outputs[0].data.text.raw)
    """
)
# No signatures file, so the model's kind is unknown and the call takes the proto form.
MIGRATED_LINE = (
    'print(model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"hi")])'
    ".outputs[0].data.text.raw)"
)

ENTRY_POINTS = {
    "legacy-compat migrate": ["-m", "legacy_compat.cli", "migrate"],
    "python -m codemods": ["-m", "codemods"],
}


def _fake_sdk(site: Path, version: str) -> None:
    info = site / f"clarifai-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: clarifai\nVersion: {version}\n", encoding="utf-8"
    )
    (site / "clarifai").mkdir()
    (site / "clarifai" / "__init__.py").write_text(
        "raise SystemExit('the clarifai SDK was imported')\n", encoding="utf-8"
    )


def _blocked_sdk(site: Path) -> None:
    """No SDK at all: a path entry that makes ``import clarifai`` fail as if not installed."""
    (site / "clarifai").mkdir(parents=True)
    (site / "clarifai" / "__init__.py").write_text(
        "raise ModuleNotFoundError('No module named clarifai', name='clarifai')\n",
        encoding="utf-8",
    )


def _run(python: str, args: list[str], cwd: Path, pythonpath: list[Path], **env: str):
    return subprocess.run(
        [python, *args],
        cwd=cwd,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": os.pathsep.join(str(p) for p in [*pythonpath, PROJECT]),
            "PYTHONWARNINGS": "error",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("sdk", ["10.11.1", "11.3.0", "none"])
def test_migrate_runs_with_any_sdk_or_none(tmp_path: Path, entry: str, sdk: str) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    work.mkdir()
    (work / "app.py").write_text(LEGACY)
    if sdk == "none":
        _blocked_sdk(site)
    else:
        _fake_sdk(site, sdk)
    result = _run(sys.executable, [*ENTRY_POINTS[entry], "--write", "."], work, [site])
    assert result.returncode == 0, result.stderr
    assert MIGRATED_LINE in (work / "app.py").read_text()
    assert "SDK was imported" not in result.stderr


def test_the_sdk_commands_say_what_to_do_without_an_sdk(tmp_path: Path) -> None:
    """``demo`` needs the SDK; beside a 10.x one it ends with the fix, not a traceback."""
    _fake_sdk(tmp_path / "site", "10.11.1")
    result = _run(
        sys.executable, ["-m", "legacy_compat.cli", "demo"], tmp_path, [tmp_path / "site"]
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "legacy-compat demo: clarifai-legacy-compat supports clarifai >=11.8.5" in result.stderr
    assert "(installed: 10.11.1)" in result.stderr


def test_isolated_tool_environment_ignores_the_projects_own_environment(tmp_path: Path) -> None:
    """pipx / ``uv tool install``: the tool's interpreter (this one, clarifai 12.x) runs on a
    project whose activated virtualenv has clarifai 10.x; nothing of that environment is
    read, imported or migrated."""
    project = tmp_path / "project"
    project_site = project / ".venv" / "lib" / "python3.11" / "site-packages"
    _fake_sdk(project_site, "10.11.1")
    (project_site / "vendored.py").write_text(LEGACY)
    (project / "app.py").write_text(LEGACY)
    result = _run(
        sys.executable,
        ["-m", "legacy_compat.cli", "migrate", "--write", "."],
        project,
        [],
        VIRTUAL_ENV=str(project / ".venv"),
        PATH=f"{project / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    assert result.returncode == 0, result.stderr
    assert MIGRATED_LINE in (project / "app.py").read_text()
    assert (project_site / "vendored.py").read_text() == LEGACY
    assert "1 file scanned" in result.stderr


@pytest.mark.skipif(
    not os.environ.get("LEGACY_COMPAT_OLD_SDK_PYTHON"),
    reason="needs an interpreter with a real clarifai 10.x; .ci/run builds one",
)
@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_migrate_beside_a_real_old_sdk(tmp_path: Path, entry: str) -> None:
    python = os.environ["LEGACY_COMPAT_OLD_SDK_PYTHON"]
    version = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(m.version('clarifai'))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    assert version.startswith("10."), version
    (tmp_path / "app.py").write_text(LEGACY)
    result = _run(python, [*ENTRY_POINTS[entry], "--write", "."], tmp_path, [])
    assert result.returncode == 0, result.stderr
    assert MIGRATED_LINE in (tmp_path / "app.py").read_text()
