"""The inputs of `claimx extract` as users have them: saved web pages, HTML on stdin, JSONL archives,
folders with mixed suffixes, and the date each record gets."""

from __future__ import annotations

import json

import pytest

from claimx.cli import app

from .pages import BOILERPLATE, PAGE, PLAIN


@pytest.fixture(autouse=True)
def blank_pipeline(monkeypatch, blank_nlp):
    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.mark.parametrize("name", ["story.html", "STORY.HTM", "Story.Html"])
def test_saved_page_is_read_as_a_page(runner, tmp_path, name: str) -> None:
    page = tmp_path / name
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["text"] == PLAIN and rec["length"] == len(PLAIN)
    assert (rec["title"], rec["url"]) == ("Port talks resume", "https://news.example.org/2025/11/port-talks")
    assert (rec["published"], rec["published_basis"]) == ("2025-11-24", "page")
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert rec["text"][m["start"] : m["end"]] == m["text"]
            assert not any(word in m["text"] for word in BOILERPLATE)


def test_html_on_stdin_is_read_as_a_page(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "json"], input=PAGE)
    rec = json.loads(result.stdout)
    assert rec["source"] == "-" and rec["text"] == PLAIN and rec["published_basis"] == "page"


def test_page_gives_the_same_entities_and_claims_as_its_text(runner) -> None:
    page = json.loads(runner.invoke(app, ["extract", "-", "-f", "json"], input=PAGE).stdout)
    text = json.loads(
        runner.invoke(app, ["extract", "-", "-f", "json", "--published", "2025-11-24"], input=PLAIN).stdout
    )
    assert page["entities"] == text["entities"] and page["claims"] == text["claims"]


def test_published_option_wins_over_the_page(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "json", "--published", "2024-01-02"], input=PAGE)
    rec = json.loads(result.stdout)
    assert (rec["published"], rec["published_basis"]) == ("2024-01-02", "option")


def test_plain_text_record_has_no_text_title_or_url(runner) -> None:
    rec = json.loads(runner.invoke(app, ["extract", "-", "-f", "json"], input="Talks went on.").stdout)
    assert not {"text", "title", "url"} & rec.keys() and rec["published_basis"] is None
    assert (rec["source"], rec["length"]) == ("-", len("Talks went on."))


ARCHIVE = (
    '{"id": "a-1", "text": "KARACHI: Talks began yesterday.", "published": "2025-11-20", "title": "Talks"}\n'
    "{broken\n"
    '{"id": "a-3", "text": "Talks ended yesterday.", "published": "2025-11-22", "url": "https://x.org/3"}\n'
)


def test_jsonl_file_gives_one_record_per_line_with_its_own_date(runner, tmp_path) -> None:
    archive = tmp_path / "archive.jsonl"
    archive.write_text(ARCHIVE)
    result = runner.invoke(app, ["extract", str(archive), "-q"])
    assert result.exit_code == 1
    recs = _records(result.stdout)
    assert [(r["source"], r["published"]) for r in recs] == [("a-1", "2025-11-20"), ("a-3", "2025-11-22")]
    assert recs[0]["title"] == "Talks" and recs[1]["url"] == "https://x.org/3"
    (error,) = result.stderr.strip().splitlines()
    assert error.startswith(f"Error: {archive}:2: not JSON")


def test_one_jsonl_file_is_several_inputs_for_json(runner, tmp_path) -> None:
    archive = tmp_path / "archive.jsonl"
    archive.write_text('{"text": "One story."}\n')
    result = runner.invoke(app, ["extract", str(archive), "-f", "json", "-q"])
    assert [r["source"] for r in json.loads(result.stdout)] == [f"{archive}:1"]


def test_jsonl_on_stdin_with_input_format(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "--input-format", "jsonl", "-f", "jsonl"], input=ARCHIVE)
    assert [r["source"] for r in _records(result.stdout)] == ["a-1", "a-3"]
    assert "-:2: not JSON" in result.stderr


def test_resume_skips_jsonl_ids_already_done(runner, tmp_path) -> None:
    archive = tmp_path / "archive.jsonl"
    archive.write_text(ARCHIVE.splitlines()[0] + "\n")
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(archive), "-o", str(out), "-q"]).exit_code == 0
    archive.write_text(ARCHIVE)
    again = runner.invoke(app, ["extract", str(archive), "-o", str(out), "--resume"])
    assert [r["source"] for r in _records(out.read_text())] == ["a-1", "a-3"]
    assert "1 already in" in again.stderr


def test_input_format_html_reads_any_file_as_a_page(runner, tmp_path) -> None:
    saved = tmp_path / "story.php"
    saved.write_text(PAGE)
    rec = json.loads(runner.invoke(app, ["extract", str(saved), "--input-format", "html", "-f", "json"]).stdout)
    assert rec["text"] == PLAIN


def test_bad_input_format_is_a_usage_error(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "--input-format", "xml"], input="x")
    assert result.exit_code == 2 and "auto, text, html, jsonl" in result.stderr


def test_folder_mixes_text_pages_and_jsonl(runner, tmp_path) -> None:
    (tmp_path / "A.TXT").write_text("Talks began.")
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / "c.jsonl").write_text('{"id": "c-1", "text": "Talks ended."}\n')
    (tmp_path / "d.md").write_text("Notes.")
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.stderr
    assert [r["source"] for r in _records(result.stdout)] == [str(tmp_path / "A.TXT"), str(tmp_path / "b.html"), "c-1"]
    more = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl", "-q", "--include", "*.md"])
    assert str(tmp_path / "d.md") in [r["source"] for r in _records(more.stdout)]


def test_empty_folder_error_names_the_folder(runner, tmp_path) -> None:
    (tmp_path / "notes.md").write_text("x")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert str(tmp_path) in line and "*.html" in line and "--include" in line


def test_no_inputs_at_all_is_a_usage_error(runner) -> None:
    result = runner.invoke(app, ["extract", "-f", "json"])
    assert result.exit_code == 2 and "--urls" in result.stderr


def test_dateline_gives_the_publication_date(runner) -> None:
    rec = json.loads(
        runner.invoke(app, ["extract", "-", "-f", "json"], input="LONDON, 25 November 2025 — Talks ended.").stdout
    )
    assert (rec["published"], rec["published_basis"]) == ("2025-11-25", "dateline")


# Two lines share the id "b-2": SQLite keys an article by its source, so the second would replace the first.
REPEATED = (
    '{"id": "b-1", "text": "Talks began on Monday."}\n'
    '{"id": "b-2", "text": "Talks went on on Tuesday."}\n'
    '{"id": "b-2", "text": "Talks ended on Wednesday."}\n'
)


def _written(fmt: str, out) -> list[str]:
    """The sources of the records an output file holds, one per record (row of the articles table)."""
    import csv
    import sqlite3

    if fmt == "json":
        return [r["source"] for r in json.loads(out.read_text())]
    if fmt == "jsonl":
        return [r["source"] for r in _records(out.read_text())]
    if fmt == "csv":
        return [row["source"] for row in csv.DictReader(out.open(newline=""))]
    return [s for (s,) in sqlite3.connect(out).execute("SELECT source FROM articles ORDER BY id")]


def _summary(stderr: str) -> tuple[int, int]:
    import re

    m = re.search(r"claimx: (\d+) articles? done, (\d+) failed", stderr)
    assert m, stderr
    return int(m.group(1)), int(m.group(2))


FORMATS = [("json", []), ("jsonl", []), ("csv", ["--table", "articles"]), ("sqlite", [])]


@pytest.mark.parametrize("fmt, extra", FORMATS, ids=[f for f, _ in FORMATS])
def test_repeated_jsonl_id_is_an_error_naming_both_lines(runner, tmp_path, fmt: str, extra: list[str]) -> None:
    archive = tmp_path / "archive.jsonl"
    archive.write_text(REPEATED)
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["extract", str(archive), "-f", fmt, "-o", str(out), *extra])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {archive}:3: the id 'b-2' is already used by {archive}:2; give every line an id of its own"
    ]
    assert _written(fmt, out) == ["b-1", "b-2"]
    assert _summary(result.stderr) == (2, 1)


@pytest.mark.parametrize("fmt", ["jsonl", "sqlite"])
def test_resume_with_a_repeated_id_writes_nothing_twice(runner, tmp_path, fmt: str) -> None:
    archive = tmp_path / "archive.jsonl"
    archive.write_text(REPEATED)
    out = tmp_path / f"out.{fmt}"
    runner.invoke(app, ["extract", str(archive), "-f", fmt, "-o", str(out)])
    again = runner.invoke(app, ["extract", str(archive), "-f", fmt, "-o", str(out), "--resume"])
    assert again.exit_code == 1 and "0 articles done, 1 failed, 2 already in" in again.stderr
    assert _written(fmt, out) == ["b-1", "b-2"]


def test_id_naming_another_input_is_an_error(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("Talks began.")
    (tmp_path / "archive.jsonl").write_text('{"id": "story.txt", "text": "Talks ended."}\n')
    result = runner.invoke(app, ["extract", "archive.jsonl", "story.txt", "-o", "out.db"])
    assert "Error: archive.jsonl:1: the id 'story.txt' is already used by story.txt" in result.stderr
    assert _written("sqlite", tmp_path / "out.db") == ["story.txt"] and _summary(result.stderr) == (1, 1)


@pytest.mark.parametrize("fmt, extra", FORMATS, ids=[f for f, _ in FORMATS])
def test_input_given_twice_is_one_article(runner, tmp_path, monkeypatch, fmt: str, extra: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Talks began.")
    (tmp_path / "news" / "b.jsonl").write_text('{"id": "b-1", "text": "Talks ended."}\n')
    out = tmp_path / f"out.{fmt}"
    given = ["news", "news/a.txt", "./news/a.txt", "news/b.jsonl"]
    result = runner.invoke(app, ["extract", *given, "-f", fmt, "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    assert _written(fmt, out) == ["news/a.txt", "b-1"]
    assert _summary(result.stderr) == (2, 0)
