"""claimx benchmark: claimx against plain `nlp.pipe` with the same model, on the same texts, in one run.

    python bench/bench.py                 # 300 articles for throughput, 20 vs 2000 for memory
    python bench/bench.py -n 100 --mem 20 200 --corpus ../some/folder
    python bench/bench.py --dask-only     # just -w W against a local Dask cluster of W workers
    python bench/bench.py --long-only     # just one long article, -w 1 against -w 2
    python bench/bench.py --report-only   # just claimx report over a 2,000-article archive

Every measurement runs in a fresh subprocess, timed end to end (start-up and model load included),
and its peak memory is the largest resident set of that process or any of its worker processes
(from `wait4`). Articles are built from the texts of the corpus folders (default: samples/),
concatenated to about 950 tokens each and numbered so that no two are identical.
The reference is plain `nlp.pipe` with claimx's own batch size (`claimx.batch.chunks.MAX_CHUNK`), so the
ratio is what claimx adds on the same batches; plain spaCy with batch_size=16 is shown too.
With claimx[dask] installed (`make dask`), the same articles also run on a Dask cluster on loopback:
a scheduler and W single-threaded worker processes started with Dask's own `dask scheduler` and
`dask worker` commands (as a user would start them; their start-up is not timed, since a cluster is
a service that is already running), then `claimx extract DIR --scheduler ADDRESS` timed end to end,
including the workers' model load. Its memory figure is the client's alone.
One long article (--long-kb, default 600 KB, built from the same texts) is run with -w 1 and -w 2:
its pieces (claimx.extractor.PIECE_CHARS) go to both workers, so the ratio is the speed-up of one
long input on two cores, and the two outputs must be the same bytes.
`claimx report` is timed over an archive of --mem LARGE (2,000) records, as a JSONL run and as a
SQLite database: the records of --report-seed (20) bench articles extracted with --keep-text, over
again with a source of their own each (so the people and quotes of the seed recur in every 20th
article), with and without their texts; the report is then opened in headless Chromium
(`tests/browser.py`) and its screenshot must not be blank.
Nothing here is asserted: the figures go to stdout for the README, and the targets are printed
next to them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

PLAIN = """
import sys, pathlib, spacy
model, folder, n_process, batch = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
nlp = spacy.load(model)
texts = (p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
n = sum(1 for _ in nlp.pipe(texts, batch_size=batch, n_process=n_process))
print(n)
"""

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
    from claimx.extractor import split_points

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
    from claimx.extractor import PIECE_CHARS

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


def main(argv: list[str] | None = None) -> int:
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
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--dask-only", action="store_true", help="only claimx -w W and the same on a local Dask cluster")
    ap.add_argument("--long-kb", type=int, default=600, help="size of the one long article (default 600 KB)")
    ap.add_argument("--long-only", action="store_true", help="only the long article, -w 1 against -w 2")
    ap.add_argument("--report-only", action="store_true", help="only claimx report over an archive of --mem LARGE")
    ap.add_argument("--report-seed", type=int, default=20, help="articles extracted for that archive (default 20)")
    opts = ap.parse_args(argv)

    claimx = str(BIN / "claimx")
    model = model_name()
    tmp = Path(tempfile.mkdtemp(prefix="claimx-bench-"))
    if opts.report_only:
        try:
            fig_report = measure_report(claimx, opts.corpus or [ROOT / "samples"], opts.report_seed, opts.mem[1], tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if opts.json:
            print(json.dumps({"articles": opts.mem[1], "seed": opts.report_seed, **fig_report}, indent=2))
            return 0
        print("| run | time | articles/s | peak memory | ratio |\n|---|---|---|---|---|")
        for r in report_rows(fig_report, opts.mem[1]):
            print("| " + " | ".join(r) + " |")
        return 0
    if opts.long_only:
        try:
            fig_long = measure_long(claimx, opts.corpus or [ROOT / "samples"], opts.long_kb, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if opts.json:
            print(json.dumps({"long_kb": opts.long_kb, "model": model, **fig_long}, indent=2))
            return 0
        print("| run | time | articles/s | peak memory | ratio |\n|---|---|---|---|---|")
        print("| " + " | ".join(long_row(fig_long, opts.long_kb)) + " |")
        return 0
    try:
        corpus = opts.corpus or [ROOT / "samples"]
        big = max(opts.n, *opts.mem)
        build_corpus(corpus, big, tmp / "all")
        sets: dict[int, Path] = {}
        for k in {opts.n, *opts.mem}:
            d = tmp / f"n{k}"
            d.mkdir()
            for p in sorted((tmp / "all").glob("*.txt"))[:k]:
                os.link(p, d / p.name)
            sets[k] = d
        n, d = opts.n, sets[opts.n]
        out = tmp / "out.jsonl"
        plain = [sys.executable, "-c", PLAIN, model, str(d)]
        fig: dict[str, float] = {}
        print(f"model {model}; {n} articles of ~950 tokens from {', '.join(map(str, corpus))}", file=sys.stderr)
        from claimx.batch.chunks import MAX_CHUNK  # claimx's nlp.pipe batch: the like-for-like reference

        batch = str(MAX_CHUNK)
        nw = str(opts.workers)
        if not opts.dask_only:
            fig["plain_1_s"], fig["plain_1_mib"] = run([*plain, "1", batch])
            fig["plain_16_s"], fig["plain_16_mib"] = run([*plain, "1", "16"])
            fig["claimx_1_s"], fig["claimx_1_mib"] = run([claimx, "extract", str(d), "-o", str(out), "-q", "-w", "1"])
            fig["plain_w_s"], fig["plain_w_mib"] = run([*plain, nw, batch])
        fig["claimx_w_s"], fig["claimx_w_mib"] = run([claimx, "extract", str(d), "-o", str(out), "-q", "-w", nw])
        with dask_cluster(opts.workers, tmp) as address:
            if address is not None:
                fig["dask_s"], fig["dask_client_mib"] = run(
                    [claimx, "extract", str(d), "-o", str(tmp / "dask.jsonl"), "-q", "--scheduler", address]
                )
                fig["dask_same_output"] = float((tmp / "dask.jsonl").read_bytes() == out.read_bytes())
        if not opts.dask_only:
            small, large = opts.mem
            _, fig["mem_small_mib"] = run([claimx, "extract", str(sets[small]), "-o", str(out), "-q"])
            _, fig["mem_large_mib"] = run([claimx, "extract", str(sets[large]), "-o", str(out), "-q"])
            one = sorted(d.glob("*.txt"))[0]
            fig["help_s"] = best([claimx, "--help"], 5)
            fig["one_claimx_s"] = best([claimx, "extract", str(one), "-f", "json", "-o", str(out)], 3)
            fig["one_spacy_s"] = best([sys.executable, "-c", ONE_SHOT, model, str(one)], 3)
            fig.update(measure_long(claimx, corpus, opts.long_kb, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    w = opts.workers
    dask_row = (
        (
            f"claimx --scheduler: local Dask cluster, {w} worker processes",
            f"{fig['dask_s']:.1f} s",
            f"{n / fig['dask_s']:.1f}/s",
            f"{fig['dask_client_mib']:.0f} MiB (client)",
            f"{fig['claimx_w_s'] / fig['dask_s']:.2f} of -w {w} (target >= 0.80); "
            + ("same output" if fig["dask_same_output"] else "OUTPUT DIFFERS"),
        )
        if "dask_s" in fig
        else ("claimx --scheduler", "", "", "", "not run: Dask is not installed (make dask)")
    )
    claimx_w_row = (
        f"claimx -w {w}, {n} articles",
        f"{fig['claimx_w_s']:.1f} s",
        f"{n / fig['claimx_w_s']:.1f}/s",
        f"{fig['claimx_w_mib']:.0f} MiB",
        f"{fig['claimx_1_s'] / fig['claimx_w_s']:.2f} x one worker (target >= 1.6)" if "claimx_1_s" in fig else "",
    )
    if opts.dask_only:
        if opts.json:
            print(json.dumps({"articles": n, "workers": w, "model": model, **fig}, indent=2))
            return 0
        print("| run | time | articles/s | peak memory | ratio |\n|---|---|---|---|---|")
        for r in (claimx_w_row, dask_row):
            print("| " + " | ".join(r) + " |")
        return 0
    ratios = {
        "one_worker_vs_plain": fig["plain_1_s"] / fig["claimx_1_s"],
        "all_workers_vs_one": fig["claimx_1_s"] / fig["claimx_w_s"],
        "plain_all_vs_plain_one": fig["plain_1_s"] / fig["plain_w_s"],
        "memory_large_vs_small": fig["mem_large_mib"] / fig["mem_small_mib"],
        "one_file_vs_spacy": fig["one_claimx_s"] / fig["one_spacy_s"],
        "long_two_workers_vs_one": fig["long_1_s"] / fig["long_2_s"],
    }
    if opts.json:
        print(json.dumps({"articles": n, "workers": w, "model": model, **fig, **ratios}, indent=2))
        return 0
    from claimx.batch.chunks import MAX_CHUNK

    rows = [
        (
            f"plain nlp.pipe, 1 process, batch_size={MAX_CHUNK}, {n} articles",
            f"{fig['plain_1_s']:.1f} s",
            f"{n / fig['plain_1_s']:.1f}/s",
            f"{fig['plain_1_mib']:.0f} MiB",
            "reference",
        ),
        (
            "plain nlp.pipe, 1 process, batch_size=16",
            f"{fig['plain_16_s']:.1f} s",
            f"{n / fig['plain_16_s']:.1f}/s",
            f"{fig['plain_16_mib']:.0f} MiB",
            f"claimx -w 1 = {fig['plain_16_s'] / fig['claimx_1_s']:.2f} of this",
        ),
        (
            f"claimx -w 1, {n} articles",
            f"{fig['claimx_1_s']:.1f} s",
            f"{n / fig['claimx_1_s']:.1f}/s",
            f"{fig['claimx_1_mib']:.0f} MiB",
            f"{ratios['one_worker_vs_plain']:.2f} of plain (target >= 0.85)",
        ),
        (
            f"plain nlp.pipe, n_process={w}, batch_size={MAX_CHUNK}",
            f"{fig['plain_w_s']:.1f} s",
            f"{n / fig['plain_w_s']:.1f}/s",
            f"{fig['plain_w_mib']:.0f} MiB",
            f"{ratios['plain_all_vs_plain_one']:.2f} x plain 1 process",
        ),
        claimx_w_row,
        long_row(fig, opts.long_kb),
        dask_row,
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
    print("| run | time | articles/s | peak memory | ratio |\n|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
