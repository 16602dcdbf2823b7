"""The output formats and how one is chosen: `--format`, else the `-o` suffix, else a table on a
terminal and JSON (one input) or JSON lines (several) in a pipe; and the option combinations refused."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

from claimx.errors import UsageError

# The table `-f csv` writes without --table: one row per claim, the table most analyses start from.
DEFAULT_TABLE = "claims"


class Format(str, Enum):
    """Output formats of `claimx extract`."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"
    html = "html"


# Without --format, the -o file's extension says what to write.
SUFFIX_FORMATS: dict[str, Format] = {
    ".json": Format.json,
    ".jsonl": Format.jsonl,
    ".ndjson": Format.jsonl,
    ".csv": Format.csv,
    ".db": Format.sqlite,
    ".sqlite": Format.sqlite,
    ".sqlite3": Format.sqlite,
    ".html": Format.html,
    ".htm": Format.html,
}


RESUMABLE = frozenset({Format.jsonl, Format.sqlite})

# Formats that show each article's text: their records carry it (`Article.keep_text`).
NEEDS_TEXT: frozenset[Format] = frozenset({Format.html})


def choose_format(fmt: Format | None, output: Path | None, *, stdout_is_tty: bool, n_inputs: int) -> Format:
    """The output format: `--format` if given, else the `-o` extension (UsageError for one claimx does
    not know), else a table on a terminal, else one JSON object for one input and JSON lines for several
    (httpie's rule: pretty only on a TTY)."""
    if fmt is not None:
        return fmt
    if output is not None:
        if output.suffix.lower() in SUFFIX_FORMATS:
            return SUFFIX_FORMATS[output.suffix.lower()]
        known = " ".join(SUFFIX_FORMATS)
        raise UsageError(
            "--output",
            f"{output}: claimx cannot tell the format from "
            f"{f'the suffix {output.suffix!r}' if output.suffix else 'a name without a suffix'}; "
            f"use one of {known}, or give -f",
        )
    if stdout_is_tty:
        return Format.table
    return Format.json if n_inputs == 1 else Format.jsonl


def check_output_options(fmt: Format, output: Path | None, resume: bool, table: str | None = None) -> None:
    """Refuse combinations that cannot work (a usage error, before any work)."""
    if table is not None and fmt is not Format.csv:
        raise UsageError("--table", f"--table picks a CSV table; add -f csv (the output is {fmt.value})")
    if fmt is Format.sqlite and output is None:
        raise UsageError("--format", "sqlite output needs a file: add -o claims.db")
    if resume and (output is None or fmt not in RESUMABLE):
        raise UsageError("--resume", "--resume needs -o with --format jsonl or sqlite")


def check_wide(fmt: Format, wide: bool) -> None:
    """--wide widens the terminal tables; any other format holds every field already (a usage error)."""
    if wide and fmt is not Format.table:
        raise UsageError("--wide", f"--wide widens the tables of -f table; the output is {fmt.value}, with every field")


def stdout_is_tty() -> bool:
    """Whether stdout is a terminal (tables there, data formats in pipes)."""
    try:
        return os.isatty(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return sys.stdout.isatty()
