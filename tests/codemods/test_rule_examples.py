"""Every rule's own VALID / INVALID examples, run through the real engine.

The examples live next to each rule's code (codemods/rules/lcNNN_*.py); this one module turns
them into tests, so a rule cannot document a rewrite it does not perform.
"""

from __future__ import annotations

import ast

import pytest
from verified_output import assert_verified_migration

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.options import MigrateOptions
from codemods.rules import Invalid, all_rules
from codemods.signature_file import SignatureSet

RULES = all_rules()
OUTLINE = ("What it does", "Why", "Example", "Instead")
INVALID = [
    pytest.param(code, example, id=f"{code}-invalid-{index}")
    for code, rule in RULES.items()
    for index, example in enumerate(rule.INVALID)
]
VALID = [
    pytest.param(code, example, id=f"{code}-valid-{index}")
    for code, rule in RULES.items()
    for index, example in enumerate(rule.VALID)
]


def test_every_rule_documents_itself() -> None:
    assert list(RULES) == [f"LC{n:03d}" for n in range(1, len(RULES) + 1)]
    for code, rule in RULES.items():
        module = __import__(rule.__module__, fromlist=["_"])
        assert module.__doc__ and module.__doc__.startswith(f"{code}:"), code
        # One outline for every rule, as ruff's rule pages: what, why, example, instead.
        positions = [module.__doc__.find(f"\n{label}:") for label in OUTLINE]
        assert -1 not in positions and positions == sorted(positions), (code, positions)
        assert rule.MESSAGE and rule.NAME and rule.VALID, code


def _signatures(example: Invalid) -> SignatureSet:
    if example.signatures is None:
        return SignatureSet()
    return SignatureSet.from_json({"version": 1, "models": dict(example.signatures)})


@pytest.mark.parametrize(("code", "example"), INVALID)
def test_invalid_example_comes_out_as_documented(code: str, example: Invalid) -> None:
    ast.parse(example.before)
    ast.parse(example.output)
    signatures = _signatures(example)
    options = MigrateOptions(signatures=signatures)
    new, findings = assert_verified_migration(example.before, options)
    assert new == example.output
    expected = example.expected_outcome
    if expected is Outcome.REWRITTEN:
        assert any(f.outcome is Outcome.REWRITTEN for f in findings), findings
        assert not any(f.outcome in (Outcome.MARKED, Outcome.REPORTED) for f in findings)
    else:  # a marked or reported site is the rule's own finding, and says what to do
        own = [f for f in findings if f.code == code and f.outcome is expected]
        assert own, findings
        assert all(example.message in f.message for f in own), own
    # The rule is what makes the difference: with it disabled the example does not come out so.
    without, without_findings = migrate_python(
        example.before,
        MigrateOptions(ignore=frozenset({code}), signatures=signatures),
        path="example.py",
    )
    if expected is Outcome.REPORTED:
        assert not any(f.code == code for f in without_findings), without_findings
    else:
        assert without != example.output
    again, _ = migrate_python(new, options, path="example.py")
    assert again == new, "a second run must change nothing"


def test_every_outcome_has_an_example() -> None:
    """The examples are the complete specification: rewritten, marked and reported sites."""
    shown = {example.expected_outcome for rule in RULES.values() for example in rule.INVALID}
    assert shown == {Outcome.REWRITTEN, Outcome.MARKED, Outcome.REPORTED}


@pytest.mark.parametrize(("code", "example"), VALID)
def test_valid_example_is_left_alone(code: str, example: str) -> None:
    ast.parse(example)
    new, findings = assert_verified_migration(example)
    assert new == example
    assert all(f.outcome in (Outcome.REPORTED,) for f in findings)
