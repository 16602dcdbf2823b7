"""The HTML view of records: each article's text with its mentions and claims marked (the look of
spaCy's displaCy), side tables of its people, organisations, places, dates and claims, and an index
when there are several; one self-contained page.

The page is written by Jinja2 templates (`output/templates/`) with autoescaping on, so no text of an
article, a page title or a source name can become markup; it carries no script, loads nothing from
the network (the style is inline, and a Content-Security-Policy forbids everything else), and links
only to its own anchors and to http(s) URLs. Hover titles give what a mark stands for (a date's
value, a person's rank and roles, a claim's speaker and why there is none).

Marks overlap and nest (a claim holds mentions; a rank written before a name). They are laid out from
their offsets as a tree of non-overlapping segments (`nest`): a mark that crosses the end of an
enclosing one is cut in two pieces, as an HTML parser cuts misnested tags, so the text is always
rendered exactly once and in order.
"""

from __future__ import annotations

import functools
import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import jinja2

    from claimx.records import ArticleRecord, Claim, Entity

# Marks that start at one offset and end at one offset nest in this order, outermost first.
CLAIM, RANK, MENTION = 0, 1, 2

# What a claim's label and the side tables call each entity type.
TYPE_NAMES = {"person": "person", "organization": "organisation", "place": "place", "date": "date"}

# Claim text shown in the side table of claims, in characters (the text itself is marked in full).
CLAIM_PREVIEW = 90


@dataclass(frozen=True, slots=True)
class Mark:
    """One marked stretch of the text, [start, end), and how it is drawn."""

    start: int
    end: int
    level: int  # CLAIM, RANK or MENTION: the outer of two marks with the same bounds
    tag: str  # "mark" or "span", never taken from the data
    css: str
    title: str
    anchor: str | None = None  # the id of its first piece
    label: str | None = None  # drawn after its last piece
    href: str | None = None  # the label links to this anchor


@dataclass(slots=True)
class Node:
    """A piece of a mark in the rendered tree: its children are text and the pieces inside it."""

    mark: Mark
    anchor: str | None
    children: list[Node | str] = field(default_factory=list)
    label: str | None = None

    @property
    def tag(self) -> str:
        """The element's name."""
        return self.mark.tag

    @property
    def css(self) -> str:
        """The element's classes."""
        return self.mark.css

    @property
    def title(self) -> str:
        """The hover text."""
        return self.mark.title

    @property
    def href(self) -> str | None:
        """Where the label links to."""
        return self.mark.href


def _key(mark: Mark) -> tuple[int, int, int]:
    return (mark.start, -mark.end, mark.level)


def nest(text: str, marks: Iterable[Mark]) -> list[Node | str]:
    """The text as a tree: each stretch of it once, in order, inside the pieces of the marks that cover
    it, outer marks first. Marks outside the text or empty are left out."""
    valid = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=_key)
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    root: list[Node | str] = []
    open_nodes: list[Node] = []
    active: list[Mark] = []
    started: set[int] = set()
    pending = iter(valid)
    nxt = next(pending, None)
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m.end > a]
        while nxt is not None and nxt.start == a:
            active.append(nxt)
            nxt = next(pending, None)
        active.sort(key=_key)
        keep = 0
        while keep < min(len(open_nodes), len(active)) and open_nodes[keep].mark is active[keep]:
            keep += 1
        _close(open_nodes, keep, a)
        for mark in active[keep:]:
            first = id(mark) not in started
            started.add(id(mark))
            node = Node(mark, mark.anchor if first else None)
            (open_nodes[-1].children if open_nodes else root).append(node)
            open_nodes.append(node)
        (open_nodes[-1].children if open_nodes else root).append(text[a:b])
    _close(open_nodes, 0, len(text))
    return root


def _close(open_nodes: list[Node], keep: int, at: int) -> None:
    """Close the open pieces beyond the first `keep`; a mark's label goes on the piece it ends with."""
    while len(open_nodes) > keep:
        node = open_nodes.pop()
        if node.mark.end == at:
            node.label = node.mark.label


def entity_title(e: Entity) -> str:
    """The hover text of an entity's mentions: what claimx knows of it."""
    parts = [f"{TYPE_NAMES.get(e.type, e.type)}: {e.name}"]
    if e.type == "person":
        parts += [f"rank {e.rank}"] if e.rank else []
        parts += list(e.roles)
    elif e.type == "place" and e.country:
        parts.append(f"country {e.country}")
    elif e.type == "date":
        value = e.value or "no calendar value"
        parts.append(f"= {value}" + (f" ({e.precision}, {e.basis})" if e.value else f" ({e.basis})"))
    if e.aliases:
        parts.append("also " + ", ".join(e.aliases))
    return " · ".join(parts)


def claim_label(c: Claim, names: dict[str, str]) -> str:
    """The label after a claim: its kind, whether it is negated or hedged, and who made it."""
    kind = c.type + (", negated" if c.negated else "") + (", hedged" if c.hedged else "")
    if c.type == "event":
        actors = " and ".join(names[a] for a in c.actors if a in names)
        kind += f" ({c.predicate})" if c.predicate else ""
        return f"{kind}: {actors}" if actors else kind
    return f"{kind}: {c.speaker}" if c.speaker else f"{kind}: no speaker"


def claim_title(c: Claim) -> str:
    """The hover text of a claim: speaker (or why there is none), cue, date and place."""
    parts = [f"{c.type} {c.id}"]
    if c.type == "event" and c.predicate:
        parts.append(f"what: {c.predicate}")
    if c.speaker:
        parts.append(f"speaker: {c.speaker}")
    elif c.type != "event":
        reason = c.speaker_reason or "not named"
        parts.append(f"no speaker: {reason}" + (f" (a member of {c.affiliation})" if c.affiliation else ""))
    for name, value in (("cue", c.cue), ("date", c.date), ("place", c.place), ("handle", c.handle)):
        if value:
            parts.append(f"{name}: {value}")
    if c.negated:
        parts.append("negated")
    if c.hedged:
        parts.append("hedged")
    return " · ".join(parts)


def _rank_marks(text: str, e: Entity) -> Iterable[Mark]:
    """The rank or title written just before each mention of a person: where the text before the
    mention is a form the record lists among the person's aliases ("Air Chief Marshal Butt")."""
    if e.type != "person" or not e.rank:
        return
    for m in e.mentions:
        for alias in sorted(e.aliases, key=len, reverse=True):
            head = alias[: len(alias) - len(m.text)]
            if alias.endswith(m.text) and head.strip() and head[-1].isspace() and text[: m.start].endswith(head):
                start = m.start - len(head)
                yield Mark(start, start + len(head.rstrip()), RANK, "mark", "ent rank", f"rank: {e.rank} ({e.name})")
                break


def article_marks(record: ArticleRecord, text: str, prefix: str) -> list[Mark]:
    """Every mark of one article: its claims, the ranks before its people's names, its mentions.
    A mark whose offsets do not hold its text (a record edited by hand) is left out."""
    names = {e.id: e.name for e in record.entities}
    marks: list[Mark] = []
    for c in record.claims:
        if text[c.start : c.end] != c.text:
            continue
        css = " ".join(["claim", c.type] + (["negated"] if c.negated else []) + (["hedged"] if c.hedged else []))
        href = f"{prefix}-{c.speaker_id}" if c.speaker_id in names else None
        marks.append(
            Mark(c.start, c.end, CLAIM, "span", css, claim_title(c), f"{prefix}-{c.id}", claim_label(c, names), href)
        )
    for e in record.entities:
        title = entity_title(e)
        css = f"ent {e.type}"
        marks += [
            Mark(m.start, m.end, MENTION, "mark", css, title) for m in e.mentions if text[m.start : m.end] == m.text
        ]
        marks += _rank_marks(text, e)
    return marks


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What the article template shows of one record."""

    number: int
    anchor: str
    record: ArticleRecord
    heading: str
    url: str | None
    nodes: list[Node | str] | None  # None: the record does not carry its text
    people: list[Entity]
    organisations: list[Entity]
    places: list[Entity]
    dates: list[Entity]
    names: dict[str, str]

    def actors(self, claim: Claim) -> str:
        """The names of an event's actors, in order."""
        return ", ".join(self.names[a] for a in claim.actors if a in self.names)

    def preview(self, text: str) -> str:
        """A claim's text cut for the side table."""
        flat = " ".join(text.split())
        return flat if len(flat) <= CLAIM_PREVIEW else flat[: CLAIM_PREVIEW - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """The URL if it is one a page may link to (it starts with http:// or https://), else None: never
    `javascript:` or `data:`, however spelt."""
    if url and url[:8].lower().startswith(("http://", "https://")):
        return url
    return None


def article_view(record: ArticleRecord, number: int, prefix: str = "a") -> ArticleView:
    """The view of the `number`th article of a page (anchors `a{number}`, `a{number}-e1`, ...; another
    `prefix` where `a` is taken)."""
    anchor = f"{prefix}{number}"
    by_type: dict[str, list[Entity]] = {t: [] for t in TYPE_NAMES}
    for e in record.entities:
        by_type.setdefault(e.type, []).append(e)
    text = record.text
    return ArticleView(
        number=number,
        anchor=anchor,
        record=record,
        heading=record.title or record.source,
        url=safe_url(record.url),
        nodes=nest(text, article_marks(record, text, anchor)) if text is not None else None,
        people=by_type["person"],
        organisations=by_type["organization"],
        places=by_type["place"],
        dates=by_type["date"],
        names={e.id: e.name for e in record.entities},
    )


@functools.cache
def environment() -> jinja2.Environment:
    """The templates of `output/templates/`, autoescaped (every value is text, never markup)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("claimx.output", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: object) -> str:
    """One template of `output/templates/` with its context."""
    from claimx import __version__

    return environment().get_template(template).render(version=__version__, **context)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One line of the index of a page of several articles."""

    anchor: str
    heading: str
    published: str | None
    people: int
    claims: int


class HtmlWriter:
    """One HTML page of the records, written as they come: the head with the first record (whose
    title names the page of a single input), each article's section, then the index of the articles
    (several inputs) and the end of the page in `finish`."""

    def __init__(self, out: TextIO, single: bool = True) -> None:
        self.out, self.single = out, single
        self.index: list[IndexEntry] = []
        self.started = False

    def _start(self, record: ArticleRecord | None) -> None:
        title = (record.title or record.source) if self.single and record is not None else "claimx: articles"
        self.out.write(render("head.html.j2", title=title, many=not self.single))
        self.started = True

    def write(self, record: ArticleRecord) -> None:
        """The article's section."""
        if not self.started:
            self._start(record)
        view = article_view(record, len(self.index) + 1)
        self.out.write(render("article.html.j2", view=view))
        people = sum(1 for e in record.entities if e.type == "person")
        self.index.append(IndexEntry(view.anchor, view.heading, record.published, people, len(record.claims)))

    def finish(self) -> None:
        """The index (several inputs) and the end of the page."""
        if not self.started:
            self._start(None)
        self.out.write(render("tail.html.j2", index=None if self.single else self.index))


def render_html(records: Sequence[ArticleRecord] | Iterable[ArticleRecord]) -> str:
    """The HTML page of the records (`-f html`): one article on its own, or several with an index.
    Each record needs its `text` (a web page's, or extracted with `keep_text=True`); one without it
    gets its side tables and a note instead of the marked text."""
    records = list(records)
    out = io.StringIO()
    writer = HtmlWriter(out, single=len(records) == 1)
    for record in records:
        writer.write(record)
    writer.finish()
    return out.getvalue()
