"""Accused ranked by the cases stated against them (the largest case count an article
gives, ``मुकदमे दर्ज हैं``), then by the incidents naming them: with where (districts),
with whom (co-accused and associates) and the evidence."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.dossiers.common import in_range, incident_dict, load_people
from jaanch.privacy import redact_text
from jaanch.store.models import Fact


def accused(
    engine: Engine,
    *,
    district: str | None = None,
    crime: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    include_protected: bool = False,
) -> dict[str, Any]:
    files, hidden = load_people(engine, want=("accused",), include_protected=include_protected)
    aids = sorted({m.article_id for f in files for m in f.mentions})
    counts: dict[tuple[int, str], list[Fact]] = {}
    ties: dict[tuple[int, str], set[str]] = {}
    with Session(engine) as s:
        for i in range(0, len(aids), 500):
            for fact in s.execute(
                select(Fact).where(
                    Fact.article_id.in_(aids[i : i + 500]),
                    Fact.kind.in_(("case_count", "relation")),
                )
            ).scalars():
                v = fact.value or {}
                if fact.kind == "case_count":  # code: the person's name as written
                    counts.setdefault((fact.article_id, fact.code), []).append(fact)
                elif fact.kind == "relation" and fact.code == "associate":
                    a, b = str(v.get("head")), str(v.get("tail"))
                    ties.setdefault((fact.article_id, a), set()).add(b)
                    ties.setdefault((fact.article_id, b), set()).add(a)
    by_mention = {(m.article_id, m.name): f for f in files for m in f.mentions}
    by_entity = {f.entity.id: f for f in files}
    rows: list[dict[str, Any]] = []
    for f in files:
        if f.entity.protected and not include_protected:
            continue  # a protected person (a minor) is never listed
        incs = [
            (inc, art)
            for inc, art in f.incidents
            if in_range(inc.date or (art.published if art else None), since, until)
            and (not district or inc.district == district)
            and (not crime or crime in (inc.crimes or []))
        ]
        stated = [
            (fact, m)
            for m in f.mentions
            for key in [(m.article_id, m.name), *((m.article_id, al) for al in m.aliases or [])]
            for fact in counts.get(key, [])
        ]
        if (district or crime or since or until) and not incs:
            continue
        if not stated and not incs:
            continue
        best = max((int((fa.value or {}).get("count") or 0) for fa, _ in stated), default=0)
        associates: Counter[str] = Counter()
        for m in f.mentions:
            for other in ties.get((m.article_id, m.name), set()):
                o = by_mention.get((m.article_id, other))
                if (
                    o is not None
                    and o is not f
                    and not (o.entity.protected and not include_protected)
                ):
                    associates[o.entity.id] += 1
        districts = Counter(inc.district for inc, _ in incs if inc.district)
        districts.update(m.district for m in f.mentions if m.district)
        crimes: Counter[str] = Counter(c for inc, _ in incs for c in inc.crimes or [])
        rows.append(
            {
                "entity": f.entity.id,
                "name": f.name(include_protected),
                "cases_stated": best,
                "incidents": len(incs),
                "articles": f.entity.n_articles,
                "districts": [d for d, _ in districts.most_common()],
                "crimes": dict(crimes.most_common()),
                "associates": [
                    {
                        "entity": eid,
                        "name": by_entity[eid].name(include_protected),
                        "articles": n,
                    }
                    for eid, n in associates.most_common(10)
                ],
                "case_evidence": [
                    {
                        "article": fa.article_id,
                        "count": (fa.value or {}).get("count"),
                        "evidence": redact_text(fa.sentence, hidden.get(fa.article_id, {})),
                    }
                    for fa, _ in sorted(
                        stated, key=lambda x: -int((x[0].value or {}).get("count") or 0)
                    )[:5]
                ],
                "incident_list": sorted(
                    (incident_dict(inc, art, hidden) for inc, art in incs),
                    key=lambda d: d["date"] or "",
                ),
            }
        )
    rows.sort(
        key=lambda r: (
            -int(r["cases_stated"]),
            -int(r["incidents"]),
            -int(r["articles"] or 0),
            str(r["name"]),
        )
    )
    return {"total": len(rows), "accused": rows[:limit]}
