"""The Runner seam: what a runner is (`Runner`: `map_ordered` yields each chunk's Outcomes in input
order, `close` releases the workers), what a worker needs to build the pipeline (`PipelineSpec`), and
the settings every runner shares. Runners: `local` (this process, a process pool), `cluster` (Dask)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from claimx.batch.chunks import Outcome
from claimx.errors import UsageError
from claimx.inputs.collect import Item

if TYPE_CHECKING:
    from spacy.language import Language


# Tasks (chunks, or pieces of a long input) in flight per worker: one running, one waiting, so a
# worker never idles between tasks.
IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What a worker needs to build the pipeline and read inputs: plain values, cheap to send."""

    model: str | None = None
    patterns: str | None = None
    published: date | None = None
    keep_text: bool = False  # every record carries its article's text (-f html, --keep-text)

    def load(self) -> Language:
        """The pipeline, loaded once per process (`load_pipeline` is cached)."""
        from claimx.nlp import pipeline

        return pipeline.load_pipeline(self.model, self.patterns)


class Runner(Protocol):
    """Runs chunks of inputs and yields each chunk's Outcomes in input order."""

    @property
    def workers(self) -> int:
        """How many chunks it works on at once (sets the chunk size of a small batch)."""
        ...

    def map_ordered(self, chunks: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        """Outcomes of each chunk, in the order the chunks were given."""
        ...

    def close(self, kill: bool = False) -> None:
        """Release workers: wait for them, or with `kill` stop them at once (a run stopped early)."""
        ...


def default_workers() -> int:
    """The number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def runs_here(workers: int) -> bool:
    """Whether a run with this many workers does the work in this process (the one place it is decided)."""
    return workers <= 1


# PROTOCOL://HOST:PORT, the protocol optional (Dask's default is tcp), the host a name, an IPv4 address or
# a bracketed IPv6 one.
_ADDRESS_RE = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):\d{1,5}/?")


def check_address(address: str) -> str:
    """The scheduler address as Dask takes it (tcp:// added when no protocol is given); a UsageError
    for one without a host and port."""
    if not _ADDRESS_RE.fullmatch(address.strip()):
        raise UsageError(
            "--scheduler", f"{address!r} is not a scheduler address; give tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786"
        )
    address = address.strip().rstrip("/")
    return address if "://" in address else f"tcp://{address}"
