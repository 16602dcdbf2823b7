"""What claimx's configurable components have in common: the named word lists each one reads.

A component declares its lists (`WORD_LISTS`) and gets them in `initialize()`: the shipped lists of
`models/words.jsonl`, with a user's own from `patterns_dir` (given in `[initialize.components]` or by
`add_claimx_pipes`). They are kept in the pipeline's `Vocab.lookups`, spaCy's home for lookup data that
components share, as written (own words and includes): so every component finds the lists it reads, and
`nlp.to_disk()` saves each list once, with the vocab, for `spacy.load()` in a fresh process. A component
that was never initialized reads the shipped lists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from spacy.lookups import Table
from spacy.strings import get_string_id
from spacy.vocab import Vocab

from claimx.knowledge.rule_files import WordList, Words, load_word_lists, resolve_words, with_includes

# The lookups table that holds claimx's word lists, and the key of a digest of its lists that changes
# whenever they do, so that a component knows when the lists it has read are stale.
WORDS_TABLE = "claimx_words"
_GENERATION = "claimx_generation"


def _digest(table: Table) -> str:
    generation = get_string_id(_GENERATION)
    entries = sorted((key, value) for key, value in table.items() if key != generation)
    return hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()[:16]


def store_word_lists(vocab: Vocab, lists: Mapping[str, WordList]) -> None:
    """Put word lists (as written: own words and includes) into the vocab's claimx table."""
    lookups = vocab.lookups
    table = lookups.get_table(WORDS_TABLE) if lookups.has_table(WORDS_TABLE) else lookups.add_table(WORDS_TABLE)
    for name, wl in lists.items():
        table[name] = {"words": sorted(wl.words), "include": list(wl.include)}
    table[_GENERATION] = _digest(table)


def _table(vocab: Vocab | None) -> Table | None:
    if vocab is None or not vocab.lookups.has_table(WORDS_TABLE):
        return None
    return vocab.lookups.get_table(WORDS_TABLE)


def stored_words(vocab: Vocab | None, names: Iterable[str]) -> Words:
    """The lists `names` with the lists they include: those in the vocab's claimx table, the shipped
    ones for the rest."""
    shipped = load_word_lists()
    table = _table(vocab)
    found: dict[str, WordList] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        entry: Any = table.get(name) if table is not None else None
        wl = WordList(name, frozenset(entry["words"]), tuple(entry["include"])) if entry else shipped.get(name)
        if wl is not None and name not in found:
            found[name] = wl
            todo += wl.include
    return resolve_words(found)


class WordsComponent:
    """Base of the components that read word lists (`self.words["org_heads"]`): the lists of
    `WORD_LISTS`, from the vocab (see the module), or the `words` given."""

    WORD_LISTS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, words: Words | None = None, vocab: Vocab | None = None) -> None:
        self.vocab = vocab
        self._given = words
        self._read: tuple[object, Words] | None = None

    @property
    def words(self) -> Words:
        """The word lists this component reads."""
        if self._given is not None:
            return self._given
        table = _table(self.vocab)
        generation = table.get(_GENERATION) if table is not None else None
        if self._read is None or self._read[0] != generation:
            self._read = (generation, stored_words(self.vocab, self.WORD_LISTS))
        return self._read[1]

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        patterns_dir: str | None = None,  # str: spaCy checks these settings with pydantic, which cannot see Path
    ) -> None:
        """Load the lists this component reads, the shipped ones with those of `patterns_dir/words.jsonl`,
        into the pipeline's vocab."""
        if nlp is not None:
            self.vocab = nlp.vocab
        if self.vocab is None:
            raise ValueError(f"{type(self).__name__}.initialize needs the pipeline (nlp=...) to keep its word lists")
        store_word_lists(self.vocab, with_includes(load_word_lists(patterns_dir), self.WORD_LISTS))
        self._given = None
