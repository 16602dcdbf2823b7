"""The progress bar a person sees on a terminal during a run (a `run.Reporter`)."""

from __future__ import annotations

import sys
import time
from typing import Any


def say(message: str) -> None:
    """One line on stderr (messages never go to stdout, which carries only data)."""
    sys.stderr.write(message.rstrip() + "\n")
    sys.stderr.flush()


class ProgressBar:
    """A rich progress bar on stderr: done/total, articles per second, time left. Drawn only when
    `enabled` (stderr is a terminal and not --quiet) and there is more than one input."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.t0 = time.monotonic()

    def start(self, total: int) -> None:
        """Draw the bar for `total` inputs."""
        if not self.enabled or total <= 1:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("[bold]claimx"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self.task = self.bar.add_task("extract", total=total, rate="–")
        self.t0 = time.monotonic()
        self.bar.start()

    def advance(self, finished: int) -> None:
        """One more input finished."""
        if self.bar is not None:
            rate = finished / max(time.monotonic() - self.t0, 1e-9)
            self.bar.update(self.task, completed=finished, rate=f"{rate:.1f}")

    def error(self, message: str) -> None:
        """An error line: printed above the bar while it is drawn, so neither garbles the other."""
        if self.bar is not None:
            self.bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            say(message)

    def close(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
