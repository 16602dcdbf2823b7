"""How well `duplicate_of` separates syndicated copies from different articles (README, "Syndicated copies").

Reads every article of the shared corpora (`../shared/eval/dev`, `../shared/bench/*`) at run time and
copies no text anywhere. It measures:

- different articles: the exact Jaccard similarity of the 5-word shingles (and, for comparison, of
  3-word ones) of every pair of distinct articles, and how many pairs the tracer calls copies
  (false positives);
- invented copies: each article changed the way a republisher changes a wire story (a new headline,
  a share line added, a wire credit and byline added, the closing paragraph dropped, all of these at
  once), and how many the tracer finds (recall), by the article's length.

    python bench/near_duplicates.py
    python bench/near_duplicates.py --quotes out.jsonl   # after: claimx extract CORPUS... -o out.jsonl

With `--quotes`, it measures the quote groups instead: over the quotes of a claimx JSONL output, every
pair of quotes of one speaker in different articles, scored as `output.trace` scores them.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimx.inputs import fingerprint as fp  # noqa: E402
from claimx.output.trace import DUPLICATE_THRESHOLD, Tracer  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from score import SHARED  # noqa: E402

# Invented lines a republisher adds; none comes from any corpus. Each article is given the first
# headline, and its copy the second, since the corpora's texts mostly start without one.
HEADLINE = "Officials confirm plans as talks continue into a second week"
OTHER_HEADLINE = "Talks go on for a second week, officials say"
SHARE = "Share this story: follow us for more updates and sign up for the morning briefing newsletter."
CREDIT = "By a staff correspondent with wire services\n\n(Newswire) - "


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()] or [text]


def _new_headline(text: str) -> str:
    return f"{OTHER_HEADLINE}\n\n{text.removeprefix(HEADLINE + chr(10) * 2)}"


def _drop_last_paragraph(text: str) -> str:
    paras = _paragraphs(text)
    return "\n\n".join(paras[:-1]) if len(paras) >= 4 else text


CHANGES: dict[str, Callable[[str], str]] = {
    "new headline": _new_headline,
    "share line added": lambda t: f"{t.rstrip()}\n\n{SHARE}\n",
    "wire credit and byline added": lambda t: CREDIT + t,
    "closing paragraph dropped (of 4 or more)": _drop_last_paragraph,
    "all of these": lambda t: CREDIT + _drop_last_paragraph(_new_headline(t)).rstrip() + f"\n\n{SHARE}\n",
}


def corpus_texts() -> dict[str, str]:
    """Every .txt article of the shared corpora, by name."""
    folders = [SHARED / "eval" / "dev", *sorted(p for p in (SHARED / "bench").glob("*") if p.is_dir())]
    return {
        f"{f.name}/{p.name}": p.read_text(encoding="utf-8", errors="replace")
        for f in folders
        for p in sorted(f.glob("*.txt"))
    }


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def different_pairs(texts: dict[str, str], size: int) -> None:
    sets = {name: fp.shingles(t, size) for name, t in texts.items()}
    scores = sorted(
        ((jaccard(sets[a], sets[b]), a, b) for a, b in itertools.combinations(sets, 2)),
        reverse=True,
    )
    print(f"\n{len(texts)} different articles, {len(scores)} pairs, {size}-word shingles (exact Jaccard):")
    for cut in (0.1, 0.3, 0.5, 0.8):
        print(f"  pairs >= {cut}: {sum(1 for s, _, _ in scores if s >= cut)}")
    for s, a, b in scores[:3]:
        print(f"  highest: {s:.3f}  {a}  {b}")


def tracer_false_positives(texts: dict[str, str]) -> None:
    tracer = Tracer()
    copies = []
    for name, text in texts.items():
        found, _ = tracer.decide(name, fp.fingerprint(text), [])
        if found is not None:
            copies.append((name, found))
    print(f"\ntracer over the {len(texts)} articles in order: {len(copies)} called copies (false positives)")
    for name, first in copies:
        print(f"  {name} -> {first}")


def invented_copies(texts: dict[str, str]) -> None:
    texts = {name: f"{HEADLINE}\n\n{text}" for name, text in texts.items()}
    print(f"\ninvented copies: found at estimated Jaccard >= {DUPLICATE_THRESHOLD} (exact Jaccard: min / median)")
    bands = ((0, 100), (100, 300), (300, 10**9))
    print(
        "| change | " + " | ".join(f"{lo}-{hi if hi < 10**9 else ''} words" for lo, hi in bands) + " | min | median |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    sweep: list[tuple[str, list[float]]] = []
    for change, apply in CHANGES.items():
        found = {band: [0, 0] for band in bands}
        exact = []
        for name, text in texts.items():
            tracer = Tracer()
            tracer.decide(name, fp.fingerprint(text), [])
            copy = apply(text)
            hit, _ = tracer.decide(name + "#copy", fp.fingerprint(copy), [])
            n = len(fp.words(text))
            band = next(b for b in bands if b[0] <= n < b[1])
            found[band][0] += hit is not None
            found[band][1] += 1
            exact.append(jaccard(fp.shingles(text), fp.shingles(copy)))
        exact.sort()
        sweep.append((change, exact))
        cells = [f"{f}/{t}" if t else "-" for f, t in found.values()]
        print(f"| {change} | " + " | ".join(cells) + f" | {exact[0]:.2f} | {exact[len(exact) // 2]:.2f} |")
    print("\nshare of the invented copies at or above an exact Jaccard of:")
    print("| change | 0.6 | 0.7 | 0.8 | 0.9 |\n| --- | --- | --- | --- | --- |")
    for change, exact in sweep:
        print(
            f"| {change} | "
            + " | ".join(f"{sum(j >= t for j in exact) / len(exact):.2f}" for t in (0.6, 0.7, 0.8, 0.9))
            + " |"
        )


def quote_pairs(path: Path) -> None:
    import json

    from rapidfuzz import fuzz

    from claimx.output.grouping import tokens
    from claimx.output.trace import QUOTE_PART_WORDS, QUOTE_SIMILARITY, same_speaker

    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    quotes = [
        (n, tokens(c["speaker"]) if c["speaker"] else (), fp.words(c["text"]))
        for n, r in enumerate(recs)
        for c in r["claims"]
        if c["type"] == "quote"
    ]
    scores = []
    for (na, sa, wa), (nb, sb, wb) in itertools.combinations(quotes, 2):
        if na == nb or not wa or not wb or not same_speaker(sa, sb):
            continue
        a, b = " ".join(wa), " ".join(wb)
        score = fuzz.ratio(a, b)
        if min(len(wa), len(wb)) >= QUOTE_PART_WORDS:
            score = max(score, fuzz.partial_ratio(a, b))
        scores.append(score)
    scores.sort(reverse=True)
    passed = sum(s >= QUOTE_SIMILARITY for s in scores)
    print(f"{len(recs)} articles, {len(quotes)} quotes, {len(scores)} pairs of one speaker in different articles")
    following = [round(s) for s in scores[passed : passed + 3]]
    print(f"pairs at {QUOTE_SIMILARITY:g} or more: {passed}; the next scores: {following}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=Path, help="a claimx JSONL output: measure the quote groups on its quotes")
    args = parser.parse_args()
    if args.quotes:
        quote_pairs(args.quotes)
        return
    texts = corpus_texts()
    if not texts:
        sys.exit(f"no shared corpora at {SHARED} (set CLAIMX_SHARED)")
    different_pairs(texts, fp.SHINGLE_WORDS)
    different_pairs(texts, 3)
    tracer_false_positives(texts)
    invented_copies(texts)


if __name__ == "__main__":
    main()
