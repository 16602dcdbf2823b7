"""Question-and-answer interviews: answers are quotes of the interviewee (issue 13, pattern 8).

Every text here is invented for the test.
"""

from __future__ import annotations

import pytest

from claimx.nlp.claims.interviews import NO_INTERVIEWEE, find_answers, find_untagged_answers

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


UNTAGGED = (
    "Harbour master Ilse Vandermeer talks about the new cranes in an interview\n\n"
    "Tuesday, March 3, 2026\n\n"
    "When will the cranes arrive?\n\n"
    "The first two cranes arrive in March and the rest by the summer.\n\n"
    "Will the port hire more staff for them?\n\n"
    "We will hire forty people before the cranes start work. Most of them will come from the town.\n\n"
    "Training\n\n"
    "How long does the training take?\n\n"
    "About six weeks, and the crane maker sends two instructors to help us.\n"
)


def _untagged(text: str) -> list[str]:
    answers, _ = find_untagged_answers(text, 4)
    return [text[s:e] for s, e in answers]


def test_answers_after_untagged_question_lines() -> None:
    assert _untagged(UNTAGGED) == [
        "The first two cranes arrive in March and the rest by the summer.",
        "We will hire forty people before the cranes start work. Most of them will come from the town.",
        "About six weeks, and the crane maker sends two instructors to help us.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # no word before the questions says this is an interview
        UNTAGGED.replace(" in an interview", ""),
        # one question answered is a rhetorical question in a story
        "In an interview, the mayor spoke about the bridge.\n\nWill it open on time?\n\n"
        "The builders say the deck is finished and only the lights are missing.\n",
        # questions in quotation marks are someone's quoted questions
        'In an interview, the mayor spoke about the bridge.\n\n"Will it open on time?"\n\n'
        "The builders say the deck is finished.\n\n\u201cWho pays for it?\u201d\n\nThe state pays half of it.\n",
    ],
)
def test_no_untagged_interview_without_its_signs(text: str) -> None:
    assert _untagged(text) == []


@pytest.mark.model
def test_untagged_answers_are_quotes_of_the_interviewee(record_of) -> None:
    quotes = [c for c in record_of(UNTAGGED)["claims"] if c["type"] == "quote"]
    assert [q["text"] for q in quotes] == _untagged(UNTAGGED)
    assert {(q["speaker"], q["cue"]) for q in quotes} == {("Ilse Vandermeer", "interview")}
