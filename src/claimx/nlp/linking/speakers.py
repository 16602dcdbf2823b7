"""Who a claim's speaker words name: the speaker procedure of `claimx_linking`.

The attribution clause leaves each quote or statement some words for its speaker ("Jane Doe", "she",
"a Defense Department official", "the company"). `resolve_speaker` reads them once and tries the steps
of `SPEAKER_STEPS` in this order; the first step that decides gives the answer:

1. mention       The words are (or hold) the mention of an entity: that entity. Words that describe
                 someone through an entity ("the Ohio senator", "a Pentagon official") do not name it:
                 the entity becomes the speaker's affiliation, and the steps below go on.
2. pronoun       "he", "she": the person last named as a clause's subject in this paragraph or the one
                 before, else the person last named; "it", "they", "we": the organisation last named.
                 None there: null, "pronoun without an antecedent".
3. anonymous     "a senior official", "two aides", "sources": a source unnamed on purpose, so null,
                 "unnamed official of Defense Department", with the affiliation.
4. office        "the senator", "the chief executive": the person last named whose rank or roles hold
                 that word ("Senator Ruth Calloway").
5. organisation  "the company", "the ministry" (described through no entity): the organisation last
                 named with that word in its name, else for a generic head the organisation last named.
6. appositive    "the company's chief executive, Jane Doe, said": the name set off by commas after them.
7. definite      "the manager", "the club's coach": the person last named as a clause's subject in this
                 paragraph or the one before.
8. fallback      Null, and why: "unnamed manager of Castleford" (a description through an entity),
                 "unnamed official", else "speaker 'the weather' is not a named entity".

A named person's affiliation is read from the words that describe them where the attribution names
them (`speaker_affiliation`: "said Ana Ruiz, chief executive of Velmora", "Velmora chief executive Ana
Ruiz"): the nearest organisation or country reached through modifiers and of/for/at/with/from.

"Last named" means before the words, outside quotation marks. Before entities are merged,
`speaker_names` turns the names an attribution gives but the model did not tag ("Okafor said",
"Mr. Lund added") into mentions, so that step 1 finds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from claimx.knowledge import gazetteer
from claimx.knowledge.lexicon import (
    AFFILIATION_PREPOSITIONS,
    ANONYMOUS_SPEAKER_HEADS,
    ARTICLES,
    FEMALE_COURTESY_TITLES,
    GENERIC_ORG_HEADS,
    HONORIFICS,
    INDEFINITE_DETERMINERS,
    ONE_PERSON_OFFICES,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_HEADS,
    PRONOUN_GENDERS,
)
from claimx.nlp.doc import TITLES, chars, doc_text
from claimx.nlp.entities.evidence import SPEAKER_NAME
from claimx.nlp.linking.clusters import ORGANIZATION, PERSON, PLACE, Cluster, Raw, cluster_at, normalise_name, pick_name
from claimx.nlp.tokens import paragraph_start

# A name set off by commas right after a description: "the company's chief executive, Jane Doe, said".
_APPOSITIVE_NAME_RE = re.compile(r"\s*,\s*([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})\s*,")
# Characters looked at before a mention for a courtesy title: "Mrs. " and "Miss " fit, with a spare space.
COURTESY_TITLE_REACH = 6
# The most words a name in the attribution clause has once a courtesy title is gone ("Maria de la Cruz");
# longer runs of capitals are headlines or titles of works.
MAX_SPEAKER_NAME_WORDS = 4
# Length of an abbreviated title with its full stop: "Dr." to "Sgts.".
ABBREVIATED_TITLE_LENGTH = range(2, 6)


@dataclass(frozen=True)
class SpeakerContext:
    """What the article names, that speaker words can refer to."""

    text: str
    clusters: list[Cluster]
    quote_ranges: list[tuple[int, int]]
    org_heads: frozenset[str]
    subjects: frozenset[int]  # start chars of names that are a clause's subject


@dataclass(frozen=True)
class SpeakerWords:
    """A claim's speaker words, read once for every step."""

    start: int
    end: int
    text: str  # as written
    lower: str  # lower-cased, without white space around
    words: list[str]  # lower-cased
    head: str  # the last word, without punctuation
    named: Cluster | None  # the entity whose mention the words are
    affiliation: Cluster | None  # the entity the words describe someone through ("a Pentagon official")
    affiliated: str | None  # that entity's name


class Speaker(NamedTuple):
    """What the speaker words name: an entity, or None with the reason and the affiliation, and the
    step that decided."""

    entity: Cluster | None
    reason: str | None = None
    affiliation: str | None = None
    step: str = ""


Step = Callable[[SpeakerWords, SpeakerContext], Speaker | None]


class SpeakerStep(NamedTuple):
    """One step of the speaker procedure: its name, its function, what it decides, and how the record says
    a speaker it found was found (`speaker_method`; None for a step that only ever leaves it null)."""

    name: str
    resolve: Step
    decides: str
    method: str | None = None


def resolve_speaker(span: tuple[int, int], ctx: SpeakerContext) -> Speaker:
    """The entity named by the speaker words at `span`, or None and why, by the first step that decides."""
    words = read_words(span, ctx)
    for step in SPEAKER_STEPS:
        found = step.resolve(words, ctx)
        if found is not None:
            return found._replace(step=step.name)
    raise AssertionError("the fallback step always decides")


def read_words(span: tuple[int, int], ctx: SpeakerContext) -> SpeakerWords:
    """The speaker words with their head word, and the entity they name or describe someone through."""
    text = ctx.text[span[0] : span[1]]
    lower = text.lower().strip()
    words = lower.split()
    head = words[-1].strip(".,;:'\u2019") if words else ""
    named = cluster_at(ctx.clusters, *span)
    affiliation = named if named is not None and _describes_through(named, span, text, head) else None
    if affiliation is not None:
        named = None
    return SpeakerWords(span[0], span[1], text, lower, words, head, named, affiliation, _name_of(affiliation))


def _describes_through(c: Cluster, span: tuple[int, int], text: str, head: str) -> bool:
    """Whether the words only qualify a person by the entity: its mention ends before a lower-case role
    or source word that ends them ("the Ohio senator", "a Pentagon official")."""
    last = text.split()[-1] if text.split() else ""
    inner = max((m for m in c.mentions if m.start < span[1] and span[0] < m.end), key=lambda m: m.end)
    return (
        inner.end < span[1] - len(last)
        and last[:1].islower()
        and (head in ANONYMOUS_SPEAKER_HEADS or head in PERSON_ROLE_HEADS)
    )


def _mention(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    return Speaker(w.named) if w.named is not None else None


def _pronoun(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    if w.lower in PERSON_PRONOUNS:
        found = _antecedent(w, ctx)
    elif w.lower in ORG_PRONOUNS:
        found = _last_named(w, ctx, ORGANIZATION)
    else:
        return None
    return Speaker(found) if found is not None else Speaker(None, "pronoun without an antecedent")


def _anonymous(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    if w.head in ANONYMOUS_SPEAKER_HEADS and (w.words[0] in INDEFINITE_DETERMINERS or w.head.endswith(("s", "people"))):
        return _unnamed(w)
    return None


def _office(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    def holds_office(c: Cluster) -> bool:
        offices = " ".join(
            filter(None, [*(m.rank or "" for m in c.mentions), *(r for m in c.mentions for r in m.roles)])
        )
        return w.head in offices.lower().split()

    found = _last_named(w, ctx, PERSON, holds_office)
    return Speaker(found) if found is not None else None


def _organisation(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    if w.affiliation is not None or not (w.head in ctx.org_heads or w.head in GENERIC_ORG_HEADS):
        return None
    found = _last_named(w, ctx, ORGANIZATION, lambda c: any(w.head in m.key.split() for m in c.mentions))
    if found is None and w.head in GENERIC_ORG_HEADS:
        found = _last_named(w, ctx, ORGANIZATION)
    return Speaker(found) if found is not None else None


def _appositive(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    name = _APPOSITIVE_NAME_RE.match(ctx.text, w.end)
    found = cluster_at(ctx.clusters, name.start(1), name.end(1)) if name is not None else None
    return Speaker(found) if found is not None and found.type != PLACE else None


def _definite(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    definite = w.words[:1] == ["the"] or any(t.endswith(("'s", "\u2019s")) for t in w.words[:-1])
    if not definite or _APPOSITIVE_NAME_RE.match(ctx.text, w.end) is not None:
        return None  # a description with a name after it is that name's, or no one's
    if w.head not in PERSON_ROLE_HEADS or w.head in ANONYMOUS_SPEAKER_HEADS:
        return None
    found = _antecedent(w, ctx, exclude=w.affiliation, subject_only=True)
    if found is not None and w.head in ONE_PERSON_OFFICES and not _may_hold(found, w.head):
        return None  # "the general" is not the air marshal named before
    return Speaker(found) if found is not None else None


def _may_hold(c: Cluster, office: str) -> bool:
    """Whether a person may hold an office: no rank is known, or the rank is that office."""
    ranks = [m.rank for m in c.mentions if m.rank]
    return not ranks or any(office in r.lower().split() for r in ranks)


def _fallback(w: SpeakerWords, ctx: SpeakerContext) -> Speaker | None:
    if w.affiliated or w.head in ANONYMOUS_SPEAKER_HEADS:
        return _unnamed(w)
    return Speaker(None, f"speaker '{w.text}' is not a named entity")


_DIRECT, _PRONOUN, _DESCRIPTION = "direct", "pronoun", "description"
SPEAKER_STEPS: tuple[SpeakerStep, ...] = (
    SpeakerStep("mention", _mention, "words that are an entity's mention name it", _DIRECT),
    SpeakerStep(
        "pronoun", _pronoun, "'he', 'she' go to the person, 'it', 'they', 'we' to the organisation before", _PRONOUN
    ),
    SpeakerStep("anonymous", _anonymous, "'a senior official', 'two aides', 'sources' are null on purpose"),
    SpeakerStep("office", _office, "'the senator' is the person named before with that rank or role", _DESCRIPTION),
    SpeakerStep("organisation", _organisation, "'the company' is the organisation named before", _DESCRIPTION),
    SpeakerStep(
        "appositive", _appositive, "'the chief executive, Jane Doe,' is the name after the commas", _DESCRIPTION
    ),
    SpeakerStep("definite", _definite, "'the manager' is the person last named as a clause's subject", _DESCRIPTION),
    SpeakerStep("fallback", _fallback, "null, with the reason"),
)
_METHOD_OF_STEP = {step.name: step.method for step in SPEAKER_STEPS}
INTERVIEW_CUE = "interview"


def speaker_method(found: Speaker, cue: str | None, words: tuple[int, int], sentence_start: int) -> str | None:
    """How a found speaker was found: an interview's answer (`interview`), words in a sentence before the
    claim's (`previous-sentence`: a quote going on from the one before, or a quote standing alone after the
    sentence naming its speaker), else by the step that decided; None for no speaker."""
    if found.entity is None:
        return None
    if cue == INTERVIEW_CUE:
        return "interview"
    return "previous-sentence" if words[1] <= sentence_start else _METHOD_OF_STEP.get(found.step)


def _unnamed(w: SpeakerWords) -> Speaker:
    """Null for a described, unnamed speaker, with the entity the description goes through."""
    reason = f"unnamed {w.head} of {w.affiliated}" if w.affiliated else f"unnamed {w.head}"
    return Speaker(None, reason, w.affiliated)


def _quoted(ctx: SpeakerContext, pos: int) -> bool:
    return any(s <= pos < e for s, e in ctx.quote_ranges)


def _last_named(
    w: SpeakerWords, ctx: SpeakerContext, kind: str, pred: Callable[[Cluster], bool] = lambda c: True
) -> Cluster | None:
    """The entity of type `kind` (passing `pred`) mentioned last before the words, outside quotes."""
    best: tuple[int, Cluster] | None = None
    for c in ctx.clusters:
        if c.type != kind or not pred(c):
            continue
        for m in c.mentions:
            if m.start < w.start and not _quoted(ctx, m.start) and (best is None or m.start > best[0]):
                best = (m.start, c)
    return best[1] if best else None


def _antecedent(
    w: SpeakerWords, ctx: SpeakerContext, exclude: Cluster | None = None, subject_only: bool = False
) -> Cluster | None:
    """The person a pronoun or a definite description most likely refers to: the latest one named as
    a clause's subject in this paragraph or the one before, else the latest one named; a person
    written with a courtesy title of the other gender is skipped."""
    # The paragraph before starts after the newline before this one's (a blank line between them is skipped).
    window = paragraph_start(ctx.text, max(0, paragraph_start(ctx.text, w.start) - 2))
    gender = PRONOUN_GENDERS.get(w.lower)
    latest: tuple[int, Cluster] | None = None
    subject: tuple[int, Cluster] | None = None
    for c in ctx.clusters:
        if c.type != PERSON or c is exclude or (gender and _gender_of(c, ctx.text) not in (None, gender)):
            continue
        for m in c.mentions:
            if m.start >= w.start or _quoted(ctx, m.start):
                continue
            if latest is None or m.start > latest[0]:
                latest = (m.start, c)
            if m.start >= window and m.start in ctx.subjects and (subject is None or m.start > subject[0]):
                subject = (m.start, c)
    best = subject if subject_only else (subject or latest)
    return best[1] if best else None


def _gender_of(c: Cluster, text: str) -> str | None:
    """'f' or 'm' when the article writes the person with a courtesy title (Mrs., Ms., Miss / Mr.)."""
    for m in c.mentions:
        before = text[max(0, m.start - COURTESY_TITLE_REACH) : m.start].rstrip().rstrip(".").split()
        word = before[-1] if before else ""
        if word in FEMALE_COURTESY_TITLES:
            return "f"
        if word == "Mr":
            return "m"
    return None


def _name_of(c: Cluster | None) -> str | None:
    """The display name of a cluster (the fullest form it was written in)."""
    if c is None:
        return None
    return pick_name([m.text for m in sorted(c.mentions, key=lambda m: m.start)])


# Dependencies that leave the description of a speaker: clauses, coordination, punctuation.
_NOT_DESCRIPTION = frozenset({"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "ccomp", "parataxis"})
# Dependencies of the words before a name that describe the person ("Velmora chief executive Ana Ruiz").
_BEFORE_NAME = frozenset({"compound", "nmod", "poss", "amod"})


def speaker_affiliation(doc: Doc, person: Cluster, words: tuple[int, int], ctx: SpeakerContext) -> Cluster | None:
    """The organisation or country a named speaker speaks for, as the attribution describes them: the
    words before the name ("Velmora chief executive Ana Ruiz", "Norvia's envoy X"), its apposition ("Ana
    Ruiz, chief executive of Velmora"), an "of"/"at" phrase after it ("X of the Harbour Workers Union"),
    or the description it stands in apposition to ("a spokesman for the Y Forces, X"); nearest first."""
    mention = next((m for m in person.mentions if m.start < words[1] and words[0] < m.end), None)
    name = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention is not None else None
    if name is None:
        return None
    for tok in _describing_words(name):
        found = cluster_at(ctx.clusters, tok.idx, tok.idx + len(tok))
        if found is None or found is person or _quoted(ctx, tok.idx):
            continue
        if found.type == ORGANIZATION or (found.type == PLACE and _is_country(found)):
            return found
    return None


def _describing_words(name: Span) -> list[Token]:
    """The words of the phrases that describe a named person, nearest phrase first."""
    root = name.root
    skip = set(range(name.start, name.end))
    out: list[Token] = []
    for child in root.children:
        if child.i < name.start and child.dep_ in _BEFORE_NAME:
            out += _description(child, skip)
    for child in root.children:
        after = child.i >= name.end
        if after and (child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPOSITIONS)):
            out += _description(child, skip)
    if root.dep_ == "appos" and root.head.i < name.start:
        out += _description(root.head, skip | {t.i for t in root.subtree})
    return out


def _description(tok: Token, skip: set[int]) -> list[Token]:
    """A phrase's words reached through modifiers and affiliation prepositions, breadth first."""
    out: list[Token] = []
    todo = [tok]
    while todo:
        t = todo.pop(0)
        if t.i in skip:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ in _NOT_DESCRIPTION or (c.dep_ == "prep" and c.lower_ not in AFFILIATION_PREPOSITIONS):
                continue
            todo.append(c)
    return out


def _is_country(c: Cluster) -> bool:
    """A place the gazetteer knows as a country."""
    place = gazetteer.lookup_place(_name_of(c) or "")
    return place is not None and place.kind == "country"


def speaker_names(
    doc: Doc, quotes: list[Span], raws: list[Raw], org_heads: frozenset[str], known_only: bool = False
) -> list[Raw]:
    """Names that the attribution clause gives as a quote's or statement's speaker but the model did not
    tag ("Okafor said", "Mr. Lund added", a transcript label "OKAFOR:"): they become mentions, so that
    they merge with the full name the article uses (or stand as an entity of their own, unless
    `known_only`: a statement's subject is any clause's, "the nature of God, who is made to declare")."""
    text = doc_text(doc)
    taken = [(r.start, r.end) for r in raws]
    surnames = {w for r in raws if r.type == PERSON for w in r.key.split()[-1:]}
    # (an organisation is known by its initials too: "CNS" after "Christian News Service")
    known = surnames | {r.key for r in raws} | {_initials(r.key) for r in raws if r.type == ORGANIZATION}
    # A rank or title alone ("Air Marshal said") names no one new: the office step finds its holder.
    titled = {i for t in doc.spans.get(TITLES, []) for i in range(t.start, t.end)}
    out: list[Raw] = []
    for quote in quotes:
        words = chars(quote._.claimx_speaker_words)
        if words is None or any(s < words[1] and words[0] < e for s, e in taken):
            continue
        got = doc.char_span(words[0], words[1], alignment_mode="expand")
        toks = [t for t in got or () if not t.is_punct and not t.is_space]
        honorific = False
        # "Mr. Lund", "Sen. Okafor": a courtesy word or an abbreviated title is not part of the name
        while len(toks) > 1 and (toks[0].text.rstrip(".") in HONORIFICS or _abbreviated_title(toks[0].text)):
            honorific = honorific or toks[0].text.rstrip(".") in HONORIFICS
            toks = toks[1:]
        if toks and all(t.i in titled for t in toks):
            continue
        toks = _after_titles(toks, titled, honorific)
        if not toks or len(toks) > MAX_SPEAKER_NAME_WORDS:
            continue
        if any(not t.text[:1].isupper() or t.ent_type_ or t.lower_ in ARTICLES for t in toks):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        name = text[start:end]
        key = normalise_name(name)
        if not (_name_like(toks[-1]) or (key in surnames and not toks[0].is_sent_start)):
            continue
        if known_only and key not in known:
            continue
        kind = PERSON
        if key.split()[-1] in org_heads or (
            len(toks) == 1 and not honorific and key not in surnames and quote._.claimx_cue != ":" and _org_like(name)
        ):
            kind = ORGANIZATION
        out.append(Raw(name, start, end, kind, key, evidence=(SPEAKER_NAME,)))
        taken.append((start, end))
    return out


def _initials(key: str) -> str:
    """'christian news service' -> 'cns'."""
    return "".join(w[0] for w in key.split())


def _after_titles(toks: list[Token], titled: set[int], honorific: bool) -> list[Token]:
    """The words after the last title ("Former Senator Okafor" -> "Okafor"; "Retired General" in a
    headline -> none); but after "Mr." a title word is a name ("Mr. King"), and so is one after a
    first name ("Dana King")."""
    last = max((k for k, t in enumerate(toks) if t.i in titled), default=-1)
    if honorific or last < 0:
        return toks
    if last == len(toks) - 1 and last > 0 and toks[last - 1].pos_ == "PROPN" and toks[last - 1].i not in titled:
        return toks
    return toks[last + 1 :]


def _name_like(tok: Token) -> bool:
    """A proper noun, or a capitalised singular noun inside a sentence (the tagger's guess for a rare
    surname), but not a plural ("Democrats")."""
    if tok.tag_ == "NNPS":
        return False
    return tok.pos_ == "PROPN" or (tok.tag_ == "NN" and tok.is_alpha and not tok.is_sent_start)


def _abbreviated_title(word: str) -> bool:
    """'Sen.', 'Gov.', 'Rep.': a short capitalised word with a full stop, standing before a name."""
    return word.endswith(".") and len(word) in ABBREVIATED_TITLE_LENGTH and word[0].isupper() and word[1:-1].islower()


def _org_like(name: str) -> bool:
    """A one-word name written like a brand or an acronym ("PolitiFact", "NATO"), not like a surname."""
    return name.isupper() or any(ch.isupper() for ch in name[1:])
