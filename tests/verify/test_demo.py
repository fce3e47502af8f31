"""``legacy-compat demo``: the README's main job, run as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_demo_migrates_shows_the_diff_and_verifies(tmp_path: Path):
    keep = tmp_path / "demo"
    done = subprocess.run(
        [sys.executable, "-m", "legacy_compat.cli", "demo", "--keep", str(keep)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = done.stdout
    assert done.returncode == 0, output + done.stderr
    # 2. the diff shows each carrier migrated: Python, notebook, Markdown, shell.
    for changed in ("migrated/app.py", "migrated/notebooks/explore.ipynb", "migrated/README.md"):
        assert f"+++ {changed}" in output
    assert "+++ migrated/scripts/tag_photo.sh" in output
    assert "+  clarifai/main/models/general-image-recognition \\" in output
    # 3. verify says equal.
    assert "app.py: EQUAL" in output and "result: EQUAL" in output
    # --keep keeps both trees, and the kept migrated tree has no legacy call left in Python.
    assert (keep / "original" / "app.py").read_text() != (keep / "migrated" / "app.py").read_text()
    assert "predict_by_url" not in (keep / "migrated" / "app.py").read_text()


def test_demo_refuses_a_non_empty_keep_directory(tmp_path: Path):
    (tmp_path / "something").write_text("x")
    done = subprocess.run(
        [sys.executable, "-m", "legacy_compat.cli", "demo", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "not an empty directory" in done.stderr
    assert (tmp_path / "something").read_text() == "x"


def _sdk_that_crashes_on_import(site: Path) -> None:
    """A clarifai 12.5.0 whose model module kills the interpreter, as Python 3.13.0 does with
    the real one (signal 11 inside the compiled clarifai_protocol)."""
    info = site / "clarifai-12.5.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: clarifai\nVersion: 12.5.0\n")
    (site / "clarifai" / "client").mkdir(parents=True)
    (site / "clarifai" / "__init__.py").write_text("")
    (site / "clarifai" / "client" / "__init__.py").write_text("")
    (site / "clarifai" / "client" / "model.py").write_text(
        "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"
    )


def _run_with(site: Path, temp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    project = Path(__file__).resolve().parents[2]
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": os.pathsep.join([str(site), str(project)]),
            "TMPDIR": str(temp),
        },
    )


def test_demo_on_an_sdk_that_crashes_says_what_to_do_and_leaves_nothing(tmp_path: Path):
    site, temp = tmp_path / "site", tmp_path / "tmp"
    temp.mkdir()
    _sdk_that_crashes_on_import(site)
    done = _run_with(site, temp, "-m", "legacy_compat.cli", "demo")
    assert done.returncode == 2, done.stderr
    assert "Segmentation fault" not in done.stderr and "Traceback" not in done.stderr
    assert "cannot import clarifai 12.5.0: the interpreter was killed by SIGSEGV" in done.stderr
    assert "Use a Python this project was tested with (3.9, 3.10, 3.11, 3.12)" in done.stderr
    assert list(temp.iterdir()) == []  # no workspace left behind


def test_the_facade_on_an_untested_python_probes_before_importing(tmp_path: Path):
    """On an interpreter outside TESTED_PYTHONS the facade's first use tries the SDK import in
    a child first, so a crash becomes an ImportError the user can read."""
    site, temp = tmp_path / "site", tmp_path / "tmp"
    temp.mkdir()
    _sdk_that_crashes_on_import(site)
    code = (
        "from legacy_compat import sdk_support\n"
        "sdk_support.TESTED_PYTHONS = ((3, 8),)  # as if this interpreter were untested\n"
        "try:\n"
        "    from legacy_compat import Model\n"
        "except sdk_support.UnsupportedSDKError as exc:\n"
        "    print('refused:', exc)\n"
    )
    done = _run_with(site, temp, "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused: Python 3.")
    assert "killed by SIGSEGV" in done.stdout


def test_demo_without_keep_names_the_option_and_leaves_nothing(tmp_path: Path):
    import os

    done = subprocess.run(
        [sys.executable, "-m", "legacy_compat.cli", "demo"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "`legacy-compat demo --keep DIR` keeps the original and migrated copies" in done.stdout
    assert list(tmp_path.iterdir()) == []
