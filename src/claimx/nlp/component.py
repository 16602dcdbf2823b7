"""What claimx's configurable components have in common: the named word lists they read, loaded
from `models/words.jsonl` (or `--patterns`) and saved with the pipeline, so that `spacy.load()` of
a saved claimx pipeline has them in a fresh process."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly

from claimx.knowledge.rule_files import WORDS_FILE, Words, load_words, read_words


class WordsComponent:
    """Base of the components that read word lists (`self.words["org_heads"]`)."""

    def __init__(self, words: Words | None = None) -> None:
        self.words = words or load_words()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The word lists, for `nlp.to_bytes()`."""
        return bytes(srsly.msgpack_dumps({name: sorted(ws) for name, ws in self.words.lists.items()}))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> WordsComponent:
        """Restore the word lists saved by `to_bytes`."""
        lists: dict[str, Any] = srsly.msgpack_loads(data)
        self.words = Words({name: frozenset(ws) for name, ws in lists.items()})
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the word lists as `words.jsonl` in the component's folder."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / WORDS_FILE).write_text("\n".join(self.words.to_lines()) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> WordsComponent:
        """Read the word lists saved by `to_disk`."""
        self.words = Words(read_words(Path(path) / WORDS_FILE))
        return self
