"""`claimx_people`: person names written after a chain of ranks, titles and roles, with the rank and
roles that chain gives them; and the roles written in appositions ("X, Chairman of the Y,").

Open this module to change which rank or role a person gets. It runs before `claimx_entities`,
which turns the names it finds into PERSON entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import AMBIGUOUS_TITLES, ARTICLES, HONORIFICS, QUALIFIED_TITLE_HEADS, SURNAME_PARTICLES
from claimx.knowledge.rule_files import Words
from claimx.nlp.component import WordsComponent
from claimx.nlp.doc import PEOPLE, RULES, TITLES, doc_text
from claimx.nlp.tokens import PERSON, is_name_token

# Labels of the model's entities the rules read.
KEPT_LABELS = frozenset({PERSON, "ORG", "GPE", "LOC", "FAC", "DATE", "NORP"})
TITLE_LABELS = ("RANK", "TITLE", "ROLE")
# A name after a title has at most this many tokens.
MAX_NAME_TOKENS = 6
# A surname behind an elided lower-case particle, written as one word ("d'Ambrosio", "dell'Orto").
_ELIDED_SURNAME_RE = re.compile(r"[a-z]{1,4}['’][A-Z][a-z]+")
# The area after a title ("Minister for | the Middle East") has at most this many capitalised words.
MAX_AREA_TOKENS = 10
# A role in an apposition ("X, Chairman of the Y,") has at most this many tokens.
MAX_ROLE_TOKENS = 12


class PeopleFinder(WordsComponent):
    """Finds names after title chains and records their rank, roles and where the title starts."""

    WORD_LISTS = ("armed_force_words", "institution_heads", "ministry_portfolios", "org_heads", "portfolio_words")

    def __call__(self, doc: Doc) -> Doc:
        split_glued_tokens(doc)
        titles = filter_spans([s for s in doc.spans.get(RULES, []) if s.label_ in TITLE_LABELS])
        prefix_end = doc._.claimx_prefix_end
        model_ents = [e for e in doc.ents if e.label_ in KEPT_LABELS and e.end_char > prefix_end]
        people, qualifiers = find_titled_people(doc, titles, model_ents, self.words)
        doc.spans[PEOPLE] = people
        doc.spans[TITLES] = list(titles) + qualifiers
        return doc


# "Assad,[1]" and "Qanbar(Arabic": a citation mark or a bracket glued to a word by wiki-style text.
_GLUED_RE = re.compile(r"^([^\W\d_][\w'’-]*?)([.,;:]?)(\[\d+\]?(?:\[\d+\]?)*)$|^([^\W\d_][\w'’-]*?)(\()([^\W\d_]+)$")
# Where such a token can be at all: a letter right before "[" (after optional punctuation) or "(".
_GLUED_HINT_RE = re.compile(r"[^\W\d_][.,;:]?\[|[^\W\d_]\(")


def split_glued_tokens(doc: Doc) -> None:
    """Split tokens that glue a word to a citation mark or an opening bracket, so that names end at the
    word. The parse is kept (the new pieces hang on the word); rule spans are re-anchored by characters."""
    if not _GLUED_HINT_RE.search(doc_text(doc)):  # most texts: no need to look at every token
        return
    glued = [(tok, m) for tok in doc if "[" in tok.text or "(" in tok.text for m in [_GLUED_RE.match(tok.text)] if m]
    if not glued or not doc.has_annotation("DEP"):
        return  # splitting needs heads for the pieces (spaCy's children counts break without a parse)
    saved = {key: [(s.start_char, s.end_char, s.label_, s.id_) for s in group] for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for tok, m in glued:
            parts = [p for p in m.groups() if p]
            heads = [tok.head if tok.head.i != tok.i else (tok, 0)] + [(tok, 0)] * (len(parts) - 1)
            retokenizer.split(tok, parts, heads=heads)
    for key, spans in saved.items():
        group = []
        for start, end, label, span_id in spans:
            span = doc.char_span(start, end, label=label, kb_id=0, span_id=span_id, alignment_mode="expand")
            if span is not None:
                group.append(span)
        doc.spans[key] = group


def _set_person(name: Span, rank: str | None, roles: list[str], title_start: int) -> Span:
    name._.claimx_rank = rank
    name._.claimx_roles = tuple(roles)
    name._.claimx_title_start = title_start
    return name


def find_titled_people(
    doc: Doc, titles: list[Span], model_ents: list[Span], words: Words
) -> tuple[list[Span], list[Span]]:
    """Person spans named right after a chain of ranks, titles and roles ("Army Chief General X"),
    and the areas written after titles ("Minister for the Middle East")."""
    people: list[Span] = []
    qualifiers: list[Span] = []
    ent_at: dict[int, Span] = {i: e for e in model_ents for i in range(e.start, e.end)}
    # Offices that can follow a name; a one-word rank or title may be a surname ("John Major").
    title_at = {t.start: t for t in titles}
    for chain in _title_chains(titles):
        first, last = chain[0], chain[-1]
        roles = [s.text for s in chain if s.label_ == "ROLE"]
        host = ent_at.get(first.start)
        if (
            host is not None
            and host.label_ != PERSON
            and host.start < first.start
            and not _service_before(host, last, words)
        ):
            continue  # "U.N. General Assembly": the title word is inside another name
        qualified = title_qualifier(doc, last, ent_at, words)
        if qualified is not None:
            qualifier, name_start, rank_text = qualified
            qualifiers.append(qualifier)
            if name_start is not None:
                after_area = Span(doc, name_start, qualified_name_end(doc, name_start), label=PERSON)
                people.append(_set_person(after_area, rank_text, roles, first.start_char))
            continue
        name = _name_after(doc, last, title_at)
        if name is not None and _is_titled_name(name, chain, ent_at, words):
            rank = branch_office(doc, first, _chain_rank(chain), words)
            people.append(_set_person(name, rank, roles, first.start_char))
    return people, qualifiers


def _service_before(host: Span, last: Span, words: Words) -> bool:
    """A model name that is only a service word and the rank after it ("Navy Capt."): the rank is the
    person's, not part of an organisation's name."""
    doc = host.doc
    first = host.start
    return host.end <= last.end and all(
        doc[i].lower_ in words["armed_force_words"] for i in range(first, last.start) if doc[i].is_alpha
    )


def _title_chains(titles: list[Span]) -> Iterator[list[Span]]:
    """The runs of titles that follow each other with nothing between them ("Army Chief | General")."""
    i = 0
    while i < len(titles):
        chain = [titles[i]]
        while i + 1 < len(titles) and titles[i + 1].start == chain[-1].end:
            i += 1
            chain.append(titles[i])
        i += 1
        yield chain


def _name_after(doc: Doc, last: Span, title_at: dict[int, Span]) -> Span | None:
    """The name tokens right after a title chain (at most MAX_NAME_TOKENS), or None."""
    j = last.end
    while j < len(doc) and j - last.end < MAX_NAME_TOKENS:
        nxt_title = title_at.get(j)
        if j > last.end and nxt_title is not None and (nxt_title.label_ == "ROLE" or len(nxt_title) > 1):
            break  # "Minister Lena Holt Chairman of ...": an office after the name is not part of it
        if not (
            is_name_token(doc[j])
            or _hyphen_inside_a_name(doc, j)
            or _particle_inside_a_name(doc, j)
            or (j > last.end and _ELIDED_SURNAME_RE.fullmatch(doc[j].text) is not None)
        ):
            break
        j += 1
    return None if j == last.end else Span(doc, last.end, j, label=PERSON)


def _particle_inside_a_name(doc: Doc, j: int) -> bool:
    """A lower-case surname particle before a surname ("General Tariq al-Hamdi", "Colonel Marco de Santis",
    "Envoy de Varga")."""
    tok = doc[j]
    if not tok.is_lower or tok.lower_ not in SURNAME_PARTICLES or j + 1 >= len(doc):
        return False
    return is_name_token(doc[j + 1]) or (not tok.whitespace_ and _hyphen_inside_a_name(doc, j + 1))


def _hyphen_inside_a_name(doc: Doc, j: int) -> bool:
    tok = doc[j]
    return (
        tok.text in ("-", "‐")
        and not tok.whitespace_
        and not doc[j - 1].whitespace_
        and j + 1 < len(doc)
        and is_name_token(doc[j + 1])
    )


def _is_titled_name(name: Span, chain: list[Span], ent_at: dict[int, Span], words: Words) -> bool:
    """Whether the words after a title chain name a person: no organisation or institution word in them;
    after roles only, or after one ambiguous title, or when they name a place, only if the model agrees."""
    if any(t.lower_ in words["org_heads"] or t.lower_ in words["institution_heads"] for t in name):
        return False
    model_person = _model_person(ent_at, name.start, name.end)
    if {s.label_ for s in chain} == {"ROLE"} and not model_person:
        return False  # a job title before a capitalised word is not enough on its own
    if len(chain) == 1 and len(name) == 1 and chain[0].id_ in AMBIGUOUS_TITLES and not model_person:
        return False
    return model_person or gazetteer.lookup_place(name.text) is None  # "President Kenya" is not a person


def _model_person(ent_at: dict[int, Span], start: int, end: int) -> bool:
    """Whether the model typed a PERSON anywhere in the tokens [start, end)."""
    return any(ent_at.get(i) is not None and ent_at[i].label_ == PERSON for i in range(start, end))


def _chain_rank(chain: list[Span]) -> str | None:
    """The chain's rank, else its title (canonical forms), else None."""
    return next((s.id_ for s in chain if s.label_ == "RANK"), None) or next(
        (s.id_ for s in chain if s.label_ == "TITLE"), None
    )


def branch_office(doc: Doc, first: Span, rank: str | None, words: Words) -> str | None:
    """ "Army Secretary X", "Energy Minister Y": a bare office head (Secretary, Minister) right after a
    capitalised service or portfolio word is that office, not the bare head."""
    if rank is None or first.start == 0 or rank.lower() not in QUALIFIED_TITLE_HEADS:
        return rank
    before = doc[first.start - 1]
    word = before.lower_
    known = words["armed_force_words"] | words["portfolio_words"] | words["ministry_portfolios"]
    if before.is_title and word in known:
        return f"{before.text} {rank}"
    return rank


def qualified_name_end(doc: Doc, start: int) -> int:
    """End of the run of name tokens from `start` (at most MAX_NAME_TOKENS)."""
    j = start
    while j < len(doc) and j - start < MAX_NAME_TOKENS and is_name_token(doc[j]):
        j += 1
    return j


def title_qualifier(
    doc: Doc, title: Span, ent_at: dict[int, Span], words: Words
) -> tuple[Span, int | None, str] | None:
    """ "Minister for the Middle East Clara Venn": the area or portfolio after a title (a known place,
    or words ending in a portfolio word such as "Foreign Affairs"), the start of the name that follows it
    (directly, or after a comma: "Minister for Trade, Jane Doe") or None, and the full title."""
    if title.label_ != "TITLE" or title.id_.split()[-1].lower() not in QUALIFIED_TITLE_HEADS:
        return None
    k = title.end
    if k + 1 >= len(doc) or doc[k].lower_ not in ("for", "of") or not doc[k - 1].whitespace_:
        return None
    q = k + 2 if doc[k + 1].lower_ == "the" else k + 1
    run_end = q
    while run_end < len(doc) and run_end - q < MAX_AREA_TOKENS and doc[run_end].is_title and doc[run_end].is_alpha:
        run_end += 1
    portfolio = words["portfolio_words"]
    areas = [
        split
        for split in range(q + 1, run_end + 1)
        if gazetteer.lookup_place(doc[q:split].text) is not None or doc[split - 1].lower_ in portfolio
    ]
    if not areas:
        return None
    best, name_start = _area_and_name(doc, areas, run_end, ent_at)
    place = gazetteer.lookup_place(doc[q:best].text)
    if doc[k].lower_ == "of" and place is not None and place.kind == "country":
        rank = title.id_  # "Foreign Minister of Iraq": the country is not part of the title
    else:
        rank = f"{title.id_} {doc[k:best].text}"
    return Span(doc, k, best), name_start, rank


def _area_and_name(doc: Doc, areas: list[int], run_end: int, ent_at: dict[int, Span]) -> tuple[int, int | None]:
    """Where the area after a title ends (the longest that leaves a name after it) and where the name
    after it starts, directly or after a comma ("Minister for the Middle East, Clara Venn, said"), or None."""
    for split in reversed(areas):
        if split < run_end and _name_at(doc, split, ent_at):
            return split, split
    best = areas[-1]
    if best != run_end or best + 1 >= len(doc) or doc[best].text != ",":
        return best, None
    after = best + 1
    if doc[after].text.rstrip(".") in HONORIFICS:
        return best, None  # "Minister for Trade, Mr Doe met": a later mention, not a title before the name
    if _name_at(doc, after, ent_at) and _model_person(ent_at, after, after + 2):
        return best, after
    return best, None


def _name_at(doc: Doc, start: int, ent_at: dict[int, Span]) -> bool:
    """Whether a name starts at `start`: two name tokens or more, or one the model typed a person."""
    end = qualified_name_end(doc, start)
    return end > start and (end - start >= 2 or _model_person(ent_at, start, end))


def appositive_roles(doc: Doc, ent: Span) -> list[str]:
    """Roles in appositions: "General X, Chairman of the Y," and "Chairman of the Y, General X"."""
    roles: list[str] = []
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            phrase = _role_phrase(doc, child)
            if phrase and phrase not in roles:
                roles.append(phrase)
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON":
        phrase = _role_phrase(doc, root.head, stop=ent.start)
        if phrase and phrase not in roles:
            roles.append(phrase)
    return roles


def _role_phrase(doc: Doc, head: Token, stop: int | None = None) -> str | None:
    """The noun phrase under `head`, cut at a comma, a bracket or `stop`; None unless it looks like an office."""
    left, right = head.left_edge.i, head.right_edge.i + 1
    if stop is not None:
        right = min(right, stop)
    out: list[Token] = []
    for t in doc[left:right]:
        if t.i > head.i and t.text in (",", "(", ";", "—", "–"):
            break
        if t.ent_type_ == "PERSON":
            return None
        out.append(t)
    while out and (out[-1].is_punct or out[-1].is_space):
        out.pop()
    while out and (out[0].is_punct or out[0].lower_ in ARTICLES):
        out.pop(0)
    if not out or len(out) > MAX_ROLE_TOKENS or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return doc[out[0].i : out[-1].i + 1].text
