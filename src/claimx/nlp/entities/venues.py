"""Venues and buildings, for `claimx_entities` (the `venues` family): a museum, a stadium, an embassy, a
palace, a camp or a terminal is a named location, which FORMAT.md counts as a place, whatever type the
model gave it; but a venue the text makes act as a body ("the museum said", "according to the X
Embassy", "a X Museum spokesman") stays an organisation. Open this module to change when a building is
a place."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import ARTICLES, BODY_ACTION_VERBS, BODY_VOICE_NOUNS, SPEECH_VERBS
from claimx.knowledge.rule_files import Words
from claimx.nlp.doc import TITLES
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import ORG, PERSON, PLACE_LABELS, tokens_of

FAC = "FAC"
_POSSESSIVES = frozenset({"'s", "’s"})
# Tokens after a venue's name in which a word for its staff or voice is looked for ("X Museum press
# officer", "White Lodge press secretary").
VOICE_WINDOW = 2


def venue_places(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A name that ends in a venue word ("the Keller Museum", "Ostvik Stadium", "the Varn Embassy") or
    starts with "Camp" or "Fort" is a place in all its mentions, whatever the model typed; but where one of
    them acts as a body, or the article says "the <venue word> said", it is an organisation in all of them.
    A title before a capitalised building word ("the President House") names the building."""
    doc, words = ctx.doc, ctx.words
    venues = [e for e in spans if _is_venue_name(e, words)]
    titled = _titled_buildings(doc, spans, words)
    if not venues and not titled:
        return spans
    acting_heads = _acting_venue_words(doc, words)
    acting = {e.text for e in venues if _acts_as_a_body(e.root, e.start, e.end) or e[-1].lower_ in acting_heads}
    label = {(e.start, e.end): ORG if e.text in acting else FAC for e in venues}
    out = [_labelled(e, label.get((e.start, e.end))) for e in spans]
    if titled:
        covered = tokens_of(titled)
        out = filter_spans([e for e in out if covered.isdisjoint(range(e.start, e.end))] + titled)
    return out


def _labelled(span: Span, label: str | None) -> Span:
    """The span with `label`, where one is given and the model's is not a place already (a place keeps its
    own place label)."""
    if label is None or span.label_ == label or (label == FAC and span.label_ in PLACE_LABELS):
        return span
    return Span(span.doc, span.start, span.end, label=label)


def _is_venue_name(span: Span, words: Words) -> bool:
    """A name of two capitalised words or more, the last a venue word or the first "Camp" or "Fort", and
    no place the gazetteer knows ("Fort Worth" is a city); a person only after an article ("the Keller
    Museum") or with "Camp" or "Fort" first, since a venue word may be a surname ("Tom Hall")."""
    if span.label_ not in (ORG, PERSON, *PLACE_LABELS) or len(span) < 2:
        return False
    if not all(t.is_title or t.is_upper or not t.is_alpha for t in span):
        return False
    opener = span[0].lower_ in words["venue_openers"]
    if span.label_ == PERSON and not opener and (span.start == 0 or span.doc[span.start - 1].lower_ not in ARTICLES):
        return False
    if not (opener or span[-1].lower_ in words["venue_heads"]):
        return False
    return span.label_ in (ORG, PERSON) or gazetteer.lookup_place(span.text) is None


def _titled_buildings(doc: Doc, spans: list[Span], words: Words) -> list[Span]:
    """A title written before a capitalised building word ("the President House", "the Prime Minister
    Palace"): the building, not a person."""
    people = {i for e in spans if e.label_ == PERSON for i in range(e.start, e.end) if len(e) > 1}
    found: list[Span] = []
    for title in doc.spans.get(TITLES, []):
        k = title.end
        if (
            k < len(doc)
            and doc[k].is_title
            and doc[k].lower_ in words["venue_heads"]
            and k not in people
            and (k + 1 >= len(doc) or not doc[k + 1].is_title)
        ):
            found.append(Span(doc, title.start, k + 1, label=FAC))
    return found


def _acting_venue_words(doc: Doc, words: Words) -> set[str]:
    """Venue words that the article uses in lower case for a body that acts ("the museum said", "the
    embassy denied"): the named venue they stand for acts too."""
    return {
        t.lower_
        for t in doc
        if t.is_lower
        and t.lower_ in words["venue_heads"]
        and t.i > 0
        and doc[t.i - 1].lower_ == "the"
        and _acts_as_a_body(t, t.i, t.i + 1, staff=False)
    }


def _acts_as_a_body(root: Token, start: int, end: int, staff: bool = True) -> bool:
    """Whether the name [start, end) whose head is `root` acts as a body: it is the subject of a verb of
    saying or of an organisation's act ("the X Museum said", "hired"), it follows "according to", or (with
    `staff`) a word for its staff or voice follows it ("a X Museum spokesman", "X Museum's director"; a
    venue word in lower case is not enough: "the station staff" work at a station)."""
    doc = root.doc
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS | BODY_ACTION_VERBS:
        return True
    k = start - 1 if start > 0 and doc[start - 1].lower_ in ARTICLES else start
    if k >= 2 and doc[k - 1].lower_ == "to" and doc[k - 2].lower_ == "according":
        return True
    if not staff:
        return False
    j = end + 1 if end < len(doc) and doc[end].lower_ in _POSSESSIVES else end
    for tok in doc[j : min(j + VOICE_WINDOW, len(doc))]:
        if tok.lower_ in BODY_VOICE_NOUNS:
            return True
        if not (tok.is_alpha and tok.is_lower):
            return False  # "at the X Terminal, officials said": the officials are no staff of it
    return False
