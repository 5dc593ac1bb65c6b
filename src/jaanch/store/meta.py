"""Key-value facts about a store (``meta`` table): whether it has been resolved since the
last write, and the like. A leaf: ingest and resolution both read and write it."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from jaanch.store.models import Meta


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(Meta).where(Meta.key == key))
    conn.execute(insert(Meta).values(key=key, value=value))


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(Meta.value).where(Meta.key == key)).scalar()
