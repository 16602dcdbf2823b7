"""What every pass of `claimx_entities` works on: the names so far (a list of spans) and a `PassContext`
that holds what the passes may read besides them. Each pass is `(spans, ctx) -> spans`; the table of
passes is in `typer.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimx.knowledge.rule_files import Words
from claimx.nlp.doc import PEOPLE, TITLES

# Labels of the rule files' organisation and place matches between the pass that adds them and the pass
# that merges them (`rule_spans.py`): the passes in between tell them from the model's names by these.
RULE_ORG = "RULE_ORG"
RULE_PLACE = "RULE_PLACE"
RULE_LABELS = frozenset({RULE_ORG, RULE_PLACE})


@dataclass(frozen=True)
class PassContext:
    """The Doc, the word lists and what `claimx_people` found: its titled people, the tokens they and
    the titles cover, and the names a titled person goes by (the whole name and the surname)."""

    doc: Doc
    words: Words
    people: tuple[Span, ...]
    person_tokens: frozenset[int]
    title_tokens: frozenset[int]
    titled_names: frozenset[str]

    @classmethod
    def of(cls, doc: Doc, words: Words) -> PassContext:
        """The context of one Doc that `claimx_people` has annotated."""
        people = tuple(doc.spans.get(PEOPLE, []))
        return cls(
            doc=doc,
            words=words,
            people=people,
            person_tokens=frozenset(i for p in people for i in range(p.start, p.end)),
            title_tokens=frozenset(i for s in doc.spans.get(TITLES, []) for i in range(s.start, s.end)),
            titled_names=frozenset(w for p in people for w in (p.text, p[-1].text)),
        )


# One pass of `claimx_entities`: the names so far in, the names after its decisions out.
PassFunction = Callable[[list[Span], PassContext], list[Span]]
