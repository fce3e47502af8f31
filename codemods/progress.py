"""The migrate command's progress bar, kept out of the CLI's argument handling.

A run over a large tree can take a while; a one-line bar on stderr says how far it got. It is
drawn only on a terminal and only for runs long enough to need it, so logs, pipes and CI output
never see control characters.
"""

from __future__ import annotations

import time
from typing import Callable, TextIO

__all__ = ["ProgressBar"]

#: Runs with fewer candidate files finish before a bar would be worth drawing.
MIN_FILES_FOR_A_BAR = 20
_WIDTH = 30
#: Below this the files-per-second figure is mostly noise.
_RATE_AFTER_SECONDS = 0.5


class ProgressBar:
    """``[#####.....] done/total files, N files/s`` on ``stream``, erased by :meth:`close`.

    The rate (files finished since the bar was made, per second) says whether a long run is
    worth waiting for; it is shown once the run has gone on long enough for the figure to mean
    something (``clock`` is for tests).
    """

    def __init__(
        self, stream: TextIO, enabled: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.shown = False
        self.clock = clock
        self.started = clock()

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_FILES_FOR_A_BAR:
            return
        elapsed = self.clock() - self.started
        rate = f", {done / elapsed:.0f} files/s" if elapsed >= _RATE_AFTER_SECONDS else ""
        filled = _WIDTH * done // total
        bar = f"[{'#' * filled}{'.' * (_WIDTH - filled)}]"
        self.stream.write(f"\r{bar} {done}/{total} files{rate}\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the bar (before a diff or a message is printed, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
