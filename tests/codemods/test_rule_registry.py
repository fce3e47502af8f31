"""The registry drives the work: a rule is a module that registers itself, nothing more.

A rule registered here, in the test, takes part in the migration without any edit to the
planner or the engine; unregistered again, it leaves no trace.
"""

from __future__ import annotations

from typing import Iterator, Optional

import pytest

from codemods import rules as registry
from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.options import MigrateOptions
from codemods.planner import CallSite, Planner
from codemods.rules import Family, Rule, every_rule, register, rule_codes
from codemods.rules.marker import Marker

SOURCE = (
    "from clarifai.client.model import Model\n"
    "model = Model('https://clarifai.com/u/a/models/m')\n"
    "model.generate_by_url('https://x/cat.jpg', input_type='image')\n"
)


class NoCats(Rule):
    """Marks any call whose input mentions a cat: a rule the planner has never heard of."""

    CODE = "LC099"
    NAME = "no-cats"
    MESSAGE = "cat pictures are migrated by hand"
    VALID = ("print('no legacy call')\n",)
    NEEDED_FOR = "the cat picture"

    def needed_by(self, site: CallSite, context: Planner) -> bool:
        return "cat" in site.input_text

    def plan_site(self, site: CallSite, context: Planner) -> Optional[Marker]:
        if self.needed_by(site, context):
            return Marker(self.CODE, "this is a cat picture: migrate it by hand")
        return None


@pytest.fixture
def no_cats() -> Iterator[type[Rule]]:
    registry.all_rules()  # load the shipped rules first
    register(NoCats)
    try:
        yield NoCats
    finally:
        registry._PYTHON_RULES.pop(NoCats.CODE)
        registry._SUMMARIES.pop(NoCats.CODE)


def test_a_registered_rule_is_called_by_the_planner(no_cats: type[Rule]) -> None:
    new, findings = migrate_python(SOURCE, path="app.py")
    assert [(f.code, f.outcome) for f in findings] == [("LC099", Outcome.MARKED)]
    assert "# TODO(legacy-compat LC099): this is a cat picture" in new
    assert "LC099" in rule_codes() and every_rule()["LC099"].family is Family.PYTHON


def test_a_disabled_rule_leaves_the_sites_it_is_needed_for_alone(no_cats: type[Rule]) -> None:
    new, findings = migrate_python(SOURCE, MigrateOptions(ignore=frozenset({"LC099"})))
    assert new == SOURCE
    assert [(f.code, f.outcome) for f in findings] == [("LC099", Outcome.REPORTED)]
    assert "the cat picture needs rule LC099, which is disabled" in findings[0].message


def test_without_the_rule_the_call_is_rewritten() -> None:
    new, findings = migrate_python(SOURCE, path="app.py")
    assert "LC099" not in rule_codes()
    assert [f.outcome for f in findings] == [Outcome.REWRITTEN]
    assert "model.generate(image=Image(url='https://x/cat.jpg'))" in new


def test_a_code_is_registered_once() -> None:
    class Impostor(NoCats):
        CODE = "LC001"

    with pytest.raises(ValueError, match="rule code LC001 is used by both"):
        register(Impostor)
