"""Batch mode: order with several workers, failures mid-batch, --resume after a kill, Ctrl-C.

The worker tests start real processes that load the installed model (marked `model`); the others
run in-process on the blank pipeline.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimx.batch.chunks import MAX_CHUNK, chunk_size_for, chunks, run_chunk
from claimx.batch.runners import Batch
from claimx.errors import OutputError
from claimx.inputs.article import Article, make_article
from claimx.inputs.collect import read_article
from claimx.output.sinks import resume_jsonl

ARTICLE = (
    "date 2025-11-25 ISLAMABAD: Lieutenant General Omar Vance met Admiral Ruth Okafor in {place} on "
    'Sunday. "We agreed on article {n}," Vance said. The Navy said talks would continue.\n'
)
PLACES = ["Karachi", "Dhaka", "Colombo", "Lahore", "Chittagong", "Quetta", "Multan", "Sylhet"]


def long_text(paragraphs: int, marked: tuple[int, ...] = ()) -> str:
    """An invented long article, its paragraphs numbered so that no two are alike; the `marked` ones
    say BOOM."""
    return "date 2025-11-25 " + "".join(
        f"Admiral Ruth Okafor inspected the dockyard in {PLACES[i % len(PLACES)]} on Monday. "
        f'"Convoy {i} sails at dawn{" BOOM" if i in marked else ""}," Okafor told reporters.\n\n'
        for i in range(paragraphs)
    )


def make_folder(root: Path, n: int) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = root / f"art{i:02d}.txt"
        # Different lengths, so that workers finish out of order.
        p.write_text(ARTICLE.format(place=PLACES[i % len(PLACES)], n=i) * (1 + (7 * i) % 5), encoding="utf-8")
        paths.append(str(p))
    return paths


def claimx(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimx", *args], capture_output=True, text=True, timeout=timeout, **kw
    )


def sources(jsonl: str) -> list[str]:
    return [json.loads(line)["source"] for line in jsonl.splitlines()]


# --- in-process ----------------------------------------------------------------------------------


def test_chunk_sizes_are_bounded() -> None:
    assert chunk_size_for(10_000, 1) == MAX_CHUNK
    assert chunk_size_for(10_000, 2) == MAX_CHUNK
    assert chunk_size_for(20, 2) == MAX_CHUNK  # same batches, so the same memory, as for 10,000
    assert chunk_size_for(6, 2) == 3
    assert chunk_size_for(3, 8) == 1


def test_chunks_for_several_workers_get_smaller_towards_the_end() -> None:
    items = [f"a{i}.txt" for i in range(200)]
    one = [len(c) for c in chunks(items, MAX_CHUNK)]
    assert one == [MAX_CHUNK] * 25  # one process: the same batches to the last
    two = list(chunks(items, MAX_CHUNK, workers=2))
    assert [x for c in two for x in c] == items  # every input once, in order
    sizes = [len(c) for c in two]
    assert sizes[:20] == [MAX_CHUNK] * 20 and sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 1 and max(sizes[-4:]) <= 2  # the workers end within an article of each other


def fail_on_boom(monkeypatch, blank_nlp) -> None:
    """Run on the blank pipeline, with a bug in the extractor for the articles (or pieces) saying BOOM."""
    import claimx.extraction
    import claimx.nlp.pipeline

    real = claimx.extraction.to_record

    def buggy(doc, article):
        if "BOOM" in article.text:
            raise ValueError("simulated bug")
        return real(doc, article)

    monkeypatch.setattr(claimx.extraction, "to_record", buggy)
    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)


def test_failing_article_in_the_middle_does_not_stop_the_batch(blank_nlp, tmp_path, monkeypatch) -> None:
    paths = make_folder(tmp_path, 5)
    Path(paths[1]).write_bytes(b"%PDF-1.7 binary")
    Path(paths[3]).write_text("This text makes the extractor fail: BOOM.", encoding="utf-8")
    fail_on_boom(monkeypatch, blank_nlp)
    outcomes = list(Batch(paths, workers=1))
    assert [o.source for o in outcomes] == paths
    assert [o.record is not None for o in outcomes] == [True, False, True, False, True]
    assert "PDF" in outcomes[1].error and outcomes[1].error.startswith(paths[1])
    assert "internal error" in outcomes[3].error and "ValueError: simulated bug" in outcomes[3].error


def test_a_failing_piece_fails_only_its_input_with_one_line(blank_nlp, tmp_path, monkeypatch) -> None:
    import claimx.extraction as ex

    monkeypatch.setattr(ex, "PIECE_CHARS", 1_500)
    paths = make_folder(tmp_path, 3)
    text = long_text(40, marked=(12, 30))  # two pieces fail: still one line, for the first
    Path(paths[1]).write_text(text, encoding="utf-8")
    fail_on_boom(monkeypatch, blank_nlp)
    outcomes = list(Batch(paths, workers=1))
    assert [o.source for o in outcomes] == paths
    assert [o.record is not None for o in outcomes] == [True, False, True]
    text = read_article(paths[1]).text
    start, end = next((a, b) for a, b in itertools.pairwise(ex.split_points(text)) if "BOOM" in text[a:b])
    assert outcomes[1].error == (
        f"{paths[1]}, characters {start}-{end}: internal error while extracting (ValueError: simulated bug); "
        "please report it with this file"
    )


def test_map_in_pieces_keeps_input_order_around_pieces_and_failed_reads(blank_nlp, tmp_path, monkeypatch) -> None:
    import claimx.extraction as ex
    from claimx.batch.pieces import map_in_pieces
    from claimx.output.writers import dumps

    monkeypatch.setattr(ex, "PIECE_CHARS", 1_500)
    a, long1, b, long2 = make_folder(tmp_path / "in", 4)
    for path, n in ((long1, 20), (long2, 30)):
        Path(path).write_text(long_text(n), encoding="utf-8")
    gone = str(tmp_path / "gone.txt")
    sent: list[list] = []

    def run_tasks(tasks):
        for task in tasks:
            sent.append(task)
            yield run_chunk(task, blank_nlp, None)

    chunks = [[gone], [a, long1, gone, b], [long2]]  # read here as the Dask client reads them
    results = list(map_in_pieces(chunks, run_tasks, None, read_here=lambda item: True))
    assert [[o.source for o in chunk] for chunk in results] == chunks
    assert [o.record is None for chunk in results for o in chunk] == [True, False, False, True, False, False]
    pieces = [len(ex.split_points(read_article(p).text)) - 1 for p in (long1, long2)]
    assert [len(task) for task in sent] == [1] + [1] * pieces[0] + [1] + [1] * pieces[1]  # a, pieces, b, pieces
    for got, path in ((results[1][1], long1), (results[2][0], long2)):
        assert dumps(got.record) == dumps(next(ex.extract([read_article(path)], blank_nlp)))


def test_run_chunk_reports_unreadable_files(blank_nlp, tmp_path) -> None:
    outcomes = run_chunk([str(tmp_path / "gone.txt")], blank_nlp, None)
    assert outcomes[0].record is None and "no such file" in outcomes[0].error


def test_first_chunks_keep_their_words_and_later_ones_run_in_a_memory_zone(blank_nlp, monkeypatch) -> None:
    import claimx.batch.chunks

    def chunk(word: str) -> list[Article]:
        return [make_article(f"Admiral Ruth Okafor inspected the {word} dockyard on Monday.", word)]

    # One more lexeme fills the vocabulary: the first chunk runs outside a zone, the next inside one.
    monkeypatch.setattr(claimx.batch.chunks, "WARM_LEXEMES", len(blank_nlp.vocab) + 1)
    (kept,) = run_chunk(chunk("Zorblatt"), blank_nlp, None)
    assert "Zorblatt" in blank_nlp.vocab.strings  # the tokenizer may cache it from now on
    (zoned,) = run_chunk(chunk("Quuxifrax"), blank_nlp, None)
    assert "Quuxifrax" not in blank_nlp.vocab.strings  # freed with the chunk's memory zone
    for outcome, word in ((kept, "Zorblatt"), (zoned, "Quuxifrax")):
        assert outcome.source == word and outcome.record is not None
        assert [e.name for e in outcome.record.entities if e.type == "person"] == ["Ruth Okafor"]


def test_a_process_that_runs_chunks_keeps_the_memory_it_frees(blank_nlp, monkeypatch) -> None:
    import claimx.batch.local
    import claimx.nlp.pipeline
    from claimx.batch.seam import PipelineSpec

    calls: list[tuple[int, int]] = []

    class Libc:
        def mallopt(self, param: int, value: int) -> int:
            calls.append((param, value))
            return 1

    monkeypatch.setattr(claimx.batch.local.ctypes, "CDLL", lambda name: Libc())
    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    runner = claimx.batch.local.InProcessRunner(PipelineSpec())
    (outcomes,) = runner.map_ordered([[make_article("Admiral Ruth Okafor sailed on Monday.", "one")]])
    assert [o.source for o in outcomes] == ["one"] and outcomes[0].record is not None
    # Arrays up to glibc's largest mmap threshold come from the heap, which keeps 256 MiB that is freed.
    assert calls == [(-3, 32 * 1024 * 1024), (-1, 256 * 1024 * 1024)]


def test_resume_jsonl_cuts_an_incomplete_last_line(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    good = [json.dumps({"source": f"a{i}.txt", "entities": []}) + "\n" for i in range(2)]
    out.write_text("".join(good) + '{"source": "a2.txt", "enti', encoding="utf-8")
    assert resume_jsonl(out) == {"a0.txt", "a1.txt"}
    assert out.read_text(encoding="utf-8") == "".join(good)
    # Complete JSON without its newline is also a cut-off write: redone, not trusted.
    out.write_text("".join(good) + json.dumps({"source": "a2.txt"}), encoding="utf-8")
    assert resume_jsonl(out) == {"a0.txt", "a1.txt"}
    assert resume_jsonl(tmp_path / "missing.jsonl") == set()


def test_resume_refuses_a_file_that_is_not_claimx_output(tmp_path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text("just some notes\nmore notes\n", encoding="utf-8")
    with pytest.raises(OutputError, match="notes.jsonl:1: not a claimx JSONL record"):
        resume_jsonl(out)
    assert out.read_text(encoding="utf-8") == "just some notes\nmore notes\n"


# --- worker processes (real model) ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_two_workers_keep_input_order_and_match_one_worker(tmp_path, method) -> None:
    make_folder(tmp_path / "in", 12)
    one = claimx("extract", str(tmp_path / "in"), "-f", "jsonl", "-w", "1", "-q")
    env = {**os.environ, "CLAIMX_START_METHOD": method}
    two = claimx("extract", str(tmp_path / "in"), "-f", "jsonl", "-w", "2", "-q", env=env)
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert sources(two.stdout) == sorted(str(p) for p in (tmp_path / "in").glob("*.txt"))
    assert two.stdout == one.stdout  # byte-identical whatever the number of workers


# Text this process has written but not yet flushed when its workers start (stdout is a pipe, so a
# block-buffered file): a forked worker that held a copy of it would write it again at its exit.
UNFLUSHED = """
import sys
from claimx.batch.local import ProcessPoolRunner, start_method
from claimx.batch.runners import Batch
from claimx.batch.seam import PipelineSpec
sys.stdout.write("before the workers|")
sys.stderr.write("")
runner = ProcessPoolRunner(PipelineSpec(), workers=2)
outcomes = list(Batch(sys.argv[1:], runner=runner))
sys.stdout.write(f"{start_method()}|{sum(o.record is not None for o in outcomes)} records|")
"""


@pytest.mark.slow
@pytest.mark.model
def test_forked_workers_do_not_write_the_parents_unwritten_text_again(tmp_path) -> None:
    paths = make_folder(tmp_path / "in", 4)
    res = subprocess.run([sys.executable, "-c", UNFLUSHED, *paths], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout == "before the workers|fork|4 records|"


@pytest.mark.slow
@pytest.mark.model
def test_batch_iterator_with_workers_and_tiny_chunks(tmp_path) -> None:
    paths = make_folder(tmp_path, 7)
    Path(paths[2]).write_bytes(b"\x00\x01\x02 not text \x00")
    outcomes = list(Batch(paths, workers=2, chunk_size=1))
    assert [o.source for o in outcomes] == paths
    assert outcomes[2].record is None and "binary" in outcomes[2].error
    assert all(o.record is not None for i, o in enumerate(outcomes) if i != 2)


@pytest.mark.slow
@pytest.mark.model
def test_failing_file_mid_batch_with_workers_exit_1(tmp_path) -> None:
    paths = make_folder(tmp_path / "in", 6)
    Path(paths[3]).write_bytes(b"\x89PNG\r\n\x1a\n....")
    res = claimx("extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "-w", "2")
    assert res.returncode == 1
    assert f"Error: {paths[3]}: binary file (a PNG image)" in res.stderr
    assert "claimx: 5 articles done, 1 failed" in res.stderr
    assert sources((tmp_path / "out.jsonl").read_text(encoding="utf-8")) == paths[:3] + paths[4:]


@pytest.mark.slow
@pytest.mark.model
def test_resume_after_simulated_kill(tmp_path) -> None:
    paths = make_folder(tmp_path / "in", 6)
    out = tmp_path / "out.jsonl"
    full = claimx("extract", str(tmp_path / "in"), "-o", str(out), "-w", "1", "-q")
    assert full.returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    # What a SIGKILL during the fourth write leaves: three whole lines and part of the fourth.
    out.write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2], encoding="utf-8")
    res = claimx("extract", str(tmp_path / "in"), "-o", str(out), "--resume", "-w", "2")
    assert res.returncode == 0, res.stderr
    assert "3 articles done, 0 failed, 3 already in" in res.stderr
    assert out.read_text(encoding="utf-8") == "".join(lines)  # exactly once each, same bytes
    again = claimx("extract", str(tmp_path / "in"), "-o", str(out), "--resume", "-q")
    assert again.returncode == 0 and out.read_text(encoding="utf-8") == "".join(lines)
    assert sources("".join(lines)) == paths


@pytest.mark.slow
@pytest.mark.model
def test_pieces_of_one_long_input_run_on_every_worker_and_merge_as_one_worker(nlp, tmp_path, monkeypatch) -> None:
    import claimx.extraction as ex
    from claimx.batch.local import ProcessPoolRunner
    from claimx.batch.seam import PipelineSpec
    from claimx.output.writers import dumps
    from tests.spread import note_pid_pool, pids

    monkeypatch.setattr(ex, "PIECE_CHARS", 1_500)  # in this process, which cuts the text into pieces
    path = tmp_path / "long.txt"
    path.write_text(long_text(60), encoding="utf-8")
    article = read_article(str(path))
    assert len(ex.split_points(article.text)) > 5
    one_after_another = dumps(next(ex.extract([article], nlp)))  # how -w 1 has always done it
    [one] = Batch([str(path)], workers=1)
    assert one.record is not None and dumps(one.record) == one_after_another
    runner = ProcessPoolRunner(PipelineSpec(), workers=2, work=note_pid_pool)
    [two] = Batch([str(path)], runner=runner)
    assert len(set(pids(path))) == 2  # the pieces of the one input ran in both worker processes
    assert two.record is not None and dumps(two.record) == one_after_another


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        if proc.poll() is not None:
            raise AssertionError(f"claimx ended early: {proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.05)
    raise AssertionError("no output in time")


@pytest.mark.slow
@pytest.mark.model
def test_ctrl_c_stops_cleanly_with_valid_output(tmp_path) -> None:
    make_folder(tmp_path / "in", 40)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimx", "extract", str(tmp_path / "in"), "-o", str(out), "-w", "2"],
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_lines(out, 2, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "(interrupted)" in err and "Traceback" not in err
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and all(json.loads(line) for line in text.splitlines())


@pytest.mark.slow
@pytest.mark.model
def test_json_output_after_ctrl_c_is_a_valid_array(tmp_path) -> None:
    make_folder(tmp_path / "in", 300)
    out = tmp_path / "out.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimx", "extract", str(tmp_path / "in"), "-f", "json", "-o", str(out), "-w", "1"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(
        p.name.endswith(".part") and p.stat().st_size > 0 for p in tmp_path.iterdir()
    ):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)  # mid-batch: records are being written to the temporary file
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    records = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(records, list) and 0 < len(records) < 300
    assert "(interrupted)" in err and f"claimx: {len(records)} articles done" in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no temp file left behind


@pytest.mark.slow
@pytest.mark.model
def test_sigkill_then_resume_every_article_exactly_once(tmp_path) -> None:
    paths = make_folder(tmp_path / "in", 30)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimx", "extract", str(tmp_path / "in"), "-o", str(out), "-w", "2", "-q"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _wait_for_lines(out, 3, proc)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: parent and workers, with no chance to clean up
    proc.wait(timeout=30)
    res = claimx("extract", str(tmp_path / "in"), "-o", str(out), "--resume", "-w", "2")
    assert res.returncode == 0, res.stderr
    assert sources(out.read_text(encoding="utf-8")) == paths


def test_progress_bar_on_a_terminal_and_silence_otherwise(monkeypatch) -> None:
    import io

    from claimx.output.progress import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    bar = ProgressBar(enabled=True)
    bar.start(3)
    for done in (1, 2, 3):
        bar.advance(done)
        if done == 2:
            bar.error("Error: b.txt: binary file")
    bar.close()
    shown = err.getvalue()
    assert "3/3" in shown and "articles/s" in shown and "Error: b.txt: binary file\n" in shown
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    bar = ProgressBar(enabled=False)  # -q, or stderr not a terminal
    bar.start(3)
    bar.advance(1)
    bar.close()
    assert quiet.getvalue() == ""


@pytest.mark.slow
@pytest.mark.model
def test_a_worker_that_dies_costs_only_its_file(tmp_path) -> None:
    from tests.crashy import crash_on_marked_files

    paths = make_folder(tmp_path, 9)
    crash = tmp_path / "art04-CRASH.txt"
    os.replace(paths[4], crash)
    paths[4] = str(crash)

    from claimx.batch.local import ProcessPoolRunner
    from claimx.batch.seam import PipelineSpec

    crashy = ProcessPoolRunner(PipelineSpec(), workers=2, work=crash_on_marked_files)
    outcomes = list(Batch(paths, workers=2, chunk_size=2, runner=crashy))
    assert [o.source for o in outcomes] == paths  # still every input, in order
    assert outcomes[4].record is None and "worker process died on this file" in outcomes[4].error
    assert all(o.record is not None for i, o in enumerate(outcomes) if i != 4)


def test_ctrl_c_while_a_record_is_being_written_still_gives_valid_output(blank_nlp, tmp_path, monkeypatch) -> None:
    """The interrupt lands inside the writer (the race a real Ctrl-C can hit): the record being
    written is finished, the run stops after it, and the JSON array is complete."""
    from typer.testing import CliRunner

    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline
    import claimx.output.writers
    from claimx.cli import app

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)
    make_folder(tmp_path / "in", 6)
    real_dumps, calls = claimx.output.writers.dumps, []

    def dumps_then_ctrl_c(record, indent=None):
        calls.append(record.source)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # delivered while this record is being serialised
        return real_dumps(record, indent)

    monkeypatch.setattr(claimx.output.writers, "dumps", dumps_then_ctrl_c)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-f", "json", "-o", str(out)])
    assert result.exit_code == 130, result.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["source"] for r in records] == calls == sorted(calls)[:2]
    assert "2 articles done, 0 failed" in result.stderr and "(interrupted)" in result.stderr
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored after the run
