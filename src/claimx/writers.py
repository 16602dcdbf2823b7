"""Serialising records: table, JSON, JSONL and CSV. Writers get plain records, never spaCy objects."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from .errors import OutputError
from .records import ArticleRecord


class Format(str, Enum):
    """Output formats of `claimx extract`."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"


# One row per entity mention and per claim (documented in the README).
CSV_FIELDS: tuple[str, ...] = (
    "source", "row", "id", "type", "name", "text", "start", "end", "value", "rank", "speaker", "speaker_id", "cue",
)


def dumps(record: ArticleRecord, indent: int | None = None) -> str:
    """The JSON text of one record (stable key order, UTF-8 kept as is)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


def write_json(records: Iterable[ArticleRecord], out: TextIO, single: bool = True) -> None:
    """One pretty JSON object, or a JSON array when there are several inputs."""
    if single:
        for rec in records:
            out.write(dumps(rec, indent=2) + "\n")
        return
    out.write("[")
    first = True
    for rec in records:
        out.write("\n" if first else ",\n")
        out.write(dumps(rec, indent=2))
        first = False
    out.write("\n]\n")


def write_jsonl(records: Iterable[ArticleRecord], out: TextIO, single: bool = True) -> None:
    """One compact JSON object per line, flushed line by line so a killed run loses at most one line."""
    for rec in records:
        out.write(dumps(rec) + "\n")
        out.flush()


def resume_jsonl(path: Path) -> set[str]:
    """Prepare an existing JSONL output for appending: return the sources of its complete records and
    cut off an incomplete last line (what a run killed mid-write leaves). Anything else that is not a
    claimx record is an OutputError, never silently overwritten."""
    from .files import require_regular

    require_regular(path, "--resume")
    if not path.exists():
        return set()
    done: set[str] = set()
    good_end = 0
    try:
        with open(path, "rb+") as fh:
            for lineno, line in enumerate(fh, 1):
                try:
                    rec = json.loads(line) if line.endswith(b"\n") else None
                except ValueError:
                    rec = None
                if not isinstance(rec, dict) or "source" not in rec:
                    if fh.read(1):  # not the last line: this is not a file claimx was appending to
                        raise OutputError(f"{path}:{lineno}: not a claimx JSONL record; "
                                          "choose another -o path or remove the file")
                    break
                done.add(rec["source"])
                good_end += len(line)
            fh.truncate(good_end)
    except OSError as exc:
        raise OutputError(f"{path}: cannot resume ({exc.strerror}); check the file and its permissions") from None
    return done


def to_rows(record: ArticleRecord) -> Iterable[dict[str, Any]]:
    """CSV rows of one record: every entity mention, then every claim."""
    for ent in record.entities:
        for m in ent.mentions:
            yield {
                "source": record.source, "row": "mention", "id": ent.id, "type": ent.type, "name": ent.name,
                "text": m.text, "start": m.start, "end": m.end, "value": ent.value or "",
                "rank": ent.rank or "", "speaker": "", "speaker_id": "", "cue": "",
            }
    for c in record.claims:
        yield {
            "source": record.source, "row": "claim", "id": c.id, "type": c.type, "name": "",
            "text": c.text, "start": c.start, "end": c.end, "value": c.date or "",
            "rank": "", "speaker": c.speaker or "", "speaker_id": c.speaker_id or "", "cue": c.cue or "",
        }


def write_csv(records: Iterable[ArticleRecord], out: TextIO, single: bool = True) -> None:
    """CSV with the fixed header CSV_FIELDS."""
    writer = csv.DictWriter(out, fieldnames=list(CSV_FIELDS), lineterminator="\n")
    writer.writeheader()
    for rec in records:
        writer.writerows(to_rows(rec))


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def write_table(records: Iterable[ArticleRecord], out: TextIO, single: bool = True, width: int | None = None) -> None:
    """Readable tables per article: people, organisations, places, dates, claims."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    for rec in records:
        console.rule(f"[bold]{rec.source}[/]  published {rec.published or 'unknown'}")
        ents = rec.entities
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
            rows_c = [c for c in rec.claims if c.type == kind]
            if rows_c:
                t = Table(title=title, title_justify="left")
                t.add_column("speaker" if kind != "event" else "what", overflow="fold", max_width=22)
                t.add_column("text", overflow="fold")
                for c in rows_c:
                    who = c.speaker or "—" if kind != "event" else (c.predicate or "")
                    t.add_row(who, _short(c.text, 160))
                console.print(t)
        if not ents and not rec.claims:
            console.print("(nothing found)")


Writer = Callable[..., None]
WRITERS: dict[Format, Writer] = {
    Format.table: write_table,
    Format.json: write_json,
    Format.jsonl: write_jsonl,
    Format.csv: write_csv,
}
