"""Writing files (issue 10 §3): links stay links, a file edited meanwhile is not overwritten,
an unwritable file does not stop the run, and ``--json`` never fails late or pollutes stdout.

The command runs in process (``cli.main``) so that a test can make one file unwritable or edit
it while the run is in progress; the migration itself is the real one.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from codemods import cli, runner
from codemods.runner import WRITE_CODE, FileResult

LEGACY = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")
    print(model.predict_by_bytes(b"hi", "text").outputs[0].data.text.raw)
    """
)
# The model's kind is unknown (no signatures file), so the call takes the proto form, which
# keeps the legacy response; these tests are about writing, any rewrite will do.
MIGRATED = "from clarifai.client.input import Inputs\n" + LEGACY.replace(
    'model.predict_by_bytes(b"hi", "text")',
    'model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"hi")])',
)


def migrate(*args: str) -> int:
    return cli.main(["-j", "1", *args])


def test_a_symlinked_file_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "shared"
    outside.mkdir()
    target = outside / "client.py"
    target.write_text(LEGACY)
    tree = tmp_path / "app"
    tree.mkdir()
    link = tree / "client.py"
    link.symlink_to(target)
    assert migrate("--write", str(tree)) == cli.EXIT_OK
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == MIGRATED


def test_a_file_reached_twice_through_a_link_is_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.py").write_text(LEGACY)
    (tmp_path / "alias.py").symlink_to(tmp_path / "main.py")
    writes: list[Path] = []
    real = runner.write_atomically
    monkeypatch.setattr(runner, "write_atomically", lambda p, d: (writes.append(p), real(p, d)))
    assert migrate("--write", str(tmp_path)) == cli.EXIT_OK
    assert writes == [tmp_path / "main.py"]
    assert (tmp_path / "alias.py").is_symlink() and (tmp_path / "main.py").read_text() == MIGRATED


def test_a_file_edited_during_the_run_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    edited, other = tmp_path / "edited.py", tmp_path / "other.py"
    edited.write_text(LEGACY)
    other.write_text(LEGACY)
    real = runner.migrate_file

    def migrate_then_user_saves(path: Path, *args: object, **kwargs: object) -> FileResult:
        result = real(path, *args, **kwargs)  # type: ignore[arg-type]
        if path == edited:
            path.write_text(LEGACY + "print('saved in the editor meanwhile')\n")
        return result

    monkeypatch.setattr(runner, "migrate_file", migrate_then_user_saves)
    assert migrate("--write", "--json", "-", str(tmp_path)) == cli.EXIT_UNWRITTEN
    assert edited.read_text().endswith("print('saved in the editor meanwhile')\n")
    assert other.read_text() == MIGRATED
    report = json.loads(capsys.readouterr().out)
    skipped = [f for f in report["findings"] if f["outcome"] == "skipped"]
    assert [(f["path"], f["code"]) for f in skipped] == [(str(edited), WRITE_CODE)]
    assert "changed while the migration ran" in skipped[0]["message"]
    assert report["files_changed"] == [str(other)]


def test_an_unwritable_file_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The process runs as root here, so permissions cannot make a file unwritable; the
    replace of that one file fails as it does for a user without write access."""
    locked, free = tmp_path / "a_locked.py", tmp_path / "b_free.py"
    locked.write_text(LEGACY)
    free.write_text(LEGACY)
    real_replace = os.replace

    def replace(source: str, destination: object) -> None:
        if Path(str(destination)) == locked:
            raise PermissionError(13, "Permission denied", str(destination))
        real_replace(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    code = migrate("--write", str(tmp_path))
    captured = capsys.readouterr()
    assert code == cli.EXIT_UNWRITTEN == 5 and code != cli.EXIT_CHANGES
    assert locked.read_text() == LEGACY and free.read_text() == MIGRATED
    assert f"{locked}: {WRITE_CODE} skipped: left unchanged: cannot write the file " in captured.err
    assert "Traceback" not in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_locked.py", "b_free.py"]


@pytest.mark.parametrize("where", ["missing/report.json", "."])
def test_an_unwritable_json_path_stops_the_run_before_anything_is_written(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    app = tmp_path / "app.py"
    app.write_text(LEGACY)
    destination = tmp_path / where
    assert migrate("--write", "--json", str(destination), str(app)) == cli.EXIT_ERROR
    assert app.read_text() == LEGACY
    assert "--json" in capsys.readouterr().err


@pytest.mark.parametrize("mode", ["--diff", "--check", "--write"])
@pytest.mark.parametrize("output_format", ["text", "github"])
def test_json_to_stdout_is_one_json_document_in_every_mode(
    tmp_path: Path, mode: str, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app.py").write_text(LEGACY)
    (tmp_path / "broken.py").write_text("def f(:\n    m.predict_by_url(u)\n")
    migrate(mode, "--json", "-", "--output-format", output_format, str(tmp_path))
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["files_changed"] == [str(tmp_path / "app.py")]
    if mode == "--diff":
        assert "+++ b/" in captured.err  # the diff is still shown, on stderr
    if output_format == "github":
        assert "::error file=" in captured.err
