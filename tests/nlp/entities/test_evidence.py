"""Know why (issue 25, item 4): each entity's `evidence` and each claim's `speaker_method`.

Every text here is invented for the test. The step log runs on a blank English Doc; the rest use the real
model (`model` tier) or hand-made records.
"""

from __future__ import annotations

import io
import json
import sqlite3

import pytest
import spacy
from spacy.tokens import Span

from claimx.cli import app
from claimx.nlp.entities.evidence import StepLog
from claimx.nlp.entities.typer import evidence_rank
from claimx.records import ArticleRecord, Claim, Entity, Mention


def named(log: StepLog, doc) -> dict:
    """The log's steps keyed by (start, end, label name): the log keys labels by their hash."""
    return {(start, end, doc.vocab.strings[label]): steps for (start, end, label), steps in log.steps.items()}


@pytest.fixture(scope="module")
def doc():
    return spacy.blank("en")("Dana Whitcombe met the Quillmark Lantern Society in Vell Harbour West today .")


def test_a_name_no_pass_touches_keeps_model_alone(doc) -> None:
    log = StepLog([Span(doc, 0, 2, label="PERSON")], evidence_rank)
    log.after("person_evidence", [Span(doc, 0, 2, label="PERSON")])
    assert named(log, doc) == {(0, 2, "PERSON"): ("model",)}


def test_names_handed_on_untouched_then_changed_are_logged_once_changed(doc) -> None:
    names = [Span(doc, 0, 2, label="PERSON"), Span(doc, 4, 7, label="ORG")]
    log = StepLog(names, evidence_rank)
    log.after("not_names", names)  # the very list a pass returned unchanged
    log.after("whole_names", list(names))  # the same Span objects in a new list
    assert named(log, doc) == {(0, 2, "PERSON"): ("model",), (4, 7, "ORG"): ("model",)}
    log.after("org_persons", [names[0], Span(doc, 4, 7, label="PERSON")])
    log.after("place_mentions", [names[0], Span(doc, 4, 7, label="PERSON")])  # new objects, same names
    assert named(log, doc) == {(0, 2, "PERSON"): ("model",), (4, 7, "PERSON"): ("model", "org_persons")}


def test_a_retyped_or_reshaped_name_adds_its_family_after_model(doc) -> None:
    log = StepLog([Span(doc, 4, 7, label="PERSON"), Span(doc, 8, 10, label="ORG")], evidence_rank)
    log.after("org_head_names", [Span(doc, 4, 7, label="ORG"), Span(doc, 8, 10, label="ORG")])
    log.after("place_name_parts", [Span(doc, 4, 7, label="ORG"), Span(doc, 8, 11, label="LOC")])
    assert named(log, doc) == {
        (4, 7, "ORG"): ("model", "org_head_names"),
        (8, 11, "LOC"): ("model", "place_name_parts"),
    }


def test_a_rule_file_match_names_its_pattern_and_its_merge_adds_nothing(doc) -> None:
    log = StepLog([Span(doc, 4, 6, label="ORG")], evidence_rank)
    rule = Span(doc, 4, 7, label="RULE_ORG", span_id="lantern-society")
    log.after("rule_entities", [Span(doc, 4, 6, label="ORG"), rule])
    log.after("rule_entities", [Span(doc, 4, 7, label="ORG")])  # the merge: the match wins over the model's name
    assert named(log, doc) == {(4, 7, "ORG"): ("model", "rule-file:lantern-society")}


def test_the_gazetteer_passes_say_gazetteer_and_steps_keep_the_order_they_ran(doc) -> None:
    log = StepLog([Span(doc, 8, 10, label="ORG")], evidence_rank)
    log.after("gazetteer_retype", [Span(doc, 8, 10, label="GPE")])
    log.after("place_evidence", [Span(doc, 8, 11, label="GPE")])  # a family that runs before the gazetteer
    assert named(log, doc) == {(8, 11, "GPE"): ("model", "place_evidence", "gazetteer")}


def test_long_texts_merge_the_evidence_of_their_pieces() -> None:
    from claimx.extraction import merge_pieces
    from claimx.inputs.article import make_article

    text = "Vell Harbour. Vell Harbour."
    piece = ArticleRecord(source="-", published=None, sha256="0" * 64, length=13)

    def part(steps: tuple[str, ...]) -> ArticleRecord:
        place = Entity("e1", "place", "Vell Harbour", mentions=(Mention("Vell Harbour", 0, 12),), evidence=steps)
        return ArticleRecord(**{**_header(piece), "entities": (place,)})

    merged = merge_pieces(make_article(text, "-", None), [(0, part(("gazetteer",))), (14, part(("model",)))])
    assert [e.evidence for e in merged.entities] == [("model", "gazetteer")]


def _header(rec: ArticleRecord) -> dict:
    return {"source": rec.source, "published": rec.published, "sha256": rec.sha256, "length": rec.length}


def _record() -> ArticleRecord:
    text = 'Dana Whitcombe said "the port is open today".'
    person = Entity("e1", "person", "Dana Whitcombe", mentions=(Mention("Dana Whitcombe", 0, 14),), evidence=("model",))
    quote = Claim(
        "c1", "quote", "the port is open today", 20, 42, 0, len(text), "Dana Whitcombe", "e1", "direct", cue="said"
    )
    return ArticleRecord(
        source="a.txt", published=None, sha256="0" * 64, length=len(text), entities=(person,), claims=(quote,)
    )


def test_the_wire_form_carries_evidence_and_the_speaker_method() -> None:
    rec = _record().to_dict()
    assert rec["entities"][0]["evidence"] == ["model"]
    assert rec["claims"][0]["speaker_method"] == "direct"


def test_csv_and_sqlite_rows_carry_evidence_and_the_speaker_method() -> None:
    from claimx.output.tables import rows

    [entity] = rows(_record(), "entities", 1)
    [claim] = rows(_record(), "claims", 1)
    assert json.loads(entity["evidence"]) == ["model"] and claim["speaker_method"] == "direct"


def test_the_wide_table_shows_evidence_and_the_speaker_method() -> None:
    from claimx.output.terminal import TableWriter

    narrow, wide = io.StringIO(), io.StringIO()
    TableWriter(narrow, width=250).write(_record())
    TableWriter(wide, width=250, wide=True).write(_record())
    assert "evidence" not in narrow.getvalue() and "direct" not in narrow.getvalue()
    assert " evidence " in wide.getvalue() and " model " in wide.getvalue()
    assert " method " in wide.getvalue() and " direct " in wide.getvalue()


def test_a_version_3_database_is_refused_with_what_to_do(tmp_path) -> None:
    from claimx.errors import OutputError
    from claimx.output.sqlite import SqliteStore

    db = tmp_path / "v3.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    with pytest.raises(OutputError, match=r"older claimx \(database version 3.*evidence.*write to a new -o file"):
        SqliteStore(db)


TEXT = (
    "General Sara Lindqvist visited the garrison on Monday. Dana Whitcombe met the mayor. "
    "Karachi said it would send help.\n\n"
    'Dana Whitcombe said the plan was sound. "We will rebuild the bridge," she said. "It will take two years."\n\n'
    '"The port is open again," said Tomas Erlund.'
)


@pytest.mark.model
def test_entities_say_which_steps_decided_them(record_of) -> None:
    evidence = {e["name"]: e["evidence"] for e in record_of(TEXT)["entities"]}
    assert evidence["Dana Whitcombe"] == ["model"]  # the model's name, kept as it was
    assert "titled_people" in evidence["Sara Lindqvist"]  # the person after a title
    assert evidence["Karachi"] == ["model", "gazetteer"]  # the model's organisation, a place by the gazetteer


@pytest.mark.model
def test_quotes_say_how_their_speaker_was_found(record_of) -> None:
    quotes = [(c["text"], c["speaker"], c["speaker_method"]) for c in record_of(TEXT)["claims"] if c["type"] == "quote"]
    assert quotes == [
        ("We will rebuild the bridge,", "Dana Whitcombe", "pronoun"),
        ("It will take two years.", "Dana Whitcombe", "previous-sentence"),
        ("The port is open again,", "Tomas Erlund", "direct"),
    ]


@pytest.mark.model
def test_a_statement_without_a_speaker_has_no_method(record_of) -> None:
    [claim] = [c for c in record_of("Officials said the road would reopen soon.")["claims"] if c["type"] == "statement"]
    assert claim["speaker"] is None and claim["speaker_method"] is None and claim["speaker_reason"]


@pytest.mark.model
def test_a_pattern_of_a_users_rule_file_is_named_by_its_id(runner, tmp_path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    pattern = {"label": "ORG", "pattern": [{"LOWER": "quillmark"}, {"LOWER": "lantern"}, {"LOWER": "guild"}]}
    (rules / "mine.jsonl").write_text(json.dumps({**pattern, "id": "lantern-guild"}) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("The Quillmark Lantern Guild opened a hall in the old town.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--patterns", str(rules), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    [guild] = [e for e in json.loads(result.stdout)["entities"] if e["name"] == "Quillmark Lantern Guild"]
    assert (guild["type"], guild["evidence"]) == ("organization", ["model", "rule-file:lantern-guild"])


def test_a_rule_match_on_the_models_own_name_is_evidence_too(doc) -> None:
    log = StepLog([Span(doc, 4, 7, label="ORG")], evidence_rank)
    log.after("rule_entities", [Span(doc, 4, 7, label="ORG"), Span(doc, 4, 7, label="RULE_ORG", span_id="guild")])
    log.after("rule_entities", [Span(doc, 4, 7, label="ORG")])
    assert named(log, doc) == {(4, 7, "ORG"): ("model", "rule-file:guild")}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, method",
    [
        # a quote standing alone after the sentence that names its speaker
        (
            "Harbour master Ilse Brandt walked along the flooded quay on Monday.\n\n"
            '"Nobody here has seen the water this high in forty years."',
            "previous-sentence",
        ),
        ('Minister Tomas Erlund spoke to reporters. "The port is open," the minister said.', "description"),
        (
            "The fishing fleet has shrunk for ten years.\n\n"
            "In an interview on Tuesday, Fleet Captain Oskar Vendel spoke about the new quotas.\n\n"
            "Q: Will the quotas hold?\n\nA: The quotas will hold until the stocks recover in the north.\n",
            "interview",
        ),
    ],
)
def test_speakers_named_before_described_or_interviewed_say_so(record_of, text: str, method: str) -> None:
    [quote] = [c for c in record_of(text)["claims"] if c["type"] == "quote"]
    assert quote["speaker"] is not None and quote["speaker_method"] == method
