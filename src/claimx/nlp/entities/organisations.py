"""Organisations, for `claimx_entities`: groups the model missed or called a nationality, an owner glued
to an organisation, bare force words, where an organisation's name starts and ends (a list of bodies
the model glued into one, "X Department of the Y" cut in two, an operation's name after a dash, two
places after "Union of"), companies by their legal form, and organisation-typed names that the text
shows are people. Open this module to change how an organisation's name is cut or when a name is an
organisation."""

from __future__ import annotations

import numpy
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import (
    ARTICLES,
    HOME_WORDS,
    KIN_NOUNS,
    PERSON_PRONOUNS,
    PERSON_REFLEXIVES,
    PERSON_VERBS,
    PRESS_NOUNS,
    ROLE_AFTER_ORG,
    ROLE_NOUN_ENDS,
    STATEMENT_VERBS,
)
from claimx.knowledge.rule_files import Words
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import ORG, PERSON, PLACE_LABELS, split_at, token_after, tokens_of, tokens_with

_DASHES = frozenset({"-", "–", "—"})
_COMMA = frozenset({","})
# Parts of speech of a word that makes an organisation word a fuller name ("the Varn | regional Department").
_MODIFIER_TAGS = frozenset({"PROPN", "ADJ", "NOUN"})
_POSSESSIVES = frozenset({"'s", "’s"})
# Lengths of a group's acronym the model called a nationality ("XYZL fighters").
_ACRONYM_LENGTHS = range(3, 7)
# A place joined to "Union of <place>" by "and" has at most this many tokens.
MAX_JOINED_PLACE = 3
# A name of at most this many tokens joins the organisation word before "of the" ("X Department of the Y").
MAX_JOINED_NAME = 2
# Tokens after "he said" in which the reported clause's subject is looked for.
MAX_CLAUSE_GAP = 6
# Tokens after ", the" in which a one-person role noun is looked for (", the senior special adviser").
ROLE_NOUN_WINDOW = 4


def nationality_acronyms(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Each group the model called a nationality but that is an acronym no nationality list knows is an
    organisation (see `norp_as_org`)."""
    return [norp_as_org(span) for span in spans]


def norp_as_org(span: Span) -> Span:
    """A group the model called a nationality but that no nationality list knows, written as an acronym
    ("XYZL fighters" -> ORG): an organisation. Real nationality and religion words stay NORP (dropped)."""
    if span.label_ != "NORP" or len(span) != 1 or gazetteer.is_nationality(span.text):
        return span
    text = span.text
    if text.isupper() and text.isalpha() and len(text) in _ACRONYM_LENGTHS:
        return Span(span.doc, span.start, span.end, label=ORG)
    return span


def named_groups(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A capitalised group word in running text ("support from the Coalition", "Coalition aircraft")
    names one particular group: an organisation, when no name or title covers it already."""
    doc = ctx.doc
    taken = tokens_of(spans) | ctx.title_tokens
    group_words = ctx.words["named_group_words"]
    found: list[Span] = []
    for i in tokens_with(doc, "ORTH", group_words):
        tok = doc[i]
        if tok.i in taken:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].is_title and doc[tok.i + 1].pos_ == "PROPN":
            continue  # "Coalition Provisional Authority": a longer name the model left out
        found.append(Span(doc, tok.i, tok.i + 1, label=ORG))
    return spans + found


def possessive_orgs(spans: list[Span], ctx: PassContext) -> list[Span]:
    """An owner glued to an organisation is cut off ("Z's Unity Party" -> "Unity Party"), but an
    organisation before what it owns keeps the name ("the X Ministry's Y and Z" -> "X Ministry")."""
    return [_owner_or_owned(span, ctx.words["org_heads"]) for span in spans]


def _owner_or_owned(span: Span, org_heads: frozenset[str]) -> Span:
    if span.label_ != ORG:
        return span
    poss = [t.i for t in span if t.lower_ in _POSSESSIVES and span.start < t.i < span.end - 1]
    if not poss:
        return span
    owner = span.doc[span.start : poss[-1]]
    if owner[-1].lower_ in org_heads and span[-1].lower_ not in org_heads:
        return Span(span.doc, owner.start, owner.end, label=ORG)  # what it owns are products
    return Span(span.doc, poss[-1] + 1, span.end, label=ORG)


def org_head_names(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A PERSON of two words or more that ends in an organisation word ("Korvat Brigades", "Delta
    Battery") is an organisation, unless it is a titled person's name."""
    heads = ctx.words["org_heads"]
    return [
        Span(s.doc, s.start, s.end, label=ORG)
        if s.label_ == PERSON and len(s) > 1 and s[-1].lower_ in heads and s.text not in ctx.titled_names
        else s
        for s in spans
    ]


def bare_force_words(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Drop a bare "Army" or "Navy", which names no particular force (a bare "Senate" is one body), and a
    one-word organisation before a role noun ("Navy Chief" is an office). A capitalised "the Department"
    in a text that names no fuller body with that word ("the Varn Department", "the regional department")
    stays: it is the one body the text is about (a body writing of itself)."""
    return [span for span in spans if not _bare_force_word(span, ctx.words)]


def _bare_force_word(span: Span, words: Words) -> bool:
    if span.label_ != ORG or len(span) != 1:
        return False
    word = span.text.lower()
    nxt = token_after(span)
    if nxt is not None and nxt.lower_ in ROLE_AFTER_ORG:
        return True
    if word in words["org_heads"] and word not in words["legislature_heads"]:
        return not _the_one_body(span[0])
    return False


def _the_one_body(tok: Token) -> bool:
    """Whether a capitalised organisation word after "the" names the one body of its kind in the text: no
    other use of the word has a modifier before it ("the Varn Department", "the regional department") or
    "of" and a name after it ("Department of Varn")."""
    doc = tok.doc
    if not tok.is_title or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
        return False
    for i in tokens_with(doc, "LOWER", [tok.lower_]):
        if i == tok.i:
            continue
        if i > 0 and doc[i - 1].pos_ in _MODIFIER_TAGS and doc[i - 1].lower_ not in ARTICLES:
            return False
        if i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].is_title:
            return False
    return True


def org_name_parts(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Organisation names cut where they end:
    - a name glued to an operation after a spaced dash ("Allied Naval Group - Operation Z") ends before it;
    - a list of bodies the model made one name ("the Varn Land Forces, Coastal Defence Forces") is split
      when every part ends in an organisation word (a unit's chain, "B Company, 2nd Battalion", stays one);
    - "X Department of the Y" is one name when the model cut it before "of the" and typed Y an organisation."""
    heads = ctx.words["org_heads"]
    by_start = {e.start: e for e in spans}
    out: list[Span] = []
    skip: set[int] = set()
    for e in sorted(spans, key=lambda s: s.start):
        if e.start in skip:
            continue
        if e.label_ != ORG:
            out.append(e)
            continue
        before_operation = _before_an_operation(e)
        parts = split_at(e, _COMMA)
        joined = _joined_over_of_the(e, by_start, heads)
        if before_operation is not None:
            out.append(before_operation)
        elif len(parts) > 1 and all(p[-1].lower_ in heads and len(p) > 1 and not p[0].like_num for p in parts):
            out.extend(parts)
        elif joined is not None:
            out.append(Span(ctx.doc, e.start, joined.end, label=ORG))
            skip.add(joined.start)
        else:
            out.append(e)
    return out


def _before_an_operation(span: Span) -> Span | None:
    """The name before a spaced dash and "Operation" inside an organisation span, or None."""
    doc = span.doc
    dash = next(
        (t.i for t in span if t.text in _DASHES and t.i + 1 < span.end and doc[t.i + 1].text == "Operation"),
        None,
    )
    if dash is not None and dash > span.start and doc[dash - 1].whitespace_:
        return Span(doc, span.start, dash, label=ORG)
    return None


def _joined_over_of_the(span: Span, by_start: dict[int, Span], heads: frozenset[str]) -> Span | None:
    """The organisation after "of the" that completes an organisation word's name ("X Department | of
    the | Y"), or None."""
    doc = span.doc
    nxt = by_start.get(span.end + 2)
    if (
        span[-1].lower_ in heads
        and span.end + 2 < len(doc)
        and doc[span.end].lower_ == "of"
        and doc[span.end + 1].lower_ == "the"
        and nxt is not None
        and nxt.label_ == ORG
        and len(nxt) <= MAX_JOINED_NAME
        and all(t.is_title for t in nxt)
    ):
        return nxt
    return None


def coordinated_orgs(spans: list[Span], ctx: PassContext) -> list[Span]:
    """An organisation named after two places, which the model cuts at "and" ("Union of Arland and the
    Borders" -> ORG "Union of Arland" + place "Borders"): when the organisation ends in "of <place>"
    and "and (the) <place>" follows, the second place is part of its name."""
    by_start = {e.start: e for e in spans}
    out: list[Span] = []
    skip: set[int] = set()
    for e in spans:
        if e.start in skip:
            continue
        second = _second_place(e, by_start) if e.label_ == ORG else None
        if second is not None:
            out.append(Span(ctx.doc, e.start, second.end, label=ORG))
            skip.add(second.start)
            continue
        out.append(e)
    return out


def _second_place(org: Span, by_start: dict[int, Span]) -> Span | None:
    """The place after "and (the)" that an organisation named "<singular noun> of <place>" takes in."""
    doc = org.doc
    of = [t.i for t in org if t.lower_ == "of"]
    if not of or of[0] <= org.start:
        return None
    head = doc[of[0] - 1]
    if head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("s"):
        return None  # "Governments of X and the Y" lists two governments
    k = org.end
    if gazetteer.lookup_place(doc[of[-1] + 1 : org.end].text) is None or k + 1 >= len(doc) or doc[k].lower_ != "and":
        return None
    k += 1
    if doc[k].lower_ == "the":
        k += 1
    nxt = by_start.get(k)
    if (
        nxt is None
        or nxt.label_ not in PLACE_LABELS
        or len(nxt) > MAX_JOINED_PLACE
        or gazetteer.lookup_place(nxt.text) is None
        or (nxt.end < len(doc) and doc[nxt.end].lower_ == "of")
    ):
        return None
    return nxt


def org_persons(spans: list[Span], ctx: PassContext) -> list[Span]:
    """An organisation-typed name that an apposition describes as one person ("Nadia Farah, the special
    adviser to ...", "Omar Haddad, a senior commander"), whose last word the article uses alone as a
    person ("Kemal Arslan ... Arslan said"), or that says something of itself as "he" or "she" ("Kemal
    Arslan said he would run"), is a person in all its mentions. A name of one to three words is one too
    when the parse shows it doing or owning what only a person does (`_acts_as_a_person`: "Okoro told
    reporters he would ...", "Okoro's wife"), whoever else the story names. Names with an organisation
    word or a place in them keep their type."""
    doc, words = ctx.doc, ctx.words
    lone_people = {e.text for e in spans if e.label_ == PERSON and len(e) == 1}
    names = [e for e in spans if e.label_ == ORG and _could_be_a_personal_name(e, words)]
    people = {
        e.text
        for e in names
        if len(e) > 1
        and (
            _described_as_a_person(doc, e.end, words)
            or e[-1].text in lone_people
            or (_speaks_of_itself_as_a_person(e) and not _person_nearby(e, spans))
        )
    }
    unsure = {e.text for e in names} - people
    if unsure:
        orths = doc.to_array("ORTH")  # read once: each name is looked for over the whole Doc
        people |= {text for text in unsure if _acts_as_a_person(doc, orths, text)}
    starts = {e.start for e in names if e.text in people}
    return [Span(doc, e.start, e.end, label=PERSON) if e.start in starts else e for e in spans]


def _could_be_a_personal_name(span: Span, words: Words) -> bool:
    """One to three capitalised words (not an acronym), no organisation word, no place or nationality in them."""
    return (
        1 <= len(span) <= 3
        and all(t.is_title and t.is_alpha and len(t) > 1 for t in span)
        and not any(t.lower_ in words["org_heads"] for t in span)
        and gazetteer.lookup_place(span.text) is None
        and not any(gazetteer.is_nationality(t.text) for t in span)
    )


def _person_nearby(span: Span, ents: list[Span]) -> bool:
    """Whether a person is named in the sentence of `span` or the one before: "he" may be that person
    ("Brandt Holdings said he would step down" after the chief executive was named)."""
    sent = span.sent
    start = span.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return any(e.label_ == PERSON and start <= e.start < sent.end and e.text != span.text for e in ents)


def _speaks_of_itself_as_a_person(span: Span) -> bool:
    """A name that is the subject of a verb of saying whose own clause goes on with "he" or "she" as
    its subject ("X Y said he would run again"): a person, in all the article's mentions. An organisation
    goes on with "it" or "they"."""
    root = span.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in STATEMENT_VERBS or verb.i < span.end:
        return False
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i - verb.i <= MAX_CLAUSE_GAP:
            subjects = [t for t in child.children if t.dep_ in ("nsubj", "nsubjpass")]
            return any(t.lower_ in PERSON_PRONOUNS and t.i > verb.i for t in subjects)
    return False


def _acts_as_a_person(doc: Doc, orths: numpy.ndarray, text: str) -> bool:
    """Whether the parse shows the name `text`, in any of its places in the Doc (the model may have typed
    only some of them), doing or owning what only a person does or owns: one strong sign ("X's wife", "X
    described himself") or two weaker ones ("X told reporters | he would", "X hoped | he could", "X flew
    home"). Another person named nearby does not matter: these signs are the name's own. `orths` is
    `doc.to_array("ORTH")`."""
    strong = weak = 0
    for root in _places_of(doc, orths, text):
        got_strong, got_weak = _person_signs(root)
        strong, weak = strong + got_strong, weak + got_weak
    return strong > 0 or weak >= 2


def _places_of(doc: Doc, orths: numpy.ndarray, text: str) -> list[Token]:
    """The last token of every run of tokens whose text is `text` (found in the Doc's ORTH array `orths`,
    where a loop over the Doc makes a Token of every word for every name)."""
    keys = numpy.fromiter((doc.vocab.strings[w] for w in text.split()), dtype="uint64")
    n = len(keys)
    starts = numpy.flatnonzero(orths[: len(orths) - n + 1] == keys[0])
    return [doc[int(i) + n - 1] for i in starts if (orths[i : i + n] == keys).all()]


def _person_signs(tok: Token) -> tuple[int, int]:
    """(strong, weak) signs that the name ending at `tok` is a person's, read from the parse."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in _POSSESSIVES and tok.head.lower_ in KIN_NOUNS:
        return 1, 0  # "X's wife"
    if tok.dep_ != "nsubj" or tok.head.i < tok.i:
        return 0, 0
    verb = tok.head
    kids = list(verb.children)
    if any(k.lower_ in PERSON_REFLEXIVES for k in kids):
        return 1, 0  # "X described himself as"
    weak = int(
        verb.lemma_.lower() in PERSON_VERBS
        or any(k.lower_ in HOME_WORDS and k.dep_ == "advmod" for k in kids)
        or any(k.lower_ in PRESS_NOUNS and k.dep_ in ("dobj", "dative") for k in kids)
    )
    return 0, weak + int(_he_in_own_clause(verb))


def _he_in_own_clause(verb: Token) -> bool:
    """Whether a clause that hangs on the name's own verb has "he" or "she" as its subject ("X told
    reporters he would", "X hoped she could")."""
    for child in verb.children:
        clause = child.dep_ in ("ccomp", "xcomp", "advcl") and 0 < child.i - verb.i <= MAX_CLAUSE_GAP
        if clause and any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in PERSON_PRONOUNS for t in child.children):
            return True
    return False


def _described_as_a_person(doc: Doc, i: int, words: Words) -> bool:
    """Whether ", (the|a) <modifiers> <one-person role noun>" follows position i."""
    if i + 2 >= len(doc) or doc[i].text != ",":
        return False
    k = i + 1
    if doc[k].lower_ in ARTICLES:
        k += 1
    for j in range(k, min(k + ROLE_NOUN_WINDOW, len(doc))):
        tok = doc[j]
        if tok.lower_ in words["one_person_roles"]:
            after = doc[j + 1] if j + 1 < len(doc) else None
            return after is None or after.lower_ in ROLE_NOUN_ENDS or after.is_punct
        if not tok.is_alpha or tok.is_stop:
            return False
    return False


def company_names(spans: list[Span], ctx: PassContext) -> list[Span]:
    """Companies the model typed a person or a place: a name ending in a legal form ("Erik Lund AG",
    "Berg & Co", also when the suffix follows the span) and a name right after "the <business noun>"
    ("the firm X", "the insurer Y")."""
    doc, words = ctx.doc, ctx.words
    taken = tokens_of(spans)
    out: list[Span] = []
    for e in spans:
        if e.label_ != PERSON and e.label_ not in PLACE_LABELS:
            out.append(e)
            continue
        end = _end_with_legal_form(e, taken, words)
        if ((len(e) > 1 or end > e.end) and _legal_form(doc, end - 1, words)) or _after_business_noun(e, words):
            out.append(Span(doc, e.start, end, label=ORG))
            continue
        out.append(e)
    return filter_spans(out)


def _legal_form(doc: Doc, i: int, words: Words) -> bool:
    """Whether token i is a company's legal form ("AG", "Ltd.", "Co" after "&")."""
    text = doc[i].text.rstrip(".")
    if text.lower() not in words["company_suffixes"] or not text.isalpha():
        return False
    if text.lower() == "co":  # "Berg & Co"; a lone "Co" may be a name
        return i > 0 and doc[i - 1].text in ("&", "and")
    # "SA", "AG" in capitals only: "Sa", "Ab" are also surnames and name parts
    return text.isupper() or (len(text) > 2 and not text.islower())


def _end_with_legal_form(span: Span, taken: set[int], words: Words) -> int:
    """The end of a name with the legal form written right after it ("Berg | & Co"), if one is."""
    doc, end = span.doc, span.end
    if end < len(doc) and end not in taken and _legal_form(doc, end, words) and not doc[end].is_sent_start:
        return end + 1
    if (
        end + 1 < len(doc)
        and doc[end].text == "&"
        and {end, end + 1}.isdisjoint(taken)
        and _legal_form(doc, end + 1, words)
    ):
        return end + 2
    return end


def _after_business_noun(span: Span, words: Words) -> bool:
    """A PERSON right after "the <business noun>" ("the firm X", "the insurer Y")."""
    doc = span.doc
    return (
        span.label_ == PERSON
        and span.start >= 2
        and doc[span.start - 1].lower_ in words["company_nouns"]
        and "the" in (doc[span.start - 2].lower_, doc[span.start - 3].lower_ if span.start >= 3 else "")
    )
