"""Organisations joined by "and", for `claimx_entities` (the `org_coordination` family). Where the
organisation's head word sits decides: two companies glued into one name ("A Airlines and B Capital",
or two names the story also uses alone) are two; a head word after both names ("the A and B Council")
or before "of" ("Bureau of A and B") makes one body, which the model often cuts at "and". Open this
module to change when "and" joins or parts organisations."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimx.knowledge import gazetteer
from claimx.knowledge.rule_files import Words
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import DATE, ORG, PERSON

# A name before "and" that shares the head word after it ("the A and B Council") has at most this many
# tokens; so has one after "of X and" that shares the head word before "of".
MAX_SHARED_NAME = 3
# Dependencies of a name that modifies the head word after it ("A" in "the A and B Council").
_MODIFIER_DEPS = frozenset({"nmod", "compound", "amod"})


def org_coordination(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Split two companies glued by "and"; join the names cut from one body at its "and"; a name ends
    before an "and" the model left at its end."""
    spans = _split_companies(spans, ctx.words)
    spans = _join_before_head(spans, ctx.words)
    return [_without_trailing_and(s) for s in _join_after_of(spans, ctx.words)]


def _without_trailing_and(span: Span) -> Span:
    """A name the model ended with the "and" before the next name ("Ministry of Defence and") ends
    before it."""
    if span.label_ == DATE or len(span) < 2 or span[-1].lower_ != "and":
        return span
    return Span(span.doc, span.start, span.end - 1, label=span.label_)


def _split_companies(spans: list[Span], words: Words) -> list[Span]:
    """An organisation "A and B" where both parts end in a company word, or both are names the story
    uses alone, is two organisations."""
    out: list[Span] = []
    named: set[str] | None = None
    for span in spans:
        parts = None
        if span.label_ == ORG and any(t.lower_ == "and" for t in span[1:-1]):
            if named is None:  # the names of every organisation; never the span's own text, which
                named = {s.text for s in spans if s.label_ == ORG}  # is longer than either part
            parts = _two_companies(span, words, named)
        out.extend(parts or [span])
    return out


def _two_companies(span: Span, words: Words, alone: set[str]) -> list[Span] | None:
    for tok in span[1:-1]:
        if tok.lower_ != "and":
            continue
        left, right = span.doc[span.start : tok.i], span.doc[tok.i + 1 : span.end]
        if (_company(left, words) and _company(right, words)) or (left.text in alone and right.text in alone):
            return [Span(span.doc, left.start, left.end, label=ORG), Span(span.doc, right.start, right.end, label=ORG)]
    return None


def _company(part: Span, words: Words) -> bool:
    return len(part) > 1 and part[-1].lower_.rstrip(".") in words["company_heads"]


def _join_before_head(spans: list[Span], words: Words) -> list[Span]:
    """ "the A and B Council": a name of capitalised words before "and" that the parse makes a modifier
    of the head word ending the organisation after "and" belongs to it (whatever the model typed it)."""
    doc = spans[0].doc if spans else None
    if doc is None:
        return spans
    drop: set[int] = set()
    joined: list[Span] = []
    for org in spans:
        if org.label_ != ORG or org[-1].lower_ not in words["org_heads"] or org.start < 2:
            continue
        start = _shared_name_start(doc, org, words)
        if start is None:
            continue
        inside = [k for k, s in enumerate(spans) if s.start < org.start and s.end > start]
        if any(spans[k].start < start - 1 or spans[k].label_ == DATE for k in inside):
            continue  # a longer name or a date there: not one body's name
        drop.update(inside)
        drop.add(spans.index(org))
        joined.append(Span(doc, start, org.end, label=ORG))
    kept = [s for k, s in enumerate(spans) if k not in drop]
    return sorted(kept + joined, key=lambda s: s.start)


def _shared_name_start(doc: Doc, org: Span, words: Words) -> int | None:
    """Where the name before "and" starts that modifies the head word of `org`, or None."""
    if doc[org.start - 1].lower_ != "and":
        return None
    last = org.start - 2
    start = last
    while start > 0 and last - start + 1 < MAX_SHARED_NAME and _name_word(doc[start - 1], words):
        start -= 1
    name = doc[start : last + 1]
    if not all(_name_word(t, words) for t in name) or name.root.head.i not in range(org.start, org.end):
        return None
    return start if name.root.dep_ in _MODIFIER_DEPS else None


def _name_word(tok: Token, words: Words) -> bool:
    """A capitalised word of a name that is no organisation's head word itself ("Acme", not "Group")."""
    return (
        tok.is_title
        and tok.is_alpha
        and tok.lower_ not in words["org_heads"]
        and tok.lower_ not in words["company_heads"]
        and not tok.is_sent_start
    )


def _join_after_of(spans: list[Span], words: Words) -> list[Span]:
    """ "Bureau of A and B": capitalised words after the "and" that ends an organisation named "<head
    word> of A", coordinated with A by the parse and not a name of their own in the story, end its name."""
    out: list[Span] = []
    skip: set[int] = set()
    for k, span in enumerate(spans):
        if k in skip:
            continue
        end = _second_field_end(span, spans, words) if span.label_ == ORG else None
        if end is None:
            out.append(span)
            continue
        out.append(Span(span.doc, span.start, end, label=ORG))
        skip.update(j for j, s in enumerate(spans) if j > k and s.start < end)
    return out


def _second_field_end(org: Span, spans: list[Span], words: Words) -> int | None:
    doc = org.doc
    of = next((t.i for t in org if t.lower_ == "of"), None)
    if of is None or of == org.start or doc[of - 1].lower_ not in words["org_heads"]:
        return None
    and_i = org.end - 1 if org[-1].lower_ == "and" else org.end
    if and_i >= len(doc) - 1 or doc[and_i].lower_ != "and" or and_i - 1 <= of:
        return None
    first = doc[and_i - 1]
    end = and_i + 1
    while end < len(doc) and end - and_i <= MAX_SHARED_NAME and _name_word(doc[end], words):
        end += 1
    second = doc[and_i + 1 : end]
    if not len(second) or end - and_i > MAX_SHARED_NAME or second.root.dep_ != "conj":
        return None
    if second.root.head.i != first.i or gazetteer.lookup_place(second.text) is not None:
        return None
    used_alone = any(s.text == second.text and s.start != second.start for s in spans)
    typed = [s for s in spans if s.start == second.start]
    if used_alone or second.text.isupper() or any(s.label_ in (PERSON, DATE) for s in typed):
        return None
    # One word the model names on its own may be a second body ("Ministry of Defence and Interpol"); a
    # plural ("... and Mines") or two words ("... and Human Services") name a field of the first.
    if typed and len(second) == 1 and second[0].tag_ != "NNPS":
        return None
    return end
