"""The Article: one decoded input and what is known of it before any NLP, built from text or bytes
(`make_article`) with its publication date; and the record fields that come from it (`record_header`)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from claimx.inputs.decode import decode
from claimx.inputs.published import parse_published, read_prefix
from claimx.knowledge.datelines import dateline_date

log = logging.getLogger("claimx")


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
        chosen = dateline_date(text[prefix_end:])
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
