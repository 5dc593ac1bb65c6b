"""Storage: migrations, idempotent writes, failure records, both engines.

PostgreSQL tests run when ``JAANCH_TEST_PG`` holds a URL (``.ci/postgres.sh`` prints
one); otherwise they are skipped with that reason. Helpers here are shared by the other
knowledge-base tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from jaanch.resolve import ingest_and_resolve as ingest
from jaanch.store.db import normalise_url, open_store
from jaanch.store.models import ArticleRow, Base, Fact, Failure, Mention
from jaanch.store.rows import content_hash, sentence_at
from jaanch.types import Article

PG_URL = os.environ.get("JAANCH_TEST_PG")
EXAMPLES = Path(__file__).parents[1] / "src" / "jaanch" / "examples"
SHARED = Path(__file__).parents[1].parent / "shared"

# small hand-written articles: one accused in two Kanpur reports (same co-accused), a
# namesake murdered in Patna, and a POCSO case whose victim must be protected
ARTICLES = {
    "a1": "कानपुर के चकेरी थाना क्षेत्र में पुलिस ने हिस्ट्रीशीटर राकेश यादव उर्फ पप्पू को गिरफ्तार "
    "किया। राकेश यादव पर हत्या और लूट के 12 मुकदमे दर्ज हैं। थाना प्रभारी सुनील कुमार ने बताया कि "
    "उसके साथी मनोज पाल की तलाश जारी है।",
    "a2": "कानपुर में पुलिस मुठभेड़ में इनामी बदमाश राकेश यादव घायल हो गया। पुलिस ने उसके साथी मनोज पाल "
    "को भी गिरफ्तार कर लिया। दोनों पर लूट के कई मुकदमे दर्ज हैं।",
    "a3": "पटना के गांधी मैदान थाना क्षेत्र में राकेश यादव नामक व्यक्ति की चाकू मारकर हत्या कर दी गई। "
    "पुलिस ने अज्ञात बदमाशों के खिलाफ मुकदमा दर्ज कर लिया है।",
    "a4": "लखनऊ के आलमबाग इलाके में नाबालिग छात्रा से दुष्कर्म के आरोप में पुलिस ने अमित वर्मा को "
    "गिरफ्तार किया। पीड़िता सीमा कुमारी की मां ने थाने में तहरीर दी थी। पुलिस ने पॉक्सो एक्ट में "
    "मुकदमा दर्ज किया है।",
}


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in ARTICLES.items():
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    return folder


def fresh_engine(kind: str, tmp_path: Path) -> Engine:
    if kind == "sqlite":
        return open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    if not PG_URL:
        pytest.skip(
            "PostgreSQL tests need JAANCH_TEST_PG=postgresql+psycopg://... (.ci/postgres.sh)"
        )
    from jaanch.store.db import connect

    eng = connect(PG_URL)
    with eng.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS article_search, alembic_version CASCADE"))
    Base.metadata.drop_all(eng)
    return open_store(PG_URL)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    return fresh_engine(request.param, tmp_path)


def count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar() or 0)


def test_url_normalisation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAANCH_DB", raising=False)
    assert normalise_url(None) == "sqlite:///jaanch.db"
    assert normalise_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("kb.db") == "sqlite:///kb.db"
    monkeypatch.setenv("JAANCH_DB", "sqlite:///x.db")
    assert normalise_url(None) == "sqlite:///x.db"


def test_sqlite_is_wal_and_migrated(tmp_path: Path) -> None:
    eng = open_store(f"sqlite:///{tmp_path / 'a' / 'kb.db'}")
    with eng.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
    names = set(inspect(eng).get_table_names())
    assert {
        "articles",
        "mentions",
        "facts",
        "incidents",
        "entities",
        "links",
        "judgements",
        "failures",
        "name_tokens",
        "article_fts",
    } <= names
    # opening again is a no-op
    open_store(f"sqlite:///{tmp_path / 'a' / 'kb.db'}")


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("अजय  मिश्रा\nने") == content_hash("अजय मिश्रा ने")
    assert content_hash("अजय मिश्रा") != content_hash("अजय मिश्र")


def test_sentence_at_finds_the_hindi_sentence() -> None:
    t = "पहला वाक्य है। अजय मिश्रा को पकड़ा गया। तीसरा।"
    s = t.index("अजय")
    assert sentence_at(t, s, s + 9) == "अजय मिश्रा को पकड़ा गया।"


def test_ingest_is_idempotent_and_keeps_facts(engine: Engine, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in")
    r1 = ingest(engine, [str(folder), str(EXAMPLES)], workers=1)
    assert r1.stored == 7 and r1.failed == 0
    n_mentions = count(engine, Mention)
    r2 = ingest(engine, [str(folder), str(EXAMPLES)], workers=1)
    assert r2.stored == 0 and r2.already == 7
    assert count(engine, ArticleRow) == 7
    assert count(engine, Mention) == n_mentions
    with Session(engine) as conn:
        crimes = set(
            conn.execute(
                select(Fact.code)
                .join(ArticleRow, ArticleRow.id == Fact.article_id)
                .where(ArticleRow.doc_id == "a1", Fact.kind == "crime")
            ).scalars()
        )
        assert {"murder", "robbery"} <= crimes
        m = conn.execute(
            select(Mention)
            .join(ArticleRow)
            .where(ArticleRow.doc_id == "a1", Mention.name == "राकेश यादव")
        ).scalar()
        assert m is not None
        row = m
        assert row.lgd_district == 157 and "accused" in row.roles and row.aliases == ["पप्पू"]
        assert "राकेश यादव" in (row.sentence or "")


def test_failures_are_recorded_and_cleared(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLES["a3"], encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("पुलिस".encode("utf-16-le")[:7] + b"\xff\xfe\x00")
    (folder / "bad.jsonl").write_text(
        '{"text": "ठीक है पुलिस ने पकड़ा"}\n{not json\n', encoding="utf-8"
    )
    (folder / "notext.csv").write_text("id,title\n1,x\n", encoding="utf-8")
    rep = ingest(engine, [str(folder)], workers=1)
    assert rep.stored == 2
    assert rep.failed == 4
    with Session(engine) as conn:
        reasons = {
            Path(f.origin).name.split(":")[0]: f.reason
            for f in conn.execute(select(Failure)).scalars()
        }
    assert set(reasons) == {"empty.txt", "latin1.txt", "bad.jsonl", "notext.csv"}
    assert "empty" in reasons["empty.txt"]
    assert "JSON" in reasons["bad.jsonl"]
    assert "text column" in reasons["notext.csv"]
    # fixing a file and ingesting again clears its failure
    (folder / "empty.txt").write_text(ARTICLES["a2"], encoding="utf-8")
    ingest(engine, [str(folder)], workers=1)
    assert count(engine, Failure) == 3


def test_reprocess_replaces_rows(engine: Engine, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in")
    ingest(engine, [str(folder)], workers=1)
    n = count(engine, Mention)
    with engine.begin() as conn:
        conn.execute(ArticleRow.__table__.update().values(pipeline="old"))
    rep = ingest(engine, [], workers=1, reprocess=True)
    assert rep.reprocessed == 4
    assert count(engine, ArticleRow) == 4
    assert count(engine, Mention) == n
    rep = ingest(engine, [], workers=1, reprocess=True)
    assert rep.reprocessed == 0


def test_items_api_and_metadata(engine: Engine) -> None:
    art = Article(
        id="x1", text=ARTICLES["a1"], title="शीर्षक", published="2024-02-03", url="http://e/x"
    )
    ingest(engine, [], workers=1, items=[(art, "memory")])
    with Session(engine) as conn:
        row = conn.execute(select(ArticleRow)).scalar_one()
    assert (row.doc_id, row.title, row.published, row.url, row.origin) == (
        "x1",
        "शीर्षक",
        "2024-02-03",
        "http://e/x",
        "memory",
    )
    assert row.extraction["schema"] == "jaanch.extraction/1"
