"""Organisations by the shape of their names, for `claimx_entities`: where an organisation's name
starts and ends (a list of bodies the model glued into one, "X Department of the Y" cut in two, an
operation's name after a dash), and organisation-typed names that the text shows are people. Open
this module to change how an organisation's name is cut or when an organisation is a person."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import PERSON_PRONOUNS, STATEMENT_VERBS
from claimx.knowledge.rule_files import Words
from claimx.nlp.tokens import PLACE_LABELS

_DASHES = frozenset({"-", "–", "—"})


def org_name_parts(doc: Doc, ents: list[Span], words: Words) -> list[Span]:
    """Organisation names cut where they end:
    - a list of bodies the model made one name ("the Varn Land Forces, Coastal Defence Forces") is split
      when every part ends in an organisation word (a unit's chain, "B Company, 2nd Battalion", stays one);
    - "X Department of the Y" is one name when the model cut it before "of the" and typed Y an organisation;
    - a name glued to an operation after a spaced dash ("Allied Naval Group - Operation Z") ends before it."""
    heads = words["org_heads"]
    by_start = {e.start: e for e in ents}
    out: list[Span] = []
    skip: set[int] = set()
    for e in sorted(ents, key=lambda s: s.start):
        if e.start in skip:
            continue
        if e.label_ != "ORG":
            out.append(e)
            continue
        dash = next(
            (t.i for t in e if t.text in _DASHES and t.i + 1 < e.end and doc[t.i + 1].text == "Operation"),
            None,
        )
        if dash is not None and dash > e.start and doc[dash - 1].whitespace_:
            out.append(Span(doc, e.start, dash, label="ORG"))
            continue
        parts = _list_parts(e)
        if len(parts) > 1 and all(p[-1].lower_ in heads and len(p) > 1 and not p[0].like_num for p in parts):
            out.extend(parts)
            continue
        nxt = by_start.get(e.end + 2)
        if (
            e[-1].lower_ in heads
            and e.end + 2 < len(doc)
            and doc[e.end].lower_ == "of"
            and doc[e.end + 1].lower_ == "the"
            and nxt is not None
            and nxt.label_ == "ORG"
            and len(nxt) <= 2
            and all(t.is_title for t in nxt)
        ):
            out.append(Span(doc, e.start, nxt.end, label="ORG"))
            skip.add(nxt.start)
            continue
        out.append(e)
    return out


def _list_parts(span: Span) -> list[Span]:
    """The comma-separated parts of a span ("A Forces, B Forces" -> two spans), or the span itself."""
    parts: list[Span] = []
    start = span.start
    for tok in span:
        if tok.text == ",":
            if tok.i > start:
                parts.append(Span(span.doc, start, tok.i, label=span.label_))
            start = tok.i + 1
    if parts and span.end > start:
        parts.append(Span(span.doc, start, span.end, label=span.label_))
    return parts or [span]


def org_persons(doc: Doc, ents: list[Span], words: Words) -> list[Span]:
    """An organisation-typed name that an apposition describes as one person ("Nadia Farah, the special
    adviser to ...", "Omar Haddad, a senior commander"), whose last word the article uses alone as a
    person ("Kemal Arslan ... Arslan said"), or that says something of itself as "he" or "she" ("Kemal
    Arslan said he would run"), is a person in all its mentions. Names with an organisation word or a
    place in them keep their type."""
    lone_people = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1}
    names = [e for e in ents if e.label_ == "ORG" and _could_be_a_personal_name(e, words)]
    people = {
        e.text
        for e in names
        if _described_as_a_person(doc, e.end, words)
        or e[-1].text in lone_people
        or (_speaks_of_itself_as_a_person(e) and not _person_nearby(e, ents))
    }
    starts = {e.start for e in names if e.text in people}
    return [Span(doc, e.start, e.end, label="PERSON") if e.start in starts else e for e in ents]


def _could_be_a_personal_name(span: Span, words: Words) -> bool:
    """Two or three capitalised words, no organisation word, no place or nationality in them."""
    return (
        2 <= len(span) <= 3
        and all(t.is_title and t.is_alpha for t in span)
        and not any(t.lower_ in words["org_heads"] for t in span)
        and gazetteer.lookup_place(span.text) is None
        and not any(gazetteer.is_nationality(t.text) for t in span)
    )


def _person_nearby(span: Span, ents: list[Span]) -> bool:
    """Whether a person is named in the sentence of `span` or the one before: "he" may be that person
    ("Brandt Holdings said he would step down" after the chief executive was named)."""
    sent = span.sent
    start = span.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return any(e.label_ == "PERSON" and start <= e.start < sent.end and e.text != span.text for e in ents)


def _speaks_of_itself_as_a_person(span: Span) -> bool:
    """A name that is the subject of a verb of saying whose own clause goes on with "he" or "she" as
    its subject ("X Y said he would run again"): a person, in all the article's mentions. An organisation
    goes on with "it" or "they"."""
    root = span.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in STATEMENT_VERBS or verb.i < span.end:
        return False
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i - verb.i <= 6:
            subjects = [t for t in child.children if t.dep_ in ("nsubj", "nsubjpass")]
            return any(t.lower_ in PERSON_PRONOUNS and t.i > verb.i for t in subjects)
    return False


def _described_as_a_person(doc: Doc, i: int, words: Words) -> bool:
    """Whether ", (the|a) <modifiers> <one-person role noun>" follows position i."""
    if i + 2 >= len(doc) or doc[i].text != ",":
        return False
    k = i + 1
    if doc[k].lower_ in ("the", "a", "an"):
        k += 1
    for j in range(k, min(k + 4, len(doc))):
        tok = doc[j]
        if tok.lower_ in words["one_person_roles"]:
            after = doc[j + 1] if j + 1 < len(doc) else None
            return after is None or after.lower_ in ("of", "to", "for", "at", ",", ".", "and") or after.is_punct
        if not tok.is_alpha or tok.is_stop:
            return False
    return False


def company_names(doc: Doc, ents: list[Span], words: Words) -> list[Span]:
    """Companies the model typed a person or a place: a name ending in a legal form ("Erik Lund AG",
    "Berg & Co", also when the suffix follows the span) and a name right after "the <business noun>"
    ("the firm X", "the insurer Y")."""
    suffixes = words["company_suffixes"]
    nouns = words["company_nouns"]
    taken = {i for e in ents for i in range(e.start, e.end)}

    def suffix(i: int) -> bool:
        tok = doc[i]
        text = tok.text.rstrip(".")
        if text.lower() not in suffixes or not text.isalpha():
            return False
        if text.lower() == "co":  # "Berg & Co"; a lone "Co" may be a name
            return i > 0 and doc[i - 1].text in ("&", "and")
        # "SA", "AG" in capitals only: "Sa", "Ab" are also surnames and name parts
        return text.isupper() or (len(text) > 2 and not text.islower())

    out: list[Span] = []
    for e in ents:
        if e.label_ != "PERSON" and e.label_ not in PLACE_LABELS:
            out.append(e)
            continue
        end = e.end
        if end < len(doc) and end not in taken and suffix(end) and not doc[end].is_sent_start:
            end += 1
        elif end + 1 < len(doc) and doc[end].text == "&" and {end, end + 1}.isdisjoint(taken) and suffix(end + 1):
            end += 2  # "Berg | & Co"
        named_by_noun = (
            e.label_ == "PERSON"
            and e.start >= 2
            and doc[e.start - 1].lower_ in nouns
            and "the" in (doc[e.start - 2].lower_, doc[e.start - 3].lower_ if e.start >= 3 else "")
        )
        if ((len(e) > 1 or end > e.end) and suffix(end - 1)) or named_by_noun:
            out.append(Span(doc, e.start, end, label="ORG"))
            continue
        out.append(e)
    return out
