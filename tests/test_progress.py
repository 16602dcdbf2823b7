"""What a person watching a run sees: pieces of one long text, plurals, and time left at the measured rate."""

from __future__ import annotations

import pytest

from claimx.output.progress import PIECES, ProgressBar, plural, time_left


def test_long_text_reports_each_piece(monkeypatch, blank_nlp) -> None:
    import claimx.extraction as ex

    monkeypatch.setattr(ex, "PIECE_CHARS", 200)
    text = "\n\n".join(f"Paragraph {i} says the talks went on for a long time in the capital." for i in range(20))
    seen: list[tuple[int, int]] = []
    token = PIECES.set(lambda done, total: seen.append((done, total)))
    try:
        ex.extract_text(text, blank_nlp)
    finally:
        PIECES.reset(token)
    total = seen[-1][1]
    assert total > 1 and seen == [(n, total) for n in range(1, total + 1)]


def test_short_text_reports_no_pieces(blank_nlp) -> None:
    import claimx.extraction as ex

    seen: list[tuple[int, int]] = []
    token = PIECES.set(lambda done, total: seen.append((done, total)))
    try:
        ex.extract_text("A short text.", blank_nlp)
    finally:
        PIECES.reset(token)
    assert seen == []


def test_bar_for_pieces_is_drawn_only_when_enabled() -> None:
    off = ProgressBar(enabled=False)
    off.pieces(1, 5)
    assert off.bar is None
    on = ProgressBar(enabled=True)
    on.start(1)  # one input: no article bar
    assert on.bar is None
    on.pieces(1, 5)
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
