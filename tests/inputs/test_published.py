"""The publication date of an article (`inputs/published.py`): the metadata prefix, datelines, and which
source wins (option, record, prefix, dateline)."""

from __future__ import annotations

from datetime import date

import pytest

from claimx.inputs.article import make_article
from claimx.inputs.published import parse_iso_date, read_prefix


@pytest.mark.parametrize(
    "text, published, end",
    [
        ("date 2025-11-25 The army said.", date(2025, 11, 25), 15),
        ("  date 2019-12-09 Text", date(2019, 12, 9), 17),
        ("The date 2025-11-25 is in the text", None, 0),
        ("date 2025-13-45 broken", None, 0),
        ("", None, 0),
    ],
)
def test_metadata_prefix(text: str, published: date | None, end: int) -> None:
    assert read_prefix(text) == (published, end)


def test_published_option_wins_over_prefix() -> None:
    art = make_article("date 2025-11-25 Body.", "a.txt", date(2020, 1, 2))
    assert art.published == date(2020, 1, 2)
    assert art.prefix_end == 15


@pytest.mark.parametrize("bad", ["2025-13-01", "25-11-2025", "yesterday", "2025/11/25", ""])
def test_parse_iso_date_rejects_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(bad)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("LONDON, 25 November 2025 — The minister said talks would go on.", "2025-11-25"),
        ("Dhaka, Nov 25, 2025 (ANI): The port reopened on Monday.", "2025-11-25"),
        ("NEW YORK, Sept. 3, 2024 - Shares fell.", "2024-09-03"),
        ("Port talks resume\nKARACHI, November 24, 2025: Officials met.", "2025-11-24"),
        ("Lahore, Punjab, 2 March 2025 — Rain fell.", "2025-03-02"),
        ("ROME, 2025-06-01 — A ruling came.", "2025-06-01"),
    ],
)
def test_dateline_with_full_date_dates_the_story(text: str, expected: str) -> None:
    article = make_article(text, "x.txt")
    assert (str(article.published), article.published_basis) == (expected, "dateline")


@pytest.mark.parametrize(
    "text",
    [
        "NAIROBI, Oct. 30 — no year, so no date.",  # no year
        "The talks on 25 November 2025 — a Tuesday — went well.",  # a date in a sentence, not a dateline
        "LONDON, 31 February 2025 — no such day.",
        "GENEVA, Smarch 4, 2025 — not a month.",
        "one\ntwo\nthree\nLONDON, 25 November 2025 — too far down.",
    ],
)
def test_no_dateline_no_date(text: str) -> None:
    article = make_article(text, "x.txt")
    assert article.published is None and article.published_basis is None


@pytest.mark.parametrize(
    "published, text, expected",
    [
        (date(2024, 1, 2), "date 2025-01-01 LONDON, 25 November 2025 — x", ("2024-01-02", "option")),
        (None, "date 2025-01-01 LONDON, 25 November 2025 — x", ("2025-01-01", "prefix")),
        (None, "LONDON, 25 November 2025 — x", ("2025-11-25", "dateline")),
        (None, "No date at all.", ("None", None)),
    ],
)
def test_published_basis_says_where_the_date_came_from(published, text: str, expected) -> None:
    article = make_article(text, "x.txt", published)
    assert (str(article.published), article.published_basis) == expected


def test_record_date_wins_over_dateline_but_not_prefix() -> None:
    known = date(2025, 5, 5)
    assert make_article("LONDON, 25 November 2025 — x", "s", known=known).published_basis == "record"
    assert make_article("date 2025-01-01 text", "s", known=known).published_basis == "prefix"
