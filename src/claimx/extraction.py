"""Running the pipeline over articles: `extract` (streaming, in batches, input order) and
`extract_text` for one text in memory. Very long texts are processed in pieces whose records are
merged into one."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from claimx.inputs.article import Article, make_article, record_header
from claimx.inputs.published import parse_published
from claimx.inputs.web import html_article
from claimx.nlp.doc import CLAIM_GROUPS, MENTIONS, bounds, doc_text
from claimx.records import ArticleRecord, Claim, Entity, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Texts longer than this are processed in pieces: the model's memory grows with the length of one
# Doc (about 300 MiB per 100,000 characters for en_core_web_sm, so a 5 MB text would need ~15 GiB), and
# merging and attribution compare claims with mentions, which is quadratic in the length of a Doc.
# Pieces end at a paragraph break where there is one; their records are merged into one.
PIECE_CHARS = 100_000

# Called as (pieces done, the sizes in characters of all the pieces) while one long text is processed
# in pieces (see extraction.PIECE_CHARS): first with 0 when they start, then as each is done, in order.
# Set by the run when a person is watching, None otherwise.
PIECES: ContextVar[Callable[[int, Sequence[int]], None] | None] = ContextVar("claimx_pieces", default=None)
BATCH_SIZE = 8


def make_doc(nlp: Language, article: Article) -> Doc:
    """A Doc of the article's prose that carries its publication date. A metadata prefix ("date
    2025-11-25") is left out, so the text after it is parsed exactly as the same text given with
    --published; `to_record` counts the record's offsets from the start of the whole text."""
    from claimx.nlp.doc import prepare_doc, remember_text

    text = article.text[article.body_start :]
    doc = prepare_doc(nlp.make_doc(text), article.published)
    remember_text(doc, text)
    return doc


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
    return [*cuts, len(text)]


_EntityKey = tuple[str, str, "str | None"]  # (type, name, value): one entity across an article's pieces


def merge_pieces(article: Article, parts: list[tuple[int, ArticleRecord]]) -> ArticleRecord:
    """One record from the records of an article's pieces (each with its offset in the article).
    Entities of the same type and name are one entity; ids are renumbered in order of first mention."""
    merged: dict[_EntityKey, dict[str, Any]] = {}
    remap = [_merge_entities(merged, offset, rec) for offset, rec in parts]
    order = sorted(merged, key=lambda k: merged[k]["mentions"][0].start)
    new_id = {k: f"e{i}" for i, k in enumerate(order, 1)}
    entities: tuple[Entity, ...] = tuple(
        replace(
            merged[k]["entity"],
            id=new_id[k],
            mentions=tuple(merged[k]["mentions"]),
            aliases=tuple(merged[k]["aliases"]),
            roles=tuple(merged[k]["roles"]),
            evidence=tuple(merged[k]["evidence"]),
        )
        for k in order
    )
    claims: list[Claim] = []
    for (offset, rec), local in zip(parts, remap, strict=False):
        ids = {old: new_id[key] for old, key in local.items()}
        claims += [_shifted_claim(c, len(claims) + n, offset, ids) for n, c in enumerate(rec.claims, 1)]
    return ArticleRecord(**record_header(article), entities=entities, claims=tuple(claims))


def _merge_entities(merged: dict[_EntityKey, dict[str, Any]], offset: int, rec: ArticleRecord) -> dict[str, _EntityKey]:
    """Add one piece's entities to those merged so far; the key of each of its entity ids."""
    from claimx.nlp.entities.evidence import ordered
    from claimx.nlp.entities.typer import evidence_rank

    local: dict[str, _EntityKey] = {}
    for e in rec.entities:
        key = (e.type, e.name, e.value)
        local[e.id] = key
        mentions = [Mention(m.text, m.start + offset, m.end + offset) for m in e.mentions]
        if key not in merged:
            merged[key] = {"entity": e, "mentions": mentions, "aliases": list(e.aliases), "roles": list(e.roles)}
            merged[key]["evidence"] = list(e.evidence)
            continue
        slot = merged[key]
        slot["mentions"] += mentions
        slot["aliases"] += [a for a in e.aliases if a not in slot["aliases"]]
        slot["roles"] += [r for r in e.roles if r not in slot["roles"]]
        slot["evidence"] = list(ordered([*slot["evidence"], *e.evidence], evidence_rank))
        if slot["entity"].rank is None and e.rank is not None:
            slot["entity"] = replace(slot["entity"], rank=e.rank)
    return local


def _shifted_claim(c: Claim, number: int, offset: int, ids: dict[str, str]) -> Claim:
    """A piece's claim as a claim of the whole article: numbered, at its offset, with merged entity ids."""
    return replace(
        c,
        id=f"c{number}",
        start=c.start + offset,
        end=c.end + offset,
        sentence_start=c.sentence_start + offset,
        sentence_end=c.sentence_end + offset,
        speaker_id=ids.get(c.speaker_id) if c.speaker_id else None,
        entities=tuple(ids[i] for i in c.entities if i in ids),
        actors=tuple(ids[i] for i in c.actors if i in ids),
    )


def is_long(article: Article) -> bool:
    """Whether the article is processed in pieces (longer than PIECE_CHARS)."""
    return len(article.text) > PIECE_CHARS


def piece(article: Article, start: int, end: int) -> Article:
    """The text of `article` from `start` to `end` as an article of its own; the metadata prefix stays
    with the first piece. Its record's offsets count from `start` (see merge_pieces)."""
    return replace(article, text=article.text[start:end], prefix_end=article.prefix_end if start == 0 else 0)


def to_record(doc: Doc, article: Article) -> ArticleRecord:
    """The article's record, read from a Doc that claimx's pipeline annotated: one of the article's prose
    (`make_doc`, which leaves out a metadata prefix) or of its whole text. Offsets are of the whole text.
    Every decision has been made by the components; this only reads their annotations: the entity table
    and mention spans of `claimx_linking`, and the claim spans."""
    text = doc_text(doc)  # spaCy's doc.text joins every token on each access
    offset = article.body_start if len(text) == len(article.text) - article.body_start else 0
    return ArticleRecord(
        **record_header(article), entities=_entities(doc, text, offset), claims=tuple(_claims(doc, text, offset))
    )


def _entities(doc: Doc, text: str, offset: int) -> tuple[Entity, ...]:
    """The entity table of `claimx_linking`, with each entity's mentions in text order."""
    mentions: dict[str, list[Mention]] = {}
    for span in doc.spans.get(MENTIONS, []):
        start, end = bounds(span)
        mentions.setdefault(span.id_, []).append(Mention(text[start:end], start + offset, end + offset))
    return tuple(
        Entity(
            id=e["id"],
            type=e["type"],
            name=e["name"],
            aliases=tuple(e["aliases"]),
            mentions=tuple(sorted(mentions.get(e["id"], []), key=lambda m: m.start)),
            rank=e.get("rank"),
            roles=tuple(e.get("roles", ())),
            country=e.get("country"),
            value=e.get("value"),
            precision=e.get("precision"),
            basis=e.get("basis"),
            evidence=tuple(e.get("evidence", ())),
        )
        for e in doc._.claimx_entities
    )


def _claims(doc: Doc, text: str, offset: int) -> Iterator[Claim]:
    """The claim spans in text order (at one offset: by kind), numbered c1, c2, ..."""
    found = sorted(
        ((bounds(span), kind, span) for key, kind in CLAIM_GROUPS.items() for span in doc.spans.get(key, [])),
        key=lambda item: (item[0][0], item[1]),
    )
    for n, ((start, end), kind, span) in enumerate(found, 1):
        ext = span._  # each `span._` makes a new accessor object: one for all the fields
        sentence = ext.claimx_sentence or (start, end)
        yield Claim(
            id=f"c{n}",
            type=kind,
            text=text[start:end],
            start=start + offset,
            end=end + offset,
            sentence_start=int(sentence[0]) + offset,
            sentence_end=int(sentence[1]) + offset,
            speaker=ext.claimx_speaker,
            speaker_id=ext.claimx_speaker_id,
            speaker_method=ext.claimx_speaker_method,
            cue=ext.claimx_cue,
            entities=tuple(ext.claimx_entity_ids),
            date=ext.claimx_date,
            place=ext.claimx_place,
            handle=ext.claimx_handle,
            predicate=ext.claimx_predicate,
            actors=tuple(ext.claimx_actor_ids),
            reason=ext.claimx_reason,
            affiliation=ext.claimx_affiliation,
            negated=bool(ext.claimx_negated),
            hedged=bool(ext.claimx_hedged),
        )


def _extract_long(article: Article, nlp: Language) -> ArticleRecord:
    cuts = split_points(article.text)
    sizes = tuple(b - a for a, b in itertools.pairwise(cuts))
    pieces = (piece(article, a, b) for a, b in itertools.pairwise(cuts))
    docs = nlp.pipe(((make_doc(nlp, p), p) for p in pieces), batch_size=1, as_tuples=True)  # one piece at a time
    report = PIECES.get()
    if report is not None:
        report(0, sizes)
    parts = []
    for n, (a, (doc, part)) in enumerate(zip(cuts, docs, strict=False), 1):
        parts.append((a, to_record(doc, part)))
        if report is not None:
            report(n, sizes)
    return merge_pieces(article, parts)


def extract(articles: Iterable[Article], nlp: Language, batch_size: int = BATCH_SIZE) -> Iterator[ArticleRecord]:
    """Run the pipeline over articles (streaming, in batches) and yield one record per article, in
    input order. Very long articles are processed in pieces (see PIECE_CHARS)."""
    batch: list[Article] = []

    def flush() -> Iterator[ArticleRecord]:
        docs = nlp.pipe([make_doc(nlp, a) for a in batch], batch_size=batch_size)
        for doc, article in zip(docs, batch, strict=True):
            yield to_record(doc, article)
        batch.clear()

    for a in articles:
        if is_long(a):
            yield from flush()
            yield _extract_long(a, nlp)
            continue
        batch.append(a)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def extract_text(
    text: str,
    nlp: Language | None = None,
    published: date | str | None = None,
    source: str = "-",
    *,
    title: str | None = None,
    url: str | None = None,
    keep_text: bool = False,
) -> ArticleRecord:
    """The record of one text in memory. `published` is a date or an ISO string (YYYY-MM-DD); without
    it a `date YYYY-MM-DD` prefix or a dateline dates the text. Without `nlp` the default claimx
    pipeline is loaded (once per process). With `keep_text` the record carries the text (for the
    HTML view, `render_html`)."""
    article = make_article(text, source, parse_published(published), title=title, url=url, keep_text=keep_text)
    return next(extract([article], nlp if nlp is not None else _default_pipeline()))


def extract_html(
    html: str,
    nlp: Language | None = None,
    published: date | str | None = None,
    source: str = "-",
    *,
    url: str | None = None,
) -> ArticleRecord:
    """The record of one web page in memory: its main text (carried in the record as `text`), title,
    canonical URL and metadata date; `published` (a date or YYYY-MM-DD) wins over the page's date."""
    article = html_article(html, source, parse_published(published), url=url)
    return next(extract([article], nlp if nlp is not None else _default_pipeline()))


def _default_pipeline() -> Language:
    from claimx.nlp.pipeline import load_pipeline

    return load_pipeline()
