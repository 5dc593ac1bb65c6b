"""Speed and peak memory of the shipped NER model on one CPU core.

    python bench/ner.py [--corpus ../shared/data/corpus/hindi_news_all.jsonl] [--limit N]
                        [--model DIR] [--cpu 0]

Pins the process to one CPU core (and one BLAS/OpenMP thread), loads the model (timed),
then runs ``nlp.pipe`` over the Jaanch-normalised article texts and prints tokens per
second (spaCy tokens and white-space words), articles per second, the model load time
and the peak resident memory (max RSS) of the process, with the RSS before loading.
Without the corpus it benchmarks on a built-in synthetic text.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/corpus/hindi_news_all.jsonl"
SYNTHETIC = (
    "कानपुर के बिकरू गांव में पुलिस ने शुक्रवार को छापा मारा। सीओ नजीराबाद गीतांजलि सिंह ने "
    "बताया कि आरोपी राजेश यादव पुत्र रामू यादव निवासी मकनपुर को गिरफ्तार कर लिया गया है। "
)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=1000, help="articles to read (0 = all)")
    ap.add_argument("--model", type=str, default=None, help="model dir (default: shipped)")
    ap.add_argument("--cpu", type=int, default=0, help="CPU core to pin to")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})

    from jaanch.recognise.ner_model import load_model
    from jaanch.text.normalise import normalise

    texts: list[str] = []
    if args.corpus.exists():
        with args.corpus.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if args.limit and n >= args.limit:
                    break
                t = json.loads(line).get("text") or ""
                if t.strip():
                    texts.append(normalise(t).text)
        source = f"{args.corpus.name} ({len(texts)} articles)"
    else:
        texts = [SYNTHETIC * 20] * 200
        source = "synthetic text (corpus not found)"
    rss0 = max_rss_mb()
    t0 = time.perf_counter()
    nlp = load_model(args.model)
    load_s = time.perf_counter() - t0
    nlp("गरम करना")  # first-call warm-up
    n_tok = n_words = n_ents = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        n_tok += len(doc)
        n_ents += len(doc.ents)
    elapsed = time.perf_counter() - t0
    n_words = sum(len(t.split()) for t in texts)
    print(f"corpus            {source}")
    print(f"model load        {load_s:.2f} s")
    print(f"tokens/s (1 core) {n_tok / elapsed:,.0f}  ({n_tok:,} spaCy tokens in {elapsed:.1f} s)")
    print(f"words/s  (1 core) {n_words / elapsed:,.0f}")
    print(f"articles/s        {len(texts) / elapsed:,.1f}")
    print(f"entities found    {n_ents:,}")
    print(f"peak RSS          {max_rss_mb():,.0f} MB (before loading the model: {rss0:,.0f} MB)")


if __name__ == "__main__":
    main()
