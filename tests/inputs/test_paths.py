"""Which files an input names (`inputs/paths.py`): folder expansion, suffixes, --include, empty folders,
URL lists."""

from __future__ import annotations

import os

import pytest

from claimx.inputs.paths import iter_paths


def test_folders_expand_sorted_recursive_without_dotfiles(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["z.txt", "a.txt", "b/c.txt", ".dot.txt", ".hidden/x.txt", "notes.md"]:
        (tmp_path / rel).write_text("x")
    got = [os.path.relpath(p, tmp_path) for p in iter_paths([str(tmp_path)])]
    assert got == ["a.txt", "b/c.txt", "z.txt"]


def test_symlink_loop_does_not_hang(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("x")
    os.symlink(tmp_path, tmp_path / "loop")
    assert [os.path.basename(p) for p in iter_paths([str(tmp_path)])] == ["a.txt"]


@pytest.mark.parametrize("name", ["a.txt", "B.TXT", "c.Html", "d.htm", "e.JSONL"])
def test_folder_takes_article_suffixes_in_any_case(tmp_path, name: str) -> None:
    (tmp_path / name).write_text("x")
    (tmp_path / "notes.md").write_text("x")
    assert list(iter_paths([str(tmp_path)])) == [str(tmp_path / name)]


def test_include_glob_adds_other_files(tmp_path) -> None:
    for name in ("a.txt", "b.md", "C.MD", "d.csv"):
        (tmp_path / name).write_text("x")
    found = [os.path.basename(p) for p in iter_paths([str(tmp_path)], include=["*.md"])]
    assert found == ["C.MD", "a.txt", "b.md"]


def test_empty_folders_are_named(tmp_path) -> None:
    from claimx.inputs.paths import empty_folders

    (tmp_path / "empty").mkdir()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.txt").write_text("x")
    (tmp_path / "empty" / "notes.md").write_text("x")
    paths = [str(tmp_path / "empty"), str(tmp_path / "full")]
    assert empty_folders(paths) == [str(tmp_path / "empty")]
    assert empty_folders(paths, include=["*.md"]) == []


def test_read_url_list_skips_blanks_and_comments(tmp_path) -> None:
    from claimx.inputs.paths import read_url_list

    listing = tmp_path / "urls.txt"
    listing.write_text("# morning run\nhttps://x.org/a\n\n  https://x.org/b  \n")
    assert read_url_list(str(listing)) == ["https://x.org/a", "https://x.org/b"]
