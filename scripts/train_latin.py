"""Learn the edit costs of English name spellings (``src/jaanch/models/latin_model``).

    python scripts/train_latin.py [--cv 5] [--seed 0] [--save]

Labelled spellings: the ``latin`` of every person of ``../shared/data/gold/dev.jsonl`` and
``annotations/latin_names.tsv`` (frequent people of the corpus as English-language media
write them). Each name is split into words; a word is an example when its label has as
many words (or the name is one word). For each example word every spelling the search of
:mod:`jaanch.text.english_names` reaches (under the prior costs, with a wide bound) is a
candidate, described by the table score of the spelling and how many edits of each type
its cheapest path makes; latin_word's own spelling, when the table does not know it, is a
candidate with the ``unknown`` flag; a name that sounds like the word
(``english_names.sound_candidates``) is a candidate with the ``sound`` flag, its vowel
distance (``sound_dist``) and, when India does not use it, its English-speaking score
(``world``, a weight rather than a cost). A linear ranker (logistic regression on the
differences between the labelled spelling and each other candidate; no intercept) learns
one weight per feature; divided by the score's weight these are the costs, in the
table's units, that the spelling search then uses.

``--cv K`` scores whole names on held-out folds (names, not words, are split), for both
label sets apart, and prints mean ± sd over the folds next to the prior costs and the
in-sample figure. ``--save`` writes ``costs.json`` trained on every label.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from jaanch.text.english_names import (
    PRIOR,
    SOUND_TERMS,
    Speller,
    _table,
    candidates,
    initials,
    sound_candidates,
    word_slots,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src/jaanch/models/latin_model/costs.json"
#: the enumeration bound for training candidates (prior cost units): wider than the
#: run-time bound, so that labels the prior costs reach only expensively are seen
TRAIN_BOUND = 1.6
#: the run-time bound, in learned cost units
RUN_BOUND = 1.2
EDITS = sorted(k for k in PRIOR if k != "unknown" and k not in SOUND_TERMS)
FEATURES = ["score", "unknown", *EDITS, *SOUND_TERMS]
FIRST_EDIT = 2
FIRST_SOUND = FIRST_EDIT + len(EDITS)


@dataclass(frozen=True)
class Label:
    name: str  # Devanagari, as the store or the gold file holds it
    spellings: tuple[str, ...]  # English spellings media use alike
    source: str


def norm(s: str) -> str:
    """Case-folded letters only (spaces, dots and hyphens ignored)."""
    return re.sub(r"[^a-z]", "", s.lower())


def read_labels(dev: Path, tsv: Path) -> list[Label]:
    out: list[Label] = []
    with dev.open(encoding="utf-8") as fh:
        for line in fh:
            for p in json.loads(line).get("people", []):
                if p.get("latin"):
                    out.append(Label(p["name"], (p["latin"],), "dev"))
    with tsv.open(encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if not ln.startswith("#")]
    for row in rows[1:]:
        if len(row) == 2 and row[0] and row[1]:
            out.append(Label(row[0], tuple(row[1].split("|")), "frequent"))
    return out


def word_pairs(label: Label) -> list[tuple[str, set[str]]]:
    """(Devanagari word, its possible normalised English spellings) of one label."""
    parts = [w for w in label.name.split() if w.strip(".")]
    words = [w for k, w in enumerate(parts) if not (k < len(parts) - 1 and initials(w) is not None)]
    targets: list[set[str]] = [set() for _ in words]
    for sp in label.spellings:
        lat = [w for w in re.split(r"[\s]+", sp) if norm(w)]
        lat = [w for k, w in enumerate(lat) if not (k < len(lat) - 1 and len(norm(w)) <= 2)]
        if len(words) == 1:
            targets[0].add(norm(sp if len(parts) == 1 else lat[-1] if lat else ""))
        elif len(lat) == len(words):
            for t, w in zip(targets, lat, strict=True):
                t.add(norm(w))
    return [(w, t) for w, t in zip(words, targets, strict=True) if t and any(t)]


def features(word: str) -> list[tuple[str, np.ndarray]] | None:
    """Every candidate spelling of ``word`` (normalised) with its feature vector."""
    latin, slots = word_slots(word)
    if slots is None:
        return None
    names = _table()[0]
    out: list[tuple[str, np.ndarray]] = []
    found = candidates(slots, PRIOR, TRAIN_BOUND)
    for key, (_, edits) in found.items():
        v = np.zeros(len(FEATURES))
        v[0] = names[key][1]
        for e in edits:
            v[FEATURES.index(e)] += 1
        out.append((norm(key), v))
    if latin.lower() not in names:
        v = np.zeros(len(FEATURES))
        v[1] = 1.0
        out.append((norm(latin), v))
    for key, dist, world in sound_candidates(word):
        v = np.zeros(len(FEATURES))
        hit = names.get(key)
        v[0] = hit[1] if hit else 0.0
        v[FIRST_SOUND] = 1.0  # the route
        v[FIRST_SOUND + 1] = dist
        v[FIRST_SOUND + 2] = 0.0 if hit else world
        out.append((norm(key), v))
    return out


def examples(labels: Iterable[Label]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per reachable example word: its candidates' feature matrix and which are right."""
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for label in labels:
        for word, targets in word_pairs(label):
            cands = features(word)
            if not cands or not any(s in targets for s, _ in cands):
                continue  # the label is not reachable: nothing to learn from it
            x = np.array([v for _, v in cands])
            y = np.array([s in targets for s, _ in cands], dtype=float)
            out.append((x, y))
    return out


def fit(labels: Iterable[Label], c: float) -> dict[str, float]:
    """A conditional logit over each word's candidates (softmax of w . features, the
    labelled spellings' probability maximised), its weights drawn to the prior costs
    (L2, by 1 / (2c))."""
    data = examples(labels)
    n = len(FEATURES)

    w0 = np.zeros(n)
    w0[0] = 1.0
    for k, e in enumerate(EDITS, start=FIRST_EDIT):
        w0[k] = -PRIOR[e]
    w0[1] = PRIOR["unknown"]
    w0[FIRST_SOUND] = -PRIOR["sound"]
    w0[FIRST_SOUND + 1] = -PRIOR["sound_dist"]
    w0[FIRST_SOUND + 2] = PRIOR["world"]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        d = w - w0
        d[0] = 0.0  # the score's weight is free; the others are drawn to the prior
        total, grad = 0.5 * float(d @ d) / c, d / c
        for x, y in data:
            z = x @ w
            z = z - z.max()
            p = np.exp(z)
            p /= p.sum()
            right = float((p * y).sum())
            total -= float(np.log(max(right, 1e-12)))
            q = p * y / max(right, 1e-12)  # the posterior over the right candidates
            grad -= x.T @ (q - p)
        return total, grad

    res = minimize(loss, w0, jac=True, method="L-BFGS-B")
    w = res.x
    scale = w[0] if w[0] > 0 else 1.0
    costs = {"unknown": round(float(w[1] / scale), 4)}
    for k, e in enumerate(EDITS, start=FIRST_EDIT):
        # below 0: an edit the labels favour (the search bounds on the positive costs)
        costs[e] = round(float(-w[k] / scale), 4)
    costs["sound"] = round(float(-w[FIRST_SOUND] / scale), 4)
    costs["sound_dist"] = round(float(-w[FIRST_SOUND + 1] / scale), 4)
    costs["world"] = round(float(w[FIRST_SOUND + 2] / scale), 4)  # a weight, not a cost
    costs["max_cost"] = RUN_BOUND
    return costs


def accuracy(labels: Sequence[Label], speller: Speller) -> float:
    if not labels:
        return 0.0
    ok = sum(norm(speller.name(lb.name) or "") in {norm(s) for s in lb.spellings} for lb in labels)
    return ok / len(labels)


def folds(labels: Sequence[Label], k: int, seed: int) -> list[list[Label]]:
    idx = list(range(len(labels)))
    random.Random(seed).shuffle(idx)
    return [[labels[i] for i in idx[f::k]] for f in range(k)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dev", type=Path, default=SHARED / "gold" / "dev.jsonl")
    ap.add_argument("--labels", type=Path, default=ROOT / "annotations" / "latin_names.tsv")
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--save", action="store_true")
    args = ap.parse_args()
    labels = read_labels(args.dev, args.labels)
    sources = sorted({lb.source for lb in labels})
    print(f"{len(labels)} labelled names ({', '.join(sources)})")
    prior = Speller({})
    for src in sources:
        part = [lb for lb in labels if lb.source == src]
        print(f"prior costs        {src:9s} {accuracy(part, prior):.3f}  ({len(part)} names)")
    if args.cv:
        per: dict[str, list[float]] = {s: [] for s in sources}
        pooled: dict[str, list[bool]] = {s: [] for s in sources}
        for f, test in enumerate(folds(labels, args.cv, args.seed)):
            train = [
                lb
                for g, fold in enumerate(folds(labels, args.cv, args.seed))
                if g != f
                for lb in fold
            ]
            speller = Speller(fit(train, args.c))
            for src in sources:
                part = [lb for lb in test if lb.source == src]
                per[src].append(accuracy(part, speller))
                pooled[src].extend(
                    norm(speller.name(lb.name) or "") in {norm(s) for s in lb.spellings}
                    for lb in part
                )
            print(
                f"  fold {f}: " + "  ".join(f"{s} {per[s][-1]:.3f}" for s in sources),
                file=sys.stderr,
            )
        for src in sources:
            xs = per[src]
            print(
                f"{args.cv}-fold learned  {src:9s} {statistics.fmean(xs):.3f} ± "
                f"{statistics.pstdev(xs):.3f}   pooled {statistics.fmean(pooled[src]):.3f}"
            )
    costs = fit(labels, args.c)
    full = Speller(costs)
    for src in sources:
        part = [lb for lb in labels if lb.source == src]
        print(f"in-sample learned  {src:9s} {accuracy(part, full):.3f}")
    print("costs: " + ", ".join(f"{k}={v}" for k, v in sorted(costs.items())))
    if args.save:
        meta = {
            "name": "latin_model",
            "version": "1.0",
            "trained_on": f"{len(labels)} labelled names ({', '.join(sources)}), C={args.c}",
            "costs": costs,
        }
        OUT.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
