"""Every record claimx writes validates against `claimx schema`, and output is deterministic."""

from __future__ import annotations

import json

import jsonschema
import pytest

from claimx.extractor import extract, extract_text
from claimx.schema import RECORD_SCHEMA
from claimx.writers import dumps

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
    from claimx.sources import read_article

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
