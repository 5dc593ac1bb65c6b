"""Ingest: read documents, extract in parallel worker processes, store. Resolution is
the caller's next step (:func:`jaanch.resolve.ingest_and_resolve`); the store never calls it.

An article is keyed by :func:`~jaanch.store.rows.content_hash`, so ingesting the same
text again stores nothing new. Results are committed in small batches, so a run that is
killed loses at most the batch in flight, which the next run redoes (articles already
stored are skipped). Every document that cannot be read or extracted is recorded in
``failures`` with its reason; a later successful ingest of the same document clears it.
``reprocess`` re-runs extraction on stored articles whose extractor tag differs from the
current one (all of them with ``reprocess_all``).
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, insert, select, text, update
from sqlalchemy.engine import Connection

from jaanch.reader import ReadError
from jaanch.store.db import insert_for
from jaanch.store.meta import set_meta
from jaanch.store.models import (
    ARTICLE_META,
    ArticleRow,
    Fact,
    Failure,
    IncidentRow,
    Mention,
)
from jaanch.store.rows import build_rows, content_hash, pipeline_tag
from jaanch.types import Article


@dataclass
class IngestReport:
    documents: int = 0
    stored: int = 0
    already: int = 0
    reprocessed: int = 0
    failed: int = 0
    seconds: float = 0.0
    workers: int = 1
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        done = self.stored + self.reprocessed
        return done / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["articles_per_s"] = round(self.rate, 2)
        return d


# ---------------------------------------------------------------- worker side


def init_worker() -> None:
    """Load the pipeline and its models once per worker process (``default_pipeline`` is
    cached per process)."""
    from jaanch.pipeline import default_pipeline

    default_pipeline()


def current_tag() -> str:
    from jaanch.pipeline import default_pipeline

    return pipeline_tag(default_pipeline().versions)


def process(job: tuple[str, dict[str, Any], str]) -> dict[str, Any]:
    """Extract one article (worker side): the record and its rows, or the error."""
    from jaanch.pipeline import default_pipeline

    h, art, origin = job
    pipe = default_pipeline()
    article = Article(**art)
    try:
        ex = pipe.run(article)
        rec = ex.to_dict()
        rows = build_rows(h, article.text, rec)
    except Exception as e:  # noqa: BLE001 - any failure is recorded per document
        return {"hash": h, "article": art, "origin": origin, "error": f"{type(e).__name__}: {e}"}
    return {
        "hash": h,
        "article": art,
        "origin": origin,
        "record": rec,
        "rows": rows,
        "tag": pipeline_tag(pipe.versions),
    }


def _imap(jobs: list[tuple[str, dict[str, Any], str]], workers: int) -> Iterator[dict[str, Any]]:
    if workers <= 1 or len(jobs) < 4:
        for j in jobs:
            yield process(j)
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    ctx = mp.get_context(method)
    with ctx.Pool(workers, initializer=init_worker) as pool:
        yield from pool.imap_unordered(process, jobs, chunksize=2)


# ---------------------------------------------------------------- store side


def _origin_key(origin: str) -> str:
    return hashlib.sha256(f"origin:{origin}".encode()).hexdigest()


def record_failure(
    conn: Connection, key: str, doc_id: str, origin: str, stage: str, reason: str
) -> None:
    conn.execute(delete(Failure).where(Failure.key == key))
    conn.execute(
        insert(Failure).values(
            key=key, doc_id=doc_id[:512], origin=origin, stage=stage, reason=reason
        )
    )


def write_result(
    conn: Connection, res: dict[str, Any], article_id: int | None = None
) -> int | None:
    """Store one processed article (new, or replacing ``article_id``'s rows); its id, or
    None when another process stored the same text first (its row stands)."""
    art = res["article"]
    rows = res["rows"]
    values = {
        "doc_id": str(art["id"])[:512],
        "title": art.get("title"),
        "published": art.get("published"),
        "source": art.get("source"),
        "url": art.get("url"),
        "author": art.get("author"),
        "origin": res["origin"],
        "text": art["text"],
        "extraction": res["record"],
        "pipeline": res["tag"],
    }
    index = True
    if article_id is None:
        # ON CONFLICT: a concurrent ingest of the same text may have stored it since this
        # run looked (the hash is unique); then it is already stored, not an error
        new = insert_for(conn.dialect.name)(ArticleRow).values(hash=res["hash"], **values)
        article_id = conn.execute(
            new.on_conflict_do_nothing(index_elements=["hash"]).returning(ArticleRow.id)
        ).scalar_one_or_none()
        if article_id is None:
            return None
    else:
        conn.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(**values))
        for model in (Mention, Fact, IncidentRow):
            conn.execute(delete(model).where(model.article_id == article_id))
        _delete_search(conn, article_id)
        # the contentless SQLite index already holds this (unchanged) title and text
        index = conn.dialect.name != "sqlite"
    if rows["mentions"]:
        conn.execute(insert(Mention), [{**m, "article_id": article_id} for m in rows["mentions"]])
    if rows["facts"]:
        conn.execute(insert(Fact), [{**f, "article_id": article_id} for f in rows["facts"]])
    if rows["incidents"]:
        conn.execute(
            insert(IncidentRow), [{**i, "article_id": article_id} for i in rows["incidents"]]
        )
    if index:
        insert_search(conn, article_id, rows["body"])
    conn.execute(delete(Failure).where(Failure.key.in_([res["hash"], _origin_key(res["origin"])])))
    return article_id


def insert_search(conn: Connection, article_id: int, body: str) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT INTO article_fts(rowid, body) VALUES (:id, :b)"),
            {"id": article_id, "b": body},
        )
    else:
        conn.execute(
            text("INSERT INTO article_search(article_id, body) VALUES (:id, :b)"),
            {"id": article_id, "b": body},
        )


def _delete_search(conn: Connection, article_id: int) -> None:
    """Drop an article's search row before it is re-indexed (PostgreSQL only: the SQLite
    index is contentless, and a re-extracted article's title and text, hence its indexed
    body, are unchanged; :func:`rebuild_search` re-indexes everything)."""
    if conn.dialect.name != "sqlite":
        conn.execute(text("DELETE FROM article_search WHERE article_id = :id"), {"id": article_id})


def rebuild_search(engine: Engine) -> int:
    """Re-index every article's text for search; the number indexed."""
    from jaanch.text.keys import text_keys

    n = 0
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO article_fts(article_fts) VALUES ('delete-all')"))
        else:
            conn.execute(text("DELETE FROM article_search"))
        for r in conn.execute(select(ArticleRow.id, ArticleRow.title, ArticleRow.text)).all():
            insert_search(conn, r.id, text_keys(f"{r.title or ''}\n{r.text}"))
            n += 1
    return n


def _progress(enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("[red]{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=False,
    )


def ingest(
    engine: Engine,
    paths: list[str],
    *,
    workers: int | None = None,
    reprocess: bool = False,
    reprocess_all: bool = False,
    progress: bool = False,
    batch: int = 32,
    items: Iterable[tuple[Article | ReadError, str]] | None = None,
    fmt: str = "auto",
) -> IngestReport:
    """Ingest ``paths`` (or ready ``items``) into the store behind ``engine``; ``fmt``
    overrides the input format (``jaanch.reader.FORMATS``)."""
    from jaanch.store.sources import iter_sources

    t0 = time.perf_counter()
    workers = workers or max(1, (os.cpu_count() or 1))
    report = IngestReport(workers=workers)
    jobs: list[tuple[str, dict[str, Any], str]] = []
    seen: set[str] = set()
    source = items if items is not None else iter_sources(paths, fmt)
    with engine.begin() as conn:
        for item, origin in source:
            report.documents += 1
            if isinstance(item, ReadError):
                report.failed += 1
                record_failure(conn, _origin_key(origin), item.id, origin, "read", item.error)
                report.failures.append({"id": item.id, "origin": origin, "reason": item.error})
                continue
            h = content_hash(item.text)
            if h in seen:
                report.already += 1
                continue
            seen.add(h)
            jobs.append((h, asdict(item), origin))
    # which are stored already (in chunks: SQL parameter limits)
    known: set[str] = set()
    hashes = [j[0] for j in jobs]
    with engine.connect() as conn:
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            known.update(
                conn.execute(select(ArticleRow.hash).where(ArticleRow.hash.in_(chunk))).scalars()
            )
    new_jobs = [j for j in jobs if j[0] not in known]
    report.already += len(jobs) - len(new_jobs)
    redo: dict[str, int] = {}
    if reprocess or reprocess_all:
        tag = current_tag()
        with engine.connect() as conn:
            q = select(
                *ARTICLE_META,
                ArticleRow.author,
                ArticleRow.hash,
                ArticleRow.text,
                ArticleRow.origin,
            )
            if not reprocess_all:
                q = q.where(ArticleRow.pipeline != tag)
            for r in conn.execute(q):
                redo[r.hash] = r.id
                art = Article(
                    id=r.doc_id,
                    text=r.text,
                    title=r.title,
                    published=r.published,
                    source=r.source,
                    url=r.url,
                    author=r.author,
                )
                new_jobs.append((r.hash, asdict(art), r.origin or ""))
    with _progress(progress) as bar:
        task = bar.add_task("ingest", total=len(new_jobs), rate=0.0, errors=report.failed)
        pending: list[dict[str, Any]] = []
        start = time.perf_counter()

        def flush() -> None:
            if not pending:
                return
            with engine.begin() as conn:
                set_meta(conn, "resolved", "0")
                for res in pending:
                    if "error" in res:
                        report.failed += 1
                        record_failure(
                            conn,
                            res["hash"],
                            str(res["article"]["id"]),
                            res["origin"],
                            "extract",
                            res["error"],
                        )
                        report.failures.append(
                            {
                                "id": str(res["article"]["id"]),
                                "origin": res["origin"],
                                "reason": res["error"],
                            }
                        )
                    elif res["hash"] in redo:
                        write_result(conn, res, redo[res["hash"]])
                        report.reprocessed += 1
                    elif write_result(conn, res) is None:
                        report.already += 1  # stored meanwhile by a concurrent ingest
                    else:
                        report.stored += 1
            pending.clear()

        for done, res in enumerate(_imap(new_jobs, workers), 1):
            pending.append(res)
            if len(pending) >= batch:
                flush()
            el = time.perf_counter() - start
            bar.update(
                task,
                advance=1,
                rate=done / el if el else 0.0,
                errors=report.failed + sum(1 for p in pending if "error" in p),
            )
        flush()
    report.seconds = time.perf_counter() - t0
    return report


def ingest_extracted(
    engine: Engine,
    pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]],
    *,
    tag: str,
    errors: Iterable[dict[str, Any]] = (),
    batch: int = 200,
) -> IngestReport:
    """Store articles extracted elsewhere (``jaanch batch``): each (article, record) pair,
    the article holding its content ``hash``, metadata, ``text`` and ``origin``; nothing is
    extracted again. Idempotent like :func:`ingest` (a stored hash is skipped); ``errors``
    (id, origin, stage, reason) become failures."""
    t0 = time.perf_counter()
    report = IngestReport(workers=0)
    fields = ("id", "text", "title", "published", "source", "url", "author")
    pending: list[dict[str, Any]] = []

    def flush() -> None:
        if not pending:
            return
        hashes = [p["hash"] for p in pending]
        with engine.begin() as conn:
            known = set(
                conn.execute(select(ArticleRow.hash).where(ArticleRow.hash.in_(hashes))).scalars()
            )
            set_meta(conn, "resolved", "0")
            for res in pending:
                if res["hash"] in known:
                    report.already += 1
                    continue
                # rows only for articles not stored yet (a re-run finds them all stored)
                res["rows"] = build_rows(
                    res["hash"], str(res["article"]["text"] or ""), res["record"]
                )
                if write_result(conn, res) is None:
                    report.already += 1
                else:
                    report.stored += 1
        pending.clear()

    seen: set[str] = set()
    for art, rec in pairs:
        report.documents += 1
        h = str(art["hash"])
        if h in seen:
            report.already += 1
            continue
        seen.add(h)
        pending.append(
            {
                "hash": h,
                "article": {k: art.get(k) for k in fields},
                "origin": str(art.get("origin") or ""),
                "record": rec,
                "tag": tag,
            }
        )
        if len(pending) >= batch:
            flush()
    flush()
    with engine.begin() as conn:
        for e in errors:
            report.documents += 1
            report.failed += 1
            origin = str(e.get("origin") or "")
            record_failure(
                conn,
                _origin_key(origin),
                str(e.get("id", "")),
                origin,
                str(e.get("stage", "")),
                str(e.get("reason", "")),
            )
            report.failures.append(
                {"id": str(e.get("id", "")), "origin": origin, "reason": str(e.get("reason", ""))}
            )
    report.seconds = time.perf_counter() - t0
    return report
