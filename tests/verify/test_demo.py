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
