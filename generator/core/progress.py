"""Progress of long stages: one updating line on a terminal, a few plain lines in CI logs.

Each report says the stage, done/total and the time left at the current pace. On a terminal the line is
rewritten at most a few times a second; elsewhere (CI, a file) a plain line is written every tenth of the
way, so logs stay short.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

TERMINAL_INTERVAL_S = 0.25
PLAIN_STEPS = 10


class Progress:
    def __init__(self, stage: str, total: int, stream: TextIO | None = None, clock=time.monotonic):  # noqa: ANN001
        self.stage, self.total, self.done = stage, total, 0
        self.stream = stream or sys.stderr
        self.clock = clock
        self.started = self.last = clock()
        self.terminal = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.next_plain = 1

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if self.terminal:
            if now - self.last >= TERMINAL_INTERVAL_S or self.done >= self.total:
                self.stream.write("\r" + self.line(now) + ("\n" if self.done >= self.total else ""))
                self.stream.flush()
                self.last = now
        elif self.total and self.done * PLAIN_STEPS >= self.next_plain * self.total:
            self.stream.write(self.line(now) + "\n")
            self.next_plain = self.done * PLAIN_STEPS // self.total + 1

    def line(self, now: float) -> str:
        elapsed = now - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        return f"minhbach: {self.stage} {self.done}/{self.total} ({elapsed:.1f} s, ~{left:.0f} s left)"
