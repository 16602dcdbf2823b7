"""Chunks on a Dask cluster: connecting to a scheduler, the DaskRunner, and what a Dask worker runs.

The client (this process) lists and reads the inputs, so workers need no shared filesystem and an
input behaves exactly as in a local run; it ships chunks of Articles as tasks (a long article as one
task per piece, `batch.map_in_pieces`, so its pieces run on every worker), keeps at most
IN_FLIGHT_PER_WORKER tasks per worker in flight, and yields each chunk's Outcomes in input order.
Each worker process loads the pipeline once: a worker plugin starts loading it as soon as the
worker joins, and the tasks share it. A worker that dies costs nothing (the scheduler gives its
tasks to another worker); a chunk that keeps killing workers is redone one article per task, so
only the article (or the piece of a long one) that kills them fails.

Only `claimx[dask]` installs Dask; `executors.dask_runner()` imports this module when a cluster is
asked for, and says how to install Dask when it is missing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING, Any, cast

from distributed import Client, WorkerPlugin
from distributed.scheduler import KilledWorker

from claimx.batch.chunks import Outcome, Task, run_chunk
from claimx.batch.pieces import map_in_pieces
from claimx.batch.seam import IN_FLIGHT_PER_WORKER, PipelineSpec, check_address
from claimx.errors import ClaimxError
from claimx.inputs.collect import Item, source_of

if TYPE_CHECKING:
    from claimx.inputs.article import Article

# Seconds to wait for the scheduler to answer, and then for a first worker to join it
# ($CLAIMX_SCHEDULER_TIMEOUT overrides it).
CONNECT_TIMEOUT = 10.0
# The cluster's size is asked again this often, so workers that join mid-run get chunks too.
RESIZE_SECONDS = 5.0


def connect_timeout() -> float:
    """CONNECT_TIMEOUT, or the seconds $CLAIMX_SCHEDULER_TIMEOUT gives."""
    value = os.environ.get("CLAIMX_SCHEDULER_TIMEOUT", "").strip()
    if not value:
        return CONNECT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise ClaimxError(f"CLAIMX_SCHEDULER_TIMEOUT={value!r} is not a number of seconds; set it to e.g. 30")
    return seconds


def connect(address: str, timeout: float | None = None) -> Any:
    """A Dask Client connected to the scheduler at `address` with at least one worker, within `timeout`
    seconds each (default: `connect_timeout()`); otherwise a ClaimxError that says what to check."""
    full = check_address(address)
    timeout = timeout or connect_timeout()
    if not logging.getLogger("claimx").isEnabledFor(logging.DEBUG):
        # Dask logs a lost connection with a traceback; claimx says it in one line (all of it with -v).
        # Dask's configuration gives some of its loggers levels of their own, so each is set.
        for name in [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"]:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        client = Client(full, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        why = "" if "timed out" in str(exc).lower() else f" ({exc})"
        raise ClaimxError(
            f"cannot reach the Dask scheduler at {full} within {timeout:g} s{why}; check the address, "
            "or start a scheduler there with `dask scheduler` (see README, 'Running on a Dask cluster')"
        ) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        client.close()
        raise ClaimxError(
            f"the Dask scheduler at {full} has no workers after {timeout:g} s; start some with: dask worker {full}"
        ) from None
    return client


# --- what a worker runs ------------------------------------------------------------------------

# One chunk at a time per worker process: the pipeline (and the memory zone each chunk opens on its
# vocabulary) is not safe to share between threads, and a worker with several threads gains nothing
# from running spaCy in them at once (the GIL).
_LOCK = threading.Lock()


def _warm(spec: PipelineSpec) -> None:
    try:
        with _LOCK:
            spec.load()  # cached: once per process
    except Exception:  # a chunk that needs the pipeline raises the same error where the client sees it
        pass


class PipelineLoader(WorkerPlugin):
    """A worker plugin that starts loading the pipeline when a worker joins (in a thread, so the
    worker keeps answering the scheduler meanwhile); the tasks then find it loaded."""

    name = "claimx-pipeline"

    def __init__(self, spec: PipelineSpec) -> None:
        self.spec = spec

    def setup(self, worker: object) -> None:
        """Start loading the pipeline in this worker process."""
        threading.Thread(target=_warm, args=(self.spec,), name="claimx-load", daemon=True).start()


def extract_chunk(articles: list[Article], spec: PipelineSpec) -> list[Outcome]:
    """What a Dask worker runs on a chunk: the Outcome of each article, in order."""
    with _LOCK:
        return run_chunk(articles, spec.load(), spec.published, spec.keep_text)


# --- the client side ---------------------------------------------------------------------------


def read_here(item: Item) -> bool:
    """Every input is read by the client (workers need no access to the files)."""
    return True


class DaskRunner:
    """Runs chunks as tasks on the Dask cluster of `client`, at most IN_FLIGHT_PER_WORKER chunks per
    worker in flight. A client made by `connect` is closed with the runner; one passed in is not."""

    def __init__(
        self,
        spec: PipelineSpec,
        client: Any,
        *,
        owns_client: bool = False,
        work: Callable[[list[Article], PipelineSpec], list[Outcome]] = extract_chunk,
    ) -> None:
        self.spec = spec
        self.client = client
        self.work = work
        self.owns_client = owns_client
        self._futures: deque[Any] = deque()
        self._run = uuid.uuid4().hex[:8]
        self._sized_at = 0.0
        self._workers = 1

    @property
    def workers(self) -> int:
        """The number of worker processes in the cluster (asked at most every RESIZE_SECONDS)."""
        now = time.monotonic()
        if now - self._sized_at > RESIZE_SECONDS:
            self._workers = max(1, len(self.client.nthreads()))
            self._sized_at = now
        return self._workers

    def _submit(self, articles: list[Article], key: str) -> Any:
        with warnings.catch_warnings():
            # A chunk with a multi-megabyte article is a large task; that is expected here.
            warnings.filterwarnings("ignore", message=".*[Ll]arge graph")
            future = self.client.submit(self.work, articles, self.spec, key=key, retries=0)
        self._futures.append(future)
        return future

    def map_ordered(self, chunks: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        """Each chunk's Outcomes in input order; chunks are read here only when they are sent."""
        return map_in_pieces(
            chunks, self._run_tasks, self.spec.published, read_here=read_here, keep_text=self.spec.keep_text
        )

    def _run_tasks(self, tasks: Iterator[Task]) -> Generator[list[Outcome], None, None]:
        """Each task's Outcomes in task order (its inputs are Articles, read by `map_in_pieces`)."""
        self.client.register_plugin(PipelineLoader(self.spec))
        window: deque[tuple[list[Article], Any]] = deque()
        n = 0
        try:
            while True:
                for task in tasks:
                    articles = cast("list[Article]", task)  # read_here: every input is read by now
                    window.append((articles, self._submit(articles, f"claimx-chunk-{self._run}-{n}")))
                    n += 1
                    if len(window) >= IN_FLIGHT_PER_WORKER * self.workers:
                        break
                if not window:
                    break
                articles, future = window.popleft()
                yield self._result(future, articles)
        finally:
            self.close()

    def _result(self, future: Any, articles: list[Article]) -> list[Outcome]:
        try:
            outcomes: list[Outcome] = future.result()
        except KilledWorker:
            # Workers died on this chunk again and again: one task per article finds the one that kills them.
            outcomes = self._alone(articles)
        except CancelledError:
            raise self._lost() from None
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("claimx"):
                raise
            raise ClaimxError(
                "the Dask workers cannot import claimx; install the same claimx, with its [dask] extra, on every worker"
            ) from None
        finally:
            self._release(future)
        return outcomes

    def _alone(self, articles: list[Article]) -> list[Outcome]:
        # One at a time: a worker that dies then has only the article that killed it, so the scheduler
        # gives up on that one alone.
        outcomes = []
        for article in articles:
            future = self._submit([article], f"claimx-article-{self._run}-{uuid.uuid4().hex[:8]}")
            try:
                outcomes.extend(future.result())
            except KilledWorker:
                source = source_of(article)
                outcomes.append(
                    Outcome(
                        source,
                        error=f"{source}: Dask workers died on this article (a crash or out of memory); it was skipped",
                    )
                )
            except CancelledError:
                raise self._lost() from None
            finally:
                self._release(future)
        return outcomes

    def _lost(self) -> ClaimxError:
        return ClaimxError(
            f"lost the Dask scheduler at {self.client.scheduler.address} in the middle of the run; the output "
            "holds what was done, and --resume goes on from there"
        )

    def _release(self, future: Any) -> None:
        # Released now, not when the future is garbage: an exception's traceback can keep it alive, and
        # with it the task and its result on the cluster of a client that outlives the run.
        with contextlib.suppress(ValueError):  # already released by close()
            self._futures.remove(future)
        future.release()

    def close(self, kill: bool = False) -> None:
        """Cancel the chunks still in flight (the scheduler forgets them); close the client if it is ours."""
        futures = list(self._futures)
        self._futures.clear()
        try:
            if futures and self.client.status == "running":
                self.client.cancel(futures)
        finally:
            if self.owns_client:
                self.client.close()
