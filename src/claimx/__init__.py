"""claimx: people, organisations, places, dates and claims from English news articles.

The public names are imported lazily, so that `claimx --help` does not pay for importing spaCy.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "extract": "extractor",
    "extract_text": "extractor",
    "extract_html": "extractor",
    "extract_many": "executors",
    "Outcome": "batch",
    "to_record": "record",
    "load_pipeline": "pipeline",
    "add_claimx_pipes": "pipeline",
    "ArticleRecord": "records",
    "Claim": "records",
    "Entity": "records",
    "Mention": "records",
    "Article": "sources",
    "make_article": "sources",
}

__all__ = ["__version__", *sorted(_PUBLIC)]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")
