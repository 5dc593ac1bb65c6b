"""The batch output folder:

* ``records/part-NNNNN.jsonl``: one line per article, exactly the line ``jaanch extract``
  gives for it;
* ``articles/part-NNNNN.jsonl``: line for line beside the records, the article's content
  hash, its metadata and text (what the store keeps and ``ingest`` needs);
* ``errors/part-NNNNN.jsonl``: one line per document that could not be read or extracted
  (id, origin, stage, reason);
* ``_manifest.json``: the extractor tag, the parts and their counts.

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


def is_batch_dir(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and (p / MANIFEST).is_file() and (p / "records").is_dir()


@dataclass
class Manifest:
    tag: str
    parts: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        f = folder / MANIFEST
        if not f.exists():
            return None
        d = json.loads(f.read_text(encoding="utf-8"))
        return cls(tag=str(d.get("tag", "")), parts=list(d.get("parts", [])))

    def write(self, folder: Path) -> None:
        body = {
            "schema": "jaanch.batch/1",
            "tag": self.tag,
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


def next_part(folder: Path) -> int:
    nums = [int(p.stem.split("-")[1]) for p in (folder / "records").glob("part-*.jsonl")]
    nums += [int(p.stem.split("-")[1]) for p in (folder / "errors").glob("part-*.jsonl")]
    return max(nums, default=-1) + 1


def write_part(
    folder: Path,
    n: int,
    records: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    errors: list[dict[str, Any]],
) -> dict[str, Any]:
    """Write part ``n`` (articles before records: a part is whole when its record file is
    there); its manifest entry."""
    name = f"part-{n:05d}.jsonl"

    def lines(rows: list[dict[str, Any]]) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    if errors:
        _atomic(folder / "errors" / name, lines(errors))
    if records:
        _atomic(folder / "articles" / name, lines(articles))
        _atomic(folder / "records" / name, lines(records))
    return {"part": name, "articles": len(records), "errors": len(errors)}


def stored_hashes(folder: Path) -> set[str]:
    """The content hashes of every article a whole part holds."""
    out: set[str] = set()
    for f in sorted((folder / "records").glob("part-*.jsonl")):
        art = folder / "articles" / f.name
        if not art.exists():
            continue
        with art.open(encoding="utf-8") as fh:
            for ln in fh:
                if ln.strip():
                    out.add(json.loads(ln)["hash"])
    return out


def iter_pairs(folder: str | Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(article, record) pairs of every whole part, in part order."""
    folder = Path(folder)
    for f in sorted((folder / "records").glob("part-*.jsonl")):
        art = folder / "articles" / f.name
        if not art.exists():
            continue
        with f.open(encoding="utf-8") as rf, art.open(encoding="utf-8") as af:
            for rl, al in zip(rf, af, strict=True):
                if rl.strip():
                    yield json.loads(al), json.loads(rl)


def read_errors(folder: Path, part: str) -> list[dict[str, Any]]:
    """The error lines of one part (none when it has no error file)."""
    f = folder / "errors" / part
    if not f.exists():
        return []
    return [json.loads(ln) for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]


def iter_errors(folder: str | Path) -> Iterator[dict[str, Any]]:
    for f in sorted((Path(folder) / "errors").glob("part-*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            for ln in fh:
                if ln.strip():
                    yield json.loads(ln)
