"""Syndicated copies and lightly edited repeats of a story: MinHash signatures of the
texts' word shingles (datasketch) and a locality-sensitive index over the stored ones."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import numpy as np

#: words per shingle, permutations per signature, the similarity that makes a copy
SHINGLE = 3
NUM_PERM = 128
THRESHOLD = 0.6
SEED = 1
#: datasketch's hashing scheme of the stored signatures (fixed: a signature is only
#: comparable with one made the same way)
SCHEME = "affine32"


def _shingles(text: str) -> set[bytes]:
    words = unicodedata.normalize("NFC", text).split()
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")}
    return {
        " ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)
    }


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` as bytes (what the store keeps)."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch(list(_shingles(text)))
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def _minhash(sig: bytes) -> object:
    from datasketch import MinHash

    return MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=np.frombuffer(sig, dtype=np.uint64)
    )


class NearDuplicates:
    """The stored articles' signatures, searchable for a new text's nearest copy."""

    def __init__(self, stored: Iterable[tuple[int, bytes]] = ()) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._sigs: dict[int, object] = {}
        for article_id, sig in stored:
            self.add(article_id, sig)

    def add(self, article_id: int, sig: bytes) -> None:
        if article_id in self._sigs:
            return
        m = _minhash(sig)
        self._sigs[article_id] = m
        self._lsh.insert(str(article_id), m)

    def nearest(self, sig: bytes, *, exclude: int | None = None) -> tuple[int, float] | None:
        """The most similar stored article at or above :data:`THRESHOLD`, with its
        estimated similarity."""
        m = _minhash(sig)
        best: tuple[int, float] | None = None
        for key in self._lsh.query(m):
            other = int(key)
            if other == exclude:
                continue
            sim = float(m.jaccard(self._sigs[other]))  # type: ignore[attr-defined]
            if sim >= THRESHOLD and (
                best is None or sim > best[1] or (sim == best[1] and other < best[0])
            ):
                best = (other, sim)
        return best
