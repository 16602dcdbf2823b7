"""claimx's components: quotation finding (pure), headings, posts, titles on a blank pipeline."""

from __future__ import annotations

import pytest

from claimx.nlp.claims.quotes import find_posts, find_quotations
from claimx.nlp.doc import PEOPLE
from claimx.nlp.tokens import heading_lines


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


def test_rank_chain_makes_person_on_blank_pipeline(blank_nlp) -> None:
    doc = blank_nlp("The delegation met Lt. Gen. Amara Okonkwo in the capital.")
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [p.text for p in people] == ["Amara Okonkwo"]
    assert [(p.text, p._.claimx_rank) for p in doc.spans[PEOPLE]] == [("Amara Okonkwo", "Lieutenant General")]


@pytest.mark.parametrize(
    "text, name, rank",
    [
        ("Talks with Air Chief Marshal Tomas Eriksen began.", "Tomas Eriksen", "Air Chief Marshal"),
        ("Talks with Rear Adm. Lina Park began.", "Lina Park", "Rear Admiral"),
        ("Talks with Maj Gen Omar Haddad began.", "Omar Haddad", "Major General"),
        ("Talks with Brig. Sara Quist began.", "Sara Quist", "Brigadier"),
        ("Talks with Col. Ivo Marek began.", "Ivo Marek", "Colonel"),
        ("Talks with Army Chief General Rafael Duarte began.", "Rafael Duarte", "General"),
        ("Talks with Chief Adviser Professor Ana Ruiz began.", "Ana Ruiz", "Chief Adviser"),
        ("Talks with Defence Minister Kofi Mensah began.", "Kofi Mensah", "Defence Minister"),
        ("Talks with Minister for Central Asia Edwin Marsh began.", "Edwin Marsh", "Minister for Central Asia"),
        ("Talks with Minister for Trade Policy Ivo Dren began.", "Ivo Dren", "Minister for Trade Policy"),
        ("Talks with Foreign Office Minister Ivo Dren began.", "Ivo Dren", "Foreign Office Minister"),
        ("Talks with Secretary Ivo Dren began.", "Ivo Dren", "Secretary"),
    ],
)
def test_rank_forms_map_to_full_form(blank_nlp, text: str, name: str, rank: str) -> None:
    doc = blank_nlp(text)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [p.text for p in people] == [name]
    assert [(p.text, p._.claimx_rank) for p in doc.spans[PEOPLE]] == [(name, rank)]


def test_title_area_is_part_of_the_title_not_a_place(blank_nlp) -> None:
    doc = blank_nlp("The Minister for Central Asia, Mr Marsh, flew to Kabul.")
    assert not [e for e in doc.ents if e.label_ == "PERSON" and e.text.startswith("Mr")]
    assert [e.text for e in doc.ents if e.label_ in ("GPE", "LOC")] in ([], ["Kabul"])


def test_title_without_a_name_makes_no_person(blank_nlp) -> None:
    doc = blank_nlp("He paid a call on the Chief of Army Staff at the ministry.")
    assert not [e for e in doc.ents if e.label_ == "PERSON"]


def test_place_cue_makes_a_place(blank_nlp) -> None:
    doc = blank_nlp("The army will reopen its Qadirpur air base next to Tarsk district.")
    places = sorted(e.text for e in doc.ents if e.label_ == "LOC")
    assert places == ["Qadirpur air base", "Tarsk district"]


def test_armed_force_pattern_but_not_an_office(blank_nlp) -> None:
    doc = blank_nlp("Officers of the Freedonia Army met the Freedonia Navy chief.")
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert orgs == ["Freedonia Army"]


def test_lowercase_ministry_is_an_organisation(blank_nlp) -> None:
    doc = blank_nlp("The visit matters, the defence ministry said.")
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["defence ministry"]
