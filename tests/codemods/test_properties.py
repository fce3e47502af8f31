"""Properties over generated programs: the engine never raises and a second run is a no-op."""

from __future__ import annotations

import ast

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from verified_output import assert_verified_output

from codemods.engine import migrate_python

LEGACY_TAIL = (
    "\nfrom clarifai.client.model import Model\n"
    "m = Model('https://clarifai.com/u/a/models/m')\n"
    "r = m.predict_by_bytes(b'x', 'text')\n"
    "print(r.outputs[0].data.text.raw)\n"
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(program=hypothesmith.from_grammar(), tail=st.booleans())
def test_generated_programs_never_raise_and_reach_a_fixed_point(program: str, tail: bool) -> None:
    source = program
    if tail:
        joined = program + ("" if program.endswith("\n") else "\n") + LEGACY_TAIL
        try:
            ast.parse(joined)
            source = joined
        except SyntaxError:
            pass
    new, findings = migrate_python(source, path="generated.py")
    assert all(f.message and "codemod failed" not in f.message for f in findings)
    assert_verified_output(source, new, findings)
    if new != source:
        ast.parse(new)
    assert migrate_python(new, path="generated.py")[0] == new
