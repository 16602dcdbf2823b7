"""`claimx_quotes`: quotations (any quote style, over paragraphs) and embedded social-media posts, and
the words the text gives as each one's speaker (the attribution clause).

Open this module to change how quotes are found or which words name their speaker; turning those
words into a person or organisation is `claimx_linking`'s job.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc, Span, Token

from claimx.knowledge.lexicon import RELATIVE_PRONOUNS, SPEECH_VERBS
from claimx.nlp.claims.claim_dates import speech_date
from claimx.nlp.claims.interviews import NO_INTERVIEWEE, interview_answers
from claimx.nlp.doc import POSTS, QUOTES, doc_text, span_of
from claimx.nlp.tokens import (
    WORD_RE,
    DocIndex,
    among,
    paragraph_end,
    paragraph_start,
    strip_range,
    stripped_end,
    word_keys,
)

QUOTE_OPEN = "\u201c"  # “
QUOTE_CLOSE = "\u201d"  # ”
_QUOTE_OPENERS = ('"', QUOTE_OPEN, "''", "``", "\u201e")
_MARK_WORDS = frozenset((*_QUOTE_OPENERS, QUOTE_CLOSE))  # tokens counted as quotation marks, with IS_QUOTE
MIN_QUOTE_WORDS = 4
# Entity labels of names that can be a speaker.
SPEAKER_LABELS = ("PERSON", "ORG")
# "… pic.twitter.com/x — Coast Guard Command (@CoastGuardCmd) November 23, 2025"
_POST_SIGNOFF_RE = re.compile(
    r"(?:\u2014|\u2013|--)\s*(?P<holder>[^\n()\u2014]{2,90}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})?"
)
_IMAGINED_SPEECH_RE = re.compile(r"\bas if (?:to say|saying)\s*[:,]?\s*$", re.IGNORECASE)
# Characters before an opening mark searched for imagined speech: "as if to say:" with room to spare.
IMAGINED_SPEECH_REACH = 40
NO_SPEECH_VERB = "no speech verb in the sentence"
# Words this long or shorter may stay lower case in a title ("The Art of the Deal").
TITLE_SHORT_WORD = 3
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n|\n")
# A short sentence right after a quote is tried as its attribution ('"...?" Graham asked.'): it may start
# this many characters after the quote's last word (the closing mark and a space) and have this many
# tokens at most (a name, a verb, a time or a place; a longer one is news of its own).
NEXT_SENTENCE_GAP = 3
SHORT_SENTENCE = 12
# Dependents that make a verb after a quote more than an attribution ("Salo signed the bill.").
_OBJECT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "acomp", "dative", "oprd")
# Heads climbed from a verb of saying to find its subject ("the council issued a statement calling it",
# a relative or coordinated clause, "went on to say").
MAX_SUBJECT_CLIMB = 4
# A person named in a subject phrase speaks for it when the name has at most MAX_NAME_TOKENS tokens
# ("Borealis CEO Ravi Kandasamy") and the phrase fewer than MAX_NAMED_PHRASE; a longer phrase holds
# clauses that name other people.
MAX_NAME_TOKENS = 5
MAX_NAMED_PHRASE = 10
# A quote without attribution that opens its paragraph continues the previous quote's speaker across
# at most this many paragraph breaks (so one paragraph may stand between them).
MAX_INHERIT_BREAKS = 2
# A transcript or interview label opening the quoted text: "OKAFOR: Well, ..." (a capitalised name).
_TRANSCRIPT_LABEL_RE = re.compile(r"((?:[A-Z][A-Z.'\-]+ ){0,2}[A-Z][A-Z.'\-]+):\s")
# A sign-off after the closing mark naming who said it: '"...." \u2015 Jane Doe' (a dash, then a name).
_SIGNOFF_RE = re.compile(
    r"""["'\u201d]*[^\S\n]*[\u2015\u2014\u2013]+[^\S\n]*"""
    r"""(?P<name>[A-Z][\w.'\u2019\-]*(?:[^\S\n]+[A-Z][\w.'\u2019\-]*){0,4}?)[^\S\n]*\.?[^\S\n]*$"""
)


@dataclass
class ClaimInfo:
    """A claim while a component works on it (char offsets); stored as a span with extensions."""

    kind: str  # "quote" | "statement" | "post" | "event"
    start: int
    end: int
    speaker: tuple[int, int] | None = None  # span of the words naming the speaker
    cue: str | None = None
    inherited: bool = False
    handle: str | None = None
    date_text: tuple[int, int] | None = None
    reason: str | None = None
    predicate: str | None = None
    actors: list[tuple[int, int]] = field(default_factory=list)
    place_text: tuple[int, int] | None = None
    negated: bool = False
    hedged: bool = False

    def to_span(self, doc: Doc) -> Span:
        """The claim as a span of its group, everything else in plain-valued extensions."""
        span = span_of(doc, self.start, self.end, label=self.kind.upper())
        ext = span._  # each `span._` makes a new accessor object: one for all the fields
        ext.claimx_speaker_words = self.speaker
        ext.claimx_cue = self.cue
        ext.claimx_reason = self.reason
        ext.claimx_inherited = self.inherited
        ext.claimx_handle = self.handle
        ext.claimx_date_words = self.date_text
        ext.claimx_place_words = self.place_text
        ext.claimx_predicate = self.predicate
        ext.claimx_actor_words = tuple(self.actors)
        ext.claimx_negated = self.negated
        ext.claimx_hedged = self.hedged
        return span


class QuoteFinder:
    """Finds quotations and embedded posts, and the words the text gives as their speaker."""

    def __init__(self, min_words: int = MIN_QUOTE_WORDS) -> None:
        self.min_words = min_words

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        index = DocIndex(doc)
        posts = find_posts(text)
        quotes = [q for q in find_quotations(text, self.min_words) if not any(p.start <= q[0] < p.end for p in posts)]
        answers, interviewee = interview_answers(index, self.min_words)
        quotes = [q for q in quotes if not any(s <= q[0] < e for s, e in answers)]
        infos: list[ClaimInfo] = []
        for start, end in quotes:
            info = ClaimInfo(kind="quote", start=start, end=end)
            attribute(index, info, infos[-1].end if infos else -1)
            infos.append(info)
        inherit_speakers(text, infos)
        if answers:
            reason = None if interviewee is not None else NO_INTERVIEWEE
            infos.extend(
                ClaimInfo("quote", s, e, speaker=interviewee, cue="interview", reason=reason) for s, e in answers
            )
            infos.sort(key=lambda q: q.start)
        doc.spans[QUOTES] = [q.to_span(doc) for q in infos]
        doc.spans[POSTS] = [p.to_span(doc) for p in posts]
        return doc


# Marks that open or close a quotation: straight and curly double quotes, and the doubled
# apostrophes ('' ... '') and TeX-style backticks (`` ... '') of some newspapers' copy.
_QUOTE_MARK_RE = re.compile(r"''|``|[\"\u201c\u201d\u201e]")
_OPENING_MARKS = (QUOTE_OPEN, "``", "\u201e")
# The characters `find_quotations` acts on (a line break, the first character of a mark): it jumps
# from one to the next instead of looking at every character in Python.
_MARK_OR_BREAK_RE = re.compile("[\n\"'`\u201c\u201d\u201e]")


def _quote_role(text: str, i: int, mark: str) -> str:
    """Whether the mark at text[i] opens or closes a quotation, judged by its neighbours."""
    if mark in _OPENING_MARKS:
        return "open"
    if mark == QUOTE_CLOSE:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark == "''" and (before == "'" or after == "'"):
        return "none"  # a run of three apostrophes is no quotation mark we know
    if before.isspace() or before in "([{—–-/":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def find_quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[tuple[int, int]]:
    """Char ranges of the words inside quotation marks (straight or curly double quotes, doubled apostrophes).

    Marks pair up within a paragraph; a paragraph that ends inside a quotation continues it when the
    next paragraph opens with a mark (news style for long quotes). Unpaired marks are skipped, never
    fatal. Quotes shorter than `min_words` words and imagined speech ("as if to say") are left out.
    """
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    mark_at = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            j = _after_break(text, i)
            reopened = _reopening_mark_end(text, j)
            if reopened is not None:
                i = reopened  # continued quotation: skip the re-opening mark
                continue
            _unclosed(text, open_at, mark_at, i, min_words, out)
            open_at, i = None, j
            continue
        m = _QUOTE_MARK_RE.match(text, i) if ch in "\"'`\u201c\u201d\u201e" else None
        if m is None:
            nxt = _MARK_OR_BREAK_RE.search(text, i + 1)
            i = nxt.start() if nxt is not None else n
            continue
        role = _quote_role(text, i, m.group())
        if open_at is None and role in ("open", "either"):
            open_at, mark_at = m.end(), i
        elif open_at is not None and role in ("close", "either"):
            s, e = strip_range(text, open_at, i)
            if _is_quotation(text, s, e, mark_at, min_words):
                out.append((s, e))
            open_at = None
        elif open_at is not None and role == "open":
            open_at, mark_at = m.end(), i  # an opening mark while open: the earlier one was stray
        i = m.end()
    if open_at is not None:
        _unclosed(text, open_at, mark_at, n, min_words, out)
    return out


def _after_break(text: str, i: int) -> int:
    """Where the text goes on after the line break at `i`, past blank lines and indentation."""
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _reopening_mark_end(text: str, i: int) -> int | None:
    """The end of an opening quotation mark at `i`: a quotation that goes on in the next paragraph."""
    m = _QUOTE_MARK_RE.match(text, i)
    return m.end() if m is not None and _quote_role(text, i, m.group()) in ("open", "either") else None


def _is_quotation(text: str, start: int, end: int, mark_at: int, min_words: int) -> bool:
    """Enough words between the marks, and no imagined speech before the opening one ("as if to say")."""
    before = text[max(0, mark_at - IMAGINED_SPEECH_REACH) : mark_at]
    return len(WORD_RE.findall(text[start:end])) >= min_words and not _IMAGINED_SPEECH_RE.search(before)


def _unclosed(text: str, open_at: int, mark_at: int, end: int, min_words: int, out: list[tuple[int, int]]) -> None:
    """A quotation still open at its paragraph's end: one that opened the paragraph is a quotation whose
    closing mark the writer dropped (transcripts, letters); any other mark is a stray."""
    if mark_at != paragraph_start(text, mark_at):
        return
    end = stripped_end(text, open_at, end)
    if len(WORD_RE.findall(text[open_at:end])) >= min_words:
        out.append((open_at, end))


def find_posts(text: str) -> list[ClaimInfo]:
    """Embedded social-media posts: the paragraph ending in "— Holder (@handle) Month D, YYYY"."""
    posts: list[ClaimInfo] = []
    for m in _POST_SIGNOFF_RE.finditer(text):
        para_start = paragraph_start(text, m.start())
        body_end = m.start()
        cut = text.find("pic.twitter.com", para_start, body_end)
        if cut == -1:
            cut = text.find("https://t.co", para_start, body_end)
        end = cut if cut != -1 else body_end
        end = stripped_end(text, para_start, end, also="….")
        if end <= para_start:
            continue
        posts.append(
            ClaimInfo(
                kind="post",
                start=para_start,
                end=end,
                speaker=(m.start("holder"), m.end("holder")),
                cue="posted",
                handle=m.group("handle"),
                date_text=(m.start("date"), m.end("date")) if m.group("date") else None,
            )
        )
    return posts


def attribute(index: DocIndex, info: ClaimInfo, prev_quote_end: int = -1) -> None:
    """The words naming a quote's speaker, in the order a careful reader looks for them: a transcript
    label or a dash sign-off on the quote itself, the attribution clause around it in its paragraph
    (a verb of saying, "according to", a colon layout), then a short attribution sentence next to it."""
    text = doc_text(index.doc)
    label = _TRANSCRIPT_LABEL_RE.match(text, info.start, info.end)
    if label is not None:
        info.speaker, info.cue = (label.start(1), label.end(1)), ":"
        return
    signoff = _SIGNOFF_RE.match(text, info.end, paragraph_end(text, info.end))
    if signoff is not None:
        end = signoff.end("name")
        if text[end - 1] == "." and len(signoff.group("name").split()[-1]) > 2:
            end -= 1  # the sentence's full stop, not an initial's
        info.speaker, info.cue = (signoff.start("name"), end), "\u2015"
        return
    sents = index.sents_between(info.start - 1, info.end + 1)
    if not sents:
        return
    para_lo, para_hi = paragraph_start(text, info.start), paragraph_end(text, info.end)
    clause = _attribution(index, info, sents, para_lo, para_hi)
    if clause is None and info.reason == NO_SPEECH_VERB:
        clause = _clause_subject(index, info)
    if clause is not None:
        info.speaker, info.cue, info.reason = clause[0], clause[1], None
        return
    reason = info.reason
    clause = _neighbour_attribution(index, info, sents, (para_lo, para_hi), prev_quote_end)
    if clause is not None:
        info.speaker, info.cue, info.reason = clause[0], clause[1], None
        return
    info.reason = reason


def _neighbour_attribution(
    index: DocIndex, info: ClaimInfo, sents: list[Span], para: tuple[int, int], prev_quote_end: int
) -> tuple[tuple[int, int], str] | None:
    """The attribution a neighbour sentence gives a quote: an attribution clause, a bare 'Name VERBed.'
    after it, and for a quote that is a sentence of its own, the named subject of the sentence before
    ('Keel summed up the danger with a metaphor. "..."')."""
    alone = _stands_alone(index, info, sents, *para)
    for near, lo, hi in _neighbour_sentences(index, info, sents, *para, prev_quote_end):
        colon = near.text.rstrip().endswith(":")
        clause = _attribution(index, info, [near], lo, hi) if lo == para[0] or colon else None
        if clause is None and near.start_char >= info.end:
            clause = _bare_attribution(index, near)
        elif clause is None and alone and near.start_char < info.start:
            clause = _named_subject(index, near)
            if clause is not None and near.root.lemma_.lower() in SPEECH_VERBS:
                # the sentence that names the speaker says when ("... Varga told reporters on Sunday.")
                info.date_text = speech_date(index, near.root, (info.start, info.end))
        if clause is not None:
            return clause
    return None


def _stands_alone(index: DocIndex, info: ClaimInfo, sents: list[Span], para_lo: int, para_hi: int) -> bool:
    """Whether the quote's sentences hold nothing but the quote (and punctuation)."""
    toks = _within_paragraph(index.doc, sents, para_lo, para_hi)
    return toks is not None and all(info.start - 1 <= t.idx <= info.end or t.is_punct or t.is_space for t in toks)


def _named_subject(index: DocIndex, sent: Span) -> tuple[tuple[int, int], str] | None:
    """The person named as the subject of a sentence's main verb (outside quotation marks)."""
    root = sent.root
    for c in root.children:
        if c.dep_ == "nsubj" and _person_name(index, c) and not _inside_marks(index, c):
            return noun_phrase(index, c), root.text
    return None


def _person_name(index: DocIndex, tok: Token) -> bool:
    """A name that can speak: a person or organisation, or a proper noun the model left untagged (a
    surname used alone)."""
    ent = index.ent_at(tok.i)
    return ent.label_ in SPEAKER_LABELS if ent is not None else tok.pos_ == "PROPN"


def _clause_subject(index: DocIndex, info: ClaimInfo) -> tuple[tuple[int, int], str] | None:
    """'Salo attacked "the lazy habits of the council"': with no verb of saying, the person named as the
    subject of a verb the quote hangs on (the nearest such verb outside the quote)."""
    doc = index.doc
    text = doc_text(doc)
    para_lo, para_hi = paragraph_start(text, info.start), paragraph_end(text, info.end)
    quoted = doc.char_span(info.start, info.end, alignment_mode="expand")
    if quoted is None or not len(quoted) or _title_like(quoted):
        return None
    for verb in quoted[0].ancestors:
        if not para_lo <= verb.idx < para_hi or verb.dep_ in ("acl", "relcl"):
            break  # the next paragraph's sentence (a parse may join them), or a clause about a noun
        if info.start <= verb.idx < info.end or verb.pos_ not in ("VERB", "AUX") or verb.lemma_ == "be":
            continue  # "X would be 'the best'" describes X
        for c in verb.children:
            if c.dep_ == "nsubj" and not info.start <= c.idx < info.end and _person_name(index, c):
                return noun_phrase(index, c), verb.text
    return None


def _title_like(quoted: Span) -> bool:
    """'"Barack Obama Election Day"', '"The Art of the Deal"': every longer word capitalised, a name."""
    words = [t.text for t in quoted if t.is_alpha and len(t.text) > TITLE_SHORT_WORD]
    return bool(words) and all(w[0].isupper() for w in words)


def _neighbour_sentences(
    index: DocIndex, info: ClaimInfo, sents: list[Span], para_lo: int, para_hi: int, prev_quote_end: int = -1
) -> list[tuple[Span, int, int]]:
    """Sentences next to a quote that stands alone, with the paragraph each lies in, in the order they are
    tried: a short one right after the quote ('"...?" Graham asked.'), the one before it in the paragraph
    ('Schiff said. "..."', 'He replied: "..."'), and for a quote that opens its paragraph, the previous
    paragraph's last sentence ('Caddell continued:', 'Pall was more careful.')."""
    text = doc_text(index.doc)
    out: list[tuple[Span, int, int]] = []
    i = bisect.bisect_right(index.sent_chars, sents[-1].start_char) - 1
    if 0 <= i + 1 < len(index.sents):
        nxt = index.sents[i + 1]
        # (a sentence holds the white space after it, the paragraph break included)
        nxt_end = stripped_end(text, nxt.start_char, nxt.end_char)
        if nxt_end <= para_hi and nxt.start_char - info.end <= NEXT_SENTENCE_GAP and len(nxt) <= SHORT_SENTENCE:
            out.append((nxt, para_lo, para_hi))
    j = bisect.bisect_right(index.sent_chars, sents[0].start_char) - 2
    if j < 0:
        return out
    prev = index.sents[j]
    if prev.end_char > para_lo:  # (a sentence may start with the previous paragraph's closing mark)
        if prev_quote_end < para_lo:  # a quote before this one in the paragraph passes its speaker on instead
            out.append((prev, para_lo, para_hi))
    elif text[para_lo : info.start].strip() in _QUOTE_OPENERS:
        lo = paragraph_start(text, prev.end_char - 1)
        out.append((prev, lo, paragraph_end(text, lo)))
    return out


def _attribution(
    index: DocIndex, info: ClaimInfo, sents: list[Span], para_lo: int, para_hi: int
) -> tuple[tuple[int, int], str] | None:
    """The speaker words and cue of the attribution clause in `sents` (kept within the paragraph): the
    speaker of a verb of saying, the nearest the quote hangs on first; without one, the source of
    "according to" or the subject before a colon. The date words of that speech act go on `info`."""
    toks = _within_paragraph(index.doc, sents, para_lo, para_hi)
    if toks is None:
        return None
    within = range(info.start - 1, info.end + 1)
    verbs = [t for t in toks if t.idx not in within and _is_speech_verb(t)]
    if not verbs:
        return _attribution_without_verb(
            index, info, [t for t in toks if t.lower_ == "according" and t.idx not in within]
        )
    for verb in _nearest_first(info, verbs, toks[0]):
        subj = _speaker_of_verb(index, info, verb)
        if subj is not None:
            info.date_text = speech_date(index, verb, (info.start, info.end))
            return subj, verb.text
    info.reason = "speech verb without a subject"
    return None


def _bare_attribution(index: DocIndex, sent: Span) -> tuple[tuple[int, int], str] | None:
    """'"...?" Salo demanded.': a short sentence right after a quote that is only a name and a verb
    (with adverbs or a time, but no object or clause) says who spoke, whatever the verb."""
    verb = sent.root
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in _OBJECT_DEPS for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ not in ("", *SPEAKER_LABELS):
        return None  # a name (that the model may not have tagged), not "the crowd roared"
    return noun_phrase(index, subj), verb.text


def _within_paragraph(doc: Doc, sents: list[Span], para_lo: int, para_hi: int) -> Span | None:
    """The tokens of `sents` inside the paragraph [para_lo, para_hi), or None when there are none."""
    lo, hi = sents[0].start, sents[-1].end
    while lo < hi and doc[lo].idx < para_lo:
        lo += 1
    while hi > lo and doc[hi - 1].idx >= para_hi:
        hi -= 1
    return doc[lo:hi] if lo < hi else None


def _is_speech_verb(tok: Token) -> bool:
    """A verb of saying ("said", "told", "added"), or "put it"."""
    return tok.pos_ in ("VERB", "AUX") and (
        tok.lemma_.lower() in SPEECH_VERBS or (tok.lemma_ == "put" and any(c.lower_ == "it" for c in tok.children))
    )


def _attribution_without_verb(
    index: DocIndex, info: ClaimInfo, according: list[Token]
) -> tuple[tuple[int, int], str] | None:
    """With no verb of saying: the source of "according to X", else the subject before a colon."""
    for t in according:
        obj = according_object(index, t)
        if obj is not None:
            info.date_text = speech_date(index, t, (info.start, info.end))
            return obj, "according to"
    colon = _colon_subject(index, info)
    if colon is not None:
        return colon, ":"
    info.reason = NO_SPEECH_VERB
    return None


def _nearest_first(info: ClaimInfo, verbs: list[Token], first: Token) -> list[Token]:
    """The verbs in the order they are tried: those the quote hangs on first, then the nearest the quote."""
    quoted = first.doc.char_span(info.start, info.end, alignment_mode="expand")
    anchor = quoted[0] if quoted is not None and len(quoted) else first

    def distance(v: Token) -> int:
        return v.idx - info.end if v.idx >= info.end else info.start - v.idx

    return sorted(verbs, key=lambda v: (v not in anchor.ancestors, distance(v)))


def _speaker_of_verb(index: DocIndex, info: ClaimInfo, verb: Token) -> tuple[int, int] | None:
    """The words naming who speaks through `verb` (not inside the quote): its parsed subject, an inverted
    subject after it, the name that leads the clause after the quote, or a name right before it."""
    parsed = _shown_speaking(index, verb) or subject_of(index, verb)
    if parsed is not None and parsed[0] > verb.idx > info.end:
        parsed = _lead_name(index, info, verb) or parsed  # '"...," Wilkes, an aide, said on "Show"'
    lead = _lead_name(index, info, verb) if verb.idx > info.end else None
    for subj in (parsed, _inverted_subject(index, verb), lead, _name_before(index, verb)):
        if subj is not None and not (info.start - 1 <= subj[0] <= info.end):
            return subj
    return None


def _shown_speaking(index: DocIndex, verb: Token) -> tuple[int, int] | None:
    """'footage of Marta Keel asking, "..."': a participle with no subject of its own right after a name
    that is a preposition's object speaks for that name (the parse hangs it on the main verb, "uses")."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    ent = index.ent_at(verb.i - 1)
    name = doc[verb.i - 1]
    if ent is not None and ent.label_ not in SPEAKER_LABELS:
        return None
    if ent is None and name.pos_ != "PROPN":
        return None
    root = ent.root if ent is not None else name
    return noun_phrase(index, root) if root.dep_ == "pobj" else None


def _colon_subject(index: DocIndex, info: ClaimInfo) -> tuple[int, int] | None:
    """'He replied: "..."', 'Sen. X scolded him: "..."', 'X went on:' closing the paragraph before: a
    quote right after a colon takes the subject of the clause before the colon (and its date words)."""
    text = doc_text(index.doc)
    k = info.start - 1
    while k > 0 and (text[k].isspace() or text[k] in "\"'`\u201c\u201e"):
        k -= 1
    if text[k] != ":":
        return None
    sents = index.sents_between(k, k + 1)
    if not sents:
        return None
    for tok in reversed([t for t in sents[0] if t.idx < k]):
        if tok.pos_ in ("VERB", "AUX"):
            subj = subject_of(index, tok)
            if subj is not None:
                info.date_text = speech_date(index, tok, (info.start, info.end))
                return subj
    return None


def _lead_name(index: DocIndex, info: ClaimInfo, verb: Token) -> tuple[int, int] | None:
    """The person or organisation named first after the quote's closing mark, before the verb."""
    doc = index.doc
    i = verb.i - 1
    while i > 0 and doc[i - 1].idx >= info.end:
        i -= 1
    while i < verb.i and (doc[i].is_punct or doc[i].is_space):
        i += 1
    if i >= verb.i:
        return None
    ent = index.ent_at(i)
    if ent is not None:
        usable = ent.label_ in SPEAKER_LABELS and ent.start == i and ent.root.dep_ != "poss"
        return (ent.start_char, ent.end_char) if usable else None
    j = i
    while j < verb.i and doc[j].pos_ in ("PROPN", "NOUN") and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    return (doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)) if j > i else None


def _name_before(index: DocIndex, verb: Token) -> tuple[int, int] | None:
    """'... harbour police Chief Dana Roe said Monday': a person or organisation name ending right
    before the verb, when the parse gave the verb no usable subject."""
    if verb.i == 0:
        return None
    ent = index.ent_at(verb.i - 1)
    if ent is not None and ent.label_ in SPEAKER_LABELS:
        return ent.start_char, ent.end_char
    return None


def _inverted_subject(index: DocIndex, verb: Token) -> tuple[int, int] | None:
    """'Said Okafor: ...', '..., said the minister': the noun phrase right after the verb when the parse
    gave the verb no subject (not a date: "said Monday")."""
    doc = index.doc
    nxt = verb.i + 1
    if verb.i > 0 and not doc[verb.i - 1].is_punct and not verb.is_sent_start:
        return None  # inversion follows the quote or opens the sentence; otherwise this is the object
    if nxt >= len(doc) or doc[nxt].ent_type_ not in ("", "PERSON", "ORG", "NORP"):
        return None
    tok = doc[nxt]
    if tok.pos_ == "DET" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        return noun_phrase(index, tok.head)
    if tok.pos_ != "PROPN":
        return None
    while tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
        tok = doc[tok.i + 1]
    return noun_phrase(index, tok)


def subject_of(index: DocIndex, verb: Token) -> tuple[int, int] | None:
    """Char span of the subject of a speech verb, climbing to a governing verb or a relative clause."""
    tok: Token | None = verb
    for _ in range(MAX_SUBJECT_CLIMB):
        if tok is None:
            break
        # Two subjects happen when the parse takes a quote's own subject as the verb's: the speaker is
        # outside the marks, and nearest before the verb ('"My reaction ...," the former aide said').
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        pool = [c for c in subjects if not _inside_marks(index, c)] or subjects
        near = [c for c in pool if c.i < tok.i] if tok is verb else []
        subj = near[-1] if near else (pool[0] if pool else None)
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                subj = tok.head
            return noun_phrase(index, subj)
        if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "pobj") and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "the council issued a statement calling it ...": the issuer speaks
            continue
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "relcl") or tok.dep_ == "ROOT":
            if tok.dep_ == "relcl":
                return noun_phrase(index, tok.head)
            if tok.head is tok:
                break
            tok = tok.head if tok.dep_ != "pcomp" else tok.head.head
        else:
            break
    return None


def _inside_marks(index: DocIndex, tok: Token) -> bool:
    """Whether a token stands between quotation marks: an odd number of marks before it in its paragraph
    (not its sentence: a quote of several sentences opens before the sentence that holds its last words,
    and a sentence may start with the closing mark of the paragraph before)."""
    first = bisect.bisect_left(index.token_starts, paragraph_start(doc_text(tok.doc), tok.idx))
    marks = _marks_before(index)
    return (marks[tok.i] - marks[first]) % 2 == 1


def _marks_before(index: DocIndex) -> list[int]:
    """The quotation marks before each token of the Doc (and before its end), counted once per DocIndex."""
    found = index.memo.get("quote_marks")
    if found is None:
        doc = index.doc
        if not len(doc):
            return [0]
        mark = doc.to_array("IS_QUOTE").astype(bool) | among(doc.to_array("ORTH"), word_keys(_MARK_WORDS))
        found = index.memo["quote_marks"] = [0, *numpy.cumsum(mark).tolist()]
    return found


def noun_phrase(index: DocIndex, tok: Token) -> tuple[int, int]:
    """The entity span containing `tok`, else the token with its compound and determiner children."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    named = [e for e in index.ents_within(lo, hi) if e.label_ in SPEAKER_LABELS]
    # "Borealis CEO Ravi Kandasamy": the person named in the subject phrase speaks, not the company.
    # "the mayor's former strategist" is not the mayor: a possessor only qualifies the head, and
    # "the Castleford manager" is not Castleford either: a name that only modifies the head is skipped.
    persons = [
        e
        for e in named
        if e.label_ == "PERSON"
        and e.end - e.start <= MAX_NAME_TOKENS
        and (e.start <= tok.i < e.end or e.root.dep_ not in ("poss", "compound", "amod", "nmod"))
    ]
    # The head's own name first ("Pike, an aide to Lena Ward," is Pike), then a name in apposition to
    # the head however long the phrase ("the chief negotiator of X, Harlan Pike,"), also where the parse
    # hangs it on the body closing the phrase ("a spokesman for the X Defence Forces, Major Y,").
    own = [e for e in persons if e.start <= tok.i < e.end] or [
        e
        for e in persons
        if e.root.dep_ == "appos"
        and (
            e.root.head.i == tok.i or (e.root.head.ent_type_ == "ORG" and all(t.is_punct for t in doc[e.end : hi + 1]))
        )
    ]
    if own:
        return own[0].start_char, own[0].end_char
    if persons and (hi - lo) < MAX_NAMED_PHRASE:
        best = max(persons, key=lambda e: (len(e), e.start))
        return best.start_char, best.end_char
    ent = index.ent_at(tok.i)
    if ent is not None:
        return ent.start_char, ent.end_char
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "det", "amod", "poss", "nmod") and c.i < left:
            left = c.i if c.dep_ != "poss" else min(left, c.left_edge.i)
    return doc[left].idx, tok.idx + len(tok.text)


def according_object(index: DocIndex, tok: Token) -> tuple[int, int] | None:
    """The words after "according to" (the source of the claim)."""
    for child in tok.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return noun_phrase(index, obj)
    return None


def inherit_speakers(text: str, infos: list[ClaimInfo]) -> None:
    """A quote with no attribution of its own continues the previous quote's speaker (and the date it
    was said) when it follows it in the same paragraph, or opens the next paragraph."""
    for prev, cur in itertools.pairwise(infos):
        if cur.speaker is not None or prev.speaker is None:
            continue
        between = text[prev.end : cur.start]
        paragraphs_apart = len(_PARAGRAPH_BREAK_RE.findall(between))
        line_start = text.rfind("\n", 0, cur.start)
        opens_paragraph = line_start >= prev.end and text[line_start + 1 : cur.start].strip() in ('"', QUOTE_OPEN)
        if paragraphs_apart == 0 or (paragraphs_apart <= MAX_INHERIT_BREAKS and opens_paragraph):
            cur.speaker, cur.cue, cur.inherited, cur.reason = prev.speaker, prev.cue, True, None
            cur.date_text = prev.date_text
