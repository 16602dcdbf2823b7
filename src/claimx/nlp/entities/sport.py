"""Sport, for `claimx_entities` (the `sport` family): in a story about sport (results lines, scores, a
sport's words), a club or team named after its town is an organisation, in results tables and in the
match report alike, although the gazetteer knows the town; a score or a second team glued onto a name
ends it ("X 37-10", "A 2 B 2"). A country stays a place (a national team is written as its country),
and a town the report only places things in ("in Paris", the dateline) stays a place. Open this module
to change what makes a team."""

from __future__ import annotations

import re
import weakref

from spacy.tokens import Doc, Span, Token

from claimx.knowledge import gazetteer
from claimx.knowledge.datelines import is_filed_line, top_lines
from claimx.knowledge.lexicon import RELATIVE_PRONOUNS, TEAM_PREPOSITIONS
from claimx.knowledge.rule_files import Words
from claimx.nlp.doc import doc_text
from claimx.nlp.entities.context import PassContext
from claimx.nlp.tokens import DATE, GPE, ORG, PERSON, PLACE_LABELS, on_a_dateline, opens_line, tokens_with

# A score: two numbers joined by a dash ("3-1", "37-10", "1 – 0"), not part of a date ("1996-08-22").
SCORE_RE = re.compile(r"(?<![\d.,/:-])\d{1,3} ?[-–] ?\d{1,3}(?![\d.,/:-])")
# A team's name in a results line: capitalised words, with "&", "and" or a particle between two of them.
_WORD = r"[A-Z][A-Za-zÀ-ÿ.'&-]*"
_NAME = rf"({_WORD}(?:[ \t]+(?:(?:&|and|de|del|di|la|le|van|von|of)[ \t]+)?{_WORD}){{0,4}})"
_NUM = r"\d{1,3}"
# Lines of a results table: two teams and their scores ("A 2 B 1", "A 2 (scorers) B 1", "A 2-1 B"), a
# fixture ("A v B"), and
# a row of a standings table (a team and three figures or more: played, won, ...).
_MATCH_LINES = (
    re.compile(rf"{_NAME}[ \t]+{_NUM}(?:[ \t]+\([^()\n]*\))?[ \t]+{_NAME}[ \t]+{_NUM}(?:[ \t]|$)"),
    re.compile(rf"{_NAME}[ \t]+{_NUM}[ \t]*[-–][ \t]*{_NUM}[ \t]+{_NAME}(?:[ \t]|$)"),
    re.compile(rf"{_NAME}[ \t]+(?:v|vs\.?)[ \t]+{_NAME}[ \t]*$"),
)
_TABLE_LINE = re.compile(rf"{_NAME}(?:[ \t]+(?:{_NUM}|\d*\.\d+)){{3,}}(?:[ \t]|$)")
MATCH, TABLE = "match", "table"
# A story is about sport with this many lines of two teams and their scores, whatever its words.
MIN_MATCH_LINES = 2
# Or with a sport's words and this many rows of a standings table.
MIN_TABLE_LINES = 2
# Gazetteer kinds a team is not named after: a national team is written as its country.
_NATIONAL_KINDS = frozenset({"country", "continent"})


def sport_teams(spans: list[Span], ctx: PassContext) -> list[Span]:
    """In a story about sport: names cut before a score glued onto them, the teams of its results lines
    added or retyped, and every mention of a team an organisation (see `results_lines`, `_team_names`)."""
    doc, words = ctx.doc, ctx.words
    lines = doc_results_lines(doc)
    if not _about_sport(doc, lines, words):
        return spans
    spans = [s for s in (_before_a_score(span) for span in spans) if s is not None]
    spans = _with_club_prefixes(spans, words)
    table = _table_names(doc, lines, spans)
    covered = {i for t in table for i in range(t.start, t.end)}
    kept = [s for s in spans if s.label_ == DATE or covered.isdisjoint(range(s.start, s.end))]
    added = table + _untagged_sides(doc, kept + table, words)
    kept += added
    teams = {t.text.lower() for t in added if t.label_ == ORG}
    # The model's organisations that are towns, but not in the headline or on the dateline, where it
    # types the capitals of a town at random.
    body = _body_start(doc_text(doc))
    clubs = {
        t.text.lower()
        for t in kept
        if t.label_ == ORG and _club_like(t, words) and t.start_char >= body and not on_a_dateline(t.root)
    }
    teams |= clubs | _team_names(kept, words)
    return [_dateline_place(_as_team(s, teams, ctx.titled_names), teams) for s in kept]


def _body_start(text: str) -> int:
    """Where the story's body starts: after its first line (the headline) and a dateline under it."""
    lines = top_lines(text)
    if len(lines) < 2:
        return 0
    end = text.find("\n", lines[1])
    second = text[lines[1] : end if end != -1 else len(text)]
    return lines[2] if is_filed_line(second) and len(lines) > 2 else lines[1]


def _dateline_place(span: Span, teams: set[str]) -> Span:
    """A town the model calls an organisation on the dateline names where the story was filed: a place
    (unless the story shows it playing)."""
    if span.label_ != ORG or span.text.lower() in teams or not on_a_dateline(span.root):
        return span
    place = gazetteer.lookup_place(span.text)
    return span if place is None else Span(span.doc, span.start, span.end, label=GPE)


def competitions(spans: list[Span], ctx: PassContext) -> list[Span]:
    """A competition is no entity (FORMAT.md lists no events): in a story about sport a name ending in a
    competition word ("the X League", "Y Cup") or the headline of a results table ("SOCCER - X LEAGUE
    RESULTS"); in any story a cup or a championship and a league before its final ("the X League final").
    Outside sport a league may be a body ("the X League said") and stays."""
    doc, words = ctx.doc, ctx.words
    sport = _about_sport(doc, doc_results_lines(doc), words)
    return [s for s in spans if s.label_ in (PERSON, DATE) or not _an_event(s, words, sport)]


def _an_event(span: Span, words: Words, sport: bool) -> bool:
    return _a_competition(span, words, sport) or _a_sport_headline(span, words)


def _a_sport_headline(span: Span, words: Words) -> bool:
    """A name opening a line with a sport's name and a dash ("GOLF - LEADING SCORES"): a headline."""
    return (
        len(span) > 2
        and span[0].lower_ in words["sport_words"]
        and span[1].text in ("-", "–", "—")
        and opens_line(span[0])
    )


def _a_competition(span: Span, words: Words, sport: bool) -> bool:
    """A name of a competition: in a story about sport any name ending in a competition word; in any
    story a cup or a championship, or a name with a competition's stage after it ("the X League final")."""
    last = span[-1].lower_
    if last in words["event_competition_heads"] or (sport and last in words["competition_heads"]):
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and last in words["competition_heads"] and nxt.lower_ in words["competition_stages"]


ResultsLines = list[tuple[str, list[tuple[int, int]]]]
# The results lines of each Doc, found once: the sport and competitions passes both ask.
_RESULTS: weakref.WeakKeyDictionary[Doc, ResultsLines] = weakref.WeakKeyDictionary()


def doc_results_lines(doc: Doc) -> ResultsLines:
    """`results_lines` of the Doc's text, scanned once per Doc."""
    lines = _RESULTS.get(doc)
    if lines is None:
        lines = _RESULTS[doc] = results_lines(doc_text(doc))
    return lines


def results_lines(text: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """The lines of `text` that read as a results table, each as its kind (MATCH: two teams and their
    scores or a fixture; TABLE: a row of standings) and the character ranges of its team names."""
    found: list[tuple[str, list[tuple[int, int]]]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
        body = line.strip()
        for kind, patterns in ((MATCH, _MATCH_LINES), (TABLE, (_TABLE_LINE,))):
            m = next((m for p in patterns for m in [p.match(body)] if m), None)
            if m is not None:
                groups = range(1, (m.lastindex or 0) + 1)
                found.append((kind, [(start + m.start(g), start + m.end(g)) for g in groups]))
                break
    return found


def _about_sport(doc: Doc, lines: list[tuple[str, list[tuple[int, int]]]], words: Words) -> bool:
    """Results lines, or a sport's words with a score or a standings table."""
    matches = sum(1 for kind, _ in lines if kind == MATCH)
    if matches >= MIN_MATCH_LINES:
        return True
    if not tokens_with(doc, "LOWER", words["sport_words"]):
        return False
    tables = len(lines) - matches
    return matches > 0 or tables >= MIN_TABLE_LINES or SCORE_RE.search(doc_text(doc)) is not None


def _before_a_score(span: Span) -> Span | None:
    """A name without the score glued onto it ("Oban Rovers 37-10", "Sweden 1 – 0") or the second team
    after it ("Dundee 2 Oban Rovers"); None when nothing is left."""
    if span.label_ == DATE:
        return span
    doc = span.doc
    for tok in span[1:]:
        if tok.is_digit and _a_score_at(doc, tok):
            return Span(doc, span.start, tok.i, label=span.label_)
    return span if not span[0].is_digit else None


def _a_score_at(doc: Doc, tok: Token) -> bool:
    """A number that is one side of a score ("37-10") or a team's score before the next team ("2 Oban")."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is None or nxt.text in ("-", "–") or (nxt.is_title and nxt.is_alpha)


def _table_names(doc: Doc, lines: list[tuple[str, list[tuple[int, int]]]], spans: list[Span]) -> list[Span]:
    """The team names of the results lines: a country as a place, a club as an organisation; a person of
    two words or more with no place in the name keeps the line (a golfer's row of scores)."""
    people = {(s.start, s.end) for s in spans if s.label_ == PERSON and len(s) > 1}
    found: list[Span] = []
    for _, ranges in lines:
        for start, end in ranges:
            name = doc.char_span(start, end)
            if name is None:
                continue
            if (name.start, name.end) in people and not any(gazetteer.lookup_place(t.text) for t in name):
                continue
            label = GPE if _national(name.text) else ORG
            found.append(Span(doc, name.start, name.end, label=label))
    return found


def _with_club_prefixes(spans: list[Span], words: Words) -> list[Span]:
    """A club named after its town with a word before it that the model left out ("Real | Madrid", "Inter
    | Milan"): a capitalised proper noun compounded onto the name, on its line, is part of it."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for span in spans:
        doc, k = span.doc, span.start - 1
        if (
            span.label_ in (ORG, *PLACE_LABELS)
            and k >= 0
            and k not in taken
            and doc[k].pos_ == "PROPN"
            and doc[k].dep_ == "compound"
            and doc[k].head.i in range(span.start, span.end)
            and doc[k].is_title
            and doc[k].lower_ not in words["sport_words"]
            and not _national(span.text)
        ):
            span = Span(doc, k, span.end, label=span.label_)
        out.append(span)
    return out


def _untagged_sides(doc: Doc, spans: list[Span], words: Words) -> list[Span]:
    """Sides the model left untagged in a result ("Exeter beat Dundee 3-1"): a capitalised proper noun
    (with the proper nouns compounded before it) that plays (`_plays`) and that the gazetteer knows or
    that ends in a club word ("Oban Rovers"); a country as a place, any other as an organisation."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []
    for tok in doc:
        if tok.i in taken or tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper():
            continue  # a town opening a sentence may be tagged a common noun
        if not _plays(tok, words):
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        name = doc[start : tok.i + 1]
        if taken.intersection(range(name.start, name.end)):
            continue
        if _national(name.text):
            found.append(Span(doc, name.start, name.end, label=GPE))
        elif gazetteer.lookup_place(name.text) is not None or tok.lower_ in words["club_words"]:
            found.append(Span(doc, name.start, name.end, label=ORG))
        taken.update(range(name.start, name.end))
    return found


def _club_like(span: Span, words: Words) -> bool:
    """An organisation that names a team: known as a town, or ending in a club word."""
    return span[-1].lower_ in words["club_words"] or (
        gazetteer.lookup_place(span.text) is not None and not _national(span.text)
    )


def _national(text: str) -> bool:
    place = gazetteer.lookup_place(text)
    return place is not None and place.kind in _NATIONAL_KINDS


def _team_names(spans: list[Span], words: Words) -> set[str]:
    """The names (lower case) of the places the story shows playing: the subject or object of "beat",
    "drew", "lost", "held" (with a score in the sentence where the verb needs one), or after "with",
    "to", "by", "over", "against", "at" such a verb or a result noun ("a 2-1 win over X"). Countries and
    continents stay places."""
    return {
        s.text.lower()
        for s in spans
        if s.label_ in PLACE_LABELS and s.label_ != "FAC" and not _national(s.text) and _plays(s.root, words)
    }


def _plays(root: Token, words: Words) -> bool:
    if on_a_dateline(root):
        return False
    head, dep = root.head, root.dep_
    if dep == "appos" and "\n" in doc_text(root.doc)[head.idx : root.idx]:
        head, dep = head.head, head.dep_  # the parser took the dateline above for the subject
    if dep in ("nsubj", "nsubjpass") and _result_verb(head, words):
        return True
    if dep in ("dobj", "npadvmod") and head.i < root.i and _result_verb(head, words, beaten=True):
        return True  # the small model parses "beat Y 3-1" with Y as a modifier of the verb
    if root.dep_ == "pobj" and head.lower_ in TEAM_PREPOSITIONS:
        governor = head.head
        return _result_verb(governor, words) or (
            governor.lower_ in words["result_nouns"] and SCORE_RE.search(governor.sent.text) is not None
        )
    return any(
        child.dep_ == "relcl"
        and _result_verb(child, words)
        and any(t.dep_ == "nsubj" and t.lower_ in RELATIVE_PRONOUNS for t in child.children)
        for child in root.children
    )  # "Lyon, who drew 1-1 with X"


def _result_verb(verb: Token, words: Words, beaten: bool = False) -> bool:
    """A verb of beating, or of drawing, losing or winning with a score in its sentence (with `beaten`,
    of the side after it: "lost 3-1 to X" is parsed as if X were lost)."""
    lemma = verb.lemma_.lower()
    if lemma in words["defeat_verbs"]:
        return True
    return (
        lemma in words["result_verbs"]
        and SCORE_RE.search(verb.sent.text) is not None
        and (not beaten or lemma == "lose")
    )


def _as_team(span: Span, teams: set[str], titled: frozenset[str]) -> Span:
    """A mention of a team as an organisation (a titled person's name stays a person)."""
    if span.text.lower() not in teams or span.label_ in (ORG, DATE) or span.text in titled:
        return span
    if span.label_ not in PLACE_LABELS and span.label_ != PERSON:
        return span
    return Span(span.doc, span.start, span.end, label=ORG)
