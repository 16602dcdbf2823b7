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
- Token patterns are matched only around the words they end on. spaCy's Matcher starts every pattern
  at every token and calls each word-list test from Python, ~3 ms an article for claimx's 14 patterns,
  though each of them ends on a word of a list ("Force", "base", a place cue) that few tokens are. When
  every pattern has that shape (fixed tokens ending on a `LOWER` word, after at most a run of
  capitalised tokens with a repeat operator), the Matcher runs on the stretch that ends at each such
  word and reaches back over the fixed tokens and the capitalised run before them: every match lies in
  one of these stretches and the tests look at one token each, so the matches are the same. Any other
  pattern leaves the whole Doc to the Matcher.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IS_TITLE, LOWER
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc, Span

from claimx.knowledge.rule_files import expand_pattern, named_lists, rule_patterns
from claimx.nlp.component import store_word_lists, stored_words
from claimx.nlp.tokens import among, word_keys

# Repeat operators a capitalised run before a pattern's fixed tokens may carry: each needs one token at least.
_RUN_OPS = re.compile(r"\+|\{[1-9]\d*(?:,\d*)?\}")


# Stretches this few tokens apart are matched as one: a call of the Matcher costs about as much as ten tokens.
_BRIDGE = 10


@dataclass(frozen=True)
class _Ends:
    """Where the Matcher's patterns can match: the `LOWER` hashes of the words they end on, the most fixed
    tokens one has (the end word among them), and whether one opens with a capitalised run."""

    words: numpy.ndarray
    fixed: int
    runs: bool


class RuleRuler(SpanRuler):
    """A span ruler for claimx's rule files, whose phrase patterns only ever need the tokenizer."""

    _ends: _Ends | None = None
    _ends_known = False  # False until _ends is worked out from the Matcher's patterns (None: the whole Doc)

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
        self._ends_known = False

    def clear(self) -> None:
        """Remove every pattern."""
        super().clear()
        self._ends_known = False

    def remove(self, label: str) -> None:
        """Remove the patterns of a label."""
        super().remove(label)
        self._ends_known = False

    def remove_by_id(self, pattern_id: str) -> None:
        """Remove the patterns of an id."""
        super().remove_by_id(pattern_id)
        self._ends_known = False

    def match(self, doc: Doc) -> list[Span]:
        """The sorted, de-duplicated rule matches, as spaCy's span ruler finds them; token patterns are
        matched on the stretches that end at their end words when their shape allows (module docstring)."""
        if not self._ends_known:
            self._ends, self._ends_known = _pattern_ends(self.matcher), True
        if self._ends is None or not len(doc):
            return list(super().match(doc))
        self._require_patterns()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")  # as spaCy's ruler: one matcher may be empty
            found = {m for lo, hi in _stretches(doc, self._ends) for m in _relative(self.matcher(doc[lo:hi]), lo)}
            found.update(self.phrase_matcher(doc))
        labels = self._match_label_id_map
        spans = {
            Span(doc, start, end, label=labels[key]["label"], span_id=labels[key]["id"])
            for key, start, end in found
            if start != end
        }
        return sorted(spans)


def _relative(matches: Iterable[tuple[int, int, int]], offset: int) -> Iterable[tuple[int, int, int]]:
    """Matches found on a slice of a Doc, with the Doc's token indices."""
    return ((key, start + offset, end + offset) for key, start, end in matches)


def _pattern_ends(matcher: Any) -> _Ends | None:
    """The `_Ends` of a Matcher's patterns, or None when one of them has another shape (see the module
    docstring) or there are none."""
    words: set[str] = set()
    fixed, runs = 0, False
    for patterns in matcher._patterns.values():
        for pattern in patterns:
            shape = _shape(pattern)
            if shape is None:
                return None
            words |= shape[0]
            fixed, runs = max(fixed, shape[1]), runs or shape[2]
    if not words:
        return None
    return _Ends(word_keys(words), fixed, runs)


def _shape(pattern: list[dict[str, Any]]) -> tuple[set[str], int, bool] | None:
    """(end words, number of fixed tokens, opens with a capitalised run) of one token pattern, or None
    when it has another shape."""
    ops = [spec.get("OP") for spec in pattern]
    run = 0
    while run < len(ops) and ops[run] is not None:
        op = ops[run]
        if not isinstance(op, str) or not _RUN_OPS.fullmatch(op) or pattern[run].get("IS_TITLE") is not True:
            return None
        run += 1
    if run == len(pattern) or any(op is not None for op in ops[run:]):
        return None
    lower = pattern[-1].get("LOWER")
    if isinstance(lower, str):
        return {lower}, len(pattern) - run, run > 0
    if isinstance(lower, dict) and set(lower) == {"IN"} and all(isinstance(w, str) for w in lower["IN"]):
        return set(lower["IN"]), len(pattern) - run, run > 0
    return None


def _stretches(doc: Doc, ends: _Ends) -> list[tuple[int, int]]:
    """The token ranges a match can lie in, merged where they overlap or nearly meet: each ends at an end word and
    starts `fixed - 1` tokens before it, or further back over capitalised tokens when a pattern opens
    with a capitalised run."""
    columns = doc.to_array([LOWER, IS_TITLE])
    titled = columns[:, 1].astype(bool).tolist()
    out: list[tuple[int, int]] = []
    for end in numpy.flatnonzero(among(columns[:, 0], ends.words)).tolist():
        lo = max(end - ends.fixed + 1, 0)
        while ends.runs and lo > 0 and titled[lo - 1]:
            lo -= 1
        if out and lo <= out[-1][1] + _BRIDGE:
            out[-1] = (out[-1][0], end + 1)
        else:
            out.append((lo, end + 1))
    return out
