"""claimx's components as ordinary spaCy components: saved and loaded with spaCy alone, and annotated
Docs that survive DocBin, doc.to_bytes() and nlp.pipe(n_process=2) with everything a record needs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.tokens import Doc, DocBin

from claimx.extraction import make_doc, to_record
from claimx.inputs.article import make_article
from claimx.nlp.doc import MENTIONS, QUOTES
from claimx.output.writers import dumps

from .conftest import SAMPLES

PIPES = ["claimx_rules", "claimx_people", "claimx_entities", "claimx_quotes", "claimx_statements", "claimx_linking"]


@pytest.fixture(scope="module")
def sample():
    text = (SAMPLES / "drone-contract.txt").read_text(encoding="utf-8")
    return make_article(text, "drone-contract.txt")


def _record(nlp, article, doc=None) -> str:
    doc = doc if doc is not None else nlp(make_doc(nlp, article))
    return dumps(to_record(doc, article))


def test_blank_pipeline_gets_every_component_in_order(blank_nlp) -> None:
    assert [n for n in blank_nlp.pipe_names if n.startswith("claimx_")] == PIPES


def test_blank_docs_round_trip_through_docbin(blank_nlp) -> None:
    article = make_article('Rear Adm. Lina Park said "the exercise will go ahead as planned" on Sunday.', "t")
    doc = blank_nlp(make_doc(blank_nlp, article))
    blob = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(blob).get_docs(blank_nlp.vocab)
    assert dumps(to_record(back, article)) == dumps(to_record(doc, article))
    assert [s.text for s in back.spans[QUOTES]] == ["the exercise will go ahead as planned"]


@pytest.mark.model
def test_docbin_round_trip_keeps_the_record(nlp, sample) -> None:
    doc = nlp(make_doc(nlp, sample))
    blob = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(blob).get_docs(nlp.vocab)
    assert _record(nlp, sample, back) == _record(nlp, sample, doc)
    assert len(back.spans[MENTIONS]) == len(doc.spans[MENTIONS]) > 0


@pytest.mark.model
def test_doc_to_bytes_round_trip_keeps_the_record(nlp, sample) -> None:
    doc = nlp(make_doc(nlp, sample))
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _record(nlp, sample, back) == _record(nlp, sample, doc)


@pytest.mark.model
def test_docs_come_back_from_two_processes_with_the_same_record(nlp, sample) -> None:
    one = _record(nlp, sample)
    docs = list(nlp.pipe([make_doc(nlp, sample) for _ in range(3)], n_process=2, batch_size=1))
    assert [_record(nlp, sample, d) for d in docs] == [one] * 3


@pytest.mark.model
def test_saved_pipeline_loads_with_plain_spacy_in_a_fresh_process(nlp, sample, tmp_path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    code = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "print(json.dumps(nlp.pipe_names))\n"
        "from claimx.extraction import make_doc\n"
        "from claimx.extraction import to_record\n"
        "from claimx.inputs.article import make_article\n"
        "from claimx.output.writers import dumps\n"
        f"article = make_article(open({str(SAMPLES / 'drone-contract.txt')!r}, encoding='utf-8').read(), "
        "'drone-contract.txt')\n"
        "print(dumps(to_record(nlp(make_doc(nlp, article)), article)))\n"
    )
    # spaCy, not claimx, is imported first: the factories are found through the package's entry points.
    out = subprocess.run([sys.executable, "-W", "error::UserWarning", "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    names, record = out.stdout.splitlines()
    assert [n for n in json.loads(names) if n.startswith("claimx_")] == PIPES
    assert record == _record(nlp, sample)


@pytest.mark.model
def test_saved_pipeline_is_what_load_pipeline_returns(nlp, tmp_path) -> None:
    from claimx.nlp.pipeline import load_pipeline

    nlp.to_disk(tmp_path / "saved")
    loaded = load_pipeline.__wrapped__(str(tmp_path / "saved"))
    assert loaded.pipe_names == nlp.pipe_names
