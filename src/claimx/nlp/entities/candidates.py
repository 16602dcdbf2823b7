"""Which names are candidates at all, for `claimx_entities`: the model's names it starts from, and the
passes that drop what names no entity (nationalities, vessels, things, events, a common noun, a route
between two places). Open this module to change what is never an entity."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from claimx.knowledge import gazetteer
from claimx.knowledge.rule_files import Words
from claimx.nlp.entities.context import PassContext
from claimx.nlp.entities.people import KEPT_LABELS
from claimx.nlp.entities.shapes import HYPHENS
from claimx.nlp.tokens import DATE, PERSON, PLACE_LABELS, trim_span


def model_names(doc: Doc) -> list[Span]:
    """The model's names of the kinds the passes read (KEPT_LABELS), after the metadata prefix, trimmed:
    what the first pass starts from."""
    prefix_end = doc._.claimx_prefix_end
    trimmed = (trim_name(e) for e in doc.ents if e.label_ in KEPT_LABELS and e.end_char > prefix_end)
    return [span for span in trimmed if span is not None]


def trim_name(span: Span) -> Span | None:
    """trim_span, except that a date keeps its article ("a year ago" is the date's own text)."""
    trimmed = trim_span(span)
    if (
        trimmed is not None
        and span.label_ == DATE
        and span[0].lower_ in ("a", "an")
        and trimmed.start == span.start + 1
    ):
        return Span(span.doc, span.start, trimmed.end, label=DATE)
    return trimmed


def candidate_filters(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop the model's names that name no entity (see `names_nothing`)."""
    return [span for span in spans if not names_nothing(span, ctx.words)]


def names_nothing(span: Span, words: Words) -> bool:
    """A nationality, a vessel, a thing, a PERSON ending in a common noun or a place in lower case."""
    if span.label_ == "NORP":
        return True  # nationalities are neither places nor organisations
    if span[0].text in words["vessel_prefixes"]:
        return True  # ships ("HMS Example") are vessels, not people or places
    if span.label_ != PERSON and len(span) == 1 and span.text in words["thing_acronyms"]:
        return True  # "VBIED", "UAV": things, not organisations
    if span.label_ == PERSON and span[-1].is_alpha and span[-1].is_lower and not _hyphenated_name_end(span):
        return True  # "Zagros mountains", "Yazidi traditions": a common noun ends no personal name
    return span.label_ in PLACE_LABELS and not any(ch.isupper() for ch in span.text)  # "officer", "diseases"


def _hyphenated_name_end(span: Span) -> bool:
    """A lower-case last part glued by a hyphen to a capitalised one and tagged a proper noun: the second
    half of a hyphenated given name ("Kim Jong-un", "Lee Cheuk-yan"), not "-led" or "-based"."""
    if len(span) < 3:
        return False
    last, hyphen, before = span[-1], span[-2], span[-3]
    return (
        hyphen.text in HYPHENS
        and not hyphen.whitespace_
        and not before.whitespace_
        and before.is_title
        and last.pos_ == "PROPN"
    )


def event_words(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop summits, agreements and military operations: events, not organisations or places."""
    return [span for span in spans if span.label_ == PERSON or not is_event_name(span, ctx.words)]


def is_event_name(span: Span, words: Words) -> bool:
    """'X Summit', 'Y Agreement', 'Operation Z', 'Resolution 12': an event or a document. A name that
    holds an organisation head before its last word ("Organisation of the Northern Rim Conference") is a
    body, not an event."""
    if span[0].text == "Operation" and len(span) > 1:
        return True
    if len(span) > 2 and span[-1].like_num and span[-2].lower_ in words["event_heads"]:
        return True  # "Council Resolution 4471": a numbered document, whoever issued it
    if span[-1].lower_ not in words["event_heads"]:
        return False
    return not any(t.lower_ in words["org_heads"] for t in span[:-1])


def not_names(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop a route between places ("Lagos-Accra") and a nationality the model or a rule file named."""
    return [span for span in spans if not _route_or_nationality(span.text)]


def _route_or_nationality(text: str) -> bool:
    if "-" in text and all(gazetteer.lookup_place(p) is not None for p in text.split("-") if p):
        return True  # a route between places, not an organisation or a place
    return gazetteer.is_nationality(text)
