"""Offsets-only annotation records and their join back to the article text.

A record (one JSON line of ``annotations/people.jsonl``)::

    {"id": "naidunia-indore-00001", "corpus": "hindi_crime_news.jsonl",
     "sha256": "<hash of the text>", "annotator": "...", "groups": ["people", "relations"],
     "people": [{"name": [12, 22], "aliases": [[30, 38]], "roles": ["accused"],
                 "designation": null}],
     "relations": [{"type": "associate", "head": [12, 22], "tail": [51, 60]}]}

Every name is the span of one place where it is written. A draft (what an annotator edits)
has the same shape with strings in place of spans; :func:`to_record` finds each string in
the text and :func:`join` turns a record back into a gold record with strings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: the codes of ``../shared/spec/taxonomy.md`` that a record may use
ROLES = ("accused", "victim", "complainant", "witness", "official", "relative", "other")
RELATIONS = (
    "alias",
    "spouse",
    "parent_of",
    "sibling",
    "relative",
    "associate",
    "posted_at",
    "member_of",
)
#: relations whose tail is a place or an organisation, not a person of the article
NON_PERSON_TAIL = ("posted_at", "member_of")

Offsets = list[int]


class AnnotationError(ValueError):
    """A draft or record that does not fit its article (or the taxonomy)."""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _find(text: str, s: str, what: str) -> Offsets:
    s = " ".join(s.split())
    i = text.find(s)
    if i < 0:
        raise AnnotationError(f"{what} {s!r} is not written in the article")
    return [i, i + len(s)]


def _span_text(text: str, off: Any, what: str) -> str:
    if not (isinstance(off, list) and len(off) == 2 and 0 <= off[0] < off[1] <= len(text)):
        raise AnnotationError(f"{what}: {off!r} is no span of the article")
    return text[off[0] : off[1]]


def to_record(draft: dict[str, Any], text: str, corpus: str, annotator: str) -> dict[str, Any]:
    """A draft (names as strings) as an offsets-only record; checks every code and name."""
    people: list[dict[str, Any]] = []
    names: set[str] = set()
    for p in draft.get("people", []):
        roles = list(p.get("roles") or [])
        bad = [r for r in roles if r not in ROLES]
        if bad or not roles:
            raise AnnotationError(f"person {p.get('name')!r}: roles {roles!r}")
        name = " ".join(str(p["name"]).split())
        aliases = [" ".join(str(a).split()) for a in p.get("aliases") or []]
        names.update([name, *aliases])
        people.append(
            {
                "name": _find(text, name, "name"),
                "aliases": [_find(text, a, "alias") for a in aliases],
                "roles": roles,
                "designation": p.get("designation"),
            }
        )
    relations: list[dict[str, Any]] = []
    for r in draft.get("relations", []):
        t = r.get("type")
        if t not in RELATIONS:
            raise AnnotationError(f"relation type {t!r}")
        head, tail = " ".join(str(r["head"]).split()), " ".join(str(r["tail"]).split())
        if head not in names:
            raise AnnotationError(f"{t}: head {head!r} is no listed person or alias")
        if t not in NON_PERSON_TAIL and tail not in names:
            raise AnnotationError(f"{t}: tail {tail!r} is no listed person or alias")
        relations.append(
            {"type": t, "head": _find(text, head, "head"), "tail": _find(text, tail, "tail")}
        )
    rec: dict[str, Any] = {
        "id": draft["id"],
        "corpus": corpus,
        "sha256": text_hash(text),
        "annotator": annotator,
        "groups": ["people", "roles", "relations"],
        "people": people,
        "relations": relations,
    }
    return rec


def join(rec: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """The gold record of ``rec``: its spans read from the article's text."""
    text = article["text"]
    if text_hash(text) != rec["sha256"]:
        raise AnnotationError(f"{rec['id']}: the article text has changed (hash differs)")
    people = [
        {
            "name": _span_text(text, p["name"], "name"),
            "aliases": [_span_text(text, a, "alias") for a in p["aliases"]],
            "roles": list(p["roles"]),
            "designation": p.get("designation"),
        }
        for p in rec["people"]
    ]
    relations = [
        {
            "type": r["type"],
            "head": _span_text(text, r["head"], "head"),
            "tail": _span_text(text, r["tail"], "tail"),
        }
        for r in rec["relations"]
    ]
    return {
        "schema": "jaanch.extraction/1",
        "id": rec["id"],
        "text": text,
        "title": article.get("title"),
        "published": article.get("published"),
        "source": article.get("source"),
        "groups": list(rec.get("groups", [])),
        "entities": [],
        "people": people,
        "relations": relations,
    }


def to_draft(gold: dict[str, Any]) -> dict[str, Any]:
    """The editable form of a gold (or predicted) record: names as strings."""
    return {
        "id": gold["id"],
        "people": [
            {
                "name": p["name"],
                "aliases": list(p.get("aliases") or []),
                "roles": list(p.get("roles") or []),
                "designation": p.get("designation"),
            }
            for p in gold.get("people", [])
        ],
        "relations": [
            {"type": r["type"], "head": r["head"], "tail": r["tail"]}
            for r in gold.get("relations", [])
        ],
    }


@dataclass
class Corpus:
    """Articles of ``../shared/data/corpus`` by id, read lazily per file."""

    folder: Path

    def articles(self, name: str) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with (self.folder / name).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    a = json.loads(line)
                    out[a["id"]] = a
        return out


def read_records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def write_records(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write records sorted by id, one compact JSON line each (stable diffs)."""
    rows = sorted(records, key=lambda r: r["id"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows),
        encoding="utf-8",
    )


def load_records(path: Path, corpus_dir: Path) -> Iterator[dict[str, Any]]:
    """Gold records of the offsets-only file ``path``, joined to the corpus text."""
    recs = read_records(path)
    cache: dict[str, dict[str, dict[str, Any]]] = {}
    corpus = Corpus(corpus_dir)
    for rec in recs:
        if rec["corpus"] not in cache:
            cache[rec["corpus"]] = corpus.articles(rec["corpus"])
        article = cache[rec["corpus"]].get(rec["id"])
        if article is None:
            raise AnnotationError(f"{rec['id']} is not in {rec['corpus']}")
        yield join(rec, article)


def load_golds(dev: Path, annotations: Path, corpus_dir: Path) -> list[dict[str, Any]]:
    """The gold dev set and the project's annotations together (an id in both is an error:
    the dev set stays for evaluation)."""
    golds: list[dict[str, Any]] = [
        json.loads(ln) for ln in dev.read_text(encoding="utf-8").splitlines() if ln.strip()
    ]
    seen = {g["id"] for g in golds}
    for g in load_records(annotations, corpus_dir):
        if g["id"] in seen:
            raise AnnotationError(f"{g['id']} is in the dev set and in the annotations")
        golds.append(g)
    return golds


#: the unlabelled news files the word statistics are built from
DEVELOPMENT_FILES = ("hindi_news_all.jsonl", "hindi_crime_news.jsonl")


def development_texts(corpus_dir: Path, gold: Path) -> tuple[list[str], int]:
    """The texts of the unlabelled news corpora, each once, leaving out every article that
    shares a stretch of text with the gold evaluation set; and how many were left out.
    Word statistics (``news_words.tsv``, ``cue_pairs.tsv``) are built from these."""
    held_out: set[str] = set()
    if gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            for i in range(0, max(1, len(text) - 60), 200):
                held_out.add(text[i : i + 60])
    texts: list[str] = []
    skipped = 0
    seen: set[int] = set()
    for fname in DEVELOPMENT_FILES:
        with (corpus_dir / fname).open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                if not text.strip() or hash(text) in seen:
                    continue
                seen.add(hash(text))
                if any(sh in text for sh in held_out):
                    skipped += 1
                    continue
                texts.append(text)
    return texts, skipped
