"""Places across an article and the shapes of place names (`claimx_entities`): unit tests on hand-built
Docs, and a few model tests that assert structure. Every text here is invented for the test."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from claimx.knowledge.rule_files import load_words
from claimx.nlp.entities.candidates import is_event_name
from claimx.nlp.entities.places import not_places, place_mentions, place_name_parts, place_prepositions
from tests.handmade import context, labelled, mentions, span_of


def test_a_name_used_as_a_river_is_a_place_in_its_other_mentions(blank_nlp) -> None:
    text = "Boats sail on the Varnel River daily. The Varnel rose again. Lake Varnel froze."
    doc = blank_nlp.make_doc(text)
    ents = [
        span_of(doc, "Varnel River", "LOC"),
        span_of(doc, "Varnel", "ORG", nth=1),
        span_of(doc, "Lake Varnel", "LOC"),
    ]
    assert ("Varnel", "GPE") in labelled(place_mentions(ents, context(doc)))


def test_a_person_typed_name_used_as_a_place_elsewhere_is_a_place(blank_nlp) -> None:
    text = "Fighting near Qarsun went on. Qarsun is an old town."
    doc = blank_nlp.make_doc(text)
    ents = mentions(doc, "Qarsun", "GPE", "PERSON")
    assert labelled(place_mentions(ents, context(doc))) == [("Qarsun", "GPE"), ("Qarsun", "GPE")]


def test_a_name_typed_a_person_more_often_than_a_place_with_nothing_placing_it_is_neither(blank_nlp) -> None:
    # a genus: the model typed two mentions a person and one a place; no place word, no "at X", no gazetteer
    text = "The team used Varnica moths. In the wild, Varnica moths feed. Colonies of Varnica were kept."
    doc = blank_nlp.make_doc(text)
    ents = mentions(doc, "Varnica", "PERSON", "PERSON", "GPE")
    assert labelled(place_mentions(ents, context(doc))) == []


def test_a_name_inside_an_organisations_name_is_not_dropped_for_its_contradicting_types(blank_nlp) -> None:
    text = "Varnica Foods Co. grew. Varnica hired staff. Varnica said no. Sales in Varnica fell."
    doc = blank_nlp.make_doc(text)
    ents = [span_of(doc, "Varnica Foods Co.", "ORG"), *mentions(doc, "Varnica", "ORG", "PERSON", "PERSON", "GPE")[1:]]
    assert len(place_mentions(ents, context(doc))) == 4


def test_a_person_typed_name_after_at_is_a_place_in_all_its_mentions(blank_nlp) -> None:
    text = "Troops held Tolvarra. Guns fired at Tolvarra in the north. Shelling in Tolvarra stopped."
    doc = blank_nlp.make_doc(text)
    ents = mentions(doc, "Tolvarra", "PERSON", "PERSON", "GPE")
    assert labelled(place_mentions(ents, context(doc))) == [("Tolvarra", "GPE")] * 3


def test_a_full_name_whose_last_word_is_a_person_stays_a_person(blank_nlp) -> None:
    # one mention typed a place ("rallies in Ann Osei" misread); the surname alone is a person elsewhere
    text = "Ann Osei met voters. Osei spoke at length. Rallies in Ann Osei went on."
    doc = blank_nlp.make_doc(text)
    ents = [*mentions(doc, "Ann Osei", "PERSON", "GPE"), span_of(doc, "Osei spoke", "PERSON")]
    ents[2] = Span(doc, ents[2].start, ents[2].start + 1, label="PERSON")
    assert labelled(place_mentions(ents, context(doc)))[0] == ("Ann Osei", "PERSON")


def test_a_club_named_after_its_town_stays_an_organisation(blank_nlp) -> None:
    # the article calls "Harbourton" a team twice and a place once: the team keeps its type
    text = "Harbourton beat Millbrook. Harbourton scored twice in Harbourton on Sunday."
    doc = blank_nlp.make_doc(text)
    ents = mentions(doc, "Harbourton", "ORG", "ORG", "GPE")
    got = labelled(place_mentions(ents, context(doc)))
    assert got.count(("Harbourton", "ORG")) == 2


def test_an_acronym_used_once_as_a_place_stays_an_organisation(blank_nlp) -> None:
    text = "Raids on KDF positions went on. In KDF areas KDF fighters hid."
    doc = blank_nlp.make_doc(text)
    ents = mentions(doc, "KDF", "ORG", "GPE", "ORG")
    assert labelled(place_mentions(ents, context(doc)))[::2] == [("KDF", "ORG"), ("KDF", "ORG")]


def test_a_titled_person_whose_name_is_also_a_place_stays_a_person(blank_nlp) -> None:
    text = "Minister Ossora spoke in Ossora. Ossora said more."
    doc = blank_nlp.make_doc(text)
    ents = mentions(doc, "Ossora", "PERSON", "GPE", "PERSON")
    person = ents[0]
    got = labelled(place_mentions(ents, context(doc, [person])))
    assert got[2] == ("Ossora", "PERSON")


@pytest.mark.parametrize(
    "text, found, label, expected",
    [
        ("They crossed Wadi az Qarim at night.", "Qarim", "GPE", "Wadi az Qarim"),  # a particle inside a name
        ("Ships entered the Gulf of Varna at dawn.", "Varna", "GPE", "Gulf of Varna"),
        ("Talks were held in the Tesmar Kingdom of Varna today.", "Varna", "GPE", "Tesmar Kingdom of Varna"),
        ("He was known as Qarim in town.", "Qarim", "PERSON", "Qarim"),  # only places are extended
        ("Troops reached the district of Varna today.", "Varna", "GPE", "Varna"),  # a lower-case word is no name
    ],
)
def test_place_name_parts_join(blank_nlp, text: str, found: str, label: str, expected: str) -> None:
    doc = blank_nlp.make_doc(text)
    ents = [span_of(doc, found, label)]
    if "Tesmar Kingdom" in text:
        ents.append(span_of(doc, "Tesmar Kingdom", "GPE"))
    got = place_name_parts(ents, context(doc))
    assert expected in [e.text for e in got]
    if "Tesmar Kingdom" in text:
        assert len(got) == 1


@pytest.mark.parametrize(
    "text, name, label, expected",
    [
        ("Funding went to the University on Monday.", "University", "GPE", None),
        ("Staff of the Northern Desk Branch met.", "Northern Desk Branch", "LOC", "ORG"),
        ("Forty Coast Guardsmen flew out.", "Coast Guardsmen", "GPE", None),
        ("Texts in the Upper Varnish language survive.", "Upper Varnish", "LOC", None),
        ("Ships sailed from Varna at dawn.", "Varna", "GPE", "GPE"),
        ("Trawlers fished the Varna Bank all week.", "Varna Bank", "LOC", "LOC"),  # a landform
        ("The Senate met on Monday.", "Senate", "GPE", "ORG"),  # one body
        # Inside the title of a work (a reading list's line, a quoted title): no place and no body.
        ("Reading list:\nMarlow, Ann. A Tinker in Queen Edda's Court (abridged)\n", "Queen Edda's Court", "GPE", None),
        ('She sang "Winter in Varna Court" to close the show.', "Varna Court", "GPE", None),
        # In running text the name of a body stays one.
        ("The Mayor of Varna Court said no.", "Varna Court", "GPE", "ORG"),
        ("A Varna Court spokesman said no.", "Varna Court", "GPE", "ORG"),
    ],
)
def test_not_places(blank_nlp, text: str, name: str, label: str, expected: str | None) -> None:
    doc = blank_nlp.make_doc(text)
    got = not_places([span_of(doc, name, label)], context(doc))
    assert [e.label_ for e in got] == ([] if expected is None else [expected])


def _parsed(blank_nlp, words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A hand-parsed Doc: each word's head (an index), dependency and part of speech."""
    return Doc(blank_nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


@pytest.mark.parametrize(
    "tail, tail_dep, tail_pos, expected",
    [
        ("stampede", "pobj", "NOUN", "PERSON"),  # the preposition's object is the stampede, named after Marvo
        ("district", "pobj", "NOUN", "GPE"),  # a place word: Marvo is the district
        ("yesterday", "npadvmod", "NOUN", "GPE"),  # a noun that Marvo does not modify
    ],
)
def test_a_name_before_the_noun_it_modifies_is_no_place_for_the_preposition(
    blank_nlp, tail: str, tail_dep: str, tail_pos: str, expected: str
) -> None:
    modifies = tail_dep == "pobj"
    doc = _parsed(
        blank_nlp,
        ["Dozens", "were", "hurt", "in", "Marvo", tail, "."],
        [2, 2, 2, 2, 5 if modifies else 3, 3 if modifies else 2, 2],
        ["nsubjpass", "auxpass", "ROOT", "prep", "compound" if modifies else "pobj", tail_dep, "punct"],
        ["NOUN", "AUX", "VERB", "ADP", "PROPN", tail_pos, "PUNCT"],
    )
    got = place_prepositions([Span(doc, 4, 5, label="PERSON")], context(doc))
    assert labelled(got) == [("Marvo", expected)]


@pytest.mark.parametrize(
    "text, name, is_event",
    [
        ("The Trade Council Resolution 4471 passed.", "Trade Council Resolution 4471", True),
        ("The Trade Council met.", "Trade Council", False),
    ],
)
def test_a_numbered_resolution_is_a_document(blank_nlp, text: str, name: str, is_event: bool) -> None:
    doc = blank_nlp.make_doc(text)
    assert is_event_name(span_of(doc, name, "ORG"), load_words()) is is_event


def test_a_dam_typed_organisation_is_a_place(blank_nlp) -> None:
    from claimx.nlp.entities.places import place_by_evidence

    text = "Water from the Kelmar Barrage reached the fields."
    doc = blank_nlp.make_doc(text)
    assert place_by_evidence(span_of(doc, "Kelmar Barrage", "ORG"), load_words()).label_ == "LOC"


@pytest.mark.model
def test_throughout_a_name_makes_a_place(record_of) -> None:
    text = "Patrols went on throughout Al Varesh and the border area, the army said on Monday."
    rec = record_of(text)
    assert not any(e["type"] == "person" and "Varesh" in e["name"] for e in rec["entities"])
    assert any(e["type"] == "place" and e["name"] == "Al Varesh" for e in rec["entities"])


@pytest.mark.model
def test_a_nationality_and_a_cue_word_name_no_place(record_of) -> None:
    text = "Tourists flocked to the Emirati island of Kesh last summer."
    rec = record_of(text)
    assert not any(e["type"] == "place" and e["name"].lower() == "emirati island" for e in rec["entities"])
    assert any(e["type"] == "place" and e["name"] == "Kesh" for e in rec["entities"])


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The strikes aim at the final defeat of Korvash in the valley, the ministry said on Monday.",
        "Villagers suffered at the hands of Korvash for two years, the envoy said.",
    ],
)
def test_a_name_the_text_shows_acting_is_no_place(record_of, text: str) -> None:
    rec = record_of(text)
    assert not any(e["type"] == "place" and e["name"] == "Korvash" for e in rec["entities"])
    assert any(e["type"] == "organization" and e["name"] == "Korvash" for e in rec["entities"])


@pytest.mark.model
def test_a_known_country_after_defeat_of_stays_a_place(record_of) -> None:
    rec = record_of("The defeat of Germany in 1945 ended the war in Europe.")
    assert any(e["type"] == "place" and e["name"] == "Germany" for e in rec["entities"])


def test_state_of_a_place_keeps_the_place_name(blank_nlp) -> None:
    text = "Leaders of the State of Varna met."
    doc = blank_nlp.make_doc(text)
    got = place_name_parts([span_of(doc, "Varna", "GPE")], context(doc))
    assert [e.text for e in got] == ["Varna"]


def test_the_town_of_x_makes_an_unknown_name_a_place_against_the_majority(blank_nlp) -> None:
    text = "Troops entered the town of Qarsun. Qarsun fell. Qarsun was held. Qarsun and Tesh were cleared."
    doc = blank_nlp.make_doc(text)
    ents = [*mentions(doc, "Qarsun", "GPE", "ORG", "ORG", "ORG"), span_of(doc, "Tesh", "PERSON")]
    got = labelled(place_mentions(ents, context(doc)))
    assert got == [("Qarsun", "GPE")] * 4 + [("Tesh", "GPE")]  # a one-word person listed with it too


def test_a_known_town_named_in_the_town_of_keeps_its_club(blank_nlp) -> None:
    text = "Fans in the town of Leuven cheered. Leuven won. Leuven scored."
    doc = blank_nlp.make_doc(text)
    ents = mentions(doc, "Leuven", "GPE", "ORG", "ORG")
    got = labelled(place_mentions(ents, context(doc)))
    assert got.count(("Leuven", "ORG")) == 2


def test_a_titled_person_listed_with_a_place_stays_a_person(blank_nlp) -> None:
    text = "General Tesh visited. Qarsun and Tesh were named."
    doc = blank_nlp.make_doc(text)
    titled = span_of(doc, "Tesh", "PERSON")
    ents = [titled, span_of(doc, "Qarsun", "GPE"), span_of(doc, "Tesh", "PERSON", nth=1)]
    got = labelled(place_mentions(ents, context(doc, [titled])))
    assert got[-1] == ("Tesh", "PERSON")


@pytest.mark.model
def test_a_person_after_a_place_in_another_clause_stays_a_person(nlp) -> None:
    doc = nlp("Her brother moved to Varna and Teshka stayed at home with the children.")
    assert not any(e.text == "Teshka" and e.label_ in ("GPE", "LOC") for e in doc.ents)
    assert any(e.text == "Teshka" and e.label_ == "PERSON" for e in doc.ents)


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Troops retook the town of Zarqet from the rebels.", "Zarqet", "GPE"),
        ("A blast hit the Al-Wardi neighborhood in the capital.", "Al-Wardi", "GPE"),
        ("The shelling in Kafrouna shows their cruelty.", "Kafrouna", "GPE"),
        ("Attacks in Qarmel, Dunat and Sirfa were reported.", "Dunat", "GPE"),
        ("She invested in the Acme Trading Company last year.", "Acme Trading Company", "ORG"),
        ("Members met in Parliament on Monday.", "Parliament", "ORG"),
    ],
)
def test_place_by_evidence(blank_nlp, text: str, name: str, label: str) -> None:
    from spacy.tokens import Span

    from claimx.knowledge.rule_files import load_words
    from claimx.nlp.entities.places import place_by_evidence

    doc = blank_nlp.make_doc(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    assert place_by_evidence(Span(doc, span.start, span.end, label="ORG"), load_words()).label_ == label


@pytest.mark.model
def test_the_subject_after_a_list_of_places_is_not_one_of_them(nlp) -> None:
    # "in Varna, Kestovia, Vantex interviewed ...": the last name is the clause's subject, outside the
    # prepositional phrase, so the list of places after "in" does not reach it.
    doc = nlp("Days before the start of the winter games in Varna, Kestovia, Vantex interviewed a local coach.")
    types = {e.text: e.label_ for e in doc.ents}
    assert types["Vantex"] == "ORG"
