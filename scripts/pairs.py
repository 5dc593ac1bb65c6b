"""Label pairs of person mentions from different articles (the resolution training set).

    python scripts/pairs.py candidates --db sqlite:///build/res/all.db --n 400
    python scripts/pairs.py store build/pairs/labelled-*.jsonl --annotator NAME

``candidates`` reads a store made by ``jaanch ingest ../shared/data/corpus/hindi_news_all.jsonl``
and draws pairs of person mentions from different articles, stratified by how the two names
relate (the strata a resolver gets wrong in different ways):

- ``same_name``: the same folded name key, two or more words;
- ``diff_district``: the same key, placed in two different districts;
- ``variant``: different keys whose spellings are close (Jaro-Winkler on the folded key);
- ``short_form``: one word (or a title and one word) against a full name holding it;
- ``same_surname``: the same last word, a different first word;
- ``latin``: a Latin-script name against a Devanagari one.

It writes ``build/pairs/candidates.jsonl`` (one pair a line, each side with the article's
title and the sentences naming the person, to read) and a ``label`` field set to null.
Set ``label`` to ``same``, ``different`` or ``unsure`` by reading both sides (world
knowledge for public figures; office, place, case and relatives for everyone else; when
the text cannot tell, ``unsure``). ``store`` keeps ids and names only (never the text) in
``annotations/pairs.jsonl``, replacing an older record of the same pair.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "pairs"
STORE = ROOT / "annotations" / "pairs.jsonl"
LABELS = ("same", "different", "unsure")
_LATIN = re.compile(r"[A-Za-z]")


def _mentions(db: str) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from jaanch.store.db import open_store
    from jaanch.store.models import ArticleRow, Mention

    engine = open_store(db)
    out = []
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Mention.name,
                Mention.key,
                Mention.designation,
                Mention.district,
                Mention.lgd_district,
                Mention.attrs,
                ArticleRow.doc_id,
                ArticleRow.title,
                ArticleRow.text,
            )
            .join(ArticleRow, ArticleRow.id == Mention.article_id)
            .where(Mention.kind == "PERSON")
            .order_by(ArticleRow.doc_id, Mention.id)
        )
        for r in rows:
            out.append(dict(r._mapping))
    return out


def _context(text: str, name: str, limit: int = 2) -> list[str]:
    sents = re.split(r"(?<=[।?!|])\s+|\n+", text)
    hits = [s.strip() for s in sents if name in s]
    return [h[:400] for h in hits[:limit]]


def _side(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc": m["doc_id"],
        "name": m["name"],
        "designation": m["designation"],
        "district": m["district"],
        "district_source": (m["attrs"] or {}).get("district_source"),
        "title": m["title"],
        "context": _context(m["text"], m["name"]),
    }


def candidates(db: str, n: int, seed: int) -> list[dict[str, Any]]:
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.process import cdist

    rng = random.Random(seed)
    ms = _mentions(db)
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in ms:
        if m["key"]:
            by_key[m["key"]].append(m)

    def two(a: list[dict[str, Any]], b: list[dict[str, Any]] | None = None) -> tuple | None:
        for _ in range(20):
            x = rng.choice(a)
            y = rng.choice(b if b is not None else a)
            if x["doc_id"] != y["doc_id"]:
                return x, y
        return None

    picked: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    seen: set[frozenset[tuple[str, str]]] = set()

    def add(stratum: str, pair: tuple | None) -> bool:
        if not pair:
            return False
        x, y = pair
        k = frozenset({(x["doc_id"], x["name"]), (y["doc_id"], y["name"])})
        if len(k) < 2 or k in seen:
            return False
        seen.add(k)
        picked.append((stratum, x, y))
        return True

    quota = {
        "same_name": n * 24 // 100,
        "diff_district": n * 12 // 100,
        "variant": n * 20 // 100,
        "short_form": n * 24 // 100,
        "same_surname": n * 10 // 100,
    }
    multi = [
        k
        for k, v in by_key.items()
        if len(k.split()) >= 2 and len({m["doc_id"] for m in v}) >= 2 and not _LATIN.search(k)
    ]
    rng.shuffle(multi)
    # same name: half frequent names, half rare ones (a rare name is a different case)
    multi.sort(key=lambda k: -len({m["doc_id"] for m in by_key[k]}))
    frequent, rare = multi[: len(multi) // 5], multi[len(multi) // 5 :]
    rng.shuffle(frequent)
    rng.shuffle(rare)
    for pool in (frequent, rare):
        got = 0
        for k in pool:
            if got >= quota["same_name"] // 2:
                break
            got += add("same_name", two(by_key[k]))
    got = 0
    for k in multi:
        if got >= quota["diff_district"]:
            break
        d = defaultdict(list)
        for m in by_key[k]:
            if m["lgd_district"]:
                d[m["lgd_district"]].append(m)
        if len(d) >= 2:
            a, b = rng.sample(sorted(d), 2)
            got += add("diff_district", two(d[a], d[b]))
    keys = sorted(k for k in by_key if len(k.split()) >= 2)
    scores = cdist(keys, keys, scorer=JaroWinkler.normalized_similarity, score_cutoff=0.88)
    close = [
        (keys[i], keys[j])
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if scores[i, j] > 0 and keys[i].split()[-1][:2] == keys[j].split()[-1][:2]
    ]
    rng.shuffle(close)
    got = 0
    for a, b in close:
        if got >= quota["variant"]:
            break
        got += add("variant", two(by_key[a], by_key[b]))
    by_token: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        for t in set(k.split()):
            by_token[t].append(k)
    singles = [k for k in by_key if len(k.split()) == 1 and k in by_token]
    rng.shuffle(singles)
    got = 0
    for s in singles:
        if got >= quota["short_form"]:
            break
        full = rng.choice(by_token[s])
        got += add("short_form", two(by_key[s], by_key[full]))
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        by_last[k.split()[-1]].append(k)
    lasts = [t for t, ks in by_last.items() if len({k.split()[0] for k in ks}) >= 2]
    rng.shuffle(lasts)
    got = 0
    for t in lasts:
        if got >= quota["same_surname"]:
            break
        a, b = rng.sample(by_last[t], 2)
        if a.split()[0] != b.split()[0]:
            got += add("same_surname", two(by_key[a], by_key[b]))
    latin = [m for m in ms if _LATIN.search(m["name"])]
    for m in latin:
        toks = [t for t in m["key"].split() if len(t) > 2]
        for k in multi:
            if toks and any(t in k.split() for t in toks[-1:]):
                add("latin", two([m], by_key[k]))
                break
    out = []
    for stratum, x, y in picked:
        out.append({"stratum": stratum, "a": _side(x), "b": _side(y), "label": None})
    return out


def store(paths: list[str], annotator: str) -> int:
    rows: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    if STORE.exists():
        for ln in STORE.read_text(encoding="utf-8").splitlines():
            if ln.strip():
                r = json.loads(ln)
                rows[_pair_key(r)] = r
    n = 0
    for p in paths:
        for ln in Path(p).read_text(encoding="utf-8").splitlines():
            if not ln.strip():
                continue
            r = json.loads(ln)
            if r.get("label") not in LABELS:
                raise SystemExit(f"{p}: pair without a label: {r['a']['name']} / {r['b']['name']}")
            rec = {
                "a": {"doc": r["a"]["doc"], "name": r["a"]["name"]},
                "b": {"doc": r["b"]["doc"], "name": r["b"]["name"]},
                "label": r["label"],
                "stratum": r["stratum"],
                "annotator": annotator,
            }
            rows[_pair_key(rec)] = rec
            n += 1
    STORE.parent.mkdir(parents=True, exist_ok=True)
    body = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows.values()]
    STORE.write_text("\n".join(sorted(body)) + "\n", encoding="utf-8")
    return n


def _pair_key(r: dict[str, Any]) -> tuple[str, str, str, str]:
    a = (r["a"]["doc"], r["a"]["name"])
    b = (r["b"]["doc"], r["b"]["name"])
    x, y = sorted([a, b])
    return (*x, *y)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("candidates")
    c.add_argument("--db", required=True)
    c.add_argument("--n", type=int, default=400)
    c.add_argument("--seed", type=int, default=17)
    s = sub.add_parser("store")
    s.add_argument("files", nargs="+")
    s.add_argument("--annotator", required=True)
    args = ap.parse_args(argv)
    if args.cmd == "candidates":
        rows = candidates(args.db, args.n, args.seed)
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "candidates.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        counts: dict[str, int] = defaultdict(int)
        for r in rows:
            counts[r["stratum"]] += 1
        print(f"{len(rows)} pairs -> {path}: {dict(counts)}")
    else:
        print(f"stored {store(args.files, args.annotator)} pairs -> {STORE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
