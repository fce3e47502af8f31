"""``migrate --check`` passes only when no legacy call site is left (issue 14 section 4)."""

from __future__ import annotations

from pathlib import Path

from codemods.cli import EXIT_CHANGES, EXIT_OK, main

URL = "'https://clarifai.com/u/a/models/m'"


def _run(tmp_path: Path, source: str, *flags: str) -> int:
    (tmp_path / "app.py").write_text(source)
    return main(["--check", "--quiet", *flags, str(tmp_path)])


def test_a_reported_call_fails_the_check_although_no_file_would_change(tmp_path):
    source = (
        "from clarifai.client.model import Model\ndef go(m):\n    m.predict_by_url('u', 'image')\n"
    )
    assert _run(tmp_path, source) == EXIT_CHANGES
    assert _run(tmp_path, source, "--allow-marked") == EXIT_CHANGES


def test_marked_calls_fail_the_check_unless_allowed(tmp_path):
    marked = (  # input_type known only at run time: no form of the new method says it
        "import legacy_compat\n"
        f"model = legacy_compat.Model({URL})\n"
        "def run(u, t):\n"
        "    return model.predict_by_url(u, t)\n"
    )
    assert _run(tmp_path, marked) == EXIT_CHANGES
    # Already marked once (the TODO is there), so nothing would change: only the flag passes it.
    from codemods.engine import migrate_python

    once, _ = migrate_python(marked, path="app.py")
    assert _run(tmp_path, once, "--allow-marked") == EXIT_OK
    assert _run(tmp_path, once) == EXIT_CHANGES


def test_a_migrated_project_passes(tmp_path):
    done = f"from clarifai.client.model import Model\nModel({URL}).predict(prompt='hi')\n"
    assert _run(tmp_path, done) == EXIT_OK
