"""The gazetteer index is kept in a JSON cache file between runs; the cached index equals the built one."""

from __future__ import annotations

import json

from claimx import geo


def test_cache_round_trip_equals_fresh_build(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMX_CACHE", str(tmp_path))
    geo._indexes.cache_clear()
    try:
        built = geo._indexes()
        (path,) = tmp_path.glob("gazetteer-*.json")
        assert json.loads(path.read_text(encoding="utf-8"))["general"]  # plain JSON data, no pickle
        geo._indexes.cache_clear()
        assert geo._indexes() == built  # now read from the file
        assert geo.lookup_place("Karachi").country == "PK"
    finally:
        geo._indexes.cache_clear()


def test_corrupt_or_disabled_cache_still_works(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMX_CACHE", str(tmp_path))
    path = geo._cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    geo._indexes.cache_clear()
    try:
        assert geo.lookup_place("Dhaka").country == "BD"  # rebuilt, and the bad file replaced
        assert json.loads(path.read_text(encoding="utf-8"))["acronyms"] is not None
        monkeypatch.setenv("CLAIMX_CACHE", "")
        assert geo._cache_file() is None
    finally:
        geo._indexes.cache_clear()
