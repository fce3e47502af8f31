"""The Markdown carrier: Python and shell fences migrated in place, everything else kept."""

from __future__ import annotations

from pathlib import Path

from codemods.findings import Outcome
from codemods.formats import handler_for
from codemods.formats.markdown import MarkdownHandler

DOC = """\
# Predicting

Install it:

```bash
pip install clarifai
```

Then call it:

```python
from clarifai.client.model import Model

model = Model(url=MODEL_URL)
print(model.predict_by_url(URL, "image"))
```

Other languages are not Python:

```js
model.predict_by_url(URL, "image")
```
"""


def test_a_python_fence_is_migrated_and_nothing_else_moves(migrate_python):
    new, [finding] = MarkdownHandler().migrate(DOC, migrate_python)
    expected = DOC.replace(
        "```python\nfrom clarifai.client.model import Model\n",
        "```python\nfrom clarifai.runners.utils.data_types import Image\n"
        "from clarifai.client.model import Model\n",
    ).replace(
        'print(model.predict_by_url(URL, "image"))',
        "print(model.predict(image=Image(url=URL)))",
    )
    assert new == expected
    assert finding.outcome is Outcome.REWRITTEN
    assert "predict_by_url" in DOC.splitlines()[finding.line - 1]
    assert DOC.splitlines()[finding.line - 1].startswith("print(")


def test_a_doc_without_legacy_calls_is_byte_identical(migrate_python):
    text = "# Title\r\n\r\n```python\r\nprint('hi')\r\n```\r\n"
    assert MarkdownHandler().migrate(text, migrate_python) == (text, [])


def test_an_indented_fence_keeps_its_indentation(migrate_python):
    text = '1. Predict:\n\n   ```py\n   r = m.predict_by_url("u", "image")\n\n   print(r)\n   ```\n'
    new, _ = MarkdownHandler().migrate(text, migrate_python)
    assert new == (
        "1. Predict:\n\n"
        "   ```py\n"
        "   from clarifai.runners.utils.data_types import Image\n"
        '   r = m.predict(image=Image(url="u"))\n'
        "\n"
        "   print(r)\n"
        "   ```\n"
    )


def test_a_block_that_does_not_parse_is_reported_at_its_doc_line_and_kept(migrate_python):
    text = "Intro\n\n```python\nresult = model.predict_by_url(url, 'image'\n```\n"
    new, [finding] = MarkdownHandler().migrate(text, migrate_python)
    assert new == text
    assert finding.outcome is Outcome.REPORTED  # listed, but a doc does not fail the run
    assert finding.line in (4, 5)  # the block's line in the doc, not in the block
    assert "block at line 3" in finding.message


def test_pseudo_code_without_legacy_names_is_not_reported(migrate_python):
    text = "```python\nmodel.predict(...)  # and so on ->\n```\n"
    assert MarkdownHandler().migrate(text, migrate_python) == (text, [])


def test_an_unclosed_fence_is_left_alone(migrate_python):
    text = "```python\nm.predict_by_url('u', 'image')\n"
    assert MarkdownHandler().migrate(text, migrate_python) == (text, [])


def test_a_longer_fence_holds_a_shorter_one(migrate_python):
    text = "````markdown\n```python\nm.predict_by_url('u', 'image')\n```\n````\n"
    assert MarkdownHandler().migrate(text, migrate_python) == (text, [])


def test_shell_fences_get_the_cli_rewrite(migrate_python):
    text = (
        "```bash\n"
        "clarifai model predict --model_id m --user_id u --app_id a \\\n"
        "  --url https://x/a.jpg --input_type image\n"
        "```\n"
        "```console\n"
        "$ clarifai model predict --model_url https://clarifai.com/u/a/models/m --url U\n"
        "clarifai model predict --model_id printed --user_id as --app_id output\n"
        "```\n"
    )
    new, findings = MarkdownHandler().migrate(text, migrate_python)
    assert new == (
        "```bash\n"
        "clarifai model predict u/a/models/m \\\n"
        "  --method predict \\\n"
        "  --url https://x/a.jpg\n"
        "```\n"
        "```console\n"
        "$ clarifai model predict https://clarifai.com/u/a/models/m --method predict --url U\n"
        "clarifai model predict --model_id printed --user_id as --app_id output\n"
        "```\n"
    )
    assert {f.line for f in findings} == {2, 6}


def test_ipython_fences_keep_their_magics(migrate_python):
    text = "```ipython\n%time r = 1\nm.predict_by_url('u', 'image')\n```\n"
    new, _ = MarkdownHandler().migrate(text, migrate_python)
    assert new.splitlines()[2] == "%time r = 1"
    assert "m.predict(image=Image(url='u'))" in new


def test_markdown_files_get_the_markdown_handler():
    for name in ("README.md", "guide.markdown", "docs/inference/api-legacy.mdx"):
        handler = handler_for(Path(name))
        assert handler is not None and handler.name == "markdown"


def test_every_suffix_with_a_handler_is_listed_for_file_discovery():
    from codemods.formats import HANDLED_NAMES, HANDLED_SUFFIXES

    for suffix in HANDLED_SUFFIXES:
        assert handler_for(Path(f"x{suffix}")) is not None, suffix
    for name in HANDLED_NAMES:
        assert handler_for(Path(name)) is not None, name
    assert handler_for(Path("x.txt")) is None and handler_for(Path("app.py")) is None
