"""The model's attribute ruler, matched a whole column at a time.

English pipelines set each token's POS, MORPH and some lemmas with an attribute ruler: about 180 one-
or two-token patterns ("TAG is NN" -> POS NOUN; "LOWER is 'ai' and TAG is VBP" -> lemma "be"). spaCy's
Matcher tries every pattern at every token, which made the ruler cost ~20 ms of an article's ~150 (as
much as the parser), though its patterns only compare a token's tag, lower form or dependency with a
value. Here each such test is one comparison over the Doc's column of that attribute, so matching costs
under 1 ms; the attributes are then set by spaCy's own code, in the same order.

The matches are the ones spaCy's Matcher finds (same keys, same spans, each once), so every token gets
the same attributes: `tests/nlp/test_attribute_rules.py` checks that token by token against spaCy's
ruler. A pattern using anything else (an operator, another attribute or predicate, an extension) is
left to spaCy's Matcher: the whole ruler then runs as spaCy's does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

# The token attributes a pattern may test here: each is a column of `Doc.to_array` holding the same
# value spaCy's Matcher compares (a string's hash, or 0/1 for a flag).
COLUMNS: dict[str, int] = {"ORTH": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
FLAGS = frozenset({"IS_SPACE"})
PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
# How many (regex, word) results a ruler keeps from Doc to Doc before it starts again.
MAX_SEEN = 100_000


@dataclass(frozen=True, slots=True)
class Test:
    """One test of one token attribute: `op` is "==", "IN", "NOT_IN" or "REGEX"."""

    column: int
    op: str
    value: Any


@dataclass(frozen=True, slots=True)
class Pattern:
    """One pattern of one ruler entry: the tests of each of its tokens, in order."""

    attr_id: int
    key: int
    tokens: tuple[tuple[Test, ...], ...]


def compile_test(name: str, value: Any, columns: list[str]) -> list[Test] | None:
    """The tests of `name: value` in a token pattern, or None when spaCy's Matcher must do it."""
    if name not in COLUMNS:
        return None
    if name not in columns:
        columns.append(name)
    col = columns.index(name)
    if name in FLAGS:
        return [Test(col, "==", int(value))] if isinstance(value, bool) else None
    if isinstance(value, str):
        return [Test(col, "==", get_string_id(value))]
    if not isinstance(value, dict) or not value or not set(value) <= PREDICATES:
        return None
    tests = []
    for op, arg in value.items():
        if op == "REGEX" and isinstance(arg, str):
            tests.append(Test(col, op, re.compile(arg)))
        elif op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            tests.append(Test(col, op, np.array(sorted({get_string_id(v) for v in arg}), dtype=np.uint64)))
        else:
            return None
    return tests


def compile_ruler(ruler: AttributeRuler) -> tuple[list[Pattern], list[int]] | None:
    """Every pattern of the ruler as column tests, and the columns they read; None if any pattern needs
    spaCy's Matcher."""
    columns: list[str] = []
    patterns = []
    for attr_id in range(len(ruler.attrs)):
        key = str(attr_id)
        for token_specs in ruler.matcher.get(key)[1]:
            tokens = []
            for spec in token_specs:
                tests: list[Test] = []
                for name, value in spec.items():
                    compiled = compile_test(name, value, columns) if isinstance(name, str) else None
                    if compiled is None:
                        return None
                    tests.extend(compiled)
                tokens.append(tuple(tests))
            if not tokens:
                return None
            patterns.append(Pattern(attr_id, get_string_id(key), tuple(tokens)))
    return patterns, [COLUMNS[c] for c in columns]


class ColumnMatch:
    """The masks of one Doc: which tokens pass a test, each computed once."""

    def __init__(self, doc: Doc, columns: list[int], seen: dict[tuple[str, int], bool]) -> None:
        self.doc = doc
        self.seen = seen
        self.values = doc.to_array(list[int | str](columns)).reshape(len(doc), len(columns))
        # The values each column holds: most patterns name a word or tag the Doc does not have.
        self.present = [set(self.values[:, c].tolist()) for c in range(len(columns))]
        self.cache: dict[tuple[int, str, Any], np.ndarray] = {}

    def mask(self, test: Test) -> np.ndarray:
        """Whether each token passes `test` (an equality or a set test)."""
        key = (test.column, test.op, id(test.value) if test.op != "==" else test.value)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._compute(test)
        return found

    def _compute(self, test: Test) -> np.ndarray:
        col = self.values[:, test.column]
        if test.op == "==":
            return col == np.uint64(test.value)
        if test.op == "IN":
            return np.isin(col, test.value)
        return ~np.isin(col, test.value)

    def passes(self, test: Test, i: int) -> bool:
        """Whether token `i` passes the REGEX `test` (run on the tokens the other tests leave, once per
        distinct value: a hash always names the same string)."""
        value = int(self.values[i, test.column])
        key = (test.value.pattern, value)
        found = self.seen.get(key)
        if found is None:
            if len(self.seen) >= MAX_SEEN:
                self.seen.clear()
            found = self.seen[key] = bool(test.value.search(self.doc.vocab.strings[value]))
        return found

    def starts(self, pattern: Pattern) -> list[int]:
        """The token positions where `pattern` matches."""
        n, width = len(self.doc), len(pattern.tokens)
        if width > n or any(
            t.op == "==" and t.value not in self.present[t.column] for ts in pattern.tokens for t in ts
        ):
            return []
        hits = np.ones(n - width + 1, dtype=bool)
        later = []
        for offset, tests in enumerate(pattern.tokens):
            for test in tests:
                if test.op == "REGEX":
                    later.append((offset, test))
                else:
                    hits &= self.mask(test)[offset : offset + n - width + 1]
        found: list[int] = np.flatnonzero(hits).tolist()
        if not later:
            return found
        return [s for s in found if all(self.passes(test, s + offset) for offset, test in later)]


class ColumnAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, its patterns matched column by column (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compiled: tuple[list[Pattern], list[int]] | None = None
        self._stale = True  # patterns added or cleared since they were compiled
        self._seen: dict[tuple[str, int], bool] = {}

    def clear(self) -> None:
        """Reset all patterns."""
        super().clear()
        self._stale = True

    def add(self, patterns: Iterable[list[dict[int | str, Any]]], attrs: dict[Any, Any], index: int = 0) -> None:
        """Add patterns as spaCy's ruler does (they are compiled again at the next Doc)."""
        super().add(patterns, attrs, index)
        self._stale = True

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The matches spaCy's ruler finds, as (entry, key, start, end), in the order it applies them."""
        if self._stale:
            self._compiled, self._stale = compile_ruler(self), False
        if self._compiled is None or len(doc) == 0:
            return super().match(doc)
        patterns, columns = self._compiled
        if not patterns:
            return []
        where = ColumnMatch(doc, columns, self._seen)
        found: set[tuple[int, int, int, int]] = set()
        for pattern in patterns:
            width = len(pattern.tokens)
            found.update((pattern.attr_id, pattern.key, s, s + width) for s in where.starts(pattern))
        return sorted(found)


def swap_in(nlp: Any) -> bool:
    """Put a ColumnAttributeRuler with the same patterns in place of each spaCy AttributeRuler of `nlp`
    whose patterns it matches itself; True if one was replaced."""
    swapped = False
    for name, pipe in list(nlp.pipeline):
        if type(pipe) is not AttributeRuler or compile_ruler(pipe) is None:
            continue
        patterns = pipe.patterns
        new = nlp.replace_pipe(name, "claimx_attribute_ruler", config={"validate": pipe.validate})
        new.add_patterns(patterns)
        swapped = True
    return swapped
