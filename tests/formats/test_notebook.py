"""The notebook carrier: code cells migrated, everything else byte-for-byte as it was."""

from __future__ import annotations

import json
from pathlib import Path

from codemods.findings import Outcome
from codemods.formats import handler_for
from codemods.formats.notebook import NotebookHandler

LEGACY = 'model.predict_by_url("https://x/cat.jpg", "image")\n'


def _notebook(cells: list[dict], language: str = "python") -> dict:
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": language, "name": "python3"},
            "language_info": {"name": language},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _code(source, outputs=None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "id": "c1",
        "metadata": {},
        "outputs": outputs or [],
        "source": source,
    }


def _nbformat_text(notebook: dict) -> str:
    """What nbformat.writes produces: indent 1, sorted keys, no ASCII escaping, a newline."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


OUTPUT = {
    "name": "stdout",
    "output_type": "stream",
    "text": ["cat 0.98\n", "tabby 0.71 — ok\n"],
}


def test_a_notebook_without_legacy_calls_is_byte_identical(migrate_python):
    for text in (
        _nbformat_text(_notebook([_code(["import os\n", "print(os.sep)"], [OUTPUT])])),
        json.dumps(_notebook([_code("x = 1\ny = 2")]), indent=2),  # no trailing newline
        json.dumps(_notebook([_code(["x = 1"])])),  # one line
    ):
        assert NotebookHandler().migrate(text, migrate_python) == (text, [])


def test_a_notebook_that_mentions_legacy_only_in_markdown_is_byte_identical(migrate_python):
    markdown = {"cell_type": "markdown", "metadata": {}, "source": ["Use `predict_by_url`.\n"]}
    text = _nbformat_text(_notebook([markdown, _code(["x = 1"])]))
    assert NotebookHandler().migrate(text, migrate_python) == (text, [])


def test_code_cells_are_migrated_and_the_rest_of_the_layout_is_kept(migrate_python):
    notebook = _notebook([_code(["import os\n", LEGACY, "print(1)"], [OUTPUT])])
    text = _nbformat_text(notebook)
    new_text, findings = NotebookHandler().migrate(text, migrate_python)

    expected = json.loads(text)
    expected["cells"][0]["source"] = [
        "from clarifai.runners.utils.data_types import Image\n",
        "import os\n",
        'model.predict(image=Image(url="https://x/cat.jpg"))\n',
        "print(1)",
    ]
    # Same as nbformat would have written the migrated notebook: layout, keys, outputs.
    assert new_text == _nbformat_text(expected)
    [finding] = findings
    assert finding.outcome is Outcome.REWRITTEN
    # The finding points at the JSON line that holds the legacy cell line.
    assert "predict_by_url" in text.splitlines()[finding.line - 1]


def test_a_string_source_stays_a_string_and_indent_two_is_kept(migrate_python):
    text = json.dumps(_notebook([_code("import os\n" + LEGACY)]), indent=2) + "\n"
    new_text, _ = NotebookHandler().migrate(text, migrate_python)
    migrated = json.loads(new_text)
    assert isinstance(migrated["cells"][0]["source"], str)
    assert "model.predict(image=Image(" in migrated["cells"][0]["source"]
    expected = json.loads(text)
    expected["cells"][0]["source"] = migrated["cells"][0]["source"]
    assert new_text == json.dumps(expected, indent=2) + "\n"


def test_magics_and_shell_escapes_come_back_exactly(migrate_python):
    source = [
        "%pip install -q clarifai\n",
        "!ls -la data/ \\\n",
        "   | head\n",
        "files = !ls *.jpg\n",
        "for f in files:\n",
        "    !echo {f}\n",
        "    " + LEGACY,
        "model?\n",
    ]
    text = _nbformat_text(_notebook([_code(source)]))
    new_text, findings = NotebookHandler().migrate(text, migrate_python)
    new_source = json.loads(new_text)["cells"][0]["source"]
    assert new_source[1:7] == source[:6]
    assert new_source[7] == '    model.predict(image=Image(url="https://x/cat.jpg"))\n'
    assert new_source[8] == "model?\n"
    assert [f.outcome for f in findings] == [Outcome.REWRITTEN]


def test_a_cell_magic_that_is_not_python_is_left_alone(migrate_python):
    text = _nbformat_text(_notebook([_code(["%%bash\n", "echo predict_by_url"])]))
    assert NotebookHandler().migrate(text, migrate_python) == (text, [])


def test_a_python_cell_magic_keeps_its_line_and_migrates_its_body(migrate_python):
    text = _nbformat_text(_notebook([_code(["%%time\n", LEGACY])]))
    new_source = json.loads(NotebookHandler().migrate(text, migrate_python)[0])["cells"][0]
    assert new_source["source"][0] == "%%time\n"
    assert "predict(image=Image" in "".join(new_source["source"])


def test_non_ascii_text_and_outputs_are_not_escaped(migrate_python):
    text = _nbformat_text(_notebook([_code(["# café ☕\n", LEGACY], [OUTPUT])]))
    new_text, _ = NotebookHandler().migrate(text, migrate_python)
    assert "café ☕" in new_text and "tabby 0.71 — ok" in new_text
    assert "\\u" not in new_text


def test_a_non_python_kernel_is_left_alone(migrate_python):
    text = _nbformat_text(_notebook([_code([LEGACY])], language="R"))
    assert NotebookHandler().migrate(text, migrate_python) == (text, [])


def test_a_cell_that_does_not_parse_is_reported_at_its_json_line(migrate_python):
    text = _nbformat_text(_notebook([_code(["def broken(:\n", LEGACY])]))
    new_text, [finding] = NotebookHandler().migrate(text, migrate_python)
    assert new_text == text
    assert finding.outcome is Outcome.SKIPPED
    assert "def broken(:" in text.splitlines()[finding.line - 1]


def test_invalid_json_is_reported_and_left_unchanged(migrate_python):
    text = '{"cells": [predict_by_url\n'
    new_text, [finding] = NotebookHandler().migrate(text, migrate_python)
    assert new_text == text
    assert finding.outcome is Outcome.SKIPPED and "not valid JSON" in finding.message


def test_migrating_twice_changes_nothing_more(migrate_python):
    text = _nbformat_text(_notebook([_code(["import os\n", LEGACY])]))
    once, _ = NotebookHandler().migrate(text, migrate_python)
    assert NotebookHandler().migrate(once, migrate_python) == (once, [])


def test_ipynb_files_get_the_notebook_handler():
    handler = handler_for(Path("analysis/explore.IPYNB"))
    assert handler is not None and handler.name == "notebook"


def test_shell_escapes_and_shell_cells_get_the_cli_rewrite(migrate_python):
    legacy = "clarifai model predict --model_url M --file_path cat.png --input_type image"
    text = _nbformat_text(
        _notebook(
            [
                _code(["import os\n", f"!{legacy}\n", f"out = !{legacy} --bytes x"]),
                _code(["%%bash\n", f"{legacy}\n"]),
            ]
        )
    )
    new_text, findings = NotebookHandler().migrate(text, migrate_python)
    first, second = (cell["source"] for cell in json.loads(new_text)["cells"])
    current = "clarifai model predict M --method predict --file cat.png"
    assert first[:2] == ["import os\n", f"!{current}\n"]
    assert first[2].startswith("# TODO(legacy-compat LC106): `--bytes`")
    assert first[3] == "out = !legacy-compat predict --model_url M --file_path cat.png" + (
        " --input_type image --bytes x"
    )
    assert second == ["%%bash\n", f"{current}\n"]
    lines = text.splitlines()
    assert {lines[f.line - 1].strip()[:7] for f in findings} == {'"!clari', '"out = ', '"clarif'}
    assert NotebookHandler().migrate(new_text, migrate_python)[0] == new_text
