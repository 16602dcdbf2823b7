"""Doc -> record: the ONE adapter from spaCy objects to claimx records, and the extract() loop.

Entities are merged here (one entity per real-world thing, over all its surface forms), dates are
normalised against the publication date, and speakers are resolved to entities.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from . import geo
from .components import ClaimInfo, Links, doc_text, links_of
from .dates import normalise_date
from .lexicon import ORG_HEADS, ORG_PRONOUNS, PERSON_PRONOUNS
from .records import ArticleRecord, Claim, Entity, Mention
from .sources import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

TYPE_OF_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
# Generic words that follow an organisation's name without changing what it names.
ORG_SUFFIXES = frozenset({"party", "group", "inc", "corp", "co", "ltd", "plc", "llc"})
# Heads of descriptions that stand for the most recent organisation ("the company said").
GENERIC_ORG_HEADS = frozenset({"company", "firm", "group", "organisation", "organization", "agency", "ministry",
                               "army", "navy", "government", "administration", "department", "office", "military"})
ADMIN_PLACE_WORDS = frozenset({"province", "district", "governorate", "county", "region", "city", "oblast"})
DEICTIC_DAYS = frozenset({"today", "yesterday", "tomorrow", "tonight"})
_RANGE_SPLIT_RE = re.compile(r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\band\b|[-–—])\s*")


@dataclass
class _Raw:
    """A mention on its way into an entity."""

    text: str
    start: int
    end: int
    type: str
    key: str
    rank: str | None = None
    roles: list[str] = field(default_factory=list)
    title_text: str | None = None
    modifier: bool = False  # used as a premodifier of a noun ("U.S. forces"), like a nationality word


@dataclass
class _Cluster:
    type: str
    mentions: list[_Raw] = field(default_factory=list)
    extra_aliases: list[str] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def keys(self) -> set[str]:
        return {m.key for m in self.mentions}


def normalise_name(text: str) -> str:
    """Matching key of a name: case, dots, hyphens, possessive and leading 'the' folded."""
    s = text.strip().replace("’", "'")
    s = re.sub(r"^(the)\s+", "", s, flags=re.IGNORECASE)
    s = re.sub(r"'s$", "", s)
    s = s.replace(".", "").replace("-", " ").replace("‐", " ")
    return " ".join(s.casefold().split())


def _pick_name(texts: list[str]) -> str:
    """The fullest form used: most words, then not all-caps, then first seen."""

    def score(item: tuple[int, str]) -> tuple[int, int, int]:
        i, t = item
        return (len(t.split()), 0 if (t.isupper() and len(t) > 4) else 1, -i)

    return max(enumerate(texts), key=score)[1]


def cluster_mentions(raws: list[_Raw], acronyms: dict[int, int]) -> list[_Cluster]:
    """Merge mentions into entities: same key, acronym definitions, surnames, name prefixes."""
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, str], _Cluster] = {}
    by_start: dict[int, _Cluster] = {}

    # Type vote per key: the model may tag one name differently in different sentences.
    votes: dict[str, Counter[str]] = {}
    for r in raws:
        votes.setdefault(r.key, Counter())[r.type] += 3 if r.rank else 1
    for r in raws:
        if not r.rank:
            r.type = votes[r.key].most_common(1)[0][0]

    def place_key(r: _Raw) -> str:
        # "Anbar province" and "Anbar" are one place: an administrative cue word does not change it.
        words = r.key.split()
        while len(words) > 1 and words[-1] in ADMIN_PLACE_WORDS:
            words.pop()
        stem = " ".join(words)
        p = geo.lookup_place(r.text if stem == r.key else stem)
        return f"{p.name}|{p.country}" if p is not None else stem

    def join(c: _Cluster, r: _Raw) -> None:
        c.mentions.append(r)
        by_key.setdefault((c.type, place_key(r) if c.type == "place" else r.key), c)
        by_start[r.start] = c

    def known(r: _Raw) -> _Cluster | None:
        """The entity a mention already belongs to: an acronym's definition, or the same key."""
        if r.start in acronyms and acronyms[r.start] in by_start:
            return by_start[acronyms[r.start]]
        return by_key.get((r.type, place_key(r) if r.type == "place" else r.key))

    def place_in(r: _Raw, target: _Cluster | None) -> None:
        if target is None:
            target = _Cluster(type=r.type)
            clusters.append(target)
        join(target, r)

    # Longest names first, so that short forms find the full name they abbreviate.
    order = sorted(raws, key=lambda r: (-len(r.key.split()), r.start))
    pending: list[_Raw] = []
    for r in order:
        target = known(r)
        if target is None and len(r.key.split()) == 1:
            pending.append(r)
            continue
        if target is None and r.type == "organization":
            stem = " ".join(w for w in r.key.split() if w not in ORG_SUFFIXES)
            target = by_key.get((r.type, stem))
        place_in(r, target or _longer_name(r, clusters))
    for r in sorted(pending, key=lambda r: r.start):
        place_in(r, known(r) or _short_form_target(r, clusters))
    return clusters


def _longer_name(r: _Raw, clusters: list[_Cluster]) -> _Cluster | None:
    """The one person whose fuller name ends with this multi-word name ("Nazmul Hassan" in
    "M. Nazmul Hassan", a hyphenated surname "Waker-Lind" in "Tomas Waker-Lind")."""
    if r.type != "person":
        return None
    words = r.key.split()
    found = {
        id(c): c
        for c in clusters
        if c.type == "person"
        for m in c.mentions
        if len(m.key.split()) > len(words) and m.key.split()[-len(words):] == words
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _short_form_target(r: _Raw, clusters: list[_Cluster]) -> _Cluster | None:
    """The entity a one-word mention abbreviates: a person's surname (or first name), an organisation's
    first word ("Cisco" for "Cisco Systems"). Ambiguous surnames go to the nearest preceding full name."""
    word = r.key
    persons: list[tuple[_Cluster, _Raw, bool]] = []
    orgs: list[tuple[_Cluster, _Raw, bool]] = []
    place = geo.lookup_place(r.text) if r.type == "place" else None
    if place is not None and place.kind in ("country", "continent", "region"):
        return None
    acronym = r.text.isupper() and len(r.text) >= 2
    for c in clusters:
        if c.type == "place":
            continue
        if acronym and c.type == "organization":
            # "ICC" for "International Criminal Court": initials of the significant words.
            for m in c.mentions:
                initials = "".join(w[0] for w in m.text.split() if w.lower() not in ("of", "the", "and", "for", "on"))
                if len(initials) >= 2 and initials.upper() == r.text.replace(".", ""):
                    return c
        for m in c.mentions:
            words = m.key.split()
            if len(words) < 2:
                continue
            if c.type == "person" and r.type in ("person", "organization") and word in (words[-1], words[0]):
                persons.append((c, m, words[-1] == word))
            if c.type == "organization" and not r.rank and (r.type != "place" or place is None) and words[0] == word:
                orgs.append((c, m, True))
    pool = persons if (r.type == "person" and persons) or not orgs else orgs
    if not pool:
        return None
    surname = [p for p in pool if p[2]] or pool
    distinct = {id(c) for c, _, _ in surname}
    if len(distinct) == 1:
        return surname[0][0]
    before = [(m.start, c) for c, m, _ in surname if m.start < r.start]
    return max(before, key=lambda x: x[0])[1] if before else None


def tense_of(span: Span) -> str | None:
    """'past' or 'future' from the verb a date expression hangs on, else None."""
    tok = span.root
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        if tok.head is tok:
            break
        tok = tok.head
    words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if words & {"will", "'ll", "shall"} or "going" in words:
        return "future"
    if tok.lemma_ in ("expect", "plan", "schedule", "due"):
        return "future"
    if tok.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return "past"
    if any(c.lower_ in ("has", "have") for c in tok.children if c.dep_ == "aux"):
        return "past"
    if tok.dep_ in ("advcl", "conj", "xcomp", "relcl") and tok.head is not tok:
        # "... will address the Union when he travels on Sunday": the main clause sets the time.
        head = tok.head
        if {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")} & {"will", "'ll", "shall"}:
            return "future"
        if head.tag_ == "VBD":
            return "past"
    return None


def _normalise_date_span(span: Span, published: date | None) -> tuple[int, int, object] | None:
    """The date value of a DATE entity, trying the first half of a range ("December 7 to 12")."""
    tense = tense_of(span)
    value = normalise_date(span.text, published, tense)
    if value is not None:
        return span.start_char, span.end_char, value
    parts = _RANGE_SPLIT_RE.split(span.text, maxsplit=1)
    if len(parts) == 2 and parts[0]:
        head = parts[0].strip()
        value = normalise_date(head, published, tense)
        if value is not None:
            off = span.text.find(head)
            return span.start_char + off, span.start_char + off + len(head), value
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_record(doc: Doc, article: Article) -> ArticleRecord:
    """Turn an annotated Doc into the article's record (entities merged, dates valued, claims attributed)."""
    text = doc_text(doc)
    links = links_of(doc)
    raws: list[_Raw] = []
    dates: dict[tuple[str, str | None], list[tuple[int, int, object]]] = {}
    quote_ranges = [(q.start, q.end) for q in links.quotes if q.kind == "quote"]

    for ent in doc.ents:
        if ent.end_char <= article.prefix_end:
            continue
        if ent.label_ == "DATE":
            if ent.text.lower() in DEICTIC_DAYS and any(
                q.kind in ("quote", "post") and q.start <= ent.start_char < q.end for q in links.quotes
            ):
                continue  # "today" inside a quote or post belongs to an earlier, undated statement
            got = _normalise_date_span(ent, article.published)
            if got is None:
                continue
            s, e, value = got
            s, e = _strip(text, s, e)
            key = (text[s:e].casefold(), value.value)  # type: ignore[attr-defined]
            dates.setdefault(key, []).append((s, e, value))
            continue
        etype = TYPE_OF_LABEL.get(ent.label_)
        if etype is None:
            continue
        info = links.people.get(ent.start_char)
        raw = _Raw(ent.text, ent.start_char, ent.end_char, etype, normalise_name(ent.text))
        raw.modifier = etype == "place" and _is_premodifier(ent)
        if info is not None and etype == "person":
            raw.rank, raw.roles = info.rank, list(info.roles)
            if info.title_start is not None:
                raw.title_text = text[info.title_start : ent.end_char]
        raws.append(raw)

    clusters = [c for c in cluster_mentions(raws, links.acronyms) if not _only_adjectival_country(c)]
    for q in links.quotes:
        if q.kind == "post" and q.handle and q.speaker:
            c = _cluster_at(clusters, *q.speaker)
            if c is not None:
                hs = text.find(q.handle, q.speaker[1])
                if hs != -1:
                    c.mentions.append(_Raw(q.handle, hs, hs + len(q.handle), c.type, q.handle.lower()))

    entities, id_of = _build_entities(clusters, dates, text)
    claims = _build_claims(doc, links, clusters, id_of, entities, quote_ranges)
    return ArticleRecord(
        source=article.source,
        published=article.published.isoformat() if article.published else None,
        sha256=article.sha256,
        length=len(text),
        entities=tuple(entities),
        claims=tuple(claims),
    )


def _is_premodifier(ent: Span) -> bool:
    """A name standing before a noun it modifies ("U.S. forces", "UK-led talks"), not a noun phrase itself."""
    root = ent.root
    head = root.head
    return (
        root.dep_ in ("compound", "amod", "nmod")
        and head.i >= ent.end
        and head.pos_ in ("NOUN", "PROPN", "ADJ")
        and not head.ent_type_
        and not (ent.start > 0 and ent.doc[ent.start - 1].text == ",")  # "Dayr az Zawr, Syria airstrike"
    )


def _only_adjectival_country(c: _Cluster) -> bool:
    """A country the article names only as a modifier ("U.S. airstrikes", "UK aid") is used like a
    nationality word ("American airstrikes"), which is neither a place nor an organisation."""
    if c.type != "place" or not all(m.modifier for m in c.mentions):
        return False
    place = geo.lookup_place(c.mentions[0].text)
    return place is not None and place.kind == "country"


def _cluster_at(clusters: list[_Cluster], start: int, end: int) -> _Cluster | None:
    for c in clusters:
        for m in c.mentions:
            if m.start < end and start < m.end:
                return c
    return None


def _build_entities(
    clusters: list[_Cluster], dates: dict[tuple[str, str | None], list[tuple[int, int, object]]], text: str
) -> tuple[list[Entity], dict[int, str]]:
    items: list[tuple[int, str, object]] = [(c.first, "c", c) for c in clusters]
    items += [(min(s for s, _, _ in ms), "d", ms) for ms in dates.values()]
    items.sort(key=lambda x: (x[0], x[1]))
    entities: list[Entity] = []
    id_of: dict[int, str] = {}
    for n, (_, kind, obj) in enumerate(items, 1):
        eid = f"e{n}"
        if kind == "d":
            ms = sorted(obj, key=lambda m: m[0])  # type: ignore[attr-defined]
            value = ms[0][2]
            mentions = tuple(Mention(text[s:e], s, e) for s, e, _ in ms)
            entities.append(
                Entity(
                    id=eid, type="date", name=mentions[0].text, mentions=mentions,
                    aliases=tuple(sorted({m.text for m in mentions} - {mentions[0].text})),
                    value=value.value, precision=value.precision, basis=value.basis,  # type: ignore[attr-defined]
                )
            )
            continue
        c: _Cluster = obj  # type: ignore[assignment]
        id_of[id(c)] = eid
        ms = sorted(c.mentions, key=lambda m: m.start)
        surface = [m.text for m in ms]
        name = _pick_name([t for t in surface if not t.startswith("@")] or surface)
        aliases = list(dict.fromkeys(t for t in surface if t != name))
        aliases += [m.title_text for m in ms if m.title_text and m.title_text not in aliases]
        rank = next((m.rank for m in ms if m.rank), None)
        roles = list(dict.fromkeys(r for m in ms for r in m.roles))
        country = None
        if c.type == "place":
            for t in [name, *aliases]:
                p = geo.lookup_place(t)
                if p is not None:
                    country = p.country
                    break
        entities.append(
            Entity(
                id=eid, type=c.type, name=name, aliases=tuple(aliases),
                mentions=tuple(Mention(m.text, m.start, m.end) for m in ms),
                rank=rank if c.type == "person" else None, roles=tuple(roles) if c.type == "person" else (),
                country=country,
            )
        )
    return entities, id_of


def _resolve_speaker(
    span: tuple[int, int], text: str, clusters: list[_Cluster], quote_ranges: list[tuple[int, int]]
) -> tuple[_Cluster | None, str | None]:
    """The entity named by the speaker words: a mention, a pronoun, or a description."""
    c = _cluster_at(clusters, *span)
    if c is not None:
        return c, None
    words = text[span[0] : span[1]]
    low = words.lower().strip()
    head = low.split()[-1] if low.split() else ""

    def before(types: tuple[str, ...], pred=lambda c: True) -> _Cluster | None:
        best: tuple[int, _Cluster] | None = None
        for cl in clusters:
            if cl.type not in types or not pred(cl):
                continue
            for m in cl.mentions:
                if m.start < span[0] and not any(s <= m.start < e for s, e in quote_ranges):
                    if best is None or m.start > best[0]:
                        best = (m.start, cl)
        return best[1] if best else None

    if low in PERSON_PRONOUNS:
        found = before(("person",))
        return found, None if found else "pronoun without an antecedent"
    if low in ORG_PRONOUNS:
        found = before(("organization",))
        return found, None if found else "pronoun without an antecedent"

    def names_office(cl: _Cluster) -> bool:
        offices = " ".join(filter(None, [*(m.rank or "" for m in cl.mentions), *(r for m in cl.mentions for r in m.roles)]))
        return head in offices.lower().split()

    found = before(("person",), names_office)
    if found is not None:
        return found, None
    if head in ORG_HEADS or head in GENERIC_ORG_HEADS:
        found = before(("organization",), lambda cl: any(head in m.key.split() for m in cl.mentions))
        if found is None and head in GENERIC_ORG_HEADS:
            found = before(("organization",))
        if found is not None:
            return found, None
    return None, f"speaker '{words}' is not a named entity"


def _build_claims(
    doc: Doc,
    links: Links,
    clusters: list[_Cluster],
    id_of: dict[int, str],
    entities: list[Entity],
    quote_ranges: list[tuple[int, int]],
) -> list[Claim]:
    text = doc_text(doc)
    by_id = {e.id: e for e in entities}
    claims: list[Claim] = []
    sents = list(doc.sents)
    for q in links.quotes:
        speaker = speaker_id = None
        reason = q.reason
        if q.speaker is not None:
            c, why = _resolve_speaker(q.speaker, text, clusters, quote_ranges)
            if c is not None:
                speaker_id = id_of[id(c)]
                speaker = by_id[speaker_id].name
            else:
                reason = why
        elif reason is None:
            reason = "no attribution in the text"
        ss = next((s.start_char for s in sents if s.start_char <= q.start < s.end_char), q.start)
        se = next((s.end_char for s in sents if s.start_char < q.end <= s.end_char), q.end)
        inside = [
            e.id for e in entities
            if e.type != "date" and any(q.start <= m.start and m.end <= q.end for m in e.mentions)
        ]
        date_value = place = None
        if q.kind == "post" and q.date_text:
            dv = normalise_date(text[q.date_text[0] : q.date_text[1]], None)
            date_value = dv.value if dv else None
        elif q.date_text:
            date_value = next(
                (e.value for e in entities if e.type == "date" and any(
                    m.start < q.date_text[1] and q.date_text[0] < m.end for m in e.mentions)),
                None,
            )
        if q.place_text:
            c = _cluster_at(clusters, *q.place_text)
            if c is not None and c.type == "place":
                place = by_id[id_of[id(c)]].name
        actors: list[str] = []
        for span in q.actors:
            c = _cluster_at(clusters, *span)
            if c is not None and id_of[id(c)] not in actors:
                actors.append(id_of[id(c)])
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}", type=q.kind, text=text[q.start : q.end], start=q.start, end=q.end,
                sentence_start=ss, sentence_end=se, speaker=speaker, speaker_id=speaker_id,
                cue=q.cue, entities=tuple(inside), date=date_value, place=place,
                handle=q.handle, predicate=q.predicate, actors=tuple(actors),
                reason=reason if speaker is None and q.kind != "event" else None,
            )
        )
    return claims


# Texts longer than this are processed in pieces: the model's memory grows with the length of one
# Doc (about 300 MiB per 100,000 characters for en_core_web_sm, so a 5 MB text would need ~15 GiB), and
# merging and attribution compare claims with mentions, which is quadratic in the length of a Doc.
# Pieces end at a paragraph break where there is one; their records are merged into one.
PIECE_CHARS = 100_000


def split_points(text: str, size: int | None = None) -> list[int]:
    """Offsets that cut `text` into pieces of at most `size` (default PIECE_CHARS) characters, each
    ending just after a paragraph break, else a line break, else a sentence end, else a space."""
    size = size or PIECE_CHARS
    cuts = [0]
    while len(text) - cuts[-1] > size:
        lo, hi = cuts[-1] + size // 2, cuts[-1] + size
        for sep in ("\n\n", "\r\n\r\n", "\n", "\r", ". ", " "):
            at = text.rfind(sep, lo, hi)
            if at != -1:
                cut = at + len(sep)
                break
        else:
            cut = hi
        cuts.append(cut)
    return cuts + [len(text)]


def merge_pieces(article: Article, parts: list[tuple[int, ArticleRecord]]) -> ArticleRecord:
    """One record from the records of an article's pieces (each with its offset in the article).
    Entities of the same type and name are one entity; ids are renumbered in order of first mention."""
    merged: dict[tuple[str, str, str | None], dict] = {}
    remap: list[dict[str, tuple[str, str, str | None]]] = []
    for offset, rec in parts:
        local: dict[str, tuple[str, str, str | None]] = {}
        for e in rec.entities:
            key = (e.type, e.name, e.value)
            local[e.id] = key
            mentions = [Mention(m.text, m.start + offset, m.end + offset) for m in e.mentions]
            if key not in merged:
                merged[key] = {"entity": e, "mentions": mentions, "aliases": list(e.aliases), "roles": list(e.roles)}
            else:
                slot = merged[key]
                slot["mentions"] += mentions
                slot["aliases"] += [a for a in e.aliases if a not in slot["aliases"]]
                slot["roles"] += [r for r in e.roles if r not in slot["roles"]]
                if slot["entity"].rank is None and e.rank is not None:
                    slot["entity"] = replace(slot["entity"], rank=e.rank)
        remap.append(local)
    order = sorted(merged, key=lambda k: merged[k]["mentions"][0].start)
    new_id = {k: f"e{i}" for i, k in enumerate(order, 1)}
    entities = tuple(
        replace(merged[k]["entity"], id=new_id[k], mentions=tuple(merged[k]["mentions"]),
                aliases=tuple(merged[k]["aliases"]), roles=tuple(merged[k]["roles"]))
        for k in order
    )
    claims: list[Claim] = []
    for (offset, rec), local in zip(parts, remap):
        ids = {old: new_id[key] for old, key in local.items()}
        for c in rec.claims:
            claims.append(replace(
                c, id=f"c{len(claims) + 1}", start=c.start + offset, end=c.end + offset,
                sentence_start=c.sentence_start + offset, sentence_end=c.sentence_end + offset,
                speaker_id=ids.get(c.speaker_id) if c.speaker_id else None,
                entities=tuple(ids[i] for i in c.entities if i in ids),
                actors=tuple(ids[i] for i in c.actors if i in ids),
            ))
    return ArticleRecord(source=article.source, published=article.published.isoformat() if article.published
                         else None, sha256=article.sha256, length=len(article.text),
                         entities=entities, claims=tuple(claims))


def _extract_long(article: Article, nlp: Language) -> ArticleRecord:
    cuts = split_points(article.text)
    pieces = [
        replace(article, text=article.text[a:b], prefix_end=article.prefix_end if a == 0 else 0)
        for a, b in zip(cuts, cuts[1:])
    ]
    docs = nlp.pipe((p.text for p in pieces), batch_size=1)  # one piece in memory at a time
    parts = [(a, to_record(doc, piece)) for a, doc, piece in zip(cuts, docs, pieces)]
    return merge_pieces(article, parts)


def extract(articles: Iterable[Article], nlp: Language, batch_size: int = 8) -> Iterator[ArticleRecord]:
    """Run the pipeline over articles (streaming, in batches) and yield one record per article, in
    input order. Very long articles are processed in pieces (see PIECE_CHARS)."""
    batch: list[Article] = []

    def flush() -> Iterator[ArticleRecord]:
        docs = nlp.pipe([a.text for a in batch], batch_size=batch_size)
        for doc, article in zip(docs, batch, strict=True):
            yield to_record(doc, article)
        batch.clear()

    for a in articles:
        if len(a.text) > PIECE_CHARS:
            yield from flush()
            yield _extract_long(a, nlp)
            continue
        batch.append(a)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def extract_text(text: str, nlp: Language, published: date | None = None, source: str = "-") -> ArticleRecord:
    """Library entry point for one text in memory."""
    from .sources import make_article

    article = make_article(text, source, published)
    return next(extract([article], nlp))
