"""The record dataclasses (`records.py`): a record crosses processes (a worker to the writing process,
a Dask worker to the client) by pickle, as a call of each dataclass's constructor."""

from __future__ import annotations

import copy
import pickle

import pytest

from claimx.records import ArticleRecord, Claim, Entity, Mention


def _record() -> ArticleRecord:
    person = Entity(
        id="e1",
        type="person",
        name="Dana Whitfield",
        aliases=("Dana Whitfield", "Whitfield"),
        mentions=(Mention("Dana Whitfield", 10, 24), Mention("Whitfield", 80, 89)),
        rank="Commodore",
        roles=("harbour master",),
        evidence=("model", "titled_people"),
    )
    day = Entity(id="e2", type="date", name="Tuesday", aliases=("Tuesday",), mentions=(Mention("Tuesday", 30, 37),))
    quote = Claim("c1", "quote", "The berth will reopen", 40, 61, 38, 70, speaker="Dana Whitfield")
    return ArticleRecord("a.txt", "2025-11-25", "0" * 64, 120, entities=(person, day), claims=(quote,), title="Berth")


@pytest.mark.parametrize("protocol", [2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_a_record_comes_back_from_pickle_equal_with_every_field(protocol: int) -> None:
    record = _record()
    back = pickle.loads(pickle.dumps(record, protocol=protocol))
    assert back == record and back.to_dict() == record.to_dict()
    assert type(back.entities[0].mentions[1]) is Mention and back.claims[0].speaker == "Dana Whitfield"
    assert copy.deepcopy(record) == record


def test_each_record_class_is_pickled_as_a_call_of_its_constructor() -> None:
    record = _record()
    for obj in (record, record.entities[0], record.entities[0].mentions[0], record.claims[0]):
        made_by, args = obj.__reduce__()
        assert made_by is type(obj) and made_by(*args) == obj
