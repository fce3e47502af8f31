"""Regenerate the suite's golden migrations (and, with ``--outcomes``, its outcome table).

    python -m tests.realistic.regen              # rewrite every programs/*/expected.py
    python -m tests.realistic.regen --outcomes   # also re-run every program both ways and
                                                 # rewrite outcomes.json

Review the result as a diff: a changed ``expected.py`` is a changed rewrite, a changed
``outcomes.json`` line a program that now behaves (or is counted) differently.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from suite import (
    OUTCOMES,
    PROGRAMS,
    load_program,
    outcome_of,
    program_names,
)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outcomes", action="store_true", help="re-run and rewrite outcomes.json")
    parser.add_argument("names", nargs="*", help="only these programs")
    args = parser.parse_args(argv)

    from harness import migrate_program

    names = args.names or program_names()
    for name in names:
        migration = migrate_program(load_program(name))
        (PROGRAMS / name / "expected.py").write_text(migration.source, encoding="utf-8")
    print(f"wrote {len(names)} expected.py file(s)")
    if args.outcomes:
        import tempfile

        from harness import run_many

        table = json.loads(OUTCOMES.read_text()) if OUTCOMES.exists() and args.names else {}
        with tempfile.TemporaryDirectory(prefix="legacy-compat-regen-") as workdir:
            results = run_many([load_program(name) for name in names], Path(workdir))
        for name in names:
            table[name] = outcome_of(results[name]).as_json()
            print(f"{name}: {table[name]}")
        OUTCOMES.write_text(json.dumps(dict(sorted(table.items())), indent=1) + "\n")
        print(f"wrote {OUTCOMES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
