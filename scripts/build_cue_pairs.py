"""Build ``cue_pairs.tsv``: the words that stand after a cue word of the context recogniser
in many different articles (``पहचान पत्र``, ``रहने वाले लोग``, ``नाम पर``).

    python scripts/build_cue_pairs.py [--corpus DIR] [--gold FILE] [--min-docs 3]

Reads the unlabelled news corpora (``hindi_news_all.jsonl``, ``hindi_crime_news.jsonl``),
leaving out every article that overlaps the gold evaluation set, and counts, for every cue
and function word of ``person_context.yaml`` and the word right after it (normalised,
folded), in how many articles the two stand together. A pair many articles share is a
phrase of the language, not a name: names differ from article to article. The person model
reads the count as a feature (``jaanch.models.person_features``). The output is word
statistics, not article text.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from jaanch.annotate.records import development_texts
from jaanch.doc import Doc
from jaanch.recognise.persons import context
from jaanch.types import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "jaanch" / "lexicons" / "cue_pairs.tsv"


def _devanagari(key: str) -> bool:
    return bool(key) and "\u0900" <= key[0] <= "\u097f"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev.jsonl")
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    cues = context().words
    texts, skipped = development_texts(args.corpus, args.gold)
    n_docs = len(texts)
    docs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        keys = Doc.from_article(Article(id="x", text=text)).keys
        pairs = {
            (a, b) for a, b in zip(keys, keys[1:], strict=False) if a in cues and _devanagari(b)
        }
        docs.update(pairs)
    rows = sorted((a, b, d) for (a, b), d in docs.items() if d >= args.min_docs)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(
            f"# Word pairs of {n_docs} Hindi news articles (the project's unlabelled development\n"
            f"# corpora; {skipped} articles overlapping the gold evaluation set left out), built by\n"
            "# scripts/build_cue_pairs.py: a cue or function word of person_context.yaml and the\n"
            f"# word right after it, in how many articles (at least {args.min_docs}) they stand\n"
            "# together.\n"
        )
        fh.write("cue\tword\tdocs\n")
        for a, b, d in rows:
            fh.write(f"{a}\t{b}\t{d}\n")
    print(f"{len(rows)} pairs from {n_docs} articles ({skipped} held out) -> {args.out}")


if __name__ == "__main__":
    main()
