"""Places by evidence, for `claimx_entities`: what the text around a name says about it being a place
(a preposition, a settlement noun, the gazetteer, a dateline), places the model missed, lists of places
split, and places acting as groups retyped. Open this module to change when a name is a place."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import (
    ACTOR_OBJECT_VERBS,
    ACTOR_OF_NOUNS,
    ACTOR_SUBJECT_VERBS,
    COMPASS_WORDS,
    GAZETTEER_CUES,
    JOINING_PARTICLES,
    MEMBER_NOUNS,
    NAME_PARTICLES,
)
from claimx.knowledge.rule_files import Words
from claimx.nlp.tokens import PLACE_LABELS

# Words after a name that make it a language or a dialect, not a place ("the Upper X dialect").
_SPEECH_NOUNS = frozenset({"language", "languages", "dialect", "dialects"})
# Organisation words that also name landforms ("South Bank", "Dogger Bank"): a place ending in one stays a place.
_LANDFORM_WORDS = frozenset({"bank"})
# Place words that often stand before "of <place>" without making one name with it ("the State of X" is
# mostly said of X itself, "the Border of X"): a place keeps its own name after them.
_OWNER_OF_WORDS = frozenset({"state", "border", "base"})
_PLACE_AFTER = frozenset({"river", "neighborhood", "neighbourhood", "province", "governorate", "district", "region"})


def place_by_evidence(span: Span, words: Words) -> Span:
    """A name the model typed as an organisation that the text places on a map: "the town of X", "the
    X river", "X province", or a lone name right after "in" that no organisation word heads ("attacks in
    X and Y")."""
    if span.label_ != "ORG" or not all(t.is_title or t.text == "-" for t in span):
        return span
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    as_place = Span(doc, span.start, span.end, label="GPE")
    if nxt is not None and nxt.lower_ in _PLACE_AFTER and nxt.is_lower:
        return as_place
    if len(span) > 1 and span[-1].lower_ in words["facility_heads"]:
        return Span(doc, span.start, span.end, label="LOC")  # "X Dam", "Y Airfield": a structure on a map
    if before is not None and before.lower_ == "of" and span.start >= 2:
        noun = doc[span.start - 2]
        if noun.lower_ in words["settlement_nouns"] or (noun.lower_ == "island"):
            return as_place
    lone = len(span) == 1 and span[0].text.lower() not in words["org_heads"] and not span[0].text.isupper()
    listed = (nxt is not None and nxt.text in (",", "and")) or (before is not None and before.text in (",", "and"))
    if lone and before is not None and before.lower_ in ("in", "near") and not listed:
        return as_place
    if lone and listed:
        k = span.start - 1
        while k >= 0 and (doc[k].text in (",", "and") or doc[k].is_title):
            k -= 1
        if k >= 0 and doc[k].lower_ in ("in", "near") and span.start - k <= 8:
            return as_place  # "attacks in A, B and C"
    return span


def is_dateline(span: Span) -> bool:
    """A name in capitals at the head of a line, followed by a comma, a dash or a colon ("KARACHI:", the
    dateline style of South Asian papers): a dateline place."""
    doc = span.doc
    at_line_start = span.start == 0 or "\n" in doc[span.start - 1].text or doc[span.start - 1].is_space
    nxt = doc[span.end].text if span.end < len(doc) else ""
    return at_line_start and nxt in (",", "-", "–", "—", "(", ":")


def gazetteer_places(doc: Doc, ents: list[Span], title_tokens: set[int], words: Words) -> list[Span]:
    """Places the model left untagged: a name the gazetteer knows after a preposition ("fighting in
    Aleppo", "attacks on Aleppo"), and any capitalised name after "near" ("Near Varosh, two strikes")."""
    taken = {i for e in ents for i in range(e.start, e.end)} | title_tokens
    found: list[Span] = []
    i = 1
    while i < len(doc):
        tok = doc[i]
        prev = doc[i - 1].lower_
        if i in taken or not tok.is_title or not tok.is_alpha or prev not in GAZETTEER_CUES:
            i += 1
            continue
        end = i
        while (
            end < len(doc)
            and end - i < 4
            and end not in taken
            and (doc[end].is_title or doc[end].text == "-" or (doc[end].lower_ in NAME_PARTICLES and end > i))
        ):
            end += 1
        while end > i + 1 and not doc[end - 1].is_title:
            end -= 1  # a name ends in a capitalised word
        for stop in range(end, i, -1):
            if doc[stop - 1].is_alpha and gazetteer.lookup_place(doc[i:stop].text) is not None:
                start = i
                if (
                    prev == "of"
                    and i >= 2
                    and i - 2 not in taken
                    and doc[i - 2].is_title
                    and doc[i - 2].lower_ in words["place_of_heads"]
                ):
                    start = i - 2  # "Bay of <place>" is one place
                found.append(Span(doc, start, stop, label="GPE"))
                break
        else:
            if prev == "near" and not gazetteer.is_nationality(doc[i:end].text):
                found.append(Span(doc, i, end, label="GPE"))
        i = end
    return found


def retype_acting_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name the model typed as a place but that the gazetteer does not know, and that the text shows
    acting as a group (it claims attacks, is fought against or defeated, has fighters, "the defeat of X"), is an
    organisation, in all its mentions."""
    acting: set[str] = set()
    for e in ents:
        if (
            e.label_ not in PLACE_LABELS
            or gazetteer.lookup_place(e.text) is not None
            or e.text.lower() in COMPASS_WORDS
        ):
            continue  # "against the West" is a place acting
        root = e.root
        head = root.head
        nxt = doc[e.end] if e.end < len(doc) else None
        if (
            (root.dep_ == "pobj" and (head.lower_ in ("against", "by") or head.dep_ == "agent"))
            or (root.dep_ == "dobj" and head.lemma_.lower() in ACTOR_OBJECT_VERBS)
            or (root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ACTOR_SUBJECT_VERBS)
            or (root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ACTOR_OF_NOUNS)
            or (nxt is not None and nxt.lower_ in MEMBER_NOUNS)
        ):
            acting.add(e.text.lower())
    if not acting:
        return ents
    return [
        Span(doc, e.start, e.end, label="ORG") if e.label_ in PLACE_LABELS and e.text.lower() in acting else e
        for e in ents
    ]


def place_names(ents: list[Span], words: Words) -> tuple[set[str], set[str]]:
    """The names the article's place mentions give a place: each place's text, and the name inside
    "X River", "Lake X", "X Dam" (the part before or after a place word). The second set holds the
    names that a place word or "the town of" makes a place beyond doubt."""
    heads = words["place_of_heads"] | words["facility_heads"]
    names: set[str] = set()
    sure: set[str] = set()
    for e in ents:
        if e.label_ not in PLACE_LABELS:
            continue
        names.add(e.text)
        doc = e.doc
        if e.start >= 2 and doc[e.start - 1].lower_ == "of" and doc[e.start - 2].lower_ in words["settlement_nouns"]:
            sure.add(e.text)
        if len(e) > 1 and e[-1].lower_ in heads and e[-2].is_title:
            sure.add(e[:-1].text)
        if len(e) > 1 and e[0].lower_ in heads and e[0].is_title and e[1].is_title:
            sure.add(e[1:].text)
    return names | sure, sure


def place_mentions(doc: Doc, ents: list[Span], people: list[Span], words: Words) -> list[Span]:
    """A name the article uses as a place ("the X River", "Lake Y", "in Z") is a place in its other
    mentions too, where the model typed it a person or an organisation. A titled person's name stays a
    person; an organisation keeps its type unless the article calls it a place more often, or a place
    word or "the town of" makes a name the gazetteer does not know a place beyond doubt (a club named
    after its town in a results table is mostly typed an organisation and only "in X" a place; an
    acronym stays an organisation).
    One-word people listed with such a place ("the assault on X and Y") are places too."""
    names, sure = place_names(ents, words)
    if not names:
        return ents
    titled = {w for p in people for w in (p.text, p[-1].text)}
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    places = {n: sum(1 for e in ents if e.label_ in PLACE_LABELS and n in e.text) for n in names}
    orgs = {n: sum(1 for e in ents if e.label_ == "ORG" and e.text == n) for n in names}

    def is_place(e: Span) -> bool:
        text = e.text
        if any(t.is_digit for t in e) or text.isupper():
            return e.label_ in PLACE_LABELS
        if e.label_ in PLACE_LABELS:
            return True
        if text not in names:
            return False
        if e.label_ == "PERSON":
            return text not in titled and text not in surnames
        sure_place = text in sure and gazetteer.lookup_place(text) is None  # a known town may name its club
        return e.label_ == "ORG" and (places[text] > orgs[text] or sure_place)

    retyped = [
        Span(doc, e.start, e.end, label="GPE") if e.label_ not in PLACE_LABELS and is_place(e) else e for e in ents
    ]
    listed = _listed_with_places(doc, retyped, titled | surnames)
    if not listed:
        return retyped
    return [Span(doc, e.start, e.end, label="GPE") if e.label_ == "PERSON" and e.text in listed else e for e in retyped]


def _listed_with_places(doc: Doc, ents: list[Span], people_words: set[str]) -> set[str]:
    """One-word untitled people joined by "and" to a place ("X and Y"), in either order. In a parsed
    Doc, only names mentioned more than once and never as a subject (the parser joins "moved to X and
    Y stayed" as if Y were a place too)."""
    by_start = {e.start: e for e in ents}
    by_end = {e.end: e for e in ents}
    parsed = doc.has_annotation("DEP")
    mentions: dict[str, list[Span]] = {}
    for e in ents:
        if e.label_ == "PERSON":
            mentions.setdefault(e.text, []).append(e)
    found: set[str] = set()
    for e in ents:
        if e.label_ != "PERSON" or len(e) != 1 or e.text in people_words:
            continue
        own = mentions[e.text]
        if parsed and (len(own) < 2 or any(m.root.dep_ in ("nsubj", "nsubjpass") for m in own)):
            continue  # a person is the subject somewhere; one mention is too little to go on
        before = by_end.get(e.start - 1) if e.start >= 1 and doc[e.start - 1].lower_ == "and" else None
        after = by_start.get(e.end + 1) if e.end < len(doc) and doc[e.end].lower_ == "and" else None
        for other in (before, after):
            if other is None or other.label_ not in PLACE_LABELS:
                continue
            # In a parsed Doc the two must be conjuncts: "visited Varna and Tesh stayed" joins clauses.
            if not parsed or e.root.head == other.root or other.root.head == e.root:
                found.add(e.text)
    return found


def split_place_list(span: Span) -> list[Span]:
    """Split a place span the model glued over a list ("Lyon, Marseille") when every part is a known place."""
    if span.label_ not in PLACE_LABELS or not any(t.text in (",", "and") for t in span):
        return [span]
    parts: list[Span] = []
    start = span.start
    for tok in span:
        if tok.text in (",", "and"):
            if tok.i > start:
                parts.append(Span(span.doc, start, tok.i, label=span.label_))
            start = tok.i + 1
    if span.end > start:
        parts.append(Span(span.doc, start, span.end, label=span.label_))
    if len(parts) > 1 and all(gazetteer.lookup_place(p.text) is not None for p in parts):
        return parts
    return [span]


def place_name_parts(doc: Doc, ents: list[Span], words: Words) -> list[Span]:
    """Places cut short or glued to a word not their own:
    - a particle and the word before it belong to the name ("Wadi al | Qarn", "Tell el | Sur Province");
    - a capitalised place word and "of" before a place make one name ("Bay of | Varna", "Upper
      Kingdom | of | Varna");
    - a sentence-opening verb is not part of the place after it ("Visiting X district")."""
    heads = words["place_of_heads"] - _OWNER_OF_WORDS
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    skip: set[int] = set()
    for e in sorted(ents, key=lambda s: s.start):
        if e.start in skip:
            continue
        if e.label_ not in PLACE_LABELS:
            out.append(e)
            continue
        start = e.start
        while (
            start >= 2
            and doc[start - 1].lower_ in JOINING_PARTICLES
            and doc[start - 1].is_lower
            and doc[start - 2].is_title
            and doc[start - 2].is_alpha
            and not doc[start - 2].is_sent_start
            and start - 2 not in taken
            and start - 1 not in taken
        ):
            start -= 2
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].is_title:
            head = doc[start - 2]
            before = taken.get(head.i)
            if head.lower_ in heads and before is None:
                start = head.i
            elif head.lower_ in heads and before is not None and before.label_ in PLACE_LABELS:
                if out and out[-1].start == before.start:
                    out.pop()
                start = before.start
        if (
            e.end - start > 1
            and doc[start].is_sent_start
            and doc[start].pos_ == "VERB"
            and gazetteer.lookup_place(doc[start].text) is None
        ):
            start += 1
        out.append(Span(doc, start, e.end, label=e.label_) if start != e.start else e)
    return out


def not_places(doc: Doc, ents: list[Span], words: Words) -> list[Span]:
    """What the model typed a place but is none: a lone organisation word ("University"), a name ending in
    one ("X Branch", an organisation), people named by their service ("Guardsmen"), a language."""
    out: list[Span] = []
    for e in ents:
        if e.label_ in PLACE_LABELS and gazetteer.lookup_place(e.text) is None:
            last = e[-1]
            nxt = doc[e.end] if e.end < len(doc) else None
            if last.lower_ in words["org_heads"] and last.lower_ not in _LANDFORM_WORDS:
                if len(e) == 1 and last.lower_ not in words["legislature_heads"]:
                    continue
                out.append(Span(doc, e.start, e.end, label="ORG"))  # "X Branch"; a bare "Senate" is one body
                continue
            if (
                last.is_title
                and len(last) > 5
                and last.lower_.endswith("men")
                and gazetteer.lookup_place(last.text) is None
            ):
                continue  # "Guardsmen", "Servicemen": people
            if nxt is not None and nxt.lower_ in _SPEECH_NOUNS:
                continue
        out.append(e)
    return out
