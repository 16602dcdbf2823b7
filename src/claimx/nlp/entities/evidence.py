"""Why each name of `claimx_entities` has its type and span: the steps that decided them, in order.

`EntityTyper` starts a `StepLog` from the model's names (each `model`) and shows it the names after
every pass: a name whose start, end and label did not change keeps its steps; one that is new or
changed gets the steps of the names it replaced (those it overlaps that the pass removed) and the
pass's own step. The log of the final names is stored on the Doc as `claimx_evidence`, plain values
keyed by character offsets (see `nlp/doc.py`), for the linker to merge over each entity's mentions.

Step names: `model`; a rule family's name (`person_evidence`, `titled_people`, ...); `rule-file:ID` for a
match of a rule-file pattern (its `id`); `gazetteer` for the passes where the gazetteer decides; and, set
by the linker, `speaker-name` (a name that only an attribution gives) and `document-vote` (the type the
entity's other mentions voted for).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from claimx.nlp.entities.context import RULE_LABELS

MODEL = "model"
GAZETTEER = "gazetteer"
RULE_FILE = "rule-file"
SPEAKER_NAME = "speaker-name"
DOCUMENT_VOTE = "document-vote"
# The rule families whose passes type a name by the gazetteer alone: their step is `gazetteer`.
GAZETTEER_FAMILIES = frozenset({"gazetteer_retype", "gazetteer_places"})

_Key = tuple[int, int, int]  # token start, token end, label (its hash: no string made for each name)
_RULE_LABEL_IDS = frozenset(get_string_id(label) for label in RULE_LABELS)


def _key(span: Span) -> _Key:
    return (span.start, span.end, span.label)


def step_of(family: str, span: Span) -> str:
    """The step a pass of `family` records for a name it made: a rule-file match names its pattern."""
    if span.label_ in RULE_LABELS:
        return f"{RULE_FILE}:{span.id_}" if span.id_ else RULE_FILE
    return GAZETTEER if family in GAZETTEER_FAMILIES else family


def ordered(steps: Iterable[str], rank: Callable[[str], int]) -> tuple[str, ...]:
    """Steps each once, in the order they run (`rank`), ties by name."""
    return tuple(sorted(set(steps), key=lambda s: (rank(s), s)))


class StepLog:
    """The steps of each name so far, by (token start, token end, label)."""

    def __init__(self, spans: Sequence[Span], rank: Callable[[str], int]) -> None:
        self.rank = rank
        self.steps: dict[_Key, tuple[str, ...]] = {_key(s): (MODEL,) for s in spans}
        self.last = list(spans)

    def after(self, family: str, spans: Sequence[Span]) -> None:
        """Record what a pass of `family` did: `spans` are the names it returned."""
        if len(spans) == len(self.last) and all(map(operator.is_, spans, self.last)):
            return  # most passes hand every name on untouched (a pass makes new Spans, never changes one)
        self.last = list(spans)
        now = {_key(s): s for s in spans}
        if now.keys() == self.steps.keys():
            return
        gone = sorted(k for k in self.steps if k not in now)
        rule_matches_gone: dict[tuple[int, int], list[_Key]] = {}
        for g in gone:
            if g[2] in _RULE_LABEL_IDS:
                rule_matches_gone.setdefault(g[:2], []).append(g)
        steps: dict[_Key, tuple[str, ...]] = {}
        for key, span in now.items():
            if key in self.steps:
                # A rule match merged into the very name the model gave: both decided it.
                merged = [s for g in rule_matches_gone.get(key[:2], ()) for s in self.steps[g]]
                steps[key] = ordered([*self.steps[key], *merged], self.rank) if merged else self.steps[key]
                continue
            sources = [g for g in gone if g[0] < key[1] and key[0] < g[1]]
            inherited = [s for g in sources for s in self.steps[g]]
            # A rule match becoming the organisation or place it names is bookkeeping, not a decision.
            relabelled = any(g[:2] == key[:2] and g[2] in _RULE_LABEL_IDS for g in sources)
            own = [] if relabelled else [step_of(family, span)]
            steps[key] = ordered([*inherited, *own], self.rank)
        self.steps = steps

    def store(self, doc: Doc) -> None:
        """Keep the steps of the Doc's entities on it, as (start char, end char, steps) in text order."""
        doc._.claimx_evidence = tuple(
            (e.start_char, e.end_char, list(self.steps.get(_key(e), (MODEL,)))) for e in doc.ents
        )


def evidence_by_chars(doc: Doc) -> dict[tuple[int, int], tuple[str, ...]]:
    """The stored steps of the Doc's entities by their char range (DocBin gives lists back as lists)."""
    return {(int(s), int(e)): tuple(steps) for s, e, steps in doc._.claimx_evidence}
