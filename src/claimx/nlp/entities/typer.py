"""`claimx_entities`: rewrites `doc.ents` with evidence the small model lacks.

It starts from the model's names (PERSON, ORG, NORP, GPE/LOC/FAC, DATE; trimmed, past the metadata
prefix) and runs the passes of `PASSES` over them in order. Each pass is a function
`(spans, ctx) -> spans` (`context.py`) that belongs to one rule family; the component's `disabled`
config switches families off, and a family switched off skips every pass of it. What is left becomes
`doc.ents` (overlaps resolved longest first), and the acronyms defined in brackets after them are
written to `claimx_acronyms`. Open this module to change the order of the passes or to add one.
Which passes made or changed each name is kept in the Doc's `claimx_evidence` (`evidence.py`).

| pass | family | module |
| --- | --- | --- |
| date_mentions | date_spans | date_spans |
| nationality_acronyms | group_names | organisations |
| candidate_filters | candidate_filters | candidates |
| glued_openers | glued_openers | candidates |
| event_words | event_words | candidates |
| model_names_in_titles | title_overlaps | person_evidence |
| person_evidence | person_evidence | person_evidence |
| place_evidence | place_evidence | places |
| name_shape_types | name_shapes | shapes |
| venue_places | venues | venues |
| rule_matches | rule_entities | rule_spans |
| rule_matches_in_people | title_overlaps | person_evidence |
| rule_span_filters | rule_span_filters | rule_spans |
| merge_rule_matches | rule_entities | rule_spans |
| possessive_orgs | possessive_orgs | organisations |
| not_names | not_names | candidates |
| org_head_names | org_head_names | organisations |
| place_prepositions | place_prepositions | places |
| gazetteer_retype | gazetteer_retype | places |
| bare_force_words | bare_force_words | organisations |
| place_lists | place_lists | places |
| titled_people | titled_people | person_evidence |
| whole_names | name_shapes | shapes |
| name_parts | name_parts | shapes |
| company_names | company_names | organisations |
| org_name_parts | org_name_parts | organisations |
| org_persons | org_persons | organisations |
| coordinated_orgs | coordinated_orgs | organisations |
| org_coordination | org_coordination | coordination |
| place_name_parts | place_name_parts | places |
| not_places | not_places | places |
| place_mentions | place_mentions | places |
| gazetteer_places | gazetteer_places | places |
| named_groups | group_names | organisations |
| acting_places | acting_places | places |
| dateline_places | dateline_places | places |
| sport_teams | sport | sport |
| competitions | competitions | sport |
| products | products | products |
| transliterations | transliterations | layout |
| heading_names | headings | layout |
| credit_lines | credit_lines | credits |
| acronyms | acronyms | layout |

Three families have two passes each, because their rules must run at two points of the order:
`group_names` (acronyms the model called a nationality before the filters, capitalised group words
once every other name is known), `name_shapes` (a name's type by its shape before the rule matches
join, whole hyphenated words once the titled people have) and `title_overlaps` (the model's names,
then the rule matches, give way to titled people). `rule_entities` adds the rule matches before
`rule_span_filters` and merges them after it; until merged they carry the labels RULE_ORG and
RULE_PLACE.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from claimx.knowledge.rule_files import Words
from claimx.nlp.component import WordsComponent
from claimx.nlp.entities import (
    candidates,
    coordination,
    credits,
    date_spans,
    layout,
    organisations,
    person_evidence,
    places,
    products,
    rule_spans,
    shapes,
    sport,
    venues,
)
from claimx.nlp.entities.context import PassContext, PassFunction
from claimx.nlp.entities.evidence import (
    DOCUMENT_VOTE,
    GAZETTEER,
    GAZETTEER_FAMILIES,
    MODEL,
    RULE_FILE,
    SPEAKER_NAME,
    StepLog,
)


@dataclass(frozen=True)
class Pass:
    """One pass of `claimx_entities`: its name, its rule family, its function and what it decides."""

    name: str
    family: str
    run: PassFunction
    decides: str


# The passes in the order `EntityTyper` runs them.
PASSES: tuple[Pass, ...] = (
    Pass(
        "date_mentions",
        "date_spans",
        date_spans.date_mentions,
        "date mentions made whole ('Friday evening', 'Friday Oct. 17', holidays by name), lists of years"
        " split; recurring days ('each Sunday'), dashed ranges and numbers in names ('Flight 3021') give no date",
    ),
    Pass(
        "nationality_acronyms",
        "group_names",
        organisations.nationality_acronyms,
        "acronyms the model called a nationality ('XYZL fighters') are organisations",
    ),
    Pass(
        "candidate_filters",
        "candidate_filters",
        candidates.candidate_filters,
        "nationalities, vessels ('HMS X'), things ('UAV'), a person ending in a common noun and a place in"
        " lower case are no entities",
    ),
    Pass(
        "glued_openers",
        "glued_openers",
        candidates.glued_openers,
        "a name starts after a dateline's colon ('KORVAT: Army'), after lower-case words ('magician X Y') and"
        " after a role noun opening the sentence ('Astronauts X Y', 'Opener Z')",
    ),
    Pass(
        "event_words",
        "event_words",
        candidates.event_words,
        "drop 'X Summit', 'Y Agreement', 'Operation Z' (events, not organisations)",
    ),
    Pass(
        "model_names_in_titles",
        "title_overlaps",
        person_evidence.model_names_in_titles,
        "a model name inside a titled person or mostly inside a title ('Naval Staff' in 'Chief of Naval"
        " Staff') is dropped",
    ),
    Pass(
        "person_evidence",
        "person_evidence",
        person_evidence.person_evidence,
        "people by evidence: no digits, no holidays, 'the town of X', 'the X tribe', full names",
    ),
    Pass(
        "place_evidence",
        "place_evidence",
        places.place_evidence,
        "'the town of X', 'X river', 'in X' make an organisation-typed name a place",
    ),
    Pass(
        "name_shape_types",
        "name_shapes",
        shapes.name_shape_types,
        "'747 Jumbo', 'X House', 'Y Nation' are no person or org",
    ),
    Pass(
        "venue_places",
        "venues",
        venues.venue_places,
        "a museum, stadium, embassy, palace, camp or terminal the model typed an organisation or a person is a"
        " place, unless the text makes it act ('the museum said'); 'the President House' is a building",
    ),
    Pass(
        "rule_matches",
        "rule_entities",
        rule_spans.rule_matches,
        "organisations and places of the rule files (models/*.jsonl)",
    ),
    Pass(
        "rule_matches_in_people",
        "title_overlaps",
        person_evidence.rule_matches_in_people,
        "a rule match inside a titled person is dropped",
    ),
    Pass(
        "rule_span_filters",
        "rule_span_filters",
        rule_spans.rule_span_filters,
        "a rule match before a role noun ('Navy Chief'), with a verb in it, before a structure word"
        " ('X Army | Airfield') or made of a nationality and a cue word ('a Canadian province') is no name",
    ),
    Pass(
        "merge_rule_matches",
        "rule_entities",
        rule_spans.merge_rule_matches,
        "they win over the model's names they overlap; 'X Airfield West' is one place",
    ),
    Pass(
        "possessive_orgs",
        "possessive_orgs",
        organisations.possessive_orgs,
        "an owner glued to an organisation is cut off ('Z's Unity Party'), an organisation owner keeps"
        " its name ('the X Ministry's Y')",
    ),
    Pass(
        "not_names",
        "not_names",
        candidates.not_names,
        "a route between places ('Lagos-Accra') and a nationality name no entity",
    ),
    Pass(
        "org_head_names",
        "org_head_names",
        organisations.org_head_names,
        "a person-typed name ending in an organisation word ('Korvat Brigades') is an organisation",
    ),
    Pass(
        "place_prepositions",
        "place_prepositions",
        places.place_prepositions,
        "a person-typed name right after 'near', 'in' ('near Palmyra') is a place",
    ),
    Pass(
        "gazetteer_retype",
        "gazetteer_retype",
        places.gazetteer_retype,
        "retype ORG/PERSON to place when the gazetteer knows the name",
    ),
    Pass(
        "bare_force_words",
        "bare_force_words",
        organisations.bare_force_words,
        "a bare 'Army' or 'Navy' and a one-word organisation before a role noun ('Navy Chief') name no organisation",
    ),
    Pass(
        "place_lists",
        "place_lists",
        places.place_lists,
        "split 'Lyon, Marseille' into places",
    ),
    Pass(
        "titled_people",
        "titled_people",
        person_evidence.titled_people,
        "the people claimx_people found after titles are persons and win over the names they overlap",
    ),
    Pass(
        "whole_names",
        "name_shapes",
        shapes.whole_names,
        "names span hyphens ('Asia-Pacific')",
    ),
    Pass(
        "name_parts",
        "name_parts",
        shapes.name_parts,
        "a personal name runs over a surname particle ('Marco | de Santis') and a quoted nickname",
    ),
    Pass(
        "company_names",
        "company_names",
        organisations.company_names,
        "a name ending in a legal form ('X AG', 'Y & Co') or after 'the firm', 'the insurer' is a company",
    ),
    Pass(
        "org_name_parts",
        "org_name_parts",
        organisations.org_name_parts,
        "bodies glued into one are split; 'X Department | of the Y' is one; '- Operation Z' ends one",
    ),
    Pass(
        "org_persons",
        "org_persons",
        organisations.org_persons,
        "an organisation-typed name described as one person ('X Y, the adviser to') or speaking of"
        " itself as 'he' ('X Y said he would') is a person in all its mentions; so is a one-word name the parse"
        " shows doing or owning what only a person does ('X told reporters he ...', 'X's wife')",
    ),
    Pass(
        "coordinated_orgs",
        "coordinated_orgs",
        organisations.coordinated_orgs,
        "'Union of A and B' is one organisation",
    ),
    Pass(
        "org_coordination",
        "org_coordination",
        coordination.org_coordination,
        "two companies glued by 'and' are two; 'the A and B Council' and 'Bureau of A and B' are one body",
    ),
    Pass(
        "place_name_parts",
        "place_name_parts",
        places.place_name_parts,
        "'Wadi al | Qarn', 'Bay of | X' are one place; a sentence-opening verb is no part of one",
    ),
    Pass(
        "not_places",
        "not_places",
        places.not_places,
        "a lone 'University', 'X Branch', 'Guardsmen', 'the X dialect' are no places",
    ),
    Pass(
        "place_mentions",
        "place_mentions",
        places.place_mentions,
        "a name the article uses as a place ('the X River', 'Lake Y') is a place in its other mentions",
    ),
    Pass(
        "gazetteer_places",
        "gazetteer_places",
        places.gazetteer_places,
        "add places the model missed after a preposition",
    ),
    Pass(
        "named_groups",
        "group_names",
        organisations.named_groups,
        "capitalised 'the Coalition' is an organisation",
    ),
    Pass(
        "acting_places",
        "acting_places",
        places.acting_places,
        "a place that acts as a group (claims attacks, has fighters) is an organisation",
    ),
    Pass(
        "dateline_places",
        "dateline_places",
        places.dateline_places,
        "a known place opening a dateline at the top of the story ('BERLIN 1996-10-05') is a place",
    ),
    Pass(
        "sport_teams",
        "sport",
        sport.sport_teams,
        "in a story about sport, clubs named after their towns are organisations (results lines, 'beat',"
        " 'drew with', 'lost to'); a score or a second team glued onto a name ends it ('X 37-10', 'A 2 B 2')",
    ),
    Pass(
        "competitions",
        "competitions",
        sport.competitions,
        "in a story about sport, a league, a cup or a results headline is no organisation (FORMAT.md lists no events)",
    ),
    Pass(
        "products",
        "products",
        products.products,
        "a model's name after its number ('737 Max') or before a vehicle noun is no person in any mention; a call"
        " sign ('callsign Falcon 21') is no entity",
    ),
    Pass(
        "transliterations",
        "transliterations",
        layout.transliterations,
        "drop the original-script name in '(Arabic: ...)' brackets",
    ),
    Pass(
        "heading_names",
        "headings",
        layout.heading_names,
        "drop names in headline and caption lines that the body never uses",
    ),
    Pass(
        "credit_lines",
        "credit_lines",
        credits.credit_lines,
        "outlets in credit and source lines ('Source: X, as reported by Y', 'Photo: A Name/Agency', 'X / Y - 19th Nov')"
        " are organisations cut at the separators; the line holds no date",
    ),
    Pass(
        "acronyms",
        "acronyms",
        layout.acronyms,
        "an acronym defined in brackets after a name ('X Y Z (XYZ)') is an entity of the name's type",
    ),
)

# Rule families of `claimx_entities` (name -> what its passes decide), in the order they first run; each
# is switched off by the component's `disabled` config (`bench/ablate.py` measures what each contributes).
RULE_FAMILIES: dict[str, str] = {
    family: "; ".join(p.decides for p in PASSES if p.family == family)
    for family in dict.fromkeys(p.family for p in PASSES)
}


# Where each evidence step runs, for listing an entity's steps in order: the model first, then each rule
# family (a rule-file match and the gazetteer where their first pass runs), then the linker's steps.
_FIRST_PASS: dict[str, int] = {}
for _n, _p in enumerate(PASSES, 1):
    _FIRST_PASS.setdefault(GAZETTEER if _p.family in GAZETTEER_FAMILIES else _p.family, _n)
_FIRST_PASS[RULE_FILE] = _FIRST_PASS["rule_entities"]
_FIRST_PASS |= {MODEL: 0, SPEAKER_NAME: len(PASSES) + 1, DOCUMENT_VOTE: len(PASSES) + 2}


def evidence_rank(step: str) -> int:
    """Where an evidence step runs among all of them (a step of no known pass last)."""
    return _FIRST_PASS.get(step.split(":", 1)[0], len(PASSES) + 3)


class EntityTyper(WordsComponent):
    """Rewrites doc.ents by running the passes of PASSES whose family is not disabled."""

    WORD_LISTS = (
        "club_words",
        "call_sign_cues",
        "collective_nouns",
        "company_heads",
        "company_nouns",
        "company_suffixes",
        "credit_labels",
        "picture_credit_labels",
        "competition_heads",
        "competition_stages",
        "defeat_verbs",
        "event_competition_heads",
        "event_heads",
        "facility_heads",
        "group_nouns",
        "holiday_names",
        "institution_heads",
        "legislature_heads",
        "name_opening_nouns",
        "named_group_words",
        "one_person_roles",
        "org_heads",
        "owner_of_words",
        "place_after_nouns",
        "place_cues",
        "place_of_heads",
        "result_nouns",
        "result_verbs",
        "rite_names",
        "settlement_nouns",
        "service_body_words",
        "sport_words",
        "thing_acronyms",
        "vehicle_nouns",
        "venue_heads",
        "venue_openers",
        "vessel_prefixes",
    )

    def __init__(self, words: Words | None = None, disabled: Iterable[str] = (), vocab: Vocab | None = None) -> None:
        super().__init__(words, vocab)
        self.disabled = frozenset(disabled)

    def on(self, family: str) -> bool:
        """Whether a rule family is switched on."""
        return family not in self.disabled

    def passes(self) -> list[Pass]:
        """The passes this component runs, in order."""
        return [p for p in PASSES if self.on(p.family)]

    def __call__(self, doc: Doc) -> Doc:
        ctx = PassContext.of(doc, self.words)
        spans = candidates.model_names(doc)
        log = StepLog(spans, evidence_rank)
        for step in self.passes():
            spans = step.run(spans, ctx)
            log.after(step.family, spans)
        doc.ents = filter_spans(spans)
        log.store(doc)
        layout.record_acronyms(doc)
        return doc
