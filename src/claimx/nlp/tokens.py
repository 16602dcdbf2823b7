"""Helpers on tokens and spans that several components share, and a per-Doc lookup index."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from typing import Any

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from claimx.knowledge import gazetteer
from claimx.knowledge.datelines import is_filed_line
from claimx.knowledge.lexicon import ARTICLES, HEADING_FUNCTION_WORDS, LOCATIVE_PREPOSITIONS, NOT_NAME_WORDS
from claimx.nlp.doc import doc_text

# Entity labels the entity passes compare against.
PERSON = "PERSON"
ORG = "ORG"
GPE = "GPE"
LOC = "LOC"
DATE = "DATE"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels of names (the model's and the rule files'), which never hold a finite verb of their sentence.
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PLACE", *PLACE_LABELS})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NAME_TOKEN_RE = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]*['’][A-Z][a-z]+|[A-Z][a-z]+\.?")


def trim_span(span: Span) -> Span | None:
    """Drop leading determiners and quote marks and trailing possessives, punctuation and spaces."""
    doc = span.doc
    start, end = span.start, span.end
    name = span.label_ in NAME_LABELS
    for tok in span:  # one pass: the name ends at the first of these
        text = tok.text
        if text in ("(", "[", "@") or text.startswith(("@", "[")):
            end = tok.i  # "Ministry of Defence (@Handle": the name stops at the bracket
            break
        if name and tok.i > start and tok.tag_ in FINITE_VERB_TAGS and text.islower():
            end = tok.i  # "The Gulf Council met in ...": a name holds no finite verb of the sentence
            break
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct or doc[start].is_space):
        start += 1
    if (
        end - start > 1
        and doc[start].lower_ in LOCATIVE_PREPOSITIONS
        and gazetteer.lookup_place(doc[start:end].text) is None
    ):
        start += 1  # "Near Kel Varo" at the head of a line: the preposition is not part of the name
    while end > start and (
        doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def token_after(span: Span) -> Token | None:
    """The token right after a span, or None at the end of the Doc."""
    return span.doc[span.end] if span.end < len(span.doc) else None


def token_before(span: Span) -> Token | None:
    """The token right before a span, or None at the start of the Doc."""
    return span.doc[span.start - 1] if span.start > 0 else None


def opens_line(tok: Token) -> bool:
    """Whether only white space stands before the token on its line (a row of a table starts there)."""
    text = doc_text(tok.doc)
    return not text[text.rfind("\n", 0, tok.idx) + 1 : tok.idx].strip()


def on_a_dateline(tok: Token) -> bool:
    """Whether a token stands on a dateline: a line with a figure whose words are all capitalised
    ("BERLIN 1996-10-05", "AL-AIN , Arabia Felix 1996-12-06"), which names where the story was filed."""
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    return is_filed_line(text[start : end if end != -1 else len(text)])


def split_at(span: Span, separators: frozenset[str]) -> list[Span]:
    """The non-empty pieces of a span between separator tokens ("A, B and C" -> A, B, C), each with the
    span's label; the span itself when that gives fewer than two pieces."""
    pieces: list[Span] = []
    start = span.start
    for tok in span:
        if tok.text in separators:
            if tok.i > start:
                pieces.append(Span(span.doc, start, tok.i, label=span.label_))
            start = tok.i + 1
    if span.end > start:
        pieces.append(Span(span.doc, start, span.end, label=span.label_))
    return pieces if len(pieces) > 1 else [span]


def is_initial(tok: Token) -> bool:
    """An initial such as "R." (a capital and a full stop)."""
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def tokens_of(spans: Iterable[Span]) -> set[int]:
    """The indices of the tokens the spans cover."""
    return {i for s in spans for i in range(s.start, s.end)}


def tokens_with(doc: Doc, attr: str, words: Iterable[str]) -> list[int]:
    """The indices of the tokens whose `attr` ("ORTH" or "LOWER") is one of `words`, in order: one read
    of the Doc's array, where a loop over the Doc makes a Token object of every word."""
    if not len(doc):
        return []
    return numpy.flatnonzero(among(doc.to_array(attr), word_keys(words))).tolist()


def positions_where(doc: Doc, attr: str, keep: Callable[[str], bool]) -> list[int]:
    """The indices of the tokens whose `attr` ("SHAPE", ...) passes `keep`, each distinct value tested
    once and no Token made."""
    if not len(doc):
        return []
    column = doc.to_array(attr)
    strings = doc.vocab.strings
    hits = sorted(h for h in set(column.tolist()) if keep(strings[h]))
    return numpy.flatnonzero(among(column, numpy.array(hits, dtype="uint64"))).tolist() if hits else []


def among(column: numpy.ndarray, keys: numpy.ndarray) -> numpy.ndarray:
    """Whether each value of `column` is one of `keys` (sorted, unique): `numpy.isin`'s answer by binary
    search, which on a Doc's column is several times faster than `isin`'s sorting of both arrays."""
    if not len(keys):
        return numpy.zeros(len(column), dtype=bool)
    at = numpy.searchsorted(keys, column)
    at[at == len(keys)] = 0
    return keys[at] == column


def word_keys(words: Iterable[str]) -> numpy.ndarray:
    """The sorted, unique string hashes of `words`, as a Doc's arrays hold them (kept for a frozenset:
    the word lists are frozensets asked for again by every article)."""
    if isinstance(words, frozenset):
        return _frozen_keys(words)
    return numpy.unique(numpy.fromiter((get_string_id(w) for w in words), dtype="uint64"))


@lru_cache(maxsize=256)
def _frozen_keys(words: frozenset[str]) -> numpy.ndarray:
    keys = numpy.unique(numpy.fromiter((get_string_id(w) for w in words), dtype="uint64"))
    keys.flags.writeable = False  # shared by every caller
    return keys


def is_name_token(tok: Token) -> bool:
    """A token that can be part of a personal name after a title ("M.", "Nur", "H.W.", "O'Neil")."""
    text = tok.text
    if not text or not text[0].isupper() or text in NOT_NAME_WORDS:
        return False
    if tok.is_alpha:
        return not (text.isupper() and len(text) > 3)  # all-caps words are acronyms or headings
    return bool(_NAME_TOKEN_RE.fullmatch(text))


def heading_lines(doc: Doc) -> list[tuple[int, int]]:
    """Char ranges of caption or headline lines: short, title-cased, no sentence punctuation at the end."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in doc_text(doc).split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or stripped[-1] in ".!?\"”:;,'’)":
            continue
        if stripped.lower().startswith("by "):
            continue  # a byline names its author
        words = [w for w in WORD_RE.findall(stripped) if w.lower() not in HEADING_FUNCTION_WORDS]
        if not words or len(words) > 20:
            continue
        # Digits are not capitals: a line of a results table ("1. A Name (Country) 25.76") is no headline.
        capped = sum(1 for w in words if w[0].isupper())
        if len(words) >= 2 and capped / len(words) >= 0.75:
            out.append((start, end))
    return out


def strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    return start, stripped_end(text, start, end)


def stripped_end(text: str, start: int, end: int, also: str = "") -> int:
    """`end` moved back over white space (and the characters of `also`), never before `start`."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in also):
        end -= 1
    return end


def paragraph_start(text: str, pos: int) -> int:
    """Where the line (paragraph) holding `pos` starts."""
    return text.rfind("\n", 0, pos) + 1


def paragraph_end(text: str, pos: int) -> int:
    """Where the line (paragraph) holding `pos` ends: its newline, or the end of the text."""
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the ranges."""
    return any(s <= start and end <= e for s, e in ranges)


def overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of the ranges."""
    return any(s < end and start < e for s, e in ranges)


class DocIndex:
    """Lookups over one Doc, built once per component call: sentences and entities by position, and
    the verbs and 'according' tokens, so the finders neither rebuild `doc.sents`/`doc.ents` for every
    claim nor walk every token again (both were a third of claimx's time)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sents = list(doc.sents)
        self.sent_chars = [s.start_char for s in self.sents]
        self.sent_toks = [s.start for s in self.sents]
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        self.memo: dict[str, Any] = {}  # what a finder derives from the Doc once per call (by the finder's key)

    @cached_property
    def token_starts(self) -> list[int]:
        """The char offset of each token, in order (for a binary search by offset)."""
        return self.doc.to_array("IDX").tolist() if len(self.doc) else []

    @cached_property
    def _columns(self) -> numpy.ndarray:
        doc = self.doc
        return doc.to_array(["POS", "LOWER"]) if len(doc) else numpy.zeros((0, 2), dtype="uint64")

    @cached_property
    def verbs(self) -> list[Token]:
        """The Doc's verbs, in order (made when first asked for: only the statement finder asks)."""
        from spacy.symbols import VERB

        return [self.doc[int(i)] for i in numpy.flatnonzero(self._columns[:, 0] == VERB)]

    @cached_property
    def according(self) -> list[Token]:
        """The Doc's tokens "according", in order."""
        key = self.doc.vocab.strings["according"]
        return [self.doc[int(i)] for i in numpy.flatnonzero(self._columns[:, 1] == key)]

    def sents_between(self, start: int, end: int) -> list[Span]:
        """Sentences overlapping the characters [start, end)."""
        i = max(bisect.bisect_right(self.sent_chars, start) - 1, 0)
        out = []
        while i < len(self.sents) and self.sents[i].start_char < end:
            if self.sents[i].end_char > start:
                out.append(self.sents[i])
            i += 1
        return out

    def sent_of(self, tok: Token) -> Span:
        """The sentence of a token (what `tok.sent` computes by scanning)."""
        return self.sents[bisect.bisect_right(self.sent_toks, tok.i) - 1]

    def ents_within(self, lo: int, hi: int) -> list[Span]:
        """Entities whose tokens all lie in [lo, hi]."""
        out = []
        for j in range(bisect.bisect_left(self.ent_starts, lo), len(self.ents)):
            e = self.ents[j]
            if e.start > hi:
                break
            if e.end - 1 <= hi:
                out.append(e)
        return out

    def ent_at(self, i: int) -> Span | None:
        """The entity containing token i."""
        j = bisect.bisect_right(self.ent_starts, i) - 1
        return self.ents[j] if j >= 0 and self.ents[j].end > i else None
