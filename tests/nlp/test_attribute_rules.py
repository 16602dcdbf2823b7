"""nlp/attribute_rules.py: the model's attribute ruler matched column by column gives every token the
attributes spaCy's own ruler gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

import claimx.nlp.factories  # noqa: F401  (registers claimx_attribute_ruler)
from claimx.nlp.attribute_rules import ColumnAttributeRuler, compile_ruler, swap_in

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# Invented lines that reach the rarer patterns of an English ruler: contractions, two-token lemmas,
# object pronouns, auxiliaries, "there is", whitespace tokens.
ODD_LINES = [
    "Ain't nobody gonna stop y'all, she said, and I gotta say nothin' worries me.",
    "Let's see: they told him it was fine, but he didn't believe it.\n\n  There are two ways in.",
    "Whether or not the mayor has done it, we do have plans; the council does too.",
    "Give it to me and you will see what I mean about them   and  those.",
]

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP]


def _toy_ruler(vocab, patterns: list[dict]) -> tuple[AttributeRuler, ColumnAttributeRuler]:
    spacy_ruler, ours = AttributeRuler(vocab), ColumnAttributeRuler(vocab)
    spacy_ruler.add_patterns(patterns)
    ours.add_patterns(patterns)
    return spacy_ruler, ours


def _doc(nlp, words: list[str], tags: list[str], deps: list[str]) -> Doc:
    heads = [0] * len(words)
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def test_same_matches_as_spacys_ruler_on_a_hand_made_doc() -> None:
    nlp = spacy.blank("en")
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": "plan"}]], "attrs": {"LEMMA": "scheme"}},
        {"patterns": [[{"LOWER": {"IN": ["a", "the"]}, "DEP": {"NOT_IN": ["nsubj", ""]}}]], "attrs": {"POS": "DET"}},
        {"patterns": [[{"LOWER": {"REGEX": "^pl"}}, {"TAG": "VBD"}]], "attrs": {"LEMMA": "p"}, "index": 1},
        {"patterns": [[{"TAG": "NN"}], [{"LOWER": "plan"}]], "attrs": {"MORPH": "Number=Sing"}},  # one key, two
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    ]
    spacy_ruler, ours = _toy_ruler(nlp.vocab, patterns)
    doc = _doc(
        nlp,
        ["The", "plan", "failed", "and", "a", "plan", "\n", "won", "the", "cup"],
        ["DT", "NN", "VBD", "CC", "DT", "NN", "_SP", "VBD", "DT", "NN"],
        ["nsubj", "ROOT", "dep", "cc", "det", "conj", "dep", "conj", "dobj", "dobj"],
    )
    expected = spacy_ruler.match(doc)
    assert expected, "the toy patterns must match something"
    assert ours.match(doc) == expected
    assert (3, 1, 3) in {(m[0], m[2], m[3]) for m in expected}  # the two-token pattern with a regex
    assert sum(1 for m in expected if m[0] == 4) == 3  # a key whose two patterns match one token: once
    twin = _doc(nlp, [t.text for t in doc], [t.tag_ for t in doc], [t.dep_ for t in doc])
    spacy_ruler(doc)
    ours(twin)
    assert doc.to_array(COLUMNS).tolist() == twin.to_array(COLUMNS).tolist()


def test_a_pattern_it_cannot_match_leaves_the_whole_ruler_to_spacy() -> None:
    nlp = spacy.blank("en")
    with_operator = [{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}}]
    spacy_ruler, ours = _toy_ruler(nlp.vocab, with_operator)
    assert compile_ruler(ours) is None
    doc = _doc(nlp, ["big", "plan", "plan"], ["JJ", "NN", "NN"], ["amod", "ROOT", "dep"])
    assert ours.match(doc) == spacy_ruler.match(doc) != []
    nlp.add_pipe("attribute_ruler").add_patterns(with_operator)
    assert swap_in(nlp) is False and type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_patterns_added_later_are_matched_too() -> None:
    nlp = spacy.blank("en")
    _, ours = _toy_ruler(nlp.vocab, [{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    doc = _doc(nlp, ["plan", "run"], ["NN", "VB"], ["ROOT", "dep"])
    assert [m[2] for m in ours.match(doc)] == [0]
    ours.add([[{"TAG": "VB"}]], {"POS": "VERB"})
    assert [m[2] for m in ours.match(doc)] == [0, 1]
    ours.clear()
    assert ours.match(doc) == []


@pytest.mark.model
def test_the_models_ruler_is_swapped_and_gives_every_token_the_same_attributes(nlp, model_name) -> None:
    assert type(nlp.get_pipe("attribute_ruler")) is ColumnAttributeRuler
    model = spacy.load(model_name)
    spacy_ruler = model.get_pipe("attribute_ruler")
    assert type(spacy_ruler) is AttributeRuler
    ours = nlp.get_pipe("attribute_ruler")
    assert ours.patterns == spacy_ruler.patterns
    texts = ODD_LINES + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    assert len(texts) > 5
    for doc in model.pipe(texts):
        assert ours.match(doc) == spacy_ruler.match(doc), doc.text[:60]
    before = [d.to_array(COLUMNS).tolist() for d in model.pipe(texts)]
    swap_in(model)
    assert type(model.get_pipe("attribute_ruler")) is ColumnAttributeRuler
    assert [d.to_array(COLUMNS).tolist() for d in model.pipe(texts)] == before
