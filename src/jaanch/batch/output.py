"""The batch output folder:

* ``records/part-NNNNN.jsonl``: one line per article, exactly the line ``jaanch extract``
  gives for it;
* ``articles/part-NNNNN.jsonl``: line for line beside the records, the article's content
  hash, its metadata and text (what the store keeps and ``ingest`` needs);
* ``errors/part-NNNNN.jsonl``: one line per document that could not be read or extracted
  (id, origin, stage, reason);
* ``_manifest.json``: the extractor tag, the format, the parts and their counts.

With ``--format parquet`` the parts are Parquet files of the same rows: ``records`` has the
columns ``id`` and ``record`` (the extract line as a JSON string), ``articles`` and
``errors`` one column per field.

A part is written to a temporary name and renamed when complete, so a killed run leaves
only whole parts; a re-run skips every article whose hash a part already holds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "_manifest.json"
KINDS = ("records", "articles", "errors")
FORMATS = ("jsonl", "parquet")
ARTICLE_FIELDS = ("hash", "id", "title", "published", "source", "url", "author", "origin", "text")
ERROR_FIELDS = ("id", "origin", "stage", "reason")


def is_batch_dir(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and (p / MANIFEST).is_file() and (p / "records").is_dir()


@dataclass
class Manifest:
    tag: str
    parts: list[dict[str, Any]] = field(default_factory=list)
    format: str = "jsonl"

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        f = folder / MANIFEST
        if not f.exists():
            return None
        d = json.loads(f.read_text(encoding="utf-8"))
        return cls(
            tag=str(d.get("tag", "")),
            parts=list(d.get("parts", [])),
            format=str(d.get("format", "jsonl")),
        )

    def write(self, folder: Path) -> None:
        body = {
            "schema": "jaanch.batch/1",
            "tag": self.tag,
            "format": self.format,
            "articles": sum(p["articles"] for p in self.parts),
            "errors": sum(p["errors"] for p in self.parts),
            "parts": self.parts,
        }
        _atomic(folder / MANIFEST, json.dumps(body, ensure_ascii=False, indent=1) + "\n")


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def prepare(folder: Path) -> None:
    for k in KINDS:
        (folder / k).mkdir(parents=True, exist_ok=True)


def _parts(folder: Path, kind: str) -> list[Path]:
    return sorted(p for p in (folder / kind).glob("part-*") if p.suffix in (".jsonl", ".parquet"))


def next_part(folder: Path) -> int:
    nums = [int(p.stem.split("-")[1]) for k in ("records", "errors") for p in _parts(folder, k)]
    return max(nums, default=-1) + 1


def write_part(
    folder: Path,
    n: int,
    records: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    errors: list[dict[str, Any]],
    fmt: str = "jsonl",
) -> dict[str, Any]:
    """Write part ``n`` (articles before records: a part is whole when its record file is
    there); its manifest entry."""
    name = f"part-{n:05d}.{fmt}"
    if fmt == "parquet":
        if errors:
            _parquet(
                folder / "errors" / name, [{k: e.get(k) for k in ERROR_FIELDS} for e in errors]
            )
        if records:
            _parquet(
                folder / "articles" / name,
                [{k: a.get(k) for k in ARTICLE_FIELDS} for a in articles],
            )
            _parquet(
                folder / "records" / name,
                [
                    {"id": r["article"]["id"], "record": json.dumps(r, ensure_ascii=False)}
                    for r in records
                ],
            )
        return {"part": name, "articles": len(records), "errors": len(errors)}

    def lines(rows: list[dict[str, Any]]) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    if errors:
        _atomic(folder / "errors" / name, lines(errors))
    if records:
        _atomic(folder / "articles" / name, lines(articles))
        _atomic(folder / "records" / name, lines(records))
    return {"part": name, "articles": len(records), "errors": len(errors)}


def _parquet(path: Path, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(pa.Table.from_pylist(rows), tmp)
    os.replace(tmp, path)


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a part file, JSON Lines or Parquet."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
            yield from batch.to_pylist()
        return
    with path.open(encoding="utf-8") as fh:
        for ln in fh:
            if ln.strip():
                yield json.loads(ln)


def stored_hashes(folder: Path) -> set[str]:
    """The content hashes of every article a whole part holds."""
    out: set[str] = set()
    for f in _parts(folder, "records"):
        art = folder / "articles" / f.name
        if art.exists():
            out.update(str(r["hash"]) for r in _rows(art))
    return out


def iter_pairs(folder: str | Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(article, record) pairs of every whole part, in part order."""
    folder = Path(folder)
    for f in _parts(folder, "records"):
        art = folder / "articles" / f.name
        if not art.exists():
            continue
        for a, r in zip(_rows(art), _rows(f), strict=True):
            yield a, (json.loads(r["record"]) if f.suffix == ".parquet" else r)


def read_errors(folder: Path, part: str) -> list[dict[str, Any]]:
    """The error rows of one part (none when it has no error file)."""
    f = folder / "errors" / part
    return list(_rows(f)) if f.exists() else []


def iter_errors(folder: str | Path) -> Iterator[dict[str, Any]]:
    for f in _parts(Path(folder), "errors"):
        yield from _rows(f)
