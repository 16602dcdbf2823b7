"""claimx's rule patterns (`nlp/ruler.py`, `claimx_rules`) through the entity component on a blank pipeline: place
cues, armed forces, ministries. Every text is invented for the tests."""

from __future__ import annotations

import pytest


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


# Token patterns matched on the stretches around their end words (RuleRuler.match) find what spaCy's own
# span ruler finds on the whole Doc (SpanRuler.match, which the class overrides).

STRETCH_LINES = [
    "Troops of the Norvan Republic Coast Guard and the Old Harbour Naval Base Command Headquarters met.",
    "The Kestrel Valley Air Force, the Varn Air Force and Tilde Army Base were named; Varn Air Force again.",
    "President Ana Ruiz Administration officials visited Lake Orsa and the Orsa River district on Monday.",
    "A Mountain Pass Road near Brell Square, then the foreign affairs ministry and the Defence Ministry spoke.",
    "army base. Air base! Headquarters, Force Guard Coast Ministry",  # end words without names before them
    "",
]


def _both(ruler, doc) -> tuple[list, list]:
    from spacy.pipeline.span_ruler import SpanRuler

    def key(spans) -> list:
        return [(s.start, s.end, s.label_, s.id_) for s in spans]

    return key(ruler.match(doc)), key(SpanRuler.match(ruler, doc))


def _same_matches_on(nlp) -> int:
    """Match STRETCH_LINES and every sample both ways, after the pipes before the ruler; the match count."""
    from tests.conftest import SAMPLES

    ruler = nlp.get_pipe("claimx_rules")
    texts = STRETCH_LINES + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    found = 0
    with nlp.select_pipes(enable=nlp.pipe_names[: nlp.pipe_names.index("claimx_rules")]):
        for doc in nlp.pipe(texts):
            ours, spacys = _both(ruler, doc)
            assert ours == spacys, doc.text[:60]
            found += len(ours)
    assert ruler._ends is not None  # the shipped patterns have the shape: the stretches were used
    return found


def test_matches_on_stretches_are_spacys_matches(blank_nlp) -> None:
    assert _same_matches_on(blank_nlp) > 20
    doc = blank_nlp.make_doc(STRETCH_LINES[1])
    assert ("Kestrel Valley Air Force", "armed-force") in {
        (s.text, s.id_) for s in blank_nlp.get_pipe("claimx_rules").match(doc)
    }


@pytest.mark.model
def test_matches_on_stretches_are_spacys_matches_after_the_model(nlp) -> None:
    assert _same_matches_on(nlp) > 20  # with the model's entity types (a "... administration" needs a PERSON)


def test_a_pattern_of_another_shape_leaves_the_whole_doc_to_spacys_matcher(blank_nlp) -> None:
    ruler = blank_nlp.get_pipe("claimx_rules")
    doc = blank_nlp.make_doc("Delegates of Brell and Orsa met at the Varn Army Base on Monday.")
    ruler.add_patterns([{"label": "EVENT", "pattern": [{"LOWER": "met"}, {"OP": "*"}, {"IS_DIGIT": True}]}])
    before = _both(ruler, doc)
    assert ruler._ends is None
    ruler.add_patterns([{"label": "EVENT", "pattern": [{"LOWER": "met"}, {"LOWER": "at"}]}])
    ours, spacys = _both(ruler, doc)
    assert ours == spacys and len(ours) == len(before[0]) + 1


def test_patterns_added_or_removed_later_change_the_stretches(blank_nlp) -> None:
    ruler = blank_nlp.get_pipe("claimx_rules")
    doc = blank_nlp.make_doc("The Brell Orsa Lighthouse and the Lighthouse Keepers Union met.")
    assert "Brell Orsa Lighthouse" not in [s.text for s in ruler.match(doc)]
    pattern = [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "lighthouse"}]
    ruler.add_patterns([{"label": "PLACE", "pattern": pattern, "id": "light"}])
    ours, spacys = _both(ruler, doc)
    assert ours == spacys
    assert [m[:2] for m in ours if m[3] == "light"] == [(0, 4), (1, 4), (2, 4)]  # every start of the "+" run
    ruler.remove_by_id("light")
    assert "Brell Orsa Lighthouse" not in [s.text for s in ruler.match(doc)]
    assert _both(ruler, doc)[0] == _both(ruler, doc)[1]
