"""Stories and quotes traced across the articles of a run: syndicated copies and groups of one quote.

Every decision is made here, in the process that writes the output, one article at a time in input
order (the order records are written), so it is the same whatever ran the extraction (`-w 1`, `-w 2`,
Dask) and a `--resume` that first replays what the output already holds (`seed`) goes on exactly as
one run would have.

**Syndicated copies.** An article whose fingerprint (`inputs.fingerprint`: a MinHash of its 5-word
shingles) has an estimated Jaccard similarity of DUPLICATE_THRESHOLD or more with an earlier
article's is a copy of it: `duplicate_of` is that article's `source`, the first such one in input
order. Only articles that are not copies themselves are indexed, so `duplicate_of` always names a
story's first copy and an article is only ever called a copy of something it is close to. The
index (`BandIndex`) finds the candidates without comparing every pair: locality-sensitive hashing by
bands, as datasketch's MinHashLSH does it with the same bands (tested against it). It is a few lines of
numpy: datasketch imports scipy, ~0.8 s that every run paid in the process writing the output, while
the workers of `-w 2` wanted the CPU.

**Quote groups.** A quote joins the group (the best match, then the earliest) whose first quote has
the same speaker and near-identical words: a rapidfuzz `ratio` of QUOTE_SIMILARITY or more between
the two normalised texts (case, accents and punctuation dropped), or the shorter of QUOTE_PART_WORDS
words or more found in the longer (`partial_ratio`). Speakers are the same when their names'
words agree, or one name's words are part of the other's with the same surname ("Lina Park" and
"Rear Admiral Lina Park"); a quote with no speaker groups only with other quotes with no speaker.
Groups are `q1`, `q2`, ... in order of first appearance.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from claimx.inputs.fingerprint import from_bytes, words
from claimx.output.formats import Format
from claimx.output.grouping import tokens
from claimx.records import ArticleRecord

# Estimated Jaccard similarity of two articles' 5-word shingles from which the later is a copy of the
# earlier. Measured (bench/near_duplicates.py, README "Syndicated copies"): of the 397 different
# articles of the shared corpora no pair reaches 0.52 (templated press releases), while invented
# copies of those of 100 words or more with another headline, a share line or a wire credit are all
# found, and two in three (243/375) with all of these at once and the closing paragraph dropped.
DUPLICATE_THRESHOLD = 0.7
# The LSH index's bands x rows (25 x 5 of the 128 hash values): a pair at similarity 0.7 becomes a
# candidate with probability 0.99, one at 0.5 with 0.55, one at 0.2 with 0.008; every candidate is
# then checked against the threshold, so the bands only decide what is compared, never what is a copy.
LSH_BANDS = (25, 5)
# Two quotes of one speaker are one quote when the rapidfuzz ratio (0-100, the normalised Indel
# similarity) of their normalised words is QUOTE_SIMILARITY or more (a word changed, added or dropped),
# or when the shorter, of QUOTE_PART_WORDS words or more, is in the longer at that partial_ratio (one
# article quotes a sentence of what another quotes in full). Measured on the 855 quotes claimx finds in
# PolNeAR-dev, GUM and the dev set: of the 10,052 pairs of one speaker's quotes in different articles,
# 7 pass, all one quote whole or in part; the next pair scores 73, two different quotes (README).
QUOTE_SIMILARITY = 90.0
QUOTE_PART_WORDS = 8


@dataclass(frozen=True, slots=True)
class Earlier:
    """An article the output already holds, as `Tracer.seed` needs it (what --resume replays)."""

    source: str
    fingerprint: bytes | None
    duplicate_of: str | None
    quotes: tuple[tuple[str, str | None], ...] = ()  # (text, speaker) of each quote, in text order
    published: str | None = None
    text: str | None = None  # the record's own text, when it carries one


@dataclass
class _Group:
    id: str
    norm: str  # the first quote's words, normalised: what later quotes are compared with
    speaker: tuple[str, ...]  # the first quote's speaker's name words (empty: no speaker)


@dataclass
class Member:
    """One quote of a group, where it is: for the SQLite `quote_groups` table."""

    position: int  # the article's place in the output order
    source: str
    published: str | None
    text: str
    speaker: str | None


class BandIndex:
    """Locality-sensitive hashing of MinHash signatures by bands: a signature's values are cut into
    `bands` runs of `rows`, and two signatures are candidates when all the values of one band agree
    (datasketch's MinHashLSH with `params=(bands, rows)`, keyed by the values themselves)."""

    def __init__(self, bands: int, rows: int) -> None:
        self.cuts = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in self.cuts]

    def _keys(self, signature: np.ndarray) -> list[bytes]:
        return [signature[a:b].tobytes() for a, b in self.cuts]

    def insert(self, key: int, signature: np.ndarray) -> None:
        """Index a signature under `key`."""
        for table, band in zip(self.tables, self._keys(signature), strict=True):
            table.setdefault(band, []).append(key)

    def query(self, signature: np.ndarray) -> set[int]:
        """The keys of the indexed signatures that agree with this one on a whole band."""
        return {
            key for table, band in zip(self.tables, self._keys(signature), strict=True) for key in table.get(band, ())
        }


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two MinHash signatures estimate: the share of hash values they agree on."""
    return float(np.count_nonzero(a == b)) / float(len(a))


class Tracer:
    """Decides `duplicate_of` and `quote_group`, one article at a time in output order."""

    def __init__(self, *, keep_members: bool = False) -> None:
        self._lsh = BandIndex(*LSH_BANDS)
        self._roots: dict[int, tuple[str, np.ndarray]] = {}  # position -> (source, signature)
        self._seen = 0
        self._groups: list[_Group] = []
        self._buckets: dict[str, list[_Group]] = defaultdict(list)  # by the speaker's surname
        self.members: dict[str, list[Member]] | None = defaultdict(list) if keep_members else None

    def trace(self, record: ArticleRecord, fingerprint: bytes | None) -> ArticleRecord:
        """The record with `duplicate_of` and each quote's `quote_group` set."""
        quotes = [(c.text, c.speaker) for c in record.claims if c.type == "quote"]
        duplicate_of, groups = self.decide(record.source, fingerprint, quotes, record.published)
        found = iter(groups)
        claims = tuple(replace(c, quote_group=next(found)) if c.type == "quote" else c for c in record.claims)
        return replace(record, duplicate_of=duplicate_of, claims=claims)

    def decide(
        self,
        source: str,
        fingerprint: bytes | None,
        quotes: Sequence[tuple[str, str | None]],
        published: str | None = None,
    ) -> tuple[str | None, list[str | None]]:
        """The next article's `duplicate_of` and the group of each of its quotes ((text, speaker) pairs)."""
        self._seen += 1
        duplicate_of = self._duplicate(source, fingerprint)
        return duplicate_of, [self._quote(text, speaker, source, published) for text, speaker in quotes]

    def seed(self, earlier: Earlier) -> None:
        """Replay an article the output already holds: its stored `duplicate_of` is kept (only an
        original with a known fingerprint is indexed) and its quotes join or start groups."""
        self._seen += 1
        if earlier.duplicate_of is None and earlier.fingerprint is not None:
            self._index(source=earlier.source, minhash=from_bytes(earlier.fingerprint))
        for text, speaker in earlier.quotes:
            self._quote(text, speaker, earlier.source, earlier.published)

    # --- syndicated copies ---------------------------------------------------------------------

    def _duplicate(self, source: str, fingerprint: bytes | None) -> str | None:
        if fingerprint is None:
            return None
        minhash = from_bytes(fingerprint)
        copies = [p for p in self._lsh.query(minhash) if jaccard(minhash, self._roots[p][1]) >= DUPLICATE_THRESHOLD]
        if copies:
            return self._roots[min(copies)][0]
        self._index(source, minhash)
        return None

    def _index(self, source: str, minhash: np.ndarray) -> None:
        self._lsh.insert(self._seen, minhash)
        self._roots[self._seen] = (source, minhash)

    # --- quote groups --------------------------------------------------------------------------

    def _quote(self, text: str, speaker: str | None, source: str, published: str | None) -> str | None:
        norm = " ".join(words(text))
        if not norm:
            return None
        who = tokens(speaker) if speaker else ()
        group = self._match(norm, who)
        if group is None:
            group = _Group(f"q{len(self._groups) + 1}", norm, who)
            self._groups.append(group)
            self._buckets[who[-1] if who else ""].append(group)
        if self.members is not None:
            self.members[group.id].append(Member(self._seen, source, published, text, speaker))
        return group.id

    def _match(self, norm: str, who: tuple[str, ...]) -> _Group | None:
        """The earliest group of the best score whose first quote is this one, whole or in part."""
        from rapidfuzz import fuzz, process

        if not who and norm.count(" ") + 1 < QUOTE_PART_WORDS:
            return None  # "No comment." without a speaker: too little to say two articles quote one person
        bucket = self._buckets.get(who[-1] if who else "", [])
        norms = [g.norm for g in bucket]
        scores: dict[int, float] = {}
        for scorer in (fuzz.ratio, fuzz.partial_ratio):
            for _, score, i in process.extract(norm, norms, scorer=scorer, score_cutoff=QUOTE_SIMILARITY, limit=None):
                whole = scorer is fuzz.ratio or min(norm.count(" "), norms[i].count(" ")) + 1 >= QUOTE_PART_WORDS
                if whole and same_speaker(bucket[i].speaker, who):
                    scores[i] = max(scores.get(i, 0.0), score)
        return bucket[min(scores, key=lambda i: (-scores[i], i))] if scores else None


def same_speaker(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two speakers' name words name one person: equal, or one part of the other with the same
    surname (both empty: two quotes without a speaker)."""
    if not a or not b:
        return not a and not b
    return a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


class _Traceable(Protocol):
    """An Outcome of `claimx.extract_many`: a record (or None) and its article's fingerprint."""

    @property
    def record(self) -> ArticleRecord | None: ...

    @property
    def fingerprint(self) -> bytes | None: ...


T = TypeVar("T", bound=_Traceable)


def trace(outcomes: Iterable[T]) -> Iterator[T]:
    """The Outcomes of `claimx.extract_many`, in order, their records with `duplicate_of` and
    `quote_group` set as `claimx extract` sets them for several inputs."""
    tracer = Tracer()
    for outcome in outcomes:
        if outcome.record is not None:
            outcome = replace(outcome, record=tracer.trace(outcome.record, outcome.fingerprint))  # type: ignore[type-var]
        yield outcome


# --- what an output already holds (--resume) ------------------------------------------------------


def earlier_in_jsonl(path: Path) -> Iterator[Earlier]:
    """The records of a JSONL output, in order (every line whole: the sink has repaired the file)."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            quotes = tuple((c["text"], c.get("speaker")) for c in rec.get("claims", ()) if c.get("type") == "quote")
            yield Earlier(rec["source"], None, rec.get("duplicate_of"), quotes, rec.get("published"), rec.get("text"))


def earlier_in_sqlite(db: sqlite3.Connection) -> Iterator[tuple[int, tuple[str, ...], Earlier]]:
    """The articles of a claimx database in the order they first came in (their ids): each one's id,
    the ids of its quotes in text order, and what the tracer needs of it."""
    quotes: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    for aid, cid, text, speaker in db.execute(
        "SELECT article_id, id, text, speaker FROM claims WHERE type = 'quote' "
        "ORDER BY article_id, CAST(substr(id, 2) AS INTEGER)"
    ):
        quotes[aid].append((cid, text, speaker))
    for aid, source, fingerprint, duplicate_of, published in db.execute(
        "SELECT id, source, fingerprint, duplicate_of, published FROM articles ORDER BY id"
    ):
        mine = quotes.pop(aid, [])
        pairs = tuple((text, speaker) for _, text, speaker in mine)
        yield aid, tuple(cid for cid, _, _ in mine), Earlier(source, fingerprint, duplicate_of, pairs, published)


def seed_from(
    tracer: Tracer, fmt: Format, path: Path, fingerprint_of: Callable[[Earlier], bytes | None] | None = None
) -> None:
    """Replay into `tracer` the articles an output file holds (what --resume skips), in their order. A
    database keeps each article's fingerprint; for a JSONL file, `fingerprint_of` finds those of the
    originals (the copies are never compared with)."""
    if fmt is Format.sqlite:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            for _, _, earlier in list(earlier_in_sqlite(db)):
                tracer.seed(earlier)
        finally:
            db.close()
        return
    for earlier in earlier_in_jsonl(path):
        if earlier.duplicate_of is None and fingerprint_of is not None:
            earlier = replace(earlier, fingerprint=fingerprint_of(earlier))
        tracer.seed(earlier)


@dataclass(frozen=True)
class QuoteGroup:
    """One row of the SQLite `quote_groups` table."""

    id: str
    text: str  # the earliest wording (first published, then first in output order)
    speaker: str | None  # the fullest name the quote is given under
    first_published: str | None
    first_source: str
    articles: int
    variants: list[str] = field(default_factory=list)  # every distinct wording, earliest first


def summarise(group_id: str, members: Sequence[Member]) -> QuoteGroup:
    """Where a quote first appeared and how its wording changed, from its members."""
    ordered = sorted(members, key=lambda m: (m.published is None, m.published or "", m.position))
    first = ordered[0]
    names = Counter(m.speaker for m in members if m.speaker)
    speaker = min(names, key=lambda n: (-len(tokens(n)), -names[n], n)) if names else None
    variants = list(dict.fromkeys(" ".join(m.text.split()) for m in ordered))
    return QuoteGroup(
        group_id, first.text, speaker, first.published, first.source, len({m.position for m in members}), variants
    )
