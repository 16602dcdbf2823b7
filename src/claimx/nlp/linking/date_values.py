"""Calendar normalisation of English DATE expressions from news articles.

This module owns one job: turning the text of a DATE entity ("late Saturday",
"Sept. 30, 2019", "Nine months ago", "January this year") into an ISO calendar
value with the precision the text actually supports and a note on where the
year came from.  Relative expressions are resolved against the article's
publication date, never against the machine clock.  Anything that is not a
single calendar point -- durations, ages, decades, seasons, quarters, ranges,
vague words -- yields None; splitting ranges is the caller's business.  A week
named relative to publication ("last week", "earlier this week") is a point of
its own, valued as an ISO 8601 week (`2025-W47`).

Common shapes are parsed here with small regexes and calendar arithmetic;
dateparser is a lazily imported, cached fallback for shapes not recognised.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from claimx.knowledge.calendar import (
    AGO_UNITS,
    DAY_PHRASES,
    DAY_WORDS,
    HOLIDAY_OFFSETS,
    HOLIDAYS,
    LEADING_WORDS,
    MONTHS,
    MOVABLE_HOLIDAYS,
    NAMED_DATES,
    NEXT_WEEKDAY_MODIFIERS,
    NON_POINT_WORDS,
    NUMBER_WORDS,
    PAST_WEEKDAY_MODIFIERS,
    PERIOD_OFFSETS,
    TIME_OF_DAY_WORDS,
    WEEKDAYS,
    ordinal_days_in_figures,
    years_in_figures,
)


@dataclass(frozen=True, slots=True)
class DateValue:
    """Calendar value of a date expression, with its precision and basis."""

    value: str | None  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or an ISO week "YYYY-Www"; None when it cannot be pinned
    precision: str | None  # "year" | "month" | "week" | "day"
    basis: str  # "explicit" | "year-inferred" | "relative" | "unresolved"


MIN_YEAR, MAX_YEAR = 1000, 2999
# "completed" is the past of a period that has ended ("the quarter ended Nov. 30"): strictly before
# publication, where a plain "past" allows a date a little ahead (see _infer_year).
TENSES = frozenset({"past", "future", "completed"})

_PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}
# Longest day of each month in any year (2000 is a leap year), to reject "February 30".
_MAX_DAY = {month: calendar.monthrange(2000, month)[1] for month in range(1, 13)}
# Base handed to dateparser for texts carrying their own year when no publication date exists.
_NEUTRAL_BASE = datetime(2000, 1, 1)


_MOVABLE_RE = re.compile(
    r"(?:(?P<offset>day|two days|week) (?P<dir>after|before) )?"
    r"(?P<name>" + "|".join(sorted(MOVABLE_HOLIDAYS, key=len, reverse=True)) + r")(?: (?P<year>\d{4}))?"
)

_YEAR_END_RE = re.compile(r"\b(?:the )?end of (?:the|this) year$")
# "for the year", "output for the whole year": the year of writing, as news and TimeML read it.
_THE_YEAR_RE = re.compile(r"\bthe (?:(?:full|whole|entire) )?year$")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2032": "'", "\u2013": "-", "\u2014": "-"})
_LEADING_RE = re.compile(r"^(?:" + "|".join(LEADING_WORDS) + r")\b[ -]*")
_HOLIDAY_RE = re.compile(r"^(" + "|".join(sorted(HOLIDAYS, key=len, reverse=True)) + r")\b")
_M = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?: (?:of )?(?P<year>\d{4}|'\d{2}|(?:this|last|next) year))?"
_WD = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_MONTH_DAY_RE = re.compile(rf"{_M} (?:the )?{_D}{_Y}")
_DAY_MONTH_RE = re.compile(rf"(?:the )?{_D} (?:of )?{_M}{_Y}")
_NUMERIC_DATE_RE = re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}")

Match = re.Match[str]
Handler = Callable[[Match, date | None, str | None], DateValue | None]


def _make(year: int, month: int, day: int, precision: str, basis: str) -> DateValue | None:
    """Build a DateValue, or None when the year is out of range or the day does not exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        value = date(year, month, day).isoformat()
    except ValueError:
        return None
    return DateValue(value[: _PRECISION_LENGTH[precision]], precision, basis)


def _from_date(d: date, precision: str, basis: str) -> DateValue | None:
    return _make(d.year, d.month, d.day, precision, basis)


def _unresolved(precision: str) -> DateValue:
    return DateValue(None, precision, "unresolved")


def _shift_months(pub: date, months: int) -> tuple[int, int]:
    """(year, month) `months` calendar months away from the publication month."""
    year, index = divmod(pub.year * 12 + pub.month - 1 + months, 12)
    return year, index + 1


def _century(two_digits: int, published_year: int) -> int:
    """Latest year ending in `two_digits` that is not after the publication year."""
    return published_year - (published_year - two_digits) % 100


# How far ahead of publication a date without a year may lie under a past verb and stay in this year
# (in months for a month, in days for a day): a month.
PAST_VERB_REACH_MONTHS, PAST_VERB_REACH_DAYS = 1, 31
# How near publication the same date in the year before or after must lie to be taken instead of this
# year's: about four months.
NEAR_YEAR_MONTHS, NEAR_YEAR_DAYS = 4, 123


def _infer_year(month: int, day: int | None, pub: date, tense: str | None) -> int:
    """Year of a month (and day) written without one, from publication date and tense."""

    def key(year: int) -> int:
        if day is None:
            return year * 12 + month
        # An ordinal that tolerates February 29 in common years; validity is checked later.
        return date(year, month, 1).toordinal() + day - 1

    target = pub.year * 12 + pub.month if day is None else pub.toordinal()
    year = pub.year
    if tense in ("past", "completed"):
        # News leaves the year out of dates in the current year (AP style), so a date just ahead of
        # publication under a past verb is one the verb set or announced ("has set Dec. 2 as the
        # deadline"), not last year's: up to a month ahead stays in this year.
        limit = 0 if tense == "completed" else PAST_VERB_REACH_MONTHS if day is None else PAST_VERB_REACH_DAYS
        return year - 1 if key(year) - target > limit else year
    if tense == "future":
        return year + 1 if key(year) < target else year
    # This year, as news leaves the year out of this year's dates, unless the same date in the year
    # before or after lies within about four months and nearer ("in January" in a December story).
    near = NEAR_YEAR_MONTHS if day is None else NEAR_YEAR_DAYS
    other = min((year - 1, year + 1), key=lambda y: (abs(key(y) - target), y))
    if abs(key(other) - target) <= near and abs(key(other) - target) < abs(key(year) - target):
        return other
    return year


def _on_month_date(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    """Resolve a month, with optional day, and an optional year / "'yy" / "this year"."""
    month, year_text = MONTHS[m["month"]], m["year"]
    day = int(m["day"]) if m.groupdict().get("day") else None
    precision = "day" if day is not None else "month"
    if year_text is not None and year_text.isdigit():
        return _make(int(year_text), month, day or 1, precision, "explicit")
    if day is not None and not 1 <= day <= _MAX_DAY[month]:
        return None
    if pub is None:
        return _unresolved(precision)
    if year_text is None:
        year, basis = _infer_year(month, day, pub, tense), "year-inferred"
    elif year_text.startswith("'"):
        year, basis = _century(int(year_text[1:]), pub.year), "year-inferred"
    else:
        year, basis = pub.year + PERIOD_OFFSETS[year_text.split()[0]], "relative"
    return _make(year, month, day or 1, precision, basis)


def _on_weekday(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    """Resolve a weekday name; the publication weekday itself means the publication day."""
    if pub is None:
        return _unresolved("day")
    back = (pub.weekday() - WEEKDAYS[m["weekday"]]) % 7
    ahead = (WEEKDAYS[m["weekday"]] - pub.weekday()) % 7
    if m["mod"] in PAST_WEEKDAY_MODIFIERS:
        offset = -(back or 7)
    elif m["mod"] in NEXT_WEEKDAY_MODIFIERS:
        offset = ahead or 7
    elif back == 0:
        offset = 0
    else:  # news mostly reports what already happened, so only "future" looks ahead
        offset = ahead if tense == "future" else -back
    return _from_date(pub + timedelta(days=offset), "day", "relative")


def _on_relative_month(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    # "last December" is the most recent one strictly before the publication month, except the month
    # just gone: a writer would call that "last month", so "last May" in a June story is the
    # May a year before.
    if pub is None:
        return _unresolved("month")
    month, modifier = MONTHS[m["month"]], m["mod"]
    year = pub.year
    if modifier == "last":
        back = (pub.month - month) % 12
        return _make(*_shift_months(pub, -(back + 12 if back <= 1 else back)), 1, "month", "relative")
    if modifier == "next" and month <= pub.month:
        year += 1
    return _make(year, month, 1, "month", "relative")


def _on_weekday_date(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    """'Thursday, Jan. 14': the calendar part decides; without a year, the weekday picks it (the
    nearest year, of the one before, this and the next, in which that day falls on that weekday)."""
    rest = _MONTH_DAY_RE.fullmatch(m["rest"]) or _DAY_MONTH_RE.fullmatch(m["rest"])
    if rest is None:
        return None
    value = _on_month_date(rest, pub, tense)
    if value is None or value.basis != "year-inferred" or pub is None or not rest.groupdict().get("day"):
        return value
    month, day, weekday = MONTHS[rest["month"]], int(rest["day"]), WEEKDAYS[m["weekday"]]
    fits = [d for d in _dates_in_years(month, day, pub.year) if d.weekday() == weekday]
    if not fits or value.value in {d.isoformat() for d in fits}:
        return value
    return _from_date(min(fits, key=lambda d: (abs((d - pub).days), d)), "day", "year-inferred")


def _dates_in_years(month: int, day: int, year: int) -> list[date]:
    """The month and day in the year before, this year and the next, where that day exists."""
    out = []
    for y in (year - 1, year, year + 1):
        try:
            out.append(date(y, month, day))
        except ValueError:
            continue
    return out


def _on_day_word(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    if pub is None:
        return _unresolved("day")
    return _from_date(pub + timedelta(days=DAY_WORDS[m["word"]]), "day", "relative")


def _on_period(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    unit, offset = m["unit"], PERIOD_OFFSETS[m["mod"]]
    if unit == "week":
        # A week is worth a date only with its number: "last week" in a story of unknown date stays out.
        return _iso_week(pub + timedelta(weeks=offset)) if pub is not None else None
    if pub is None:
        return _unresolved(unit)
    if unit == "year":
        return _make(pub.year + offset, 1, 1, "year", "relative")
    return _make(*_shift_months(pub, offset), 1, "month", "relative")


def _iso_week(d: date) -> DateValue | None:
    """The ISO 8601 week holding a day ("2025-W47"): the year is the week's own, which differs from
    the day's around New Year."""
    year, week, _ = d.isocalendar()
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return DateValue(f"{year:04d}-W{week:02d}", "week", "relative")


def _on_ago(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    precision, size = AGO_UNITS[m["unit"]]
    if m["back"] == "earlier" and precision == "day":
        # "three days earlier", "two weeks earlier": counted from an event the story tells, not from the
        # publication date, and a day is too fine for the two to coincide.
        return None
    if pub is None:
        return _unresolved(precision)
    n = (int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"]]) * size
    if precision == "day":
        return _from_date(pub - timedelta(days=n), "day", "relative")
    if precision == "month":
        return _make(*_shift_months(pub, -n), 1, "month", "relative")
    return _make(pub.year - n, 1, 1, "year", "relative")


def _on_year_ago(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    """'year-ago', 'year-earlier': the year before publication (the figures of a year before)."""
    if pub is None:
        return _unresolved("year")
    return _make(pub.year - 1, 1, 1, "year", "relative")


def _on_year_end(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    """'year-end', "year's end", 'the end of the year': the end of a year, valued as that year (as
    TimeML does: the year, with an END modifier); of the publication year, or of the year before when
    the verb is in the past ("assets at year-end were ...", written before the year is out)."""
    if pub is None:
        return _unresolved("year")
    year = pub.year - 1 if tense == "past" and (pub.month, pub.day) != (12, 31) else pub.year
    return _make(year, 1, 1, "year", "relative")


def _on_fiscal(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    """'fiscal 1989' is named by its year; 'the current fiscal year' is the publication year."""
    if m["year"]:
        return _make(int(m["year"]), 1, 1, "year", "explicit")
    if pub is None:
        return _unresolved("year")
    return _make(pub.year + PERIOD_OFFSETS[m["mod"]], 1, 1, "year", "relative")


def _on_movable_holiday(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    """Easter, Thanksgiving ... in the year written, else the occurrence nearest to publication that
    the tense allows; 'the day after Easter' shifts it."""
    holiday = MOVABLE_HOLIDAYS[m["name"]]
    shift = 0
    if m["offset"]:
        shift = HOLIDAY_OFFSETS[m["offset"]] * (1 if m["dir"] == "after" else -1)
    if m["year"]:
        return _from_date(holiday(int(m["year"])) + timedelta(days=shift), "day", "explicit")
    if pub is None:
        return _unresolved("day")
    options = [holiday(y) + timedelta(days=shift) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if tense in ("past", "completed"):
        options = [d for d in options if d <= pub]
    elif tense == "future":
        options = [d for d in options if d >= pub]
    best = min(options, key=lambda d: (abs((d - pub).days), d))
    return _from_date(best, "day", "year-inferred")


def _on_year(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    return _make(int(m["year"]), 1, 1, "year", "explicit")


def _on_short_year(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    if pub is None:
        return _unresolved("year")
    return _make(_century(int(m["yy"]), pub.year), 1, 1, "year", "year-inferred")


def _on_iso(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    return _make(int(m["year"]), int(m["month"]), int(m["day"]), "day", "explicit")


def _on_slashes(m: Match, pub: date | None, tense: str | None) -> DateValue | None:
    # US month-first order, unless the first number cannot be a month.
    first, second = int(m["a"]), int(m["b"])
    month, day = (second, first) if first > 12 >= second else (first, second)
    return _make(int(m["year"]), month, day, "day", "explicit")


# Ordered: the first pattern matching the whole text decides; a None handler means "not a date".
_RULES: tuple[tuple[re.Pattern[str], Handler | None], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})", _on_iso),
        # Ranges and spans ("2019-2020", "June 3 to 5", "between 2010 and 2012").
        (r".*(?:\b(?:to|and|or|through|thru|until|till|between)\b|\d ?- ?'?\d).*", None),
        ("(?P<word>" + "|".join(DAY_WORDS) + ")", _on_day_word),
        ("(?P<mod>" + "|".join(PERIOD_OFFSETS) + ") (?P<unit>year|month|week)", _on_period),
        (rf"{_N} (?P<unit>" + "|".join(AGO_UNITS) + ")s? (?P<back>ago|earlier)", _on_ago),
        (r"(?:a )?year[- ](?:ago|earlier)", _on_year_ago),
        (r"year[- ]?end", _on_year_end),
        (r"(?:fiscal|fy) ?(?P<year>\d{4})|(?P<mod>current|this|last|previous|next) fiscal year", _on_fiscal),
        (_MOVABLE_RE.pattern, _on_movable_holiday),
        (r"(?P<year>\d{4})", _on_year),
        (r"'(?P<yy>\d{2})", _on_short_year),
        (rf"(?:(?P<mod>this past|this coming|last|past|next|coming|this) )?{_WD}", _on_weekday),
        (rf"(?:(?:this coming|this past|coming|this) )?{_WD} (?P<rest>.+)", _on_weekday_date),
        (_MONTH_DAY_RE.pattern, _on_month_date),
        (_DAY_MONTH_RE.pattern, _on_month_date),
        (rf"(?P<mod>last|this|next) {_M}", _on_relative_month),
        (rf"{_M}{_Y}", _on_month_date),
        (r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})", _on_slashes),
        (r"\d{1,2}/\d{1,2}", None),  # "24/7", "3/4": fractions, not dates
    )
)


def _clean(text: str) -> str:
    """Lower-case, unify quotes, drop framing words, possessives and times of day."""
    s = text.translate(_QUOTES).lower()
    s = re.sub(r"(?<=[a-z])\.", "", s)  # "Sept." -> "sept", "a.m." -> "am"
    s = re.sub(r"(?<=[a-z])'s\b", "", s).replace(",", " ")  # not digits: "1990's" is a decade
    s = " ".join(s.split()).strip(' .;:!?"()[]')
    s = _YEAR_END_RE.sub("year-end", s)  # before "end of" goes as a framing word
    s = _THE_YEAR_RE.sub("this year", s)  # before "the" goes: a bare "year" names none
    while (stripped := _LEADING_RE.sub("", s)) != s:
        s = stripped
    s = ordinal_days_in_figures(years_in_figures(s))
    if re.match(r"year \d{4}$", s):
        s = s[5:]  # "the year two thousand"
    s = DAY_PHRASES.get(s, s)
    s = _HOLIDAY_RE.sub(lambda m: HOLIDAYS[m[1]], s)
    return " ".join(word for word in s.split() if word not in TIME_OF_DAY_WORDS)


def _fallback(s: str, pub: date | None, tense: str | None) -> DateValue | None:
    """Ask dateparser about an unrecognised shape; precision comes from the text itself."""
    words = s.split()
    numeric = _NUMERIC_DATE_RE.search(s) is not None
    has_month = any(word in MONTHS for word in words)
    has_weekday = any(word in WEEKDAYS for word in words)
    # Cheap pre-checks: only text that looks like a single calendar point reaches dateparser.
    if not (numeric or has_month or has_weekday) or NON_POINT_WORDS.intersection(words):
        return None
    if "-" in s and not numeric:  # "Monday-Friday", "43-year-old"
        return None
    if has_month and not numeric and not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", s):
        precision, parts = "month", ["month"]
    elif has_month or numeric:
        precision, parts = "day", ["day", "month"]
    else:  # a weekday with words this module does not know
        precision, parts = "day", []
    explicit = numeric or re.search(r"\b\d{4}\b", s) is not None
    basis = "explicit" if explicit else "year-inferred" if has_month else "relative"
    if explicit:
        parts.append("year")
    parsed = _dateparser_parse(s, pub, tense, parts)
    if parsed is None:
        return None
    if pub is None and not explicit:
        return _unresolved(precision)
    return _from_date(parsed, precision, basis)


def _dateparser_parse(s: str, pub: date | None, tense: str | None, parts: list[str]) -> date | None:
    import dateparser  # lazy: importing it costs far more than this whole module

    base = datetime(pub.year, pub.month, pub.day) if pub else _NEUTRAL_BASE
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past" if tense == "completed" else tense if tense in TENSES else "current_period",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": parts,
    }
    try:
        parsed = dateparser.parse(s, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd inputs; garbage must mean "no date", not a crash
        return None
    return parsed.date() if parsed is not None else None


@lru_cache(maxsize=8192)
def _resolve(s: str, pub: date | None, tense: str | None) -> DateValue | None:
    """Cached core of normalise_date, keyed on the cleaned text."""
    if not s:
        return None
    if s in NAMED_DATES:
        return DateValue(NAMED_DATES[s], "day", "explicit")
    for pattern, handler in _RULES:
        if match := pattern.fullmatch(s):
            return handler(match, pub, tense) if handler else None
    return _fallback(s, pub, tense)


# "the following year", "that month", "the next day": a date counted from the one the story last named.
_ANAPHORIC_RE = re.compile(
    r"(?:the )?(?:(?P<step>following|previous|preceding)|(?P<same>that|the same))? ?(?P<unit>year|month|day)"
    r"(?: (?P<dir>before|after|later|earlier))?"
)
_NEXT_DAY_RE = re.compile(r"the next day")
_ANAPHORIC_WEEKDAY_RE = re.compile(r"(?:the )?(?P<step>following|previous|preceding) " + _WD)


def normalise_anaphoric(text: str, anchor: DateValue) -> DateValue | None:
    """The value of a date counted from an earlier one ("the following year" after "May 22, 2001" is
    2002; "that day", "the year before"), or None when `text` is not such a date or the anchor is too
    coarse for its unit."""
    s = " ".join(text.translate(_QUOTES).lower().split()).strip(' .,;:"')
    weekday = _ANAPHORIC_WEEKDAY_RE.fullmatch(s)
    if weekday is not None:
        if anchor.precision != "day" or anchor.value is None:
            return None
        named, target = date.fromisoformat(anchor.value), WEEKDAYS[weekday["weekday"]]
        if weekday["step"] in ("previous", "preceding"):
            return _from_date(named - timedelta(days=(named.weekday() - target) % 7 or 7), "day", "relative")
        return _from_date(named + timedelta(days=(target - named.weekday()) % 7 or 7), "day", "relative")
    if _NEXT_DAY_RE.fullmatch(s):
        s = "the following day"
    m = _ANAPHORIC_RE.fullmatch(s)
    if m is None or anchor.value is None or anchor.precision not in _PRECISION_LENGTH:
        return None  # nothing to count from, or a week, which no day, month or year is counted from
    unit = m["unit"]
    if not (m["step"] or m["same"] or m["dir"]) or (m["step"] and m["dir"]):
        return None  # a bare "the year" names no particular one
    if m["same"] and m["dir"]:
        return None
    if _PRECISION_LENGTH[anchor.precision] < _PRECISION_LENGTH[unit]:
        return None
    step = 0
    if m["step"] == "following" or m["dir"] in ("after", "later"):
        step = 1
    elif m["step"] in ("previous", "preceding") or m["dir"] in ("before", "earlier"):
        step = -1
    year, month, day = (int(p) for p in (anchor.value + "-01-01")[:10].split("-"))
    if unit == "year":
        return _make(year + step, 1, 1, "year", "relative")
    if unit == "month":
        shifted = _shift_months(date(year, month, 1), step)
        return _make(*shifted, 1, "month", "relative")
    return _from_date(date(year, month, day) + timedelta(days=step), "day", "relative")


# "almost five years ago", "about a decade ago": an approximate count pins no calendar point (TimeML
# reads them as durations); a bare count ("two years ago") does.
_APPROXIMATE_AGO_RE = re.compile(
    r"\b(?:almost|nearly|about|around|roughly|some|approximately|more than|over|less than|under)\s+"
    r"\S+\s+\S+\s+(?:ago|earlier)\b",
    re.IGNORECASE,
)


def normalise_date(text: str, published: date | None, tense: str | None = None) -> DateValue | None:
    """Return the calendar value of a date expression, or None when `text` is not a calendar-resolvable date at all."""
    if not isinstance(text, str) or _APPROXIMATE_AGO_RE.search(text):
        return None
    if isinstance(published, datetime):  # a datetime would leak its time into isoformat()
        published = published.date()
    try:
        return _resolve(_clean(text), published, tense if tense in TENSES else None)
    except (OverflowError, ValueError):  # arithmetic beyond date.min/date.max: not a usable date
        return None
