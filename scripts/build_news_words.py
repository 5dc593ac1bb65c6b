"""Build ``news_words.tsv``: how Hindi news prose uses each word.

    python scripts/build_news_words.py [--corpus DIR] [--gold FILE] [--min-count 2]

Reads the unlabelled news corpora (``hindi_news_all.jsonl``, ``hindi_crime_news.jsonl``),
leaving out every article that overlaps the gold evaluation set, and counts per
normalised, folded word:

* ``docs``: in how many articles it occurs;
* ``count``: how often it occurs;
* ``after_rank``: how often it stands in the name slot right after a rank or post
  (``एसएसपी रघुवीर लाल``: the one to three name-like words after the designation up to a
  case marker). Silver evidence that the word is part of people's names, gathered by the
  project's own designation recogniser, never from any annotation.

The output is word statistics, not article text. :mod:`jaanch.names` reads it to tell a
family name no NER corpus has seen (``लाकड़ा``) from a frequent ordinary word (``फरार``).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from jaanch.annotate.records import development_texts
from jaanch.doc import Doc
from jaanch.recognise.designation import designation_matcher
from jaanch.types import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "jaanch" / "lexicons" / "news_words.tsv"
STOP_AFTER = {"ने", "को", "के", "की", "का", "से", "पर", "में", "और", "व", ",", "।", "(", ")", "ने,"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev.jsonl")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    texts, skipped = development_texts(args.corpus, args.gold)
    n_docs = len(texts)
    matcher = designation_matcher()
    docs: Counter[str] = Counter()
    count: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for text in texts:
        doc = Doc.from_article(Article(id="x", text=text))
        keys = list(doc.keys)
        words = [k for k in keys if k and "\u0900" <= k[0] <= "\u097f"]
        count.update(words)
        docs.update(set(words))
        for m in matcher.find_all(doc.tokens, keys):
            j = m.last + 1
            for k in keys[j : j + 3]:
                if k in STOP_AFTER or not k or not ("\u0900" <= k[0] <= "\u097f"):
                    break
                if matcher.get(k) is not None:
                    break
                after[k] += 1
    rows = sorted((w, docs[w], c, after[w]) for w, c in count.items() if c >= args.min_count)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(
            f"# Word statistics of {n_docs} Hindi news articles (the project's unlabelled development\n"
            f"# corpora; {skipped} articles overlapping the gold evaluation set left out), built by\n"
            "# scripts/build_news_words.py. docs: articles with the word; count: occurrences;\n"
            "# after_rank: occurrences in the name slot right after a rank or post.\n"
        )
        fh.write("token\tdocs\tcount\tafter_rank\n")
        for w, d, c, a in rows:
            fh.write(f"{w}\t{d}\t{c}\t{a}\n")
    print(f"{len(rows)} words from {n_docs} articles ({skipped} held out) -> {args.out}")


if __name__ == "__main__":
    main()
