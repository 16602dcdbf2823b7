"""People by evidence, for `claimx_entities`: what the text says about a name being a person's, and the
titled people `claimx_people` found, which win over the names they overlap. Open this module to change
when a name is a person."""

from __future__ import annotations

from spacy.tokens import Span
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.rule_files import Words
from claimx.nlp.entities.context import RULE_LABELS, PassContext
from claimx.nlp.tokens import GPE, LOC, ORG, PERSON, is_initial, token_after

# A model PERSON grows by the last names it left out up to this many tokens ("Nadia Farah | Osei").
MAX_EXTENDED_NAME = 5
# Nouns after a name that make it the name of a leader's government ("the X regime").
_LEADER_NOUNS = frozenset({"regime", "administration"})


def person_evidence(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Each name as the text around it shows it (see `person_by_evidence`); names of no person dropped."""
    return [s for s in (person_by_evidence(span, ctx.words) for span in spans) if s is not None]


def person_by_evidence(span: Span, words: Words) -> Span | None:
    """What a model PERSON really is, by what the text says around it:
    - a name with a digit, in another script or naming a holiday ("Eid") is no person;
    - a lone common noun labelling a line ("QUESTION:") is no person;
    - "the town of X" makes X a place, "X Barrage" a place, "the X tribe" a group;
    - a name cut before its last part ("Nadia Farah | Osei") is extended when the parse joins them.
    An organisation-typed name before "regime" ("the X regime") is named after its leader: a person."""
    if span.label_ == ORG:
        return _leader_of_a_regime(span)
    if span.label_ != PERSON:
        return span
    if _names_no_person(span, words):
        return None
    typed = _typed_by_context(span, words)
    return typed if typed is not None else _with_last_name(span)


def _leader_of_a_regime(span: Span) -> Span:
    nxt = token_after(span)
    if (
        len(span) <= 2
        and nxt is not None
        and nxt.lower_ in _LEADER_NOUNS
        and all(t.is_title for t in span)
        and gazetteer.lookup_place(span.text) is None
        and not gazetteer.is_nationality(span.text)
    ):
        return Span(span.doc, span.start, span.end, label=PERSON)
    return span


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in letters)


def _names_no_person(span: Span, words: Words) -> bool:
    """A digit, another script, a holiday, or a lone common noun labelling a line ("QUESTION:")."""
    if any(c.isdigit() for c in span.text) or not _latin(span.text):
        return True
    if span.text in words["holiday_names"] or span[0].text in words["holiday_names"]:
        return True
    nxt = token_after(span)
    return len(span) == 1 and span[0].pos_ != "PROPN" and nxt is not None and nxt.text == ":"


def _typed_by_context(span: Span, words: Words) -> Span | None:
    """The type the words around a model PERSON give it, or None when they give none."""
    doc = span.doc
    nxt = token_after(span)
    if nxt is not None and nxt.lower_ in words["group_nouns"]:
        return Span(doc, span.start, span.end, label=ORG)  # "the X tribe"
    if span[-1].lower_ in words["place_of_heads"] or span[-1].lower_ in words["facility_heads"]:
        return Span(doc, span.start, span.end, label=LOC)  # "X Barrage"
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in words["settlement_nouns"]
        and not is_initial(span[0])
    ):
        return Span(doc, span.start, span.end, label=GPE)  # "the town of X"
    return None


def _with_last_name(span: Span) -> Span:
    """A last name the model left out: the span's head hangs on a capitalised proper noun right after it."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and end - span.start < MAX_EXTENDED_NAME
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].is_sent_start
        and doc[end].ent_type_ in ("", PERSON)
        and doc[end - 1].head.i == end
        and doc[end - 1].dep_ in ("compound", "flat", "nmod")
    ):
        end += 1
    return span if end == span.end else Span(doc, span.start, end, label=PERSON)


def model_names_in_titles(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop the model's names that overlap a titled person, or lie mostly inside a title ("Naval Staff"
    inside "Chief of Naval Staff" is an office)."""
    return [s for s in spans if not _inside_people_or_titles(s, ctx)]


def _inside_people_or_titles(span: Span, ctx: PassContext) -> bool:
    tokens = range(span.start, span.end)
    if ctx.person_tokens.intersection(tokens):
        return True
    return 2 * len(ctx.title_tokens.intersection(tokens)) >= len(span)


def rule_matches_in_people(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop the rule files' matches that overlap a titled person."""
    return [
        s for s in spans if s.label_ not in RULE_LABELS or not ctx.person_tokens.intersection(range(s.start, s.end))
    ]


def titled_people(spans: list[Span], ctx: PassContext) -> list[Span]:
    """The titled people `claimx_people` found are PERSON entities; where names overlap, the longest stays."""
    return filter_spans([*ctx.people, *spans])
