"""Question-and-answer interviews: answers are quotes of the interviewee (issue 13, pattern 8).

Every text here is invented for the test.
"""

from __future__ import annotations

import pytest

from claimx.nlp.claims.interviews import NO_INTERVIEWEE, find_answers

INTERVIEW = (
    "The harbour master has run the port for ten years.\n\n"
    "In an interview on Tuesday, Harbour Master Ilse Vandermeer spoke about the new cranes.\n\n"
    "Q: When will the cranes arrive?\n\n"
    "A: The first two cranes arrive in March and the rest by the summer.\n\n"
    "Q: Will the port hire more staff?\n\n"
    "A: We will hire forty people before the cranes start work.\n"
)


def _answers(text: str) -> list[str]:
    answers, _ = find_answers(text, 4)
    return [text[s:e] for s, e in answers]


def test_answer_paragraphs_are_found_after_their_tag() -> None:
    assert _answers(INTERVIEW) == [
        "The first two cranes arrive in March and the rest by the summer.",
        "We will hire forty people before the cranes start work.",
    ]


def test_answers_in_the_question_and_answer_words_style() -> None:
    text = "Question: Is the bridge safe?\nAnswer: The engineers checked every cable last week.\n"
    assert _answers(text) == ["The engineers checked every cable last week."]


@pytest.mark.parametrize(
    "text",
    [
        # an initial opening a paragraph is no answer tag
        "A. Rahman said the ferry would run again.\n\nA. Rahman also said the fares would stay the same.\n",
        # answers with no question before them are not an interview
        "A: The first part of the plan is money and time.\n",
        # a question and an answer in different styles
        "Q. Is the road open?\n\nA: The road opens again on Friday morning.\n",
    ],
)
def test_no_interview_without_a_question_followed_by_an_answer(text: str) -> None:
    assert _answers(text) == []


@pytest.mark.model
def test_answers_are_quotes_of_the_interviewee(record_of) -> None:
    rec = record_of(INTERVIEW)
    quotes = [c for c in rec["claims"] if c["type"] == "quote"]
    assert [q["text"] for q in quotes] == _answers(INTERVIEW)
    assert {q["speaker"] for q in quotes} == {"Ilse Vandermeer"}
    assert all(q["cue"] == "interview" for q in quotes)
    assert not any(c["text"].startswith("When will") for c in rec["claims"])  # questions are not claims


@pytest.mark.model
def test_two_people_in_the_introduction_leave_the_speaker_null(record_of) -> None:
    text = (
        "Mayor Petra Lindholm and Governor Osric Tamm spoke to reporters about the floods.\n\n"
        "Q: Are the dams strong enough?\n\n"
        "A: The dams held this year, but they need new gates soon.\n"
    )
    (quote,) = [c for c in record_of(text)["claims"] if c["type"] == "quote"]
    assert quote["speaker"] is None
    assert quote["speaker_reason"] == NO_INTERVIEWEE
