"""What a person watching a run sees: pieces of one long text, plurals, time left at the measured
rate, and a bar that never runs into the tables printed on the same terminal."""

from __future__ import annotations

import io
import itertools
import re
import sys
from types import SimpleNamespace

import pytest

from claimx.extraction import PIECES
from claimx.output.progress import ProgressBar, plural, time_left

PARAGRAPH = "Paragraph {i} says the talks went on for a long time in the capital.\n\n"


def piece_sizes(text: str) -> tuple[int, ...]:
    from claimx.extraction import split_points

    return tuple(b - a for a, b in itertools.pairwise(split_points(text)))


def test_long_text_reports_each_piece(monkeypatch, blank_nlp) -> None:
    import claimx.extraction as ex

    monkeypatch.setattr(ex, "PIECE_CHARS", 200)
    text = "".join(PARAGRAPH.format(i=i) for i in range(20))
    seen: list[tuple[int, tuple[int, ...]]] = []
    token = PIECES.set(lambda done, sizes: seen.append((done, sizes)))
    try:
        ex.extract_text(text, blank_nlp)
    finally:
        PIECES.reset(token)
    sizes = piece_sizes(text)
    assert len(sizes) > 1 and seen == [(n, sizes) for n in range(len(sizes) + 1)]


def test_long_input_of_a_run_reports_each_piece_with_its_size(monkeypatch, blank_nlp) -> None:
    import claimx.extraction as ex
    import claimx.nlp.pipeline
    from claimx.batch.runners import Batch
    from claimx.inputs.article import make_article

    monkeypatch.setattr(ex, "PIECE_CHARS", 200)
    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    article = make_article("".join(PARAGRAPH.format(i=i) for i in range(20)), "long.txt")
    seen: list[tuple[int, tuple[int, ...]]] = []
    token = PIECES.set(lambda done, sizes: seen.append((done, sizes)))
    try:
        [outcome] = Batch([article], workers=1)
    finally:
        PIECES.reset(token)
    sizes = piece_sizes(article.text)
    assert outcome.record is not None and sum(sizes) == len(article.text)
    # First when the pieces start (the clock of the estimate starts there), then as each is done.
    assert len(sizes) > 1 and seen == [(n, sizes) for n in range(len(sizes) + 1)]


def test_time_left_for_pieces_comes_from_the_characters_measured(monkeypatch) -> None:
    import claimx.output.progress

    now = [100.0]
    monkeypatch.setattr(claimx.output.progress, "time", SimpleNamespace(monotonic=lambda: now[0]))
    sizes = (60_000, 90_000, 90_000, 60_000)
    bar = ProgressBar(enabled=True)
    try:
        bar.pieces(0, sizes)  # the pieces start: nothing measured yet
        assert bar.bar.tasks[0].fields["left"] == "-"
        now[0] += 30
        bar.pieces(1, sizes)  # 60,000 characters in 30 s: the 240,000 left take 120 s (not 3 x 30 s)
        assert bar.bar.tasks[0].fields["left"] == "0:02:00"
        now[0] += 30
        bar.pieces(2, sizes)  # 150,000 in 60 s: 150,000 left, 60 s
        assert bar.bar.tasks[0].fields["left"] == "0:01:00"
        assert bar.bar.tasks[0].completed == 2 and bar.bar.tasks[0].total == 4
    finally:
        bar.close()


def test_short_text_reports_no_pieces(blank_nlp) -> None:
    import claimx.extraction as ex

    seen: list[tuple[int, tuple[int, ...]]] = []
    token = PIECES.set(lambda done, sizes: seen.append((done, sizes)))
    try:
        ex.extract_text("A short text.", blank_nlp)
    finally:
        PIECES.reset(token)
    assert seen == []


def test_bar_for_pieces_is_drawn_only_when_enabled() -> None:
    off = ProgressBar(enabled=False)
    off.pieces(1, (10,) * 5)
    assert off.bar is None
    on = ProgressBar(enabled=True)
    on.start(1)  # one input: no article bar
    assert on.bar is None
    on.pieces(1, (10,) * 5)
    try:
        assert on.bar is not None and on.unit == "pieces"
        assert on.bar.tasks[0].completed == 1 and on.bar.tasks[0].total == 5
    finally:
        on.close()


@pytest.mark.parametrize(
    "done, total, seconds, expected",
    [
        (0, 35, 0.0, "-"),
        (13, 48, 10.0, "0:00:27"),  # 1.3 per second, 35 to go
        (1, 3601, 1.0, "1:00:00"),
    ],
)
def test_time_left_follows_the_measured_rate(done: int, total: int, seconds: float, expected: str) -> None:
    assert time_left(done, total, seconds) == expected


@pytest.mark.parametrize("n, expected", [(0, "0 articles"), (1, "1 article"), (2, "2 articles")])
def test_plural(n: int, expected: str) -> None:
    assert plural(n, "article") == expected


# --- the bar and the tables on one terminal -------------------------------------------------------


class Terminal(io.StringIO):
    """stdout and stderr of a person's terminal: both write to the one screen."""

    def isatty(self) -> bool:
        return True


def screen(raw: str) -> list[str]:
    """What a terminal shows after `raw`: text, carriage returns, new lines, and the cursor-up and
    erase-line controls a transient rich bar moves and erases itself with (others change nothing)."""
    lines, row, col = [""], 0, 0
    for m in re.finditer(r"\x1b\[([0-9;?]*)([A-Za-z])|\r|\n|[^\x1b\r\n]+", raw):
        token, code = m.group(0), m.group(2)
        if token == "\r":
            col = 0
        elif token == "\n":
            row, col = row + 1, 0
            lines += [""] * (row + 1 - len(lines))
        elif code == "A":
            row = max(0, row - int(m.group(1) or 1))
        elif code == "K":
            lines[row] = lines[row][:col] if m.group(1) in ("", "0") else " " * col
        elif code is None:
            line = lines[row].ljust(col)
            lines[row] = line[:col] + token + line[col + len(token) :]
            col += len(token)
    shown = [line.rstrip() for line in lines]
    while shown and not shown[-1]:
        shown.pop()
    return shown


def _tables_on_a_terminal(tmp_path, monkeypatch, blank_nlp, bar: bool) -> list[str]:
    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline
    import claimx.run
    from claimx.output.formats import Format
    from claimx.run import RunOptions, run_extract

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)
    monkeypatch.setattr(claimx.run, "stdout_is_tty", lambda: True)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setattr(sys, "stderr", terminal)
    paths = []
    for i, place in enumerate(["Dhaka", "Colombo", "Quetta"]):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f'Admiral Ruth Okafor visited {place} on Monday. "We are ready," Okafor said.', "utf-8")
        paths.append(str(path))
    summary = run_extract(RunOptions(paths=paths, fmt=Format.table), ProgressBar(enabled=bar))
    assert summary.done == 3
    return screen(terminal.getvalue())


def test_progress_bar_never_runs_into_the_tables_on_the_same_terminal(tmp_path, monkeypatch, blank_nlp) -> None:
    without_bar = _tables_on_a_terminal(tmp_path, monkeypatch, blank_nlp, bar=False)
    with_bar = _tables_on_a_terminal(tmp_path, monkeypatch, blank_nlp, bar=True)
    assert sum("a1.txt" in line for line in without_bar) == 1  # the three tables, each with its title
    assert with_bar == without_bar  # every line of the tables whole, and no bar left among them
