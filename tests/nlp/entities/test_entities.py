"""Entity typing (`claimx_entities`, `nlp/entities/typer.py`) that must hold on news the rules were not
written for: rule-family switches, datelines, towns, coalitions, offices before names. Every text here is
invented for the test."""

from __future__ import annotations

import pytest

from claimx.nlp.entities.typer import RULE_FAMILIES
from claimx.nlp.factories import make_entities


def test_unknown_rule_family_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule families"):
        make_entities(None, "claimx_entities", disabled=["no_such_family"])  # type: ignore[arg-type]


def test_every_family_has_a_description() -> None:
    assert all(isinstance(v, str) and v for v in RULE_FAMILIES.values())
    assert {"headings", "gazetteer_retype", "event_words", "person_evidence"} <= set(RULE_FAMILIES)


def _ents(record: dict, etype: str) -> set[str]:
    return {e["name"] for e in record["entities"] if e["type"] == etype}


@pytest.mark.model
def test_results_table_keeps_its_names(record_of) -> None:
    text = (
        "Ski jumping results on Sunday.\n\n"
        "1. Martin Hollander (Austria) 251.7 points\n"
        "2. Tomas Berglund (Sweden) 248.2\n\n"
        "The event continues next week in the mountains."
    )
    people = _ents(record_of(text), "person")
    assert {"Martin Hollander", "Tomas Berglund"} <= people


@pytest.mark.model
@pytest.mark.parametrize("dateline", ["KARACHI:", "KARACHI,", "KARACHI -"])
def test_a_dateline_in_capitals_is_a_place(record_of, dateline: str) -> None:
    text = f"{dateline} Port officials opened the new container berth on Monday.\n\nThe berth lies west of Karachi."
    places = _ents(record_of(text), "place")
    assert "Karachi" in places or "KARACHI" in places


@pytest.mark.model
def test_town_of_name_is_a_place(record_of) -> None:
    text = "Shelling was reported overnight in the town of Kafr Dumanah, officials said."
    rec = record_of(text)
    assert "Kafr Dumanah" not in _ents(rec, "person")
    assert "Kafr Dumanah" in _ents(rec, "place")


@pytest.mark.model
def test_coalition_capitalised_is_an_organisation(record_of) -> None:
    text = "The strikes were carried out with support from the Coalition, a spokesman said on Monday."
    assert "Coalition" in _ents(record_of(text), "organization")


@pytest.mark.model
def test_organisation_named_conference_is_not_an_event(nlp) -> None:
    doc = nlp("Delegates of the Organisation of the Northern Rim Conference met in the capital on Monday.")
    assert any("Organisation of the Northern Rim Conference" in e.text and e.label_ == "ORG" for e in doc.ents)


@pytest.mark.model
def test_initial_keeps_a_person_whose_surname_is_a_town(record_of) -> None:
    text = "The second goal came from R. Darwin after a long run down the left wing."
    rec = record_of(text)
    assert "Darwin" not in _ents(rec, "place")
    assert "R. Darwin" in _ents(rec, "person")


@pytest.mark.model
def test_switching_a_family_off_changes_the_result(nlp) -> None:
    typer = nlp.get_pipe("claimx_entities")
    # A headline name the body never uses is dropped by the "headings" family, kept without it.
    text = "Peter Walsh Opens New Bridge Over River\n\nThe talks on water sharing broke up on Monday."
    saved = typer.disabled
    try:
        typer.disabled = frozenset()
        with_rule = {e.text for e in nlp(text).ents}
        typer.disabled = frozenset({"headings"})
        without = {e.text for e in nlp(text).ents}
    finally:
        typer.disabled = saved
    assert "Peter Walsh" not in with_rule
    assert "Peter Walsh" in without


@pytest.mark.model
def test_the_leader_a_regime_is_named_after_is_a_person(nlp) -> None:
    doc = nlp("Aid convoys were blocked again by the Varkov regime, the agency said.")
    assert not any(e.text == "Varkov" and e.label_ == "ORG" for e in doc.ents)
    assert any(e.text == "Varkov" and e.label_ == "PERSON" for e in doc.ents)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, rank",
    [
        ("President-elect Tom Harlow said he would act fast.", "Tom Harlow", "President-elect"),
        ("Senior Secretary Amir Lodhi said the talks went well.", "Amir Lodhi", "Senior Secretary"),
        ("Professor Jane Dorrance said the results were clear.", "Jane Dorrance", "Professor"),
        ("Secretary of Defense Mark Fenwick said troops would stay.", "Mark Fenwick", "Secretary of Defense"),
    ],
)
def test_full_office_before_the_name_is_the_rank(record_of, text: str, name: str, rank: str) -> None:
    people = {e["name"]: e.get("rank") for e in record_of(text)["entities"] if e["type"] == "person"}
    assert people.get(name) == rank, people


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, rank",
    [
        ("Army Secretary Paul Kinsey said the unit was ready.", "Paul Kinsey", "Army Secretary"),
        ("Energy Minister Rosa Lind said prices would fall.", "Rosa Lind", "Energy Minister"),
        ("Secretary Ann Ruel spoke to reporters on Monday.", "Ann Ruel", "Secretary"),
    ],
)
def test_service_or_portfolio_word_makes_the_office(record_of, text: str, name: str, rank: str) -> None:
    people = {e["name"]: e.get("rank") for e in record_of(text)["entities"] if e["type"] == "person"}
    assert people.get(name) == rank, people


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # A country written before a noun or a title names the country, as news annotators list it.
        "U.S. forces stayed in the region through the winter, officials said.",
        "U.S. Secretary of State Ben Carr flew home on Monday.",
        "U.S. President Dana Kiro flew home on Monday.",
        "U.S. Vice President Dana Kiro flew home on Monday.",
        "U.S. President-elect Dana Kiro flew home on Monday.",
    ],
)
def test_a_country_before_a_noun_or_a_title_is_a_place(record_of, text: str) -> None:
    assert "U.S." in _ents(record_of(text), "place")
