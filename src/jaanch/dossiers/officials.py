"""Officials who keep appearing in misconduct stories: each official (a person named as an
official or with a rank) ranked by the incidents naming them that carry a misconduct action
(suspension, line hazir, transfer, dismissal, inquiry) or crime (police misconduct,
corruption; ``lexicons/dossiers.yaml``), then by articles. Every row lists those incidents
with their evidence."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Engine

from jaanch.dossiers.common import in_range, incident_dict, load_people, vocabulary


def officials(
    engine: Engine,
    *,
    district: str | None = None,
    designation: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_incidents: int = 1,
    limit: int = 100,
    include_protected: bool = False,
) -> dict[str, Any]:
    voc = vocabulary()
    acts, crimes = voc["misconduct_actions"], voc["misconduct_crimes"]
    files, hidden = load_people(engine, include_protected=include_protected)
    rows: list[dict[str, Any]] = []
    for f in files:
        desig = Counter(m.designation for m in f.mentions if m.designation)
        if not desig and not any("official" in (m.roles or []) for m in f.mentions):
            continue
        top = desig.most_common(1)[0][0] if desig else None
        if designation and designation not in desig:
            continue
        hits = [
            (inc, art)
            for inc, art in f.incidents
            if (acts & set(inc.actions or []) or crimes & set(inc.crimes or []))
            and in_range(inc.date or (art.published if art else None), since, until)
            and (not district or inc.district == district)
        ]
        if len(hits) < min_incidents:
            continue
        codes: Counter[str] = Counter()
        for inc, _ in hits:
            codes.update(c for c in inc.actions or [] if c in acts)
            codes.update(c for c in inc.crimes or [] if c in crimes)
        districts = Counter(inc.district for inc, _ in hits if inc.district)
        # the official is the one accused there (not only the one who acted or inquired)
        accused_in = {m.article_id for m in f.mentions if "accused" in (m.roles or [])}
        rows.append(
            {
                "entity": f.entity.id,
                "name": f.name(include_protected),
                "designation": top,
                "districts": [d for d, _ in districts.most_common()],
                "misconduct_incidents": len(hits),
                "as_accused": sum(1 for inc, _ in hits if inc.article_id in accused_in),
                "articles": len({inc.article_id for inc, _ in hits}),
                "all_articles": f.entity.n_articles,
                "codes": dict(codes.most_common()),
                "incidents": sorted(
                    (incident_dict(inc, art, hidden) for inc, art in hits),
                    key=lambda d: d["date"] or "",
                ),
            }
        )
    rows.sort(
        key=lambda r: (
            -int(r["misconduct_incidents"]),
            -int(r["as_accused"]),
            -int(r["articles"]),
            str(r["name"]),
        )
    )
    return {
        "misconduct_actions": sorted(acts),
        "misconduct_crimes": sorted(crimes),
        "total": len(rows),
        "officials": rows[:limit],
    }
