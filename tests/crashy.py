"""A worker function for tests that kills its worker process on any file named *CRASH*, the way a
native crash or the out-of-memory killer would (imported by spawned workers, so it lives in a module)."""

from __future__ import annotations

import os

from claimx.batch.chunks import Outcome
from claimx.batch.local import worker_chunk


def crash_on_marked_files(paths: list[str]) -> list[Outcome]:
    if any("CRASH" in p for p in paths):
        os._exit(9)
    return worker_chunk(paths)
