"""Token helpers (`nlp/tokens.py`): heading lines, on a blank pipeline; every text is invented for the
tests."""

from __future__ import annotations

import pytest

from claimx.nlp.tokens import heading_lines, positions_where, tokens_with


@pytest.mark.parametrize(
    "line, is_heading",
    [
        ("Courtesy Call on by Chairman of the Example Board", True),
        ("Kenya trip", False),
        ("The minister arrived on Sunday and met officials.", False),
        ("Analysis: Some Person, Some News, Some City", True),
    ],
)
def test_heading_lines(blank_nlp, line: str, is_heading: bool) -> None:
    doc = blank_nlp.make_doc("Body text here.\n" + line + "\nMore body text.")
    assert bool(heading_lines(doc)) is is_heading


@pytest.mark.parametrize(
    "line, is_heading",
    [
        ("1. Arno Veldkamp (Norway) 31.42 points", False),  # a results table: digits are not capitals
        ("Harbourton 3 Millbrook 1", False),
        ("By Jane Ostrander and Pim Koval", False),  # a byline names its authors
        ("Storm Closes Coastal Roads Across Three Counties", True),
    ],
)
def test_heading_lines_digits_and_bylines(blank_nlp, line: str, is_heading: bool) -> None:
    doc = blank_nlp.make_doc("Body text here.\n" + line + "\nMore body text.")
    assert bool(heading_lines(doc)) is is_heading


def test_tokens_with_finds_the_words_by_their_form_or_lower_case() -> None:
    import spacy

    doc = spacy.blank("en")("Near Varsk the Coalition said: fighting near NEAR ends.")
    assert tokens_with(doc, "LOWER", {"near", "said"}) == [0, 4, 7, 8]
    assert tokens_with(doc, "ORTH", {"Coalition", "near"}) == [3, 7]
    assert tokens_with(doc, "ORTH", {"Absent"}) == []
    assert tokens_with(spacy.blank("en")(""), "LOWER", {"near"}) == []


def test_positions_where_tests_each_value_of_a_column() -> None:
    import spacy

    doc = spacy.blank("en")("The A400M and 737 jets flew; 12 left at 9am, none at noon.")
    assert positions_where(doc, "SHAPE", lambda shape: "d" in shape) == [1, 4, 8, 11]
    assert positions_where(doc, "LOWER", lambda word: word in ("at", "m")) == [2, 10, 15]
    assert positions_where(spacy.blank("en")(""), "SHAPE", bool) == []


def test_among_answers_as_numpy_isin_and_word_keys_match_the_docs_hashes() -> None:
    import numpy
    import spacy

    from claimx.nlp.tokens import among, word_keys

    doc = spacy.blank("en")("The Ferrol Harbour club beat Ostrava 3-1; the harbour was full and the club happy.")
    column = doc.to_array("LOWER")
    for words in (frozenset({"harbour", "club", "zzz"}), ["the", "the", "3"], frozenset(), ("happy",)):
        keys = word_keys(words)
        assert keys.tolist() == sorted(set(keys.tolist()))  # sorted, each once
        assert among(column, keys).tolist() == numpy.isin(column, [doc.vocab.strings[w] for w in words]).tolist()
    assert tokens_with(doc, "LOWER", frozenset({"harbour", "club"})) == [2, 3, 11, 16]
    assert word_keys(frozenset({"club"})) is word_keys(frozenset({"club"}))  # a list's keys are made once
    assert among(numpy.array([5, 1, 9], dtype="uint64"), numpy.array([1, 9], dtype="uint64")).tolist() == [
        False,
        True,
        True,
    ]
