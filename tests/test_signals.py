"""How a run ends when it is told to, or when what it runs in goes away: SIGKILL of the parent takes
the worker processes and multiprocessing's resource tracker with it; SIGTERM stops like Ctrl-C (valid
output, summary, exit 143); a reader that closes the pipe ends the run quietly with exit 0.

These start real claimx processes and send real signals (the `slow` tier). Processes are found as
children of the claimx process by scanning /proc (Linux), and a process counts as gone once it is
no longer in /proc, is a zombie, or its pid now belongs to a process started later.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimx.output.progress import plural
from tests.batch.test_local import make_folder

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")]

# A liveness bound, not a speed assertion: a process still there after this long has been left behind.
GONE_WITHIN = 10.0
# How long a test waits for claimx to load the model and write its first records.
STARTUP = 180.0

Proc = tuple[int, int]  # (pid, start time in clock ticks since boot): a process, even if its pid is reused


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None if there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def children(parent: int) -> dict[Proc, str]:
    """The processes whose parent is `parent`, with their command lines."""
    found: dict[Proc, str] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        fields = _stat(int(name))
        if fields is not None and int(fields[1]) == parent:
            found[(int(name), int(fields[19]))] = _cmdline(int(name))
    return found


def alive(proc: Proc) -> bool:
    """Whether this process still runs (a zombie has ended: it only waits to be reaped)."""
    fields = _stat(proc[0])
    return fields is not None and fields[0] not in ("Z", "X") and int(fields[19]) == proc[1]


def still_alive_after(procs: dict[Proc, str], seconds: float = GONE_WITHIN) -> list[str]:
    """The command lines of those of `procs` still running once `seconds` have passed (polled; [] as soon as all end)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(p) for p in procs):
            return []
        time.sleep(0.1)
    return [cmd for p, cmd in procs.items() if alive(p)]


def end(procs: dict[Proc, str]) -> None:
    """Kill what a failed test left behind (only these processes, by pid, if the pid is still theirs)."""
    for proc in procs:
        if alive(proc):
            os.kill(proc[0], signal.SIGKILL)


def workers_of(proc: subprocess.Popen, out: Path | None = None, n: int = 2) -> dict[Proc, str]:
    """The children of a running claimx once its `n` workers and the resource tracker exist (and, with
    `out`, once the first record is in it, so that the workers are busy)."""
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"claimx ended early: {proc.stderr.read() if proc.stderr else ''}")
        kids = children(proc.pid)
        # Forked workers (Linux) run the parent's command line and need no resource tracker; spawned
        # ones run multiprocessing's spawn_main, next to a resource tracker.
        tracker = [c for c in kids.values() if "resource_tracker" in c]
        workers = [c for c in kids.values() if "resource_tracker" not in c]
        spawned = any("spawn_main" in c for c in workers)
        if len(workers) == n and len(tracker) == int(spawned) and (out is None or _lines(out) >= 1):
            return kids
        time.sleep(0.05)
    raise AssertionError("the workers did not start in time")


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def start(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "claimx", "extract", *args], stderr=subprocess.PIPE, text=True, **kw)


# --- the parent dies: its workers go with it --------------------------------------------------------


@pytest.mark.model
def test_workers_and_resource_tracker_end_when_the_parent_is_killed(tmp_path) -> None:
    make_folder(tmp_path / "in", 300)
    out = tmp_path / "out.jsonl"
    proc = start(str(tmp_path / "in"), "-w", "2", "-f", "jsonl", "-o", str(out))
    kids: dict[Proc, str] = {}
    try:
        kids = workers_of(proc, out)
        proc.kill()  # SIGKILL: the parent gets no chance to stop anything
        proc.wait(timeout=30)
        assert still_alive_after(kids) == []
    finally:
        proc.kill()
        end(kids)


def test_watchdog_alone_ends_a_worker_whose_parent_died(tmp_path) -> None:
    """The portable fallback, without the Linux parent-death signal: a process that runs only the
    watchdog on its parent ends when that parent is killed."""
    script = (
        "import multiprocessing, os, sys, time\n"
        "from claimx.batch.local import watch_parent\n"
        "if __name__ == '__main__':\n"
        "    child = multiprocessing.get_context('spawn').Process(target=watch_parent, args=(os.getpid(),))\n"
        "    child.start()\n"
        "    print(child.pid, flush=True)\n"
        "    time.sleep(600)\n"
    )
    (tmp_path / "parent.py").write_text(script, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(tmp_path / "parent.py")], stdout=subprocess.PIPE, text=True)
    kids: dict[Proc, str] = {}
    try:
        pid = int(proc.stdout.readline())  # type: ignore[union-attr]
        kids = {p: cmd for p, cmd in children(proc.pid).items() if p[0] == pid}
        assert kids and all(alive(p) for p in kids)
        time.sleep(1)  # the child is running its watchdog, not still starting
        assert all(alive(p) for p in kids)
        proc.kill()
        proc.wait(timeout=30)
        assert still_alive_after(kids) == []
    finally:
        proc.kill()
        end(kids)


# --- SIGTERM stops like Ctrl-C ------------------------------------------------------------------------


@pytest.mark.model
def test_sigterm_stops_workers_with_whole_records_and_the_summary(tmp_path) -> None:
    make_folder(tmp_path / "in", 300)
    out = tmp_path / "out.jsonl"
    proc = start(str(tmp_path / "in"), "-w", "2", "-f", "jsonl", "-o", str(out))
    kids: dict[Proc, str] = {}
    try:
        kids = workers_of(proc, out)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 143, err
        assert "(interrupted)" in err and "Traceback" not in err
        text = out.read_text(encoding="utf-8")
        records = [json.loads(line) for line in text.splitlines()]
        assert text.endswith("\n") and 0 < len(records) < 300
        assert f"claimx: {plural(len(records), 'article')} done, 0 failed" in err  # one when the machine is slow
        assert still_alive_after(kids) == []
    finally:
        proc.kill()
        end(kids)


@pytest.mark.model
def test_sigterm_in_process_leaves_a_valid_json_array(tmp_path) -> None:
    make_folder(tmp_path / "in", 300)
    out = tmp_path / "out.json"
    proc = start(str(tmp_path / "in"), "-w", "1", "-f", "json", "-o", str(out))
    try:
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline and not any(
            p.name.endswith(".part") and p.stat().st_size > 0 for p in tmp_path.iterdir()
        ):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)  # mid-batch: records are being written to the temporary file
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 143, err
    records = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(records, list) and 0 < len(records) < 300
    assert "(interrupted)" in err and f"claimx: {len(records)} articles done" in err and "Traceback" not in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_second_sigterm_stops_at_once(blank_nlp, tmp_path, monkeypatch) -> None:
    """Two SIGTERMs while a record is serialised: the first would let that record finish, the second
    drops it; the lines before it stay whole and the run still ends as interrupted, exit 143."""
    from typer.testing import CliRunner

    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline
    import claimx.output.sinks
    from claimx.cli import app

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)
    make_folder(tmp_path / "in", 6)
    real_dumps, calls = claimx.output.sinks.dumps, []

    def dumps_then_two_sigterms(record, indent=None):
        calls.append(record.source)
        if len(calls) == 2:
            # os.kill runs the handler of a signal sent to this process before it returns: two deliveries.
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGTERM)
        return real_dumps(record, indent)

    monkeypatch.setattr(claimx.output.sinks, "dumps", dumps_then_two_sigterms)
    out = tmp_path / "out.jsonl"

    def outside_the_run(signum: int, frame: object) -> None:  # what SIGTERM does to pytest if claimx ignores it
        raise AssertionError("SIGTERM reached the handler outside the run")

    previous = signal.signal(signal.SIGTERM, outside_the_run)
    try:
        result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-f", "jsonl", "-o", str(out)])
        assert signal.getsignal(signal.SIGTERM) is outside_the_run  # restored after the run
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert result.exit_code == 143, result.output
    assert [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()] == calls[:1]
    assert "1 article done, 0 failed" in result.stderr and "(interrupted)" in result.stderr


# --- the reader closes the pipe ---------------------------------------------------------------------


def _read_one_line_then_close(proc: subprocess.Popen) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    proc.stdout.close()  # what `| head -n 1` does once it has its line
    return line


@pytest.mark.model
def test_reader_closing_the_pipe_ends_the_run_quietly_with_exit_0(tmp_path) -> None:
    make_folder(tmp_path / "in", 300)
    proc = start(str(tmp_path / "in"), "-w", "2", "-f", "jsonl", stdout=subprocess.PIPE)
    kids: dict[Proc, str] = {}
    try:
        kids = workers_of(proc)
        assert json.loads(_read_one_line_then_close(proc))["source"].endswith("art00.txt")
        _, err = proc.communicate(timeout=120)
        assert (proc.returncode, err) == (0, "")
        assert still_alive_after(kids) == []
    finally:
        proc.kill()
        end(kids)


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["jsonl", "table"])  # table: rich has its own idea of a closed pipe
def test_reader_closing_the_pipe_stops_the_run(fmt: str, tmp_path) -> None:
    """-v logs each chunk the run receives: after the pipe closes, the rest of the folder is not done."""
    make_folder(tmp_path / "in", 300)
    proc = start(str(tmp_path / "in"), "-w", "1", "-f", fmt, "-v", stdout=subprocess.PIPE)
    try:
        _read_one_line_then_close(proc)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert all(line.startswith("claimx: ") for line in err.splitlines()), err  # log lines, nothing else
    assert "Traceback" not in err and "Exception ignored" not in err and "done" not in err
    chunks = [line for line in err.splitlines() if " inputs in " in line]
    assert 0 < len(chunks) <= 5  # of 38
