"""Annotate articles for the project's training data (people, roles, relations).

    python scripts/annotate.py pre ID [ID ...]      # pre-annotate with the pipeline
    python scripts/annotate.py show ID              # the article and its draft, to read
    python scripts/annotate.py store ID [ID ...] --annotator NAME

Articles are read from ``../shared/data/corpus/hindi_crime_news.jsonl``; ``--corpus
hindi_news_all.jsonl`` reads the crime reports of the general news file (the record keeps
the file's name, and the loader joins the text back from it).

``pre`` writes ``build/annotate/<id>.json`` (the draft: people with roles, designation and
aliases, relations; names as written) and ``build/annotate/<id>.txt`` (the article, one
sentence a line). Read the whole article and correct the draft by
``../shared/spec/annotation-guidelines.md``. ``store`` checks the draft (codes, every name
written in the article) and writes it offsets-only into ``annotations/people.jsonl``
(article id, corpus file, text hash, spans: never the text), replacing an older record of
the same article. Articles of the gold dev set are refused.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from jaanch import Pipeline
from jaanch.annotate.records import (
    AnnotationError,
    Corpus,
    read_records,
    to_draft,
    to_record,
    write_records,
)
from jaanch.types import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CORPUS = SHARED / "corpus"
CORPUS_FILE = "hindi_crime_news.jsonl"
DEV = SHARED / "gold" / "dev.jsonl"
DRAFTS = ROOT / "build" / "annotate"
STORE = ROOT / "annotations" / "people.jsonl"


def dev_ids() -> set[str]:
    if not DEV.exists():
        return set()
    return {json.loads(ln)["id"] for ln in DEV.read_text(encoding="utf-8").splitlines() if ln}


def pre(ids: list[str], articles: dict[str, dict]) -> None:
    DRAFTS.mkdir(parents=True, exist_ok=True)
    pipe = Pipeline()
    for i in ids:
        a = articles[i]
        ex = pipe.run(Article(id=i, text=a["text"], published=a.get("published")))
        draft = to_draft({**ex.to_dict(), "id": i})
        (DRAFTS / f"{i}.json").write_text(
            json.dumps(draft, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        sentences = re.split(r"(?<=[।?!|])\s+|\n+", a["text"])
        (DRAFTS / f"{i}.txt").write_text(
            "\n".join(f"{n:3d}  {s}" for n, s in enumerate(sentences) if s.strip()) + "\n",
            encoding="utf-8",
        )
        print(f"{i}: {len(draft['people'])} people, {len(draft['relations'])} relations")


def show(i: str, articles: dict[str, dict]) -> None:
    txt, js = DRAFTS / f"{i}.txt", DRAFTS / f"{i}.json"
    print(txt.read_text(encoding="utf-8") if txt.exists() else articles[i]["text"])
    if js.exists():
        print(js.read_text(encoding="utf-8"))


def store(ids: list[str], articles: dict[str, dict], annotator: str, corpus_file: str) -> int:
    records = {r["id"]: r for r in read_records(STORE)}
    bad = 0
    for i in ids:
        draft = json.loads((DRAFTS / f"{i}.json").read_text(encoding="utf-8"))
        try:
            records[i] = to_record(draft, articles[i]["text"], corpus_file, annotator)
        except AnnotationError as e:
            print(f"{i}: {e}", file=sys.stderr)
            bad += 1
    write_records(STORE, records.values())
    print(f"{len(ids) - bad} stored, {bad} refused; {len(records)} records in {STORE}")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("command", choices=["pre", "show", "store"])
    ap.add_argument("ids", nargs="+")
    ap.add_argument("--annotator", default="")
    ap.add_argument("--corpus", default=CORPUS_FILE, help=f"file of {CORPUS} (default %(default)s)")
    args = ap.parse_args()
    articles = Corpus(CORPUS).articles(args.corpus)
    held = dev_ids() & set(args.ids)
    if held:
        print(f"dev-set articles are for evaluation only: {sorted(held)}", file=sys.stderr)
        return 2
    missing = [i for i in args.ids if i not in articles]
    if missing:
        print(f"not in {args.corpus}: {missing}", file=sys.stderr)
        return 2
    if args.command == "pre":
        pre(args.ids, articles)
    elif args.command == "show":
        for i in args.ids:
            show(i, articles)
    else:
        if not args.annotator:
            print("store needs --annotator", file=sys.stderr)
            return 2
        return store(args.ids, articles, args.annotator, args.corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
