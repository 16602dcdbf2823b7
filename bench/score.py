"""claimx against the raw model on every shared corpus, in one table (`make score`).

For each corpus (the dev set `../shared/eval/dev` and every folder of `../shared/bench/` that holds
`NAME.gold.json` files) it runs the shared scorer twice: on claimx (one `claimx extract` run per
publication date, `score.py --batch-cmd`) and on the raw-model baseline (`baseline.py`: spaCy's NER,
dateparser, regex quotes; textacy quotes too when textacy is installed). Baseline predictions are
cached under `.cache/score/` per model, since the raw model does not change between runs.

  python bench/score.py                       # every corpus, the default model
  python bench/score.py --corpus dev polnear-dev
  python bench/score.py --claimx-args "--model en_core_web_md"    # anything extract accepts
  python bench/score.py --json                # machine-readable
  python bench/score.py --gate bench/floors.json      # CI: claimx only; exit 1 if a figure is below its floor
  python bench/score.py --write-floors bench/floors.json   # after an improvement: raise the floors
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    """The shared evaluation folder: $CLAIMX_SHARED, else ../shared beside the checkout, else /work/shared
    (where a CI checkout elsewhere on this machine finds it)."""
    for candidate in (os.environ.get("CLAIMX_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "eval" / "score.py").is_file():
            return Path(candidate)
    return ROOT.parent / "shared"


SHARED = _shared()
SCORER = SHARED / "eval" / "score.py"
BASELINE = SHARED / "eval" / "baseline.py"
CACHE = ROOT / ".cache" / "score"
ROWS = [
    ("person", "f1", "person F1"),
    ("organization", "f1", "organisation F1"),
    ("place", "f1", "place F1"),
    ("date", "f1", "date F1"),
    ("rank", "acc", "rank accuracy"),
    ("value", "acc", "date value accuracy"),
    ("quote", "f1", "quote F1"),
    ("speaker", "acc", "speaker accuracy"),
]


def corpora(names: list[str] | None) -> list[Path]:
    """The dev set and the benchmark folders, optionally only those named."""
    found = [SHARED / "eval" / "dev", *sorted(p for p in (SHARED / "bench").iterdir() if p.is_dir())]
    found = [p for p in found if any(p.glob("*.gold.json"))]
    if names:
        found = [p for p in found if p.name in names]
    return found


def score(args: list[str], corpus: Path) -> dict:
    """The scorer's JSON summary for one corpus."""
    out = subprocess.run(
        [sys.executable, str(SCORER), "--json", *args, str(corpus)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def claimx_summary(corpus: Path, claimx: str, extra: str) -> dict:
    cmd = f"{shlex.quote(claimx)} extract {{files}} -f jsonl -q --published {{published}} {extra}".strip()
    return score(["--batch-cmd", cmd], corpus)


def baseline_summary(corpus: Path, python: str, model: str | None, quotes: str) -> dict:
    """Score the raw model, computing its predictions once per corpus, model and quote finder."""
    pred = CACHE / f"{model or 'default'}-{quotes}" / corpus.name
    newest = max(p.stat().st_mtime for p in corpus.iterdir())
    if not pred.is_dir() or pred.stat().st_mtime < newest:
        pred.mkdir(parents=True, exist_ok=True)
        cmd = [python, str(BASELINE), "--quotes", quotes, "--out", str(pred), str(corpus)]
        if model:
            cmd += ["--model", model]
        subprocess.run(cmd, capture_output=True, text=True, check=True)
        pred.touch()
    return score(["--predictions", str(pred)], corpus)


def value(summary: dict, key: str, field: str) -> float | None:
    metric = summary["metrics"].get(key)
    return None if metric is None else metric.get(field)


def figures(summary: dict) -> dict[str, float]:
    """The figures of one claimx summary that a corpus has gold for, by ROWS label."""
    out = {}
    for key, field, label in ROWS:
        got = value(summary, key, field)
        if got is not None:
            out[label] = round(got, 3)
    return out


def gate(results: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """One line per figure below its floor (a corpus or figure in the floors but not scored counts too)."""
    failures = []
    for corpus, wanted in sorted(floors.items()):
        got = results.get(corpus)
        if got is None:
            failures.append(f"{corpus}: not scored (is ../shared/bench/{corpus} there?)")
            continue
        for label, floor in wanted.items():
            now = got.get(label)
            if now is None or now < floor:
                failures.append(f"{corpus} {label}: {now if now is not None else 'missing'} < floor {floor:.3f}")
    return failures


def run_gate(opts: argparse.Namespace, floors_path: Path, write: bool) -> int:
    """Score claimx on every corpus of the floors file; compare, or write the figures as new floors."""
    floors = json.loads(floors_path.read_text()) if floors_path.exists() else {}
    if not SCORER.is_file():
        print(f"corpus gate skipped: no shared corpora at {SHARED} (set CLAIMX_SHARED)", file=sys.stderr)
        return 0
    names = opts.corpus or (None if write else list(floors))
    if opts.corpus and not write:
        floors = {k: v for k, v in floors.items() if k in opts.corpus}
    results: dict[str, dict[str, float]] = {}
    for corpus in corpora(names):
        t0 = time.monotonic()
        results[corpus.name] = figures(claimx_summary(corpus, opts.claimx, opts.claimx_args))
        print(f"scored {corpus.name} in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    if write:
        floors.update(results)
        floors_path.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n")
        print(f"wrote {floors_path}")
        return 0
    print("| corpus | metric | claimx | floor |")
    print("| --- | --- | --- | --- |")
    for corpus, wanted in sorted(floors.items()):
        for label, floor in wanted.items():
            now = results.get(corpus, {}).get(label)
            shown = f"{now:.3f}" if now is not None else "-"
            mark = "" if now is not None and now >= floor else "  << below floor"
            print(f"| {corpus} | {label} | {shown} | {floor:.3f} |{mark}")
    failures = gate(results, floors)
    for line in failures:
        print(f"corpus gate: {line}", file=sys.stderr)
    if failures:
        print(
            f"corpus gate: {len(failures)} figure(s) fell below {floors_path}; find the change that lowered them "
            "(python bench/score.py --corpus NAME, score.py --verbose)",
            file=sys.stderr,
        )
        return 1
    print(f"corpus gate: every figure at or above its floor ({floors_path})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", nargs="*", help="only these corpora (folder names)")
    ap.add_argument("--claimx", default=str(ROOT / ".venv" / "bin" / "claimx"))
    ap.add_argument(
        "--python", default=str(ROOT / ".venv" / "bin" / "python"), help="Python with spaCy for the baseline"
    )
    ap.add_argument("--claimx-args", default="", help="extra options for claimx extract (--model, ...)")
    ap.add_argument("--model", help="spaCy model of the baseline (default: baseline.py's)")
    ap.add_argument("--no-baseline", action="store_true", help="score claimx only")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--gate", type=Path, metavar="FLOORS", help="claimx only; exit 1 if a figure is below FLOORS")
    ap.add_argument("--write-floors", type=Path, metavar="FLOORS", help="claimx only; write the figures as floors")
    opts = ap.parse_args(argv)
    if opts.gate or opts.write_floors:
        return run_gate(opts, opts.gate or opts.write_floors, write=opts.write_floors is not None)
    has_textacy = subprocess.run([opts.python, "-c", "import textacy"], capture_output=True).returncode == 0
    quote_finders = ["regex"] + (["textacy"] if has_textacy else [])
    results: dict[str, dict[str, dict]] = {}
    for corpus in corpora(opts.corpus):
        t0 = time.monotonic()
        row = {"claimx": claimx_summary(corpus, opts.claimx, opts.claimx_args)}
        if not opts.no_baseline:
            for q in quote_finders:
                row[f"raw model ({q} quotes)"] = baseline_summary(corpus, opts.python, opts.model, q)
        results[corpus.name] = row
        print(f"scored {corpus.name} in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    if opts.json:
        print(
            json.dumps(
                {
                    c: {k: {"metrics": v["metrics"], "overall": v["overall"]} for k, v in r.items()}
                    for c, r in results.items()
                },
                indent=1,
            )
        )
        return 0
    systems = list(next(iter(results.values())).keys()) if results else []
    header = ["corpus", "metric", *systems, "claimx - raw"]
    lines = [header, ["---"] * len(header)]
    for name, row in results.items():
        for key, field, label in ROWS:
            got = {s: value(row[s], key, field) for s in systems}
            if all(v is None for v in got.values()):
                continue
            cells = [f"{v:.3f}" if v is not None else "-" for v in got.values()]
            raw = got.get("raw model (regex quotes)")
            if key in ("quote", "speaker") and has_textacy:
                raw = max(v for k, v in got.items() if k != "claimx" and v is not None)
            delta = "" if raw is None or got["claimx"] is None else f"{got['claimx'] - raw:+.3f}"
            lines.append([name, label, *cells, delta])
    for line in lines:
        print("| " + " | ".join(line) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
