"""`claimx_rules`: spaCy's span ruler fed with claimx's rule files (ranks, titles, roles, organisation
and place patterns), writing `doc.spans["claimx_rules"]`.

It differs from the stock `span_ruler` in one way: phrase patterns are tokenized with every pipe
switched off, also when a saved pipeline is loaded. The stock ruler runs the pipes before it (the
tagger, parser and NER) over each of the ~1,200 phrase patterns when it is deserialised, which is
slow and matches on nothing more than `ORTH` anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.pipeline.span_ruler import SpanRuler


class RuleRuler(SpanRuler):
    """A span ruler whose phrase patterns only ever need the tokenizer."""

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add patterns with every pipe switched off (phrase patterns match on token text)."""
        with self.nlp.select_pipes(disable=self.nlp.pipe_names):
            super().add_patterns(list(patterns))
