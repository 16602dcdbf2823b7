"""load_pipeline and the rule files: resolution, validation, shipping."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimx.errors import ModelNotFound, PatternError
from claimx.knowledge import rule_files as rules
from claimx.nlp import pipeline


def test_shipped_rule_files_are_found_and_valid() -> None:
    names = [p.name for p in pipeline.rule_files()]
    assert {"ranks.jsonl", "titles.jsonl", "roles.jsonl", "organisations.jsonl", "places.jsonl"} <= set(names)
    for path in pipeline.rule_files():
        assert rules.read_patterns(path), path


def test_every_rank_maps_to_a_full_form() -> None:
    for path in pipeline.rule_files():
        for entry in rules.read_patterns(path):
            if entry["label"] in ("RANK", "TITLE"):
                assert entry["id"] and "." not in entry["id"], entry


def test_invalid_jsonl_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "ranks.jsonl"
    bad.write_text('{"label": "RANK", "pattern": "Gen", "id": "General"}\n{not json}\n')
    with pytest.raises(PatternError, match=r"ranks\.jsonl:2: invalid JSON"):
        rules.read_patterns(bad)


def test_unknown_pattern_key_is_rejected(tmp_path) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text(json.dumps({"label": "RANK", "pattern": "Gen", "idd": "General"}) + "\n")
    with pytest.raises(PatternError, match="unknown key 'idd'"):
        rules.read_patterns(bad)


def test_invalid_token_pattern_fails_on_load(tmp_path) -> None:
    import spacy

    (tmp_path / "extra.jsonl").write_text(json.dumps({"label": "ORG", "pattern": [{"NOPE": 1}], "id": "x"}) + "\n")
    with pytest.raises(PatternError, match="extra.jsonl"):
        pipeline.add_claimx_pipes(spacy.blank("en"), tmp_path)


def test_patterns_dir_adds_and_replaces(tmp_path) -> None:
    (tmp_path / "ranks.jsonl").write_text(json.dumps({"label": "RANK", "pattern": "Gen", "id": "General"}) + "\n")
    (tmp_path / "mine.jsonl").write_text(json.dumps({"label": "ORG", "pattern": "Acme"}) + "\n")
    files = pipeline.rule_files(tmp_path)
    assert tmp_path / "ranks.jsonl" in files and tmp_path / "mine.jsonl" in files
    assert sum(p.name == "ranks.jsonl" for p in files) == 1


def test_model_resolution_order(monkeypatch) -> None:
    monkeypatch.setenv("CLAIMX_MODEL", "from_env")
    assert pipeline.resolve_model("explicit") == "explicit"
    assert pipeline.resolve_model(None) == "from_env"
    monkeypatch.delenv("CLAIMX_MODEL")
    monkeypatch.setattr(pipeline.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotFound, match="pip install"):
        pipeline.resolve_model(None)


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelNotFound, match="not installed"):
        pipeline.load_pipeline("no_such_model_xyz")


def test_help_does_not_import_spacy() -> None:
    code = "import sys; from claimx.cli import app; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
