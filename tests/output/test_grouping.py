"""People and organisations across articles: which entities are one (pure functions, invented names)."""

from __future__ import annotations

import pytest

from claimx.output.grouping import Member, group_organisations, group_people, tokens


def _people(*names: str | tuple[str, str]) -> list[list[str]]:
    """Group one person per article; each group as its members' names."""
    members = []
    for n, item in enumerate(names, 1):
        name, rank = item if isinstance(item, tuple) else (item, None)
        members.append(Member(n, "e1", name, (), rank))
    return [[m.name for m in g.members] for g in group_people(members)]


@pytest.mark.parametrize(
    "name, rank, expected",
    [
        ("Asim Munir", None, ("asim", "munir")),
        ("Field Marshal Syed Asim Munir", "Field Marshal", ("syed", "asim", "munir")),
        ("Dr. Lena Ørsted-Brandt", None, ("lena", "ørsted", "brandt")),
        ("José Álvarez", None, ("jose", "alvarez")),
        ("Mr O’Neill", None, ("o'neill",)),
    ],
)
def test_tokens_are_normalised(name: str, rank, expected) -> None:
    assert tokens(name, rank) == expected


def test_shorter_name_joins_the_longer_one_with_same_surname_and_given_name() -> None:
    assert _people("Asim Munir", "Syed Asim Munir") == [["Asim Munir", "Syed Asim Munir"]]


def test_names_with_a_conflicting_token_stay_apart() -> None:
    assert _people("Asim Munir", "Asim Ali") == [["Asim Munir"], ["Asim Ali"]]


def test_same_name_after_normalisation_is_one_person() -> None:
    assert _people("JOSÉ ÁLVAREZ", "José Alvarez", ("General José Álvarez", "General")) == [
        ["JOSÉ ÁLVAREZ", "José Alvarez", "General José Álvarez"]
    ]


def test_surname_alone_is_not_enough() -> None:
    assert _people("Munir", "Asim Munir", "Munir") == [["Munir"], ["Asim Munir"], ["Munir"]]


def test_other_surname_does_not_join() -> None:
    assert _people("Asim Munir", "Asim Munir Khan") == [["Asim Munir"], ["Asim Munir Khan"]]


def test_short_name_shared_by_two_different_people_joins_neither() -> None:
    groups = _people("Syed Asim Munir", "Asim Munir", "Tariq Asim Munir")
    assert groups == [["Syed Asim Munir"], ["Asim Munir"], ["Tariq Asim Munir"]]


def test_group_carries_fullest_name_unique_aliases_ranks_and_article_count() -> None:
    members = [
        Member(1, "e1", "Syed Asim Munir", ("Field Marshal Syed Asim Munir", "Munir"), "Field Marshal"),
        Member(2, "e3", "Asim Munir", ("Field Marshal Syed Asim Munir",), "General"),
        Member(2, "e7", "Syed Asim Munir", ("Field Marshal Syed Asim Munir",), "Field Marshal"),
    ]
    (g,) = group_people(members)
    assert g.name == "Syed Asim Munir"
    assert g.aliases == ["Asim Munir", "Field Marshal Syed Asim Munir", "Munir"]
    assert g.ranks == ["Field Marshal", "General"]
    assert g.articles == 2


def test_acronym_alone_joins_the_full_name_an_article_linked_it_to() -> None:
    members = [
        Member(1, "e2", "Coastal Survey Agency", ("CSA",)),
        Member(2, "e1", "CSA"),
        Member(3, "e4", "Coastal Survey Agency"),
        Member(3, "e5", "Harbour Board"),
    ]
    groups = [[(m.article_id, m.name) for m in g.members] for g in group_organisations(members)]
    assert groups == [[(1, "Coastal Survey Agency"), (2, "CSA"), (3, "Coastal Survey Agency")], [(3, "Harbour Board")]]


def test_acronym_of_two_full_names_joins_neither() -> None:
    members = [
        Member(1, "e1", "Coastal Survey Agency", ("CSA",)),
        Member(2, "e1", "Civil Service Academy", ("CSA",)),
        Member(3, "e1", "CSA"),
    ]
    assert len(group_organisations(members)) == 3
