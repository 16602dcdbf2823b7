"""One extraction run, as the `extract` command does it, callable from Python.

It lists the inputs, chooses the format, checks the model and rules before any output is opened,
opens the sink, skips what `--resume` finds done, runs the chunks on a runner, writes the records
in input order and reports failed inputs one line each. Ctrl-C is handled here and only here: the
first one stops after the record being written and leaves valid output; a second stops at once.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Protocol

from . import runners
from .batch import Item, chunk_size_for, chunks, source_of, workers_for
from .errors import InputError, UsageError
from .executors import make_runner
from .progress import PIECES, plural
from .runners import PipelineSpec, Runner, runs_here
from .sinks import check_output_options, choose_format, open_sink, stdout_is_tty
from .sources import (
    FOLDER_SUFFIXES,
    STDIN,
    decode,
    empty_folders,
    html_article,
    input_kind,
    iter_paths,
    make_article,
    read_bytes,
    read_jsonl,
    read_url_list,
)
from .web import is_url
from .writers import Format

log = logging.getLogger("claimx")


class ExitStatus(IntEnum):
    """The exit statuses of `claimx extract`."""

    OK = 0
    FAILED = 1  # an input, the model, the rules or the output failed
    USAGE = 2  # options that cannot work (Click uses 2 for its own usage errors too)
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT


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


@dataclass
class Summary:
    """How a run went."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    single: bool = True  # one input given: json output is one object, and no summary is needed
    errors: list[str] = field(default_factory=list)

    @property
    def status(self) -> ExitStatus:
        """The exit status this run ends with."""
        if self.interrupted:
            return ExitStatus.INTERRUPTED
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


def collect_inputs(
    paths: list[str], published: date | None, input_format: str = "auto", include: tuple[str, ...] = ()
) -> tuple[list[Item], list[str]]:
    """The inputs in order (folders expanded; stdin and JSONL files read here, one Article per line)
    and the errors of those that could not even be collected. Other files and URLs stay names, read
    where their chunk runs."""
    items: list[Item] = []
    errors: list[str] = []
    stdin_seen = False
    for path in iter_paths(paths, include):
        if path == STDIN:
            if stdin_seen:
                continue
            stdin_seen = True
        elif is_url(path) or (input_format == "auto" and input_kind(path) != "jsonl"):
            items.append(path)
            continue
        try:
            data = read_bytes(path)
            kind = input_kind(path, data, input_format)
            if kind == "jsonl":
                for got in read_jsonl(data, path, published):
                    if isinstance(got, InputError):
                        errors.append(str(got))
                    else:
                        items.append(got)
            elif kind == "html":
                items.append(html_article(decode(data, path), path, published))
            else:
                items.append(make_article(data, path, published))
        except InputError as exc:
            errors.append(str(exc))
    return items, errors


def input_names(options: RunOptions) -> list[str]:
    """The inputs as given: the paths, then the lines of --urls."""
    paths = list(options.paths)
    if options.urls is not None:
        if options.urls == STDIN and STDIN in paths:
            raise UsageError("--urls", "--urls - and the input - both read stdin; give the URLs in a file")
        paths += read_url_list(options.urls)
    if not paths:
        raise UsageError("PATHS", "give article files, folders, URLs, - for stdin, or --urls FILE")
    return paths


class _CtrlC:
    """The first Ctrl-C sets a flag checked between records; the second interrupts at once."""

    def __init__(self) -> None:
        self.pressed = False

    def __call__(self, signum: int, frame: object) -> None:
        self.pressed = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    @contextmanager
    def installed(self) -> Iterator[_CtrlC]:
        try:
            previous = signal.signal(signal.SIGINT, self)
        except ValueError:  # not the main thread (claimx used as a library): keep Python's default
            previous = None
        try:
            yield self
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)


def run_extract(options: RunOptions, reporter: Reporter | None = None, runner: Runner | None = None) -> Summary:
    """Run one extraction; raises ClaimxError (or UsageError) for problems that stop it as a whole."""
    reporter = reporter or SilentReporter()
    t0 = time.monotonic()
    paths = input_names(options)
    given = list(iter_paths(paths, options.include))
    # json's shape follows the inputs given, not those that succeed; a JSONL input holds many articles.
    single = len(given) == 1 and (is_url(given[0]) or input_kind(given[0], None, options.input_format) != "jsonl")
    summary = Summary(single=single)
    fmt = choose_format(options.fmt, options.output, stdout_is_tty=stdout_is_tty(), n_inputs=1 if single else 2)
    check_output_options(fmt, options.output, options.resume, options.table)
    if not given:
        folders = ", ".join(empty_folders(paths, options.include)) or "the given folders"
        kinds = ", ".join(f"*{s}" for s in FOLDER_SUFFIXES)
        raise InputError(
            f"no article files ({kinds}) found in {folders}; give article files, or --include GLOB for other names"
        )
    log.debug("%s; output %s to %s", plural(len(given), "input"), fmt.value, options.output or "stdout")
    # The model and rule files fail here, before any input is read (stdin, JSONL archives) and before
    # any output file is opened (or truncated).
    from .pipeline import preflight

    preflight(options.model, options.patterns)
    items, errors = collect_inputs(paths, options.published, options.input_format, options.include)
    for message in errors:
        summary.failed += 1
        reporter.error(f"Error: {message}")

    spec = PipelineSpec(model=options.model, patterns=options.patterns, published=options.published)
    if options.scheduler and runner is None:
        # A cluster is reached before any output is opened, and its size sets the chunks.
        runner = make_runner(spec, 0, scheduler=options.scheduler)
    requested = runner.workers if runner is not None else options.workers or runners.default_workers()
    size = chunk_size_for(len(items), requested)
    workers = workers_for(items, size, requested)
    # Loaded now when this process does the work (worker processes load their own); a cluster's
    # connection is closed if the output cannot be opened.
    try:
        if runner is None and runs_here(workers):
            spec.load()
        sink = open_sink(fmt, options.output, single=summary.single, resume=options.resume, table=options.table)
    except BaseException:
        if runner is not None:
            runner.close()
        raise
    ok = False
    try:
        if options.resume:
            done = sink.done_sources()
            summary.skipped = sum(1 for it in items if source_of(it) in done)
            items = [it for it in items if source_of(it) not in done]
        runner = runner or make_runner(spec, workers)
        # Records on the terminal the progress bar is drawn on go out with the bar taken off it.
        to_terminal = reporter.paused if options.output is None and stdout_is_tty() else nullcontext
        reporter.start(len(items))
        pieces = PIECES.set(getattr(reporter, "pieces", None))
        with _CtrlC().installed() as ctrl_c:
            try:
                t_chunk = time.monotonic()
                for outcomes in runner.map_ordered(chunks(items, size)):
                    log.debug("%s in %.2f s", plural(len(outcomes), "input"), time.monotonic() - t_chunk)
                    t_chunk = time.monotonic()
                    for outcome in outcomes:
                        if outcome.record is None:
                            summary.failed += 1
                            reporter.error(f"Error: {outcome.error}")
                        else:
                            summary.done += 1
                            with to_terminal():
                                sink.write(outcome.record)
                        reporter.advance(summary.done + summary.failed)
                        if ctrl_c.pressed:
                            break
                    if ctrl_c.pressed:
                        break
            except KeyboardInterrupt:  # a second Ctrl-C, while waiting for the model or a chunk
                summary.interrupted = True
            finally:
                summary.interrupted = summary.interrupted or ctrl_c.pressed
                runner.close(kill=True)
                PIECES.reset(pieces)
        ok = True
    except KeyboardInterrupt:
        summary.interrupted = True
        ok = True
    finally:
        reporter.close()
        sink.close(ok=ok)
        summary.seconds = time.monotonic() - t0
    return summary
