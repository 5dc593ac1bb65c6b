"""Batch extraction throughput: one process (as ``jaanch extract``) against ``jaanch batch``
on a process pool and on Spark ``local[N]``, on the same articles in one run.

    python bench/batch.py [--corpus ../shared/data/corpus/hindi_news_all.jsonl] [--limit N]
                          [--workers 2] [--no-spark]

Prints articles/s for each and the ratios to one process; each batch output is checked to
hold one record per article, equal to the one-process records.
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
    ap.add_argument("--no-spark", action="store_true", help="Skip the Spark engine.")
    args = ap.parse_args()
    arts = [a for a in iter_inputs([str(args.corpus)]) if isinstance(a, Article)]
    if args.limit:
        arts = arts[: args.limit]
    pipe = Pipeline()
    pipe.run(arts[0])  # load the models before the clock starts
    t0 = time.perf_counter()
    one = {a.id: pipe.run(a).to_dict() for a in arts}
    rate_one = len(arts) / (time.perf_counter() - t0)
    result: dict[str, object] = {"articles": len(arts), "one_process": round(rate_one, 1)}
    print(f"one process (jaanch extract):          {rate_one:6.1f} articles/s")
    engines: list[tuple[str, str | None]] = [("local", None)]
    if not args.no_spark:
        engines.append(("spark", f"local[{args.workers}]"))
    for engine, master in engines:
        with tempfile.TemporaryDirectory() as td:
            out = Path(td) / "out"
            rep = run_batch(
                ((a, f"bench:{a.id}") for a in arts),
                out,
                workers=args.workers,
                engine=engine,
                master=master,
            )
            got = {rec["article"]["id"]: rec for _, rec in output.iter_pairs(out)}
        assert len(got) == len(one) and all(got[k] == one[k] for k in one), "records differ"
        rate = rep.extracted / rep.seconds
        name = master or f"{args.workers} processes"
        result[engine] = round(rate, 1)
        result[f"{engine}_ratio"] = round(rate / rate_one, 2)
        print(
            f"jaanch batch --engine {engine:5s} {name:11s} {rate:6.1f} articles/s "
            f"({rate / rate_one:.2f}x; start-up and writing the parts included)"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
