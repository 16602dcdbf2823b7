"""The words of English dates, each written once: month and weekday names, number words, holidays and the
phrases that name a day, the words around a date that frame or qualify it, and the calendar arithmetic
of movable feasts. `claimx.nlp.linking.date_values` values dates with them and
`claimx.nlp.entities.date_spans` finds where a date mention starts and ends; open this module to teach
claimx a new way of writing a date."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

# Hard-coded rather than taken from `calendar.month_name`, which follows the locale.
MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}


WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


# Number words up to 19 and the tens, and years written in words as broadcast transcripts do ("nineteen
# ninety-six", "two thousand one").
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_NUMBER: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)}
_WORD_NUMBER |= {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
# The largest number word that counts units back or ahead ("fifty years ago").
MAX_COUNT_WORD = 50
# Words that count days, weeks, months or years ("three weeks ago", "a year ago").
NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1} | {w: n for w, n in _WORD_NUMBER.items() if n <= MAX_COUNT_WORD}


DAY_WORDS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1}
# Day words that name the publication day (or an earlier one inside a quote).
DEICTIC_DAYS = frozenset(DAY_WORDS) | {"tonight"}
# "earlier today", "later tonight": a time of day made of these names no day but the publication's.
TODAY_WORDS = frozenset({"today", "tonight", "earlier", "later"})


PERIOD_OFFSETS: dict[str, int] = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}
# The period words news writes before a unit ("this year's", "last month"), which the model sometimes leaves
# out of the DATE it tags; not the formal "current" and "previous".
UNIT_MODIFIERS = frozenset(PERIOD_OFFSETS) - {"current", "previous"}
# What stands before a weekday that is the last one gone, or the next one to come ("last Friday", "this
# coming Monday").
PAST_WEEKDAY_MODIFIERS = ("last", "past", "this past")
NEXT_WEEKDAY_MODIFIERS = ("next", "coming", "this coming")


# unit -> (precision of the result, size in days / months / years of that precision)
AGO_UNITS: dict[str, tuple[str, int]] = {
    "day": ("day", 1),
    "week": ("day", 7),
    "fortnight": ("day", 14),
    "month": ("month", 1),
    "year": ("year", 1),
    "decade": ("year", 10),
}
# The units that are also calendar periods of their own ("the end of the week"); a fortnight and a decade
# are counted, not named.
CALENDAR_PERIODS = frozenset(AGO_UNITS) - {"fortnight", "decade"}
# How far a day named after a movable holiday lies from it ("the day after Easter", "a week before Easter").
HOLIDAY_OFFSETS: dict[str, int] = {"day": 1, "two days": 2, "week": 7}


# Well-known dates that are written like fractions; "24/7" must stay a non-date.
NAMED_DATES: dict[str, str] = {"9/11": "2001-09-11", "7/7": "2005-07-07"}


# Fixed-date holidays, rewritten to "month day" so year inference applies to them.
HOLIDAYS: dict[str, str] = {
    "christmas eve": "december 24",
    "christmas day": "december 25",
    "christmas": "december 25",
    "new year eve": "december 31",
    "new year day": "january 1",
    "halloween": "october 31",
    "valentine day": "february 14",
    "st patrick day": "march 17",
    "saint patrick day": "march 17",
    "boxing day": "december 26",
}


# Phrases whose time-of-day word carries the day; rewritten before those words are dropped.
DAY_PHRASES: dict[str, str] = {
    "tonight": "today",
    "this morning": "today",
    "this afternoon": "today",
    "this evening": "today",
    "last night": "yesterday",
    "last evening": "yesterday",
}


# The parts of a day that a day's name takes with it ("Friday evening").
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
TIME_OF_DAY_WORDS = PARTS_OF_DAY | {"noon", "midday", "midnight", "overnight", "dawn"}
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
FISCAL_WORDS = frozenset({"fiscal", "fy"})


# Leading words that frame a date without changing it ("on Sunday", "since 2010", "mid-May").
LEADING_WORDS = (
    "on",
    "in",
    "the",
    "since",
    "by",
    "until",
    "till",
    "of",
    "from",
    "at",
    "around",
    "about",
    "circa",
    "sometime",
    "nearly",
    "almost",
    "roughly",
    "some",
    "as of",
    "before",
    "after",
    "during",
    "early",
    "late",
    "mid",
    "earlier",
    "later",
    "end of",
    "start of",
    "beginning of",
    "middle of",
)


# Words that mark a non-point expression; they keep such text away from dateparser. Every counting unit
# is one but "month" and "year", which also name one calendar point ("this month").
NON_POINT_WORDS = (
    SEASONS
    | FISCAL_WORDS
    | (frozenset(AGO_UNITS) - {"month", "year"})
    | frozenset(
        """weeks weekend weekends season quarter quarters q1 q2 q3 q4 h1 h2 century centuries decades past coming
        few several within every each old days years months hours ago""".split()
    )
)


_TWO_DIGITS = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|(?:oh )?(?:{'|'.join(_UNITS)}))"
)


_WORD_YEAR_RE = re.compile(
    rf"\b(?:(?P<century>{'|'.join(_TEENS)}) (?P<rest>{_TWO_DIGITS}|hundred)"
    rf"|two thousand(?: and)?(?: (?P<after>{_TWO_DIGITS}))?)\b"
)


def _two_digits(text: str) -> int:
    parts = text.replace("oh ", "").replace("-", " ").split()
    return sum(_WORD_NUMBER[p] for p in parts)


def _word_year(m: re.Match[str]) -> str:
    if m["century"]:
        rest = 0 if m["rest"] == "hundred" else _two_digits(m["rest"])
        return str(_WORD_NUMBER[m["century"]] * 100 + rest)
    return str(2000 + (_two_digits(m["after"]) if m["after"] else 0))


def easter(year: int) -> date:
    """Western Easter Sunday of a year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


# Holidays whose date moves from year to year: name -> the date in a given year.
MOVABLE_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "easter": easter,
    "easter sunday": easter,
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),  # US: fourth Thursday of November
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),  # US and Canada: first Monday of September
    "memorial day": lambda y: _nth_weekday(y, 6, 0, 1) - timedelta(days=7),  # US: last Monday of May
}


_ORDINAL_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


_ORDINAL_TEENS = "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"


# Days of the month written as ordinal words ("April ninth", "the twenty-first of May"), as transcripts do.
ORDINAL_DAYS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORDINAL_UNITS)}
ORDINAL_DAYS |= {w: i + 10 for i, w in enumerate(_ORDINAL_TEENS.split())} | {"twentieth": 20, "thirtieth": 30}
ORDINAL_DAYS |= {f"twenty{sep}{w}": 20 + i + 1 for i, w in enumerate(_ORDINAL_UNITS) for sep in ("-", " ")}
ORDINAL_DAYS |= {f"thirty{sep}first": 31 for sep in ("-", " ")}

# Words after a year that make it name a part of that year ("the 2001 period", "the 2001 second quarter"),
# which is no calendar date of its own: a period noun, or one of these and a period noun.
PERIOD_NOUNS = frozenset({"period", "quarter", "half", "halves", "quarters"})
PERIOD_QUALIFIERS = frozenset(_ORDINAL_UNITS[:4]) | {"latest", "fiscal"}  # the four quarters' ordinals
# Capitalised words a year may follow and still be a year ("May 2019", "Easter 2019", "Fiscal 2019").
BEFORE_A_YEAR = SEASONS | FISCAL_WORDS | {"christmas", "easter"}
# Nouns that may stand before "last/this/next ..." inside one date ("the end of last year").
DATE_PART_NOUNS = (
    frozenset({"end", "beginning", "start", "middle", "part", "half", "rest", "weekend", "time", "quarter"})
    | SEASONS
    | CALENDAR_PERIODS
)
# First words of "the (full|whole|entire) year", which names the year of writing.
WHOLE_YEAR_WORDS = frozenset({"year", "full", "whole", "entire"})
# Words that count a date from the one the story last named ("the following year", "that same day").
ANAPHORIC_DATE_WORDS = frozenset({"following", "previous", "preceding", "that", "same", "next", "before", "after"})
WEEKDAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())


_ORDINALS = "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True))
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# Only next to a month name: elsewhere "first" and "second" count things ("the first six weeks").
_ORDINAL_DAY_RE = re.compile(
    rf"\b(?:(?P<month>{_MONTH_NAMES}) (?:the )?(?P<ord>{_ORDINALS})"
    rf"|(?P<ord2>{_ORDINALS}) of (?P<month2>{_MONTH_NAMES}))\b"
)


def ordinal_days_in_figures(text: str) -> str:
    """Days written as ordinal words next to a month turned into figures ("april ninth" -> "april 9")."""

    def figures(m: re.Match[str]) -> str:
        if m["month"]:
            return f"{m['month']} {ORDINAL_DAYS[m['ord']]}"
        return f"{ORDINAL_DAYS[m['ord2']]} of {m['month2']}"

    return _ORDINAL_DAY_RE.sub(figures, text)


def years_in_figures(text: str) -> str:
    """Years written in words turned into figures ("nineteen ninety-six" -> "1996")."""
    return _WORD_YEAR_RE.sub(_word_year, text)
