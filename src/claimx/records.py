"""The record claimx emits for one article: plain frozen dataclasses and their wire form.

No spaCy here: `extraction.to_record` is the only code that turns a Doc into these.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")


def _pickled_by_constructor(cls: type[_T]) -> type[_T]:
    """Pickle a frozen dataclass as a call of its constructor with its fields: the default (a state set
    field by field through object.__setattr__) took twice as long both ways, for a record with its ~50
    entities and ~80 mentions that crosses from a worker to the writing process (~0.65 -> ~0.3 ms)."""
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: _T) -> tuple[type[_T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


SCHEMA_VERSION = "claimx/1"


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity: `text == article_text[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Wire form."""
        return {"text": self.text, "start": self.start, "end": self.end}


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization, place or date, merged over all its surface forms."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    rank: str | None = None
    roles: tuple[str, ...] = ()
    country: str | None = None
    value: str | None = None
    precision: str | None = None
    basis: str | None = None
    evidence: tuple[str, ...] = ()  # the steps that decided its type and span, in the order they ran

    def to_dict(self) -> dict[str, Any]:
        """Wire form: type-specific keys only for the types that have them."""
        out: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name}
        if self.type == "person":
            out["rank"] = self.rank
            out["roles"] = list(self.roles)
        elif self.type == "place":
            out["country"] = self.country
        elif self.type == "date":
            out["value"] = self.value
            out["precision"] = self.precision
            out["basis"] = self.basis
        out["aliases"] = list(self.aliases)
        out["mentions"] = [m.to_dict() for m in self.mentions]
        out["evidence"] = list(self.evidence)
        return out


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Claim:
    """A quote, attributed statement, embedded post or reported event, with its offsets."""

    id: str
    type: str
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_method: str | None = None  # how the speaker was found; None when there is none
    cue: str | None = None
    entities: tuple[str, ...] = ()
    date: str | None = None
    place: str | None = None
    handle: str | None = None
    predicate: str | None = None
    actors: tuple[str, ...] = ()
    reason: str | None = None
    affiliation: str | None = None
    negated: bool = False
    hedged: bool = False
    quote_group: str | None = None  # set by output.trace when a run sees several articles

    @property
    def speaker_reason(self) -> str | None:
        """Why `speaker` is null; None when there is a speaker (the JSON, CSV and SQLite forms agree)."""
        return self.reason if self.speaker is None else None

    def to_dict(self) -> dict[str, Any]:
        """Wire form: posts add `handle`, events add `predicate` and `actors`, statements add `negated` and
        `hedged`; a null speaker adds `speaker_reason`; a speaker described as a member of a named body (named
        or not) adds `speaker_affiliation`; a traced quote adds `quote_group`."""
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "cue": self.cue,
            "entities": list(self.entities),
            "date": self.date,
            "place": self.place,
        }
        if self.type == "post":
            out["handle"] = self.handle
        if self.type == "event":
            out["predicate"] = self.predicate
            out["actors"] = list(self.actors)
        out["speaker_method"] = self.speaker_method if self.speaker is not None else None
        if self.speaker_reason is not None:
            out["speaker_reason"] = self.speaker_reason
        if self.affiliation is not None:
            out["speaker_affiliation"] = self.affiliation
        if self.type == "statement":
            out["negated"] = self.negated
            out["hedged"] = self.hedged
        if self.quote_group is not None:
            out["quote_group"] = self.quote_group
        return out


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """Everything claimx extracted from one article."""

    source: str
    published: str | None
    sha256: str
    length: int
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    schema: str = field(default=SCHEMA_VERSION)
    published_basis: str | None = None
    title: str | None = None
    url: str | None = None
    text: str | None = None  # the text the offsets refer to, when it is not the input as given (a web page)
    duplicate_of: str | None = None  # set by output.trace: the source of the story's first copy in the run

    def to_dict(self) -> dict[str, Any]:
        """Wire form used by the JSON, JSONL and SQLite writers; `title`, `url`, `duplicate_of` and `text`
        only when known."""
        out: dict[str, Any] = {"schema": self.schema, "source": self.source}
        if self.url is not None:
            out["url"] = self.url
        if self.title is not None:
            out["title"] = self.title
        out["published"] = self.published
        out["published_basis"] = self.published_basis
        out["sha256"] = self.sha256
        out["length"] = self.length
        if self.duplicate_of is not None:
            out["duplicate_of"] = self.duplicate_of
        out["entities"] = [e.to_dict() for e in self.entities]
        out["claims"] = [c.to_dict() for c in self.claims]
        if self.text is not None:
            out["text"] = self.text
        return out
