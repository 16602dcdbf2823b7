"""Serialising records: table, JSON, JSONL and CSV. Writers get plain records, never spaCy objects.

Each format is a RecordWriter over a text stream: `write` one record at a time as it arrives, then
`finish` once, which leaves the stream a complete document (a closed JSON array, say) even when a
run stops early."""

from __future__ import annotations

import csv
import errno
import json
from collections.abc import Iterable
from enum import Enum
from typing import Protocol, TextIO

from claimx.output.tables import TABLES, rows
from claimx.records import ArticleRecord

# The table `-f csv` writes without --table: one row per claim, the table most analyses start from.
DEFAULT_TABLE = "claims"


class Format(str, Enum):
    """Output formats of `claimx extract`."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"


def dumps(record: ArticleRecord, indent: int | None = None) -> str:
    """The JSON text of one record (stable key order, UTF-8 kept as is)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class RecordWriter(Protocol):
    """Writes records to a stream as they come."""

    def write(self, record: ArticleRecord) -> None:
        """Serialise one record."""
        ...

    def finish(self) -> None:
        """Complete the document (called once, also after an interrupted run)."""
        ...


class JsonWriter:
    """One pretty JSON object, or a JSON array when there are several inputs."""

    def __init__(self, out: TextIO, single: bool = True) -> None:
        self.out, self.single, self.first = out, single, True
        if not single:
            out.write("[")

    def write(self, record: ArticleRecord) -> None:
        """One object (an array item when there are several inputs)."""
        if self.single:
            self.out.write(dumps(record, indent=2) + "\n")
            return
        self.out.write("\n" if self.first else ",\n")
        self.out.write(dumps(record, indent=2))
        self.first = False

    def finish(self) -> None:
        """Close the array."""
        if not self.single:
            self.out.write("\n]\n")


class JsonlWriter:
    """One compact JSON object per line, flushed line by line so a killed run loses at most one line."""

    def __init__(self, out: TextIO, single: bool = True) -> None:
        self.out = out

    def write(self, record: ArticleRecord) -> None:
        """One line."""
        self.out.write(dumps(record) + "\n")
        self.out.flush()

    def finish(self) -> None:
        """Nothing to close: every line is complete."""


class CsvWriter:
    """One of the record's tables (`claimx.tables`: the SQLite columns) as CSV, with its header written
    even when no record follows. List fields are JSON text, a missing value an empty cell, and
    `article_id` counts the articles written, from 1 (a fresh database's ids)."""

    def __init__(self, out: TextIO, single: bool = True, table: str = DEFAULT_TABLE) -> None:
        if table not in TABLES:
            raise ValueError(f"no table {table!r}; use one of: {', '.join(TABLES)}")
        self.table = table
        self.articles = 0
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(TABLES[table])

    def write(self, record: ArticleRecord) -> None:
        """The record's rows in the table."""
        self.articles += 1
        for row in rows(record, self.table, self.articles):
            self.writer.writerow(["" if v is None else v for v in row.values()])

    def finish(self) -> None:
        """Nothing to close."""


def _reader_closed_the_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, "the reader closed the pipe")


class TableWriter:
    """Readable tables per article: people, organisations, places, dates, claims."""

    def __init__(self, out: TextIO, single: bool = True, width: int | None = None) -> None:
        from rich.console import Console

        self.console = Console(file=out, width=width, highlight=False, soft_wrap=False)
        # rich ends the program (exit 1) when the reader closes the pipe; what that means is the CLI's
        # to decide, as it does for the other formats.
        self.console.on_broken_pipe = _reader_closed_the_pipe  # type: ignore[method-assign]

    def finish(self) -> None:
        """Nothing to close."""

    def write(self, record: ArticleRecord) -> None:
        """The article's tables."""
        from rich.table import Table

        console, ents = self.console, record.entities
        console.rule(f"[bold]{record.source}[/]  published {record.published or 'unknown'}")
        people = [e for e in ents if e.type == "person"]
        if people:
            t = Table(title="People", title_justify="left", expand=False)
            for col in ("name", "rank", "roles", "n"):
                t.add_column(col, overflow="fold")
            for e in people:
                t.add_row(e.name, e.rank or "", _short("; ".join(e.roles), 40), str(len(e.mentions)))
            console.print(t)
        for kind, title in (("organization", "Organisations"), ("place", "Places")):
            rows = [e for e in ents if e.type == kind]
            if rows:
                t = Table(title=title, title_justify="left")
                t.add_column("name", overflow="fold")
                t.add_column("aliases" if kind == "organization" else "country", overflow="fold")
                t.add_column("n")
                for e in rows:
                    extra = ", ".join(e.aliases) if kind == "organization" else (e.country or "")
                    t.add_row(e.name, _short(extra, 30), str(len(e.mentions)))
                console.print(t)
        dates = [e for e in ents if e.type == "date"]
        if dates:
            t = Table(title="Dates", title_justify="left")
            t.add_column("text", overflow="fold")
            t.add_column("value")
            t.add_column("basis")
            for e in dates:
                t.add_row(e.name, e.value or "?", e.basis or "")
            console.print(t)
        for kind, title in (("quote", "Quotes"), ("statement", "Statements"), ("post", "Posts"), ("event", "Events")):
            claims = [c for c in record.claims if c.type == kind]
            if claims:
                t = Table(title=title, title_justify="left")
                t.add_column("speaker" if kind != "event" else "what", overflow="fold", max_width=22)
                t.add_column("text", overflow="fold")
                for c in claims:
                    who = c.speaker or "—" if kind != "event" else (c.predicate or "")
                    t.add_row(who, _short(c.text, 160))
                console.print(t)
        if not ents and not record.claims:
            console.print("(nothing found)")


# The stream formats (sqlite is a database file: see claimx.store).
WRITERS: dict[Format, type[JsonWriter] | type[JsonlWriter] | type[CsvWriter] | type[TableWriter]] = {
    Format.table: TableWriter,
    Format.json: JsonWriter,
    Format.jsonl: JsonlWriter,
    Format.csv: CsvWriter,
}


def make_writer(fmt: Format, out: TextIO, single: bool = True, table: str | None = None) -> RecordWriter:
    """The writer of a stream format; `table` picks the CSV table (default DEFAULT_TABLE)."""
    if fmt is Format.csv:
        return CsvWriter(out, single, table or DEFAULT_TABLE)
    return WRITERS[fmt](out, single)


def write_records(
    fmt: Format, records: Iterable[ArticleRecord], out: TextIO, single: bool = True, table: str | None = None
) -> None:
    """Write all records in one stream format (library convenience)."""
    writer = make_writer(fmt, out, single, table)
    for record in records:
        writer.write(record)
    writer.finish()
