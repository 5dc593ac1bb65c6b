"""Several writers on one store, and input read from pipes and stdin.

Two ``jaanch ingest`` processes started at the same moment on a new store both exit 0 and
store the union of their inputs once (schema creation under a lock, a text stored by the
other process meanwhile counted as already stored). Pipes, FIFOs and stdin are read by
their content, once. PostgreSQL runs when ``JAANCH_TEST_PG`` holds a URL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from jaanch.reader import iter_inputs, read_stream
from jaanch.store.db import connect, open_store
from jaanch.store.models import ArticleRow, Base
from jaanch.types import Article

PG_URL = os.environ.get("JAANCH_TEST_PG")

BODIES = [
    f"कानपुर के {place} थाना क्षेत्र में पुलिस ने {name} को चोरी के आरोप में गिरफ्तार किया। "
    f"उसके पास से {n} हजार रुपये बरामद हुए।"
    for n, (place, name) in enumerate(
        [
            ("चकेरी", "राकेश यादव"),
            ("बिल्हौर", "मनोज पाल"),
            ("कल्याणपुर", "सुनील कुमार"),
            ("नजीराबाद", "अमित वर्मा"),
            ("किदवई नगर", "दीपक सिंह"),
            ("बर्रा", "विकास शुक्ला"),
        ],
        start=10,
    )
]


def jsonl(path: Path, bodies: list[str], prefix: str) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for k, body in enumerate(bodies):
            fh.write(json.dumps({"id": f"{prefix}{k}", "text": body}, ensure_ascii=False) + "\n")
    return path


#: the installed command, beside this interpreter
JAANCH = str(Path(sys.executable).with_name("jaanch"))


def ingest_cmd(db: str, *paths: str) -> list[str]:
    return [JAANCH, "ingest", *paths, "--db", db, "-j", "1", "--no-progress"]


def run_together(cmds: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at the same moment (a barrier) and wait for all."""
    barrier = threading.Barrier(len(cmds))
    results: list[subprocess.CompletedProcess[str] | None] = [None] * len(cmds)

    def go(k: int) -> None:
        barrier.wait()
        results[k] = subprocess.run(cmds[k], capture_output=True, text=True, timeout=600)

    threads = [threading.Thread(target=go, args=(k,)) for k in range(len(cmds))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [r for r in results if r is not None]


def stored(db: str) -> tuple[int, int]:
    engine = connect(db)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
        distinct = conn.execute(select(func.count(func.distinct(ArticleRow.hash)))).scalar_one()
    return int(n), int(distinct)


def fresh_store(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'new.db'}"  # not created yet
    if not PG_URL:
        pytest.skip("PostgreSQL tests need JAANCH_TEST_PG=postgresql+psycopg://...")
    eng = connect(PG_URL)
    with eng.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS article_search, alembic_version CASCADE"))
    Base.metadata.drop_all(eng)
    return PG_URL


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_ingests_at_once_on_a_new_store_store_the_union(kind: str, tmp_path: Path) -> None:
    db = fresh_store(kind, tmp_path)
    a = jsonl(tmp_path / "a.jsonl", BODIES[:4], "a")
    b = jsonl(tmp_path / "b.jsonl", BODIES[2:], "b")  # two texts in both
    runs = run_together([ingest_cmd(db, str(a)), ingest_cmd(db, str(b))])
    for r in runs:
        assert r.returncode == 0, r.stderr[-2000:]
        assert "Traceback" not in r.stderr
    assert stored(db) == (len(BODIES), len(BODIES))
    # and the store opens current, with nothing left to migrate
    open_store(db)


def test_a_pipe_and_stdin_are_read_by_their_content(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", BODIES[:3], "p")
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    # stdin
    r = subprocess.run(
        ingest_cmd(db, "-"), stdin=src.open("rb"), capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert stored(db) == (3, 3)
    # a FIFO: no seeking, read once
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    db2 = f"sqlite:///{tmp_path / 'kb2.db'}"
    proc = subprocess.Popen(ingest_cmd(db2, str(fifo)), stderr=subprocess.PIPE, text=True)
    with fifo.open("wb") as fh:
        fh.write(src.read_bytes())
    assert proc.wait(timeout=600) == 0, proc.stderr.read() if proc.stderr else ""
    assert stored(db2) == (3, 3)


def test_stream_formats(tmp_path: Path) -> None:
    import io

    lines = "".join(
        json.dumps({"id": f"s{k}", "text": b}, ensure_ascii=False) + "\n"
        for k, b in enumerate(BODIES[:2])
    )
    got = list(read_stream(io.BytesIO(("\n" + lines).encode()), "feed", "<feed>"))
    assert [a.id for a in got if isinstance(a, Article)] == ["s0", "s1"]
    # plain text, one article; its first line may hold braces further on
    got = list(read_stream(io.BytesIO(BODIES[0].encode()), "feed", "<feed>"))
    assert len(got) == 1 and isinstance(got[0], Article) and got[0].id == "feed"
    # a stated format wins over the content
    got = list(read_stream(io.BytesIO(lines.encode()), "feed", "<feed>", "text"))
    assert len(got) == 1 and isinstance(got[0], Article)
    # a .txt file whose content is JSONL
    f = tmp_path / "export.txt"
    f.write_text(lines, encoding="utf-8")
    assert [a.id for a in iter_inputs([str(f)]) if isinstance(a, Article)] == ["s0", "s1"]
    with pytest.raises(ValueError):
        list(iter_inputs([str(f)], "xml"))
