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
    record = record_of("The Halvorsen-led committee met in Oslo on Friday, officials said.")
    assert not any(p.endswith("-led") for p in _people(record))
    assert any(e["type"] == "place" and e["name"] == "Oslo" for e in record["entities"])


@pytest.mark.model
def test_a_name_after_a_rank_runs_over_its_hyphenated_particle(record_of) -> None:
    text = 'Port Authority director General Tariq al-Hamdi said "Everyone who was hurt is now in hospital."'
    record = record_of(text)
    assert "Tariq al-Hamdi" in _people(record)
    assert record["claims"][0]["speaker"] == "Tariq al-Hamdi"


@pytest.mark.model
def test_a_name_after_a_title_runs_over_an_elided_particle(record_of) -> None:
    record = record_of("The project ran under the supervision of Prof. Marisa d'Ambrosio in Varlo.")
    assert "Marisa d'Ambrosio" in _people(record), _people(record)
    assert "Marisa" not in _people(record)


@pytest.mark.model
def test_a_titled_name_that_ends_by_itself_in_a_caption_is_a_person(record_of) -> None:
    text = (
        "Managing Editor Lars Okonkwo and President Mira Feldane. Photo: Varlo Press\n\n"
        "The magazine marked its tenth year in print on Friday, the staff said.\n"
    )
    people = _people(record_of(text))
    assert {"Lars Okonkwo", "Mira Feldane"} <= set(people), people


@pytest.mark.model
def test_a_titled_name_running_to_the_end_of_a_headline_is_no_person(record_of) -> None:
    text = "President Holt Visits Varlo Harbour\n\nThe harbour board met on Friday, officials said.\n"
    assert not any("Visits" in p for p in _people(record_of(text)))


def _person(record: dict, name: str) -> dict:
    return next(e for e in record["entities"] if e["type"] == "person" and e["name"] == name)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, rank",
    [
        # A service word the model glued to the rank does not hide the person after it.
        ("Questions go to Navy Capt. Tom Reese, who will be in the room.", "Tom Reese", "Captain"),
        # A surname that opens with a particle follows the title directly.
        ("The talks will be chaired by the UN Special Envoy de Varga in March.", "de Varga", "Special Envoy"),
        # An office in lower case before the name is still the rank or title FORMAT.md lists.
        ("U.S. special envoy Dana Roe arrived in Varna on Monday.", "Dana Roe", "Special Envoy"),
        ("Royal Varnian Air Force lieutenant Samir Kadi was captured.", "Samir Kadi", "Lieutenant"),
        ("The Freedonian prime minister Ilse Marr flew home on Monday.", "Ilse Marr", "Prime Minister"),
    ],
)
def test_the_office_before_a_name_is_its_rank(record_of, text: str, name: str, rank: str) -> None:
    assert _person(record_of(text), name)["rank"] == rank


@pytest.mark.model
def test_a_service_chiefs_acronym_is_a_role(record_of) -> None:
    record = record_of("CNS Admiral Rafiq Mallan inspected the fleet at Varna on Monday.")
    person = _person(record, "Rafiq Mallan")
    assert person["rank"] == "Admiral"
    assert "CNS" in person["roles"]
    assert not any(e["name"] == "CNS" for e in record["entities"])


@pytest.mark.parametrize(
    "text, name, label, expected",
    [
        (
            "Astronauts Ana Ruiz and Piet Molen docked on Friday.",
            "Astronauts Ana Ruiz",
            "PERSON",
            [("Ana Ruiz", "PERSON")],
        ),
        ("Rain stopped play. Opener Tom made 40 runs.", "Opener Tom", "PERSON", [("Tom", "PERSON")]),
        ("The show starred magician Dale Fenwick.", "magician Dale Fenwick", "PERSON", [("Dale Fenwick", "PERSON")]),
        ("KABUL: Army engineers rebuilt the bridge.", "KABUL: Army", "ORG", [("KABUL", "GPE"), ("Army", "ORG")]),
        ("Country: Military officers met on Friday.", "Country: Military", "ORG", [("Military", "ORG")]),
        # A particle opens a surname; a given name opening a sentence is no role noun.
        ("Later al-Sadr spoke.", "al-Sadr", "PERSON", [("al-Sadr", "PERSON")]),
        ("Thomas Berg and Chris Lund met.", "Thomas Berg", "PERSON", [("Thomas Berg", "PERSON")]),
        ("Critics Ana Ruiz and Piet Molen wrote.", "Critics Ana Ruiz", "ORG", [("Critics Ana Ruiz", "ORG")]),
    ],
)
def test_words_glued_before_a_name_are_no_part_of_it(blank_nlp, text, name, label, expected) -> None:
    from claimx.nlp.entities.candidates import glued_openers
    from tests.handmade import context, labelled, span_of

    doc = blank_nlp(text)
    assert labelled(glued_openers([span_of(doc, name, label)], context(doc))) == expected


@pytest.mark.model
def test_an_adjective_made_of_a_name_is_no_entity(record_of) -> None:
    record = record_of("Voters in Varna backed pro-Korvat candidates in the election on Sunday.")
    assert not any("pro-" in e["name"].lower() for e in record["entities"])
    assert any(e["type"] == "place" and e["name"] == "Varna" for e in record["entities"])


def test_an_adjective_made_of_a_name_opens_no_name(blank_nlp) -> None:
    from claimx.nlp.entities.candidates import glued_openers
    from tests.handmade import context, labelled, span_of

    doc = blank_nlp("Seats went to the pro-Korvat Harbour Party and to pro-Varna groups.")
    ents = [span_of(doc, "pro-Korvat Harbour Party", "ORG"), span_of(doc, "pro-Varna", "ORG")]
    assert labelled(glued_openers(ents, context(doc))) == [("Harbour Party", "ORG")]


STORY = (
    "Lena Obi chaired the meeting in Varna on Monday. Okonkwo told reporters he would not resign. "
    'Okonkwo flew home on Tuesday. "We will win this fight in the courts," Okonkwo said.'
)


@pytest.mark.model
def test_a_surname_the_model_calls_an_organisation_acts_as_a_person(record_of) -> None:
    record = record_of(STORY)
    okonkwo = next(e for e in record["entities"] if e["name"] == "Okonkwo")
    assert okonkwo["type"] == "person"
    quote = next(c for c in record["claims"] if c["type"] == "quote")
    assert quote["speaker"] == "Okonkwo"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # One weak sign is not enough for a one-word name: "he" may be someone else.
        "Lena Obi chaired the meeting. Okonkwo said he would not resign, the firm's statement added.",
        # An organisation speaks of itself as "it".
        "Okonkwo told reporters it would cut jobs in the spring.",
    ],
)
def test_a_one_word_organisation_needs_two_signs_of_a_person(nlp, text: str) -> None:
    from claimx.nlp.entities.organisations import org_persons
    from tests.handmade import context, span_of

    doc = nlp(text)
    got = org_persons([span_of(doc, "Okonkwo", "ORG")], context(doc))
    assert got[0].label_ == "ORG"


@pytest.mark.model
def test_a_name_with_a_wife_is_a_person(nlp) -> None:
    from claimx.nlp.entities.organisations import org_persons
    from tests.handmade import context, span_of

    doc = nlp("Lena Obi met Okonkwo in Varna. Okonkwo's wife was not there.")
    got = org_persons([span_of(doc, "Okonkwo", "ORG")], context(doc))
    assert got[0].label_ == "PERSON"


RANKED_STORY = (
    'Air Marshal Dana Roe inspected the base on Monday. "Our pilots are ready for anything," the Air Marshal said. '
    'Later, Air Marshal told reporters that "the fleet is ready to fly today." '
    'The General said "We will hold the line here."'
)


@pytest.mark.model
def test_a_rank_alone_is_no_person_but_the_one_who_holds_it(record_of) -> None:
    record = record_of(RANKED_STORY)
    assert _people(record) == ["Dana Roe"]
    speakers = [c["speaker"] for c in record["claims"] if c["type"] == "quote"]
    # The Air Marshal is Dana Roe; the story names no general.
    assert speakers == ["Dana Roe", "Dana Roe", None]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Coach Marta Lindqvist praised her striker.\n\n"
            '"Sam [Okafor] was everywhere tonight, and he deserved the goal," she said.',
            "Sam Okafor",
        ),
        (
            "Coach Marta Lindqvist praised her goalkeeper.\n\n"
            '"[Lena] Brandt kept us in the game with three saves late on," Lindqvist added.',
            "Lena Brandt",
        ),
    ],
)
def test_a_name_an_editor_completed_in_brackets_is_the_full_name(record_of, text: str, name: str) -> None:
    people = _people(record_of(text))
    assert name in people
    assert not any("[" in p or "]" in p for p in people)


@pytest.mark.model
def test_brackets_completing_an_organisation_make_no_person(record_of) -> None:
    rec = record_of('"We told [Velmora] Industries that the deal was off for good," Dana Kirov said.')
    assert not any("Velmora" in p for p in _people(rec))


@pytest.mark.model
@pytest.mark.parametrize(
    "text, short, name",
    [
        (
            "Alexander Korhonen scored twice for the visitors. "
            '"Alex showed today why we signed him in the summer," said team captain Jonas Weber.',
            "Alex",
            "Alexander Korhonen",
        ),
        (
            "Forward Tom Reiss also played on Saturday. "
            '"Tommy worked hard for every ball and never stopped running," Jonas Weber said.',
            "Tommy",
            "Tom Reiss",
        ),
    ],
)
def test_a_first_name_form_in_a_quote_is_the_person_the_story_names(
    record_of, text: str, short: str, name: str
) -> None:
    (entity,) = [e for e in record_of(text)["entities"] if e["type"] == "person" and e["name"] == name]
    assert short in entity["aliases"]
    assert short not in _people(record_of(text))


def test_first_name_forms() -> None:
    from claimx.nlp.linking.clusters import is_first_name_form, normalise_name, pick_name

    assert is_first_name_form("alex", "alexander") and is_first_name_form("tommy", "tom")
    assert is_first_name_form("sammie", "sam") and not is_first_name_form("al", "alexander")
    assert not is_first_name_form("tom", "tom") and not is_first_name_form("lena", "helena")
    assert normalise_name("Sam [Okafor]") == "sam okafor" == normalise_name("[Sam] Okafor")
    assert pick_name(["Okafor", "Sam [Okafor]"]) == "Sam Okafor"
