"""Organisations joined by "and" (`nlp/entities/coordination.py`): two companies glued into one name are
two, one body whose name holds "and" is one; the organisation's head word decides. Invented names."""

from __future__ import annotations

import pytest

from claimx.nlp.entities.coordination import org_coordination
from tests.handmade import context, labelled, span_of


def test_two_companies_glued_into_one_are_split(blank_nlp) -> None:
    doc = blank_nlp.make_doc("Northwind Airlines and Tessa Capital signed a deal on Monday .")
    got = labelled(org_coordination([span_of(doc, "Northwind Airlines and Tessa Capital", "ORG")], context(doc)))
    assert got == [("Northwind Airlines", "ORG"), ("Tessa Capital", "ORG")]


def test_two_names_the_story_uses_alone_are_split(blank_nlp) -> None:
    text = "Halvorsen and Borlin said they would merge . Halvorsen makes pumps , Borlin makes valves ."
    doc = blank_nlp.make_doc(text)
    ents = [
        span_of(doc, "Halvorsen and Borlin", "ORG"),
        span_of(doc, "Halvorsen", "ORG", nth=1),
        span_of(doc, "Borlin", "ORG", nth=1),
    ]
    got = labelled(org_coordination(ents, context(doc)))
    assert got[:2] == [("Halvorsen", "ORG"), ("Borlin", "ORG")] and len(got) == 4


def test_one_body_whose_name_holds_and_stays_one(blank_nlp) -> None:
    doc = blank_nlp.make_doc("The Department of Harbours and Fisheries and the Acme and Borlin Council met .")
    ents = [
        span_of(doc, "Department of Harbours and Fisheries", "ORG"),
        span_of(doc, "Acme and Borlin Council", "ORG"),
    ]
    got = labelled(org_coordination(ents, context(doc)))
    assert got == [("Department of Harbours and Fisheries", "ORG"), ("Acme and Borlin Council", "ORG")]


def _orgs(rec: dict) -> set[str]:
    return {e["name"] for e in rec["entities"] if e["type"] == "organization"}


@pytest.mark.model
def test_a_council_of_two_towns_is_one_organisation(record_of) -> None:
    orgs = _orgs(record_of("The Acme and Borlin Council said on Monday that the plan would go ahead ."))
    assert orgs == {"Acme and Borlin Council"}, orgs


@pytest.mark.model
def test_a_ministry_of_two_fields_is_one_organisation(record_of) -> None:
    orgs = _orgs(record_of("The Ministry of Energy and Mines said on Monday that fuel prices would rise ."))
    assert orgs == {"Ministry of Energy and Mines"}, orgs


@pytest.mark.model
def test_a_body_the_model_names_after_and_stays_a_second_organisation(record_of) -> None:
    orgs = _orgs(record_of("The Ministry of Defence and Interpol said the suspect was arrested on Monday ."))
    assert orgs == {"Ministry of Defence", "Interpol"}, orgs
