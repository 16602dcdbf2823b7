"""The report over an archive of records (`claimx report`): one self-contained HTML page of the people
by number of articles (with their ranks and other names), who said what across articles, the quotes
carried by several articles (where each first appeared and how its wording changed) and the stories
that copy an earlier one, and a timeline of dated claims and events; every item links back to its
article and gives its offsets.

An archive is what `claimx extract` wrote: a SQLite database (its `people` table says who is one
person across articles) or a JSONL run (grouped here the same way, with `grouping.group_people`); a
JSON array (`-f json` over several inputs) is read too. Articles whose record carries its text
(web pages, `--keep-text`, `-f html`) are shown marked, as in the HTML view, and their items link to
the claim in the text; the others link to the article's line in the list of articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimx.errors import InputError, OutputError, UsageError, json_error_text
from claimx.output.grouping import Member, fold, group_people
from claimx.output.html import ArticleView, article_view, render, safe_url
from claimx.output.sqlite import USER_VERSION
from claimx.records import SCHEMA_VERSION, ArticleRecord, Claim, Entity, Mention

SQLITE_MAGIC = b"SQLite format 3\x00"
# The claims that are something said, listed under their speaker; events are not.
SAID = ("quote", "statement", "post")
# A person's articles are listed in a folded list past this many.
FOLD_ARTICLES = 12


@dataclass(frozen=True, slots=True)
class Person:
    """Person entities of several articles found to be one person (`grouping`)."""

    name: str
    aliases: tuple[str, ...]
    ranks: tuple[str, ...]
    articles: int
    members: tuple[tuple[int, str], ...]  # (article number from 1, entity id)


@dataclass
class Archive:
    """The records of an archive in its order (article n is `records[n - 1]`), its people, and the
    one-line errors of the lines that are not claimx records."""

    path: str
    records: list[ArticleRecord] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def load_archive(path: str | Path) -> Archive:
    """Read a claimx SQLite database, JSONL run or JSON array of records; an InputError when the file
    is none of these, with what to give instead."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; give a database or JSONL file that claimx extract wrote") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; give a database or JSONL file that claimx extract wrote") from None
    except OSError as exc:
        raise InputError(
            f"{name}: cannot read it ({exc.strerror or exc}); check the path and its permissions"
        ) from None
    archive = _load_sqlite(name) if head == SQLITE_MAGIC else _load_json(name)
    if not archive.people:
        archive.people = _group(archive.records)
    return archive


# --- SQLite -------------------------------------------------------------------------------------


def _load_sqlite(name: str) -> Archive:
    """The records of a claimx database, read-only, with its `people` table."""
    try:
        db = sqlite3.connect(f"{Path(name).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"{name}: cannot open the database ({exc}); check the file") from None
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != USER_VERSION:
            raise InputError(
                f"{name}: not a database of this claimx version (user_version {version}, expected "
                f"{USER_VERSION}); write it again with: claimx extract ... -o {Path(name).name}"
            )
        return _read_tables(db, name)
    except sqlite3.Error as exc:
        raise InputError(f"{name}: cannot read the database ({exc}); give a database claimx extract wrote") from None
    finally:
        db.close()


def _rows(db: sqlite3.Connection, sql: str) -> Iterator[dict[str, Any]]:
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _read_tables(db: sqlite3.Connection, name: str) -> Archive:
    """Every article with its entities and claims (and mentions, where its text is kept), and people."""
    mentions: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    for m in _rows(db, "SELECT m.* FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.text IS NOT NULL"):
        mentions[m["article_id"], m["entity_id"]].append(Mention(m["text"], m["start"], m["end"]))
    entities: dict[int, list[tuple[int, Entity]]] = defaultdict(list)
    person_of: dict[tuple[int, str], int] = {}
    ungrouped = False  # a person left out of `people` (a run killed before it regrouped): group here
    for e in _rows(db, "SELECT * FROM entities"):
        found = sorted(mentions.get((e["article_id"], e["id"]), []), key=lambda m: m.start)
        entities[e["article_id"]].append((_number(e["id"]), _entity({**e, "mentions": found}, sqlite=True)))
        if e["person_id"] is not None:
            person_of[e["article_id"], e["id"]] = e["person_id"]
        ungrouped = ungrouped or (e["type"] == "person" and e["person_id"] is None)
    claims: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    for c in _rows(db, "SELECT * FROM claims"):
        claims[c["article_id"]].append((_number(c["id"]), _claim(c, sqlite=True)))
    archive = Archive(name)
    number_of: dict[int, int] = {}
    for a in _rows(db, "SELECT * FROM articles ORDER BY id"):
        number_of[a["id"]] = len(archive.records) + 1
        ents = tuple(e for _, e in sorted(entities.get(a["id"], []), key=lambda p: p[0]))
        cls = tuple(c for _, c in sorted(claims.get(a["id"], []), key=lambda p: p[0]))
        archive.records.append(_article(a, ents, cls))
    if not ungrouped:  # else load_archive groups the people of the records
        archive.people = _people_table(db, person_of, number_of)
    return archive


def _people_table(
    db: sqlite3.Connection, person_of: dict[tuple[int, str], int], number_of: dict[int, int]
) -> list[Person]:
    """The `people` table, each person with their entities as (article number, entity id)."""
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (aid, eid), pid in sorted(person_of.items(), key=lambda kv: (number_of.get(kv[0][0], 0), _number(kv[0][1]))):
        if aid in number_of:
            members[pid].append((number_of[aid], eid))
    return [
        Person(
            p["name"],
            tuple(json.loads(p["aliases"])),
            tuple(json.loads(p["ranks"])),
            p["articles"],
            tuple(members[p["id"]]),
        )
        for p in _rows(db, "SELECT * FROM people ORDER BY id")
    ]


def _number(ident: str) -> int:
    digits = str(ident)[1:]
    return int(digits) if digits.isdigit() else 0


# --- JSONL and JSON -----------------------------------------------------------------------------


def _load_json(name: str) -> Archive:
    """The records of a JSONL run (one a line), or of a JSON array or object (`-f json`)."""
    try:
        text = Path(name).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: not a claimx database or JSONL run (not UTF-8 text); give one claimx wrote"
        ) from None
    except OSError as exc:
        raise InputError(
            f"{name}: cannot read it ({exc.strerror or exc}); check the path and its permissions"
        ) from None
    archive = Archive(name)
    whole = _whole_document(text)
    values = enumerate(whole, 1) if whole is not None else _lines(text)
    bad: list[tuple[str, str]] = []  # (where, why) of each value that is not a record
    for n, value in values:
        try:
            keep = isinstance(value, dict) and isinstance(value.get("text"), str)  # mentions mark a text
            archive.records.append(record_from_dict(value, mentions=keep))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            bad.append((f"record {n}" if whole is not None else f"line {n}", _why(exc)))
    if bad and not archive.records:
        raise InputError(
            f"{name}: not a claimx database, JSONL run or JSON output ({bad[0][0]}: {bad[0][1]}); "
            "give a file claimx extract wrote"
        )
    sep = ", " if whole is not None else ":"
    archive.errors = [
        f"{name}{sep}{where.removeprefix('line ')}: not a claimx record ({why}); skipped" for where, why in bad
    ]
    return archive


def _why(exc: Exception) -> str:
    return f"no {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc)


def _whole_document(text: str) -> list[Any] | None:
    """The records of a JSON document (an array, or one pretty-printed object), or None for JSON lines."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0].strip()
    if not (stripped.startswith("[") or (stripped.startswith("{") and not _parses(first))):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else [value]


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _lines(text: str) -> Iterator[tuple[int, Any]]:
    """(line number, decoded value) of each non-blank line; a line that is not JSON decodes to its error."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError as exc:
            yield n, ValueError(f"not JSON: {json_error_text(exc)}")


def record_from_dict(value: Any, mentions: bool = True) -> ArticleRecord:
    """An ArticleRecord from its wire form (`ArticleRecord.to_dict`); KeyError, TypeError or ValueError
    when it is not one. Without `mentions` the entities' mentions are left out (a report needs them
    only where it marks the text)."""
    if isinstance(value, Exception):
        raise value
    if not isinstance(value, dict):
        raise TypeError(f"a JSON {type(value).__name__}, not an object")
    entities = tuple(_entity(e, mentions=mentions) for e in value["entities"])
    claims = tuple(_claim(c) for c in value["claims"])
    return _article(value, entities, claims)


def _article(a: dict[str, Any], entities: tuple[Entity, ...], claims: tuple[Claim, ...]) -> ArticleRecord:
    text = a.get("text")
    return ArticleRecord(
        source=str(a["source"]),
        published=a.get("published"),
        sha256=str(a.get("sha256") or ""),
        length=int(a.get("length") or 0),
        entities=entities,
        claims=claims,
        schema=str(a.get("schema") or SCHEMA_VERSION),
        published_basis=a.get("published_basis"),
        title=a.get("title"),
        url=a.get("url"),
        text=text if isinstance(text, str) else None,
        duplicate_of=a.get("duplicate_of"),
    )


def _json_list(value: str) -> list[Any]:
    """A list column of the database (JSON text, most often empty)."""
    return [] if value == "[]" else list(json.loads(value))


def _entity(e: dict[str, Any], sqlite: bool = False, mentions: bool = True) -> Entity:
    lists = {k: _json_list(e[k]) if sqlite else e.get(k, []) for k in ("aliases", "roles")}
    if sqlite or not mentions:
        found = e.get("mentions", []) if sqlite else []
    else:
        found = [Mention(str(m["text"]), int(m["start"]), int(m["end"])) for m in e["mentions"]]
    return Entity(
        id=str(e["id"]),
        type=str(e["type"]),
        name=str(e["name"]),
        aliases=tuple(map(str, lists["aliases"])),
        mentions=tuple(found),
        rank=e.get("rank"),
        roles=tuple(map(str, lists["roles"])),
        country=e.get("country"),
        value=e.get("value"),
        precision=e.get("precision"),
        basis=e.get("basis"),
    )


def _claim(c: dict[str, Any], sqlite: bool = False) -> Claim:
    lists = {k: _json_list(c[k]) if sqlite else c.get(k, []) for k in ("entities", "actors")}
    return Claim(
        id=str(c["id"]),
        type=str(c["type"]),
        text=str(c["text"]),
        start=int(c["start"]),
        end=int(c["end"]),
        sentence_start=int(c.get("sentence_start") or c["start"]),
        sentence_end=int(c.get("sentence_end") or c["end"]),
        speaker=c.get("speaker"),
        speaker_id=c.get("speaker_id"),
        cue=c.get("cue"),
        entities=tuple(map(str, lists["entities"])),
        date=c.get("date"),
        place=c.get("place"),
        handle=c.get("handle"),
        predicate=c.get("predicate"),
        actors=tuple(map(str, lists["actors"])),
        reason=c.get("speaker_reason"),
        affiliation=c.get("speaker_affiliation"),
        negated=bool(c.get("negated")),
        hedged=bool(c.get("hedged")),
        quote_group=c.get("quote_group"),
    )


def _group(records: list[ArticleRecord]) -> list[Person]:
    """People across the records, as the SQLite `people` table groups them (`grouping.group_people`)."""
    members = [
        Member(n, e.id, e.name, e.aliases, e.rank)
        for n, record in enumerate(records, 1)
        for e in record.entities
        if e.type == "person"
    ]
    return [
        Person(
            g.name, tuple(g.aliases), tuple(g.ranks), g.articles, tuple((m.article_id, m.entity_id) for m in g.members)
        )
        for g in group_people(members)
    ]


# --- the page -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article of the report: its line in the list of articles, and its marked text when kept."""

    number: int
    anchor: str
    record: ArticleRecord
    heading: str
    url: str | None
    people: int
    view: ArticleView | None


@dataclass(frozen=True, slots=True)
class Item:
    """A claim in the report, with who made it (or an event's actors) and where it is."""

    claim: Claim
    article: ArticleRow
    who: str
    href: str  # the claim in its marked text, else its article's line


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person of the list of people, with the articles that name them."""

    anchor: str
    person: Person
    articles: list[ArticleRow]


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """Everything one speaker said across the archive, in archive order."""

    name: str
    href: str | None  # the speaker's line in the list of people
    items: list[Item]

    @property
    def articles(self) -> int:
        """How many articles quote the speaker."""
        return len({i.article.number for i in self.items})


@dataclass(frozen=True, slots=True)
class QuoteGroupRow:
    """One quote found in several articles (`output.trace`): where it first appeared and each later
    appearance, with its wording when it differs from the first."""

    id: str
    items: list[Item]  # archive order: the first appearance first

    @property
    def first(self) -> Item:
        """Where the quote first appeared in the archive."""
        return self.items[0]

    @property
    def articles(self) -> int:
        """How many articles carry the quote."""
        return len({i.article.number for i in self.items})

    def reworded(self, item: Item) -> bool:
        """Whether an appearance words the quote otherwise than the first (spacing aside)."""
        return " ".join(item.claim.text.split()) != " ".join(self.first.claim.text.split())


@dataclass(frozen=True, slots=True)
class ReportView:
    """What the report template shows."""

    archive: str
    articles: list[ArticleRow]
    people: list[PersonRow]
    speakers: list[SpeakerRow]
    timeline: list[Item]
    claims: int
    unattributed: int  # things said whose speaker the text does not name
    quote_groups: list[QuoteGroupRow] = field(default_factory=list)  # quotes in more than one article
    copies: list[ArticleRow] = field(default_factory=list)  # articles that copy an earlier one (duplicate_of)


def report_view(archive: Archive) -> ReportView:
    """The report of an archive: people by number of articles, who said what, the timeline."""
    articles = [_article_row(n, r) for n, r in enumerate(archive.records, 1)]
    people = sorted(archive.people, key=lambda p: (-p.articles, fold(p.name), p.name))
    rows = [PersonRow(f"p{k}", p, _distinct(articles, p.members)) for k, p in enumerate(people, 1)]
    person_of = {member: row for row in rows for member in row.person.members}
    speakers: dict[tuple[str, str], SpeakerRow] = {}
    timeline: list[Item] = []
    claims = unattributed = 0
    for row in articles:
        names = {e.id: e.name for e in row.record.entities}
        for c in row.record.claims:
            claims += 1
            item = _item(c, row, names)
            if c.date:
                timeline.append(item)
            if c.type not in SAID:
                continue
            if not c.speaker:
                unattributed += 1
                continue
            person = person_of.get((row.number, c.speaker_id or ""))
            key = ("p", person.anchor) if person else ("n", fold(c.speaker))
            if key not in speakers:
                name = person.person.name if person else c.speaker
                speakers[key] = SpeakerRow(name, f"#{person.anchor}" if person else None, [])
            speakers[key].items.append(item)
    ordered = sorted(speakers.values(), key=lambda s: (-len(s.items), fold(s.name), s.name))
    timeline.sort(key=lambda i: (i.claim.date or "", i.article.number, i.claim.start))
    copies = [a for a in articles if a.record.duplicate_of]
    return ReportView(
        archive.path, articles, rows, ordered, timeline, claims, unattributed, _quote_groups(articles), copies
    )


def _quote_groups(articles: list[ArticleRow]) -> list[QuoteGroupRow]:
    """The quote groups that span several articles, most widely carried first, then by first appearance."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for row in articles:
        names = {e.id: e.name for e in row.record.entities}
        for c in row.record.claims:
            if c.quote_group:
                groups[c.quote_group].append(_item(c, row, names))
    found = [QuoteGroupRow(gid, items) for gid, items in groups.items()]
    found = [g for g in found if g.articles > 1]
    return sorted(found, key=lambda g: (-g.articles, g.first.article.number, g.first.claim.start))


def _article_row(n: int, record: ArticleRecord) -> ArticleRow:
    view = article_view(record, n, prefix="t", tables=False) if record.text is not None else None
    people = sum(1 for e in record.entities if e.type == "person")
    return ArticleRow(n, f"a{n}", record, record.title or record.source, safe_url(record.url), people, view)


def _distinct(articles: list[ArticleRow], members: Iterable[tuple[int, str]]) -> list[ArticleRow]:
    numbers = sorted({n for n, _ in members if 0 < n <= len(articles)})
    return [articles[n - 1] for n in numbers]


def _item(c: Claim, row: ArticleRow, names: dict[str, str]) -> Item:
    if c.type == "event":
        who = ", ".join(names[a] for a in c.actors if a in names)
    else:
        who = c.speaker or ""
    href = f"#t{row.number}-{c.id}" if row.view is not None else f"#{row.anchor}"
    return Item(c, row, who, href)


def render_report(archive: Archive | str | Path) -> str:
    """The report page of an archive (a path is read with `load_archive` first)."""
    if not isinstance(archive, Archive):
        archive = load_archive(archive)
    name = Path(archive.path).name
    view = report_view(archive)
    return render("report.html.j2", title=f"claimx report: {name}", many=True, report=view, fold_after=FOLD_ARTICLES)


def write_report(archive: Archive | str | Path, output: Path) -> Archive:
    """Write the report of an archive to `output` (replaced only once complete, as `-o` always is);
    a UsageError when `output` is the archive itself."""
    if not isinstance(archive, Archive):
        archive = load_archive(archive)
    if output.exists() and Path(archive.path).exists() and output.resolve() == Path(archive.path).resolve():
        raise UsageError("--output", f"{output} is the archive itself; give another -o path, such as report.html")
    page = render_report(archive)
    from claimx.output.safe_files import ReplacingFile

    out = ReplacingFile(output)
    try:
        out.stream.write(page)
    except OSError as exc:
        out.abandon()
        raise OutputError(
            f"{output}: write failed ({exc.strerror or exc}); nothing was saved - free some space or choose "
            "another -o path"
        ) from None
    out.commit()
    return archive
