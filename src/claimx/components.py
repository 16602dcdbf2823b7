"""claimx's spaCy components: they annotate the Doc and never build output records.

- `claimx_entities` rewrites `doc.ents` with general evidence the small model lacks (rank and title
  rules, place and organisation patterns, a gazetteer, heading lines) and records, per person, the
  rank and roles written next to the name.
- `claimx_quotes` finds quotations (any quote style, over paragraphs) and embedded social-media
  posts, and the speaker each quote is attributed to in the text.

Links between spans (person -> rank, acronym -> long form, quote -> speaker) are plain data in one
Doc extension, `doc._.claimx`, because spaCy's span groups cannot say which span belongs to which.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import geo
from .lexicon import (
    EVENT_HEADS,
    THING_ACRONYMS,
    HEADING_FUNCTION_WORDS,
    HONORIFICS,
    PORTFOLIO_WORDS,
    VESSEL_PREFIXES,
    NOT_NAME_WORDS,
    ORG_HEADS,
    PLACE_CUES,
    EVENT_VERBS,
    SPEECH_VERBS,
    STATEMENT_VERBS,
)
from .sources import read_prefix

RULES_KEY = "claimx_rules"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "NORP"})
# Single-word ranks that are also ordinary words ("General Motors", "Major League"): the model must
# agree there is a person, or the name must have two words or more.
AMBIGUOUS_TITLES = frozenset(
    {"General", "Major", "Private", "Marshal", "Captain", "Commander", "Specialist", "Justice",
     "Speaker", "King", "Queen", "Prince", "Chair", "Director", "Head", "Leader", "Seaman", "Premier",
     "Secretary"}
)
# Words after an armed-force name that make it part of an office ("Navy Chief"), not the force.
ROLE_AFTER_ORG = frozenset({"chief", "chiefs", "commander", "head", "spokesman", "spokesperson", "spokeswoman"})
# Titles that take a portfolio or an area after them ("Minister for the Middle East", "Envoy for Syria").
QUALIFIED_TITLE_HEADS = frozenset({"minister", "secretary", "envoy", "commissioner", "representative", "adviser",
                                   "advisor", "ambassador", "coordinator"})
QUOTE_OPEN = "\u201c"  # “
QUOTE_CLOSE = "\u201d"  # ”
MIN_QUOTE_WORDS = 4
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# "… pic.twitter.com/x — Bangladesh Army (@BDArmyOfficial) November 23, 2025"
_POST_SIGNOFF_RE = re.compile(
    r"(?:\u2014|\u2013|--)\s*(?P<holder>[^\n()\u2014]{2,90}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})?"
)
_IMAGINED_SPEECH_RE = re.compile(r"\bas if (?:to say|saying)\s*[:,]?\s*$", re.IGNORECASE)


@dataclass
class PersonInfo:
    """What the text writes next to one person mention."""

    rank: str | None = None
    roles: list[str] = field(default_factory=list)
    title_start: int | None = None  # char offset where the title chain begins


@dataclass
class ClaimInfo:
    """One quotation, statement, post or event and how the text attributes it (char offsets)."""

    kind: str  # "quote" | "statement" | "post" | "event"
    start: int
    end: int
    speaker: tuple[int, int] | None = None  # span of the words naming the speaker
    cue: str | None = None
    inherited: bool = False
    handle: str | None = None
    date_text: tuple[int, int] | None = None
    reason: str | None = None
    predicate: str | None = None
    actors: list[tuple[int, int]] = field(default_factory=list)
    place_text: tuple[int, int] | None = None


@dataclass
class Links:
    """Per-Doc link data written by the components and read by `extractor.to_record`."""

    people: dict[int, PersonInfo] = field(default_factory=dict)  # person mention start char -> info
    acronyms: dict[int, int] = field(default_factory=dict)  # acronym start char -> long form start char
    quotes: list[ClaimInfo] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    prefix_end: int = 0
    title_qualifiers: list[tuple[int, int]] = field(default_factory=list)  # token ranges, "for the Middle East"


if not Doc.has_extension("claimx"):
    Doc.set_extension("claimx", default=None)


def links_of(doc: Doc) -> Links:
    """The Doc's link data, created on first use."""
    if doc._.claimx is None:
        doc._.claimx = Links()
    return doc._.claimx  # type: ignore[no-any-return]


_TEXT_KEY = "claimx_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy rebuilds by joining every token on each access, read once per Doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


# ---------------------------------------------------------------------------- helpers on spans


def trim_span(span: Span) -> Span | None:
    """Drop leading determiners and quote marks and trailing possessives, punctuation and spaces."""
    doc = span.doc
    start, end = span.start, span.end
    for tok in span:
        if tok.text in ("(", "[", "@") or tok.text.startswith(("@", "[")):
            end = tok.i  # "Ministry of Defence (@Handle": the name stops at the bracket
            break
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start > 1 and doc[start].lower_ in LOCATIVE_PREPOSITIONS and geo.lookup_place(doc[start:end].text) is None:
        start += 1  # "Near Tal Afar" at the head of a line: the preposition is not part of the name
    while end > start and (
        doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


# "Assad,[1]" and "Qanbar(Arabic:": a citation mark or a bracket glued to a word by wiki-style text.
_GLUED_RE = re.compile(r"^([^\W\d_][\w'’-]*?)([.,;:]?)(\[\d+\]?(?:\[\d+\]?)*)$|^([^\W\d_][\w'’-]*?)(\()([^\W\d_]+)$")

# Where such a token can be at all: a letter right before "[" (after optional punctuation) or "(".
_GLUED_HINT_RE = re.compile(r"[^\W\d_][.,;:]?\[|[^\W\d_]\(")


def split_glued_tokens(doc: Doc) -> None:
    """Split tokens that glue a word to a citation mark or an opening bracket, so that names end at the
    word. The parse is kept (the new pieces hang on the word); rule spans are re-anchored by characters."""
    if not _GLUED_HINT_RE.search(doc_text(doc)):  # most texts: no need to look at every token
        return
    glued = [(tok, m) for tok in doc if "[" in tok.text or "(" in tok.text for m in [_GLUED_RE.match(tok.text)] if m]
    if not glued:
        return
    if not doc.has_annotation("DEP"):
        return  # splitting needs heads for the pieces (spaCy's children counts break without a parse)
    saved = {key: [(s.start_char, s.end_char, s.label_, s.id_) for s in group] for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for tok, m in glued:
            parts = [p for p in m.groups() if p]
            heads = [tok.head if tok.head.i != tok.i else (tok, 0)] + [(tok, 0)] * (len(parts) - 1)
            retokenizer.split(tok, parts, heads=heads)
    for key, spans in saved.items():
        group = []
        for start, end, label, span_id in spans:
            span = doc.char_span(start, end, label=label, kb_id=0, span_id=span_id, alignment_mode="expand")
            if span is not None:
                group.append(span)
        doc.spans[key] = group


def is_name_token(tok: Token) -> bool:
    """A token that can be part of a personal name after a title ("M.", "Waker", "H.W.", "O'Neil")."""
    text = tok.text
    if not text or not text[0].isupper() or text in NOT_NAME_WORDS:
        return False
    if tok.is_alpha:
        return not (text.isupper() and len(text) > 3)  # all-caps words are acronyms or headings
    return bool(re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]*['’][A-Z][a-z]+|[A-Z][a-z]+\.?", text))


def heading_lines(doc: Doc) -> list[tuple[int, int]]:
    """Char ranges of caption or headline lines: short, title-cased, no sentence punctuation at the end."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in doc_text(doc).split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or stripped[-1] in ".!?\"”:;,'’)":
            continue
        words = [w for w in _WORD_RE.findall(stripped) if w.lower() not in HEADING_FUNCTION_WORDS]
        if not words or len(words) > 20:
            continue
        capped = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
        if len(words) >= 2 and capped / len(words) >= 0.75:
            out.append((start, end))
    return out


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


# ---------------------------------------------------------------------------- entities


@Language.component(
    "claimx_entities",
    requires=["doc.ents", "token.pos", "token.dep"],
    assigns=["doc.ents", "doc._.claimx"],
)
def fix_entities(doc: Doc) -> Doc:
    """Rewrite doc.ents: people after ranks and titles, places and organisations by rule and gazetteer."""
    links = links_of(doc)
    links.prefix_end = read_prefix(doc_text(doc))[1]
    links.headings = heading_lines(doc)
    split_glued_tokens(doc)
    rules = list(doc.spans.get(RULES_KEY, []))
    titles = filter_spans([s for s in rules if s.label_ in ("RANK", "TITLE", "ROLE")])
    model_ents = [e for e in doc.ents if e.label_ in KEPT_LABELS and e.end_char > links.prefix_end]

    people = find_titled_people(doc, titles, model_ents, links)
    title_tokens = {i for s in titles for i in range(s.start, s.end)}
    title_tokens |= {i for s, e in links.title_qualifiers for i in range(s, e)}
    person_tokens = {i for p in people for i in range(p.start, p.end)}

    candidates: list[Span] = []
    for ent in model_ents:
        span = trim_span(ent)
        if span is None:
            continue
        if span.label_ == "NORP":
            continue  # nationalities are neither places nor organisations
        if span[0].text in VESSEL_PREFIXES:
            continue  # ships ("HMS Example") are vessels, not people or places
        if span.label_ != "PERSON" and (
            span[-1].lower_ in EVENT_HEADS or (span[0].text == "Operation" and len(span) > 1)
        ):
            continue  # summits, agreements and military operations are events, not organisations or places
        if span.label_ != "PERSON" and len(span) == 1 and span.text in THING_ACRONYMS:
            continue  # "VBIED", "UAV": things, not organisations
        if span.label_ == "PERSON" and span[-1].is_alpha and span[-1].is_lower:
            continue  # "Zagros mountains", "Yazidi traditions": a common noun ends no personal name
        if span.label_ in PLACE_LABELS and not any(ch.isupper() for ch in span.text):
            continue  # "officer", "diseases": a place name is capitalised
        if person_tokens.intersection(range(span.start, span.end)):
            continue
        covered = sum(1 for i in range(span.start, span.end) if i in title_tokens)
        if covered * 2 >= len(span):
            continue  # "Naval Staff" inside "Chief of Naval Staff", "Army" inside "Army Chief"
        candidates.append(span)

    rule_spans: list[Span] = []
    for s in filter_spans([s for s in rules if s.label_ in ("ORG", "PLACE")]):
        span = trim_span(s)
        if span is None or person_tokens.intersection(range(span.start, span.end)):
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if span.label_ == "ORG" and nxt is not None and nxt.lower_ in ROLE_AFTER_ORG:
            continue  # "Navy Chief" is an office
        rule_spans.append(Span(doc, span.start, span.end, label="ORG" if span.label_ == "ORG" else "LOC"))
    rule_tokens = {i for s in rule_spans for i in range(s.start, s.end)}
    candidates = [c for c in candidates if not rule_tokens.intersection(range(c.start, c.end))]

    fixed: list[Span] = []
    for span in candidates + rule_spans:
        span = retype(span, people)
        if span is None:
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if span.label_ == "ORG" and len(span) == 1 and span.text.lower() in ORG_HEADS:
            continue  # a bare "Army" or "Navy" names no particular force
        if span.label_ == "ORG" and nxt is not None and nxt.lower_ in ROLE_AFTER_ORG and len(span) == 1:
            continue
        fixed.extend(split_place_list(span))
    ents = filter_spans(list(people) + fixed)
    ents = join_coordinated_org_names(doc, ents)
    ents = ents + gazetteer_places(doc, ents, title_tokens)
    ents = retype_acting_places(doc, ents)
    ents = drop_heading_entities(doc, ents, links.headings)
    doc.ents = sorted(ents, key=lambda s: s.start)
    find_acronyms(doc, links)
    find_appositive_roles(doc, links)
    return doc


def find_titled_people(doc: Doc, titles: list[Span], model_ents: list[Span], links: Links) -> list[Span]:
    """Person spans named right after a chain of ranks, titles and roles ("Army Chief General X")."""
    people: list[Span] = []
    ent_at: dict[int, Span] = {i: e for e in model_ents for i in range(e.start, e.end)}
    qualifiers: list[Span] = []
    i = 0
    while i < len(titles):
        chain = [titles[i]]
        while i + 1 < len(titles) and titles[i + 1].start == chain[-1].end:
            i += 1
            chain.append(titles[i])
        i += 1
        first, last = chain[0], chain[-1]
        host = ent_at.get(first.start)
        if host is not None and host.label_ != "PERSON" and host.start < first.start:
            continue  # "U.N. General Assembly": the title word is inside another name
        qualified = title_qualifier(doc, last, ent_at)
        if qualified is not None:
            qualifier, name_start, rank_text = qualified
            qualifiers.append(qualifier)
            if name_start is None:
                continue
            name = Span(doc, name_start, qualified_name_end(doc, name_start), label="PERSON")
            roles = [s.text for s in chain if s.label_ == "ROLE"]
            links.people[name.start_char] = PersonInfo(rank=rank_text, roles=roles, title_start=first.start_char)
            people.append(name)
            continue
        j = last.end
        while j < len(doc) and j - last.end < 6:
            tok = doc[j]
            if is_name_token(tok):
                j += 1
            elif (
                tok.text in ("-", "‐")
                and not tok.whitespace_
                and not doc[j - 1].whitespace_
                and j + 1 < len(doc)
                and is_name_token(doc[j + 1])
            ):
                j += 1
            else:
                break
        if j == last.end:
            continue
        name = Span(doc, last.end, j, label="PERSON")
        if any(t.lower_ in ORG_HEADS for t in name):
            continue
        model_person = any(
            ent_at.get(k) is not None and ent_at[k].label_ == "PERSON" for k in range(name.start, name.end)
        )
        kinds = {s.label_ for s in chain}
        if kinds == {"ROLE"} and not model_person:
            continue  # a job title before a capitalised word is not enough on its own
        if len(chain) == 1 and len(name) == 1 and chain[0].id_ in AMBIGUOUS_TITLES and not model_person:
            continue
        if geo.lookup_place(name.text) is not None and not model_person:
            continue  # "President Kenya" is not a person
        rank = next((s.id_ for s in chain if s.label_ == "RANK"), None) or next(
            (s.id_ for s in chain if s.label_ == "TITLE"), None
        )
        roles = [s.text for s in chain if s.label_ == "ROLE"]
        links.people[name.start_char] = PersonInfo(rank=rank, roles=roles, title_start=first.start_char)
        people.append(name)
    links.title_qualifiers = [(q.start, q.end) for q in qualifiers]
    return people


def qualified_name_end(doc: Doc, start: int) -> int:
    j = start
    while j < len(doc) and j - start < 6 and is_name_token(doc[j]):
        j += 1
    return j


def title_qualifier(doc: Doc, title: Span, ent_at: dict[int, Span]) -> tuple[Span, int | None, str] | None:
    """"Minister for the Middle East Tobias Ellwood": the area or portfolio after a title (a known place,
    or words ending in a portfolio word such as "Foreign Affairs"), the start of the name that follows it
    (directly, or after a comma: "Minister for Trade, Jane Doe") or None, and the full title."""
    if title.label_ != "TITLE" or title.id_.split()[-1].lower() not in QUALIFIED_TITLE_HEADS:
        return None
    k = title.end
    if k + 1 >= len(doc) or doc[k].lower_ not in ("for", "of") or not doc[k - 1].whitespace_:
        return None
    q = k + 1
    if doc[q].lower_ == "the":
        q += 1
    run_end = q
    while run_end < len(doc) and run_end - q < 10 and doc[run_end].is_title and doc[run_end].is_alpha:
        run_end += 1

    def is_area(split: int) -> bool:
        area = doc[q:split]
        return geo.lookup_place(area.text) is not None or area[-1].lower_ in PORTFOLIO_WORDS

    def name_at(start: int) -> bool:
        end = qualified_name_end(doc, start)
        model_person = any(ent_at.get(i) is not None and ent_at[i].label_ == "PERSON" for i in range(start, end))
        return end > start and (end - start >= 2 or model_person)

    areas = [split for split in range(q + 1, run_end + 1) if is_area(split)]
    if not areas:
        return None
    best, name_start = areas[-1], None
    for split in reversed(areas):
        if split < run_end and name_at(split):
            best, name_start = split, split
            break
    if name_start is None and best == run_end and best + 1 < len(doc) and doc[best].text == ",":
        after = best + 1
        if after < len(doc) and doc[after].text.rstrip(".") in HONORIFICS:
            after = -1  # "Minister for Trade, Mr Doe met": a later mention, not a title before the name
        if after > 0 and name_at(after) and any(
            ent_at.get(i) is not None and ent_at[i].label_ == "PERSON" for i in range(after, after + 2)
        ):
            name_start = after  # "Minister for the Middle East, Tobias Ellwood, said"
    place = geo.lookup_place(doc[q:best].text)
    if doc[k].lower_ == "of" and place is not None and place.kind == "country":
        rank = title.id_  # "Foreign Minister of Iraq": the country is not part of the title
    else:
        rank = f"{title.id_} {doc[k:best].text}"
    return Span(doc, k, best), name_start, rank


def retype(span: Span, people: list[Span]) -> Span | None:
    """Correct the model's label with the gazetteer: places typed ORG or PERSON, nationalities,
    an owner glued to an organisation ("Netanyahu's Likud party"), a hyphenated pair of places."""
    if span.label_ == "ORG":
        poss = [t.i for t in span if t.lower_ in ("'s", "’s") and span.start < t.i < span.end - 1]
        if poss:
            span = Span(span.doc, poss[-1] + 1, span.end, label="ORG")
    text = span.text
    if "-" in text and all(geo.lookup_place(p) is not None for p in text.split("-") if p):
        return None  # "Dhaka-Karachi" names a route between places, not an organisation or a place
    if geo.is_nationality(text):
        return None
    if span.label_ == "PERSON" and text in {w for p in people for w in (p.text, p[-1].text)}:
        return span  # a titled person's name ("President Obama") is not a town of that name
    before = span.doc[span.start - 1] if span.start > 0 else None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if span.label_ == "PERSON" and len(span) > 1 and span[-1].lower_ in ORG_HEADS:
        return Span(span.doc, span.start, span.end, label="ORG")  # "Zarqa Brigades", "Abel Battery"
    if (
        span.label_ == "PERSON"
        and before is not None
        and before.lower_ in PLACE_PREPOSITIONS
        and not (after is not None and after.lower_ in ("'s", "’s"))
    ):
        return Span(span.doc, span.start, span.end, label="GPE")  # "near Palmyra", "in Tel Tamer"
    if span.label_ in ("ORG", "PERSON"):
        last = span[-1].lower_
        if span.label_ == "ORG" and last in ORG_HEADS:
            return span
        if geo.lookup_place(text) is not None:
            return Span(span.doc, span.start, span.end, label="GPE")
    return span


def gazetteer_places(doc: Doc, ents: list[Span], title_tokens: set[int]) -> list[Span]:
    """Places the model left untagged: a name the gazetteer knows after a preposition ("fighting in
    Aleppo", "attacks on Aleppo"), and any capitalised name after "near" ("Near Rawah, two strikes")."""
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
        while end < len(doc) and end - i < 4 and end not in taken and (
            doc[end].is_title or doc[end].text == "-" or (doc[end].lower_ in NAME_PARTICLES and end > i)
        ):
            end += 1
        while end > i + 1 and not doc[end - 1].is_title:
            end -= 1  # a name ends in a capitalised word
        for stop in range(end, i, -1):
            if doc[stop - 1].is_alpha and geo.lookup_place(doc[i:stop].text) is not None:
                start = i
                if prev == "of" and i >= 2 and i - 2 not in taken and doc[i - 2].is_title and (
                    doc[i - 2].lower_ in PLACE_CUES or doc[i - 2].lower_ in ("gulf", "lake", "cape", "isle")
                ):
                    start = i - 2  # "Gulf of Aden" is one place
                found.append(Span(doc, start, stop, label="GPE"))
                break
        else:
            if prev == "near" and not geo.is_nationality(doc[i:end].text):
                found.append(Span(doc, i, end, label="GPE"))
        i = end
    return found


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
                and geo.lookup_place(doc[of[-1] + 1 : e.end].text) is not None
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
                    and geo.lookup_place(nxt.text) is not None
                    and not (nxt.end < len(doc) and doc[nxt.end].lower_ == "of")
                ):
                    out.append(Span(doc, e.start, nxt.end, label="ORG"))
                    skip.add(nxt.start)
                    continue
        out.append(e)
    return out


# Verbs whose subject or object is an actor (a group), not a place, and nouns for a group's members.
_ACTOR_SUBJECT_VERBS = frozenset("claim announce kill attack execute behead threaten recruit vow use".split())
_ACTOR_OBJECT_VERBS = frozenset("defeat degrade fight counter combat confront destroy eliminate join".split())
# Prepositions that put a place after them; PLACE_PREPOSITIONS hardly ever take a person's name.
LOCATIVE_PREPOSITIONS = frozenset("in near at from to outside around across into inside towards toward".split())
GAZETTEER_CUES = LOCATIVE_PREPOSITIONS | {"on", "as", "of", "via", "throughout", "against", "between"}
# Small words inside Arabic and other place names ("Dayr az Zawr", "Salah ad Din").
NAME_PARTICLES = frozenset("al az ad ar as ash el de del la le bin ibn".split())
PLACE_PREPOSITIONS = frozenset("near outside around in inside".split())
COMPASS_WORDS = frozenset("north south east west northern southern eastern western".split())
_MEMBER_NOUNS = frozenset("fighters militants terrorists members leader leaders operatives supporters".split())


def retype_acting_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name the model typed as a place but that the gazetteer does not know, and that the text shows
    acting as a group (it claims attacks, is fought against or defeated, has fighters), is an
    organisation, in all its mentions."""
    acting: set[str] = set()
    for e in ents:
        if e.label_ not in PLACE_LABELS or geo.lookup_place(e.text) is not None or e.text.lower() in COMPASS_WORDS:
            continue  # "against the West" is a place acting
        root = e.root
        head = root.head
        nxt = doc[e.end] if e.end < len(doc) else None
        if (
            (root.dep_ == "pobj" and (head.lower_ in ("against", "by") or head.dep_ == "agent"))
            or (root.dep_ == "dobj" and head.lemma_.lower() in _ACTOR_OBJECT_VERBS)
            or (root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in _ACTOR_SUBJECT_VERBS)
            or (nxt is not None and nxt.lower_ in _MEMBER_NOUNS)
        ):
            acting.add(e.text.lower())
    if not acting:
        return ents
    return [
        Span(doc, e.start, e.end, label="ORG") if e.label_ in PLACE_LABELS and e.text.lower() in acting else e
        for e in ents
    ]


def split_place_list(span: Span) -> list[Span]:
    """Split a place span the model glued over a list ("Kochi, Vizag") when every part is a known place."""
    if span.label_ not in PLACE_LABELS or not any(t.text in (",", "and") for t in span):
        return [span]
    parts: list[Span] = []
    start = span.start
    for tok in list(span) + [None]:  # type: ignore[list-item]
        if tok is None or tok.text in (",", "and"):
            end = tok.i if tok is not None else span.end
            if end > start:
                parts.append(Span(span.doc, start, end, label=span.label_))
            start = (tok.i + 1) if tok is not None else start
    if len(parts) > 1 and all(geo.lookup_place(p.text) is not None for p in parts):
        return parts
    return [span]


def drop_heading_entities(doc: Doc, ents: list[Span], headings: list[tuple[int, int]]) -> list[Span]:
    """In caption and headline lines keep only names that the body text or the gazetteer confirms."""
    if not headings:
        return ents
    body = {e.text.lower() for e in ents if not _inside(headings, e.start_char, e.end_char)}
    kept = []
    for e in ents:
        if _inside(headings, e.start_char, e.end_char):
            if e.label_ == "DATE":
                kept.append(e)
            elif e.text.lower() in body:
                kept.append(e)
            elif e.label_ in PLACE_LABELS and geo.lookup_place(e.text) is not None:
                kept.append(e)
            continue
        kept.append(e)
    return kept


def find_acronyms(doc: Doc, links: Links) -> None:
    """Acronyms defined in brackets after a name ("Heavy Industries Taxila (HIT)") become its aliases."""
    ents = list(doc.ents)
    new: list[Span] = []
    for ent in ents:
        if ent.label_ not in ("ORG", "GPE", "LOC", "FAC"):
            continue
        k = ent.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")":
            acro = doc[k + 1]
            if re.fullmatch(r"[A-Z][A-Za-z&.]{1,9}", acro.text) and sum(c.isupper() for c in acro.text) >= 2:
                links.acronyms[acro.idx] = ent.start_char
                if not any(e.start <= acro.i < e.end for e in ents):
                    new.append(Span(doc, acro.i, acro.i + 1, label=ent.label_))
    if new:
        doc.ents = sorted(filter_spans(ents + new), key=lambda s: s.start)


def find_appositive_roles(doc: Doc, links: Links) -> None:
    """Roles in appositions: "General X, Chairman of the Y," and "Chairman of the Y, General X"."""
    ents = list(doc.ents)
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        info = links.people.setdefault(ent.start_char, PersonInfo())
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= ent.end:
                phrase = _role_phrase(doc, child)
                if phrase and phrase not in info.roles:
                    info.roles.append(phrase)
        if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON":
            phrase = _role_phrase(doc, root.head, stop=ent.start)
            if phrase and phrase not in info.roles:
                info.roles.append(phrase)
        if not info.rank and not info.roles:
            del links.people[ent.start_char]


def _role_phrase(doc: Doc, head: Token, stop: int | None = None) -> str | None:
    """The noun phrase under `head`, cut at a comma, a bracket or `stop`; None unless it looks like an office."""
    left, right = head.left_edge.i, head.right_edge.i + 1
    if stop is not None:
        right = min(right, stop)
    toks = [t for t in doc[left:right]]
    out: list[Token] = []
    for t in toks:
        if t.i > head.i and t.text in (",", "(", ";", "—", "–"):
            break
        if t.ent_type_ == "PERSON":
            return None
        out.append(t)
    while out and (out[-1].is_punct or out[-1].is_space):
        out.pop()
    while out and (out[0].is_punct or out[0].lower_ in ("the", "a", "an")):
        out.pop(0)
    if not out or len(out) > 12 or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return doc[out[0].i : out[-1].i + 1].text


# ---------------------------------------------------------------------------- quotes and posts


@Language.factory(
    "claimx_quotes",
    assigns=["doc._.claimx"],
    requires=["doc.sents", "token.dep"],
    default_config={"min_words": MIN_QUOTE_WORDS},
)
def make_quotes(nlp: Language, name: str, min_words: int) -> QuoteFinder:
    """Factory for the quotation and post finder."""
    return QuoteFinder(min_words)


class _DocIndex:
    """Lookups over one Doc, built once per claimx_quotes call: sentences and entities by position,
    and the verbs and 'according' tokens, so the finders neither rebuild `doc.sents`/`doc.ents` for
    every quote nor walk every token of the Doc again (both were a third of claimx's time)."""

    def __init__(self, doc: Doc) -> None:
        import numpy

        from spacy.symbols import VERB

        self.doc = doc
        self.sents = list(doc.sents)
        self.sent_chars = [s.start_char for s in self.sents]
        self.sent_toks = [s.start for s in self.sents]
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        arr = doc.to_array(["POS", "LOWER"]) if len(doc) else numpy.zeros((0, 2), dtype="uint64")
        self.verbs = [doc[int(i)] for i in numpy.flatnonzero(arr[:, 0] == VERB)]
        according = doc.vocab.strings["according"]
        self.according = [doc[int(i)] for i in numpy.flatnonzero(arr[:, 1] == according)]

    def sents_between(self, start: int, end: int) -> list[Span]:
        """Sentences overlapping the characters [start, end)."""
        i = max(bisect.bisect_right(self.sent_chars, start) - 1, 0)
        out = []
        while i < len(self.sents) and self.sents[i].start_char < end:
            if self.sents[i].end_char > start:
                out.append(self.sents[i])
            i += 1
        return out

    def sent_of(self, tok: Token) -> Span:
        """The sentence of a token (what `tok.sent` computes by scanning)."""
        return self.sents[bisect.bisect_right(self.sent_toks, tok.i) - 1]

    def ents_within(self, lo: int, hi: int) -> list[Span]:
        """Entities whose tokens all lie in [lo, hi]."""
        out = []
        for j in range(bisect.bisect_left(self.ent_starts, lo), len(self.ents)):
            e = self.ents[j]
            if e.start > hi:
                break
            if e.end - 1 <= hi:
                out.append(e)
        return out

    def ent_at(self, i: int) -> Span | None:
        """The entity containing token i."""
        j = bisect.bisect_right(self.ent_starts, i) - 1
        return self.ents[j] if j >= 0 and self.ents[j].end > i else None


_INDEX_KEY = "claimx_index"


def _index(doc: Doc) -> _DocIndex:
    """The index the running claimx_quotes call built, or a fresh one (for direct calls in tests)."""
    cached = doc.user_data.get(_INDEX_KEY)
    return cached if cached is not None and cached.doc is doc else _DocIndex(doc)


class QuoteFinder:
    """Finds quotations and embedded posts, and the words the text gives as their speaker."""

    def __init__(self, min_words: int = MIN_QUOTE_WORDS) -> None:
        self.min_words = min_words

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[_INDEX_KEY] = _DocIndex(doc)  # entities do not change from here on
        try:
            return self._find(doc)
        finally:
            del doc.user_data[_INDEX_KEY]

    def _find(self, doc: Doc) -> Doc:
        links = links_of(doc)
        text = doc_text(doc)
        posts = find_posts(text)
        quotes = [
            q
            for q in find_quotations(text, self.min_words)
            if not any(p.start <= q[0] < p.end for p in posts)
        ]
        infos: list[ClaimInfo] = []
        for start, end in quotes:
            info = ClaimInfo(kind="quote", start=start, end=end)
            attribute(doc, info)
            infos.append(info)
        inherit_speakers(doc, infos)
        # The metadata prefix ("date 2025-11-25") is not article prose.
        taken = [(q.start, q.end) for q in infos + posts] + [(0, links.prefix_end)]
        statements = find_statements(doc, taken)
        events = find_events(doc, taken)
        links.quotes = sorted(infos + posts + statements + events, key=lambda q: (q.start, q.kind))
        return doc


def _quote_role(text: str, i: int) -> str:
    """Whether the mark at text[i] opens or closes a quotation, judged by its neighbours."""
    ch = text[i]
    if ch == QUOTE_OPEN:
        return "open"
    if ch == QUOTE_CLOSE:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def find_quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[tuple[int, int]]:
    """Char ranges of the words inside double quotation marks (straight or curly).

    Marks pair up within a paragraph; a paragraph that ends inside a quotation continues it when the
    next paragraph opens with a mark (news style for long quotes). Unpaired marks are skipped, never
    fatal. Quotes shorter than `min_words` words and imagined speech ("as if to say") are left out.
    """
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            j = i
            while j < n and text[j] in " \t\r\n":
                j += 1
            blank = text.count("\n", i, j) >= 2 or j >= n
            if blank or "\n" in text[i:j]:
                if j < n and text[j] in ('"', QUOTE_OPEN):
                    i = j + 1  # continued quotation: skip the re-opening mark
                    continue
                open_at = None  # unclosed at the paragraph end: give up on this one
            i = j
            continue
        if ch in ('"', QUOTE_OPEN, QUOTE_CLOSE):
            role = _quote_role(text, i)
            if open_at is None and role in ("open", "either"):
                open_at = i + 1
            elif open_at is not None and role in ("close", "either"):
                s, e = open_at, i
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if len(_WORD_RE.findall(text[s:e])) >= min_words and not _IMAGINED_SPEECH_RE.search(
                    text[max(0, open_at - 40) : open_at - 1]
                ):
                    out.append((s, e))
                open_at = None
            elif open_at is not None and role == "open":
                open_at = i + 1  # an opening mark while open: the earlier one was stray
        i += 1
    return out


def find_posts(text: str) -> list[ClaimInfo]:
    """Embedded social-media posts: the paragraph ending in "— Holder (@handle) Month D, YYYY"."""
    posts: list[ClaimInfo] = []
    for m in _POST_SIGNOFF_RE.finditer(text):
        para_start = text.rfind("\n", 0, m.start()) + 1
        body_end = m.start()
        cut = text.find("pic.twitter.com", para_start, body_end)
        if cut == -1:
            cut = text.find("https://t.co", para_start, body_end)
        end = cut if cut != -1 else body_end
        while end > para_start and (text[end - 1].isspace() or text[end - 1] in "…."):
            end -= 1
        if end <= para_start:
            continue
        holder = (m.start("holder"), m.end("holder"))
        date_span = (m.start("date"), m.end("date")) if m.group("date") else None
        posts.append(
            ClaimInfo(
                kind="post",
                start=para_start,
                end=end if text[end - 1:end] != "…" else end,
                speaker=holder,
                cue="posted",
                handle=m.group("handle"),
                date_text=date_span,
            )
        )
    return posts


def _sentences_of(doc: Doc, start: int, end: int) -> list[Span]:
    return _index(doc).sents_between(start, end)


def attribute(doc: Doc, info: ClaimInfo) -> None:
    """Find the speech verb outside the quote in its sentence(s) and the words naming its subject."""
    sents = _sentences_of(doc, info.start - 1, info.end + 1)
    if not sents:
        return
    lo, hi = sents[0].start, sents[-1].end
    inside = range(info.start - 1, info.end + 1)
    verbs = [
        t
        for t in doc[lo:hi]
        if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX") and t.idx not in inside
    ]
    according = [t for t in doc[lo:hi] if t.lower_ == "according" and t.idx not in inside]
    if not verbs and according:
        for t in according:
            obj = _according_object(t)
            if obj is not None:
                info.speaker, info.cue = obj, "according to"
                return
    if not verbs:
        info.reason = "no speech verb in the sentence"
        return
    first_tok = doc.char_span(info.start, info.end, alignment_mode="expand")
    anchor = first_tok[0] if first_tok is not None and len(first_tok) else doc[lo]

    def distance(v: Token) -> int:
        if v.idx >= info.end:
            return v.idx - info.end
        return info.start - v.idx

    def governs(v: Token) -> bool:
        return v in anchor.ancestors

    verbs.sort(key=lambda v: (not governs(v), distance(v)))
    for verb in verbs:
        subj = _subject_of(verb)
        if subj is not None and not (info.start <= subj[0] < info.end):
            info.speaker, info.cue = subj, verb.text
            return
    info.reason = "speech verb without a subject"


def _subject_of(verb: Token) -> tuple[int, int] | None:
    """Char span of the subject of a speech verb, climbing to a governing verb or a relative clause."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                subj = tok.head
            return _noun_phrase(subj)
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "relcl") or tok.dep_ == "ROOT":
            if tok.dep_ == "relcl":
                return _noun_phrase(tok.head)
            if tok.head is tok:
                break
            tok = tok.head if tok.dep_ != "pcomp" else tok.head.head
        else:
            break
    return None


def _noun_phrase(tok: Token) -> tuple[int, int]:
    """The entity span containing `tok`, else the token with its compound and determiner children."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    index = _index(doc)
    inside = [e for e in index.ents_within(lo, hi) if e.label_ in ("PERSON", "ORG")]
    # "Acacia CEO Raj Shanmugaraj": the person named in the subject phrase speaks, not the company.
    persons = [e for e in inside if e.label_ == "PERSON" and e.end - e.start <= 5]
    if persons and (hi - lo) < 10:
        best = max(persons, key=lambda e: (len(e), e.start))
        return best.start_char, best.end_char
    ent = index.ent_at(tok.i)
    if ent is not None:
        return ent.start_char, ent.end_char
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "det", "amod", "poss", "nmod") and c.i < left:
            left = c.i if c.dep_ != "poss" else min(left, c.left_edge.i)
    return doc[left].idx, tok.idx + len(tok.text)


def _according_object(tok: Token) -> tuple[int, int] | None:
    for child in tok.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _noun_phrase(obj)
    return None


def inherit_speakers(doc: Doc, infos: list[ClaimInfo]) -> None:
    """A quote with no attribution of its own continues the previous quote's speaker when it follows
    it in the same paragraph, or opens the next paragraph."""
    text = doc_text(doc)
    for prev, cur in zip(infos, infos[1:]):
        if cur.speaker is not None or prev.speaker is None:
            continue
        between = text[prev.end : cur.start]
        paragraphs_apart = len(re.findall(r"\n\s*\n|\n", between))
        opens_paragraph = text.rfind("\n", 0, cur.start) >= prev.end and text[
            text.rfind("\n", 0, cur.start) + 1 : cur.start
        ].strip() in ('"', QUOTE_OPEN)
        if paragraphs_apart == 0 or (paragraphs_apart <= 2 and opens_paragraph):
            cur.speaker, cur.cue, cur.inherited, cur.reason = prev.speaker, prev.cue, True, None


# ---------------------------------------------------------------------------- statements and events


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _clause_text_span(doc: Doc, head: Token) -> tuple[int, int] | None:
    """Char span of a reported clause, without a leading "that" and trailing punctuation."""
    toks = list(head.subtree)
    while toks and (toks[0].lower_ == "that" and toks[0].dep_ == "mark" or toks[0].is_punct):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if len(toks) < MIN_QUOTE_WORDS:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def find_statements(doc: Doc, taken: list[tuple[int, int]]) -> list[ClaimInfo]:
    """Indirect speech: "X said (that) ...", "X told reporters ...", "according to X, ..."."""
    out: list[ClaimInfo] = []
    index = _index(doc)
    for tok in index.verbs:
        if tok.lemma_.lower() not in STATEMENT_VERBS or _overlaps(taken, tok.idx, tok.idx + 1):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        span = _clause_text_span(doc, clause)
        if span is None or _overlaps(taken, *span):
            continue
        subj = _subject_of(tok)
        if subj is None or (span[0] <= subj[0] < span[1]):
            continue
        out.append(ClaimInfo(kind="statement", start=span[0], end=span[1], speaker=subj, cue=tok.text))
    for tok in index.according:
        if _overlaps(taken, tok.idx, tok.idx + 1):
            continue
        src = _according_object(tok)
        verb = tok.head
        if src is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        sent = index.sent_of(tok)
        phrase_end = max(t.i for t in tok.subtree)
        if tok.i <= sent.start + 1:  # "According to X, the clause."
            toks = [t for t in sent if t.i > phrase_end]
        else:  # "The clause, according to X."
            toks = [t for t in sent if t.i < tok.i]
        while toks and (toks[0].is_punct or toks[0].is_space):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks.pop()
        if len(toks) < MIN_QUOTE_WORDS:
            continue
        span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
        if _overlaps(taken, *span) or any(q.start == span[0] for q in out):
            continue
        out.append(ClaimInfo(kind="statement", start=span[0], end=span[1], speaker=src, cue="according to"))
    return out


def _actor_spans(tok: Token) -> list[tuple[int, int]]:
    """Named people, organisations and places in the phrase under `tok` (not in nested clauses)."""
    return [
        (e.start_char, e.end_char)
        for e in _index(tok.doc).ents_within(tok.left_edge.i, tok.right_edge.i)
        if e.label_ in ("PERSON", "ORG", "GPE")
    ]


def find_events(doc: Doc, taken: list[tuple[int, int]]) -> list[ClaimInfo]:
    """Sentences reporting something between named actors: met, visited, called on, signed, ..."""
    out: list[ClaimInfo] = []
    dateline = _dateline_place(doc)
    index = _index(doc)
    text = doc_text(doc)  # Doc.text joins every token: read it once, not per character
    for tok in index.verbs:
        if tok.lemma_.lower() not in EVENT_VERBS or _overlaps(taken, tok.idx, tok.idx + 1):
            continue
        predicate = EVENT_VERBS[tok.lemma_.lower()]
        if predicate == "call on" and not any(c.lower_ == "on" for c in tok.children):
            continue
        if predicate == "hold talks" and not any(c.lower_ in ("talks", "meeting", "meetings") for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and tok.dep_ == "conj":
            subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subject_actors = _actor_spans(subj) if subj is not None else []
        if not subject_actors:
            continue
        others: list[tuple[int, int]] = []
        date_span = place_span = None
        for child in tok.children:
            if child.dep_ in ("dobj", "dative", "attr"):
                others += _actor_spans(child)
            elif child.dep_ in ("prep", "prt", "npadvmod", "advmod"):
                for e in index.ents_within(child.left_edge.i, child.right_edge.i):
                    if e.label_ == "DATE" and date_span is None:
                        date_span = (e.start_char, e.end_char)
                    elif e.label_ in PLACE_LABELS and child.lower_ in ("in", "at") and place_span is None:
                        place_span = (e.start_char, e.end_char)
                    elif e.label_ in ("PERSON", "ORG") and child.lower_ in ("with", "on", "to"):
                        others.append((e.start_char, e.end_char))
        actors = subject_actors[:1] + [a for a in others if a not in subject_actors[:1]]
        if len(actors) < 2 and place_span is None:
            continue
        sent = index.sent_of(tok)
        start = max(sent.start_char, links_of(doc).prefix_end)
        while start < sent.end_char and text[start].isspace():
            start += 1
        if _overlaps([t for t in taken if t[0] > 0], start, sent.end_char):
            continue
        end = sent.end_char
        while end > sent.start_char and text[end - 1].isspace():
            end -= 1
        out.append(
            ClaimInfo(
                kind="event", start=start, end=end, predicate=predicate, cue=tok.text,
                actors=actors, date_text=date_span, place_text=place_span or dateline,
            )
        )
    return out


_DATELINE_RE = re.compile(r"^([A-Z][A-Za-z.' -]{1,40}),\s+[A-Z0-9][^:\n]{1,40}[:\u2014\u2013-]", re.MULTILINE)


def _dateline_place(doc: Doc) -> tuple[int, int] | None:
    """The place of the article's dateline ("KARACHI, November 20:"), which opens one of its first
    two paragraphs; datelines further down belong to pasted posts or captions."""
    text = doc_text(doc)
    start = read_prefix(text)[1]
    paragraphs = [m.start() for m in re.finditer(r"(?:^|\n\s*\n)\s*\S", text[start:])][:2]
    for p in paragraphs:
        m = _DATELINE_RE.search(text, start + p)
        if m is not None and m.start() - (start + p) <= 3 and geo.lookup_place(m.group(1)) is not None:
            return m.start(1), m.end(1)
    return None
