"""Dating date mentions: the tense of the verb a date hangs on, and the calendar value of a DATE
entity against the publication date (the arithmetic itself is `date_values.py`). Used by
`claimx_linking`; open this module to change how the parse decides past or future.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from claimx.knowledge.calendar import ANAPHORIC_DATE_WORDS, LEADING_WORDS, PARTS_OF_DAY, WEEKDAYS, WHOLE_YEAR_WORDS
from claimx.knowledge.lexicon import (
    DEADLINE_WORDS,
    FUTURE_AUXILIARIES,
    FUTURE_MODALS,
    INTENT_VERBS,
    LIMIT_PREPOSITIONS,
    PAST_AUXILIARIES,
    PLANNING_WORDS,
    SAYING_VERBS,
)
from claimx.nlp.linking.date_values import DateValue, normalise_anaphoric, normalise_date

# "the quarter ended Sept. 30": a period named by its last day; the day is the date.
_ENDED_RE = re.compile(r"^(.*?\b(?:ended|ending|ends|end)\s+)(\S.*)$", re.IGNORECASE)
# A range written out in words ("from June 3 to 5") gives its first day as a date; one written
# with a dash ("June 3-5", "2001-04") is read as a span of days or years, and stays out.
_RANGE_SPLIT_RE = re.compile(r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\band\b)\s*")
_DASH_RANGE_RE = re.compile(r"\w\s*[-–—]\s*\d")
# A dated mention: its char range and its value.
DateMention = tuple[int, int, DateValue]


# Heads climbed from a date to the verb it hangs on: "met on the morning of May 2" climbs May, of,
# morning, on to "met"; a date further down hangs on no verb of its own.
MAX_HEADS_TO_VERB = 5
# Verbs above a deadline's head searched for "had": "had been due to ..." puts the finite verb higher up.
DEADLINE_VERB_REACH = 3


def _verb_of(span: Span) -> Token:
    """The verb (or the root) a date expression hangs on, at most MAX_HEADS_TO_VERB heads up."""
    tok = span.root
    for _ in range(MAX_HEADS_TO_VERB):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
            break
        tok = tok.head
    return tok


def _auxiliaries(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _is_past(tok: Token, words: set[str]) -> bool:
    """Whether a verb (with its auxiliaries) is in a past tense or the perfect."""
    if tok.tag_ in ("VBD", "VBN") and not words & (FUTURE_AUXILIARIES | FUTURE_MODALS):
        return True
    if words & PAST_AUXILIARIES:
        return True
    # "had hoped to finish by Wednesday": the infinitive takes the tense of the verb it completes
    return tok.dep_ == "xcomp" and "had" in _auxiliaries(tok.head)


def tense_of(span: Span) -> str | None:
    """'past' or 'future' from the verb a date expression hangs on, else None.

    A term or deadline ("payable Dec. 1") and a limit ("extended to Nov. 20") decide alone; otherwise
    the first of these that tells: the auxiliaries, an infinitive of intent, a planned present, the
    verb's own tense, the main clause's."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    tok = _verb_of(span)
    words = _auxiliaries(tok)
    root = span.root
    if before in DEADLINE_WORDS:
        return _deadline_tense(tok, words)
    if before in LIMIT_PREPOSITIONS or (root.dep_ == "pobj" and root.head.lower_ in LIMIT_PREPOSITIONS):
        # A past verb says when the limit was set ("was extended to Dec. 20"), not where it lies; any
        # other puts the limit ahead ("will open two tram lines by August", "the truce holds until Friday").
        return None if _is_past(tok, words) else "future"
    return (
        _tense_by_auxiliaries(tok, words)
        or _tense_of_infinitive(span, tok, words)
        or _planned_present(span, tok, words)
        or _tense_of_verb(tok)
        or _tense_of_main_clause(tok)
    )


def _deadline_tense(tok: Token, words: set[str]) -> str | None:
    """A term or deadline lies ahead whatever the verb's tense; but "the rent had been due Friday": the
    term may have run out or have been moved since, and the nearest occurrence decides."""
    chain = set(words)
    for head in list(tok.ancestors)[:DEADLINE_VERB_REACH]:
        chain |= _auxiliaries(head)
    return None if "had" in chain else "future"


def _tense_by_auxiliaries(tok: Token, words: set[str]) -> str | None:
    """'will', 'going to', a modal ("said it would close in March"), or a verb of planning: future."""
    if words & FUTURE_AUXILIARIES or "going" in words:
        return "future"
    if words & FUTURE_MODALS and "have" not in words:
        return "future"
    if tok.lemma_ in PLANNING_WORDS:
        return "future"
    return None


def _tense_of_infinitive(span: Span, tok: Token, words: set[str]) -> str | None:
    """An infinitive of intent the date hangs on: "agreed to buy the unit in February", "rules to be
    published in May" are ahead; "had been scheduled to lapse Friday" is a plan that has since passed."""
    if not ("to" in words and tok.tag_ in ("VB", "VBN") and tok.head.i != tok.i):
        return None
    root = span.root
    on_infinitive = root.head.i == tok.i or (root.head.dep_ == "prep" and root.head.head.i == tok.i)
    if (tok.dep_ in ("acl", "relcl") and on_infinitive) or tok.head.lemma_ in INTENT_VERBS:
        return "past" if "had" in _auxiliaries(tok.head) else "future"
    return None


def _planned_present(span: Span, tok: Token, words: set[str]) -> str | None:
    """A present tense with a weekday is planned ("the two leaders meet Monday"): future."""
    root = span.root
    on_verb = (root.dep_ == "npadvmod" and root.head.i == tok.i) or (
        root.dep_ == "pobj" and root.head.lower_ == "on" and root.head.head.i == tok.i
    )
    if (
        on_verb
        and tok.tag_ in ("VBZ", "VBP")
        and not words
        and tok.lemma_ not in SAYING_VERBS
        and any(t.lower_ in WEEKDAYS for t in span)
    ):
        return "future"
    return None


def _tense_of_verb(tok: Token) -> str | None:
    """A past tense or the perfect: past."""
    if tok.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return "past"
    if any(c.lower_ in ("has", "have") for c in tok.children if c.dep_ == "aux"):
        return "past"
    return None


def _tense_of_main_clause(tok: Token) -> str | None:
    """A clause under another takes the time of the main clause ("... will address the Union when he
    travels on Sunday")."""
    if tok.dep_ in ("advcl", "conj", "xcomp", "relcl") and tok.head is not tok:
        head = tok.head
        if _auxiliaries(head) & FUTURE_AUXILIARIES:
            return "future"
        if head.tag_ == "VBD":
            return "past"
    return None


_YEAR_BACK_RE = re.compile(r"\b(?:a year (?:ago|earlier|before)|year[- ](?:ago|earlier))\b", re.IGNORECASE)
_PERIOD_RE = re.compile(r"\b(?:quarters?|period|half|(?:three|six|nine) months)\b", re.IGNORECASE)


def compares_periods(span: Span) -> bool:
    """'a year ago' / 'year-earlier' in a sentence about a quarter or period ("third-quarter profit rose
    from a year ago", "the year-ago quarter") means that period a year before, not a calendar year."""
    if not _YEAR_BACK_RE.search(span.text):
        return False
    return _PERIOD_RE.search(span.sent.text) is not None


def day_of(text: str) -> str:
    """What a date mention is merged under, with its value: the words of the day a part of day belongs
    to ("late Monday night" and "Monday" are one date), else its own text, case-folded."""
    words = text.casefold().split()
    if not PARTS_OF_DAY.intersection(words):
        return " ".join(words)
    day = [w for w in words if w not in PARTS_OF_DAY and w not in LEADING_WORDS]
    return " ".join(day or words)


def one_day_per_weekday(dates: dict[tuple[str, str | None], list[DateMention]]) -> None:
    """A weekday named alone ("Friday") is one day throughout a story: a writer who means another
    Friday says "next Friday" or "last Friday". Where the tense of the verbs valued its mentions
    apart, they all take the value most of them got (on a tie, the first written)."""
    by_day: dict[str, list[tuple[str, str | None]]] = {}
    for key in dates:
        if key[0] in WEEKDAYS:
            by_day.setdefault(key[0], []).append(key)
    for keys in by_day.values():
        if len(keys) < 2:
            continue
        best = max(keys, key=lambda k: (len(dates[k]), -min(s for s, _, _ in dates[k])))
        value = dates[best][0][2]
        for key in keys:
            if key != best:
                dates[best] += [(s, e, value) for s, e, _ in dates.pop(key)]


def date_mention(span: Span, published: date | None) -> DateMention | None:
    """The date value of a DATE entity, trying the first half of a range ("June 3 to 5")."""
    if compares_periods(span):
        return None
    tense = tense_of(span)
    ended = _ENDED_RE.match(span.text)
    if ended:
        value = normalise_date(ended[2], published, "completed" if "ended" in ended[1].lower() else tense)
        if value is not None and value.precision == "day":
            start = span.start_char + len(ended[1])
            return start, span.end_char, value
    # A date counted from the one the story last named comes first: "the previous Friday" is no
    # Friday before publication.
    anchor = _anchor(span, published)
    if anchor is not None and (value := normalise_anaphoric(span.text, anchor)) is not None:
        return span.start_char, span.end_char, value
    value = normalise_date(_with_article(span), published, tense)
    if value is not None:
        return span.start_char, span.end_char, value
    if _DASH_RANGE_RE.search(span.text):
        return None
    parts = _RANGE_SPLIT_RE.split(span.text, maxsplit=1)
    if len(parts) == 2 and parts[0]:
        head = parts[0].strip()
        value = normalise_date(head, published, tense)
        if value is not None:
            off = span.text.find(head)
            return span.start_char + off, span.start_char + off + len(head), value
    return None


def _with_article(span: Span) -> str:
    """The text to value: a bare unit gets back the "the" trimmed off it ("for the whole year" is this
    year; a "year" on its own names none)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "the" and span[0].lower_ in WHOLE_YEAR_WORDS:
        return "the " + span.text
    return span.text


def _anchor(span: Span, published: date | None) -> DateValue | None:
    """The value of the last date the story named before `span`, for a date counted from it ("On May 2,
    2001 ... the following year"); None unless `span` reads like such a date."""
    if not ANAPHORIC_DATE_WORDS.intersection(t.lower_ for t in span):
        return None
    for ent in reversed([e for e in span.doc.ents if e.end <= span.start and e.label_ == "DATE"]):
        value = normalise_date(ent.text, published, tense_of(ent))
        if value is not None and value.value is not None:
            return value
    return None
