"""A file written for a newer Python is skipped with that reason named, not "invalid syntax".

On an interpreter that has the syntax, the same file is migrated like any other; on one that
does not, the skip says which Python to run with. Each case runs on whatever Python runs the
suite, and asserts the behaviour that Python must show.
"""

from __future__ import annotations

import sys
import textwrap

import pytest

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.syntax import newer_python_needed

HEADER = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")
    print(model.predict_by_bytes(b"hi", "text").outputs[0].data.text.raw)
    """
)

# construct -> (the release that introduced it, a line using it)
NEWER_SYNTAX = {
    "match statement": ((3, 10), "match command:\n    case 1:\n        pass\n"),
    "except*": ((3, 11), "try:\n    pass\nexcept* ValueError:\n    pass\n"),
    "type statement": ((3, 12), "type Alias = int\n"),
    "type parameters": ((3, 12), "def first[T](items: list[T]) -> T:\n    return items[0]\n"),
    "PEP 701 f-string": ((3, 12), 'label = f"{names["first"]}"\n'),
    "type parameter default": ((3, 13), "class Box[T = int]:\n    pass\n"),
    "except without parentheses": (
        (3, 14),
        "try:\n    pass\nexcept ValueError, KeyError:\n    pass\n",
    ),
}


@pytest.mark.parametrize("construct", sorted(NEWER_SYNTAX))
def test_newer_syntax_is_named_or_migrated(construct: str) -> None:
    needed, code = NEWER_SYNTAX[construct]
    source = HEADER + code
    new, findings = migrate_python(source, path="app.py")
    version = f"{needed[0]}.{needed[1]}"
    if sys.version_info[:2] >= needed:
        # no signatures file: the model's kind is unknown, so the call takes the proto form
        assert 'model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"hi")])' in new
        assert all(f.outcome is Outcome.REWRITTEN for f in findings)
    else:
        assert new == source
        [skip] = findings
        assert skip.outcome is Outcome.SKIPPED
        assert skip.code == "LC000"
        assert skip.message.startswith(f"needs Python {version} syntax; run with {version}")


@pytest.mark.parametrize(
    "source", ["def broken(:\n    pass\n", "1 = x\n", "print('unclosed\n"], ids=repr
)
def test_invalid_code_is_not_blamed_on_the_python_version(source: str) -> None:
    try:
        compile(source, "<test>", "exec")
    except SyntaxError as error:
        assert newer_python_needed(source, error) is None
    else:
        pytest.fail("the example must be invalid on every Python")
    _, [skip] = migrate_python(HEADER + source, path="app.py")
    assert skip.message.startswith("does not parse (")
