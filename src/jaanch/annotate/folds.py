"""Cross-validation folds over annotated articles: k-fold and leave-one-source-out.

The source of an article is its id without the trailing number (``naidunia-indore-00464``
comes from ``naidunia-indore``). Folds are deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def source_of(article_id: str) -> str:
    head, _, tail = article_id.rpartition("-")
    return head if tail.isdigit() and head else article_id


def kfold(ids: Sequence[str], k: int, seed: int = 0) -> list[tuple[list[str], list[str]]]:
    """``k`` (train, test) splits; every id is tested once. Sources are spread evenly."""
    if not 2 <= k <= len(ids):
        raise ValueError(f"k must be between 2 and {len(ids)}")
    rng = random.Random(seed)
    by_source: dict[str, list[str]] = {}
    for i in sorted(ids):
        by_source.setdefault(source_of(i), []).append(i)
    order: list[str] = []
    for src in sorted(by_source):
        group = by_source[src]
        rng.shuffle(group)
        order.extend(group)
    folds: list[list[str]] = [[] for _ in range(k)]
    for n, i in enumerate(order):
        folds[n % k].append(i)
    return [([i for f in folds if f is not test for i in f], list(test)) for test in folds]


def leave_one_source_out(ids: Sequence[str]) -> list[tuple[str, list[str], list[str]]]:
    """(source, train, test) for each source: test on one source, train on the others."""
    sources = sorted({source_of(i) for i in ids})
    return [
        (s, [i for i in ids if source_of(i) != s], [i for i in ids if source_of(i) == s])
        for s in sources
    ]
