"""Knowledge-base benchmark: ingest articles/s (1 worker vs N) and search latency.

    python bench/ingest.py [--corpus PATH] [--n 400] [--workers 2] [--store 100000]

1. Ingests the first ``--n`` corpus articles into fresh SQLite stores with one worker and
   with ``--workers``, and prints articles/s and the ratio.
2. Builds a ``--store``-article store by ingesting the whole corpus once and then copying
   its stored rows (articles, mentions, facts, incidents, entities, links, name tokens,
   full-text rows) under new keys until the target is reached: no re-extraction. Then runs
   a fixed query mix (Latin names, Hindi names and variants, words, filters) and prints
   p50/p95 latency.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jaanch.resolve import ingest_and_resolve as ingest  # noqa: E402
from jaanch.store.db import open_store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "hindi_news_all.jsonl"
QUERIES = [
    "barkha mishra",
    "vikas dubey",
    "ajay mishra",
    "balram rajput",
    "लवली चक्रवर्ती",
    "बलराम राजपूत",
    "अजय मिश्र",
    "rahul",
    "kumar singh",
    "yadav",
    "हत्या",
    "दुष्कर्म आरोपी",
    "पुलिस गिरफ्तार",
    "crime:murder",
    "crime:fraud district:indore",
    "हत्या district:कानपुर",
    "mishra role:accused",
    "action:arrest from:2025-01 to:2025-12",
    "sharma crime:murder",
    "गैंगस्टर",
]


def ingest_rate(lines: list[str], workers: int, tmp: Path) -> float:
    src = tmp / f"in{workers}.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = open_store(f"sqlite:///{tmp / f'rate{workers}.db'}")
    rep = ingest(engine, [str(src)], workers=workers)
    return rep.stored / rep.seconds


def build_store(base_db: Path, target: int) -> None:
    """Copy the stored rows until the store has ``target`` articles."""
    from jaanch.text.keys import text_keys

    engine = open_store(f"sqlite:///{base_db}")
    with engine.begin() as c:
        n0 = c.execute(text("SELECT count(*) FROM articles")).scalar() or 0
        amax = c.execute(text("SELECT max(id) FROM articles")).scalar() or 0
        mmax = c.execute(text("SELECT max(id) FROM mentions")).scalar() or 0
        fmax = c.execute(text("SELECT max(id) FROM facts")).scalar() or 0
        imax = c.execute(text("SELECT max(id) FROM incidents")).scalar() or 0
        tmax = c.execute(text("SELECT max(id) FROM name_tokens")).scalar() or 0
        bodies = [
            (r.id, text_keys(f"{r.title or ''}\n{r.text}"))
            for r in c.execute(text("SELECT id, title, text FROM articles"))
        ]
    copies = max(0, -(-target // n0) - 1)
    raw = engine.raw_connection()
    cur = raw.cursor()
    for k in range(1, copies + 1):
        need = target - n0 * k
        lim = f"WHERE id <= {amax}" + (
            f" AND id <= (SELECT min(id) + {need} - 1 FROM articles)" if need < n0 else ""
        )
        cur.execute(
            f"INSERT INTO articles (id, hash, doc_id, title, published, source, url, origin, text,"
            f" extraction, pipeline, ingested_at) SELECT id + {k * amax}, hash || ':{k}', doc_id || '#{k}',"
            f" title, published, source, url, origin, text, extraction, pipeline, ingested_at FROM articles {lim}"
        )
        top = k * amax + amax
        sub = f"article_id <= {amax} AND article_id + {k * amax} IN (SELECT id FROM articles WHERE id > {k * amax} AND id <= {top})"
        cur.execute(
            f"INSERT INTO mentions SELECT id + {k * mmax}, article_id + {k * amax}, uid || ':{k}', kind, name, key,"
            f" lkey, aliases, roles, designation, age, place_kind, district, state, lgd_district, lgd_state,"
            f' start, "end", sentence, protected, attrs FROM mentions WHERE {sub}'
        )
        cur.execute(
            f'INSERT INTO facts SELECT id + {k * fmax}, article_id + {k * amax}, kind, code, value, start, "end",'
            f" sentence FROM facts WHERE {sub}"
        )
        cur.execute(
            f"INSERT INTO incidents SELECT id + {k * imax}, article_id + {k * amax}, local_id, date, date_precision,"
            f" crimes, actions, people, places, district, state, lgd_district, sentence FROM incidents WHERE {sub}"
        )
        # each copy's people are distinct entities (a harder search load than merged ones)
        cur.execute(
            f"INSERT INTO entities SELECT id || '~{k}', kind, name, latin, aliases, designation, district, state,"
            f" lgd_district, lgd_state, n_mentions, n_articles, protected, pseudonym FROM entities"
            f" WHERE id NOT LIKE '%~%' AND id IN (SELECT l.entity_id FROM links l JOIN mentions m ON m.id = l.mention_id"
            f" WHERE m.id <= {mmax} AND m.{sub})"
        )
        cur.execute(
            f"INSERT INTO links SELECT l.mention_id + {k * mmax}, l.entity_id || '~{k}', l.method, l.explanation,"
            f" l.score FROM links l JOIN mentions m ON m.id = l.mention_id WHERE m.id <= {mmax} AND m.{sub}"
        )
        cur.execute(
            f"INSERT INTO name_tokens SELECT id + {k * tmax}, tok, entity_id || '~{k}' FROM name_tokens"
            f" WHERE id <= {tmax} AND entity_id || '~{k}' IN (SELECT id FROM entities WHERE id LIKE '%~{k}')"
        )
        cur.executemany(
            "INSERT INTO article_fts(rowid, body) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
            [(aid + k * amax, body, aid + k * amax) for aid, body in bodies],
        )
        raw.commit()
        print(f"  copy {k}/{copies}", file=sys.stderr, flush=True)
    cur.execute("ANALYZE")
    raw.commit()
    raw.close()


def latency(db: Path, rounds: int) -> dict[str, float]:
    from jaanch.search import search

    engine = open_store(f"sqlite:///{db}")
    for q in QUERIES:  # warm the cache
        search(engine, q)
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            search(engine, q)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    with engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM articles")).scalar()
    return {
        "articles": float(n or 0),
        "queries": float(len(times)),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "max_ms": round(times[-1], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--n", type=int, default=400, help="articles for the ingest-rate runs")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--store", type=int, default=100_000, help="articles in the search store")
    ap.add_argument("--base-db", type=Path, help="an existing store of the corpus to copy from")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    lines = [ln for ln in args.corpus.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        if not args.skip_ingest:
            one = ingest_rate(lines[: args.n], 1, tmp)
            many = ingest_rate(lines[: args.n], args.workers, tmp)
            out["ingest"] = {
                "articles": args.n,
                "single_per_s": round(one, 1),
                f"workers_{args.workers}_per_s": round(many, 1),
                "ratio": round(many / one, 2),
            }
            print(json.dumps(out["ingest"]), flush=True)
        db = tmp / "big.db"
        if args.base_db:
            import shutil

            shutil.copy(args.base_db, db)
        else:
            src = tmp / "corpus.jsonl"
            src.write_text("\n".join(lines) + "\n", encoding="utf-8")
            ingest(open_store(f"sqlite:///{db}"), [str(src)], workers=args.workers)
        t0 = time.perf_counter()
        build_store(db, args.store)
        out["build_s"] = round(time.perf_counter() - t0, 1)
        out["search"] = latency(db, args.rounds)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
