"""Which mentions are one entity (`nlp/linking/clusters.py`): name keys, surnames, acronyms, places,
organisations; pure functions on invented names."""

from __future__ import annotations

import pytest

from claimx.nlp.linking.clusters import Raw as _Raw
from claimx.nlp.linking.clusters import cluster_mentions, normalise_name


@pytest.mark.parametrize(
    "text, key",
    [
        ("Nur-Ul-Hadi", "nur ul hadi"),
        ("Nur Ul Hadi", "nur ul hadi"),
        ("the Bangladesh Army", "bangladesh army"),
        ("Pakistan's", "pakistan"),
        ("Pakistan\u2019s", "pakistan"),
        ("U.S.", "us"),
        ("DHAKA", "dhaka"),
    ],
)
def test_normalise_name(text: str, key: str) -> None:
    assert normalise_name(text) == key


def _raw(text: str, start: int, etype: str, rank: str | None = None) -> _Raw:
    return _Raw(text, start, start + len(text), etype, normalise_name(text), rank=rank)


def _groups(raws: list[_Raw], acronyms: dict[int, int] | None = None) -> list[list[str]]:
    clusters = cluster_mentions(raws, acronyms or {})
    return sorted(sorted(m.text for m in c.mentions) for c in clusters)


def test_surname_and_hyphen_variants_merge() -> None:
    raws = [
        _raw("Tomas Waker-Lind", 0, "person"),
        _raw("Tomas Waker Lind", 40, "person"),
        _raw("Waker-Lind", 90, "person"),
    ]
    assert _groups(raws) == [["Tomas Waker Lind", "Tomas Waker-Lind", "Waker-Lind"]]


def test_shared_surname_goes_to_nearest_preceding_full_name() -> None:
    raws = [_raw("Anna Berg", 0, "person"), _raw("Jonas Berg", 50, "person"), _raw("Berg", 100, "person")]
    groups = _groups(raws)
    assert ["Berg", "Jonas Berg"] in groups and ["Anna Berg"] in groups


def test_acronym_definition_merges() -> None:
    raws = [_raw("Northern Heavy Works", 0, "organization"), _raw("NHW", 22, "organization")]
    assert _groups(raws, {22: 0}) == [["NHW", "Northern Heavy Works"]]


def test_acronym_by_initials_merges() -> None:
    raws = [_raw("International Maritime Court", 0, "organization"), _raw("IMC", 80, "organization")]
    assert _groups(raws) == [["IMC", "International Maritime Court"]]


def test_first_word_of_company_merges_whatever_the_model_typed() -> None:
    raws = [_raw("Zentrix Systems", 0, "organization"), _raw("Zentrix", 40, "person"), _raw("Zentrix", 80, "place")]
    assert _groups(raws) == [["Zentrix", "Zentrix", "Zentrix Systems"]]


def test_places_merge_across_case_and_short_forms() -> None:
    raws = [
        _raw("DHAKA", 0, "place"),
        _raw("Dhaka", 30, "place"),
        _raw("U.S.", 60, "place"),
        _raw("United States", 90, "place"),
    ]
    assert _groups(raws) == [["DHAKA", "Dhaka"], ["U.S.", "United States"]]


def test_a_city_named_after_its_country_is_another_place() -> None:
    # "Panama City" is no form of "Panama": the city word is part of a known name
    raws = [_raw("Panama", 0, "place"), _raw("Panama City", 40, "place")]
    assert _groups(raws) == [["Panama"], ["Panama City"]]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Armed Forces of Varnland", "Varnland Armed Forces"),
        ("Department of Fisheries", "Fisheries Department"),
        ("the Ministry of Water and Power", "Water and Power Ministry"),
        ("Armed Forces of the United States", "U.S. Armed Forces"),
        ("U.S. Department of Energy", "U.S. Energy Department"),
    ],
)
def test_an_organisation_written_in_either_word_order_is_one(first: str, second: str) -> None:
    raws = [_raw(first, 0, "organization"), _raw(second, 60, "organization")]
    assert len(_groups(raws)) == 1


def test_an_organisation_without_its_country_is_the_one_with_it() -> None:
    raws = [_raw("U.S. Department of Energy", 0, "organization"), _raw("Energy Department", 60, "organization")]
    assert len(_groups(raws)) == 1


def test_an_organisation_without_its_country_stays_apart_when_two_countries_have_one() -> None:
    raws = [
        _raw("Kenya Energy Ministry", 0, "organization"),
        _raw("Uganda Energy Ministry", 40, "organization"),
        _raw("Energy Ministry", 80, "organization"),
    ]
    assert len(_groups(raws)) == 3


def test_bodies_of_two_places_stay_apart() -> None:
    raws = [_raw("Council of Europe", 0, "organization"), _raw("European Council", 40, "organization")]
    assert len(_groups(raws)) == 2


def test_titled_one_word_name_is_not_swallowed_by_an_organisation() -> None:
    raws = [_raw("Marlow administration", 0, "organization"), _raw("Marlow", 50, "person", rank="President")]
    assert _groups(raws) == [["Marlow"], ["Marlow administration"]]


def test_place_with_administrative_word_merges_with_bare_name() -> None:
    raws = [_raw("Tarsk province", 0, "place"), _raw("Tarsk", 40, "place")]
    assert _groups(raws) == [["Tarsk", "Tarsk province"]]


def test_acronym_before_a_body_of_its_own_stays_apart() -> None:
    # "KFU Trade Council" is a council of the KFU, not the KFU itself
    raws = [_raw("KFU Trade Council", 0, "organization"), _raw("KFU", 60, "organization")]
    assert _groups(raws) == [["KFU"], ["KFU Trade Council"]]


def test_acronym_before_a_company_suffix_is_the_company() -> None:
    raws = [_raw("KSC Group", 0, "organization"), _raw("KSC", 60, "organization")]
    assert _groups(raws) == [["KSC", "KSC Group"]]


def test_aliases_are_each_form_once_in_first_seen_order_never_the_name() -> None:
    from claimx.nlp.linking.clusters import aliases_of

    forms = ["Sara Lind", "General Sara Lind", "Lind", "General Sara Lind", "Sara Lind", "Gen. Lind"]
    assert aliases_of("Sara Lind", forms) == ("General Sara Lind", "Lind", "Gen. Lind")
