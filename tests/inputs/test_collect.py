"""Reading inputs: decoding, binary refusal, the metadata prefix, folder expansion."""

from __future__ import annotations

import os
from datetime import date

import pytest

from claimx.errors import InputError
from claimx.inputs.article import make_article
from claimx.inputs.collect import read_article
from claimx.inputs.decode import decode
from claimx.inputs.paths import iter_paths
from claimx.inputs.published import parse_iso_date, read_prefix


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

    monkeypatch.setattr("claimx.inputs.paths.open", refuse, raising=False)
    with pytest.raises(InputError, match="permission denied"):
        read_article(str(tmp_path / "secret.txt"))


def test_crlf_text_is_kept_as_is() -> None:
    art = make_article(b"Line one.\r\nLine two.\r\n", "crlf.txt")
    assert art.text == "Line one.\r\nLine two.\r\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("LONDON, 25 November 2025 — The minister said talks would go on.", "2025-11-25"),
        ("Dhaka, Nov 25, 2025 (ANI): The port reopened on Monday.", "2025-11-25"),
        ("NEW YORK, Sept. 3, 2024 - Shares fell.", "2024-09-03"),
        ("Port talks resume\nKARACHI, November 24, 2025: Officials met.", "2025-11-24"),
        ("Lahore, Punjab, 2 March 2025 — Rain fell.", "2025-03-02"),
        ("ROME, 2025-06-01 — A ruling came.", "2025-06-01"),
    ],
)
def test_dateline_with_full_date_dates_the_story(text: str, expected: str) -> None:
    article = make_article(text, "x.txt")
    assert (str(article.published), article.published_basis) == (expected, "dateline")


@pytest.mark.parametrize(
    "text",
    [
        "NAIROBI, Oct. 30 — no year, so no date.",  # no year
        "The talks on 25 November 2025 — a Tuesday — went well.",  # a date in a sentence, not a dateline
        "LONDON, 31 February 2025 — no such day.",
        "GENEVA, Smarch 4, 2025 — not a month.",
        "one\ntwo\nthree\nLONDON, 25 November 2025 — too far down.",
    ],
)
def test_no_dateline_no_date(text: str) -> None:
    article = make_article(text, "x.txt")
    assert article.published is None and article.published_basis is None


@pytest.mark.parametrize(
    "published, text, expected",
    [
        (date(2024, 1, 2), "date 2025-01-01 LONDON, 25 November 2025 — x", ("2024-01-02", "option")),
        (None, "date 2025-01-01 LONDON, 25 November 2025 — x", ("2025-01-01", "prefix")),
        (None, "LONDON, 25 November 2025 — x", ("2025-11-25", "dateline")),
        (None, "No date at all.", ("None", None)),
    ],
)
def test_published_basis_says_where_the_date_came_from(published, text: str, expected) -> None:
    article = make_article(text, "x.txt", published)
    assert (str(article.published), article.published_basis) == expected


def test_record_date_wins_over_dateline_but_not_prefix() -> None:
    known = date(2025, 5, 5)
    assert make_article("LONDON, 25 November 2025 — x", "s", known=known).published_basis == "record"
    assert make_article("date 2025-01-01 text", "s", known=known).published_basis == "prefix"


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


JSONL = "\n".join(
    [
        '{"id": "s1", "text": "LONDON: talks began yesterday.", "published": "2025-11-20", "url": "https://x.org/1"}',
        '{"text": "Talks ended.", "published": "2025-11-21T09:00:00Z", "title": "Talks end"}',
        "{not json",
        '{"title": "no text"}',
        '{"id": 7, "text": "Dhaka, Nov 25, 2025 (ANI): The port reopened."}',
        '{"id": "s9", "text": "x", "published": "last week"}',
        "[1, 2]",
        "",
        '{"id": "s10", "html": "<html><body><article><p>The minister spoke at length in the capital.</p></article></body></html>"}',
    ]
)


def test_jsonl_records_carry_their_own_metadata() -> None:
    from claimx.inputs.jsonl import read_jsonl

    got = list(read_jsonl(JSONL, "batch.jsonl"))
    good = [g for g in got if not isinstance(g, InputError)]
    assert [(a.source, str(a.published), a.published_basis) for a in good] == [
        ("s1", "2025-11-20", "record"),
        ("batch.jsonl:2", "2025-11-21", "record"),
        ("7", "2025-11-25", "dateline"),
        ("s10", "None", None),
    ]
    assert good[0].url == "https://x.org/1" and good[1].title == "Talks end"
    assert good[3].keep_text and good[3].text == "The minister spoke at length in the capital."


def test_jsonl_bad_lines_are_named_by_line_number() -> None:
    from claimx.inputs.jsonl import read_jsonl

    errors = [str(g) for g in read_jsonl(JSONL, "batch.jsonl") if isinstance(g, InputError)]
    assert [e.split(": ", 1)[0] for e in errors] == ["batch.jsonl:3", "batch.jsonl:4", "batch.jsonl:6", "batch.jsonl:7"]
    assert "not JSON" in errors[0] and "no 'text' or 'html'" in errors[1] and "YYYY-MM-DD" in errors[2]
    assert all("\n" not in e for e in errors)


def test_option_date_wins_over_jsonl_date() -> None:
    from claimx.inputs.jsonl import read_jsonl

    (article,) = read_jsonl('{"text": "x", "published": "2025-11-20"}', "b.jsonl", date(2024, 1, 2))
    assert not isinstance(article, InputError)
    assert (str(article.published), article.published_basis) == ("2024-01-02", "option")


def test_read_url_list_skips_blanks_and_comments(tmp_path) -> None:
    from claimx.inputs.paths import read_url_list

    listing = tmp_path / "urls.txt"
    listing.write_text("# morning run\nhttps://x.org/a\n\n  https://x.org/b  \n")
    assert read_url_list(str(listing)) == ["https://x.org/a", "https://x.org/b"]


@pytest.mark.parametrize("published", [date(2025, 11, 25), "2025-11-25", " 2025-11-25 "])
def test_make_article_takes_a_date_or_an_iso_string(blank_nlp, published) -> None:
    from claimx.extraction import extract

    article = make_article("Talks resumed on Monday.", "mine", published)
    assert (article.published, article.published_basis) == (date(2025, 11, 25), "option")
    assert next(extract([article], blank_nlp)).published == "2025-11-25"


def test_article_built_by_hand_takes_an_iso_string() -> None:
    from claimx.inputs.article import Article

    assert Article("mine", "Talks resumed.", "2025-11-25", published_basis="option").published == date(2025, 11, 25)


@pytest.mark.parametrize(
    "bad, error, words",
    [("25/11/2025", ValueError, "YYYY-MM-DD"), ("yesterday", ValueError, "YYYY-MM-DD"), (20251125, TypeError, "int")],
)
def test_make_article_refuses_other_dates_clearly(bad, error, words: str) -> None:
    with pytest.raises(error, match=words):
        make_article("Talks resumed.", "mine", bad)
