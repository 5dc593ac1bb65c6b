"""Search: entity names (Hindi variants and Latin spellings) and article text.

A query's words are reduced to keys (:func:`jaanch.text.keys.query_tokens`): Devanagari
words by the Hindi name key, Latin words by the Latin skeleton, so ``barkha mishra``,
``बरखा मिश्र`` and ``बरखा मिश्रा`` all find ``बरखा मिश्रा``. Entities match when all the
query's keys are among their name tokens (an indexed lookup); articles match when they
mention a matched entity or, for Devanagari words, when their keyed text holds all the
words (SQLite FTS5 or PostgreSQL ``tsvector``). Filters narrow the articles by crime,
action, district, date and (for entity mentions) role.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from jaanch.privacy import redact_text
from jaanch.search.query import Query, parse_query
from jaanch.store.models import ArticleRow, Entity, Fact, Link, Mention, NameToken
from jaanch.store.rows import sentence_at
from jaanch.text.keys import (
    consonant_tokens,
    is_devanagari,
    name_key,
    query_tokens,
    token_key,
)

MAX_ENTITIES = 50
MAX_FTS = 5000


@dataclass
class EntityHit:
    id: str
    kind: str
    name: str
    aliases: list[str]
    designation: str | None
    district: str | None
    n_articles: int
    roles: dict[str, int]
    protected: bool = False


@dataclass
class ArticleHit:
    id: int
    doc_id: str
    title: str | None
    published: str | None
    snippet: str | None
    via: str
    entities: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    query: Query
    entities: list[EntityHit]
    articles: list[ArticleHit]
    total_articles: int
    took_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": asdict(self.query),
            "entities": [asdict(e) for e in self.entities],
            "articles": [asdict(a) for a in self.articles],
            "total_articles": self.total_articles,
            "took_ms": round(self.took_ms, 2),
        }


#: mentions read for the matched entities (the newest first): enough for the article list
#: and the role counts shown, bounded for names such as "rahul" shared by thousands
MAX_MENTIONS = 400


def _match_entities(
    conn: Session, toks: list[str], kinds: list[str], text: str | None = None
) -> list[str]:
    """Entities whose name tokens hold every query token; when none do and ``text`` is
    given, the coarse consonant keys of its words (``thackeray`` -> ``~tkr``), then of the
    words run together (``harsh vardhan`` -> ``~hrsvrdn``)."""
    ids = _entities_with_all(conn, toks, kinds)
    if ids or not text:
        return ids
    coarse = consonant_tokens(text)
    if len(coarse) > 1:  # the words, then the words run together
        return _entities_with_all(conn, coarse[:-1], kinds) or _entities_with_all(
            conn, coarse[-1:], kinds
        )
    return _entities_with_all(conn, coarse, kinds) if coarse else []


def _entities_with_all(conn: Session, toks: list[str], kinds: list[str]) -> list[str]:
    uniq = sorted(set(toks))
    q = (
        select(NameToken.entity_id)
        .where(NameToken.tok.in_(uniq))
        .group_by(NameToken.entity_id)
        .having(func.count(func.distinct(NameToken.tok)) == len(uniq))
        .limit(2000)
    )
    ids = list(conn.execute(q).scalars())
    if not ids:
        return []
    eq = select(Entity.id).where(Entity.id.in_(ids))
    if kinds:
        eq = eq.where(
            Entity.kind.in_([k.upper() if k.upper() != "LOC" else "PLACE" for k in kinds])
        )
    eq = eq.order_by(Entity.n_articles.desc(), Entity.id).limit(MAX_ENTITIES)
    return list(conn.execute(eq).scalars())


def _district_names(conn: Session, values: list[str]) -> list[str]:
    """District names (as stored, LGD English) for user-given names in either script."""
    from jaanch.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    out: set[str] = set()
    for v in values:
        # the gazetteer knows most districts in either script: no scan of the store
        known = gaz.lookup(v) if is_devanagari(v) else gaz.lookup_latin(v)
        known_districts = {r.district for r in known if r.district and r.country == "IN"}
        if known_districts:
            out.update(known_districts)
            continue
        if is_devanagari(v):
            key = name_key(v)
            found = conn.execute(
                select(Mention.district)
                .where(Mention.kind == "PLACE", Mention.key == key, Mention.district.is_not(None))
                .distinct()
                .limit(20)
            ).scalars()
            out.update(r for r in found if r)
        else:
            codes = conn.execute(
                select(Fact.code)
                .where(Fact.kind == "district", func.lower(Fact.code).like(v.lower() + "%"))
                .distinct()
                .limit(20)
            ).scalars()
            out.update(codes)
    return sorted(out) or ["\x00none"]


def _filter_sql(conn: Session, q: Query, params: dict[str, Any]) -> list[str]:
    conds: list[str] = []
    for n, (kind, values) in enumerate(
        (
            ("crime", q.crimes),
            ("action", q.actions),
            ("district", _district_names(conn, q.districts) if q.districts else []),
        )
    ):
        if not values:
            continue
        names = []
        for m, v in enumerate(values):
            params[f"f{n}_{m}"] = v
            names.append(f":f{n}_{m}")
        # an IN over the (kind, code, article_id) index, not a per-article EXISTS probe
        conds.append(
            f"a.id IN (SELECT f.article_id FROM facts f WHERE f.kind = '{kind}' "
            f"AND f.code IN ({', '.join(names)}))"
        )
    if q.date_from or q.date_to:
        lo, hi = q.date_from or "0000", (q.date_to or "9999") + "~"
        params["dlo"], params["dhi"] = lo, hi
        # published in range, or (undated articles) an event date in range: two index
        # lookups joined, rather than an OR that defeats both indexes
        conds.append(
            "a.id IN (SELECT id FROM articles WHERE published >= :dlo AND published <= :dhi "
            "UNION SELECT f.article_id FROM facts f JOIN articles a2 ON a2.id = f.article_id "
            "WHERE f.kind = 'date' AND f.code >= :dlo AND f.code <= :dhi AND a2.published IS NULL)"
        )
    return conds


def _fts_sql(conn: Session, words: list[str], params: dict[str, Any]) -> str:
    if conn.get_bind().dialect.name == "sqlite":
        params["fts"] = " ".join('"' + w.replace('"', "") + '"' for w in words)
        return "SELECT rowid FROM article_fts WHERE article_fts MATCH :fts"
    params["fts"] = " ".join(words)
    return (
        "SELECT article_id FROM article_search "
        "WHERE to_tsvector('simple', body) @@ plainto_tsquery('simple', :fts)"
    )


def search(engine: Engine, query: Query | str, *, include_protected: bool = False) -> SearchResult:
    """Run ``query``; entities first (most-reported first), then articles."""
    t0 = time.perf_counter()
    q = parse_query(query) if isinstance(query, str) else query
    toks = query_tokens(q.text)
    deva_words = [token_key(w) for w in q.text.split() if is_devanagari(w)]
    deva_words = [w for w in deva_words if w]
    with Session(engine) as conn:
        ent_ids = _match_entities(conn, toks, q.kinds, q.text) if toks else []
        # mentions of the matched entities (role filter applies here)
        by_article: dict[int, list[tuple[str, str | None, list[str]]]] = defaultdict(list)
        roles_of: dict[str, Counter[str]] = defaultdict(Counter)
        if ent_ids:
            rows = conn.execute(
                select(Link.entity_id, Mention.article_id, Mention.sentence, Mention.roles)
                .join(Mention, Mention.id == Link.mention_id)
                .where(Link.entity_id.in_(ent_ids))
                .order_by(Mention.article_id.desc())
                .limit(MAX_MENTIONS)
            ).all()
            for eid, aid, sentence, roles in rows:
                roles = list(roles or [])
                if q.roles and not set(q.roles) & set(roles):
                    continue
                roles_of[eid].update(roles)
                by_article[aid].append((eid, sentence, roles))
            if q.roles:
                ent_ids = [e for e in ent_ids if roles_of.get(e)]
        params: dict[str, Any] = {}
        conds = _filter_sql(conn, q, params)
        entity_articles: list[int] = []
        if by_article:
            ids = sorted(by_article)
            id_list = ", ".join(str(int(i)) for i in ids[:MAX_FTS])
            sql = f"SELECT a.id FROM articles a WHERE a.id IN ({id_list})"
            if conds:
                sql += " AND " + " AND ".join(conds)
            sql += " ORDER BY a.published DESC, a.id DESC"
            entity_articles = list(conn.execute(text(sql), params).scalars())
        text_articles: list[int] = []
        want = q.limit
        if deva_words and (not q.roles):
            sql = (
                f"SELECT a.id FROM articles a WHERE a.id IN ({_fts_sql(conn, deva_words, params)})"
            )
            if conds:
                sql += " AND " + " AND ".join(conds)
            sql += f" ORDER BY a.published DESC, a.id DESC LIMIT {int(want + len(entity_articles))}"
            seen = set(entity_articles)
            text_articles = [i for i in conn.execute(text(sql), params).scalars() if i not in seen]
        elif not toks and (conds or not q.text):
            sql = "SELECT a.id FROM articles a"
            if conds:
                sql += " WHERE " + " AND ".join(conds)
            sql += f" ORDER BY a.published DESC, a.id DESC LIMIT {int(want)}"
            text_articles = list(conn.execute(text(sql), params).scalars())
        ordered = (entity_articles + text_articles)[:want]
        total = len(entity_articles) + len(text_articles)
        ents = (
            list(conn.execute(select(Entity).where(Entity.id.in_(ent_ids))).scalars())
            if ent_ids
            else []
        )
        ent_map = {e.id: e for e in ents}
        arts = (
            {
                r.id: r
                for r in conn.execute(
                    select(
                        ArticleRow.id,
                        ArticleRow.doc_id,
                        ArticleRow.title,
                        ArticleRow.published,
                        ArticleRow.text,
                    ).where(ArticleRow.id.in_(ordered))
                )
            }
            if ordered
            else {}
        )
        hidden = protected_names(conn, ordered) if not include_protected else {}
    hits: list[EntityHit] = []
    for eid in ent_ids:
        e = ent_map.get(eid)
        if e is None:
            continue
        prot = bool(e.protected) and not include_protected
        hits.append(
            EntityHit(
                id=e.id,
                kind=e.kind,
                name=e.pseudonym or e.id if prot else e.name,
                aliases=[] if prot else list(e.aliases or []),
                designation=e.designation,
                district=e.district,
                n_articles=e.n_articles,
                roles=dict(roles_of.get(eid, {})),
                protected=bool(e.protected),
            )
        )
    art_hits: list[ArticleHit] = []
    for aid in ordered:
        a = arts.get(aid)
        if a is None:
            continue
        if aid in by_article:
            snippet = next((s for _e, s, _r in by_article[aid] if s), None)
            via = "entity"
            names = sorted(
                {_name(ent_map.get(e), include_protected) for e, _s, _r in by_article[aid]}
            )
        else:
            snippet = (
                _snippet(a.text, deva_words) if deva_words else (a.text[:200] if a.text else None)
            )
            via = "text" if deva_words else "filter"
            names = []
        art_hits.append(
            ArticleHit(
                id=a.id,
                doc_id=a.doc_id,
                title=redact_text(a.title, hidden.get(aid, {})),
                published=a.published,
                snippet=redact_text(snippet, hidden.get(aid, {})),
                via=via,
                entities=names,
            )
        )
    return SearchResult(q, hits, art_hits, total, (time.perf_counter() - t0) * 1000)


def _name(e: Entity | None, include_protected: bool) -> str:
    if e is None:
        return "?"
    if e.protected and not include_protected:
        return e.pseudonym or e.id
    return e.name


def protected_names(conn: Session, article_ids: list[int]) -> dict[int, dict[str, str]]:
    """Per article: protected names (and aliases) -> pseudonym."""
    if not article_ids:
        return {}
    rows = conn.execute(
        select(Mention.article_id, Mention.name, Mention.aliases, Entity.pseudonym, Entity.id)
        .join(Link, Link.mention_id == Mention.id)
        .join(Entity, Entity.id == Link.entity_id)
        .where(Mention.article_id.in_(article_ids), Entity.protected.is_(True))
    ).all()
    out: dict[int, dict[str, str]] = defaultdict(dict)
    for aid, name, aliases, pseud, eid in rows:
        for n in [name, *(aliases or [])]:
            out[aid][n] = pseud or eid
    return out


def _snippet(text_: str, words: list[str]) -> str | None:
    from jaanch.text.keys import _TOKEN

    for m in _TOKEN.finditer(text_):
        if token_key(m.group(0)) in words:
            return sentence_at(text_, m.start(), m.end())
    return text_[:200]
