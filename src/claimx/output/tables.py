"""The record as four tables: articles, entities, mentions and claims. Their columns and rows are
defined once, here, for the SQLite database (`claimx.store`) and the CSV tables (`-f csv --table`),
so the two always agree. List fields are JSON text; a missing value is None (NULL, or an empty CSV cell)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from claimx.inputs.paths import article_key
from claimx.records import ArticleRecord

TABLES: dict[str, tuple[str, ...]] = {
    "articles": (
        "id",
        "source",
        "path",
        "sha256",
        "published",
        "published_basis",
        "title",
        "url",
        "length",
        "schema",
        "text",
        "duplicate_of",
    ),
    "entities": (
        "article_id",
        "id",
        "type",
        "name",
        "rank",
        "roles",
        "aliases",
        "country",
        "value",
        "precision",
        "basis",
        "evidence",
    ),
    "mentions": ("article_id", "entity_id", "text", "start", "end"),
    "claims": (
        "article_id",
        "id",
        "type",
        "text",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "speaker",
        "speaker_id",
        "speaker_method",
        "speaker_reason",
        "speaker_affiliation",
        "cue",
        "date",
        "place",
        "handle",
        "predicate",
        "negated",
        "hedged",
        "actors",
        "entities",
        "quote_group",
    ),
}
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)


def _j(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def rows(record: ArticleRecord, table: str, article_id: int) -> Iterator[dict[str, Any]]:
    """The rows of one record in `table` (column name -> value), the article numbered `article_id`."""
    if table not in _ROWS:
        raise ValueError(f"no table {table!r}; use one of: {', '.join(TABLE_NAMES)}")
    return _ROWS[table](record, article_id)


def _article_rows(record: ArticleRecord, article_id: int) -> Iterator[dict[str, Any]]:
    yield {
        "id": article_id,
        "source": record.source,
        "path": article_key(record.source),
        "sha256": record.sha256,
        "published": record.published,
        "published_basis": record.published_basis,
        "title": record.title,
        "url": record.url,
        "length": record.length,
        "schema": record.schema,
        "text": record.text,
        "duplicate_of": record.duplicate_of,
    }


def _entity_rows(record: ArticleRecord, article_id: int) -> Iterator[dict[str, Any]]:
    for e in record.entities:
        yield {
            "article_id": article_id,
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "rank": e.rank,
            "roles": _j(e.roles),
            "aliases": _j(dict.fromkeys(e.aliases)),
            "country": e.country,
            "value": e.value,
            "precision": e.precision,
            "basis": e.basis,
            "evidence": _j(e.evidence),
        }


def _mention_rows(record: ArticleRecord, article_id: int) -> Iterator[dict[str, Any]]:
    for e in record.entities:
        for m in e.mentions:
            yield {"article_id": article_id, "entity_id": e.id, "text": m.text, "start": m.start, "end": m.end}


def _claim_rows(record: ArticleRecord, article_id: int) -> Iterator[dict[str, Any]]:
    for c in record.claims:
        yield {
            "article_id": article_id,
            "id": c.id,
            "type": c.type,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "sentence_start": c.sentence_start,
            "sentence_end": c.sentence_end,
            "speaker": c.speaker,
            "speaker_id": c.speaker_id,
            "speaker_method": c.speaker_method if c.speaker is not None else None,
            "speaker_reason": c.speaker_reason,
            "speaker_affiliation": c.affiliation,
            "cue": c.cue,
            "date": c.date,
            "place": c.place,
            "handle": c.handle,
            "predicate": c.predicate,
            "negated": int(c.negated) if c.type == "statement" else None,
            "hedged": int(c.hedged) if c.type == "statement" else None,
            "actors": _j(c.actors),
            "entities": _j(c.entities),
            "quote_group": c.quote_group,
        }


_ROWS: dict[str, Callable[[ArticleRecord, int], Iterator[dict[str, Any]]]] = {
    "articles": _article_rows,
    "entities": _entity_rows,
    "mentions": _mention_rows,
    "claims": _claim_rows,
}
