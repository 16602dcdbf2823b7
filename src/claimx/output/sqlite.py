"""The SQLite output: one database that a batch fills and a re-run updates in place.

Each article is written in one transaction, so the database is never half-updated: a run that is
killed or hits a full disk leaves every article either fully present or absent. An article is keyed
by `path` (its source resolved: `tables.article_key`), while `source` keeps the input as given;
writing it again replaces its rows (its `sha256` says which content they come from), so re-running
over the same folder, however its path is spelled, never duplicates anything. The columns are those
of `claimx.tables`, which the CSV tables share.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from claimx.errors import OutputError
from claimx.output.grouping import Member, group_organisations, group_people
from claimx.output.safe_files import require_regular
from claimx.output.tables import TABLES, article_key, rows
from claimx.records import ArticleRecord

DDL = """
CREATE TABLE IF NOT EXISTS articles (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    path            TEXT NOT NULL UNIQUE,
    sha256          TEXT NOT NULL,
    published       TEXT,
    published_basis TEXT,
    title           TEXT,
    url             TEXT,
    length          INTEGER NOT NULL,
    schema          TEXT NOT NULL,
    text            TEXT,
    duplicate_of    TEXT,  -- source of the story's first copy, set by retrace()
    fingerprint     BLOB   -- inputs.fingerprint of the text: what later runs compare with
);
CREATE TABLE IF NOT EXISTS entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    type       TEXT NOT NULL CHECK (type IN ('person', 'organization', 'place', 'date')),
    name       TEXT NOT NULL,
    rank       TEXT,
    roles      TEXT NOT NULL DEFAULT '[]',
    aliases    TEXT NOT NULL DEFAULT '[]',
    country    TEXT,
    value      TEXT,
    precision  TEXT,
    basis      TEXT,
    evidence   TEXT NOT NULL DEFAULT '[]',  -- the steps that decided its type and span (JSON list)
    person_id       INTEGER,  -- people.id (persons), set by regroup()
    organisation_id INTEGER,  -- organisations.id (organisations), set by regroup()
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS people (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    aliases  TEXT NOT NULL DEFAULT '[]',
    ranks    TEXT NOT NULL DEFAULT '[]',
    articles INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS organisations (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    aliases  TEXT NOT NULL DEFAULT '[]',
    articles INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id INTEGER NOT NULL,
    entity_id  TEXT NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS claims (
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    type           TEXT NOT NULL CHECK (type IN ('quote', 'statement', 'post', 'event')),
    text           TEXT NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    speaker        TEXT,
    speaker_id     TEXT,
    speaker_method TEXT,  -- direct, pronoun, description, previous-sentence, interview
    speaker_reason TEXT,
    speaker_affiliation TEXT,
    cue            TEXT,
    date           TEXT,
    place          TEXT,
    handle         TEXT,
    predicate      TEXT,
    negated        INTEGER CHECK (negated IN (0, 1)),
    hedged         INTEGER CHECK (hedged IN (0, 1)),
    actors         TEXT NOT NULL DEFAULT '[]',
    entities       TEXT NOT NULL DEFAULT '[]',
    quote_group    TEXT,  -- quote_groups.id (quotes), set by retrace()
    PRIMARY KEY (article_id, id),
    FOREIGN KEY (article_id, speaker_id) REFERENCES entities(article_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quote_groups (
    id              TEXT PRIMARY KEY,  -- q1, q2, ... in order of first appearance
    text            TEXT NOT NULL,     -- the earliest wording
    speaker         TEXT,
    first_published TEXT,
    first_source    TEXT NOT NULL,
    articles        INTEGER NOT NULL,
    variants        TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS claims_quote_group ON claims(quote_group) WHERE quote_group IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS entities_type_name ON entities(type, name);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE INDEX IF NOT EXISTS entities_value ON entities(value) WHERE type = 'date';
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(article_id, entity_id);
CREATE INDEX IF NOT EXISTS claims_type ON claims(type);
CREATE INDEX IF NOT EXISTS claims_date ON claims(date);
CREATE INDEX IF NOT EXISTS claims_speaker ON claims(article_id, speaker_id);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS entities_person ON entities(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS entities_organisation ON entities(organisation_id) WHERE organisation_id IS NOT NULL;
"""

# Bumped when the tables change; an older database is refused rather than silently mixed.
# 2: articles.path (the unique key), published_basis, title, url, text; people, organisations and
#    the entities' person_id and organisation_id.
# 3: articles.duplicate_of and fingerprint, claims.quote_group, quote_groups. Not upgraded in place:
#    the articles of an older database have no fingerprint, so nothing could be traced to them.
# 4: entities.evidence, claims.speaker_method. Not upgraded in place: older rows would claim no evidence.
USER_VERSION = 4
# What the current version adds, for the message that refuses an older database.
NEW_IN_VERSION = "with entity evidence and speaker methods"


def _refusal(path: Path, version: int, tables: set[str]) -> str:
    """Why a database is not written to: one an older claimx wrote, or not claimx's at all."""
    if 0 < version < USER_VERSION and "articles" in tables:
        return (
            f"{path}: written by an older claimx (database version {version}; this claimx writes version "
            f"{USER_VERSION}, {NEW_IN_VERSION}); write to a new -o file and re-run its inputs"
        )
    return f"{path}: an SQLite database claimx did not write (or a newer version of it); choose another -o path"


def _fail(path: Path, exc: sqlite3.Error) -> OutputError:
    text = str(exc)
    if "full" in text:
        hint = "free some disk space and rerun with --resume"
    elif "readonly" in text or "unable to open" in text:
        hint = "choose a writable -o path"
    elif "not a database" in text:
        hint = "it is not a claimx SQLite database; choose another -o path"
    else:
        hint = "check the path and the disk"
    return OutputError(f"{path}: SQLite error ({text}); {hint}")


class SqliteStore:
    """A claimx database opened for writing (a context manager)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # SQLite keeps a journal beside its file: a device or a FIFO would get one in its folder.
        require_regular(path, "SQLite output")
        try:
            # SQLite would create the file 0644 whatever the umask; a shell redirection gives 0666 & ~umask.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o666))
        except OSError as exc:
            raise OutputError(f"{path}: cannot write here ({exc.strerror}); choose a writable -o path") from None
        try:
            self.db = sqlite3.connect(str(path), isolation_level=None)  # explicit transactions below
            self.db.execute("PRAGMA foreign_keys = ON")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and version != USER_VERSION:
                raise OutputError(_refusal(path, version, tables))
            self.db.executescript(DDL)
            self.db.execute(f"PRAGMA user_version = {USER_VERSION}")
            self.changed = False
        except sqlite3.Error as exc:
            raise _fail(path, exc) from None

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(regroup=exc[0] is None)

    def close(self, regroup: bool = True) -> None:
        """Update the grouping of people and organisations, the syndicated copies and the quote groups
        (unless the run failed), and close the connection (every article written so far is committed)."""
        try:
            try:
                if regroup and self.changed:
                    self.regroup()
                    self.retrace()
            finally:
                self.db.close()
        except sqlite3.Error as exc:
            raise _fail(self.path, exc) from None

    def sources(self) -> PathKeys:
        """The articles already in the database (what --resume skips), matched by resolved path."""
        try:
            return PathKeys({r[0] for r in self.db.execute("SELECT path FROM articles")})
        except sqlite3.Error as exc:
            raise _fail(self.path, exc) from None

    def write(self, record: ArticleRecord, fingerprint: bytes | None = None) -> None:
        """Insert one article, replacing the rows of an earlier run over the same path (under the same
        id, so the order articles first came in, which `retrace` follows, stays)."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                (article,) = rows(record, "articles", 0)
                old = db.execute("SELECT id FROM articles WHERE path = ?", (article["path"],)).fetchone()
                article["id"] = old[0] if old else None
                article["fingerprint"] = fingerprint
                db.execute("DELETE FROM articles WHERE path = ?", (article["path"],))
                aid = db.execute(_insert("articles", tuple(article)), tuple(article.values())).lastrowid
                assert aid is not None
                for table in ("entities", "mentions", "claims"):
                    db.executemany(_insert(table, TABLES[table]), [tuple(r.values()) for r in rows(record, table, aid)])
            except BaseException:
                if db.in_transaction:  # SQLite may have rolled back already (a full disk does)
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            self.changed = True
        except sqlite3.Error as exc:
            raise _fail(self.path, exc) from None

    def regroup(self) -> None:
        """Rebuild `people` and `organisations` from every article in the database (one transaction),
        so a re-run or --resume updates who is one person across articles (see claimx.grouping)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for etype, table, column, group in (
                ("person", "people", "person_id", group_people),
                ("organization", "organisations", "organisation_id", group_organisations),
            ):
                members = [
                    Member(aid, eid, name, tuple(json.loads(aliases)), rank)
                    for aid, eid, name, aliases, rank in db.execute(
                        "SELECT article_id, id, name, aliases, rank FROM entities WHERE type = ?", (etype,)
                    )
                ]
                db.execute(f"UPDATE entities SET {column} = NULL WHERE {column} IS NOT NULL")
                db.execute(f"DELETE FROM {table}")
                links: list[tuple[int, int, str]] = []
                for n, g in enumerate(group(members), 1):
                    values: tuple[object, ...] = (n, g.name, _j(g.aliases), g.articles)
                    if table == "people":
                        db.execute("INSERT INTO people VALUES (?, ?, ?, ?, ?)", (*values[:3], _j(g.ranks), g.articles))
                    else:
                        db.execute("INSERT INTO organisations VALUES (?, ?, ?, ?)", values)
                    links.extend((n, m.article_id, m.entity_id) for m in g.members)
                db.executemany(f"UPDATE entities SET {column} = ? WHERE article_id = ? AND id = ?", links)
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        self.changed = False

    def retrace(self) -> None:
        """Rebuild `duplicate_of`, `claims.quote_group` and `quote_groups` from every article, in the
        order they first came into the database (one transaction; see claimx.output.trace)."""
        from claimx.output.trace import Tracer, earlier_in_sqlite, summarise

        db = self.db
        tracer = Tracer(keep_members=True)
        copies: list[tuple[str | None, int]] = []
        groups: list[tuple[str | None, int, str]] = []
        for aid, quote_ids, seen in list(earlier_in_sqlite(db)):
            duplicate_of, found = tracer.decide(seen.source, seen.fingerprint, seen.quotes, seen.published)
            copies.append((duplicate_of, aid))
            groups += [(g, aid, cid) for g, cid in zip(found, quote_ids, strict=True)]
        assert tracer.members is not None
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?", copies)
            db.executemany("UPDATE claims SET quote_group = ? WHERE article_id = ? AND id = ?", groups)
            db.execute("DELETE FROM quote_groups")
            for gid, members in tracer.members.items():
                g = summarise(gid, members)
                db.execute(
                    "INSERT INTO quote_groups VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (g.id, g.text, g.speaker, g.first_published, g.first_source, g.articles, _j(g.variants)),
                )
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _j(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


class PathKeys:
    """Stored article keys, asked with a source as typed (`./a.txt` finds `/abs/a.txt`)."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = keys

    def __contains__(self, source: object) -> bool:
        return isinstance(source, str) and article_key(source) in self.keys

    def __len__(self) -> int:
        return len(self.keys)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
