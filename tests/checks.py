"""Checks shared by the fault and property tests: what every record must satisfy for its text."""

from __future__ import annotations

import json

import jsonschema

from claimx.schema import RECORD_SCHEMA


def check_record(rec: dict, text: str) -> None:
    """Valid against the schema, offsets exact, ids unique, aliases unique and never the name, and every
    reference to an entity resolves."""
    jsonschema.validate(rec, RECORD_SCHEMA)
    assert rec["length"] == len(text)
    ids = [e["id"] for e in rec["entities"]]
    assert len(ids) == len(set(ids))
    for e in rec["entities"]:
        assert len(set(e["aliases"])) == len(e["aliases"]) and e["name"] not in e["aliases"], e
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for c in rec["claims"]:
        assert text[c["start"] : c["end"]] == c["text"]
        assert 0 <= c["sentence_start"] <= c["start"] <= c["end"] <= c["sentence_end"] <= len(text)
        assert c["speaker_id"] is None or c["speaker_id"] in ids
        assert set(c["entities"]) <= set(ids) and set(c.get("actors", [])) <= set(ids)


def check_extraction(nlp, text: str, published=None) -> dict:
    """Extract twice: both records pass check_record and are byte-identical. Returns the record."""
    from claimx.extraction import extract_text

    first = extract_text(text, nlp, published).to_dict()
    check_record(first, text)
    assert json.dumps(extract_text(text, nlp, published).to_dict()) == json.dumps(first)
    return first
