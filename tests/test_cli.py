"""The command line through Typer's CliRunner: stdout carries data only, errors go to stderr."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimx.cli import app
from claimx.output.tables import TABLES

TEXT = 'date 2025-11-25 KARACHI, November 20: Rear Adm. Lina Park said "the exercise will go ahead as planned" on Sunday.\n'


@pytest.fixture(autouse=True)
def blank_pipeline(monkeypatch, blank_nlp):
    """The CLI tests need no model: load_pipeline returns the blank pipeline with claimx's parts, and
    batches run in-process (worker processes, which load the real model, are tested in test_batch)."""
    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


def test_stdin_jsonl(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "jsonl"], input=TEXT)
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    rec = json.loads(line)
    assert rec["source"] == "-" and rec["published"] == "2025-11-25"
    assert result.stderr == ""


def test_json_is_default_when_piped(runner) -> None:
    result = runner.invoke(app, ["extract", "-"], input=TEXT)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "claimx/1"


def test_several_inputs_default_to_jsonl_in_order(runner, tmp_path) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(TEXT)
    result = runner.invoke(app, ["extract", str(tmp_path), "-q"])
    assert result.exit_code == 0
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert [s.rsplit("/", 1)[1] for s in sources] == ["a.txt", "b.txt"]


def test_json_with_several_inputs_is_an_array(runner, tmp_path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT)
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "json", "-q"])
    assert len(json.loads(result.stdout)) == 2


def test_published_option_wins(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "--published", "2024-01-02"], input=TEXT)
    assert json.loads(result.stdout)["published"] == "2024-01-02"


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", "25/11/2025"])
def test_malformed_published_is_usage_error(runner, bad: str) -> None:
    result = runner.invoke(app, ["extract", "-", "--published", bad], input=TEXT)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "YYYY-MM-DD" in result.stderr


def test_unknown_format_is_usage_error(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "yaml"], input=TEXT)
    assert result.exit_code == 2 and result.stdout == ""


def test_missing_file_fails_but_batch_goes_on(runner, tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), str(good), "-f", "jsonl", "-q"])
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(good)]


def test_binary_file_is_refused_with_one_line(runner, tmp_path) -> None:
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    result = runner.invoke(app, ["extract", str(pdf)])
    assert result.exit_code == 1 and result.stdout == ""
    assert "scan.txt" in result.stderr and "PDF" in result.stderr


def test_empty_input_gives_empty_record(runner) -> None:
    result = runner.invoke(app, ["extract", "-"], input="")
    assert result.exit_code == 0
    rec = json.loads(result.stdout)
    assert rec["entities"] == [] and rec["claims"] == []


def test_output_file_is_complete_and_stdout_empty(runner, tmp_path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", "-", "-o", str(out)], input=TEXT)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["schema"] == "claimx/1"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_unwritable_output_is_clear_error(runner, tmp_path) -> None:
    result = runner.invoke(app, ["extract", "-", "-o", str(tmp_path / "no" / "such" / "dir.json")], input=TEXT)
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("table", [None, "claims", "entities", "mentions", "articles"])
def test_csv_table_has_the_sqlite_columns(runner, table) -> None:
    args = ["--table", table] if table else []
    result = runner.invoke(app, ["extract", "-", "-f", "csv", *args], input=TEXT)
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == TABLES[table or "claims"]
    assert rows
    for row in rows:
        if "start" in row:
            assert TEXT[int(row["start"]) : int(row["end"])] == row["text"]


def test_csv_header_is_written_without_records(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "csv", "--table", "entities"], input="")
    assert result.stdout.splitlines() == [",".join(TABLES["entities"])]


@pytest.mark.parametrize(
    "args, words",
    [
        (
            ["-f", "csv", "--table", "people"],
            "'people' is not a table; use one of: articles, entities, mentions, claims",
        ),
        (["-f", "json", "--table", "claims"], "--table picks a CSV table; add -f csv"),
    ],
)
def test_bad_table_is_usage_error(runner, args, words) -> None:
    result = runner.invoke(app, ["extract", "-", *args], input=TEXT)
    assert result.exit_code == 2 and result.stdout == "" and words in result.stderr


def test_table_fits_80_columns(runner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "table"], input=TEXT, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_table_writer_leaves_a_closed_pipe_to_the_cli(blank_nlp, monkeypatch) -> None:
    """rich's own answer to a closed pipe is to exit 1; the table writer raises BrokenPipeError like
    the other formats, which the CLI turns into a quiet exit 0."""
    import errno
    import os

    from claimx.extraction import extract_text
    from claimx.output.terminal import TableWriter

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(os, "dup2", lambda *a: None)  # rich would point this process's stdout elsewhere
    with pytest.raises(BrokenPipeError):
        TableWriter(ClosedPipe()).write(extract_text(TEXT, blank_nlp))


@pytest.mark.parametrize("name", ["x", "no_such_model", "no.such.package", "/no/such/folder"])
def test_missing_model_is_one_line_error(runner, name: str) -> None:
    result = runner.invoke(app, ["extract", "-", "--model", name], input=TEXT)
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: spaCy model {name!r} is not installed; run: pip install")


def test_version(runner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("claimx ")


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"]])
def test_every_command_has_help(runner, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_schema_command_prints_json_schema(runner) -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "claimx article record"


def test_package_exposes_the_extract_function() -> None:
    import claimx
    import claimx.extraction

    assert callable(claimx.extract) and callable(claimx.load_pipeline)


@pytest.mark.parametrize(
    "name, first",
    [("out.jsonl", "{"), ("out.json", "{"), ("out.csv", "article_id,id,type"), ("out.db", "SQLite format 3")],
)
def test_format_follows_the_output_extension(runner, tmp_path, name: str, first: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT)
    out = tmp_path / name
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(first.encode())
    if name == "out.jsonl":
        assert len(out.read_text().splitlines()) == 1  # one line, not pretty JSON


def test_help_examples_are_printed_one_per_line_as_written(runner) -> None:
    from claimx.cli import EXAMPLE_LINES

    lines = [line.strip() for line in runner.invoke(app, ["extract", "-h"]).stdout.splitlines()]
    for example in EXAMPLE_LINES:
        assert example in lines


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_short_and_long_help(runner, flag: str) -> None:
    for command in ([], ["extract"], ["schema"]):
        result = runner.invoke(app, [*command, flag])
        assert result.exit_code == 0 and result.stdout.startswith("Usage:")


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_short_and_long_version(runner, flag: str) -> None:
    from claimx import __version__

    assert runner.invoke(app, [flag]).stdout == f"claimx {__version__}\n"


def test_help_shows_plain_metavars(runner) -> None:
    text = runner.invoke(app, ["extract", "-h"]).stdout
    assert "[PATH]..." in text and "-o, --output FILE" in text and "--published DATE" in text
    assert "<" not in text.split("Options:")[1].split("Examples:")[0]  # no "<list[str]>"-style metavars


def test_summary_uses_the_right_plural(runner, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl")])
    assert "claimx: 1 article done, 0 failed" in result.stderr


def test_verbose_logs_claimx_decisions_only(runner, tmp_path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><body><article><p>The minister spoke at length in the capital today.</p></article></body></html>"
    )
    result = runner.invoke(app, ["extract", str(page), "-f", "json", "-v"])
    assert result.exit_code == 0
    logged = [line for line in result.stderr.splitlines() if line]
    assert any(line.startswith("claimx: ") and "page text" in line for line in logged)
    assert any("published None (unknown)" in line for line in logged)
    assert all(line.startswith("claimx") for line in logged)  # trafilatura's own debug output stays off


@pytest.mark.parametrize(
    "typed, suggested", [("--bogus", None), ("--verbos", "--verbose"), ("--publshed", "--published")]
)
def test_unknown_option_suggests_only_close_spellings(runner, typed: str, suggested) -> None:
    result = runner.invoke(app, ["extract", "-", typed], input=TEXT)
    assert result.exit_code == 2 and f"No such option: {typed}" in result.stderr
    if suggested is None:
        assert "Did you mean" not in result.stderr and "Possible options" not in result.stderr
    else:
        assert suggested in result.stderr
