"""Where articles come from: paths, folders, URLs and stdin; plain text, web pages and JSONL records;
decoding; and the publication date with where it was found (`published_basis`)."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from claimx.errors import InputError, json_error_text

log = logging.getLogger("claimx")

STDIN = "-"

# What a folder contributes without --include, compared case-insensitively ("UPPER.TXT" counts).
FOLDER_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm")
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")
# How an input is read: by its suffix or first bytes (auto), or as the user says (--input-format).
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html", "jsonl")
# Where a record's publication date came from, strongest first.
PUBLISHED_BASES: tuple[str, ...] = ("option", "prefix", "record", "page", "dateline")

# A metadata line some scrapers put before the article: "date 2025-11-25 The text ...".
_PREFIX_RE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)", re.IGNORECASE)

# Magic numbers of binary formats commonly saved under a .txt name by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
)
_CP1252_PUNCT = frozenset(b"\x85\x91\x92\x93\x94\x95\x96\x97")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Article:
    """One decoded article and what is known about it before any NLP."""

    source: str
    text: str
    published: date | None
    prefix_end: int = 0  # end offset of a metadata prefix ("date 2025-11-25"), 0 when none
    sha256: str = ""
    published_basis: str | None = None  # one of PUBLISHED_BASES; None when published is None
    title: str | None = None
    url: str | None = None
    keep_text: bool = False  # the record carries `text` (a web page: offsets refer to the extracted text)

    def __post_init__(self) -> None:
        # Built by hand through the public API, a YYYY-MM-DD string would only fail deep in the pipeline.
        if not isinstance(self.published, date) or isinstance(self.published, datetime):
            object.__setattr__(self, "published", parse_published(self.published))

    @property
    def body_start(self) -> int:
        """Where the article's prose starts: after a metadata prefix and the white space that follows it
        (0 without a prefix). The prefix only dates the article; the pipeline reads the text from here."""
        if not self.prefix_end:
            return 0
        return len(self.text) - len(self.text[self.prefix_end :].lstrip())


def record_header(article: Article) -> dict[str, Any]:
    """The record's fields that come from the input rather than the pipeline (ArticleRecord keywords)."""
    return {
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "published_basis": article.published_basis if article.published else None,
        "sha256": article.sha256,
        "length": len(article.text),
        "title": article.title,
        "url": article.url,
        "text": article.text if article.keep_text else None,
    }


def parse_iso_date(value: str) -> date:
    """Parse YYYY-MM-DD strictly; raises ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form")
    return date.fromisoformat(value.strip())


def parse_record_date(value: str) -> date:
    """A date from metadata: YYYY-MM-DD, or an ISO timestamp whose date part is taken as written."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form")
    return date.fromisoformat(m.group(1))


def parse_published(value: date | str | None) -> date | None:
    """A publication date given as a date, a datetime or an ISO string (YYYY-MM-DD); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value)
    raise TypeError(f"published must be a date or a YYYY-MM-DD string, not {type(value).__name__}")


def read_prefix(text: str) -> tuple[date | None, int]:
    """The publication date of a leading `date YYYY-MM-DD` metadata prefix, and where it ends."""
    m = _PREFIX_RE.match(text)
    if not m:
        return None, 0
    try:
        return date.fromisoformat(m.group(1)), m.end()
    except ValueError:
        return None, 0


# A dateline opening a story: a place in one to four capitalised words (optionally ", Region"), a
# full date, an optional agency in brackets, then a dash or colon: "LONDON, 25 November 2025 —",
# "Dhaka, Nov 25, 2025 (ANI):". Only a date with day, month and year counts.
_PLACE = r"[A-Z][\w'.&-]*(?:[ \t]+[A-Z][\w'.&-]*){0,3}"
_DATELINE_RE = re.compile(
    rf"[ \t]*{_PLACE}(?:,[ \t]*{_PLACE})?,?[ \t]+"
    r"(?:(?P<d1>\d{1,2})[ \t]+(?P<m1>[A-Za-z]{3,9})\.?,?[ \t]+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?[ \t]+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[:—–-]"
)
DATELINE_LINES = 3  # a headline and a standfirst may come before the dateline


def find_dateline(text: str) -> date | None:
    """The date of a dateline at the top of a story (in its first DATELINE_LINES non-blank lines)."""
    from claimx.knowledge.calendar import MONTHS

    lines = [line for line in text[:2000].splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        m = _DATELINE_RE.match(line)
        if not m:
            continue
        try:
            if m.group("iso"):
                return date.fromisoformat(m.group("iso"))
            day, month, year = (
                (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else m.group("d2", "m2", "y2")
            )
            number = MONTHS.get(month.lower())
            if number is None:
                continue
            return date(int(year), number, int(day))
        except ValueError:  # 31 February
            continue
    return None


def _looks_binary(text: str) -> bool:
    """True when a decoded text is mostly control characters (a binary file decoded by force)."""
    if not text:
        return False
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad > max(2, len(sample) // 100)


def _nul_text_codec(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (LE/BE) when the NUL bytes fall where that encoding puts them for mostly
    Latin text; None when they do not (a binary file)."""
    n = len(data)
    if n % 4 == 0 and n >= 8:
        quads = [data[i : i + 4] for i in range(0, min(n, 4096), 4)]
        if sum(q[1:] == b"\0\0\0" for q in quads) >= 0.9 * len(quads):
            return "utf-32-le"
        if sum(q[:3] == b"\0\0\0" for q in quads) >= 0.9 * len(quads):
            return "utf-32-be"
    if n % 2 == 0 and n >= 4:
        sample = data[:4096]
        even, odd = sample[0::2], sample[1::2]
        half = len(sample) // 2
        if odd.count(0) >= 0.6 * half and even.count(0) <= 0.05 * half:
            return "utf-16-le"
        if even.count(0) >= 0.6 * half and odd.count(0) <= 0.05 * half:
            return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> str:
    """Decode the bytes of a text file whatever its encoding; InputError for binary content."""
    text, codec = _decode(data, name)
    log.debug("%s: %d bytes decoded as %s", name, len(data), codec)
    return text


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The decoded text and the codec chosen (said under -v)."""
    for magic, what in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file ({what}), not text; convert it to plain text first")
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(bom_codec), bom_codec
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: broken {bom_codec} text ({exc.reason}); re-save it as UTF-8") from None
    if b"\x00" in data:
        # Text with NUL bytes is UTF-16/32 without a BOM; anything else with NULs is binary.
        codec = _nul_text_codec(data)
        if codec is None:  # non-Latin UTF-16 has fewer NULs: ask the detector, but only accept UTF-16/32
            from charset_normalizer import from_bytes

            guess = from_bytes(data).best()
            one_parity = (
                len(data) % 2 == 0 and len(data) >= 16 and (data[0::2].count(0) == 0 or data[1::2].count(0) == 0)
            )
            if guess is not None and guess.encoding.startswith(("utf_16", "utf_32")) and one_parity:
                codec = guess.encoding
        if codec is None:
            raise InputError(f"{name}: binary content (NUL bytes), not text; convert it to UTF-8 text first")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise InputError(f"{name}: binary content (NUL bytes), not text; convert it to UTF-8 text first") from None
        if _looks_binary(text):
            raise InputError(f"{name}: binary content (control bytes), not text; convert it to UTF-8 text first")
        return text, codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows "smart" punctuation (bytes 0x85, 0x91-0x97: … ‘ ’ “ ” • – —) in mostly-ASCII text is the
    # commonest non-UTF-8 English news file; the detector can miss it on short texts.
    other_high = sum(b >= 0x80 and b not in _CP1252_PUNCT for b in data)
    if any(b in _CP1252_PUNCT for b in data) and other_high <= 0.2 * sum(chr(b).isalpha() for b in data if b < 0x80):
        try:
            return data.decode("cp1252"), "cp1252 (Windows punctuation)"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # imported here: only needed for odd files

    results = from_bytes(data)
    best = results.best()
    # claimx reads English news: among the decodings the detector finds plausible, the Western
    # code page (a superset of latin-1 for text) is the likeliest, so it wins a close call.
    western = next((m for m in results if m.encoding in ("cp1252", "latin_1", "iso8859_15")), None)
    if western is not None:
        try:
            text = data.decode("cp1252")
            if not _looks_binary(text):
                return text, "cp1252 (detected)"
        except UnicodeDecodeError:
            best = western
    if best is None:
        raise InputError(f"{name}: binary or undecodable content, not text; convert it to UTF-8 text first")
    text = str(best)
    if _looks_binary(text):
        raise InputError(f"{name}: binary content (control bytes), not text; convert it to UTF-8 text first")
    return text, f"{best.encoding} (detected)"


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


def read_article(path: str, published: date | None = None, kind: str = "auto") -> Article:
    """Read one input (a file, a URL, or '-') as text or as a web page; `published` (from
    --published) wins over any date the input carries. JSONL inputs hold many: see `read_jsonl`."""
    from claimx.inputs.web import is_url

    if path != STDIN and is_url(path) and not os.path.exists(path):
        return fetch_article(path, published)
    data = read_bytes(path)
    kind = input_kind(path, data, kind)
    if kind == "jsonl":
        raise InputError(f"{path}: a JSONL file holds many articles; read it with read_jsonl")
    if kind == "html":
        return html_article(decode(data, path), path, published)
    return make_article(data, path, published)


def make_article(
    data: bytes | str,
    source: str,
    published: date | str | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    known: date | None = None,
    known_basis: str = "record",
    keep_text: bool = False,
) -> Article:
    """Build an Article from raw bytes or text (library entry point for in-memory input).

    The publication date is, in this order: `published` (the --published option; a date or a
    YYYY-MM-DD string, else ValueError or TypeError), a leading `date YYYY-MM-DD` prefix, `known` (a
    JSONL record's or a page's own date, recorded as `known_basis`), a dateline with a full date at
    the top of the text; `published_basis` says which."""
    published = parse_published(published)
    text = data if isinstance(data, str) else decode(data, source)
    prefix_date, prefix_end = read_prefix(text)
    chosen: date | None = None
    basis: str | None = None
    for candidate, why in ((published, "option"), (prefix_date, "prefix"), (known, known_basis)):
        if candidate is not None:
            chosen, basis = candidate, why
            break
    else:
        chosen = find_dateline(text[prefix_end:])
        basis = "dateline" if chosen else None
    log.debug("%s: %d characters, published %s (%s)", source, len(text), chosen, basis or "unknown")
    return Article(
        source=source,
        text=text,
        published=chosen,
        prefix_end=prefix_end,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        published_basis=basis,
        title=title,
        url=url,
        keep_text=keep_text,
    )


def html_article(
    html: str,
    source: str,
    published: date | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    known: date | None = None,
) -> Article:
    """An Article from a web page: its main text (which the record carries, since offsets refer to
    it), title, canonical URL and date from its metadata. `title` and `known` (a JSONL record's own
    values) win over the page's."""
    from claimx.inputs.web import read_page

    page = read_page(html, source, url)
    return make_article(
        page.text,
        source,
        published,
        title=title or page.title,
        url=page.url or url,
        known=known or page.published,
        known_basis="record" if known else "page",
        keep_text=True,
    )


def fetch_article(url: str, published: date | None = None) -> Article:
    """Fetch a web page by URL and read it as a page; the record's source is the URL as given."""
    from claimx.inputs.web import fetch

    body, charset, final = fetch(url)
    html = None
    if charset:
        try:
            html = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html = decode(body, url)
    return html_article(html, url, published, url=final)


def read_jsonl(
    data: bytes | str, name: str, published: date | None = None, taken: dict[str, str] | None = None
) -> Iterator[Article | InputError]:
    """The articles of a JSONL input, one per line: `text` or `html` required; `published`, `id`,
    `url`, `title` optional. The source is the `id` if given, else NAME:LINE. A bad line yields an
    InputError naming NAME:LINE, and the lines after it are still read. `taken` maps the article keys
    a run has used so far to where each came from: a line whose id repeats one is an InputError naming
    both (keys must be unique: SQLite would replace the first article, --resume would skip the second)."""
    from claimx.output.tables import article_key

    text = data if isinstance(data, str) else decode(data, name)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            article = _jsonl_article(line, where, published)
        except InputError as exc:
            yield exc
            continue
        first = where if taken is None else taken.setdefault(article_key(article.source), where)
        if first != where:
            yield InputError(
                f"{where}: the id {article.source!r} is already used by {first}; give every line an id of its own"
            )
            continue
        yield article


def _jsonl_article(line: str, where: str, published: date | None) -> Article:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: not JSON ({json_error_text(exc)}); each line must be one JSON object") from None
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a JSON {type(obj).__name__}, not an object; each line must be one JSON object")
    fields: dict[str, str | None] = {}
    for key in ("text", "html", "published", "url", "title"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
        fields[key] = value
    ident = obj.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise InputError(f"{where}: 'id' must be a string or a number, not {type(ident).__name__}")
    if fields["text"] is None and fields["html"] is None:
        raise InputError(f"{where}: no 'text' or 'html' field; every line needs the article's text or page")
    known = None
    if fields["published"]:
        try:
            known = parse_record_date(fields["published"])
        except ValueError:
            raise InputError(
                f"{where}: 'published' is {fields['published']!r}; use YYYY-MM-DD (or an ISO timestamp)"
            ) from None
    source = str(ident) if ident is not None and str(ident) != "" else where
    if fields["text"] is not None:
        return make_article(fields["text"], source, published, title=fields["title"], url=fields["url"], known=known)
    assert fields["html"] is not None
    return html_article(fields["html"], source, published, url=fields["url"], title=fields["title"], known=known)


def read_url_list(path: str) -> list[str]:
    """The URLs (or paths) listed in a file, one a line; blank lines and '#' comments are skipped."""
    text = decode(read_bytes(path), path)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
