"""Readable labels of the codes Jaanch writes (crime, action, role, designation, place kind,
relation, act), in English and Hindi, from one data file (``lexicons/labels.tsv``). Pages,
facets and CSV exports show them; JSON keeps the codes."""

from __future__ import annotations

from functools import cache

from jaanch.lexicons import load_tsv

KINDS = ("crime", "action", "role", "designation", "place_kind", "relation", "act")
LANGS = ("en", "hi")


@cache
def _table() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["kind"], r["code"]): {"en": r["en"], "hi": r["hi"]} for r in load_tsv("labels.tsv")}


def label(kind: str, code: str | None, lang: str = "en") -> str:
    """The label of ``code``; an unknown code is shown as written, underscores as spaces."""
    if not code:
        return ""
    row = _table().get((kind, code))
    if row is None:
        return code.replace("_", " ")
    return row[lang if lang in LANGS else "en"]


def labels(kind: str) -> dict[str, dict[str, str]]:
    """Every code of ``kind`` with its labels."""
    return {code: dict(v) for (k, code), v in _table().items() if k == kind}


def both(kind: str, code: str | None) -> str:
    """``English (हिंदी)``, or the code as written when it has no label."""
    if not code:
        return ""
    row = _table().get((kind, code))
    return f"{row['en']} ({row['hi']})" if row else code.replace("_", " ")
