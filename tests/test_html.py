"""The HTML view (`-f html`, `claimx.render_html`): every article's text with its mentions and claims
marked, side tables, an index for several articles; self-contained and escaped. Checked with the
standard library's HTML parser; the real-browser check is in test_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.output.formats import Format
from claimx.run import RunOptions, run_extract

TEXT = 'date 2025-11-25 KARACHI: Rear Adm. Lina Park said "the exercise will go ahead as planned" on Sunday.\n'


@pytest.fixture
def blank_pipeline(monkeypatch, blank_nlp):
    """No model: load_pipeline gives the blank pipeline with claimx's parts; runs stay in this process."""
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- records keep their text -----------------------------------------------------------------------


def test_keep_text_puts_the_text_in_the_record_of_every_kind_of_input(blank_pipeline, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "line1", "text": "Commodore Dana Whitfield spoke."}) + "\n")
    out = tmp_path / "out.jsonl"
    summary = run_extract(RunOptions(paths=[str(tmp_path)], fmt=Format.jsonl, output=out, keep_text=True))
    assert summary.done == 2 and summary.failed == 0
    texts = {r["source"].rsplit("/", 1)[-1]: r.get("text") for r in _records(out)}
    assert texts == {"a.txt": TEXT, "line1": "Commodore Dana Whitfield spoke."}


def test_without_keep_text_a_text_file_has_no_text_in_its_record(blank_pipeline, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_extract(RunOptions(paths=[str(tmp_path / "a.txt")], fmt=Format.jsonl, output=out))
    assert "text" not in _records(out)[0]


def test_keep_text_keeps_the_whole_text_of_an_input_done_in_pieces(blank_pipeline, tmp_path, monkeypatch) -> None:
    import claimx.extraction

    monkeypatch.setattr(claimx.extraction, "PIECE_CHARS", 120)
    long = "".join(f"Paragraph {i}: Commodore Dana Whitfield met the harbour board.\n\n" for i in range(12))
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_extract(RunOptions(paths=[str(tmp_path / "long.txt")], fmt=Format.jsonl, output=out, keep_text=True))
    (record,) = _records(out)
    assert record["text"] == long and record["length"] == len(long)
