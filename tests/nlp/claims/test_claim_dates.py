"""The date of a claim: for a quote or a statement the day it was made (the date words of its
attribution, "said on Sunday"), for an event the day it happened; and "today", "yesterday", "tonight"
inside a quote, counted from the quote's own date. Every sentence and name is invented for these tests;
the publication date is Tuesday 25 November 2025."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _claim(record: dict, kind: str, words: str) -> dict:
    found = [c for c in record["claims"] if c["type"] == kind and words in c["text"]]
    assert found, record["claims"]
    return found[0]


@pytest.mark.parametrize(
    "text, words, date",
    [
        (
            "\u201cWe buried three people in the hills,\u201d the mayor told reporters on Sunday.",
            "buried",
            "2025-11-23",
        ),
        (
            "\u201cThe water is rising faster than anyone expected,\u201d Varga said Monday night.",
            "rising",
            "2025-11-24",
        ),
        (
            "Councillor Ilse Drummond said on Friday: \u201cWe will not give up the valley to anyone.\u201d",
            "valley",
            "2025-11-21",
        ),
        # the date inside the quote is what it talks about, not when it was said
        ("\u201cThe pier will reopen on Friday after the repairs,\u201d Varga said.", "pier", None),
        ("\u201cThe pier will reopen after the repairs are done,\u201d Varga said.", "pier", None),
    ],
)
def test_quote_takes_the_date_of_its_attribution(record_of, text: str, words: str, date: str | None) -> None:
    assert _claim(record_of(text), "quote", words)["date"] == date


def test_quote_continuing_a_dated_one_keeps_its_date(record_of) -> None:
    text = (
        "\u201cWe buried three people in the hills,\u201d Mayor Lina Varga told reporters on Sunday.\n\n"
        "\u201cThe roads are gone and the bridge is under water.\u201d"
    )
    assert _claim(record_of(text), "quote", "bridge")["date"] == "2025-11-23"


@pytest.mark.parametrize(
    "text, words, date",
    [
        ("Mayor Lina Varga said on Monday that the bridge would reopen in March.", "bridge", "2025-11-24"),
        ("The harbour master confirmed Thursday that two fishing boats had sunk.", "boats", "2025-11-20"),
        ("In a statement on Sunday, the ferry company said the crossing had been suspended.", "crossing", "2025-11-23"),
        ("Varga told reporters last week that the bridge would reopen in March.", "bridge", "2025-W47"),
        (
            "According to a statement issued on Monday, the crossing will stay shut until March.",
            "crossing",
            "2025-11-24",
        ),
        ("Mayor Lina Varga said Thursday the ferry would resume in March.", "ferry", "2025-11-20"),
        # a date inside the reported clause says when the reported thing happens, not when it was said
        ("Mayor Lina Varga said the bridge would reopen in March.", "bridge", None),
        ("Mayor Lina Varga said Friday would be the last day of the search.", "search", None),
        ("Mayor Lina Varga said that on Friday the storm had destroyed the pier.", "pier", None),
    ],
)
def test_statement_takes_the_date_it_was_made(record_of, text: str, words: str, date: str | None) -> None:
    assert _claim(record_of(text), "statement", words)["date"] == date


def test_day_of_saying_right_after_the_verb_is_no_part_of_the_statement(record_of) -> None:
    statement = _claim(
        record_of("Mayor Lina Varga said Thursday the ferry would resume in March."), "statement", "ferry"
    )
    assert statement["text"] == "the ferry would resume in March"


def test_event_takes_the_date_it_happened_not_the_date_it_was_told(record_of) -> None:
    text = "Officials said on Monday that Defence Minister Tomas Rell had met Anja Morr in Veldhaven last week."
    event = _claim(record_of(text), "event", "Rell")
    assert event["date"] == "2025-W47"


def _date_values(record: dict) -> dict[str, str | None]:
    return {m["text"]: e["value"] for e in record["entities"] if e["type"] == "date" for m in e["mentions"]}


@pytest.mark.parametrize(
    "text, word, value",
    [
        (
            "\u201cWe buried three people yesterday,\u201d the mayor told reporters on Sunday.",
            "yesterday",
            "2025-11-22",
        ),
        ("\u201cWe slept in the school hall last night,\u201d Varga said on Friday.", "last night", "2025-11-20"),
        ("\u201cThe ferry left today with two hundred people,\u201d Varga said Thursday.", "today", "2025-11-20"),
    ],
)
def test_day_word_in_a_dated_quote_counts_from_the_quote(record_of, text: str, word: str, value: str) -> None:
    assert _date_values(record_of(text)).get(word) == value


@pytest.mark.parametrize(
    "text, word",
    [
        ("\u201cWe buried three people yesterday,\u201d the mayor told reporters.", "yesterday"),
        ("\u201cWe slept in the school hall last night,\u201d Varga said.", "last night"),
    ],
)
def test_day_word_in_an_undated_quote_stays_out(record_of, text: str, word: str) -> None:
    record = record_of(text)
    values = _date_values(record)
    assert word not in values, values
    assert [c["text"] for c in record["claims"] if c["type"] == "quote" and word in c["text"]]


def test_today_in_a_dated_quote_is_one_date_with_the_day_it_was_said(record_of) -> None:
    record = record_of("\u201cThe ferry left today with two hundred people,\u201d Varga said on Thursday.")
    dates = [sorted(m["text"] for m in e["mentions"]) for e in record["entities"] if e["type"] == "date"]
    assert dates == [["Thursday", "today"]], dates


@pytest.mark.parametrize(
    "text, date",
    [
        (
            "On October 26 this year, a senior Freedonian official, General Ivo Marsh, met Lena Holt in Ostrava.",
            "2025-10-26",
        ),
        ("General Ivo Marsh and other senior officials also visited Ostrava in January this year.", "2025-01"),
    ],
)
def test_event_takes_a_date_that_hangs_on_its_verb(record_of, text: str, date: str) -> None:
    assert _claim(record_of(text), "event", "Marsh")["date"] == date


def test_weekday_named_alone_is_one_day_throughout_the_story(record_of) -> None:
    text = "Shares fell on Friday. The index, which will be rebalanced on Friday, closed lower."
    dates = [(e["value"], len(e["mentions"])) for e in record_of(text)["entities"] if e["type"] == "date"]
    assert dates == [("2025-11-21", 2)], dates
