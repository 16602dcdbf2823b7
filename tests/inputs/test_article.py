"""Building an article (`inputs/article.py`): the date it is given, as a date or an ISO string."""

from __future__ import annotations

from datetime import date

import pytest

from claimx.inputs.article import make_article


@pytest.mark.parametrize("published", [date(2025, 11, 25), "2025-11-25", " 2025-11-25 "])
def test_make_article_takes_a_date_or_an_iso_string(blank_nlp, published) -> None:
    from claimx.extraction import extract

    article = make_article("Talks resumed on Monday.", "mine", published)
    assert (article.published, article.published_basis) == (date(2025, 11, 25), "option")
    assert next(extract([article], blank_nlp)).published == "2025-11-25"


def test_article_built_by_hand_takes_an_iso_string() -> None:
    from claimx.inputs.article import Article

    assert Article("mine", "Talks resumed.", "2025-11-25", published_basis="option").published == date(2025, 11, 25)


@pytest.mark.parametrize(
    "bad, error, words",
    [("25/11/2025", ValueError, "YYYY-MM-DD"), ("yesterday", ValueError, "YYYY-MM-DD"), (20251125, TypeError, "int")],
)
def test_make_article_refuses_other_dates_clearly(bad, error, words: str) -> None:
    with pytest.raises(error, match=words):
        make_article("Talks resumed.", "mine", bad)
