"""Progress of long runs on a terminal: items done, rate, time left.

Quiet when the output is not a terminal (CI logs, pipes) or when asked."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts finished items and redraws one status line at most ten times
    a second."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, quiet: bool = False):
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = not quiet and total > 1 and getattr(self.stream, "isatty", lambda: False)()
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn < 0.1 and self.done < self.total:
            return
        self._drawn = now
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(f"\r{self.label}: {self.done}/{self.total} "
                          f"({rate:.1f}/s, {left:.0f} s left)\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
