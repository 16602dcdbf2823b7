"""Keeping part of a record: some claim types, the claims of some speakers, some entity types.

A filter is a pure function over a record (`RecordFilter.__call__`); the run applies it before the
record goes to any format, the table included. What stays is still a valid record: a claim that
points at an entity the filter removed keeps its text and its `speaker` name, but loses the ids that
no longer resolve (`speaker_id` becomes null; `entities` and `actors` drop them). Claim and entity
ids are never renumbered, so `c3` is the same claim with or without a filter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from claimx.errors import UsageError
from claimx.records import ArticleRecord, Claim, Entity
from claimx.schema import CLAIM, ENTITY

CLAIM_TYPES: tuple[str, ...] = tuple(CLAIM["properties"]["type"]["enum"])
ENTITY_TYPES: tuple[str, ...] = tuple(ENTITY["properties"]["type"]["enum"])
# The record spells it the American way; the README and most of the world the British way.
_SPELLINGS = {"organisation": "organization"}


def parse_types(value: str | Iterable[str], valid: tuple[str, ...], option: str) -> frozenset[str]:
    """The type names of a comma-separated list (or a list of names), checked: a UsageError names an
    unknown one and lists the valid ones."""
    names = value.split(",") if isinstance(value, str) else [n for v in value for n in v.split(",")]
    chosen = set()
    for name in (n.strip().lower() for n in names):
        name = _SPELLINGS.get(name, name)
        if name not in valid:
            raise UsageError(option, f"{name!r} is not a type {option} knows; use one of: {', '.join(valid)}")
        chosen.add(name)
    if not chosen:
        raise UsageError(option, f"{option} needs at least one of: {', '.join(valid)}")
    return frozenset(chosen)


def _fold(name: str) -> str:
    """A name compared without case, accents or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class RecordFilter:
    """What to keep of each record; None keeps everything of that kind.

    `claims`: claim types to keep. `speakers`: keep only claims whose speaker, or one of the aliases of
    the speaker's entity, is one of these names (whole names, case and accents ignored). `entities`:
    entity types to keep."""

    claims: frozenset[str] | None = None
    speakers: frozenset[str] | None = None
    entities: frozenset[str] | None = None

    @classmethod
    def of(
        cls,
        claims: str | Iterable[str] | None = None,
        speakers: str | Iterable[str] | None = None,
        entities: str | Iterable[str] | None = None,
    ) -> RecordFilter:
        """A filter from type names (a comma-separated string or a list) and speaker names (a name or a
        list); a UsageError for an unknown type name."""
        if isinstance(speakers, str):
            speakers = [speakers]
        return cls(
            parse_types(claims, CLAIM_TYPES, "--claims") if claims is not None else None,
            frozenset(_fold(s) for s in speakers if s.strip()) if speakers is not None else None,
            parse_types(entities, ENTITY_TYPES, "--entities") if entities is not None else None,
        )

    @property
    def active(self) -> bool:
        """Whether it removes anything at all."""
        return self.claims is not None or self.speakers is not None or self.entities is not None

    def __call__(self, record: ArticleRecord) -> ArticleRecord:
        """The record with only what the filter keeps, every id in it resolvable."""
        if not self.active:
            return record
        by_id = {e.id: e for e in record.entities}
        claims = [c for c in record.claims if self._keeps(c, by_id)]
        entities = record.entities
        if self.entities is not None:
            entities = tuple(e for e in record.entities if e.type in self.entities)
            kept = {e.id for e in entities}
            claims = [_resolvable(c, kept) for c in claims]
        return replace(record, entities=entities, claims=tuple(claims))

    def _keeps(self, claim: Claim, by_id: dict[str, Entity]) -> bool:
        if self.claims is not None and claim.type not in self.claims:
            return False
        if self.speakers is None:
            return True
        names = [claim.speaker] if claim.speaker else []
        if claim.speaker_id in by_id:
            names += by_id[claim.speaker_id].aliases
        return any(_fold(n) in self.speakers for n in names)


def _resolvable(claim: Claim, kept: set[str]) -> Claim:
    """The claim without the ids of entities that are no longer in the record."""
    speaker_id = claim.speaker_id if claim.speaker_id in kept else None
    entities = tuple(i for i in claim.entities if i in kept)
    actors = tuple(i for i in claim.actors if i in kept)
    if (speaker_id, entities, actors) == (claim.speaker_id, claim.entities, claim.actors):
        return claim
    return replace(claim, speaker_id=speaker_id, entities=entities, actors=actors)


def filter_record(
    record: ArticleRecord,
    *,
    claims: str | Iterable[str] | None = None,
    speakers: str | Iterable[str] | None = None,
    entities: str | Iterable[str] | None = None,
) -> ArticleRecord:
    """`record` with only the claim types, speakers and entity types given (see RecordFilter)."""
    return RecordFilter.of(claims, speakers, entities)(record)
