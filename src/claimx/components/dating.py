"""Dating date mentions: the tense of the verb a date hangs on, and the calendar value of a DATE
entity against the publication date (the arithmetic itself is `claimx.dates`). Used by
`claimx_linking`; open this module to change how the parse decides past or future.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span

from ..dates import DateValue, normalise_date

_RANGE_SPLIT_RE = re.compile(r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\band\b|[-–—])\s*")
# A dated mention: its char range and its value.
DateMention = tuple[int, int, DateValue]


def tense_of(span: Span) -> str | None:
    """'past' or 'future' from the verb a date expression hangs on, else None."""
    tok = span.root
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
            break
        tok = tok.head
    words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if words & {"will", "'ll", "shall"} or "going" in words:
        return "future"
    if tok.lemma_ in ("expect", "plan", "schedule", "due"):
        return "future"
    if tok.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return "past"
    if any(c.lower_ in ("has", "have") for c in tok.children if c.dep_ == "aux"):
        return "past"
    if tok.dep_ in ("advcl", "conj", "xcomp", "relcl") and tok.head is not tok:
        # "... will address the Union when he travels on Sunday": the main clause sets the time.
        head = tok.head
        if {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")} & {"will", "'ll", "shall"}:
            return "future"
        if head.tag_ == "VBD":
            return "past"
    return None


def date_mention(span: Span, published: date | None) -> DateMention | None:
    """The date value of a DATE entity, trying the first half of a range ("December 7 to 12")."""
    tense = tense_of(span)
    value = normalise_date(span.text, published, tense)
    if value is not None:
        return span.start_char, span.end_char, value
    parts = _RANGE_SPLIT_RE.split(span.text, maxsplit=1)
    if len(parts) == 2 and parts[0]:
        head = parts[0].strip()
        value = normalise_date(head, published, tense)
        if value is not None:
            off = span.text.find(head)
            return span.start_char + off, span.start_char + off + len(head), value
    return None


def strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
