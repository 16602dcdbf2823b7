"""Date spans: the model's DATE entities made whole before `claimx_entities` keeps them. A time of day
that names its day is a date, a day and its part of day are one date, a list of years is one date per
year. Open this module to change where a date mention starts and ends (its value is
`claimx.nlp.linking.date_values`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.knowledge.calendar import (
    BEFORE_A_YEAR,
    DATE_PART_NOUNS,
    DAY_WORDS,
    HOLIDAY_OFFSETS,
    HOLIDAYS,
    MONTHS,
    MOVABLE_HOLIDAYS,
    PARTS_OF_DAY,
    PERIOD_NOUNS,
    PERIOD_QUALIFIERS,
    TODAY_WORDS,
    UNIT_MODIFIERS,
    WEEKDAYS,
)
from claimx.nlp.doc import doc_text
from claimx.nlp.entities.candidates import trim_name
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import DATE

# Words that name a day ("Wednesday", "yesterday", "tonight").
_DAY_NAMES = frozenset(WEEKDAYS) | frozenset(DAY_WORDS) | {"tonight"}


# Words that make a weekday or a month recur rather than name one ("each Sunday", "every June").
_RECURRING = frozenset({"each", "every"})
_PLURAL_PARTS_OF_DAY = frozenset(part + "s" for part in PARTS_OF_DAY)
_UNITS = frozenset({"year", "month"})
# A time the model tagged right after a date joins it when it has at most this many tokens ("Thursday |
# evening"), and one right before it at most MAX_TIME_BEFORE ("noon | Thursday", "10:30 p.m. | Friday").
MAX_TIME_AFTER = 3
MAX_TIME_BEFORE = 4


# A day of the month in figures ("21", "3rd").
_DAY_OF_MONTH_RE = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?")
_PART_OF_DAY_RE = re.compile(r"\b(?:this|last|yesterday|tomorrow) (?:" + "|".join(sorted(PARTS_OF_DAY)) + r")\b", re.I)


def _names_a_day(span: Span) -> bool:
    """A time expression that names its day ("10 p.m. Wednesday", "this morning", "Oct. 3 at noon")."""
    if _PART_OF_DAY_RE.search(span.text):
        return True
    if all(t.lower_ in TODAY_WORDS for t in span):
        return False  # "earlier today": the model's DATE "today" names the day where it matters
    return any(
        t.lower_ in _DAY_NAMES or t.lower_.rstrip(".") in MONTHS for t in span if t.is_alpha or t.text[-1] == "."
    )


def _date_of_time(span: Span) -> Span:
    """A clock time written before a calendar date ("10 a.m. Nov. 3, 2024") is left out: the date is
    what names the day. Either way the time that names its day is a date from here on, so that the
    time of day after it joins it ("late Tuesday" + "night")."""
    for tok in span:
        if tok.lower_.rstrip(".") in MONTHS and tok.i > span.start:
            return Span(span.doc, tok.i, span.end, label=DATE)
    return Span(span.doc, span.start, span.end, label=DATE)


def _names_a_period(doc: Doc, start: int, end: int) -> bool:
    """A lone year that modifies a period noun ("the 2001 period", "its 2001 third quarter")."""
    if end - start != 1 or not (doc[start].is_digit and len(doc[start]) == 4):
        return False
    nxt = doc[end : end + 2]
    if len(nxt) and nxt[0].lower_ in PERIOD_NOUNS:
        return True
    return len(nxt) == 2 and nxt[0].lower_ in PERIOD_QUALIFIERS and nxt[1].lower_ in PERIOD_NOUNS


def _is_identifier(doc: Doc, start: int, end: int) -> bool:
    """A four-digit number that a capitalised name leads ("Resolution 4471", "Flight 3021", and the
    next of a list, "Resolutions 4471 and 4472") numbers a thing; it is no year."""
    if end - start != 1 or not (doc[start].is_digit and len(doc[start]) == 4) or start == 0:
        return False
    prev = doc[start - 1]
    if prev.lower_ in ("and", ",", "or") and start >= 3 and doc[start - 2].is_digit:
        prev = doc[start - 3]  # "Resolutions 4471 and 4472": the name before the list
    word = prev.lower_.rstrip(".")
    if not prev.is_alpha or not prev.text[:1].isupper() or prev.is_sent_start:
        return False
    if prev.ent_type_ in ("GPE", "NORP", "LOC", "PERSON", "FAC"):
        return False  # "the Tokyo 2020 bid", "Smith 2020": a place or a person before a year
    return word not in MONTHS and word not in WEEKDAYS and word not in BEFORE_A_YEAR


def _names_one_day(doc: Doc, start: int, end: int) -> bool:
    """Whether a weekday or month span names one date, not a recurring one ("each Sunday", "every
    June", "Friday and Saturday nights")."""
    if start > 0 and doc[start - 1].lower_ in _RECURRING:
        return False
    tail = doc[end : end + 3]
    if any(t.lower_ in _PLURAL_PARTS_OF_DAY for t in doc[start:end]):
        return False
    return not (len(tail) >= 3 and tail[0].lower_ in ("and", "or") and tail[2].lower_ in _PLURAL_PARTS_OF_DAY)


def _glued_start(doc: Doc, start: int, end: int) -> int:
    """Where a date starts when the model glued a word of the sentence before its "last", "this" or
    "next" ("Task Force 5 last December", "a fait accompli last year"): a foreign word, a number that
    is no year, or a noun that names no part of a period."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ not in UNIT_MODIFIERS:
            continue
        glued = doc[start:k]
        if all(
            t.tag_ == "FW"
            or (t.like_num and not (t.is_digit and len(t) == 4))
            or (t.pos_ in ("NOUN", "PROPN") and t.lower_ not in DATE_PART_NOUNS and t.lower_.rstrip(".") not in MONTHS)
            for t in glued
        ):
            return k
        return start
    return start


def _start_of(doc: Doc, start: int, end: int) -> int:
    """Where a date starts: its modifier brought in ("this year's": the model tags "year"); an article
    left out unless it counts the date ("a year ago", but not "an Oct. 4, 2002, letter")."""
    if start > 0 and doc[start].lower_ in _UNITS and doc[start - 1].lower_ in UNIT_MODIFIERS:
        return start - 1
    if doc[start].lower_ in ("a", "an") and end - start > 1 and _calendar_word(doc[start + 1]):
        return start + 1
    return start


def _calendar_word(tok: Token) -> bool:
    """A month, a weekday or a year in figures: the words a calendar date starts with."""
    word = tok.lower_.rstrip(".")
    return word in MONTHS or word in WEEKDAYS or (tok.is_digit and len(word) == 4)


def _joined_weekdays(doc: Doc, spans: list[Span]) -> list[Span]:
    """A weekday and the calendar date right after it ("Friday Oct. 16", "Wednesday, 21 May") are one
    date: the weekday names the same day as the date."""
    out: list[Span] = []
    for e in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev) == 1
            and prev[0].lower_ in WEEKDAYS
            and (e.start == prev.end or (e.start == prev.end + 1 and doc[prev.end].text == ","))
            and _starts_with_day_of_month(e)
        ):
            out[-1] = Span(doc, prev.start, e.end, label=DATE)
            continue
        out.append(e)
    return out


def _starts_with_day_of_month(span: Span) -> bool:
    """A calendar date's first words: a month ("Oct. 16"), or a day in figures and its month ("21 May",
    "3rd April", "21st of May")."""
    if span[0].lower_.rstrip(".") in MONTHS:
        return True
    if len(span) < 2 or not _DAY_OF_MONTH_RE.fullmatch(span[0].lower_):
        return False
    month = span[2] if span[1].lower_ == "of" and len(span) > 2 else span[1]
    return month.lower_.rstrip(".") in MONTHS


def _holiday_names() -> str:
    """Holiday names as written ("New Year's Day", "St. Patrick's Day"), from the cleaned forms the
    date words hold, as alternatives of a pattern."""
    names = []
    for name in sorted({*HOLIDAYS, *MOVABLE_HOLIDAYS}, key=len, reverse=True):
        words = [
            r"(?:st\.?|saint)" if w in ("st", "saint") else re.escape(w) + r"(?:['\u2019]s)?" for w in name.split()
        ]
        names.append(r"\s+".join(words))
    return "|".join(names)


# A holiday by name, with an optional "the day after" in front.
_HOLIDAY = r"\b(?:(?:the\s+)?(?:day|two\s+days|week)\s+(?:after|before)\s+)?(?P<name>" + _holiday_names() + r")\b"
_HOLIDAY_RE = re.compile(_HOLIDAY, re.IGNORECASE)
# The same pattern for a lower-cased text: case-blind, Python's regex engine tries it at every position the
# slow way (about a millisecond per article), so the lower-cased text is searched only where a match can
# start: the first letter of a holiday or of "the", "two", "day", "week".
_HOLIDAY_FIRST_LETTERS = sorted({name[0] for name in (*HOLIDAYS, *MOVABLE_HOLIDAYS, *HOLIDAY_OFFSETS, "the")})
_HOLIDAY_LOWER_RE = re.compile("(?=[" + "".join(map(re.escape, _HOLIDAY_FIRST_LETTERS)) + "])" + _HOLIDAY)
# Letters that the case-blind pattern takes for an ASCII letter but lower() leaves as they are (dotless i,
# long s); a text holding one is searched case-blind.
_CASE_BLIND_ONLY = ("\u0131", "\u017f")


def holiday_matches(text: str, start: int) -> Iterator[re.Match[str]]:
    """The matches of `_HOLIDAY_RE` in `text` from `start`, found on the lower-cased text where that
    finds the same (offsets and group spans; read the matched words from `text`)."""
    low = text.lower()
    if len(low) != len(text) or any(ch in text for ch in _CASE_BLIND_ONLY):
        return _HOLIDAY_RE.finditer(text, start)
    return _HOLIDAY_LOWER_RE.finditer(low, start)


def holiday_spans(doc: Doc, prefix_end: int) -> list[Span]:
    """Holidays with a computable date ("Easter", "the day after Easter", "Thanksgiving Day"), which the
    model often calls an event, a person or a building. Written with a capital, and not the first word
    of a longer name ("Christmas Island")."""
    out = []
    text = doc_text(doc)
    for m in holiday_matches(text, prefix_end):
        if not text[m.start("name")].isupper():
            continue
        span = doc.char_span(m.start(), m.end(), label=DATE)
        if span is None:
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.is_title and nxt.is_alpha and not nxt.is_sent_start:
            continue
        out.append(span)
    return out


def date_spans(doc: Doc, prefix_end: int) -> list[Span]:
    """The model's DATE entities, made whole: a TIME entity that names its day is a date; a date and a
    time of day written together ("Friday evening", "noon Thursday") are one; a list of years
    ("1986, 1997 and 2004") is one date per year."""
    ents = doc.ents  # spaCy builds the tuple on each access
    spans = [
        _date_of_time(e) if e.label_ == "TIME" else e
        for e in ents
        if e.end_char > prefix_end and (e.label_ == DATE or (e.label_ == "TIME" and _names_a_day(e)))
    ]
    times = {e.start: e for e in ents if e.label_ == "TIME"}
    time_ends = {e.end: e for e in ents if e.label_ == "TIME"}
    out: list[Span] = []
    for e in spans:
        start, end = e.start, e.end
        if e.label_ == DATE:
            after = times.get(end)
            before = time_ends.get(start)
            if after is not None and len(after) <= MAX_TIME_AFTER:
                end = after.end  # "Thursday" + "evening"
            elif end < len(doc) and doc[end].lower_ in PARTS_OF_DAY:
                end += 1
            if before is not None and len(before) <= MAX_TIME_BEFORE:
                start = before.start  # "noon" + "Thursday"
        years = [t for t in e if t.like_num and len(t.text) == 4 and t.text.isdigit()]
        if len(years) > 1 and all(t in years or t.text == "," or t.lower_ == "and" for t in e):
            out.extend(Span(doc, t.i, t.i + 1, label=DATE) for t in years)
            continue
        if not _names_one_day(doc, start, end) or _names_a_period(doc, start, end) or _is_identifier(doc, start, end):
            continue
        start = _start_of(doc, _glued_start(doc, start, end), end)
        out.append(Span(doc, start, end, label=DATE))
    out += holiday_spans(doc, prefix_end)
    return _joined_weekdays(doc, sorted(filter_spans(out), key=lambda s: s.start))


def date_mentions(spans: list[Span], ctx: PassContext) -> list[Span]:
    """The model's dates give way to the date mentions made whole (`date_spans`), trimmed, after the names."""
    dates = (trim_name(span) for span in date_spans(ctx.doc, ctx.doc._.claimx_prefix_end))
    return [span for span in spans if span.label_ != DATE] + [span for span in dates if span is not None]
