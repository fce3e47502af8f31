"""The verified write (issue 10 §1): each check catches the bad output it exists for.

The engine's rewrite is replaced here by a faulty one (``_Migration.run`` monkeypatched to
return a damaged text), as a bug in a rule would produce; each test shows the damaged text is
never returned, the source comes back with one ``skipped`` VERIFY finding naming the check,
and, through the CLI, the file is left untouched with exit code 4 and no traceback.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Callable

import pytest

from codemods import cli, engine
from codemods.findings import Finding, Outcome
from codemods.formats import handler_for
from codemods.formats.markdown import MarkdownHandler
from codemods.formats.notebook import NotebookHandler
from codemods.options import MigrateOptions
from codemods.runner import migrate_file
from codemods.verified import VERIFY_CODE

LEGACY = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")  # the production model
    print(model.predict_by_bytes(b"hi", "text").outputs[0].data.text.raw)
    """
)

Damage = Callable[[str], str]


def _inject(monkeypatch: pytest.MonkeyPatch, damage: Damage) -> list[str]:
    """Make every migration return ``damage(source)``; returns the sources it was run on."""
    seen: list[str] = []

    def faulty_run(self: engine._Migration) -> tuple[str, list[Finding]]:
        seen.append(self.source)
        finding = Finding("LC001", 3, 7, Outcome.REWRITTEN, "rewritten", self.path)
        return damage(self.source), [finding]

    monkeypatch.setattr(engine._Migration, "run", faulty_run)
    return seen


def _rejected(source: str, check: str) -> Finding:
    new, findings = engine.migrate_python(source, path="app.py")
    assert new is source
    assert [(f.code, f.outcome) for f in findings] == [(VERIFY_CODE, Outcome.SKIPPED)]
    assert f"the {check!r} check" in findings[0].message, findings[0].message
    return findings[0]


def _without_legacy(text: str) -> str:
    return text.replace("predict_by_bytes", "predict")


def test_output_that_does_not_compile_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # `return` at module level parses but does not compile: compile(), not ast.parse().
    _inject(monkeypatch, lambda s: _without_legacy(s).replace("print(", "return print("))
    finding = _rejected(LEGACY, "compiles")
    assert finding.line == 3 and "SyntaxError" in finding.message


def test_compile_check_reads_the_bytes_that_would_be_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An encoding declaration added on line 1 that the text does not fit: the text compiles,
    the file's bytes would not."""
    source = LEGACY + 'label = "café"\n'
    _inject(monkeypatch, lambda s: "# -*- coding: ascii -*-\n" + _without_legacy(s))
    path = tmp_path / "app.py"
    path.write_text(source, encoding="utf-8")
    result = migrate_file(path, MigrateOptions())
    assert result.new is None
    assert [f.code for f in result.findings] == [VERIFY_CODE]
    assert "'compiles' check" in result.findings[0].message


def test_output_that_cannot_be_encoded_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _inject(monkeypatch, lambda s: _without_legacy(s).replace("hi", "\u2603"))
    path = tmp_path / "app.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\n" + LEGACY.encode("latin-1"))
    result = migrate_file(path, MigrateOptions())
    assert result.new is None and "encoding 'latin-1'" in result.findings[0].message


def test_a_lost_comment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _inject(monkeypatch, lambda s: _without_legacy(s).replace("  # the production model", ""))
    finding = _rejected(LEGACY, "comments")
    assert "'# the production model'" in finding.message and finding.line == 2


def test_a_comment_counted_as_a_multiset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two equal comments, one dropped: a set comparison would miss it."""
    source = "# note\n" + LEGACY + "# note\n"
    _inject(monkeypatch, lambda s: _without_legacy(s)[len("# note\n") :])
    _rejected(source, "comments")


def test_added_todo_markers_are_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    marked = "# TODO(legacy-compat LC001): check this by hand\n"
    _inject(monkeypatch, lambda s: s if marked in s else s.replace("print(", marked + "print("))
    new, findings = engine.migrate_python(LEGACY, path="app.py")
    assert marked in new and [f.code for f in findings] == ["LC001"]


@pytest.mark.parametrize(
    "header",
    [
        "#!/usr/bin/env python\n",
        "# -*- coding: utf-8 -*-\n",
        "#!/usr/bin/env python\n# coding: utf-8\n",
    ],
)
def test_shebang_and_encoding_lines_stay_on_lines_one_and_two(
    monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    _inject(monkeypatch, lambda s: "import legacy_compat\n" + _without_legacy(s))
    finding = _rejected(header + LEGACY, "header")
    assert finding.line == 1


def test_output_that_a_second_run_changes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each run adds a line: a rewrite that never reaches its fixed point.
    _inject(monkeypatch, lambda s: s + "print('once more')\n")
    _rejected(LEGACY, "idempotent")


def test_second_pass_runs_only_when_the_output_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _inject(monkeypatch, lambda s: s)
    engine.migrate_python(LEGACY, path="app.py")
    assert seen == [LEGACY]  # unchanged output: no idempotence pass
    seen.clear()
    _inject_changing = _inject(monkeypatch, _without_legacy)
    new, findings = engine.migrate_python(LEGACY, path="app.py")
    assert new == _without_legacy(LEGACY) and findings[0].code == "LC001"
    # The second pass ran on the output, whose pre-filter stops it before any parsing.
    assert _inject_changing == [LEGACY]


def test_the_real_engine_passes_its_own_checks_on_a_comment_heavy_file() -> None:
    source = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n" + LEGACY.replace(
        "print(", "# the call below is rewritten\nprint(  # this comment stays\n"
    )
    new, findings = engine.migrate_python(source, path="app.py")
    assert new != source and VERIFY_CODE not in {f.code for f in findings}


# -- carriers ---------------------------------------------------------------------------------


def _notebook(code: str) -> str:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "source": code.splitlines(True)}
    document = {"cells": [cell], "metadata": {"kernelspec": {"language": "python"}}}
    return json.dumps({**document, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def test_a_notebook_cell_with_bad_output_is_left_unchanged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Python pieces of a carrier go through the same checks."""
    _inject(monkeypatch, lambda s: _without_legacy(s).replace("  # the production model", ""))
    path = tmp_path / "demo.ipynb"
    path.write_text(_notebook(LEGACY))
    result = migrate_file(path, MigrateOptions())
    assert result.new is None
    assert [f.code for f in result.findings] == [VERIFY_CODE]


def test_a_notebook_whose_json_changes_outside_the_code_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = NotebookHandler.migrate

    def damaging(self: NotebookHandler, text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        new, findings = real(self, text, *args, **kwargs)  # type: ignore[arg-type]
        return new.replace('"nbformat_minor": 5', '"nbformat_minor": 4'), findings

    monkeypatch.setattr(NotebookHandler, "migrate", damaging)
    path = tmp_path / "demo.ipynb"
    path.write_text(_notebook(LEGACY))
    result = migrate_file(path, MigrateOptions())
    assert result.new is None
    assert "'round-trip' check" in result.findings[0].message


def test_a_doc_whose_prose_changes_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = MarkdownHandler.migrate

    def damaging(self: MarkdownHandler, text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        new, findings = real(self, text, *args, **kwargs)  # type: ignore[arg-type]
        return new.replace("Run it:", "Run it"), findings

    monkeypatch.setattr(MarkdownHandler, "migrate", damaging)
    path = tmp_path / "README.md"
    path.write_text(f"Run it:\n\n```python\n{LEGACY}```\n")
    result = migrate_file(path, MigrateOptions())
    assert result.new is None and "'round-trip' check" in result.findings[0].message
    monkeypatch.setattr(MarkdownHandler, "migrate", real)
    assert migrate_file(path, MigrateOptions()).new is not None  # the real handler passes


def test_a_carrier_that_is_not_a_fixed_point_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "run.sh"
    path.write_text("clarifai model predict --model_id m --file_path x.jpg\n")
    handler = handler_for(path)
    assert handler is not None
    real = type(handler).migrate

    def growing(self: object, text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        new, findings = real(self, text, *args, **kwargs)  # type: ignore[arg-type]
        return new + "# again\n", findings

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(handler), "migrate", growing)
        result = migrate_file(path, MigrateOptions())
    assert result.new is None and "'idempotent' check" in result.findings[0].message


# -- the command ------------------------------------------------------------------------------


def test_the_command_leaves_the_file_and_exits_4(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _inject(monkeypatch, lambda s: _without_legacy(s).replace("  # the production model", ""))
    bad = tmp_path / "bad.py"
    bad.write_text(LEGACY)
    code = cli.main(["--write", "-j", "1", "--json", "-", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_UNVERIFIED == 4
    assert bad.read_text() == LEGACY
    assert "Traceback" not in captured.err
    report = json.loads(captured.out)
    assert report["files_changed"] == []
    assert [(f["code"], f["outcome"]) for f in report["findings"]] == [(VERIFY_CODE, "skipped")]


def test_comment_tokens_agree_with_the_tokenizer() -> None:
    """The fast comment lexer finds exactly what tokenize calls COMMENT, on this project's
    own sources and on the corners (quotes and ``#`` inside strings, prefixes, escapes)."""
    import io
    import tokenize
    from collections import Counter

    from codemods.verified import comment_tokens

    corners = "x = '#no'  # yes\ns = '''\n# not\n'''  # real\nb = rb\"\\\"#\" # c\nf'{x!r}#'  #\n"
    sources = [corners, *(p.read_text() for p in Path(engine.__file__).parent.rglob("*.py"))]
    for source in sources:
        expected = Counter(
            token.string.rstrip()
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        )
        assert comment_tokens(source) == expected
