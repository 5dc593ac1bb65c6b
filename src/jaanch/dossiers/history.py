"""A person's case history: the incidents naming them across articles in date order, reports
of the same incident (same crimes and district, dates at most ``SAME_CASE_DAYS`` apart, or
one undated) merged into one case, and each case's steps (complaint, FIR, arrest, bail,
charge sheet, verdict ...; ``case_steps`` of ``lexicons/dossiers.yaml``) with the article
and evidence that first reports each."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.dossiers.common import incident_dict
from jaanch.lexicons import load_yaml
from jaanch.privacy import redact_text
from jaanch.search.engine import protected_names
from jaanch.store.models import ARTICLE_META, ArticleRow, Entity, IncidentRow, Link, Mention

SAME_CASE_DAYS = 45


class NotFound(KeyError):
    pass


def _day(s: str | None) -> date | None:
    if not s:
        return None
    try:
        y, m, d = (s.split("-") + ["1", "1"])[:3]
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _same_case(case: dict[str, Any], inc: dict[str, Any]) -> bool:
    if not set(case["crimes"]) & set(inc["crimes"]):
        return False
    if case["district"] and inc["district"] and case["district"] != inc["district"]:
        return False
    a, b = _day(case["last_date"]), _day(inc["date"])
    return a is None or b is None or abs((b - a).days) <= SAME_CASE_DAYS


def history(engine: Engine, entity_id: str, *, include_protected: bool = False) -> dict[str, Any]:
    steps_order: list[str] = list(load_yaml("dossiers.yaml")["case_steps"])
    with Session(engine) as s:
        ent = s.get(Entity, entity_id)
        if ent is None:
            raise NotFound(entity_id)
        mentions = list(
            s.execute(
                select(Mention)
                .join(Link, Link.mention_id == Mention.id)
                .where(Link.entity_id == entity_id)
            ).scalars()
        )
        aids = sorted({m.article_id for m in mentions})
        incs = list(
            s.execute(select(IncidentRow).where(IncidentRow.article_id.in_(aids))).scalars()
        )
        arts = {a.id: a for a in s.execute(select(*ARTICLE_META).where(ArticleRow.id.in_(aids)))}
        hidden = {} if include_protected else protected_names(s, aids)
    hide = ent.protected and not include_protected
    names: dict[int, set[str]] = {}
    roles: dict[int, set[str]] = {}
    for m in mentions:
        names.setdefault(m.article_id, set()).update([m.name, *(m.aliases or [])])
        roles.setdefault(m.article_id, set()).update(m.roles or [])
    found = [
        incident_dict(i, arts.get(i.article_id), hidden)
        for i in incs
        if names.get(i.article_id, set()) & set(i.people or [])
    ]
    found.sort(key=lambda d: (d["date"] or "9999", d["article"], d["incident"]))
    cases: list[dict[str, Any]] = []
    for inc in found:
        case = next((c for c in cases if _same_case(c, inc)), None)
        if case is None:
            case = {
                "first_date": inc["date"],
                "last_date": inc["date"],
                "crimes": [],
                "district": inc["district"],
                "state": inc["state"],
                "roles": set(),
                "reports": [],
                "steps": {},
            }
            cases.append(case)
        case["crimes"] = sorted(set(case["crimes"]) | set(inc["crimes"]))
        case["district"] = case["district"] or inc["district"]
        if inc["date"] and (not case["last_date"] or inc["date"] > case["last_date"]):
            case["last_date"] = inc["date"]
        if inc["date"] and (not case["first_date"] or inc["date"] < case["first_date"]):
            case["first_date"] = inc["date"]
        case["roles"] |= roles.get(inc["article"], set())
        case["reports"].append(inc)
        for a in inc["actions"]:
            case["steps"].setdefault(a, inc)
    out = []
    for c in cases:
        steps = [
            {
                "step": a,
                "date": c["steps"][a]["date"],
                "article": c["steps"][a]["article"],
                "doc_id": c["steps"][a]["doc_id"],
                "evidence": c["steps"][a]["evidence"],
            }
            for a in sorted(
                c["steps"], key=lambda a: steps_order.index(a) if a in steps_order else 99
            )
        ]
        out.append({**c, "roles": sorted(c["roles"]), "steps": steps})
    name = ent.name if not hide else (ent.pseudonym or ent.id)
    if hide:
        for c in out:
            for r in c["reports"]:
                r["evidence"] = redact_text(r["evidence"], {ent.name: name})
    return {"entity": ent.id, "name": name, "kind": ent.kind, "cases": out}
