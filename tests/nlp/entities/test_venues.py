"""Venues and buildings (`nlp/entities/venues.py`): places FORMAT.md counts as named locations, unless
the text makes them act as a body. Unit tests on hand-built Docs and model tests that assert structure;
every text here is invented for the test."""

from __future__ import annotations

import pytest

from claimx.nlp.doc import TITLES
from claimx.nlp.entities.venues import venue_places
from tests.handmade import context, labelled, span_of


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Crowds gathered outside the Keller Museum on Monday.", "Keller Museum", "ORG"),
        ("Fans clashed near Ostvik Stadium after the match.", "Ostvik Stadium", "ORG"),
        ("Troops left Camp Dorrance at dawn.", "Camp Dorrance", "PERSON"),
        ("Barges queued at the Fenwick Locks for hours.", "Fenwick Locks", "ORG"),
        ("A crowd waited outside the Varn Embassy all day.", "Varn Embassy", "ORG"),
        ("Guests stayed at the State Guest House overnight.", "State Guest House", "ORG"),
        ("Buses waited at the Harbour Terminal, officials said.", "Harbour Terminal", "ORG"),
        ("The station staff at Varn Central Station waved.", "Varn Central Station", "ORG"),
    ],
)
def test_a_venue_typed_an_organisation_or_a_person_is_a_place(blank_nlp, text: str, name: str, label: str) -> None:
    doc = blank_nlp.make_doc(text)
    got = labelled(venue_places([span_of(doc, name, label)], context(doc)))
    assert got == [(name, "FAC")]


@pytest.mark.parametrize(
    "text, name",
    [
        ("A Keller Museum spokesman declined to comment.", "Keller Museum"),
        ("The visit was cancelled, according to the Varn Embassy.", "Varn Embassy"),
        ("Tickets sold out, Ostvik Stadium officials said.", "Ostvik Stadium"),
        ("The Keller Museum's director resigned.", "Keller Museum"),
        ("Calls went unanswered, White Lodge press secretary Ana Vey said.", "White Lodge"),
    ],
)
def test_a_venue_that_speaks_or_has_staff_stays_an_organisation(blank_nlp, text: str, name: str) -> None:
    doc = blank_nlp.make_doc(text)
    got = labelled(venue_places([span_of(doc, name, "ORG")], context(doc)))
    assert got == [(name, "ORG")]


def test_a_title_before_a_building_word_names_the_building(blank_nlp) -> None:
    doc = blank_nlp.make_doc("The envoy was received at the President House on Monday.")
    doc.spans[TITLES] = [span_of(doc, "President", "TITLE")]
    got = labelled(venue_places([], context(doc)))
    assert got == [("President House", "FAC")]


def test_a_name_that_is_no_venue_keeps_its_type(blank_nlp) -> None:
    doc = blank_nlp.make_doc("Crowds gathered outside the Keller Foundation on Monday.")
    got = labelled(venue_places([span_of(doc, "Keller Foundation", "ORG")], context(doc)))
    assert got == [("Keller Foundation", "ORG")]


def _types(rec: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in rec["entities"] if e["type"] != "date"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, etype",
    [
        ("Protesters gathered outside the Keller Museum on Monday, police said.", "Keller Museum", "place"),
        ("The Keller Museum said on Monday that it would reopen in May.", "Keller Museum", "organization"),
        (
            "Crowds gathered at the Varnish Embassy in Tesh on Monday. The embassy said it had closed its doors.",
            "Varnish Embassy",
            "organization",
        ),
    ],
)
def test_a_venue_is_a_place_unless_it_acts(record_of, text: str, name: str, etype: str) -> None:
    assert _types(record_of(text)).get(name) == etype
