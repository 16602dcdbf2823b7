"""Reading inputs: decoding, binary refusal, the metadata prefix, folder expansion."""

from __future__ import annotations

import os
from datetime import date

import pytest

from claimx.errors import InputError
from claimx.sources import decode, iter_paths, make_article, parse_iso_date, read_article, read_prefix


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"plain ascii", "plain ascii"),
        ("caf\u00e9 \u201cquoted\u201d".encode("utf-8"), "caf\u00e9 \u201cquoted\u201d"),
        (b"\xef\xbb\xbf" + b"with bom", "with bom"),
        ("utf sixteen \u201cq\u201d".encode("utf-16"), "utf sixteen \u201cq\u201d"),
        ("\ufeffbig endian".encode("utf-16-be"), "big endian"),
        (b"", ""),
    ],
)
def test_decode_known_encodings(data: bytes, expected: str) -> None:
    assert decode(data, "x.txt") == expected


def test_decode_cp1252_smart_quotes() -> None:
    text = "The minister said \u201cwe will rebuild the bridge before winter\u201d and left \u2013 quickly."
    assert decode(text.encode("cp1252"), "x.txt") == text


def test_decode_latin1_accents() -> None:
    text = "Les d\u00e9l\u00e9gu\u00e9s se sont r\u00e9unis \u00e0 Gen\u00e8ve pour la s\u00e9ance pl\u00e9ni\u00e8re d'\u00e9t\u00e9."
    assert decode(text.encode("latin-1"), "x.txt") == text


def test_decode_utf16_without_bom() -> None:
    text = "An article saved as UTF-16 without a byte order mark, which some exporters do."
    assert decode(text.encode("utf-16-le"), "x.txt") == text


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_binary_content_is_refused_with_reason(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "odd.txt")
    assert "odd.txt" in str(err.value) and what in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "text, published, end",
    [
        ("date 2025-11-25 The army said.", date(2025, 11, 25), 15),
        ("  date 2019-12-09 Text", date(2019, 12, 9), 17),
        ("The date 2025-11-25 is in the text", None, 0),
        ("date 2025-13-45 broken", None, 0),
        ("", None, 0),
    ],
)
def test_metadata_prefix(text: str, published: date | None, end: int) -> None:
    assert read_prefix(text) == (published, end)


def test_published_option_wins_over_prefix() -> None:
    art = make_article("date 2025-11-25 Body.", "a.txt", date(2020, 1, 2))
    assert art.published == date(2020, 1, 2)
    assert art.prefix_end == 15


@pytest.mark.parametrize("bad", ["2025-13-01", "25-11-2025", "yesterday", "2025/11/25", ""])
def test_parse_iso_date_rejects_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(bad)


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


def test_missing_file_is_an_input_error_naming_it(tmp_path) -> None:
    missing = tmp_path / "gone.txt"
    with pytest.raises(InputError, match="gone.txt"):
        read_article(str(missing))


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch) -> None:
    # CI runs as root, which reads any file: simulate the refusal the OS gives other users.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("claimx.sources.open", refuse, raising=False)
    with pytest.raises(InputError, match="permission denied"):
        read_article(str(tmp_path / "secret.txt"))


def test_crlf_text_is_kept_as_is() -> None:
    art = make_article(b"Line one.\r\nLine two.\r\n", "crlf.txt")
    assert art.text == "Line one.\r\nLine two.\r\n"
