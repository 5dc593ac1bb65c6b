"""Key-value facts about a store (``meta`` table): whether it has been resolved since the
last write, and the like. A leaf: ingest and resolution both read and write it."""

from __future__ import annotations

from sqlalchemy import Connection, select

from jaanch.store.db import insert_for
from jaanch.store.models import Meta


def set_meta(conn: Connection, key: str, value: str) -> None:
    """Set ``key`` to ``value`` in one statement (an upsert): concurrent writers of one
    key never collide."""
    stmt = insert_for(conn.dialect.name)(Meta).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(Meta.value).where(Meta.key == key)).scalar()
