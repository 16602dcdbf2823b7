"""Every record claimx writes validates against `claimx schema`, and output is deterministic."""

from __future__ import annotations

import json

import jsonschema
import pytest

from claimx.extraction import extract, extract_text
from claimx.output.writers import dumps
from claimx.schema import RECORD_SCHEMA

from .conftest import SAMPLES

TEXTS = [
    "",
    "   \n\n  ",
    '""""',
    "date 2025-11-25 Gen. Ada Obi said \u201cwe are ready to move the convoy tonight\u201d on Sunday.",
    "\u0645\u0631\u062d\u0628\u0627 \u4f60\u597d \U0001f600 \x07 control",
]


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(RECORD_SCHEMA)


@pytest.mark.parametrize("text", TEXTS)
def test_blank_pipeline_records_validate(blank_nlp, text: str) -> None:
    rec = extract_text(text, blank_nlp).to_dict()
    jsonschema.validate(rec, RECORD_SCHEMA)


@pytest.mark.model
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_sample_records_validate_and_are_deterministic(nlp, path) -> None:
    from claimx.inputs.collect import read_article

    art = read_article(str(path))
    first = dumps(next(iter(extract([art], nlp))))
    second = dumps(next(iter(extract([art], nlp))))
    assert first == second
    rec = json.loads(first)
    jsonschema.validate(rec, RECORD_SCHEMA)
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert art.text[m["start"] : m["end"]] == m["text"]
    for c in rec["claims"]:
        assert art.text[c["start"] : c["end"]] == c["text"]
        assert c["sentence_start"] <= c["start"] <= c["end"] <= max(c["sentence_end"], c["end"])


@pytest.mark.parametrize("value, precision", [("2025-W47", "week"), ("2025-11-25", "day"), (None, None)])
def test_date_values_of_every_precision_validate(value: str | None, precision: str | None) -> None:
    entity = {"id": "e1", "type": "date", "name": "last week", "aliases": [], "value": value}
    entity |= {"precision": precision, "basis": "relative", "mentions": [{"text": "last week", "start": 0, "end": 9}]}
    claim = {"id": "c1", "type": "event", "text": "x", "start": 0, "end": 1, "sentence_start": 0, "sentence_end": 1}
    claim |= {"speaker": None, "speaker_id": None, "cue": None, "entities": [], "date": value, "place": None}
    jsonschema.validate(entity, RECORD_SCHEMA["properties"]["entities"]["items"])
    jsonschema.validate(claim, RECORD_SCHEMA["properties"]["claims"]["items"])


def _properties(schema: dict, where: str = "record"):
    """Every (path, property schema) in the schema, nested objects and array items included."""
    for name, prop in schema.get("properties", {}).items():
        yield f"{where}.{name}", prop
        yield from _properties(prop, f"{where}.{name}")
        if isinstance(prop.get("items"), dict):
            yield from _properties(prop["items"], f"{where}.{name}[]")


def test_every_property_has_a_one_sentence_description() -> None:
    props = list(_properties(RECORD_SCHEMA))
    assert len(props) > 30
    for path, prop in props:
        text = prop.get("description", "")
        assert text.endswith(".") and text[0].isupper(), path
        assert "\n" not in text, path


def test_every_description_names_a_property() -> None:
    from claimx.schema import _OBJECTS, DESCRIPTIONS

    for kind, texts in DESCRIPTIONS.items():
        assert set(texts) == set(_OBJECTS[kind]["properties"]), kind


def test_shared_fragments_keep_their_own_descriptions() -> None:
    claim = RECORD_SCHEMA["properties"]["claims"]["items"]["properties"]
    assert claim["speaker"]["description"] != claim["cue"]["description"]


def test_readme_record_table_is_the_schema_table() -> None:
    from claimx.schema import record_table

    from .conftest import ROOT

    assert record_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_command_prints_the_descriptions(runner) -> None:
    from claimx.cli import app

    printed = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert printed["properties"]["published_basis"]["description"].startswith("Where `published` came from")
