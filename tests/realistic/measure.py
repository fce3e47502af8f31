"""Measure the codemod on the realistic suite: the rewritten share, and every difference.

    python -m tests.realistic.measure            # migrate and run every program both ways
    python -m tests.realistic.measure --no-run   # site counts only (no endpoint)
    python -m tests.realistic.measure --fetch-signatures   # as after `migrate --fetch-signatures`

Per program: call sites rewritten / marked / reported, and whether the original (on
``legacy_compat.install()``) and the migrated program (on the plain SDK) behaved the same.
Overall: the share of call sites rewritten, and the share rewritten in programs that behave
the same (a rewrite only counts when a run proves it). Then each difference in full.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from suite import load_program, outcome_of, program_names, site_counts

if TYPE_CHECKING:
    from harness import LegacyProgram


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100.0 * part / whole:.1f}%)" if whole else "0/0"


def with_fetched_signatures(programs: List[LegacyProgram]) -> List[LegacyProgram]:
    """The programs as ``legacy-compat migrate --fetch-signatures`` migrates them.

    The signatures of every model URL the programs name are fetched from the echo endpoint by
    the same child process the CLI runs (``codemods.live_signatures``); a program that ships
    its own signatures file keeps it.
    """
    import dataclasses
    import json
    import os

    from harness import shared_echo_endpoint

    from codemods.live_signatures import fetch_live_signatures, model_urls_in
    from legacy_compat.testing import FAKE_PAT

    references = {url for p in programs for url in model_urls_in(p.source.encode("utf-8"))}
    endpoint = shared_echo_endpoint()
    os.environ["CLARIFAI_API_BASE"] = endpoint.base_url
    os.environ["CLARIFAI_PAT"] = FAKE_PAT
    fetched, messages = fetch_live_signatures(references)
    for message in messages:
        print(f"fetch: {message}")
    text = json.dumps(fetched.to_json())
    return [
        program if program.signatures is not None else dataclasses.replace(program, signatures=text)
        for program in programs
    ]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-run", action="store_true", help="count sites only")
    parser.add_argument(
        "--fetch-signatures",
        action="store_true",
        help="migrate with the signatures fetched from the echo endpoint, as the CLI option does",
    )
    parser.add_argument("names", nargs="*", help="only these programs")
    args = parser.parse_args(argv)

    from harness import migrate_program, run_many

    names = args.names or program_names()
    programs = [load_program(name) for name in names]
    if args.fetch_signatures:
        programs = with_fetched_signatures(programs)
    totals = {"rewritten": 0, "marked": 0, "reported": 0, "unreported": 0}
    proven = 0
    differences = []
    with tempfile.TemporaryDirectory(prefix="legacy-compat-measure-") as workdir:
        results = {} if args.no_run else run_many(programs, Path(workdir))
    print(f"{'program':44} rewritten marked reported unreported  behaviour")
    for program in programs:
        if args.no_run:
            counts = site_counts(migrate_program(program), program.source)
            behaviour = "-"
        else:
            outcome = outcome_of(results[program.name])
            counts = site_counts(results[program.name].migration, program.source)
            behaviour = outcome.behaviour
            if outcome.behaviour == "different":
                differences.append(results[program.name].report())
            else:
                proven += counts["rewritten"]
        for key in totals:
            totals[key] += counts[key]
        print(
            f"{program.name:44} {counts['rewritten']:9} {counts['marked']:6} "
            f"{counts['reported']:8} {counts['unreported']:10}  {behaviour}"
        )
    sites = sum(totals.values())
    print()
    print(f"programs: {len(names)}; call sites: {sites}")
    print(f"rewritten: {_share(totals['rewritten'], sites)}")
    print(f"marked:    {_share(totals['marked'], sites)}")
    print(f"reported:  {_share(totals['reported'], sites)}")
    print(f"unreported (no finding at all): {_share(totals['unreported'], sites)}")
    if not args.no_run:
        print(f"rewritten with behaviour unchanged (program EQUAL): {_share(proven, sites)}")
        print(f"programs that behave differently: {len(differences)}")
        for report in differences:
            print()
            print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
