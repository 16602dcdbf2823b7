"""Running many articles: in-process or over worker processes, in input order, with bounded memory.

The unit of work is a *chunk* of paths. A worker reads and decodes its own files (the parent never
holds article texts), runs them through `nlp.pipe` and sends back finished records. At most
`2 * workers` chunks are in flight, so memory does not grow with the number of articles, and results
are yielded strictly in input order whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .errors import ClaimxError

if TYPE_CHECKING:
    from spacy.language import Language

    from .records import ArticleRecord
    from .sources import Article

log = logging.getLogger("claimx")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: a record, or the one-line reason it failed."""

    source: str
    record: ArticleRecord | None = None
    error: str | None = None


def default_workers() -> int:
    """The number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# Articles per chunk, and so per nlp.pipe batch. Measured with en_core_web_sm on ~950-token articles:
# batches of 2, 8 and 16 run at the same speed (within 4 %), but the peak memory is 180, 280 and
# 440 MiB. A fixed cap keeps memory the same for 20 articles or 20,000.
MAX_CHUNK = 8


def chunk_size_for(n_inputs: int, workers: int) -> int:
    """MAX_CHUNK articles per chunk, fewer when a small batch would otherwise leave a worker idle."""
    if workers <= 1:
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, -(-n_inputs // workers)))


def _internal_error(source: str, exc: BaseException) -> Outcome:
    log.debug("extraction failed for %s", source, exc_info=exc)
    return Outcome(source, error=f"{source}: internal error while extracting ({type(exc).__name__}: {exc}); "
                   "please report it with this file")


def run_chunk(paths: Sequence[str], nlp: Language, published: date | None,
              given: dict[str, Article] | None = None) -> list[Outcome]:
    """Read and extract one chunk (`given` holds articles already read, e.g. stdin). A file that cannot
    be read, or an article the extractor fails on, becomes an error Outcome for that input only."""
    from .extractor import extract
    from .sources import read_article

    slots: list[Outcome | None] = [None] * len(paths)
    good: list[tuple[int, Article]] = []
    for i, path in enumerate(paths):
        if given and path in given:
            good.append((i, given[path]))
            continue
        try:
            good.append((i, read_article(path, published)))
        except ClaimxError as exc:
            slots[i] = Outcome(path, error=str(exc))
        except Exception as exc:  # a decoder bug must not stop the batch
            slots[i] = _internal_error(path, exc)
    # A memory zone frees the strings and lexemes the chunk added to the shared vocabulary once its
    # Docs are gone (records are plain data), so a long batch does not grow the vocabulary forever.
    zone = nlp.memory_zone if hasattr(nlp, "memory_zone") else contextlib.nullcontext
    try:
        with zone():
            records = list(extract([a for _, a in good], nlp))
        for (i, article), record in zip(good, records, strict=True):
            slots[i] = Outcome(article.source, record=record)
    except Exception:
        # Something failed inside nlp.pipe; redo this chunk one article at a time to find which.
        for i, article in good:
            try:
                with zone():
                    slots[i] = Outcome(article.source, record=next(extract([article], nlp)))
            except Exception as exc:
                slots[i] = _internal_error(article.source, exc)
    return [o for o in slots if o is not None]


# --- worker processes --------------------------------------------------------------------------

_WORKER: dict[str, object] = {}


def _init_worker(model: str | None, patterns: str | None, published: date | None) -> None:
    """Load the pipeline once per worker. Ctrl-C is the parent's to handle, so workers ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["published"] = published
    try:
        from .pipeline import load_pipeline

        _WORKER["nlp"] = load_pipeline(model, patterns)
    except Exception as exc:  # reported per chunk, so the parent sees a clear message
        _WORKER["error"] = f"{type(exc).__name__}: {exc}" if not isinstance(exc, ClaimxError) else str(exc)


def _worker_chunk(paths: list[str]) -> list[Outcome]:
    if "error" in _WORKER:
        raise ClaimxError(str(_WORKER["error"]))
    return run_chunk(paths, _WORKER["nlp"], _WORKER["published"])  # type: ignore[arg-type]


class Batch:
    """Iterate over Outcomes for `paths`, in order. `workers=1` runs in this process."""

    # What a worker runs on a chunk (a module-level function, so that spawned workers can import it).
    work = staticmethod(_worker_chunk)

    def __init__(self, paths: Sequence[str], *, published: date | None = None, model: str | None = None,
                 patterns: str | None = None, workers: int = 1, chunk_size: int | None = None,
                 stdin_article: Article | None = None) -> None:
        self.paths = list(paths)
        self.published = published
        self.model = model
        self.patterns = patterns
        # More workers than chunks only costs start-up time.
        self.chunk = chunk_size or chunk_size_for(len(self.paths), workers)
        n_chunks = -(-len(self.paths) // self.chunk) if self.paths else 0
        self.workers = max(1, min(workers, n_chunks))
        self.stdin_article = stdin_article
        self._pool: ProcessPoolExecutor | None = None

    def _chunks(self) -> Iterator[list[str]]:
        for i in range(0, len(self.paths), self.chunk):
            yield self.paths[i : i + self.chunk]

    @property
    def in_process(self) -> bool:
        """True when this process does the work (one worker, one chunk, or stdin among the inputs)."""
        return self.workers == 1 or self.stdin_article is not None

    def __iter__(self) -> Iterator[Outcome]:
        if self.in_process:
            yield from self._in_process()
        else:
            yield from self._pooled()

    def _in_process(self) -> Iterator[Outcome]:
        from .pipeline import load_pipeline

        nlp = load_pipeline(self.model, self.patterns)
        given = {self.stdin_article.source: self.stdin_article} if self.stdin_article else None
        for chunk in self._chunks():
            yield from run_chunk(chunk, nlp, self.published, given)

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: workers start clean (no inherited threads or locks), the same on every OS.
        ctx = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                         initargs=(self.model, self.patterns, self.published))
        return self._pool

    def _pooled(self) -> Iterator[Outcome]:
        pool = self._new_pool()
        window: deque[tuple[list[str], Future[list[Outcome]]]] = deque()
        chunks = self._chunks()
        try:
            while True:
                for chunk in chunks:  # keep at most 2 chunks per worker in flight
                    window.append((chunk, pool.submit(self.work, chunk)))
                    if len(window) >= 2 * self.workers:
                        break
                if not window:
                    break
                chunk, future = window.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    # A worker died (killed, out of memory, a crash in native code): the pool and every
                    # chunk in flight are lost. Redo those inputs one by one in fresh pools, so only the
                    # file that kills a worker fails.
                    lost = [chunk] + [c for c, _ in window]
                    window.clear()
                    pool = self._restart()
                    for c in lost:
                        for path in c:
                            outcome, pool = self._alone(pool, path)
                            yield outcome
        finally:
            self.close()

    def _restart(self) -> ProcessPoolExecutor:
        self.close(kill=True)
        return self._new_pool()

    def _alone(self, pool: ProcessPoolExecutor, path: str) -> tuple[Outcome, ProcessPoolExecutor]:
        try:
            return pool.submit(self.work, [path]).result()[0], pool
        except BrokenProcessPool:
            return Outcome(path, error=f"{path}: the worker process died on this file (a crash or out of "
                           "memory); it was skipped"), self._restart()

    def close(self, kill: bool = False) -> None:
        """Stop the workers: at the end wait for them; on Ctrl-C or a broken pool, kill them now."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # The executor has no public way to stop running work; its process table is stable API in practice.
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
        pool.shutdown(wait=True, cancel_futures=True)
