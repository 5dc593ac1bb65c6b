"""The export writers (see :mod:`jaanch.export`)."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.labels import label
from jaanch.privacy import redact_text
from jaanch.store.models import ARTICLE_META, ArticleRow, Entity, IncidentRow, Link, Mention

FORMATS = ("jsonl", "csv", "ftm", "gexf")

CSV_COLUMNS = [
    "event_id",
    "event_date",
    "time_precision",
    "year",
    "crime_types",
    "crime_labels",
    "crime_labels_hi",
    "actions",
    "action_labels",
    "action_labels_hi",
    "country",
    "admin1",
    "admin2",
    "lgd_district",
    "location",
    "accused",
    "accused_ids",
    "victims_count",
    "officials",
    "source",
    "source_url",
    "article_id",
    "published",
    "notes",
]
PRECISION = {"day": 1, "month": 2, "year": 3}


class _KB:
    """What the writers read, loaded once; names of protected people are swapped out."""

    def __init__(
        self, engine: Engine, include_protected: bool, article_ids: Iterable[int] | None = None
    ) -> None:
        self.include_protected = include_protected
        only = None if article_ids is None else sorted(set(article_ids))
        with Session(engine) as s:
            q_m = select(Mention, Link.entity_id).join(Link, Link.mention_id == Mention.id)
            q_a = select(*ARTICLE_META, ArticleRow.hash, ArticleRow.extraction).order_by(
                ArticleRow.id
            )
            q_i = select(IncidentRow).order_by(IncidentRow.id)
            if only is not None:
                q_m = q_m.where(Mention.article_id.in_(only))
                q_a = q_a.where(ArticleRow.id.in_(only))
                q_i = q_i.where(IncidentRow.article_id.in_(only))
            self.mentions = list(s.execute(q_m).all())
            wanted = {eid for _, eid in self.mentions}
            self.entities = {
                e.id: e
                for e in s.execute(select(Entity)).scalars()
                if only is None or e.id in wanted
            }
            self.articles = list(s.execute(q_a).all())
            self.incidents = list(s.execute(q_i).scalars())
        self.by_name: dict[tuple[int, str], str] = {}
        self.by_article: dict[int, list[tuple[Mention, str]]] = defaultdict(list)
        self.hidden: dict[int, dict[str, str]] = defaultdict(dict)
        for m, eid in self.mentions:
            self.by_name[(m.article_id, m.name)] = eid
            for al in m.aliases or []:
                self.by_name.setdefault((m.article_id, al), eid)
            self.by_article[m.article_id].append((m, eid))
            e = self.entities[eid]
            if e.protected and not include_protected:
                for n in [m.name, *(m.aliases or [])]:
                    self.hidden[m.article_id][n] = e.pseudonym or eid

    def name(self, eid: str) -> str:
        e = self.entities[eid]
        if e.protected and not self.include_protected:
            return e.pseudonym or eid
        return e.name

    def aliases(self, eid: str) -> list[str]:
        e = self.entities[eid]
        if e.protected and not self.include_protected:
            return []
        return list(e.aliases or [])

    def red(self, article_id: int, s: str | None) -> str | None:
        return redact_text(s, self.hidden.get(article_id, {}))


def export(
    engine: Engine,
    fmt: str,
    out: TextIO,
    *,
    include_protected: bool = False,
    article_ids: Iterable[int] | None = None,
) -> int:
    """Write the store (or only the articles ``article_ids``, with what they name) in
    ``fmt`` to ``out``; the number of records (rows, entities, nodes)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    kb = _KB(engine, include_protected, article_ids)
    if fmt == "jsonl":
        return _jsonl(kb, out)
    if fmt == "csv":
        return _csv(kb, out)
    if fmt == "ftm":
        n = 0
        for ent in ftm_entities(kb):
            out.write(json.dumps(ent, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
        return n
    return _gexf(kb, out)


# ---------------------------------------------------------------- jsonl


def _jsonl(kb: _KB, out: TextIO) -> int:
    n = 0
    for a in kb.articles:
        rec = json.loads(kb.red(a.id, json.dumps(a.extraction, ensure_ascii=False)) or "{}")
        links = {}
        for m, eid in kb.by_article.get(a.id, []):
            links[kb.red(a.id, m.name) or m.name] = eid
        rec["kb"] = {"article": a.id, "hash": a.hash, "entities": links}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


# ---------------------------------------------------------------- csv


def incident_rows(kb: _KB) -> Iterator[dict[str, Any]]:
    arts = {a.id: a for a in kb.articles}
    for inc in kb.incidents:
        a = arts.get(inc.article_id)
        ms = {m.name: (m, eid) for m, eid in kb.by_article.get(inc.article_id, [])}
        accused, accused_ids, officials = [], [], []
        victims = 0
        for p in inc.people or []:
            m_e = ms.get(p)
            if m_e is None:
                continue
            m, eid = m_e
            roles = set(m.roles or [])
            if "accused" in roles:
                accused.append(kb.name(eid))
                accused_ids.append(eid)
            if "victim" in roles:
                victims += 1
            if "official" in roles:
                d = f" ({label('designation', m.designation)})" if m.designation else ""
                officials.append(kb.name(eid) + d)
        yield {
            "event_id": f"JAANCH-{inc.article_id}-{inc.id}",
            "event_date": inc.date or (a.published if a else None) or "",
            "time_precision": PRECISION.get(inc.date_precision or "", 3 if not inc.date else ""),
            "year": (inc.date or (a.published if a else "") or "")[:4],
            "crime_types": ";".join(inc.crimes or []),
            "crime_labels": ";".join(label("crime", c) for c in inc.crimes or []),
            "crime_labels_hi": ";".join(label("crime", c, "hi") for c in inc.crimes or []),
            "actions": ";".join(inc.actions or []),
            "action_labels": ";".join(label("action", c) for c in inc.actions or []),
            "action_labels_hi": ";".join(label("action", c, "hi") for c in inc.actions or []),
            "country": "India",
            "admin1": inc.state or "",
            "admin2": inc.district or "",
            "lgd_district": inc.lgd_district or "",
            "location": (inc.places or [""])[0],
            "accused": ";".join(accused),
            "accused_ids": ";".join(accused_ids),
            "victims_count": victims,
            "officials": ";".join(officials),
            "source": (a.source if a else "") or "",
            "source_url": (a.url if a else "") or "",
            "article_id": a.doc_id if a else "",
            "published": (a.published if a else "") or "",
            "notes": kb.red(inc.article_id, (inc.sentence or "")[:500]) or "",
        }


def _csv(kb: _KB, out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    w.writeheader()
    n = 0
    for row in incident_rows(kb):
        w.writerow(row)
        n += 1
    return n


# ---------------------------------------------------------------- FollowTheMoney


def ftm_entities(kb: _KB) -> Iterator[dict[str, Any]]:
    """FollowTheMoney entity dicts: Article, Person, Organization, Address, Event and the
    links Documentation (article mentions entity, with roles), Family, Associate,
    Membership, and UnknownLink (a person's role in an incident)."""
    from followthemoney import model

    def make(schema: str, *key: Any) -> Any:
        p = model.make_entity(schema)
        p.make_id("jaanch", schema, *[str(k) for k in key])
        return p

    ids: dict[str, str] = {}
    for eid, e in kb.entities.items():
        schema = {"PERSON": "Person", "ORG": "Organization", "PLACE": "Address"}[e.kind]
        p = make(schema, eid)
        name = kb.name(eid)
        if schema == "Address":
            p.add("full", name)
            p.add("city", name if e.district is None else None)
            p.add("region", e.district)
            p.add("state", e.state)
            p.add("country", "in")
        else:
            p.add("name", name)
            p.add("alias", kb.aliases(eid))
            p.add("country", "in")
            if e.kind == "PERSON" and e.designation:
                p.add("position", e.designation)
            if e.protected and not kb.include_protected:
                p.add("notes", "protected person: name withheld")
            else:
                p.add("notes", f"jaanch entity {eid}")
        ids[eid] = p.id
        yield p.to_dict()
    art_ids: dict[int, str] = {}
    for a in kb.articles:
        p = make("Article", a.hash)
        p.add("title", kb.red(a.id, a.title) or a.doc_id)
        p.add("publishedAt", a.published)
        p.add("sourceUrl", a.url)
        p.add("publisher", a.source)
        p.add("notes", f"jaanch article {a.doc_id} (sha256 {a.hash})")
        p.add("language", "hin")
        art_ids[a.id] = p.id
        yield p.to_dict()
        seen_link: set[str] = set()
        for m, eid in kb.by_article.get(a.id, []):
            if eid in seen_link:
                continue
            seen_link.add(eid)
            d = make("Documentation", a.hash, eid)
            d.add("document", p.id)
            d.add("entity", ids[eid])
            d.add("role", ", ".join(m.roles or []) or m.kind.lower())
            d.add("summary", kb.red(a.id, m.sentence))
            yield d.to_dict()
        rec = a.extraction or {}
        for r in rec.get("relations") or []:
            h = kb.by_name.get((a.id, r["head"]))
            t = kb.by_name.get((a.id, r["tail"]))
            if not h or not t or h == t:
                continue
            he, te = kb.entities[h], kb.entities[t]
            typ = r["type"]
            ev = (r.get("evidence") or [{}])[0].get("text")
            if (
                typ in ("spouse", "parent_of", "sibling", "relative")
                and he.kind == te.kind == "PERSON"
            ):
                link = make("Family", a.hash, typ, h, t)
                link.add("person", ids[h])
                link.add("relative", ids[t])
                link.add("relationship", {"parent_of": "parent"}.get(typ, typ))
            elif typ == "associate" and he.kind == te.kind == "PERSON":
                link = make("Associate", a.hash, h, t)
                link.add("person", ids[h])
                link.add("associate", ids[t])
                link.add("relationship", "criminal associate")
            elif typ == "member_of" and te.kind == "ORG":
                link = make("Membership", a.hash, h, t)
                link.add("member", ids[h])
                link.add("organization", ids[t])
            elif typ == "posted_at":
                link = make("UnknownLink", a.hash, typ, h, t)
                link.add("subject", ids[h])
                link.add("object", ids[t])
                link.add("role", "posted at")
            else:
                continue
            link.add("summary", kb.red(a.id, ev))
            link.add("proof", p.id)
            yield link.to_dict()
    arts = {a.id: a for a in kb.articles}
    for inc in kb.incidents:
        a = arts[inc.article_id]
        ev = make("Event", a.hash, inc.local_id)
        ev.add("name", ", ".join(inc.crimes or []) or ", ".join(inc.actions or []) or "incident")
        ev.add("date", inc.date)
        ev.add("keywords", list(inc.crimes or []) + list(inc.actions or []))
        ev.add("summary", kb.red(inc.article_id, (inc.sentence or "")[:1000]))
        ev.add("country", "in")
        ev.add("proof", art_ids[inc.article_id])
        people = []
        for name in inc.places or []:
            pid = kb.by_name.get((inc.article_id, name))
            if pid and kb.entities[pid].kind == "PLACE":
                ev.add("addressEntity", ids[pid])
        for name in inc.people or []:
            pid = kb.by_name.get((inc.article_id, name))
            if pid and kb.entities[pid].kind == "PERSON":
                ev.add("involved", ids[pid])
                people.append(pid)
        yield ev.to_dict()
        ms = {m.name: m for m, _e in kb.by_article.get(inc.article_id, [])}
        for pid in people:
            mm = next(
                (x for n, x in ms.items() if kb.by_name.get((inc.article_id, n)) == pid), None
            )
            link = make("UnknownLink", ev.id, pid)
            link.add("subject", ids[pid])
            link.add("object", ev.id)
            link.add("role", ", ".join((mm.roles if mm else None) or []) or "involved")
            link.add("proof", art_ids[inc.article_id])
            yield link.to_dict()


def _is_a(schema_name: str, other: Any) -> bool:
    from followthemoney import model

    schema = model.get(schema_name)
    return schema is not None and schema.is_a(other)


def validate_ftm(entities: Iterable[dict[str, Any]]) -> list[str]:
    """Problems with FollowTheMoney entity dicts (empty when all validate): known, concrete
    schemata, known properties with valid values, required properties present, and entity
    references that resolve to exported entities of a fitting schema."""
    from followthemoney import model

    errors: list[str] = []
    ents = list(entities)
    by_id = {e.get("id"): e for e in ents}
    for e in ents:
        eid = e.get("id")
        schema = model.get(e.get("schema", ""))
        if schema is None:
            errors.append(f"{eid}: unknown schema {e.get('schema')!r}")
            continue
        if schema.abstract:
            errors.append(f"{eid}: abstract schema {schema.name}")
        if not eid:
            errors.append(f"entity without id ({schema.name})")
        props = e.get("properties", {})
        for name, values in props.items():
            prop = schema.get(name)
            if prop is None:
                errors.append(f"{eid}: {schema.name} has no property {name!r}")
                continue
            for v in values:
                if prop.type.validate(v) is False:
                    errors.append(f"{eid}: invalid {name} value {v!r}")
                if prop.type.name == "entity":
                    target = by_id.get(v)
                    if target is None:
                        errors.append(f"{eid}: {name} refers to missing entity {v}")
                    elif prop.range is not None and not _is_a(target["schema"], prop.range):
                        errors.append(
                            f"{eid}: {name} refers to a {target['schema']}, not {prop.range.name}"
                        )
        for req in schema.required:
            if not props.get(req):
                errors.append(f"{eid}: {schema.name} lacks required {req}")
        try:
            schema.validate(e)  # type: ignore[arg-type]
        except Exception as ex:  # noqa: BLE001 - report every invalid entity
            errors.append(f"{eid}: {ex}")
    return errors


# ---------------------------------------------------------------- GEXF


def _gexf(kb: _KB, out: TextIO) -> int:
    """Entities as nodes (kind, district, articles); undirected edges join entities named
    in one incident (weight: incidents) and relations (type; source = the relation's head)."""
    edges: dict[tuple[str, str, str], int] = defaultdict(int)
    for inc in kb.incidents:
        members = sorted(
            {
                kb.by_name[(inc.article_id, n)]
                for n in (inc.people or []) + (inc.places or [])
                if (inc.article_id, n) in kb.by_name
            }
        )
        for i, ea in enumerate(members):
            for eb in members[i + 1 :]:
                edges[(ea, eb, "incident")] += 1
    for art in kb.articles:
        for r in (art.extraction or {}).get("relations") or []:
            h = kb.by_name.get((art.id, r["head"]))
            t = kb.by_name.get((art.id, r["tail"]))
            if h and t and h != t:
                edges[(h, t, r["type"])] += 1
    used = {x for k in edges for x in k[:2]} | {
        eid for eid, e in kb.entities.items() if e.kind == "PERSON"
    }
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<gexf xmlns="http://gexf.net/1.3" version="1.3">\n')
    out.write(
        "  <meta><creator>jaanch</creator><description>Jaanch knowledge base</description></meta>\n"
    )
    out.write('  <graph mode="static" defaultedgetype="undirected">\n')
    out.write('    <attributes class="node">\n')
    for i, (title, typ_) in enumerate(
        (
            ("kind", "string"),
            ("district", "string"),
            ("articles", "integer"),
            ("protected", "boolean"),
        )
    ):
        out.write(f'      <attribute id="{i}" title="{title}" type="{typ_}"/>\n')
    out.write('    </attributes>\n    <attributes class="edge">\n')
    out.write('      <attribute id="0" title="type" type="string"/>\n    </attributes>\n')
    out.write("    <nodes>\n")
    n = 0
    for eid in sorted(used):
        e = kb.entities[eid]
        out.write(
            f"      <node id={quoteattr(eid)} label={quoteattr(kb.name(eid))}><attvalues>"
            f'<attvalue for="0" value={quoteattr(e.kind.lower())}/>'
            f'<attvalue for="1" value={quoteattr(e.district or "")}/>'
            f'<attvalue for="2" value="{e.n_articles}"/>'
            f'<attvalue for="3" value="{"true" if e.protected else "false"}"/>'
            "</attvalues></node>\n"
        )
        n += 1
    out.write("    </nodes>\n    <edges>\n")
    for i, ((src, dst, typ), w) in enumerate(sorted(edges.items())):
        out.write(
            f'      <edge id="{i}" source={quoteattr(src)} target={quoteattr(dst)} weight="{w}">'
            f'<attvalues><attvalue for="0" value={quoteattr(typ)}/></attvalues></edge>\n'
        )
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return n
