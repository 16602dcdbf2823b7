"""Teams in sport stories (`nlp/entities/sport.py`): clubs named after their towns are organisations in
results tables and match reports, a score ends a name, national teams keep their country's type. The
results tables and reports here are invented, in the style of wire sports news."""

from __future__ import annotations

import pytest

from claimx.nlp.entities.sport import results_lines, sport_teams
from tests.handmade import context, labelled, span_of

RESULTS = """SOCCER - NORTHERN LEAGUE RESULTS .

Results of Northern League matches on Saturday :

Exeter 2 Dundee 1

Lyon 0 Oban Rovers 3

Standings ( tabulate under played , won , drawn , lost , points ) :

Oban Rovers 5 4 1 0 13

Exeter 5 3 1 1 10
"""


def test_results_lines_give_their_team_names(blank_nlp) -> None:
    doc = blank_nlp.make_doc(RESULTS)
    names = [doc.text[s:e] for _, ranges in results_lines(doc.text) for s, e in ranges]
    assert names == ["Exeter", "Dundee", "Lyon", "Oban Rovers", "Oban Rovers", "Exeter"]


def test_teams_in_a_results_table_are_organisations(blank_nlp) -> None:
    doc = blank_nlp.make_doc(RESULTS)
    ents = [span_of(doc, "Exeter", "GPE"), span_of(doc, "Lyon", "GPE"), span_of(doc, "Exeter", "GPE", nth=1)]
    got = labelled(sport_teams(ents, context(doc)))
    assert ("Exeter", "ORG") in got and ("Lyon", "ORG") in got and ("Dundee", "ORG") in got
    assert ("Oban Rovers", "ORG") in got
    assert not [name for name, label in got if label != "ORG"]


def test_a_score_or_a_second_team_glued_onto_a_name_ends_it(blank_nlp) -> None:
    text = RESULTS + "\nDundee 2 Oban Rovers 2\n\nOban Rovers 37-10 winners over Exeter .\n"
    doc = blank_nlp.make_doc(text)
    ents = [span_of(doc, "Dundee 2 Oban Rovers", "ORG"), span_of(doc, "Oban Rovers 37", "ORG")]
    got = {name for name, _ in labelled(sport_teams(ents, context(doc)))}
    assert not [name for name in got if any(ch.isdigit() for ch in name)], got


def test_a_country_in_a_results_table_stays_a_place(blank_nlp) -> None:
    text = "SOCCER - FRIENDLY RESULTS .\n\nFrance 2 Exeter 1\n\nSpain 1 Lyon 1\n"
    doc = blank_nlp.make_doc(text)
    got = labelled(sport_teams([span_of(doc, "France", "GPE")], context(doc)))
    assert ("France", "GPE") in got and ("Exeter", "ORG") in got


def test_a_table_of_figures_in_a_story_on_no_sport_names_no_teams(blank_nlp) -> None:
    text = "Rainfall in millimetres by town :\n\nExeter 12 14 9 3\n\nLyon 8 7 11 2\n\nDundee 20 18 25 4\n"
    doc = blank_nlp.make_doc(text)
    ents = [span_of(doc, "Exeter", "GPE"), span_of(doc, "Lyon", "GPE")]
    assert labelled(sport_teams(ents, context(doc))) == [("Exeter", "GPE"), ("Lyon", "GPE")]


def _types(rec: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in rec["entities"] if e["type"] != "date"}


REPORT = (
    "SOCCER - EXETER BEAT DUNDEE TO GO TOP .\n\n"
    "LONDON 1996-10-05\n\n"
    "Exeter beat Dundee 3-1 on Saturday to go top of the northern league , two points clear of Lyon , who"
    " drew 1-1 with Oban Rovers .\n\n"
    "Striker Jonas Kellby scored twice for Exeter in the first half .\n\n"
    "Bolton were held 0-0 by Grimsby at home , while France beat Spain 2-0 in a friendly in Paris .\n"
)


@pytest.mark.model
def test_clubs_named_after_towns_are_organisations_in_a_match_report(record_of) -> None:
    types = _types(record_of(REPORT))
    for club in ("Exeter", "Dundee", "Lyon", "Bolton", "Grimsby"):
        assert types.get(club) == "organization", (club, types)
    assert types.get("LONDON") == "place" and types.get("Paris") == "place"
    assert types.get("France") == "place" and types.get("Spain") == "place"


@pytest.mark.model
def test_towns_in_a_story_on_no_sport_stay_places(record_of) -> None:
    text = "Exeter and Dundee voted 52-48 to merge their councils , officials in Lyon said on Monday ."
    types = _types(record_of(text))
    assert types.get("Lyon") == "place" and "organization" not in types.values(), types


def test_competitions_and_results_headlines_in_a_story_about_sport_are_no_organisations(blank_nlp) -> None:
    from claimx.nlp.entities.sport import competitions

    doc = blank_nlp.make_doc(RESULTS + "\nOban Rovers lead the Northern League and meet Exeter in the Coastal Cup .\n")
    ents = [
        span_of(doc, "SOCCER - NORTHERN LEAGUE RESULTS", "ORG"),
        span_of(doc, "Northern League", "ORG"),
        span_of(doc, "Coastal Cup", "ORG"),
        span_of(doc, "Oban Rovers", "ORG", nth=2),
    ]
    assert labelled(competitions(ents, context(doc))) == [("Oban Rovers", "ORG")]


def test_a_league_in_a_story_on_no_sport_stays_an_organisation(blank_nlp) -> None:
    from claimx.nlp.entities.sport import competitions

    doc = blank_nlp.make_doc("The Coastal League said on Monday that its members would meet in Lyon .")
    ents = [span_of(doc, "Coastal League", "ORG"), span_of(doc, "Lyon", "GPE")]
    assert labelled(competitions(ents, context(doc))) == [("Coastal League", "ORG"), ("Lyon", "GPE")]


@pytest.mark.model
def test_a_league_in_a_match_report_is_no_organisation(record_of) -> None:
    text = (
        "Inverness drew 2-2 with Perth on Tuesday , and Perth now trail Dundee by four points in the Highland League ."
    )
    types = _types(record_of(text))
    assert types.get("Perth") == "organization" and "Highland League" not in types, types


def test_a_results_line_with_scorers_in_brackets_names_both_teams(blank_nlp) -> None:
    text = "Exeter 2 ( Berg 10 , Dren 77 ) Dundee 1 ( Santis 45 ) . Halftime 1-1 .\n"
    names = [text[s:e] for _, ranges in results_lines(text) for s, e in ranges]
    assert names == ["Exeter", "Dundee"]


ATHLETICS = (
    "ATHLETICS - BERG WINS IN PERTH .\n\nPERTH 1996-08-22\n\nTomas Berg of Sweden won the 1,500 metres in Perth on"
    " Thursday in three minutes 31.2 seconds , ahead of Ivo Dren .\n"
)


@pytest.mark.model
def test_a_town_on_the_dateline_of_a_sport_story_stays_a_place(record_of) -> None:
    types = _types(record_of(ATHLETICS))
    assert types.get("Perth", types.get("PERTH")) == "place", types


@pytest.mark.model
def test_the_headline_of_a_sport_story_is_no_organisation(record_of) -> None:
    types = _types(record_of(ATHLETICS))
    assert not [n for n in types if n.startswith("ATHLETICS")], types


@pytest.mark.model
def test_a_player_after_his_score_in_a_table_stays_a_person(record_of) -> None:
    text = (
        "GOLF - LEADING SCORES .\n\nMARLOW 1996-08-22\n\nLeading scores after the first round on Thursday :\n\n"
        "68 Tomas Berg ( Sweden )\n\n69 Ivo Dren ( Norway )\n"
    )
    types = _types(record_of(text))
    assert types.get("Tomas Berg") == "person", types
