"""Serialising records: JSON, JSONL, CSV and (terminal.py) tables. Writers get plain records, never spaCy objects.

Each format is a RecordWriter over a text stream: `write` one record at a time as it arrives, then
`finish` once, which leaves the stream a complete document (a closed JSON array, say) even when a
run stops early."""

from __future__ import annotations

import csv
import json
from typing import Protocol, TextIO

from claimx.output.formats import DEFAULT_TABLE, Format
from claimx.output.html import HtmlWriter
from claimx.output.tables import TABLES, rows
from claimx.output.terminal import TableWriter
from claimx.records import ArticleRecord


def dumps(record: ArticleRecord, indent: int | None = None) -> str:
    """The JSON text of one record (stable key order, UTF-8 kept as is)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


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


# The stream formats (sqlite is a database file: see claimx.store).
WRITERS: dict[Format, type[JsonWriter] | type[JsonlWriter] | type[CsvWriter] | type[TableWriter] | type[HtmlWriter]] = {
    Format.table: TableWriter,
    Format.json: JsonWriter,
    Format.jsonl: JsonlWriter,
    Format.csv: CsvWriter,
    Format.html: HtmlWriter,
}


def make_writer(
    fmt: Format, out: TextIO, single: bool = True, table: str | None = None, wide: bool = False
) -> RecordWriter:
    """The writer of a stream format; `table` picks the CSV table (default DEFAULT_TABLE), `wide` the
    wider terminal tables."""
    if fmt is Format.csv:
        return CsvWriter(out, single, table or DEFAULT_TABLE)
    if fmt is Format.table:
        return TableWriter(out, single, wide=wide)
    return WRITERS[fmt](out, single)
