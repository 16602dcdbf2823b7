"""claimx's rule patterns (`nlp/ruler.py`, `claimx_rules`) through the entity component on a blank pipeline: place
cues, armed forces, ministries. Every text is invented for the tests."""

from __future__ import annotations


def test_place_cue_makes_a_place(blank_nlp) -> None:
    doc = blank_nlp("The army will reopen its Qadirpur air base next to Tarsk district.")
    places = sorted(e.text for e in doc.ents if e.label_ == "LOC")
    assert places == ["Qadirpur air base", "Tarsk district"]


def test_armed_force_pattern_but_not_an_office(blank_nlp) -> None:
    doc = blank_nlp("Officers of the Freedonia Army met the Freedonia Navy chief.")
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert orgs == ["Freedonia Army"]


def test_lowercase_ministry_is_an_organisation(blank_nlp) -> None:
    doc = blank_nlp("The visit matters, the defence ministry said.")
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["defence ministry"]
