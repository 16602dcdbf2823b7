"""Which Runner runs a batch: this process, a process pool, or (with `claimx[dask]`) a Dask cluster,
imported only when asked for; `Batch` and `extract_many` put a runner and the chunks of a batch
together. The runners themselves live in `runners.py` and `dask_runner.py`, which this module sits
above, so neither imports the other back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Any

from claimx.batch.chunks import Outcome, chunk_size_for, chunks
from claimx.batch.local import InProcessRunner, ProcessPoolRunner
from claimx.batch.pieces import workers_for
from claimx.batch.seam import PipelineSpec, Runner, check_address, runs_here
from claimx.errors import ClaimxError
from claimx.inputs.collect import Item

if TYPE_CHECKING:
    from claimx.inputs.article import Article


def make_runner(spec: PipelineSpec, workers: int, scheduler: str | None = None) -> Runner:
    """The runner for `workers` processes: this process for one, a process pool for more; with a
    `scheduler` address, the Dask cluster behind it (connected now, so an unreachable one fails here)."""
    if scheduler is not None:
        address = check_address(scheduler)
        dask = dask_runner()
        return dask.DaskRunner(spec, dask.connect(address), owns_client=True)
    if runs_here(workers):
        return InProcessRunner(spec)
    return ProcessPoolRunner(spec, workers)


def dask_runner() -> ModuleType:
    """The `claimx.dask_runner` module, or a ClaimxError saying how to install Dask."""
    try:
        from claimx.batch import cluster as module
    except ImportError as exc:
        if exc.name not in ("dask", "distributed"):
            raise
        raise ClaimxError(
            "running on a Dask cluster needs Dask, which is not installed; run: pip install 'claimx[dask]'"
        ) from None
    return module


class Batch:
    """Outcomes for `items`, in input order, from a Runner (by default the one `workers` calls for, or
    a DaskRunner on the cluster of a Dask `client`)."""

    def __init__(
        self,
        items: Sequence[Item],
        *,
        published: date | None = None,
        model: str | None = None,
        patterns: str | None = None,
        workers: int = 1,
        chunk_size: int | None = None,
        runner: Runner | None = None,
        client: Any = None,
    ) -> None:
        self.items = list(items)
        spec = PipelineSpec(model=model, patterns=patterns, published=published)
        if client is not None and runner is None:
            runner = dask_runner().DaskRunner(spec, client)
        if runner is not None:
            workers = runner.workers
        self.chunk = chunk_size or chunk_size_for(len(self.items), workers)
        self.runner = runner or make_runner(spec, workers=workers_for(self.items, self.chunk, workers))

    def __iter__(self) -> Iterator[Outcome]:
        try:
            for outcomes in self.runner.map_ordered(chunks(self.items, self.chunk, self.runner.workers)):
                yield from outcomes
        finally:
            self.runner.close()

    def close(self, kill: bool = False) -> None:
        """Stop the runner's workers (at once with `kill`)."""
        self.runner.close(kill=kill)


def extract_many(
    inputs: Iterable[str | Article],
    *,
    workers: int = 1,
    client: Any = None,
    model: str | None = None,
    patterns: str | None = None,
    published: date | str | None = None,
) -> Iterator[Outcome]:
    """One Outcome (`source`, and a `record` or the one-line `error`) per input, in input order.

    Inputs are paths or Articles (`claimx.make_article`). They run in this process, over `workers`
    processes, or, given a `distributed.Client`, on its Dask cluster (read here, so its workers need
    no access to the files); the pieces of a long text run on all of them at once, and its record is
    the same as in one process. `published` (a date or YYYY-MM-DD) applies to paths without a date."""
    from claimx.inputs.published import parse_published

    batch = Batch(
        list(inputs),
        published=parse_published(published),
        model=model,
        patterns=patterns,
        workers=workers,
        client=client,
    )
    yield from batch
