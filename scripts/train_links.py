"""Train the link model (cross-article person resolution) on the project's labelled pairs.

    jaanch ingest ../shared/data/corpus/hindi_news_all.jsonl --db sqlite:///build/res/all.db
    python scripts/train_links.py --db sqlite:///build/res/all.db [--cv 5] [--save]

The pairs (``annotations/pairs.jsonl``: article ids and names, labelled ``same`` or
``different`` by reading both articles) are located in the store; each gets one level per
declared comparison (:mod:`jaanch.resolve.comparisons`) and a logistic regression over
those levels is fitted. The decision threshold is the lowest one whose out-of-fold
precision inside the training pairs reaches ``--precision``.

``--cv K`` reports cross-validated figures: the model is trained on K-1 folds of pairs,
the whole store is resolved with it (blocking, comparison, clustering under constraints),
and the held-out fold is scored by whether both mentions end in one entity. Mean and spread
over the folds are printed, per stratum too. ``--save`` writes
``src/jaanch/models/link_model/weights.json``; its MODEL_CARD.md is written by hand from
the printed figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from jaanch.models.roles import RoleModel, fit
from jaanch.resolve.comparisons import NameStats, compare
from jaanch.resolve.pairs import Pair, load_pairs, locate, score_links
from jaanch.resolve.resolver import LINK_MODEL, load_mentions, person_clusters, to_profile
from jaanch.store.db import open_store

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "annotations" / "pairs.jsonl"
OUT = ROOT / "src" / "jaanch" / "models" / LINK_MODEL
VERSION = "1.0"
SHORT_LEVELS = ("name=short_last", "name=short_first")
SEED = 0


def pair_examples(
    db: str, pairs: list[Pair]
) -> tuple[list[dict[str, float]], list[Pair], dict[Any, int | None], list[Any]]:
    """Comparison features of the labelled pairs found in the store at ``db``, those pairs,
    where each side is (mention id), and the store's mentions."""
    engine = open_store(db)
    ms = load_mentions(engine)
    where = locate(engine, pairs)
    pos = {m.id: i for i, m in enumerate(ms)}
    profiles = [to_profile(m) for m in ms]
    stats = NameStats.of(p for p, m in zip(profiles, ms, strict=True) if m.kind == "PERSON")
    feats, kept = [], []
    for p in pairs:
        ia, ib = where.get(p.a), where.get(p.b)
        if ia is None or ib is None:
            continue
        feats.append(compare(profiles[pos[ia]], profiles[pos[ib]], stats).features())
        kept.append(p)
    return feats, kept, where, ms


def train(
    feats: list[dict[str, float]],
    gold: list[bool],
    precision: float,
    c: float,
    min_mean: float = 0.5,
) -> RoleModel:
    from sklearn.model_selection import StratifiedKFold

    examples = [(f, ["same"] if g else []) for f, g in zip(feats, gold, strict=True)]
    # out-of-fold probabilities inside the training pairs choose the threshold
    oof = np.zeros(len(examples))
    y = np.array(gold, dtype=int)
    folds = StratifiedKFold(n_splits=4, shuffle=True, random_state=SEED)
    for tr, te in folds.split(np.zeros(len(y)), y):
        m = fit([examples[i] for i in tr], labels=("same",), seed=SEED, c=c)
        oof[te] = [m.scores(examples[i][0])["same"] for i in te]
    short = np.array([is_short(f) for f in feats])
    threshold = choose_threshold(oof[~short], y[~short], precision)
    short_threshold = max(choose_threshold(oof[short], y[short], precision), threshold)
    model = fit(
        examples,
        labels=("same",),
        seed=SEED,
        c=c,
        threshold=threshold,
        version=VERSION,
        meta={
            "name": LINK_MODEL,
            "pairs": len(examples),
            "target_precision": precision,
            "short_form_threshold": short_threshold,
            "cluster_min_mean": min_mean,
        },
    )
    return model


def is_short(feats: dict[str, float]) -> bool:
    return any(k in feats for k in SHORT_LEVELS)


def choose_threshold(p: np.ndarray, y: np.ndarray, precision: float) -> float:
    """The lowest threshold whose precision on ``p >= t`` reaches ``precision``."""
    for t in np.arange(0.30, 0.991, 0.01):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        fp = float((pred & (y == 0)).sum())
        if tp and tp / (tp + fp) >= precision:
            return float(round(t, 2))
    return 0.99


def cross_validate(
    feats: list[dict[str, float]],
    pairs: list[Pair],
    where: dict[Any, int | None],
    ms: list[Any],
    k: int,
    precision: float,
    c: float,
    min_mean: float,
    seed: int = SEED,
) -> dict[str, Any]:
    from sklearn.model_selection import StratifiedKFold

    y = np.array([p.same for p in pairs], dtype=int)
    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    per_fold: list[dict[str, float]] = []
    strata: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    total = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    errors: list[str] = []
    for tr, te in folds.split(np.zeros(len(y)), y):
        model = train([feats[i] for i in tr], [bool(y[i]) for i in tr], precision, c, min_mean)
        roots = person_clusters(ms, model)
        entity = {m.id: str(r) for m, r in zip(ms, roots, strict=True)}
        held = [pairs[i] for i in te]
        sc = score_links(held, where, entity)
        for p in held:
            ia, ib = where.get(p.a), where.get(p.b)
            linked = ia is not None and ib is not None and entity.get(ia) == entity.get(ib)
            if linked != p.same:
                errors.append(f"{'FN' if p.same else 'FP'} {p.stratum}: {p.a.name} / {p.b.name}")
        per_fold.append({"precision": sc.precision, "recall": sc.recall})
        for key in total:
            total[key] += getattr(sc, key)
        for st, cell in sc.by_stratum.items():
            for key, v in cell.items():
                strata[st][key] += v
    ps = [f["precision"] for f in per_fold]
    rs = [f["recall"] for f in per_fold]
    pooled_p = total["tp"] / max(total["tp"] + total["fp"], 1)
    pooled_r = total["tp"] / max(total["tp"] + total["fn"], 1)
    return {
        "folds": k,
        "precision": round(pooled_p, 3),
        "recall": round(pooled_r, 3),
        "precision_folds": f"{statistics.mean(ps):.3f} ± {statistics.pstdev(ps):.3f}",
        "recall_folds": f"{statistics.mean(rs):.3f} ± {statistics.pstdev(rs):.3f}",
        "counts": total,
        "by_stratum": {
            st: {
                **cell,
                "recall": round(cell["tp"] / max(cell["tp"] + cell["fn"], 1), 3),
            }
            for st, cell in sorted(strata.items())
        },
        "errors": sorted(errors),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="store holding the articles of the pairs")
    ap.add_argument("--pairs", default=str(PAIRS))
    ap.add_argument("--cv", type=int, default=0, help="K-fold cross-validation (0: none)")
    ap.add_argument("--precision", type=float, default=0.98, help="target precision")
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--seed", type=int, default=0, help="seed of the cross-validation folds")
    ap.add_argument(
        "--min-mean", type=float, default=0.5, help="average-linkage floor in clustering"
    )
    ap.add_argument("--save", action="store_true", help="write the model into the package")
    args = ap.parse_args(argv)
    pairs = load_pairs(args.pairs)
    feats, kept, where, ms = pair_examples(args.db, pairs)
    print(f"{len(kept)} of {len(pairs)} labelled pairs located in the store")
    if args.cv:
        res = cross_validate(
            feats, kept, where, ms, args.cv, args.precision, args.c, args.min_mean, args.seed
        )
        print(json.dumps(res, indent=1, ensure_ascii=False))
    model = train(feats, [p.same for p in kept], args.precision, args.c, args.min_mean)
    w = model.to_json()
    print(
        f"threshold {w['thresholds'][0]} (short forms {w['meta']['short_form_threshold']}), "
        f"intercept {w['intercepts'][0]}"
    )
    for name, ws in sorted(w["weights"].items(), key=lambda kv: -kv[1][0]):
        print(f"  {ws[0]:+.2f}  {name}")
    if args.save:
        model.save(OUT)
        print(f"saved -> {OUT / 'weights.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
