"""Extraction to a record (`extraction.py`): entities, date values, speakers and claims of invented texts
with the real model, and the aliases of a titled name."""

from __future__ import annotations

import pytest

from claimx.nlp.doc import PEOPLE

from .checks import check_record

# ---------------------------------------------------------------- with the real model

pytestmark_model = pytest.mark.model


def _entity(rec: dict, name: str) -> dict:
    for e in rec["entities"]:
        if e["name"] == name:
            return e
    raise AssertionError(f"no entity {name!r} in {[e['name'] for e in rec['entities']]}")


@pytest.mark.model
def test_offsets_are_exact(record_of) -> None:
    text = "date 2025-11-25 KARACHI, November 20: Vice Admiral Tariq Nabi met General Rafael Duarte on Sunday."
    rec = record_of(text, None)
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert rec["published"] == "2025-11-25"
    assert all(m["start"] >= 15 for e in rec["entities"] for m in e["mentions"])


@pytest.mark.model
def test_rank_attached_and_carried_to_surname(record_of) -> None:
    rec = record_of(
        "Lieutenant General Shakir Noor Khan arrived in Lagos on Monday. "
        "Khan later met officials at the port, and General Khan left on Tuesday."
    )
    person = _entity(rec, "Shakir Noor Khan")
    assert person["rank"] == "Lieutenant General"
    assert len(person["mentions"]) == 3


@pytest.mark.model
def test_relative_date_resolved_against_publication(record_of) -> None:
    rec = record_of("The minister visited the port on Sunday, officials said.", "2025-11-25")
    (d,) = [e for e in rec["entities"] if e["type"] == "date"]
    assert (d["name"], d["value"], d["precision"]) == ("Sunday", "2025-11-23", "day")


@pytest.mark.model
def test_relative_date_without_publication_is_null(record_of) -> None:
    rec = record_of("The minister visited the port on Sunday, officials said.", None)
    (d,) = [e for e in rec["entities"] if e["type"] == "date"]
    assert d["value"] is None and d["basis"] == "unresolved"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"We will keep the corridor open for aid convoys," said Colonel Petra Lind.', "Petra Lind"),
        ('Colonel Petra Lind said: "We will keep the corridor open for aid convoys."', "Petra Lind"),
        (
            'Colonel Petra Lind arrived late. "We will keep the corridor open for aid convoys," she said.',
            "Petra Lind",
        ),
        ('"The convoy reached the town before dawn," according to the Red Valley Authority.', None),
    ],
)
def test_quote_speaker(record_of, text: str, speaker: str | None) -> None:
    rec = record_of(text)
    (q,) = [c for c in rec["claims"] if c["type"] == "quote"]
    if speaker is None:
        assert q["text"].startswith("The convoy")
    else:
        assert q["speaker"] == speaker
        assert q["speaker_id"] == _entity(rec, speaker)["id"]


@pytest.mark.model
def test_continued_quote_inherits_speaker(record_of) -> None:
    rec = record_of(
        '"The first phase of the exercise is complete," Rear Admiral Ines Varga said. '
        '"The second phase starts next month with more ships."'
    )
    quotes = [c for c in rec["claims"] if c["type"] == "quote"]
    assert [q["speaker"] for q in quotes] == ["Ines Varga", "Ines Varga"]


@pytest.mark.model
def test_unattributed_quote_has_null_speaker_with_reason(record_of) -> None:
    rec = record_of('Protesters carried banners reading "no more secret deals with anyone".')
    (q,) = [c for c in rec["claims"] if c["type"] == "quote"]
    assert q["speaker"] is None and q["speaker_reason"]


@pytest.mark.model
def test_indirect_statement_with_speaker(record_of) -> None:
    rec = record_of("Colonel Petra Lind said that the northern bridge would reopen to traffic within days.")
    (s,) = [c for c in rec["claims"] if c["type"] == "statement"]
    assert s["speaker"] == "Petra Lind" and s["cue"] == "said"
    assert s["text"].startswith("the northern bridge")


@pytest.mark.model
def test_according_to_statement(record_of) -> None:
    rec = record_of("According to the Ministry of Water, the northern dam is holding despite the heavy rain.")
    (s,) = [c for c in rec["claims"] if c["type"] == "statement"]
    assert s["speaker"] == "Ministry of Water" and s["cue"] == "according to"
    assert s["text"].startswith("the northern dam")


@pytest.mark.model
def test_event_with_actors_date_and_place(record_of) -> None:
    rec = record_of(
        "A delegation from Freedonia's defence sector met Sylvania's Army Chief General Rafael Duarte "
        "on Sunday in Karachi.",
        "2025-11-25",
    )
    (ev,) = [c for c in rec["claims"] if c["type"] == "event"]
    names = {e["id"]: e["name"] for e in rec["entities"]}
    assert ev["predicate"] == "meet"
    assert "Rafael Duarte" in [names[a] for a in ev["actors"]]
    assert (ev["date"], ev["place"]) == ("2025-11-23", "Karachi")


@pytest.mark.model
def test_description_speaker_resolves_to_entity_with_that_title(record_of) -> None:
    rec = record_of(
        "President Amara Okafor arrived in Lagos on Monday. "
        '"We will rebuild every school that the floods destroyed," the president told reporters.'
    )
    (q,) = [c for c in rec["claims"] if c["type"] == "quote"]
    assert q["speaker"] == "Amara Okafor"


@pytest.mark.model
def test_title_with_area_before_a_comma_and_the_name(record_of) -> None:
    rec = record_of("Minister for Central Asia, Edwin Marsh, said the border talks would resume in March.")
    person = _entity(rec, "Edwin Marsh")
    assert person["rank"] == "Minister for Central Asia"
    assert not [e for e in rec["entities"] if e["type"] == "place" and e["name"] == "Central Asia"]


@pytest.mark.model
def test_organisation_named_after_two_places_is_not_cut_at_and(record_of) -> None:
    rec = record_of(
        "The Brotherhood of Iraq and the Levant claimed the attack near Mosul. "
        "The Governments of Jordan and the United Kingdom condemned it."
    )
    orgs = {e["name"] for e in rec["entities"] if e["type"] == "organization"}
    places = {e["name"] for e in rec["entities"] if e["type"] == "place"}
    assert "Brotherhood of Iraq and the Levant" in orgs
    assert "Levant" not in places
    assert "United Kingdom" in places  # a list of two governments is not one name


@pytest.mark.model
def test_unknown_place_that_acts_as_a_group_is_an_organisation(record_of) -> None:
    rec = record_of("The campaign against Dhubai continues, and Dhubai claimed the bombing.")
    types = {e["name"]: e["type"] for e in rec["entities"]}
    assert types["Dhubai"] == "organization"
    rec = record_of("The use of chemical weapons by Dhubai in the valley shows their contempt for life.")
    assert {e["name"]: e["type"] for e in rec["entities"]}.get("Dhubai") in ("organization", None)


@pytest.mark.model
def test_place_acted_against_stays_a_place(record_of) -> None:
    rec = record_of("Officials warned of attacks against the West and against Baghdad.")
    assert {e["name"]: e["type"] for e in rec["entities"]}.get("Baghdad") == "place"


@pytest.mark.model
def test_citation_marks_and_glued_brackets_do_not_end_up_in_names(record_of) -> None:
    text = (
        "Talks with Omar al-Haddad,[1] began in Tartus. Sami Qarnawi(Arabic: x) joined the Office of Water Control.[2]"
    )
    rec = record_of(text)
    names = {e["name"] for e in rec["entities"] if e["type"] != "date"}
    assert not [n for n in names if "[" in n or "(" in n]
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


@pytest.mark.model
def test_glued_citation_mark_is_split_and_rules_stay_anchored(nlp) -> None:
    doc = nlp("Reports,[1] say that Lt. Gen. Amara Okonkwo arrived in the city after the attacks,[2] ended.")
    assert "[1" in [t.text for t in doc]
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [p.text for p in people] == ["Amara Okonkwo"]
    assert [(p.text, p._.claimx_rank) for p in doc.spans[PEOPLE]] == [("Amara Okonkwo", "Lieutenant General")]


@pytest.mark.model
def test_lower_case_words_are_not_names(record_of) -> None:
    rec = record_of("The Zagros mountains run along the border, officials said in Baghdad.")
    assert not [e for e in rec["entities"] if e["type"] == "person"]
    assert "Baghdad" in {e["name"] for e in rec["entities"] if e["type"] == "place"}


@pytest.mark.model
def test_country_named_only_as_a_modifier_is_a_place(record_of) -> None:
    rec = record_of("U.S. aircraft struck a depot near Mosul, and U.S. officials praised the Iraqi troops.")
    places = {e["name"] for e in rec["entities"] if e["type"] == "place"}
    assert "U.S." in places and "Mosul" in places


@pytest.mark.model
def test_country_named_as_a_noun_once_keeps_its_modifier_mentions(record_of) -> None:
    rec = record_of("U.S. aircraft struck a depot near Mosul. The United States said the strike worked.")
    (us,) = [e for e in rec["entities"] if e["name"] == "United States"]
    assert us["type"] == "place" and len(us["mentions"]) == 2


@pytest.mark.model
def test_preposition_is_not_part_of_a_place_name(record_of) -> None:
    rec = record_of("Near Kirkuk, two patrols found a weapons cache.\nOfficials in the Near East welcomed it.")
    places = {e["name"] for e in rec["entities"] if e["type"] == "place"}
    assert "Kirkuk" in places
    assert not [e for e in rec["entities"] if e["name"].startswith("Near K")]


@pytest.mark.model
def test_military_unit_is_an_organisation_not_a_person(record_of) -> None:
    rec = record_of("Hadra Brigades fighters attacked.")
    types = {e["name"]: e["type"] for e in rec["entities"]}
    assert types.get("Hadra Brigades") == "organization"


@pytest.mark.model
def test_known_place_after_a_preposition_is_found_when_the_model_misses_it(record_of) -> None:
    rec = record_of("Aid convoys reached families in Aleppo on Monday, and he spoke at Reading Hall in March.")
    places = {e["name"] for e in rec["entities"] if e["type"] == "place"}
    assert "Aleppo" in places and not places & {"Reading", "March"}


@pytest.mark.model
def test_events_operations_and_things_are_not_organisations(record_of) -> None:
    rec = record_of(
        "Delegates at the Northfield Security Summit backed Operation Silver Lantern, the Harlow Defence "
        "Agreement and new UAV patrols by the Ostland Navy."
    )
    orgs = {e["name"] for e in rec["entities"] if e["type"] in ("organization", "place")}
    assert not [n for n in orgs if "Summit" in n or "Operation" in n or "Agreement" in n or n == "UAV"]
    assert "Ostland Navy" in orgs


@pytest.mark.model
def test_untagged_places_after_near_and_of(record_of) -> None:
    rec = record_of(
        "Near Qasr al Hamdan, one strike destroyed a weapons cache.\n"
        "Ships patrolled the Gulf of Aden while shelling went on in Aleppo."
    )
    places = {e["name"] for e in rec["entities"] if e["type"] == "place"}
    assert {"Qasr al Hamdan", "Gulf of Aden", "Aleppo"} <= places
    assert "Aden" not in places


def test_titled_name_written_three_times_is_one_alias(blank_nlp) -> None:
    from claimx.extraction import extract_text

    text = (
        "General Sara Lind visited the port. General Sara Lind said the drill was over. Later General Sara Lind left."
    )
    rec = extract_text(text, blank_nlp).to_dict()
    (person,) = [e for e in rec["entities"] if e["type"] == "person"]
    assert (person["name"], person["aliases"]) == ("Sara Lind", ["General Sara Lind"])
    check_record(rec, text)
