"""Readable tables of a record on a terminal (rich): people, organisations, places, dates, claims."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, TextIO

from claimx.records import ArticleRecord, Claim, Entity

if TYPE_CHECKING:
    from rich.table import Table


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def escape(text: str) -> str:
    """Text shown as written: rich would take `[word]` in it for markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _reader_closed_the_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, "the reader closed the pipe")


class TableWriter:
    """Readable tables per article: people, organisations, places, dates, claims."""

    def __init__(self, out: TextIO, single: bool = True, width: int | None = None, wide: bool = False) -> None:
        from rich.console import Console

        self.wide = wide  # the claims with every field (--wide)
        self.console = Console(file=out, width=width, highlight=False, soft_wrap=False)
        # rich ends the program (exit 1) when the reader closes the pipe; what that means is the CLI's
        # to decide, as it does for the other formats.
        self.console.on_broken_pipe = _reader_closed_the_pipe  # type: ignore[method-assign]

    def finish(self) -> None:
        """Nothing to close."""

    def write(self, record: ArticleRecord) -> None:
        """The article's tables: people, organisations, places, dates, then each kind of claim."""
        console = self.console
        console.rule(f"[bold]{escape(record.source)}[/]  published {record.published or 'unknown'}")
        if record.duplicate_of:  # a line of its own: the rule cuts a long heading to the terminal's width
            console.print(f"copy of {escape(record.duplicate_of)}", soft_wrap=True)
        claims = (
            (_wide_claims(record, kind, title) if self.wide else _claims(record.claims, kind, title))
            for kind, title in CLAIM_TITLES
        )
        tables = [
            _people(record.entities, self.wide),
            _named(record.entities, "organization", "Organisations", self.wide),
            _named(record.entities, "place", "Places", self.wide),
            _dates(record.entities, self.wide),
            *claims,
        ]
        for table in tables:
            if table is not None:
                console.print(table)
        if not record.entities and not record.claims:
            console.print("(nothing found)")


# The claim tables, in the order they are printed.
CLAIM_TITLES = (("quote", "Quotes"), ("statement", "Statements"), ("post", "Posts"), ("event", "Events"))


def _evidence(t: Table, wide: bool) -> Table:
    """With --wide, an entity table ends with each entity's evidence (the steps that decided it)."""
    if wide:
        t.add_column("evidence", overflow="fold", max_width=40)
    return t


def _row(t: Table, e: Entity, wide: bool, *cells: str) -> None:
    t.add_row(*cells, *([escape(", ".join(e.evidence))] if wide else []))


def _people(entities: tuple[Entity, ...], wide: bool = False) -> Table | None:
    from rich.table import Table

    people = [e for e in entities if e.type == "person"]
    if not people:
        return None
    t = Table(title="People", title_justify="left", expand=False)
    for col in ("name", "rank", "roles", "n"):
        t.add_column(col, overflow="fold")
    _evidence(t, wide)
    for e in people:
        _row(t, e, wide, e.name, e.rank or "", _short("; ".join(e.roles), 40), str(len(e.mentions)))
    return t


def _named(entities: tuple[Entity, ...], kind: str, title: str, wide: bool = False) -> Table | None:
    """Organisations with their aliases, or places with their country."""
    from rich.table import Table

    rows = [e for e in entities if e.type == kind]
    if not rows:
        return None
    t = Table(title=title, title_justify="left")
    t.add_column("name", overflow="fold")
    t.add_column("aliases" if kind == "organization" else "country", overflow="fold")
    t.add_column("n")
    _evidence(t, wide)
    for e in rows:
        extra = ", ".join(e.aliases) if kind == "organization" else (e.country or "")
        _row(t, e, wide, e.name, _short(extra, 30), str(len(e.mentions)))
    return t


def _dates(entities: tuple[Entity, ...], wide: bool = False) -> Table | None:
    from rich.table import Table

    dates = [e for e in entities if e.type == "date"]
    if not dates:
        return None
    t = Table(title="Dates", title_justify="left")
    t.add_column("text", overflow="fold")
    t.add_column("value")
    t.add_column("basis")
    _evidence(t, wide)
    for e in dates:
        _row(t, e, wide, e.name, e.value or "?", e.basis or "")
    return t


def _claims(claims: tuple[Claim, ...], kind: str, title: str) -> Table | None:
    from rich.table import Table

    found = [c for c in claims if c.type == kind]
    if not found:
        return None
    t = Table(title=title, title_justify="left")
    t.add_column("speaker" if kind != "event" else "what", overflow="fold", max_width=22)
    t.add_column("text", overflow="fold")
    for c in found:
        who = c.speaker or "—" if kind != "event" else (c.predicate or "")
        t.add_row(who, _short(c.text, 160))
    return t


# --wide: the columns of each kind of claim, after its id, and before its full text.
WIDE_COLUMNS: dict[str, tuple[str, ...]] = {
    "quote": ("speaker", "method", "affiliation", "cue", "date", "place", "group"),
    "statement": ("speaker", "method", "affiliation", "cue", "negated", "hedged", "date", "place"),
    "post": ("speaker", "method", "handle", "date"),
    "event": ("predicate", "actors", "date", "place"),
}


def _wide_claims(record: ArticleRecord, kind: str, title: str) -> Table | None:
    """One kind of claim with every field that kind has, and its whole text."""
    from rich.table import Table

    found = [c for c in record.claims if c.type == kind]
    if not found:
        return None
    names = {e.id: e.name for e in record.entities}
    # Every column folds, so a narrow terminal makes rows taller and never cuts a claim short.
    t = Table(title=title, title_justify="left")
    t.add_column("id", overflow="fold")
    for col in WIDE_COLUMNS[kind]:
        t.add_column(col, overflow="fold", max_width=24)
    t.add_column("text", overflow="fold", ratio=3)
    for c in found:
        cells = {
            "speaker": c.speaker or "—",
            "method": c.speaker_method or "",
            "affiliation": c.affiliation or "",
            "cue": c.cue or "",
            "negated": "yes" if c.negated else "no",
            "hedged": "yes" if c.hedged else "no",
            "date": c.date or "",
            "place": c.place or "",
            "group": c.quote_group or "",
            "handle": c.handle or "",
            "predicate": c.predicate or "",
            "actors": "; ".join(names.get(a, a) for a in c.actors),
        }
        t.add_row(c.id, *(escape(cells[col]) for col in WIDE_COLUMNS[kind]), escape(" ".join(c.text.split())))
    return t
