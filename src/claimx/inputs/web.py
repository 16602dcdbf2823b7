"""Web pages and URLs: the main text and metadata of an HTML page (trafilatura), and fetching a page
by URL (httpx). Both libraries are imported only when a page is actually read."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimx.errors import InputError
from claimx.inputs.article import Article, make_article
from claimx.inputs.decode import decode

log = logging.getLogger("claimx")

# What a page may weigh: news pages with inline scripts run to a few MB; more is not an article.
MAX_PAGE_BYTES = 10_000_000
# Seconds to connect, and between two reads of the response.
TIMEOUT = 20.0
MAX_REDIRECTS = 10
USER_AGENT = "claimx (news claim extraction; +https://claimx.invalid)"
HTML_TYPES = ("text/html", "application/xhtml+xml")

_URL_RE = re.compile(r"\Ahttps?://\S+\Z", re.IGNORECASE)
# A document that starts like HTML: optional BOM, comments and an XML declaration, then a doctype or
# one of the elements a page opens with.
_HTML_START_RE = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
# A page holds article text when a line of its main text (a paragraph) is prose: MIN_SENTENCE_WORDS or
# more words and a sentence end (. ! or ?, a closing quote or bracket may follow). trafilatura falls
# back to whatever text a page has, so a page without an article gives its menu ("Home World"), link
# list or footer; none of those is a paragraph with a sentence, while a one-sentence news brief is.
MIN_SENTENCE_WORDS = 8
_WORD_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?:\s|\Z)")
# htmldate drops dates after `max_date` (default: today); a fixed bound keeps the output deterministic.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True, "max_date": "2999-12-31"}


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page holds for claimx: its main text and metadata."""

    text: str
    title: str | None
    url: str | None
    published: date | None


def is_url(value: str) -> bool:
    """Whether a command-line input is an http(s) URL rather than a path."""
    return bool(_URL_RE.match(value.strip()))


def looks_like_html(text: str) -> bool:
    """Whether a text starts like an HTML document (a saved page piped to stdin, say)."""
    return bool(_HTML_START_RE.match(text[:4096]))


def has_prose(text: str) -> bool:
    """Whether a page's main text holds a paragraph of prose (see MIN_SENTENCE_WORDS)."""
    return any(
        len(_WORD_RE.findall(line)) >= MIN_SENTENCE_WORDS and _SENTENCE_END_RE.search(line)
        for line in text.splitlines()
    )


def read_page(html: str, name: str, url: str | None = None) -> Page:
    """The main text, title, canonical URL and publication date of an HTML page; navigation, scripts,
    footers and link lists are left out. InputError when the page holds no article text: nothing, or
    no paragraph of prose (`has_prose`)."""
    import trafilatura

    doc: Any
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura's parser errors are not part of its API
        raise InputError(f"{name}: the page cannot be parsed as HTML ({type(exc).__name__}); save it again") from None
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise InputError(f"{name}: no article text found in the page; give the article's own page, or its text")
    if not has_prose(text):
        raise InputError(
            f"{name}: no article text found in the page, only menus, links or other lines without a sentence of "
            f"{MIN_SENTENCE_WORDS} or more words; give the article's own page, or its text"
        )
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    log.debug("%s: page text %d characters, title %r, url %r, date %s", name, len(text), doc.title, doc.url, published)
    return Page(text=text, title=doc.title or None, url=doc.url or url, published=published)


def fetch(url: str, *, transport: Any = None) -> tuple[bytes, str | None, str]:
    """The body of an HTML page at `url`, its declared charset and the final URL after redirects.
    InputError (naming the URL) for a failed request, a non-HTML response or a page over MAX_PAGE_BYTES."""
    import httpx

    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=TIMEOUT,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9"},
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(
                    f"{url}: the server answered {response.status_code} {response.reason_phrase}; "
                    "check the URL, or save the page and give the file"
                )
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and ctype not in HTML_TYPES:
                raise InputError(f"{url}: not a web page (content type {ctype}); give the URL of an HTML page")
            body = bytearray()
            for part in response.iter_bytes():
                body += part
                if len(body) > MAX_PAGE_BYTES:
                    raise InputError(
                        f"{url}: the page is over {MAX_PAGE_BYTES // 1_000_000} MB; save the article's text "
                        "and give the file"
                    )
            log.debug("%s: fetched %d bytes (%s) from %s", url, len(body), ctype or "no type", response.url)
            return bytes(body), response.charset_encoding, str(response.url)
    except httpx.TooManyRedirects:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects; check the URL") from None
    except httpx.TimeoutException:
        raise InputError(f"{url}: no answer within {TIMEOUT:.0f} s; try again later") from None
    except httpx.HTTPError as exc:
        raise InputError(
            f"{url}: cannot be fetched ({type(exc).__name__}: {exc}); check the URL and the network"
        ) from None


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
