"""Doc -> record: the one adapter from an annotated spaCy Doc to claimx's plain record.

Every decision has been made by the components (see `claimx.components`); this module only reads
their annotations: the entity table and mention spans of `claimx_linking`, and the claim spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimx.inputs.sources import record_header
from claimx.nlp.doc import CLAIM_GROUPS, MENTIONS, bounds
from claimx.records import ArticleRecord, Claim, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimx.inputs.sources import Article


def to_record(doc: Doc, article: Article) -> ArticleRecord:
    """The article's record, read from a Doc that claimx's pipeline annotated: one of the article's prose
    (`make_doc`, which leaves out a metadata prefix) or of its whole text. Offsets are of the whole text."""
    text = doc.text
    offset = article.body_start if len(text) == len(article.text) - article.body_start else 0
    mentions: dict[str, list[Mention]] = {}
    for span in doc.spans.get(MENTIONS, []):
        start, end = bounds(span)
        mentions.setdefault(span.id_, []).append(Mention(text[start:end], start + offset, end + offset))
    entities = tuple(
        Entity(
            id=e["id"],
            type=e["type"],
            name=e["name"],
            aliases=tuple(e["aliases"]),
            mentions=tuple(sorted(mentions.get(e["id"], []), key=lambda m: m.start)),
            rank=e.get("rank"),
            roles=tuple(e.get("roles", ())),
            country=e.get("country"),
            value=e.get("value"),
            precision=e.get("precision"),
            basis=e.get("basis"),
        )
        for e in doc._.claimx_entities
    )
    found = sorted(
        ((bounds(span), kind, span) for key, kind in CLAIM_GROUPS.items() for span in doc.spans.get(key, [])),
        key=lambda item: (item[0][0], item[1]),
    )
    claims = []
    for n, ((start, end), kind, span) in enumerate(found, 1):
        sentence = span._.claimx_sentence or (start, end)
        claims.append(
            Claim(
                id=f"c{n}",
                type=kind,
                text=text[start:end],
                start=start + offset,
                end=end + offset,
                sentence_start=int(sentence[0]) + offset,
                sentence_end=int(sentence[1]) + offset,
                speaker=span._.claimx_speaker,
                speaker_id=span._.claimx_speaker_id,
                cue=span._.claimx_cue,
                entities=tuple(span._.claimx_entity_ids),
                date=span._.claimx_date,
                place=span._.claimx_place,
                handle=span._.claimx_handle,
                predicate=span._.claimx_predicate,
                actors=tuple(span._.claimx_actor_ids),
                reason=span._.claimx_reason,
                affiliation=span._.claimx_affiliation,
                negated=bool(span._.claimx_negated),
                hedged=bool(span._.claimx_hedged),
            )
        )
    return ArticleRecord(**record_header(article), entities=entities, claims=tuple(claims))
