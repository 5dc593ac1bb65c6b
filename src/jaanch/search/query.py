"""Query parsing: free words plus ``field:value`` filters.

``crime:rape action:arrest district:कानपुर role:accused from:2020-01 to:2021 kind:person``;
values may be quoted (``district:"Kanpur Nagar"``); a filter given twice keeps both
values (either may match). Dates may be a year, a month or a day.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

FIELDS = {
    "crime": "crimes",
    "crimes": "crimes",
    "action": "actions",
    "actions": "actions",
    "district": "districts",
    "in": "districts",
    "role": "roles",
    "kind": "kinds",
    "from": "date_from",
    "since": "date_from",
    "to": "date_to",
    "until": "date_to",
}


@dataclass
class Query:
    text: str = ""
    crimes: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    limit: int = 20

    @property
    def has_filters(self) -> bool:
        return bool(self.crimes or self.actions or self.districts or self.date_from or self.date_to)


def date_bound(value: str, upper: bool) -> str:
    """``2020`` -> ``2020-01-01`` (or ``2020-12-31`` as an upper bound), ``2020-05`` likewise."""
    v = value.strip()
    if len(v) == 4:
        return v + ("-12-31" if upper else "-01-01")
    if len(v) == 7:
        return v + ("-31" if upper else "-01")
    return v[:10]


def parse_query(q: str, **filters: list[str] | str | int | None) -> Query:
    """Parse ``q``; keyword ``filters`` (as from command-line options) add to it."""
    out = Query()
    words: list[str] = []
    try:
        parts = shlex.split(q)
    except ValueError:
        parts = q.split()
    for part in parts:
        name, sep, value = part.partition(":")
        attr = FIELDS.get(name.lower()) if sep else None
        if attr is None or not value:
            words.append(part)
            continue
        _set(out, attr, value)
    for attr, fvalue in filters.items():
        if fvalue is None or fvalue == [] or fvalue == "":
            continue
        if attr == "limit":
            out.limit = int(str(fvalue))
            continue
        for v in fvalue if isinstance(fvalue, list) else [fvalue]:
            _set(out, attr, str(v))
    out.text = " ".join(words)
    return out


def _set(q: Query, attr: str, value: str) -> None:
    if attr == "date_from":
        q.date_from = date_bound(value, upper=False)
    elif attr == "date_to":
        q.date_to = date_bound(value, upper=True)
    else:
        getattr(q, attr).extend(v for v in value.split(",") if v)
