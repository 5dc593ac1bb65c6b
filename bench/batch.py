"""Batch extraction throughput: one process (as ``jaanch extract``) against ``jaanch batch``
on a process pool, on the same articles in one run.

    python bench/batch.py [--corpus ../shared/data/corpus/hindi_news_all.jsonl] [--limit N]
                          [--workers 2]

Prints articles/s for each and the ratio; the batch output is checked to hold one record per
article, equal to the one-process records.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from jaanch.batch import output
from jaanch.batch.local import run_batch
from jaanch.pipeline import Pipeline
from jaanch.reader import iter_inputs
from jaanch.types import Article

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/corpus/hindi_news_all.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    arts = [a for a in iter_inputs([str(args.corpus)]) if isinstance(a, Article)]
    if args.limit:
        arts = arts[: args.limit]
    pipe = Pipeline()
    pipe.run(arts[0])  # load the models before the clock starts
    t0 = time.perf_counter()
    one = {a.id: pipe.run(a).to_dict() for a in arts}
    t_one = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as td:
        rep = run_batch(
            ((a, f"bench:{a.id}") for a in arts), Path(td) / "out", workers=args.workers
        )
        got = {rec["article"]["id"]: rec for _, rec in output.iter_pairs(Path(td) / "out")}
    assert len(got) == len(one) and all(got[k] == one[k] for k in one), "records differ"
    rate_one, rate_pool = len(arts) / t_one, rep.extracted / rep.seconds
    result = {
        "articles": len(arts),
        "one_process_articles_per_s": round(rate_one, 1),
        f"batch_{args.workers}_processes_articles_per_s": round(rate_pool, 1),
        "ratio": round(rate_pool / rate_one, 2),
    }
    print(f"one process (jaanch extract):      {rate_one:6.1f} articles/s")
    print(
        f"jaanch batch, {args.workers} worker processes:  {rate_pool:6.1f} articles/s "
        f"({rate_pool / rate_one:.2f}x; includes worker start-up and writing the parts)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
