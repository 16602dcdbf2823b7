"""Products and vehicles, for `claimx_entities` (the `products` family): a model's name after its number
("the 737 Max") is a product in every mention ("the Max"), so is a name the parse makes a modifier of
a vehicle noun ("Galaxy Max trucks"), and an aircraft's call sign or flight ("callsign Falcon 21") names
a flight: none is a person, an organisation or a place (FORMAT.md lists no products or vehicles). Open
this module to change what reads as a product."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from claimx.knowledge.rule_files import Words
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import DATE, PERSON, opens_line, positions_where, tokens_with

# A model's name after its number has at most this many words ("737 Max", "A320 Neo Plus").
MAX_MODEL_WORDS = 2
# A call sign is looked for this many tokens after its cue word ("callsign", "call sign", "flight").
CALL_SIGN_REACH = 3


def products(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop people named as products and names that are call signs."""
    doc, words = ctx.doc, ctx.words
    names = _model_names(doc) | {s.text for s in spans if s.label_ == PERSON and _before_a_vehicle(s, words)}
    names -= ctx.titled_names
    signs = _call_sign_tokens(doc, words)
    return [
        s
        for s in spans
        if not (s.label_ == PERSON and s.text in names)
        and (s.label_ == DATE or signs.isdisjoint(range(s.start, s.end)))
    ]


def _model_names(doc: Doc) -> set[str]:
    """The capitalised words right after a model number that the parse attaches the number to."""
    found: set[str] = set()
    for i in positions_where(doc, "SHAPE", _has_a_digit):
        tok = doc[i]
        if tok.dep_ not in ("nummod", "compound") or opens_line(tok):
            continue  # a figure opening a line of a table is a score or a place, not a model number
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= MAX_MODEL_WORDS and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end > tok.i + 1 and tok.head.i in range(tok.i + 1, end):
            found.add(doc[tok.i + 1 : end].text)
    return found


def _has_a_digit(shape: str) -> bool:
    """Whether a token's shape ("dd", "Xdd", "dddd.d") shows a digit: its shape maps each to "d"."""
    return "d" in shape


def _before_a_vehicle(span: Span, words: Words) -> bool:
    """A name that modifies the vehicle noun right after it ("Galaxy Max trucks")."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return (
        nxt is not None
        and nxt.lower_ in words["vehicle_nouns"]
        and span.root.dep_ == "compound"
        and span.root.head.i == nxt.i
    )


def _call_sign_tokens(doc: Doc, words: Words) -> set[int]:
    """Tokens of the names after a call-sign cue: capitalised words and the number after them."""
    found: set[int] = set()
    for i in tokens_with(doc, "LOWER", words["call_sign_cues"]):
        tok = doc[i]
        if tok.lower_ == "sign" and doc[tok.i - 1].lower_ != "call":
            continue  # "sign" alone is a cue only in "call sign"
        k = tok.i + 1
        while k < len(doc) and k - tok.i <= CALL_SIGN_REACH and not (doc[k].is_title or doc[k].is_upper):
            k += 1
        start = k
        while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha:
            k += 1
        if k > start and k < len(doc) and doc[k].is_digit:
            found.update(range(start, k + 1))
    return found
