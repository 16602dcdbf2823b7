"""Decoding input bytes (`inputs/decode.py`): known encodings, binary refusal, line ends kept."""

from __future__ import annotations

import pytest

from claimx.errors import InputError
from claimx.inputs.article import make_article
from claimx.inputs.decode import decode


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


def test_crlf_text_is_kept_as_is() -> None:
    art = make_article(b"Line one.\r\nLine two.\r\n", "crlf.txt")
    assert art.text == "Line one.\r\nLine two.\r\n"
