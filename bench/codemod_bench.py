"""How fast is ``legacy-compat migrate`` on a large repository? (issue 5 section 6)

Builds a synthetic repository (``bench/synthetic_repo.py``: 2,000+ realistic modules, about
2% with legacy calls, plus decoys) in a temporary directory and prints, from one run:

* our whole run (``python -m codemods --diff -j N``) against a libcst parse-and-print no-op
  over the same tree (same number of processes) and against ``ruff check`` on it;
* our time per rewritten file against libcst parse-and-print of that same file.

Targets: our run no slower than ruff's; per rewritten file at most 1.5x the no-op.
Nothing here asserts a timing; it prints figures and ratios measured in the same run.

    python bench/codemod_bench.py [--files 2000] [--jobs 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, List, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_repo import build


def _wall(command: Sequence[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _parse_and_print(path: str) -> int:
    import libcst

    return len(libcst.parse_module(Path(path).read_bytes()).bytes)


def _libcst_noop(files: List[Path], jobs: int) -> float:
    """Parse and print every file with libcst in ``jobs`` processes (the no-op baseline)."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_parse_and_print, [str(f) for f in files], chunksize=16))
    return time.perf_counter() - start


def _per_file(texts: List[str], function: Callable[[str], object], repeat: int) -> float:
    """Median over ``repeat`` rounds of the total time to run ``function`` on every text."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            function(text)
        rounds.append(time.perf_counter() - start)
    return statistics.median(rounds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-noop", action="store_true", help="skip the slow libcst no-op")
    args = parser.parse_args(argv)

    import libcst

    from codemods.engine import migrate_python

    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    with tempfile.TemporaryDirectory(prefix="codemod-bench-") as directory:
        root = Path(directory) / "repo"
        counts = build(root, files=args.files)
        files = sorted(root.rglob("*.py"))
        size = sum(f.stat().st_size for f in files)
        lines = sum(f.read_bytes().count(b"\n") for f in files)
        print(
            f"tree: {len(files)} files, {lines:,} lines, {size / 1e6:.1f} MB; "
            f"{counts['legacy']} with legacy calls, {counts['decoy']} decoys"
        )
        ours = _wall(
            [sys.executable, "-m", "codemods", "--diff", "-q", "-j", str(args.jobs), str(root)],
            args.repeat,
        )
        ruff_default = _wall([ruff, "check", "--no-cache", "--exit-zero", str(root)], args.repeat)
        ruff_npy = _wall(
            [ruff, "check", "--no-cache", "--exit-zero", "--select", "NPY201", str(root)],
            args.repeat,
        )
        noop = None if args.skip_noop else _libcst_noop(files, args.jobs)

        rewritten = []
        for path in files:
            text = path.read_text(encoding="utf-8")
            if migrate_python(text)[0] != text:
                rewritten.append(text)
        ours_files = _per_file(rewritten, migrate_python, args.repeat)
        noop_files = _per_file(rewritten, lambda t: libcst.parse_module(t).code, args.repeat)

    print(f"\nwhole tree (median of {args.repeat}; -j {args.jobs}):")
    print(f"  ours  python -m codemods --diff      {ours:8.2f} s")
    print(
        f"  ruff  check (default rules)          {ruff_default:8.2f} s   ours/ruff = "
        f"{ours / ruff_default:.2f}x"
    )
    print(
        f"  ruff  check --select NPY201          {ruff_npy:8.2f} s   ours/ruff = "
        f"{ours / ruff_npy:.2f}x"
    )
    if noop is not None:
        print(
            f"  libcst parse+print no-op (1 run)     {noop:8.2f} s   ours/no-op = "
            f"{ours / noop:.3f}x  (no-op/ruff = {noop / ruff_default:.1f}x)"
        )
    per_ours = ours_files / len(rewritten) * 1000
    per_noop = noop_files / len(rewritten) * 1000
    print(f"\nper rewritten file ({len(rewritten)} files, in process, median of {args.repeat}):")
    print(f"  ours  migrate_python                 {per_ours:8.1f} ms")
    print(
        f"  libcst parse_module + code           {per_noop:8.1f} ms   ours/no-op = "
        f"{ours_files / noop_files:.2f}x (target <= 1.5x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
