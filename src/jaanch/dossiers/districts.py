"""Incidents by district for the offline map: a circle per district at its headquarters
town (``lexicons/district_coords.tsv``), sized by its incidents, with its crime mix over
the years. No tiles, no outlines: the faint points of every district draw the country."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import cache
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jaanch.dossiers.common import in_range
from jaanch.lexicons import load_tsv
from jaanch.store.models import ArticleRow, IncidentRow

#: the map's frame (degrees): India with a margin
LAT = (6.0, 37.5)
LON = (67.5, 97.8)
WIDTH = 640


@cache
def coords() -> dict[int, tuple[float, float, str, str]]:
    return {
        int(r["lgd_district"]): (float(r["lat"]), float(r["lon"]), r["district"], r["state"])
        for r in load_tsv("district_coords.tsv")
    }


def _xy(lat: float, lon: float, height: float) -> tuple[float, float]:
    # equirectangular, longitudes shrunk by the cosine of the middle latitude
    x = (lon - LON[0]) / (LON[1] - LON[0]) * WIDTH
    y = (LAT[1] - lat) / (LAT[1] - LAT[0]) * height
    return round(x, 1), round(y, 1)


def district_map(
    engine: Engine,
    *,
    crime: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    mid = math.radians((LAT[0] + LAT[1]) / 2)
    height = round(WIDTH * (LAT[1] - LAT[0]) / ((LON[1] - LON[0]) * math.cos(mid)))
    with Session(engine) as s:
        rows = s.execute(
            select(
                IncidentRow.lgd_district,
                IncidentRow.district,
                IncidentRow.state,
                IncidentRow.crimes,
                func.coalesce(IncidentRow.date, ArticleRow.published),
            )
            .join(ArticleRow, ArticleRow.id == IncidentRow.article_id)
            .where(IncidentRow.district.is_not(None))
        ).all()
    per: dict[tuple[int | None, str, str | None], dict[str, Any]] = {}
    for lgd, name, state, crimes, when in rows:
        if crime and crime not in (crimes or []):
            continue
        if not in_range(when, since, until):
            continue
        d = per.setdefault(
            (lgd, name, state),
            {
                "lgd_district": lgd,
                "district": name,
                "state": state,
                "incidents": 0,
                "crimes": Counter(),
                "years": defaultdict(Counter),
            },
        )
        d["incidents"] += 1
        d["crimes"].update(crimes or [])
        for c in crimes or []:
            d["years"][(when or "")[:4] or "undated"][c] += 1
    pts = coords()
    top = max((d["incidents"] for d in per.values()), default=1) or 1
    circles, unplaced = [], []
    for d in sorted(per.values(), key=lambda d: (-d["incidents"], d["district"])):
        entry = {
            "lgd_district": d["lgd_district"],
            "district": d["district"],
            "state": d["state"],
            "incidents": d["incidents"],
            "crimes": dict(d["crimes"].most_common()),
            "by_year": {y: dict(c.most_common()) for y, c in sorted(d["years"].items())},
        }
        p = pts.get(d["lgd_district"]) if d["lgd_district"] is not None else None
        if p is None:
            unplaced.append(entry)
            continue
        x, y = _xy(p[0], p[1], height)
        entry.update(x=x, y=y, r=round(3 + 22 * math.sqrt(d["incidents"] / top), 1))
        circles.append(entry)
    backdrop = [_xy(lat, lon, height) for lat, lon, _, _ in pts.values()]
    return {
        "width": WIDTH,
        "height": height,
        "backdrop": backdrop,
        "districts": circles,
        "unplaced": unplaced,
        "total": sum(d["incidents"] for d in per.values()),
    }
