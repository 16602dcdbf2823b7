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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    import jinja2

    from claimx.records import ArticleRecord, Claim, Entity

# Marks that start at one offset and end at one offset nest in this order, outermost first.
CLAIM, RANK, MENTION = 0, 1, 2

# What a claim's label and the side tables call each entity type.
TYPE_NAMES = {"person": "person", "organization": "organisation", "place": "place", "date": "date"}

# Claim text shown in the side table of claims, in characters (the text itself is marked in full).
CLAIM_PREVIEW = 90


class Mark(NamedTuple):
    """One marked stretch of the text, [start, end), and how it is drawn (a named tuple: an article
    has a hundred of them, and a report thousands of articles)."""

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
    tree = _Tree(text)
    for mark in sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=_key):
        tree.advance(mark.start)
        tree.open(Node(mark, mark.anchor))
    tree.advance(len(text))
    return tree.root


class _Tree:
    """The tree `nest` builds: the text written so far and the pieces still open, outermost first."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0
        self.root: list[Node | str] = []
        self.stack: list[Node] = []

    def _write(self, end: int) -> None:
        if end > self.at:
            (self.stack[-1].children if self.stack else self.root).append(self.text[self.at : end])
            self.at = end

    def open(self, node: Node) -> None:
        """Open a piece at the current offset, inside the innermost open one."""
        (self.stack[-1].children if self.stack else self.root).append(node)
        self.stack.append(node)

    def advance(self, to: int) -> None:
        """Write the text up to `to`, closing each open piece where its mark ends. A piece that ends
        while pieces opened inside it go on closes them too; they go on as new pieces after it."""
        while self.stack:
            end = min(node.mark.end for node in self.stack)
            if end > to:
                break
            self._write(end)
            first = next(i for i, node in enumerate(self.stack) if node.mark.end == end)
            going_on = [node.mark for node in self.stack[first:] if node.mark.end > end]
            for node in self.stack[first:]:
                node.label = node.mark.label if node.mark.end == end else None
            del self.stack[first:]
            for mark in going_on:
                self.open(Node(mark, None))
        self._write(to)


def flatten(nodes: list[Node | str]) -> list[tuple[str, Node | str]]:
    """The tree as the template writes it, in order: ("t", text), ("o", piece) to open a piece and
    ("c", piece) to close it (a flat loop renders several times faster than a recursive macro)."""
    out: list[tuple[str, Node | str]] = []
    stack: list[tuple[Node | None, Iterator[Node | str]]] = [(None, iter(nodes))]
    while stack:
        owner, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if owner is not None:
                out.append(("c", owner))
        elif isinstance(child, str):
            out.append(("t", child))
        else:
            out.append(("o", child))
            stack.append((child, iter(child.children)))
    return out


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
    if e.evidence:
        parts.append("by " + ", ".join(e.evidence))
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
        parts.append(
            f"speaker: {c.speaker}"
            + (f" ({c.affiliation})" if c.affiliation else "")
            + (f", found by {c.speaker_method}" if c.speaker_method else "")
        )
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


def article_marks(record: ArticleRecord, text: str, prefix: str, link: bool = True) -> list[Mark]:
    """Every mark of one article: its claims (their labels linked to the speaker's row when `link`),
    the ranks before its people's names, its mentions. A mark whose offsets do not hold its text (a
    record edited by hand) is left out."""
    names = {e.id: e.name for e in record.entities}
    marks: list[Mark] = []
    for c in record.claims:
        if text[c.start : c.end] != c.text:
            continue
        css = " ".join(["claim", c.type] + (["negated"] if c.negated else []) + (["hedged"] if c.hedged else []))
        href = f"{prefix}-{c.speaker_id}" if link and c.speaker_id in names else None
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
    tables: bool = True  # the side tables (a report shows the text alone)

    @property
    def tokens(self) -> list[tuple[str, Node | str]]:
        """The marked text as the template writes it (`flatten`)."""
        return flatten(self.nodes) if self.nodes is not None else []

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


def article_view(record: ArticleRecord, number: int, prefix: str = "a", tables: bool = True) -> ArticleView:
    """The view of the `number`th article of a page (anchors `a{number}`, `a{number}-e1`, ...; another
    `prefix` where `a` is taken), with its side tables or (`tables=False`) its marked text alone."""
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
        nodes=nest(text, article_marks(record, text, anchor, tables)) if text is not None else None,
        people=by_type["person"],
        organisations=by_type["organization"],
        places=by_type["place"],
        dates=by_type["date"],
        names={e.id: e.name for e in record.entities},
        tables=tables,
    )


@functools.cache
def environment() -> jinja2.Environment:
    """The templates of `output/templates/`, autoescaped (every value is text, never markup)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimx.output", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dash"] = dash
    return env


def dash(value: object) -> object:
    """A table cell's value, or a grey dash when there is none (a filter: cheaper than a macro per cell)."""
    from markupsafe import Markup

    return value if value else Markup('<span class="none">&ndash;</span>')


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
