"""`-o` never replaces a device, a FIFO or a symbolic link, and new files get the umask's mode.

Every special file here is one the test makes itself in its own folder; the system's /dev/null is
never used as a target."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from claimx.cli import app
from claimx.errors import OutputError
from claimx.output.safe_files import ReplacingFile, open_appending

TEXT = 'date 2025-11-25 Rear Adm. Lina Park said "the exercise will go ahead as planned" on Sunday.\n'
FORMATS = ("json", "csv", "jsonl")


@pytest.fixture(autouse=True)
def blank_pipeline(monkeypatch, blank_nlp):
    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    return path


@pytest.fixture
def umask():
    """Set the process umask for one test, and restore it."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield os.umask
    os.umask(saved)


def _null_device(path: Path) -> Path:
    """A character device with the null device's numbers, made by the test in its own folder."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    return path


class _FifoReader(threading.Thread):
    """Reads a FIFO to its end, as a consumer of `claimx -o pipe` would."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.data = b""

    def run(self) -> None:
        with open(self.path, "rb") as fh:
            self.data = fh.read()


@pytest.mark.parametrize("fmt", FORMATS)
def test_device_is_written_in_place_not_replaced(fmt: str, runner, article: Path, tmp_path: Path) -> None:
    dev = _null_device(tmp_path / "null")
    result = runner.invoke(app, ["extract", str(article), "-f", fmt, "-o", str(dev), "-q"])
    assert result.exit_code == 0, result.stderr
    mode = os.lstat(dev).st_mode
    assert stat.S_ISCHR(mode) and os.major(os.lstat(dev).st_rdev) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "null"]  # no temporary file left


def _format_args(fmt: str) -> list[str]:
    """-f FMT; for CSV the articles table, whose rows name the source."""
    return ["-f", fmt, "--table", "articles"] if fmt == "csv" else ["-f", fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_fifo_is_written_in_place_and_read_whole(fmt: str, runner, article: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = _FifoReader(fifo)
    reader.start()
    result = runner.invoke(app, ["extract", str(article), *_format_args(fmt), "-o", str(fifo), "-q"])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    text = reader.data.decode()
    if fmt == "json":
        assert json.loads(text)["source"] == str(article)
    elif fmt == "jsonl":
        assert [json.loads(line)["source"] for line in text.splitlines()] == [str(article)]
    else:
        assert text.startswith("id,source,") and str(article) in text


@pytest.mark.parametrize("fmt", (*FORMATS, "sqlite"))
def test_symlink_stays_and_its_target_is_written(fmt: str, runner, article: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.out"
    target.write_text("old\n")
    link = tmp_path / "link.out"
    link.symlink_to(target.name)
    if fmt == "sqlite":
        target.unlink()  # a database is created at the link's target
    result = runner.invoke(app, ["extract", str(article), *_format_args(fmt), "-o", str(link), "-q"])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == target.name
    if fmt == "sqlite":
        import sqlite3

        with sqlite3.connect(target) as db:
            assert db.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)
    else:
        assert "old" not in target.read_text() and str(article) in target.read_text()


def test_dangling_symlink_creates_its_target(runner, article: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    result = runner.invoke(app, ["extract", str(article), "-f", "json", "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and json.loads((tmp_path / "made.json").read_text())["source"] == str(article)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
@pytest.mark.parametrize("fmt", (*FORMATS, "sqlite"))
def test_new_file_mode_follows_the_umask(fmt: str, mask: int, mode: int, umask, runner, article, tmp_path) -> None:
    out = tmp_path / f"out.{fmt}"
    umask(mask)
    result = runner.invoke(app, ["extract", str(article), "-f", fmt, "-o", str(out), "-q"])
    umask(0o022)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == mode


@pytest.mark.parametrize("fmt", FORMATS)
def test_replaced_file_keeps_its_mode(fmt: str, umask, runner, article: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    out.write_text("old\n")
    os.chmod(out, 0o640)
    umask(0o077)
    result = runner.invoke(app, ["extract", str(article), "-f", fmt, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640 and "old" not in out.read_text()


@pytest.mark.parametrize("args", [["-f", "sqlite"], ["-f", "jsonl", "--resume"]])
def test_sqlite_and_resume_refuse_a_special_file(args: list[str], runner, article: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["extract", str(article), *args, "-o", str(fifo)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {fifo}: is not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "pipe"]


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("precious\n")
    replacing = ReplacingFile(out)
    replacing.stream.write("half")  # then the run fails: the sink abandons the file
    replacing.abandon()
    assert out.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_folder_as_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        ReplacingFile(tmp_path)
    with pytest.raises(OutputError, match="is a folder"):
        open_appending(tmp_path, keep=False)
