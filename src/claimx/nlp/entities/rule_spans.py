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
from claimx.nlp.tokens import LOC, ORG, token_after, tokens_of, trim_span

# Labels of the rule files' organisation and place patterns.
_RULE_FILE_LABELS = {ORG: RULE_ORG, "PLACE": RULE_PLACE}


def rule_matches(spans: list[Span], ctx: PassContext) -> list[Span]:
    """The names, then the rule files' organisation and place matches (the longest where they overlap),
    trimmed, labelled RULE_ORG or RULE_PLACE until `merge_rule_matches`."""
    matches = filter_spans([s for s in ctx.doc.spans.get(RULES, []) if s.label_ in _RULE_FILE_LABELS])
    added: list[Span] = []
    for match in matches:
        span = trim_span(match)
        if span is not None:
            # The pattern's id goes along: it is the match's evidence (`rule-file:ID`).
            added.append(Span(ctx.doc, span.start, span.end, label=_RULE_FILE_LABELS[span.label_], span_id=match.id_))
    return spans + added


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
