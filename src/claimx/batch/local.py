"""Runners on this machine: one in this process, one over worker processes that end with their
parent however it dies (`batch.seam` says what a runner is; `batch.cluster` runs on Dask).

A runner bounds the work in flight so memory does not grow with the size of a batch. The runners
here hand their chunks to `batch.pieces.map_in_pieces`, which gives their task loop the pieces of a long input as
tasks of their own (so they run on every worker) and puts each chunk's Outcomes back together.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from claimx.batch.chunks import Outcome, Task, run_chunk
from claimx.batch.pieces import map_in_pieces
from claimx.batch.seam import IN_FLIGHT_PER_WORKER, PipelineSpec
from claimx.errors import ClaimxError
from claimx.inputs.collect import Item, source_of

if TYPE_CHECKING:
    pass


class InProcessRunner:
    """Runs every chunk in this process, with the pipeline loaded once."""

    workers = 1

    def __init__(self, spec: PipelineSpec) -> None:
        self.spec = spec

    def map_ordered(self, chunks: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        """Each chunk's Outcomes, one task at a time (a long input's pieces as the other runners send them)."""
        return map_in_pieces(chunks, self._run_tasks, self.spec.published, keep_text=self.spec.keep_text)

    def _run_tasks(self, tasks: Iterator[Task]) -> Generator[list[Outcome], None, None]:
        nlp = self.spec.load()
        keep_freed_memory()
        for task in tasks:
            yield run_chunk(task, nlp, self.spec.published, self.spec.keep_text)

    def close(self, kill: bool = False) -> None:
        """Nothing to release."""


# glibc's malloc hands the heap memory a chunk frees back to the system as soon as more than 128 KiB is
# free at its top, and the next chunk faults it in again, page by page. A run whose memory stays flat
# keeps nothing between chunks, so it paid that for every chunk: 2 s of system time in 300 articles (the
# model's arrays), where plain spaCy, whose vocabulary keeps growing on the heap, paid 0.5 s. A process
# that runs chunks keeps up to this much freed memory for the next one (it is the peak of a chunk anyway).
KEEP_FREED_BYTES = 256 * 1024 * 1024
# mallopt's parameters (<malloc.h>); arrays up to the largest mmap threshold glibc allows (32 MiB on
# 64-bit systems) then come from the heap too, instead of a mapping of their own made and freed each time.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD_MAX = 32 * 1024 * 1024


def keep_freed_memory() -> None:
    """Make this process keep the memory it frees between chunks for the next (glibc; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # no mallopt in this libc (musl has a stub)
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)
        libc.mallopt(_M_TRIM_THRESHOLD, KEEP_FREED_BYTES)


# --- worker processes --------------------------------------------------------------------------

_WORKER: dict[str, object] = {}

# How often a worker's watchdog looks at its parent, when nothing wakes it sooner.
PARENT_CHECK_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def watch_parent(parent_pid: int) -> None:
    """Block until `parent_pid` is no longer this process's parent (it died, however), then end this process."""
    # The parent's sentinel (multiprocessing's pipe or process handle) wakes us at once when it dies;
    # the parent pid changes on POSIX when an orphan is re-parented, so either tells.
    parent = multiprocessing.parent_process()
    while os.getppid() == parent_pid:
        if parent is None:
            time.sleep(PARENT_CHECK_SECONDS)
        elif multiprocessing.connection.wait([parent.sentinel], PARENT_CHECK_SECONDS):
            break
    os._exit(1)  # no clean-up: whoever wanted this worker's results is gone


def end_with_parent(parent_pid: int) -> None:
    """Make this (worker) process end within a second of its parent, however the parent ends (SIGKILL
    included): the kernel's parent-death signal on Linux, and a watchdog thread everywhere."""
    if sys.platform.startswith("linux"):
        # Sent when the *thread* that started this process ends; the pool starts workers from the
        # thread that submits work, which in a run is the main thread, so in practice the process.
        with contextlib.suppress(OSError, AttributeError):  # no prctl in this libc: the watchdog alone
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # Also catches a parent that died before the signal was asked for.
    threading.Thread(target=watch_parent, args=(parent_pid,), name="claimx-watch-parent", daemon=True).start()


def _init_worker(spec: PipelineSpec, parent_pid: int, forked: bool) -> None:
    """Load the pipeline once per worker (a forked worker has it already), and end with the parent.
    Ctrl-C at a terminal reaches the whole process group and is the parent's to handle, so workers
    ignore it; a SIGTERM ends a worker (a forked one would otherwise run the parent's handler)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if forked:
        own_std_streams()
    end_with_parent(parent_pid)
    _WORKER["spec"] = spec
    keep_freed_memory()
    try:
        _WORKER["nlp"] = spec.load()
    except Exception as exc:  # reported per chunk, so the parent sees a clear message
        _WORKER["error"] = str(exc) if isinstance(exc, ClaimxError) else f"{type(exc).__name__}: {exc}"


def own_std_streams() -> None:
    """Give a forked worker its own sys.stdout and sys.stderr. multiprocessing flushes them just before
    it forks, but another thread of the parent (the progress bar) may write or hold a lock in between:
    the worker's copies, flushed at its exit, would then write that text a second time or wait forever
    on a lock nobody will release. The inherited objects are kept, never flushed."""
    inherited: list[object] = []
    _WORKER["inherited"] = inherited
    for name in ("stdout", "stderr"):
        old = getattr(sys, name)
        inherited.append(old)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            fresh = open(os.dup(old.fileno()), "w", buffering=1, encoding=old.encoding, errors="replace")  # noqa: SIM115
            setattr(sys, name, fresh)


def worker_chunk(items: list[Item]) -> list[Outcome]:
    """What a pool worker runs on a chunk (module level, so that spawned workers can import it)."""
    if "error" in _WORKER:
        raise ClaimxError(str(_WORKER["error"]))
    spec: PipelineSpec = _WORKER["spec"]  # type: ignore[assignment]
    return run_chunk(items, _WORKER["nlp"], spec.published, spec.keep_text)  # type: ignore[arg-type]


START_METHOD_ENV = "CLAIMX_START_METHOD"


def start_method() -> str:
    """How worker processes start: forked on Linux, where a worker then starts with the parent's
    loaded pipeline instead of importing spaCy and loading the model itself (~1.5 s before its first
    article, as long as a whole -w 1 run of ten articles); spawned elsewhere (macOS and Windows have
    no safe fork). $CLAIMX_START_METHOD=spawn chooses spawn on Linux too."""
    chosen = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if chosen in ("fork", "spawn"):
        return chosen
    return "fork" if sys.platform.startswith("linux") else "spawn"


class ProcessPoolRunner:
    """Runs chunks over `workers` processes (`start_method`), each with the pipeline loaded once.

    If a worker dies (killed, out of memory, a crash in native code) the pool and every chunk in
    flight are lost; those inputs are redone one by one in fresh pools, so only the input that kills
    a worker fails."""

    def __init__(self, spec: PipelineSpec, workers: int, work: Callable[[list[Item]], list[Outcome]] = worker_chunk):
        self.spec = spec
        self.workers = workers
        self.work = work
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        method = start_method()
        if method == "fork":
            # Loaded once here, the pipeline is in every worker the moment it starts (the model's
            # arrays shared, copy-on-write); a pipeline that fails to load fails again in each worker,
            # which reports it per chunk as it does when spawned.
            with contextlib.suppress(Exception):
                self.spec.load()
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(self.spec, os.getpid(), method == "fork"),
        )
        return self._pool

    def map_ordered(self, chunks: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        """Each chunk's Outcomes in input order; the pieces of a long input go to every worker."""
        return map_in_pieces(chunks, self._run_tasks, self.spec.published, keep_text=self.spec.keep_text)

    def _run_tasks(self, tasks: Iterator[Task]) -> Generator[list[Outcome], None, None]:
        """Each task's Outcomes in task order, with at most two tasks per worker in flight."""
        pool = self._new_pool()
        window: deque[tuple[Task, Future[list[Outcome]]]] = deque()
        try:
            while True:
                for chunk in tasks:
                    window.append((chunk, pool.submit(self.work, chunk)))
                    if len(window) >= IN_FLIGHT_PER_WORKER * self.workers:
                        break
                if not window:
                    break
                chunk, future = window.popleft()
                try:
                    yield future.result()
                except BrokenProcessPool:
                    lost = [chunk] + [c for c, _ in window]
                    window.clear()
                    pool = self._restart()
                    for c in lost:
                        redone = []
                        for item in c:
                            outcome, pool = self._alone(pool, item)
                            redone.append(outcome)
                        yield redone
        except BaseException:
            # Stopped early (a signal, a failed write, the consumer closing this generator): nobody
            # wants the chunks in flight, so the workers are stopped rather than waited for.
            self.close(kill=True)
            raise
        self.close()

    def _restart(self) -> ProcessPoolExecutor:
        self.close(kill=True)
        return self._new_pool()

    def _alone(self, pool: ProcessPoolExecutor, item: Item) -> tuple[Outcome, ProcessPoolExecutor]:
        try:
            return pool.submit(self.work, [item]).result()[0], pool
        except BrokenProcessPool:
            source = source_of(item)
            return (
                Outcome(
                    source,
                    error=f"{source}: the worker process died on this file (a crash or out of memory); it was skipped",
                ),
                self._restart(),
            )

    def close(self, kill: bool = False) -> None:
        """Stop the workers: at the end wait for them; on a stop signal or a broken pool, kill them now."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # The executor has no public way to stop running work; its process table is stable API in practice.
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
        pool.shutdown(wait=True, cancel_futures=True)
