"""When a claim was made: the date words of a speech act ("said on Tuesday", "told reporters Sunday
night", "in a statement on Monday"). A quote or a statement is dated by the day it was made, not by a
date it talks about, so a date inside the quote or the reported clause never dates it; an event is
dated by the day it happened (`statements.find_events`, with `event_date`). `claimx_linking` turns
the words into a value.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.nlp.tokens import DocIndex

# Heads climbed from a date to the verb it modifies: "said in a statement on Tuesday" climbs Tuesday,
# on, statement, in to "said".
MAX_HEADS_TO_SPEECH = 5
# Dependencies that open a clause of its own: a date under one dates that clause ("said the ship that
# sank on Monday was old", "said after meeting them on Friday"), not the speech act.
_CLAUSES = frozenset(
    {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass", "pcomp", "appos"}
)


def speech_date(index: DocIndex, head: Token, claim: tuple[int, int]) -> tuple[int, int] | None:
    """The char range of the date that modifies a speech act's `head` (its verb, or "according"),
    nearest first, outside the claim's own words; for a verb coordinated with one that carries the
    date ("visited the camp on Sunday and told reporters"), that one's."""
    found = _date_modifier(index, head, claim)
    if found is None and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        found = _date_modifier(index, head.head, claim)
    return found


def date_after_verb(index: DocIndex, verb: Token) -> tuple[int, int] | None:
    """'said Tuesday the bridge would reopen', 'said on Tuesday the ...': news puts the day of saying
    right after the verb, where the parse may take it into the reported clause. The date there, used
    as an adverb (not the clause's subject: "said Friday would be the last day"), is the speech's."""
    doc = index.doc
    i = verb.i + 1
    if i < len(doc) and doc[i].lower_ == "on" and doc[i].dep_ == "prep":
        i += 1
    ent = index.ent_at(i) if i < len(doc) else None
    if ent is None or ent.label_ != "DATE" or ent.start != i or ent.end >= len(doc):
        return None
    adverbial = ent.root.dep_ in ("npadvmod", "pobj") and doc[ent.end].lower_ not in ("'s", "\u2019s")
    return (ent.start_char, ent.end_char) if adverbial else None


def event_date(index: DocIndex, verb: Token) -> tuple[int, int] | None:
    """The date an event verb's phrases do not hold whole but that hangs on the verb ("On October 26
    this year, ... met": the model's date spans two phrases of the parse)."""
    return _date_modifier(index, verb, (-1, -1))


def _date_modifier(index: DocIndex, head: Token, claim: tuple[int, int]) -> tuple[int, int] | None:
    """The nearest DATE in `head`'s sentence that hangs on `head` without a clause between them; after
    "according to", any date of the source's phrase ("according to a statement issued on Monday")."""
    if head.lower_ == "according":
        lo, hi, within = head.left_edge.i, head.right_edge.i, True
    else:
        sent = index.sent_of(head)
        lo, hi, within = sent.start, sent.end - 1, False
    dates = [
        e
        for e in index.ents_within(lo, hi)
        if e.label_ == "DATE"
        and not (e.start_char < claim[1] and claim[0] < e.end_char)
        and (within or _hangs_on(e, head))
    ]
    if not dates:
        return None
    best = min(dates, key=lambda e: (abs(e.root.i - head.i), e.start))
    return best.start_char, best.end_char


def _hangs_on(date: Span, head: Token) -> bool:
    """Whether the date's heads reach `head` within MAX_HEADS_TO_SPEECH steps, through no clause."""
    tok = date.root
    for _ in range(MAX_HEADS_TO_SPEECH):
        if tok.dep_ in _CLAUSES or tok.head is tok:
            return False
        tok = tok.head
        if tok.i == head.i:
            return True
    return False
