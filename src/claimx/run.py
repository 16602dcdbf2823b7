"""One extraction run, as the `extract` command does it, callable from Python.

It lists the inputs, chooses the format, checks the model and rules before any output is opened,
opens the sink, skips what `--resume` finds done, runs the chunks on a runner, writes the records
in input order and reports failed inputs one line each. The signals that stop a run, Ctrl-C (SIGINT)
and SIGTERM, are handled here and only here (`_Stop`): the first one stops the workers and leaves
valid output, finishing the record being written; a second stops at once.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Protocol

from claimx.batch import seam
from claimx.batch.chunks import Outcome, chunk_size_for, chunks
from claimx.batch.pieces import workers_for
from claimx.batch.runners import make_runner
from claimx.batch.seam import PipelineSpec, Runner, runs_here
from claimx.errors import ClaimxError
from claimx.extraction import PIECES
from claimx.inputs.collect import Item, open_inputs, source_of
from claimx.nlp.pipeline import preflight
from claimx.output.filters import RecordFilter
from claimx.output.formats import Format, stdout_is_tty
from claimx.output.progress import plural
from claimx.output.sinks import OutputPlan, Sink, plan_output
from claimx.output.trace import Earlier, Tracer, seed_from
from claimx.records import ArticleRecord

log = logging.getLogger("claimx")


class ExitStatus(IntEnum):
    """The exit statuses of `claimx extract`."""

    OK = 0  # also when the reader of stdout closed it early (`claimx ... | head`): its choice, not a failure
    FAILED = 1  # an input, the model, the rules or the output failed
    USAGE = 2  # options that cannot work (Click uses 2 for its own usage errors too)
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT
    TERMINATED = 143  # SIGTERM (kill, systemd, docker stop), which stops a run as Ctrl-C does: 128 + SIGTERM


@dataclass
class RunOptions:
    """What to extract and where to put it (the options of `claimx extract`)."""

    paths: list[str]
    fmt: Format | None = None
    output: Path | None = None
    published: date | None = None
    model: str | None = None
    patterns: str | None = None
    workers: int | None = None
    resume: bool = False
    input_format: str = "auto"  # auto | text | html | jsonl (sources.INPUT_FORMATS)
    include: tuple[str, ...] = ()  # globs of further files to take from folders
    urls: str | None = None  # a file listing URLs (or paths), one a line; '-' for stdin
    table: str | None = None  # the CSV table (tables.TABLE_NAMES); None: writers.DEFAULT_TABLE
    scheduler: str | None = None  # a Dask scheduler's address: run the chunks on its cluster
    # What to keep of each record (output.filters), in every format: claim types, speakers' names,
    # entity types (comma-separated strings or lists); None keeps all.
    claims: str | list[str] | None = None
    speakers: list[str] | None = None
    entities: str | list[str] | None = None
    wide: bool = False  # the table format's claims with every field and their whole text
    keep_text: bool = False  # every record carries its article's text (always for -f html)


@dataclass
class Summary:
    """How a run went."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    interrupted: bool = False
    signum: int = signal.SIGINT  # the signal that interrupted the run
    seconds: float = 0.0
    single: bool = True  # one input given: json output is one object, and no summary is needed
    errors: list[str] = field(default_factory=list)

    @property
    def status(self) -> ExitStatus:
        """The exit status this run ends with."""
        if self.interrupted:
            return ExitStatus.TERMINATED if self.signum == signal.SIGTERM else ExitStatus.INTERRUPTED
        return ExitStatus.FAILED if self.failed else ExitStatus.OK


class Reporter(Protocol):
    """Progress of a run, for a person watching (a progress bar) or nobody."""

    def start(self, total: int) -> None:
        """The run will handle `total` inputs."""
        ...

    def advance(self, finished: int) -> None:
        """`finished` inputs are done (or failed) so far."""
        ...

    def error(self, message: str) -> None:
        """One input failed: a one-line message."""
        ...

    def paused(self) -> AbstractContextManager[None]:
        """Records are being written to the terminal the progress is shown on."""
        ...

    def close(self) -> None:
        """The run is over."""
        ...


class SilentReporter:
    """Reports nothing (library use, `-q`, or no terminal)."""

    def start(self, total: int) -> None:
        """Nothing."""

    def advance(self, finished: int) -> None:
        """Nothing."""

    def error(self, message: str) -> None:
        """Nothing."""

    def paused(self) -> AbstractContextManager[None]:
        """Nothing to take off the terminal."""
        return nullcontext()

    def close(self) -> None:
        """Nothing."""


class _Stop:
    """SIGINT (Ctrl-C) and SIGTERM, handled alike. The first one stops the run at once where that loses
    nothing (reading inputs, waiting for a chunk: the chunks in flight are dropped), and only after the
    block in hand where output is being written or closed (`deferred`); a second stops at once."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.signum: int | None = None  # the first signal received
        self._deferring = False

    def __call__(self, signum: int, frame: object) -> None:
        first = self.signum is None
        self.signum = self.signum or signum
        if not (first and self._deferring):
            raise KeyboardInterrupt

    def check(self) -> None:
        """Stop here (KeyboardInterrupt) if a signal came during a deferred block."""
        if self.signum is not None:
            raise KeyboardInterrupt

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """A first signal inside this block only marks the run as stopping (see `check`)."""
        outer, self._deferring = self._deferring, True
        try:
            yield
        finally:
            self._deferring = outer

    @contextmanager
    def installed(self) -> Iterator[_Stop]:
        """Handle the signals within this block; Python's handlers (or whoever's were there) after it."""
        previous = []
        for signum in self.SIGNALS:
            try:
                previous.append((signum, signal.signal(signum, self)))
            except ValueError:  # not the main thread (claimx used as a library): keep Python's default
                break
        try:
            yield self
        finally:
            for signum, handler in previous:
                if handler is not None:  # None: a handler not set from Python, which cannot be put back
                    signal.signal(signum, handler)


def run_extract(options: RunOptions, reporter: Reporter | None = None, runner: Runner | None = None) -> Summary:
    """Run one extraction; raises ClaimxError (or UsageError) for problems that stop it as a whole.
    SIGINT and SIGTERM end it early with valid output and an interrupted Summary."""
    t0 = time.monotonic()
    summary = Summary()
    stop = _Stop()
    with stop.installed():
        try:
            _run(options, reporter or SilentReporter(), runner, summary, stop)
        except KeyboardInterrupt:  # before any output was opened, or a second signal
            summary.interrupted = True
    if stop.signum is not None:
        summary.interrupted, summary.signum = True, stop.signum
    summary.seconds = time.monotonic() - t0
    return summary


def _run(options: RunOptions, reporter: Reporter, runner: Runner | None, summary: Summary, stop: _Stop) -> None:
    """The run itself, counted in `summary`; `run_extract` handles the signals around it. Usage errors,
    an empty folder, the model and the rule files all fail before any input is read (stdin, JSONL
    archives) and before any output file is opened (or truncated)."""
    keep = RecordFilter.of(options.claims, options.speakers, options.entities)
    inputs = open_inputs(options.paths, urls=options.urls, include=options.include, input_format=options.input_format)
    summary.single = inputs.single
    output = plan_output(
        options.fmt, options.output, single=inputs.single, resume=options.resume, table=options.table, wide=options.wide
    )
    inputs.require_articles()
    log.debug("%s; output %s to %s", plural(len(inputs.given), "input"), output.fmt.value, options.output or "stdout")
    preflight(options.model, options.patterns)
    items, errors = inputs.read(options.published)
    for message in errors:
        summary.failed += 1
        reporter.error(f"Error: {message}")
    work = _plan_work(options, items, runner, keep_text=options.keep_text or output.needs_text)
    work.after = _After(keep, Tracer() if not inputs.single or options.resume else None, output)
    sink = _open_output(output, work, stop)
    _run_work(options, work, sink, summary, reporter, stop)


@dataclass
class _Work:
    """How the inputs of a run are worked through: the pipeline, the runner and the chunks."""

    spec: PipelineSpec
    items: list[Item]
    runner: Runner | None  # a runner given or reached already (a cluster); else made when work starts
    size: int  # inputs per chunk
    workers: int
    after: _After | None = None  # what each record goes through on its way to the sink


@dataclass
class _After:
    """Each record on its way from the runner to the sink: filtered, then traced across the run's
    articles (output.trace: after the filter, so every format numbers what it holds)."""

    keep: RecordFilter
    tracer: Tracer | None  # None for a single input: nothing to trace it against
    output: OutputPlan | None = None

    def __call__(self, outcome: Outcome) -> ArticleRecord:
        assert outcome.record is not None
        record = self.keep(outcome.record)
        return self.tracer.trace(record, outcome.fingerprint) if self.tracer is not None else record

    def resume(self, items: list[Item], published: date | None) -> None:
        """Replay what the output holds (`items`: the inputs it has done), so --resume goes on as one run
        would have (see trace.seed_from)."""
        if self.tracer is None or self.output is None or self.output.path is None:
            return
        by_source = {source_of(it): it for it in items}
        refingerprint = lambda e: _refingerprint(e, by_source.get(e.source), published)  # noqa: E731
        seed_from(self.tracer, self.output.fmt, self.output.path, refingerprint)


def _refingerprint(earlier: Earlier, item: Item | None, published: date | None) -> bytes | None:
    """The fingerprint of an article a --resume skips, from its input (read again) or the text its record
    keeps; None when neither is at hand (an input no longer given), so later copies are not traced to it."""
    from claimx.inputs.article import make_article
    from claimx.inputs.collect import read_article
    from claimx.inputs.fingerprint import article_fingerprint
    from claimx.inputs.web import is_url

    try:
        if item is not None and not isinstance(item, str):
            return article_fingerprint(item)
        if earlier.text is not None:
            return article_fingerprint(make_article(earlier.text, earlier.source))
        if item is not None and not is_url(item):
            return article_fingerprint(read_article(item, published))
    except ClaimxError as exc:
        log.debug("%s: not traced against (%s)", earlier.source, exc)
    return None


def _plan_work(options: RunOptions, items: list[Item], runner: Runner | None, keep_text: bool = False) -> _Work:
    """The chunk size and the number of workers; a cluster is reached now, before any output is opened,
    since its size sets the chunks."""
    spec = PipelineSpec(
        model=options.model, patterns=options.patterns, published=options.published, keep_text=keep_text
    )
    if options.scheduler and runner is None:
        runner = make_runner(spec, 0, scheduler=options.scheduler)
    requested = runner.workers if runner is not None else options.workers or seam.default_workers()
    size = chunk_size_for(len(items), requested)
    return _Work(spec, items, runner, size, workers_for(items, size, requested))


def _open_output(output: OutputPlan, work: _Work, stop: _Stop) -> Sink:
    """The pipeline loaded when this process does the work (worker processes load their own), then the
    sink opened; a cluster's connection is closed if either fails."""
    try:
        if work.runner is None and runs_here(work.workers):
            work.spec.load()
        with stop.deferred():  # a signal while the output is being opened leaves no half-made file
            return output.open()
    except BaseException:
        if work.runner is not None:
            work.runner.close()
        raise


def _run_work(options: RunOptions, work: _Work, sink: Sink, summary: Summary, reporter: Reporter, stop: _Stop) -> None:
    """Skip what --resume finds done, run the chunks and write their records; the sink is closed
    properly whatever happens (after a signal, what is written so far is the output)."""
    ok = False
    try:
        stop.check()
        items = work.items
        after = work.after or _After(RecordFilter(), None)
        if options.resume:
            done = sink.done_sources()
            after.resume([it for it in items if source_of(it) in done], options.published)
            summary.skipped = sum(1 for it in items if source_of(it) in done)
            items = [it for it in items if source_of(it) not in done]
        runner = work.runner or make_runner(work.spec, work.workers)
        # Records on the terminal the progress bar is drawn on go out with the bar taken off it.
        to_terminal = reporter.paused if options.output is None and stdout_is_tty() else nullcontext
        reporter.start(len(items))
        results = runner.map_ordered(chunks(items, work.size, runner.workers))
        _write_records(results, runner, sink, summary, reporter, stop, to_terminal, after)
        ok = True
    except KeyboardInterrupt:
        summary.interrupted = True
        ok = True
    finally:
        with stop.deferred():
            reporter.close()
            sink.close(ok=ok)


def _write_records(
    results: Iterator[list[Outcome]],
    runner: Runner,
    sink: Sink,
    summary: Summary,
    reporter: Reporter,
    stop: _Stop,
    to_terminal: Callable[[], AbstractContextManager[None]],
    after: Callable[[Outcome], ArticleRecord],
) -> None:
    """Write the records of each chunk as the runner yields them, then release the runner's workers.
    A signal while a chunk's records are written stops the run after the record in hand."""
    pieces = PIECES.set(getattr(reporter, "pieces", None))
    try:
        t_chunk = time.monotonic()
        for outcomes in results:
            log.debug("%s in %.2f s", plural(len(outcomes), "input"), time.monotonic() - t_chunk)
            t_chunk = time.monotonic()
            with stop.deferred():
                for outcome in outcomes:
                    if outcome.record is None:
                        summary.failed += 1
                        reporter.error(f"Error: {outcome.error}")
                    else:
                        record = after(outcome)
                        with to_terminal():  # the progress bar steps aside for tables on the same terminal
                            sink.write(record, outcome.fingerprint)
                        summary.done += 1  # counted once written: a second signal can stop the write
                    reporter.advance(summary.done + summary.failed)
                    stop.check()
    finally:
        with stop.deferred():
            runner.close(kill=True)
        PIECES.reset(pieces)
