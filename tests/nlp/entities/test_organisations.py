"""Organisation names by their shape (`nlp/entities/organisations.py`) and named structures: unit tests
on hand-built Docs, and model tests that assert structure. Every text here is invented for the test."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from claimx.nlp.entities.organisations import bare_force_words, org_name_parts, org_persons
from tests.handmade import context, labelled, mentions, span_of


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "Aid went to the Varn Land Forces, Coastal Defence Forces and others.",
            "Varn Land Forces, Coastal Defence Forces",
            ["Varn Land Forces", "Coastal Defence Forces"],
        ),
        (
            "Orders came from B Battery, 2nd Battalion yesterday.",
            "B Battery, 2nd Battalion",
            ["B Battery, 2nd Battalion"],
        ),
        (
            "A release from Allied Naval Group - Operation Bright Shield said so.",
            "Allied Naval Group - Operation Bright Shield",
            ["Allied Naval Group"],
        ),
        ("Funds from Korvat, Acme and others arrived.", "Korvat, Acme", ["Korvat, Acme"]),
    ],
)
def test_org_name_parts_cut(blank_nlp, text: str, name: str, expected: list[str]) -> None:
    doc = blank_nlp.make_doc(text)
    got = org_name_parts([span_of(doc, name, "ORG")], context(doc))
    assert [e.text for e in got] == expected


def test_department_of_the_name_is_one_organisation(blank_nlp) -> None:
    text = "He was named by the Freedonia Department of the Exchequer last year."
    doc = blank_nlp.make_doc(text)
    ents = [span_of(doc, "Freedonia Department", "ORG"), span_of(doc, "Exchequer", "ORG")]
    assert labelled(org_name_parts(ents, context(doc))) == [("Freedonia Department of the Exchequer", "ORG")]


@pytest.mark.parametrize(
    "text, name, nth, kept",
    [
        # No fuller body with the word anywhere: the one body the text is about (writing of itself).
        ("The Department will stay engaged with the camp residents.", "Department", 0, True),
        ("She spoke of the Department's work with the refugees.", "Department", 0, True),
        # A fuller body named elsewhere: the bare word is a short reference to it, or no name at all.
        ("The Department of Tolvar said so. Later the Department denied it.", "Department", 1, False),
        # No "the" before it: a name cut short ("the Tolvar People's | Army") or a bare word.
        ("Orders came from the Tolvar People's Army today.", "Army", 0, False),
        ("Army engineers rebuilt the bridge.", "Army", 0, False),
        # A role noun after it: an office, whatever precedes.
        ("The Army chief resigned on Monday.", "Army", 0, False),
    ],
)
def test_a_bare_organisation_word_after_the_names_the_one_body_of_the_text(
    blank_nlp, text: str, name: str, nth: int, kept: bool
) -> None:
    doc = blank_nlp.make_doc(text)
    assert bool(bare_force_words([span_of(doc, name, "ORG", nth)], context(doc))) == kept


@pytest.mark.model
def test_a_bare_organisation_word_with_a_fuller_body_elsewhere_is_dropped(nlp) -> None:
    text = "The regional government met on Monday. Critics fear the Government will change the tax law."
    doc = nlp(text)
    assert not any(e.text == "Government" for e in doc.ents)


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Nadia Farah, the senior adviser to the envoy, spoke.", "Nadia Farah", "PERSON"),
        ("Omar Haddad, a senior commander, was killed.", "Omar Haddad", "PERSON"),
        ("Korvat Shipyards, the main contractor, said no.", "Korvat Shipyards", "ORG"),
        ("Salvo Brothers, the lead manager, said the issue sold.", "Salvo Brothers", "ORG"),  # a firm's role
        ("Varna Police, the local force, said no.", "Varna Police", "ORG"),  # an organisation word
        ("Nadia Farah said the senior adviser spoke.", "Nadia Farah", "ORG"),  # no apposition
    ],
)
def test_org_described_as_one_person(blank_nlp, text: str, name: str, label: str) -> None:
    doc = blank_nlp.make_doc(text)
    got = org_persons([span_of(doc, name, "ORG")], context(doc))
    assert got[0].label_ == label


def test_org_whose_surname_is_a_person_elsewhere_is_a_person(blank_nlp) -> None:
    text = "Kemal Arslan will run. Arslan said the vote was fair. Korvat Shipyards said no."
    doc = blank_nlp.make_doc(text)
    lone = span_of(doc, "Arslan said", "PERSON")
    ents = [
        span_of(doc, "Kemal Arslan", "ORG"),
        Span(doc, lone.start, lone.start + 1, label="PERSON"),
        span_of(doc, "Korvat Shipyards", "ORG"),
    ]
    got = labelled(org_persons(ents, context(doc)))
    assert got == [("Kemal Arslan", "PERSON"), ("Arslan", "PERSON"), ("Korvat Shipyards", "ORG")]


@pytest.mark.model
def test_structure_names_are_places(nlp) -> None:
    doc = nlp("Rebels took tanks from Korat Army Airfield, and later the Kesh Dam upstream, officials said.")
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    assert {"Korat Army Airfield", "Kesh Dam"} <= places
    assert not any(e.text == "Korat Army" for e in doc.ents)


@pytest.mark.model
def test_a_compass_word_after_a_structure_belongs_to_its_name(nlp) -> None:
    doc = nlp("Troops flew to Kesh Airfield West on Monday.")
    assert any(e.text == "Kesh Airfield West" for e in doc.ents)


@pytest.mark.model
def test_a_headline_verb_starts_no_structure_name(nlp) -> None:
    doc = nlp("Floods Close Old Bridge In Varna\n\nRain fell all week.")
    assert not any("Close" in e.text for e in doc.ents)
    assert any(e.text == "Varna" and e.label_ in ("GPE", "LOC") for e in doc.ents)


@pytest.mark.parametrize(
    "text, name, label, expected",
    [
        ("Erik Lundgren AG said sales rose.", "Erik Lundgren AG", "PERSON", ("Erik Lundgren AG", "ORG")),
        ("Tomas Berg & Co said it grew.", "Tomas Berg", "PERSON", ("Tomas Berg & Co", "ORG")),  # suffix after
        ("Talks with Halvorsen Ltd. ended.", "Halvorsen Ltd.", "GPE", ("Halvorsen Ltd.", "ORG")),
        ("Shares in the insurer Hallam Knight fell.", "Hallam Knight", "PERSON", ("Hallam Knight", "ORG")),
        ("Maria Sa scored twice.", "Maria Sa", "PERSON", ("Maria Sa", "PERSON")),  # a surname, not "SA"
        ("Anna Berg Co scored.", "Anna Berg Co", "PERSON", ("Anna Berg Co", "PERSON")),  # no "&"
        ("The bank manager Hallam Knight spoke.", "Hallam Knight", "PERSON", ("Hallam Knight", "PERSON")),
    ],
)
def test_company_names(blank_nlp, text: str, name: str, label: str, expected: tuple[str, str]) -> None:
    from claimx.nlp.entities.organisations import company_names

    doc = blank_nlp.make_doc(text)
    got = company_names([span_of(doc, name, label)], context(doc))
    assert (got[0].text, got[0].label_) == expected


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "Follow the Varna Ministry's Pixly and Snapgram feeds.",
            "Varna Ministry's Pixly and Snapgram",
            "Varna Ministry",
        ),
        ("Voters backed Omar Haddad's Unity Party on Monday.", "Omar Haddad's Unity Party", "Unity Party"),
        ("The Varna Army's 3rd Brigade moved.", "Varna Army's 3rd Brigade", "3rd Brigade"),
    ],
)
def test_owner_and_owned_in_one_organisation_span(blank_nlp, text: str, name: str, expected: str) -> None:
    from claimx.nlp.entities.organisations import possessive_orgs

    doc = blank_nlp.make_doc(text)
    got = possessive_orgs([span_of(doc, name, "ORG")], context(doc))
    assert [(e.text, e.label_) for e in got] == [(expected, "ORG")]


@pytest.mark.model
def test_a_name_that_speaks_of_itself_as_he_is_a_person_in_all_its_mentions(nlp) -> None:
    text = "Kemal Arslan said he would run again in the spring. Crowds cheered Kemal Arslan in the square."
    doc = nlp(text)
    got = org_persons(mentions(doc, "Kemal Arslan", "ORG", "ORG"), context(doc))
    assert [e.label_ for e in got] == ["PERSON", "PERSON"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, people",
    [
        # An organisation speaks of itself as "it".
        ("Brandt Holdings said it would cut jobs in the spring.", []),
        # "he" may be the person the story has just named.
        (
            "The chief executive, Lena Obi, is leaving. Brandt Holdings said he would step down in the spring.",
            ["Lena Obi"],
        ),
    ],
)
def test_a_name_keeps_its_organisation_type_when_he_may_be_someone_else(nlp, text, people) -> None:
    doc = nlp(text)
    ents = [span_of(doc, "Brandt Holdings", "ORG"), *(span_of(doc, name, "PERSON") for name in people)]
    got = org_persons(sorted(ents, key=lambda s: s.start), context(doc))
    assert ("Brandt Holdings", "ORG") in labelled(got)


def test_every_place_of_a_name_is_found_by_its_last_word() -> None:
    import spacy

    from claimx.nlp.entities.organisations import _places_of

    doc = spacy.blank("en")("Kemal Arslan met Arslan Kemal; Kemal Arslan's aide and Kemal left. Kemal Arslan")
    orths = doc.to_array("ORTH")
    assert [t.i for t in _places_of(doc, orths, "Kemal Arslan")] == [1, 7, 15]
    assert [t.i for t in _places_of(doc, orths, "Kemal")] == [0, 4, 6, 11, 14]
    assert _places_of(doc, orths, "Varsk") == []


@pytest.mark.model
def test_a_rule_match_the_name_goes_on_after_is_no_name(nlp) -> None:
    # The patterns end at a cue word ("Police", "District"); a proper noun after it means the name is
    # longer and its head is another word, so the rule's shorter span would cut the name in two.
    doc = nlp("Officers of the Dornvale Police Department said the Marrow District Council met on Monday.")
    texts = {e.text for e in doc.ents}
    assert "Dornvale Police" not in texts
    assert "Marrow District" not in texts
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert {"Dornvale Police Department", "Marrow District Council"} <= orgs  # the whole names stand


@pytest.mark.model
def test_an_organisations_headquarters_is_no_place_name(nlp) -> None:
    # "headquarters" in lower case after an organisation's name describes its site; the name is the
    # organisation's, and "Kestrel Dynamics headquarters" is no named place.
    doc = nlp("The engineers met reporters at the Kestrel Dynamics headquarters in Varna last week.")
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    assert not any("headquarters" in p for p in places)
    assert ("Kestrel Dynamics", "ORG") in {(e.text, e.label_) for e in doc.ents} and "Varna" in places


@pytest.mark.model
def test_a_cut_short_rule_match_runs_on_to_the_models_longer_name(nlp) -> None:
    # "Varn Navy" matches the armed-force pattern, but the college is the name: the match takes the end
    # of the model's name that starts inside it.
    doc = nlp("Cadets from abroad toured the Varn Navy Engineering College on Tuesday.")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert "Varn Navy Engineering College" in orgs
    assert "Varn Navy" not in orgs


@pytest.mark.model
def test_a_nationality_before_a_ministry_is_part_of_its_name(nlp) -> None:
    # The fullest name is the organisation's name: "the Chilean Interior Ministry", not "Interior Ministry".
    doc = nlp("The Chilean Interior Ministry said on Friday that the mountain roads were closed.")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert orgs == {"Chilean Interior Ministry"}


@pytest.mark.model
def test_a_service_district_is_an_organisation(nlp) -> None:
    # "X School District", "Y Water District": a body that runs a service, not a district on a map; the
    # model's organisation stands, and the town in its name keeps its own place mention.
    doc = nlp("Parents from Dornvale wrote to the Dornvale Unified School District about the new timetable.")
    types = {e.text: e.label_ for e in doc.ents}
    assert types.get("Dornvale Unified School District") == "ORG"
