"""`claimx report` and `claimx.render_report`: one HTML page over a SQLite database or a JSONL run,
with the people by number of articles, who said what across articles and a timeline, every item
linked back to its article and offsets. Pages are checked with the standard library's HTML parser."""

from __future__ import annotations

import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from claimx.cli import app
from claimx.errors import InputError
from claimx.output.report import load_archive, render_report
from claimx.output.sqlite import USER_VERSION, SqliteStore
from claimx.output.writers import JsonlWriter, JsonWriter
from claimx.records import ArticleRecord, Claim, Entity, Mention
from tests.output.test_html import PERSON_RGB, Page, shot


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def vance_record(
    source: str, name: str = "Omar Vance", said: str = "We agreed", date: str = "2025-11-23"
) -> ArticleRecord:
    """An invented article: General NAME met Admiral Ruth Okafor on Sunday and said something; a quote
    without a speaker; an event dated DATE."""
    text = f'General {name} met Admiral Ruth Okafor on Sunday. "{said}," {name.split()[-1]} said. "No comment."'
    quote, met, none = _span(text, said + ","), _span(text, "met"), _span(text, "No comment.")
    person = Entity(
        "e1",
        "person",
        name,
        aliases=(f"General {name}", name.split()[-1]),
        mentions=(Mention(name, *_span(text, name)),),
        rank="General",
    )
    return ArticleRecord(
        source=source,
        published="2025-11-25",
        sha256="a" * 64,
        length=len(text),
        entities=(
            person,
            Entity(
                "e2",
                "person",
                "Ruth Okafor",
                mentions=(Mention("Ruth Okafor", *_span(text, "Ruth Okafor")),),
                rank="Admiral",
            ),
            Entity(
                "e3",
                "date",
                "Sunday",
                mentions=(Mention("Sunday", *_span(text, "Sunday")),),
                value=date,
                precision="day",
                basis="relative",
            ),
        ),
        claims=(
            Claim("c1", "event", "met", *met, 0, 0, predicate="meet", actors=("e1", "e2"), date=date),
            Claim("c2", "quote", text[slice(*quote)], *quote, 0, 0, speaker=name, speaker_id="e1", cue="said"),
            Claim("c3", "quote", "No comment.", *none, 0, 0, reason="no attribution in the text"),
        ),
    )


RECORDS = [
    vance_record("a.txt", "Omar Vance", "We agreed", "2025-11-23"),
    vance_record("b.txt", "Lina Park", "The talks will go on", "2025-10-02"),
    vance_record("c.txt", "Omar Vance", "We are ready", "2025-12-01"),
]


def write_jsonl(records, path: Path) -> Path:
    out = io.StringIO()
    writer = JsonlWriter(out)
    for r in records:
        writer.write(r)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def write_db(records, path: Path) -> Path:
    with SqliteStore(path) as store:
        for r in records:
            store.write(r)
    return path


@pytest.fixture(params=["jsonl", "sqlite"])
def archive(request, tmp_path) -> Path:
    """The same three records as a JSONL run and as a SQLite database."""
    if request.param == "jsonl":
        return write_jsonl(RECORDS, tmp_path / "run.jsonl")
    return write_db(RECORDS, tmp_path / "run.db")


def in_section(page: Page, section: str) -> list[tuple[str, dict[str, str], list[str]]]:
    """The elements inside a section of the page."""
    inside = False
    found = []
    for element in page.elements:
        if element[0] == "section":
            inside = element[1].get("id") == section
        elif inside:
            found.append(element)
    return found


def rows(page: Page, section: str) -> list[list[str]]:
    """The cells of the table rows inside a section, each cell's text stripped."""
    inside = False
    found: list[list[str]] = []
    for tag, attrs, texts in page.elements:
        if tag == "section":
            inside = attrs.get("id") == section
        elif inside and tag == "tr":
            found.append([])
        elif inside and tag in ("td", "th") and found:
            found[-1].append("".join(texts).strip())
    return [r for r in found if r]


def test_people_are_listed_by_number_of_articles_with_ranks_and_other_names(archive) -> None:
    page = Page(render_report(archive))
    people = rows(page, "people")
    assert people[0] == ["", "name", "rank", "also", "articles", "in articles"]
    assert people[1][1:5] == ["Ruth Okafor", "Admiral", "–", "3"]
    assert people[2][1:6] == ["Omar Vance", "General", "General Omar Vance, Vance", "2", "1, 3"]
    assert people[3][1:5] == ["Lina Park", "General", "General Lina Park, Park", "1"]


def test_who_said_what_gathers_each_speakers_quotes_across_articles(archive) -> None:
    page = Page(render_report(archive))
    speakers = [("".join(t).strip(), a) for tag, a, t in page.elements if tag == "h3"]
    assert [s for s, _ in speakers] == ["Omar Vance 2 in 2 articles", "Lina Park 1 in 1 article"]
    quotes = ["".join(t) for tag, a, t in in_section(page, "said") if a.get("class") == "claim quote"]
    assert quotes == ["We agreed,", "We are ready,", "The talks will go on,"]
    # The speaker's heading links to the person's line.
    (link,) = [a["href"] for tag, a, t in page.elements if tag == "a" and "".join(t) == "Omar Vance"]
    assert link[1:] in page.ids() and link == "#p2"
    assert "3 whose speaker the text does not name are left out" in "".join(page.text)


def test_the_timeline_orders_dated_claims_and_events_by_date(archive) -> None:
    page = Page(render_report(archive))
    timeline = rows(page, "timeline")[1:]
    assert [(r[0], r[1], r[2]) for r in timeline] == [
        ("2025-10-02", "event (meet)", "Lina Park, Ruth Okafor"),
        ("2025-11-23", "event (meet)", "Omar Vance, Ruth Okafor"),
        ("2025-12-01", "event (meet)", "Omar Vance, Ruth Okafor"),
    ]


def test_every_item_gives_its_article_and_offsets_and_links_to_it(archive) -> None:
    page = Page(render_report(archive))
    backs = [(a["href"], "".join(t)) for tag, a, t in page.elements if "back" in a.get("class", "").split()]
    text = RECORDS[1].claims[1]
    assert ("#a2", f"b.txt {text.start}–{text.end}") in backs
    assert all(href[1:] in page.ids() for href, _ in backs)


def test_an_item_of_an_article_with_its_text_links_to_the_claim_in_the_text(tmp_path) -> None:
    text = 'General Omar Vance met Admiral Ruth Okafor on Sunday. "We agreed," Vance said. "No comment."'
    archive = write_jsonl([replace(RECORDS[0], text=text), RECORDS[1]], tmp_path / "run.jsonl")
    page = Page(render_report(archive))
    backs = {"".join(t): a["href"] for tag, a, t in page.elements if "back" in a.get("class", "").split()}
    quote = RECORDS[0].claims[1]
    assert backs[f"a.txt {quote.start}–{quote.end}"] == "#t1-c2"
    (marked,) = [t for tag, a, t in page.elements if a.get("id") == "t1-c2"]
    assert "".join(marked) == "We agreed,"
    other = RECORDS[1].claims[1]
    assert backs[f"b.txt {other.start}–{other.end}"] == "#a2"  # no text kept: its line in the list


def test_sqlite_and_jsonl_archives_give_the_same_page(tmp_path) -> None:
    jsonl = render_report(write_jsonl(RECORDS, tmp_path / "run.jsonl"))
    db = render_report(write_db(RECORDS, tmp_path / "run.db"))
    assert jsonl.replace("run.jsonl", "ARCHIVE") == db.replace("run.db", "ARCHIVE")


def test_a_json_array_is_an_archive_too(tmp_path) -> None:
    out = io.StringIO()
    writer = JsonWriter(out, single=False)
    for r in RECORDS:
        writer.write(r)
    writer.finish()
    (tmp_path / "run.json").write_text(out.getvalue(), encoding="utf-8")
    assert len(load_archive(tmp_path / "run.json").records) == 3


def test_text_of_the_archive_can_never_run_as_script(tmp_path) -> None:
    hostile = vance_record(
        "<script>alert(1)</script>", "<img src=x onerror=alert(2)> Vance", "</table><script>x</script>"
    )
    page = Page(render_report(write_jsonl([hostile], tmp_path / "run.jsonl")))
    tags = {t for t, _, _ in page.elements}
    assert not tags & {"script", "img"}
    assert not [k for _, a, _ in page.elements for k in a if k.startswith("on")]
    assert "<img src=x onerror=alert(2)> Vance" in "".join(page.text)


def test_the_report_is_the_same_bytes_every_time(archive) -> None:
    assert render_report(archive) == render_report(archive)


# --- errors --------------------------------------------------------------------------------------


def test_lines_that_are_not_records_are_named_and_the_rest_is_reported(tmp_path, runner) -> None:
    run = write_jsonl(RECORDS[:2], tmp_path / "run.jsonl")
    run.write_text(run.read_text() + '{"source": "x.txt"}\nnot json\n{"source": "cut', encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(run), "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {run}:3: not a claimx record (no 'entities'); skipped",
        f"Error: {run}:4: not a claimx record (not JSON: expecting value at column 1); skipped",
        f"Error: {run}:5: not a claimx record (not JSON: unterminated string starting at column 12); skipped",
    ]
    assert len(rows(Page(out.read_text(encoding="utf-8")), "articles")) == 3  # header and the two good ones


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b"Just some notes.\nMore notes.\n",
            "not a claimx database, JSONL run or JSON output (line 1: not JSON: expecting value",
        ),
        (b"\xff\xfe\x00binary", "not a claimx database or JSONL run (not UTF-8 text)"),
    ],
)
def test_a_file_that_is_not_an_archive_is_one_error_line(tmp_path, runner, content, message) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["report", str(path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}: {message}")
    assert not (tmp_path / "r.html").exists()


def test_a_missing_archive_is_one_error_line(tmp_path, runner) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {tmp_path / 'nope.db'}: no such file; give a database or JSONL file that claimx extract wrote\n"
    )


def test_a_database_of_another_version_is_refused_with_what_to_do(tmp_path) -> None:
    db = write_db(RECORDS, tmp_path / "old.db")
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA user_version = 1")
    with pytest.raises(
        InputError,
        match=rf"old.db: not a database of this claimx version \(user_version 1, expected {USER_VERSION}\); write it again",
    ):
        load_archive(db)


def test_a_database_that_is_not_claimx_is_refused(tmp_path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE t (x)")
        con.execute(f"PRAGMA user_version = {USER_VERSION}")
    with pytest.raises(InputError, match="other.db: cannot read the database .*no such table"):
        load_archive(db)


def test_the_report_never_replaces_its_archive(tmp_path, runner) -> None:
    run = write_jsonl(RECORDS, tmp_path / "run.jsonl")
    before = run.read_bytes()
    result = runner.invoke(app, ["report", str(run), "-o", str(run)])
    assert result.exit_code == 2 and "is the archive itself" in result.stderr
    assert run.read_bytes() == before


# --- the command line and the Python API ---------------------------------------------------------


def test_report_command_writes_the_page_and_a_summary(archive, tmp_path, runner) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(archive), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr.startswith(f"claimx: report of 3 articles -> {out}, ")
    assert out.read_text(encoding="utf-8") == render_report(archive)


def test_report_command_without_output_writes_to_stdout(archive, runner) -> None:
    result = runner.invoke(app, ["report", str(archive), "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == render_report(archive)


def test_python_api_writes_a_report(archive, tmp_path) -> None:
    import claimx

    loaded = claimx.write_report(archive, tmp_path / "r.html")
    assert len(loaded.records) == 3 and not loaded.errors
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == claimx.render_report(archive)


def test_report_has_help(runner) -> None:
    result = runner.invoke(app, ["report", "-h"])
    assert result.exit_code == 0 and result.stdout.startswith("Usage: claimx report [OPTIONS]")
    assert "ARCHIVE  What claimx extract wrote" in result.stdout
    assert "-o, --output FILE" in result.stdout


def test_a_database_whose_people_were_not_regrouped_is_grouped_here(tmp_path) -> None:
    # A run killed outright leaves its last articles' people out of the `people` table.
    db = write_db(RECORDS, tmp_path / "run.db")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE entities SET person_id = NULL WHERE article_id = 3")
    people = {p.name: p for p in load_archive(db).people}
    assert people["Omar Vance"].members == ((1, "e1"), (3, "e1"))
    assert [n for n, _ in people["Ruth Okafor"].members] == [1, 2, 3]


def test_bad_records_of_a_json_array_are_named_by_their_place(tmp_path) -> None:
    (tmp_path / "run.json").write_text(json.dumps([RECORDS[0].to_dict(), {"source": "x"}, 7]), encoding="utf-8")
    archive = load_archive(tmp_path / "run.json")
    assert len(archive.records) == 1
    assert archive.errors == [
        f"{tmp_path / 'run.json'}, record 2: not a claimx record (no 'entities'); skipped",
        f"{tmp_path / 'run.json'}, record 3: not a claimx record (a JSON int, not an object); skipped",
    ]


@pytest.mark.slow
def test_the_report_opens_in_a_real_browser(tmp_path) -> None:
    text = 'General Omar Vance met Admiral Ruth Okafor on Sunday. "We agreed," Vance said. "No comment."'
    archive = write_jsonl([replace(RECORDS[0], text=text), *RECORDS[1:]], tmp_path / "run.jsonl")
    picture = shot(render_report(archive), tmp_path, "report")
    assert picture.ink > 0.05 and len(picture.colours) > 100
    assert picture.has(PERSON_RGB)  # the legend's mark at the top


def traced_records() -> list[ArticleRecord]:
    """Three invented articles as a traced run leaves them: a.txt first quotes Omar Vance, c.txt carries
    the same quote reworded, and b.txt is a copy of a.txt under another headline."""
    a, b, c = (
        vance_record("a.txt", said="We agreed on every point of the plan and the ships sail at dawn"),
        vance_record("b.txt", said="We agreed on every point of the plan and the ships sail at dawn"),
        vance_record("c.txt", said="We agreed on every point of the plan and the ships will sail at dawn"),
    )

    def grouped(record: ArticleRecord, **fields: str) -> ArticleRecord:
        claims = tuple(replace(cl, quote_group="q1") if cl.id == "c2" else cl for cl in record.claims)
        return replace(record, claims=claims, **fields)

    return [grouped(a), grouped(b, duplicate_of="a.txt"), grouped(c, published="2025-11-27")]


@pytest.mark.parametrize("form", ["jsonl", "sqlite"])
def test_quotes_across_articles_show_where_each_first_appeared_and_its_rewordings(tmp_path, form) -> None:
    records = traced_records()
    if form == "jsonl":
        path = write_jsonl(records, tmp_path / "run.jsonl")
    else:  # the database groups the quotes of its articles itself when it closes
        path = write_db(records, tmp_path / "run.db")
    page = Page(render_report(path))
    traced = in_section(page, "traced")
    headings = ["".join(t).strip() for tag, a, t in traced if tag == "h3"]
    assert headings[0].startswith("Omar Vance") and "3 articles" in headings[0] and "first in a.txt" in headings[0]
    items = ["".join(t).strip() for tag, a, t in traced if tag == "li"]
    flags = ["".join(t) for tag, a, t in traced if a.get("class") == "flag"]
    quotes = ["".join(t) for tag, a, t in traced if a.get("class") == "claim quote"]
    said = "We agreed on every point of the plan and the ships {}sail at dawn,"
    assert quotes == [said.format(""), said.format(""), said.format("will ")]
    assert flags == ["first", "reworded"] and len(items) == 3
    if form == "jsonl":  # a copy is known by the articles' fingerprints, which a database holds only from a run
        copies = rows(page, "traced")
        assert copies[0] == ["article", "copy of"] and len(copies) == 2
        assert copies[1][0].startswith("2 ") and copies[1][1] == "a.txt"
        articles = {r[1]: r[-1] for r in rows(page, "articles")[1:]}
        assert articles["b.txt"] == "a.txt" and articles["a.txt"] == "–"


def test_an_archive_of_one_story_each_lists_no_quotes_across_articles(archive) -> None:
    page = Page(render_report(archive))
    assert [tag for tag, a, t in in_section(page, "traced") if tag in ("h3", "li", "table")] == []
    assert "0 quotes carried by more than one article" in "".join(page.text)
