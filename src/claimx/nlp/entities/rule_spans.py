"""The organisations and places of the rule files (models/*.jsonl), for `claimx_entities`: the passes
that add the rule matches, drop the matches that name no organisation or place, and merge the rest
into the names, where they win over the model's names they overlap. Between the first and the last of
these passes the matches carry the labels RULE_ORG and RULE_PLACE. Open this module to change how a
rule file's match becomes an entity."""

from __future__ import annotations

from spacy.tokens import Span
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import COMPASS_WORDS, ROLE_AFTER_ORG
from claimx.knowledge.rule_files import Words
from claimx.nlp.doc import RULES
from claimx.nlp.entities.context import RULE_LABELS, RULE_ORG, RULE_PLACE, PassContext
from claimx.nlp.tokens import LOC, ORG, token_after, token_before, tokens_of, trim_span

# Labels of the rule files' organisation and place patterns.
_RULE_FILE_LABELS = {ORG: RULE_ORG, "PLACE": RULE_PLACE}
# The rule files' label for each type of the model's names a cut-short match runs on into.
_MODEL_TYPES = {ORG: ORG, "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def rule_matches(spans: list[Span], ctx: PassContext) -> list[Span]:
    """The names, then the rule files' organisation and place matches (the longest where they overlap),
    trimmed, labelled RULE_ORG or RULE_PLACE until `merge_rule_matches`."""
    matches = filter_spans([s for s in ctx.doc.spans.get(RULES, []) if s.label_ in _RULE_FILE_LABELS])
    added: list[Span] = []
    for match in matches:
        span = trim_span(match)
        if span is not None and _stops_short(span):
            span = _whole_name(span)
        if span is not None and span.label_ == ORG:
            span = _with_nationality(span)
        if span is not None and not _site_of_organisation(span) and not _service_body(span, ctx.words):
            # The pattern's id goes along: it is the match's evidence (`rule-file:ID`).
            added.append(Span(ctx.doc, span.start, span.end, label=_RULE_FILE_LABELS[span.label_], span_id=match.id_))
    return spans + added


def _stops_short(span: Span) -> bool:
    """Whether a capitalised proper noun goes on after the match: the name is longer than the pattern
    ("X Police Department", "X District Council"), and its head is not the pattern's cue word."""
    nxt = token_after(span)
    return (
        nxt is not None
        and nxt.is_title
        and nxt.pos_ == "PROPN"
        and not nxt.is_sent_start
        and nxt.ent_type_ not in ("DATE", "TIME")
        and nxt.lower_ not in COMPASS_WORDS
    )


def _whole_name(span: Span) -> Span | None:
    """The match that stops short, run on to the end of the model's name that starts inside it and goes
    on after it ("Varn Navy" + "Navy Staff College"), with the model's type; None where there is none
    (the model's own, longer name stands)."""
    for ent in span.doc.ents:
        if span.start < ent.start < span.end < ent.end and ent.label_ in _MODEL_TYPES:
            return Span(span.doc, span.start, ent.end, label=_MODEL_TYPES[ent.label_])
    return None


def _with_nationality(span: Span) -> Span:
    """An organisation match with the nationality word written before it, which is part of its fullest
    name ("the Varnian Interior Ministry")."""
    before = token_before(span)
    if before is not None and before.is_title and gazetteer.is_nationality(before.text):
        return Span(span.doc, before.i, span.end, label=span.label_)
    return span


def _site_of_organisation(span: Span) -> bool:
    """Whether a place match is an organisation's name and a lower-case cue ("the X Corp headquarters"):
    it describes the organisation's site, and the organisation is the name."""
    return span.label_ == "PLACE" and span[-1].is_lower and len(span) > 1 and all(t.ent_type_ == ORG for t in span[:-1])


def _service_body(span: Span, words: Words) -> bool:
    """Whether a place match ends in a service word and its cue ("the X School District"): a body that
    runs the service, which the model's organisation names."""
    return span.label_ == "PLACE" and len(span) > 2 and span[-2].lower_ in words["service_body_words"]


def rule_span_filters(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop the rule matches that name an office, a structure or nothing (see `_names_no_body`)."""
    return [s for s in spans if s.label_ not in RULE_LABELS or not _names_no_body(s, ctx.words)]


def _names_no_body(span: Span, words: Words) -> bool:
    nxt = token_after(span)
    if span.label_ == RULE_ORG and nxt is not None and nxt.lower_ in ROLE_AFTER_ORG:
        return True  # "Navy Chief" is an office
    if span.label_ == RULE_PLACE and any(t.pos_ in ("VERB", "AUX") for t in span):
        return True  # "Floods Close Old Bridge": a headline's verb starts no place name
    if span.label_ == RULE_ORG and nxt is not None and nxt.is_title and nxt.lower_ in words["facility_heads"]:
        return True  # "X Army Airfield": the force names a structure, which the model's span keeps
    return (
        span.label_ == RULE_PLACE
        and span[-1].is_lower
        and all(t.ent_type_ == "NORP" or gazetteer.is_nationality(t.text) for t in span[:-1])
    )  # "a Canadian province": a nationality and a cue word describe a place, not name one


def merge_rule_matches(spans: list[Span], ctx: PassContext) -> list[Span]:
    """The rule matches become organisations and places (LOC), after the model's names, which give way
    where they overlap one; a compass word after a place match is part of it ("X Airfield West")."""
    named = [_as_entity(s) for s in spans if s.label_ in RULE_LABELS]
    taken = tokens_of(named)
    kept = [s for s in spans if s.label_ not in RULE_LABELS and not taken.intersection(range(s.start, s.end))]
    return kept + named


def _as_entity(span: Span) -> Span:
    if span.label_ == RULE_ORG:
        return Span(span.doc, span.start, span.end, label=ORG)
    nxt = token_after(span)
    end = span.end + 1 if nxt is not None and nxt.is_title and nxt.lower_ in COMPASS_WORDS else span.end
    return Span(span.doc, span.start, end, label=LOC)  # "X Airfield West" names one of two fields
