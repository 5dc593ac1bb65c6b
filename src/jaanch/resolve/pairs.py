"""Labelled pairs of person mentions (``annotations/pairs.jsonl``) and how a store scores
on them.

A pair names two mentions by article id and name as written (ids and names only, never
the text); :func:`locate` finds them in a store, allowing for a name that extraction has
since cleaned (``पीएम मोदी`` stored as ``मोदी``): the mention of that article with the same
name key, else one whose key holds the other's. :func:`score_store` reads which entity
each located mention is in and counts a pair as linked when both are in one entity.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from jaanch.store.models import ArticleRow, Link, Mention
from jaanch.text.keys import name_key

LABELS = ("same", "different", "unsure")


@dataclass(frozen=True)
class Side:
    doc: str
    name: str


@dataclass(frozen=True)
class Pair:
    a: Side
    b: Side
    label: str
    stratum: str = ""

    @property
    def same(self) -> bool:
        return self.label == "same"


def load_pairs(path: str | Path, *, sure_only: bool = True) -> list[Pair]:
    out = []
    for ln in Path(path).read_text(encoding="utf-8").splitlines():
        if not ln.strip():
            continue
        r = json.loads(ln)
        if r["label"] not in LABELS:
            raise ValueError(f"{path}: unknown label {r['label']!r}")
        if sure_only and r["label"] == "unsure":
            continue
        out.append(
            Pair(
                Side(r["a"]["doc"], r["a"]["name"]),
                Side(r["b"]["doc"], r["b"]["name"]),
                r["label"],
                r.get("stratum", ""),
            )
        )
    return out


def locate(engine: Engine, pairs: list[Pair]) -> dict[Side, int | None]:
    """The store mention each pair side names (see the module docstring)."""
    docs = {s.doc for p in pairs for s in (p.a, p.b)}
    by_doc: dict[str, list[tuple[int, str, list[str]]]] = defaultdict(list)
    with engine.connect() as conn:
        rows = conn.execute(
            select(ArticleRow.doc_id, Mention.id, Mention.key, Mention.aliases)
            .join(Mention, Mention.article_id == ArticleRow.id)
            .where(Mention.kind == "PERSON")
        )
        for doc_id, mid, key, aliases in rows:
            if doc_id in docs:
                keys = [key] + [name_key(a) for a in aliases or []]
                by_doc[doc_id].append((mid, key, keys))
    out: dict[Side, int | None] = {}
    for p in pairs:
        for s in (p.a, p.b):
            if s in out:
                continue
            k = name_key(s.name)
            cands = by_doc.get(s.doc, [])
            hit = next((mid for mid, _key, keys in cands if k in keys), None)
            if hit is None and k:
                toks = set(k.split())
                part = [
                    (len(set(key.split()) ^ toks), mid)
                    for mid, key, _keys in cands
                    if key and (set(key.split()) <= toks or toks <= set(key.split()))
                ]
                hit = min(part)[1] if part else None
            out[s] = hit
    return out


@dataclass
class PairScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    missing: int = 0
    by_stratum: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "missing": self.missing,
            "by_stratum": self.by_stratum,
        }


def entity_of_mentions(engine: Engine, ids: list[int]) -> dict[int, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(Link.mention_id, Link.entity_id).where(Link.mention_id.in_(ids))
        ).all()
    return {int(m): str(e) for m, e in rows}


def score_store(engine: Engine, pairs: list[Pair]) -> PairScore:
    """Precision and recall of cross-article links on labelled pairs. A side the store
    lacks counts as not linked (a miss for a ``same`` pair)."""
    where = locate(engine, pairs)
    ent = entity_of_mentions(engine, [i for i in where.values() if i is not None])
    return score_links(pairs, where, ent)


def score_links(
    pairs: list[Pair], where: dict[Side, int | None], entity: dict[int, str]
) -> PairScore:
    sc = PairScore()
    for p in pairs:
        ia, ib = where.get(p.a), where.get(p.b)
        if ia is None or ib is None:
            sc.missing += 1
        linked = ia is not None and ib is not None and entity.get(ia) == entity.get(ib)
        cell = ("tp" if linked else "fn") if p.same else ("fp" if linked else "tn")
        setattr(sc, cell, getattr(sc, cell) + 1)
        st = sc.by_stratum.setdefault(p.stratum, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
        st[cell] += 1
    return sc
