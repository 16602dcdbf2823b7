"""People's names as the text writes them (issue 24, round three): hyphenated given names, words glued
onto a name, ranks that are no name, names completed inside quotes, organisation-typed surnames that the
text shows are people. Every text here is invented for the test."""

from __future__ import annotations

import pytest


def _people(record: dict) -> list[str]:
    return [e["name"] for e in record["entities"] if e["type"] == "person"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name",
    [
        ("Voters in the east returned Tran Minh-quan to the council on Sunday.", "Tran Minh-quan"),
        ("The harbour board said Pak Song-il had resigned after the vote.", "Pak Song-il"),
    ],
)
def test_a_hyphenated_given_name_keeps_its_lower_case_half(record_of, text: str, name: str) -> None:
    assert name in _people(record_of(text))


@pytest.mark.model
def test_a_name_before_a_hyphenated_participle_is_not_widened(record_of) -> None:
    people = _people(record_of("The Halvorsen-led committee met in Oslo on Friday, officials said."))
    assert not any(p.endswith("-led") for p in people)


@pytest.mark.model
def test_a_name_after_a_rank_runs_over_its_hyphenated_particle(record_of) -> None:
    text = 'Port Authority director General Tariq al-Hamdi said "Everyone who was hurt is now in hospital."'
    record = record_of(text)
    assert "Tariq al-Hamdi" in _people(record)
    assert record["claims"][0]["speaker"] == "Tariq al-Hamdi"
