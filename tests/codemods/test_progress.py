"""The progress bar of long runs: how far, and how fast (files per second)."""

from __future__ import annotations

import io

from codemods.progress import MIN_FILES_FOR_A_BAR, ProgressBar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_shows_files_per_second_once_the_run_has_lasted() -> None:
    stream, clock = _Terminal(), _Clock()
    bar = ProgressBar(stream, enabled=True, clock=clock)
    total = MIN_FILES_FOR_A_BAR * 10
    bar.update(1, total)
    assert "files/s" not in stream.getvalue()  # too early for a rate that means anything
    clock.now += 2.0
    bar.update(50, total)
    assert f"50/{total} files, 25 files/s" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_bar_off_a_terminal_or_on_short_runs() -> None:
    piped = io.StringIO()
    ProgressBar(piped, enabled=True).update(5, MIN_FILES_FOR_A_BAR * 10)
    short = _Terminal()
    ProgressBar(short, enabled=True).update(1, MIN_FILES_FOR_A_BAR - 1)
    assert piped.getvalue() == "" and short.getvalue() == ""
