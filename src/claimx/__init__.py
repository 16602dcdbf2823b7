"""claimx: people, organisations, places, dates and claims from English news articles.

The public names are imported lazily, so that `claimx --help` does not pay for importing spaCy.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "extract": "extraction",
    "extract_text": "extraction",
    "extract_html": "extraction",
    "extract_many": "batch.runners",
    "Outcome": "batch.chunks",
    "to_record": "extraction",
    "load_pipeline": "nlp.pipeline",
    "add_claimx_pipes": "nlp.pipeline",
    "ArticleRecord": "records",
    "Claim": "records",
    "Entity": "records",
    "Mention": "records",
    "Article": "inputs.article",
    "make_article": "inputs.article",
    "trace": "output.trace",
    "Tracer": "output.trace",
    "RecordFilter": "output.filters",
    "filter_record": "output.filters",
    "render_html": "output.html",
    "load_archive": "output.report",
    "render_report": "output.report",
    "write_report": "output.report",
}

__all__ = ["__version__", *sorted(_PUBLIC)]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")
