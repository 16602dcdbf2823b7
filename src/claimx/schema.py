"""The JSON Schema of claimx's record (printed by `claimx schema`, checked by the tests)."""

from __future__ import annotations

from typing import Any

from claimx.inputs.published import PUBLISHED_BASES
from claimx.records import SCHEMA_VERSION

_NULLABLE_STR: dict[str, Any] = {"type": ["string", "null"]}
_ID_LIST: dict[str, Any] = {"type": "array", "items": {"type": "string", "pattern": "^e[0-9]+$"}}
# A calendar value: a year, a month, a day, or an ISO 8601 week ("2025-W47").
_DATE_VALUE: dict[str, Any] = {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-W[0-9]{2})?$"}

# The steps that decided an entity (`nlp/entities/evidence.py`): `model`, a rule family's name,
# `gazetteer`, `rule-file:ID`, `speaker-name`, `document-vote`.
_EVIDENCE: dict[str, Any] = {"type": "array", "items": {"type": "string", "pattern": "^(rule-file(:.+)?|[a-z_-]+)$"}}
SPEAKER_METHODS = ["direct", "pronoun", "description", "previous-sentence", "interview"]

MENTION: dict[str, Any] = {
    "type": "object",
    "required": ["text", "start", "end"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "minLength": 1},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
}

ENTITY: dict[str, Any] = {
    "type": "object",
    "required": ["id", "type", "name", "aliases", "mentions"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^e[0-9]+$"},
        "type": {"enum": ["person", "organization", "place", "date"]},
        "name": {"type": "string", "minLength": 1},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "mentions": {"type": "array", "items": MENTION, "minItems": 1},
        "rank": _NULLABLE_STR,
        "roles": {"type": "array", "items": {"type": "string"}},
        "country": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$"},
        "value": _DATE_VALUE,
        "precision": {"enum": ["year", "month", "week", "day", None]},
        "basis": {"enum": ["explicit", "year-inferred", "relative", "unresolved", None]},
        "evidence": _EVIDENCE,
    },
    "allOf": [
        {"if": {"properties": {"type": {"const": "person"}}}, "then": {"required": ["rank", "roles"]}},
        {"if": {"properties": {"type": {"const": "date"}}}, "then": {"required": ["value", "precision"]}},
        {"if": {"properties": {"type": {"const": "place"}}}, "then": {"required": ["country"]}},
    ],
}

CLAIM: dict[str, Any] = {
    "type": "object",
    "required": [
        "id",
        "type",
        "text",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "speaker",
        "speaker_id",
        "cue",
        "entities",
        "date",
        "place",
    ],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^c[0-9]+$"},
        "type": {"enum": ["quote", "statement", "post", "event"]},
        "text": {"type": "string"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "sentence_start": {"type": "integer", "minimum": 0},
        "sentence_end": {"type": "integer", "minimum": 0},
        "speaker": _NULLABLE_STR,
        "speaker_id": {"type": ["string", "null"], "pattern": "^e[0-9]+$"},
        "speaker_method": {"enum": [*SPEAKER_METHODS, None]},
        "speaker_reason": {"type": "string"},
        "speaker_affiliation": {"type": "string"},
        "negated": {"type": "boolean"},
        "hedged": {"type": "boolean"},
        "cue": _NULLABLE_STR,
        "entities": _ID_LIST,
        "date": _DATE_VALUE,
        "place": _NULLABLE_STR,
        "handle": _NULLABLE_STR,
        "predicate": _NULLABLE_STR,
        "actors": _ID_LIST,
        "quote_group": {"type": "string", "pattern": "^q[0-9]+$"},
    },
}

RECORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://claimx.invalid/schema/claimx-1.json",
    "title": "claimx article record",
    "type": "object",
    "required": ["schema", "source", "published", "published_basis", "sha256", "length", "entities", "claims"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA_VERSION},
        "source": {"type": "string"},
        "url": {"type": "string"},
        "title": {"type": "string"},
        "published": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "published_basis": {"enum": [*PUBLISHED_BASES, None]},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "length": {"type": "integer", "minimum": 0},
        "duplicate_of": {"type": "string"},
        "entities": {"type": "array", "items": ENTITY},
        "claims": {"type": "array", "items": CLAIM},
        "text": {"type": "string"},
    },
}

# One sentence per property, with its unit or allowed values: `claimx schema` prints them, and the
# README's record table is generated from them (`record_table`; a test keeps the two equal). A new
# property needs a line here, or tests/test_schema.py fails.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "record": {
        "schema": "The record format's version, always `claimx/1`.",
        "source": "The input as given: a path, a URL, `-` for stdin, a JSONL line's `id`, or `FILE:LINE` for a JSONL line without one.",
        "url": "The article's URL: a web page's canonical URL (else the URL fetched) or a JSONL line's `url`; absent when unknown.",
        "title": "The article's title from the web page's metadata or a JSONL line's `title`; absent when unknown.",
        "published": "The publication date relative dates are resolved against, `YYYY-MM-DD`, or null when none is known.",
        "published_basis": "Where `published` came from: `option`, `prefix`, `record`, `page` or `dateline`; null when `published` is null.",
        "sha256": "SHA-256 of the text the offsets refer to (UTF-8), as 64 lower-case hex digits.",
        "length": "Length in characters of the text the offsets refer to.",
        "duplicate_of": "With several inputs: the `source` of the first article of the run (in input order) that this one is a near-copy of (a syndicated story, 5-word shingles with Jaccard similarity 0.7 or more); absent otherwise.",
        "entities": "The people, organisations, places and dates, each merged over its mentions, in order of first mention.",
        "claims": "The quotes, statements, posts and events, in text order.",
        "text": "The text the offsets refer to, when it is not the input as given (a web page's extracted main text).",
    },
    "entity": {
        "id": "The entity's id within this record, `e1`, `e2`, ... in order of first mention.",
        "type": "What the entity is: `person`, `organization`, `place` or `date`.",
        "name": "The fullest form of the name used in the text (for a date, its text).",
        "aliases": "The other surface forms used, such as a surname, an acronym or rank plus name, each once and never the name itself.",
        "mentions": "Every occurrence in the text, in text order.",
        "rank": "A person's rank or title in full form (`Lt Gen` gives `Lieutenant General`), or null when none is written.",
        "roles": "A person's offices written next to the name (`Army Chief`, appositions), in text order.",
        "country": "A place's ISO 3166-1 alpha-2 country code, or null when the gazetteer does not know it.",
        "value": "A date's calendar value, `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO 8601 week `YYYY-Www` (`last week`), or null when it cannot be pinned.",
        "precision": "How much of a date `value` gives: `year`, `month`, `week` or `day` (null with a null value).",
        "basis": "How a date's value was found: `explicit`, `year-inferred`, `relative` (to `published`) or `unresolved`.",
        "evidence": "The steps that decided the entity's type and span over all its mentions, each once, in the order they ran: `model` (the spaCy model's name, kept), a rule family's name (see Accuracy), `rule-file:ID` (the rule-file pattern with that `id`), `gazetteer`, `speaker-name` (a name only an attribution gives) and `document-vote` (typed by the vote of its mentions).",
    },
    "mention": {
        "text": "The words of the mention, equal to the article text from `start` to `end`.",
        "start": "Offset of the first character in the text, counted in characters from 0.",
        "end": "Offset just past the last character in the text, counted in characters.",
    },
    "claim": {
        "id": "The claim's id within this record, `c1`, `c2`, ... in text order.",
        "type": "What the claim is: `quote`, `statement` (reported speech), `post` (social media) or `event`.",
        "text": "The claim's words, equal to the article text from `start` to `end`.",
        "start": "Offset of the claim's first character in the text, in characters from 0.",
        "end": "Offset just past the claim's last character in the text, in characters.",
        "sentence_start": "Offset of the first character of the sentence (or sentences) holding the claim.",
        "sentence_end": "Offset just past the last character of the sentence (or sentences) holding the claim.",
        "speaker": "The name of the entity who made the claim, or null when the text does not say who.",
        "speaker_id": "The id of the speaker's entity (`eN`), or null.",
        "speaker_method": "How the speaker was found: `direct` (the attribution names them), `pronoun` (`he said`: the person or organisation named before), `description` (`the minister`, `the company`: the one named before), `previous-sentence` (a quote going on from the one before it), `interview` (an answer in a question-and-answer interview); null when `speaker` is.",
        "speaker_reason": "Why `speaker` is null, in words (such as `no speech verb in the sentence`); present only then.",
        "speaker_affiliation": "The organisation or country the speaker speaks for, as the attribution describes them: a named speaker's (`said Ana Ruiz, chief executive of Velmora`, `Velmora chief executive Ana Ruiz said`) or, with a null speaker, the named body of an unnamed member (`a Defense Department official said`); present only when the text gives one.",
        "negated": "Statements only: true when the reported claim is negated (`did not confirm`, `denied`).",
        "hedged": "Statements only: true when the claim is reported at a distance (`reportedly`, `allegedly`, `is said to`).",
        "cue": "The word that attributes the claim (`said`, `told`, `according to`; `:` for a transcript label, `interview` for an answer in a question-and-answer interview), or null.",
        "entities": "The ids of the entities mentioned inside the claim, in text order.",
        "date": "When it happened, as the text gives it: for a quote or statement the date it was made (`said on Sunday`; a date inside the quote or the reported clause does not count), for a post its own date, for an event the date it took place; a calendar value like an entity's `value` (`YYYY`, `YYYY-MM`, `YYYY-Www`, `YYYY-MM-DD`), or null.",
        "place": "The name of the place the claim or event refers to, or null.",
        "handle": "A post's account handle (`@name`), or null; posts only.",
        "predicate": "What happened in an event, as a verb lemma (`meet`, `visit`, `sign`); events only.",
        "actors": "The ids of an event's actors, subject first; events only.",
        "quote_group": "With several inputs, quotes only: the id (`q1`, `q2`, ... in order of first appearance) of the group of near-identical quotes by the same speaker across the run's articles.",
    },
}
_OBJECTS: dict[str, dict[str, Any]] = {"record": RECORD_SCHEMA, "entity": ENTITY, "mention": MENTION, "claim": CLAIM}


def _describe() -> None:
    """Put each description on its property (copied first: properties share schema fragments)."""
    for kind, obj in _OBJECTS.items():
        props = obj["properties"]
        for name, text in DESCRIPTIONS[kind].items():
            if name in props:
                props[name] = {**props[name], "description": text}


_describe()


def record_table() -> str:
    """The README's record table (Markdown), one row per property, from the schema's descriptions."""
    rows = ["| field | meaning |", "| --- | --- |"]
    prefixes = {"record": "", "entity": "entities[].", "mention": "entities[].mentions[].", "claim": "claims[]."}
    for kind, obj in _OBJECTS.items():
        for name, prop in obj["properties"].items():
            rows.append(f"| `{prefixes[kind]}{name}` | {prop.get('description', '')} |")
    return "\n".join(rows) + "\n"
