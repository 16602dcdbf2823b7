"""claimx on a Dask cluster: the same records as one local worker, whatever happens to the workers.

A LocalCluster of two worker processes (one thread each) on loopback stands for a real cluster; the
client is `claimx extract --scheduler` in a subprocess, or `claimx.extract_many(..., client=...)`.
Those tests are marked `slow` and `model` (worker processes load the installed English model) and
need claimx[dask]; the checks of addresses and of a missing Dask run in the fast tier.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimx.batch.seam import check_address
from claimx.errors import ClaimxError, UsageError


def needs_dask(test):
    """Marks a test that runs a cluster: slow, with the model, and skipped without claimx[dask]."""
    for mark in (pytest.mark.slow, pytest.mark.model, pytest.mark.usefixtures("dask_installed")):
        test = mark(test)
    return test


@pytest.fixture
def dask_installed() -> None:
    pytest.importorskip("distributed", reason="needs claimx[dask] (make dask)")


PLACES = ["Karachi", "Dhaka", "Colombo", "Lahore", "Chittagong", "Quetta", "Multan", "Sylhet", "Galle"]
RANKS = ["Commodore", "Rear Admiral", "Brigadier", "Major General", "Captain"]
N_ARTICLES = 40


def write_article(root: Path, i: int) -> Path:
    """A short news item of our own, numbered so that no two are alike; lengths vary so that the
    workers finish their chunks out of order."""
    rank, place = RANKS[i % len(RANKS)], PLACES[i % len(PLACES)]
    paragraph = (
        f"{rank} Ann Reyes of the Coast Guard visited {place} on Monday to inspect the new patrol boats. "
        f'"Shipment {i} arrived a week early and the crews are ready," Reyes told reporters. '
        f"The Ministry of Defence said on Tuesday that a second batch would follow in March.\n\n"
    )
    path = root / f"item{i:03d}.txt"
    path.write_text(f"date 2025-11-{1 + i % 28:02d} " + paragraph * (1 + (5 * i) % 4), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask-corpus")
    for i in range(N_ARTICLES):
        write_article(root, i)
    (root / "item007.txt").write_bytes(b"%PDF-1.7 not an article")  # fails, with its path, in both runs
    return root


def claimx(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimx", "extract", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def local_jsonl(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The output of `-w 1`: what every cluster run must reproduce byte for byte."""
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    result = claimx(str(corpus), "-o", str(out), "-w", "1", "-q")
    assert result.returncode == 1, result.stderr  # item007 failed
    return out.read_bytes()


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed", reason="needs claimx[dask] (make dask)")
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield cluster, client


def crash_on_marked_articles(articles, spec):
    """Kills its Dask worker process on an article that says CRASH, as a native crash or the
    out-of-memory killer would (module level, so that workers import it)."""
    from claimx.batch.cluster import extract_chunk

    if any("CRASH" in a.text for a in articles):
        os._exit(9)
    return extract_chunk(articles, spec)


def sources(jsonl: bytes) -> list[str]:
    return [json.loads(line)["source"] for line in jsonl.decode("utf-8").splitlines()]


@needs_dask
def test_cluster_run_writes_the_records_of_one_local_worker(cluster, corpus, local_jsonl, tmp_path) -> None:
    scheduler, client = cluster[0].scheduler_address, cluster[1]
    out = tmp_path / "dask.jsonl"
    result = claimx(str(corpus), "-o", str(out), "--scheduler", scheduler)
    assert result.returncode == 1  # the one unreadable input
    assert out.read_bytes() == local_jsonl
    assert len(sources(local_jsonl)) == N_ARTICLES - 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and str(corpus / "item007.txt") in errors[0]
    assert f"{N_ARTICLES - 1} articles done, 1 failed" in result.stderr
    # Each worker process loaded the pipeline once and kept it for all its chunks.
    loads = client.run(lambda: __import__("claimx.nlp.pipeline").nlp.pipeline.load_pipeline.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]


@needs_dask
def test_cluster_run_to_stdout_matches_local(cluster, corpus, tmp_path) -> None:
    few = [str(p) for p in sorted(corpus.glob("item01*.txt"))]
    local = claimx(*few, "-f", "jsonl", "-w", "1")
    remote = claimx(*few, "-f", "jsonl", "--scheduler", cluster[0].scheduler_address)
    assert remote.returncode == local.returncode == 0
    assert remote.stdout == local.stdout and len(remote.stdout.splitlines()) == len(few)


@needs_dask
def test_python_api_on_a_client_gives_each_article_once_when_a_worker_is_killed(cluster, corpus, local_jsonl) -> None:
    import claimx
    from claimx.batch.runners import Batch

    _, client = cluster
    paths = sorted(str(p) for p in corpus.glob("*.txt"))
    before = client.run(os.getpid)
    batch = Batch(paths, client=client, chunk_size=2)  # many small chunks, so the kill lands mid-run
    outcomes = []
    for outcome in batch:
        outcomes.append(outcome)
        if len(outcomes) == 4:  # part-way: kill a worker process with chunks in flight
            os.kill(next(iter(before.values())), signal.SIGKILL)
    assert [o.source for o in outcomes] == paths  # each article exactly once, in input order
    traced = claimx.trace(outcomes)  # what `claimx extract` does to a run's records (duplicate_of, quote_group)
    lines = [json.dumps(o.record.to_dict(), ensure_ascii=False) for o in traced if o.record is not None]
    assert [json.loads(line) for line in lines] == [json.loads(line) for line in local_jsonl.splitlines()]
    assert [o.source for o in outcomes if o.error] == [str(corpus / "item007.txt")]
    client.wait_for_workers(2, timeout=60)
    assert set(client.run(os.getpid).values()) != set(before.values())  # the nanny started a new worker


@needs_dask
def test_an_article_that_kills_workers_costs_only_itself(cluster, corpus, local_jsonl, tmp_path) -> None:
    from claimx.batch.cluster import DaskRunner
    from claimx.batch.runners import Batch
    from claimx.batch.seam import PipelineSpec

    _, client = cluster
    paths = sorted(str(p) for p in corpus.glob("item00*.txt"))
    crash = tmp_path / "item004-CRASH.txt"
    crash.write_text("This article says CRASH and its worker dies.", encoding="utf-8")
    paths[4] = str(crash)
    runner = DaskRunner(PipelineSpec(), client, work=crash_on_marked_articles)
    # The scheduler gives a task up (KilledWorker) at the first death of its worker, not the fourth, so
    # that fewer workers die (each restart reloads the model).
    allowed = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures)
    client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler, "allowed_failures", 0))
    try:
        outcomes = list(Batch(paths, runner=runner, chunk_size=3))
    finally:
        client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler, "allowed_failures", allowed))
    assert [o.source for o in outcomes] == paths
    assert "Dask workers died on this article" in outcomes[4].error and str(crash) in outcomes[4].error
    failed = [(i, o.error) for i, o in enumerate(outcomes) if o.record is None]
    assert [i for i, _ in failed] == [4, 7], failed  # 7: not text
    client.wait_for_workers(2, timeout=60)


@needs_dask
def test_pieces_of_one_long_article_run_on_every_cluster_worker_and_merge_as_one_worker(
    cluster, nlp, tmp_path, monkeypatch
) -> None:
    import claimx.extraction as ex
    from claimx.batch.cluster import DaskRunner
    from claimx.batch.runners import Batch
    from claimx.batch.seam import PipelineSpec
    from claimx.inputs.collect import read_article
    from claimx.output.writers import dumps
    from tests.spread import note_pid_dask, pids

    monkeypatch.setattr(ex, "PIECE_CHARS", 1_500)  # in the client, which cuts the text into pieces
    path = tmp_path / "long.txt"
    path.write_text("".join(write_article(tmp_path, i).read_text(encoding="utf-8") for i in range(12)), "utf-8")
    article = read_article(str(path))
    assert len(ex.split_points(article.text)) > 5
    one_after_another = dumps(next(ex.extract([article], nlp)))  # how -w 1 has always done it
    [outcome] = Batch([str(path)], runner=DaskRunner(PipelineSpec(), cluster[1], work=note_pid_dask))
    assert len(set(pids(path))) == 2  # the pieces of the one article ran in both worker processes
    assert outcome.record is not None and dumps(outcome.record) == one_after_another


@needs_dask
def test_extract_many_takes_a_client(cluster, corpus) -> None:
    import claimx

    paths = [str(corpus / "item001.txt"), str(corpus / "item007.txt"), str(corpus / "item002.txt")]
    outcomes = list(claimx.extract_many(paths, client=cluster[1]))
    assert [o.source for o in outcomes] == paths
    assert [o.record is None for o in outcomes] == [False, True, False]
    assert outcomes[0].record.published == "2025-11-02"


@needs_dask
def test_ctrl_c_cancels_the_tasks_and_resume_finishes_the_output(cluster, corpus, local_jsonl, tmp_path) -> None:
    scheduler, client = cluster[0].scheduler_address, cluster[1]
    out = tmp_path / "out.jsonl"
    args = [str(corpus), "-o", str(out), "--scheduler", scheduler]
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimx", "extract", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not (out.exists() and out.read_bytes().count(b"\n") >= 2) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    partial = out.read_bytes()
    assert local_jsonl.startswith(partial) and partial.endswith(b"\n") and len(partial) < len(local_jsonl)
    # The cluster was told to drop what was in flight.
    deadline = time.monotonic() + 30
    while client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) == 0
    resumed = claimx(*args, "--resume")
    assert resumed.returncode == 1  # item007 is still unreadable
    assert out.read_bytes() == local_jsonl


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@needs_dask
def test_unreachable_scheduler_is_one_error_line_within_the_timeout(corpus, tmp_path) -> None:
    out = tmp_path / "keep.jsonl"
    out.write_text("kept\n", encoding="utf-8")
    t0 = time.monotonic()
    result = claimx(
        str(corpus), "-o", str(out), "--scheduler", f"tcp://127.0.0.1:{free_port()}",
        env={"CLAIMX_SCHEDULER_TIMEOUT": "2"},
    )  # fmt: skip
    assert time.monotonic() - t0 < 30
    assert result.returncode == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert len(result.stderr.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "kept\n"  # nothing was opened


@pytest.mark.parametrize(
    "address, expected",
    [
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("sched.example.org:8786/", "tcp://sched.example.org:8786"),
        ("tls://[::1]:8786", "tls://[::1]:8786"),
    ],
)
def test_scheduler_address_gets_tcp_when_no_protocol_is_given(address, expected) -> None:
    assert check_address(address) == expected


@pytest.mark.parametrize("address", ["nowhere", "tcp://host-without-port", "tcp://10.0.0.5:8786/path", "a b:1"])
def test_scheduler_address_without_host_and_port_is_a_usage_error(address, runner, tmp_path) -> None:
    from claimx.cli import app

    (tmp_path / "a.txt").write_text("Commodore Ann Reyes spoke on Monday.", encoding="utf-8")
    with pytest.raises(UsageError):
        check_address(address)
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--scheduler", address])
    assert result.exit_code == 2
    assert "tcp://HOST:PORT" in result.stderr and result.stdout == ""


def test_scheduler_without_dask_installed_says_how_to_install_it(runner, tmp_path, monkeypatch) -> None:
    import claimx
    from claimx.batch import runners as executors
    from claimx.cli import app

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ModuleNotFoundError
    monkeypatch.delitem(sys.modules, "claimx.batch.cluster", raising=False)
    monkeypatch.delattr(claimx.batch, "cluster", raising=False)
    with pytest.raises(ClaimxError, match=r"pip install 'claimx\[dask\]'"):
        executors.dask_runner()
    (tmp_path / "a.txt").write_text("Commodore Ann Reyes spoke on Monday.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["extract", str(tmp_path / "a.txt"), "-o", str(out), "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.strip().splitlines() == [
        "Error: running on a Dask cluster needs Dask, which is not installed; run: pip install 'claimx[dask]'"
    ]
