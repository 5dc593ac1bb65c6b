"""Entity profiles for ``jaanch show``: names, roles per incident, cases, places,
co-accused, relatives, a dated timeline, and the evidence sentence of every fact."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.privacy import redact_text
from jaanch.store.models import (
    ARTICLE_META,
    ArticleRow,
    Entity,
    Fact,
    IncidentRow,
    Link,
    Mention,
)
from jaanch.text.keys import name_key, query_tokens


class NotFound(LookupError):
    """No entity matches."""


def find_entities(engine: Engine, ref: str) -> list[str]:
    """Entity ids for ``ref``: an id, or a name in either script (best first)."""
    with Session(engine) as conn:
        if conn.execute(select(Entity.id).where(Entity.id == ref)).scalar():
            return [ref]
        key = name_key(ref)
        exact = list(
            conn.execute(
                select(Link.entity_id, Entity.n_articles)
                .join(Mention, Mention.id == Link.mention_id)
                .join(Entity, Entity.id == Link.entity_id)
                .where(Mention.key == key[:255])
                .distinct()
            ).all()
        )
        if exact:
            exact.sort(key=lambda r: (-r[1], r[0]))
            return [r[0] for r in exact]
        from jaanch.search.engine import _match_entities

        toks = query_tokens(ref)
        return _match_entities(conn, toks, [], ref) if toks else []


def _mentions(conn: Session, eid: str) -> list[Any]:
    return list(
        conn.execute(
            select(Mention, Link.explanation, Link.method)
            .join(Link, Link.mention_id == Mention.id)
            .where(Link.entity_id == eid)
            .order_by(Mention.article_id)
        ).all()
    )


def _entity_map(conn: Session, article_ids: list[int]) -> dict[tuple[int, str], Entity]:
    """(article id, mention name) -> entity, for every mention in those articles."""
    rows = conn.execute(
        select(Mention.article_id, Mention.name, Entity)
        .join(Link, Link.mention_id == Mention.id)
        .join(Entity, Entity.id == Link.entity_id)
        .where(Mention.article_id.in_(article_ids))
    ).all()
    return {(aid, name): ent for aid, name, ent in rows}


def profile(engine: Engine, entity_id: str, *, include_protected: bool = False) -> dict[str, Any]:
    """Everything the store knows about one entity, as a JSON-ready dict."""
    with Session(engine) as conn:
        ent = conn.execute(select(Entity).where(Entity.id == entity_id)).scalar()
        if ent is None:
            raise NotFound(entity_id)
        rows = _mentions(conn, entity_id)
        aids = sorted({m.article_id for m, _x, _y in rows})
        arts = {a.id: a for a in conn.execute(select(*ARTICLE_META).where(ArticleRow.id.in_(aids)))}
        incidents = list(
            conn.execute(select(IncidentRow).where(IncidentRow.article_id.in_(aids))).scalars()
        )
        facts = list(
            conn.execute(
                select(Fact).where(
                    Fact.article_id.in_(aids),
                    Fact.kind.in_(("case_count", "law", "relation", "date")),
                )
            ).scalars()
        )
        emap = _entity_map(conn, aids)
    hide = ent.protected and not include_protected

    def show_name(aid: int, name: str) -> str:
        e = emap.get((aid, name))
        if e is not None and e.protected and not include_protected:
            return e.pseudonym or e.id
        return name

    hidden: dict[int, dict[str, str]] = defaultdict(dict)
    if not include_protected:
        for (aid, name), e in emap.items():
            if e.protected:
                hidden[aid][name] = e.pseudonym or e.id
                for al in e.aliases or []:
                    hidden[aid][al] = e.pseudonym or e.id

    def red(aid: int, s: str | None) -> str | None:
        return redact_text(s, hidden.get(aid, {}))

    names_in_article: dict[int, set[str]] = defaultdict(set)
    for m, _x, _y in rows:
        names_in_article[m.article_id].update([m.name, *(m.aliases or [])])
    out_mentions = []
    roles: Counter[str] = Counter()
    for m, expl, method in rows:
        roles.update(m.roles or [])
        a = arts.get(m.article_id)
        out_mentions.append(
            {
                "mention": m.id,
                "article": a.doc_id if a else m.article_id,
                "published": a.published if a else None,
                "name": show_name(m.article_id, m.name),
                "roles": list(m.roles or []),
                "designation": m.designation,
                "district": m.district,
                "evidence": red(m.article_id, m.sentence),
                "link": method,
                "why": red(m.article_id, expl) if hide else expl,
            }
        )
    role_by_article = {m.article_id: list(m.roles or []) for m, _x, _y in rows}
    inc_out: list[dict[str, Any]] = []
    co_accused: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for inc in incidents:
        mine = names_in_article[inc.article_id] & set(inc.people or [])
        if not mine:
            continue
        a = arts.get(inc.article_id)
        my_roles = role_by_article.get(inc.article_id, [])
        others = []
        for p in inc.people or []:
            if p in mine:
                continue
            others.append(show_name(inc.article_id, p))
        if "accused" in my_roles:
            # co-accused: others in the incident who are accused in that article
            for p in inc.people or []:
                if p in mine:
                    continue
                pe = emap.get((inc.article_id, p))
                mrow = next(
                    (m for m, _x, _y in rows if m.article_id == inc.article_id and m.name == p),
                    None,
                )
                if pe is not None and mrow is None and _is_accused(engine, inc.article_id, p):
                    co_accused[f"{show_name(inc.article_id, p)} ({pe.id})"] += 1
        places.update(inc.places or [])
        inc_out.append(
            {
                "article": a.doc_id if a else inc.article_id,
                "incident": inc.local_id,
                "date": inc.date,
                "date_precision": inc.date_precision,
                "roles": my_roles,
                "crimes": list(inc.crimes or []),
                "actions": list(inc.actions or []),
                "places": list(inc.places or []),
                "district": inc.district,
                "with": others,
                "evidence": red(inc.article_id, best_sentence(inc.sentence, mine)),
            }
        )
    cases = []
    laws = []
    relatives = []
    for f in facts:
        mine = names_in_article[f.article_id]
        a = arts.get(f.article_id)
        art = a.doc_id if a else f.article_id
        if f.kind == "case_count" and f.code in mine:
            cases.append(
                {
                    "article": art,
                    "count": (f.value or {}).get("count"),
                    "place": (f.value or {}).get("place"),
                    "evidence": red(f.article_id, f.sentence),
                }
            )
        elif f.kind == "relation" and f.code != "posted_at":
            head, tail = (f.value or {}).get("head"), (f.value or {}).get("tail")
            if head in mine or tail in mine:
                other = tail if head in mine else head
                direction = f.code if head in mine else f"{f.code} (reverse)"
                relatives.append(
                    {
                        "relation": direction,
                        "name": show_name(f.article_id, other or ""),
                        "article": art,
                        "evidence": red(f.article_id, f.sentence),
                    }
                )
        elif f.kind == "law" and any(i["article"] == art for i in inc_out):
            laws.append(
                {
                    "act": f.code,
                    **(f.value or {}),
                    "article": art,
                    "evidence": red(f.article_id, f.sentence),
                }
            )
    timeline = sorted(
        (
            {
                "date": i["date"],
                "article": i["article"],
                "what": ", ".join(list(i["crimes"]) + list(i["actions"])),
                "crimes": list(i["crimes"]),
                "actions": list(i["actions"]),
                "evidence": i["evidence"],
            }
            for i in inc_out
            if i["date"]
        ),
        key=lambda t: t["date"] or "",
    )
    for mo in out_mentions:
        if mo["published"] and not any(t["article"] == mo["article"] for t in timeline):
            timeline.append(
                {
                    "date": mo["published"],
                    "article": mo["article"],
                    "what": "reported (published)",
                    "crimes": [],
                    "actions": [],
                    "evidence": mo["evidence"],
                }
            )
    timeline.sort(key=lambda t: t["date"] or "")
    return {
        "id": ent.id,
        "kind": ent.kind,
        "name": (ent.pseudonym or ent.id) if hide else ent.name,
        "latin": None if hide else ent.latin,
        "aliases": [] if hide else list(ent.aliases or []),
        "protected": bool(ent.protected),
        "designation": ent.designation,
        "district": ent.district,
        "state": ent.state,
        "lgd_district": ent.lgd_district,
        "lgd_state": ent.lgd_state,
        "n_articles": ent.n_articles,
        "roles": dict(roles),
        "incidents": inc_out,
        "cases": cases,
        "laws": laws,
        "places": [p for p, _n in places.most_common()],
        "co_accused": [p for p, _n in co_accused.most_common()],
        "relatives": relatives,
        "timeline": timeline,
        "mentions": out_mentions,
    }


def best_sentence(region: str | None, names: set[str]) -> str | None:
    """The first sentence of an evidence region that names one of ``names``."""
    if not region:
        return region
    from jaanch.store.rows import _BOUNDARY

    parts, last = [], 0
    for m in _BOUNDARY.finditer(region):
        parts.append(region[last : m.end()].strip())
        last = m.end()
    parts.append(region[last:].strip())
    parts = [x for x in parts if x]
    for part in parts:
        if any(n and n in part for n in names):
            return part
    return parts[0] if parts else region


def _is_accused(engine: Engine, article_id: int, name: str) -> bool:
    with Session(engine) as conn:
        roles = conn.execute(
            select(Mention.roles).where(
                Mention.article_id == article_id, Mention.name == name, Mention.kind == "PERSON"
            )
        ).scalar()
    return "accused" in (roles or [])


def render_profile(p: dict[str, Any], console: Console) -> None:
    """Print a profile for people."""
    head = f"[bold]{p['name']}[/] [dim]{p['id']} · {p['kind'].lower()}[/]"
    if p.get("latin"):
        head += f"  ({p['latin']})"
    console.print(head)
    if p["protected"]:
        console.print("[yellow]protected person: name withheld (use --include-protected)[/]")
    if p["aliases"]:
        console.print("aka: " + ", ".join(p["aliases"]))
    bits = []
    if p.get("designation"):
        bits.append(f"designation {p['designation']}")
    if p.get("district"):
        bits.append(
            f"district {p['district']}, {p.get('state') or ''} (LGD {p.get('lgd_district')})"
        )
    elif p.get("state"):
        bits.append(f"state {p['state']} (LGD {p.get('lgd_state')})")
    bits.append(f"{p['n_articles']} article(s)")
    if p["roles"]:
        bits.append("roles " + ", ".join(f"{r}×{n}" for r, n in p["roles"].items()))
    console.print(" · ".join(bits))
    if p["incidents"]:
        t = Table(title="Incidents", show_lines=True)
        for col in ("date", "article", "roles", "crimes / actions", "places", "evidence"):
            t.add_column(col, overflow="fold")
        for i in p["incidents"]:
            t.add_row(
                i["date"] or "",
                str(i["article"]),
                ", ".join(i["roles"]),
                ", ".join(i["crimes"]) + (" / " if i["actions"] else "") + ", ".join(i["actions"]),
                ", ".join(i["places"]),
                i["evidence"] or "",
            )
        console.print(t)
    if p["cases"]:
        console.print("[bold]Cases[/]")
        for c in p["cases"]:
            where = f" in {c['place']}" if c.get("place") else ""
            console.print(f"  {c['count']} case(s){where} [{c['article']}] — {c['evidence']}")
    if p["laws"]:
        console.print("[bold]Laws[/]: " + ", ".join(sorted({law["act"] for law in p["laws"]})))
    if p["places"]:
        console.print("[bold]Places[/]: " + ", ".join(p["places"]))
    if p["co_accused"]:
        console.print("[bold]Co-accused[/]: " + ", ".join(p["co_accused"]))
    if p["relatives"]:
        console.print("[bold]Relatives and associates[/]")
        for r in p["relatives"]:
            console.print(f"  {r['relation']}: {r['name']} [{r['article']}] — {r['evidence']}")
    if p["timeline"]:
        console.print("[bold]Timeline[/]")
        for t2 in p["timeline"]:
            console.print(
                f"  {t2['date']}  {t2['what']} [{t2['article']}] — {t2['evidence'] or ''}"
            )
    console.print("[bold]Mentions[/]")
    for m in p["mentions"]:
        console.print(
            f"  #{m['mention']} [{m['article']}] {m['name']} ({', '.join(m['roles'])}) — {m['evidence']}"
            f"\n      [dim]linked: {m['why']}[/]"
        )
