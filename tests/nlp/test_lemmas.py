"""nlp/lemmas.py: the model's lemmatizer run once per word form gives every token spaCy's lemma."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer

from claimx.nlp.lemmas import FormLemmatizer, swap_in

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# Invented lines with the forms whose lemma depends on more than the word: the part of speech ("saw",
# "leaves", "meeting"), the morphology ("better", "was"/"were"), a lemma the attribute ruler sets ("ain't").
LINES = [
    "She saw the saw; the leaves fell as the minister leaves the meeting after meeting them.",
    "They were better prepared than we were, and the best of them ain't worried.",
    "The Rovers' striker scored twice, the coaches said, and the mice ran.",
]


@pytest.mark.model
def test_every_token_gets_spacys_lemma(nlp, model_name) -> None:
    ours = nlp.get_pipe("lemmatizer")
    assert type(ours) is FormLemmatizer and ours.mode == "rule"
    model = spacy.load(model_name)
    assert type(model.get_pipe("lemmatizer")) is EnglishLemmatizer
    texts = LINES + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    expected = [d.to_array([LEMMA, POS, MORPH]).tolist() for d in model.pipe(texts)]
    swap_in(model)
    assert type(model.get_pipe("lemmatizer")) is FormLemmatizer
    for _ in range(2):  # the second time from the lemmas it kept
        assert [d.to_array([LEMMA, POS, MORPH]).tolist() for d in model.pipe(texts)] == expected
    lemmas = [t.lemma_ for t in model(LINES[0])]
    assert lemmas[:4] == ["she", "see", "the", "saw"] and "leave" in lemmas and "leaf" in lemmas


@pytest.mark.model
def test_a_lemma_the_attribute_ruler_set_is_kept(nlp) -> None:
    doc = nlp.make_doc("It ain't so.")
    for name, pipe in nlp.pipeline:
        if not name.startswith("claimx_"):
            doc = pipe(doc)
    assert [t.lemma_ for t in doc][:3] == ["it", "be", "not"]
