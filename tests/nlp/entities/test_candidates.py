"""Which of the model's names name nothing (`nlp/entities/candidates.py`), on hand-built Docs; every text
is invented."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from claimx.knowledge.rule_files import load_words
from claimx.nlp.entities.candidates import names_nothing


def _person(words: list[str], pos: list[str], tags: list[str], spaces: list[bool]) -> Span:
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, tags=tags, spaces=spaces)
    return Span(doc, 0, len(doc), label="PERSON")


@pytest.mark.parametrize(
    "words, pos, tags, spaces, nothing",
    [
        # a hyphenated given name whose second half the tagger read as a common noun: still a name
        (
            ["Ho", "Wai", "-", "kit"],
            ["PROPN", "PROPN", "PUNCT", "NOUN"],
            ["NNP", "NNP", "HYPH", "NN"],
            [True, False, False, False],
            False,
        ),
        (
            ["Pak", "Sun", "-", "bo"],
            ["PROPN", "PROPN", "PUNCT", "PROPN"],
            ["NNP", "NNP", "HYPH", "NNP"],
            [True, False, False, False],
            False,
        ),
        # a name before "-led", "-based": a participle ends no personal name
        (
            ["Varn", "Osk", "-", "led"],
            ["PROPN", "PROPN", "PUNCT", "VERB"],
            ["NNP", "NNP", "HYPH", "VBN"],
            [True, False, False, False],
            True,
        ),
        # one capitalised word and a common noun after the hyphen ("Varn-era") is no personal name
        (["Varn", "-", "era"], ["PROPN", "PUNCT", "NOUN"], ["NNP", "HYPH", "NN"], [False, False, False], True),
        # a common noun after a space ends no personal name
        (["Zagrov", "mountains"], ["PROPN", "NOUN"], ["NNP", "NNS"], [True, False], True),
    ],
)
def test_a_person_ending_in_lower_case(
    words: list[str], pos: list[str], tags: list[str], spaces: list[bool], nothing: bool
) -> None:
    assert names_nothing(_person(words, pos, tags, spaces), load_words()) is nothing
