"""Train subword word vectors (floret) for the NER model from unlabelled Hindi text.

    python scripts/build_vectors.py [--ner ../shared/data/ner] [--corpus-dir
        ../shared/data/corpus] [--out build/vectors] [--dim 96] [--bucket 50000]

Text (never a test split, never an article of the gold dev set):

* every article of ``../shared/data/corpus/*.jsonl`` (news of all topics, crime news,
  crime headlines), except the gold dev articles (same id or a shared 200-character
  stretch);
* the *training* parts of the NER corpora that ``scripts/train_ner.py`` trains on
  (their words only, not their tags).

Every text is Jaanch-normalised, split into sentences and tokenised with
``spacy.blank("hi")``, so the vectors see exactly the tokens the model sees. floret
(fastText with hashed subwords, Explosion) learns one table of ``--bucket`` rows: a
word's vector is the sum of its hashed character 3–5-grams and the word itself, so a
name the text never contained still gets a vector from its pieces. The table holds
numbers only, no word list, so no text of any source is in it.

Writes ``OUT/vectors.floret`` and the spaCy vectors directory ``OUT/spacy`` (loaded by
``configs/ner.cfg`` through ``[initialize] vectors``). Deterministic for a given input
with ``--threads 1``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import train_ner  # noqa: E402

SHARED = train_ner.SHARED


def news_texts(corpus_dir: Path, gold: Path) -> Iterator[str]:
    """Article texts (title and body) of every corpus file, gold dev articles left out."""
    ids, probes = train_ner.gold_probes(gold)
    for path in sorted(corpus_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                d = json.loads(line)
                text = "\n".join(str(d.get(k) or "") for k in ("title", "headline", "text"))
                if str(d.get("id")) in ids or any(p and p in text for p in probes):
                    continue
                if text.strip():
                    yield text


def tokenised_sentences(args: argparse.Namespace) -> Iterator[list[str]]:
    """The text's sentences (3 tokens or more), normalised and tokenised as the model
    sees them: the news articles first, then the NER corpora's training parts."""
    import spacy
    import train_ner

    from jaanch.text.normalise import normalise
    from jaanch.text.segment import sentences

    tok = spacy.blank("hi").tokenizer

    def texts() -> Iterator[str]:
        for text in news_texts(args.corpus_dir, args.gold):
            yield from (sent.text for sent in sentences(normalise(text).text))
        if args.ner.exists():
            for key, items in train_ner.gold_corpora(args.ner).items():
                if key.startswith("train:"):
                    yield from (it.text for it in items)

    for text in texts():
        words = [t.text for t in tok(text) if not t.is_space]
        if len(words) >= 3:
            yield words


def write_text(
    args: argparse.Namespace, path: Path, line: Callable[[str], str] = lambda s: s
) -> tuple[int, int]:
    """One tokenised sentence per line (``line`` formats it); returns (lines, tokens)."""
    lines = tokens = 0
    with path.open("w", encoding="utf-8") as out:
        for words in tokenised_sentences(args):
            out.write(line(" ".join(words)) + "\n")
            lines += 1
            tokens += len(words)
    return lines, tokens


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ner", type=Path, default=SHARED / "data" / "ner")
    ap.add_argument("--corpus-dir", type=Path, default=SHARED / "data" / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "data" / "gold" / "dev.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "vectors")
    ap.add_argument("--dim", type=int, default=96)
    ap.add_argument("--bucket", type=int, default=50000, help="rows of the hash table")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--model", choices=["cbow", "skipgram"], default="skipgram")
    args = ap.parse_args(argv)

    import floret

    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    text_path = args.out / "text.txt"
    lines, tokens = write_text(args, text_path)
    print(f"text: {lines:,} sentences, {tokens:,} tokens ({time.time() - t0:.0f}s)")
    model = floret.train_unsupervised(
        str(text_path),
        model=args.model,
        mode="floret",
        hashCount=2,
        bucket=args.bucket,
        minn=3,
        maxn=5,
        dim=args.dim,
        epoch=args.epochs,
        minCount=args.min_count,
        thread=args.threads,
        verbose=0,
    )
    vec_path = args.out / "vectors.floret"
    model.save_floret_vectors(str(vec_path))
    text_path.unlink()
    print(f"floret: dim {args.dim}, {args.bucket:,} rows ({time.time() - t0:.0f}s)")

    import spacy
    from spacy.training.initialize import convert_vectors

    nlp = spacy.blank("hi")
    convert_vectors(nlp, vec_path, truncate=0, prune=-1, name="jaanch_hi_floret", mode="floret")
    nlp.to_disk(args.out / "spacy")
    print(f"spaCy vectors: {args.out / 'spacy'} ({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
