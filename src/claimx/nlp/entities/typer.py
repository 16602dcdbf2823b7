"""`claimx_entities`: rewrites `doc.ents` with evidence the small model lacks.

It keeps the model's PERSON, ORG, GPE/LOC/FAC and DATE entities where the evidence agrees, adds the
people `claimx_people` found after titles and the organisations and places of the rule files,
corrects types with the offline gazetteer, drops what names no entity (nationalities, vessels,
events, things, heading words the body never uses), and records acronyms defined in brackets.
Open this module to change what becomes an entity and of which type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import (
    COMPASS_WORDS,
    PLACE_PREPOSITIONS,
    ROLE_AFTER_ORG,
)
from claimx.knowledge.rule_files import Words
from claimx.nlp.component import WordsComponent
from claimx.nlp.doc import ACRONYMS, PEOPLE, RULES, TITLES
from claimx.nlp.entities.date_spans import date_spans
from claimx.nlp.entities.organisations import company_names, org_name_parts, org_persons
from claimx.nlp.entities.people import KEPT_LABELS
from claimx.nlp.entities.places import (
    gazetteer_places,
    is_dateline,
    not_places,
    place_by_evidence,
    place_mentions,
    place_name_parts,
    retype_acting_places,
    split_place_list,
)
from claimx.nlp.entities.shapes import join_particle_compounds, not_a_name_of_this_type, person_name_parts, whole_words
from claimx.nlp.tokens import PLACE_LABELS, heading_lines, inside, trim_span

_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z&.]{1,9}")


# Rule families of `claimx_entities`, each switched on or off by the component's config (`bench/ablate.py`
# measures what each contributes). Switching one off leaves the model's entities as they were for it.
RULE_FAMILIES: dict[str, str] = {
    "headings": "drop names in headline and caption lines that the body never uses",
    "gazetteer_retype": "retype ORG/PERSON to place when the gazetteer knows the name",
    "gazetteer_places": "add places the model missed after a preposition",
    "event_words": "drop 'X Summit', 'Y Agreement', 'Operation Z' (events, not organisations)",
    "acting_places": "a place that acts as a group (claims attacks, has fighters) is an organisation",
    "place_lists": "split 'Lyon, Marseille' into places",
    "coordinated_orgs": "'Union of A and B' is one organisation",
    "rule_entities": "organisations and places of the rule files (models/*.jsonl)",
    "person_evidence": "people by evidence: no digits, no holidays, 'the town of X', 'the X tribe', full names",
    "transliterations": "drop the original-script name in '(Arabic: ...)' brackets",
    "group_names": "capitalised 'the Coalition' and acronyms the model called a nationality are organisations",
    "date_spans": "date mentions made whole ('Friday evening', 'Friday Oct. 17', holidays by name), lists of years"
    " split; recurring days ('each Sunday'), dashed ranges and numbers in names ('Flight 3021') give no date",
    "place_evidence": "'the town of X', 'X river', 'in X' make an organisation-typed name a place",
    "place_mentions": "a name the article uses as a place ('the X River', 'Lake Y') is a place in its other mentions",
    "place_name_parts": "'Wadi al | Qarn', 'Bay of | X' are one place; a sentence-opening verb is no part of one",
    "not_places": "a lone 'University', 'X Branch', 'Guardsmen', 'the X dialect' are no places",
    "org_name_parts": "bodies glued into one are split; 'X Department | of the Y' is one; '- Operation Z' ends one",
    "org_persons": "an organisation-typed name described as one person ('X Y, the adviser to') or speaking of"
    " itself as 'he' ('X Y said he would') is a person in all its mentions",
    "name_parts": "a personal name runs over a surname particle ('Marco | de Santis') and a quoted nickname",
    "company_names": "a name ending in a legal form ('X AG', 'Y & Co') or after 'the firm', 'the insurer' is a company",
    "name_shapes": "names span hyphens ('Asia-Pacific'); '747 Jumbo', 'X House', 'Y Nation' are no person or org",
}


class EntityTyper(WordsComponent):
    """Rewrites doc.ents: people after titles, places and organisations by rule and gazetteer."""

    def __init__(self, words: Words | None = None, disabled: Iterable[str] = ()) -> None:
        super().__init__(words)
        self.disabled = frozenset(disabled)

    def on(self, family: str) -> bool:
        """Whether a rule family is switched on."""
        return family not in self.disabled

    def __call__(self, doc: Doc) -> Doc:
        words = self.words
        on = self.on
        prefix_end = doc._.claimx_prefix_end
        rules = list(doc.spans.get(RULES, []))
        people = list(doc.spans.get(PEOPLE, []))
        title_tokens = {i for s in doc.spans.get(TITLES, []) for i in range(s.start, s.end)}
        person_tokens = {i for p in people for i in range(p.start, p.end)}
        model_ents = [e for e in doc.ents if e.label_ in KEPT_LABELS and e.end_char > prefix_end]
        if on("date_spans"):
            model_ents = [e for e in model_ents if e.label_ != "DATE"] + date_spans(doc, prefix_end)
        if on("group_names"):
            model_ents = [norp_as_org(e) for e in model_ents]

        candidates = [
            span
            for span in (_trim(e) for e in model_ents)
            if span is not None and self._keeps(span, person_tokens, title_tokens)
        ]
        if on("person_evidence"):
            candidates = [c for c in (person_by_evidence(c, words) for c in candidates) if c is not None]
        if on("place_evidence"):
            candidates = [place_by_evidence(c, words) for c in candidates]
        if on("name_shapes"):
            candidates = [c for c in (not_a_name_of_this_type(c, words) for c in candidates) if c is not None]
        rule_spans: list[Span] = []
        for s in filter_spans([s for s in rules if s.label_ in ("ORG", "PLACE") and on("rule_entities")]):
            span = trim_span(s)
            if span is None or person_tokens.intersection(range(span.start, span.end)):
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if span.label_ == "ORG" and nxt is not None and nxt.lower_ in ROLE_AFTER_ORG:
                continue  # "Navy Chief" is an office
            if span.label_ == "PLACE" and any(t.pos_ in ("VERB", "AUX") for t in span):
                continue  # "Floods Close Old Bridge": a headline's verb starts no place name
            if span.label_ == "ORG" and nxt is not None and nxt.is_title and nxt.lower_ in words["facility_heads"]:
                continue  # "X Army Airfield": the force names a structure, which the model's span keeps
            if (
                span.label_ == "PLACE"
                and span[-1].is_lower
                and all(t.ent_type_ == "NORP" or gazetteer.is_nationality(t.text) for t in span[:-1])
            ):
                continue  # "a Canadian province": a nationality and a cue word describe a place, not name one
            end = span.end
            if span.label_ == "PLACE" and nxt is not None and nxt.is_title and nxt.lower_ in COMPASS_WORDS:
                end += 1  # "X Airfield West" names one of two fields
            rule_spans.append(Span(doc, span.start, end, label="ORG" if span.label_ == "ORG" else "LOC"))
        rule_tokens = {i for s in rule_spans for i in range(s.start, s.end)}
        candidates = [c for c in candidates if not rule_tokens.intersection(range(c.start, c.end))]

        fixed: list[Span] = []
        for cand in candidates + rule_spans:
            span = retype(cand, people, words, use_gazetteer=on("gazetteer_retype"))
            if span is None:
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if (
                span.label_ == "ORG"
                and len(span) == 1
                and span.text.lower() in words["org_heads"]
                and span.text.lower() not in words["legislature_heads"]
            ):
                continue  # a bare "Army" or "Navy" names no particular force
            if span.label_ == "ORG" and nxt is not None and nxt.lower_ in ROLE_AFTER_ORG and len(span) == 1:
                continue
            fixed.extend(split_place_list(span) if on("place_lists") else [span])
        ents = filter_spans(people + fixed)
        if on("name_shapes"):
            ents = join_particle_compounds(doc, filter_spans(whole_words(doc, ents)))
        if on("name_parts"):
            ents = filter_spans(person_name_parts(doc, ents))
        if on("company_names"):
            ents = filter_spans(company_names(doc, ents, words))
        if on("org_name_parts"):
            ents = org_name_parts(doc, ents, words)
        if on("org_persons"):
            ents = org_persons(doc, ents, words)
        if on("coordinated_orgs"):
            ents = join_coordinated_org_names(doc, ents)
        if on("place_name_parts"):
            ents = filter_spans(place_name_parts(doc, ents, words))
        if on("not_places"):
            ents = not_places(doc, ents, words)
        if on("place_mentions"):
            ents = place_mentions(doc, ents, people, words)
        if on("gazetteer_places"):
            ents = ents + gazetteer_places(doc, ents, title_tokens, words)
        if on("group_names"):
            ents = ents + named_groups(doc, ents, title_tokens, words)
        if on("acting_places"):
            ents = retype_acting_places(doc, ents)
        if on("transliterations"):
            ents = drop_transliterations(doc, ents)
        if on("headings"):
            ents = drop_heading_entities(doc, ents, heading_lines(doc))
        doc.ents = sorted(ents, key=lambda s: s.start)
        find_acronyms(doc)
        return doc

    def _keeps(self, span: Span, person_tokens: set[int], title_tokens: set[int]) -> bool:
        """Whether a model entity (trimmed) stays a candidate at all."""
        if span.label_ == "NORP":
            return False  # nationalities are neither places nor organisations
        if span[0].text in self.words["vessel_prefixes"]:
            return False  # ships ("HMS Example") are vessels, not people or places
        if span.label_ != "PERSON" and self.on("event_words") and is_event_name(span, self.words):
            return False  # summits, agreements and military operations are events, not organisations or places
        if span.label_ != "PERSON" and len(span) == 1 and span.text in self.words["thing_acronyms"]:
            return False  # "VBIED", "UAV": things, not organisations
        if span.label_ == "PERSON" and span[-1].is_alpha and span[-1].is_lower:
            return False  # "Zagros mountains", "Yazidi traditions": a common noun ends no personal name
        if span.label_ in PLACE_LABELS and not any(ch.isupper() for ch in span.text):
            return False  # "officer", "diseases": a place name is capitalised
        if person_tokens.intersection(range(span.start, span.end)):
            return False
        covered = sum(1 for i in range(span.start, span.end) if i in title_tokens)
        return covered * 2 < len(span)  # "Naval Staff" inside "Chief of Naval Staff" is an office


def _trim(span: Span) -> Span | None:
    """trim_span, except that a date keeps its article ("a year ago" is the date's own text)."""
    trimmed = trim_span(span)
    if (
        trimmed is not None
        and span.label_ == "DATE"
        and span[0].lower_ in ("a", "an")
        and trimmed.start == span.start + 1
    ):
        return Span(span.doc, span.start, trimmed.end, label="DATE")
    return trimmed


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


def norp_as_org(span: Span) -> Span:
    """A group the model called a nationality but that no nationality list knows, written as an acronym
    ("XYZL fighters" -> ORG): an organisation. Real nationality and religion words stay NORP (dropped)."""
    if span.label_ != "NORP" or len(span) != 1 or gazetteer.is_nationality(span.text):
        return span
    text = span.text
    if text.isupper() and text.isalpha() and 3 <= len(text) <= 6:
        return Span(span.doc, span.start, span.end, label="ORG")
    return span


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in letters)


def _is_initial(tok: Token) -> bool:
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def person_by_evidence(span: Span, words: Words) -> Span | None:
    """What a model PERSON really is, by what the text says around it:
    - a name with a digit, in another script or naming a holiday ("Eid") is no person;
    - a lone common noun labelling a line ("QUESTION:") is no person;
    - "the town of X" makes X a place, "X Barrage" a place, "the X tribe" a group;
    - a name cut before its last part ("Nadia Farah | Osei") is extended when the parse joins them."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if (
        span.label_ == "ORG"
        and len(span) <= 2
        and nxt is not None
        and nxt.lower_ in ("regime", "administration")
        and all(t.is_title for t in span)
        and gazetteer.lookup_place(span.text) is None
        and not gazetteer.is_nationality(span.text)
    ):
        return Span(doc, span.start, span.end, label="PERSON")  # "the X regime": named after its leader
    if span.label_ != "PERSON":
        return span
    if any(c.isdigit() for c in span.text) or not _latin(span.text):
        return None
    if span.text in words["holiday_names"] or span[0].text in words["holiday_names"]:
        return None
    if len(span) == 1 and span[0].pos_ != "PROPN" and nxt is not None and nxt.text == ":":
        return None
    if nxt is not None and nxt.lower_ in words["group_nouns"]:
        return Span(doc, span.start, span.end, label="ORG")
    if span[-1].lower_ in words["place_of_heads"] or span[-1].lower_ in words["facility_heads"]:
        return Span(doc, span.start, span.end, label="LOC")
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in words["settlement_nouns"]
        and not _is_initial(span[0])
    ):
        return Span(doc, span.start, span.end, label="GPE")
    # A last name the model left out: the span's head hangs on a capitalised proper noun right after it.
    end = span.end
    while (
        end < len(doc)
        and end - span.start < 5
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].is_sent_start
        and doc[end].ent_type_ in ("", "PERSON")
        and doc[end - 1].head.i == end
        and doc[end - 1].dep_ in ("compound", "flat", "nmod")
    ):
        end += 1
    if end != span.end:
        return Span(doc, span.start, end, label="PERSON")
    return span


def named_groups(doc: Doc, ents: list[Span], title_tokens: set[int], words: Words) -> list[Span]:
    """A capitalised group word in running text ("support from the Coalition", "Coalition aircraft")
    names one particular group: an organisation, when no entity covers it already."""
    taken = {i for e in ents for i in range(e.start, e.end)} | title_tokens
    group_words = set(words["named_group_words"])
    found: list[Span] = []
    for tok in doc:
        if tok.text not in group_words or tok.i in taken:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].is_title and doc[tok.i + 1].pos_ == "PROPN":
            continue  # "Coalition Provisional Authority": a longer name the model left out
        found.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
    return found


def drop_transliterations(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name given in another language inside brackets ("X (Arabic: ..., Kurdish: Y)") is the preceding
    name again, not a new entity: entities after a language label inside an open bracket are dropped."""
    if "(" not in doc.text:
        return ents
    out: list[Span] = []
    for e in ents:
        k = e.start - 1
        labelled = False
        while k >= 0 and e.start - k <= 15 and doc[k].text != ")" and "\n" not in doc[k].text:
            if doc[k].text == "(":
                break
            if doc[k].text == ":" and k > 0 and gazetteer.is_nationality(doc[k - 1].text):
                labelled = True
            k -= 1
        if labelled and k >= 0 and doc[k].text == "(" and e.label_ != "DATE":
            continue
        out.append(e)
    return out


def retype(span: Span, people: list[Span], words: Words, use_gazetteer: bool = True) -> Span | None:
    """Correct the model's label with the gazetteer: places typed ORG or PERSON, nationalities,
    an owner glued to an organisation ("Z's Unity Party"; an organisation owner before what it
    owns keeps the name: "the X Ministry's Y"), a hyphenated pair of places."""
    org_heads = words["org_heads"]
    if span.label_ == "ORG":
        poss = [t.i for t in span if t.lower_ in ("'s", "’s") and span.start < t.i < span.end - 1]
        if poss:
            owner = span.doc[span.start : poss[-1]]
            if owner[-1].lower_ in org_heads and span[-1].lower_ not in org_heads:
                span = Span(span.doc, owner.start, owner.end, label="ORG")  # "the X Department's Y and Z" (products)
            else:
                span = Span(span.doc, poss[-1] + 1, span.end, label="ORG")
    text = span.text
    if "-" in text and all(gazetteer.lookup_place(p) is not None for p in text.split("-") if p):
        return None  # "Lagos-Accra" names a route between places, not an organisation or a place
    if gazetteer.is_nationality(text):
        return None
    if span.label_ == "PERSON" and text in {w for p in people for w in (p.text, p[-1].text)}:
        return span  # a titled person's name ("President Obama") is not a town of that name
    before = span.doc[span.start - 1] if span.start > 0 else None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if span.label_ == "PERSON" and len(span) > 1 and span[-1].lower_ in org_heads:
        return Span(span.doc, span.start, span.end, label="ORG")  # "Korvat Brigades", "Delta Battery"
    if (
        span.label_ == "PERSON"
        and before is not None
        and before.lower_ in PLACE_PREPOSITIONS
        and not (after is not None and after.lower_ in ("'s", "’s"))
    ):
        return Span(span.doc, span.start, span.end, label="GPE")  # "near Palmyra", "in Tel Oren"
    if span.label_ in ("ORG", "PERSON") and use_gazetteer:
        if span.label_ == "ORG" and span[-1].lower_ in org_heads:
            return span
        if span.label_ == "PERSON" and before is not None and _is_initial(before):
            return span  # "R. Tamworth": a person whose surname is also a town
        if span.label_ == "ORG" and text.isupper() and len(text) > 3 and not is_dateline(span):
            return span  # "LEEDSVILLE", "PORTMORE" in a results table: teams written in capitals
        if gazetteer.lookup_place(text) is not None:
            return Span(span.doc, span.start, span.end, label="GPE")
    return span


def join_coordinated_org_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """An organisation named after two places, which the model cuts at "and" ("Union of Arland and the
    Borders" -> ORG "Union of Arland" + place "Borders"): when the organisation ends in "of <place>"
    and "and (the) <place>" follows, the second place is part of its name."""
    by_start = {e.start: e for e in ents}
    out: list[Span] = []
    skip: set[int] = set()
    for e in ents:
        if e.start in skip:
            continue
        if e.label_ == "ORG":
            of = [t.i for t in e if t.lower_ == "of"]
            k = e.end
            # "Governments of X and the Y" lists two governments: the head must be singular.
            singular = bool(of) and of[0] > e.start and doc[of[0] - 1].tag_ not in ("NNS", "NNPS")
            singular = singular and not doc[of[0] - 1].lower_.endswith("s")
            if (
                singular
                and gazetteer.lookup_place(doc[of[-1] + 1 : e.end].text) is not None
                and k + 1 < len(doc)
                and doc[k].lower_ == "and"
            ):
                k += 1
                if doc[k].lower_ == "the":
                    k += 1
                nxt = by_start.get(k)
                if (
                    nxt is not None
                    and nxt.label_ in PLACE_LABELS
                    and len(nxt) <= 3
                    and gazetteer.lookup_place(nxt.text) is not None
                    and not (nxt.end < len(doc) and doc[nxt.end].lower_ == "of")
                ):
                    out.append(Span(doc, e.start, nxt.end, label="ORG"))
                    skip.add(nxt.start)
                    continue
        out.append(e)
    return out


def drop_heading_entities(doc: Doc, ents: list[Span], headings: list[tuple[int, int]]) -> list[Span]:
    """In caption and headline lines keep only names that the body text or the gazetteer confirms."""
    if not headings:
        return ents
    body = {e.text.lower() for e in ents if not inside(headings, e.start_char, e.end_char)}
    kept = []
    for e in ents:
        if inside(headings, e.start_char, e.end_char):
            if (
                e.label_ == "DATE"
                or e.text.lower() in body
                or (e.label_ in PLACE_LABELS and gazetteer.lookup_place(e.text) is not None)
            ):
                kept.append(e)
            continue
        kept.append(e)
    return kept


def find_acronyms(doc: Doc) -> None:
    """Acronyms defined in brackets after a name ("Northern Shipyards Korvat (NSK)"): each becomes an
    entity of the name's type if it is not one already, and a span of `claimx_acronyms` that says
    (in `claimx_expands`) where the name it stands for starts."""
    ents = list(doc.ents)
    new: list[Span] = []
    acronyms: list[Span] = []
    for ent in ents:
        if ent.label_ not in ("ORG", "GPE", "LOC", "FAC"):
            continue
        k = ent.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")":
            acro = doc[k + 1]
            if _ACRONYM_RE.fullmatch(acro.text) and sum(c.isupper() for c in acro.text) >= 2:
                span = Span(doc, acro.i, acro.i + 1, label=ent.label_)
                span._.claimx_expands = ent.start_char
                acronyms.append(span)
                if not any(e.start <= acro.i < e.end for e in ents):
                    new.append(span)
    doc.spans[ACRONYMS] = acronyms
    if new:
        doc.ents = sorted(filter_spans(ents + new), key=lambda s: s.start)
