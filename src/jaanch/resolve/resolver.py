"""Resolution: group stored mentions into entities, explain every link, obey reviewers.

People. Mentions are blocked by their name key and alias keys
(:func:`jaanch.resolve.keys.name_key`: nukta, chandrabindu/anusvara, vowel length and
final ``ा`` folded). Two mentions in one article with one key are one person. Across
articles a pair with equal keys is joined only with corroboration (:func:`decide_pair`):
the same district (LGD code), a co-mentioned person, a shared relative (``पुत्र``,
``पत्नी``, ...), the same designation, or an alias tie (``उर्फ``); and never when the two
are placed in different districts or have different fathers, or when the name is a single
word without both a district and a co-mention in common. Every link stores the reasons.

Places resolve to LGD codes: districts and states by their code, other places by name key
within their district. Organisations resolve by name key.

Reviewer judgements are stored by stable mention ids (article hash + kind + name key), so
they apply again after re-ingest, ``--reprocess`` or a rebuild: ``merge`` makes two
entities one, ``split`` takes a mention out of an entity and keeps it out.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from jaanch.privacy import pseudonym
from jaanch.resolve.keys import latin_key, name_key
from jaanch.store.models import Entity, Judgement, Link, Mention, NameToken

MAX_BLOCK = 400


@dataclass
class M:
    """A mention as resolution sees it."""

    id: int
    uid: str
    article_id: int
    kind: str
    name: str
    key: str
    aliases: list[str]
    roles: list[str]
    designation: str | None
    district: str | None
    state: str | None
    lgd_district: int | None
    lgd_state: int | None
    place_kind: str | None
    protected: bool
    attrs: dict[str, Any]
    district_source: str | None = None
    alias_keys: set[str] = field(default_factory=set)
    co: set[str] = field(default_factory=set)
    kin: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class ResolveReport:
    mentions: int = 0
    entities: int = 0
    auto_links: int = 0
    reviewer_links: int = 0
    refused: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


class _UF:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: list[set[int]] = [{i} for i in range(n)]
        self.forbid: list[set[int]] = [set() for _ in range(n)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, big = (ra, rb) if len(self.members[ra]) < len(self.members[rb]) else (rb, ra)
        return not (
            self.forbid[big] & self.members[small] or self.forbid[small] & self.members[big]
        )

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.can(a, b):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members[rb]
        self.forbid[ra] |= self.forbid[rb]
        self.members[rb] = set()
        self.forbid[rb] = set()
        return True


def _load(engine: Engine) -> list[M]:
    out: list[M] = []
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Mention.id,
                Mention.uid,
                Mention.article_id,
                Mention.kind,
                Mention.name,
                Mention.key,
                Mention.aliases,
                Mention.roles,
                Mention.designation,
                Mention.district,
                Mention.state,
                Mention.lgd_district,
                Mention.lgd_state,
                Mention.place_kind,
                Mention.protected,
                Mention.attrs,
            ).order_by(Mention.article_id, Mention.id)
        )
        for r in rows:
            attrs = r.attrs or {}
            m = M(
                r.id,
                r.uid,
                r.article_id,
                r.kind,
                r.name,
                r.key,
                list(r.aliases or []),
                list(r.roles or []),
                r.designation,
                r.district,
                r.state,
                r.lgd_district,
                r.lgd_state,
                r.place_kind,
                bool(r.protected),
                attrs,
                district_source=attrs.get("district_source"),
            )
            m.alias_keys = {k for k in (name_key(a) for a in m.aliases) if k}
            m.kin = {
                rel: {name_key(n) for n in names if n}
                for rel, names in (attrs.get("kin") or {}).items()
            }
            out.append(m)
    by_article: dict[int, list[M]] = defaultdict(list)
    for m in out:
        by_article[m.article_id].append(m)
    for ms in by_article.values():
        persons = {m.key for m in ms if m.kind == "PERSON"}
        for m in ms:
            if m.kind == "PERSON":
                m.co = persons - {m.key} - m.alias_keys
    return out


def decide_pair(a: M, b: M) -> tuple[bool, list[str], float]:
    """Should two person mentions from different articles be one person? With reasons."""
    shared_keys = ({a.key} | a.alias_keys) & ({b.key} | b.alias_keys)
    if not shared_keys:
        return False, ["no common name key"], 0.0
    key = max(shared_keys, key=len)
    reasons = [f"same name key '{key}'"]
    if a.key != b.key:
        reasons.append("through an alias (उर्फ)")
    score = 1.0
    if a.lgd_district and b.lgd_district and a.lgd_district != b.lgd_district:
        strong = a.district_source != "article" and b.district_source != "article"
        if strong or not (a.co & b.co):
            return False, [f"different districts {a.district} / {b.district}"], 0.0
    pa, pb = a.kin.get("parent", set()), b.kin.get("parent", set())
    if pa and pb and not (pa & pb):
        return False, ["different parents"], 0.0
    evidence: list[str] = []
    if a.lgd_district and a.lgd_district == b.lgd_district:
        evidence.append(f"same district {a.district} (LGD {a.lgd_district})")
        score += 1.0
    co = a.co & b.co
    if co:
        evidence.append("co-mentioned with " + ", ".join(sorted(co)[:3]))
        score += 1.0 + 0.5 * min(len(co) - 1, 2)
    kin_shared = [
        rel for rel in set(a.kin) & set(b.kin) if rel != "associate" and a.kin[rel] & b.kin[rel]
    ]
    if kin_shared:
        evidence.append("same " + "/".join(sorted(kin_shared)))
        score += 1.5
    if a.designation and a.designation == b.designation:
        evidence.append(f"same designation {a.designation}")
        score += 0.75
    if a.key != b.key and (a.lgd_district == b.lgd_district or co):
        score += 0.5
    single = len(key.split()) < 2
    if single and not (co and a.lgd_district and a.lgd_district == b.lgd_district):
        return False, reasons + ["single-word name without district and co-mention"], 0.0
    if not evidence:
        return False, reasons + ["no corroboration"], 0.0
    return True, reasons + evidence, score


def _place_key(m: M) -> tuple[Any, ...]:
    if m.place_kind == "state" and m.lgd_state:
        return ("state", m.lgd_state)
    if m.place_kind == "district" and m.lgd_district:
        return ("district", m.lgd_district)
    if m.place_kind == "country":
        return ("country", m.key)
    if m.place_kind == "city" and m.lgd_district and m.district and name_key(m.district) == m.key:
        return ("district", m.lgd_district)
    return ("place", m.key, m.lgd_district or m.state)


def _place_reason(k: tuple[Any, ...]) -> str:
    if k[0] == "state":
        return f"same LGD state code {k[1]}"
    if k[0] == "district":
        return f"same LGD district code {k[1]}"
    if k[0] == "country":
        return "same country"
    return f"same name key '{k[1]}' in the same district" if k[2] else f"same name key '{k[1]}'"


def _judgements(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(
                    Judgement.id, Judgement.kind, Judgement.mention_a, Judgement.mention_b
                ).order_by(Judgement.id)
            ).all()
        )


def resolve_store(engine: Engine) -> ResolveReport:
    """Rebuild entities and links from all stored mentions (judgements applied)."""
    from jaanch.store.ingest import set_meta

    ms = _load(engine)
    rep = ResolveReport(mentions=len(ms))
    index = {m.uid: i for i, m in enumerate(ms)}
    uf = _UF(len(ms))
    why: dict[int, tuple[str, str, float, int | None]] = {}

    # reviewer judgements, replayed in order
    must: dict[frozenset[str], int] = {}
    cannot: dict[frozenset[str], int] = {}
    for j in _judgements(engine):
        group = [j.mention_a, *list(j.mention_b or [])]
        if j.kind == "merge":
            gs = set(group)
            for pair in [p for p in cannot if p <= gs]:
                del cannot[pair]
            for x in group[1:]:
                must[frozenset((j.mention_a, x))] = j.id
        elif j.kind == "split":
            for x in group[1:]:
                pair = frozenset((j.mention_a, x))
                must.pop(pair, None)
                cannot[pair] = j.id
            for pair in [p for p in must if j.mention_a in p and p & set(group[1:])]:
                del must[pair]
    for pair in cannot:
        a, b = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        if a in index and b in index:
            uf.forbid[index[a]].add(index[b])
            uf.forbid[index[b]].add(index[a])
    for pair, jid in must.items():
        if len(pair) != 2:
            continue
        a, b = tuple(pair)
        if a in index and b in index:
            ia, ib = index[a], index[b]
            if uf.union(ia, ib):
                rep.reviewer_links += 1
                why.setdefault(ib, ("reviewer", f"reviewer merge (judgement {jid})", 1.0, ia))
                why.setdefault(ia, ("reviewer", f"reviewer merge (judgement {jid})", 1.0, ib))

    def link(ia: int, ib: int, method: str, reason: str, score: float) -> None:
        if uf.find(ia) == uf.find(ib):
            return
        if uf.union(ia, ib):
            rep.auto_links += 1
            # explain the link on the later mention (the earlier one may head the entity)
            late, early = max(ia, ib), min(ia, ib)
            target = late if late not in why else early
            why.setdefault(target, (method, reason, score, early if target == late else late))
        else:
            rep.refused += 1

    # people: within an article, then across articles by blocks
    blocks: dict[str, list[int]] = defaultdict(list)
    first_in_article: dict[tuple[int, str], int] = {}
    for i, m in enumerate(ms):
        if m.kind != "PERSON" or not m.key:
            continue
        for k in {m.key} | m.alias_keys:
            blocks[k].append(i)
            prev = first_in_article.get((m.article_id, k))
            if prev is None:
                first_in_article[(m.article_id, k)] = i
            else:
                link(i, prev, "auto", f"same name key '{k}' in the same article", 3.0)
    for idxs in blocks.values():
        if len(idxs) < 2:
            continue
        groups: list[list[int]] = [idxs]
        if len(idxs) > MAX_BLOCK:
            by_d: dict[Any, list[int]] = defaultdict(list)
            for i in idxs:
                by_d[ms[i].lgd_district].append(i)
            groups = [g for d, g in by_d.items() if d is not None]
        for g in groups:
            for x in range(len(g)):
                ma = ms[g[x]]
                for y in range(x):
                    mb = ms[g[y]]
                    if ma.article_id == mb.article_id:
                        continue
                    ok, reasons, score = decide_pair(ma, mb)
                    if ok:
                        link(g[x], g[y], "auto", "; ".join(reasons) + f" (mention {mb.id})", score)

    # places and organisations
    first: dict[tuple[Any, ...], int] = {}
    for i, m in enumerate(ms):
        if m.kind == "PLACE":
            pk: tuple[Any, ...] = ("L", *_place_key(m))
            reason = _place_reason(_place_key(m))
        elif m.kind == "ORG":
            pk = ("O", m.key)
            reason = f"same organisation name key '{m.key}'"
        else:
            continue
        if pk in first:
            link(i, first[pk], "auto", reason + f" (mention {ms[first[pk]].id})", 1.0)
        else:
            first[pk] = i

    # entities
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        clusters[uf.find(i)].append(i)
    entities: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    tokens: list[dict[str, Any]] = []
    for members in clusters.values():
        members.sort(key=lambda i: (ms[i].article_id, ms[i].uid))
        head = ms[members[0]]
        prefix = {"PERSON": "P", "PLACE": "L", "ORG": "O"}.get(head.kind, "X")
        eid = prefix + hashlib.sha1(head.uid.encode()).hexdigest()[:11]
        names = Counter(ms[i].name for i in members)
        name = max(names, key=lambda n: (names[n], len(n)))
        aliases = sorted(
            ({ms[i].name for i in members} | {a for i in members for a in ms[i].aliases}) - {name}
        )
        desig = Counter(ms[i].designation for i in members if ms[i].designation)
        dist = Counter(
            (ms[i].district, ms[i].state, ms[i].lgd_district, ms[i].lgd_state)
            for i in members
            if ms[i].district
        )
        d = dist.most_common(1)[0][0] if dist else (None, head.state, None, head.lgd_state)
        protected = any(ms[i].protected for i in members)
        entities.append(
            {
                "id": eid,
                "kind": head.kind,
                "name": name,
                "latin": (ms[members[0]].attrs or {}).get("latin") or None,
                "aliases": aliases,
                "designation": desig.most_common(1)[0][0] if desig else None,
                "district": d[0],
                "state": d[1],
                "lgd_district": d[2],
                "lgd_state": d[3],
                "n_mentions": len(members),
                "n_articles": len({ms[i].article_id for i in members}),
                "protected": protected,
                "pseudonym": pseudonym(eid) if protected else None,
            }
        )
        for i in members:
            method, reason, score, _other = why.get(
                i, ("first", "first mention of this entity", 1.0, None)
            )
            if i == members[0] and method != "reviewer":
                method, reason, score = "first", "first mention of this entity", 1.0
            links.append(
                {
                    "mention_id": ms[i].id,
                    "entity_id": eid,
                    "method": method,
                    "explanation": reason,
                    "score": score,
                }
            )
        toks: set[str] = set()
        for n in {name, *aliases}:
            toks.update(name_key(n).split())
            toks.update(latin_key(n).split())
        tokens.extend({"tok": t[:128], "entity_id": eid} for t in toks if t)
        rep.by_kind[head.kind] = rep.by_kind.get(head.kind, 0) + 1
    rep.entities = len(entities)
    with engine.begin() as conn:
        conn.execute(delete(NameToken))
        conn.execute(delete(Link))
        conn.execute(delete(Entity))
        for chunk in _chunks(entities, 2000):
            conn.execute(insert(Entity), chunk)
        for chunk in _chunks(links, 5000):
            conn.execute(insert(Link), chunk)
        for chunk in _chunks(tokens, 5000):
            conn.execute(insert(NameToken), chunk)
        set_meta(conn, "resolved", "1")
    return rep


def _chunks(rows: list[dict[str, Any]], n: int) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


# ---------------------------------------------------------------- reviewer actions


class ResolveError(ValueError):
    """A merge or split names an entity or mention that is not there."""


def _entity_uids(engine: Engine, entity_id: str) -> list[str]:
    with engine.connect() as conn:
        uids = list(
            conn.execute(
                select(Mention.uid)
                .join(Link, Link.mention_id == Mention.id)
                .where(Link.entity_id == entity_id)
                .order_by(Mention.article_id, Mention.uid)
            ).scalars()
        )
    if not uids:
        raise ResolveError(f"no entity {entity_id!r}")
    return uids


def merge(
    engine: Engine, a: str, b: str, note: str | None = None, reviewer: str | None = None
) -> str:
    """Record that entities ``a`` and ``b`` are one, re-resolve; the merged entity's id."""
    ua, ub = _entity_uids(engine, a), _entity_uids(engine, b)
    if set(ua) == set(ub):
        raise ResolveError(f"{a} and {b} are the same entity")
    with engine.begin() as conn:
        conn.execute(
            insert(Judgement).values(
                kind="merge", mention_a=ua[0], mention_b=ua[1:] + ub, note=note, reviewer=reviewer
            )
        )
    resolve_store(engine)
    return entity_of(engine, ua[0])


def split(
    engine: Engine,
    entity_id: str,
    mention: str,
    note: str | None = None,
    reviewer: str | None = None,
) -> str:
    """Take ``mention`` (a mention id or uid) out of ``entity_id``, re-resolve; the id of
    the entity the mention is in now."""
    uids = _entity_uids(engine, entity_id)
    with engine.connect() as conn:
        q = select(Mention.uid)
        q = (
            q.where(Mention.id == int(mention))
            if mention.isdigit()
            else q.where(Mention.uid == mention)
        )
        uid = conn.execute(q).scalar()
    if uid is None or uid not in uids:
        raise ResolveError(f"mention {mention!r} is not in entity {entity_id}")
    rest = [u for u in uids if u != uid]
    if not rest:
        raise ResolveError(f"entity {entity_id} has only this mention")
    with engine.begin() as conn:
        conn.execute(
            insert(Judgement).values(
                kind="split", mention_a=uid, mention_b=rest, note=note, reviewer=reviewer
            )
        )
    resolve_store(engine)
    return entity_of(engine, uid)


def entity_of(engine: Engine, uid: str) -> str:
    with engine.connect() as conn:
        eid = conn.execute(
            select(Link.entity_id)
            .join(Mention, Mention.id == Link.mention_id)
            .where(Mention.uid == uid)
        ).scalar()
    if eid is None:
        raise ResolveError(f"no mention {uid!r}")
    return str(eid)
