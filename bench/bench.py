"""claimx benchmark: claimx against plain `nlp.pipe` with the same model, on the same texts, in one run.

    python bench/bench.py                 # 300 articles for throughput, 20 vs 2000 for memory
    python bench/bench.py -n 100 --mem 20 200 --corpus ../some/folder
    python bench/bench.py --repeat 3      # the throughput runs 3 times, interleaved: medians and spread
    python bench/bench.py --dask-only     # just -w W against a local Dask cluster of W workers
    python bench/bench.py --long-only     # just one long article, -w 1 against -w 2
    python bench/bench.py --report-only   # just claimx report over a 2,000-article archive
    python bench/bench.py --profile       # where an article's milliseconds go in claimx -w 1

Every measurement runs in a fresh subprocess, timed end to end (start-up and model load included),
and its peak memory is the largest resident set of that process or any of its worker processes
(from `wait4`). Articles are built from the texts of the corpus folders (default: samples/),
concatenated to about 950 tokens each and numbered so that no two are identical.
The reference is plain spaCy at its best setting: `nlp.pipe` with batch_size 8, 16, 32, 64 and the
model's default (`nlp.batch_size`) are all timed and printed, and claimx -w 1 is compared with the
fastest of them; claimx -w W with the fastest plain `nlp.pipe(n_process=W)` over the same batch sizes.
The machine is shared, so the load average is printed before and after; with --repeat R the
throughput runs go round R times, plain and claimx interleaved, and the table gives each run's median
with the spread (fastest to slowest) of its R times.
With claimx[dask] installed (`make dask`), the same articles also run on a Dask cluster on loopback:
a scheduler and W single-threaded worker processes started with Dask's own `dask scheduler` and
`dask worker` commands (as a user would start them; their start-up is not timed, since a cluster is
a service that is already running), then `claimx extract DIR --scheduler ADDRESS` timed end to end,
including the workers' model load. Its memory figure is the client's alone.
One long article (--long-kb, default 600 KB, built from the same texts) is run with -w 1 and -w 2:
its pieces (claimx.extraction.PIECE_CHARS) go to both workers, so the ratio is the speed-up of one
long input on two cores, and the two outputs must be the same bytes.
`claimx report` is timed over an archive of --mem LARGE (2,000) records, as a JSONL run and as a
SQLite database: the records of --report-seed (20) bench articles extracted with --keep-text, over
again with a source of their own each (so the people and quotes of the seed recur in every 20th
article), with and without their texts; the report is then opened in headless Chromium
(`tests/browser.py`) and its screenshot must not be blank.
--profile runs claimx's work in this process, chunk by chunk as `claimx extract -w 1` does, and prints
the CPU milliseconds per article of reading, each pipe of the pipeline (the model's and claimx's),
building the record and writing it as JSON.
Nothing here is asserted: the figures go to stdout for the README, and the targets are printed
next to them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

PLAIN = """
import sys, pathlib, spacy
model, folder, n_process, batch = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
nlp = spacy.load(model)
texts = (p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
n = sum(1 for _ in nlp.pipe(texts, batch_size=batch or None, n_process=n_process))
print(n)
"""
# The batch sizes plain spaCy is timed with; 0 is the model's default (`nlp.batch_size`).
PLAIN_BATCHES = (8, 16, 32, 64, 0)
DEFAULT_BATCH = "import spacy, sys; print(spacy.load(sys.argv[1]).batch_size)"

ONE_SHOT = "import spacy, sys; spacy.load(sys.argv[1])(open(sys.argv[2], encoding='utf-8').read())"


def model_name() -> str:
    from claimx.nlp.pipeline import resolve_model

    return resolve_model(None)


def build_corpus(sources: list[Path], n: int, folder: Path, target_words: int = 820) -> None:
    """Write n distinct articles of about `target_words` words (~950 spaCy tokens) into folder."""
    texts = []
    for src in sources:
        texts.extend(p.read_text(encoding="utf-8") for p in sorted(src.rglob("*.txt")) if p.stat().st_size > 200)
    if not texts:
        raise SystemExit(f"no texts in {', '.join(map(str, sources))}")
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        parts, words, j = [], 0, i
        while words < target_words:
            t = texts[j % len(texts)]
            parts.append(t)
            words += len(t.split())
            j += 1
        body = "\n\n".join(parts)
        cut = body.split()
        if len(cut) > target_words:  # trim on a paragraph boundary near the target
            keep = body[: len(" ".join(cut[:target_words]))]
            body = keep[: keep.rfind("\n\n")] if "\n\n" in keep else keep
        (folder / f"a{i:05d}.txt").write_text(f"Bench article {i}.\n\n{body}\n", encoding="utf-8")


def build_long(sources: list[Path], kb: int, path: Path) -> None:
    """Write one article of about `kb` KB: the corpus texts in turn, each part numbered."""
    texts = [p.read_text(encoding="utf-8") for src in sources for p in sorted(src.rglob("*.txt"))]
    texts = [t.strip() for t in texts if len(t) > 200]
    if not texts:
        raise SystemExit(f"no texts in {', '.join(map(str, sources))}")
    parts, size, i = [], 0, 0
    while size < kb * 1000:
        parts.append(f"Part {i}.\n\n{texts[i % len(texts)]}")
        size += len(parts[-1]) + 2
        i += 1
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def measure_long(claimx: str, sources: list[Path], kb: int, tmp: Path) -> dict[str, float]:
    """-w 1 and -w 2 on one long article of about `kb` KB: times, peak memory, pieces, same output."""
    from claimx.extraction import split_points

    long = tmp / "long.txt"
    build_long(sources, kb, long)
    outs = [tmp / "long1.json", tmp / "long2.json"]
    fig = {"long_pieces": float(len(split_points(long.read_text(encoding="utf-8"))) - 1)}
    fig["long_1_s"], fig["long_1_mib"] = run([claimx, "extract", str(long), "-o", str(outs[0]), "-q", "-w", "1"])
    fig["long_2_s"], fig["long_2_mib"] = run([claimx, "extract", str(long), "-o", str(outs[1]), "-q", "-w", "2"])
    fig["long_same_output"] = float(outs[0].read_bytes() == outs[1].read_bytes())
    return fig


def long_row(fig: dict[str, float], kb: int) -> tuple[str, ...]:
    """The table row of `measure_long`."""
    from claimx.extraction import PIECE_CHARS

    return (
        f"claimx -w 2, one article of {kb} KB ({fig['long_pieces']:.0f} pieces of <= {PIECE_CHARS:,} characters)",
        f"{fig['long_2_s']:.1f} s",
        "",
        f"{fig['long_2_mib']:.0f} MiB",
        f"{fig['long_1_s'] / fig['long_2_s']:.2f} x -w 1 ({fig['long_1_s']:.1f} s; target >= 1.5); "
        + ("same output" if fig["long_same_output"] else "OUTPUT DIFFERS"),
    )


def build_archive(claimx: str, sources: list[Path], seed: int, n: int, tmp: Path) -> dict[str, Path]:
    """A JSONL run and a SQLite database of `n` records, with and without texts: the records of `seed`
    bench articles (extracted with --keep-text) over again, each with a source of its own."""
    from claimx.output.report import record_from_dict
    from claimx.output.sqlite import SqliteStore

    build_corpus(sources, seed, tmp / "seed")
    run([claimx, "extract", str(tmp / "seed"), "-o", str(tmp / "seed.jsonl"), "-q", "--keep-text"])
    seeds = [json.loads(line) for line in (tmp / "seed.jsonl").read_text(encoding="utf-8").splitlines()]
    paths = {kind: tmp / f"archive-{kind}" for kind in ("text.jsonl", "plain.jsonl", "plain.db")}
    with (
        open(paths["text.jsonl"], "w", encoding="utf-8") as text,
        open(paths["plain.jsonl"], "w", encoding="utf-8") as plain,
        SqliteStore(paths["plain.db"]) as store,
    ):
        for i in range(n):
            record = {**seeds[i % len(seeds)], "source": str(tmp / "archive" / f"a{i:05d}.txt")}
            text.write(json.dumps(record, ensure_ascii=False) + "\n")
            record.pop("text")
            plain.write(json.dumps(record, ensure_ascii=False) + "\n")
            store.write(record_from_dict(record))
    return paths


def measure_report(claimx: str, sources: list[Path], seed: int, n: int, tmp: Path) -> dict[str, float]:
    """`claimx report` over an archive of `n` records (SQLite, JSONL, JSONL with texts): times, peak
    memory, the page's size, and whether headless Chromium shows it (its screenshot is not blank)."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import find_chromium, read_png, screenshot

    fig: dict[str, float] = {}
    for kind, archive in build_archive(claimx, sources, seed, n, tmp).items():
        key = kind.replace(".", "_")
        page = tmp / f"report-{key}.html"
        fig[f"report_{key}_s"], fig[f"report_{key}_mib"] = run([claimx, "report", str(archive), "-o", str(page), "-q"])
        fig[f"report_{key}_mb"] = page.stat().st_size / 1e6
        browser = find_chromium()
        if browser is not None:
            t0 = time.perf_counter()
            screenshot(browser, page, tmp / f"{key}.png")
            fig[f"report_{key}_open_s"] = time.perf_counter() - t0
            shot = tmp / f"{key}.png"
            fig[f"report_{key}_ink"] = read_png(shot.read_bytes()).ink if shot.exists() else 0.0
    return fig


def report_rows(fig: dict[str, float], n: int) -> list[tuple[str, ...]]:
    """The table rows of `measure_report`."""
    names = {
        "plain_db": "SQLite database",
        "plain_jsonl": "JSONL run",
        "text_jsonl": "JSONL run with texts (--keep-text)",
    }
    rows = []
    for key, name in names.items():
        opened = (
            f"opens in Chromium ({fig[f'report_{key}_open_s']:.1f} s, "
            + ("not blank)" if fig[f"report_{key}_ink"] > 0.02 else "BLANK)")
            if f"report_{key}_open_s" in fig
            else "Chromium not installed (make chromium)"
        )
        rows.append(
            (
                f"claimx report, {n:,}-article {name}",
                f"{fig[f'report_{key}_s']:.1f} s",
                "",
                f"{fig[f'report_{key}_mib']:.0f} MiB",
                f"page {fig[f'report_{key}_mb']:.1f} MB (target < 10 s); {opened}",
            )
        )
    return rows


def run(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak RSS in MiB of the process or its largest worker)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    # ru_maxrss is KiB on Linux; wait4 reports the largest of the process and its waited-for workers.
    return wall, usage.ru_maxrss / 1024


@contextmanager
def dask_cluster(workers: int, folder: Path) -> Iterator[str | None]:
    """A scheduler and `workers` worker processes on loopback, started with Dask's own commands; yields
    the scheduler's address (None when Dask is not installed) and stops them afterwards."""
    try:
        from distributed import Client
    except ImportError:
        yield None
        return
    dask, info = str(BIN / "dask"), folder / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], **quiet)]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        procs.append(subprocess.Popen([dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                                       "--no-dashboard"], **quiet))  # fmt: skip
        with Client(address, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def best(cmd: list[str], repeat: int) -> float:
    return min(run(cmd)[0] for _ in range(repeat))


def load_average() -> str:
    """The 1-minute load average (the machine is shared: figures mean little under load)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def throughput_runs(claimx: str, model: str, d: Path, out: Path, workers: int, dask_only: bool) -> dict[str, list[str]]:
    """The commands of one round of throughput runs, by figure name, plain and claimx interleaved."""
    plain = [sys.executable, "-c", PLAIN, model, str(d)]
    extract = [claimx, "extract", str(d), "-o", str(out), "-q", "-w"]
    cmds: dict[str, list[str]] = {}
    if not dask_only:
        cmds.update({f"plain_1_b{b}": [*plain, "1", str(b)] for b in PLAIN_BATCHES})
        cmds["claimx_1"] = [*extract, "1"]
        cmds.update({f"plain_w_b{b}": [*plain, str(workers), str(b)] for b in PLAIN_BATCHES})
    cmds["claimx_w"] = [*extract, str(workers)]
    return cmds


def measure_throughput(cmds: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Each command `repeat` times, round by round: its median time, fastest and slowest time (`_s`,
    `_min_s`, `_max_s`) and largest peak memory (`_mib`)."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    mibs: dict[str, list[float]] = {k: [] for k in cmds}
    for r in range(repeat):
        for key, cmd in cmds.items():
            wall, mib = run(cmd)
            times[key].append(wall)
            mibs[key].append(mib)
            print(f"round {r + 1}: {key} {wall:.1f} s (load {load_average()})", file=sys.stderr)
    fig: dict[str, float] = {}
    for key in cmds:
        fig[f"{key}_s"] = statistics.median(times[key])
        fig[f"{key}_min_s"], fig[f"{key}_max_s"] = min(times[key]), max(times[key])
        fig[f"{key}_mib"] = max(mibs[key])
    return fig


def fastest(fig: dict[str, float], prefix: str) -> int:
    """The batch size of the fastest plain run `prefix` (plain_1 or plain_w)."""
    return min(PLAIN_BATCHES, key=lambda b: fig[f"{prefix}_b{b}_s"])


def timed(fig: dict[str, float], key: str, n: int) -> tuple[str, str, str]:
    """Time (with its spread over the rounds), articles/s and peak memory of one run."""
    spread = ""
    if fig[f"{key}_max_s"] > fig[f"{key}_min_s"]:
        spread = f" ({fig[f'{key}_min_s']:.1f}-{fig[f'{key}_max_s']:.1f})"
    return f"{fig[f'{key}_s']:.1f} s{spread}", f"{n / fig[f'{key}_s']:.1f}/s", f"{fig[f'{key}_mib']:.0f} MiB"


def plain_rows(fig: dict[str, float], prefix: str, label: str, default: str, n: int) -> list[tuple[str, ...]]:
    """One row per batch size of a plain run, the fastest marked as the reference."""
    best_b = fastest(fig, prefix)
    rows = []
    for b in PLAIN_BATCHES:
        size = f"batch_size={b}" if b else f"the model's default batch_size={default}"
        rows.append(
            (f"{label}, {size}", *timed(fig, f"{prefix}_b{b}", n), "fastest: the reference" if b == best_b else "")
        )
    return rows


def batch_label(b: int, default: str) -> str:
    return str(b) if b else f"{default} (default)"


def main_rows(fig: dict[str, float], ratios: dict[str, float], n: int, w: int, default: str) -> list[tuple[str, ...]]:
    """The rows of the throughput table: plain at every batch size, then claimx, for 1 and w processes."""
    b1, bw = fastest(fig, "plain_1"), fastest(fig, "plain_w")
    return [
        *plain_rows(fig, "plain_1", f"plain nlp.pipe, 1 process, {n} articles", default, n),
        (
            f"claimx -w 1, {n} articles",
            *timed(fig, "claimx_1", n),
            f"{ratios['one_worker_vs_plain']:.2f} of plain at batch_size={batch_label(b1, default)} (target >= 0.85)",
        ),
        *plain_rows(fig, "plain_w", f"plain nlp.pipe, n_process={w}", default, n),
        (
            f"claimx -w {w}, {n} articles",
            *timed(fig, "claimx_w", n),
            f"{ratios['all_workers_vs_one']:.2f} x one worker (target >= 1.6); {ratios['all_workers_vs_plain']:.2f}"
            f" of plain n_process={w} at batch_size={batch_label(bw, default)} (target >= 1.0)",
        ),
    ]


def other_rows(fig: dict[str, float], ratios: dict[str, float], mem: tuple[int, int]) -> list[tuple[str, ...]]:
    """The rows after the throughput table's own: memory, --help and one article."""
    small, large = mem
    return [
        (f"claimx, {small} articles", "", "", f"{fig['mem_small_mib']:.0f} MiB", ""),
        (
            f"claimx, {large} articles",
            "",
            "",
            f"{fig['mem_large_mib']:.0f} MiB",
            f"{ratios['memory_large_vs_small']:.2f} x {small} articles (target <= 1.10)",
        ),
        ("claimx --help", f"{fig['help_s']:.2f} s", "", "", "target < 0.3 s"),
        (
            "claimx extract one.txt",
            f"{fig['one_claimx_s']:.2f} s",
            "",
            "",
            f"{ratios['one_file_vs_spacy']:.2f} x spacy.load + one doc ({fig['one_spacy_s']:.2f} s; target <= 1.25)",
        ),
    ]


def dask_row(fig: dict[str, float], n: int, w: int) -> tuple[str, ...]:
    """The row of the Dask run, or why there is none."""
    if "dask_s" not in fig:
        return ("claimx --scheduler", "", "", "", "not run: Dask is not installed (make dask)")
    return (
        f"claimx --scheduler: local Dask cluster, {w} worker processes",
        f"{fig['dask_s']:.1f} s",
        f"{n / fig['dask_s']:.1f}/s",
        f"{fig['dask_client_mib']:.0f} MiB (client)",
        f"{fig['claimx_w_s'] / fig['dask_s']:.2f} of -w {w} (target >= 0.80); "
        + ("same output" if fig["dask_same_output"] else "OUTPUT DIFFERS"),
    )


def print_table(rows: list[tuple[str, ...]]) -> None:
    print("| run | time | articles/s | peak memory | ratio |\n|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


def build_sets(corpus: list[Path], sizes: set[int], tmp: Path) -> dict[int, Path]:
    """A folder of articles for each size, the smaller ones the first articles of the larger."""
    build_corpus(corpus, max(sizes), tmp / "all")
    sets: dict[int, Path] = {}
    for k in sizes:
        d = tmp / f"n{k}"
        d.mkdir()
        for p in sorted((tmp / "all").glob("*.txt"))[:k]:
            os.link(p, d / p.name)
        sets[k] = d
    return sets


def measure_rest(
    claimx: str, model: str, sets: dict[int, Path], opts: argparse.Namespace, tmp: Path
) -> dict[str, float]:
    """Memory over few and many articles, --help, one article against spaCy alone, the long article."""
    out = tmp / "rest.jsonl"
    small, large = opts.mem
    fig: dict[str, float] = {}
    _, fig["mem_small_mib"] = run([claimx, "extract", str(sets[small]), "-o", str(out), "-q"])
    _, fig["mem_large_mib"] = run([claimx, "extract", str(sets[large]), "-o", str(out), "-q"])
    one = sorted(sets[opts.n].glob("*.txt"))[0]
    fig["help_s"] = best([claimx, "--help"], 5)
    fig["one_claimx_s"] = best([claimx, "extract", str(one), "-f", "json", "-o", str(out)], 3)
    fig["one_spacy_s"] = best([sys.executable, "-c", ONE_SHOT, model, str(one)], 3)
    fig.update(measure_long(claimx, opts.corpus or [ROOT / "samples"], opts.long_kb, tmp))
    return fig


def measure_dask(claimx: str, d: Path, out: Path, workers: int, tmp: Path) -> dict[str, float]:
    """The articles on a local Dask cluster (nothing without Dask), against the -w output in `out`."""
    fig: dict[str, float] = {}
    with dask_cluster(workers, tmp) as address:
        if address is not None:
            fig["dask_s"], fig["dask_client_mib"] = run(
                [claimx, "extract", str(d), "-o", str(tmp / "dask.jsonl"), "-q", "--scheduler", address]
            )
            fig["dask_same_output"] = float((tmp / "dask.jsonl").read_bytes() == out.read_bytes())
    return fig


def ratios_of(fig: dict[str, float]) -> dict[str, float]:
    """The ratios the targets are about."""
    return {
        "one_worker_vs_plain": fig[f"plain_1_b{fastest(fig, 'plain_1')}_s"] / fig["claimx_1_s"],
        "all_workers_vs_one": fig["claimx_1_s"] / fig["claimx_w_s"],
        "all_workers_vs_plain": fig[f"plain_w_b{fastest(fig, 'plain_w')}_s"] / fig["claimx_w_s"],
        "memory_large_vs_small": fig["mem_large_mib"] / fig["mem_small_mib"],
        "one_file_vs_spacy": fig["one_claimx_s"] / fig["one_spacy_s"],
        "long_two_workers_vs_one": fig["long_1_s"] / fig["long_2_s"],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300, help="articles for the throughput runs (default 300)")
    ap.add_argument(
        "--mem",
        type=int,
        nargs=2,
        default=(20, 2000),
        metavar=("SMALL", "LARGE"),
        help="article counts for the memory comparison (default 20 2000)",
    )
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="the 'all workers' run")
    ap.add_argument("--corpus", type=Path, action="append", help="folder(s) of .txt to build articles from")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of the throughput runs, interleaved (default 1)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--dask-only", action="store_true", help="only claimx -w W and the same on a local Dask cluster")
    ap.add_argument("--long-kb", type=int, default=600, help="size of the one long article (default 600 KB)")
    ap.add_argument("--long-only", action="store_true", help="only the long article, -w 1 against -w 2")
    ap.add_argument("--report-only", action="store_true", help="only claimx report over an archive of --mem LARGE")
    ap.add_argument("--report-seed", type=int, default=20, help="articles extracted for that archive (default 20)")
    ap.add_argument("--profile", action="store_true", help="only where an article's time goes in claimx -w 1")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    claimx = str(BIN / "claimx")
    model = model_name()
    tmp = Path(tempfile.mkdtemp(prefix="claimx-bench-"))
    corpus = opts.corpus or [ROOT / "samples"]
    try:
        if opts.report_only:
            fig = {
                "seed": float(opts.report_seed),
                **measure_report(claimx, corpus, opts.report_seed, opts.mem[1], tmp),
            }
            return report(opts, model, fig, lambda: report_rows(fig, opts.mem[1]))
        if opts.long_only:
            fig = {"long_kb": float(opts.long_kb), **measure_long(claimx, corpus, opts.long_kb, tmp)}
            return report(opts, model, fig, lambda: [long_row(fig, opts.long_kb)])
        sets = build_sets(corpus, {opts.n} if opts.profile else {opts.n, *opts.mem}, tmp)
        d, out = sets[opts.n], tmp / "out.jsonl"
        if opts.profile:
            return print_profile(d, opts.json)
        print(f"model {model}; {opts.n} articles of ~950 tokens from {', '.join(map(str, corpus))}", file=sys.stderr)
        fig = {"load_before": float(load_average())}
        fig.update(
            measure_throughput(throughput_runs(claimx, model, d, out, opts.workers, opts.dask_only), opts.repeat)
        )
        fig.update(measure_dask(claimx, d, out, opts.workers, tmp))
        if not opts.dask_only:
            fig.update(measure_rest(claimx, model, sets, opts, tmp))
        fig["load_after"] = float(load_average())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    n, w = opts.n, opts.workers
    if opts.dask_only:
        claimx_w = (f"claimx -w {w}, {n} articles", *timed(fig, "claimx_w", n), "")
        return report(opts, model, fig, lambda: [claimx_w, dask_row(fig, n, w)])
    default = subprocess.run(
        [sys.executable, "-c", DEFAULT_BATCH, model], capture_output=True, text=True, check=True
    ).stdout.strip()
    ratios = ratios_of(fig)
    rows = [*main_rows(fig, ratios, n, w, default), long_row(fig, opts.long_kb), dask_row(fig, n, w)]
    return report(opts, model, {**fig, **ratios}, lambda: [*rows, *other_rows(fig, ratios, opts.mem)])


def report(
    opts: argparse.Namespace, model: str, fig: dict[str, float], rows: Callable[[], list[tuple[str, ...]]]
) -> int:
    """Print the figures as JSON (--json) or as the README's table, with the load before and after."""
    if opts.json:
        print(json.dumps({"articles": opts.n, "workers": opts.workers, "model": model, **fig}, indent=2))
        return 0
    print_table(rows())
    if "load_before" in fig:
        print(f"\nload average {fig['load_before']:.2f} before, {fig['load_after']:.2f} after; {opts.repeat} round(s)")
    return 0


# --- profile ------------------------------------------------------------------------------------------

# Stages of claimx's own work outside the pipeline, in the order a chunk runs them (`batch.chunks.run_chunk`).
BEFORE_PIPES = ("read", "make_doc")
AFTER_PIPES = ("to_record", "fingerprint", "JSON")
ENTITY_PIPE = "claimx_entities"


@contextmanager
def clocked(spent: dict[str, float], name: str) -> Iterator[None]:
    """Add the CPU seconds of the block to spent[name]."""
    t0 = time.process_time()
    try:
        yield
    finally:
        spent[name] = spent.get(name, 0.0) + time.process_time() - t0


@contextmanager
def timed_passes(spent: dict[str, float]) -> Iterator[None]:
    """While it lasts, every pass of the entity typer's PASSES table adds its CPU seconds to
    spent["claimx_entities: NAME"] (the typer reads the table at each call)."""
    from dataclasses import replace

    from claimx.nlp.entities import typer

    def clock(step: typer.Pass) -> typer.Pass:
        def run(spans: Any, ctx: Any) -> Any:
            with clocked(spent, f"{ENTITY_PIPE}: {step.name}"):
                return step.run(spans, ctx)

        return replace(step, run=run)

    table = typer.PASSES
    typer.PASSES = tuple(clock(step) for step in table)
    try:
        yield
    finally:
        typer.PASSES = table


def profile_claimx(folder: Path) -> tuple[int, dict[str, float]]:
    """CPU seconds of each stage of claimx's work over the articles of `folder`, chunk by chunk as `claimx
    extract -w 1` runs them (the same chunk size and memory zones), each pipe over the whole chunk and
    each pass of the entity typer on its own."""
    from claimx.batch.chunks import MAX_CHUNK, vocabulary_zone
    from claimx.extraction import make_doc, to_record
    from claimx.inputs.collect import read_article
    from claimx.inputs.fingerprint import article_fingerprint
    from claimx.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    paths = [str(p) for p in sorted(folder.glob("*.txt"))]
    spent: dict[str, float] = dict.fromkeys([*BEFORE_PIPES, *nlp.pipe_names, *AFTER_PIPES], 0.0)
    with timed_passes(spent):
        for i in range(0, len(paths), MAX_CHUNK):
            with vocabulary_zone(nlp)():
                profile_chunk(
                    nlp, paths[i : i + MAX_CHUNK], spent, (read_article, make_doc, to_record, article_fingerprint)
                )
    return len(paths), spent


def profile_chunk(nlp: Any, paths: list[str], spent: dict[str, float], steps: tuple[Any, ...]) -> None:
    """One chunk of `profile_claimx`: its articles read, made Docs, through each pipe, made records."""
    read_article, make_doc, to_record, article_fingerprint = steps
    with clocked(spent, "read"):
        articles = [read_article(p, None) for p in paths]
    with clocked(spent, "make_doc"):
        docs = [make_doc(nlp, a) for a in articles]
    for name, pipe in nlp.pipeline:
        with clocked(spent, name):  # claimx's pipes have no .pipe: nlp.pipe calls them Doc by Doc
            docs = list(pipe.pipe(docs, batch_size=len(docs))) if hasattr(pipe, "pipe") else list(map(pipe, docs))
    with clocked(spent, "to_record"):
        records = [to_record(doc, a) for doc, a in zip(docs, articles, strict=True)]
    with clocked(spent, "fingerprint"):
        [article_fingerprint(a) for a in articles]
    with clocked(spent, "JSON"):
        [json.dumps(r.to_dict(), ensure_ascii=False) for r in records]


def print_profile(folder: Path, as_json: bool) -> int:
    """Print `profile_claimx` as milliseconds per article: the model's pipes, then claimx's stages with
    the entity typer's passes under it, and claimx's ten largest costs."""
    n, spent = profile_claimx(folder)
    ms = {name: 1000 * s / n for name, s in spent.items()}
    passes = {k: v for k, v in ms.items() if k.startswith(f"{ENTITY_PIPE}: ")}
    if ENTITY_PIPE in ms:
        passes[f"{ENTITY_PIPE}: the rest (model names, filter_spans, acronyms)"] = ms[ENTITY_PIPE] - sum(
            passes.values()
        )
    stages = {k: v for k, v in ms.items() if k not in passes}
    model = {k: v for k, v in stages.items() if k not in (*BEFORE_PIPES, *AFTER_PIPES) and not k.startswith("claimx")}
    own = {k: v for k, v in stages.items() if k not in model}
    if as_json:
        print(json.dumps({"articles": n, "ms_per_article": {**stages, **passes}}, indent=2))
        return 0
    print(f"| stage | ms per article (CPU, {n} articles, chunks of 8 as -w 1) |\n|---|---|")
    for name, v in [*model.items(), *own.items()]:
        print(f"| {name} | {v:.2f} |")
        if name == ENTITY_PIPE:
            for sub, w in passes.items():
                print(f"| &nbsp;&nbsp;{sub.split(': ', 1)[1]} | {w:.2f} |")
    print(f"| **the model's pipes** | {sum(model.values()):.1f} |")
    print(f"| **claimx's own work** | {sum(own.values()):.1f} |")
    top = sorted([*((k, v) for k, v in own.items() if k != ENTITY_PIPE), *passes.items()], key=lambda kv: -kv[1])
    print("\nclaimx's largest costs: " + "; ".join(f"{k} {v:.2f} ms" for k, v in top[:10]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
