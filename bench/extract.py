"""Extraction throughput and peak memory over a JSONL corpus.

    python bench/extract.py [--corpus ../shared/data/corpus/hindi_news_all.jsonl] [--limit N]

Prints articles/s, characters/s and peak memory (tracemalloc and max RSS). As baselines
in the same process it also times normalisation + tokenisation alone and the pipeline
without the learned people models (rules only), and reports the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import time
import tracemalloc
from pathlib import Path

from jaanch.doc import Doc
from jaanch.pipeline import ExtractionError, Pipeline, default_pipeline
from jaanch.types import Article

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/corpus/hindi_news_all.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    arts = []
    with args.corpus.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if args.limit and n >= args.limit:
                break
            d = json.loads(line)
            arts.append(
                Article(
                    id=str(d.get("id", n)), text=d.get("text") or "", published=d.get("published")
                )
            )
    chars = sum(len(a.text) for a in arts)

    pipeline = default_pipeline()  # load lexicons outside the timed loop
    pipeline.run(Article(id="warm", text="कानपुर में पुलिस ने आरोपी को गिरफ्तार किया।"))

    t0 = time.perf_counter()
    for a in arts:
        if a.text.strip():
            Doc.from_article(a)
    base = time.perf_counter() - t0

    t0 = time.perf_counter()
    errors = 0
    for a in arts:
        try:
            pipeline.run(a)
        except ExtractionError:
            errors += 1
    full = time.perf_counter() - t0

    rules = Pipeline(
        role_model=False, associate_model=False, person_model=False, person_check=False
    )
    rules.run(Article(id="warm", text="कानपुर में पुलिस ने आरोपी को गिरफ्तार किया।"))
    t0 = time.perf_counter()
    for a in arts:
        with contextlib.suppress(ExtractionError):
            rules.run(a)
    rules_time = time.perf_counter() - t0

    # peak memory of extraction, traced over a slice (tracing slows Python down 3-5x)
    sample = arts[: min(len(arts), 200)]
    tracemalloc.start()
    for a in sample:
        with contextlib.suppress(ExtractionError):
            pipeline.run(a)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus            {args.corpus.name}: {len(arts)} articles, {chars:,} characters")
    print(
        f"extraction        {len(arts) / full:8.1f} articles/s  {chars / full:12,.0f} chars/s  ({full:.1f} s, {errors} rejected)"
    )
    print(
        f"baseline          {len(arts) / base:8.1f} articles/s  (normalise + tokenise only, same process)"
    )
    print(f"ratio             full pipeline takes {full / base:.1f}x the baseline time")
    print(
        f"people models     {len(arts) / rules_time:8.1f} articles/s without them (rules only);"
        f" with them {rules_time / full:.2f}x that throughput"
    )
    print(
        f"peak memory       {peak / 2**20:.1f} MiB traced over {len(sample)} articles (beyond the"
        f" loaded lexicons), max RSS {rss:.0f} MiB for the whole process"
    )


if __name__ == "__main__":
    main()
