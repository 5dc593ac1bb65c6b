"""Pretrain the NER model's tok2vec on unlabelled Hindi text (spaCy ``pretrain``).

    python scripts/pretrain_ner.py [--epochs 3] [--out build/pretrain]
    python scripts/train_ner.py --init-tok2vec build/pretrain/model2.bin ...

The text is the one ``scripts/build_vectors.py`` trains the vectors on: every article
of ``../shared/data/corpus/*.jsonl`` except the gold dev articles, plus the words of the
NER corpora's *training* parts; never a test split. Each sentence is normalised and
tokenised as the model sees it.

The pretraining objective is spaCy's characters objective (``spacy.PretrainCharacters.v1``:
predict the first and last 4 characters of each word from its context) on the
``tok2vec`` component of ``configs/ner.cfg``, with the same static vectors. The
``jaanch_lexfeats`` component does not run during pretraining (spaCy pretrains on bare
tokens), so the lexicon-class feature is empty there and is learned in training.

Writes ``OUT/model{epoch}.bin`` (the tok2vec weights after each epoch), ``OUT/config.cfg``
and ``OUT/log.jsonl``. The measured effect is in the model card's ablation table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import build_vectors  # noqa: E402
import train_ner  # noqa: E402


def pretraining_config(config: Path, vectors: Path, text: Path, epochs: int) -> object:
    """``config`` filled with spaCy's default [pretraining] block, reading ``text``."""
    import spacy
    from spacy.language import DEFAULT_CONFIG_PRETRAIN_PATH

    train_ner.ner_model.register_spacy_components()
    base = spacy.util.load_config(config, overrides={"paths.vectors": str(vectors)})
    filled = spacy.util.load_model_from_config(base, auto_fill=True).config
    cfg = spacy.util.load_config(DEFAULT_CONFIG_PRETRAIN_PATH).merge(filled)
    cfg["paths"]["raw_text"] = str(text)
    cfg["pretraining"]["max_epochs"] = epochs
    cfg["pretraining"]["component"] = "tok2vec"
    cfg["pretraining"]["layer"] = ""
    return cfg.interpolate()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ner", type=Path, default=train_ner.DEFAULT_NER)
    ap.add_argument("--corpus-dir", type=Path, default=train_ner.SHARED / "data" / "corpus")
    ap.add_argument("--gold", type=Path, default=train_ner.DEFAULT_GOLD)
    ap.add_argument("--config", type=Path, default=train_ner.DEFAULT_CONFIG)
    ap.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="spaCy vectors dir (default: build/vectors/spacy, built when missing)",
    )
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "pretrain")
    args = ap.parse_args(argv)

    from spacy.training.pretrain import pretrain

    t0 = time.time()
    vectors = args.vectors or train_ner.ensure_vectors(args.ner, train_ner.DEFAULT_VECTORS)
    args.out.mkdir(parents=True, exist_ok=True)
    text = args.out / "text.jsonl"  # spaCy pretrain reads JSONL: {"text": ...} per line
    lines, tokens = build_vectors.write_text(
        args, text, lambda s: json.dumps({"text": s}, ensure_ascii=False)
    )
    print(f"text: {lines:,} sentences, {tokens:,} tokens ({time.time() - t0:.0f}s)")
    cfg = pretraining_config(args.config, vectors, text, args.epochs)
    pretrain(cfg, args.out, silent=True)
    text.unlink()
    print(f"tok2vec weights: {sorted(p.name for p in args.out.glob('model*.bin'))}")
    print(f"done ({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
