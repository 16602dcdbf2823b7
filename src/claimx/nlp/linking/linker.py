"""`claimx_linking`: from mentions to entities, and from claims to the entities they name.

It merges the Doc's entity mentions into entities (`clusters.py`), values dates against the
publication date (`dating.py`, with the tense of the verb a date hangs on, and `date_values.py`),
and resolves what the claim finders left as words: a speaker (a name, a pronoun or a description)
to an entity (`speakers.py`: open it to change how a speaker's words become an entity or why a
speaker is left null), event actors to entity ids, an event's place to a place name.

It writes `doc.spans["claimx_mentions"]` (one span per mention, `id_` = entity id, `label_` = type),
the entity table `doc._.claimx_entities`, and the resolved fields of every claim span, so building
the record is a mechanical read (`extraction.to_record`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span

from claimx.knowledge import gazetteer
from claimx.knowledge.calendar import DAY_PHRASES, DEICTIC_DAYS
from claimx.nlp.component import WordsComponent
from claimx.nlp.doc import (
    ACRONYMS,
    CLAIM_GROUPS,
    MENTIONS,
    PEOPLE,
    POSTS,
    QUOTES,
    STATEMENTS,
    chars,
    doc_text,
    published_of,
    span_of,
)
from claimx.nlp.entities.evidence import MODEL, evidence_by_chars, ordered
from claimx.nlp.entities.people import appositive_roles
from claimx.nlp.entities.typer import evidence_rank
from claimx.nlp.linking.clusters import (
    DATE,
    ORGANIZATION,
    PERSON,
    PLACE,
    Cluster,
    Raw,
    aliases_of,
    cluster_at,
    cluster_mentions,
    normalise_name,
    pick_name,
)
from claimx.nlp.linking.date_values import normalise_date
from claimx.nlp.linking.dating import DateMention, date_mention, day_of, one_day_per_weekday
from claimx.nlp.linking.speakers import (
    SpeakerContext,
    resolve_speaker,
    speaker_affiliation,
    speaker_method,
    speaker_names,
)
from claimx.nlp.tokens import DocIndex, strip_range

TYPE_OF_LABEL = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}


class Linker(WordsComponent):
    """Merges mentions into entities and resolves the claims' speakers, actors, dates and places."""

    WORD_LISTS = ("org_heads",)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        published = published_of(doc)
        claims = [(key, span) for key in CLAIM_GROUPS for span in doc.spans.get(key, [])]
        said = [_said(s, key, text, published) for key, s in claims if key in (QUOTES, POSTS)]
        quote_ranges = [_bounds(s) for key, s in claims if key == QUOTES]
        raws, dates, date_steps = _mentions(doc, published, said)
        # Quotes and statements name their speakers the same way, so an untagged name is found in both.
        raws += speaker_names(doc, [s for key, s in claims if key == QUOTES], raws, self.words["org_heads"])
        statements = [s for key, s in claims if key == STATEMENTS]
        raws += speaker_names(doc, statements, raws, self.words["org_heads"], known_only=True)
        acronyms = {s.start_char: int(s._.claimx_expands) for s in doc.spans.get(ACRONYMS, [])}
        clusters = cluster_mentions(raws, acronyms)
        for _, post in ((k, s) for k, s in claims if k == POSTS):
            holder, handle = chars(post._.claimx_speaker_words), post._.claimx_handle
            c = cluster_at(clusters, *holder) if holder and handle else None
            if c is not None and holder is not None:
                hs = text.find(handle, holder[1])
                if hs != -1:
                    c.mentions.append(Raw(handle, hs, hs + len(handle), c.type, handle.lower()))
        table, id_of, mentions, ranges = _entity_table(doc, clusters, (dates, date_steps), text)
        doc.spans[MENTIONS] = mentions
        doc._.claimx_entities = tuple(table)
        index = DocIndex(doc)
        by_id = {e["id"]: e for e in table}
        subjects = frozenset(e.start_char for e in doc.ents if e.root.dep_ in ("nsubj", "nsubjpass"))
        named = _Named.of(table, ranges)
        world = _World(text, clusters, quote_ranges, self.words["org_heads"], subjects, id_of, by_id, ranges, named)
        for key, span in claims:
            _resolve_claim(span, CLAIM_GROUPS[key], world, index)
        return doc


def _bounds(span: Span) -> tuple[int, int]:
    exact = chars(span._.claimx_bounds)
    return exact if exact is not None else (span.start_char, span.end_char)


@dataclass(frozen=True)
class _Said:
    """A quote or post: its char range, and the day it was said with the words that give it (None when
    the text does not give a day)."""

    start: int
    end: int
    day: date | None = None
    day_words: str = ""


def _said(span: Span, key: str, text: str, published: date | None) -> _Said:
    """A quote or post with the day it was said, when its date words give one: a post's own date, or
    the date entity of the quote's attribution ("said on Sunday")."""
    start, end = _bounds(span)
    words = chars(span._.claimx_date_words)
    if words is None:
        return _Said(start, end)
    if key == POSTS:
        value = normalise_date(text[words[0] : words[1]], None)
    else:
        ent = span.doc.char_span(words[0], words[1], label="DATE")  # the words are a DATE entity's
        got = date_mention(ent, published) if ent is not None else None
        value = got[2] if got is not None else None
    if value is None or value.value is None or value.precision != "day":
        return _Said(start, end)
    return _Said(start, end, date.fromisoformat(value.value), day_of(text[slice(*strip_range(text, *words))]))


def _dated(
    ent: Span, published: date | None, said: list[_Said], text: str
) -> tuple[tuple[str, str | None], DateMention] | None:
    """A DATE entity valued, with the (day, value) its entity is merged under; None when it is no
    calendar date, or a day counted from a quote's day that the text does not give."""
    base, merge_with = published, None
    if _counts_from_speaking(ent.text):
        owner = next((q for q in said if q.start <= ent.start_char < q.end), None)
        if owner is not None and owner.day is None:
            return None  # "today" inside a quote or post whose day the text does not give
        if owner is not None:
            base, merge_with = owner.day, owner  # "today" said on Sunday is that Sunday
    got = date_mention(ent, base)
    if got is None:
        return None
    s, e, value = got
    s, e = strip_range(text, s, e)
    key = day_of(text[s:e])
    if merge_with is not None and base is not None and value.value == base.isoformat():
        key = merge_with.day_words  # "today" said on Sunday 23 November is one date with that day
    return (key, value.value), (s, e, value)


def _counts_from_speaking(text: str) -> bool:
    """A date counted from the day of speaking: "today", "tonight", "yesterday morning", "last night"."""
    words = text.lower().split()
    return bool(DEICTIC_DAYS.intersection(words)) or " ".join(words) in DAY_PHRASES


_DateSteps = dict[tuple[int, int], tuple[str, ...]]  # a date mention's char range -> its evidence


def _mentions(
    doc: Doc, published: date | None, said: list[_Said]
) -> tuple[list[Raw], dict[tuple[str, str | None], list[DateMention]], _DateSteps]:
    """The Doc's entities as raw mentions, and its dates valued and grouped by (day, value): a part of a
    day is one date with that day (`day_of`); the evidence of each date mention by its char range."""
    text = doc_text(doc)
    evidence = evidence_by_chars(doc)
    date_steps: _DateSteps = {}
    prefix_end = doc._.claimx_prefix_end
    people = {p.start_char: p for p in doc.spans.get(PEOPLE, [])}
    raws: list[Raw] = []
    dates: dict[tuple[str, str | None], list[DateMention]] = {}
    quoted = _within_any([(q.start, q.end) for q in said])
    for ent in doc.ents:
        if ent.end_char <= prefix_end:
            continue
        if ent.label_ == "DATE":
            dated = _dated(ent, published, said, text)
            if dated is not None:
                dates.setdefault(dated[0], []).append(dated[1])
                date_steps[dated[1][:2]] = evidence.get((ent.start_char, ent.end_char), (MODEL,))
            continue
        etype = TYPE_OF_LABEL.get(ent.label_)
        if etype is None:
            continue
        steps = evidence.get((ent.start_char, ent.end_char), (MODEL,))
        raw = Raw(ent.text, ent.start_char, ent.end_char, etype, normalise_name(ent.text), evidence=steps)
        raw.quoted = quoted(ent.start_char)
        if etype == PERSON:
            titled = people.get(ent.start_char)
            roles = list(titled._.claimx_roles) if titled is not None else []
            roles += [r for r in appositive_roles(doc, ent) if r not in roles]
            raw.roles = roles
            if titled is not None:
                raw.rank = titled._.claimx_rank
                if titled._.claimx_title_start is not None:
                    raw.title_text = text[titled._.claimx_title_start : ent.end_char]
        raws.append(raw)
    one_day_per_weekday(dates)
    return raws, dates, date_steps


def _within_any(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether a char offset lies in one of the [start, end) ranges (merged once, then a
    binary search per offset)."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(ranges):
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        elif start < end:
            starts.append(start)
            ends.append(end)

    def holds(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    return holds


def _entity_table(
    doc: Doc,
    clusters: list[Cluster],
    dated: tuple[dict[tuple[str, str | None], list[DateMention]], _DateSteps],
    text: str,
) -> tuple[list[dict[str, Any]], dict[int, str], list[Span], dict[str, list[tuple[int, int]]]]:
    """Entities in order of first mention (ids e1, e2, ...), the id of each cluster, one span per mention,
    and the char ranges of each entity's mentions (those the spans stand for)."""
    dates, date_steps = dated
    items: list[tuple[int, str, Any]] = [(c.first, "c", c) for c in clusters]
    items += [(min(s for s, _, _ in ms), "d", ms) for ms in dates.values()]
    items.sort(key=lambda x: (x[0], x[1]))
    table: list[dict[str, Any]] = []
    id_of: dict[int, str] = {}
    mentions: list[Span] = []
    ranges: dict[str, list[tuple[int, int]]] = {}
    for n, (_, kind, obj) in enumerate(items, 1):
        eid = f"e{n}"
        if kind == "d":
            entity, spans = _date_entity(doc, eid, obj, text)
            entity["evidence"] = ordered((s for m in obj for s in date_steps.get(m[:2], (MODEL,))), evidence_rank)
            table.append(entity)
            mentions += spans
            ranges[eid] = [(s, e) for s, e, _ in sorted(obj, key=lambda m: m[0])]
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
                (p.country for t in [name, *aliases] for p in [gazetteer.lookup_place(t)] if p is not None), None
            )
        # The steps of all its mentions, each once, in the order they run.
        entry["evidence"] = ordered((s for m in ms_c for s in m.evidence), evidence_rank)
        table.append(entry)
        mentions += [span_of(doc, m.start, m.end, label=c.type, span_id=eid) for m in ms_c]
        ranges[eid] = [(m.start, m.end) for m in ms_c]
    return table, id_of, mentions, ranges


def _date_entity(doc: Doc, eid: str, dated: list[DateMention], text: str) -> tuple[dict[str, Any], list[Span]]:
    """The entity of a date's mentions (one day, one value), named as first written, and a span per mention."""
    ms = sorted(dated, key=lambda m: m[0])
    first_text = text[ms[0][0] : ms[0][1]]
    value = ms[0][2]
    entry: dict[str, Any] = {
        "id": eid,
        "type": DATE,
        "name": first_text,
        "aliases": aliases_of(first_text, (text[s:e] for s, e, _ in ms)),
        "value": value.value,
        "precision": value.precision,
        "basis": value.basis,
    }
    return entry, [span_of(doc, s, e, label=DATE, span_id=eid) for s, e, _ in ms]


@dataclass(frozen=True)
class _World(SpeakerContext):
    """What the article names, for resolving claims: its text, entities and quotes, and the entities' ids."""

    id_of: dict[int, str]  # id() of a cluster -> its entity id
    by_id: dict[str, dict[str, Any]]
    ranges: dict[str, list[tuple[int, int]]]  # entity id -> mention char ranges
    named: _Named


@dataclass(frozen=True)
class _Named:
    """The mentions of entities other than dates, by char start: where each ends and the position of
    its entity in the table (so a claim finds the entities named inside it by a binary search)."""

    starts: list[int]
    ends: list[int]
    positions: list[int]
    ids: list[str]  # entity id by table position

    @classmethod
    def of(cls, table: list[dict[str, Any]], ranges: dict[str, list[tuple[int, int]]]) -> _Named:
        position = {e["id"]: n for n, e in enumerate(table)}
        rows = sorted(
            (s, e, position[eid]) for eid, rs in ranges.items() if table[position[eid]]["type"] != DATE for s, e in rs
        )
        return cls([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [e["id"] for e in table])

    def inside(self, start: int, end: int) -> tuple[str, ...]:
        """The ids of the entities with a mention inside [start, end], in table order."""
        found = {
            self.positions[k]
            for k in range(bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end))
            if self.ends[k] <= end
        }
        return tuple(self.ids[n] for n in sorted(found))


def _resolve_claim(span: Span, kind: str, world: _World, index: DocIndex) -> None:
    """Set a claim span's resolved fields: speaker (entity id and name, or the reason for none), date
    value, place name, actor ids, the entities named inside it, and its sentence."""
    start, end = _bounds(span)
    ext = span._  # each `span._` makes a new accessor object: one for all the fields
    ext.claimx_sentence = _sentence_bounds(index, start, end)
    _set_speaker(span, kind, world)
    ext.claimx_date = _date_value(span, kind, world)
    ext.claimx_place = _place_name(span, world)
    ext.claimx_actor_ids = _actor_ids(span, world)
    ext.claimx_entity_ids = world.named.inside(start, end)


def _set_speaker(span: Span, kind: str, world: _World) -> None:
    """The speaker's entity id and name, or for none the reason (an event needs none) and affiliation."""
    ext = span._  # one accessor object for all the fields
    words = chars(ext.claimx_speaker_words)
    found = resolve_speaker(words, world) if words is not None else None
    if words is not None and found is not None and found.entity is not None:
        eid = world.id_of[id(found.entity)]
        ext.claimx_speaker, ext.claimx_speaker_id = world.by_id[eid]["name"], eid
        ext.claimx_reason = None
        body = speaker_affiliation(span.doc, found.entity, words, world) if found.entity.type == PERSON else None
        ext.claimx_affiliation = world.by_id[world.id_of[id(body)]]["name"] if body is not None else None
        sentence_start = ext.claimx_sentence[0]
        ext.claimx_speaker_method = speaker_method(found, ext.claimx_cue, words, sentence_start)
        return
    reason = found.reason if found is not None else ext.claimx_reason
    if words is None and reason is None:
        reason = "no attribution in the text"
    ext.claimx_speaker = ext.claimx_speaker_id = ext.claimx_speaker_method = None
    ext.claimx_affiliation = found.affiliation if found is not None else None
    ext.claimx_reason = reason if kind != "event" else None


def _date_value(span: Span, kind: str, world: _World) -> str | None:
    """The value of the claim's date words: a post's own date, else the dated entity they mention."""
    words = chars(span._.claimx_date_words)
    if not words:
        return None
    if kind == "post":
        posted = normalise_date(world.text[words[0] : words[1]], None)
        return posted.value if posted else None
    return next(
        (
            world.by_id[eid]["value"]
            for eid, rs in world.ranges.items()
            if world.by_id[eid]["type"] == DATE and any(s < words[1] and words[0] < e for s, e in rs)
        ),
        None,
    )


def _place_name(span: Span, world: _World) -> str | None:
    """The name of the place entity the claim's place words mention."""
    words = chars(span._.claimx_place_words)
    c = cluster_at(world.clusters, *words) if words else None
    return world.by_id[world.id_of[id(c)]]["name"] if c is not None and c.type == PLACE else None


def _actor_ids(span: Span, world: _World) -> tuple[str, ...]:
    """The entity ids of the claim's actor words, in order, each once."""
    actors: list[str] = []
    for words in span._.claimx_actor_words:
        c = cluster_at(world.clusters, *chars(words))  # type: ignore[misc]
        if c is not None and world.id_of[id(c)] not in actors:
            actors.append(world.id_of[id(c)])
    return tuple(actors)


def _sentence_bounds(index: DocIndex, start: int, end: int) -> tuple[int, int]:
    """Start of the sentence holding `start` and end of the one holding `end` (the claim's own
    offsets where it starts or ends between sentences)."""
    sents, firsts = index.sents, index.sent_chars
    i = bisect.bisect_right(firsts, start) - 1
    ss = sents[i].start_char if i >= 0 and start < sents[i].end_char else start
    j = bisect.bisect_left(firsts, end) - 1
    se = sents[j].end_char if j >= 0 and end <= sents[j].end_char else end
    return ss, se
