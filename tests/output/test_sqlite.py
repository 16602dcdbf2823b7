"""The SQLite output: schema, keys and indexes, replace-on-rerun, and the README's example queries."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimx.errors import OutputError
from claimx.output.sqlite import SqliteStore
from claimx.output.writers import make_writer
from claimx.records import ArticleRecord, Claim, Entity, Mention

ROOT = Path(__file__).resolve().parents[2]


def write_sqlite(records, path) -> None:
    """Write records into the database at `path`, as a run's sink does."""
    with SqliteStore(path) as store:
        for rec in records:
            store.write(rec)


def write_records(fmt, records, out, single=True, table=None) -> None:
    """Write records in one stream format, as a run's stream sink does."""
    writer = make_writer(fmt, out, single, table)
    for rec in records:
        writer.write(rec)
    writer.finish()


def record(source: str, general: str = "Omar Vance", sha: str = "a" * 64) -> ArticleRecord:
    text = f'General {general} met Admiral Ruth Okafor. "We agreed," {general} said.'
    start = text.index(general)
    return ArticleRecord(
        source=source,
        published="2025-11-25",
        sha256=sha,
        length=len(text),
        entities=(
            Entity(
                "e1",
                "person",
                general,
                mentions=(Mention(general, start, start + len(general)),),
                rank="General",
                roles=("Army Chief",),
            ),
            Entity("e2", "person", "Ruth Okafor", mentions=(Mention("Ruth Okafor", 40, 51),), rank="Admiral"),
            Entity(
                "e3",
                "date",
                "Sunday",
                mentions=(Mention("Sunday", 0, 6),),
                value="2025-11-23",
                precision="day",
                basis="weekday",
            ),
        ),
        claims=(
            Claim("c1", "quote", "We agreed,", 53, 63, 52, len(text), speaker=general, speaker_id="e1", cue="said"),
            Claim("c2", "event", "met", 20, 23, 0, 52, predicate="meet", actors=("e1", "e2"), date="2025-11-23"),
            Claim("c3", "quote", "No comment.", 0, 11, 0, 11, reason="no attribution in the text"),
        ),
    )


def test_tables_keys_and_indexes(tmp_path) -> None:
    db = tmp_path / "c.db"
    write_sqlite([record("a.txt")], db)
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"articles", "entities", "mentions", "claims", "people", "organisations", "quote_groups"}
    fks = {t: {(r[2], r[3]) for r in con.execute(f"PRAGMA foreign_key_list({t})")} for t in tables}
    assert ("articles", "article_id") in fks["entities"] and ("articles", "article_id") in fks["claims"]
    assert ("entities", "article_id") in fks["mentions"] and ("entities", "entity_id") in fks["mentions"]
    indexed = {
        r[0]: r[1] for r in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    }
    assert "entities(type, name)" in indexed["entities_type_name"]
    assert "entities(value)" in indexed["entities_value"]
    assert "claims(type)" in indexed["claims_type"] and "claims(date)" in indexed["claims_date"]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    row = con.execute("SELECT type, speaker, speaker_reason FROM claims WHERE id = 'c3'").fetchone()
    assert row == ("quote", None, "no attribution in the text")
    assert con.execute("SELECT roles FROM entities WHERE id = 'e1'").fetchone() == ('["Army Chief"]',)


def test_rerun_replaces_rows_instead_of_duplicating(tmp_path) -> None:
    db = tmp_path / "c.db"
    write_sqlite([record("a.txt"), record("b.txt")], db)
    write_sqlite([record("a.txt", general="Sara Lind", sha="b" * 64)], db)  # a.txt changed on disk
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone() == (2,)
    assert con.execute("SELECT sha256 FROM articles WHERE source = 'a.txt'").fetchone() == ("b" * 64,)
    names = {
        r[0]
        for r in con.execute(
            "SELECT e.name FROM entities e JOIN articles a ON a.id = e.article_id WHERE a.source = 'a.txt'"
        )
    }
    assert names == {"Sara Lind", "Ruth Okafor", "Sunday"}
    # Nothing orphaned by the replacement.
    assert con.execute("SELECT COUNT(*) FROM mentions").fetchone() == (6,)
    assert con.execute("SELECT COUNT(*) FROM claims").fetchone() == (6,)
    with SqliteStore(db) as store:
        done = store.sources()
        assert "a.txt" in done and "b.txt" in done and "c.txt" not in done and len(done) == 2


def test_a_database_claimx_did_not_write_is_refused(tmp_path) -> None:
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE articles (x)")
    con.commit()
    con.close()
    with pytest.raises(OutputError, match="did not write"):
        SqliteStore(db)
    not_db = tmp_path / "notes.db"
    not_db.write_text("plain text, not a database\n" * 100)
    with pytest.raises(OutputError, match="not a claimx SQLite database|SQLite error"):
        write_sqlite([record("a.txt")], not_db)


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, flags=re.S)


def test_readme_queries_run_and_answer(tmp_path) -> None:
    db = tmp_path / "c.db"
    write_sqlite([record("a.txt"), record("b.txt"), record("c.txt", general="Sara Lind")], db)
    queries = readme_queries()
    assert len(queries) >= 3
    con = sqlite3.connect(db)
    results = [con.execute(q).fetchall() for q in queries]
    by_general, most_named = results[0], results[1]
    assert {(r[0], r[1]) for r in by_general} == {
        ("a.txt", "Omar Vance"),
        ("b.txt", "Omar Vance"),
        ("c.txt", "Sara Lind"),
    }
    assert most_named[0][:2] == ("Ruth Okafor", 3) and most_named[1][:2] == ("Omar Vance", 2)
    assert all(results)


def test_cli_sqlite_needs_o_and_resume_skips(tmp_path, blank_nlp, monkeypatch) -> None:
    from typer.testing import CliRunner

    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline
    from claimx.cli import app

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("General Omar Vance visited Dhaka on Sunday.", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["extract", str(tmp_path), "-f", "sqlite"])
    assert res.exit_code == 2 and "add -o claims.db" in res.stderr
    db = tmp_path / "out" / "c.db"
    db.parent.mkdir()
    res = runner.invoke(app, ["extract", str(tmp_path), "-f", "sqlite", "-o", str(db)])
    assert res.exit_code == 0, res.stderr
    res = runner.invoke(app, ["extract", str(tmp_path), "-f", "sqlite", "-o", str(db), "--resume"])
    assert res.exit_code == 0 and "0 articles done, 0 failed, 2 already in" in res.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone() == (2,)


@pytest.mark.model
def test_real_extraction_round_trip(tmp_path) -> None:
    db = tmp_path / "s.db"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimx",
            "extract",
            str(ROOT / "samples"),
            "-f",
            "sqlite",
            "-o",
            str(db),
            "-w",
            "2",
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    con = sqlite3.connect(db)
    n = len(list((ROOT / "samples").glob("*.txt")))
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone() == (n,)
    assert con.execute("SELECT COUNT(*) FROM claims WHERE type = 'quote'").fetchone()[0] > 0
    # Every mention's text is the article's text at its offsets.
    for source, text, start, end in con.execute(
        'SELECT a.source, m.text, m.start, m."end" FROM mentions m JOIN articles a ON a.id = m.article_id'
    ):
        assert Path(source).read_text(encoding="utf-8")[start:end] == text


def test_path_spellings_of_one_file_are_one_article(runner, tmp_path, monkeypatch, blank_nlp) -> None:
    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline
    from claimx.cli import app

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text("General Sara Lind said the drill was over.")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "c.db"
    for spelling in ("./x/a.txt", "x/a.txt", str(tmp_path / "x" / "a.txt")):
        assert runner.invoke(app, ["extract", spelling, "-o", str(db), "-q"]).exit_code == 0
    resumed = runner.invoke(app, ["extract", "x/../x/a.txt", "-o", str(db), "--resume"])
    assert "0 articles done, 0 failed, 1 already in" in resumed.stderr
    con = sqlite3.connect(db)
    rows = con.execute("SELECT source, path FROM articles").fetchall()
    assert rows == [(str(tmp_path / "x" / "a.txt"), str((tmp_path / "x" / "a.txt").resolve()))]


def test_csv_tables_round_trip_the_sqlite_rows(tmp_path) -> None:
    import csv
    import io

    from claimx.output.formats import Format
    from claimx.output.tables import TABLES
    from claimx.output.trace import Tracer

    tracer = Tracer()  # what a run does before any format; the database traces its articles itself
    recs = [tracer.trace(record("a.txt"), None), tracer.trace(record("b.txt"), None)]
    db = tmp_path / "c.db"
    write_sqlite(recs, db)
    con = sqlite3.connect(db)
    by_id = "article_id, CAST(substr(id, 2) AS INTEGER)"  # e2 before e10
    order = {"articles": "id", "entities": by_id, "mentions": "rowid", "claims": by_id}
    for table, columns in TABLES.items():
        out = io.StringIO()
        write_records(Format.csv, recs, out, single=False, table=table)
        from_csv = [tuple(row) for row in csv.reader(io.StringIO(out.getvalue()))]
        quoted = ", ".join(f'"{c}"' for c in columns)
        from_db = [
            tuple("" if v is None else str(v) for v in row)
            for row in con.execute(f"SELECT {quoted} FROM {table} ORDER BY {order[table]}")
        ]
        assert from_csv[0] == columns and from_csv[1:] == from_db, table


def _person_record(source: str, *names: str, rank: str | None = None) -> ArticleRecord:
    text = " and ".join(names)
    entities, at = [], 0
    for n, name in enumerate(names, 1):
        entities.append(Entity(f"e{n}", "person", name, mentions=(Mention(name, at, at + len(name)),), rank=rank))
        at += len(name) + 5
    return ArticleRecord(source=source, published=None, sha256="c" * 64, length=len(text), entities=tuple(entities))


def test_people_are_grouped_across_articles(tmp_path) -> None:
    db = tmp_path / "c.db"
    write_sqlite(
        [
            _person_record("a.txt", "Syed Asim Munir", "Asim Ali", rank="Field Marshal"),
            _person_record("b.txt", "Asim Munir", rank="General"),
        ],
        db,
    )
    con = sqlite3.connect(db)
    people = con.execute("SELECT name, ranks, articles FROM people ORDER BY id").fetchall()
    assert people == [("Syed Asim Munir", '["Field Marshal", "General"]', 2), ("Asim Ali", '["Field Marshal"]', 1)]
    linked = con.execute(
        "SELECT a.source, e.name, p.name FROM entities e JOIN people p ON p.id = e.person_id "
        "JOIN articles a ON a.id = e.article_id ORDER BY a.source, e.id"
    ).fetchall()
    assert linked == [
        ("a.txt", "Syed Asim Munir", "Syed Asim Munir"),
        ("a.txt", "Asim Ali", "Asim Ali"),
        ("b.txt", "Asim Munir", "Syed Asim Munir"),
    ]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rerun_updates_the_grouping(tmp_path) -> None:
    db = tmp_path / "c.db"
    write_sqlite([_person_record("a.txt", "Asim Munir"), _person_record("b.txt", "Lena Obi")], db)
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM people").fetchone() == (2,)
    write_sqlite([_person_record("c.txt", "Syed Asim Munir"), _person_record("b.txt", "Asim Munir")], db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT name, articles FROM people").fetchall() == [("Syed Asim Munir", 3)]
    assert con.execute("SELECT COUNT(*) FROM entities WHERE person_id IS NULL").fetchone() == (0,)


def test_organisations_join_by_a_linked_acronym(tmp_path) -> None:
    def org(source: str, name: str, aliases: tuple[str, ...] = ()) -> ArticleRecord:
        ent = Entity("e1", "organization", name, aliases=aliases, mentions=(Mention(name, 0, len(name)),))
        return ArticleRecord(source=source, published=None, sha256="d" * 64, length=len(name), entities=(ent,))

    db = tmp_path / "c.db"
    write_sqlite([org("a.txt", "Coastal Survey Agency", ("CSA",)), org("b.txt", "CSA")], db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT name, aliases, articles FROM organisations").fetchall() == [
        ("Coastal Survey Agency", '["CSA"]', 2)
    ]
