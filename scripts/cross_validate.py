"""Cross-validate the learned people layer on the dev set plus the project's annotations.

    python scripts/cross_validate.py [--k 5] [--seed 0] [--json out.json]

Trains the role assigner on K-1 folds of ``../shared/data/gold/dev.jsonl`` plus
``annotations/people.jsonl`` (joined to ``../shared`` text) and scores the held-out fold by
the format's rules (people, roles, relations); then leaves one source out at a time. Prints
each fold, the mean with its spread (population sd across folds), the pooled micro F1, and
the same folds scored with the rules alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jaanch.annotate.crossval import GROUPS, cross_validate
from jaanch.annotate.records import load_golds

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dev", type=Path, default=SHARED / "gold" / "dev.jsonl")
    ap.add_argument("--annotations", type=Path, default=ROOT / "annotations" / "people.jsonl")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    golds = load_golds(args.dev, args.annotations, args.corpus)
    print(f"{len(golds)} articles ({sum(1 for g in golds if 'groups' in g)} annotated)")
    reports = cross_validate(
        golds, k=args.k, seed=args.seed, progress=lambda s: print(s, file=sys.stderr)
    )
    for rep in reports:
        print(f"\n{rep.scheme} ({len(rep.folds)} folds)")
        for g in GROUPS:
            m, sd = rep.mean_sd(g)
            print(f"  {g:22s} {m:.3f} ± {sd:.3f}   pooled {rep.pooled[g]:.3f}")
    print("\nmean ± sd: over folds; pooled: micro F1 over every held-out article")
    if args.json:
        args.json.write_text(json.dumps([r.as_dict() for r in reports], indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
