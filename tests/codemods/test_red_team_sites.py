"""Sites the red team found mis-migrated: each test failed before its fix.

- a float literal for an INT parameter (the new client's int serializer refuses a float);
- new string literals inside an f-string's replacement field (``""`` inside ``f"..."`` does
  not compile before Python 3.12);
- per-call routing on a model also used without routing: marked once, kept on the shim.
"""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.options import MigrateOptions
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.signature_file import SignatureSet

PYTHONIC = SignatureSet.from_json({"version": 1, "models": dict(EXAMPLE_SIGNATURES)})
HEADER = (
    "from clarifai.client.model import Model\nllm = Model('https://clarifai.com/u/a/models/llm')\n"
)


def migrate(source: str, signatures: SignatureSet = PYTHONIC) -> tuple[str, list]:
    new, findings = migrate_python(source, MigrateOptions(signatures=signatures), path="t.py")
    return new, list(findings)


@pytest.mark.parametrize(
    ("written", "expected"),
    [("12.0", "max_tokens=12"), ("-3.0", "max_tokens=-3"), ("1e3", "max_tokens=1000")],
)
def test_a_whole_float_for_an_int_parameter_becomes_the_int(written: str, expected: str) -> None:
    source = HEADER + (
        f"r = llm.predict_by_bytes(b'q', 'text', inference_params={{'max_tokens': {written}, "
        "'temperature': 1})\n"
    )
    new, findings = migrate(source)
    assert f"llm.predict(prompt='q', {expected}, temperature=1)" in new, new
    assert [f.outcome for f in findings if f.code] == [Outcome.REWRITTEN]


@pytest.mark.parametrize("written", ["2.5", "float('inf')"])
def test_a_fractional_float_for_an_int_parameter_is_marked_on_the_shim(written: str) -> None:
    call = f"llm.predict_by_bytes(b'q', 'text', inference_params={{'max_tokens': {written}}})"
    source = HEADER + f"r = {call}\n"
    new, findings = migrate(source)
    if written == "2.5":
        marked = [f for f in findings if f.outcome is Outcome.MARKED]
        assert [f.code for f in marked] == ["LC002"], findings
        assert "'max_tokens' is an int and 2.5 is not one" in marked[0].message
        assert "legacy_compat.Model(" in new and "predict_by_bytes(" in new
    else:  # not a float literal: passed as written, as before
        assert "max_tokens=float('inf')" in new
    again, _ = migrate(new)
    assert again == new


def test_an_int_for_a_float_parameter_is_left_as_written() -> None:
    call = "llm.predict_by_bytes(b'q', 'text', inference_params={'temperature': 1})"
    new, _ = migrate(HEADER + call + "\n")
    assert "temperature=1)" in new


def _pre_312_violations(source: str) -> list[str]:
    """String literals inside an f-string's replacement field that reuse an enclosing
    f-string's quote (refused by Python 3.9-3.11, whatever Python runs this test)."""
    found: list[str] = []

    class Check(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.quotes: list[str] = []

        def visit_FormattedString(self, node: cst.FormattedString) -> None:
            if node.start[-1] in self.quotes:
                found.append(cst.Module([]).code_for_node(node))
            self.quotes.append(node.start[-1])

        def leave_FormattedString(self, original_node: cst.FormattedString) -> None:
            self.quotes.pop()

        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            if node.quote[0] in self.quotes:
                found.append(node.value)

    cst.parse_module(source).visit(Check())
    return found


UNKNOWN = SignatureSet()  # no signatures: the proto form, Inputs.get_input_from_bytes("", ...)


@pytest.mark.parametrize(
    "line",
    [
        "print(f\"Answer: {llm.predict_by_bytes(q.encode(), input_type='text')"
        '.outputs[0].data.text.raw}")\n',
        "print(f\"{llm.predict_by_url('https://x/y.jpg', 'image')"
        '.outputs[0].data.concepts[0].name}")\n',
        "print(f'''{llm.predict_by_bytes(q.encode(), 'text').outputs[0].data.text.raw}''')\n",
        'print(f"{llm.predict_by_bytes(q.encode(), kind).outputs[0].data.text.raw}")\n',
        "print(f\"{f'{llm.predict_by_bytes(q.encode(), KIND).outputs[0].data.text.raw}'}\")\n",
    ],
    ids=["double-quoted", "url", "triple-quoted", "input-type-variable", "nested"],
)
def test_code_inserted_in_an_f_string_uses_quotes_it_allows(line: str) -> None:
    source = HEADER + "q = 'hi'\nkind = input()\nKIND = 'text'\n" + line
    new, findings = migrate(source, UNKNOWN)
    assert "Inputs.get_input_from_" in new, (new, findings)
    assert _pre_312_violations(new) == [], new
    compile(new, "t.py", "exec")
    again, _ = migrate(new, UNKNOWN)
    assert again == new


def test_routing_on_a_model_also_used_without_it_is_marked_once_and_kept_on_the_shim() -> None:
    source = textwrap.dedent(
        """\
        from clarifai.client.model import Model

        model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
        batch = model.predict_by_bytes(b"batch job", input_type="text", deployment_id="dep")
        quick = model.predict_by_bytes(b"quick question", input_type="text")
        """
    )
    new, _ = migrate(source, UNKNOWN)
    assert "model = legacy_compat.Model(" in new
    assert 'model.predict_by_bytes(b"batch job", input_type="text", deployment_id=' in new
    assert new.count("TODO(legacy-compat LC003)") == 1
    again, _ = migrate(new, UNKNOWN)
    assert again == new
