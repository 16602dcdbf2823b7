"""Every ```python block of README.md runs as written, each on its own (what a reader copies into a
file), in a folder holding the files the blocks name; so the README cannot drift from the code."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

BLOCK_RE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def readme_blocks() -> list[tuple[int, str]]:
    """(line of the opening fence, code) of each python block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in BLOCK_RE.finditer(text)]


def _param(line: int, code: str):
    marks = [pytest.mark.model]
    if "distributed" in code:  # a Dask cluster of worker processes
        marks.append(pytest.mark.slow)
    return pytest.param(code, marks=marks, id=f"README.md:{line}")


@pytest.fixture
def dask_scheduler():
    """A Dask cluster on loopback, as the scheduler `Client()` connects to (Dask's `scheduler-address`)."""
    pytest.importorskip("distributed", reason="needs claimx[dask] (make dask)")
    import dask
    from distributed import LocalCluster

    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        dask.config.set({"scheduler-address": cluster.scheduler_address}),
    ):
        yield


@pytest.fixture
def readme_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the files the blocks open: a saved page and a small archive of our own."""
    shutil.copy(ROOT / "tests" / "data" / "saved-page.html", tmp_path / "saved-page.html")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "a.txt").write_text(
        "date 2025-11-24 Rear Admiral Lina Park met harbour officials on Monday.\n", encoding="utf-8"
    )
    (tmp_path / "archive" / "b.txt").write_text(
        '"The pier is sound again," Commodore Dana Whitfield said on Tuesday.\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_has_python_blocks() -> None:
    assert len(readme_blocks()) >= 5


@pytest.mark.parametrize("code", [_param(line, code) for line, code in readme_blocks()])
def test_readme_python_block_runs(code: str, readme_files: Path, request: pytest.FixtureRequest) -> None:
    if "distributed" in code:
        request.getfixturevalue("dask_scheduler")
    from claimx.nlp.pipeline import load_pipeline

    # A block may change the pipeline it loads (a rule family off): it gets its own, and leaves none.
    load_pipeline.cache_clear()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, "README.md", "exec"), {"__name__": "__main__"})
    finally:
        load_pipeline.cache_clear()
