"""What does the facade cost over the direct new-client call? (issue 3 section 6)

Runs the same work both ways against the same local endpoint and prints each figure with the
facade / direct ratio, all measured in one run:

* facade work per unary call without the network (the overhead the ratios measure, free of
  the loopback round trip's noise);
* unary latency p50 / p95: ``model.predict_by_bytes(b, "text")`` against
  ``model.predict(prompt=...)`` on the ``text-llm`` reference model, calls interleaved;
* generate time to first item (p50): ``generate_by_bytes`` against ``model.generate(...)``;
* stream throughput (inputs per second): ``stream_by_bytes`` against ``model.stream(...)``;
* peak Python memory (tracemalloc) while streaming N inputs, at two sizes: flat in N means
  the ratio between the sizes stays near 1.

Target: every ratio within 5% of direct (<= 1.05), memory flat in the number of inputs.

The endpoint runs in a child process, so its records and the runner's request buffering are
not counted as the client's memory, and client and server each have a core. Deprecation
warnings are silenced for the run (``LEGACY_COMPAT_WARNINGS=ignore``), as a production job
that has seen them would do; their cost is measured separately ("warning on").
Nothing here asserts a timing.

    python bench/facade_bench.py [--unary 400] [--stream 2000] [--memory 1000,10000]
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator, List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROMPT = b"the quick brown fox jumps over the lazy dog " * 4
FAKE_PAT = "fake-pat-for-tests"


# -- the endpoint, in its own process ------------------------------------------------------


def _serve(connection: Any, lifetime_s: float) -> None:
    from legacy_compat.testing import LocalEndpoint

    with LocalEndpoint(models=["text-llm"], max_lifetime_s=lifetime_s) as ep:
        connection.send((ep.base_url, ep.model_url("text-llm")))
        deadline = time.monotonic() + lifetime_s
        while time.monotonic() < deadline and not connection.poll(1.0):
            ep.clear_records()  # keep the server's memory bounded over long streams


class ChildEndpoint:
    """A LocalEndpoint in a child process, stopped on exit (and by its own lifetime)."""

    def __init__(self, lifetime_s: float) -> None:
        context = multiprocessing.get_context("spawn")
        self._parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, lifetime_s), daemon=True)

    def __enter__(self) -> Tuple[str, str]:
        self._process.start()
        if not self._parent.poll(120):
            self._process.kill()
            raise RuntimeError("the endpoint process did not start within 120 s")
        base_url, model_url = self._parent.recv()
        return base_url, model_url

    def __exit__(self, *exc: object) -> None:
        self._parent.send("stop")
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


# -- measurements ------------------------------------------------------------------------------


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _interleaved(
    calls: int, direct: Callable[[], Any], facade: Callable[[], Any]
) -> Tuple[List[float], List[float]]:
    """Time ``calls`` runs of each, alternating, so drift hits both alike."""
    times: Tuple[List[float], List[float]] = ([], [])
    for i in range(calls):
        order = ((0, direct), (1, facade)) if i % 2 else ((1, facade), (0, direct))
        for slot, run in order:
            start = time.perf_counter()
            run()
            times[slot].append(time.perf_counter() - start)
    return times


def _first_item(make: Callable[[], Iterator[Any]]) -> Callable[[], None]:
    def run() -> None:
        iterator = make()
        next(iterator)
        for _ in iterator:  # drain, so the next call starts clean
            pass

    return run


def _throughput(run: Callable[[Iterator[bytes]], Iterator[Any]], count: int) -> float:
    prompts = (PROMPT for _ in range(count))
    start = time.perf_counter()
    received = sum(1 for _ in run(prompts))
    elapsed = time.perf_counter() - start
    assert received == count, f"{received} results for {count} inputs"
    return count / elapsed


def _peak_memory(run: Callable[[Iterator[bytes]], Iterator[Any]], count: int) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        received = sum(1 for _ in run(PROMPT for _ in range(count)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert received == count
    return peak


def _facade_work_us(model: Any, calls: int = 5000) -> float:
    """Microseconds of facade work per unary call, without the network: reading the call,
    the (cached) plan, preparing the input, the legacy response shape, the warning check."""
    from legacy_compat.calls import normalize_call
    from legacy_compat.deprecation import warn_legacy_call
    from legacy_compat.legacy_methods import _EXECUTORS, _prepare, plan_call
    from legacy_compat.responses import to_legacy_response
    from legacy_compat.targets import target_for

    _, response = model.client._predict({"prompt": PROMPT.decode()}, "predict", with_proto=True)
    start = time.perf_counter()
    for _ in range(calls):
        call = normalize_call("predict_by_bytes", (PROMPT, "text"), {})
        plan = plan_call(target_for(model), call)
        prepared = _prepare(plan, call)
        _EXECUTORS[call.method.kind](plan, call, prepared)
        warn_legacy_call((plan.method.name,), lambda in_loop: _not_rendered())
        copy = type(response)()
        copy.CopyFrom(response)
        to_legacy_response(copy)
    return (time.perf_counter() - start) / calls * 1e6


def _not_rendered() -> Any:
    raise AssertionError("LEGACY_COMPAT_WARNINGS=ignore: the message is never rendered")


def _row(name: str, direct: float, facade: float, unit: str, higher_is_better: bool = False) -> str:
    ratio = (direct / facade) if higher_is_better else (facade / direct)
    return f"{name:<34} {direct:>12.3f} {facade:>12.3f} {unit:<9} {ratio:>7.3f}"


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unary", type=int, default=400, help="calls per path (default 400)")
    parser.add_argument("--generate", type=int, default=200, help="calls per path (default 200)")
    parser.add_argument("--stream", type=int, default=2000, help="streamed inputs (default 2000)")
    parser.add_argument(
        "--memory",
        default="1000,10000",
        help="two stream sizes for peak memory (default 1000,10000)",
    )
    args = parser.parse_args(list(argv))
    small, large = (int(n) for n in args.memory.split(","))

    os.environ["LEGACY_COMPAT_WARNINGS"] = "ignore"
    from legacy_compat import Model

    with ChildEndpoint(lifetime_s=1800) as (base_url, model_url):
        model = Model(url=model_url, base_url=base_url, pat=FAKE_PAT)
        text = PROMPT.decode()

        def direct_stream(prompts: Iterator[bytes]) -> Iterator[Any]:
            return model.stream(input_iterator=(p.decode() for p in prompts))

        def facade_stream(prompts: Iterator[bytes]) -> Iterator[Any]:
            return model.stream_by_bytes(prompts, "text")

        # warm both paths (signatures, channel, runner)
        for _ in range(20):
            model.predict(prompt=text)
            model.predict_by_bytes(PROMPT, "text")
        list(direct_stream(iter([PROMPT])))
        list(facade_stream(iter([PROMPT])))

        rows = []
        direct_unary, facade = _interleaved(
            args.unary,
            lambda: model.predict(prompt=text),
            lambda: model.predict_by_bytes(PROMPT, "text"),
        )
        rows.append(
            _row(
                "unary latency p50",
                _percentile(direct_unary, 0.5) * 1e3,
                _percentile(facade, 0.5) * 1e3,
                "ms",
            )
        )
        rows.append(
            _row(
                "unary latency p95",
                _percentile(direct_unary, 0.95) * 1e3,
                _percentile(facade, 0.95) * 1e3,
                "ms",
            )
        )

        os.environ["LEGACY_COMPAT_WARNINGS"] = ""
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("default")  # recorded once, then the registry skips it
            direct, warned = _interleaved(
                args.unary,
                lambda: model.predict(prompt=text),
                lambda: model.predict_by_bytes(PROMPT, "text"),
            )
        os.environ["LEGACY_COMPAT_WARNINGS"] = "ignore"
        rows.append(
            _row(
                "unary p50, warning on",
                _percentile(direct, 0.5) * 1e3,
                _percentile(warned, 0.5) * 1e3,
                "ms",
            )
        )

        direct, facade = _interleaved(
            args.generate,
            _first_item(lambda: model.generate(prompt=text)),
            _first_item(lambda: model.generate_by_bytes(PROMPT, "text")),
        )
        rows.append(
            _row(
                "generate, whole call p50",
                _percentile(direct, 0.5) * 1e3,
                _percentile(facade, 0.5) * 1e3,
                "ms",
            )
        )

        ttfi: Tuple[List[float], List[float]] = ([], [])
        for _ in range(args.generate):
            for slot, make in (
                (0, lambda: model.generate(prompt=text)),
                (1, lambda: model.generate_by_bytes(PROMPT, "text")),
            ):
                start = time.perf_counter()
                iterator = make()
                next(iterator)
                ttfi[slot].append(time.perf_counter() - start)
                for _ in iterator:
                    pass
        rows.append(
            _row(
                "generate time to first item p50",
                _percentile(ttfi[0], 0.5) * 1e3,
                _percentile(ttfi[1], 0.5) * 1e3,
                "ms",
            )
        )

        rates: Tuple[List[float], List[float]] = ([], [])
        for _ in range(5):  # alternated, so drift on a shared machine hits both alike
            rates[0].append(_throughput(direct_stream, args.stream))
            rates[1].append(_throughput(facade_stream, args.stream))
        direct_rate, facade_rate = statistics.median(rates[0]), statistics.median(rates[1])
        rows.append(
            _row(
                f"stream throughput ({args.stream} inputs)",
                direct_rate,
                facade_rate,
                "inputs/s",
                higher_is_better=True,
            )
        )

        work_us = _facade_work_us(model)

        peaks = {}
        for label, run in (("direct", direct_stream), ("facade", facade_stream)):
            for count in (small, large):
                peaks[label, count] = _peak_memory(run, count)
        for count in (small, large):
            rows.append(
                _row(
                    f"peak memory, {count} streamed",
                    peaks["direct", count] / 1024,
                    peaks["facade", count] / 1024,
                    "KiB",
                )
            )

    python = sys.version.split()[0]
    print(f"clarifai-legacy-compat facade benchmark (text-llm, local endpoint, Python {python})")
    print(f"{'':<34} {'direct':>12} {'facade':>12} {'unit':<9} {'ratio':>7}")
    print("\n".join(rows))
    for label in ("direct", "facade"):
        growth = peaks[label, large] / peaks[label, small]
        print(f"memory growth {label}: {large} vs {small} inputs = {growth:.2f}x (flat = about 1)")
    print(
        f"facade work per unary call without the network: {work_us:.1f} us "
        f"({work_us / 1e6 / _percentile(direct_unary, 0.5):.1%} of the direct p50)"
    )
    print("ratio = facade / direct (throughput: direct / facade); target <= 1.05")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
