"""Watchlists: a user (known by a token) follows entities and saved searches; articles
stored since an item was followed (and since the list was last marked seen) that name the
entity or match the search are "new for you", and make the watchlist's Atom feed.

An entity is followed with one of its mention uids as anchor, so the list still finds it
when resolution re-runs and the entity's id changes. Protected people cannot be followed
by name: their entity shows its pseudonym only."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from jaanch.privacy import redact_text
from jaanch.search.engine import protected_names
from jaanch.store.models import (
    ARTICLE_META,
    ArticleRow,
    Entity,
    Link,
    Mention,
    User,
    WatchItem,
    Watchlist,
)

ATOM = "http://www.w3.org/2005/Atom"
#: how many matching articles a watchlist lists and feeds
MAX_ITEMS = 200


class WatchError(Exception):
    """A request the watchlists refuse: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(engine: Engine, name: str) -> str:
    """A new user; their token (shown once: only its hash is stored)."""
    token = secrets.token_urlsafe(24)
    with Session(engine) as s, s.begin():
        if s.scalar(select(User).where(User.name == name)) is not None:
            raise WatchError(409, f"a user named {name!r} exists")
        s.add(User(name=name, token_sha256=token_hash(token)))
    return token


def remove_user(engine: Engine, name: str) -> int:
    """Remove a reader (their token stops working) with their watchlists; how many
    watchlists went with them."""
    with Session(engine) as s, s.begin():
        u = s.scalar(select(User).where(User.name == name))
        if u is None:
            raise WatchError(404, f"no user named {name!r}")
        ids = list(s.scalars(select(Watchlist.id).where(Watchlist.user_id == u.id)))
        if ids:
            s.execute(delete(WatchItem).where(WatchItem.watchlist_id.in_(ids)))
            s.execute(delete(Watchlist).where(Watchlist.id.in_(ids)))
        s.delete(u)
        return len(ids)


def list_users(engine: Engine) -> list[dict[str, Any]]:
    with Session(engine) as s:
        grouped = select(Watchlist.user_id, func.count()).group_by(Watchlist.user_id)
        counts = {uid: n for uid, n in s.execute(grouped)}
        return [
            {
                "name": u.name,
                "created_at": u.created_at.isoformat(timespec="seconds") + "Z",
                "watchlists": int(counts.get(u.id, 0)),
            }
            for u in s.scalars(select(User).order_by(User.name))
        ]


def user_for(engine: Engine, token: str | None, *, admin_token: str | None = None) -> User | None:
    """The user a token belongs to. The server's own token signs in as ``admin``."""
    if not token:
        return None
    with Session(engine, expire_on_commit=False) as s, s.begin():
        u = s.scalar(select(User).where(User.token_sha256 == token_hash(token)))
        if u is None and admin_token and secrets.compare_digest(token, admin_token):
            u = s.scalar(select(User).where(User.name == "admin"))
            if u is None:
                u = User(name="admin", token_sha256=token_hash(token))
                s.add(u)
                s.flush()
        return u


def create(engine: Engine, user: User, name: str) -> dict[str, Any]:
    with Session(engine, expire_on_commit=False) as s, s.begin():
        w = Watchlist(user_id=user.id, name=name[:200], feed_key=secrets.token_urlsafe(24))
        s.add(w)
        s.flush()
        return _list_dict(w, [])


def _owned(s: Session, user: User, watchlist_id: int) -> Watchlist:
    w = s.get(Watchlist, watchlist_id)
    if w is None or w.user_id != user.id:
        raise WatchError(404, f"no watchlist {watchlist_id} of yours")
    return w


def follow_entity(engine: Engine, user: User, watchlist_id: int, entity_id: str) -> dict[str, Any]:
    with Session(engine, expire_on_commit=False) as s, s.begin():
        w = _owned(s, user, watchlist_id)
        e = s.get(Entity, entity_id)
        if e is None:
            raise WatchError(404, f"no entity {entity_id}")
        anchor = s.scalar(
            select(Mention.uid)
            .join(Link, Link.mention_id == Mention.id)
            .where(Link.entity_id == entity_id)
            .order_by(Mention.id)
            .limit(1)
        )
        label = e.name if not e.protected else (e.pseudonym or e.id)
        item = WatchItem(
            watchlist_id=w.id, kind="entity", value=entity_id, anchor=anchor, label=label
        )
        s.add(item)
        s.flush()
        return _item_dict(item)


def follow_search(engine: Engine, user: User, watchlist_id: int, query: str) -> dict[str, Any]:
    query = " ".join(query.split())[:300]
    if not query:
        raise WatchError(400, "an empty search cannot be followed")
    with Session(engine, expire_on_commit=False) as s, s.begin():
        w = _owned(s, user, watchlist_id)
        item = WatchItem(watchlist_id=w.id, kind="search", value=query, label=query)
        s.add(item)
        s.flush()
        return _item_dict(item)


def unfollow(engine: Engine, user: User, watchlist_id: int, item_id: int) -> None:
    with Session(engine) as s, s.begin():
        _owned(s, user, watchlist_id)
        s.execute(
            delete(WatchItem).where(WatchItem.id == item_id, WatchItem.watchlist_id == watchlist_id)
        )


def mark_seen(engine: Engine, user: User, watchlist_id: int) -> None:
    with Session(engine) as s, s.begin():
        _owned(s, user, watchlist_id)
        s.execute(update(Watchlist).where(Watchlist.id == watchlist_id).values(seen_at=_now()))


def names_of(engine: Engine, user: User) -> list[dict[str, Any]]:
    with Session(engine) as s:
        return [
            {"id": w.id, "name": w.name}
            for w in s.scalars(
                select(Watchlist).where(Watchlist.user_id == user.id).order_by(Watchlist.id)
            )
        ]


def lists_of(
    engine: Engine, user: User, *, include_protected: bool = False
) -> list[dict[str, Any]]:
    with Session(engine) as s:
        ws = list(s.scalars(select(Watchlist).where(Watchlist.user_id == user.id)))
    return [view(engine, user, w.id, include_protected=include_protected) for w in ws]


def view(
    engine: Engine,
    user: User | None,
    watchlist_id: int,
    *,
    include_protected: bool = False,
    feed_key: str | None = None,
) -> dict[str, Any]:
    """A watchlist with its items and the articles new for its user (newest first). Either
    its owner asks, or a feed reader with the watchlist's feed key."""
    with Session(engine) as s:
        w = s.get(Watchlist, watchlist_id)
        if w is None or (
            (user is None or w.user_id != user.id)
            and not (feed_key and secrets.compare_digest(feed_key, w.feed_key))
        ):
            raise WatchError(404, f"no watchlist {watchlist_id} of yours")
        items = list(s.scalars(select(WatchItem).where(WatchItem.watchlist_id == w.id)))
        new: dict[int, dict[str, Any]] = {}
        for it in items:
            since = max(it.created_at, w.seen_at) if w.seen_at else it.created_at
            aids = _matching(engine, s, it, include_protected)
            # only the articles stored since, read in one query per chunk of ids
            for i in range(0, len(aids), 500):
                for row in s.execute(
                    select(*ARTICLE_META, ArticleRow.ingested_at, ArticleRow.text).where(
                        ArticleRow.id.in_(aids[i : i + 500]), ArticleRow.ingested_at > since
                    )
                ):
                    hit = new.setdefault(
                        row.id,
                        {
                            "article": row.id,
                            "doc_id": row.doc_id,
                            "title": row.title,
                            "published": row.published,
                            "url": row.url,
                            "ingested_at": row.ingested_at.isoformat(timespec="seconds") + "Z",
                            "because": [],
                            "snippet": " ".join((row.text or "").split())[:280],
                        },
                    )
                    hit["because"].append(it.label)
        arts = sorted(new.values(), key=lambda d: (d["ingested_at"], d["article"]), reverse=True)
        arts = arts[:MAX_ITEMS]
        if not include_protected and arts:
            hidden = protected_names(s, [a["article"] for a in arts])
            for hit in arts:
                names = hidden.get(hit["article"], {})
                hit["snippet"] = redact_text(hit["snippet"], names)
                hit["title"] = redact_text(hit["title"], names) if hit["title"] else None
        return {**_list_dict(w, items), "new": arts}


def _matching(engine: Engine, s: Session, it: WatchItem, include_protected: bool) -> list[int]:
    if it.kind == "entity":
        eid = it.value
        if it.anchor:
            now = s.scalar(
                select(Link.entity_id)
                .join(Mention, Mention.id == Link.mention_id)
                .where(Mention.uid == it.anchor)
            )
            eid = now or eid
        return list(
            s.scalars(
                select(Mention.article_id)
                .join(Link, Link.mention_id == Mention.id)
                .where(Link.entity_id == eid)
                .distinct()
            )
        )
    from jaanch.search import search

    res = search(engine, it.value, include_protected=include_protected).to_dict()
    return [int(a["id"]) for a in res["articles"]]


def _item_dict(it: WatchItem) -> dict[str, Any]:
    return {
        "id": it.id,
        "kind": it.kind,
        "value": it.value,
        "label": it.label,
        "since": it.created_at.isoformat(timespec="seconds") + "Z",
    }


def _list_dict(w: Watchlist, items: list[WatchItem]) -> dict[str, Any]:
    return {
        "id": w.id,
        "name": w.name,
        "feed": f"/watchlists/{w.id}/feed.atom?key={w.feed_key}",
        "seen_at": w.seen_at.isoformat(timespec="seconds") + "Z" if w.seen_at else None,
        "items": [_item_dict(i) for i in items],
    }


def atom(watch: dict[str, Any], base_url: str) -> bytes:
    """The watchlist's new articles as an Atom 1.0 feed (RFC 4287)."""
    ET.register_namespace("", ATOM)

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        e = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            e.text = text
        return e

    base = base_url.rstrip("/")
    feed = ET.Element(f"{{{ATOM}}}feed")
    el(feed, "id", f"{base}/watchlists/{watch['id']}")
    el(feed, "title", f"Jaanch: {watch['name']}")
    updated = (
        watch["new"][0]["ingested_at"]
        if watch["new"]
        else (_now().isoformat(timespec="seconds") + "Z")
    )
    el(feed, "updated", updated)
    el(feed, "link", rel="self", href=f"{base}{watch['feed']}")
    el(feed, "link", rel="alternate", href=f"{base}/watchlists/{watch['id']}")
    author = el(feed, "author")
    el(author, "name", "Jaanch")
    el(feed, "generator", "Jaanch")
    for a in watch["new"]:
        entry = el(feed, "entry")
        el(entry, "id", f"{base}/articles/{a['article']}")
        el(entry, "title", a["title"] or a["doc_id"])
        el(entry, "updated", a["ingested_at"])
        if a["published"]:
            el(
                entry,
                "published",
                f"{a['published'][:10]}T00:00:00Z"
                if len(a["published"]) >= 10
                else a["ingested_at"],
            )
        el(entry, "link", rel="alternate", href=f"{base}/articles/{a['article']}")
        if a["url"]:
            el(entry, "link", rel="related", href=a["url"])
        el(entry, "summary", f"{', '.join(a['because'])}: {a['snippet']}")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
