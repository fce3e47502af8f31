"""How fast is ``legacy-compat migrate`` on a large repository? (issue 5 section 6)

Builds a synthetic repository (``bench/synthetic_repo.py``: 2,000+ realistic modules, about
2% with legacy calls, plus decoys) in a temporary directory and prints, from one run:

* our whole run (``python -m codemods --diff -j N``) against ``ruff check`` on the tree (the
  two in turn, the median of the pairs' ratios) and against a libcst parse-and-print no-op
  over the same tree (same number of processes);
* our time per rewritten file against libcst parse-and-print of that same file.

Targets: our run no slower than ruff's; per rewritten file at most 1.5x the no-op.

``--dense`` (issue 13 section 1) builds a tree where most files call the legacy methods
(``synthetic_repo.build_dense``: 300 files of 20 - 2,000 lines by default, 80% with legacy
calls) and prints:

* the whole ``legacy-compat migrate`` process (``python -m codemods --diff -j N``) against a
  whole process that imports libcst and parses and prints the same files with the same number
  of worker processes (target: at most 1.5x), and ``ruff check`` for scale;
* peak memory of the migrate process on the tree and on the tree twice over (flat in the
  number of files: results are streamed, no file's text is held after its result is used);
* where the time goes, per phase (read, pre-filter, parse, metadata, planning, rewrite, the
  verified-write checks, diff, write), measured in one process on a copy of the tree.

Nothing here asserts a timing; it prints figures and ratios measured in the same run.

    python bench/codemod_bench.py [--files 2000] [--jobs 2] [--repeat 3]
    python bench/codemod_bench.py --dense [--files 300] [--jobs 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_repo import build, build_dense


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
    parser.add_argument("--files", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-noop", action="store_true", help="skip the slow libcst no-op")
    parser.add_argument("--dense", action="store_true", help="most files with legacy calls")
    parser.add_argument("--noop-process", metavar="ROOT", help=argparse.SUPPRESS)
    parser.add_argument("--keep", metavar="DIR", help="build the tree in DIR and keep it")
    args = parser.parse_args(argv)
    if args.noop_process:
        return _noop_process(Path(args.noop_process), args.jobs)
    if args.dense:
        return _dense(args)
    args.files = args.files or 2000

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
        # In turn (A B A B ...): the machine's speed drifts more than the two commands differ.
        paired = _paired(
            [sys.executable, "-m", "codemods", "--diff", "-q", "-j", str(args.jobs), str(root)],
            [ruff, "check", "--no-cache", "--exit-zero", str(root)],
            args.repeat,
        )
        ours, ruff_default = paired["ours"], paired["baseline"]
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
        f"{paired['ratio']:.2f}x (median of the pairs' ratios; target <= 1x)"
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


# -- dense mode ------------------------------------------------------------------------------


def _noop_process(root: Path, jobs: int) -> int:
    """The baseline as a whole process: import libcst, parse and print every file, -j N."""
    files = sorted(root.rglob("*.py"))
    if jobs <= 1:
        for path in files:
            _parse_and_print(str(path))
        return 0
    import multiprocessing

    import libcst  # noqa: F401  (imported once before the workers fork, as migrate does)

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        list(pool.map(_parse_and_print, [str(f) for f in files], chunksize=8))
    return 0


def _run_measured(command: Sequence[str]) -> Tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def _paired(ours: Sequence[str], baseline: Sequence[str], repeat: int) -> Dict[str, float]:
    """Ours and the baseline in turn (A B A B ...), medians and the median pair ratio."""
    pairs = []
    for _ in range(repeat + 1):  # the first pair warms the page cache and is not counted
        pairs.append((_run_measured(ours), _run_measured(baseline)))
    pairs = pairs[1:]
    return {
        "ours": statistics.median(a[0] for a, _ in pairs),
        "baseline": statistics.median(b[0] for _, b in pairs),
        "ratio": statistics.median(a[0] / b[0] for a, b in pairs),
        "ours_rss": max(a[1] for a, _ in pairs),
    }


class _PhaseClock:
    """Exclusive time per phase: a phase entered inside another is subtracted from it, except
    inside ``verify``, whose parts (``verify: ...``) include the second migration pass."""

    def __init__(self) -> None:
        self.totals: Dict[str, float] = {}
        self.stack: List[Tuple[str, float, float]] = []  # (phase, start, time in children)

    def wrap(self, phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            inside = self.stack[-1][0] if self.stack else ""
            if inside.startswith("verify") and not (inside == "verify" and ":" in phase):
                return function(*args, **kwargs)
            self.stack.append((phase, time.perf_counter(), 0.0))
            try:
                return function(*args, **kwargs)
            finally:
                name, start, children = self.stack.pop()
                spent = time.perf_counter() - start
                self.totals[name] = self.totals.get(name, 0.0) + spent - children
                if self.stack:
                    parent, parent_start, parent_children = self.stack[-1]
                    self.stack[-1] = (parent, parent_start, parent_children + spent)

        return timed


@contextlib.contextmanager
def _instrumented(clock: _PhaseClock) -> Iterator[None]:
    """Wrap the functions each phase runs in (the codemod's code is not changed for this)."""
    import ast

    import libcst
    import libcst.metadata

    from codemods import analysis, engine, imports, planner, report, rewrite, runner, verified

    targets = [
        (Path, "read_bytes", "read"),
        (runner, "is_candidate", "pre-filter"),
        # which statements are worth parsing with libcst: the ast-level pre-filter
        (engine, "_model_words", "pre-filter"),
        (engine, "split_top_level", "pre-filter"),
        (engine, "_legacy_attributes", "pre-filter"),
        (ast, "parse", "parse"),
        (libcst, "parse_module", "parse"),
        (libcst.metadata.MetadataWrapper, "resolve", "metadata"),
        (libcst.Module, "visit", "metadata"),  # ModuleFacts, the one traversal of facts
        (analysis, "ReceiverResolver", "metadata"),
        (engine._Migration, "_call_lines", "metadata"),
        (planner, "plan_module", "planning"),
        (rewrite, "apply_to_statement", "rewrite"),
        (libcst.Module, "code_for_node", "rewrite"),
        (engine._Migration, "_splice", "rewrite"),
        (imports, "remove_unused_imports", "rewrite"),  # imported on use by the engine
        (engine, "python_failure", "verify"),
        (verified, "_compiles_failure", "verify: compile"),
        (verified, "_comments_failure", "verify: comments"),
        (verified, "_idempotence_failure", "verify: second pass"),
        (runner, "carrier_failure", "verify"),
        (report, "unified_diff", "diff"),
        (runner, "write_atomically", "write"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in targets]
    try:
        for owner, name, phase in targets:
            setattr(owner, name, clock.wrap(phase, getattr(owner, name)))
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def _phase_table(root: Path) -> Tuple[Dict[str, float], float, int]:
    """Per-phase seconds of one in-process ``--write`` run (with each diff made too)."""
    from codemods import report, runner
    from codemods.files import FileSelector
    from codemods.options import MigrateOptions

    clock = _PhaseClock()
    files = list(FileSelector().files([root]))
    changed = 0
    written: Dict[Path, Path] = {}
    start = time.perf_counter()
    with _instrumented(clock):
        for result in runner.migrate_files(files, MigrateOptions(), jobs=1):
            if result.changed:
                assert result.new is not None
                report.unified_diff(str(result.path), result.old, result.new)
                runner.write_result(result, written)
                changed += 1
    return clock.totals, time.perf_counter() - start, changed


def _dense(args: argparse.Namespace) -> int:
    files = args.files or 300
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    with tempfile.TemporaryDirectory(prefix="codemod-dense-") as directory:
        root = Path(args.keep or directory) / "dense"
        counts = build_dense(root, files=files)
        double = Path(directory) / "double"
        shutil.copytree(root, double / "a")
        shutil.copytree(root, double / "b")
        size = sum(f.stat().st_size for f in root.rglob("*.py"))
        print(
            f"dense tree: {files} files, {counts['lines']:,} lines, {size / 1e6:.1f} MB; "
            f"{counts['legacy']} with legacy calls"
        )
        jobs = str(args.jobs)
        ours = [sys.executable, "-m", "codemods", "--diff", "-q", "-j", jobs, str(root)]
        noop = [sys.executable, str(Path(__file__).resolve()), "--noop-process", str(root)]
        timing = _paired(ours, [*noop, "--jobs", jobs], args.repeat)
        ruff_time = _wall([ruff, "check", "--no-cache", "--exit-zero", str(root)], args.repeat)
        _, double_rss = _run_measured([*ours[:-1], str(double)])
        work = Path(directory) / "work"
        shutil.copytree(root, work)
        phases, total, changed = _phase_table(work)

    print(f"\nwhole process (median of {args.repeat}, pairs in turn; -j {args.jobs}):")
    print(f"  ours  python -m codemods --diff              {timing['ours']:8.2f} s")
    print(
        f"  libcst import + parse-and-print no-op        {timing['baseline']:8.2f} s   "
        f"ours/no-op = {timing['ratio']:.2f}x (target <= 1.5x)"
    )
    print(
        f"  ruff  check (default rules)                  {ruff_time:8.2f} s   "
        f"ours/ruff = {timing['ours'] / ruff_time:.1f}x"
    )
    print(
        f"  peak memory of ours: {timing['ours_rss']:.0f} MB on {files} files, "
        f"{double_rss:.0f} MB on {2 * files} (the tree twice)"
    )
    print(f"\nper phase (one process, --write on a copy, {changed} files changed):")
    order = ["read", "pre-filter", "parse", "metadata", "planning", "rewrite", "verify"]
    order += ["verify: compile", "verify: comments", "verify: second pass", "diff", "write"]
    phases["other"] = total - sum(phases.values())
    for phase in [*order, "other"]:
        spent = phases.get(phase, 0.0)
        print(f"  {phase:<20} {spent:8.2f} s  {100 * spent / total:5.1f}%")
    print(f"  {'total':<20} {total:8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
