"""The linker's lookups over an article's mentions (`nlp/linking/linker.py`): which entities a claim names
inside it, and whether an offset lies in a quote; each against the plain scan it replaces."""

from __future__ import annotations

import itertools
import random

from claimx.nlp.linking.linker import _Named, _within_any


def test_entities_inside_a_claim_are_those_a_scan_finds_in_table_order() -> None:
    table = [
        {"id": "e1", "type": "person"},
        {"id": "e2", "type": "date"},
        {"id": "e3", "type": "organization"},
        {"id": "e4", "type": "place"},
    ]
    ranges = {"e1": [(40, 48), (5, 10)], "e2": [(12, 20)], "e3": [(0, 4), (30, 41)], "e4": [(10, 12), (60, 70)]}
    named = _Named.of(table, ranges)

    def scan(start: int, end: int) -> tuple[str, ...]:
        return tuple(
            eid
            for eid, rs in ranges.items()
            if next(e for e in table if e["id"] == eid)["type"] != "date"
            and any(start <= s and e <= end for s, e in rs)
        )

    for start, end in itertools.combinations(range(-1, 72), 2):
        assert named.inside(start, end) == scan(start, end), (start, end)
    assert named.inside(0, 50) == ("e1", "e3", "e4")  # table order, whatever the order of the mentions
    assert named.inside(12, 20) == ()  # a date is never one of them


def test_an_offset_within_any_quote_as_a_scan_finds_it_over_overlapping_ranges() -> None:
    rng = random.Random(7)
    for _ in range(200):
        ranges = [(a, a + rng.randint(0, 15)) for a in (rng.randint(0, 80) for _ in range(rng.randint(0, 6)))]
        holds = _within_any(ranges)
        for offset in range(-2, 100):
            assert holds(offset) == any(s <= offset < e for s, e in ranges), (ranges, offset)
