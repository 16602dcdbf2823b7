"""Dates in running text: where a date mention starts and ends (components/date_spans.py) and the tense
that picks its year or week (components/dating.py). Every sentence is invented for these tests; the
publication date is Tuesday 25 November 2025 unless a test says otherwise."""

from __future__ import annotations

import pytest

from tests.checks import check_record

pytestmark = pytest.mark.model


def _dates(record: dict) -> dict[str, str | None]:
    return {m["text"]: e.get("value") for e in record["entities"] if e["type"] == "date" for m in e["mentions"]}


@pytest.mark.parametrize(
    "text, name, value",
    [
        # an infinitive or a modal puts the act after the time of writing
        ("A report to be released in early December will settle it.", "early December", "2025-12"),
        ("The bonus would be paid in January, the firm said.", "January", "2026-01"),
        # a limit is ahead when the verb is
        ("The city will open two more tram lines by August.", "August", "2026-08"),
        # a deadline in the past perfect may have run out or been moved: no tense (a weekday is then the past one)
        ("The rent had been due Friday, the tenants said.", "Friday", "2025-11-21"),
        ("The rent had been due Dec. 2, the landlord said.", "Dec. 2", "2025-12-02"),
        # a weekday and its date written together are one date, in the year where they agree
        ("Water poured out Friday Oct. 17 and flooded the road.", "Friday Oct. 17", "2025-10-17"),
        # also with the day first: one date, whose weekday picks the year
        ("The ferry will sail on Wednesday, 14 January, the port said.", "Wednesday, 14 January", "2026-01-14"),
        ("The bridge was shut on Wednesday, 19 November, after the flood.", "Wednesday, 19 November", "2025-11-19"),
        # the model tags the unit of "this year's" and leaves its modifier out
        ("Farmers hope to vote in this year's ballot on the canal.", "this year", "2025"),
        # a day and its part of day give the day
        ("The dam was opened this morning, officials said.", "this morning", "2025-11-25"),
        ("Rescuers reached the village Wednesday night.", "Wednesday night", "2025-11-19"),
        # a time that names its day and the part of day after it are one date
        ("Gunmen raided the depot late Monday night, police said.", "late Monday night", "2025-11-24"),
        # a limit is ahead unless its verb is past
        ("The dockers said they would walk out by Friday without a deal.", "Friday", "2025-11-28"),
        ("The truce holds until Sunday, the mediator said.", "Sunday", "2025-11-30"),
        ("The mediators had hoped to finish by Sunday.", "Sunday", "2025-11-23"),
        # issue #12 shapes in running text: a day-first date keeps its day, years in words, fiscal years,
        # counts back from the publication date
        ("The bridge opened on 19th July, 2023, after long delays.", "19th July, 2023", "2023-07-19"),
        ("The dam was finished in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("Profit for fiscal 2024 rose, the board said.", "fiscal 2024", "2024"),
        ("The mill was sold a decade ago and rebuilt a month ago.", "a decade ago", "2015"),
        ("The mill was sold a decade ago and rebuilt a month ago.", "a month ago", "2025-10"),
        # holidays the model calls an event or a person are dates with a computable day
        ("Shops reopened the day after Easter, traders said.", "day after Easter", "2025-04-21"),
        ("Crowds gathered on Thanksgiving Day in the square.", "Thanksgiving Day", "2024-11-28"),
        ("Fireworks lit the bay on New Year's Day, police said.", "New Year's Day", "2025-01-01"),
        # a month and day without a year: an announced limit is ahead of a 20 November story
        ("The deadline for comments was extended to Dec. 20.", "Dec. 20", "2025-12-20"),
    ],
)
def test_date_in_context(record_of, text: str, name: str, value: str) -> None:
    got = _dates(record_of(text))
    assert got.get(name) == value, got


@pytest.mark.parametrize(
    "text, name",
    [
        ("A flower market is held in the square each Thursday.", "Thursday"),
        ("The fair is held each July in the valley.", "July"),
        ("The choir rehearses on Friday and Saturday nights in the hall.", "Friday"),
    ],
)
def test_recurring_day_is_not_a_date(record_of, text: str, name: str) -> None:
    assert name not in _dates(record_of(text))


def test_month_and_day_of_an_announced_event_in_a_november_story(record_of) -> None:
    # "extended to Nov. 20" in a 2 November story is this year's 20 November, not last year's
    got = _dates(record_of("The offer was extended to Nov. 20 by the two buyers.", "2025-11-02"))
    assert got.get("Nov. 20") == "2025-11-20", got


def test_range_in_words_gives_its_first_day_but_a_dashed_one_none(record_of) -> None:
    worded = _dates(record_of("The minister will tour the coast from December 2 to 5, aides said."))
    assert worded.get("December 2") == "2025-12-02", worded
    dashed = _dates(record_of("The minister will tour the coast on December 2-5, aides said."))
    assert "December 2" not in dashed, dashed


def test_date_counted_from_the_one_named_before(record_of) -> None:
    got = _dates(record_of("On May 2, 2001, the mill was sold, and the following year it was closed for good."))
    assert got.get("the following year") == "2002" or got.get("following year") == "2002", got


def test_the_full_year_is_the_year_of_writing(record_of) -> None:
    got = _dates(record_of("The bakery expects higher sales for the full year, its owner said."))
    assert got.get("full year") == "2025" or got.get("the full year") == "2025", got


def test_weekday_counted_from_the_day_named_before(record_of) -> None:
    got = _dates(record_of("On Monday, Nov. 17, the river crested, a foot above the previous Friday."))
    assert got.get("the previous Friday", got.get("previous Friday")) == "2025-11-14", got


def _date_entities(record: dict) -> list[list[str]]:
    return [[m["text"] for m in e["mentions"]] for e in record["entities"] if e["type"] == "date"]


@pytest.mark.parametrize(
    "text, day, part",
    [
        (
            "Rescuers reached the village on Monday night, and the mayor thanked them on Monday.",
            "Monday",
            "Monday night",
        ),
        (
            "The pumps failed yesterday morning; by yesterday the basement was flooded.",
            "yesterday",
            "yesterday morning",
        ),
    ],
)
def test_part_of_a_day_is_one_date_with_that_day(record_of, text: str, day: str, part: str) -> None:
    entities = _date_entities(record_of(text))
    assert any(day in ms and part in ms for ms in entities), entities


def test_part_of_another_day_stays_apart(record_of) -> None:
    entities = _date_entities(record_of("Crews left on Sunday night and came back on Monday."))
    assert ["Sunday night"] in entities and ["Monday"] in entities, entities


@pytest.mark.parametrize(
    "text, name, value",
    [
        ("Ferries were cancelled last week, the harbour master said.", "last week", "2025-W47"),
        ("The council said earlier this week that the pier would close.", "earlier this week", "2025-W48"),
        ("The pier will reopen next week, the council said.", "next week", "2025-W49"),
    ],
)
def test_week_is_valued_as_an_iso_week(record_of, text: str, name: str, value: str) -> None:
    record = record_of(text)
    check_record(record, text)
    dates = {e["name"]: (e["value"], e["precision"]) for e in record["entities"] if e["type"] == "date"}
    assert dates.get(name) == (value, "week"), dates


def _values_by_name(record: dict) -> dict[str, str | None]:
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
    got = _values_by_name(record_of(text))  # published Tuesday 2025-11-25
    assert got.get(name) == value, got


@pytest.mark.model
def test_list_of_years_is_one_date_each(record_of) -> None:
    got = _values_by_name(record_of("The cup was won in 1986, 1997 and 2004 by the same club."))
    assert {"1986", "1997", "2004"} <= set(got)


@pytest.mark.model
def test_year_ago_of_a_quarter_is_not_a_calendar_year(record_of) -> None:
    got = _values_by_name(record_of("Third-quarter profit rose 8% from a year ago, the company said."))
    assert "a year ago" not in got
    got = _values_by_name(record_of("Prices were 8% higher than a year ago, the agency said."))
    assert got.get("a year ago") == "2024"


@pytest.mark.model
def test_plan_in_the_past_perfect_is_past(nlp) -> None:
    from claimx.nlp.linking.dating import tense_of

    doc = nlp("The licence had been scheduled to lapse at midnight Friday, the regulator said.")
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    assert dates and tense_of(dates[0]) == "past"
