"""Readable tables of a record on a terminal (rich): people, organisations, places, dates, claims."""

from __future__ import annotations

import errno
from typing import TextIO

from claimx.records import ArticleRecord


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


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
