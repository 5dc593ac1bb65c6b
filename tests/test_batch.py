"""jaanch batch: the same records as jaanch extract, written in whole parts, re-runs that skip
what the folder holds, per-document errors, and an ingest of the folder that stores every
article without extracting again (and equals an ordinary ingest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from jaanch.batch import output
from jaanch.batch.local import run_batch
from jaanch.cli import app
from jaanch.pipeline import Pipeline
from jaanch.reader import ReadError
from jaanch.store.db import open_store
from jaanch.store.ingest import ingest, ingest_extracted
from jaanch.store.models import ArticleRow, Fact, Failure, Mention
from jaanch.store.sources import iter_sources
from jaanch.types import Article
from test_web_api import ARTICLES

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "jaanch" / "examples"


def items() -> list[tuple[Article | ReadError, str]]:
    out: list[tuple[Article | ReadError, str]] = [
        (Article(id=k, text=t, published="2025-06-01"), f"test:{k}") for k, t in ARTICLES.items()
    ]
    out += list(iter_sources([str(EXAMPLES)]))
    out.append((ReadError("broken", "test:broken", "not UTF-8 text (byte 3)"), "test:broken"))
    return out


def count(engine: object, model: object) -> int:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())  # type: ignore[arg-type]


def test_batch_gives_the_records_of_extract_and_skips_what_it_holds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    rep = run_batch(items(), out, workers=2, chunk=3)
    n_articles = len(ARTICLES) + 3
    assert rep.extracted == n_articles and rep.failed == 1 and rep.parts >= 3
    pipe = Pipeline()
    want = {a.id: pipe.run(a).to_dict() for a, _ in items() if isinstance(a, Article)}
    got = {rec["article"]["id"]: rec for _, rec in output.iter_pairs(out)}
    assert got == want
    assert [e["id"] for e in output.iter_errors(out)] == ["broken"]
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"] == n_articles and manifest["errors"] == 1
    again = run_batch(items(), out, workers=2, chunk=3)
    assert again.extracted == 0 and again.skipped == n_articles
    # a part is whole or absent: a record file without its articles is not read
    (out / "records" / "part-00099.jsonl").write_text("{}\n", encoding="utf-8")
    assert len(list(output.iter_pairs(out))) == n_articles


def test_ingest_of_a_batch_folder_extracts_nothing_and_equals_an_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run_batch(items(), out, workers=1, chunk=4)
    plain = open_store(f"sqlite:///{tmp_path / 'plain.db'}")
    ingest(plain, [], items=iter(items()), workers=1)

    def no_extraction(*a: object, **k: object) -> None:
        raise AssertionError("ingest of a batch folder must not extract")

    monkeypatch.setattr(Pipeline, "run", no_extraction)
    loaded = open_store(f"sqlite:///{tmp_path / 'loaded.db'}")
    man = output.Manifest.read(out)
    assert man is not None
    rep = ingest_extracted(
        loaded, output.iter_pairs(out), tag=man.tag, errors=output.iter_errors(out)
    )
    assert rep.stored == len(ARTICLES) + 3 and rep.failed == 1
    for model in (ArticleRow, Mention, Fact, Failure):
        assert count(loaded, model) == count(plain, model), model
    again = ingest_extracted(loaded, output.iter_pairs(out), tag=man.tag)
    assert again.stored == 0 and again.already == len(ARTICLES) + 3


def test_the_commands(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n" for k, t in ARTICLES.items()
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    res = runner.invoke(
        app, ["batch", str(src), "--out", str(tmp_path / "out"), "-j", "1", "--json"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["extracted"] == len(ARTICLES)
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    res = runner.invoke(app, ["ingest", str(tmp_path / "out"), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["stored"] == len(ARTICLES)  # one report per batch folder


SHARED_CORPUS = (
    Path(__file__).resolve().parents[1].parent / "shared/data/corpus/hindi_news_all.jsonl"
)


def test_spark_local_gives_the_records_of_extract_and_ingest_takes_them(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="PySpark is absent (pip install -e '.[dev]')")
    import shutil

    if shutil.which("java") is None:
        pytest.skip("Java is absent (apt-get install openjdk-17-jre-headless)")
    if SHARED_CORPUS.exists():  # 150 articles of the corpus, else the small ones here
        arts: list[tuple[Article | ReadError, str]] = list(iter_sources([str(SHARED_CORPUS)]))[:150]
    else:
        arts = items()
    out = tmp_path / "out"
    rep = run_batch(arts, out, engine="spark", master="local[2]", chunk=25)
    want = {a.id: Pipeline().run(a).to_dict() for a, _ in arts if isinstance(a, Article)}
    got = {rec["article"]["id"]: rec for _, rec in output.iter_pairs(out)}
    assert rep.extracted == len(want) and got == want
    engine = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    man = output.Manifest.read(out)
    assert man is not None
    loaded = ingest_extracted(engine, output.iter_pairs(out), tag=man.tag)
    assert loaded.stored == len(want) and count(engine, ArticleRow) == len(want)


def test_parquet_in_and_out(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow is absent (pip install -e '.[dev]')")
    import pyarrow.parquet as pq

    src = tmp_path / "in.parquet"
    rows = [{"id": k, "body": t, "published": "2025-06-01"} for k, t in ARTICLES.items()]
    rows.append({"id": "empty", "body": "", "published": None})
    pq.write_table(pa.Table.from_pylist(rows), src)
    out = tmp_path / "out"
    rep = run_batch(iter_sources([str(src)]), out, workers=1, fmt="parquet")
    assert rep.extracted == len(ARTICLES) and rep.failed == 1
    assert sorted(p.name for p in (out / "records").iterdir()) == ["part-00001.parquet"]
    # the records jaanch extract gives for the articles read from the same file
    pipe = Pipeline()
    read = [a for a, _ in iter_sources([str(src)]) if isinstance(a, Article)]
    want = {a.id: pipe.run(a).to_dict() for a in read}
    assert sorted(want) == sorted(ARTICLES)
    assert {rec["article"]["id"]: rec for _, rec in output.iter_pairs(out)} == want
    assert [e["reason"] for e in output.iter_errors(out)] == ["empty text"]
    assert run_batch(iter_sources([str(src)]), out, fmt="parquet").skipped == len(ARTICLES)
    engine = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    man = output.Manifest.read(out)
    assert man is not None and man.format == "parquet"
    assert ingest_extracted(engine, output.iter_pairs(out), tag=man.tag).stored == len(ARTICLES)
