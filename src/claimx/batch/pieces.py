"""Long inputs in pieces over every worker: `map_in_pieces` turns the chunks of a run into tasks for
the workers, a run of a chunk's ordinary inputs and one task per piece of each long article, so the
pieces of one long text go to every worker at once, and merges the pieces' records in order here.

The pieces are those `extraction.extract` cuts a long article into (`split_points`), each processed
by `run_chunk` as an article of its own and merged in order with `merge_pieces`, as `extract` does
one after another: so the record is the same whatever the number of workers. A chunk's ordinary
inputs stay one task, ended where a long one comes, as `extract` ends its batch there.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from claimx.batch.chunks import Outcome, Task, keeping_text, read_items
from claimx.extraction import PIECES
from claimx.inputs.collect import Item

if TYPE_CHECKING:
    from claimx.inputs.article import Article

log = logging.getLogger("claimx")


def _read(item: str, published: date | None, keep_text: bool) -> Article | Outcome:
    good, slots = read_items([item], published, keep_text)
    failed = slots[0]
    return good[0][1] if good or failed is None else failed


def _size_on_disk(item: Item) -> int:
    from claimx.inputs.paths import STDIN

    if not isinstance(item, str) or item == STDIN:
        return 0
    try:
        return os.stat(item).st_size
    except (OSError, ValueError):  # not a file (a URL), or gone: where it is read, that is reported
        return 0


def read_if_big(item: Item) -> bool:
    """Whether `map_in_pieces` reads an input itself: a file big enough to hold a text that goes in
    pieces (a text takes at least a byte per character). Other paths and URLs are read where their
    chunk runs; one that turns out long is then processed there, one piece after another."""
    from claimx import extraction as extractor

    return _size_on_disk(item) > extractor.PIECE_CHARS


def pieces_in(item: Item) -> int:
    """About how many pieces an input is processed in: 1, or more for a long text (from its length
    when read, else from its size on disk)."""
    from claimx import extraction as extractor

    size = _size_on_disk(item) if isinstance(item, str) else len(item.text)
    return max(1, -(-size // extractor.PIECE_CHARS))


def workers_for(items: Sequence[Item], size: int, requested: int) -> int:
    """How many workers a batch can keep busy, at most `requested`: one per chunk of `size` inputs,
    and one more per further piece of a long input."""
    tasks = -(-len(items) // size)
    for item in items:
        if tasks >= requested:
            break
        tasks += pieces_in(item) - 1
    return max(1, min(requested, tasks))


@dataclass
class _Run:
    """A chunk's ordinary inputs, sent as one task; their Outcomes come back in order."""

    items: list[Item]
    outcomes: list[Outcome] = field(default_factory=list)
    n_tasks = 1

    def tasks(self) -> Iterator[Task]:
        yield self.items

    def take(self, outcomes: list[Outcome]) -> None:
        self.outcomes = outcomes


@dataclass
class _Long:
    """A long article sent as one task per piece (made when sent, so only the pieces in flight are
    held besides the article); the Outcomes of its pieces come back in order."""

    article: Article
    cuts: list[int]
    parts: list[Outcome] = field(default_factory=list)

    @property
    def n_tasks(self) -> int:
        return len(self.cuts) - 1

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(b - a for a, b in itertools.pairwise(self.cuts))

    def tasks(self) -> Iterator[Task]:
        from claimx.extraction import piece

        report = PIECES.get()
        if report is not None:
            report(0, self.sizes)
        for a, b in itertools.pairwise(self.cuts):
            yield [piece(self.article, a, b)]

    def take(self, outcomes: list[Outcome]) -> None:
        self.parts.extend(outcomes)
        report = PIECES.get()
        if report is not None:
            report(len(self.parts), self.sizes)

    def outcome(self) -> Outcome:
        """The merged record, or the error of the first piece that failed, with where it is."""
        from claimx.extraction import merge_pieces

        source = self.article.source
        for a, b, part in zip(self.cuts, self.cuts[1:], self.parts, strict=False):
            if part.record is None:
                reason = str(part.error).removeprefix(f"{source}: ")
                return Outcome(source, error=f"{source}, characters {a}-{b}: {reason}")
        from claimx.inputs.fingerprint import article_fingerprint

        records = [(a, part.record) for a, part in zip(self.cuts, self.parts, strict=False) if part.record]
        # The whole text's fingerprint, not the pieces': the same whatever PIECE_CHARS is.
        fingerprint = article_fingerprint(self.article)
        return Outcome(source, record=merge_pieces(self.article, records), fingerprint=fingerprint)


class _Planned:
    """One chunk on its way through the workers: per input, its Outcome already known (an input
    that could not be read here) or the unit it comes from; and the units' tasks still out."""

    def __init__(
        self, chunk: list[Item], published: date | None, read_here: Callable[[Item], bool], keep_text: bool = False
    ) -> None:
        from claimx.extraction import is_long, split_points

        self.slots: list[Outcome | _Run | _Long] = []
        self.units: list[_Run | _Long] = []
        run: _Run | None = None
        for item in chunk:
            got = _read(item, published, keep_text) if isinstance(item, str) and read_here(item) else item
            if not isinstance(got, (str, Outcome)):  # a long one's merged record is made here, from this Article
                got = keeping_text(got, keep_text)
            if isinstance(got, Outcome):
                self.slots.append(got)
            elif not isinstance(got, str) and is_long(got):
                run = None
                self.units.append(_Long(got, split_points(got.text)))
                self.slots.append(self.units[-1])
            else:
                if run is None:
                    run = _Run([])
                    self.units.append(run)
                run.items.append(got)
                self.slots.append(run)
        self.waiting: deque[_Run | _Long] = deque(u for u in self.units for _ in range(u.n_tasks))

    def tasks(self) -> Iterator[Task]:
        for unit in self.units:
            yield from unit.tasks()

    @property
    def complete(self) -> bool:
        return not self.waiting

    def take(self, outcomes: list[Outcome]) -> None:
        self.waiting.popleft().take(outcomes)

    def outcomes(self) -> list[Outcome]:
        """One Outcome per input of the chunk, in input order."""
        runs = {id(u): iter(u.outcomes) for u in self.units if isinstance(u, _Run)}
        outcomes = []
        for slot in self.slots:
            if isinstance(slot, _Run):
                outcomes.append(next(runs[id(slot)]))
            elif isinstance(slot, _Long):
                outcomes.append(slot.outcome())
            else:
                outcomes.append(slot)
        return outcomes


def map_in_pieces(
    chunks: Iterable[list[Item]],
    run_tasks: Callable[[Iterator[Task]], Generator[list[Outcome], None, None]],
    published: date | None,
    read_here: Callable[[Item], bool] = read_if_big,
    keep_text: bool = False,
) -> Iterator[list[Outcome]]:
    """Each chunk's Outcomes, in input order, from `run_tasks` (a runner's loop that runs tasks and
    yields their results in order, pulling tasks only as it has room for them). Inputs `read_here`
    are read now (with `published`), so a long one goes as one task per piece; with `keep_text` the
    records carry their articles' texts."""
    planned: deque[_Planned] = deque()

    def tasks() -> Iterator[Task]:
        for chunk in chunks:
            plan = _Planned(chunk, published, read_here, keep_text)
            planned.append(plan)
            yield from plan.tasks()

    with contextlib.closing(run_tasks(tasks())) as results:
        for result in results:
            while planned[0].complete:  # chunks with no task: every input failed to be read
                yield planned.popleft().outcomes()
            planned[0].take(result)
            if planned[0].complete:
                yield planned.popleft().outcomes()
    while planned:
        yield planned.popleft().outcomes()
