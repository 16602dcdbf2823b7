"""The progress bar a person sees on a terminal during a run (a `run.Reporter`), and the hook through
which one long article reports its pieces (`PIECES`)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any


def say(message: str) -> None:
    """One line on stderr (messages never go to stdout, which carries only data)."""
    sys.stderr.write(message.rstrip() + "\n")
    sys.stderr.flush()


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 article', '2 articles'."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def time_left(done: int, total: int, seconds: float) -> str:
    """The time the rest will take at the rate measured so far (H:MM:SS), or '-' before any is done."""
    if done <= 0 or seconds <= 0:
        return "-"
    left = round((total - done) * seconds / done)
    return f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}"


class ProgressBar:
    """A rich progress bar on stderr: done/total, articles per second, time left at the measured rate.
    Drawn only when `enabled` (stderr is a terminal and not --quiet) and there is more than one input,
    or one input long enough to go in pieces."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.t0 = time.monotonic()
        self.unit = "articles"

    def _draw(self, total: int, unit: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.unit = unit
        self.bar = Progress(
            TextColumn("[bold]claimx"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} " + unit + "/s, {task.fields[left]} left"),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self.task = self.bar.add_task("extract", total=total, rate="-", left="-")
        self.t0 = time.monotonic()
        self.bar.start()

    def start(self, total: int) -> None:
        """Draw the bar for `total` inputs."""
        if self.enabled and total > 1:
            self._draw(total, "articles")

    def advance(self, finished: int) -> None:
        """One more input finished."""
        if self.bar is not None and self.unit == "articles":
            total = int(self.bar.tasks[0].total)
            self._update(finished, total, finished, total)

    def pieces(self, done: int, sizes: Sequence[int]) -> None:
        """A long single input: `done` of its pieces (of `sizes` characters) are processed. The time
        left is the characters still to do at the rate measured since the pieces started."""
        if not self.enabled or len(sizes) <= 1:
            return
        if self.bar is None:
            self._draw(len(sizes), "pieces")
        if self.unit == "pieces":
            self._update(done, len(sizes), sum(sizes[:done]), sum(sizes))

    def _update(self, done: int, total: int, work_done: int, work: int) -> None:
        # `work` measures what is to do (articles, or characters when pieces differ in size).
        elapsed = max(time.monotonic() - self.t0, 1e-9)
        left = time_left(work_done, work, elapsed)
        self.bar.update(self.task, completed=done, rate=f"{done / elapsed:.1f}", left=left)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Take the bar off the terminal while records are written to it (stdout on the same
        terminal), and draw it again below them; else the two overwrite each other."""
        if self.bar is None:
            yield
            return
        # The Live display itself: Progress.stop() would also print an empty line on a dumb terminal.
        self.bar.live.stop()
        try:
            yield
        finally:
            self.bar.live.start(refresh=True)

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
