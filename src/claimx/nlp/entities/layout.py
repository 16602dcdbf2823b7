"""What the layout of an article says about its names, for `claimx_entities`: headline and caption lines,
a name given again in another language inside brackets, and acronyms defined in brackets after a name.
Open this module to change how headlines and brackets bear on entities."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from claimx.knowledge import gazetteer
from claimx.nlp.doc import ACRONYMS, doc_text
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import DATE, GPE, LOC, ORG, PERSON, PLACE_LABELS, heading_lines, inside, tokens_of

_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z&.]{1,9}")
# Labels of the names an acronym in brackets may stand for.
_ACRONYM_LABELS = frozenset({ORG, GPE, LOC, "FAC"})
# A language label ("Arabic:") is looked for at most this many tokens back inside the open bracket.
MAX_LANGUAGE_LABEL_REACH = 15


def transliterations(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A name given in another language inside brackets ("X (Arabic: ..., Kurdish: Y)") is the preceding
    name again, not a new entity: names after a language label inside an open bracket are dropped."""
    text = doc_text(ctx.doc)
    if "(" not in text:
        return spans
    return [e for e in spans if e.label_ == DATE or not _after_a_language_label(e, text)]


def _after_a_language_label(span: Span, text: str) -> bool:
    """Whether a language label ("Arabic:") stands between the open bracket before a name and the name."""
    doc = span.doc
    reach = doc[max(span.start - MAX_LANGUAGE_LABEL_REACH, 0)].idx
    if text.find("(", reach, span.start_char) == -1:
        return False  # no bracket within reach: most names, and no need to look at each token
    k = span.start - 1
    labelled = False
    while k >= 0 and span.start - k <= MAX_LANGUAGE_LABEL_REACH and doc[k].text != ")" and "\n" not in doc[k].text:
        if doc[k].text == "(":
            break
        if doc[k].text == ":" and k > 0 and gazetteer.is_nationality(doc[k - 1].text):
            labelled = True
        k -= 1
    return labelled and k >= 0 and doc[k].text == "("


def heading_names(spans: list[Span], ctx: PassContext) -> list[Span]:
    """In caption and headline lines keep only dates and the names that the body text or the gazetteer
    confirms."""
    headings = heading_lines(ctx.doc)
    if not headings:
        return spans
    body = {e.text.lower() for e in spans if not inside(headings, e.start_char, e.end_char)}
    titled = {(p.start, p.end) for p in ctx.people if _ends_by_itself(p)}
    return [
        e
        for e in spans
        if not inside(headings, e.start_char, e.end_char)
        or e.label_ == DATE
        or e.text.lower() in body
        or (e.label_ in PLACE_LABELS and gazetteer.lookup_place(e.text) is not None)
        or (e.label_ == PERSON and (e.start, e.end) in titled)
    ]


def _ends_by_itself(person: Span) -> bool:
    """A titled name followed by a lower-case word or a mark in its line ("Editor X Y and ...", "... X Y."):
    the name stopped where it ends, rather than running on over a title-case headline's words."""
    doc = person.doc
    nxt = doc[person.end] if person.end < len(doc) else None
    return nxt is not None and "\n" not in nxt.text and (nxt.is_lower or (nxt.is_punct and nxt.text not in ("-", "‐")))


def acronyms(spans: list[Span], ctx: PassContext) -> list[Span]:
    """An acronym defined in brackets after an organisation or a place ("Northern Shipyards Korvat (NSK)")
    is an entity of the name's type, where no name covers it already."""
    taken = tokens_of(spans)
    defined = [acronym for acronym, _ in acronym_definitions(spans)]
    return spans + [acronym for acronym in defined if acronym.start not in taken]


def acronym_definitions(ents: list[Span]) -> list[tuple[Span, Span]]:
    """(acronym, name) for each acronym in brackets right after a name ("Name (ACR)"), in text order; the
    acronym's span has the name's label."""
    found: list[tuple[Span, Span]] = []
    for ent in sorted(ents, key=lambda s: s.start):
        doc, k = ent.doc, ent.end
        if ent.label_ not in _ACRONYM_LABELS or k + 2 >= len(doc) or doc[k].text != "(" or doc[k + 2].text != ")":
            continue
        acro = doc[k + 1]
        if _ACRONYM_RE.fullmatch(acro.text) and sum(c.isupper() for c in acro.text) >= 2:
            found.append((Span(doc, acro.i, acro.i + 1, label=ent.label_), ent))
    return found


def record_acronyms(doc: Doc) -> None:
    """Write the acronyms defined after the Doc's entities to `claimx_acronyms`, each saying (in
    `claimx_expands`) where the name it stands for starts; the linker reads them."""
    group: list[Span] = []
    for acronym, name in acronym_definitions(list(doc.ents)):
        acronym._.claimx_expands = name.start_char
        group.append(acronym)
    doc.spans[ACRONYMS] = group
