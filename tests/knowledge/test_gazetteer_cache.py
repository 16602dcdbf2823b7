"""The gazetteer index is kept in an SQLite cache file between runs; the cached index equals the built one."""

from __future__ import annotations

import sqlite3

import pytest

from claimx.knowledge import gazetteer as geo


@pytest.mark.slow
def test_cache_round_trip_equals_fresh_build(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMX_CACHE", str(tmp_path))
    geo._indexes.cache_clear()
    try:
        general, acronyms = geo._indexes()  # built (dicts) and written
        (path,) = tmp_path.glob("gazetteer-*.sqlite")
        tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables == {"general", "acronyms"}  # plain data, no pickle
        geo._indexes.cache_clear()
        cached_general, cached_acronyms = geo._indexes()  # now read from the file
        assert isinstance(cached_general, geo._TableIndex)
        assert dict(cached_general.items()) == general and dict(cached_acronyms.items()) == acronyms
        assert geo.lookup_place("Karachi").country == "PK"
        assert geo.lookup_place("Nowhereville") is None
    finally:
        geo._indexes.cache_clear()


@pytest.mark.slow
def test_corrupt_or_disabled_cache_still_works(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMX_CACHE", str(tmp_path))
    path = geo._cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not a database\n" * 200, encoding="utf-8")
    geo._indexes.cache_clear()
    try:
        assert geo.lookup_place("Dhaka").country == "BD"  # rebuilt, and the bad file replaced
        assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM general").fetchone()[0] > 10_000
        geo._indexes.cache_clear()
        monkeypatch.setenv("CLAIMX_CACHE", "")
        assert geo._cache_file() is None
        assert geo.lookup_place("Dhaka").country == "BD"  # built in memory, nothing written
    finally:
        geo._indexes.cache_clear()


def test_names_looked_up_are_kept_until_the_index_is_rebuilt_and_stay_few(monkeypatch) -> None:
    first = geo.lookup_place("Karachi")
    assert first is not None and first.country == "PK"
    assert geo._LOOKED_UP["Karachi"] == first and geo.lookup_place("Karachi") == first
    assert geo.lookup_place("Nowhereville") is None and "Nowhereville" in geo._LOOKED_UP
    geo._indexes.cache_clear()
    try:
        assert geo.lookup_place("Dhaka").country == "BD"
        assert "Karachi" not in geo._LOOKED_UP  # the rebuilt index answers afresh
        monkeypatch.setattr(geo, "_LOOKED_UP_MAX", 3)
        for name in ("Lahore", "Quetta", "Multan", "Sukkur", "Peshawar"):
            assert geo.lookup_place(name) is not None
            assert len(geo._LOOKED_UP) <= 3
    finally:
        geo._indexes.cache_clear()
