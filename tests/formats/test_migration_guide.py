"""docs/migration-guide.md: its generated sections match the code they are generated from."""

from __future__ import annotations

from pathlib import Path

from codemods.formats.predict_command import SHELL_RULES, shell_todo_comment
from codemods.legacy_api import LEGACY_METHOD_NAMES
from codemods.rule_reference import update_guide
from codemods.rules import all_rules

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "migration-guide.md"


def test_the_guide_is_up_to_date():
    text = GUIDE.read_text(encoding="utf-8")
    assert update_guide(text) == text, (
        "docs/migration-guide.md is stale: run "
        "`python -m codemods.rule_reference --write docs/migration-guide.md`"
    )


def test_every_rule_and_every_legacy_method_is_in_the_guide():
    text = GUIDE.read_text(encoding="utf-8")
    for code in [*all_rules(), *SHELL_RULES]:
        assert f'<a id="{code.lower()}"></a>' in text, code
    for name in LEGACY_METHOD_NAMES:
        assert f"`model.{name}(" in text, name


def test_the_marker_comments_point_at_an_anchor_that_exists():
    text = GUIDE.read_text(encoding="utf-8")
    comment = shell_todo_comment("LC106", "x", kept=False)
    # The comment lands in the user's repository: it names the rule and the guide, never a
    # path of this project (docs/migration-guide.md is not in the user's tree).
    assert "docs/" not in comment
    assert "rule LC106 in the clarifai-legacy-compat migration guide" in comment
    assert '<a id="lc106"></a>' in text


def test_the_recommended_order_is_in_the_guide():
    text = GUIDE.read_text(encoding="utf-8")
    steps = ["Turn the warnings on", "Install the shim", "Check in CI", "Migrate", "Remove"]
    positions = [text.index(f"**{step}") for step in steps]
    assert positions == sorted(positions)
