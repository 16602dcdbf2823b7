"""How a run ends when what it runs in goes away: SIGKILL of the parent takes the worker processes
and multiprocessing's resource tracker with it.

These start real claimx processes and send real signals (the `slow` tier). Processes are found as
children of the claimx process by scanning /proc (Linux), and a process counts as gone once it is
no longer in /proc, is a zombie, or its pid now belongs to a process started later.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_batch import make_folder

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
        workers = [c for c in kids.values() if "spawn_main" in c]
        tracker = [c for c in kids.values() if "resource_tracker" in c]
        if len(workers) == n and len(tracker) == 1 and (out is None or _lines(out) >= 1):
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
        "from claimx.runners import watch_parent\n"
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
