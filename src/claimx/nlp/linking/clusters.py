"""Merging mentions into entities: one entity per real-world thing over all its surface forms (the
same name, an acronym and its definition, a surname and the full name, a company's first word).

Used by `claimx_linking`; open this module to change which mentions are one entity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import ADMIN_PLACE_WORDS, INITIALS_SKIP, ORG_SUFFIXES
from claimx.nlp.entities.evidence import DOCUMENT_VOTE

# The entity types of the record (`Entity.type`); a cluster's type is one of the first three.
PERSON, ORGANIZATION, PLACE, DATE = "person", "organization", "place", "date"
_THE_RE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"'s$")
# A place an organisation's name starts with has at most this many words ("New South Wales Police").
MAX_OWNER_WORDS = 3
_EDITOR_BRACKETS_RE = re.compile(r"[\[\]]")
# Endings of a first name's diminutive ("Sam" -> "Sammy", "Tom" -> "Tommie"), and the shortest short form
# of a first name that is its beginning ("Alex" for "Alexander").
_DIMINUTIVE_ENDINGS = ("y", "ie")
MIN_SHORT_FIRST_NAME = 3


@dataclass
class Raw:
    """A mention on its way into an entity."""

    text: str
    start: int
    end: int
    type: str
    key: str
    rank: str | None = None
    roles: list[str] = field(default_factory=list)
    title_text: str | None = None
    evidence: tuple[str, ...] = ()  # the steps that decided its type and span (`nlp/entities/evidence.py`)
    quoted: bool = False  # inside a quotation, where people are called by first names and nicknames


@dataclass
class Cluster:
    """The mentions of one entity."""

    type: str
    mentions: list[Raw] = field(default_factory=list)

    @property
    def first(self) -> int:
        """Where the entity is first mentioned."""
        return min(m.start for m in self.mentions)


def normalise_name(text: str) -> str:
    """Matching key of a name: case, dots, hyphens, an editor's brackets ("Sam [Okafor]"), possessive and
    leading 'the' folded."""
    s = text.strip().replace("’", "'")
    s = _THE_RE.sub("", s)
    s = _POSSESSIVE_RE.sub("", s)
    s = s.replace(".", "").replace("-", " ").replace("‐", " ").replace("[", "").replace("]", "")
    return " ".join(s.casefold().split())


def pick_name(texts: list[str]) -> str:
    """The fullest form used: most words, then not all-caps, then first seen; a part an editor completed
    in brackets is part of the name ("Sam [Okafor]" names Sam Okafor)."""

    def score(item: tuple[int, str]) -> tuple[int, int, int]:
        i, t = item
        return (len(t.split()), 0 if (t.isupper() and len(t) > 4) else 1, -i)

    return _EDITOR_BRACKETS_RE.sub("", max(enumerate(texts), key=score)[1])


def aliases_of(name: str, forms: Iterable[str]) -> tuple[str, ...]:
    """The other forms an entity is written in: each once, in the order given, never the name itself
    (a titled name repeated in every paragraph is one alias)."""
    return tuple(form for form in dict.fromkeys(forms) if form != name)


def cluster_mentions(raws: list[Raw], acronyms: dict[int, int]) -> list[Cluster]:
    """Merge mentions into entities: same key, acronym definitions, surnames, name prefixes.

    `acronyms` maps an acronym mention's start to the start of the name it stands for."""
    _vote_types(raws)
    found = _Entities(acronyms)
    # Longest names first, so that short forms find the full name they abbreviate.
    order = sorted(raws, key=lambda r: (-len(r.key.split()), r.start))
    pending: list[Raw] = []
    for r in order:
        target = found.known(r)
        if target is None and len(r.key.split()) == 1:
            pending.append(r)
            continue
        if target is None and r.type == ORGANIZATION:
            stem = " ".join(w for w in r.key.split() if w not in ORG_SUFFIXES)
            target = found.by_key.get((r.type, f"|{stem}")) or _owned_form(r, found.clusters)
        found.add(r, target or _longer_name(r, found.clusters))
    for r in sorted(pending, key=lambda r: r.start):
        found.add(r, found.known(r) or _short_form_target(r, found.clusters))
    return found.clusters


def _vote_types(raws: list[Raw]) -> None:
    """One type per key, by vote: the model may tag one name differently in different sentences (a
    mention with a rank keeps its type and counts three times)."""
    votes: dict[str, Counter[str]] = {}
    for r in raws:
        votes.setdefault(r.key, Counter())[r.type] += 3 if r.rank else 1
    for r in raws:
        if not r.rank:
            voted = votes[r.key].most_common(1)[0][0]
            if voted != r.type:
                r.type, r.evidence = voted, (*r.evidence, DOCUMENT_VOTE)


def _place_key(r: Raw) -> str:
    """The key of a place: its gazetteer entry, where known. "Varosh province" and "Varosh" are one
    place: an administrative cue word does not change it, unless it is part of a known name ("Panama
    City" is no form of "Panama")."""
    whole = gazetteer.lookup_place(r.text)
    if whole is not None:
        return f"{whole.name}|{whole.country}"
    words = r.key.split()
    while len(words) > 1 and words[-1] in ADMIN_PLACE_WORDS:
        words.pop()
    stem = " ".join(words)
    p = gazetteer.lookup_place(stem) if stem != r.key else None
    return f"{p.name}|{p.country}" if p is not None else stem


def _key(kind: str, r: Raw) -> tuple[str, str]:
    """The key a mention is filed under in an entity of type `kind`."""
    if kind == PLACE:
        return (kind, _place_key(r))
    if kind == ORGANIZATION:
        owner, rest = org_parts(r.text)
        return (kind, f"{owner}|{rest}")
    return (kind, r.key)


@lru_cache(maxsize=4096)
def org_parts(text: str, nationalities: bool = False) -> tuple[str, str]:
    """An organisation's name as (the country or place it belongs to, the rest of its name in one word
    order), so that the forms news uses for one body have one key: "the A of B" is "B A" ("Department
    of Fisheries" = "Fisheries Department"), and a country is named by its gazetteer name ("Armed Forces
    of the United States" = "U.S. Armed Forces"). With `nationalities`, a nationality word before the
    name is its owner too ("Varnish Energy Ministry"); exact keys leave it in, since "European Council"
    is not the "Council of Europe"."""
    words = _THE_RE.sub("", text.strip()).replace("’", "'").split()
    if words and _POSSESSIVE_RE.search(words[-1]):
        words[-1] = _POSSESSIVE_RE.sub("", words[-1])
    if words.count("of") == 1 and 0 < words.index("of") < len(words) - 1:
        i = words.index("of")
        before, after = words[:i], words[i + 1 :]
        if len(after) > 1 and after[0].lower() == "the":
            after = after[1:]
        owner = _place_name(after)
        if owner:
            return owner, normalise_name(" ".join(before))
        owner, before = _leading_owner(before, nationalities)
        return owner, normalise_name(" ".join(after + before))
    owner, rest = _leading_owner(words, nationalities)
    return owner, normalise_name(" ".join(rest))


def _place_name(words: list[str]) -> str:
    """The canonical name of the place `words` name (a country by its gazetteer name), or ""."""
    if not words or not all(w[:1].isupper() for w in words):
        return ""
    place = gazetteer.lookup_place(" ".join(words))
    if place is None:
        return ""
    return place.name if place.kind == "country" else normalise_name(" ".join(words))


def _leading_owner(words: list[str], nationalities: bool) -> tuple[str, list[str]]:
    """The place (or, with `nationalities`, the nationality word) an organisation's name starts with,
    and the words after it."""
    for n in range(min(MAX_OWNER_WORDS, len(words) - 1), 0, -1):
        owner = _place_name(words[:n])
        if owner:
            return owner, words[n:]
    if nationalities and len(words) > 1 and gazetteer.is_nationality(words[0]):
        return normalise_name(gazetteer.nationality_country(words[0]) or words[0]), words[1:]
    return "", words


def _owned_form(r: Raw, clusters: list[Cluster]) -> Cluster | None:
    """The one organisation whose name is this one's with a country, a place or a nationality before it
    ("Energy Department" for "U.S. Department of Energy"); None when there are none or several."""
    owner, rest = org_parts(r.text)
    if owner or not rest:
        return None
    found = {
        id(c): c
        for c in clusters
        if c.type == ORGANIZATION
        for m in c.mentions
        if org_parts(m.text, nationalities=True)[0] and org_parts(m.text, nationalities=True)[1] == rest
    }
    return next(iter(found.values())) if len(found) == 1 else None


@dataclass
class _Entities:
    """The entities merged so far, found by a mention's key and by where a mention starts."""

    acronyms: dict[int, int]
    clusters: list[Cluster] = field(default_factory=list)
    by_key: dict[tuple[str, str], Cluster] = field(default_factory=dict)
    by_start: dict[int, Cluster] = field(default_factory=dict)

    def known(self, r: Raw) -> Cluster | None:
        """The entity a mention already belongs to: an acronym's definition, or the same key."""
        if r.start in self.acronyms and self.acronyms[r.start] in self.by_start:
            return self.by_start[self.acronyms[r.start]]
        return self.by_key.get(_key(r.type, r))

    def add(self, r: Raw, target: Cluster | None) -> None:
        """Put a mention into `target`, or into a new entity."""
        if target is None:
            target = Cluster(type=r.type)
            self.clusters.append(target)
        target.mentions.append(r)
        self.by_key.setdefault(_key(target.type, r), target)
        self.by_start[r.start] = target


def _longer_name(r: Raw, clusters: list[Cluster]) -> Cluster | None:
    """The one person whose fuller name ends with this multi-word name ("Selim Haddad" in
    "M. Selim Haddad", a hyphenated surname "Waker-Lind" in "Tomas Waker-Lind")."""
    if r.type != PERSON:
        return None
    words = r.key.split()
    found = {
        id(c): c
        for c in clusters
        if c.type == PERSON
        for m in c.mentions
        if len(m.key.split()) > len(words) and m.key.split()[-len(words) :] == words
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _names_a_part(rest: list[str]) -> bool:
    """Whether the words after an acronym name a body of its own ("KFU Trade Council" is not the KFU,
    while "KSC Group" is KSC): two or more words besides company suffixes."""
    return len([w for w in rest if w not in ORG_SUFFIXES]) >= 2


def _short_form_target(r: Raw, clusters: list[Cluster]) -> Cluster | None:
    """The entity a one-word mention abbreviates: a person's surname (or first name), an organisation's
    first word ("Korvat" for "Korvat Systems"). Ambiguous surnames go to the nearest preceding full name."""
    word = r.key
    persons: list[tuple[Cluster, Raw, bool]] = []
    orgs: list[tuple[Cluster, Raw, bool]] = []
    place = gazetteer.lookup_place(r.text) if r.type == PLACE else None
    if place is not None and place.kind in ("country", "continent", "region"):
        return None
    acronym = r.text.isupper() and len(r.text) >= 2
    for c in clusters:
        if c.type == PLACE:
            continue
        if acronym and c.type == ORGANIZATION:
            # "NRC" for "Northern Rivers Commission": initials of the significant words.
            for m in c.mentions:
                initials = "".join(w[0] for w in m.text.split() if w.lower() not in INITIALS_SKIP)
                if len(initials) >= 2 and initials.upper() == r.text.replace(".", ""):
                    return c
        for m in c.mentions:
            words = m.key.split()
            if len(words) < 2:
                continue
            if c.type == PERSON and r.type in (PERSON, ORGANIZATION) and word in (words[-1], words[0]):
                persons.append((c, m, words[-1] == word))
            elif c.type == PERSON and r.type == PERSON and r.quoted and is_first_name_form(word, words[0]):
                persons.append((c, m, False))
            if (
                c.type == ORGANIZATION
                and not r.rank
                and (r.type != PLACE or place is None)
                and words[0] == word
                and not (acronym and _names_a_part(words[1:]))
            ):
                orgs.append((c, m, True))
    pool = persons if (r.type == PERSON and persons) or not orgs else orgs
    if not pool:
        return None
    surname = [p for p in pool if p[2]] or pool
    distinct = {id(c) for c, _, _ in surname}
    if len(distinct) == 1:
        return surname[0][0]
    before = [(m.start, c) for c, m, _ in surname if m.start < r.start]
    return max(before, key=lambda x: x[0])[1] if before else None


def is_first_name_form(word: str, first: str) -> bool:
    """Whether a name in a quote is a short form or a diminutive of a first name ("Alex" of "alexander",
    "sammy" of "sam", "tommie" of "tom"); keys are lower case."""
    if word == first or len(word) < MIN_SHORT_FIRST_NAME:
        return False
    if first.startswith(word):
        return True
    return any(word in (first + end, first + first[-1] + end) for end in _DIMINUTIVE_ENDINGS)


def cluster_at(clusters: list[Cluster], start: int, end: int) -> Cluster | None:
    """The entity with a mention overlapping [start, end)."""
    for c in clusters:
        for m in c.mentions:
            if m.start < end and start < m.end:
                return c
    return None
