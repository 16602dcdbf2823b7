"""The unit of batch work: a chunk of inputs in, one Outcome per input out, in input order.

An input is a path (read and decoded where the chunk runs, so a worker process reads its own files
and the parent never holds their texts) or an Article already read (stdin, a JSONL line, a page
fetched by URL). `run_chunk` turns every failure into an Outcome for that input only. Where chunks
run is a Runner's business (`batch.local`, `batch.cluster`; `batch.runners.Batch` puts the two together).

A long input is not one unit of work: see `batch.pieces`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from claimx.errors import ClaimxError
from claimx.inputs.collect import Item

if TYPE_CHECKING:
    from spacy.language import Language

    from claimx.inputs.article import Article
    from claimx.records import ArticleRecord

log = logging.getLogger("claimx")

# What a worker runs (`run_chunk`): a run of a chunk's inputs, or one piece of a long article as a
# one-Article list.
Task = list[Item]

# Articles per chunk, and so per nlp.pipe batch. Measured with en_core_web_sm on ~950-token articles:
# batches of 2, 8 and 16 run at the same speed (within 4 %), but the peak memory is 180, 280 and
# 440 MiB. A fixed cap keeps memory the same for 20 articles or 20,000.
MAX_CHUNK = 8

# A memory zone frees the strings and lexemes a chunk added to the shared vocabulary once its Docs are
# gone (records are plain data), so a long batch does not grow the vocabulary forever. But inside a zone
# the tokenizer caches no word, and every word the model's vocabulary lacks is made again for each
# chunk (2 to 3 ms of an article's ~150). So the first chunks run outside a zone and their words stay
# (the common words of the text, cached), until the vocabulary holds this many lexemes (about 5 MiB
# more); every chunk after that runs in a zone, and memory stays flat however many articles follow.
WARM_LEXEMES = 30_000


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: a record, or the one-line reason it failed; with a record, the
    fingerprint of the article's text (`inputs.fingerprint`), for finding syndicated copies."""

    source: str
    record: ArticleRecord | None = None
    error: str | None = None
    fingerprint: bytes | None = None


def chunk_size_for(n_inputs: int, workers: int) -> int:
    """MAX_CHUNK articles per chunk, fewer when a small batch would otherwise leave a worker idle."""
    if workers <= 1:
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, -(-n_inputs // workers)))


def chunks(items: Sequence[Item], size: int, workers: int = 1) -> Iterator[list[Item]]:
    """The inputs in consecutive chunks of at most `size`. For several workers the chunks get smaller
    towards the end (never more than a worker's share of what is left, halved), so that the workers
    finish together: with whole chunks to the last, one worker idled while the other did the last
    chunk (8 articles, 1.5 s, of a 200-article run of 20 s on two workers)."""
    i = 0
    while i < len(items):
        step = size if workers <= 1 else max(1, min(size, -(-(len(items) - i) // (2 * workers))))
        yield list(items[i : i + step])
        i += step


def internal_error(source: str, exc: BaseException) -> Outcome:
    """The Outcome of an input that claimx itself failed on (a bug, reported with the input)."""
    log.debug("extraction failed for %s", source, exc_info=exc)
    return Outcome(
        source,
        error=f"{source}: internal error while extracting ({type(exc).__name__}: {exc}); "
        "please report it with this file",
    )


def read_items(
    items: Sequence[Item], published: date | None, keep_text: bool = False
) -> tuple[list[tuple[int, Article]], list[Outcome | None]]:
    """Read the paths and URLs of a chunk: the (position, Article) of each input read, and a slot per
    input holding the error Outcome of one that could not be read (None for those read). With
    `keep_text`, every Article's record carries its text."""
    from claimx.inputs.collect import read_article

    slots: list[Outcome | None] = [None] * len(items)
    good: list[tuple[int, Article]] = []
    for i, item in enumerate(items):
        if not isinstance(item, str):
            good.append((i, keeping_text(item, keep_text)))
            continue
        try:
            good.append((i, keeping_text(read_article(item, published), keep_text)))
        except ClaimxError as exc:
            slots[i] = Outcome(item, error=str(exc))
        except Exception as exc:  # a decoder bug must not stop the batch
            slots[i] = internal_error(item, exc)
    return good, slots


def keeping_text(article: Article, keep_text: bool) -> Article:
    """The article, made to carry its text into its record when `keep_text` asks for it."""
    return replace(article, keep_text=True) if keep_text and not article.keep_text else article


def vocabulary_zone(nlp: Language) -> Callable[[], AbstractContextManager[Any]]:
    """The context a chunk runs in: a memory zone once the vocabulary holds WARM_LEXEMES lexemes, none
    before (the pipeline's own memory_zone, so the Docs of the chunk must be gone at its end). The zone
    frees the strings and lexemes the chunk added to the shared vocabulary once its Docs are gone
    (records are plain data), so a long batch does not grow the vocabulary forever."""
    if not hasattr(nlp, "memory_zone") or len(nlp.vocab) < WARM_LEXEMES:
        return contextlib.nullcontext
    return nlp.memory_zone


def run_chunk(items: Sequence[Item], nlp: Language, published: date | None, keep_text: bool = False) -> list[Outcome]:
    """Read and extract one chunk. A file that cannot be read, or an article the extractor fails on,
    becomes an error Outcome for that input only; `published` applies to paths read here, and with
    `keep_text` every record carries its article's text."""
    from claimx import extraction as extract_module
    from claimx.inputs.fingerprint import article_fingerprint

    good, slots = read_items(items, published, keep_text)
    zone = vocabulary_zone(nlp)
    try:
        with zone():
            records = list(extract_module.extract([a for _, a in good], nlp))
        for (i, article), record in zip(good, records, strict=True):
            slots[i] = Outcome(article.source, record=record, fingerprint=article_fingerprint(article))
    except Exception:
        # Something failed inside nlp.pipe; redo this chunk one article at a time to find which.
        for i, article in good:
            try:
                with zone():
                    record = next(extract_module.extract([article], nlp))
                    slots[i] = Outcome(article.source, record=record, fingerprint=article_fingerprint(article))
            except Exception as exc:
                slots[i] = internal_error(article.source, exc)
    return [o for o in slots if o is not None]
