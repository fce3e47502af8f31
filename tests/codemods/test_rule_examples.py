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

RULES = all_rules()
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
        assert rule.MESSAGE and rule.NAME and rule.VALID, code


@pytest.mark.parametrize(("code", "example"), INVALID)
def test_invalid_example_is_rewritten_as_documented(code: str, example: Invalid) -> None:
    ast.parse(example.before)
    ast.parse(example.after)
    new, findings = assert_verified_migration(example.before)
    assert new == example.after
    assert findings
    # The rule is what makes the difference: with it disabled the example does not come out so.
    without, _ = migrate_python(
        example.before, MigrateOptions(ignore=frozenset({code})), path="example.py"
    )
    assert without != example.after
    again, _ = migrate_python(new, path="example.py")
    assert again == new, "a second run must change nothing"


@pytest.mark.parametrize(("code", "example"), VALID)
def test_valid_example_is_left_alone(code: str, example: str) -> None:
    ast.parse(example)
    new, findings = assert_verified_migration(example)
    assert new == example
    assert all(f.outcome in (Outcome.REPORTED,) for f in findings)
