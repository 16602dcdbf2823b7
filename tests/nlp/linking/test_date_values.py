"""Tests for claimx.nlp.linking.date_values.normalise_date (all fragments invented for these tests)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from datetime import date, datetime

import pytest

from claimx.knowledge import calendar as date_words
from claimx.nlp.linking import date_values as dates
from claimx.nlp.linking.date_values import DateValue, normalise_date

TUE = date(2025, 11, 25)  # a Tuesday
FRI = date(2015, 7, 24)  # a Friday
WED = date(2015, 3, 18)  # a Wednesday
THU = date(2021, 1, 14)  # a Thursday


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    dates._resolve.cache_clear()


RESOLVED = [
    # --- weekdays: publication weekday itself, past/future, last/next
    ("Sunday", TUE, "past", "2025-11-23", "day"),
    ("late Saturday", TUE, None, "2025-11-22", "day"),
    ("on Wednesday", TUE, None, "2025-11-19", "day"),
    ("on Wednesday", TUE, "future", "2025-11-26", "day"),
    ("Tuesday", TUE, "past", "2025-11-25", "day"),
    ("Tuesday", TUE, "future", "2025-11-25", "day"),
    ("Tuesday", TUE, None, "2025-11-25", "day"),
    ("last Tuesday", TUE, None, "2025-11-18", "day"),
    ("next Tuesday", TUE, None, "2025-12-02", "day"),
    ("Friday", FRI, "past", "2015-07-24", "day"),
    ("Friday", FRI, None, "2015-07-24", "day"),
    ("last Friday", FRI, None, "2015-07-17", "day"),
    ("next Friday", FRI, None, "2015-07-31", "day"),
    ("next Friday", FRI, "past", "2015-07-31", "day"),
    ("Sunday", FRI, "future", "2015-07-26", "day"),
    ("Thursday", FRI, "future", "2015-07-30", "day"),
    ("Tuesday", WED, None, "2015-03-17", "day"),
    ("Monday", WED, None, "2015-03-16", "day"),
    ("Monday morning", WED, None, "2015-03-16", "day"),
    ("Friday night", WED, "future", "2015-03-20", "day"),
    ("late Thursday afternoon", WED, "past", "2015-03-12", "day"),
    ("this past Sunday", WED, None, "2015-03-15", "day"),
    ("Sunday's", WED, None, "2015-03-15", "day"),
    # --- explicit full dates
    ("23 November 2025", TUE, None, "2025-11-23", "day"),
    ("November 23, 2025", TUE, None, "2025-11-23", "day"),
    ("9 October 2025", TUE, None, "2025-10-09", "day"),
    ("2025-11-23", TUE, None, "2025-11-23", "day"),
    ("Sept. 30, 2019", TUE, None, "2019-09-30", "day"),
    ("the 23rd of November 2025", TUE, None, "2025-11-23", "day"),
    ("November the 3rd, 2014", TUE, None, "2014-11-03", "day"),
    ("12/25/2019", TUE, None, "2019-12-25", "day"),
    ("31/12/2019", TUE, None, "2019-12-31", "day"),
    ("9/11", TUE, None, "2001-09-11", "day"),
    ("Sunday, November 23", TUE, None, "2025-11-23", "day"),
    ("Thursday, Jan. 14", THU, None, "2021-01-14", "day"),
    # --- a weekday written with the date picks the year in which they agree (issue #12)
    ("Saturday, May 23", date(2026, 5, 22), "past", "2026-05-23", "day"),
    ("Friday Oct. 16", date(2026, 11, 2), "future", "2026-10-16", "day"),
    ("Monday, March 2", date(2026, 2, 20), "past", "2026-03-02", "day"),
    ("this coming Sunday, March fifteenth", date(2026, 3, 12), None, "2026-03-15", "day"),
    # --- days written as ordinal words, as transcripts do
    ("April ninth", date(2026, 4, 1), None, "2026-04-09", "day"),
    ("the twenty-first of May", TUE, "past", "2025-05-21", "day"),
    ("June the thirtieth, nineteen ninety", TUE, None, "1990-06-30", "day"),
    ("19th July, 2023", TUE, None, "2023-07-19", "day"),
    # --- months and years
    ("February 2025", TUE, None, "2025-02", "month"),
    ("September 2013", TUE, None, "2013-09", "month"),
    ("May of 2019", TUE, None, "2019-05", "month"),
    ("1971", TUE, None, "1971", "year"),
    ("early 2019", TUE, None, "2019", "year"),
    ("mid-2008", TUE, None, "2008", "year"),
    ("since 2010", TUE, None, "2010", "year"),
    ("\u201991", TUE, None, "1991", "year"),
    ("'91", TUE, None, "1991", "year"),
    ("'19", TUE, None, "2019", "year"),
    ("'25", TUE, None, "2025", "year"),
    # --- month/day without a year: year inference
    ("October 26", TUE, None, "2025-10-26", "day"),
    ("October 26 this year", TUE, None, "2025-10-26", "day"),
    ("January this year", TUE, None, "2025-01", "month"),
    ("March last year", TUE, None, "2024-03", "month"),
    ("Jan. 8", THU, None, "2021-01-08", "day"),
    ("April 1", WED, None, "2015-04-01", "day"),
    ("June", FRI, None, "2015-06", "month"),
    ("October", date(2019, 12, 9), None, "2019-10", "month"),
    ("in October", TUE, None, "2025-10", "month"),
    ("mid-October", TUE, None, "2025-10", "month"),
    ("December", date(2020, 1, 10), None, "2019-12", "month"),
    ("December 30", date(2026, 1, 2), None, "2025-12-30", "day"),
    ("January 3", date(2025, 12, 28), None, "2026-01-03", "day"),
    ("January 3", date(2025, 12, 28), "future", "2026-01-03", "day"),
    # no tense: this year, unless the year before or after has it within about four months and nearer
    ("March", date(2025, 10, 30), None, "2025-03", "month"),
    ("February 1", date(2025, 10, 26), None, "2026-02-01", "day"),
    ("January", date(2025, 12, 5), None, "2026-01", "month"),
    ("May 2", date(2025, 10, 26), None, "2025-05-02", "day"),
    # a past verb sends a date back a year only when it lies more than a month ahead: news leaves the
    # year out of this year's dates, and a past verb with a date just ahead set or announced it
    ("November 30", TUE, "past", "2025-11-30", "day"),
    ("December 30", TUE, "past", "2024-12-30", "day"),
    ("November 30", TUE, "completed", "2024-11-30", "day"),  # "the quarter ended Nov. 30"
    ("November 30", TUE, None, "2025-11-30", "day"),
    ("November 20", TUE, "future", "2026-11-20", "day"),
    ("March", TUE, "future", "2026-03", "month"),
    ("March", TUE, "past", "2025-03", "month"),
    ("December", TUE, "past", "2025-12", "month"),
    ("December", date(2025, 9, 10), "past", "2024-12", "month"),
    ("November", TUE, "past", "2025-11", "month"),
    ("last December", TUE, None, "2024-12", "month"),
    ("last October", TUE, None, "2024-10", "month"),  # the month just gone would be "last month"
    ("last September", TUE, None, "2025-09", "month"),
    ("last December", date(2026, 1, 10), None, "2024-12", "month"),
    ("last November", date(2026, 1, 10), None, "2025-11", "month"),
    ("next March", TUE, None, "2026-03", "month"),
    ("the 1st of May", TUE, "past", "2025-05-01", "day"),
    ("May 1st", date(2025, 4, 20), None, "2025-05-01", "day"),
    ("Christmas Day", TUE, None, "2025-12-25", "day"),
    ("New Year\u2019s Eve", date(2026, 1, 3), None, "2025-12-31", "day"),
    # --- leap days
    ("February 29", date(2024, 6, 1), None, "2024-02-29", "day"),
    ("February 29", date(2025, 1, 10), "past", "2024-02-29", "day"),
    ("February 29, 2024", TUE, None, "2024-02-29", "day"),
    # --- relative periods and day words
    ("this year", TUE, None, "2025", "year"),
    ("last year", TUE, None, "2024", "year"),
    ("late last year", TUE, None, "2024", "year"),
    ("next year", TUE, None, "2026", "year"),
    ("this month", TUE, None, "2025-11", "month"),
    ("earlier this month", TUE, None, "2025-11", "month"),
    ("last month", TUE, None, "2025-10", "month"),
    ("the last month", TUE, None, "2025-10", "month"),
    ("next month", TUE, None, "2025-12", "month"),
    ("next month", date(2025, 12, 5), None, "2026-01", "month"),
    ("last month", date(2025, 1, 15), None, "2024-12", "month"),
    # --- weeks: the ISO week (issue #24)
    ("last week", TUE, None, "2025-W47", "week"),
    ("this week", TUE, None, "2025-W48", "week"),
    ("earlier this week", TUE, None, "2025-W48", "week"),
    ("later this week", TUE, "future", "2025-W48", "week"),
    ("next week", TUE, None, "2025-W49", "week"),
    ("next week", date(2025, 12, 29), None, "2026-W02", "week"),
    ("last week", date(2025, 1, 1), None, "2024-W52", "week"),
    ("today", TUE, None, "2025-11-25", "day"),
    ("Today", TUE, None, "2025-11-25", "day"),
    ("tonight", TUE, None, "2025-11-25", "day"),
    ("last night", TUE, None, "2025-11-24", "day"),
    ("yesterday", TUE, None, "2025-11-24", "day"),
    ("yesterday", date(2025, 1, 1), None, "2024-12-31", "day"),
    ("tomorrow", TUE, None, "2025-11-26", "day"),
    ("tomorrow", date(2024, 12, 31), None, "2025-01-01", "day"),
    ("yesterday", date(2024, 3, 1), None, "2024-02-29", "day"),
    # --- "N units ago"
    ("3 days ago", TUE, None, "2025-11-22", "day"),
    ("12 days ago", date(2024, 3, 5), None, "2024-02-22", "day"),
    ("two weeks ago", TUE, None, "2025-11-11", "day"),
    ("a week ago", TUE, None, "2025-11-18", "day"),
    ("Nine months ago", TUE, None, "2025-02", "month"),
    ("18 months ago", TUE, None, "2024-05", "month"),
    ("3 months ago", date(2024, 5, 31), None, "2024-02", "month"),
    ("one month ago", date(2025, 1, 31), None, "2024-12", "month"),
    ("four years ago", TUE, None, "2021", "year"),
    ("a year ago", TUE, None, "2024", "year"),
    ("a decade ago", TUE, None, "2015", "year"),
    ("a month ago", TUE, None, "2025-10", "month"),
    ("two decades ago", TUE, None, "2005", "year"),
    # --- shapes left to the dateparser fallback
    ("2019/11/23", TUE, None, "2019-11-23", "day"),
    ("23.11.2019", TUE, None, "2019-11-23", "day"),
    ("12/25/19", TUE, None, "2019-12-25", "day"),
    # --- no publication date: relative ones unresolved, absolute ones still resolved
    ("Sunday", None, "past", None, "day"),
    ("this year", None, None, None, "year"),
    ("last month", None, None, None, "month"),
    ("3 days ago", None, None, None, "day"),
    ("Nine months ago", None, None, None, "month"),
    ("\u201991", None, None, None, "year"),
    ("October 26", None, None, None, "day"),
    ("October", None, None, None, "month"),
    ("January this year", None, None, None, "month"),
    ("today", None, None, None, "day"),
    ("23 November 2025", None, None, "2025-11-23", "day"),
    ("February 2025", None, None, "2025-02", "month"),
    ("1971", None, None, "1971", "year"),
    ("9/11", None, None, "2001-09-11", "day"),
    ("2019/11/23", None, None, "2019-11-23", "day"),
    # --- "earlier" like "ago", "year-ago", approximators
    ("a year earlier", TUE, None, "2024", "year"),
    ("two months earlier", TUE, None, "2025-09", "month"),
    ("year-ago", TUE, None, "2024", "year"),
    ("the year-earlier", TUE, None, "2024", "year"),
    # --- fiscal years
    ("fiscal 2024", TUE, None, "2024", "year"),  # named by its year, as TimeML values it (issue #12)
    ("FY2019", TUE, None, "2019", "year"),
    ("the current fiscal year", TUE, None, "2025", "year"),
    ("next fiscal year", TUE, None, "2026", "year"),
    # --- years in words
    ("nineteen eighty-four", TUE, None, "1984", "year"),
    ("in nineteen oh two", TUE, None, "1902", "year"),
    ("the year two thousand", TUE, None, "2000", "year"),
    ("March two thousand and ten", TUE, None, "2010-03", "month"),
    # --- movable holidays, by the tense and the publication date
    ("Easter", TUE, "past", "2025-04-20", "day"),
    ("Easter", TUE, None, "2026-04-05", "day"),
    ("the day after Easter", TUE, "past", "2025-04-21", "day"),
    ("Thanksgiving Day", TUE, None, "2025-11-27", "day"),
    ("Thanksgiving", date(2025, 12, 10), "past", "2025-11-27", "day"),
    ("Easter 2019", TUE, None, "2019-04-21", "day"),
    ("Good Friday", date(2024, 3, 1), "future", "2024-03-29", "day"),
    ("Labor Day", TUE, "past", "2025-09-01", "day"),
    ("Memorial Day", TUE, "future", "2026-05-25", "day"),
    # --- fixed holidays
    ("Christmas", TUE, None, "2025-12-25", "day"),
    ("New Year's Day", TUE, "future", "2026-01-01", "day"),
    ("Valentine's Day", date(2026, 2, 2), None, "2026-02-14", "day"),
    ("St. Patrick's Day", TUE, "past", "2025-03-17", "day"),
    ("Boxing Day", TUE, None, "2025-12-26", "day"),
    # --- "the year" of a news story is the year of writing
    ("the full year", TUE, None, "2025", "year"),
    ("earlier in the year", TUE, "past", "2025", "year"),
    # --- framing words
    ("sometime last year", TUE, None, "2024", "year"),
    ("this morning", TUE, None, "2025-11-25", "day"),
    ("Wednesday night", TUE, "past", "2025-11-19", "day"),
    # --- year-end: this year, or last year in a past-tense sentence, at the year's precision as TimeML
    # values it (the year, with an END modifier)
    ("by year-end", TUE, None, "2025", "year"),
    ("the year's end", TUE, "future", "2025", "year"),
    ("year-end", TUE, "past", "2024", "year"),
    ("by the end of the year", TUE, None, "2025", "year"),
    ("the end of this year", TUE, "future", "2025", "year"),
]


@pytest.mark.parametrize(("text", "published", "tense", "expected_value", "expected_precision"), RESOLVED)
def test_resolved(
    text: str,
    published: date | None,
    tense: str | None,
    expected_value: str | None,
    expected_precision: str,
) -> None:
    result = normalise_date(text, published, tense)
    assert result is not None
    assert (result.value, result.precision) == (expected_value, expected_precision)


NOT_DATES = [
    # durations and ages
    "20 years",
    "months",
    "43 years",
    "two years",
    "the past 18 months",
    "18 months",
    "six years",
    "a decade",
    "several weeks",
    "43-year-old",
    "the past year",
    "in two years",
    # decades and centuries
    "the 1990s",
    "the \u201990s",
    "1990s",
    "the 1990's",
    "the 20th century",
    # a weekend, and a week counted as a duration
    "the past week",
    "the weekend",
    "this weekend",
    "Mondays",
    # a bare unit names no year ("a good year for farmers")
    "year",
    # ordinal words that count things, not days
    "the first eight weeks",
    # vague times
    "recently",
    "soon",
    "within months",
    "the future",
    "in the coming days",
    "the past",
    "later",
    "now",
    "once",
    "annual",
    "daily",
    "weekly",
    "several years ago",
    "a few days ago",
    # an approximate count pins no calendar point (TimeML reads these as durations)
    "nearly three years ago",
    "almost five years ago",
    "about a decade ago",
    "some 20 years ago",
    # a day or week counted from an event the story tells, not from the publication date
    "three days earlier",
    "two weeks earlier",
    # seasons and quarters
    "the summer",
    "last spring",
    "summer 2019",
    "the second quarter",
    "Q3",
    # ranges
    "2019-2020",
    "2019\u201320",
    "2011-12",
    "between 2010 and 2012",
    "from June 3 to 5",
    "June 3 to 5",
    "Jan. 8 and 9",
    "June 3-5",
    # numbers that are not years, fiscal years
    "100",
    "999",
    "3000",
    "5G",
    "24/7",
    # empty and garbage
    "",
    "   ",
    "%%##",
    "the",
    "...",
    # invalid calendar days
    "February 30, 2024",
    "April 31",
    "February 29, 2025",
    "2025-02-29",
    "13/13/2019",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert normalise_date(text, TUE) is None
    assert normalise_date(text, None) is None


@pytest.mark.parametrize("published", [date(2025, 6, 1), TUE, date(2023, 2, 20)])
def test_leap_day_in_common_year_is_not_a_date(published: date) -> None:
    assert normalise_date("February 29", published) is None
    assert normalise_date("February 28", published) is not None


@pytest.mark.parametrize(
    ("text", "published", "basis"),
    [
        ("23 November 2025", TUE, "explicit"),
        ("1971", None, "explicit"),
        ("9/11", TUE, "explicit"),
        ("February 2025", TUE, "explicit"),
        ("2019/11/23", TUE, "explicit"),
        ("October 26", TUE, "year-inferred"),
        ("October", TUE, "year-inferred"),
        ("'91", TUE, "year-inferred"),
        ("October 26 this year", TUE, "relative"),
        ("Sunday", TUE, "relative"),
        ("last month", TUE, "relative"),
        ("this year", TUE, "relative"),
        ("3 days ago", TUE, "relative"),
        ("today", TUE, "relative"),
        ("Sunday", None, "unresolved"),
        ("October 26", None, "unresolved"),
        ("a decade ago", None, "unresolved"),
    ],
)
def test_basis(text: str, published: date | None, basis: str) -> None:
    result = normalise_date(text, published)
    assert result is not None
    assert result.basis == basis


def test_value_object_shape() -> None:
    expected = DateValue("2025-11-23", "day", "relative")
    assert normalise_date("  on Sunday,  ", TUE, "past") == expected
    with pytest.raises(AttributeError):
        normalise_date("1971", TUE).value = "1972"  # type: ignore[misc]


@pytest.mark.parametrize("text", ["last week", "earlier this week", "next week"])
def test_week_without_a_publication_date_is_no_date(text: str) -> None:
    assert normalise_date(text, None) is None
    assert normalise_date(text, TUE) is not None


def test_datetime_published_is_treated_as_its_date() -> None:
    expected = DateValue("2025-11-25", "day", "relative")
    assert normalise_date("today", datetime(2025, 11, 25, 23, 59)) == expected


def test_unknown_tense_behaves_like_none() -> None:
    assert normalise_date("Sunday", TUE, "present") == normalise_date("Sunday", TUE, None)


def test_non_string_input_is_not_a_date() -> None:
    assert normalise_date(None, TUE) is None  # type: ignore[arg-type]


def test_dateparser_called_at_most_once_per_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser

    calls: list[dict[str, object]] = []
    real_parse = dateparser.parse

    def counting_parse(text: str, *args: object, **kwargs: object) -> object:
        calls.append(kwargs)
        return real_parse(text, *args, **kwargs)

    monkeypatch.setattr(dateparser, "parse", counting_parse)
    texts = ("2019/11/23", "2019/11/23", " on 2019/11/23. ")  # same expression once cleaned
    results = {normalise_date(text, TUE, "past") for text in texts}
    assert results == {DateValue("2019-11-23", "day", "explicit")}
    assert len(calls) == 1
    assert calls[0]["settings"]["RELATIVE_BASE"] == datetime(2025, 11, 25)  # type: ignore[index]
    normalise_date("2019/11/23", None)
    assert len(calls) == 2
    assert isinstance(calls[1]["settings"]["RELATIVE_BASE"], datetime)  # type: ignore[index]


TYPICAL = [
    "Sunday",
    "late Saturday",
    "on Wednesday",
    "23 November 2025",
    "November 23, 2025",
    "2025-11-23",
    "October 26",
    "January this year",
    "February 2025",
    "1971",
    "'91",
    "this year",
    "last month",
    "today",
    "yesterday",
    "3 days ago",
    "Nine months ago",
    "Sept. 30, 2019",
    "the 1st of May",
    "9/11",
    "12/25/2019",
    "Thursday, Jan. 14",
    "Monday morning",
    "earlier this month",
    "in October",
    "20 years",
    "last week",
    "recently",
    "the summer",
    "Q3",
    "2019-2020",
    "100",
    "5G",
    "the 1990s",
]


def test_common_shapes_never_reach_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("dateparser called for a common shape")

    monkeypatch.setattr(dateparser, "parse", forbidden)
    for text in TYPICAL:
        normalise_date(text, TUE, "past")
        normalise_date(text, None)


def test_module_never_reads_the_clock() -> None:
    for module in (dates, date_words):
        source = inspect.getsource(module)
        assert "today()" not in source and "now(" not in source


def test_import_does_not_load_dateparser() -> None:
    # A fresh interpreter: dateparser is imported only when a text needs the fallback.
    code = "import sys\nimport claimx.nlp.linking.date_values\nsys.exit('dateparser' in sys.modules)\n"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


ANCHOR_DAY = DateValue("2001-05-02", "day", "explicit")
ANCHOR_YEAR = DateValue("2001", "year", "explicit")


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("the following year", ANCHOR_DAY, "2002"),
        ("The following month", ANCHOR_DAY, "2001-06"),
        ("that year", ANCHOR_YEAR, "2001"),
        ("the next day", ANCHOR_DAY, "2001-05-03"),
        ("the day before", ANCHOR_DAY, "2001-05-01"),
        ("the previous year", ANCHOR_YEAR, "2000"),
        ("the same day", ANCHOR_DAY, "2001-05-02"),
        ("the previous Friday", ANCHOR_DAY, "2001-04-27"),  # 2 May 2001 was a Wednesday
        ("the following Monday", ANCHOR_DAY, "2001-05-07"),
        ("the following Monday", ANCHOR_YEAR, None),
        # too coarse an anchor, or no date counted from it
        ("the next day", ANCHOR_YEAR, None),
        ("the year", ANCHOR_DAY, None),
        ("last year", ANCHOR_DAY, None),
        # no day, month or year is counted from a week
        ("the following year", DateValue("2001-W18", "week", "relative"), None),
        ("the next day", DateValue("2001-W18", "week", "relative"), None),
    ],
)
def test_date_counted_from_an_earlier_one(text: str, anchor: DateValue, expected: str | None) -> None:
    result = dates.normalise_anaphoric(text, anchor)
    assert (result.value if result else None) == expected
