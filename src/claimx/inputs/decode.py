"""Bytes to text whatever the encoding of a scraped file, and a clear InputError for binary files."""

from __future__ import annotations

import logging

from claimx.errors import InputError

log = logging.getLogger("claimx")


# Magic numbers of binary formats commonly saved under a .txt name by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
)


_CP1252_PUNCT = frozenset(b"\x85\x91\x92\x93\x94\x95\x96\x97")


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _looks_binary(text: str) -> bool:
    """True when a decoded text is mostly control characters (a binary file decoded by force)."""
    if not text:
        return False
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad > max(2, len(sample) // 100)


def _nul_text_codec(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (LE/BE) when the NUL bytes fall where that encoding puts them for mostly
    Latin text; None when they do not (a binary file)."""
    n = len(data)
    if n % 4 == 0 and n >= 8:
        quads = [data[i : i + 4] for i in range(0, min(n, 4096), 4)]
        if sum(q[1:] == b"\0\0\0" for q in quads) >= 0.9 * len(quads):
            return "utf-32-le"
        if sum(q[:3] == b"\0\0\0" for q in quads) >= 0.9 * len(quads):
            return "utf-32-be"
    if n % 2 == 0 and n >= 4:
        sample = data[:4096]
        even, odd = sample[0::2], sample[1::2]
        half = len(sample) // 2
        if odd.count(0) >= 0.6 * half and even.count(0) <= 0.05 * half:
            return "utf-16-le"
        if even.count(0) >= 0.6 * half and odd.count(0) <= 0.05 * half:
            return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> str:
    """Decode the bytes of a text file whatever its encoding; InputError for binary content."""
    text, codec = _decode(data, name)
    log.debug("%s: %d bytes decoded as %s", name, len(data), codec)
    return text


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The decoded text and the codec chosen (said under -v)."""
    for magic, what in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file ({what}), not text; convert it to plain text first")
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(bom_codec), bom_codec
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: broken {bom_codec} text ({exc.reason}); re-save it as UTF-8") from None
    if b"\x00" in data:
        return _decode_with_nuls(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _windows_punctuation(data):
        try:
            return data.decode("cp1252"), "cp1252 (Windows punctuation)"
        except UnicodeDecodeError:
            pass
    return _detected(data, name)


def _decode_with_nuls(data: bytes, name: str) -> tuple[str, str]:
    """Text with NUL bytes is UTF-16/32 without a BOM; anything else with NULs is binary."""
    codec = _nul_text_codec(data)
    if codec is None:  # non-Latin UTF-16 has fewer NULs: ask the detector, but only accept UTF-16/32
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        one_parity = len(data) % 2 == 0 and len(data) >= 16 and (data[0::2].count(0) == 0 or data[1::2].count(0) == 0)
        if guess is not None and guess.encoding.startswith(("utf_16", "utf_32")) and one_parity:
            codec = guess.encoding
    if codec is None:
        raise InputError(f"{name}: binary content (NUL bytes), not text; convert it to UTF-8 text first")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise InputError(f"{name}: binary content (NUL bytes), not text; convert it to UTF-8 text first") from None
    if _looks_binary(text):
        raise InputError(f"{name}: binary content (control bytes), not text; convert it to UTF-8 text first")
    return text, codec


def _windows_punctuation(data: bytes) -> bool:
    """Windows "smart" punctuation (bytes 0x85, 0x91-0x97: … ‘ ’ “ ” • – —) in mostly-ASCII text: the
    commonest non-UTF-8 English news file, which the detector can miss on short texts."""
    other_high = sum(b >= 0x80 and b not in _CP1252_PUNCT for b in data)
    return any(b in _CP1252_PUNCT for b in data) and other_high <= 0.2 * sum(chr(b).isalpha() for b in data if b < 0x80)


def _detected(data: bytes, name: str) -> tuple[str, str]:
    """The decoding charset-normalizer finds most plausible; claimx reads English news, so among the
    plausible ones the Western code page (a superset of latin-1 for text) wins a close call."""
    from charset_normalizer import from_bytes  # imported here: only needed for odd files

    results = from_bytes(data)
    best = results.best()
    western = next((m for m in results if m.encoding in ("cp1252", "latin_1", "iso8859_15")), None)
    if western is not None:
        try:
            text = data.decode("cp1252")
            if not _looks_binary(text):
                return text, "cp1252 (detected)"
        except UnicodeDecodeError:
            best = western
    if best is None:
        raise InputError(f"{name}: binary or undecodable content, not text; convert it to UTF-8 text first")
    text = str(best)
    if _looks_binary(text):
        raise InputError(f"{name}: binary content (control bytes), not text; convert it to UTF-8 text first")
    return text, f"{best.encoding} (detected)"
