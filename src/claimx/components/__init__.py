"""claimx's spaCy components, in pipeline order; importing this package registers their factories.

| factory | module | what it adds to the Doc |
| --- | --- | --- |
| `claimx_rules` | `ruler.py` | rank, title, role, organisation and place rule matches (`doc.spans["claimx_rules"]`) |
| `claimx_people` | `people.py` | person names after titles, with rank and roles (`doc.spans["claimx_people"]`) |
| `claimx_entities` | `entities.py` | `doc.ents` corrected and completed; acronyms |
| `claimx_quotes` | `quotes.py` | quotations and posts with the words naming their speaker |
| `claimx_statements` | `statements.py` | attributed statements and reported events |
| `claimx_linking` | `linking.py` | entities (mentions merged, dates valued) and claims resolved to them |

Each is declared under `[project.entry-points.spacy_factories]`, so a saved claimx pipeline loads
with plain `spacy.load()`.
"""

from . import entities, linking, people, quotes, ruler, statements

# Pipeline order: each component reads what the ones before it wrote.
PIPES: tuple[str, ...] = ("claimx_people", "claimx_entities", "claimx_quotes", "claimx_statements", "claimx_linking")

__all__ = ["PIPES", "entities", "linking", "people", "quotes", "ruler", "statements"]
