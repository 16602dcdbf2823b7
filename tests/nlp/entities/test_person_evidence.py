"""Typing a name by the evidence around it (`nlp/entities/person_evidence.py`) on hand-built Docs; every
text is invented."""

from __future__ import annotations

import pytest


def _person(blank_nlp, text: str, name: str):
    from spacy.tokens import Span

    from claimx.knowledge.rule_files import load_words
    from claimx.nlp.entities.person_evidence import person_by_evidence

    doc = blank_nlp.make_doc(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    return person_by_evidence(Span(doc, span.start, span.end, label="PERSON"), load_words())


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Families went shopping for Eid on Friday.", "Eid", None),  # a holiday
        ("Callers must enter Code 4417 now.", "Code 4417", None),  # a name has no digits
        ("The name is written \u0633\u0645\u064a\u0631 there.", "\u0633\u0645\u064a\u0631", None),
        ("Fighters of the Bani Khalaf tribe joined.", "Bani Khalaf", "ORG"),  # a group
        ("Water was released from Kharaz Dam on Monday.", "Kharaz Dam", "LOC"),  # a structure
        ("The shelling hit the village of Umm Qasrin overnight.", "Umm Qasrin", "GPE"),
        ("Talks were led by Anna Lindqvist on Monday.", "Anna Lindqvist", "PERSON"),
    ],
)
def test_person_by_evidence(blank_nlp, text: str, name: str, label: str | None) -> None:
    got = _person(blank_nlp, text, name)
    assert (None if got is None else got.label_) == label
