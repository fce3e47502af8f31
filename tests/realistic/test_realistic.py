"""Every realistic program: its golden migration, the write contract, and a differential run.

The outcome of each program today (site counts, behaviour, write-check failures) is recorded
in ``outcomes.json``. A program that does worse than recorded fails; one that does better
fails too, asking for the table to be updated (``python -m tests.realistic.regen
--outcomes``), so progress is recorded where it is reviewed. ``python -m
tests.realistic.measure`` prints the figures.
"""

from __future__ import annotations

from typing import Dict

import pytest
from harness import DifferentialResult, migrate_program, run_many
from suite import (
    expected_migration,
    load_program,
    outcome_of,
    program_names,
    recorded_outcomes,
)

NAMES = program_names()
RECORDED = recorded_outcomes()
UPDATE = "python -m tests.realistic.regen --outcomes {name}"


def test_the_suite_is_big_enough_and_every_program_is_recorded():
    assert len(NAMES) >= 60
    assert sorted(RECORDED) == NAMES, "run: python -m tests.realistic.regen --outcomes"


def test_the_seed_page_examples_are_in_the_suite():
    seeds = [n for n in NAMES if n.startswith("seed_")]
    sources = "".join(load_program(n).source for n in seeds)
    for method in ("predict_by_url", "generate_by_bytes", "stream_by_bytes"):
        assert method in sources


@pytest.mark.parametrize("name", NAMES)
def test_the_migration_is_the_golden_one(name: str) -> None:
    expected = expected_migration(name)
    assert expected is not None, f"no expected.py: python -m tests.realistic.regen {name}"
    assert migrate_program(load_program(name)).source == expected, (
        f"the migration of {name} changed; review it and run python -m tests.realistic.regen"
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, DifferentialResult]:
    """Every program run both ways once, in parallel (one echo endpoint per worker)."""
    programs = [load_program(name) for name in NAMES]
    return run_many(programs, tmp_path_factory.mktemp("realistic"))


# The first of these runs the whole suite (the module fixture): minutes on a busy machine.
@pytest.mark.timeout(1200)
@pytest.mark.parametrize("name", NAMES)
def test_the_program_behaves_as_recorded(name: str, results: Dict[str, DifferentialResult]) -> None:
    result = results[name]
    outcome = outcome_of(result).as_json()
    recorded = RECORDED.get(name)
    assert recorded is not None, UPDATE.format(name=name)
    # Behaviour first: a program that used to behave the same must still do so.
    if recorded["behaviour"] != "different":
        assert outcome["behaviour"] == recorded["behaviour"], result.report()
    assert outcome["write_check"] == recorded["write_check"] or not outcome["write_check"], outcome[
        "write_check"
    ]
    assert outcome == recorded, (
        f"{name} now {outcome}, recorded {recorded}: an improvement, update the table "
        f"({UPDATE.format(name=name)})\n" + result.report()
    )
