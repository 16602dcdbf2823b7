"""The model's rule lemmatizer, run once per distinct word form instead of once per token.

spaCy's English lemmatizer makes a Token of every word, reads its form, part of speech and morphology
and sets its lemma as a string: ~4 ms of an article's ~150, though an article holds about half as many
distinct (form, part of speech, morphology) triples as tokens and its lemma depends on nothing else
(`rule_lemmatize` caches by that triple). Here the triples are read from the Doc's arrays, each new one is
lemmatized by spaCy's own `rule_lemmatize` on its first token (so spaCy's cache fills as it would), and
the lemmas are written back as one array: the same lemma for every token, checked token by token against
spaCy's lemmatizer in `tests/nlp/test_lemmas.py`. A lemma the attribute ruler already set is kept, as
spaCy keeps it (`overwrite` false); a lemmatizer in another mode is left as spaCy runs it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.tokens import Doc

# How many word forms' lemmas a lemmatizer keeps from Doc to Doc before it starts again.
MAX_SEEN = 200_000


class FormLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, run per distinct word form (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._seen: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none (all of them with `overwrite`)."""
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = columns[:, 3].copy()
            todo = range(len(doc)) if self.overwrite else np.flatnonzero(lemmas == 0).tolist()
            forms, tags, morphs = (columns[:, c].tolist() for c in range(3))
            found: dict[tuple[int, int, int], int] = {}  # this Doc's lemma hashes
            for i in todo:
                key = (forms[i], tags[i], morphs[i])
                lemma = found.get(key)
                if lemma is None:
                    lemma = found[key] = doc.vocab.strings.add(self._lemma_of(key, doc, i))
                lemmas[i] = lemma
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)
            return doc

    def _lemma_of(self, key: tuple[int, int, int], doc: Doc, i: int) -> str:
        """The lemma of token `i`, whose (form, part of speech, morphology) is `key`: spaCy's, kept from Doc
        to Doc as a string (a hash alone could outlive its string in a memory zone)."""
        lemma = self._seen.get(key)
        if lemma is None:
            if len(self._seen) >= MAX_SEEN:
                self._seen.clear()
            lemma = self._seen[key] = self.lemmatize(doc[i])[0]
        return lemma


def swap_in(nlp: Any) -> bool:
    """Put a FormLemmatizer with the same tables in place of each spaCy English rule lemmatizer of `nlp`;
    True if one was replaced."""
    swapped = False
    for name, pipe in list(nlp.pipeline):
        if type(pipe) is not EnglishLemmatizer or pipe.mode != "rule":
            continue
        new = nlp.replace_pipe(name, "claimx_lemmatizer", config={"mode": pipe.mode, "overwrite": pipe.overwrite})
        new.lookups = pipe.lookups
        new.cache = pipe.cache
        swapped = True
    return swapped
