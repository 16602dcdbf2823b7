"""`claimx_rules`: spaCy's span ruler fed with claimx's rule files (ranks, titles, roles, organisation
and place patterns), writing `doc.spans["claimx_rules"]`.

It differs from the stock `span_ruler` in two ways:
- `initialize()` without patterns reads claimx's rule files (the shipped ones, with those of a
  `patterns_dir`), and puts the word lists they name ("@place_cues") into the vocab, where the other
  components keep theirs (`claimx.nlp.component`). A pattern keeps the "@name" it was written with, so
  the ruler saves it as written and each list is saved once, with the vocab.
- Phrase patterns are tokenized with every pipe switched off, also when a saved pipeline is loaded.
  The stock ruler runs the pipes before it (the tagger, parser and NER) over each of the ~1,200 phrase
  patterns when it is deserialised, which is slow and matches on nothing more than `ORTH` anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.pipeline.span_ruler import SpanRuler

from claimx.knowledge.rule_files import expand_pattern, named_lists, rule_patterns
from claimx.nlp.component import store_word_lists, stored_words


class RuleRuler(SpanRuler):
    """A span ruler for claimx's rule files, whose phrase patterns only ever need the tokenizer."""

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        patterns: Iterable[dict[str, Any]] | None = None,
        patterns_dir: str | None = None,  # str: spaCy checks these settings with pydantic, which cannot see Path
    ) -> None:
        """Set the patterns: those given, else claimx's rule files with those of `patterns_dir`."""
        if patterns is None:
            patterns, lists = rule_patterns(patterns_dir)
            store_word_lists(self.nlp.vocab, lists)
        super().initialize(get_examples or list, nlp=nlp, patterns=list(patterns))

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add patterns with every pipe switched off (phrase patterns match on token text); an "@name"
        item matches the words of that list."""
        patterns = list(patterns)
        words = stored_words(self.nlp.vocab, set().union(*(named_lists(p.get("pattern")) for p in patterns)))
        kept = len(self._patterns)
        with self.nlp.select_pipes(disable=self.nlp.pipe_names):
            super().add_patterns([p | {"pattern": expand_pattern(p.get("pattern"), words)} for p in patterns])
        self._patterns[kept:] = patterns
