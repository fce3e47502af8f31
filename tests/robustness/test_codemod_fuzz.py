"""The codemod's contract on programs nobody wrote by hand (hypothesis + hypothesmith).

Four properties of ``codemods.engine.migrate_python``, on programs hypothesmith generates from
Python's grammar, and on the same programs with a realistic legacy snippet spliced in at a
statement position (:mod:`legacy_snippets`):

1. it never raises, and never falls back to "the codemod failed on this code";
2. what it emits parses (and compiles, when the input compiled);
3. a program without a legacy call comes back unchanged (the same text, no finding), also when
   it names the legacy methods in comments, strings or calls on other objects (decoys);
4. it is idempotent: migrating its own output changes nothing.

The CI run is bounded (``LEGACY_COMPAT_FUZZ_EXAMPLES``, default 25 per test). The long run is
documented in docs/robustness.md::

    LEGACY_COMPAT_FUZZ_EXAMPLES=5000 nice pytest tests/robustness/test_codemod_fuzz.py \\
        -p no:cacheprovider --hypothesis-show-statistics
"""

from __future__ import annotations

import ast
import os
import warnings

import hypothesmith
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from legacy_snippets import (
    decoy_snippet,
    has_legacy_call,
    legacy_snippet,
    splice,
    statement_starts,
)
from verified_output import assert_verified_output

from codemods.engine import might_contain_legacy_calls, migrate_python
from codemods.findings import Outcome

EXAMPLES = int(os.environ.get("LEGACY_COMPAT_FUZZ_EXAMPLES", "25"))

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _compiles(source: str) -> bool:
    # Generated programs may hold constructs that parse but do not compile (``return`` at
    # module level...); the compile property applies to those that compile.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences and the like
        try:
            compile(source, "<fuzz>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def check_contract(source: str) -> tuple[str, list]:
    """Run the engine twice on ``source`` and check the four properties; return its output."""
    new, findings = migrate_python(source, path="fuzz.py")
    failures = [f for f in findings if "codemod failed" in f.message]
    assert not failures, failures[0].message
    assert_verified_output(source, new, findings)  # the verified-write checks, independently
    ast.parse(new)
    if _compiles(source):
        assert _compiles(new), new
    again, findings_again = migrate_python(new, path="fuzz.py")
    assert again == new, "a second run changed the output"
    assert not any(f.outcome is Outcome.REWRITTEN for f in findings_again)
    return new, findings


@fuzz_settings
@given(program=hypothesmith.from_grammar())
def test_generated_programs_without_legacy_calls_come_back_unchanged(program: str) -> None:
    assume(not has_legacy_call(program))
    new, findings = check_contract(program)
    assert new == program
    assert findings == []
    if not might_contain_legacy_calls(program.encode("utf-8", "surrogatepass")):
        assert new is program  # the pre-filter answered without parsing


@fuzz_settings
@given(program=hypothesmith.from_grammar(), snippet=decoy_snippet(), data=st.data())
def test_generated_programs_with_decoys_spliced_in_come_back_unchanged(
    program: str, snippet, data
) -> None:
    """Legacy names in comments, strings, and calls on a ``Workflow``, a non-Clarifai ``Model``
    or any other object: the pre-filter lets them through, the codemod must not touch them."""
    position = data.draw(st.sampled_from(statement_starts(program) or [(0, "")]))
    source = splice(program, position, snippet)
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        assume(False)
    new, findings = check_contract(source)
    event("outcomes: " + ",".join(sorted({f.outcome.value for f in findings})))
    assert new == source
    assert all(f.outcome is Outcome.REPORTED for f in findings), findings


@fuzz_settings
@given(program=hypothesmith.from_grammar(), snippet=legacy_snippet(), data=st.data())
def test_generated_programs_with_legacy_calls_spliced_in(program: str, snippet, data) -> None:
    position = data.draw(st.sampled_from(statement_starts(program) or [(0, "")]))
    source = splice(program, position, snippet)
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        assume(False)  # a splice after a backslash continuation, or before a __future__ import
    _, findings = check_contract(source)
    event("outcomes: " + ",".join(sorted({f.outcome.value for f in findings})))
    assert findings, "the spliced legacy call was not even reported"
    assert any(f.outcome is not Outcome.SKIPPED for f in findings), findings


@fuzz_settings
@given(program=hypothesmith.from_node(), snippet=legacy_snippet(), data=st.data())
def test_node_generated_programs_with_legacy_calls_spliced_in(program: str, snippet, data) -> None:
    """hypothesmith's ``from_node`` builds programs from libcst nodes: deeper nesting (classes,
    functions, ``with``/``try`` blocks) than the grammar strategy reaches in few examples."""
    position = data.draw(st.sampled_from(statement_starts(program) or [(0, "")]))
    source = splice(program, position, snippet)
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        assume(False)
    _, findings = check_contract(source)
    event("outcomes: " + ",".join(sorted({f.outcome.value for f in findings})))
