"""Worker functions for tests that see which worker processes run the tasks of one input: each task
notes its worker's pid in a folder next to the input, then waits (WAIT seconds at most) until a
second process has noted its pid too, so that tasks in flight at the same time are seen to be spread
over the workers however fast one worker starts (imported by spawned and Dask workers, so it lives
in a module)."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from claimx.batch.chunks import Outcome
from claimx.batch.local import worker_chunk
from claimx.inputs.collect import Item, source_of

if TYPE_CHECKING:
    from claimx.batch.seam import PipelineSpec
    from claimx.inputs.article import Article

WAIT = 20.0


def pid_folder(source: str | Path) -> Path:
    """Where the tasks of the input `source` note their pids."""
    return Path(source).with_suffix(".pids")


def pids(source: str | Path) -> list[int]:
    """The pid of each task run for the input `source`."""
    return sorted(int(p.name.split("-")[0]) for p in pid_folder(source).iterdir())


def _note_and_wait(source: str) -> None:
    folder = pid_folder(source)
    folder.mkdir(exist_ok=True)
    (folder / f"{os.getpid()}-{uuid.uuid4().hex}").touch()
    deadline = time.monotonic() + WAIT
    while len({p.name.split("-")[0] for p in folder.iterdir()}) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)


def note_pid_pool(items: list[Item]) -> list[Outcome]:
    """A ProcessPoolRunner's work function that notes its pid."""
    _note_and_wait(source_of(items[0]))
    return worker_chunk(items)


def note_pid_dask(articles: list[Article], spec: PipelineSpec) -> list[Outcome]:
    """A DaskRunner's work function that notes its pid."""
    from claimx.batch.cluster import extract_chunk

    _note_and_wait(articles[0].source)
    return extract_chunk(articles, spec)
