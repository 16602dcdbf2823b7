"""Where a name stops: the model sometimes runs an organisation's name on into the verb after it, and
the place-cue rule file must not make a place of a nationality and a common noun. Invented texts."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from claimx.nlp.entities.shapes import join_particle_compounds, whole_words
from claimx.nlp.tokens import trim_span


def _span(words: list[str], tags: list[str], label: str) -> Span:
    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags)
    return Span(doc, 0, len(doc), label=label)


def test_a_name_stops_before_a_finite_verb() -> None:
    span = _span(
        ["The", "Gulf", "Shipping", "Council", "met", "in", "Varlo"],
        ["DT", "NNP", "NNP", "NNP", "VBD", "IN", "NNP"],
        "ORG",
    )
    trimmed = trim_span(span)
    assert trimmed is not None and trimmed.text == "Gulf Shipping Council"


def test_a_capitalised_verb_inside_a_name_stays() -> None:
    # A title-case word the tagger read as a verb is part of the name ("Save the Rivers Fund").
    span = _span(["Save", "the", "Rivers", "Fund"], ["VBP", "DT", "NNPS", "NNP"], "ORG")
    trimmed = trim_span(span)
    assert trimmed is not None and trimmed.text == "Save the Rivers Fund"


def test_a_date_keeps_its_verb() -> None:
    span = _span(["the", "quarter", "ended", "June", "30"], ["DT", "NN", "VBD", "NNP", "CD"], "DATE")
    trimmed = trim_span(span)
    assert trimmed is not None and trimmed.text == "quarter ended June 30"


@pytest.mark.model
def test_a_nationality_and_a_cue_word_are_not_a_place(record_of) -> None:
    record = record_of("The convoy crossed into the Canadian province of Ontario on Tuesday.")
    places = {e["name"] for e in record["entities"] if e["type"] == "place"}
    assert "Canadian province" not in places
    assert "Ontario" in places


@pytest.mark.model
def test_a_named_place_with_a_cue_word_stays(record_of) -> None:
    record = record_of("Troops moved through the Varsk Kel district at dawn.")
    places = {e["name"] for e in record["entities"] if e["type"] == "place"}
    assert "Varsk Kel district" in places, places


def _names(record: dict, etype: str) -> set[str]:
    return {e["name"] for e in record["entities"] if e["type"] == etype}


@pytest.mark.model
def test_a_name_runs_over_its_hyphens(record_of) -> None:
    record = record_of("Navies of the Asia-Pacific region met at Port Varel on Monday.")
    assert "Asia-Pacific region" in _names(record, "place")


@pytest.mark.model
def test_two_countries_joined_by_a_hyphen_stay_two(record_of) -> None:
    record = record_of("The India-Pakistan talks resumed in Geneva on Monday.")
    places = _names(record, "place")
    assert "India-Pakistan" not in places
    assert "India" in places or "Pakistan" in places, places


@pytest.mark.model
def test_product_code_and_institution_words_are_no_people(record_of) -> None:
    record = record_of(
        "Corvan Aero said its 919 Max jets would fly again. The ceremony at the President House ended at noon."
        " The Chief Minister's Press Wing said the visit went well."
    )
    people = _names(record, "person")
    assert not people & {"Max", "House", "Press Wing"}, people
    assert "President House" in _names(record, "place") and "Press Wing" in _names(record, "organization")


@pytest.mark.model
def test_a_nationality_and_a_collective_noun_are_no_organisation(record_of) -> None:
    record = record_of("The minister said the Pakistani Nation stood together after the floods.")
    assert "Pakistani Nation" not in _names(record, "organization")
    assert [c for c in record["claims"] if c["text"].startswith("the Pakistani Nation stood together")]


@pytest.mark.model
def test_switching_the_shape_family_off_gives_the_model_its_names_back(nlp) -> None:
    text = "Corvan Aero said its 919 Max jets would fly again."
    pipe = nlp.get_pipe("claimx_entities")
    before = pipe.disabled
    try:
        # The products family drops a model's name after its number too, in every mention.
        pipe.disabled = frozenset({"name_shapes", "products"})
        off = {(e.text, e.label_) for e in nlp(text).ents}
    finally:
        pipe.disabled = before
    on = {(e.text, e.label_) for e in nlp(text).ents}
    assert ("Max", "PERSON") in off and ("Max", "PERSON") not in on


@pytest.mark.model
def test_prayers_and_rites_are_no_names(record_of) -> None:
    record = record_of(
        "Mourners offered Fateha at the grave on Sunday. Relatives gathered again after Janaza prayers in Korvel."
    )
    names = {e["name"] for e in record["entities"] if e["type"] != "date"}
    assert not names & {"Fateha", "Janaza"}, names
    assert "Korvel" in _names(record, "place") and "Sunday" in _names(record, "date")


@pytest.mark.model
def test_an_office_after_a_titled_name_is_not_part_of_it(record_of) -> None:
    record = record_of("Minister Lena Holt Chairman of the ports board disagreed with the plan.")
    assert "Lena Holt" in _names(record, "person"), _names(record, "person")


@pytest.mark.model
def test_a_one_word_rank_after_a_titled_name_may_be_its_surname(record_of) -> None:
    record = record_of("Former Prime Minister Edwin Major said the plan would fail.")
    assert "Edwin Major" in _names(record, "person"), _names(record, "person")


@pytest.mark.model
def test_a_bare_legislature_names_one_body(record_of) -> None:
    record = record_of("The Senate voted 52-48 to pass the bill on Thursday, after a long debate.")
    assert "Senate" in _names(record, "organization")


@pytest.mark.model
def test_a_holiday_is_no_place(record_of) -> None:
    record = record_of("Fans streamed the concert on Diwali, the organisers of the Marvel Fest said.")
    assert "Diwali" not in _names(record, "place")
    assert "Marvel Fest" in _names(record, "organization")


@pytest.mark.model
def test_a_weekday_after_a_name_is_the_date_not_the_surname(record_of) -> None:
    record = record_of("Officials said Director Fenna Oltrop Wednesday signed the order to close the port.")
    assert "Fenna Oltrop" in _names(record, "person"), _names(record, "person")
    assert "Wednesday" in _names(record, "date")


@pytest.mark.parametrize(
    "words, spaces, ent, label, expected",
    [
        (["the", "Asia", "-", "Pacific", "region"], [1, 0, 0, 1, 0], (3, 5), "LOC", "Asia-Pacific region"),
        (["at", "Dar", "-", "e", "-", "Salam", "today"], [1, 0, 0, 0, 0, 1, 0], (1, 2), "FAC", "Dar-e-Salam"),
        (["the", "Anti", "-", "Korvania", "rally"], [1, 0, 0, 1, 0], (3, 4), "GPE", "Korvania"),
        (["the", "India", "-", "Pakistan", "talks"], [1, 0, 0, 1, 0], (3, 4), "GPE", "Pakistan"),
        (["a", "Korvania", "-", "based", "firm"], [1, 0, 0, 1, 0], (1, 2), "GPE", "Korvania"),
        (["the", "Korvania", "-", "Veldam", "road"], [1, 0, 0, 1, 0], (1, 2), "DATE", "Korvania"),
    ],
)
def test_a_name_is_the_whole_hyphenated_word(words, spaces, ent, label, expected) -> None:
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[bool(x) for x in spaces])
    span = Span(doc, *ent, label=label)
    assert [s.text for s in whole_words(doc, [span])] == [expected]


def _spaced(pieces: list[tuple[str, bool]]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=[w for w, _ in pieces], spaces=[s for _, s in pieces])


@pytest.mark.parametrize(
    "pieces, joined",
    [
        # "at Yadgar-e-Watan today": two names glued by a particle between hyphens are one.
        (
            [
                ("at", True),
                ("Yadgar", False),
                ("-", False),
                ("e", False),
                ("-", False),
                ("Watan", True),
                ("today", False),
            ],
            True,
        ),
        # Spaced dashes separate two names ("Yadgar - e - Watan" is no compound).
        (
            [("at", True), ("Yadgar", True), ("-", True), ("e", True), ("-", True), ("Watan", True), ("today", False)],
            False,
        ),
        # A word that is no connecting particle ("X-to-Y" is a route).
        (
            [
                ("at", True),
                ("Yadgar", False),
                ("-", False),
                ("to", False),
                ("-", False),
                ("Watan", True),
                ("today", False),
            ],
            False,
        ),
    ],
)
def test_names_glued_by_a_connecting_particle_are_one(pieces: list[tuple[str, bool]], joined: bool) -> None:
    doc = _spaced(pieces)
    ents = [Span(doc, 1, 2, label="GPE"), Span(doc, 5, 6, label="GPE")]
    got = [(e.text, e.label_) for e in join_particle_compounds(doc, ents)]
    assert got == ([("Yadgar-e-Watan", "GPE")] if joined else [("Yadgar", "GPE"), ("Watan", "GPE")])


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


@pytest.mark.parametrize(
    "words, name, kept",
    [
        # a capitalised function word mid-sentence before lower-case words is a surname ("To", "Of")
        (["Voters", "chose", "Marta", "To", "of", "the", "Harbour", "Party", "."], (2, 4), "Marta To"),
        # in a title-case line it is the headline's word, no part of the name
        (["Marta", "Berg", "To", "Lead", "Harbour", "Party"], (0, 3), "Marta Berg"),
    ],
)
def test_a_capitalised_function_word_ends_a_name_only_in_title_case(
    words: list[str], name: tuple[int, int], kept: str
) -> None:
    from claimx.knowledge.rule_files import load_words
    from claimx.nlp.entities.shapes import not_a_name_of_this_type

    doc = Doc(spacy.blank("en").vocab, words=words)
    span = not_a_name_of_this_type(Span(doc, name[0], name[1], label="PERSON"), load_words())
    assert span is not None and span.text == kept
