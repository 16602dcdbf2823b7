"""The JSON Schema of claimx's record (printed by `claimx schema`, checked by the tests)."""

from __future__ import annotations

from typing import Any

from .records import SCHEMA_VERSION

_NULLABLE_STR: dict[str, Any] = {"type": ["string", "null"]}
_ID_LIST: dict[str, Any] = {"type": "array", "items": {"type": "string", "pattern": "^e[0-9]+$"}}

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
        "value": {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
        "precision": {"enum": ["year", "month", "day", None]},
        "basis": {"enum": ["explicit", "year-inferred", "relative", "unresolved", None]},
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
        "speaker_reason": {"type": "string"},
        "speaker_affiliation": {
            "type": "string",
            "description": "When the speaker is an unnamed member of a named body ('a Defense Department "
            "official said'): that body's name. `speaker` stays null and `speaker_reason` says 'unnamed "
            "official of ...'.",
        },
        "negated": {
            "type": "boolean",
            "description": "Statements only: the reported claim is negated ('did not confirm', 'denied').",
        },
        "hedged": {
            "type": "boolean",
            "description": "Statements only: the claim is reported at a distance ('reportedly', 'allegedly', "
            "'is said to').",
        },
        "cue": _NULLABLE_STR,
        "entities": _ID_LIST,
        "date": _NULLABLE_STR,
        "place": _NULLABLE_STR,
        "handle": _NULLABLE_STR,
        "predicate": _NULLABLE_STR,
        "actors": _ID_LIST,
    },
}

RECORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://claimx.invalid/schema/claimx-1.json",
    "title": "claimx article record",
    "type": "object",
    "required": ["schema", "source", "published", "sha256", "length", "entities", "claims"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA_VERSION},
        "source": {"type": "string"},
        "published": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "length": {"type": "integer", "minimum": 0},
        "entities": {"type": "array", "items": ENTITY},
        "claims": {"type": "array", "items": CLAIM},
    },
}
