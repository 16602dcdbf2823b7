"""JSONL archives: one article a line (`text` or `html`, with `published`, `id`, `url`, `title`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from claimx.errors import InputError, json_error_text
from claimx.inputs.article import Article, make_article
from claimx.inputs.decode import decode
from claimx.inputs.published import parse_record_date
from claimx.inputs.web import html_article


def read_jsonl(
    data: bytes | str, name: str, published: date | None = None, taken: dict[str, str] | None = None
) -> Iterator[Article | InputError]:
    """The articles of a JSONL input, one per line: `text` or `html` required; `published`, `id`,
    `url`, `title` optional. The source is the `id` if given, else NAME:LINE. A bad line yields an
    InputError naming NAME:LINE, and the lines after it are still read. `taken` maps the article keys
    a run has used so far to where each came from: a line whose id repeats one is an InputError naming
    both (keys must be unique: SQLite would replace the first article, --resume would skip the second)."""
    from claimx.inputs.paths import article_key

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
