"""How `claimx_linking` groups valued date mentions into date entities (`nlp/linking/dating.py`), on
hand-made values; every example is invented."""

from __future__ import annotations

import pytest

from claimx.nlp.linking.date_values import DateValue
from claimx.nlp.linking.dating import day_of, one_day_per_weekday


@pytest.mark.parametrize(
    "text, day",
    [
        ("Monday night", "monday"),
        ("late Monday night", "monday"),
        ("yesterday morning", "yesterday"),
        ("Monday", "monday"),
        ("late Monday", "late monday"),  # no part of the day: its own text
        ("this morning", "this"),
    ],
)
def test_part_of_a_day_is_merged_under_that_day(text: str, day: str) -> None:
    assert day_of(text) == day


def test_weekday_mentions_valued_apart_take_the_value_most_got() -> None:
    past, ahead = DateValue("2025-11-21", "day", "relative"), DateValue("2025-11-28", "day", "relative")
    dates = {("friday", past.value): [(0, 6, past), (40, 46, past)], ("friday", ahead.value): [(20, 26, ahead)]}
    dates[("next friday", ahead.value)] = [(60, 71, ahead)]
    one_day_per_weekday(dates)
    assert dates == {
        ("friday", past.value): [(0, 6, past), (40, 46, past), (20, 26, past)],
        ("next friday", ahead.value): [(60, 71, ahead)],
    }


def test_weekday_tie_takes_the_first_written() -> None:
    past, ahead = DateValue("2025-11-21", "day", "relative"), DateValue("2025-11-28", "day", "relative")
    dates = {("friday", ahead.value): [(30, 36, ahead)], ("friday", past.value): [(0, 6, past)]}
    one_day_per_weekday(dates)
    assert dates == {("friday", past.value): [(0, 6, past), (30, 36, past)]}
