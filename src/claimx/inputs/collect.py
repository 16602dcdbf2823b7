"""The one door to a run's inputs: `open_inputs` lists what the command line names (paths, folders,
URLs, stdin, the lines of --urls) without reading it, and `Inputs.read` reads what must be read in
this process (stdin, JSONL archives) into Articles, leaving other files and URLs as names that are
read where their chunk runs. `read_article` reads one input as an Article."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date
from typing import Union

from claimx.errors import InputError, UsageError
from claimx.inputs.article import Article, make_article
from claimx.inputs.decode import decode
from claimx.inputs.jsonl import read_jsonl
from claimx.inputs.paths import (
    FOLDER_SUFFIXES,
    STDIN,
    article_key,
    empty_folders,
    input_kind,
    iter_paths,
    read_bytes,
    read_url_list,
)
from claimx.inputs.web import fetch_article, html_article, is_url

log = logging.getLogger("claimx")

# An input as a run hands it on: a name (a path or URL, read where its chunk runs) or an Article
# already read (stdin, a JSONL line, a page fetched by URL).
Item = Union[str, Article]


def source_of(item: Item) -> str:
    """The name an input is reported and recorded under."""
    return item if isinstance(item, str) else item.source


def input_names(paths: list[str], urls: str | None = None) -> list[str]:
    """The inputs as given: the paths, then the lines of the --urls file (`-`: stdin)."""
    names = list(paths)
    if urls is not None:
        if urls == STDIN and STDIN in names:
            raise UsageError("--urls", "--urls - and the input - both read stdin; give the URLs in a file")
        names += read_url_list(urls)
    if not names:
        raise UsageError("PATH...", "no inputs given; give article files, folders, URLs, - for stdin, or --urls FILE")
    return names


@dataclass(frozen=True)
class Inputs:
    """A run's inputs, listed (folders expanded) but not yet read."""

    names: list[str]  # as given: the paths, then the lines of --urls
    given: list[str]  # folders expanded to their article files
    include: tuple[str, ...] = ()
    input_format: str = "auto"

    @property
    def single(self) -> bool:
        """One input that is one article: json output is then one object, not an array. The shape follows
        the inputs given, not those that succeed; a JSONL input holds many articles."""
        if len(self.given) != 1:
            return False
        only = self.given[0]
        return is_url(only) or input_kind(only, None, self.input_format) != "jsonl"

    def require_articles(self) -> None:
        """An InputError when the folders given hold no article file."""
        if self.given:
            return
        folders = ", ".join(empty_folders(self.names, self.include)) or "the given folders"
        kinds = ", ".join(f"*{s}" for s in FOLDER_SUFFIXES)
        raise InputError(
            f"no article files ({kinds}) found in {folders}; give article files, or --include GLOB for other names"
        )

    def read(self, published: date | None) -> tuple[list[Item], list[str]]:
        """The inputs in order (stdin and JSONL files read here, one Article per line) and the errors of
        those that could not even be collected. Each record of a run has its own article key
        (`paths.article_key`: what SQLite stores it under and --resume skips by), so every format gets
        one row per record: an input given twice (`x/a.txt` and `./x/a.txt`, or a folder and a file in
        it) is read once, and a JSONL line whose id is another record's key is an error naming both."""
        items: list[Item] = []
        errors: list[str] = []
        keys = [article_key(p) for p in self.given]
        taken = self._single_article_keys(keys)
        read: set[str] = set()
        for path, key in zip(self.given, keys, strict=True):
            if key in read:
                log.debug("%s: given more than once; read once", path)
                continue
            read.add(key)
            if path != STDIN and (is_url(path) or (self.input_format == "auto" and input_kind(path) != "jsonl")):
                items.append(path)
                continue
            try:
                self._read_here(path, published, taken, items, errors)
            except InputError as exc:
                errors.append(str(exc))
        return items, errors

    def _single_article_keys(self, keys: list[str]) -> dict[str, str]:
        """The key of every input that is one article, held from the start, whatever order the inputs
        come in (a JSONL id that repeats one is the JSONL line's error)."""
        taken: dict[str, str] = {}
        for path, key in zip(self.given, keys, strict=True):
            if is_url(path) or input_kind(path, None, self.input_format) != "jsonl":
                taken.setdefault(key, path)
        return taken

    def _read_here(
        self, path: str, published: date | None, taken: dict[str, str], items: list[Item], errors: list[str]
    ) -> None:
        data = read_bytes(path)
        kind = input_kind(path, data, self.input_format)
        if kind == "jsonl":
            for got in read_jsonl(data, path, published, taken):
                if isinstance(got, InputError):
                    errors.append(str(got))
                else:
                    items.append(got)
        elif kind == "html":
            items.append(html_article(decode(data, path), path, published))
        else:
            items.append(make_article(data, path, published))


def open_inputs(
    paths: list[str], *, urls: str | None = None, include: tuple[str, ...] = (), input_format: str = "auto"
) -> Inputs:
    """The inputs a run is given, listed: a UsageError when there are none."""
    names = input_names(paths, urls)
    return Inputs(names, list(iter_paths(names, include)), include, input_format)


def read_article(path: str, published: date | None = None, kind: str = "auto") -> Article:
    """Read one input (a file, a URL, or '-') as text or as a web page; `published` (from
    --published) wins over any date the input carries. JSONL inputs hold many: see `read_jsonl`."""
    if path != STDIN and is_url(path) and not os.path.exists(path):
        return fetch_article(path, published)
    data = read_bytes(path)
    kind = input_kind(path, data, kind)
    if kind == "jsonl":
        raise InputError(f"{path}: a JSONL file holds many articles; read it with read_jsonl")
    if kind == "html":
        return html_article(decode(data, path), path, published)
    return make_article(data, path, published)
