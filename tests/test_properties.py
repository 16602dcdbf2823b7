"""Property-based tests (hypothesis) on the library entry points: for any text, extraction never
raises, every offset is exact, the record validates against `claimx schema`, and runs are identical."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.errors import InputError
from claimx.extraction import extract_text, split_points
from claimx.inputs.decode import decode
from tests.checks import check_extraction, check_record

# Pieces of news prose that reach every extractor path: ranks, names, quotes of every kind, speech
# verbs, dates, organisations and acronyms, datelines, posts, events, odd scripts and line ends.
FRAGMENTS = [
    "General",
    "Lt Gen",
    "Lt.-Gen.",
    "Rear Adm.",
    "Air Chief Marshal",
    "Chief Adviser",
    "President",
    "Prof.",
    "Omar Vance",
    "Ruth Okafor",
    "Vance",
    "Okafor's",
    "Nur-Ul-Hadi",
    "Nur Ul Hadi",
    "he",
    "she",
    "they",
    "said",
    "told reporters",
    "added",
    "according to",
    "met",
    "visited",
    "signed",
    "held talks with",
    '"',
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "(",
    ")",
    "[1]",
    ",",
    ".",
    ":",
    ";",
    "—",
    "-",
    "…",
    "on Sunday",
    "last month",
    "12 March 2024",
    "March 12",
    "9/11",
    "’91",
    "yesterday",
    "2025",
    "next week",
    "in Dhaka",
    "Karachi",
    "DHAKA, October 26:",
    "Baruna Kal district",
    "the Bay of Bengal",
    "the Army",
    "Bangladesh Army",
    "Ministry of Defence",
    "Northern Shipyards Korvat (NSK)",
    "NSK",
    "the ministry",
    "— Omar Vance (@ovance) November 3, 2025",
    "@ovance",
    "https://x.com/ovance/status/1",
    "date 2025-11-25",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  ",
    "🎖️",
    "🇧🇩",
    "قال الجنرال",
    "国防部",
    "\x07",
    "\u200b",
]
news = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(" ".join)
texts = st.one_of(st.text(max_size=400), news, st.text(alphabet=st.sampled_from(list("\"'“”‘’ .,\n")), max_size=80))
published = st.one_of(st.none(), st.dates())
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@FAST
@given(text=texts, pub=published)
def test_any_text_blank_pipeline(blank_nlp, text: str, pub) -> None:
    check_extraction(blank_nlp, text, pub)


@pytest.mark.slow
@pytest.mark.model
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, pub=published)
def test_any_text_real_model(nlp, text: str, pub) -> None:
    check_extraction(nlp, text, pub)


@pytest.mark.slow
@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(news, min_size=2, max_size=12))
def test_texts_processed_in_pieces_keep_every_property(nlp, paragraphs: list[str]) -> None:
    import claimx.extraction as ex

    text = "\n\n".join(paragraphs)
    old = ex.PIECE_CHARS
    ex.PIECE_CHARS = 120  # force the piece-and-merge path on small texts
    try:
        check_record(extract_text(text, nlp).to_dict(), text)
    finally:
        ex.PIECE_CHARS = old


@FAST
@given(data=st.binary(max_size=600))
def test_decode_any_bytes_gives_text_or_input_error(data: bytes) -> None:
    try:
        text = decode(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ") and "\n" not in str(exc)
        return
    assert isinstance(text, str)
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # not UTF-8: whatever the detector chose
    if b"\x00" not in data and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        assert text == utf8  # valid UTF-8 is never second-guessed


@FAST
@given(text=st.text(alphabet=st.sampled_from(list("ab .\n\r")), max_size=3000), size=st.integers(4, 500))
def test_split_points_cover_the_text_in_bounded_pieces(text: str, size: int) -> None:
    cuts = split_points(text, size)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    assert all(0 < b - a <= size for a, b in itertools.pairwise(cuts)) or len(text) == 0
