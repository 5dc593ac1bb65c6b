"""What the web pages and the JSON API show, read from the knowledge base.

Every function here returns JSON-ready dicts and applies victim privacy itself: unless
``include_protected`` is set, a protected person's name (and aliases, and every evidence
text that names them) is replaced by the stable pseudonym in every string returned,
including article text, titles, evidence sentences and link explanations.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.orm import Session

from jaanch.labels import both, label
from jaanch.privacy import pseudonym, redact_text
from jaanch.store.models import (
    ARTICLE_META,
    ArticleRow,
    Entity,
    Fact,
    IncidentRow,
    Judgement,
    Link,
    Mention,
    NearDuplicate,
    WebResource,
)

#: fact kinds a reviewer can accept or reject (``district``/``state`` rows are derived)
REVIEWABLE = ("crime", "action", "law", "amount", "date", "case_count", "relation")
FACT_VERDICTS = ("accept", "reject")
#: judgement kind for fact verdicts (the resolver replays only ``merge`` and ``split``)
FACT_JUDGEMENT = "fact"
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class WebError(Exception):
    """A request the store cannot answer: ``status`` is the HTTP code to send."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# ---------------------------------------------------------------- privacy


def redact_obj(obj: Any, hidden: dict[str, str]) -> Any:
    """``obj`` (JSON-like) with every protected name in every string replaced."""
    if not hidden:
        return obj
    if isinstance(obj, str):
        return redact_text(obj, hidden)
    if isinstance(obj, list):
        return [redact_obj(x, hidden) for x in obj]
    if isinstance(obj, dict):
        return {k: redact_obj(v, hidden) for k, v in obj.items()}
    return obj


def hidden_names(
    conn: Session, article_ids: Iterable[int], include_protected: bool = False
) -> dict[int, dict[str, str]]:
    """Per article: protected name, alias or evidence text -> pseudonym."""
    ids = sorted(set(article_ids))
    out: dict[int, dict[str, str]] = defaultdict(dict)
    if include_protected or not ids:
        return out
    for chunk in _chunks(ids, 500):
        rows = conn.execute(
            select(
                Mention.article_id,
                Mention.uid,
                Mention.name,
                Mention.aliases,
                Mention.protected,
                Entity.protected,
                Entity.pseudonym,
                Entity.id,
            )
            .outerjoin(Link, Link.mention_id == Mention.id)
            .outerjoin(Entity, Entity.id == Link.entity_id)
            .where(
                Mention.article_id.in_(chunk),
                Mention.kind == "PERSON",
                (Mention.protected.is_(True)) | (Entity.protected.is_(True)),
            )
        ).all()
        for aid, uid, name, aliases, _mp, _ep, pseud, eid in rows:
            p = pseud or (pseudonym(eid) if eid else pseudonym(uid))
            for n in [name, *(aliases or [])]:
                if n:
                    out[aid][n] = p
    return out


def _person_pseudonym(ent: Entity | None, m: Mention) -> str:
    if ent is not None:
        return ent.pseudonym or pseudonym(ent.id)
    return pseudonym(m.uid)


# ---------------------------------------------------------------- facts and judgements


def fact_uid(article_hash: str, kind: str, code: str, value: dict[str, Any] | None) -> str:
    """A fact's stable id: the same after re-ingest and ``--reprocess`` (rows get new
    numeric ids then; this one depends only on the article and the fact's content)."""
    blob = json.dumps([kind, code, value or {}], sort_keys=True, ensure_ascii=False)
    return f"{article_hash[:16]}:F:{hashlib.sha1(blob.encode()).hexdigest()[:12]}"


def fact_verdicts(conn: Session, uids: list[str]) -> dict[str, dict[str, Any]]:
    """The latest reviewer verdict for each fact uid that has one."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(uids)), 500):
        rows = conn.execute(
            select(Judgement)
            .where(Judgement.kind == FACT_JUDGEMENT, Judgement.mention_a.in_(chunk))
            .order_by(Judgement.id)
        ).scalars()
        for j in rows:
            verdict = (j.mention_b or ["?"])[0]
            out[j.mention_a] = {
                "verdict": verdict,
                "judgement": j.id,
                "note": j.note,
                "reviewer": j.reviewer,
                "at": j.created_at.isoformat() if j.created_at else None,
            }
    return out


def _fact_label(kind: str, code: str, value: dict[str, Any]) -> str:
    v = value or {}
    if kind == "law":
        bits = [label("act", code)]
        if v.get("section"):
            bits.append(f"section {v['section']}")
        if v.get("bns"):
            bits.append("BNS " + ", ".join(map(str, v["bns"])))
        if v.get("ipc"):
            bits.append("IPC " + ", ".join(map(str, v["ipc"])))
        return " · ".join(bits)
    if kind == "amount":
        cur = v.get("currency") or ""
        approx = "≈ " if v.get("approx") else ""
        try:
            num = f"{float(code):,.0f}"
        except ValueError:
            num = code
        return f"{approx}{num} {cur}".strip()
    if kind == "case_count":
        where = f" in {v['place']}" if v.get("place") else ""
        return f"{code}: {v.get('count')} cases{where}"
    if kind == "relation":
        return f"{v.get('head')} —{label('relation', code).lower()}→ {v.get('tail')}"
    if kind in ("crime", "action"):
        return both(kind, code)
    return code


def _fact_dict(f: Fact, article_hash: str) -> dict[str, Any]:
    return {
        "id": f.id,
        "uid": fact_uid(article_hash, f.kind, f.code, f.value),
        "kind": f.kind,
        "code": f.code,
        "value": f.value or {},
        "label": _fact_label(f.kind, f.code, f.value or {}),
        "start": f.start,
        "end": f.end,
        "evidence": f.sentence,
    }


# ---------------------------------------------------------------- article page


@dataclass
class _Span:
    start: int
    end: int
    cls: str
    tips: list[str]
    href: str | None = None
    entity: str | None = None
    replace: str | None = None


def _valid(ev: dict[str, Any], n: int) -> bool:
    s, e = ev.get("start"), ev.get("end")
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n


def article_view(engine: Engine, article_id: int, *, include_protected: bool) -> dict[str, Any]:
    """One article: text split into highlighted segments, its facts with evidence, its
    people/places/organisations (linked to entities) and incidents, reviewer verdicts."""
    with Session(engine) as conn:
        a = conn.get(ArticleRow, article_id)
        if a is None:
            raise WebError(404, f"no article with id {article_id}")
        ments = conn.execute(
            select(Mention, Entity)
            .outerjoin(Link, Link.mention_id == Mention.id)
            .outerjoin(Entity, Entity.id == Link.entity_id)
            .where(Mention.article_id == article_id)
            .order_by(Mention.id)
        ).all()
        facts = list(
            conn.execute(
                select(Fact).where(Fact.article_id == article_id).order_by(Fact.id)
            ).scalars()
        )
        incidents = list(
            conn.execute(
                select(IncidentRow)
                .where(IncidentRow.article_id == article_id)
                .order_by(IncidentRow.id)
            ).scalars()
        )
        fdicts = [_fact_dict(f, a.hash) for f in facts if f.kind in REVIEWABLE]
        verdicts = fact_verdicts(conn, [f["uid"] for f in fdicts])
        rec: dict[str, Any] = a.extraction or {}
        body: str = a.text or ""
        title, published, doc_id = a.title, a.published, a.doc_id
        url = a.url if a.url and re.match(r"(?i)^https?://", a.url) else None
        meta: dict[str, Any] = {
            "source": a.source,
            "url": url,
            "author": a.author,
            "pipeline": a.pipeline,
            "hash": a.hash,
        }
        # copies are found among articles taken from the web only (jaanch.intake)
        meta.update(_copies(conn, article_id) if url else {"copy_of": None, "copies": []})

    hidden: dict[str, str] = {}
    people: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    orgs: list[dict[str, Any]] = []
    by_name: dict[tuple[str, str], Any] = {}
    for m, ent in ments:
        prot = bool(m.protected or (ent is not None and ent.protected))
        hide = prot and not include_protected
        shown = _person_pseudonym(ent, m) if hide else m.name
        if hide:
            for n in [m.name, *(m.aliases or [])]:
                if n:
                    hidden[n] = shown
        item: Any = {
            "mention": m.id,
            "uid": m.uid,
            "name": shown,
            "entity": ent.id if ent is not None else None,
            "entity_name": shown if hide else (ent.name if ent is not None else None),
            "n_articles": ent.n_articles if ent is not None else None,
            "protected": prot,
            "roles": list(m.roles or []),
            "aliases": [] if hide else list(m.aliases or []),
            "designation": m.designation,
            "age": None if hide else m.age,
            "district": m.district,
            "state": m.state,
            "lgd_district": m.lgd_district,
            "place_kind": m.place_kind,
            "residence": None if hide else (m.attrs or {}).get("residence"),
            "latin": None if hide else (m.attrs or {}).get("latin"),
            "start": m.start,
            "end": m.end,
            "evidence": m.sentence,
        }
        by_name[(m.kind, m.name)] = item
        {"PERSON": people, "PLACE": places, "ORG": orgs}.get(m.kind, []).append(item)
    # evidence texts of protected people (e.g. a first name alone) are hidden too
    for p in rec.get("people") or []:
        item = by_name.get(("PERSON", p.get("name", "")))
        if item is not None and item["protected"] and not include_protected:
            for ev in p.get("evidence") or []:
                t = ev.get("text")
                if t and len(t) > 1:
                    hidden.setdefault(t, item["name"])

    n = len(body)
    primary: list[_Span] = []
    for p in rec.get("people") or []:
        item = by_name.get(("PERSON", p.get("name", "")))
        for ev in p.get("evidence") or []:
            if not _valid(ev, n):
                continue
            tips = [f"person: {item['name'] if item else p.get('name')}"]
            if item:
                if item["roles"]:
                    tips.append("role: " + ", ".join(item["roles"]))
                if item["designation"]:
                    tips.append("designation: " + str(item["designation"]))
                if item["entity"]:
                    tips.append(f"entity {item['entity']} · {item['n_articles']} article(s)")
            prot = bool(item and item["protected"] and not include_protected)
            primary.append(
                _Span(
                    ev["start"],
                    ev["end"],
                    "person protected" if prot else "person",
                    tips,
                    href=f"/entities/{item['entity']}" if item and item["entity"] else None,
                    entity=item["entity"] if item else None,
                    replace=item["name"] if prot and item else None,
                )
            )
    for pl in rec.get("places") or []:
        item = by_name.get(("PLACE", pl.get("name", "")))
        for ev in pl.get("evidence") or []:
            if not _valid(ev, n):
                continue
            where = ", ".join(x for x in (pl.get("district"), pl.get("state")) if x)
            tips = [f"place ({pl.get('kind') or '?'}): {pl.get('name')}"]
            if where:
                tips.append(
                    where + (f" (LGD {pl['lgd_district']})" if pl.get("lgd_district") else "")
                )
            primary.append(
                _Span(
                    ev["start"],
                    ev["end"],
                    "place",
                    tips,
                    href=f"/entities/{item['entity']}" if item and item["entity"] else None,
                    entity=item["entity"] if item else None,
                )
            )
    for ent in rec.get("entities") or []:
        if ent.get("type") == "ORG" and _valid(ent, n):
            item = by_name.get(("ORG", ent.get("text", "")))
            primary.append(
                _Span(
                    ent["start"],
                    ent["end"],
                    "org",
                    [f"organisation: {ent.get('text')}"],
                    href=f"/entities/{item['entity']}" if item and item["entity"] else None,
                    entity=item["entity"] if item else None,
                )
            )
    secondary: list[_Span] = []
    evid = rec.get("evidence") or {}
    for kind, key in (("crime", "crimes"), ("action", "actions"), ("date", "dates")):
        for code, evs in (evid.get(key) or {}).items():
            for ev in evs or []:
                if _valid(ev, n):
                    secondary.append(_Span(ev["start"], ev["end"], kind, [f"{kind}: {code}"]))
    for law in rec.get("laws") or []:
        lab = _fact_label("law", law.get("act", ""), law)
        for ev in law.get("evidence") or []:
            if _valid(ev, n):
                secondary.append(_Span(ev["start"], ev["end"], "law", [f"law: {lab}"]))
    for am in rec.get("amounts") or []:
        for ev in am.get("evidence") or []:
            if _valid(ev, n):
                lab = _fact_label("amount", str(am.get("value")), am)
                secondary.append(_Span(ev["start"], ev["end"], "amount", [f"amount: {lab}"]))
    for cc in rec.get("case_counts") or []:
        for ev in cc.get("evidence") or []:
            if _valid(ev, n):
                lab = f"{cc.get('count')} cases against {cc.get('person')}"
                secondary.append(_Span(ev["start"], ev["end"], "count", [f"case count: {lab}"]))
    spans = _layout(primary, secondary)
    segments: list[dict[str, Any]] = []
    pos = 0
    for i, sp in enumerate(spans):
        if sp.start > pos:
            segments.append({"text": redact_text(body[pos : sp.start], hidden) or ""})
        shown = sp.replace if sp.replace else body[sp.start : sp.end]
        segments.append(
            {
                "text": redact_text(shown, hidden) if not sp.replace else shown,
                "sid": i,
                "cls": sp.cls,
                "tip": redact_text(" · ".join(sp.tips), hidden),
                "href": sp.href,
                "entity": sp.entity,
                "start": sp.start,
                "end": sp.end,
            }
        )
        pos = sp.end
    if pos < n:
        segments.append({"text": redact_text(body[pos:], hidden) or ""})

    def anchor(start: int | None) -> int | None:
        if start is None:
            return None
        for i, sp in enumerate(spans):
            if sp.start <= start < sp.end:
                return i
        return None

    for f in fdicts:
        f["anchor"] = anchor(f["start"])
        v = verdicts.get(f["uid"])
        f["verdict"] = v["verdict"] if v else None
    for item in people + places + orgs:
        item["anchor"] = anchor(item["start"])
    inc_out = [
        {
            "id": inc.id,
            "local_id": inc.local_id,
            "date": inc.date,
            "date_precision": inc.date_precision,
            "crimes": list(inc.crimes or []),
            "actions": list(inc.actions or []),
            "people": list(inc.people or []),
            "places": list(inc.places or []),
            "district": inc.district,
            "state": inc.state,
            "lgd_district": inc.lgd_district,
        }
        for inc in incidents
    ]
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in fdicts:
        grouped[f["kind"]].append(f)
    out = {
        "id": article_id,
        "doc_id": doc_id,
        "title": title,
        "display_title": display_title(title, body, doc_id),
        "published": published,
        **meta,
        "text": "".join(s["text"] for s in segments),
        "segments": segments,
        "people": people,
        "places": places,
        "organisations": orgs,
        "facts": fdicts,
        "facts_by_kind": dict(grouped),
        "incidents": inc_out,
        "crimes": list(rec.get("crimes") or []),
        "actions": list(rec.get("actions") or []),
        "redacted": bool(hidden),
    }
    # names elsewhere (relations, incidents, evidence sentences, title) are redacted too;
    # segments and people were built with pseudonyms already
    for key in (
        "title",
        "display_title",
        "facts",
        "facts_by_kind",
        "incidents",
        "people",
        "places",
        "organisations",
    ):
        out[key] = redact_obj(out[key], hidden)
    return out


def _layout(primary: list[_Span], secondary: list[_Span]) -> list[_Span]:
    """Non-overlapping spans, people/places/organisations first; identical ranges merge."""
    chosen: list[_Span] = []
    same: dict[tuple[int, int], _Span] = {}

    def place(sp: _Span) -> None:
        key = (sp.start, sp.end)
        if key in same:
            old = same[key]
            for t in sp.tips:
                if t not in old.tips:
                    old.tips.append(t)
            return
        if any(sp.start < c.end and c.start < sp.end for c in chosen):
            return
        chosen.append(sp)
        same[key] = sp

    for group in (primary, secondary):
        for sp in sorted(group, key=lambda s: (s.start, -(s.end - s.start))):
            place(sp)
    chosen.sort(key=lambda s: s.start)
    return chosen


def article_extraction(
    engine: Engine, article_id: int, *, include_protected: bool
) -> dict[str, Any]:
    """The stored extraction record, protected names replaced unless asked otherwise."""
    with Session(engine) as conn:
        a = conn.get(ArticleRow, article_id)
        if a is None:
            raise WebError(404, f"no article with id {article_id}")
        rec = a.extraction or {}
        hidden = hidden_names(conn, [article_id], include_protected).get(article_id, {})
        for p in rec.get("people") or []:
            if (p.get("name") in hidden) and not include_protected:
                for ev in p.get("evidence") or []:
                    t = ev.get("text")
                    if t and len(t) > 1:
                        hidden.setdefault(t, hidden[p["name"]])
    return {
        "article": article_id,
        "redacted": bool(hidden),
        "note": "offsets refer to the stored article text; names of protected people are "
        "replaced by pseudonyms in every string",
        "record": redact_obj(rec, hidden),
    }


def display_title(title: str | None, body: str | None, doc_id: str) -> str:
    """The title, else the first line of the text (shortened), else the document id."""
    if title and title.strip():
        return title.strip()
    first = next((ln.strip() for ln in (body or "").splitlines() if ln.strip()), "")
    if not first:
        return f"article {doc_id}"
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + " …"


def add_display_titles(
    engine: Engine, hits: list[dict[str, Any]], *, include_protected: bool
) -> None:
    """Set ``display_title`` on search hits (the title, else the text's first line)."""
    need = [h["id"] for h in hits if not h.get("title")]
    heads: dict[int, str] = {}
    hidden: dict[int, dict[str, str]] = {}
    if need:
        with Session(engine) as conn:
            heads = {
                int(i): str(t)
                for i, t in conn.execute(
                    select(ArticleRow.id, func.substr(ArticleRow.text, 1, 240)).where(
                        ArticleRow.id.in_(need)
                    )
                ).all()
            }
            hidden = hidden_names(conn, need, include_protected)
    for h in hits:
        if h.get("title"):
            h["display_title"] = h["title"]
        else:
            t = display_title(None, heads.get(h["id"]), h["doc_id"])
            h["display_title"] = redact_text(t, hidden.get(h["id"], {})) or t


def list_articles(
    engine: Engine, *, limit: int, offset: int, include_protected: bool
) -> dict[str, Any]:
    with Session(engine) as conn:
        total = conn.execute(select(func.count()).select_from(ArticleRow)).scalar() or 0
        rows = conn.execute(
            select(
                ArticleRow.id,
                ArticleRow.doc_id,
                ArticleRow.title,
                ArticleRow.published,
                ArticleRow.source,
                func.substr(ArticleRow.text, 1, 240).label("head"),
            )
            .order_by(ArticleRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        hidden = hidden_names(conn, [r.id for r in rows], include_protected)
    items = [
        {
            "id": r.id,
            "doc_id": r.doc_id,
            "title": redact_text(r.title, hidden.get(r.id, {})),
            "published": r.published,
            "source": r.source,
            "snippet": redact_text(r.head, hidden.get(r.id, {})),
            "display_title": redact_text(
                display_title(r.title, r.head, r.doc_id), hidden.get(r.id, {})
            ),
        }
        for r in rows
    ]
    return {"total": int(total), "limit": limit, "offset": offset, "articles": items}


# ---------------------------------------------------------------- overview


def overview(engine: Engine, *, include_protected: bool) -> dict[str, Any]:
    """Counts, incidents per month, incidents by district, crimes, latest articles."""
    with Session(engine) as conn:

        def count(model: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(model)).scalar() or 0)

        by_kind = dict(conn.execute(select(Entity.kind, func.count()).group_by(Entity.kind)).all())
        month = func.substr(func.coalesce(IncidentRow.date, ArticleRow.published), 1, 7)
        months = conn.execute(
            select(month.label("m"), func.count())
            .select_from(IncidentRow)
            .join(ArticleRow, ArticleRow.id == IncidentRow.article_id)
            .where(func.length(func.coalesce(IncidentRow.date, ArticleRow.published)) >= 7)
            .group_by(month)
            .order_by(month)
        ).all()
        districts = conn.execute(
            select(
                IncidentRow.district,
                IncidentRow.state,
                IncidentRow.lgd_district,
                func.count().label("n"),
            )
            .where(IncidentRow.district.is_not(None))
            .group_by(IncidentRow.district, IncidentRow.state, IncidentRow.lgd_district)
            .order_by(func.count().desc(), IncidentRow.district)
            .limit(25)
        ).all()
        crimes = conn.execute(
            select(Fact.code, func.count())
            .where(Fact.kind == "crime")
            .group_by(Fact.code)
            .order_by(func.count().desc(), Fact.code)
            .limit(20)
        ).all()
        counts = {
            "articles": count(ArticleRow),
            "mentions": count(Mention),
            "entities": count(Entity),
            "entities_by_kind": {str(k): int(v) for k, v in sorted(by_kind.items())},
            "incidents": count(IncidentRow),
            "judgements": count(Judgement),
        }
    latest = list_articles(engine, limit=10, offset=0, include_protected=include_protected)
    series = time_axis({str(m): int(c) for m, c in months if m and DATE_RE.match(str(m))})
    return {
        "counts": counts,
        "by_month": series,
        "by_district": [
            {"district": d, "state": s, "lgd_district": lgd, "incidents": int(c)}
            for d, s, lgd, c in districts
        ],
        "by_crime": [{"crime": c, "articles": int(n)} for c, n in crimes],
        "latest": latest["articles"],
    }


#: a span longer than this (months) is drawn by year
MAX_MONTHS = 60


def time_axis(by_month: dict[str, int]) -> list[dict[str, Any]]:
    """Every month from the first to the last (empty months as 0), or every year when the
    span is longer than :data:`MAX_MONTHS`: a real time axis, not one bar per month seen."""
    if not by_month:
        return []

    def index(m: str) -> int:
        return int(m[:4]) * 12 + int(m[5:7]) - 1

    lo, hi = min(map(index, by_month)), max(map(index, by_month))
    if hi - lo + 1 <= MAX_MONTHS:
        return [
            {
                "month": f"{i // 12:04d}-{i % 12 + 1:02d}",
                "incidents": by_month.get(f"{i // 12:04d}-{i % 12 + 1:02d}", 0),
            }
            for i in range(lo, hi + 1)
        ]
    years: dict[int, int] = {}
    for m, n in by_month.items():
        years[int(m[:4])] = years.get(int(m[:4]), 0) + n
    return [{"month": str(y), "incidents": years.get(y, 0)} for y in range(lo // 12, hi // 12 + 1)]


def bar_chart(series: list[dict[str, Any]], width: int = 720, height: int = 180) -> dict[str, Any]:
    """Geometry of a bar chart of ``series`` (``month``, ``incidents``) for an inline SVG."""
    if not series:
        return {"bars": [], "width": width, "height": height, "max": 0, "ticks": []}
    top = max(s["incidents"] for s in series) or 1
    pad_l, pad_b, pad_t = 34, 26, 10
    inner_w, inner_h = width - pad_l - 6, height - pad_b - pad_t
    step = inner_w / len(series)
    bars = []
    for i, s in enumerate(series):
        h = inner_h * s["incidents"] / top
        bars.append(
            {
                "x": round(pad_l + i * step + step * 0.1, 1),
                "y": round(pad_t + inner_h - h, 1),
                "w": round(max(step * 0.8, 1.0), 1),
                "h": round(h, 1),
                "label": s["month"],
                "value": s["incidents"],
                "show_label": len(series) <= 12 or i % max(1, len(series) // 8) == 0,
                "lx": round(pad_l + i * step + step / 2, 1),
            }
        )
    values = sorted({0, top // 2, top}) if top >= 4 else list(range(top + 1))
    ticks = [{"y": round(pad_t + inner_h - inner_h * v / top, 1), "v": v} for v in values]
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "max": top,
        "ticks": ticks,
        "base": pad_t + inner_h,
        "left": pad_l,
    }


# ---------------------------------------------------------------- search facets


def facets(engine: Engine, article_ids: list[int]) -> dict[str, list[tuple[str, int]]]:
    """Crime, action and district counts over the given articles."""
    out: dict[str, list[tuple[str, int]]] = {"crime": [], "action": [], "district": []}
    if not article_ids:
        return out
    with Session(engine) as conn:
        rows = conn.execute(
            select(Fact.kind, Fact.code, func.count(func.distinct(Fact.article_id)))
            .where(
                Fact.article_id.in_(article_ids[:1000]),
                Fact.kind.in_(("crime", "action", "district")),
            )
            .group_by(Fact.kind, Fact.code)
        ).all()
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, code, n in rows:
        by[kind][code] = int(n)
    for kind in out:
        out[kind] = sorted(by[kind].items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    return out


def codes(engine: Engine, kind: str, limit: int = 80) -> list[str]:
    """Fact codes of ``kind`` present in the store (for the facet selects)."""
    with Session(engine) as conn:
        return [
            str(c)
            for c in conn.execute(
                select(Fact.code)
                .where(Fact.kind == kind)
                .group_by(Fact.code)
                .order_by(func.count().desc())
                .limit(limit)
            ).scalars()
        ]


# ---------------------------------------------------------------- entities


def entity_view(engine: Engine, entity_id: str, *, include_protected: bool) -> dict[str, Any]:
    """The profile (:func:`jaanch.search.profile.profile`) plus co-mentioned entities and,
    for places and organisations, the incidents they appear in; all redacted."""
    from jaanch.search.profile import NotFound, profile

    try:
        p = profile(engine, entity_id, include_protected=include_protected)
    except NotFound as e:
        raise WebError(404, f"no entity with id {entity_id}") from e
    with Session(engine) as conn:
        ments = conn.execute(
            select(Mention.article_id, Mention.name)
            .join(Link, Link.mention_id == Mention.id)
            .where(Link.entity_id == entity_id)
        ).all()
        aids = sorted({a for a, _n in ments})
        names = {n for _a, n in ments}
        hidden_by = hidden_names(conn, aids, include_protected)
        co = conn.execute(
            select(Link.entity_id, func.count(func.distinct(Mention.article_id)).label("n"))
            .join(Mention, Mention.id == Link.mention_id)
            .where(Mention.article_id.in_(aids[:2000]), Link.entity_id != entity_id)
            .group_by(Link.entity_id)
            .order_by(func.count(func.distinct(Mention.article_id)).desc(), Link.entity_id)
            .limit(40)
        ).all()
        co_ents = {
            e.id: e
            for e in conn.execute(
                select(Entity).where(Entity.id.in_([c for c, _n in co]))
            ).scalars()
        }
        place_incidents: list[dict[str, Any]] = []
        if p["kind"] in ("PLACE", "ORG"):
            incs = conn.execute(
                select(IncidentRow, ArticleRow.doc_id)
                .join(ArticleRow, ArticleRow.id == IncidentRow.article_id)
                .where(IncidentRow.article_id.in_(aids[:2000]))
                .order_by(IncidentRow.date, IncidentRow.id)
                .limit(200)
            ).all()
            for inc, doc in incs:
                if p["kind"] == "PLACE" and not names & set(inc.places or []):
                    continue
                place_incidents.append(
                    {
                        "article": doc,
                        "article_id": inc.article_id,
                        "incident": inc.local_id,
                        "date": inc.date,
                        "crimes": list(inc.crimes or []),
                        "actions": list(inc.actions or []),
                        "people": list(inc.people or []),
                        "district": inc.district,
                    }
                )
        doc_ids = dict(
            conn.execute(
                select(ArticleRow.doc_id, ArticleRow.id).where(ArticleRow.id.in_(aids[:2000]))
            ).all()
        )
    hidden: dict[str, str] = {}
    for h in hidden_by.values():
        hidden.update(h)
    co_out: list[dict[str, Any]] = []
    for cid, n in co:
        ce = co_ents.get(cid)
        if ce is None:
            continue
        hide = ce.protected and not include_protected
        co_out.append(
            {
                "id": cid,
                "kind": ce.kind,
                "name": (ce.pseudonym or pseudonym(cid)) if hide else ce.name,
                "articles": int(n),
                "protected": bool(ce.protected),
            }
        )
    p["co_mentioned"] = co_out
    p["place_incidents"] = place_incidents
    p["article_ids"] = doc_ids
    if not include_protected:
        keep = {"id", "kind", "protected"}
        p = {k: (v if k in keep else redact_obj(v, hidden)) for k, v in p.items()}
        if hidden and not p["protected"]:
            # never leak the real name of a protected person through this one's name
            p["name"] = redact_text(p["name"], hidden)
    return p


def list_entities(
    engine: Engine,
    *,
    kind: str | None,
    q: str | None,
    limit: int,
    offset: int,
    include_protected: bool,
) -> dict[str, Any]:
    kinds = {"person": "PERSON", "place": "PLACE", "org": "ORG", "organisation": "ORG"}
    k = kinds.get((kind or "").lower()) if kind else None
    if kind and k is None:
        raise WebError(400, f"unknown kind {kind!r}: one of person, place, org")
    with Session(engine) as conn:
        qy = select(Entity)
        cq = select(func.count()).select_from(Entity)
        if k:
            qy = qy.where(Entity.kind == k)
            cq = cq.where(Entity.kind == k)
        if q:
            from jaanch.search.engine import _match_entities
            from jaanch.text.keys import query_tokens

            ids = _match_entities(conn, query_tokens(q), [k] if k else [])
            qy = qy.where(Entity.id.in_(ids))
            cq = cq.where(Entity.id.in_(ids))
        total = int(conn.execute(cq).scalar() or 0)
        rows = list(
            conn.execute(
                qy.order_by(Entity.n_articles.desc(), Entity.id).limit(limit).offset(offset)
            ).scalars()
        )
    items = []
    for e in rows:
        hide = e.protected and not include_protected
        items.append(
            {
                "id": e.id,
                "kind": e.kind,
                "name": (e.pseudonym or pseudonym(e.id)) if hide else e.name,
                "latin": None if hide else e.latin,
                "aliases": [] if hide else list(e.aliases or []),
                "designation": e.designation,
                "district": e.district,
                "state": e.state,
                "n_articles": e.n_articles,
                "n_mentions": e.n_mentions,
                "protected": bool(e.protected),
            }
        )
    return {"total": total, "limit": limit, "offset": offset, "entities": items}


# ---------------------------------------------------------------- graph


def _entity_node(e: Entity, include_protected: bool) -> dict[str, Any]:
    hide = e.protected and not include_protected
    return {
        "id": e.id,
        "label": (e.pseudonym or pseudonym(e.id)) if hide else e.name,
        "kind": e.kind.lower(),
        "protected": bool(e.protected),
        "url": f"/entities/{e.id}",
        "articles": e.n_articles,
    }


def graph(engine: Engine, node: str, *, include_protected: bool, limit: int = 30) -> dict[str, Any]:
    """The neighbourhood of ``node`` (an entity id, or ``I<incident id>``): incidents
    joined to the people, places and organisations in them, for node-by-node expansion."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    with Session(engine) as conn:
        if node.startswith("I") and node[1:].isdigit():
            inc = conn.get(IncidentRow, int(node[1:]))
            if inc is None:
                raise WebError(404, f"no incident {node}")
            incs = [inc]
        else:
            ent = conn.get(Entity, node)
            if ent is None:
                raise WebError(404, f"no entity with id {node}")
            nodes[ent.id] = _entity_node(ent, include_protected)
            mine = conn.execute(
                select(Mention.article_id, Mention.name, Mention.aliases)
                .join(Link, Link.mention_id == Mention.id)
                .where(Link.entity_id == node)
            ).all()
            names_in: dict[int, set[str]] = defaultdict(set)
            for aid, name, aliases in mine:
                names_in[aid].update([name, *(aliases or [])])
            cand = list(
                conn.execute(
                    select(IncidentRow)
                    .where(IncidentRow.article_id.in_(sorted(names_in)[:2000]))
                    .order_by(IncidentRow.date.desc(), IncidentRow.id.desc())
                ).scalars()
            )
            incs = []
            for i in cand:
                here = names_in[i.article_id]
                if ent.kind == "ORG" or here & set((i.people or []) + (i.places or [])):
                    incs.append(i)
                if len(incs) >= limit:
                    break
        aids = sorted({i.article_id for i in incs})
        emap: dict[tuple[int, str], Entity] = {}
        if aids:
            for aid, name, e in conn.execute(
                select(Mention.article_id, Mention.name, Entity)
                .join(Link, Link.mention_id == Mention.id)
                .join(Entity, Entity.id == Link.entity_id)
                .where(Mention.article_id.in_(aids))
            ).all():
                emap[(aid, name)] = e
            roles = {
                (aid, name): list(r or [])
                for aid, name, r in conn.execute(
                    select(Mention.article_id, Mention.name, Mention.roles).where(
                        Mention.article_id.in_(aids), Mention.kind == "PERSON"
                    )
                ).all()
            }
            hidden = hidden_names(conn, aids, include_protected)
        else:
            roles, hidden = {}, defaultdict(dict)
    for i in incs:
        iid = f"I{i.id}"
        what = ", ".join(list(i.crimes or [])[:2]) or ", ".join(list(i.actions or [])[:2])
        nodes[iid] = {
            "id": iid,
            "label": f"{what or 'incident'}{' · ' + i.date if i.date else ''}",
            "kind": "incident",
            "protected": False,
            "url": f"/articles/{i.article_id}",
            "district": i.district,
        }
        for kind, names in (("person", i.people or []), ("place", i.places or [])):
            for nm in names:
                pe = emap.get((i.article_id, nm))
                if pe is None:
                    continue
                nodes.setdefault(pe.id, _entity_node(pe, include_protected))
                label = ", ".join(roles.get((i.article_id, nm), [])) if kind == "person" else ""
                edges[(pe.id, iid)] = {"source": pe.id, "target": iid, "label": label}
    out = {"node": node, "nodes": list(nodes.values()), "edges": list(edges.values())}
    if not include_protected:
        allh: dict[str, str] = {}
        for h in hidden.values():
            allh.update(h)
        out = redact_obj(out, allh)
    return out


# ---------------------------------------------------------------- incidents


def list_incidents(
    engine: Engine,
    *,
    district: str | None,
    crime: str | None,
    limit: int,
    offset: int,
    include_protected: bool,
) -> dict[str, Any]:
    with Session(engine) as conn:
        qy = select(IncidentRow, ArticleRow.doc_id).join(
            ArticleRow, ArticleRow.id == IncidentRow.article_id
        )
        if district:
            qy = qy.where(func.lower(IncidentRow.district) == district.lower())
        if crime:
            qy = qy.where(
                IncidentRow.article_id.in_(
                    select(Fact.article_id).where(Fact.kind == "crime", Fact.code == crime)
                )
            )
        rows = conn.execute(
            qy.order_by(IncidentRow.id.desc()).limit(limit + 1).offset(offset)
        ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        hidden = hidden_names(conn, [i.article_id for i, _d in rows], include_protected)
    items = [redact_obj(incident_dict(i, doc), hidden.get(i.article_id, {})) for i, doc in rows]
    return {"limit": limit, "offset": offset, "more": more, "incidents": items}


def incident_dict(i: IncidentRow, doc_id: str) -> dict[str, Any]:
    return {
        "id": i.id,
        "article": i.article_id,
        "doc_id": doc_id,
        "local_id": i.local_id,
        "date": i.date,
        "date_precision": i.date_precision,
        "crimes": list(i.crimes or []),
        "actions": list(i.actions or []),
        "people": list(i.people or []),
        "places": list(i.places or []),
        "district": i.district,
        "state": i.state,
        "lgd_district": i.lgd_district,
        "evidence": i.sentence,
    }


def get_incident(engine: Engine, incident_id: int, *, include_protected: bool) -> dict[str, Any]:
    with Session(engine) as conn:
        row = conn.execute(
            select(IncidentRow, ArticleRow.doc_id)
            .join(ArticleRow, ArticleRow.id == IncidentRow.article_id)
            .where(IncidentRow.id == incident_id)
        ).first()
        if row is None:
            raise WebError(404, f"no incident with id {incident_id}")
        inc, doc = row
        hidden = hidden_names(conn, [inc.article_id], include_protected)
    out: dict[str, Any] = redact_obj(incident_dict(inc, doc), hidden.get(inc.article_id, {}))
    return out


# ---------------------------------------------------------------- review


def review_facts(
    engine: Engine,
    *,
    article: int | None,
    kind: str | None,
    limit: int,
    offset: int,
    include_protected: bool,
) -> dict[str, Any]:
    """Facts to review (newest articles first), each with its current verdict."""
    if kind and kind not in REVIEWABLE:
        raise WebError(400, f"unknown fact kind {kind!r}: one of {', '.join(REVIEWABLE)}")
    with Session(engine) as conn:
        qy = (
            select(Fact, ArticleRow.hash, ArticleRow.doc_id)
            .join(ArticleRow, ArticleRow.id == Fact.article_id)
            .where(Fact.kind.in_([kind] if kind else list(REVIEWABLE)))
        )
        if article is not None:
            if conn.get(ArticleRow, article) is None:
                raise WebError(404, f"no article with id {article}")
            qy = qy.where(Fact.article_id == article)
        rows = conn.execute(
            qy.order_by(Fact.article_id.desc(), Fact.id).limit(limit).offset(offset)
        ).all()
        items = []
        for f, h, doc in rows:
            d = _fact_dict(f, h)
            d["article"] = f.article_id
            d["doc_id"] = doc
            items.append(d)
        verdicts = fact_verdicts(conn, [d["uid"] for d in items])
        hidden = hidden_names(conn, [d["article"] for d in items], include_protected)
    for d in items:
        v = verdicts.get(d["uid"])
        d["verdict"] = v["verdict"] if v else None
        d["judgement"] = v
    items = [redact_obj(d, hidden.get(d["article"], {})) for d in items]
    return {"limit": limit, "offset": offset, "facts": items}


def _uids_of(conn: Session, eid: str) -> list[str]:
    return list(
        conn.execute(
            select(Mention.uid)
            .join(Link, Link.mention_id == Mention.id)
            .where(Link.entity_id == eid)
            .order_by(Mention.article_id, Mention.uid)
        ).scalars()
    )


def merge_proposals(engine: Engine, *, limit: int, include_protected: bool) -> list[dict[str, Any]]:
    """Pairs of person entities sharing a multi-word name key that resolution kept apart
    (the link model's evidence fell short, or a veto such as different fathers) and no
    reviewer has judged yet."""
    with Session(engine) as conn:
        keys = list(
            conn.execute(
                text(
                    "SELECT m.key FROM mentions m JOIN links l ON l.mention_id = m.id "
                    "WHERE m.kind = 'PERSON' AND m.key LIKE '% %' GROUP BY m.key "
                    "HAVING count(DISTINCT l.entity_id) > 1 ORDER BY count(*) DESC, m.key "
                    "LIMIT :n"
                ),
                {"n": limit * 3},
            ).scalars()
        )
        if not keys:
            return []
        rows = conn.execute(
            select(Mention.key, Entity)
            .join(Link, Link.mention_id == Mention.id)
            .join(Entity, Entity.id == Link.entity_id)
            .where(Mention.kind == "PERSON", Mention.key.in_(keys))
            .distinct()
        ).all()
        judged: list[tuple[str, set[str]]] = [
            (j.mention_a, set(j.mention_b or []))
            for j in conn.execute(
                select(Judgement).where(Judgement.kind.in_(("merge", "split")))
            ).scalars()
        ]
        by_key: dict[str, list[Entity]] = defaultdict(list)
        for key, e in rows:
            if e.protected and not include_protected:
                continue
            if all(x.id != e.id for x in by_key[key]):
                by_key[key].append(e)
        out: list[dict[str, Any]] = []
        for key in keys:
            ents = sorted(by_key.get(key, []), key=lambda e: (-e.n_articles, e.id))
            if len(ents) < 2:
                continue
            a, b = ents[0], ents[1]
            ua, ub = set(_uids_of(conn, a.id)), set(_uids_of(conn, b.id))
            if any((ja in ua and jb & ub) or (ja in ub and jb & ua) for ja, jb in judged):
                continue
            out.append(
                {
                    "key": key,
                    "a": _entity_brief(a),
                    "b": _entity_brief(b),
                    "why_apart": "same name key, but the link model's comparisons (district, "
                    "co-mentions, relatives, designation, context, how common the name is) "
                    "fell short of a link, or one of them vetoed it",
                }
            )
            if len(out) >= limit:
                break
    return out


def _entity_brief(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "aliases": list(e.aliases or [])[:6],
        "designation": e.designation,
        "district": e.district,
        "state": e.state,
        "n_articles": e.n_articles,
    }


def record_fact_judgement(
    engine: Engine, fact: str, verdict: str, note: str | None, reviewer: str | None
) -> dict[str, Any]:
    """Store a verdict on a fact (by stable uid, or by its current numeric id)."""
    if verdict not in FACT_VERDICTS:
        raise WebError(400, f"verdict must be one of {', '.join(FACT_VERDICTS)}")
    with Session(engine) as conn:
        if fact.isdigit():
            row = conn.execute(
                select(Fact, ArticleRow.hash)
                .join(ArticleRow, ArticleRow.id == Fact.article_id)
                .where(Fact.id == int(fact))
            ).first()
            if row is None or row[0].kind not in REVIEWABLE:
                raise WebError(404, f"no reviewable fact with id {fact}")
            uid = fact_uid(row[1], row[0].kind, row[0].code, row[0].value)
        else:
            uid = fact
            prefix, _sep, _rest = fact.partition(":F:")
            if not _sep or len(prefix) != 16:
                raise WebError(400, f"malformed fact id {fact!r}")
            cand = conn.execute(
                select(Fact, ArticleRow.hash)
                .join(ArticleRow, ArticleRow.id == Fact.article_id)
                .where(ArticleRow.hash.like(prefix + "%"), Fact.kind.in_(REVIEWABLE))
            ).all()
            if not any(fact_uid(h, f.kind, f.code, f.value) == uid for f, h in cand):
                raise WebError(404, f"no fact {fact!r}")
    with engine.begin() as c:
        jid = c.execute(
            insert(Judgement)
            .values(
                kind=FACT_JUDGEMENT,
                mention_a=uid,
                mention_b=[verdict],
                note=note,
                reviewer=reviewer,
            )
            .returning(Judgement.id)
        ).scalar_one()
    return {"judgement": int(jid), "fact": uid, "verdict": verdict}


def reject_merge(
    engine: Engine, a: str, b: str, note: str | None, reviewer: str | None
) -> dict[str, Any]:
    """Record that entities ``a`` and ``b`` are different (a keep-apart judgement, applied
    on every re-resolution)."""
    with Session(engine) as conn:
        ua, ub = _uids_of(conn, a), _uids_of(conn, b)
    if not ua:
        raise WebError(404, f"no entity with id {a}")
    if not ub:
        raise WebError(404, f"no entity with id {b}")
    if set(ua) == set(ub):
        raise WebError(400, f"{a} and {b} are the same entity")
    with engine.begin() as c:
        jid = c.execute(
            insert(Judgement)
            .values(
                kind="split",
                mention_a=ua[0],
                mention_b=ub,
                note=note or "rejected merge proposal",
                reviewer=reviewer,
            )
            .returning(Judgement.id)
        ).scalar_one()
    return {"judgement": int(jid), "a": a, "b": b, "verdict": "reject"}


def list_judgements(engine: Engine, *, limit: int, offset: int) -> dict[str, Any]:
    with Session(engine) as conn:
        total = conn.execute(select(func.count()).select_from(Judgement)).scalar() or 0
        rows = conn.execute(
            select(Judgement).order_by(Judgement.id.desc()).limit(limit).offset(offset)
        ).scalars()
        items = [
            {
                "id": j.id,
                "kind": j.kind,
                "target": j.mention_a,
                "value": j.mention_b if j.kind == FACT_JUDGEMENT else len(j.mention_b or []),
                "note": j.note,
                "reviewer": j.reviewer,
                "at": j.created_at.isoformat() if j.created_at else None,
            }
            for j in rows
        ]
    return {"total": int(total), "limit": limit, "offset": offset, "judgements": items}


def _chunks(xs: list[Any], n: int) -> Iterable[list[Any]]:
    for i in range(0, len(xs), n):
        yield xs[i : i + n]


def _copies(conn: Session, article_id: int) -> dict[str, Any]:
    """The article this one copies (a syndicated copy or light edit), and its copies."""
    orig = conn.get(NearDuplicate, article_id)
    copies = conn.execute(
        select(NearDuplicate.article_id, NearDuplicate.similarity, ArticleRow.title)
        .join(ArticleRow, ArticleRow.id == NearDuplicate.article_id)
        .where(NearDuplicate.duplicate_of == article_id)
        .order_by(NearDuplicate.article_id)
    ).all()
    return {
        "copy_of": (
            {"id": orig.duplicate_of, "similarity": orig.similarity} if orig is not None else None
        ),
        "copies": [
            {"id": c.article_id, "similarity": c.similarity, "title": c.title} for c in copies
        ],
    }


def sources(engine: Engine, *, errors: int = 50) -> dict[str, Any]:
    """What web intake fetched: per feed its last fetch, pages, articles taken and errors;
    the pages asked for directly; the latest failed fetches."""
    with Session(engine) as conn:
        rows = list(conn.execute(select(WebResource)).scalars())
    pages_of: Counter[str] = Counter()
    failing_of: Counter[str] = Counter()
    for r in rows:
        if r.kind == "page" and r.feed:
            pages_of[r.feed] += 1
            if r.error:
                failing_of[r.feed] += 1

    def when(r: WebResource) -> str | None:
        return r.last_fetch.isoformat(sep=" ", timespec="seconds") if r.last_fetch else None

    feeds = [
        {
            "url": r.url,
            "last_fetch": when(r),
            "last_status": r.last_status,
            "error": r.error,
            "fetches": r.fetches,
            "pages": pages_of[r.url],
            "articles": r.articles,
            "errors": r.errors,
            "failing_pages": failing_of[r.url],
        }
        for r in sorted(rows, key=lambda r: r.url)
        if r.kind == "feed"
    ]
    direct = [r for r in rows if r.kind == "page" and not r.feed]
    failed = sorted(
        (r for r in rows if r.error),
        key=lambda r: (r.last_fetch is not None, r.last_fetch, r.url),
        reverse=True,
    )
    return {
        "feeds": feeds,
        "pages": {
            "direct": len(direct),
            "stored": sum(1 for r in rows if r.kind == "page" and r.article_hash),
            "failing": sum(1 for r in rows if r.kind == "page" and r.error),
        },
        "errors": [
            {
                "url": r.url,
                "feed": r.feed,
                "kind": r.kind,
                "last_fetch": when(r),
                "status": r.last_status,
                "error": r.error,
            }
            for r in failed[:errors]
        ],
    }


SEARCH_CSV_COLUMNS = [
    "rank",
    "article_id",
    "doc_id",
    "title",
    "published",
    "source",
    "url",
    "crimes",
    "crime_labels",
    "actions",
    "action_labels",
    "districts",
    "people",
    "matched_by",
    "snippet",
]


def search_csv(engine: Engine, hits: list[dict[str, Any]], *, include_protected: bool) -> str:
    """One CSV row per article a search found, in its order: metadata, crimes and actions
    (codes and labels), districts, the people named (pseudonyms for protected people)."""
    import csv
    import io

    ids = [int(h["id"]) for h in hits]
    with Session(engine) as s:
        arts = {a.id: a for a in s.execute(select(*ARTICLE_META).where(ArticleRow.id.in_(ids)))}
        facts: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for f in s.execute(
            select(Fact.article_id, Fact.kind, Fact.code).where(
                Fact.article_id.in_(ids), Fact.kind.in_(("crime", "action", "district"))
            )
        ):
            if f.code not in facts[f.article_id][f.kind]:
                facts[f.article_id][f.kind].append(f.code)
        people: dict[int, list[str]] = defaultdict(list)
        for m, e in s.execute(
            select(Mention, Entity)
            .outerjoin(Link, Link.mention_id == Mention.id)
            .outerjoin(Entity, Entity.id == Link.entity_id)
            .where(Mention.article_id.in_(ids), Mention.kind == "PERSON")
            .order_by(Mention.id)
        ).all():
            prot = bool(m.protected or (e is not None and e.protected))
            shown = _person_pseudonym(e, m) if prot and not include_protected else m.name
            if shown not in people[m.article_id]:
                people[m.article_id].append(shown)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=SEARCH_CSV_COLUMNS)
    w.writeheader()
    for rank, h in enumerate(hits, 1):
        a = arts.get(int(h["id"]))
        fk = facts.get(int(h["id"]), {})
        w.writerow(
            {
                "rank": rank,
                "article_id": h["id"],
                "doc_id": h["doc_id"],
                "title": h.get("title") or "",
                "published": h.get("published") or "",
                "source": (a.source if a else "") or "",
                "url": (a.url if a else "") or "",
                "crimes": ";".join(fk.get("crime", [])),
                "crime_labels": ";".join(label("crime", c) for c in fk.get("crime", [])),
                "actions": ";".join(fk.get("action", [])),
                "action_labels": ";".join(label("action", c) for c in fk.get("action", [])),
                "districts": ";".join(fk.get("district", [])),
                "people": ";".join(people.get(int(h["id"]), [])),
                "matched_by": h.get("via") or "",
                "snippet": h.get("snippet") or "",
            }
        )
    return buf.getvalue()
