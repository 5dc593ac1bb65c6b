"""Speed and peak memory of the shipped NER model on one CPU core.

    python bench/ner.py [--corpus ../shared/data/corpus/hindi_news_all.jsonl] [--limit N]
                        [--model DIR] [--baseline build/ner-baseline] [--cpu 0]

Pins the process to one CPU core (and one BLAS/OpenMP thread), loads the model (timed),
then runs ``nlp.pipe`` over the Jaanch-normalised article texts and prints tokens per
second (spaCy tokens and white-space words), articles per second, the model load time
and the peak resident memory (max RSS) of the process, with the RSS before loading.
Each model first runs once over 50 other articles (the ones after ``--limit``), so that
the process is warm; then the first pass over the timed articles is timed ("first
pass": their new words are new to the model's vocabulary and word-vector cache), then
``--rounds`` more passes ("warm", best of them). With a baseline each model makes its
first pass first on one half of the articles and second on the other half, because
whichever runs first in a process is slowed by it. With ``--baseline`` (a model directory,
by default ``build/ner-baseline`` from ``scripts/train_ner.py --baseline`` when it is
there) the baseline is timed in the same process the same way, its passes alternating
with the model's, and both ratios are printed. Without the corpus it benchmarks on a built-in
synthetic text.
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
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/data/corpus/hindi_news_all.jsonl"
DEFAULT_BASELINE = ROOT / "build" / "ner-baseline"
WARMUP_ARTICLES = 50
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
    ap.add_argument("--baseline", type=Path, default=None, help="baseline model dir to compare")
    ap.add_argument("--rounds", type=int, default=2, help="warm passes after the first")
    ap.add_argument("--cpu", type=int, default=0, help="CPU core to pin to")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})

    from jaanch.recognise.ner_model import load_model
    from jaanch.text.normalise import normalise

    texts: list[str] = []
    warmup: list[str] = []  # other articles: they warm the process, not the timed words
    if args.corpus.exists():
        with args.corpus.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if args.limit and n >= args.limit + WARMUP_ARTICLES:
                    break
                t = json.loads(line).get("text") or ""
                if t.strip():
                    into = warmup if args.limit and n >= args.limit else texts
                    into.append(normalise(t).text)
        source = f"{args.corpus.name} ({len(texts)} articles)"
    else:
        texts = [SYNTHETIC * 20] * 200
        warmup = [SYNTHETIC]
        source = "synthetic text (corpus not found)"
    rss0 = max_rss_mb()
    t0 = time.perf_counter()
    nlp = load_model(args.model)
    load_s = time.perf_counter() - t0

    def one_pass(model: Any, part: list[str]) -> tuple[float, int, int]:
        n_tok = n_ents = 0
        t0 = time.perf_counter()
        for doc in model.pipe(part, batch_size=64):
            n_tok += len(doc)
            n_ents += len(doc.ents)
        return time.perf_counter() - t0, n_tok, n_ents

    base_dir = args.baseline or (DEFAULT_BASELINE if DEFAULT_BASELINE.exists() else None)
    base = load_model(str(base_dir)) if base_dir else None
    for model in (nlp, base):
        if model is not None:  # warm the process (allocator, pages, BLAS) on other text
            list(model.pipe(warmup or ["गरम करना"], batch_size=64))
    # first passes: with a baseline, each model goes first on one half of the articles
    half = len(texts) // 2 if base is not None else len(texts)
    first_half, second_half = texts[:half], texts[half:]
    cold = one_pass(nlp, first_half)[0]
    base_cold = 0.0
    if base is not None:
        base_cold = one_pass(base, first_half)[0] + one_pass(base, second_half)[0]
    cold += one_pass(nlp, second_half)[0]
    _, n_tok, n_ents = one_pass(nlp, texts)
    warm: list[float] = []
    base_times: list[float] = []
    for _ in range(args.rounds):
        warm.append(one_pass(nlp, texts)[0])
        if base is not None:
            base_times.append(one_pass(base, texts)[0])
    elapsed = min(warm) if warm else cold
    n_words = sum(len(t.split()) for t in texts)
    print(f"corpus            {source}")
    print(f"model load        {load_s:.2f} s")
    print(f"tokens/s (1 core) {n_tok / elapsed:,.0f}  ({n_tok:,} spaCy tokens in {elapsed:.1f} s)")
    print(f"words/s  (1 core) {n_words / elapsed:,.0f}  (first pass: {n_words / cold:,.0f})")
    print(f"articles/s        {len(texts) / elapsed:,.1f}")
    print(f"entities found    {n_ents:,}")
    if base is not None and base_dir is not None and base_times:
        b = min(base_times)
        shown = base_dir.resolve()
        if shown.is_relative_to(ROOT):
            shown = shown.relative_to(ROOT)
        print(
            f"baseline          {n_words / b:,.0f} words/s (first pass: {n_words / base_cold:,.0f})"
            f"  {shown}"
        )
        print(f"speed vs baseline {b / elapsed:.2f}x (first passes: {base_cold / cold:.2f}x)")
    print(f"peak RSS          {max_rss_mb():,.0f} MB (before loading the model: {rss0:,.0f} MB)")


if __name__ == "__main__":
    main()
