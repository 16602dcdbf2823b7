"""Products, vehicles and competitions are no people or organisations (`nlp/entities/products.py`,
`nlp/entities/sport.py`): a model name after its number, a name before a vehicle noun, an aircraft's
call sign, a cup or a league's final. The texts are invented."""

from __future__ import annotations

import pytest


def _types(rec: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in rec["entities"] if e["type"] != "date"}


@pytest.mark.model
def test_a_model_name_after_its_number_is_no_person_in_any_mention(record_of) -> None:
    types = _types(
        record_of("Regulators said the 737 Max would stay grounded . The Max has been flying again since March .")
    )
    assert "Max" not in types, types


@pytest.mark.model
def test_a_name_before_a_vehicle_noun_is_no_person(record_of) -> None:
    types = _types(record_of("The carrier ordered 10 Galaxy Max trucks on Tuesday , officials said ."))
    assert not [n for n, t in types.items() if t == "person"], types


@pytest.mark.model
def test_an_aircraft_call_sign_is_no_entity(record_of) -> None:
    types = _types(
        record_of("The aircraft , using the callsign Falcon 21 , turned back over the sea , the ministry said .")
    )
    assert not [n for n in types if n.startswith("Falcon")], types


@pytest.mark.model
def test_a_championship_or_a_league_final_is_no_organisation_or_place(record_of) -> None:
    text = (
        "The Northern Champions League final was postponed on Monday , officials said . Kestrel lost in the"
        " Coastal Championship final last year . The Coastal League said it would meet on Friday ."
    )
    types = _types(record_of(text))
    assert "Northern Champions League" not in types and "Coastal Championship" not in types, types
    assert types.get("Coastal League") == "organization", types
