"""A progress bar on stderr for long commands: ``[#####-----] 12/40 label``, redrawn in place."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30
# Redrawing on every step would cost more than the step on fast imports.
MIN_INTERVAL_S = 0.1


class ProgressBar:
    def __init__(self, total: int, label: str, stream: TextIO = sys.stderr) -> None:
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self.stream = stream
        self._drawn_at = 0.0

    def __call__(self, steps: int) -> None:
        self.done = min(self.total, self.done + steps)
        now = time.monotonic()
        if now - self._drawn_at >= MIN_INTERVAL_S or self.done == self.total:
            self._drawn_at = now
            self._draw()

    def _draw(self) -> None:
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {self.label}")
        self.stream.flush()

    def finish(self) -> None:
        self._draw()
        self.stream.write("\n")
        self.stream.flush()
