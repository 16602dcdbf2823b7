"""Date spans: the model's DATE entities made whole before `claimx_entities` keeps them. A time of day
that names its day is a date, a day and its part of day are one date, a list of years is one date per
year. Open this module to change where a date mention starts and ends (its value is `claimx.dates`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..date_words import MONTHS

_DAY_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight".split()
)


_PART_OF_DAY_RE = re.compile(r"\b(?:this|last|yesterday|tomorrow) (?:morning|afternoon|evening|night)\b", re.I)


def _names_a_day(span: Span) -> bool:
    """A time expression that names its day ("10 p.m. Wednesday", "this morning", "Oct. 3 at noon")."""
    if _PART_OF_DAY_RE.search(span.text):
        return True
    if all(t.lower_ in ("today", "tonight", "earlier", "later") for t in span):
        return False  # "earlier today": the model's DATE "today" names the day where it matters
    return any(
        t.lower_ in _DAY_WORDS or t.lower_.rstrip(".") in MONTHS for t in span if t.is_alpha or t.text[-1] == "."
    )


def _date_of_time(span: Span) -> Span:
    """A clock time written before a calendar date ("10 a.m. Nov. 3, 2024") is left out: the date is
    what names the day."""
    for tok in span:
        if tok.lower_.rstrip(".") in MONTHS and tok.i > span.start:
            return Span(span.doc, tok.i, span.end, label="DATE")
    return span


def date_spans(doc: Doc, prefix_end: int) -> list[Span]:
    """The model's DATE entities, made whole: a TIME entity that names its day is a date; a date and a
    time of day written together ("Friday evening", "noon Thursday") are one; a list of years
    ("1986, 1997 and 2004") is one date per year."""
    spans = [
        _date_of_time(e) if e.label_ == "TIME" else e
        for e in doc.ents
        if e.end_char > prefix_end and (e.label_ == "DATE" or (e.label_ == "TIME" and _names_a_day(e)))
    ]
    times = {e.start: e for e in doc.ents if e.label_ == "TIME"}
    time_ends = {e.end: e for e in doc.ents if e.label_ == "TIME"}
    out: list[Span] = []
    for e in spans:
        start, end = e.start, e.end
        if e.label_ == "DATE":
            after = times.get(end)
            before = time_ends.get(start)
            if after is not None and len(after) <= 3:
                end = after.end  # "Thursday" + "evening"
            elif end < len(doc) and doc[end].lower_ in ("morning", "afternoon", "evening", "night"):
                end += 1
            if before is not None and len(before) <= 4:
                start = before.start  # "noon" + "Thursday"
        years = [t for t in e if t.like_num and len(t.text) == 4 and t.text.isdigit()]
        if len(years) > 1 and all(t in years or t.text == "," or t.lower_ == "and" for t in e):
            out.extend(Span(doc, t.i, t.i + 1, label="DATE") for t in e if t.like_num and len(t.text) == 4)
            continue
        out.append(Span(doc, start, end, label="DATE"))
    return filter_spans(out)
