"""Entities placed by hand on a Doc, for unit tests of the entity passes without the model."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from claimx.knowledge.rule_files import load_words
from claimx.nlp.doc import PEOPLE
from claimx.nlp.entities.context import PassContext


def span_of(doc: Doc, name: str, label: str, nth: int = 0) -> Span:
    """The `nth` occurrence (from 0) of `name` in the Doc's text, as an entity of `label`."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(name, start + 1)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None, f"{name!r} does not fall on token boundaries"
    return span


def mentions(doc: Doc, name: str, *labels: str) -> list[Span]:
    """The first len(labels) occurrences of `name`, each with its label."""
    return [span_of(doc, name, label, nth) for nth, label in enumerate(labels)]


def labelled(ents: list[Span]) -> list[tuple[str, str]]:
    """(text, label) of each entity, in text order."""
    return [(e.text, e.label_) for e in sorted(ents, key=lambda s: s.start)]


def context(doc: Doc, people: Iterable[Span] = ()) -> PassContext:
    """The context an entity pass gets for a hand-built Doc: the shipped word lists, and `people` as the
    titled people `claimx_people` found."""
    doc.spans[PEOPLE] = list(people)
    return PassContext.of(doc, load_words())
