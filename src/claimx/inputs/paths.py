"""What the command line names as inputs: files, folders (expanded), URLs, '-' for stdin and lists
of URLs; how each is read (text, web page or JSONL); its bytes; and the key an article is stored under."""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimx.errors import InputError
from claimx.inputs.decode import decode

STDIN = "-"


# What a folder contributes without --include, compared case-insensitively ("UPPER.TXT" counts).
FOLDER_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")


HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm")


JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")


# How an input is read: by its suffix or first bytes (auto), or as the user says (--input-format).
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html", "jsonl")


def wanted(name: str, include: Iterable[str] = ()) -> bool:
    """Whether a file found in a folder is an input: a FOLDER_SUFFIXES suffix in any case, or a match
    of one of the --include globs (also case-insensitive)."""
    low = name.lower()
    return low.endswith(FOLDER_SUFFIXES) or any(fnmatch.fnmatchcase(low, g.lower()) for g in include)


def iter_paths(paths: Iterable[str], include: Iterable[str] = ()) -> Iterator[str]:
    """Expand the command-line inputs: files and URLs as given, folders to their article files (see
    `wanted`; sorted, recursive, dot-files and dot-folders skipped), '-' for stdin. Missing paths are
    yielded too, to fail on read."""
    include = tuple(include)
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            found: list[str] = []
            # os.walk does not follow symlinked folders, so a symlink loop cannot trap it.
            for root, dirs, files in os.walk(p, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if not f.startswith(".") and wanted(f, include))
            yield from sorted(found)
        else:
            yield raw


def empty_folders(paths: Iterable[str], include: Iterable[str] = ()) -> list[str]:
    """The given folders that hold no input file."""
    return [p for p in paths if p != STDIN and Path(p).is_dir() and next(iter_paths([p], include), None) is None]


def input_kind(path: str, data: bytes | str | None = None, forced: str = "auto") -> str:
    """'text', 'html' or 'jsonl': what --input-format says, else the suffix, else the first bytes."""
    if forced != "auto":
        return forced
    low = path.lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if data is not None:
        from claimx.inputs.web import looks_like_html

        head = data[:4096] if isinstance(data, str) else data[:4096].decode("utf-8", "replace")
        if looks_like_html(head):
            return "html"
    return "text"


def read_bytes(path: str) -> bytes:
    """The bytes of a file, or of stdin for '-'; InputError with the fix for what goes wrong."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except IsADirectoryError:
        raise InputError(
            f"{path}: is a folder without article files ({', '.join(FOLDER_SUFFIXES)}); add --include GLOB"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_url_list(path: str) -> list[str]:
    """The URLs (or paths) listed in a file, one a line; blank lines and '#' comments are skipped."""
    text = decode(read_bytes(path), path)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


_JSONL_LINE = re.compile(r"\A(?P<file>.+):(?P<line>[0-9]+)\Z")


def article_key(source: str) -> str:
    """The key an article is stored under: a file's absolute, resolved path (so `./x/a.txt`,
    `x/a.txt` and `/abs/x/a.txt` are one article), `FILE:LINE` with FILE resolved for a JSONL line,
    and the source as given for a URL, a JSONL id or stdin."""
    if source == "-" or "://" in source:
        return source
    if os.path.exists(source):
        return os.path.realpath(source)
    m = _JSONL_LINE.match(source)
    if m and os.path.isfile(m.group("file")):
        return f"{os.path.realpath(m.group('file'))}:{m.group('line')}"
    return source
