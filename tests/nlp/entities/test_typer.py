"""The passes of `claimx_entities` as a declared table: one signature, the families and their switches
derived from the table, the table's order what the component runs, and a family switched off changing
only what its own passes decide. Every text here is invented for the test."""

from __future__ import annotations

import inspect
import typing
from dataclasses import replace

import pytest
import spacy
from spacy.tokens import Doc, Span

import claimx.nlp.entities.typer as typer_module
from claimx.nlp.entities.context import RULE_LABELS, PassContext
from claimx.nlp.entities.typer import PASSES, RULE_FAMILIES, EntityTyper, Pass
from claimx.nlp.factories import make_entities

# Every name below is mentioned once, so that no decision about one mention carries over to another.
TEXTS = (
    "KORVALA: Lt. Gen. Amara Okonkwo of the Varn Army met Minister for Trade Policy Ivo Dren near Qarsun on"
    " Friday evening.\n\nThe Northern Shipyards Korvat (NSK) said the Union of Arland and the Borders backed the"
    " Coalition. Fighters of the Bani Khalaf tribe attacked Kesh Airfield West, and the Army said Navy Chief"
    " Tomas Berg was safe. Erik Lundgren AG and the insurer Hallam Knight left Lyon, Marseille last year. The"
    " Trade Council Resolution 4471 passed at the Varna Summit. Omar Haddad's Unity Party won in the town of"
    " Zarqet. The Lagos-Accra road reopened and the Korvan Brigades withdrew from the Wadi al Qarn. Marco de"
    " Santis, the senior adviser to the envoy, spoke to Freedonian reporters.",
    "Peter Walsh Opens New Bridge Over River\n\nNavies of the Asia-Pacific region met at Port Varel on Monday."
    " Fighting went on in Aleppo, and attacks in Qarmel, Dunat and Sirfa were reported. The Union of Serbia and"
    " Montenegro signed. The strikes aim at the final defeat of Korvash in the valley. Aid went to the Varn Land"
    " Forces, Coastal Defence Forces and others. I spoke to Envoy Paolo de Rossi today.",
    "SOCCER - NORTHERN LEAGUE RESULTS .\n\nExeter 2 Dundee 1\n\nLyon 0 Oban Rovers 3\n\nExeter beat Dundee 2-1 on"
    " Saturday . The Acme and Borlin Council said the 737 Max would stay grounded . The Max flew in March , and"
    " the Ministry of Energy and Mines agreed .\n\nSource: Daily Tribune, as reported by Northwind News\n",
)


def test_every_pass_has_the_one_signature() -> None:
    for step in PASSES:
        params = list(inspect.signature(step.run).parameters)
        hints = typing.get_type_hints(step.run)
        assert params == ["spans", "ctx"], step.name
        assert hints == {"spans": list[Span], "ctx": PassContext, "return": list[Span]}, step.name
        assert step.decides, step.name


def test_the_families_and_their_descriptions_come_from_the_table() -> None:
    assert len({p.name for p in PASSES}) == len(PASSES)
    assert list(RULE_FAMILIES) == list(dict.fromkeys(p.family for p in PASSES))
    for step in PASSES:
        assert step.decides in RULE_FAMILIES[step.family]
    # The families that run at two points of the order are one switch each.
    twice = {f for f in RULE_FAMILIES if sum(p.family == f for p in PASSES) == 2}
    assert twice == {"group_names", "name_shapes", "title_overlaps", "rule_entities"}


def test_the_module_docstring_lists_the_table() -> None:
    rows = [line.split("|")[1:4] for line in (typer_module.__doc__ or "").splitlines() if line.startswith("| ")]
    listed = [tuple(cell.strip() for cell in row) for row in rows[2:]]  # after the header and its rule
    assert listed == [(p.name, p.family, p.run.__module__.rsplit(".", 1)[-1]) for p in PASSES]


def test_every_family_can_be_switched_off_and_unknown_names_are_refused() -> None:
    nlp = spacy.blank("en")
    pipe = make_entities(nlp, "claimx_entities", disabled=list(RULE_FAMILIES))
    assert pipe.passes() == []
    with pytest.raises(ValueError, match="unknown rule families.*'no_such_family'"):
        make_entities(nlp, "claimx_entities", disabled=["headings", "no_such_family"])


def _traced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Pass, set[tuple[int, int, str]], set[tuple[int, int, str]]]]:
    """Make the component record, for each pass it runs, the pass and the names before and after it."""
    trace: list[tuple[Pass, set[tuple[int, int, str]], set[tuple[int, int, str]]]] = []

    def recorded(step: Pass) -> Pass:
        def run(spans: list[Span], ctx: PassContext) -> list[Span]:
            out = step.run(spans, ctx)
            trace.append((step, {_key(s) for s in spans}, {_key(s) for s in out}))
            return out

        return replace(step, run=run)

    monkeypatch.setattr(typer_module, "PASSES", tuple(recorded(p) for p in PASSES))
    return trace


def _key(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label_


def test_the_component_runs_the_table_in_order(blank_nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    typer = blank_nlp.get_pipe("claimx_entities")
    trace = _traced(monkeypatch)
    doc = blank_nlp("The delegation met Lt. Gen. Amara Okonkwo in the capital on Monday.")
    assert [step.name for step, _, _ in trace] == [p.name for p in PASSES]
    assert [(e.text, e.label_) for e in doc.ents] == [("Amara Okonkwo", "PERSON")]
    trace.clear()
    saved = typer.disabled
    try:
        typer.disabled = frozenset({"name_shapes", "headings"})
        blank_nlp("The delegation met Lt. Gen. Amara Okonkwo in the capital on Monday.")
    finally:
        typer.disabled = saved
    assert [step.name for step, _, _ in trace] == [
        p.name for p in PASSES if p.family not in ("name_shapes", "headings")
    ]


def _before_the_component(nlp, text: str) -> Doc:
    doc = nlp.make_doc(text)
    names = nlp.pipe_names
    for name in names[: names.index("claimx_entities")]:
        doc = nlp.get_pipe(name)(doc)
    return doc


@pytest.mark.model
def test_a_family_switched_off_changes_only_what_it_decides(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    """With one family off, every entity that differs from the run with all families on lies on tokens
    that a pass of that family changed in the run with all on; and most families decide something here."""
    typer = EntityTyper(nlp.get_pipe("claimx_entities").words)
    deciding: set[str] = set()
    for text in TEXTS:
        doc = _before_the_component(nlp, text)
        with monkeypatch.context() as patch:
            trace = _traced(patch)
            on = {_key(e) for e in typer(doc.copy()).ents}
        touched: dict[str, set[int]] = {}
        for step, before, after in trace:
            tokens = {i for start, end, _ in before ^ after for i in range(start, end)}
            touched.setdefault(step.family, set()).update(tokens)
        assert not any(label in RULE_LABELS for _, _, label in on)
        for family in RULE_FAMILIES:
            typer.disabled = frozenset({family})
            off = {_key(e) for e in typer(doc.copy()).ents}
            if on != off:
                deciding.add(family)
            elsewhere = [s for s in on ^ off if not touched.get(family, set()).intersection(range(s[0], s[1]))]
            assert not elsewhere, (family, elsewhere)
        typer.disabled = frozenset()
    assert len(deciding) >= len(RULE_FAMILIES) // 2, sorted(set(RULE_FAMILIES) - deciding)


@pytest.mark.model
@pytest.mark.parametrize(
    "family, text, name",
    [
        ("candidate_filters", "Freedonian troops said Colonel Tomas Berg was safe.", ("Freedonian", "NORP")),
        (
            "bare_force_words",
            "Troops of the Varn Army left, and the Army said Colonel Tomas Berg was safe.",
            ("Army", "ORG"),
        ),
        ("not_names", "The Lagos-Accra road reopened on Monday.", ("Lagos-Accra", "ORG")),
        (
            "rule_span_filters",
            "Voters went to the polls in the Canadian province of Ontario.",
            ("Canadian province", "LOC"),
        ),
        ("title_overlaps", "President of the Senate Karl Osei met Defence Secretary Ruth Ansel.", ("Defence", "ORG")),
    ],
)
def test_a_rule_that_was_always_on_can_be_switched_off(nlp, family: str, text: str, name: tuple[str, str]) -> None:
    """The model's name comes back when the family that drops it is off, and only then."""
    typer = nlp.get_pipe("claimx_entities")
    saved = typer.disabled
    try:
        on = {(e.text, e.label_) for e in nlp(text).ents}
        typer.disabled = frozenset({family})
        off = {(e.text, e.label_) for e in nlp(text).ents}
    finally:
        typer.disabled = saved
    assert name not in on and name in off, (on, off)
    assert off - on == {name}


@pytest.mark.model
@pytest.mark.parametrize(
    "family, text, name",
    [
        ("titled_people", "Navy Chief Admiral Tomas Berg was safe, officials said.", ("Tomas Berg", "PERSON")),
        ("acronyms", "Funds went to the Qarsun Water Board (QWB) on Monday.", ("QWB", "ORG")),
        ("place_prepositions", "Fighting went on near Palmyra for a week.", ("Palmyra", "GPE")),
    ],
)
def test_a_family_switched_off_loses_its_entity(nlp, family: str, text: str, name: tuple[str, str]) -> None:
    typer = nlp.get_pipe("claimx_entities")
    saved = typer.disabled
    try:
        on = {(e.text, e.label_) for e in nlp(text).ents}
        typer.disabled = frozenset({family})
        off = {(e.text, e.label_) for e in nlp(text).ents}
    finally:
        typer.disabled = saved
    assert name in on and name not in off, (on, off)
