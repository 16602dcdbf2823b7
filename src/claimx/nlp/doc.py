"""What claimx's components leave on a Doc: the span-group keys and the registered extensions.

Every value is plain data (str, int, bool, None, and tuples or lists of those), so an annotated Doc
survives `doc.to_bytes()`, `DocBin(store_user_data=True)` and `nlp.pipe(..., n_process=N)`, and
claimx's components work in anyone's pipeline. Links between spans are character offsets or entity
ids, never Python objects.

Span groups (`doc.spans[KEY]`) and the extensions set on their spans:

| key | spans | extensions |
| --- | --- | --- |
| `claimx_rules` | rank, title, role, organisation and place rule matches (`label_`, canonical `id_`) | |
| `claimx_people` | person names written after a title chain | `claimx_rank`, `claimx_roles`, `claimx_title_start` |
| `claimx_titles` | title chains and the areas after them ("for the Middle East") | |
| `claimx_acronyms` | acronyms defined in brackets | `claimx_expands` (start char of the long form) |
| `claimx_quotes`, `claimx_posts`, `claimx_statements`, `claimx_events` | claims | see CLAIM_FIELDS |
| `claimx_mentions` | every entity mention (`label_` = type, `id_` = entity id) | `claimx_bounds` |

Doc extensions: `claimx_published` (ISO date or None) and `claimx_prefix_end` (end of a metadata
prefix in a Doc of a whole text; claimx's own `make_doc` leaves the prefix out, so there it is 0), set
by the caller before the pipeline runs; `claimx_evidence`, the steps that decided each entity's type
and span, as (start char, end char, [steps]) per `doc.ents` (written by `claimx_entities`);
`claimx_entities`, the entity table the linking component writes (a tuple of plain dicts in id order).
"""

from __future__ import annotations

import weakref
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span

RULES = "claimx_rules"
PEOPLE = "claimx_people"
TITLES = "claimx_titles"
ACRONYMS = "claimx_acronyms"
QUOTES = "claimx_quotes"
POSTS = "claimx_posts"
STATEMENTS = "claimx_statements"
EVENTS = "claimx_events"
MENTIONS = "claimx_mentions"
# Claim groups and the record `type` of their claims.
CLAIM_GROUPS: dict[str, str] = {QUOTES: "quote", POSTS: "post", STATEMENTS: "statement", EVENTS: "event"}

DOC_EXTENSIONS: dict[str, Any] = {
    "claimx_published": None,
    "claimx_prefix_end": 0,
    "claimx_entities": (),
    "claimx_evidence": (),
}

# Span extensions, with their defaults. Found-by-text fields are char ranges (start, end); the linking
# component resolves them to entity ids and values.
SPAN_EXTENSIONS: dict[str, Any] = {
    # people
    "claimx_rank": None,
    "claimx_roles": (),
    "claimx_title_start": None,
    # acronyms
    "claimx_expands": None,
    # claims, as found in the text
    "claimx_bounds": None,  # exact char range when it does not fall on token boundaries
    "claimx_speaker_words": None,
    "claimx_cue": None,
    "claimx_reason": None,
    "claimx_speaker_method": None,  # how linking found the speaker (the `method` of speakers.SPEAKER_STEPS)
    "claimx_inherited": False,
    "claimx_handle": None,
    "claimx_date_words": None,
    "claimx_place_words": None,
    "claimx_predicate": None,
    "claimx_actor_words": (),
    "claimx_negated": False,
    "claimx_hedged": False,
    # claims, as resolved by the linking component
    "claimx_speaker_id": None,
    "claimx_speaker": None,
    "claimx_affiliation": None,
    "claimx_date": None,
    "claimx_place": None,
    "claimx_actor_ids": (),
    "claimx_entity_ids": (),
    "claimx_sentence": None,
}


def register_extensions() -> None:
    """Register claimx's Doc and Span extensions (idempotent; done when this module is imported)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()

# Each Doc's text, for as long as the Doc lives: held beside the Doc, not in it, so that no component
# (or a pipeline without one of them) leaves a copy in `doc.user_data` for DocBin or `to_bytes` to save.
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy rebuilds by joining every token on each access, read once per Doc."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give `doc_text` the text a Doc was made from (`nlp.make_doc(text)` keeps it exactly), so that
    it is never joined from the tokens."""
    _TEXTS[doc] = text


def prepare_doc(doc: Doc, published: date | str | None = None, prefix_end: int = 0) -> Doc:
    """Give a Doc (made with `nlp.make_doc`) what the text alone does not say: its publication date,
    which relative dates are resolved against, and the end of a metadata prefix that is not prose."""
    doc._.claimx_published = published.isoformat() if isinstance(published, date) else published
    doc._.claimx_prefix_end = prefix_end
    return doc


def published_of(doc: Doc) -> date | None:
    """The Doc's publication date, or None."""
    value = doc._.claimx_published
    return date.fromisoformat(value) if value else None


def span_of(doc: Doc, start: int, end: int, label: str = "", span_id: str = "") -> Span:
    """A span for the char range [start, end): the tokens covering it, and the exact range in
    `claimx_bounds` when it does not fall on token boundaries."""
    span = doc.char_span(start, end, label=label, span_id=span_id)
    if span is not None:
        return span
    span = doc.char_span(start, end, label=label, span_id=span_id, alignment_mode="expand")
    if span is None:  # only white space in range: anchor on the nearest token
        i = min(range(len(doc)), key=lambda k: abs(doc[k].idx - start))
        span = Span(doc, i, i + 1, label=label, span_id=span_id)
    span._.claimx_bounds = (start, end)
    return span


def bounds(span: Span) -> tuple[int, int]:
    """The exact char range a claimx span stands for."""
    exact = span._.claimx_bounds
    return (int(exact[0]), int(exact[1])) if exact else (span.start_char, span.end_char)


def chars(value: Any) -> tuple[int, int] | None:
    """A stored char range as a tuple (DocBin gives tuples back, a fresh Doc may hold lists)."""
    return (int(value[0]), int(value[1])) if value is not None else None
