"""Which names are candidates at all, for `claimx_entities`: the model's names it starts from, and the
passes that drop what names no entity (nationalities, vessels, things, events, a common noun, a route
between two places). Open this module to change what is never an entity."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import HYPHEN_PREFIXES, SURNAME_PARTICLES
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
    half of a hyphenated given name ("Pak Sun-hee", "Tsang Mei-ling"), not "-led" or "-based". After a
    family name and a given name's first half the tagger often reads that half as a common noun
    ("Ho Wai-kit"): a noun there still ends a name; after one capitalised word ("X-era") it does not."""
    if len(span) < 3:
        return False
    last, hyphen, before = span[-1], span[-2], span[-3]
    glued = hyphen.text in HYPHENS and not hyphen.whitespace_ and not before.whitespace_ and before.is_title
    if not glued:
        return False
    if last.pos_ == "PROPN":
        return True
    return last.pos_ == "NOUN" and len(span) >= 4 and span[-4].is_title and bool(span[-4].whitespace_)


def glued_openers(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Each name without the words glued before it (see `name_start`); a dateline place before a colon
    becomes a place of its own."""
    out: list[Span] = []
    for span in spans:
        if span.label_ == DATE:
            out.append(span)
            continue
        start, place = name_start(span, ctx.words)
        if place is not None:
            out.append(place)
        if start < span.end:
            out.append(span if start == span.start else Span(span.doc, start, span.end, label=span.label_))
    return out


def name_start(span: Span, words: Words) -> tuple[int, Span | None]:
    """Where a name really starts, and the dateline place glued before it, if any:
    - after a colon ("KORVAT: Army", "Country: Military"): what stands before it labels the line;
    - after an adjective made of a name with a prefix ("pro-Korvat", "anti-Varna"), which names nothing;
    - a person's name after lower-case words that are no surname particle ("magician X Y");
    - a person's name after a role noun that opens the sentence ("Astronauts X Y", "Opener Z")."""
    doc = span.doc
    colon = next((t.i for t in reversed(span) if t.text == ":"), None)
    if colon is not None:
        before = Span(doc, span.start, colon, label="GPE") if colon > span.start else None
        place = before if before is not None and gazetteer.lookup_place(before.text) is not None else None
        return colon + 1, place
    if len(span) > 2 and span[0].lower_ in HYPHEN_PREFIXES and span[1].text in HYPHENS and not span[0].whitespace_:
        return span.start + 3, None  # "pro-Beijing (New Party)": an adjective made of a name opens no name
    if span.label_ != PERSON:
        return span.start, None
    i = span.start
    while (
        i < span.end - 1
        and doc[i].is_alpha
        and doc[i].is_lower
        and doc[i].whitespace_  # "pro-Beijing" is one word, an adjective
        and doc[i].lower_ not in SURNAME_PARTICLES
    ):
        i += 1
    if i == span.start and _opens_with_a_role_noun(span, words):
        i += 1
    return i, None


def _opens_with_a_role_noun(span: Span, words: Words) -> bool:
    """A capitalised noun for what a person is or does, opening the sentence before a capitalised name."""
    first, nxt = span[0], span[1] if len(span) > 1 else None
    if nxt is None or not nxt.is_title or not (first.is_sent_start or first.i == 0):
        return False
    word = first.lower_
    nouns = words["name_opening_nouns"]
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


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
