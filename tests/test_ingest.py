"""Ingest: sources (.csv, .html, .jsonl), parallel workers, kill-and-resume, the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from sqlalchemy import func, select
from typer.testing import CliRunner

from jaanch.cli_kb import register
from jaanch.resolve import ingest_and_resolve as ingest
from jaanch.store.models import ArticleRow, Mention
from jaanch.store.sources import html_article, iter_sources, norm_date
from jaanch.types import Article
from test_store import ARTICLES, SHARED, count, fresh_engine, write_articles

ROOT = Path(__file__).parents[1]


def _many(path: Path, n: int) -> Path:
    bodies = list(ARTICLES.values())
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = bodies[i % len(bodies)] + f" यह खबर संख्या {i} है।"
            fh.write(json.dumps({"id": f"n{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def test_csv_and_html_sources(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "id,title,published,text\n"
        f'c1,T1,"Wed, 16 Jun 2021 10:00:00 +0530","{ARTICLES["a1"]}"\n'
        "c2,T2,2022-01-02,\n",
        encoding="utf-8",
    )
    html = (
        "<html><head><title>साइट</title><meta property='og:title' content='खबर'>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'></head><body>"
        "<nav>होम | मेनू</nav><header>लोगो</header><article><h1>खबर</h1>"
        f"<p>{ARTICLES['a3']}</p><script>var x = 'कचरा';</script></article>"
        "<footer>कॉपीराइट</footer></body></html>"
    )
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    items = list(iter_sources([str(tmp_path)]))
    arts = [a for a, _o in items if isinstance(a, Article)]
    errs = [a for a, _o in items if not isinstance(a, Article)]
    c1 = next(a for a in arts if a.id == "c1")
    assert (c1.title, c1.published) == ("T1", "2021-06-16")
    assert len(errs) == 1 and "empty" in errs[0].error
    page = next(a for a in arts if a.id == "p")
    assert page.title == "खबर" and page.published == "2024-03-05"
    assert "राकेश यादव" in page.text
    for junk in ("मेनू", "लोगो", "कचरा", "कॉपीराइट"):
        assert junk not in page.text
    assert norm_date("2021-06") == "2021-06" and norm_date("kal") is None
    assert html_article("<html><body></body></html>", "x").text == ""


def test_parallel_equals_serial(tmp_path: Path) -> None:
    src = _many(tmp_path / "many.jsonl", 12)
    serial = fresh_engine("sqlite", tmp_path / "s")
    par = fresh_engine("sqlite", tmp_path / "p")
    r1 = ingest(serial, [str(src)], workers=1)
    r2 = ingest(par, [str(src)], workers=2, batch=3)
    assert r1.stored == r2.stored == 12 and r2.workers == 2
    for model in (ArticleRow, Mention):
        assert count(serial, model) == count(par, model)


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    n = 60
    src = _many(tmp_path / "many.jsonl", n)
    db = tmp_path / "kb.db"
    engine = fresh_engine("sqlite", tmp_path)  # creates kb.db with the schema
    code = (
        "import sys; from jaanch.store.db import open_store; from jaanch.resolve import ingest_and_resolve as ingest; "
        "ingest(open_store(sys.argv[1]), [sys.argv[2]], workers=1, batch=4)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, f"sqlite:///{db}", str(src)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline:
        stored = count(engine, ArticleRow)
        if stored >= 8 or proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n, "the run should have been killed half way"
    rep = ingest(engine, [str(src)], workers=1)
    assert count(engine, ArticleRow) == n
    assert rep.stored == n - rep.already
    with engine.connect() as conn:
        dupes = conn.execute(
            select(func.count()).select_from(
                select(ArticleRow.doc_id)
                .group_by(ArticleRow.doc_id)
                .having(func.count() > 1)
                .subquery()
            )
        ).scalar()
    assert dupes == 0


def test_cli_commands(tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:  # keep sub-commands as sub-commands
        pass

    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    folder = write_articles(tmp_path / "in")
    (folder / "broken.json").write_text("{oops", encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", "1", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["stored"] == 4
    r = runner.invoke(app, ["status", "--db", db, "--json"])
    st = json.loads(r.stdout)
    assert st["articles"] == 4 and st["failed"] == 1 and st["entities"] > 0
    assert "invalid JSON" in st["failures"][0]["reason"]
    r = runner.invoke(app, ["search", "rakesh yadav", "--db", db, "--json"])
    res = json.loads(r.stdout)
    ids = [e["id"] for e in res["entities"] if e["name"] == "राकेश यादव"]
    assert len(ids) == 2
    r = runner.invoke(app, ["show", "राकेश यादव", "--db", db, "--json"])
    prof = json.loads(r.stdout)
    assert prof["name"] == "राकेश यादव" and prof["n_articles"] == 2
    assert prof["cases"] and prof["cases"][0]["count"] == 12
    assert runner.invoke(app, ["show", "राकेश यादव", "--db", db]).exit_code == 0
    r = runner.invoke(app, ["merge", ids[0], ids[1], "--db", db])
    assert r.exit_code == 0 and r.output.strip() in ids
    r = runner.invoke(app, ["merge", "Pnope", ids[0], "--db", db])
    assert r.exit_code == 1
    r_merged = runner.invoke(app, ["show", "राकेश यादव", "--db", db, "--json"])
    merged = json.loads(r_merged.stdout)
    assert merged["n_articles"] > prof["n_articles"] and len(merged["mentions"]) >= 2
    one = str(merged["mentions"][-1]["mention"])
    r = runner.invoke(app, ["split", merged["id"], one, "--db", db, "--note", "two men"])
    assert r.exit_code == 0 and r.output.strip() != merged["id"]
    after = json.loads(runner.invoke(app, ["show", merged["id"], "--db", db, "--json"]).stdout)
    assert one not in {str(m["mention"]) for m in after["mentions"]}
    assert runner.invoke(app, ["split", merged["id"], "99999", "--db", db]).exit_code == 1
    out = tmp_path / "kb.ftm.json"
    r = runner.invoke(app, ["export", "--format", "ftm", "-o", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").count("\n") > 10
    r = runner.invoke(app, ["export", "--format", "xml", "--db", db])
    assert r.exit_code == 2


CORPUS = SHARED / "data" / "corpus" / "hindi_crime_news.jsonl"


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared corpus is absent")
def test_corpus_slice_twice_keeps_one_copy(tmp_path: Path) -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:25]
    src = tmp_path / "slice.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = fresh_engine("sqlite", tmp_path)
    ingest(engine, [str(src)], workers=2)
    first = count(engine, ArticleRow)
    ingest(engine, [str(src)], workers=2)
    assert count(engine, ArticleRow) == first == len({json.loads(x)["text"] for x in lines})
