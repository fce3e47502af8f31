"""Carriers change nothing but the rewritten expressions (issue 10 section 2).

A here-document body is data, a Makefile's ``$`` belongs to Make, and a Markdown code block's
lines that the migration did not touch come back byte for byte.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from codemods.engine import migrate_python
from codemods.formats import handler_for
from codemods.formats.shell import migrate_shell
from codemods.options import MigrateOptions

LEGACY = "clarifai model predict --model_id m --user_id u --app_id a"
NEW = "clarifai model predict u/a/models/m --method predict"


def test_a_here_document_body_is_data_and_is_left_alone() -> None:
    body = f"{LEGACY} --url $U\n"
    script = (
        f"cat <<EOF > howto.txt\n{body}EOF\n"
        f"cat <<-'END'\n\t{body}\tEND\n"
        f'grep -c predict <<< "{LEGACY} --url $U"\n'
        f"{LEGACY} --url $U\n"
    )
    new, findings = migrate_shell(script)
    assert new == script.rsplit(LEGACY, 1)[0] + f"{NEW} --url $U\n"
    assert {f.line for f in findings} == {8}


def makefile(text: str) -> str:
    handler = handler_for(Path("Makefile"))
    assert handler is not None
    new, _ = handler.migrate(text, lambda code: (code, []))
    return new


def test_a_make_automatic_variable_is_a_value_not_a_redirection() -> None:
    recipe = f"predict: cat.jpg\n\t{LEGACY} --file_path $< --input_type image\n"
    assert makefile(recipe) == f"predict: cat.jpg\n\t{NEW} --file $<\n"


def test_a_shell_substitution_written_in_a_makefile_doubles_its_dollar() -> None:
    recipe = f"ask:\n\t{LEGACY} --file_path prompt.txt --input_type text\n"
    assert makefile(recipe) == (
        'ask:\n\tclarifai model predict u/a/models/m "$$(cat prompt.txt)" --method predict\n'
    )


def test_make_references_are_values_and_make_shell_calls_are_commands() -> None:
    text = (
        f"OUT := $(shell {LEGACY} --url https://x/a.jpg --input_type image)\n"
        f"run:\n\t{LEGACY} --url $(URL) --input_type $(KIND)\n"
    )
    new = makefile(text)
    assert new.startswith(f"OUT := $(shell {NEW} --url https://x/a.jpg)\n")
    assert "legacy-compat predict --model_id m --user_id u --app_id a --url $(URL)" in new


def test_whitespace_only_lines_of_a_rewritten_markdown_block_are_kept() -> None:
    block = (
        "from clarifai.client.model import Model\n"
        "    \n"
        'model = Model("https://clarifai.com/u/a/models/m")\n'
        "\t\n"
        'model.predict_by_url("https://x/y.jpg", "image")\n'
    )
    indented = "".join("  " + line for line in block.splitlines(keepends=True))
    document = f"# Doc\n\n```python\n{block}```\n\n- item\n\n  ```python\n{indented}  ```\n"
    handler = handler_for(Path("a.md"))
    assert handler is not None
    new, _ = handler.migrate(document, partial(migrate_python, options=MigrateOptions()))
    assert new.count("\n    \n") == 1 and new.count("\n\t\n") == 1
    assert new.count("\n      \n") == 1 and new.count("\n  \t\n") == 1
    # no signatures: the model's kind is unknown, so the call takes the proto form
    rewritten = 'model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://x/y.jpg")])'
    assert new.count(rewritten) == 2


def test_a_shift_in_shell_arithmetic_is_not_a_here_document() -> None:
    script = f"(( flags = 1 << 2 ))\n{LEGACY} --url $U\n"
    new, _ = migrate_shell(script)
    assert new == f"(( flags = 1 << 2 ))\n{NEW} --url $U\n"
