"""Credit lines, for `claimx_entities` (the `credit_lines` family): a source line ("Source: X, as reported
by Y"), a photo credit ("Photo: A Name/Agency") or an outlet line ("Outlet / Agency - 19th Nov") names
outlets, not the article's actors: each outlet is an organisation cut at the separators, a photographer
the model calls a person stays one, and the line holds no date. Open this module to change what reads
as a credit line."""

from __future__ import annotations

import re

from spacy.tokens import Span

from claimx.nlp.doc import doc_text
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import ORG, PERSON

# A labelled credit line: a label word (see the `credit_labels` word list), an optional "credit(s)",
# a colon, then at most MAX_CREDIT_CHARS of names.
_LABELLED_RE = re.compile(r"^[ \t]*([A-Za-z]+)(?:[ \t]+credits?)?[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$", re.MULTILINE)
MAX_CREDIT_CHARS = 100
# An outlet line: two names or more between slashes, then a dash and a short date ("19th Nov").
_CAP = r"[A-Z][\w.&'-]*"
_OUTLET = rf"{_CAP}(?:[ \t]+{_CAP}){{0,4}}"
_OUTLET_LINE_RE = re.compile(
    rf"^[ \t]*({_OUTLET}(?:[ \t]*/[ \t]*{_OUTLET})+)[ \t]*[-–—|][ \t]*[^\n]{{0,25}}\d[^\n]{{0,25}}$", re.MULTILINE
)
# What separates the names of a credit line.
_SEPARATOR_RE = re.compile(r"[ \t]*(?:/|,|;|\bas reported by\b|\breported by\b|\bcourtesy of\b|\bvia\b|\band\b)[ \t]*")
_NAME_RE = re.compile(rf"^{_CAP}(?:[ \t]+(?:of|the|for|and|{_CAP})){{0,6}}$")


CreditLine = tuple[int, int, list[tuple[int, int]], bool]


def credit_names(text: str, labels: frozenset[str], pictures: frozenset[str]) -> list[CreditLine]:
    """The credit lines of `text`, each as (line start, line end, the character ranges of its names,
    whether it credits a picture). A labelled line counts only when every part between its separators
    reads as a name, so a sentence after a colon is none."""
    found: list[CreditLine] = []
    for m in _LABELLED_RE.finditer(text):
        label = m.group(1).lower()
        if label not in labels or len(m.group(2)) > MAX_CREDIT_CHARS:
            continue
        names = _names(text, m.start(2), m.end(2))
        if names:
            found.append((m.start(), m.end(), names, label in pictures))
    for m in _OUTLET_LINE_RE.finditer(text):
        names = _names(text, m.start(1), m.end(1))
        if len(names) > 1:
            found.append((m.start(), m.end(), names, False))
    return found


def _names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of text[start:end] between separators, or [] when one of them is no name."""
    names: list[tuple[int, int]] = []
    pos = start
    for sep in [*_SEPARATOR_RE.finditer(text, start, end), None]:
        stop = end if sep is None else sep.start()
        part = text[pos:stop]
        if part:
            if not _NAME_RE.match(part):
                return []
            names.append((pos, stop))
        pos = end if sep is None else sep.end()
    return names


def credit_lines(spans: list[Span], ctx: PassContext) -> list[Span]:
    """The names of credit lines as organisations (a photographer the model calls a person, before the
    last name of a picture credit, stays one); nothing else on those lines, no date."""
    lines = credit_names(doc_text(ctx.doc), ctx.words["credit_labels"], ctx.words["picture_credit_labels"])
    if not lines:
        return spans
    # The model's own people too: the headline pass may have dropped a photographer's name already.
    people = {(s.start_char, s.end_char) for s in (*spans, *ctx.doc.ents) if s.label_ == PERSON}
    kept = [s for s in spans if not any(a <= s.start_char < b for a, b, _, _ in lines)]
    for _, _, names, picture in lines:
        for k, (start, end) in enumerate(names):
            name = ctx.doc.char_span(start, end)
            if name is None:
                continue
            photographer = picture and (start, end) in people and (k < len(names) - 1 or len(names) == 1)
            kept.append(Span(ctx.doc, name.start, name.end, label=PERSON if photographer else ORG))
    return sorted(kept, key=lambda s: s.start)
