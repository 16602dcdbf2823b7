"""Stories and quotes traced across articles: `duplicate_of` for syndicated copies and `quote_group` for
one quote in several articles, the same in every format, whatever ran the extraction, and after --resume.

Every article here is invented for these tests: a harbour story, its republished copies (another
headline, a share line, a wire credit) and a different story that repeats one of its quotes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimx.cli import app
from claimx.inputs.fingerprint import NUM_PERM, fingerprint, from_bytes, shingles
from claimx.output.trace import Tracer, summarise
from claimx.records import ArticleRecord, Claim
from tests.batch.test_cluster import cluster, dask_installed, needs_dask  # noqa: F401  (fixtures)

QUOTE = "The berth will reopen on Monday and the ferries will run on time"

STORY = (
    "The harbour authority of Port Elwin said on Tuesday that the northern berth would reopen next week "
    "after three months of repairs to its crane rails and fenders.\n\n"
    f'"{QUOTE}," Commodore Dana Whitfield told reporters at the quay.\n\n'
    "Engineers replaced forty metres of rail and two of the old timber fenders, which a storm in August had "
    "split. The work cost less than the council had set aside, the authority said, and the fishing fleet "
    "kept its own berth throughout.\n\n"
    "Local traders had asked for the work to finish before the winter timetable starts, when the island "
    "ferries add a morning crossing. A spokesman for the ferry company said its crews were ready.\n"
)
HEADLINE = "Port Elwin's northern berth to reopen after repairs\n\n"
COPIES = {
    "another headline and a share line": "Ferries back at Port Elwin's north berth next week\n\n"
    + STORY
    + "\nShare this story with your friends and follow us for more local news.\n",
    "a wire credit": "By a staff reporter, with wire services\n\n" + HEADLINE + STORY,
}
OTHER = (
    "Councillors in the town of Marrow Bay voted on Wednesday to build a new library beside the old "
    "market hall, ending a debate that had run for two years.\n\n"
    f'At the same meeting, a visiting official repeated what he had said in Port Elwin: "{QUOTE}."\n\n'
    "The library will hold a reading room, a children's floor and the town archive, which now sits in a "
    "basement that floods each spring. Building starts in April and should take eighteen months.\n"
)


def invented(folder: Path) -> list[Path]:
    """The story, an unrelated story, the story's two copies: in this order (names sort so)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [HEADLINE + STORY, OTHER, *COPIES.values()]
    paths = []
    for n, text in enumerate(texts, 1):
        path = folder / f"{n}.txt"
        path.write_text(f"date 2025-11-{10 + n} {text}", encoding="utf-8")
        paths.append(path)
    return paths


# --- the fingerprint --------------------------------------------------------------------------


def test_the_fingerprint_is_the_same_bytes_everywhere() -> None:
    """A database keeps fingerprints for later runs: their definition must never drift (a numpy upgrade,
    another machine). These bytes are those of the first version."""
    got = fingerprint("The harbour reopened on Monday after repairs to the crane rails.")
    assert got is not None and len(got) == NUM_PERM * 8
    assert hashlib.sha256(got).hexdigest()[:16] == "ebd2bed105bfd615"


def test_fingerprint_ignores_case_accents_and_punctuation_and_a_text_without_words_has_none() -> None:
    assert fingerprint("Café owners met, at noon.") == fingerprint("cafe OWNERS met at noon")
    assert fingerprint("  \n—…  ") is None


def test_fingerprints_estimate_the_jaccard_similarity_of_the_shingles() -> None:
    a, b = HEADLINE + STORY, COPIES["another headline and a share line"]
    exact = len(shingles(a) & shingles(b)) / len(shingles(a) | shingles(b))
    estimate = sum(from_bytes(fingerprint(a)) == from_bytes(fingerprint(b))) / NUM_PERM
    assert 0.75 < exact < 0.95 and abs(estimate - exact) < 0.1


def test_a_long_inputs_fingerprint_is_its_whole_texts(blank_nlp, tmp_path, monkeypatch) -> None:
    """Its pieces run apart (batch.pieces); the Outcome carries the fingerprint of the whole article."""
    import claimx.extraction as ex
    import claimx.nlp.pipeline
    from claimx.batch.runners import Batch
    from claimx.inputs.collect import read_article
    from claimx.inputs.fingerprint import article_fingerprint

    monkeypatch.setattr(ex, "PIECE_CHARS", 600)
    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    path = tmp_path / "long.txt"
    path.write_text((HEADLINE + STORY) * 3, encoding="utf-8")
    [outcome] = Batch([str(path)], workers=1)
    assert len(ex.split_points(read_article(str(path)).text)) > 3
    assert outcome.fingerprint == article_fingerprint(read_article(str(path)))


# --- the tracer on records --------------------------------------------------------------------


def _record(source: str, *quotes: tuple[str, str | None], published: str | None = None) -> ArticleRecord:
    claims = tuple(
        Claim(f"c{n}", "quote", text, 0, len(text), 0, len(text), speaker=speaker, speaker_id="e1" if speaker else None)
        for n, (text, speaker) in enumerate(quotes, 1)
    )
    return ArticleRecord(source, published, "0" * 64, 0, claims=claims)


def test_copies_name_the_first_article_of_their_story_and_other_stories_are_not_copies() -> None:
    tracer = Tracer()
    texts = {"a": HEADLINE + STORY, "other": OTHER, **COPIES}
    got = {s: tracer.trace(_record(s), fingerprint(t)).duplicate_of for s, t in texts.items()}
    assert got == {"a": None, "other": None, **dict.fromkeys(COPIES, "a")}


def test_a_copy_is_only_compared_with_originals() -> None:
    """duplicate_of names an article that is no copy itself, and one the article is close to."""
    body = [
        f"Line {i} of the invented story about the harbour, its cranes and the new ferry timetable." for i in range(30)
    ]
    a = " ".join(body)
    b = " ".join(body[:24] + ["A paragraph that only the second version of the story carries, in its own words."] * 6)
    c = " ".join(
        body[:18] + [f"Another new line {i}, written for the third version and for no other one." for i in range(12)]
    )
    tracer = Tracer()
    got = [tracer.trace(_record(s), fingerprint(t)).duplicate_of for s, t in (("a", a), ("b", b), ("c", c))]
    assert got[1] == "a" and got[2] in (None, "a")  # never "b": a copy is not an original


def test_quotes_group_by_speaker_and_near_identical_words() -> None:
    tracer = Tracer()
    first = tracer.trace(
        _record(
            "a", (QUOTE + ".", "Dana Whitfield"), ("We are ready.", None), ("A different sentence.", "Dana Whitfield")
        ),
        None,
    )
    second = tracer.trace(
        _record(
            "b",
            ("the berth will reopen on Monday, and ferries will run on time", "Commodore Dana Whitfield"),
            (QUOTE, "Tom Reyes"),  # the same words, another speaker
            ("We are ready!", None),  # no speaker and a few words: too little to say it is one quote
            ("We are ready.", "Tom Reyes"),
        ),
        None,
    )
    assert [c.quote_group for c in first.claims] == ["q1", "q2", "q3"]
    assert [c.quote_group for c in second.claims] == ["q1", "q4", "q5", "q6"]


def test_quotes_without_a_speaker_group_only_when_long_enough_to_be_one_quote() -> None:
    tracer = Tracer()
    long = "the harbour will stay closed until the last of the storm damage is cleared"
    first = tracer.trace(_record("a", (long + ".", None), ("No comment.", None)), None)
    second = tracer.trace(_record("b", (long.capitalize() + "!", None), ("No comment.", None)), None)
    assert [c.quote_group for c in first.claims] == ["q1", "q2"]
    assert [c.quote_group for c in second.claims] == ["q1", "q3"]


def test_a_quote_given_in_part_joins_the_whole_one_when_the_part_is_a_sentence() -> None:
    whole = f"{QUOTE}, and the island will have its morning crossing back before the winter storms."
    tracer = Tracer()
    got = [
        tracer.trace(_record(s, (text, "Dana Whitfield")), None).claims[0].quote_group
        for s, text in (("a", whole), ("b", QUOTE + "."), ("c", "the ferries will run on time"))
    ]
    assert got == ["q1", "q1", "q2"]  # a part of fewer than 8 words is not enough to say it is the same quote


def test_quote_groups_say_where_a_quote_first_appeared_and_how_its_wording_changed() -> None:
    tracer = Tracer(keep_members=True)
    tracer.trace(_record("later.txt", (QUOTE + ".", "Dana Whitfield"), published="2025-11-20"), None)
    tracer.trace(_record("earlier.txt", (QUOTE + "!", "Commodore Dana Whitfield"), published="2025-11-18"), None)
    tracer.trace(_record("undated.txt", (QUOTE + ".", "Dana Whitfield")), None)
    assert tracer.members is not None
    group = summarise("q1", tracer.members["q1"])
    assert (group.first_source, group.first_published, group.articles) == ("earlier.txt", "2025-11-18", 3)
    assert group.text == QUOTE + "!" and group.variants == [QUOTE + "!", QUOTE + "."]
    assert group.speaker == "Commodore Dana Whitfield"  # the fullest name it is given under


# --- the command line (the blank pipeline, in this process) -----------------------------------


@pytest.fixture
def blank_pipeline(monkeypatch, blank_nlp):
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_jsonl_marks_the_copies_and_groups_the_shared_quote(runner, tmp_path, blank_pipeline) -> None:
    paths = invented(tmp_path / "in")
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.stderr
    recs = _jsonl(result.stdout)
    assert [r.get("duplicate_of") for r in recs] == [None, None, str(paths[0]), str(paths[0])]
    groups = [[c.get("quote_group") for c in r["claims"] if c["type"] == "quote"] for r in recs]
    assert groups == [["q1"], ["q1"], ["q1"], ["q1"]]  # the blank pipeline names no speaker: all without one


def test_one_input_is_not_traced(runner, tmp_path, blank_pipeline) -> None:
    [path, *_] = invented(tmp_path / "in")
    rec = json.loads(runner.invoke(app, ["extract", str(path), "-f", "json"]).stdout)
    assert "duplicate_of" not in rec and all("quote_group" not in c for c in rec["claims"])
    assert any(c["type"] == "quote" and QUOTE in c["text"] for c in rec["claims"])


def test_every_format_carries_the_trace(runner, tmp_path, blank_pipeline) -> None:
    paths = invented(tmp_path / "in")
    args = ["extract", str(tmp_path / "in"), "-q"]
    table = runner.invoke(app, [*args, "-f", "table"]).stdout
    assert table.count(f"copy of {paths[0]}") == 2
    csv_articles = runner.invoke(app, [*args, "-f", "csv", "--table", "articles"]).stdout.splitlines()
    assert csv_articles[0].endswith(",duplicate_of") and csv_articles[3].endswith(f",{paths[0]}")
    csv_claims = runner.invoke(app, [*args, "-f", "csv"]).stdout.splitlines()
    assert csv_claims[0].endswith(",quote_group") and all(line.endswith(",q1") for line in csv_claims[1:])
    assert json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)[2]["duplicate_of"] == str(paths[0])


def test_sqlite_has_quote_groups_and_duplicate_of(runner, tmp_path, blank_pipeline) -> None:
    paths = invented(tmp_path / "in")
    db = tmp_path / "c.db"
    assert runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(db), "-q"]).exit_code == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT source, duplicate_of FROM articles ORDER BY id").fetchall() == [
        (str(p), str(paths[0]) if n > 1 else None) for n, p in enumerate(paths)
    ]
    [group] = con.execute("SELECT * FROM quote_groups").fetchall()
    gid, text, speaker, first_published, first_source, articles, variants = group
    assert (gid, speaker, first_published, first_source, articles) == ("q1", None, "2025-11-11", str(paths[0]), 4)
    assert text == QUOTE + "," and json.loads(variants) == [QUOTE + ",", QUOTE + "."]
    assert {r[0] for r in con.execute("SELECT quote_group FROM claims WHERE type = 'quote'")} == {"q1"}


def test_an_older_database_is_refused_with_what_to_do(tmp_path) -> None:
    from claimx.errors import OutputError
    from claimx.output.sqlite import SqliteStore

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    with pytest.raises(OutputError, match=r"older claimx \(database version 2.*write to a new -o file"):
        SqliteStore(db)


def test_a_rerun_keeps_the_first_article_first_in_sqlite(runner, tmp_path, blank_pipeline) -> None:
    """Re-running the original alone replaces its rows under the same id: it stays the story's first."""
    paths = invented(tmp_path / "in")
    db = tmp_path / "c.db"
    runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(db), "-q"])
    runner.invoke(app, ["extract", str(paths[0]), "-o", str(db), "-q"])
    con = sqlite3.connect(db)
    got = con.execute("SELECT source, duplicate_of FROM articles ORDER BY id").fetchall()
    assert got[0] == (str(paths[0]), None) and got[2][1] == str(paths[0])


@pytest.mark.parametrize("fmt", ["jsonl", "sqlite"])
def test_resume_goes_on_as_one_run(runner, tmp_path, blank_pipeline, fmt: str) -> None:
    """A run stopped after the first two articles, then --resume: the same output as one run."""
    paths = invented(tmp_path / "in")
    one, resumed = tmp_path / f"one.{fmt}", tmp_path / f"resumed.{fmt}"
    runner.invoke(app, ["extract", str(tmp_path / "in"), "-f", fmt, "-o", str(one), "-q"])
    runner.invoke(app, ["extract", *map(str, paths[:2]), "-f", fmt, "-o", str(resumed), "-q"])
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-f", fmt, "-o", str(resumed), "--resume", "-q"])
    assert result.exit_code == 0, result.stderr
    assert _dump(one, fmt) == _dump(resumed, fmt)
    assert str(paths[0]) in _dump(resumed, fmt)  # the copies were traced to the article done before


def _dump(path: Path, fmt: str) -> str:
    if fmt == "jsonl":
        return path.read_text(encoding="utf-8")
    con = sqlite3.connect(path)
    tables = {
        "articles": "source, duplicate_of",
        "claims": "article_id, id, quote_group",
        "quote_groups": "*",
    }
    return json.dumps(
        {t: con.execute(f"SELECT {cols} FROM {t} ORDER BY 1, 2").fetchall() for t, cols in tables.items()}
    )


def test_the_python_api_traces_outcomes(blank_pipeline, tmp_path) -> None:
    import claimx

    paths = [str(p) for p in invented(tmp_path / "in")]
    outcomes = list(claimx.trace(claimx.extract_many(paths)))
    assert [o.record.duplicate_of for o in outcomes] == [None, None, paths[0], paths[0]]


# --- whatever runs the extraction (worker processes, Dask: the real model) --------------------


def _claimx(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimx", "extract", *args], capture_output=True, text=True, timeout=300
    )


def _traced(jsonl: Path) -> list[tuple[str | None, list[str]]]:
    recs = _jsonl(jsonl.read_text(encoding="utf-8"))
    return [(r.get("duplicate_of"), [c["quote_group"] for c in r["claims"] if c["type"] == "quote"]) for r in recs]


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("trace")
    invented(folder / "in")
    out = folder / "w1.jsonl"
    result = _claimx(str(folder / "in"), "-o", str(out), "-w", "1", "-q")
    assert result.returncode == 0, result.stderr
    return folder, out


@pytest.mark.slow
@pytest.mark.model
def test_two_workers_trace_as_one(one_worker, tmp_path) -> None:
    folder, w1 = one_worker
    out = tmp_path / "w2.jsonl"
    assert _claimx(str(folder / "in"), "-o", str(out), "-w", "2", "-q").returncode == 0
    assert out.read_bytes() == w1.read_bytes()
    traced = _traced(out)
    first = str(folder / "in" / "1.txt")
    assert [d for d, _ in traced] == [None, None, first, first]
    # The real model names the speaker of the story's quote; the other story's official stays unnamed.
    assert traced[0][1][0] == traced[2][1][0] == traced[3][1][0] != traced[1][1][0]


@needs_dask
def test_a_dask_cluster_traces_as_one_worker(one_worker, cluster, tmp_path) -> None:  # noqa: F811
    folder, w1 = one_worker
    out = tmp_path / "dask.jsonl"
    result = _claimx(str(folder / "in"), "-o", str(out), "--scheduler", cluster[0].scheduler_address, "-q")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == w1.read_bytes()


def test_band_index_finds_the_candidates_and_similarities_datasketch_finds() -> None:
    """claimx's LSH index (BandIndex, jaccard) against datasketch's MinHashLSH and LeanMinHash with the
    same bands, over random signatures with planted near-copies (a few values changed) of earlier ones."""
    datasketch = pytest.importorskip("datasketch")
    import numpy as np

    from claimx.inputs.fingerprint import SEED
    from claimx.output.trace import LSH_BANDS, BandIndex, jaccard

    rng = np.random.default_rng(11)
    ours, theirs = BandIndex(*LSH_BANDS), datasketch.MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    kept: list[np.ndarray] = []
    copies_found = 0
    for key in range(400):
        if kept and key % 3 == 0:  # a near-copy of an earlier signature: 1 to 60 of its values changed
            sig = kept[rng.integers(len(kept))].copy()
            where = rng.choice(NUM_PERM, size=int(rng.integers(1, 60)), replace=False)
            sig[where] = rng.integers(0, 2**63, size=len(where), dtype=np.uint64)
        else:
            sig = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
        lean = datasketch.LeanMinHash(seed=SEED, hashvalues=sig, scheme="affine64")
        found = ours.query(sig)
        assert found == set(theirs.query(lean))
        for other in found:
            other_lean = datasketch.LeanMinHash(seed=SEED, hashvalues=kept[other], scheme="affine64")
            assert jaccard(sig, kept[other]) == lean.jaccard(other_lean)
        copies_found += bool(found)
        ours.insert(key, sig)
        theirs.insert(key, lean, check_duplication=False)
        kept.append(sig)
    assert copies_found > 50  # the planted copies were found, not only empty answers compared
