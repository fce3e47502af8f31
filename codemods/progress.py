"""The migrate command's progress bar, kept out of the CLI's argument handling.

A run over a large tree can take a while; a one-line bar on stderr says how far it got. It is
drawn only on a terminal and only for runs long enough to need it, so logs, pipes and CI output
never see control characters.
"""

from __future__ import annotations

from typing import TextIO

__all__ = ["ProgressBar"]

#: Runs with fewer candidate files finish before a bar would be worth drawing.
MIN_FILES_FOR_A_BAR = 20
_WIDTH = 30


class ProgressBar:
    """``[#####.....] done/total files`` on ``stream``, erased again by :meth:`close`."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.shown = False

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_FILES_FOR_A_BAR:
            return
        filled = _WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (_WIDTH - filled)}] {done}/{total} files")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the bar (before a diff or a message is printed, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
