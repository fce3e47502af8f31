"""The codemod's contract on programs nobody wrote by hand (hypothesis + hypothesmith).

Four properties of ``codemods.engine.migrate_python``, on programs hypothesmith generates from
Python's grammar, and on the same programs with a realistic legacy snippet spliced in at a
statement position (:mod:`legacy_snippets`):

1. it never raises, and never falls back to "the codemod failed on this code";
2. what it emits parses (and compiles, when the input compiled);
3. a program without a legacy call comes back unchanged (the same text, no finding), also when
   it names the legacy methods in comments, strings or calls on other objects (decoys);
4. it is idempotent: migrating its own output changes nothing.

A second family runs on whole programs built from templates of how real projects call the
nine methods (:mod:`realistic_programs`): the verified-write contract on each (compiles,
comments kept, idempotent) and, in the long run, a differential run on a sample (see the
section at the end of this module).

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
import pytest
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
from codemods.verified import VERIFY_CODE

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


# -- realistic programs (templates of how real projects call the nine methods) -------------
#
# The long run (issue 10 §4) draws LEGACY_COMPAT_FUZZ_EXAMPLES programs from seeds, checks the
# write contract on each, runs one in LEGACY_COMPAT_FUZZ_DIFFERENTIAL_EVERY (default 100)
# both ways against the echo endpoint, prints the figures and, with
# LEGACY_COMPAT_FUZZ_REPORT=FILE, writes them as JSON::
#
#     LEGACY_COMPAT_FUZZ_EXAMPLES=10000 LEGACY_COMPAT_FUZZ_REPORT=/tmp/fuzz.json nice \
#         pytest tests/robustness/test_codemod_fuzz.py -k realistic -s -p no:cacheprovider

import json  # noqa: E402
import sys  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable, Dict, List, Tuple  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "differential"))

from harness import (  # noqa: E402
    DifferentialResult,
    LegacyProgram,
    Migration,
    run_differential,
    shared_echo_endpoint,
    write_check_failures,
)
from realistic_programs import GeneratedProgram, program_from_seed, realistic_program  # noqa: E402

DIFFERENTIAL_EVERY = int(os.environ.get("LEGACY_COMPAT_FUZZ_DIFFERENTIAL_EVERY", "100"))


def _second_run_adds_only_a_todo(source: str, new: str, failure: str) -> bool:
    verdict, *changed = failure.splitlines()
    return (
        verdict.startswith("not idempotent")
        and bool(changed)
        and all(line[1:].strip().startswith("# TODO(legacy-compat") for line in changed)
    )


#: Defects found by this fuzzing and open today, each narrowed to its exact symptom, so
#: anything else fails the test. Remove an entry when its fix is merged (the long run's
#: figures show it no longer occurs).
KNOWN_OPEN_DEFECTS: Dict[str, Callable[[str, str, str], bool]] = {
    "a marker's reason differs from one run to the next (picked from an unordered "
    "collection), so a second run writes another TODO next to the first (reads, LC004)": (
        _second_run_adds_only_a_todo
    ),
}


def classify(source: str) -> Tuple[str, List[Tuple[str, str]], List[str]]:
    """Migrate ``source``; return the output, known defects (name, failure) and unknown ones."""
    new, findings = migrate_python(source, path="realistic.py")
    unknown = [f"codemod failed: {f.message}" for f in findings if "codemod failed" in f.message]
    # The verified write kept bad output from the file: nothing was corrupted, but the engine
    # wrote something wrong, and the file stays on the legacy methods.
    unknown += [f"verify skipped: {f.message}" for f in findings if f.code == VERIFY_CODE]
    known = []
    for failure in write_check_failures(source, new):
        name = next(
            (n for n, match in KNOWN_OPEN_DEFECTS.items() if match(source, new, failure)), ""
        )
        if name:
            known.append((name, failure))
        else:
            unknown.append(failure)
    return new, known, unknown


@fuzz_settings
@given(program=realistic_program())
def test_realistic_programs_meet_the_write_contract(program: GeneratedProgram) -> None:
    compile(program.source, "<template>", "exec")  # the templates themselves are valid
    new, known, unknown = classify(program.source)
    event("known defects: " + ",".join(sorted({name[:40] for name, _ in known})))
    assert not unknown, (unknown, program.source, new)


def _differential(seed: int, program: GeneratedProgram, new: str, workdir: Path):
    legacy = LegacyProgram(f"seed-{seed}", program.source, files=program.files())
    findings = tuple(migrate_python(program.source, path="realistic.py")[1])
    return run_differential(
        shared_echo_endpoint(), legacy, workdir / f"seed-{seed}", migration=Migration(new, findings)
    )


def _migration_kind(source: str, new: str, result: DifferentialResult) -> str:
    """``rewritten``, ``marked only`` (changed, on the shim) or ``unchanged`` (only reported:
    the program still needs ``legacy_compat.install()``, so the plain SDK may differ)."""
    if new == source:
        return "unchanged"
    rewritten = result.migration.count(Outcome.REWRITTEN)
    return "rewritten" if rewritten else "marked only"


def _long_run_report(
    figures: Counter,
    defects: Dict[str, List[int]],
    unknown_failures: List[Tuple[int, List[str]]],
    differences: List[Tuple[int, str, List[str]]],
) -> Dict[str, object]:
    return {
        "figures": dict(figures),
        "known open defects (seeds)": {name: seeds[:20] for name, seeds in defects.items()},
        "unknown failures": unknown_failures[:20],
        "behaviour differences": [
            {"seed": seed, "migration": kind, "differences": diffs[:3]}
            for seed, kind, diffs in differences
        ],
    }


def _write_report(report: Dict[str, object]) -> None:
    target = os.environ.get("LEGACY_COMPAT_FUZZ_REPORT")
    if target:
        Path(target).write_text(json.dumps(report, indent=2))


def test_realistic_programs_long_run_figures(tmp_path: Path) -> None:
    """Counts per check over EXAMPLES seeded programs, with a differential sample.

    Asserts what must hold today: no failure outside :data:`KNOWN_OPEN_DEFECTS`, and a
    program whose calls were only marked behaves the same (marking keeps it on the shim).
    Rewritten programs that behave differently are listed in the figures for the rule owners.
    """
    figures: Counter = Counter()
    defects: Dict[str, List[int]] = {}
    unknown_failures: List[Tuple[int, List[str]]] = []
    differences: List[Tuple[int, str, List[str]]] = []
    for seed in range(EXAMPLES):
        program = program_from_seed(seed)
        new, known, unknown = classify(program.source)
        figures["programs"] += 1
        for failure in unknown:
            figures[failure.split(":")[0]] += 1
        for name, failure in known:
            figures[failure.split(":")[0]] += 1
            defects.setdefault(name, []).append(seed)
        if unknown:
            unknown_failures.append((seed, unknown))
        if seed % 250 == 249:  # a long run killed at its deadline still leaves its figures
            _write_report(_long_run_report(figures, defects, unknown_failures, differences))
        if seed % DIFFERENTIAL_EVERY == 0:
            result = _differential(seed, program, new, tmp_path)
            figures["differential runs"] += 1
            if not result.equal:
                figures["behaviour differences"] += 1
                differences.append(
                    (seed, _migration_kind(program.source, new, result), result.differences())
                )
    report = _long_run_report(figures, defects, unknown_failures, differences)
    print(json.dumps(report, indent=2))
    _write_report(report)
    assert figures["differential runs"] >= 1
    assert not unknown_failures, unknown_failures[:5]
    assert not [d for d in differences if d[1] == "marked only"], differences


#: Seeds whose migration once behaved differently in the long run, by class: the new call
#: passed every ``inference_params`` key to a stream method without a signature to check them
#: (legacy_compat passes only the method's parameters; the new call raised TypeError: 4400,
#: 7900); a positional stream lost its parentheses before a trailing comma, which does not
#: compile, so the verified write left the file on the legacy method (1100, 1400).
ONCE_DIFFERENT_SEEDS = (4400, 7900, 1100, 1400)


@pytest.mark.parametrize("seed", ONCE_DIFFERENT_SEEDS)
def test_seeds_that_once_behaved_differently_behave_the_same(seed: int, tmp_path: Path) -> None:
    program = program_from_seed(seed)
    new, _, unknown = classify(program.source)
    assert not unknown
    result = _differential(seed, program, new, tmp_path)
    assert result.equal, result.report()
