"""`claimx_statements`: attributed statements ("X said (that) ...", "according to X, ...") and
reported events (met, visited, called on, signed, ...) with their actors, date and place words.

Open this module to change what counts as a statement or an event. It runs after `claimx_quotes`
and leaves quoted text and posts alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimx.knowledge import datelines
from claimx.knowledge.lexicon import (
    CO_ACTOR_PREPOSITIONS,
    EVENT_VERBS,
    HEDGE_WORDS,
    HELD_EVENT_OBJECTS,
    NEGATING_SPEECH_VERBS,
    PAID_EVENT_OBJECTS,
    STATEMENT_VERBS,
)
from claimx.nlp.claims.claim_dates import date_after_verb, event_date, speech_date
from claimx.nlp.claims.quotes import MIN_QUOTE_WORDS, ClaimInfo, according_object, subject_of
from claimx.nlp.doc import EVENTS, POSTS, QUOTES, STATEMENTS, bounds, doc_text
from claimx.nlp.tokens import PLACE_LABELS, DocIndex, overlaps, strip_range


class StatementFinder:
    """Finds indirect speech and reported events outside quotations and posts."""

    def __call__(self, doc: Doc) -> Doc:
        index = DocIndex(doc)
        # Quotes and posts are someone's own words; the metadata prefix ("date 2025-11-25") is not prose.
        taken = [bounds(s) for key in (QUOTES, POSTS) for s in doc.spans.get(key, [])]
        taken.append((0, doc._.claimx_prefix_end))
        doc.spans[STATEMENTS] = [s.to_span(doc) for s in find_statements(index, taken)]
        doc.spans[EVENTS] = [e.to_span(doc) for e in find_events(index, taken)]
        return doc


def _clause_text_span(head: Token, after: int = -1) -> tuple[int, int] | None:
    """Char span of a reported clause from char `after` on, without a leading "that" and trailing
    punctuation."""
    toks = [t for t in head.subtree if t.idx >= after]
    while toks and ((toks[0].lower_ == "that" and toks[0].dep_ == "mark") or toks[0].is_punct):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if len(toks) < MIN_QUOTE_WORDS:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def find_statements(index: DocIndex, taken: list[tuple[int, int]]) -> list[ClaimInfo]:
    """Indirect speech: "X said (that) ...", "X told reporters ...", "according to X, ..."."""
    out = _reported_speech(index, taken)
    for tok in index.according:
        claim = _according_to(index, tok, taken, out)
        if claim is not None:
            out.append(claim)
    return out


def _reported_speech(index: DocIndex, taken: list[tuple[int, int]]) -> list[ClaimInfo]:
    """A verb of saying with a reported clause and a subject outside it ("X said (that) ...", "X told
    reporters ...")."""
    out: list[ClaimInfo] = []
    for tok in index.verbs:
        if tok.lemma_.lower() not in STATEMENT_VERBS or overlaps(taken, tok.idx, tok.idx + 1):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        said_on = date_after_verb(index, tok)  # "said Tuesday the ...": the day of saying, not the clause's
        span = _clause_text_span(clause, said_on[1] if said_on else -1)
        if span is None or overlaps(taken, *span):
            continue
        subj = subject_of(index, tok)
        if subj is None or (span[0] <= subj[0] < span[1]) or any(o.start == span[0] and o.end == span[1] for o in out):
            continue
        out.append(
            ClaimInfo(
                kind="statement",
                start=span[0],
                end=span[1],
                speaker=subj,
                cue=tok.text,
                negated=is_negated(tok),
                hedged=is_hedged(tok, clause),
                date_text=said_on or speech_date(index, tok, span),
            )
        )
    return out


def _according_to(
    index: DocIndex, tok: Token, taken: list[tuple[int, int]], found: list[ClaimInfo]
) -> ClaimInfo | None:
    """The clause of "According to X, the clause." or "The clause, according to X.", attributed to X
    (none where a statement found before starts at the same place)."""
    if overlaps(taken, tok.idx, tok.idx + 1):
        return None
    src = according_object(index, tok)
    verb = tok.head
    if src is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    sent = index.sent_of(tok)
    phrase_end = max(t.i for t in tok.subtree)
    if tok.i <= sent.start + 1:  # "According to X, the clause."
        toks = [t for t in sent if t.i > phrase_end]
    else:  # "The clause, according to X."
        toks = [t for t in sent if t.i < tok.i]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if len(toks) < MIN_QUOTE_WORDS:
        return None
    span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if overlaps(taken, *span) or any(q.start == span[0] for q in found):
        return None
    date = speech_date(index, tok, span)
    return ClaimInfo(kind="statement", start=span[0], end=span[1], speaker=src, cue="according to", date_text=date)


def is_negated(verb: Token) -> bool:
    """'X did not confirm ...', 'X never said ...', 'X denied that ...': the report rejects the claim."""
    return verb.lemma_.lower() in NEGATING_SPEECH_VERBS or any(c.dep_ == "neg" for c in verb.children)


def is_hedged(verb: Token, clause: Token) -> bool:
    """'X reportedly said ...', 'X is said to ...', 'the plan allegedly ...': reported at a distance."""
    if any(c.lower_ in HEDGE_WORDS for c in verb.children):
        return True
    if any(t.lower_ in HEDGE_WORDS and t.head.i == clause.i for t in clause.children):
        return True
    # "is said to", "is reported to": a passive speech verb with an infinitive after it
    return any(c.dep_ == "auxpass" for c in verb.children) and any(c.dep_ == "xcomp" for c in verb.children)


def _actor_spans(index: DocIndex, tok: Token) -> list[tuple[int, int]]:
    """Named people, organisations and places in the phrase under `tok` (not in nested clauses); a place
    after "in" or "at" inside the phrase is where it happened, not an actor."""
    return [
        (e.start_char, e.end_char)
        for e in index.ents_within(tok.left_edge.i, tok.right_edge.i)
        if e.label_ in ("PERSON", "ORG", "GPE") and not _locative(e.root)
    ]


def _locative(tok: Token) -> bool:
    """A name governed by "in" or "at" ("... on the admiral in Karachi")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at")


def _locative_place(index: DocIndex, tok: Token) -> tuple[int, int] | None:
    """The first place named after "in"/"at" inside the phrase under `tok`."""
    for e in index.ents_within(tok.left_edge.i, tok.right_edge.i):
        if e.label_ in PLACE_LABELS and _locative(e.root):
            return e.start_char, e.end_char
    return None


def find_events(index: DocIndex, taken: list[tuple[int, int]]) -> list[ClaimInfo]:
    """Sentences reporting something between named actors: met, visited, called on, signed, ..."""
    out: list[ClaimInfo] = []
    dateline = dateline_place(index.doc)
    for tok in index.verbs:
        if tok.lemma_.lower() not in EVENT_VERBS or overlaps(taken, tok.idx, tok.idx + 1):
            continue
        predicate = _event_predicate(tok)
        subject_actors = _subject_actors(index, tok) if predicate is not None else []
        if not subject_actors:
            continue
        others, date_span, place_span = _event_objects(index, tok)
        actors = subject_actors[:1] + [a for a in others if a not in subject_actors[:1]]
        if len(actors) < 2 and place_span is None:
            continue  # one actor and no place is no event ("the minister visited")
        bounds = _event_sentence(index, tok, taken)
        if bounds is None:
            continue
        out.append(
            ClaimInfo(
                kind="event",
                start=bounds[0],
                end=bounds[1],
                predicate=predicate,
                cue=tok.text,
                actors=actors,
                date_text=date_span or event_date(index, tok),
                place_text=place_span or dateline,
            )
        )
    return out


def _event_predicate(tok: Token) -> str | None:
    """What an event verb reports ("met" -> "meet", "paid a visit" -> "visit"), or None when the verb
    is not used as an event here ("paid" without a visit or call, "called" without "on", "held" without talks)."""
    lemma = tok.lemma_.lower()
    predicate = EVENT_VERBS[lemma]
    if lemma == "pay":
        paid = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in PAID_EVENT_OBJECTS), None)
        if paid is None:
            return None
        predicate = "visit" if paid.lemma_.lower() == "visit" else "call on"
    elif predicate == "call on" and not any(c.lower_ == "on" for c in tok.children):
        return None
    if predicate == "hold talks" and not any(c.lower_ in HELD_EVENT_OBJECTS for c in tok.children):
        return None
    return predicate


def _subject_actors(index: DocIndex, tok: Token) -> list[tuple[int, int]]:
    """The named actors of the verb's subject (a second verb of a pair shares the first one's)."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and tok.dep_ == "conj":
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _actor_spans(index, subj) if subj is not None else []


def _event_objects(
    index: DocIndex, tok: Token
) -> tuple[list[tuple[int, int]], tuple[int, int] | None, tuple[int, int] | None]:
    """The other actors (objects, "with X", "on X", "to X"), the first date and the place ("in X", "at X")
    of an event verb."""
    others: list[tuple[int, int]] = []
    date_span = place_span = None
    for child in tok.children:
        if child.dep_ in ("dobj", "dative", "attr"):
            others += _actor_spans(index, child)
            place_span = place_span or _locative_place(index, child)
        elif child.dep_ in ("prep", "prt", "npadvmod", "advmod"):
            for e in index.ents_within(child.left_edge.i, child.right_edge.i):
                if e.label_ == "DATE" and date_span is None:
                    date_span = (e.start_char, e.end_char)
                elif e.label_ in PLACE_LABELS and child.lower_ in ("in", "at") and place_span is None:
                    place_span = (e.start_char, e.end_char)
                elif e.label_ in ("PERSON", "ORG") and child.lower_ in CO_ACTOR_PREPOSITIONS:
                    others.append((e.start_char, e.end_char))
    return others, date_span, place_span


def _event_sentence(index: DocIndex, tok: Token, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The event's sentence (after the metadata prefix, without white space), or None when it overlaps
    a quote or post."""
    doc = index.doc
    sent = index.sent_of(tok)
    start, end = strip_range(doc_text(doc), max(sent.start_char, doc._.claimx_prefix_end), sent.end_char)
    if overlaps([t for t in taken if t[0] > 0], start, sent.end_char):
        return None
    return start, end


def dateline_place(doc: Doc) -> tuple[int, int] | None:
    """The place of the article's dateline ("KARACHI, November 20:"), which opens one of its first
    two paragraphs (`knowledge.datelines`)."""
    return datelines.dateline_place(doc_text(doc), doc._.claimx_prefix_end)
