"""What each rule family of `claimx_entities` contributes, per corpus: claimx with every family on,
then with one family switched off at a time (the component's `disabled` config), scored by the shared
scorer. A positive "contribution" means the family helps on that corpus; a negative one means it hurts
there and needs narrowing. The families, in the order their passes first run, come from the component's
table of passes (`claimx.nlp.entities.typer.PASSES`, described by RULE_FAMILIES).

  python bench/ablate.py                                  # dev and re3d, every family
  python bench/ablate.py --list                           # the families and what each decides
  python bench/ablate.py --corpus dev re3d timebank --family headings date_spans
  python bench/ablate.py --model en_core_web_md
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
METRICS = [
    ("person", "f1", "person F1"),
    ("organization", "f1", "org F1"),
    ("place", "f1", "place F1"),
    ("date", "f1", "date F1"),
    ("rank", "acc", "rank acc"),
    ("value", "acc", "value acc"),
]


def corpus_dir(name: str) -> Path:
    return SHARED / "eval" / "dev" if name == "dev" else SHARED / "bench" / name


def predict(nlp, corpus: Path, out: Path) -> None:
    """Write claimx's record for every article of the corpus as out/NAME.json."""
    from claimx.extraction import extract
    from claimx.inputs.article import make_article
    from claimx.inputs.published import parse_published

    articles = []
    for txt in sorted(corpus.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        articles.append(make_article(txt.read_text(encoding="utf-8"), str(txt), parse_published(gold.get("published"))))
    out.mkdir(parents=True, exist_ok=True)
    for article, record in zip(articles, extract(articles, nlp), strict=True):
        name = Path(article.source).stem
        (out / f"{name}.json").write_text(json.dumps(record.to_dict(), default=str), encoding="utf-8")


def score(corpus: Path, pred: Path) -> dict:
    res = subprocess.run(
        [sys.executable, str(SCORER), "--json", "--predictions", str(pred), str(corpus)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(res.stdout)["metrics"]


def main(argv: list[str] | None = None) -> int:
    from claimx.nlp.entities.typer import RULE_FAMILIES
    from claimx.nlp.pipeline import load_pipeline

    ap = argparse.ArgumentParser(description=__doc__.split(":")[0] + ".")
    ap.add_argument("--corpus", nargs="*", default=["dev", "re3d"])
    ap.add_argument("--family", nargs="*", default=list(RULE_FAMILIES), help="families to switch off, one at a time")
    ap.add_argument("--model", default=None)
    ap.add_argument("--list", action="store_true", help="print the families and what each decides, then stop")
    opts = ap.parse_args(argv)
    if opts.list:
        for family, decides in RULE_FAMILIES.items():
            print(f"{family}: {decides}")
        return 0
    unknown = [f for f in opts.family if f not in RULE_FAMILIES]
    if unknown:
        ap.error(f"unknown rule families {unknown}; known: {', '.join(RULE_FAMILIES)}")
    nlp = load_pipeline(opts.model)
    typer = nlp.get_pipe("claimx_entities")
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in opts.corpus:
            corpus = corpus_dir(name)
            t0 = time.monotonic()
            results: dict[str, dict] = {}
            for family in ["(none)", *opts.family]:
                typer.disabled = frozenset() if family == "(none)" else frozenset({family})
                pred = Path(tmp) / name / family
                predict(nlp, corpus, pred)
                results[family] = score(corpus, pred)
            typer.disabled = frozenset()
            full = results["(none)"]
            for key, field, label in METRICS:
                base = (full.get(key) or {}).get(field)
                if base is None:
                    continue
                cells = []
                for family in opts.family:
                    off = (results[family].get(key) or {}).get(field)
                    cells.append("" if off is None else f"{base - off:+.3f}")
                rows.append([name, label, f"{base:.3f}", *cells])
            print(f"ablated {name} in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    header = ["corpus", "metric", "all on", *[f"{f} (off: -)" for f in opts.family]]
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
