"""Which person (or organisation) entities of different articles are one: the grouping behind the
SQLite `people` and `organisations` tables. Pure functions over plain values; no SQL, no spaCy.

Two person names are one person when their tokens agree after normalisation (case, accents,
honorifics and the person's rank dropped), or when one name's tokens are a subset of the other's
with the same surname (last token) and at least one given name in common, and every longer name it
could join agrees with the others (so "Asim Munir" joins "Syed Asim Munir", never "Asim Ali", and a
short name that two different long names share joins neither). A single-word name is never joined
across articles: a bare surname is not enough to say who it is.

Organisations are one when their normalised names agree, or when an acronym written alone in one
article is, in another article, the linked acronym (an alias) of exactly one full name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claimx.knowledge.lexicon import HONORIFICS

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ACRONYM = re.compile(r"\A[A-Z][A-Z0-9&.]{1,9}\Z")


@dataclass(frozen=True, slots=True)
class Member:
    """One entity of one article, as the grouping sees it."""

    article_id: int
    entity_id: str
    name: str
    aliases: tuple[str, ...] = ()
    rank: str | None = None


@dataclass
class Group:
    """Entities found to be one person or organisation across articles."""

    members: list[Member] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The fullest name: most words, then the most used, then alphabetical."""
        counts: dict[str, int] = defaultdict(int)
        for m in self.members:
            counts[m.name] += 1
        return min(counts, key=lambda n: (-len(tokens(n)), -counts[n], n))

    @property
    def aliases(self) -> list[str]:
        """Every other form used, once each, sorted."""
        name = self.name
        forms = {m.name for m in self.members} | {a for m in self.members for a in m.aliases}
        return sorted(f for f in forms if f != name)

    @property
    def ranks(self) -> list[str]:
        """The ranks written with the name, once each, sorted."""
        return sorted({m.rank for m in self.members if m.rank})

    @property
    def articles(self) -> int:
        """How many articles name it."""
        return len({m.article_id for m in self.members})


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(name: str, rank: str | None = None) -> tuple[str, ...]:
    """The words of a name, normalised: folded, without honorifics, and without the person's rank
    when the name starts with it ("Field Marshal Syed Asim Munir" with that rank -> syed asim munir)."""
    words = [w.replace("’", "'") for w in _WORD.findall(fold(name))]
    if rank:
        lead = [w.replace("’", "'") for w in _WORD.findall(fold(rank))]
        if lead and words[: len(lead)] == lead:
            words = words[len(lead) :]
    while words and any(words[0] == h.casefold() for h in HONORIFICS):
        words = words[1:]
    return tuple(words)


def group_people(members: Iterable[Member]) -> list[Group]:
    """Person entities grouped into people, in order of first appearance (article, then entity)."""
    members = sorted(members, key=_order)
    by_key: dict[tuple[str, ...], list[Member]] = defaultdict(list)
    alone: list[Member] = []
    for m in members:
        key = tokens(m.name, m.rank)
        if len(key) >= 2:
            by_key[key].append(m)
        else:
            alone.append(m)
    parent = {k: k for k in by_key}

    def find(k: tuple[str, ...]) -> tuple[str, ...]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for k in by_key:
        by_surname[k[-1]].append(k)
    for k in by_key:
        longer = [
            other for other in by_surname[k[-1]] if len(other) > len(k) and set(k) <= set(other) and len(set(k)) >= 2
        ]
        if longer and _chain(longer):
            for other in longer:
                parent[find(k)] = find(other)
    groups: dict[tuple[str, ...], Group] = {}
    for k, ms in by_key.items():
        groups.setdefault(find(k), Group()).members.extend(ms)
    return _ordered([*groups.values(), *(Group([m]) for m in alone)])


def group_organisations(members: Iterable[Member]) -> list[Group]:
    """Organisation entities grouped by normalised name, and an acronym written alone joined to the
    one full name that has it as an alias elsewhere."""
    members = sorted(members, key=_order)
    by_key: dict[tuple[str, ...], Group] = {}
    for m in members:
        key = tokens(m.name) or (m.name,)
        by_key.setdefault(key, Group()).members.append(m)
    owners: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key, g in by_key.items():
        for m in g.members:
            for alias in m.aliases:
                if _ACRONYM.match(alias) and tokens(alias) != key:
                    owners[alias.replace(".", "")].add(key)
    for key in list(by_key):
        g = by_key[key]
        name = g.members[0].name
        if len(key) == 1 and _ACRONYM.match(name):
            full = owners.get(name.replace(".", ""), set())
            if len(full) == 1 and (target := next(iter(full))) in by_key and target != key:
                by_key[target].members.extend(g.members)
                del by_key[key]
    for g in by_key.values():
        g.members.sort(key=_order)
    return _ordered(list(by_key.values()))


def _chain(keys: Sequence[tuple[str, ...]]) -> bool:
    """Whether the names agree with each other: of any two, one's words hold the other's."""
    sets = [set(k) for k in keys]
    return all(a <= b or b <= a for i, a in enumerate(sets) for b in sets[i + 1 :])


def _order(m: Member) -> tuple[int, int, str]:
    digits = m.entity_id.lstrip("e")
    return (m.article_id, int(digits) if digits.isdigit() else 0, m.entity_id)


def _ordered(groups: list[Group]) -> list[Group]:
    return sorted(groups, key=lambda g: min(_order(m) for m in g.members))
