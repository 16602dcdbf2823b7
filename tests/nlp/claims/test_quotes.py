"""Quotation finding and posts (`nlp/claims/quotes.py`), pure functions on invented texts."""

from __future__ import annotations

import pytest

from claimx.nlp.claims.quotes import find_posts, find_quotations


def _quotes(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quotations(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will hold the line here" today.', ["we will hold the line here"]),
        ("She said \u201cthe talks went very well indeed\u201d.", ["the talks went very well indeed"]),
        ('"Too short," he said.', []),
        ('One "two three four five" and "six seven eight nine" end.', ["two three four five", "six seven eight nine"]),
        # A stray mark is dropped when the next mark opens again.
        ('An odd mark " here and "a proper quote of five words" there.', ["a proper quote of five words"]),
        ("", []),
        ('""""""', []),
        ("\u201c\u201c\u201d\u201d", []),
    ],
)
def test_find_quotations(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


def test_odd_number_of_marks_does_not_abort_the_rest() -> None:
    text = 'He said "this one never closes.\n\nLater she said "the second quote is complete" firmly.'
    assert _quotes(text) == ["the second quote is complete"]


def test_quote_continued_over_paragraphs_is_one_claim() -> None:
    text = '"The first paragraph of the quote goes on\n\n"and the second one closes it," he said.'
    got = find_quotations(text)
    assert len(got) == 1
    s, e = got[0]
    assert text[s:e].startswith("The first paragraph") and text[s:e].endswith("closes it,")


def test_imagined_speech_is_not_a_quote() -> None:
    assert _quotes('He smiled as if to say "you will never get me now".') == []


def test_nested_single_quotes_stay_inside() -> None:
    text = "He said \u201cthey called it \u2018the long night\u2019 for a reason\u201d later."
    assert _quotes(text) == ["they called it \u2018the long night\u2019 for a reason"]


def test_find_posts_reads_handle_holder_and_date() -> None:
    text = (
        "Intro paragraph.\n\nLAGOS, 3 May 2025: The chief met the visiting team at the base today.\u2026 "
        "pic.twitter.com/AbC123 \u2014 Example Navy (@ExampleNavy) May 3, 2025\n\nNext."
    )
    (post,) = find_posts(text)
    assert post.handle == "@ExampleNavy"
    assert text[post.start : post.end].startswith("LAGOS, 3 May 2025: The chief")
    assert "pic.twitter" not in text[post.start : post.end]
    assert text[post.speaker[0] : post.speaker[1]] == "Example Navy"
    assert text[post.date_text[0] : post.date_text[1]] == "May 3, 2025"


def test_inside_marks_counts_the_marks_of_the_tokens_paragraph_as_a_scan_does(blank_nlp) -> None:
    from claimx.nlp.claims.quotes import _MARK_WORDS, _inside_marks
    from claimx.nlp.doc import doc_text
    from claimx.nlp.tokens import DocIndex, paragraph_start

    text = (
        '"The quay is open," the harbour master said. “We worked all night,\n\nand the cranes” are fine, '
        "she added. ``Nothing broke'' said a welder.\n\n"
        "A new paragraph: \u201eno marks open here\u201d and “one stays open\n\nuntil the next paragraph."
    )
    with blank_nlp.select_pipes(enable=["sentencizer"]):
        doc = blank_nlp(text)
    index = DocIndex(doc)

    def scan(i: int) -> bool:
        lo = paragraph_start(doc_text(doc), doc[i].idx)
        return sum(1 for t in doc[:i] if t.idx >= lo and (t.is_quote or t.text in _MARK_WORDS)) % 2 == 1

    inside = [_inside_marks(index, t) for t in doc]
    assert inside == [scan(i) for i in range(len(doc))]
    assert any(inside) and not all(inside)
    assert not _inside_marks(index, doc[-2])  # the mark left open in the paragraph before does not carry over
