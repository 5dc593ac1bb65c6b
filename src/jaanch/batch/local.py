"""The batch engine on one machine: a process pool, the pipeline and its models loaded once
per worker process, articles sent in chunks; each chunk becomes one part of the output
folder (:mod:`jaanch.batch.output`)."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jaanch.batch import output
from jaanch.reader import ReadError
from jaanch.store.ingest import current_tag, init_worker
from jaanch.types import Article


def extract_chunk(chunk: list[tuple[str, dict[str, Any], str]]) -> dict[str, list[dict[str, Any]]]:
    """Extract a chunk of (hash, article fields, origin): the records, their articles and
    the errors (worker side)."""
    from jaanch.pipeline import default_pipeline

    pipe = default_pipeline()  # loaded once per worker process
    out: dict[str, list[dict[str, Any]]] = {"records": [], "articles": [], "errors": []}
    for h, art, origin in chunk:
        try:
            rec = pipe.run(Article(**art)).to_dict()
        except Exception as e:  # noqa: BLE001 - one bad document never stops a run
            out["errors"].append(
                {
                    "id": art["id"],
                    "origin": origin,
                    "stage": "extract",
                    "reason": f"{type(e).__name__}: {e}",
                }
            )
            continue
        out["records"].append(rec)
        out["articles"].append({"hash": h, "origin": origin, **art})
    return out


@dataclass
class BatchReport:
    documents: int = 0
    extracted: int = 0
    skipped: int = 0
    failed: int = 0
    parts: int = 0
    workers: int = 1
    seconds: float = 0.0
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.extracted / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "articles_per_s": round(self.rate, 2)}


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def run_batch(
    items: Iterable[tuple[Article | ReadError, str]],
    out: str | Path,
    *,
    workers: int | None = None,
    chunk: int = 64,
    engine: str = "local",
    master: str | None = None,
    fmt: str = "jsonl",
    progress: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """Extract ``items`` into the folder ``out``; articles a part already holds (same
    content hash) are skipped. ``engine`` is ``local`` (a process pool of ``workers``) or
    ``spark`` (:mod:`jaanch.batch.spark`, on ``master``)."""
    from jaanch.store.rows import content_hash

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    if fmt not in output.FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(output.FORMATS)}")
    t0 = time.perf_counter()
    folder = Path(out)
    output.prepare(folder)
    workers = workers or max(1, os.cpu_count() or 1)
    rep = BatchReport(workers=workers)
    done = output.stored_hashes(folder)
    jobs: list[tuple[str, dict[str, Any], str]] = []
    read_errors: list[dict[str, Any]] = []
    for item, origin in items:
        rep.documents += 1
        if isinstance(item, ReadError):
            read_errors.append(
                {"id": item.id, "origin": origin, "stage": "read", "reason": item.error}
            )
            continue
        h = content_hash(item.text)
        if h in done:
            rep.skipped += 1
            continue
        done.add(h)
        jobs.append((h, asdict(item), origin))
    manifest = output.Manifest.read(folder) or output.Manifest(tag=current_tag(), format=fmt)
    manifest.tag = current_tag()
    manifest.format = fmt
    n = output.next_part(folder)
    if read_errors:
        manifest.parts.append(output.write_part(folder, n, [], [], read_errors, fmt))
        n += 1
        rep.failed += len(read_errors)
        rep.failures += [
            {"id": e["id"], "origin": e["origin"], "reason": e["reason"]} for e in read_errors
        ]
    chunks = list(_chunks(jobs, chunk))

    def add(entry: dict[str, Any], errors: list[dict[str, Any]]) -> None:
        manifest.parts.append(entry)
        manifest.write(folder)
        rep.parts += 1
        rep.extracted += int(entry["articles"])
        rep.failed += len(errors)
        rep.failures += [
            {"id": e["id"], "origin": e["origin"], "reason": e["reason"]} for e in errors
        ]
        if progress is not None:
            rep.seconds = time.perf_counter() - t0
            progress(rep)

    if engine == "spark":
        from jaanch.batch.spark import spark_write

        for entry in spark_write(chunks, master or f"local[{workers}]", folder, n, fmt):
            add(entry, output.read_errors(folder, str(entry["part"])))
    else:
        with _local_results(chunks, workers) as results:
            for res in results:
                part = output.write_part(
                    folder, n, res["records"], res["articles"], res["errors"], fmt
                )
                add(part, res["errors"])
                n += 1
    manifest.write(folder)
    rep.seconds = time.perf_counter() - t0
    return rep


#: the engines a batch runs on
ENGINES = ("local", "spark")
Results = Iterator[dict[str, list[dict[str, Any]]]]


@contextmanager
def _local_results(
    chunks: list[list[tuple[str, dict[str, Any], str]]], workers: int
) -> Iterator[Results]:
    """The extracted chunks, in order, from a process pool (or this process)."""
    if workers <= 1 or len(chunks) <= 1:
        yield iter(map(extract_chunk, chunks))
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    pool = mp.get_context(method).Pool(min(workers, len(chunks)), initializer=init_worker)
    try:
        yield pool.imap(extract_chunk, chunks)
    finally:
        pool.close()
        pool.join()
