"""The tables every table format shares (`output/tables.py`): article keys, a column for every record
field, the claims table's flags."""

from __future__ import annotations


def test_article_key_resolves_files_and_jsonl_lines_only(tmp_path, monkeypatch) -> None:
    from claimx.output.tables import article_key

    (tmp_path / "a.jsonl").write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    real = str((tmp_path / "a.jsonl").resolve())
    assert article_key("./a.jsonl") == real
    assert article_key("a.jsonl:3") == f"{real}:3"
    assert [article_key(s) for s in ("-", "https://x.org/a", "story-17")] == ["-", "https://x.org/a", "story-17"]


def test_every_record_field_is_in_some_table() -> None:
    import dataclasses

    from claimx.output.tables import TABLES
    from claimx.records import ArticleRecord, Claim, Entity, Mention

    # Record fields held by a table's rows rather than a column of the same name.
    by_rows = {"entities": "entities", "mentions": "mentions", "claims": "claims"}
    renamed = {(Claim, "reason"): "speaker_reason", (Claim, "affiliation"): "speaker_affiliation"}
    for cls, table in ((ArticleRecord, "articles"), (Entity, "entities"), (Mention, "mentions"), (Claim, "claims")):
        for f in dataclasses.fields(cls):
            if cls is ArticleRecord and f.name in by_rows:
                assert by_rows[f.name] in TABLES
                continue
            if cls is Entity and f.name == "mentions":
                continue  # the mentions table
            column = renamed.get((cls, f.name), f.name)
            assert column in TABLES[table], f"{cls.__name__}.{f.name} is in no table"


def test_claims_table_carries_affiliation_and_statement_flags() -> None:
    from claimx.output.tables import rows
    from claimx.records import ArticleRecord, Claim

    anonymous = Claim(
        "c1", "quote", "x", 0, 1, 0, 1, reason="unnamed official of Port Authority", affiliation="Port Authority"
    )
    named = Claim("c2", "quote", "y", 2, 3, 2, 3, speaker="Lena Ortiz", speaker_id="e1", affiliation="Port Authority")
    denial = Claim("c3", "statement", "z", 4, 5, 4, 5, negated=True)
    record = ArticleRecord(source="a.txt", published=None, sha256="0" * 64, length=5, claims=(anonymous, named, denial))
    got = {r["id"]: r for r in rows(record, "claims", 1)}
    assert got["c1"]["speaker_affiliation"] == "Port Authority" and got["c1"]["speaker"] is None
    assert got["c2"]["speaker_affiliation"] is None  # a named speaker needs no affiliation, as in JSON
    assert (got["c3"]["negated"], got["c3"]["hedged"]) == (1, 0)
    assert got["c1"]["negated"] is None  # quotes are neither negated nor hedged
