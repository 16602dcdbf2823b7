"""Every spaCy factory claimx registers, in pipeline order; importing this module registers them.

| factory | component | what it adds to the Doc |
| --- | --- | --- |
| `claimx_rules` | `nlp/ruler.py` | rank, title, role, organisation and place rule matches |
| `claimx_people` | `nlp/entities/people.py` | person names after titles, with rank and roles |
| `claimx_entities` | `nlp/entities/typer.py` | `doc.ents` corrected and completed; acronyms |
| `claimx_quotes` | `nlp/claims/quotes.py` | quotations and posts with the words naming their speaker |
| `claimx_statements` | `nlp/claims/statements.py` | attributed statements and reported events |
| `claimx_linking` | `nlp/linking/linker.py` | entities (mentions merged, dates valued) and claims resolved to them |
| `claimx_attribute_ruler` | `nlp/attribute_rules.py` | the model's attribute ruler (POS, MORPH, lemmas), faster |
| `claimx_lemmatizer` | `nlp/lemmas.py` | the model's English rule lemmatizer, once per word form |

Each is declared under `[project.entry-points.spacy_factories]`, so a saved claimx pipeline loads
with plain `spacy.load()`. The rule ruler and the components that read word lists get them in
`initialize()` (see `claimx.nlp.component`); `claimx_people` splits tokens (a word glued to a citation
mark), and says so (`retokenizes=True`).
"""

from __future__ import annotations

from spacy.language import Language

from claimx.nlp.attribute_rules import ColumnAttributeRuler
from claimx.nlp.claims.quotes import MIN_QUOTE_WORDS, QuoteFinder
from claimx.nlp.claims.statements import StatementFinder
from claimx.nlp.doc import RULES
from claimx.nlp.entities.people import PeopleFinder
from claimx.nlp.entities.typer import RULE_FAMILIES, EntityTyper
from claimx.nlp.lemmas import FormLemmatizer
from claimx.nlp.linking.linker import Linker
from claimx.nlp.ruler import RuleRuler

# Pipeline order after the rule ruler: each component reads what the ones before it wrote.
PIPES: tuple[str, ...] = ("claimx_people", "claimx_entities", "claimx_quotes", "claimx_statements", "claimx_linking")


@Language.factory(
    "claimx_rules",
    assigns=["doc.spans"],
    requires=["doc.ents"],
    default_config={"validate": True},
)
def make_rules(nlp: Language, name: str, validate: bool) -> RuleRuler:
    """Factory for claimx's rule ruler (its `initialize()` reads claimx's rule files)."""
    return RuleRuler(nlp, name, spans_key=RULES, validate=validate, overwrite=True)


@Language.factory(
    "claimx_people",
    assigns=["doc.spans", "span._.claimx_rank", "span._.claimx_roles"],
    requires=["doc.ents", "token.dep"],
    retokenizes=True,
    default_config={},
)
def make_people(nlp: Language, name: str) -> PeopleFinder:
    """Factory for the titled-people finder."""
    return PeopleFinder(vocab=nlp.vocab)


@Language.factory(
    "claimx_entities",
    assigns=["doc.ents", "doc.spans"],
    requires=["doc.ents", "token.pos", "token.dep"],
    default_config={"disabled": []},
)
def make_entities(nlp: Language, name: str, disabled: list[str]) -> EntityTyper:
    """Factory for the entity typing component; `disabled` names rule families (RULE_FAMILIES) to skip."""
    unknown = sorted(set(disabled) - set(RULE_FAMILIES))
    if unknown:
        raise ValueError(f"claimx_entities: unknown rule families {unknown}; known: {sorted(RULE_FAMILIES)}")
    return EntityTyper(disabled=disabled, vocab=nlp.vocab)


@Language.factory(
    "claimx_quotes",
    assigns=["doc.spans"],
    requires=["doc.sents", "token.dep"],
    default_config={"min_words": MIN_QUOTE_WORDS},
)
def make_quotes(nlp: Language, name: str, min_words: int) -> QuoteFinder:
    """Factory for the quotation and post finder."""
    return QuoteFinder(min_words)


@Language.factory(
    "claimx_statements",
    assigns=["doc.spans"],
    requires=["doc.sents", "token.dep", "doc.spans"],
    default_config={},
)
def make_statements(nlp: Language, name: str) -> StatementFinder:
    """Factory for the statement and event finder."""
    return StatementFinder()


@Language.factory(
    "claimx_linking",
    assigns=["doc.spans", "doc._.claimx_entities", "span._.claimx_speaker_id"],
    requires=["doc.ents", "token.dep"],
    default_config={},
)
def make_linking(nlp: Language, name: str) -> Linker:
    """Factory for the linking component."""
    return Linker(vocab=nlp.vocab)


@Language.factory(
    "claimx_attribute_ruler",
    assigns=["token.pos", "token.morph", "token.lemma"],
    default_config={"validate": False},
)
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> ColumnAttributeRuler:
    """Factory for the model's attribute ruler as claimx runs it (`load_pipeline` puts it in the place of
    spaCy's, with the same patterns)."""
    return ColumnAttributeRuler(nlp.vocab, name, validate=validate)


@Language.factory(
    "claimx_lemmatizer",
    assigns=["token.lemma"],
    default_config={"mode": "rule", "overwrite": False},
)
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> FormLemmatizer:
    """Factory for the model's lemmatizer as claimx runs it (`load_pipeline` puts it in the place of
    spaCy's, with the same tables)."""
    return FormLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)
