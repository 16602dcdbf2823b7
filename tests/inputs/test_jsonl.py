"""JSONL archives (`inputs/jsonl.py`): each line an article with its own metadata, bad lines named by
number."""

from __future__ import annotations

from datetime import date

from claimx.errors import InputError

JSONL = "\n".join(
    [
        '{"id": "s1", "text": "LONDON: talks began yesterday.", "published": "2025-11-20", "url": "https://x.org/1"}',
        '{"text": "Talks ended.", "published": "2025-11-21T09:00:00Z", "title": "Talks end"}',
        "{not json",
        '{"title": "no text"}',
        '{"id": 7, "text": "Dhaka, Nov 25, 2025 (ANI): The port reopened."}',
        '{"id": "s9", "text": "x", "published": "last week"}',
        "[1, 2]",
        "",
        '{"id": "s10", "html": "<html><body><article><p>The minister spoke at length in the capital.</p></article></body></html>"}',
    ]
)


def test_jsonl_records_carry_their_own_metadata() -> None:
    from claimx.inputs.jsonl import read_jsonl

    got = list(read_jsonl(JSONL, "batch.jsonl"))
    good = [g for g in got if not isinstance(g, InputError)]
    assert [(a.source, str(a.published), a.published_basis) for a in good] == [
        ("s1", "2025-11-20", "record"),
        ("batch.jsonl:2", "2025-11-21", "record"),
        ("7", "2025-11-25", "dateline"),
        ("s10", "None", None),
    ]
    assert good[0].url == "https://x.org/1" and good[1].title == "Talks end"
    assert good[3].keep_text and good[3].text == "The minister spoke at length in the capital."


def test_jsonl_bad_lines_are_named_by_line_number() -> None:
    from claimx.inputs.jsonl import read_jsonl

    errors = [str(g) for g in read_jsonl(JSONL, "batch.jsonl") if isinstance(g, InputError)]
    assert [e.split(": ", 1)[0] for e in errors] == ["batch.jsonl:3", "batch.jsonl:4", "batch.jsonl:6", "batch.jsonl:7"]
    assert "not JSON" in errors[0] and "no 'text' or 'html'" in errors[1] and "YYYY-MM-DD" in errors[2]
    assert all("\n" not in e for e in errors)


def test_option_date_wins_over_jsonl_date() -> None:
    from claimx.inputs.jsonl import read_jsonl

    (article,) = read_jsonl('{"text": "x", "published": "2025-11-20"}', "b.jsonl", date(2024, 1, 2))
    assert not isinstance(article, InputError)
    assert (str(article.published), article.published_basis) == ("2024-01-02", "option")
