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
from tests.conftest import SAMPLES

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
        "print(json.dumps(sorted(nlp.get_pipe('claimx_entities').words['place_of_heads'])))\n"
    )
    # spaCy, not claimx, is imported first: the factories are found through the package's entry points.
    out = subprocess.run([sys.executable, "-W", "error::UserWarning", "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    names, record, places = out.stdout.splitlines()
    assert [n for n in json.loads(names) if n.startswith("claimx_")] == PIPES
    assert record == _record(nlp, sample)
    assert json.loads(places) == sorted(nlp.get_pipe("claimx_entities").words["place_of_heads"])
    assert not [p for p in (tmp_path / "pipeline").rglob("words.jsonl")]  # the lists are in the vocab, once


@pytest.mark.model
def test_saved_pipeline_is_what_load_pipeline_returns(nlp, tmp_path) -> None:
    from claimx.nlp.pipeline import load_pipeline

    nlp.to_disk(tmp_path / "saved")
    loaded = load_pipeline.__wrapped__(str(tmp_path / "saved"))
    assert loaded.pipe_names == nlp.pipe_names


def _claimx_nlp(patterns_dir=None):
    import spacy

    from claimx.nlp.pipeline import add_claimx_pipes

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_claimx_pipes(nlp, patterns_dir)


def test_a_saved_pipeline_holds_each_word_list_once(tmp_path) -> None:
    """The lists live in the vocab's lookups, saved once: no component saves a copy, and the rule
    ruler's patterns name their lists ("@place_cues") instead of pasting them."""
    import spacy

    from claimx.knowledge.rule_files import load_word_lists
    from claimx.nlp.component import WORDS_TABLE

    _claimx_nlp().to_disk(tmp_path / "saved")
    saved = {p.relative_to(tmp_path / "saved").as_posix() for p in (tmp_path / "saved").rglob("*") if p.is_file()}
    assert not [p for p in saved if p.split("/")[0] in PIPES[1:]], "a component saved its own word lists"
    patterns = (tmp_path / "saved" / "claimx_rules" / "patterns").read_text(encoding="utf-8")
    assert '"@place_cues"' in patterns and "cantonment" not in patterns
    table = spacy.load(tmp_path / "saved").vocab.lookups.get_table(WORDS_TABLE)
    shipped = load_word_lists()
    for name in ("place_cues", "place_nouns", "org_heads", "legislature_heads", "name_stop_words"):
        assert table[name] == {"words": sorted(shipped[name].words), "include": list(shipped[name].include)}


def test_a_saved_pipeline_keeps_a_users_word_lists(tmp_path) -> None:
    import spacy

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "words.jsonl").write_text('{"list": "holiday_names", "words": ["Founders Day"]}\n')
    _claimx_nlp(tmp_path / "mine").to_disk(tmp_path / "saved")
    loaded = spacy.load(tmp_path / "saved")
    holidays = loaded.get_pipe("claimx_entities").words["holiday_names"]
    assert "Founders Day" in holidays and "Easter" in holidays


def test_a_component_added_alone_gets_its_lists_in_initialize(tmp_path) -> None:
    """`nlp.initialize()` gives a claimx component the lists it reads, with a user's own from the
    `patterns_dir` of `[initialize.components]`."""
    import spacy

    from claimx.nlp.component import WORDS_TABLE

    (tmp_path / "words.jsonl").write_text('{"list": "org_heads", "words": ["guild"]}\n')
    nlp = spacy.blank("en")
    linker = nlp.add_pipe("claimx_linking")
    nlp.config["initialize"]["components"]["claimx_linking"] = {"patterns_dir": str(tmp_path)}
    nlp.initialize()
    assert "guild" in linker.words["org_heads"] and "brigade" in linker.words["org_heads"]
    assert "ministry" in linker.words["org_heads"]  # a word of a list org_heads includes (generic_org_nouns)
    table = nlp.vocab.lookups.get_table(WORDS_TABLE)
    assert "guild" in table["org_heads"]["words"]
    assert table.get("holiday_names") is None  # a list it does not read


def test_the_rule_ruler_added_alone_gets_claimx_rules_and_their_lists_in_initialize() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_rules")
    nlp.initialize()
    doc = nlp("Lt. Gen. Amara Okonkwo flew to the Baruna Kal district.")
    found = {(s.text, s.label_) for s in doc.spans["claimx_rules"]}
    assert ("Lt. Gen.", "RANK") in found and ("Baruna Kal district", "PLACE") in found


def test_people_finder_declares_that_it_retokenizes(blank_nlp) -> None:
    assert blank_nlp.get_pipe_meta("claimx_people").retokenizes
    assert not blank_nlp.get_pipe_meta("claimx_entities").retokenizes


def test_no_text_cache_is_left_on_a_doc_whatever_pipes_run(blank_nlp) -> None:
    text = 'Rear Adm. Lina Park said "the exercise will go ahead as planned" on Sunday.'
    with blank_nlp.select_pipes(disable=["claimx_linking"]):
        doc = blank_nlp(text)
    assert doc.spans["claimx_quotes"] and not [k for k in doc.user_data if "claimx_text" in str(k)]
    doc = blank_nlp(text)
    assert not [k for k in doc.user_data if "claimx_text" in str(k)]


def test_make_doc_hands_its_text_to_the_components_so_none_joins_the_tokens(blank_nlp) -> None:
    from claimx.nlp.doc import doc_text

    article = make_article("Rear Adm. Lina Park said the exercise goes ahead on Sunday.", "a.txt")
    doc = make_doc(blank_nlp, article)
    assert doc_text(doc) is article.text  # the string itself, not the tokens joined again
    assert not [k for k in doc.user_data if "claimx_text" in str(k)]


def test_each_component_declares_every_word_list_its_modules_read() -> None:
    """A list a component's code reads but does not declare would be missing from the lists it gets."""
    import re
    from pathlib import Path

    import claimx
    from claimx.nlp.entities.people import PeopleFinder
    from claimx.nlp.entities.typer import EntityTyper
    from claimx.nlp.linking.linker import Linker

    nlp_dir = Path(claimx.__file__).parent / "nlp"
    modules = {
        PeopleFinder: [nlp_dir / "entities" / "people.py"],
        EntityTyper: [p for p in (nlp_dir / "entities").glob("*.py") if p.name != "people.py"],
        Linker: list((nlp_dir / "linking").glob("*.py")),
    }
    for component, paths in modules.items():
        read = {m for p in paths for m in re.findall(r"""words\[["'](\w+)["']\]""", p.read_text(encoding="utf-8"))}
        assert read and read <= set(component.WORD_LISTS), (component.__name__, read - set(component.WORD_LISTS))
