"""Keeping part of each record: --claims, --speaker, --entities (every format, the table included), and
the --wide claims tables. The records are invented for these tests."""

from __future__ import annotations

import json

import jsonschema
import pytest

from claimx.cli import app
from claimx.errors import UsageError
from claimx.output.filters import RecordFilter, filter_record
from claimx.records import ArticleRecord, Claim, Entity, Mention
from claimx.schema import RECORD_SCHEMA

TEXT = (
    '"We will sail at dawn," said Rear Admiral Lina Park. The Port Authority said that the berth was safe. '
    "Park met Tom Reyes in Elwin on Monday."
)


def _entity(eid: str, etype: str, name: str, *aliases: str) -> Entity:
    at = TEXT.index(name)
    return Entity(eid, etype, name, aliases, (Mention(name, at, at + len(name)),))


def _claim(cid: str, ctype: str, text: str, **fields) -> Claim:
    at = TEXT.index(text)
    return Claim(cid, ctype, text, at, at + len(text), 0, len(TEXT), **fields)


RECORD = ArticleRecord(
    source="a.txt",
    published="2025-11-25",
    sha256="0" * 64,
    length=len(TEXT),
    entities=(
        _entity("e1", "person", "Lina Park", "Rear Admiral Lina Park", "Park"),
        _entity("e2", "organization", "Port Authority"),
        _entity("e3", "person", "Tom Reyes"),
        _entity("e4", "place", "Elwin"),
        _entity("e5", "date", "Monday"),
    ),
    claims=(
        _claim("c1", "quote", "We will sail at dawn,", speaker="Lina Park", speaker_id="e1", cue="said"),
        _claim("c2", "statement", "the berth was safe", speaker="Port Authority", speaker_id="e2", cue="said"),
        _claim("c3", "event", "Park met Tom Reyes", predicate="meet", actors=("e1", "e3"), entities=("e1", "e3", "e4")),
    ),
)


def valid(record: ArticleRecord) -> dict:
    """The record's wire form, checked: valid against the schema and every id it names resolvable."""
    rec = record.to_dict()
    jsonschema.validate(rec, RECORD_SCHEMA)
    ids = {e["id"] for e in rec["entities"]}
    for c in rec["claims"]:
        assert c["speaker_id"] is None or c["speaker_id"] in ids
        assert set(c["entities"]) <= ids and set(c.get("actors", [])) <= ids
    return rec


def test_claim_types_keep_only_those_claims_with_their_ids() -> None:
    rec = valid(filter_record(RECORD, claims="quote,event"))
    assert [c["id"] for c in rec["claims"]] == ["c1", "c3"]  # never renumbered
    assert len(rec["entities"]) == 5


@pytest.mark.parametrize(
    "name, kept",
    [
        ("Lina Park", ["c1"]),
        ("lina park", ["c1"]),  # any case
        ("  LINA   park ", ["c1"]),  # spaces as typed
        ("Rear Admiral Lina Park", ["c1"]),  # an alias of the speaker's entity
        ("park", ["c1"]),  # the surname is an alias here
        ("Lina", []),  # a whole name or alias, never a part of one
        ("port authority", ["c2"]),
        ("Tom Reyes", []),  # an actor is not a speaker
    ],
)
def test_speaker_matches_the_speaker_or_an_alias_whole_and_in_any_case(name: str, kept: list[str]) -> None:
    assert [c["id"] for c in valid(filter_record(RECORD, speakers=name))["claims"]] == kept


def test_several_speakers_keep_the_claims_of_any() -> None:
    got = filter_record(RECORD, speakers=["Lina Park", "Port Authority"])
    assert [c.id for c in got.claims] == ["c1", "c2"]


def test_entity_types_drop_the_ids_of_entities_left_out_and_the_record_stays_valid() -> None:
    rec = valid(filter_record(RECORD, entities="person"))
    assert [e["id"] for e in rec["entities"]] == ["e1", "e3"]
    statement = rec["claims"][1]
    assert statement["speaker"] == "Port Authority" and statement["speaker_id"] is None  # the name still says who
    assert rec["claims"][2]["actors"] == ["e1", "e3"] and rec["claims"][2]["entities"] == ["e1", "e3"]


def test_the_british_spelling_of_organization_is_understood() -> None:
    assert [e.type for e in filter_record(RECORD, entities="organisation").entities] == ["organization"]


@pytest.mark.parametrize(
    "kwargs, option, listed",
    [
        ({"claims": "quote,opinion"}, "--claims", "quote, statement, post, event"),
        ({"entities": "people"}, "--entities", "person, organization, place, date"),
        ({"claims": " , "}, "--claims", "quote, statement, post, event"),
    ],
)
def test_an_unknown_type_is_a_usage_error_listing_the_valid_ones(kwargs: dict, option: str, listed: str) -> None:
    with pytest.raises(UsageError) as caught:
        RecordFilter.of(**kwargs)
    assert caught.value.option == option and listed in str(caught.value)


def test_no_filter_is_the_record_itself() -> None:
    assert RecordFilter.of()(RECORD) is RECORD


# --- the command line -------------------------------------------------------------------------

ARTICLE = (
    'date 2025-11-25 Rear Adm. Lina Park said "the exercise will go ahead as planned, whatever the weather '
    "does over the next three days, since the ships have sailed in worse and the harbour pilots have checked "
    'every channel twice, and the crews know it" on Sunday in Karachi.\n'
)


def flat(table: str) -> str:
    """A table's words in order, without its rules."""
    return " ".join(table.replace("│", " ").replace("┃", " ").split())


@pytest.fixture(autouse=True)
def blank_pipeline(monkeypatch, blank_nlp):
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


def test_filters_apply_to_json(runner) -> None:
    result = runner.invoke(
        app, ["extract", "-", "-f", "json", "--claims", "statement", "--entities", "place"], input=ARTICLE
    )
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["claims"] == [] and {e["type"] for e in rec["entities"]} <= {"place"}


def test_filters_apply_to_the_table(runner) -> None:
    plain = runner.invoke(app, ["extract", "-", "-f", "table"], input=ARTICLE).stdout
    assert "Quotes" in plain and "People" in plain
    filtered = runner.invoke(
        app, ["extract", "-", "-f", "table", "--claims", "event", "--entities", "date"], input=ARTICLE
    )
    assert "Quotes" not in filtered.stdout and "People" not in filtered.stdout


def test_filters_apply_to_csv_and_sqlite(runner, tmp_path) -> None:
    import sqlite3

    csv_out = runner.invoke(app, ["extract", "-", "-f", "csv", "--claims", "statement"], input=ARTICLE).stdout
    assert len(csv_out.splitlines()) == 1  # the header only
    db = tmp_path / "c.db"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(db), "--entities", "date"]).exit_code == 0
    types = {r[0] for r in sqlite3.connect(db).execute("SELECT type FROM entities")}
    assert types <= {"date"}


def test_an_unknown_claim_type_is_exit_2_with_the_valid_ones(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "--claims", "quotes"], input=ARTICLE)
    assert result.exit_code == 2 and result.stdout == ""
    assert "'quotes' is not a type --claims knows; use one of: quote, statement, post, event" in result.stderr


def test_wide_shows_every_field_and_the_whole_text(runner) -> None:
    wide_terminal = {"COLUMNS": "300"}  # so the whole text is on one line
    narrow = runner.invoke(app, ["extract", "-", "-f", "table"], input=ARTICLE, env=wide_terminal).stdout
    wide = runner.invoke(app, ["extract", "-", "-f", "table", "--wide"], input=ARTICLE, env=wide_terminal).stdout
    assert "the crews know it" not in flat(narrow)  # cut at 160 characters
    assert "the crews know it" in flat(wide)
    assert "id speaker affiliation cue date place group text" in flat(wide)


def test_wide_needs_the_table_format(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "json", "--wide"], input=ARTICLE)
    assert result.exit_code == 2 and "--wide widens the tables of -f table" in result.stderr


def test_wide_statement_and_event_columns() -> None:
    import io

    from claimx.output.terminal import TableWriter

    out = io.StringIO()
    writer = TableWriter(out, width=250, wide=True)
    writer.write(RECORD)
    got = flat(out.getvalue())
    assert "id speaker affiliation cue negated hedged date place text" in got
    assert "id predicate actors date place text" in got
    assert "c3 meet Lina Park; Tom Reyes" in got  # actors by name
