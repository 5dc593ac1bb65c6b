"""Build ``news_common_words.tsv``: words that are common in Hindi news prose.

    python scripts/build_news_words.py [--corpus DIR] [--min-docs 6]

Reads the unlabelled news corpora (``hindi_news_all.jsonl``, ``hindi_crime_news.jsonl``),
counts in how many articles each (normalised, folded) word occurs, and keeps the words
found in at least ``--min-docs`` articles that the NER-corpus counts do not know mostly as
parts of person names. The result is a table of word statistics (word, document count),
not article text. The person recogniser uses it to tell a name from a frequent ordinary
word (``कार``, ``फरार``, ``फर्जी``) in weak contexts.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from jaanch.names import NameLexicon
from jaanch.text.normalise import fold_for_match, normalise
from jaanch.text.segment import tokenize

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "corpus"
OUT = ROOT / "src" / "jaanch" / "lexicons" / "news_common_words.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--min-docs", type=int, default=6)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    names = NameLexicon.default()
    df: Counter[str] = Counter()
    docs = 0
    for fname in ("hindi_news_all.jsonl", "hindi_crime_news.jsonl"):
        with (args.corpus / fname).open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                docs += 1
                words = {fold_for_match(t.text) for t in tokenize(normalise(text).text)}
                df.update(w for w in words if w and "\u0900" <= w[0] <= "\u097f")
    rows = []
    for w, n in df.items():
        if n < args.min_docs or names.is_surname(w) or names.person_score(w) >= 0.45:
            continue
        rows.append((w, n))
    rows.sort()
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(
            f"# Words found in at least {args.min_docs} of {docs} Hindi news articles (document\n"
            "# counts only; built by scripts/build_news_words.py from the project's unlabelled\n"
            "# development corpora), excluding known surnames and words the NER corpora mark\n"
            "# mostly as person names.\n"
        )
        fh.write("token\tdocs\n")
        for w, n in rows:
            fh.write(f"{w}\t{n}\n")
    print(f"{len(rows)} words from {docs} articles -> {args.out}")


if __name__ == "__main__":
    main()
