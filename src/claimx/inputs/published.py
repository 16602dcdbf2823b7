"""The publication date of an article: dates given as options or in metadata, a leading `date
YYYY-MM-DD` prefix (a dateline at the top of the story is `knowledge.datelines`); `published_basis`
names where it was found."""

from __future__ import annotations

import re
from datetime import date, datetime

# Where a record's publication date came from, strongest first.
PUBLISHED_BASES: tuple[str, ...] = ("option", "prefix", "record", "page", "dateline")


# A metadata line some scrapers put before the article: "date 2025-11-25 The text ...".
_PREFIX_RE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)", re.IGNORECASE)


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
