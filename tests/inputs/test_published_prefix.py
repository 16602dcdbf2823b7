"""A `date YYYY-MM-DD` metadata prefix only dates an article: the text after it gives the same record
as the same text with --published (offsets shifted by the prefix, `published_basis` apart)."""

from __future__ import annotations

import pytest

from claimx.extraction import extract_text

PUBLISHED = "2025-03-10"
# Invented articles; the first ones report an event in their first sentence, which a prefix glued to
# that sentence used to take the subject of.
ARTICLES = {
    "event first": "President Arlo Venn met Prime Minister Desa Korrin in Velmora on Monday. The two leaders "
    "discussed trade and fishing rights, officials said.",
    "visit first": "Foreign Minister Kela Borin visited Tarsk on Sunday and held talks with Governor Ivo Marran. "
    "Borin said the new road would open by June.",
    "quote and statement": "Defence Minister Kela Borin said the army would leave Tarsk by June. \u201cWe have done "
    "our part and the soldiers will come home,\u201d Borin told reporters in Velmora on Tuesday.",
    "dateline": "VELMORA, March 8 \u2014 The Harbour Authority signed a contract with Orvane Shipping on Friday, "
    "a spokesman said.\n\nGeneral Tomas Rell visited the port yesterday.",
    "headline": "Port talks resume\n\nRear Admiral Lina Park met harbour officials in Kessa on Monday, the navy "
    "said. \u201cThe talks went well,\u201d Park said.",
}
PREFIXES = {
    "own line": f"date {PUBLISHED}\n",
    "same line": f"date {PUBLISHED} ",
    "blank line after": f"date {PUBLISHED}\n\n",
}


def _shifted(rec: dict, offset: int) -> dict:
    """The record with offsets moved back by `offset` and what comes from the input file left out."""
    out = {k: v for k, v in rec.items() if k not in ("published_basis", "sha256", "length", "source")}
    out["entities"] = [
        {**e, "mentions": [{**m, "start": m["start"] - offset, "end": m["end"] - offset} for m in e["mentions"]]}
        for e in rec["entities"]
    ]
    keys = ("start", "end", "sentence_start", "sentence_end")
    out["claims"] = [{**c, **{k: c[k] - offset for k in keys}} for c in rec["claims"]]
    return out


@pytest.mark.model
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_prefix_gives_the_record_of_published(nlp, name: str, prefix: str) -> None:
    body, head = ARTICLES[name], PREFIXES[prefix]
    with_prefix = extract_text(head + body, nlp).to_dict()
    with_option = extract_text(body, nlp, PUBLISHED).to_dict()
    assert (with_prefix["published"], with_prefix["published_basis"]) == (PUBLISHED, "prefix")
    assert with_option["published_basis"] == "option"
    assert _shifted(with_prefix, len(head)) == _shifted(with_option, 0)


@pytest.mark.model
def test_the_event_of_a_first_sentence_survives_a_prefix(nlp) -> None:
    rec = extract_text(PREFIXES["own line"] + ARTICLES["event first"], nlp).to_dict()
    (event,) = [c for c in rec["claims"] if c["type"] == "event"]
    assert event["text"] == "President Arlo Venn met Prime Minister Desa Korrin in Velmora on Monday."
    assert (event["start"], event["date"], event["place"]) == (16, PUBLISHED, "Velmora")


@pytest.mark.model
@pytest.mark.parametrize("name", ["border-talks.txt", "flood-relief.txt", "harbour-visit.txt", "drone-contract.txt"])
def test_each_sample_gives_the_same_record_without_its_prefix(nlp, name: str) -> None:
    from claimx.inputs.published import read_prefix
    from tests.conftest import SAMPLES

    text = (SAMPLES / name).read_text(encoding="utf-8")
    published, end = read_prefix(text)
    assert published is not None
    start = len(text) - len(text[end:].lstrip())
    with_prefix = extract_text(text, nlp).to_dict()
    with_option = extract_text(text[start:], nlp, published).to_dict()
    assert _shifted(with_prefix, start) == _shifted(with_option, 0)
