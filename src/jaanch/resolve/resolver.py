"""Resolution: group stored mentions into entities, explain every link, obey reviewers.

People, in three declared steps:

1. *blocking* (:mod:`jaanch.resolve.blocking`): candidate pairs share a name key, an alias
   key, a sound key, a surname and first initial, or are a one-word name against a full
   name holding it;
2. *comparison* (:mod:`jaanch.resolve.comparisons`): each pair gets one level per
   comparison (name, rarity, prominence, district, relatives, co-mentions, designation,
   role); the link model (``jaanch/models/link_model``, logistic regression over those
   levels trained on labelled pairs by ``scripts/train_links.py``) turns them into a
   probability;
3. *clustering* (:mod:`jaanch.resolve.cluster`): pairs above the model's threshold are
   joined, most probable first, unless the merge breaks a hard constraint (a veto level,
   a reviewer split, two names of one article, incompatible full names).

Two mentions in one article with one key are one person. Every link stores the levels that
decided it (``Link.levels``) and an explanation made from their labels; neither names a
person, so a protected name never shows through a link.

Places resolve to LGD codes: districts and states by their code, other places by name key
within their district. Organisations resolve by name key.

Reviewer judgements are stored by stable mention ids (article hash + kind + name key), so
they apply again after re-ingest, ``--reprocess`` or a rebuild: ``merge`` makes two
entities one, ``split`` takes a mention out of an entity and keeps it out.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from jaanch.models.roles import RoleModel, shipped_model
from jaanch.privacy import pseudonym
from jaanch.resolve.blocking import candidate_pairs
from jaanch.resolve.cluster import ConstrainedUnionFind
from jaanch.resolve.comparisons import (
    Compared,
    NameStats,
    Profile,
    compare,
    explain,
    name_level,
    name_words,
    profile,
)
from jaanch.store.meta import set_meta
from jaanch.store.models import Entity, Judgement, Link, Mention, NameToken
from jaanch.text.english_names import english_name
from jaanch.text.keys import consonant_tokens, is_devanagari, latin_key, name_key

#: the link model's folder under ``jaanch/models``
LINK_MODEL = "link_model"
#: name levels under which two full names may share an entity
COMPATIBLE_NAMES = frozenset({"exact", "alias", "sound", "initials", "close", "subset"})


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
    sentence: str | None = None
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
                Mention.sentence,
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
                sentence=r.sentence if r.kind == "PERSON" else None,
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


def entity_latin(kind: str, name: str, names: Sequence[str]) -> str | None:
    """An entity's name in Latin script: the Latin spelling its articles use most
    (``Sonam Raghuvanshi``), else the English spelling Indian media use for its
    Devanagari name (:func:`jaanch.text.english_names.english_name`)."""
    if kind != "PERSON":
        return None
    latin = Counter(" ".join(name_words(n)) for n in names if n and not is_devanagari(n))
    if latin:
        return latin.most_common(1)[0][0]
    return english_name(" ".join(name_words(name)))


def to_profile(m: M) -> Profile:
    if m.kind != "PERSON":
        return Profile(m.article_id, "", frozenset(), (), (), (), (), None, None)
    return profile(
        m.article_id,
        m.name,
        m.key,
        m.alias_keys,
        m.lgd_district,
        m.district_source,
        m.kin,
        m.co,
        m.designation,
        m.roles,
        m.sentence,
    )


def names_compatible(a: Profile, b: Profile) -> bool:
    return name_level(a, b, _EMPTY_STATS) in COMPATIBLE_NAMES


_EMPTY_STATS = NameStats()


@dataclass
class Decision:
    """A compared pair: the levels, the model's probability and whether it links."""

    compared: Compared
    probability: float
    link: bool
    weights: dict[tuple[str, str], float]

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One row per comparison: level, label, weight (log-odds), veto."""
        return explain(self.compared, self.weights)

    @property
    def explanation(self) -> str:
        parts = [
            f"{r['label']} ({r['weight']:+.1f})"
            for r in self.rows
            if r["weight"] or (r["veto"] and r["level"] == self.compared.veto_level)
        ]
        head = f"probability {self.probability:.2f}"
        if self.compared.veto:
            head = f"vetoed by {self.compared.veto}"
        return head + ": " + "; ".join(parts)


def link_model() -> RoleModel:
    model = shipped_model(LINK_MODEL)
    if model is None:
        raise FileNotFoundError(
            "no trained link model in jaanch/models/link_model; train one with "
            "scripts/train_links.py"
        )
    return model


@dataclass(frozen=True)
class _Linear:
    """A link model as plain numbers: weight per (comparison, level), thresholds."""

    intercept: float
    weights: dict[tuple[str, str], float]
    threshold: float
    short_threshold: float


_LINEAR: dict[int, tuple[RoleModel, _Linear]] = {}


def _linear(model: RoleModel) -> _Linear:
    hit = _LINEAR.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    col = model.roles.index("same")
    weights = {}
    for k, i in model.vocab.items():
        c, _, lv = k.partition("=")
        weights[(c, lv)] = float(model.weights[i][col])
    threshold = float(model.thresholds[col])
    lin = _Linear(
        float(model.intercepts[col]),
        weights,
        threshold,
        max(threshold, float(model.meta.get("short_form_threshold", threshold))),
    )
    _LINEAR[id(model)] = (model, lin)
    return lin


def decide(a: Profile, b: Profile, stats: NameStats, model: RoleModel | None = None) -> Decision:
    """Compare two person mentions and apply the link model (and its threshold)."""
    lin = _linear(model or link_model())
    cmp = compare(a, b, stats, full=False)
    used = {lv: lin.weights.get(lv, 0.0) for lv in cmp.levels}
    z = lin.intercept + sum(used.values())
    p = 1.0 / (1.0 + math.exp(-z))
    short = dict(cmp.levels).get("name") in ("short_last", "short_first")
    link = cmp.veto is None and p >= (lin.short_threshold if short else lin.threshold)
    return Decision(cmp, p, link, used)


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
    ms = _load(engine)
    rep = ResolveReport(mentions=len(ms))
    index = {m.uid: i for i, m in enumerate(ms)}
    profiles = [to_profile(m) for m in ms]
    uf = ConstrainedUnionFind(profiles, names_compatible)
    why: dict[int, tuple[str, str, float, int | None, list[dict[str, Any]] | None]] = {}

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
            uf.cannot_link(index[a], index[b])
    for pair, jid in must.items():
        if len(pair) != 2:
            continue
        a, b = tuple(pair)
        if a in index and b in index:
            ia, ib = index[a], index[b]
            if uf.union(ia, ib, force=True):
                rep.reviewer_links += 1
                note = f"reviewer merge (judgement {jid})"
                why.setdefault(ib, ("reviewer", note, 1.0, ia, None))
                why.setdefault(ia, ("reviewer", note, 1.0, ib, None))

    def link(
        ia: int,
        ib: int,
        method: str,
        reason: str,
        score: float,
        levels: list[dict[str, Any]] | None = None,
        force: bool = False,
    ) -> None:
        if uf.find(ia) == uf.find(ib):
            return
        if uf.union(ia, ib, force=force):
            rep.auto_links += 1
            # explain the link on the later mention (the earlier one may head the entity)
            late, early = max(ia, ib), min(ia, ib)
            target = late if late not in why else early
            other = early if target == late else late
            why.setdefault(target, (method, reason, score, other, levels))
        else:
            rep.refused += 1

    # people: one key in one article is one person
    for i, prev in same_article_pairs(ms):
        link(i, prev, "auto", "same name in the same article", 1.0, force=True)
    # across articles: blocking, comparison, then clustering under constraints
    link_people(ms, profiles, uf, link)

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
                "latin": entity_latin(head.kind, name, [ms[i].name for i in members]),
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
            method, reason, score, _other, levels = why.get(
                i, ("first", "first mention of this entity", 1.0, None, None)
            )
            if i == members[0] and method != "reviewer":
                method, reason, score, levels = "first", "first mention of this entity", 1.0, None
            links.append(
                {
                    "mention_id": ms[i].id,
                    "entity_id": eid,
                    "method": method,
                    "explanation": reason,
                    "score": score,
                    "levels": levels,
                }
            )
        toks: set[str] = set()
        for n in {name, *aliases, entities[-1]["latin"] or ""}:
            toks.update(name_key(n).split())
            toks.update(latin_key(n).split())
            toks.update(consonant_tokens(n))
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


def link_people(
    ms: Sequence[M],
    profiles: Sequence[Profile],
    uf: ConstrainedUnionFind,
    link: Any,
    model: RoleModel | None = None,
) -> int:
    """Compare the candidate pairs of person mentions and join those the model links,
    most probable first; vetoed pairs become cannot-links. The number of pairs compared."""
    model = model or link_model()
    persons = [p for p, m in zip(profiles, ms, strict=True) if m.kind == "PERSON"]
    stats = NameStats.of(persons)
    person_idx = [i for i, m in enumerate(ms) if m.kind == "PERSON" and m.key]
    sub = [profiles[i] for i in person_idx]
    accepted: list[tuple[float, int, int]] = []
    n = 0
    for x, y, _rule in candidate_pairs(sub):
        n += 1
        d = decide(sub[x], sub[y], stats, model)
        i, j = person_idx[x], person_idx[y]
        if d.compared.veto and not d.compared.veto.startswith("name="):
            uf.cannot_link(i, j)
            continue
        if d.compared.veto is None:
            uf.score(i, j, d.probability)
        if d.link:
            accepted.append((d.probability, x, y))
    uf.min_mean = float(model.meta.get("cluster_min_mean", 0.5))
    accepted.sort(key=lambda t: (-t[0], t[1], t[2]))
    for p, x, y in accepted:
        i, j = person_idx[x], person_idx[y]
        if uf.find(i) != uf.find(j):  # decided again and explained only where it joins
            d = decide(sub[x], sub[y], stats, model)
            link(j, i, "auto", d.explanation + f" (mention {ms[i].id})", round(p, 4), d.rows)
    return n


def same_article_pairs(ms: Sequence[M]) -> Iterable[tuple[int, int]]:
    """``(i, earlier)``: person mentions of one article sharing a name or alias key (one
    key in one article is one person)."""
    first: dict[tuple[int, str], int] = {}
    for i, m in enumerate(ms):
        if m.kind != "PERSON" or not m.key:
            continue
        for k in {m.key} | m.alias_keys:
            prev = first.setdefault((m.article_id, k), i)
            if prev != i:
                yield i, prev


def person_clusters(
    ms: Sequence[M], model: RoleModel | None = None, counts: dict[str, int] | None = None
) -> list[int]:
    """The cluster (a representative index) of every mention, people resolved in memory
    with ``model`` (no reviewer judgements, nothing written): for training and benches.
    ``counts`` receives the number of pairs compared (``pairs``)."""
    profiles = [to_profile(m) for m in ms]
    uf = ConstrainedUnionFind(profiles, names_compatible)
    for i, prev in same_article_pairs(ms):
        uf.union(i, prev, force=True)

    def link(ia: int, ib: int, *_args: Any, **_kw: Any) -> None:
        uf.union(ia, ib)

    n = link_people(ms, profiles, uf, link, model)
    if counts is not None:
        counts["pairs"] = n
    return [uf.find(i) for i in range(len(ms))]


def load_mentions(engine: Engine) -> list[M]:
    """Every stored mention as resolution sees it."""
    return _load(engine)


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
