"""What the shape of a name says about it, for `claimx_entities` (the `name_shapes` and `name_parts`
families):

- A name is a whole written word: one joined to a capitalised word by a hyphen with no space runs
  over it ("Asia-Pacific region", "Dar-e-Salam"), unless that word is a name of its own (two
  countries, two cities, or another entity: "India-Pakistan").
- A model PERSON that is a product code's last word ("the 747 Jumbo") is no person.
- A name ending in a building or wing word ("the President House", "the Press Wing") is an
  institution, never a person.
- A prayer or rite ("Vespers") is no name at all.
- A nationality before a collective noun ("the Freedonian Nation") is a people, not an organisation.

`name_parts` joins a personal name the model cut before a surname particle ("Marco | de Santis") or a
nickname in quotes ("Pavel | “PJ” Mercer").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import (
    CLOSING_QUOTE_MARKS,
    HEADING_FUNCTION_WORDS,
    HYPHEN_NAME_PARTICLES,
    HYPHEN_PREFIXES,
    NOT_NAME_WORDS,
    OPENING_QUOTE_MARKS,
    SURNAME_PARTICLES,
)
from claimx.knowledge.rule_files import Words
from claimx.nlp.doc import TITLES
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import DATE, ORG, PERSON, opens_line, token_before, tokens_with

HYPHENS = frozenset({"-", "‐", "‑"})
# Kinds of gazetteer entries that are names of their own when hyphenated to another name.
_OWN_NAME_KINDS = frozenset({"country", "city", "state", "subdivision"})
_TIME_LABELS = frozenset({DATE, "TIME"})
# A nickname in quotes inside a personal name has at most this many tokens ("Pavel “PJ” Mercer").
MAX_NICKNAME = 3
# A part of a name an editor completed in square brackets has at most this many words ("Sam [Okafor]").
MAX_BRACKETED = 3


def name_shape_types(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Each name retyped or dropped when its shape says it names no person or no organisation (see
    `not_a_name_of_this_type`)."""
    return [s for s in (not_a_name_of_this_type(span, ctx.words) for span in spans) if s is not None]


def whole_names(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Each name widened to the hyphenated word it is part of (`whole_words`), and two names glued by a
    connecting particle between hyphens made one (`join_particle_compounds`)."""
    return join_particle_compounds(ctx.doc, filter_spans(whole_words(ctx.doc, spans)))


def _own_name(tokens: list[Token]) -> bool:
    place = gazetteer.lookup_place("".join(t.text for t in tokens))
    return place is not None and place.kind in _OWN_NAME_KINDS


def _glued_before(doc: Doc, start: int) -> int:
    """Start of a capitalised piece joined by a hyphen, with no space, to the token at `start`."""
    i = start
    while i >= 2 and doc[i - 1].text in HYPHENS and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        j = i - 2
        if not (doc[j].is_alpha and doc[j].text[0].isupper()) or doc[j].lower_ in HYPHEN_PREFIXES:
            break  # "Anti-Taliban" makes an adjective, not a longer name
        i = j
    return i


def _glued_after(doc: Doc, end: int) -> int:
    """End of the hyphenated tail glued to the token before `end` whose last piece is capitalised
    ("-e-Salam"; not "-based", "-led")."""
    k = end
    best = end
    while k + 1 < len(doc) and doc[k].text in HYPHENS and not doc[k - 1].whitespace_ and not doc[k].whitespace_:
        piece = doc[k + 1]
        if not piece.is_alpha:
            break
        k += 2
        if piece.text[0].isupper():
            best = k
        if piece.whitespace_:
            break
    return best


def whole_words(doc: Doc, ents: list[Span]) -> list[Span]:
    """Each non-date name widened to the hyphenated word it is part of, where the rest of that word is
    no other entity and no country or city of its own."""
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for ent in ents:
        if ent.label_ in _TIME_LABELS:
            out.append(ent)
            continue
        start, end = _glued_before(doc, ent.start), _glued_after(doc, ent.end)
        extra = [t for t in doc[start : ent.start]] + [t for t in doc[ent.end : end]]
        pieces = [t for t in extra if t.text not in HYPHENS]
        if not extra or any(taken.get(t.i, ent) is not ent for t in extra):
            out.append(ent)
            continue
        if _own_name(list(ent)) or any(_own_name([t]) for t in pieces):
            out.append(ent)
            continue
        out.append(Span(doc, start, end, label=ent.label_))
    return out


def join_particle_compounds(doc: Doc, ents: list[Span]) -> list[Span]:
    """Two names glued by a connecting particle between hyphens ("Yadgar-e-Watan", no spaces) are one
    name, of the first one's type; the model sees two."""
    ents = sorted(ents, key=lambda s: s.start)
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ not in _TIME_LABELS
            and ent.label_ not in _TIME_LABELS
            and ent.start == prev.end + 3
            and doc[prev.end].text in HYPHENS
            and doc[prev.end + 1].lower_ in HYPHEN_NAME_PARTICLES
            and doc[prev.end + 1].is_lower
            and doc[prev.end + 2].text in HYPHENS
            and not any(t.whitespace_ for t in doc[prev.end - 1 : ent.start])
        ):
            out[-1] = Span(doc, prev.start, ent.end, label=prev.label_)
            continue
        out.append(ent)
    return out


def not_a_name_of_this_type(span: Span, words: Words) -> Span | None:
    """The span, retyped or dropped when its shape says it names no person or no organisation."""
    doc = span.doc
    last = span[-1].lower_
    if span.label_ != DATE and span.text in words["holiday_names"]:
        return None  # "on Diwali" is a day, not a place or a person
    if span.label_ == PERSON and len(span) > 1:
        titles = {i for t in doc.spans.get(TITLES, []) for i in range(t.start, t.end)}
        end = span.end
        while end - 1 > span.start and (end - 1 in titles or doc[end - 1].text in NOT_NAME_WORDS):
            if end == span.end and end - 1 not in titles and _function_word_surname(doc[end - 1]):
                break
            end -= 1
        if end != span.end:
            span = Span(doc, span.start, end, label=PERSON)  # "X Y Chairman of", "X Y Wednesday": no name
    if span[0].text in words["rite_names"]:
        return None  # "offered Fateha", "after Janaza prayers": a prayer or rite, not a name
    if span.label_ == PERSON:
        before = token_before(span)
        if (
            before is not None
            and before.like_num
            and not opens_line(before)
            and before.dep_ in ("nummod", "compound")
            and (before.head.i in range(span.start, span.end) or before.head == span.root.head)
        ):
            return None  # "the 747 Jumbo": a model name after its number is a product (not "68 A Name" in a table)
        if last in words["institution_heads"]:
            return Span(doc, span.start, span.end, label=ORG) if len(span) > 1 else None
    if (
        span.label_ == ORG
        and last in words["collective_nouns"]
        and len(span) > 1
        and all(gazetteer.is_nationality(t.text) or t.ent_type_ == "NORP" for t in span[:-1])
    ):
        return None  # "the Freedonian Nation": a people, not an organisation
    return span


def _function_word_surname(token: Token) -> bool:
    """A capitalised function word ending a name mid-sentence before a word in lower case or a mark is a
    surname ("X To of the party"); before a capitalised word the line is in title case ("X Y To Lead")."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in HEADING_FUNCTION_WORDS
        and not token.is_sent_start
        and nxt is not None
        and not nxt.is_title
        and not nxt.is_upper
    )


# A nickname may sit between straight single marks too ('Pavel 'PJ' Mercer').
_OPEN_QUOTES = OPENING_QUOTE_MARKS | {"'"}
_CLOSE_QUOTES = CLOSING_QUOTE_MARKS | {"'"}


def _surname_at(doc: Doc, i: int, taken: set[int]) -> bool:
    return i < len(doc) and i not in taken and doc[i].is_title and doc[i].is_alpha and not doc[i].is_sent_start


def name_parts(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A personal name the model cut before its surname: "Marco | de Santis" (a lower-case particle
    and a capitalised word after a person) and "Pavel | “PJ” Mercer" (a quoted nickname of at most
    MAX_NICKNAME tokens, then a capitalised word) are one name. A surname the model gave a name of its
    own is joined too ("Marco" + "de Santis")."""
    doc = ctx.doc
    by_start = {e.start: e for e in spans}
    taken = {i for e in spans for i in range(e.start, e.end)}
    out: list[Span] = []
    skip: set[int] = set()
    for e in sorted(spans, key=lambda s: s.start):
        if e.start in skip:
            continue
        end = e.end
        k = _surname_start(doc, end) if e.label_ == PERSON and end + 1 < len(doc) else None
        if k is not None:
            glued = by_start.get(k) or by_start.get(end)
            if glued is not None and glued.label_ == PERSON:
                skip.add(glued.start)
                end = glued.end
            elif _surname_at(doc, k, taken):
                end = k + 1
        out.append(Span(doc, e.start, end, label=e.label_) if end != e.end else e)
    out += _bracketed_people(doc, {i for e in out for i in range(e.start, e.end)}, ctx.words["org_heads"])
    return filter_spans([with_editor_brackets(e) if e.label_ == PERSON else e for e in out])


def _bracketed_people(doc: Doc, taken: set[int], org_heads: frozenset[str]) -> list[Span]:
    """Names the model left untagged that an editor completed ("Sam [Okafor]", "[Lena] Brandt"): a
    proper noun next to square brackets holding capitalised words, none of them an organisation's head
    word, is a person's first name and surname."""
    out: list[Span] = []
    for k in tokens_with(doc, "ORTH", ["["]):
        if k in taken:
            continue
        close = _bracketed_names(doc, k)
        if close is None:
            continue
        if k > 0 and _bare_name_word(doc[k - 1], taken):
            span = Span(doc, k - 1, close + 1, label=PERSON)  # "Sam [Okafor]"
        elif close + 1 < len(doc) and _bare_name_word(doc[close + 1], taken) and doc[close].whitespace_:
            span = Span(doc, k, close + 2, label=PERSON)  # "[Lena] Brandt"
        else:
            continue
        if not any(t.lower_ in org_heads for t in span) and not any(t.i in taken for t in span):
            out.append(span)
    return out


def _bare_name_word(tok: Token, taken: set[int]) -> bool:
    """A capitalised proper noun no name holds yet."""
    return tok.i not in taken and tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha


def with_editor_brackets(span: Span) -> Span:
    """A personal name with the part an editor completed in square brackets inside a quote ("Sam
    [Okafor]", "[Lena] Brandt"): the brackets and what they hold belong to the name."""
    doc = span.doc
    start, end = span.start, span.end
    inner_close = next((t.i for t in span if t.text == "]"), None)
    if inner_close is not None and start > 0 and doc[start - 1].text == "[":
        start -= 1  # the model's "Lena] Brandt"
    elif inner_close is None:
        start = _bracketed_before(doc, start)
    if inner_close is None or inner_close < start:
        end = _bracketed_after(doc, end)
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)


def _bracketed_names(doc: Doc, open_at: int) -> int | None:
    """Where the "]" closing a bracket of capitalised words opened at `open_at` is, or None."""
    j = open_at + 1
    while j < len(doc) and j - open_at <= MAX_BRACKETED and doc[j].is_title and doc[j].is_alpha:
        j += 1
    return j if j > open_at + 1 and j < len(doc) and doc[j].text == "]" else None


def _bracketed_after(doc: Doc, end: int) -> int:
    """The end of a bracketed surname right after a name ("Sam | [Okafor]")."""
    if end < len(doc) and doc[end].text == "[" and doc[end - 1].text != "[":
        close = _bracketed_names(doc, end)
        if close is not None:
            return close + 1
    return end


def _bracketed_before(doc: Doc, start: int) -> int:
    """The start of a bracketed given name right before a name ("[Lena] | Brandt")."""
    if start >= 1 and doc[start - 1].text == "]" and doc[start - 1].whitespace_:
        open_at = next(
            (k for k in range(start - 2, max(start - 2 - MAX_BRACKETED, -1), -1) if doc[k].text == "["), None
        )
        if open_at is not None and _bracketed_names(doc, open_at) == start - 1:
            return open_at
    return start


def _surname_start(doc: Doc, end: int) -> int | None:
    """Where the surname after a first name ending at `end` starts: after a lower-case particle ("de"),
    or after a nickname in quotes that is not in lower case; None when neither follows."""
    if doc[end].lower_ in SURNAME_PARTICLES and doc[end].is_lower:
        return end + 1
    if doc[end].text not in _OPEN_QUOTES:
        return None
    close = next(
        (j for j in range(end + 2, min(end + 2 + MAX_NICKNAME, len(doc))) if doc[j].text in _CLOSE_QUOTES), None
    )
    if close is None or any(t.is_lower for t in doc[end + 1 : close]):
        return None  # a quotation in lower case is no nickname
    return close + 1
