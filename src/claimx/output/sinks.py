"""Where records go: the Sink seam, one implementation per kind of output, and the choice of format.

A Sink takes finished records one at a time, says which sources it already holds (`--resume`), and
is closed once: `close(ok=True)` after a complete or interrupted run leaves valid output; `close(ok=
False)` after an error leaves what was at the path before (json, csv) or the records so far (jsonl,
sqlite). A new output kind is one more class here and one line in `open_sink`.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from claimx.errors import OutputError
from claimx.output.formats import NEEDS_TEXT, Format, check_output_options, check_wide, choose_format, stdout_is_tty
from claimx.output.writers import RecordWriter, dumps, make_writer

if TYPE_CHECKING:
    from claimx.records import ArticleRecord


class Sink(Protocol):
    """Takes records one at a time; closed once."""

    def done_sources(self) -> Container[str]:
        """Sources already in the output (what --resume skips)."""
        ...

    def write(self, record: ArticleRecord, fingerprint: bytes | None = None) -> None:
        """Add one record (with its article's fingerprint, which SQLite keeps for later runs)."""
        ...

    def close(self, ok: bool = True) -> None:
        """Finish the output (`ok`), or abandon it after an error."""
        ...


@dataclass(frozen=True)
class OutputPlan:
    """Where a run's records go, decided before any work: the format and its options, checked."""

    fmt: Format
    path: Path | None
    single: bool
    resume: bool = False
    table: str | None = None
    wide: bool = False

    @property
    def needs_text(self) -> bool:
        """Whether the format shows the articles' texts, so every record must carry its text."""
        return self.fmt in NEEDS_TEXT

    def open(self) -> Sink:
        """The sink, opened (a file is created or truncated only now)."""
        return open_sink(self.fmt, self.path, single=self.single, resume=self.resume, table=self.table, wide=self.wide)


def plan_output(
    fmt: Format | None,
    path: Path | None,
    *,
    single: bool,
    resume: bool = False,
    table: str | None = None,
    wide: bool = False,
) -> OutputPlan:
    """The one door to a run's output: the format (`formats.choose_format`) and a UsageError for options
    that cannot work together, before anything is read; `OutputPlan.open` then opens the sink."""
    chosen = choose_format(fmt, path, stdout_is_tty=stdout_is_tty(), n_inputs=1 if single else 2)
    check_output_options(chosen, path, resume, table)
    check_wide(chosen, wide)
    return OutputPlan(chosen, path, single, resume, table, wide)


def open_sink(
    fmt: Format,
    output: Path | None,
    *,
    single: bool,
    resume: bool = False,
    table: str | None = None,
    wide: bool = False,
) -> Sink:
    """The sink for a format and an optional output path; `table` picks the CSV table, `wide` the
    wider tables of the table format."""
    if fmt is Format.sqlite:
        assert output is not None  # check_output_options refuses sqlite without -o
        return SqliteSink(output)
    if output is None:
        return StreamSink(make_writer(fmt, sys.stdout, single, table, wide), sys.stdout)
    if fmt is Format.jsonl:
        return JsonlFileSink(output, resume)
    return ReplacingFileSink(fmt, output, single, table, wide)


class StreamSink:
    """A stream format on an open text stream (stdout)."""

    def __init__(self, writer: RecordWriter, out: TextIO) -> None:
        self.writer, self.out = writer, out

    def done_sources(self) -> set[str]:
        """A stream holds nothing yet."""
        return set()

    def write(self, record: ArticleRecord, fingerprint: bytes | None = None) -> None:
        """Serialise one record."""
        self.writer.write(record)

    def close(self, ok: bool = True) -> None:
        """Complete the document and flush."""
        self.writer.finish()
        self.out.flush()


class ReplacingFileSink:
    """json, csv or table to a file that replaces what is at the path only when complete
    (a device, FIFO or symlink target is handled by `claimx.files`)."""

    def __init__(self, fmt: Format, path: Path, single: bool, table: str | None = None, wide: bool = False) -> None:
        from claimx.output.safe_files import ReplacingFile

        self.path = path
        self.file = ReplacingFile(path)
        self.writer = make_writer(fmt, self.file.stream, single, table, wide)

    def done_sources(self) -> set[str]:
        """Nothing is resumed: the file is replaced."""
        return set()

    def write(self, record: ArticleRecord, fingerprint: bytes | None = None) -> None:
        """Serialise one record to the temporary file."""
        try:
            self.writer.write(record)
        except OSError as exc:
            self.file.abandon()
            raise OutputError(
                f"{self.path}: write failed ({exc.strerror or exc}); nothing was saved - free some space or "
                "choose another -o path"
            ) from None

    def close(self, ok: bool = True) -> None:
        """Complete and move into place, or drop the temporary file."""
        if not ok:
            self.file.abandon()
            return
        try:
            self.writer.finish()
        except OSError as exc:
            self.file.abandon()
            raise OutputError(
                f"{self.path}: write failed ({exc.strerror or exc}); nothing was saved - free some space or "
                "choose another -o path"
            ) from None
        self.file.commit()


class JsonlFileSink:
    """JSON lines to a file: whole lines written one by one, so a killed run leaves at worst one cut-off
    last line (which --resume repairs). A failed write (a full disk) is cut back to the last whole line
    before the error is raised. Without --resume a regular file starts empty."""

    def __init__(self, path: Path, resume: bool) -> None:
        from claimx.output.safe_files import open_appending

        self.path = path
        self.done = resume_jsonl(path) if resume else set()
        self.fh, self.good = open_appending(path, keep=resume)

    def done_sources(self) -> set[str]:
        """Sources of the complete records already in the file."""
        return self.done

    def write(self, record: ArticleRecord, fingerprint: bytes | None = None) -> None:
        """Append one whole line."""
        line = (dumps(record) + "\n").encode("utf-8")
        try:
            view = memoryview(line)
            while view:
                view = view[self.fh.write(view) :]
        except OSError as exc:
            with contextlib.suppress(OSError):
                self.fh.truncate(self.good)
            raise OutputError(
                f"{self.path}: write failed ({exc.strerror or exc}); the file holds the complete records so far - "
                "free some space, then rerun with --resume"
            ) from None
        self.good += len(line)

    def close(self, ok: bool = True) -> None:
        """Close the file (every line in it is whole)."""
        self.fh.close()


class SqliteSink:
    """The SQLite database (`claimx.store`): one transaction per article."""

    def __init__(self, path: Path) -> None:
        from claimx.output.sqlite import SqliteStore

        self.store = SqliteStore(path)

    def done_sources(self) -> Container[str]:
        """Sources already in the database (matched by resolved path)."""
        return self.store.sources()

    def write(self, record: ArticleRecord, fingerprint: bytes | None = None) -> None:
        """Insert (or replace) one article, keeping its fingerprint."""
        self.store.write(record, fingerprint)

    def close(self, ok: bool = True) -> None:
        """Close the connection (every article written is committed), after updating the grouping of
        people and organisations when the run did not fail."""
        self.store.close(regroup=ok)


def resume_jsonl(path: Path) -> set[str]:
    """Prepare an existing JSONL output for appending: return the sources of its complete records and
    cut off an incomplete last line (what a run killed mid-write leaves). Anything else that is not a
    claimx record is an OutputError, never silently overwritten."""
    from claimx.output.safe_files import require_regular

    require_regular(path, "--resume")
    if not path.exists():
        return set()
    done: set[str] = set()
    good_end = 0
    try:
        with open(path, "rb+") as fh:
            for lineno, line in enumerate(fh, 1):
                try:
                    rec = json.loads(line) if line.endswith(b"\n") else None
                except ValueError:
                    rec = None
                if not isinstance(rec, dict) or "source" not in rec:
                    if fh.read(1):  # not the last line: this is not a file claimx was appending to
                        raise OutputError(
                            f"{path}:{lineno}: not a claimx JSONL record; choose another -o path or remove the file"
                        )
                    break
                done.add(rec["source"])
                good_end += len(line)
            fh.truncate(good_end)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot resume ({exc.strerror or exc}); check the file and its permissions"
        ) from None
    return done
