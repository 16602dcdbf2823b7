"""Entity typing that must hold on news the rules were not written for: headline lines, typing by
evidence, rule-family switches. Every text here is invented for the test."""

from __future__ import annotations

import pytest

from claimx.nlp.entities.typer import RULE_FAMILIES
from claimx.nlp.factories import make_entities
from claimx.nlp.tokens import heading_lines


@pytest.mark.parametrize(
    "line, is_heading",
    [
        ("1. Arno Veldkamp (Norway) 31.42 points", False),  # a results table: digits are not capitals
        ("Harbourton 3 Millbrook 1", False),
        ("By Jane Ostrander and Pim Koval", False),  # a byline names its authors
        ("Storm Closes Coastal Roads Across Three Counties", True),
    ],
)
def test_heading_lines_digits_and_bylines(blank_nlp, line: str, is_heading: bool) -> None:
    doc = blank_nlp.make_doc("Body text here.\n" + line + "\nMore body text.")
    assert bool(heading_lines(doc)) is is_heading


def test_unknown_rule_family_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule families"):
        make_entities(None, "claimx_entities", disabled=["no_such_family"])  # type: ignore[arg-type]


def test_every_family_has_a_description() -> None:
    assert all(isinstance(v, str) and v for v in RULE_FAMILIES.values())
    assert {"headings", "gazetteer_retype", "event_words", "person_evidence"} <= set(RULE_FAMILIES)


def _ents(record: dict, etype: str) -> set[str]:
    return {e["name"] for e in record["entities"] if e["type"] == etype}


@pytest.mark.model
def test_results_table_keeps_its_names(record_of) -> None:
    text = (
        "Ski jumping results on Sunday.\n\n"
        "1. Martin Hollander (Austria) 251.7 points\n"
        "2. Tomas Berglund (Sweden) 248.2\n\n"
        "The event continues next week in the mountains."
    )
    people = _ents(record_of(text), "person")
    assert {"Martin Hollander", "Tomas Berglund"} <= people


@pytest.mark.model
@pytest.mark.parametrize("dateline", ["KARACHI:", "KARACHI,", "KARACHI -"])
def test_a_dateline_in_capitals_is_a_place(record_of, dateline: str) -> None:
    text = f"{dateline} Port officials opened the new container berth on Monday.\n\nThe berth lies west of Karachi."
    places = _ents(record_of(text), "place")
    assert "Karachi" in places or "KARACHI" in places


def _person(blank_nlp, text: str, name: str):
    from spacy.tokens import Span

    from claimx.knowledge.rule_files import load_words
    from claimx.nlp.entities.person_evidence import person_by_evidence

    doc = blank_nlp.make_doc(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    return person_by_evidence(Span(doc, span.start, span.end, label="PERSON"), load_words())


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Families went shopping for Eid on Friday.", "Eid", None),  # a holiday
        ("Callers must enter Code 4417 now.", "Code 4417", None),  # a name has no digits
        ("The name is written \u0633\u0645\u064a\u0631 there.", "\u0633\u0645\u064a\u0631", None),
        ("Fighters of the Bani Khalaf tribe joined.", "Bani Khalaf", "ORG"),  # a group
        ("Water was released from Kharaz Dam on Monday.", "Kharaz Dam", "LOC"),  # a structure
        ("The shelling hit the village of Umm Qasrin overnight.", "Umm Qasrin", "GPE"),
        ("Talks were led by Anna Lindqvist on Monday.", "Anna Lindqvist", "PERSON"),
    ],
)
def test_person_by_evidence(blank_nlp, text: str, name: str, label: str | None) -> None:
    got = _person(blank_nlp, text, name)
    assert (None if got is None else got.label_) == label


@pytest.mark.model
def test_town_of_name_is_a_place(record_of) -> None:
    text = "Shelling was reported overnight in the town of Kafr Dumanah, officials said."
    rec = record_of(text)
    assert "Kafr Dumanah" not in _ents(rec, "person")


@pytest.mark.model
def test_coalition_capitalised_is_an_organisation(record_of) -> None:
    text = "The strikes were carried out with support from the Coalition, a spokesman said on Monday."
    assert "Coalition" in _ents(record_of(text), "organization")


@pytest.mark.model
def test_organisation_named_conference_is_not_an_event(nlp) -> None:
    doc = nlp("Delegates of the Organisation of the Northern Rim Conference met in the capital on Monday.")
    assert any("Organisation of the Northern Rim Conference" in e.text and e.label_ == "ORG" for e in doc.ents)


@pytest.mark.model
def test_initial_keeps_a_person_whose_surname_is_a_town(record_of) -> None:
    text = "The second goal came from R. Darwin after a long run down the left wing."
    rec = record_of(text)
    assert "Darwin" not in _ents(rec, "place")


@pytest.mark.model
def test_switching_a_family_off_changes_the_result(nlp) -> None:
    typer = nlp.get_pipe("claimx_entities")
    # A headline name the body never uses is dropped by the "headings" family, kept without it.
    text = "Peter Walsh Opens New Bridge Over River\n\nThe talks on water sharing broke up on Monday."
    saved = typer.disabled
    try:
        typer.disabled = frozenset()
        with_rule = {e.text for e in nlp(text).ents}
        typer.disabled = frozenset({"headings"})
        without = {e.text for e in nlp(text).ents}
    finally:
        typer.disabled = saved
    assert "Peter Walsh" not in with_rule
    assert "Peter Walsh" in without


def _dates(record: dict) -> dict[str, str | None]:
    return {e["name"]: e.get("value") for e in record["entities"] if e["type"] == "date"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, value",
    [
        # a day with its time of day is one date, valued as the day
        ("A cyclist was injured Thursday evening near the bridge.", "Thursday evening", "2025-11-20"),
        ("The ferry strike ended at noon Thursday, the union said.", "noon Thursday", "2025-11-20"),
        # terms and deadlines lie ahead whatever the verb's tense
        ("The board declared a dividend payable Dec. 12 to holders of record.", "Dec. 12", "2025-12-12"),
        ("The offer was extended to Dec. 3 by the buyers.", "Dec. 3", "2025-12-03"),
        ("The company agreed to sell the plant in February.", "February", "2026-02"),
        # a present tense with a weekday is planned; a past one has happened
        ("The two ministers meet separately Friday in the capital.", "Friday", "2025-11-28"),
        ("The two ministers met separately Friday in the capital.", "Friday", "2025-11-21"),
        # a period named by its last day: the day is the date
        ("Profit fell in the quarter ended Sept. 30, the firm said.", "Sept. 30", "2025-09-30"),
        ("Sales rose 4% from a year earlier.", "a year earlier", "2024"),
    ],
)
def test_dates_in_context(record_of, text: str, name: str, value: str) -> None:
    got = _dates(record_of(text))  # published Tuesday 2025-11-25
    assert got.get(name) == value, got


@pytest.mark.model
def test_list_of_years_is_one_date_each(record_of) -> None:
    got = _dates(record_of("The cup was won in 1986, 1997 and 2004 by the same club."))
    assert {"1986", "1997", "2004"} <= set(got)


@pytest.mark.model
def test_year_ago_of_a_quarter_is_not_a_calendar_year(record_of) -> None:
    got = _dates(record_of("Third-quarter profit rose 8% from a year ago, the company said."))
    assert "a year ago" not in got
    got = _dates(record_of("Prices were 8% higher than a year ago, the agency said."))
    assert got.get("a year ago") == "2024"


@pytest.mark.model
def test_regime_named_after_its_leader_is_a_person(nlp) -> None:
    doc = nlp("Aid convoys were blocked again by the Varkov regime, the agency said.")
    assert not any(e.text == "Varkov" and e.label_ == "ORG" for e in doc.ents)


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
def test_plan_in_the_past_perfect_is_past(nlp) -> None:
    from claimx.nlp.linking.dating import tense_of

    doc = nlp("The licence had been scheduled to lapse at midnight Friday, the regulator said.")
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    assert dates and tense_of(dates[0]) == "past"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, rank",
    [
        ("President-elect Tom Harlow said he would act fast.", "Tom Harlow", "President-elect"),
        ("Senior Secretary Amir Lodhi said the talks went well.", "Amir Lodhi", "Senior Secretary"),
        ("Professor Jane Dorrance said the results were clear.", "Jane Dorrance", "Professor"),
        ("Secretary of Defense Mark Fenwick said troops would stay.", "Mark Fenwick", "Secretary of Defense"),
    ],
)
def test_full_office_before_the_name_is_the_rank(record_of, text: str, name: str, rank: str) -> None:
    people = {e["name"]: e.get("rank") for e in record_of(text)["entities"] if e["type"] == "person"}
    assert people.get(name) == rank, people


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, rank",
    [
        ("Army Secretary Paul Kinsey said the unit was ready.", "Paul Kinsey", "Army Secretary"),
        ("Energy Minister Rosa Lind said prices would fall.", "Rosa Lind", "Energy Minister"),
        ("Secretary Ann Ruel spoke to reporters on Monday.", "Ann Ruel", "Secretary"),
    ],
)
def test_service_or_portfolio_word_makes_the_office(record_of, text: str, name: str, rank: str) -> None:
    people = {e["name"]: e.get("rank") for e in record_of(text)["entities"] if e["type"] == "person"}
    assert people.get(name) == rank, people


@pytest.mark.parametrize(
    "text, first, second, expected",
    [
        ("I spoke to Envoy Marco de Santis today.", "Marco", None, "Marco de Santis"),
        ("I spoke to Envoy Marco de Santis today.", "Marco", "de Santis", "Marco de Santis"),
        ("said Col. Pavel \u201cPJ\u201d Mercer, the spokesman.", "Pavel", None, "Pavel \u201cPJ\u201d Mercer"),
        ("Anna met them as Berg in town.", "Anna", None, "Anna"),  # "as" is English, not a particle
        ("She quoted Anna 'no way' Berg said.", "Anna", None, "Anna"),  # a quotation is no nickname
        ("Anna de la casa spoke.", "Anna", None, "Anna"),  # a lower-case word is no surname
    ],
)
def test_person_name_parts(blank_nlp, text: str, first: str, second: str | None, expected: str) -> None:
    from spacy.tokens import Span

    from claimx.nlp.entities.shapes import name_parts
    from tests.handmade import context

    doc = blank_nlp.make_doc(text)
    ents = []
    for name in filter(None, (first, second)):
        start = text.index(name)
        span = doc.char_span(start, start + len(name))
        assert span is not None
        ents.append(Span(doc, span.start, span.end, label="PERSON"))
    assert name_parts(ents, context(doc))[0].text == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # A country written before a noun or a title names the country, as news annotators list it.
        "U.S. forces stayed in the region through the winter, officials said.",
        "U.S. Secretary of State Ben Carr flew home on Monday.",
        "U.S. President Dana Kiro flew home on Monday.",
        "U.S. Vice President Dana Kiro flew home on Monday.",
        "U.S. President-elect Dana Kiro flew home on Monday.",
    ],
)
def test_a_country_before_a_noun_or_a_title_is_a_place(record_of, text: str) -> None:
    assert "U.S." in _ents(record_of(text), "place")
