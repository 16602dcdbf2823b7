"""Bad input and faults: every messy input, output fault and argument fault gives a clear one-line
message and the documented exit code, never a traceback, and never a corrupt or half-written output."""

from __future__ import annotations

import itertools
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimx.batch.runners import Batch
from claimx.cli import app
from claimx.inputs.decode import decode
from tests.checks import check_record

GOOD = 'General Omar Vance met Admiral Ruth Okafor in Dhaka on Sunday. "We agreed," Vance said.\n'

# name -> (bytes, expected decoded text or None when the file must be refused, words of the reason)
INPUTS: dict[str, tuple[bytes, str | None, str]] = {
    "empty": (b"", "", ""),
    "whitespace-only": (b"  \n\t \r\n  ", "  \n\t \r\n  ", ""),
    "nul-bytes": (b"some text\x00\x00 and \x00 more\x00\x01", None, "NUL bytes"),
    "pdf-renamed": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "a PDF document"),
    "png-renamed": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "a PNG image"),
    "invalid-utf8": ("Vance said “fine” – ".encode() + b"\xff\xfe\xfa" + b" in Dhaka.", "*", ""),
    "utf16-bom": (("\ufeff" + GOOD).encode("utf-16-le"), GOOD, ""),
    "utf16-no-bom": (GOOD.encode("utf-16-le"), GOOD, ""),
    "utf16be-bom": (GOOD.encode("utf-16"), GOOD, ""),
    "cp1252-smart-quotes": ("He said “yes” – and ‘no’ … €5".encode("cp1252"), "He said “yes” – and ‘no’ … €5", ""),
    "latin1": ("Le général à Zürich, façade naïve".encode("latin-1"), "Le général à Zürich, façade naïve", ""),
    "crlf": (GOOD.replace("\n", "\r\n").encode() * 3, GOOD.replace("\n", "\r\n") * 3, ""),
    "cr-only": (GOOD.replace("\n", "\r").encode() * 3, GOOD.replace("\n", "\r") * 3, ""),
    "unbalanced-quotes": ('He said "this never closes. And “another one ” ” " "'.encode(), "*", ""),
    "only-quote-marks": ('"""“”“”‘’\'\'""'.encode(), '"""“”“”‘’\'\'""', ""),
    "only-punctuation": ("!!! ... ??? --- ;;; ((( ))) ,,, «»".encode(), "!!! ... ??? --- ;;; ((( ))) ,,, «»", ""),
    "rtl": ("قال الجنرال عمر إن المحادثات ستستمر. שלום עולם".encode(), "*", ""),
    "cjk": ("国防部长周日在北京会见了将军。「我们同意了」他说。".encode(), "*", ""),
    "emoji": ('General Omar Vance 🎖️ said "we agreed 👍🏽" in Dhaka 🇧🇩.'.encode(), "*", ""),
    "control-chars": (b"General Omar Vance\x07 met\x1b Admiral Ruth Okafor\x0b in Dhaka.\x0c\n", "*", ""),
}


@pytest.fixture
def blank(monkeypatch, blank_nlp):
    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)
    return blank_nlp


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_messy_input(name: str, blank, runner, tmp_path) -> None:
    data, expected, reason = INPUTS[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    result = runner.invoke(app, ["extract", str(path), "-f", "jsonl"])
    assert "Traceback" not in result.stderr
    if expected is None:
        assert result.exit_code == 1 and result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"Error: {path}: ") and reason in line
        return
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    text = decode(data, name)
    if expected != "*":
        assert text == expected
    assert rec["length"] == len(text)
    check_record(rec, text)


def test_messy_folder_processes_every_good_file(blank, runner, tmp_path) -> None:
    for name, (data, _, _) in INPUTS.items():
        (tmp_path / f"{name}.txt").write_bytes(data)
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    bad = sorted(n for n, (_, exp, _) in INPUTS.items() if exp is None)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert [Path(e.split(": ")[1]).stem for e in errors] == bad
    assert len(result.stdout.splitlines()) == len(INPUTS) - len(bad)
    assert f"{len(INPUTS) - len(bad)} articles done, {len(bad)} failed" in result.stderr


@pytest.mark.model
def test_crlf_offsets_with_the_real_model(record_of) -> None:
    lf = GOOD * 2 + '\n"The talks will continue next month," Ruth Okafor told reporters in Karachi.\n'
    for text in (lf.replace("\n", "\r\n"), lf.replace("\n", "\r")):
        rec, ref = record_of(text), record_of(lf)
        check_record(rec, text)
        # Same findings as with LF line ends, only the offsets differ.
        assert [(e["type"], e["name"]) for e in rec["entities"]] == [(e["type"], e["name"]) for e in ref["entities"]]
        assert [(c["type"], c["text"], c["speaker"]) for c in rec["claims"]] == [
            (c["type"], c["text"], c["speaker"]) for c in ref["claims"]
        ]
        assert any(c["speaker"] == "Ruth Okafor" for c in rec["claims"])


def _huge_texts(size: int, line: int) -> tuple[str, str]:
    para = GOOD * 4 + "\n"
    many_paragraphs = (para * (size // len(para) + 1))[:size]
    one_line = (GOOD.replace("\n", " ") * (line // len(GOOD) + 1))[:line]
    return many_paragraphs, one_line


def test_long_article_and_long_line_are_processed_in_pieces(blank_nlp, monkeypatch) -> None:
    import claimx.extraction as ex

    monkeypatch.setattr(ex, "PIECE_CHARS", 1_000)  # the splitting logic, at a size that runs in a second
    for text in _huge_texts(25_000, 12_000):
        assert len(text) > 10 * ex.PIECE_CHARS
        check_record(ex.extract_text(text, blank_nlp).to_dict(), text)  # offsets exact, ids unique


@pytest.mark.slow
def test_huge_article_and_huge_line_are_processed_in_pieces(blank_nlp) -> None:
    from claimx.extraction import PIECE_CHARS, extract_text

    for text in _huge_texts(5_000_000, 2_000_000):
        assert len(text) > 10 * PIECE_CHARS
        check_record(extract_text(text, blank_nlp).to_dict(), text)  # offsets exact, ids unique


@pytest.mark.model
def test_pieces_merge_into_one_record(nlp, monkeypatch) -> None:
    import claimx.extraction as ex

    text = "".join(
        f'General Omar Vance met Admiral Ruth Okafor in Dhaka on Sunday. "We agreed on point {i}," Vance said.\n\n'
        for i in range(30)
    )
    whole = ex.extract_text(text, nlp).to_dict()
    monkeypatch.setattr(ex, "PIECE_CHARS", 600)
    assert len(ex.split_points(text)) > 5
    pieced = ex.extract_text(text, nlp).to_dict()
    check_record(pieced, text)  # also: every speaker, actor and entity id resolves after renumbering
    people = {e["name"]: e for e in pieced["entities"] if e["type"] == "person"}
    assert people["Omar Vance"]["rank"] == "General" and people["Ruth Okafor"]["rank"] == "Admiral"
    quotes = [c for c in pieced["claims"] if c["type"] == "quote"]
    assert len(quotes) == 30 and {q["speaker"] for q in quotes} == {"Omar Vance"}
    assert [q["start"] for q in quotes] == [q["start"] for q in whole["claims"] if q["type"] == "quote"]


def test_split_points_prefer_paragraphs_and_cover_the_text() -> None:
    from claimx.extraction import split_points

    text = ("word " * 30 + "\n\n") * 40
    cuts = split_points(text, 500)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    assert all(0 < b - a <= 500 for a, b in itertools.pairwise(cuts))
    assert all(text[c - 2 : c] == "\n\n" for c in cuts[1:-1])
    assert split_points("x" * 1200, 500) == [0, 500, 1000, 1200]  # no break at all: cut anyway


def test_symlink_loops_in_folders_and_files(blank, runner, tmp_path) -> None:
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "loop")  # a folder that contains itself
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")  # a file symlink loop
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2 and all("cannot be read" in e for e in errors)
    assert len(result.stdout.splitlines()) == 1


def test_unreadable_file_is_named_and_the_batch_goes_on(blank, runner, tmp_path, monkeypatch) -> None:
    import builtins

    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    real_open = builtins.open

    def guarded(file, *a, **k):  # root ignores chmod 000, so the permission error is simulated
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    if os.geteuid() == 0:
        monkeypatch.setattr(builtins, "open", guarded)
    else:
        locked.chmod(0)
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    assert f"Error: {locked}: permission denied; make the file readable" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_file_deleted_between_listing_and_reading(blank, tmp_path) -> None:
    from claimx.inputs.paths import iter_paths

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    paths = list(iter_paths([str(tmp_path)]))
    (tmp_path / "b.txt").unlink()
    outcomes = list(Batch(paths, workers=1))
    assert [o.record is not None for o in outcomes] == [True, False, True]
    assert outcomes[1].error == f"{paths[1]}: no such file; check the path"


# --- output faults -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "sqlite"])
def test_unwritable_output_path(fmt: str, blank, runner, tmp_path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    for target in (blocker / f"out.{fmt}", tmp_path / "missing-dir" / f"out.{fmt}"):
        result = runner.invoke(app, ["extract", str(src), "-f", fmt, "-o", str(target)])
        assert result.exit_code == 1, result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"Error: {target}") and ("choose" in line or "check" in line)
        assert not target.exists()


def _fill_disk_run(args: list[str], limit: int) -> subprocess.CompletedProcess[str]:
    """Run claimx where no file may grow beyond `limit` bytes: what a full disk looks like to a writer."""

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "claimx", *args], capture_output=True, text=True, preexec_fn=small_disk, timeout=300
    )


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl", "sqlite"])
def test_full_disk(fmt: str, tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(8):
        (src / f"a{i}.txt").write_text(GOOD * 20, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    limit = 10_000 if fmt == "csv" else 40_000  # the CSV claims table of these 8 articles is about 26 kB
    res = _fill_disk_run(["extract", str(src), "-f", fmt, "-o", str(out), "-w", "1"], limit)
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    line = next(line for line in res.stderr.splitlines() if line.startswith("Error:"))
    assert str(out) in line
    if fmt in ("json", "csv"):
        assert not out.exists()  # nothing presented as complete
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    elif fmt == "jsonl":
        text = out.read_text(encoding="utf-8")
        assert text == "" or text.endswith("\n")  # whole records only
        assert all(json.loads(x) for x in text.splitlines())
        assert "--resume" in line
    else:
        import sqlite3

        con = sqlite3.connect(out)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert n < 8
        assert con.execute("SELECT COUNT(DISTINCT article_id) FROM claims").fetchone()[0] <= n


# --- argument faults -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["--published", "25/11/2025"], 2, "is not a date; use YYYY-MM-DD"),
        (["--published", "2025-02-30"], 2, "is not a date"),
        (["-f", "xml"], 2, "'xml' is not an output format; use one of: table, json, jsonl, csv, sqlite"),
        (
            ["-o", "out.xyz"],
            2,
            "'.xyz'; use one of .json .jsonl .ndjson .csv .db .sqlite .sqlite3 .html .htm, or give -f",
        ),
        (["-o", "out"], 2, "a name without a suffix"),
        (["--workers", "0"], 2, "--workers"),
        (["--resume"], 2, "--resume needs -o"),
        (["-f", "sqlite"], 2, "add -o claims.db"),
        (["--model", "not_a_model_xyz"], 1, "Error: spaCy model 'not_a_model_xyz' is not installed"),
    ],
)
def test_argument_faults(args, code, words, blank, runner, tmp_path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), *args])
    assert result.exit_code == code and result.stdout == ""
    assert words in result.stderr and "Traceback" not in result.stderr


def test_missing_path_is_exit_1_naming_it(blank, runner, tmp_path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"Error: {tmp_path / 'nope.txt'}: no such file; check the path"


@pytest.mark.model
@pytest.mark.parametrize("workers", ["1", "2"])  # loaded in-process / checked before workers start
def test_invalid_patterns_file_names_file_and_line(workers: str, runner, tmp_path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.jsonl").write_text('{"label": "ORG", "pattern": "Acme", "id": "Acme"}\n{"label": "ORG", pattern}\n')
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path), "--patterns", str(rules), "-w", workers, "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {rules / 'extra.jsonl'}:2: invalid JSON")
    assert not out.exists()  # nothing was opened before the rules were checked


# --- security -----------------------------------------------------------------------------------------


def test_article_and_pattern_content_is_never_executed(blank, runner, tmp_path) -> None:
    marker = tmp_path / "pwned"
    payload = f"__import__('os').system('touch {marker}') {{{{7*7}}}} ${{jndi:ldap://x}} `touch {marker}`"
    src = tmp_path / "a.txt"
    src.write_text(f'General Omar Vance said "{payload}" in Dhaka.', encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.jsonl").write_text(json.dumps({"label": "ORG", "pattern": payload, "id": "payload"}) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(src), "--patterns", str(rules), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl", "rules"]


def test_no_pickle_eval_or_network_in_the_package() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "claimx"
    forbidden = (
        "import pickle",
        "pickle.load",
        "eval(",
        "exec(",
        "import socket",
        "urllib",
        "requests",
        "http.client",
        "shell=True",
        "os.system",
    )
    assert (src / "cli.py").is_file()  # the right folder, or the loop below checks nothing
    for path in src.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        for word in forbidden:
            assert word not in code, f"{path.name} uses {word}"


@pytest.mark.model
def test_extraction_works_without_network(tmp_path) -> None:
    """Run the real CLI with every socket connection refused."""
    guard = tmp_path / "sitecustomize.py"
    guard.write_text(
        "import socket\n"
        "def _refuse(*a, **k):\n"
        "    raise OSError('network access attempted')\n"
        "socket.socket.connect = _refuse\n"
        "socket.create_connection = _refuse\n"
        "socket.getaddrinfo = _refuse\n"
    )
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    res = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", str(src), "-f", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["entities"]


# --- the whole story: a messy folder, two workers, SIGKILL, resume ------------------------------------


@pytest.mark.slow
@pytest.mark.model
def test_fault_injection_kill_and_resume_messy_folder(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good: list[str] = []
    for i in range(24):
        p = folder / f"good{i:02d}.txt"
        p.write_text(f"date 2025-11-25 Report {i}. " + GOOD * (1 + i % 4), encoding="utf-8")
        good.append(str(p))
    for name, (data, expected, _) in INPUTS.items():
        p = folder / f"messy-{name}.txt"
        p.write_bytes(data)
        if expected is not None:
            good.append(str(p))
    bad = sorted(str(folder / f"messy-{n}.txt") for n, (_, exp, _) in INPUTS.items() if exp is None)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimx", "extract", str(folder), "-o", str(out), "-w", "2"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not (out.exists() and out.read_bytes().count(b"\n") >= 4):
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    res = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", str(folder), "-o", str(out), "--resume", "-w", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 1  # the bad inputs fail again, and say so
    lines = out.read_text(encoding="utf-8").splitlines()
    got = [json.loads(line)["source"] for line in lines]
    assert sorted(got) == sorted(good) and len(got) == len(set(got))  # every good article exactly once
    named = sorted(line.split(": ")[1] for line in res.stderr.splitlines() if line.startswith("Error: "))
    assert named == bad
    assert "Traceback" not in res.stderr
