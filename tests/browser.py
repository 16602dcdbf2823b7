"""A real browser for the HTML pages: headless Chromium (Debian's `chromium` package, installed by
`make chromium` where missing) takes a screenshot of a page, and a small PNG reader (zlib, no Pillow)
says whether it shows anything. Used by the browser tests and by `bench/bench.py --report-only`."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Set by .ci/run: there the browser test must run, never skip.
REQUIRED = "CLAIMX_REQUIRE_BROWSER"
# Chromium's own services that would reach the network; the page itself loads nothing (its CSP).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) on PATH, or None."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def install_chromium() -> tuple[str | None, str]:
    """Chromium, installed with `make chromium` if it is missing: (its path or None, why not)."""
    found = find_chromium()
    if found:
        return found, ""
    try:
        done = subprocess.run(["make", "-C", str(ROOT), "chromium"], capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    lines = (done.stderr or done.stdout).strip().splitlines()
    return find_chromium(), lines[-1] if lines else f"make chromium exited with {done.returncode}"


def screenshot(browser: str, page: Path, png: Path, width: int = 1200, height: int = 900) -> str:
    """Open `page` in headless Chromium (a fresh profile) and save a screenshot; Chromium's stderr."""
    with tempfile.TemporaryDirectory(prefix="claimx-chromium-") as profile:
        done = subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={width},{height}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "HOME": profile},
        )
    return done.stderr


@dataclass(frozen=True)
class Picture:
    """What a screenshot shows: its size and how often each colour appears."""

    width: int
    height: int
    colours: Counter[tuple[int, int, int]]

    @property
    def ink(self) -> float:
        """The share of pixels that are not white."""
        white = self.colours.get((255, 255, 255), 0)
        return 1 - white / (self.width * self.height)

    def has(self, colour: tuple[int, int, int], at_least: int = 50) -> bool:
        """Whether this colour fills at least `at_least` pixels."""
        return self.colours.get(colour, 0) >= at_least


def read_png(data: bytes) -> Picture:
    """The pixels of an 8-bit RGB or RGBA PNG, not interlaced (what Chromium writes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG: depth {depth}, colour type {colour_type}, interlace {interlace}")
    bpp = 3 if colour_type == 2 else 4
    rows = _unfilter(zlib.decompress(b"".join(chunks)), width * bpp, height, bpp)
    colours: Counter[tuple[int, int, int]] = Counter()
    for row in rows:
        colours.update(zip(row[0::bpp], row[1::bpp], row[2::bpp], strict=True))
    return Picture(width, height, colours)


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> list[bytes]:
    """The rows of pixel bytes, PNG's five filters undone."""
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return rows
