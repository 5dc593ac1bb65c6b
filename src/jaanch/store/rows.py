"""Turn one ``jaanch.extraction/1`` record into store rows (run in the worker processes).

Every stored fact keeps its evidence: the span offsets and the whole sentence it is in.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from typing import Any

from jaanch.privacy import is_protected
from jaanch.text.keys import latin_key, name_key, text_keys

_BOUNDARY = re.compile(r"[।!?\n]|\.(?=\s)")


def content_hash(text: str) -> str:
    """The article key: SHA-256 of the NFC text with whitespace collapsed."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def pipeline_tag(versions: dict[str, str]) -> str:
    """A short tag for the extractor's recogniser versions (changes when they change)."""
    from jaanch import __version__

    blob = json.dumps({"jaanch": __version__, **versions}, sort_keys=True)
    return hashlib.sha1(blob.encode()).hexdigest()[:12]


def sentence_at(text: str, start: int | None, end: int | None) -> str | None:
    """The sentence of ``text`` that holds ``[start, end)``."""
    if start is None or end is None or start < 0 or end > len(text):
        return None
    left = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        left = m.end()
    m2 = _BOUNDARY.search(text, end)
    right = m2.end() if m2 else len(text)
    s = text[left:right].strip()
    if len(s) > 600:
        a = max(start - 250, left)
        s = text[a : min(end + 250, right)].strip()
    return s


def _ev(items: list[dict[str, Any]] | None) -> tuple[int | None, int | None]:
    if not items:
        return None, None
    return items[0].get("start"), items[0].get("end")


def build_rows(article_hash: str, text: str, rec: dict[str, Any]) -> dict[str, Any]:
    """Mentions, facts, incidents and the full-text body of one extraction record."""
    crimes: list[str] = list(rec.get("crimes") or [])
    ev = rec.get("evidence") or {}
    places: list[dict[str, Any]] = rec.get("places") or []
    relations: list[dict[str, Any]] = rec.get("relations") or []
    by_place = {p["name"]: p for p in places}
    districts = Counter(
        (p.get("district"), p.get("state"), p.get("lgd_district"), p.get("lgd_state"))
        for p in places
        if p.get("district")
    )
    main_district = districts.most_common(1)[0][0] if districts else None
    states = Counter(p.get("state") for p in places if p.get("state"))
    main_state = states.most_common(1)[0][0] if states else None

    mentions: list[dict[str, Any]] = []
    seen_uids: set[str] = set()

    def uid_for(kind: str, key: str) -> str:
        base = f"{article_hash[:16]}:{kind[0]}:{hashlib.sha1(key.encode()).hexdigest()[:10]}"
        uid, n = base, 1
        while uid in seen_uids:
            n += 1
            uid = f"{base}~{n}"
        seen_uids.add(uid)
        return uid

    def sent(evs: list[dict[str, Any]] | None) -> tuple[int | None, int | None, str | None]:
        s, e = _ev(evs)
        return s, e, sentence_at(text, s, e)

    for p in rec.get("people") or []:
        name = p["name"]
        s, e, sentence = sent(p.get("evidence"))
        kin: dict[str, list[str]] = {}
        posted: list[str] = []
        for r in relations:
            t, h, tl = str(r.get("type")), str(r.get("head")), str(r.get("tail"))
            if t == "parent_of" and tl == name:
                kin.setdefault("parent", []).append(h)
            elif t == "parent_of" and h == name:
                kin.setdefault("child", []).append(tl)
            elif t in ("spouse", "sibling", "relative") and name in (h, tl):
                kin.setdefault(t, []).append(tl if h == name else h)
            elif t == "associate" and name in (h, tl):
                kin.setdefault("associate", []).append(tl if h == name else h)
            elif t == "posted_at" and h == name:
                posted.append(tl)
            elif t == "alias" and h == name and tl not in (p.get("aliases") or []):
                p.setdefault("aliases", []).append(tl)
        place = None
        source = None
        if p.get("residence") and p["residence"] in by_place:
            place, source = by_place[p["residence"]], "residence"
        elif posted and posted[0] in by_place:
            place, source = by_place[posted[0]], "posting"
        dist = (
            (
                place.get("district"),
                place.get("state"),
                place.get("lgd_district"),
                place.get("lgd_state"),
            )
            if place and place.get("district")
            else main_district
        )
        if dist is not None and source is None:
            source = "article"
        key = name_key(name)
        mentions.append(
            {
                "uid": uid_for("PERSON", key),
                "kind": "PERSON",
                "name": name,
                "key": key[:255],
                "lkey": latin_key(name)[:255],
                "aliases": list(p.get("aliases") or []),
                "roles": list(p.get("roles") or []),
                "designation": p.get("designation"),
                "age": p.get("age"),
                "place_kind": None,
                "district": dist[0] if dist else None,
                "state": dist[1] if dist else main_state,
                "lgd_district": dist[2] if dist else None,
                "lgd_state": dist[3] if dist else None,
                "start": s,
                "end": e,
                "sentence": sentence,
                "protected": is_protected(p.get("roles") or [], p.get("age"), crimes, sentence),
                "attrs": {
                    "latin": p.get("latin"),
                    "residence": p.get("residence"),
                    "posted_at": posted,
                    "kin": kin,
                    "district_source": source,
                },
            }
        )
    for pl in places:
        key = name_key(pl["name"])
        s, e, sentence = sent(pl.get("evidence"))
        mentions.append(
            {
                "uid": uid_for("PLACE", key),
                "kind": "PLACE",
                "name": pl["name"],
                "key": key[:255],
                "lkey": latin_key(pl["name"])[:255],
                "aliases": [],
                "roles": [],
                "designation": None,
                "age": None,
                "place_kind": pl.get("kind"),
                "district": pl.get("district"),
                "state": pl.get("state"),
                "lgd_district": pl.get("lgd_district"),
                "lgd_state": pl.get("lgd_state"),
                "start": s,
                "end": e,
                "sentence": sentence,
                "protected": False,
                "attrs": {"country": pl.get("country")},
            }
        )
    orgs: dict[str, dict[str, Any]] = {}
    for ent in rec.get("entities") or []:
        if ent.get("type") == "ORG" and ent["text"] not in orgs:
            orgs[ent["text"]] = ent
    for oname, ent in orgs.items():
        key = name_key(oname)
        if not key:
            continue
        mentions.append(
            {
                "uid": uid_for("ORG", key),
                "kind": "ORG",
                "name": oname,
                "key": key[:255],
                "lkey": latin_key(oname)[:255],
                "aliases": [],
                "roles": [],
                "designation": None,
                "age": None,
                "place_kind": None,
                "district": main_district[0] if main_district else None,
                "state": main_state,
                "lgd_district": main_district[2] if main_district else None,
                "lgd_state": main_district[3] if main_district else None,
                "start": ent.get("start"),
                "end": ent.get("end"),
                "sentence": sentence_at(text, ent.get("start"), ent.get("end")),
                "protected": False,
                "attrs": {},
            }
        )

    facts: list[dict[str, Any]] = []

    def fact(kind: str, code: str, value: dict[str, Any], evs: list[dict[str, Any]] | None) -> None:
        s, e, sentence = sent(evs)
        facts.append(
            {
                "kind": kind,
                "code": str(code)[:255],
                "value": value,
                "start": s,
                "end": e,
                "sentence": sentence,
            }
        )

    for c in crimes:
        fact("crime", c, {}, (ev.get("crimes") or {}).get(c))
    for a in rec.get("actions") or []:
        fact("action", a, {}, (ev.get("actions") or {}).get(a))
    for d in rec.get("dates") or []:
        fact("date", d, {}, (ev.get("dates") or {}).get(d))
    for law in rec.get("laws") or []:
        fact(
            "law",
            law["act"],
            {k: law.get(k) for k in ("section", "bns", "ipc")},
            law.get("evidence"),
        )
    for m in rec.get("amounts") or []:
        fact(
            "amount",
            str(m["value"]),
            {k: m.get(k) for k in ("currency", "approx", "text")},
            m.get("evidence"),
        )
    for cc in rec.get("case_counts") or []:
        fact(
            "case_count",
            cc["person"],
            {"count": cc["count"], "place": cc.get("place")},
            cc.get("evidence"),
        )
    for r in relations:
        fact("relation", r["type"], {"head": r["head"], "tail": r["tail"]}, r.get("evidence"))
    for dname, dlgd in {
        (p.get("district"), p.get("lgd_district")) for p in places if p.get("district")
    }:
        facts.append(
            {
                "kind": "district",
                "code": dname,
                "value": {"lgd": dlgd},
                "start": None,
                "end": None,
                "sentence": None,
            }
        )
    for st in {p.get("state") for p in places if p.get("state")}:
        facts.append(
            {"kind": "state", "code": st, "value": {}, "start": None, "end": None, "sentence": None}
        )

    incidents: list[dict[str, Any]] = []
    for inc in rec.get("incidents") or []:
        dates = sorted(inc.get("dates") or [], key=lambda d: (-len(d), d))
        date = dates[0] if dates else None
        prec = {10: "day", 7: "month", 4: "year"}.get(len(date)) if date else None
        loc: dict[str, Any] | None = None
        for name in inc.get("places") or []:
            cand = by_place.get(name)
            if cand and cand.get("district"):
                loc = cand
                break
        s, e, sentence = sent(inc.get("evidence"))
        incidents.append(
            {
                "local_id": str(inc.get("id"))[:600],
                "date": date,
                "date_precision": prec,
                "crimes": list(inc.get("crimes") or []),
                "actions": list(inc.get("actions") or []),
                "people": list(inc.get("people") or []),
                "places": list(inc.get("places") or []),
                "district": (loc or {}).get("district")
                or (main_district[0] if main_district else None),
                "state": (loc or {}).get("state") or main_state,
                "lgd_district": (loc or {}).get("lgd_district")
                or (main_district[2] if main_district else None),
                "sentence": sentence,
            }
        )
    title = (rec.get("article") or {}).get("title") or ""
    return {
        "mentions": mentions,
        "facts": facts,
        "incidents": incidents,
        "body": text_keys(f"{title}\n{text}"),
    }
