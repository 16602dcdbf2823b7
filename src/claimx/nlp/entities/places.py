"""Places by evidence, for `claimx_entities`: what the text around a name says about it being a place
(a preposition, a settlement noun, the gazetteer, a dateline), places the model missed, lists of places
split, where a place's name starts, what is no place, and places acting as groups retyped. Open this
module to change when a name is a place."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.datelines import DATELINE_PUNCTUATION, top_lines
from claimx.knowledge.lexicon import (
    ACTOR_OBJECT_VERBS,
    ACTOR_OF_NOUNS,
    ACTOR_SUBJECT_VERBS,
    ARTICLES,
    CLOSING_QUOTE_MARKS,
    COMPASS_WORDS,
    GAZETTEER_CUES,
    HEADING_FUNCTION_WORDS,
    JOINING_PARTICLES,
    LANGUAGE_NOUNS,
    LOCATIVE_PREPOSITIONS,
    MEMBER_NOUNS,
    NAME_PARTICLES,
    OPENING_QUOTE_MARKS,
    PLACE_PREPOSITIONS,
)
from claimx.knowledge.rule_files import Words
from claimx.nlp.doc import doc_text
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import (
    GPE,
    LOC,
    ORG,
    PERSON,
    PLACE_LABELS,
    is_initial,
    on_a_dateline,
    opens_line,
    split_at,
    token_after,
    token_before,
    tokens_of,
    tokens_with,
)

# Organisation words that also name landforms ("South Bank", "Dogger Bank"): a place ending in one stays a place.
_LANDFORM_WORDS = frozenset({"bank"})
_POSSESSIVES = frozenset({"'s", "’s"})
# Letters of a word for people by their service ("Guardsmen"; "Women" is too short to be one).
_MIN_SERVICE_WORD = 6
_LIST_WORDS = frozenset({",", "and"})
# "attacks in A, B and C": a listed name is a place when "in" or "near" stands at most this many tokens before it.
MAX_LIST_REACH = 8
# A place the gazetteer finds after a preposition has at most this many tokens ("Bay of | Ras al Varna").
MAX_PLACE_NAME = 4


def place_evidence(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Each organisation-typed name that the text places on a map is a place (see `place_by_evidence`)."""
    return [place_by_evidence(span, ctx.words) for span in spans]


def place_by_evidence(span: Span, words: Words) -> Span:
    """A name the model typed as an organisation that the text places on a map: "the town of X", "the
    X river", "X province", or a lone name right after "in" that no organisation word heads ("attacks in
    X and Y")."""
    if span.label_ != ORG or not all(t.is_title or t.text == "-" for t in span):
        return span
    doc = span.doc
    nxt = token_after(span)
    before = token_before(span)
    as_place = Span(doc, span.start, span.end, label=GPE)
    if nxt is not None and nxt.lower_ in words["place_after_nouns"] and nxt.is_lower:
        return as_place
    if len(span) > 1 and span[-1].lower_ in words["facility_heads"]:
        return Span(doc, span.start, span.end, label=LOC)  # "X Dam", "Y Airfield": a structure on a map
    if before is not None and before.lower_ == "of" and span.start >= 2:
        noun = doc[span.start - 2]
        if noun.lower_ in words["settlement_nouns"] or (noun.lower_ == "island"):
            return as_place
    lone = len(span) == 1 and span[0].text.lower() not in words["org_heads"] and not span[0].text.isupper()
    listed = (nxt is not None and nxt.text in _LIST_WORDS) or (before is not None and before.text in _LIST_WORDS)
    if lone and before is not None and before.lower_ in ("in", "near") and not listed:
        return as_place
    if lone and listed and span.root.dep_ not in ("nsubj", "nsubjpass"):
        # A clause's subject ("in A, B, X interviewed ...") stands outside the phrase after "in".
        k = span.start - 1
        while k >= 0 and (doc[k].text in _LIST_WORDS or doc[k].is_title):
            k -= 1
        if k >= 0 and doc[k].lower_ in ("in", "near") and span.start - k <= MAX_LIST_REACH:
            return as_place  # "attacks in A, B and C"
    return span


def is_dateline(span: Span) -> bool:
    """A name in capitals at the head of a line, followed by a comma, a dash or a colon ("KARACHI:", the
    dateline style of South Asian papers): a dateline place."""
    doc = span.doc
    at_line_start = span.start == 0 or "\n" in doc[span.start - 1].text or doc[span.start - 1].is_space
    nxt = doc[span.end].text if span.end < len(doc) else ""
    return at_line_start and nxt in DATELINE_PUNCTUATION


def place_prepositions(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A PERSON right after a place preposition ("near Palmyra", "in Tel Oren") is a place, unless a
    possessive follows it ("in Dana's view"), it is a titled person's name, or the parse makes it a
    modifier of the common noun after it, which is then what the preposition governs ("in Marvo
    stampede"; a place noun there, "in Marvo district", still makes it a place)."""
    words = ctx.words
    place_nouns = words["place_cues"] | words["settlement_nouns"] | words["facility_heads"]
    return [_after_a_place_preposition(span, ctx.titled_names, place_nouns) for span in spans]


def _after_a_place_preposition(span: Span, titled_names: frozenset[str], place_nouns: frozenset[str]) -> Span:
    if span.label_ != PERSON or span.text in titled_names:
        return span
    before, after = token_before(span), token_after(span)
    if (
        before is None
        or before.lower_ not in PLACE_PREPOSITIONS
        or (after is not None and after.lower_ in _POSSESSIVES)
        or (after is not None and _modifies(span, after) and after.lower_ not in place_nouns)
    ):
        return span
    return Span(span.doc, span.start, span.end, label=GPE)


def _modifies(span: Span, noun: Token) -> bool:
    """Whether the parse makes a name a modifier of the lower-case common noun right after it."""
    return noun.pos_ == "NOUN" and noun.is_lower and span.root.head.i == noun.i and span.root.dep_ == "compound"


def gazetteer_retype(spans: list[Span], ctx: PassContext) -> list[Span]:
    """An organisation or a person the gazetteer knows as a place is a place (see `retyped_by_gazetteer`)."""
    return [retyped_by_gazetteer(span, ctx) for span in spans]


def retyped_by_gazetteer(span: Span, ctx: PassContext) -> Span:
    """A name typed ORG or PERSON that the gazetteer knows as a place, as a place; but a titled person's
    name ("President Obama") is no town of that name, a name ending in an organisation word stays an
    organisation, a surname after an initial ("R. Tamworth") a person, and a name in capitals (not a
    dateline) an organisation ("LEEDSVILLE", "PORTMORE" in a results table: teams)."""
    if span.label_ not in (ORG, PERSON):
        return span
    text = span.text
    before = token_before(span)
    if span.label_ == PERSON and (text in ctx.titled_names or (before is not None and is_initial(before))):
        return span
    if span.label_ == ORG and (
        span[-1].lower_ in ctx.words["org_heads"] or (text.isupper() and len(text) > 3 and not is_dateline(span))
    ):
        return span
    if gazetteer.lookup_place(text) is not None:
        return Span(span.doc, span.start, span.end, label=GPE)
    return span


def gazetteer_places(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Places the model left untagged, after the names: a name the gazetteer knows after a preposition
    ("fighting in Aleppo", "attacks on Aleppo"), and any capitalised name after "near" ("Near Varosh, two
    strikes")."""
    doc = ctx.doc
    taken = tokens_of(spans) | ctx.title_tokens
    found: list[Span] = []
    i = 1
    for cue in tokens_with(doc, "LOWER", GAZETTEER_CUES):
        if cue + 1 < i or cue + 1 >= len(doc):
            continue  # inside the place found last, or the last token
        i = cue + 1
        tok = doc[i]
        if i in taken or not tok.is_title or not tok.is_alpha:
            continue
        prev = doc[cue].lower_
        end = _capitalised_run_end(doc, i, taken)
        place = _known_place(doc, i, end, taken, ctx.words)
        if place is not None:
            found.append(place)
        elif prev == "near" and not gazetteer.is_nationality(doc[i:end].text):
            found.append(Span(doc, i, end, label=GPE))
        i = end
    return spans + found


def _capitalised_run_end(doc: Doc, start: int, taken: set[int]) -> int:
    """The end of the capitalised name that starts at `start` (particles and hyphens inside it)."""
    end = start
    while (
        end < len(doc)
        and end - start < MAX_PLACE_NAME
        and end not in taken
        and (doc[end].is_title or doc[end].text == "-" or (doc[end].lower_ in NAME_PARTICLES and end > start))
    ):
        end += 1
    while end > start + 1 and not doc[end - 1].is_title:
        end -= 1  # a name ends in a capitalised word
    return end


def _known_place(doc: Doc, start: int, end: int, taken: set[int], words: Words) -> Span | None:
    """The longest name from `start` within `end` that the gazetteer knows, with a capitalised place word
    and "of" before it ("Bay of <place>" is one place); None when it knows none."""
    for stop in range(end, start, -1):
        if doc[stop - 1].is_alpha and gazetteer.lookup_place(doc[start:stop].text) is not None:
            if (
                doc[start - 1].lower_ == "of"
                and start >= 2
                and start - 2 not in taken
                and doc[start - 2].is_title
                and doc[start - 2].lower_ in words["place_of_heads"]
            ):
                start -= 2
            return Span(doc, start, stop, label=GPE)
    return None


def dateline_places(spans: list[Span], ctx: PassContext) -> list[Span]:
    """The known places of a dateline at the top of the story ("BERLIN 1996-10-05", "AL-AIN , Arland
    1996-12-06": a line of capitalised words with a figure) are places, whatever the model typed them
    or when it left them out: the story was filed there."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    names = [n for start in top_lines(text) for n in _dateline_names(doc, start)]
    if not names:
        return spans
    at = {(n.start, n.end) for n in names}
    taken = {i for n in names for i in range(n.start, n.end)}
    out = [
        Span(doc, s.start, s.end, label=GPE) if (s.start, s.end) in at and s.label_ in (ORG, PERSON) else s
        for s in spans
        if (s.start, s.end) in at or taken.isdisjoint(range(s.start, s.end))
    ]
    covered = {(s.start, s.end) for s in out}
    return sorted(out + [n for n in names if (n.start, n.end) not in covered], key=lambda s: s.start)


def _dateline_names(doc: Doc, line_start: int) -> list[Span]:
    """The runs of capitalised words between commas on a dateline starting at `line_start` that the
    gazetteer knows, as places; [] when the line is no dateline."""
    first = doc.char_span(line_start, line_start + 1, alignment_mode="expand")
    if first is None or not on_a_dateline(first[0]) or not opens_line(first[0]):
        return []
    found: list[Span] = []
    k = first.start
    while k < len(doc) and "\n" not in doc[k].text:
        start = k
        while k < len(doc) and doc[k].is_alpha and doc[k].text[0].isupper():
            k += 1
        if k > start and gazetteer.lookup_place(doc[start:k].text) is not None:
            found.append(Span(doc, start, k, label=GPE))
        if k < len(doc) and doc[k].text != ",":
            break
        k += 1
    return found


def acting_places(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A name the model typed as a place but that the gazetteer does not know, and that the text shows
    acting as a group (it claims attacks, is fought against or defeated, has fighters, "the defeat of X"), is an
    organisation, in all its mentions."""
    acting = {
        e.text.lower()
        for e in spans
        if e.label_ in PLACE_LABELS
        and gazetteer.lookup_place(e.text) is None
        and e.text.lower() not in COMPASS_WORDS  # "against the West" is a place acting
        and _acts_as_a_group(e)
    }
    if not acting:
        return spans
    return [
        Span(ctx.doc, e.start, e.end, label=ORG) if e.label_ in PLACE_LABELS and e.text.lower() in acting else e
        for e in spans
    ]


def _acts_as_a_group(span: Span) -> bool:
    root = span.root
    head = root.head
    nxt = token_after(span)
    return (
        (root.dep_ == "pobj" and (head.lower_ in ("against", "by") or head.dep_ == "agent"))
        or (root.dep_ == "dobj" and head.lemma_.lower() in ACTOR_OBJECT_VERBS)
        or (root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ACTOR_SUBJECT_VERBS)
        or (root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ACTOR_OF_NOUNS)
        or (nxt is not None and nxt.lower_ in MEMBER_NOUNS)
    )


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


def place_mentions(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A name the article uses as a place ("the X River", "Lake Y", "in Z") is a place in its other
    mentions too, where the model typed it a person or an organisation. A titled person's name stays a
    person; an organisation keeps its type unless the article calls it a place more often, or a place
    word or "the town of" makes a name the gazetteer does not know a place beyond doubt (a club named
    after its town in a results table is mostly typed an organisation and only "in X" a place; an
    acronym stays an organisation).
    One-word people listed with such a place ("the assault on X and Y") are places too."""
    doc = ctx.doc
    names, sure = place_names(spans, ctx.words)
    if not names:
        return spans
    people_words = ctx.titled_names | {e[-1].text for e in spans if e.label_ == PERSON and len(e) > 1}
    # A full name whose last word the article uses alone as a person ("Ann Osei ... Osei said") is a person's.
    lone_people = {e.text for e in spans if e.label_ == PERSON and len(e) == 1}
    people_words |= {e.text for e in spans if e.label_ == PERSON and len(e) > 1 and e[-1].text in lone_people}
    place_texts = [e.text for e in spans if e.label_ in PLACE_LABELS]  # a span's text is joined on each read
    org_texts = Counter(e.text for e in spans if e.label_ == ORG)
    places = {n: sum(1 for text in place_texts if n in text) for n in names}
    orgs = {n: org_texts[n] for n in names}

    def is_place(e: Span) -> bool:
        text = e.text
        if any(t.is_digit for t in e) or text.isupper():
            return e.label_ in PLACE_LABELS
        if e.label_ in PLACE_LABELS:
            return True
        if text not in names:
            return False
        if e.label_ == PERSON:
            return text not in people_words  # a titled person's name, or a person's surname
        sure_place = text in sure and gazetteer.lookup_place(text) is None  # a known town may name its club
        return e.label_ == ORG and (places[text] > orgs[text] or sure_place)

    doubtful = _neither_person_nor_place(spans, names, sure, people_words)
    retyped = [
        Span(doc, e.start, e.end, label=GPE) if e.label_ not in PLACE_LABELS and is_place(e) else e
        for e in spans
        if e.text not in doubtful or e.label_ not in (PERSON, *PLACE_LABELS)
    ]
    listed = _listed_with_places(doc, retyped, people_words)
    if not listed:
        return retyped
    return [Span(doc, e.start, e.end, label=GPE) if e.label_ == PERSON and e.text in listed else e for e in retyped]


def _neither_person_nor_place(
    spans: list[Span], names: set[str], sure: set[str], people_words: frozenset[str]
) -> set[str]:
    """Names typed a person more often than a place, that neither the gazetteer nor a place word
    makes a place, that no person-typed mention puts after a locative preposition ("at X"), no title or
    full name makes a person and no organisation's name holds ("X" in "X Foods Co."): the two types
    contradict each other, so the name is neither (a species, a movement named by common words)."""
    persons = Counter(e.text for e in spans if e.label_ == PERSON)
    places = Counter(e.text for e in spans if e.label_ in PLACE_LABELS)
    located = {e.text for e in spans if e.label_ == PERSON and _after_a_locative(e)}
    orgs = {e.text for e in spans if e.label_ == ORG}
    return {
        text
        for text in names
        if places[text]
        and persons[text] > places[text]
        and text not in located
        and not any(text in org for org in orgs)
        and text not in sure
        and text not in people_words
        and gazetteer.lookup_place(text) is None
    }


def _after_a_locative(span: Span) -> bool:
    before = token_before(span)
    return before is not None and before.lower_ in LOCATIVE_PREPOSITIONS


def _listed_with_places(doc: Doc, ents: list[Span], people_words: frozenset[str]) -> set[str]:
    """One-word untitled people joined by "and" to a place ("X and Y"), in either order. In a parsed
    Doc, only names mentioned more than once and never as a subject (the parser joins "moved to X and
    Y stayed" as if Y were a place too)."""
    by_start = {e.start: e for e in ents}
    by_end = {e.end: e for e in ents}
    parsed = doc.has_annotation("DEP")
    mentions: dict[str, list[Span]] = {}
    for e in ents:
        if e.label_ == PERSON:
            mentions.setdefault(e.text, []).append(e)
    found: set[str] = set()
    for e in ents:
        if e.label_ != PERSON or len(e) != 1 or e.text in people_words:
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


def place_lists(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A place the model glued over a list ("Lyon, Marseille") is one place per part (see `split_place_list`)."""
    return [part for span in spans for part in split_place_list(span)]


def split_place_list(span: Span) -> list[Span]:
    """Split a place span the model glued over a list ("Lyon, Marseille") when every part is a known place."""
    if span.label_ not in PLACE_LABELS:
        return [span]
    parts = split_at(span, _LIST_WORDS)
    if len(parts) > 1 and all(gazetteer.lookup_place(p.text) is not None for p in parts):
        return parts
    return [span]


def place_name_parts(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Places cut short or glued to a word not their own:
    - a particle and the word before it belong to the name ("Wadi al | Qarn", "Tell el | Sur Province");
    - a capitalised place word and "of" before a place make one name ("Bay of | Varna", "Upper
      Kingdom | of | Varna");
    - a sentence-opening verb is not part of the place after it ("Visiting X district")."""
    doc = ctx.doc
    heads = ctx.words["place_of_heads"] - ctx.words["owner_of_words"]
    taken = {i: e for e in spans for i in range(e.start, e.end)}
    out: list[Span] = []
    for e in sorted(spans, key=lambda s: s.start):
        if e.label_ not in PLACE_LABELS:
            out.append(e)
            continue
        start, absorbed = _start_over_of(doc, _start_over_particles(doc, e.start, taken), taken, heads)
        if absorbed is not None and out and out[-1].start == absorbed.start:
            out.pop()  # "Upper Kingdom" + "of" + "Varna": the place before "of" is part of this one
        if (
            e.end - start > 1
            and doc[start].is_sent_start
            and doc[start].pos_ == "VERB"
            and gazetteer.lookup_place(doc[start].text) is None
        ):
            start += 1  # "Visiting X district"
        out.append(Span(doc, start, e.end, label=e.label_) if start != e.start else e)
    return filter_spans(out)


def _start_over_particles(doc: Doc, start: int, taken: dict[int, Span]) -> int:
    """Where a place starts with the particles and capitalised words before it ("Wadi al | Qarn")."""
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
    return start


def _start_over_of(doc: Doc, start: int, taken: dict[int, Span], heads: frozenset[str]) -> tuple[int, Span | None]:
    """Where a place starts with a capitalised place word and "of" before it ("Bay of | Varna"), and the
    place that word ends ("Upper Kingdom | of | Varna"), which the place takes in, if any."""
    if start < 2 or doc[start - 1].lower_ != "of" or not doc[start - 2].is_title or doc[start - 2].lower_ not in heads:
        return start, None
    before = taken.get(start - 2)
    if before is None:
        return start - 2, None
    if before.label_ in PLACE_LABELS:
        return before.start, before
    return start, None


def not_places(spans: list[Span], ctx: PassContext) -> list[Span]:
    """What the model typed a place but is none: a lone organisation word ("University"), a name ending in
    one ("X Branch", an organisation; inside the title of a work, "A Tinker in X Court", no name at all),
    people named by their service ("Guardsmen"), a language."""
    doc, words = ctx.doc, ctx.words
    out: list[Span] = []
    for e in spans:
        if e.label_ in PLACE_LABELS and gazetteer.lookup_place(e.text) is None:
            last = e[-1]
            nxt = token_after(e)
            if last.lower_ in words["org_heads"] and last.lower_ not in _LANDFORM_WORDS:
                if (len(e) == 1 and last.lower_ not in words["legislature_heads"]) or in_a_work_title(e):
                    continue
                out.append(Span(doc, e.start, e.end, label=ORG))  # "X Branch"; a bare "Senate" is one body
                continue
            if (
                last.is_title
                and len(last) >= _MIN_SERVICE_WORD
                and last.lower_.endswith("men")
                and gazetteer.lookup_place(last.text) is None
            ):
                continue  # "Guardsmen", "Servicemen": people
            if nxt is not None and nxt.lower_ in LANGUAGE_NOUNS:
                continue
        out.append(e)
    return out


def in_a_work_title(span: Span) -> bool:
    """Whether `span` ends the title of a work: a run of title-cased words, with lower-case small words
    inside ("A Tinker in X Court"), opened by a capitalised article or an opening quote mark and ending with
    the span at a line's end, a bracket or a closing quote mark (a reading list's line, a quoted song)."""
    doc = span.doc
    nxt = token_after(span)
    if nxt is not None and "\n" not in nxt.text and nxt.text not in CLOSING_QUOTE_MARKS and nxt.text != "(":
        return False
    small = False
    k = span.start - 1
    while k >= 0 and "\n" not in doc[k].text:
        tok = doc[k]
        title_article = tok.is_title and tok.lower_ in ARTICLES  # "A Tinker in X Court"
        if tok.text in OPENING_QUOTE_MARKS or title_article:
            return small and k < span.start - 1 and (not title_article or _opens_a_phrase(tok))
        if tok.is_lower and tok.lower_ in HEADING_FUNCTION_WORDS:
            small = True
        elif not (tok.is_title or tok.is_upper):
            return False
        k -= 1
    return False


def _opens_a_phrase(tok: Token) -> bool:
    """A token at the start of a line or a sentence, or after a quote mark or a colon."""
    if tok.i == 0 or tok.is_sent_start:
        return True
    before = tok.doc[tok.i - 1]
    return "\n" in before.text or before.text in OPENING_QUOTE_MARKS or before.text in {":", "."}
