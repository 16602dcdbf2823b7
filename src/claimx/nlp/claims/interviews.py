"""Question-and-answer interviews: the answers as quotes of the person interviewed.

A news interview printed as questions and answers has no quotation marks and no verbs of saying:

    In an interview on Tuesday, Defence Minister Jane Okoro spoke about the budget.
    Q: Will the navy get new ships?
    A: We have asked parliament for four frigates.

Each answer paragraph is what the interviewee said. The interviewee is the one person named in the
sentence that introduces the interview ("in an interview", "told", "spoke to", "sat down with"), or
else the one person named in the paragraphs before the first question. When the introduction names
no one person, the answer is kept as a quote with no speaker and a reason that says so: claimx does
not guess between two people. Questions are the interviewer's, so they are not claims.
"""

from __future__ import annotations

import itertools
import re

from claimx.nlp.doc import doc_text
from claimx.nlp.tokens import WORD_RE, DocIndex, paragraph_end, strip_range, stripped_end

# A paragraph opening with a question or answer tag: "Q:", "A:", "Q.", "A.", "Question:", "Answer:".
_TAG_RE = re.compile(r"^[^\S\n]*(?P<tag>Q|A|Question|Answer)(?P<mark>[:.])[^\S\n]+(?=\S)", re.MULTILINE)
# Words of the sentence that introduces an interview.
_INTRO_RE = re.compile(
    r"\b(?:interview(?:ed|s)?|spoke (?:to|with)|talked (?:to|with)|sat down with|told)\b", re.IGNORECASE
)
NO_INTERVIEWEE = "interview answer: the interviewee is not named before the questions"
# An interview printed without tags: a word saying so before the first question line.
_INTERVIEW_WORD_RE = re.compile(r"\binterview(?:ed|s)?\b", re.IGNORECASE)
# Quotation marks: a question line holding them is a quoted question, not the interviewer's.
_QUOTE_MARKS = '"\u201c\u201d\u201e'
# Untagged questions must be one paragraph of at most this many words, and the interview must hold at
# least this many of them each followed by an answer (one is a rhetorical question in a story).
MAX_QUESTION_WORDS = 60
MIN_UNTAGGED_QUESTIONS = 2
# How an answer paragraph ends (a heading has no closing punctuation).
_ANSWER_ENDS = (".", "!", "?", "\u201d", '"', ")")


def find_answers(text: str, min_words: int) -> tuple[list[tuple[int, int]], int]:
    """Char ranges of the answer paragraphs (after their tag), and where the first question starts
    (-1 when the text is no interview). Tags count only when a question is followed by an answer in
    the same style ("Q:" then "A:"), so a paragraph opening with an initial ("A. Rahman said") is not
    taken for an answer."""
    tags = [(m.group("tag")[0], m.group("mark"), m.start(), m.end()) for m in _TAG_RE.finditer(text)]
    styles = {
        mark for (kind, mark, _, _), nxt in itertools.pairwise(tags) if kind == "Q" and nxt[0] == "A" and nxt[1] == mark
    }
    if not styles:
        return [], -1
    first_question = min(start for kind, mark, start, _ in tags if kind == "Q" and mark in styles)
    answers = []
    for kind, mark, start, body in tags:
        if kind != "A" or mark not in styles or start < first_question:
            continue
        end = stripped_end(text, body, paragraph_end(text, body))
        if len(WORD_RE.findall(text[body:end])) >= min_words:
            answers.append((body, end))
    return answers, first_question


def find_untagged_answers(text: str, min_words: int) -> tuple[list[tuple[int, int]], int]:
    """Answers of an interview printed without tags: paragraphs after a question line (a paragraph that
    is one question, with no quotation marks), up to the next question or a heading (a line with no
    closing punctuation), when a word before the first question says it is an interview and at least
    MIN_UNTAGGED_QUESTIONS questions are answered. Returns the answers and where the first question
    starts (-1 when the text is no such interview)."""
    answers: list[tuple[int, int]] = []
    answered: list[int] = []  # where each question that has an answer starts
    question: int | None = None  # the question being answered
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        line = m.group().strip()
        if _is_question_line(line):
            question = m.start()
        elif question is None or not line.endswith(_ANSWER_ENDS):
            question = None  # before the questions, or a heading: no answer
        elif len(WORD_RE.findall(line)) >= min_words:
            if not answered or answered[-1] != question:
                answered.append(question)
            answers.append(strip_range(text, m.start(), m.end()))
    if len(answered) < MIN_UNTAGGED_QUESTIONS or not _INTERVIEW_WORD_RE.search(text, 0, answered[0]):
        return [], -1
    return answers, answered[0]


def _is_question_line(line: str) -> bool:
    """A paragraph that is one question: ends with a question mark, no quotation marks, not too long."""
    return (
        line.endswith("?")
        and not any(ch in line for ch in _QUOTE_MARKS)
        and len(WORD_RE.findall(line)) <= MAX_QUESTION_WORDS
    )


def _interviewee(index: DocIndex, first_question: int) -> tuple[int, int] | None:
    """The chars of the one person the introduction names, or None when it names none or several."""
    intro = [s for s in index.sents if s.end_char <= first_question]
    people = [e for e in index.ents if e.label_ == "PERSON" and e.end_char <= first_question]
    for sent in reversed(intro):
        if _INTRO_RE.search(sent.text):
            named = {e.text: e for e in people if sent.start_char <= e.start_char < sent.end_char}
            if len(named) == 1:
                e = next(iter(named.values()))
                return e.start_char, e.end_char
            if named:
                return None  # two people in the introduction: not ours to choose
    named = {e.text: e for e in people}
    if len(named) == 1:
        e = next(iter(named.values()))
        return e.start_char, e.end_char
    return None


def interview_answers(index: DocIndex, min_words: int) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """The answer paragraphs of a question-and-answer interview, and the chars naming the interviewee
    (None when the introduction does not name one person)."""
    answers, first_question = find_answers(doc_text(index.doc), min_words)
    if not answers:
        answers, first_question = find_untagged_answers(doc_text(index.doc), min_words)
    if not answers:
        return [], None
    return answers, _interviewee(index, first_question)
