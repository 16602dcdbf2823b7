"""Ranks and titles before a name (`nlp/entities/people.py`) on a blank pipeline: the person, the full form
of the rank, and no person for a title alone. Every text is invented for the tests."""

from __future__ import annotations

import pytest

from claimx.nlp.doc import PEOPLE, TITLES


def test_rank_chain_makes_person_on_blank_pipeline(blank_nlp) -> None:
    doc = blank_nlp("The delegation met Lt. Gen. Amara Okonkwo in the capital.")
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [p.text for p in people] == ["Amara Okonkwo"]
    assert [(p.text, p._.claimx_rank) for p in doc.spans[PEOPLE]] == [("Amara Okonkwo", "Lieutenant General")]


@pytest.mark.parametrize(
    "text, name, rank",
    [
        ("Talks with Air Chief Marshal Tomas Eriksen began.", "Tomas Eriksen", "Air Chief Marshal"),
        ("Talks with Rear Adm. Lina Park began.", "Lina Park", "Rear Admiral"),
        ("Talks with Maj Gen Omar Haddad began.", "Omar Haddad", "Major General"),
        ("Talks with Brig. Sara Quist began.", "Sara Quist", "Brigadier"),
        ("Talks with Col. Ivo Marek began.", "Ivo Marek", "Colonel"),
        ("Talks with Army Chief General Rafael Duarte began.", "Rafael Duarte", "General"),
        ("Talks with Chief Adviser Professor Ana Ruiz began.", "Ana Ruiz", "Chief Adviser"),
        ("Talks with Defence Minister Kofi Mensah began.", "Kofi Mensah", "Defence Minister"),
        ("Talks with Minister for Central Asia Edwin Marsh began.", "Edwin Marsh", "Minister for Central Asia"),
        ("Talks with Minister for Trade Policy Ivo Dren began.", "Ivo Dren", "Minister for Trade Policy"),
        ("Talks with Foreign Office Minister Ivo Dren began.", "Ivo Dren", "Foreign Office Minister"),
        ("Talks with Secretary Ivo Dren began.", "Ivo Dren", "Secretary"),
    ],
)
def test_rank_forms_map_to_full_form(blank_nlp, text: str, name: str, rank: str) -> None:
    doc = blank_nlp(text)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [p.text for p in people] == [name]
    assert [(p.text, p._.claimx_rank) for p in doc.spans[PEOPLE]] == [(name, rank)]


def test_title_area_is_part_of_the_title_not_a_place(blank_nlp) -> None:
    doc = blank_nlp("The Minister for Central Asia, Mr Marsh, flew to Kabul.")
    assert not [e for e in doc.ents if e.label_ == "PERSON" and e.text.startswith("Mr")]
    assert [e.text for e in doc.ents if e.label_ in ("GPE", "LOC")] == ["Kabul"]


def test_title_without_a_name_makes_no_person(blank_nlp) -> None:
    doc = blank_nlp("He paid a call on the Chief of Army Staff at the ministry.")
    assert not [e for e in doc.ents if e.label_ == "PERSON"]
    assert [s.text for s in doc.spans[TITLES]] == ["Chief of Army Staff"]
