"""Where a date mention starts and ends (`nlp/entities/date_spans.py`), on hand-built Docs with the
model's entities set by hand; every sentence is invented for these tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from claimx.knowledge.calendar import HOLIDAYS, MOVABLE_HOLIDAYS
from claimx.nlp.entities.date_spans import _HOLIDAY_RE, date_spans, holiday_matches


def _doc(text: str, *ents: tuple[str, str]) -> Doc:
    doc = spacy.blank("en")(text)
    spans = []
    for words, label in ents:
        start = text.index(words)
        span = doc.char_span(start, start + len(words), label=label)
        assert span is not None, words
        spans.append(span)
    doc.ents = spans
    return doc


def _texts(spans: list[Span]) -> list[str]:
    return [s.text for s in spans]


def test_article_before_a_calendar_date_is_left_out() -> None:
    doc = _doc("Lawyers cited an Oct. 4, 2002, letter from the council.", ("an Oct. 4, 2002", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["Oct. 4, 2002"]


def test_article_that_counts_the_date_stays() -> None:
    doc = _doc("Prices were lower a year ago, the agency said.", ("a year ago", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["a year ago"]


def test_weekday_and_the_date_after_it_are_one_date() -> None:
    doc = _doc("Snow fell Friday Oct. 17 across the hills.", ("Friday", "DATE"), ("Oct. 17", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["Friday Oct. 17"]


@pytest.mark.parametrize(
    "text, weekday, day",
    [
        ("The ferry sails on Wednesday, 21 May, the port said.", "Wednesday", "21 May"),
        ("The ferry sailed Thursday 3rd April from the pier.", "Thursday", "3rd April"),
    ],
)
def test_weekday_and_the_day_first_date_after_it_are_one_date(text: str, weekday: str, day: str) -> None:
    doc = _doc(text, (weekday, "DATE"), (day, "DATE"))
    assert _texts(date_spans(doc, 0)) == [text[text.index(weekday) : text.index(day) + len(day)]]


def test_weekday_before_a_bare_number_stays_alone() -> None:
    doc = _doc("The count on Friday, 12 of them, was low.", ("Friday", "DATE"), ("12", "CARDINAL"))
    assert _texts(date_spans(doc, 0)) == ["Friday"]


def test_modifier_of_a_bare_unit_is_brought_in() -> None:
    doc = _doc("Voters head to this year's ballot early.", ("year", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["this year"]


def test_recurring_weekday_is_no_date() -> None:
    doc = _doc("A market is held each Sunday in the square.", ("Sunday", "DATE"))
    assert date_spans(doc, 0) == []


def test_year_that_names_a_period_of_it_is_no_date() -> None:
    doc = _doc("Profit was lower than in the 2001 period, the bakery said.", ("2001", "DATE"))
    assert date_spans(doc, 0) == []
    doc = _doc("A charge fell in its 2001 second quarter.", ("2001", "DATE"))
    assert date_spans(doc, 0) == []
    doc = _doc("The bakery opened in 2001 and grew.", ("2001", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["2001"]


def test_number_led_by_a_name_is_no_year() -> None:
    doc = _doc("The council passed Resolution 4471 after a long debate.", ("4471", "DATE"))
    assert date_spans(doc, 0) == []
    doc = _doc("Both sides cited Rules 4471 and 4472 in court.", ("4472", "DATE"))
    assert date_spans(doc, 0) == []


def test_year_after_a_month_or_a_season_stays() -> None:
    doc = _doc("Sales rose in May 2019 and again in Summer 2021.", ("2019", "DATE"), ("2021", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["2019", "2021"]


def test_year_after_a_place_stays() -> None:
    doc = _doc("Voters back the Ostrava 2030 plan.", ("Ostrava", "GPE"), ("2030", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["2030"]


def test_holiday_is_a_date_but_not_the_start_of_a_longer_name() -> None:
    doc = _doc("Ferries stop at Christmas, but not to Christmas Island.")
    assert _texts(date_spans(doc, 0)) == ["Christmas"]
    doc = _doc("The market shuts the day after Easter.")
    assert _texts(date_spans(doc, 0)) == ["the day after Easter"]


def test_word_glued_before_last_is_left_out() -> None:
    doc = _doc("The navy led Task Force 5 last December from a frigate.", ("5 last December", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["last December"]


def test_part_of_a_period_before_last_stays() -> None:
    doc = _doc("Talks stalled at the end of last year.", ("the end of last year", "DATE"))
    assert _texts(date_spans(doc, 0)) == ["the end of last year"]


def _found(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [(m.span(), m.span("name")) for m in matches]


# Holidays, what puts a day before or after one, other words in any case, and characters the case-blind
# search treats specially (dotless and dotted I, long s, the Kelvin sign, a curly apostrophe).
_PHRASES = [
    *("the day after", "Two days before", "week after", "THE WEEK BEFORE", "Easter", "EASTER MONDAY", "easter"),
    *("St. Patrick's Day", "Saint Patrick’s day", "New Year’s Eve", "Christmas", "Christmas Island"),
    *("thanksgiving Day", "Labor Day", "Good Friday", "Halloween", "Monday", "the", "Day", "market"),
    *("chrıstmas", "ſaint Patrick's Day", "İstanbul", "\u212aelvin", ",", ".", "\n", "-"),
]
_HOLIDAY_WORDS = st.lists(st.sampled_from(_PHRASES), max_size=10)


@settings(max_examples=300, deadline=None)
@given(_HOLIDAY_WORDS, st.sampled_from([" ", "  ", "\n"]), st.integers(0, 5))
def test_holidays_found_on_the_lower_cased_text_are_those_of_the_case_blind_pattern(words, gap, start) -> None:
    text = gap.join(words)
    assert _found(holiday_matches(text, start)) == _found(_HOLIDAY_RE.finditer(text, start))


def test_holidays_are_found_in_any_case_and_the_name_read_from_the_text() -> None:
    text = "Shops shut on EASTER MONDAY and the Week after thanksgiving."
    assert [text[s:e] for _, (s, e) in _found(holiday_matches(text, 0))] == ["EASTER MONDAY", "thanksgiving"]
    assert _found(holiday_matches("Traffic was light.", 0)) == []


def test_holiday_names_are_lower_case() -> None:
    # The lower-cased text is searched with the names as written: a capital in one would never match there.
    assert all(name == name.lower() for name in (*HOLIDAYS, *MOVABLE_HOLIDAYS))
