"""The reStructuredText carrier: code-block directives, and literal blocks that are Python."""

from __future__ import annotations

from pathlib import Path

from codemods.findings import Outcome
from codemods.formats import handler_for
from codemods.formats.rst import RstHandler

IMPORT = "from clarifai.runners.utils.data_types import Image"


def test_a_python_code_block_with_options_is_migrated_at_its_indentation(migrate_python):
    text = (
        "Usage\n=====\n\n"
        ".. code-block:: python\n"
        "   :linenos:\n"
        "\n"
        "   r = model.predict_by_url(url, 'image')\n"
        "   print(r)\n"
        "\n"
        "After the block.\n"
    )
    new, [finding] = RstHandler().migrate(text, migrate_python)
    assert new == text.replace(
        "   r = model.predict_by_url(url, 'image')\n",
        f"   {IMPORT}\n   r = model.predict(image=Image(url=url))\n",
    )
    assert finding.line == 7 and finding.outcome is Outcome.REWRITTEN


def test_a_literal_block_that_is_python_is_migrated(migrate_python):
    text = "Call it like this::\n\n    r = m.predict_by_url(u, 'image')\n\nDone.\n"
    new, _ = RstHandler().migrate(text, migrate_python)
    assert "    r = m.predict(image=Image(url=u))\n" in new


def test_literal_blocks_that_are_not_python_are_not_touched(migrate_python):
    texts = (
        # highlighted as something else
        ".. highlight:: text\n\nOutput::\n\n    r = m.predict_by_url(u, 'image')\n",
        # not Python at all
        "Log::\n\n    calling predict_by_url with image -> ok\n",
    )
    for text in texts:
        assert RstHandler().migrate(text, migrate_python) == (text, [])


def test_a_session_in_a_literal_block_is_migrated_prompt_by_prompt(migrate_python):
    """It was left alone (it does not parse as a script): its legacy call went unreported."""
    new, [finding] = RstHandler().migrate(
        "Session::\n\n    >>> m.predict_by_url(u, 'image')\n", migrate_python
    )
    assert finding.outcome is Outcome.REWRITTEN
    assert new.endswith("    >>> m.predict(image=Image(url=u))\n")


def test_a_code_block_that_does_not_parse_is_reported_and_kept(migrate_python):
    text = ".. code:: python\n\n    m.predict_by_url(u, 'image'\n"
    new, [finding] = RstHandler().migrate(text, migrate_python)
    assert new == text
    assert finding.outcome is Outcome.REPORTED and finding.line == 3


def test_a_doc_without_legacy_calls_is_byte_identical(migrate_python):
    text = ".. code-block:: python\n\n    print('x')   \n\n"
    assert RstHandler().migrate(text, migrate_python) == (text, [])


def test_a_shell_code_block_gets_the_cli_rewrite(migrate_python):
    text = (
        ".. code-block:: bash\n\n"
        "    clarifai model predict --model_url https://clarifai.com/u/a/models/m --url U\n"
    )
    new, _ = RstHandler().migrate(text, migrate_python)
    assert new.endswith(
        "    clarifai model predict https://clarifai.com/u/a/models/m --method predict --url U\n"
    )


def test_rst_files_get_the_rst_handler():
    handler = handler_for(Path("docs/index.rst"))
    assert handler is not None and handler.name == "rst"
