"""Credit lines, source lines and bylines of outlets (`nlp/entities/credits.py`): the outlets named in
them are organisations with clean boundaries, and the line holds no date. The lines are invented."""

from __future__ import annotations

import pytest

from claimx.knowledge.rule_files import load_words
from claimx.nlp.entities.credits import credit_lines, credit_names
from tests.handmade import context, labelled, span_of

BODY = "The harbour plan was approved by the council on Tuesday , officials said .\n\n"


def test_a_source_line_names_outlets(blank_nlp) -> None:
    doc = blank_nlp.make_doc(BODY + "Source: Daily Tribune, as reported by Northwind News\n")
    ents = [span_of(doc, "Tuesday", "DATE"), span_of(doc, "Daily Tribune", "PERSON")]
    got = labelled(credit_lines(ents, context(doc)))
    assert got == [("Tuesday", "DATE"), ("Daily Tribune", "ORG"), ("Northwind News", "ORG")]


def test_an_outlet_line_with_a_date_names_two_outlets_and_no_date(blank_nlp) -> None:
    doc = blank_nlp.make_doc("Harbour plan approved\n\nNorthwind News / Westpress Agency - 19th Nov\n\n" + BODY)
    ents = [span_of(doc, "Northwind News / Westpress Agency", "ORG"), span_of(doc, "19th Nov", "DATE")]
    got = labelled(credit_lines(ents, context(doc)))
    assert got == [("Northwind News", "ORG"), ("Westpress Agency", "ORG")]


def test_a_photo_credit_keeps_its_photographer_and_names_the_agency(blank_nlp) -> None:
    doc = blank_nlp.make_doc(BODY + "Photo: Mara Lind/Westpress Agency\n")
    got = labelled(credit_lines([span_of(doc, "Mara Lind", "PERSON")], context(doc)))
    assert got == [("Mara Lind", "PERSON"), ("Westpress Agency", "ORG")]


def test_prose_with_a_colon_or_a_slash_is_no_credit_line() -> None:
    words = load_words()
    text = "Sources close to the talks said: the deal is off .\nThe Lyon / Exeter route - a 40 km road - opens ."
    assert credit_names(text, words["credit_labels"], words["picture_credit_labels"]) == []


@pytest.mark.model
def test_outlets_in_a_source_line_are_organisations(record_of) -> None:
    rec = record_of("Harbour plan approved\n\n" + BODY + "Source: Daily Tribune, as reported by Northwind News\n")
    orgs = {e["name"] for e in rec["entities"] if e["type"] == "organization"}
    assert {"Daily Tribune", "Northwind News"} <= orgs, rec["entities"]


@pytest.mark.model
def test_a_photographer_in_a_photo_credit_stays_a_person(record_of) -> None:
    rec = record_of(BODY + "Photo: Mara Lind/Westpress Agency\n\nMayor Ana Ruiz said the work would start in March .\n")
    types = {e["name"]: e["type"] for e in rec["entities"]}
    assert types.get("Mara Lind") == "person" and types.get("Westpress Agency") == "organization", types
