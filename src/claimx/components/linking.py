"""`claimx_linking`: from mentions to entities, and from claims to the entities they name.

It merges the Doc's entity mentions into entities (`clusters.py`), values dates against the
publication date (`dates.py`, with the tense of the verb a date hangs on), and resolves what the
claim finders left as words: a speaker (a name, a pronoun or a description) to an entity, event
actors to entity ids, an event's place to a place name. Open this module to change how a speaker's
words become an entity or why a speaker is left null.

It writes `doc.spans["claimx_mentions"]` (one span per mention, `id_` = entity id, `label_` = type),
the entity table `doc._.claimx_entities`, and the resolved fields of every claim span, so building
the record is a mechanical read (`claimx.record`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import geo
from ..annotations import (
    ACRONYMS,
    CLAIM_GROUPS,
    MENTIONS,
    PEOPLE,
    POSTS,
    QUOTES,
    TITLES,
    chars,
    doc_text,
    forget_text,
    published_of,
    span_of,
)
from ..dates import normalise_date
from ..lexicon import (
    ANONYMOUS_SPEAKER_HEADS,
    DEICTIC_DAYS,
    GENERIC_ORG_HEADS,
    HONORIFICS,
    INDEFINITE_DETERMINERS,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_HEADS,
)
from .base import WordsComponent
from .clusters import Cluster, Raw, aliases_of, cluster_at, cluster_mentions, normalise_name, pick_name
from .dating import DateMention, date_mention, strip_range
from .people import appositive_roles
from .spans import DocIndex

# A name set off by commas right after a description: "the company's chief executive, Jane Doe, said".
_APPOSITIVE_NAME_RE = re.compile(r"\s*,\s*([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})\s*,")
TYPE_OF_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


@Language.factory(
    "claimx_linking",
    assigns=["doc.spans", "doc._.claimx_entities", "span._.claimx_speaker_id"],
    requires=["doc.ents", "token.dep"],
    default_config={},
)
def make_linking(nlp: Language, name: str) -> Linker:
    """Factory for the linking component."""
    return Linker()


class Linker(WordsComponent):
    """Merges mentions into entities and resolves the claims' speakers, actors, dates and places."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        published = published_of(doc)
        claims = [(key, span) for key in CLAIM_GROUPS for span in doc.spans.get(key, [])]
        said = [_bounds(s) for key, s in claims if key in (QUOTES, POSTS)]
        quote_ranges = [_bounds(s) for key, s in claims if key == QUOTES]
        raws, dates = _mentions(doc, published, said, self.words["head_of_state_titles"])
        raws += speaker_names(doc, [s for key, s in claims if key == QUOTES], raws, self.words["org_heads"])
        acronyms = {s.start_char: int(s._.claimx_expands) for s in doc.spans.get(ACRONYMS, [])}
        clusters = [c for c in cluster_mentions(raws, acronyms) if not _only_adjectival_country(c)]
        for _, post in ((k, s) for k, s in claims if k == POSTS):
            holder, handle = chars(post._.claimx_speaker_words), post._.claimx_handle
            c = cluster_at(clusters, *holder) if holder and handle else None
            if c is not None and holder is not None:
                hs = text.find(handle, holder[1])
                if hs != -1:
                    c.mentions.append(Raw(handle, hs, hs + len(handle), c.type, handle.lower()))
        table, id_of, mentions = _entity_table(doc, clusters, dates, text)
        doc.spans[MENTIONS] = mentions
        doc._.claimx_entities = tuple(table)
        index = DocIndex(doc)
        by_id = {e["id"]: e for e in table}
        ranges: dict[str, list[tuple[int, int]]] = {}
        for m in mentions:
            ranges.setdefault(m.id_, []).append(_bounds(m))
        subjects = frozenset(e.start_char for e in doc.ents if e.root.dep_ in ("nsubj", "nsubjpass"))
        world = _World(text, clusters, id_of, by_id, ranges, quote_ranges, self.words["org_heads"], subjects)
        for key, span in claims:
            _resolve_claim(span, CLAIM_GROUPS[key], world, index)
        forget_text(doc)
        return doc


def _bounds(span: Span) -> tuple[int, int]:
    exact = chars(span._.claimx_bounds)
    return exact if exact is not None else (span.start_char, span.end_char)


def _mentions(
    doc: Doc, published: date | None, said: list[tuple[int, int]], head_titles: frozenset[str]
) -> tuple[list[Raw], dict[tuple[str, str | None], list[DateMention]]]:
    """The Doc's entities as raw mentions, and its dates valued and grouped by (text, value)."""
    text = doc_text(doc)
    prefix_end = doc._.claimx_prefix_end
    people = {p.start_char: p for p in doc.spans.get(PEOPLE, [])}
    # A country right before a head of state's title names a place ("U.S. President X"), not a modifier.
    head_title_starts = {t.start for t in doc.spans.get(TITLES, []) if (t.id_ or t.text).lower() in head_titles}
    raws: list[Raw] = []
    dates: dict[tuple[str, str | None], list[DateMention]] = {}
    for ent in doc.ents:
        if ent.end_char <= prefix_end:
            continue
        if ent.label_ == "DATE":
            if ent.text.lower() in DEICTIC_DAYS and any(s <= ent.start_char < e for s, e in said):
                continue  # "today" inside a quote or post belongs to an earlier, undated statement
            got = date_mention(ent, published)
            if got is None:
                continue
            s, e, value = got
            s, e = strip_range(text, s, e)
            dates.setdefault((text[s:e].casefold(), value.value), []).append((s, e, value))
            continue
        etype = TYPE_OF_LABEL.get(ent.label_)
        if etype is None:
            continue
        raw = Raw(ent.text, ent.start_char, ent.end_char, etype, normalise_name(ent.text))
        raw.modifier = etype == "place" and _is_premodifier(ent) and ent.end not in head_title_starts
        if etype == "person":
            titled = people.get(ent.start_char)
            roles = list(titled._.claimx_roles) if titled is not None else []
            roles += [r for r in appositive_roles(doc, ent) if r not in roles]
            raw.roles = roles
            if titled is not None:
                raw.rank = titled._.claimx_rank
                if titled._.claimx_title_start is not None:
                    raw.title_text = text[titled._.claimx_title_start : ent.end_char]
        raws.append(raw)
    return raws, dates


def speaker_names(doc: Doc, quotes: list[Span], raws: list[Raw], org_heads: frozenset[str]) -> list[Raw]:
    """Names that the attribution clause gives as a quote's speaker but the model did not tag ("Okafor
    said", "Mr. Lund added", a transcript label "OKAFOR:"): they become mentions, so that they merge
    with the full name the article uses (or stand as an entity of their own)."""
    text = doc_text(doc)
    taken = [(r.start, r.end) for r in raws]
    surnames = {w for r in raws if r.type == "person" for w in r.key.split()[-1:]}
    out: list[Raw] = []
    for quote in quotes:
        words = chars(quote._.claimx_speaker_words)
        if words is None or any(s < words[1] and words[0] < e for s, e in taken):
            continue
        got = doc.char_span(words[0], words[1], alignment_mode="expand")
        toks = [t for t in got or () if not t.is_punct and not t.is_space]
        honorific = False
        # "Mr. Lund", "Sen. Okafor": a courtesy word or an abbreviated title is not part of the name
        while len(toks) > 1 and (toks[0].text.rstrip(".") in HONORIFICS or _abbreviated_title(toks[0].text)):
            honorific = honorific or toks[0].text.rstrip(".") in HONORIFICS
            toks = toks[1:]
        if not toks or len(toks) > 4:
            continue
        if any(not t.text[:1].isupper() or t.ent_type_ or t.lower_ in ("the", "a", "an") for t in toks):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        name = text[start:end]
        key = normalise_name(name)
        if not (_name_like(toks[-1]) or (key in surnames and not toks[0].is_sent_start)):
            continue
        kind = "person"
        if key.split()[-1] in org_heads or (
            len(toks) == 1 and not honorific and key not in surnames and quote._.claimx_cue != ":" and _org_like(name)
        ):
            kind = "organization"
        out.append(Raw(name, start, end, kind, key))
        taken.append((start, end))
    return out


def _name_like(tok: Token) -> bool:
    """A proper noun, or a capitalised singular noun inside a sentence (the tagger's guess for a rare
    surname), but not a plural ("Democrats")."""
    if tok.tag_ == "NNPS":
        return False
    return tok.pos_ == "PROPN" or (tok.tag_ == "NN" and tok.is_alpha and not tok.is_sent_start)


def _abbreviated_title(word: str) -> bool:
    """'Sen.', 'Gov.', 'Rep.': a short capitalised word with a full stop, standing before a name."""
    return word.endswith(".") and 2 <= len(word) <= 5 and word[0].isupper() and word[1:-1].islower()


def _org_like(name: str) -> bool:
    """A one-word name written like a brand or an acronym ("PolitiFact", "NATO"), not like a surname."""
    return name.isupper() or any(ch.isupper() for ch in name[1:])


def _is_premodifier(ent: Span) -> bool:
    """A name standing before a noun it modifies ("U.S. forces", "UK-led talks"), not a noun phrase itself.
    (The caller keeps a country right before a head of state's title, "U.S. President X": news and its
    annotators treat that as naming the country.)"""
    root = ent.root
    head = root.head
    return (
        root.dep_ in ("compound", "amod", "nmod")
        and head.i >= ent.end
        and head.pos_ in ("NOUN", "PROPN", "ADJ")
        and not head.ent_type_
        and not (ent.start > 0 and ent.doc[ent.start - 1].text == ",")  # "Tel Varosh, Freedonia airstrike"
    )


def _only_adjectival_country(c: Cluster) -> bool:
    """A country the article names only as a modifier ("U.S. airstrikes", "UK aid") is used like a
    nationality word ("American airstrikes"), which is neither a place nor an organisation."""
    if c.type != "place" or not all(m.modifier for m in c.mentions):
        return False
    place = geo.lookup_place(c.mentions[0].text)
    return place is not None and place.kind == "country"


def _entity_table(
    doc: Doc, clusters: list[Cluster], dates: dict[tuple[str, str | None], list[DateMention]], text: str
) -> tuple[list[dict[str, Any]], dict[int, str], list[Span]]:
    """Entities in order of first mention (ids e1, e2, ...), the id of each cluster, and one span per mention."""
    items: list[tuple[int, str, Any]] = [(c.first, "c", c) for c in clusters]
    items += [(min(s for s, _, _ in ms), "d", ms) for ms in dates.values()]
    items.sort(key=lambda x: (x[0], x[1]))
    table: list[dict[str, Any]] = []
    id_of: dict[int, str] = {}
    mentions: list[Span] = []
    for n, (_, kind, obj) in enumerate(items, 1):
        eid = f"e{n}"
        if kind == "d":
            ms = sorted(obj, key=lambda m: m[0])
            first_text = text[ms[0][0] : ms[0][1]]
            value = ms[0][2]
            table.append(
                {
                    "id": eid,
                    "type": "date",
                    "name": first_text,
                    "aliases": aliases_of(first_text, (text[s:e] for s, e, _ in ms)),
                    "value": value.value,
                    "precision": value.precision,
                    "basis": value.basis,
                }
            )
            mentions += [span_of(doc, s, e, label="date", span_id=eid) for s, e, _ in ms]
            continue
        c: Cluster = obj
        id_of[id(c)] = eid
        ms_c = sorted(c.mentions, key=lambda m: m.start)
        surface = [m.text for m in ms_c]
        name = pick_name([t for t in surface if not t.startswith("@")] or surface)
        # The forms written, then the titled forms ("General Sara Lind"), each once.
        aliases = aliases_of(name, [*surface, *(m.title_text for m in ms_c if m.title_text)])
        entry: dict[str, Any] = {"id": eid, "type": c.type, "name": name, "aliases": aliases}
        if c.type == "person":
            entry["rank"] = next((m.rank for m in ms_c if m.rank), None)
            entry["roles"] = tuple(dict.fromkeys(r for m in ms_c for r in m.roles))
        if c.type == "place":
            entry["country"] = next(
                (p.country for t in [name, *aliases] for p in [geo.lookup_place(t)] if p is not None), None
            )
        table.append(entry)
        mentions += [span_of(doc, m.start, m.end, label=c.type, span_id=eid) for m in ms_c]
    return table, id_of, mentions


@dataclass
class _World:
    """What the article names, for resolving claims: its text, entities and quotes."""

    text: str
    clusters: list[Cluster]
    id_of: dict[int, str]
    by_id: dict[str, dict[str, Any]]
    ranges: dict[str, list[tuple[int, int]]]  # entity id -> mention char ranges
    quote_ranges: list[tuple[int, int]]
    org_heads: frozenset[str]
    subjects: frozenset[int] = frozenset()  # start chars of names that are a clause's subject


def _resolve_claim(span: Span, kind: str, world: _World, index: DocIndex) -> None:
    """Set a claim span's resolved fields: speaker (entity id and name, or the reason for none), date
    value, place name, actor ids, the entities named inside it, and its sentence."""
    start, end = _bounds(span)
    text = world.text
    speaker = speaker_id = affiliation = None
    reason = span._.claimx_reason
    words = chars(span._.claimx_speaker_words)
    if words is not None:
        c, why, affiliation = resolve_speaker(
            words, text, world.clusters, world.quote_ranges, world.org_heads, world.subjects
        )
        if c is not None:
            speaker_id = world.id_of[id(c)]
            speaker = world.by_id[speaker_id]["name"]
        else:
            reason = why
    elif reason is None:
        reason = "no attribution in the text"
    date_value = place = None
    date_words = chars(span._.claimx_date_words)
    if kind == "post" and date_words:
        posted = normalise_date(text[date_words[0] : date_words[1]], None)
        date_value = posted.value if posted else None
    elif date_words:
        date_value = next(
            (
                world.by_id[eid]["value"]
                for eid, rs in world.ranges.items()
                if world.by_id[eid]["type"] == "date" and any(s < date_words[1] and date_words[0] < e for s, e in rs)
            ),
            None,
        )
    place_words = chars(span._.claimx_place_words)
    if place_words:
        c = cluster_at(world.clusters, *place_words)
        if c is not None and c.type == "place":
            place = world.by_id[world.id_of[id(c)]]["name"]
    actors: list[str] = []
    for words_range in span._.claimx_actor_words:
        c = cluster_at(world.clusters, *chars(words_range))  # type: ignore[misc]
        if c is not None and world.id_of[id(c)] not in actors:
            actors.append(world.id_of[id(c)])
    span._.claimx_speaker = speaker
    span._.claimx_speaker_id = speaker_id
    span._.claimx_affiliation = affiliation if speaker is None else None
    span._.claimx_reason = reason if speaker is None and kind != "event" else None
    span._.claimx_date = date_value
    span._.claimx_place = place
    span._.claimx_actor_ids = tuple(actors)
    span._.claimx_entity_ids = tuple(
        eid
        for eid, rs in world.ranges.items()
        if world.by_id[eid]["type"] != "date" and any(start <= s and e <= end for s, e in rs)
    )
    span._.claimx_sentence = _sentence_bounds(index, start, end)


def _sentence_bounds(index: DocIndex, start: int, end: int) -> tuple[int, int]:
    """Start of the sentence holding `start` and end of the one holding `end` (the claim's own
    offsets where it starts or ends between sentences)."""
    sents, firsts = index.sents, index.sent_chars
    i = bisect.bisect_right(firsts, start) - 1
    ss = sents[i].start_char if i >= 0 and start < sents[i].end_char else start
    j = bisect.bisect_left(firsts, end) - 1
    se = sents[j].end_char if j >= 0 and end <= sents[j].end_char else end
    return ss, se


def resolve_speaker(
    span: tuple[int, int],
    text: str,
    clusters: list[Cluster],
    quote_ranges: list[tuple[int, int]],
    org_heads: frozenset[str],
    subjects: frozenset[int] = frozenset(),
) -> tuple[Cluster | None, str | None, str | None]:
    """The entity named by the speaker words: a mention, a pronoun, or a description; else None and why.

    The third value is the speaker's affiliation when the words describe someone through an entity
    without naming them ("a Defense Department official": null, affiliation "Defense Department")."""
    words = text[span[0] : span[1]]
    low = words.lower().strip()
    toks = low.split()
    last = words.split()[-1] if words.split() else ""
    head = toks[-1].strip(".,;:'\u2019") if toks else ""
    c = cluster_at(clusters, *span)
    affiliation: Cluster | None = None
    if c is not None:
        inner = max((m for m in c.mentions if m.start < span[1] and span[0] < m.end), key=lambda m: m.end)
        described = (
            inner.end < span[1] - len(last)
            and last[:1].islower()
            and (head in ANONYMOUS_SPEAKER_HEADS or head in PERSON_ROLE_HEADS)
        )
        if not described:
            return c, None, None
        affiliation, c = c, None  # "the Ohio senator", "a Pentagon official": the entity only qualifies

    def before(types: tuple[str, ...], pred: Any = lambda c: True) -> Cluster | None:
        best: tuple[int, Cluster] | None = None
        for cl in clusters:
            if cl.type not in types or not pred(cl):
                continue
            for m in cl.mentions:
                quoted = any(s <= m.start < e for s, e in quote_ranges)
                if m.start < span[0] and not quoted and (best is None or m.start > best[0]):
                    best = (m.start, cl)
        return best[1] if best else None

    def antecedent(exclude: Cluster | None = None, subject_only: bool = False) -> Cluster | None:
        """The person a pronoun or a definite description most likely refers to: the latest one named as
        a clause's subject in this paragraph or the one before, else the latest one named; a person
        written with a courtesy title of the other gender is skipped."""
        window = text.rfind("\n", 0, max(0, text.rfind("\n", 0, span[0]) - 1)) + 1
        gender = {"she": "f", "her": "f", "he": "m", "him": "m"}.get(low)
        latest: tuple[int, Cluster] | None = None
        subject: tuple[int, Cluster] | None = None
        for cl in clusters:
            if cl.type != "person" or cl is exclude or (gender and _gender_of(cl, text) not in (None, gender)):
                continue
            for m in cl.mentions:
                if m.start >= span[0] or any(s <= m.start < e for s, e in quote_ranges):
                    continue
                if latest is None or m.start > latest[0]:
                    latest = (m.start, cl)
                if m.start >= window and m.start in subjects and (subject is None or m.start > subject[0]):
                    subject = (m.start, cl)
        best = subject if subject_only else (subject or latest)
        return best[1] if best else None

    if low in PERSON_PRONOUNS:
        found = antecedent()
        return found, None if found else "pronoun without an antecedent", None
    if low in ORG_PRONOUNS:
        found = before(("organization",))
        return found, None if found else "pronoun without an antecedent", None
    affiliated = _name_of(affiliation)
    if head in ANONYMOUS_SPEAKER_HEADS and (toks[0] in INDEFINITE_DETERMINERS or head.endswith(("s", "people"))):
        return None, f"unnamed {head} of {affiliated}" if affiliated else f"unnamed {head}", affiliated

    def names_office(cl: Cluster) -> bool:
        offices = " ".join(
            filter(None, [*(m.rank or "" for m in cl.mentions), *(r for m in cl.mentions for r in m.roles)])
        )
        return head in offices.lower().split()

    found = before(("person",), names_office)
    if found is not None:
        return found, None, None
    if affiliation is None and (head in org_heads or head in GENERIC_ORG_HEADS):
        found = before(("organization",), lambda cl: any(head in m.key.split() for m in cl.mentions))
        if found is None and head in GENERIC_ORG_HEADS:
            found = before(("organization",))
        if found is not None:
            return found, None, None
    appositive = _APPOSITIVE_NAME_RE.match(text, span[1])
    if appositive is not None:  # "the company's chief executive, Jane Doe, said"
        found = cluster_at(clusters, appositive.start(1), appositive.end(1))
        if found is not None and found.type != "place":
            return found, None, None
    definite = toks[0] == "the" or any(t.endswith(("'s", "\u2019s")) for t in toks[:-1])
    if definite and appositive is None and head in PERSON_ROLE_HEADS and head not in ANONYMOUS_SPEAKER_HEADS:
        found = antecedent(exclude=affiliation, subject_only=True)
        if found is not None:
            return found, None, None
    if affiliated:
        return None, f"unnamed {head} of {affiliated}", affiliated
    if head in ANONYMOUS_SPEAKER_HEADS:
        return None, f"unnamed {head}", None
    return None, f"speaker '{words}' is not a named entity", None


def _gender_of(c: Cluster, text: str) -> str | None:
    """'f' or 'm' when the article writes the person with a courtesy title (Mrs., Ms., Miss / Mr.)."""
    for m in c.mentions:
        before = text[max(0, m.start - 6) : m.start].rstrip().rstrip(".").split()
        word = before[-1] if before else ""
        if word in ("Mrs", "Ms", "Miss"):
            return "f"
        if word == "Mr":
            return "m"
    return None


def _name_of(c: Cluster | None) -> str | None:
    """The display name of a cluster (the fullest form it was written in)."""
    if c is None:
        return None
    return pick_name([m.text for m in sorted(c.mentions, key=lambda m: m.start)])
