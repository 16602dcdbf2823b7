"""The rule files a user gives with --patterns: word lists extend the shipped ones, and every line a
user can get wrong is a `FILE:LINE: what; how to fix` error that stops the run before any output."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from claimx.cli import app
from claimx.errors import PatternError
from claimx.knowledge import rule_files as rules
from claimx.nlp import pipeline

SHIPPED_HOLIDAYS = rules.load_words()["holiday_names"]


def _write(folder: Path, name: str, *lines: object) -> Path:
    path = folder / name
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8")
    return path


# --- words.jsonl: extend or replace ----------------------------------------------------------------------


def test_a_user_word_list_extends_the_shipped_list_of_its_name(tmp_path) -> None:
    _write(tmp_path, "words.jsonl", {"list": "holiday_names", "words": ["Founders Day"]})
    got = rules.load_words(tmp_path)["holiday_names"]
    assert got == SHIPPED_HOLIDAYS | {"Founders Day"}
    assert "Easter" in got


def test_replace_true_replaces_the_shipped_list(tmp_path) -> None:
    _write(tmp_path, "words.jsonl", {"list": "holiday_names", "words": ["Founders Day"], "replace": True})
    assert rules.load_words(tmp_path)["holiday_names"] == {"Founders Day"}


def test_a_user_word_list_extends_a_list_made_of_parts_and_keeps_its_parts(tmp_path) -> None:
    shipped = rules.load_words()
    _write(tmp_path, "words.jsonl", {"list": "place_cues", "words": ["fjord"]})
    words = rules.load_words(tmp_path)
    assert words["place_cues"] == shipped["place_cues"] | {"fjord"}
    assert {"valley", "district", "oblast"} <= words["place_cues"]  # its own words, place_nouns', admin_units'
    assert words["place_of_heads"] == shipped["place_of_heads"]


def test_a_word_added_to_a_shared_list_reaches_every_list_that_includes_it(tmp_path) -> None:
    shipped = rules.load_words()
    _write(tmp_path, "words.jsonl", {"list": "place_nouns", "words": ["fjord"]})
    words = rules.load_words(tmp_path)
    assert words["place_cues"] == shipped["place_cues"] | {"fjord"}
    assert words["place_of_heads"] == shipped["place_of_heads"] | {"fjord"}
    assert words["settlement_nouns"] == shipped["settlement_nouns"]


def test_replace_true_stands_for_the_whole_list_of_parts(tmp_path) -> None:
    _write(tmp_path, "words.jsonl", {"list": "place_cues", "words": ["fjord"], "replace": True})
    assert rules.load_words(tmp_path)["place_cues"] == {"fjord"}


def test_a_user_list_may_include_a_shipped_one(tmp_path) -> None:
    _write(tmp_path, "words.jsonl", {"list": "holiday_names", "words": ["Founders Day"], "include": ["rite_names"]})
    words = rules.load_words(tmp_path)
    assert words["holiday_names"] == SHIPPED_HOLIDAYS | {"Founders Day"} | words["rite_names"]


def test_replace_false_and_a_new_list(tmp_path) -> None:
    _write(
        tmp_path,
        "words.jsonl",
        {"list": "group_nouns", "words": ["sept"], "replace": False},
        {"list": "my_cues", "words": ["wadi"], "note": "used by mine.jsonl"},
    )
    _write(
        tmp_path,
        "mine.jsonl",
        {"label": "PLACE", "pattern": [{"IS_TITLE": True}, {"LOWER": {"IN": "@my_cues"}}], "id": "wadi"},
    )
    words = rules.load_words(tmp_path)
    assert words["group_nouns"] == rules.load_words()["group_nouns"] | {"sept"}
    assert words["my_cues"] == {"wadi"}
    rules.check_rules(tmp_path)


def test_verbose_log_says_which_lists_were_extended_replaced_or_added(tmp_path, caplog) -> None:
    words = _write(
        tmp_path,
        "words.jsonl",
        {"list": "holiday_names", "words": ["Founders Day"]},
        {"list": "group_nouns", "words": ["sept"], "replace": True},
        {"list": "my_cues", "words": ["wadi", "nullah"]},
    )
    _write(
        tmp_path,
        "mine.jsonl",
        {"label": "PLACE", "pattern": [{"IS_TITLE": True}, {"LOWER": {"IN": "@my_cues"}}], "id": "wadi"},
    )
    _write(tmp_path, "ranks.jsonl", {"label": "RANK", "pattern": "Grand Marshal", "id": "Grand Marshal"})
    with caplog.at_level(logging.DEBUG, logger="claimx"):
        rules.check_rules(tmp_path)
    n = len(SHIPPED_HOLIDAYS) + 1
    assert [m for m in caplog.messages if str(tmp_path) in m] == [
        f"{words}:1: word list holiday_names extended with 1 word ({n} now)",
        f"{words}:2: word list group_nouns replaced (1 word)",
        f"{words}:3: word list my_cues added (2 words)",
        f"rule file {tmp_path / 'mine.jsonl'} added",
        f"rule file {tmp_path / 'ranks.jsonl'} replaces the shipped ranks.jsonl",
    ]


@pytest.mark.model
def test_a_user_holiday_keeps_the_shipped_ones(tmp_path) -> None:
    import spacy

    from claimx.extraction import extract_text

    _write(tmp_path, "words.jsonl", {"list": "holiday_names", "words": ["Founders Day"]})
    nlp = pipeline.add_claimx_pipes(spacy.load(pipeline.resolve_model()), tmp_path)
    rec = extract_text("Families in Velmora shopped for Easter on Saturday, traders said.", nlp, "2025-04-19")
    assert ("date", "Easter") in [(e.type, e.name) for e in rec.entities]
    assert "person" not in [e.type for e in rec.entities]


def test_rule_labels_are_those_the_shipped_files_and_the_components_use() -> None:
    from claimx.nlp.entities.people import TITLE_LABELS

    shipped = {entry["label"] for path in rules.rule_files() for entry in rules.read_patterns(path)}
    assert shipped == set(rules.RULE_LABELS)
    assert set(TITLE_LABELS) <= set(rules.RULE_LABELS)


# --- invalid lines -------------------------------------------------------------------------------------

LABELS = "ORG, PLACE, RANK, ROLE or TITLE"
BAD_RULES = {
    "no id": (
        {"label": "RANK", "pattern": "Grand Marshal"},
        'no \'id\'; give the canonical form the pattern stands for, e.g. "id": "Grand Marshal"',
    ),
    "empty id": (
        {"label": "RANK", "pattern": "Grand Marshal", "id": " "},
        '\'id\' is empty; give the canonical form the pattern stands for, e.g. "id": "Grand Marshal"',
    ),
    "id not a string": (
        {"label": "RANK", "pattern": "Grand Marshal", "id": 7},
        "'id' must be a string (the canonical form), not a number",
    ),
    "unknown label": (
        {"label": "RANKK", "pattern": "Grand Marshal", "id": "Grand Marshal"},
        f"unknown label 'RANKK'; use {LABELS}",
    ),
    "lower-case label": (
        {"label": "rank", "pattern": "Grand Marshal", "id": "Grand Marshal"},
        f"unknown label 'rank'; use {LABELS}",
    ),
    "label not a string": (
        {"label": ["RANK"], "pattern": "Grand Marshal", "id": "Grand Marshal"},
        f"'label' must be a string, not an array; use {LABELS}",
    ),
    "no label": (
        {"pattern": "Grand Marshal", "id": "Grand Marshal"},
        f"no 'label'; a rule line needs 'label' ({LABELS}), 'pattern' and 'id'",
    ),
    "no pattern": (
        {"label": "RANK", "id": "Grand Marshal"},
        f"no 'pattern'; a rule line needs 'label' ({LABELS}), 'pattern' and 'id'",
    ),
    "misspelt key": (
        {"label": "RANK", "pattern": "Grand Marshal", "id": "Grand Marshal", "ID": "x"},
        "unknown key 'ID'; a rule line has only 'label', 'pattern' and 'id'",
    ),
    "empty phrase": (
        {"label": "RANK", "pattern": "  ", "id": "Grand Marshal"},
        "'pattern' is empty; write the phrase as it appears in text, or a list of token patterns",
    ),
    "pattern a number": (
        {"label": "RANK", "pattern": 5, "id": "Grand Marshal"},
        "'pattern' must be a phrase (a string) or a list of token patterns (objects), not a number",
    ),
    "empty token list": (
        {"label": "ORG", "pattern": [], "id": "acme"},
        "'pattern' is empty; write the phrase as it appears in text, or a list of token patterns",
    ),
    "token not an object": (
        {"label": "ORG", "pattern": ["Acme"], "id": "acme"},
        'token 1 of \'pattern\' is a string, not an object; write tokens as {"LOWER": "word"}, '
        "or the whole pattern as one phrase string",
    ),
    "unknown word list": (
        {"label": "ORG", "pattern": [{"LOWER": {"IN": "@no_such_list"}}], "id": "acme"},
        "unknown word list '@no_such_list'; define it in words.jsonl",
    ),
    "not an object": (
        ["RANK", "Grand Marshal"],
        "an array, not an object; write one rule a line, as "
        '{"label": "RANK", "pattern": "Lt. Gen.", "id": "Lieutenant General"}',
    ),
    "cut line": (
        '{"label": "RANK", "pattern": "Grand Marsh',
        "invalid JSON (unterminated string starting at column 30); fix or remove the line",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_RULES))
def test_a_bad_rule_line_is_an_error_naming_file_and_line(name: str, tmp_path) -> None:
    line, message = BAD_RULES[name]
    path = _write(tmp_path, "extra.jsonl", {"label": "ORG", "pattern": "Acme Shipping", "id": "Acme Shipping"}, line)
    with pytest.raises(PatternError) as caught:
        rules.check_rules(tmp_path)
    assert str(caught.value) == f"{path}:2: {message}"


BAD_WORDS = {
    "words a string": (
        {"list": "holiday_names", "words": "Founders Day"},
        '\'words\' must be an array of non-empty strings, e.g. "words": ["Founders Day"]',
    ),
    "an empty word": (
        {"list": "holiday_names", "words": ["Founders Day", ""]},
        '\'words\' must be an array of non-empty strings, e.g. "words": ["Founders Day"]',
    ),
    "replace a string": (
        {"list": "holiday_names", "words": ["Founders Day"], "replace": "yes"},
        "'replace' must be true or false (without quotes), not \"yes\"",
    ),
    "note a number": (
        {"list": "holiday_names", "words": ["Founders Day"], "note": 3},
        "'note' must be a string, not a number",
    ),
    "unknown key": (
        {"list": "holiday_names", "words": ["Founders Day"], "replaces": True},
        "unknown key 'replaces'; a word-list line has only 'list', 'words', 'include', 'note' and 'replace'",
    ),
    "no words": (
        {"list": "holiday_names"},
        "no 'words'; a word-list line needs 'list' (the list's name) and 'words'",
    ),
    "name not a string": (
        {"list": 3, "words": ["Founders Day"]},
        "'list' must be the list's name (a non-empty string), not a number",
    ),
    "empty name": (
        {"list": " ", "words": ["Founders Day"]},
        '\'list\' is empty; give the list\'s name, e.g. "list": "holiday_names"',
    ),
    "twice": (
        {"list": "group_nouns", "words": ["sept"]},
        "list 'group_nouns' is already on line 1; write each list once",
    ),
    "a list nothing uses": (
        {"list": "holiday_name", "words": ["Founders Day"]},
        "word list 'holiday_name' is not a list claimx knows, no rule file uses '@holiday_name' and no list "
        "includes it; check the name (claimx's lists are in models/words.jsonl)",
    ),
    "include not a list of names": (
        {"list": "holiday_names", "words": ["Founders Day"], "include": "rite_names"},
        '\'include\' must be an array of list names, e.g. "include": ["place_nouns"]',
    ),
    "include of no list": (
        {"list": "holiday_names", "words": ["Founders Day"], "include": ["rite_name"]},
        "list 'holiday_names' includes 'rite_name', which is no word list; check the name",
    ),
    "include of itself": (
        {"list": "holiday_names", "words": ["Founders Day"], "include": ["holiday_names"]},
        "list 'holiday_names' includes itself through 'holiday_names'; drop one include",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_WORDS))
def test_a_bad_word_list_line_is_an_error_naming_file_and_line(name: str, tmp_path) -> None:
    line, message = BAD_WORDS[name]
    path = _write(tmp_path, "words.jsonl", {"list": "group_nouns", "words": ["sept"]}, line)
    with pytest.raises(PatternError) as caught:
        rules.check_rules(tmp_path)
    assert str(caught.value) == f"{path}:2: {message}"


def test_a_folder_without_rule_files_is_an_error(tmp_path) -> None:
    (tmp_path / "ranks.json").write_text("{}\n")
    with pytest.raises(PatternError) as caught:
        rules.check_rules(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}: --patterns holds no *.jsonl rule files; add some (see models/README.md) or leave out --patterns"
    )


def test_a_rule_file_that_is_not_utf8_is_an_error(tmp_path) -> None:
    path = tmp_path / "extra.jsonl"
    path.write_bytes(b'{"label": "ORG", "pattern": "Caf\xe9 Group", "id": "Caf\xe9 Group"}\n')
    with pytest.raises(PatternError) as caught:
        rules.check_rules(tmp_path)
    assert str(caught.value) == f"{path}: not UTF-8 text (byte 32); save the rule file as UTF-8"


def test_a_bad_token_attribute_names_file_line_and_token(tmp_path) -> None:
    path = _write(
        tmp_path,
        "extra.jsonl",
        {"label": "ORG", "pattern": "Acme Shipping", "id": "Acme Shipping"},
        {"label": "ORG", "pattern": [{"IS_TITLE": True}, {"LOWR": "shipping"}], "id": "shipping"},
    )
    message = (
        f"{path}:2: invalid token pattern (token 2, LOWR: extra inputs are not permitted); use spaCy's token "
        "attributes and operators: https://spacy.io/usage/rule-based-matching#adding-patterns-attributes"
    )
    with pytest.raises(PatternError) as caught:
        rules.check_rules(tmp_path, pipeline.token_pattern_problems)
    assert str(caught.value) == message
    import spacy

    with pytest.raises(PatternError) as caught:
        pipeline.add_claimx_pipes(spacy.blank("en"), tmp_path)
    assert str(caught.value) == message


@pytest.mark.model
@pytest.mark.parametrize("name", ["unknown label", "no id", "cut line"])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_stops_on_a_bad_rule_line_before_any_output(name: str, workers: str, runner, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Lt Gen Arlo Venn met officials in Velmora on Monday.\n", encoding="utf-8")
    folder = tmp_path / "rules"
    folder.mkdir()
    line, message = BAD_RULES[name]
    path = _write(folder, "extra.jsonl", {"label": "ORG", "pattern": "Acme Shipping", "id": "Acme Shipping"}, line)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["extract", str(tmp_path / "a.txt"), "--patterns", str(folder), "-w", workers, "-o", str(out)]
    )
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [f"Error: {path}:2: {message}"]
    assert not out.exists()


@pytest.mark.slow  # a fresh interpreter, to see what gets imported
def test_checking_a_folder_of_phrase_rules_does_not_import_spacy(tmp_path) -> None:
    import subprocess
    import sys

    _write(tmp_path, "mine.jsonl", {"label": "RANK", "pattern": "Grand Marshal", "id": "Grand Marshal"})
    _write(tmp_path, "words.jsonl", {"list": "holiday_names", "words": ["Founders Day"]})
    code = (
        "import sys; from claimx.nlp.pipeline import token_pattern_problems; from claimx.knowledge.rule_files import check_rules; "
        f"check_rules({str(tmp_path)!r}, token_pattern_problems); print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
