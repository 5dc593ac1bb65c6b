"""Web benchmark: throughput and latency of search and article pages under concurrent load.

    python bench/serve.py [--db URL_OR_PATH] [--store 100000] [--clients 20] [--seconds 20]
                          [--workers N] [--api]

1. Uses the store given with ``--db``, else builds (once, then reuses) a ``--store``-article
   SQLite store under ``--cache`` the way ``bench/ingest.py`` does: the corpus is ingested
   once and its rows copied under new keys (no re-extraction).
2. Starts ``uvicorn jaanch.web.app:app_from_env`` with ``--workers`` processes on a free
   localhost port.
3. Runs ``--clients`` concurrent keep-alive clients for ``--seconds`` against the search
   page (a fixed mix of Hindi and Latin names, words and filters), then against article
   pages (random article ids), each request bounded by a 10 s timeout; with ``--api`` the
   JSON endpoints (``/api/search``, ``/api/articles/{id}``) are measured too.
4. Prints, per kind: requests, errors, throughput (requests/s) and p50/p95/max latency,
   and the JSON summary last.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "hindi_news_all.jsonl"
SEARCHES = [
    "barkha mishra",
    "vikas dubey",
    "balram rajput",
    "बलराम राजपूत",
    "लवली चक्रवर्ती",
    "अजय मिश्र",
    "rahul",
    "yadav",
    "हत्या",
    "पुलिस गिरफ्तार",
    "crime:murder",
    "हत्या district:कानपुर",
    "mishra role:accused",
    "action:arrest from:2025-01 to:2025-12",
    "गैंगस्टर",
]


def build_or_reuse(args: argparse.Namespace) -> str:
    """The store URL: ``--db``, else the cached copy-built store (built when missing)."""
    if args.db:
        return args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    from ingest import build_store  # bench/ingest.py

    from jaanch.resolve import ingest_and_resolve as ingest
    from jaanch.store.db import open_store

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"store-{args.store}.db"
    if not db.exists():
        if not args.corpus.exists():
            sys.exit(f"no corpus at {args.corpus} (give --db or --corpus)")
        tmp = db.with_suffix(".building")
        tmp.unlink(missing_ok=True)
        print(f"building a {args.store}-article store at {db} ...", file=sys.stderr, flush=True)
        lines = [ln for ln in args.corpus.read_text(encoding="utf-8").splitlines() if ln.strip()]
        src = cache / "corpus.jsonl"
        src.write_text("\n".join(lines[: args.base]) + "\n", encoding="utf-8")
        ingest(open_store(f"sqlite:///{tmp}"), [str(src)], workers=os.cpu_count() or 1)
        build_store(tmp, args.store)
        tmp.rename(db)
    return f"sqlite:///{db}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    url: str, port: int, workers: int, cache: bool = True, token: str = ""
) -> subprocess.Popen[bytes]:
    env = dict(os.environ, JAANCH_DB=url, JAANCH_TOKEN=token, PYTHONPATH=str(ROOT / "src"))
    if not cache:
        env["JAANCH_SEARCH_TTL"] = "0"
    from jaanch.store.db import open_store

    open_store(url)  # migrate once before the workers start
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "jaanch.web.app:app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    sys.exit("the server did not start")


def article_ids(url: str, n: int = 5000) -> list[int]:
    from sqlalchemy import text

    from jaanch.store.db import open_store

    with open_store(url).connect() as c:
        top = int(c.execute(text("SELECT max(id) FROM articles")).scalar() or 0)
        want = ",".join(str(random.randint(1, max(top, 1))) for _ in range(n))
        ids = [
            int(i)
            for i in c.execute(text(f"SELECT id FROM articles WHERE id IN ({want})")).scalars()
        ]
    if not ids:
        sys.exit("the store has no articles")
    return ids


def load(
    port: int, paths: list[str], clients: int, seconds: float, timeout: float
) -> dict[str, float]:
    """``clients`` threads requesting random ``paths`` for ``seconds``: the figures."""
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        mine: list[float] = []
        errs: list[str] = []
        while time.monotonic() < stop:
            path = rnd.choice(paths)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    errs.append(f"{r.status} {path}")
            except (OSError, http.client.HTTPException) as e:
                errs.append(f"{type(e).__name__} {path}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            mine.append((time.perf_counter() - t0) * 1000)
        conn.close()
        with lock:
            times.extend(mine)
            errors.extend(errs)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + timeout + 30)
    wall = time.perf_counter() - t0
    times.sort()
    if not times:
        return {"requests": 0, "errors": len(errors)}
    return {
        "requests": len(times),
        "errors": len(errors),
        "rps": round(len(times) / wall, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "first_errors": errors[:5],  # type: ignore[dict-item]
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", help="an existing store (URL or SQLite path) to serve")
    ap.add_argument("--store", type=int, default=100_000, help="articles in a built store")
    ap.add_argument("--base", type=int, default=3200, help="corpus articles to ingest first")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument(
        "--cache",
        default=str(Path(tempfile.gettempdir()) / "jaanch-bench-serve"),
        help="where a built store is kept for the next run",
    )
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0, help="per kind of page")
    ap.add_argument("--timeout", type=float, default=10.0, help="per request")
    ap.add_argument("--workers", type=int, default=max(1, min(8, os.cpu_count() or 1)))
    ap.add_argument("--api", action="store_true", help="measure the JSON endpoints too")
    ap.add_argument(
        "--no-cache",
        action="store_true",
        help="turn the server's search-result cache off (JAANCH_SEARCH_TTL=0): every request searches",
    )
    args = ap.parse_args()
    url = build_or_reuse(args)
    ids = article_ids(url)
    port = free_port()
    proc = start_server(url, port, args.workers, cache=not args.no_cache)
    kinds: dict[str, list[str]] = {
        "search page": [f"/search?q={quote(q)}" for q in SEARCHES],
        "article page": [f"/articles/{i}" for i in ids],
    }
    if args.api:
        kinds["api search"] = [f"/api/search?q={quote(q)}&facets=false" for q in SEARCHES]
        kinds["api article"] = [f"/api/articles/{i}" for i in ids]
    out: dict[str, object] = {
        "store": url.rsplit("/", 1)[-1],
        "clients": args.clients,
        "workers": args.workers,
        "search_cache": not args.no_cache,
        "cpus": os.cpu_count(),
    }
    try:
        for kind, paths in kinds.items():
            # warm each worker's caches
            load(port, paths[:20], min(args.clients, 4), 2.0, args.timeout)
            res = load(port, paths, args.clients, args.seconds, args.timeout)
            out[kind] = res
            print(f"{kind}: {json.dumps(res, ensure_ascii=False)}", flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
