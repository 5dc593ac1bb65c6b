"""Soak test: two ingests, 20 readers and a reviewer on one store at once, for a bounded time.

    python bench/soak.py [--db URL] [--seconds 60] [--clients 20] [--articles 300]

1. Takes ``2 * --articles`` articles of ``../shared/data/corpus/hindi_news_all.jsonl`` and
   writes two overlapping JSONL slices (the middle tenth in both), so the two ingests race
   for the same texts too.
2. Opens the store (``--db``; default a new SQLite file in a temporary folder; a
   PostgreSQL URL is emptied first), seeds it with 20 articles so there is something to
   read, and starts the web server (``uvicorn``, one worker) with a write token.
3. Starts both ``jaanch ingest`` processes, then for ``--seconds`` runs ``--clients``
   keep-alive readers (search pages in both scripts, article pages, ``/api/search``,
   ``/api/status``) and one reviewer that reads ``/api/review/facts`` and posts a verdict
   on a fact every half second.
4. Waits for the ingests to finish and checks the final counts: every distinct text once
   (articles = distinct content hashes of seeds and both slices), one judgement row per
   accepted post, no failure recorded.

Prints requests, errors and p50/p95 per kind of request, the ingests' exit codes, the
counts expected and found, and a JSON summary last. Exit status 1 when anything is off.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from serve import SEARCHES, free_port, start_server  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "hindi_news_all.jsonl"
TOKEN = "soak-token"
JAANCH = str(Path(sys.executable).with_name("jaanch"))


class Tally:
    """Latencies and errors per kind of request, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, list[str]] = {}

    def add(self, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(ms)
            if error:
                self.errors.setdefault(kind, []).append(error)

    def summary(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for kind, ts in sorted(self.times.items()):
            ts = sorted(ts)
            errs = self.errors.get(kind, [])
            out[kind] = {
                "requests": len(ts),
                "errors": len(errs),
                "p50_ms": round(statistics.median(ts), 1),
                "p95_ms": round(ts[max(0, int(len(ts) * 0.95) - 1)], 1),
                "first_errors": errs[:3],
            }
        return out


def request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    body: dict[str, object] | None = None,
) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {TOKEN}"} if method == "POST" else {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=headers)
    r = conn.getresponse()
    return r.status, r.read()


def reader(port: int, seed: int, stop: float, tally: Tally) -> None:
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        roll = rnd.random()
        q = quote(rnd.choice(SEARCHES))
        if roll < 0.35:
            kind, path = "search page", f"/search?q={q}"
        elif roll < 0.55:
            kind, path = "api search", f"/api/search?q={q}"
        elif roll < 0.9:
            kind, path = "article page", f"/articles/{rnd.randint(1, 20)}"
        else:
            kind, path = "api status", "/api/status"
        t0 = time.perf_counter()
        err = None
        try:
            status, _ = request(conn, "GET", path)
            if status != 200:
                err = f"{status} {path}"
        except (OSError, http.client.HTTPException) as e:
            err = f"{type(e).__name__} {path}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        tally.add(kind, (time.perf_counter() - t0) * 1000, err)
    conn.close()


def reviewer(port: int, stop: float, tally: Tally, posted: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    offset = 0
    while time.monotonic() < stop:
        t0 = time.perf_counter()
        err = None
        try:
            status, body = request(conn, "GET", f"/api/review/facts?limit=5&offset={offset}")
            facts = json.loads(body).get("facts", []) if status == 200 else []
            if status != 200:
                err = f"{status} review/facts"
            tally.add("review read", (time.perf_counter() - t0) * 1000, err)
            offset += 5
            if facts:
                fact = facts[0]["uid"]
                verdict = random.choice(["accept", "reject"])
                t1 = time.perf_counter()
                status, _ = request(
                    conn,
                    "POST",
                    "/api/judgements",
                    {"target": "fact", "fact": fact, "verdict": verdict, "reviewer": "soak"},
                )
                ok = status == 200
                tally.add(
                    "judgement post",
                    (time.perf_counter() - t1) * 1000,
                    None if ok else f"{status} judgement",
                )
                if ok:
                    posted.append(fact)
        except (OSError, http.client.HTTPException, ValueError) as e:
            tally.add("review read", (time.perf_counter() - t0) * 1000, type(e).__name__)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        time.sleep(0.5)
    conn.close()


def fresh_store(url: str | None, tmp: Path) -> str:
    from sqlalchemy import text

    from jaanch.store.db import connect
    from jaanch.store.models import Base

    if not url:
        return f"sqlite:///{tmp / 'soak.db'}"
    if url.startswith("postgres"):
        eng = connect(url)
        with eng.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS article_search, alembic_version CASCADE"))
        Base.metadata.drop_all(eng)
    return url


def counts(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from jaanch.store.db import connect
    from jaanch.store.models import ArticleRow, Failure, Judgement

    with connect(url).connect() as c:
        return {
            "articles": int(c.execute(select(func.count()).select_from(ArticleRow)).scalar_one()),
            "distinct_hashes": int(
                c.execute(select(func.count(func.distinct(ArticleRow.hash)))).scalar_one()
            ),
            "judgements": int(c.execute(select(func.count()).select_from(Judgement)).scalar_one()),
            "failures": int(c.execute(select(func.count()).select_from(Failure)).scalar_one()),
        }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", help="store URL (default: a new SQLite file)")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--articles", type=int, default=300, help="articles per ingest process")
    args = ap.parse_args()

    from jaanch.store.db import open_store
    from jaanch.store.rows import content_hash

    tmp = Path(tempfile.mkdtemp(prefix="jaanch-soak-"))
    url = fresh_store(args.db, tmp)
    lines = [x for x in CORPUS.read_text(encoding="utf-8").split("\n") if x.strip()]
    n = args.articles
    seeds, pool = lines[:20], lines[20 : 20 + 2 * n]
    overlap = max(1, n // 10)
    slices = [pool[: n + overlap], pool[n - overlap :]]
    files = []
    for k, part in enumerate([seeds, *slices]):
        f = tmp / f"part{k}.jsonl"
        f.write_text("\n".join(part) + "\n", encoding="utf-8")
        files.append(f)
    expected = len({content_hash(json.loads(x)["text"]) for x in seeds + pool})

    open_store(url)
    seed = subprocess.run(
        [JAANCH, "ingest", str(files[0]), "--db", url, "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
    )
    if seed.returncode:
        print(seed.stderr[-2000:])
        return 1
    port = free_port()
    server = start_server(url, port, 1, cache=False, token=TOKEN)
    tally = Tally()
    posted: list[str] = []
    try:
        t0 = time.monotonic()
        ingests = [
            subprocess.Popen(
                [JAANCH, "ingest", str(f), "--db", url, "-j", "1", "--no-progress"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for f in files[1:]
        ]
        stop = t0 + args.seconds
        threads = [
            threading.Thread(target=reader, args=(port, 1000 + k, stop, tally))
            for k in range(args.clients)
        ]
        threads.append(threading.Thread(target=reviewer, args=(port, stop, tally, posted)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        load_s = time.monotonic() - t0
        rcs = []
        errs = []
        for p in ingests:
            _, err = p.communicate(timeout=3600)
            rcs.append(p.returncode)
            errs.append(err[-1500:] if p.returncode else "")
        total_s = time.monotonic() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)
    found = counts(url)
    summary = tally.summary()
    kinds = summary.values()
    result = {
        "store": "postgresql" if url.startswith("postgres") else "sqlite",
        "seconds_of_load": round(load_s, 1),
        "seconds_until_ingests_done": round(total_s, 1),
        "requests": sum(k["requests"] for k in kinds),
        "errors": sum(k["errors"] for k in kinds),
        "by_kind": summary,
        "ingest_exit_codes": rcs,
        "expected": {"articles": expected, "judgements": len(posted), "failures": 0},
        "found": found,
    }
    for kind, s in summary.items():
        print(
            f"{kind:15s} {s['requests']:6d} requests {s['errors']:4d} errors  "
            f"p50 {s['p50_ms']:7.1f} ms  p95 {s['p95_ms']:7.1f} ms"
        )
    print(f"ingests exit {rcs}; load {load_s:.0f} s, ingests done after {total_s:.0f} s")
    print(
        f"articles {found['articles']} (distinct {found['distinct_hashes']}, expected "
        f"{expected}); judgements {found['judgements']} (posted {len(posted)}); "
        f"failures {found['failures']}"
    )
    for e in errs:
        if e:
            print(e)
    print(json.dumps(result, ensure_ascii=False))
    ok = (
        result["errors"] == 0
        and rcs == [0, 0]
        and found["articles"] == found["distinct_hashes"] == expected
        and found["judgements"] == len(posted)
        and found["failures"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
