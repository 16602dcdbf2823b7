"""An article's fingerprint for near-duplicate detection: a MinHash signature of its word shingles.

It is computed where an article is read (a worker process, the Dask client; `batch.chunks.run_chunk`)
and travels with the Outcome, so the run can find syndicated copies without the texts
(`output.trace`, which keeps the LSH index). The signature is plain numpy (numpy comes with spaCy):
datasketch, whose MinHash this follows, imports scipy, ~0.8 s a process. The permutations are seeded,
so a fingerprint is the same bytes in every process, on every machine, in every run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from claimx.inputs.article import Article

# Shingles of 5 words: long enough that two different articles on the same topic share few of them
# (names and stock phrases are 2-3 words), short enough that a reworded headline or an added share
# line changes only a few; measured in bench/near_duplicates.py (README, "Syndicated copies").
SHINGLE_WORDS = 5
# Hash functions of the signature: the error of a Jaccard estimate is about sqrt(J(1-J)/128), 0.035 at
# J = 0.8; 64 would double the variance, 256 double the parent's memory per article (8 bytes each).
NUM_PERM = 128
SEED = 25  # the permutations' seed: part of the fingerprint's definition, never to be changed alone

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MASK = (1 << 64) - 1


def words(text: str) -> list[str]:
    """The words of a text, folded (case and accents) and with typographic apostrophes made plain."""
    folded = text.casefold()
    if not folded.isascii():  # most news is ASCII: the decomposition costs more than the rest
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")
    return _WORD.findall(folded)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The runs of `size` consecutive words of a text; a shorter text is one shingle (none if empty)."""
    ws = words(text)
    if len(ws) <= size:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i : i + size]) for i in range(len(ws) - size + 1)}


@cache
def permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM hash functions h -> a*h + b (mod 2**64, `a` odd, so each is a permutation). Their
    parameters come from BLAKE2b of the SEED and their number, not from numpy's random generators,
    whose streams may change between numpy versions: a database's fingerprints must stay comparable."""
    import numpy as np

    def value(name: str, i: int) -> int:
        digest = hashlib.blake2b(f"claimx fingerprint {SEED} {name} {i}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "little")

    a = np.array([value("a", i) | 1 for i in range(NUM_PERM)], dtype=np.uint64)
    b = np.array([value("b", i) for i in range(NUM_PERM)], dtype=np.uint64)
    return a, b


# Shingles hashed and permuted this many at a time: a (block x NUM_PERM) array of 8-byte values stays
# at 2 MiB, however long the text (a 5 MB scrape has a million shingles).
_BLOCK = 2048


def signature(items: set[str]) -> np.ndarray:
    """The MinHash signature of a set of strings: per hash function, the least permuted value."""
    import numpy as np

    a, b = permutations()
    digests = b"".join(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in items)
    hashes = np.frombuffer(digests, dtype="<u8").astype(np.uint64)
    least = np.full(NUM_PERM, _MASK, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic mod 2**64 is the point
        for start in range(0, len(hashes), _BLOCK):
            # (NUM_PERM x block), added to in place: several times faster than broadcasting h * a + b
            permuted = np.multiply.outer(a, hashes[start : start + _BLOCK])
            permuted += b[:, None]
            least = np.minimum(least, permuted.min(axis=1))
    return least


def fingerprint(text: str) -> bytes | None:
    """The fingerprint of a text (NUM_PERM little-endian 8-byte values), or None when it has no words."""
    items = shingles(text)
    if not items:
        return None
    return signature(items).astype("<u8").tobytes()


def article_fingerprint(article: Article) -> bytes | None:
    """The fingerprint of an article's prose: a metadata prefix ("date 2025-11-25") is left out, since
    a republished copy may carry another date."""
    return fingerprint(article.text[article.body_start :])


def from_bytes(data: bytes) -> np.ndarray:
    """A fingerprint's signature as an array (what `fingerprint` packed)."""
    import numpy as np

    if len(data) != NUM_PERM * 8:
        raise ValueError(f"a fingerprint is {NUM_PERM * 8} bytes, not {len(data)}")
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)
