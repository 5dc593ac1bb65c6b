"""Dossiers as CSV tables (labels beside the codes)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from jaanch.labels import label

OFFICIAL_COLUMNS = [
    "entity",
    "name",
    "designation",
    "designation_label",
    "districts",
    "misconduct_incidents",
    "as_accused",
    "articles",
    "codes",
    "code_labels",
    "first_date",
    "last_date",
    "articles_ids",
]
ACCUSED_COLUMNS = [
    "entity",
    "name",
    "cases_stated",
    "incidents",
    "articles",
    "districts",
    "crimes",
    "crime_labels",
    "associates",
    "first_date",
    "last_date",
]


def _dates(incidents: Iterable[dict[str, Any]]) -> tuple[str, str]:
    ds = sorted(d for i in incidents if (d := i.get("date")))
    return (ds[0], ds[-1]) if ds else ("", "")


def _code_label(code: str) -> str:
    """A misconduct code's label: an action of ``dossiers.yaml``, else a crime."""
    from jaanch.dossiers.common import vocabulary

    return label("action" if code in vocabulary()["misconduct_actions"] else "crime", code)


def officials_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=OFFICIAL_COLUMNS)
    w.writeheader()
    for r in rows:
        first, last = _dates(r["incidents"])
        w.writerow(
            {
                "entity": r["entity"],
                "name": r["name"],
                "designation": r["designation"] or "",
                "designation_label": label("designation", r["designation"]),
                "districts": ";".join(r["districts"]),
                "misconduct_incidents": r["misconduct_incidents"],
                "as_accused": r["as_accused"],
                "articles": r["articles"],
                "codes": ";".join(r["codes"]),
                "code_labels": ";".join(_code_label(c) for c in r["codes"]),
                "first_date": first,
                "last_date": last,
                "articles_ids": ";".join(sorted({str(i["doc_id"]) for i in r["incidents"]})),
            }
        )
    return buf.getvalue()


def accused_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=ACCUSED_COLUMNS)
    w.writeheader()
    for r in rows:
        first, last = _dates(r["incident_list"])
        w.writerow(
            {
                "entity": r["entity"],
                "name": r["name"],
                "cases_stated": r["cases_stated"],
                "incidents": r["incidents"],
                "articles": r["articles"],
                "districts": ";".join(r["districts"]),
                "crimes": ";".join(r["crimes"]),
                "crime_labels": ";".join(label("crime", c) for c in r["crimes"]),
                "associates": ";".join(a["name"] for a in r["associates"]),
                "first_date": first,
                "last_date": last,
            }
        )
    return buf.getvalue()
