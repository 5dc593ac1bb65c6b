"""Engines and migrations.

``open_store(url)`` returns an engine on an up-to-date schema: SQLite by default (one file,
WAL journal, foreign keys on), PostgreSQL with ``postgresql://`` or
``postgresql+psycopg://`` URLs. The URL comes from ``--db``, else ``$JAANCH_DB``, else
``sqlite:///jaanch.db`` in the working directory. Alembic migrations ship inside the
package (``jaanch/store/migrations``) and run on open.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text

DEFAULT_URL = "sqlite:///jaanch.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str | None = None) -> str:
    """The store URL to use: ``url``, else ``$JAANCH_DB``, else the default SQLite file."""
    url = url or os.environ.get("JAANCH_DB") or DEFAULT_URL
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if "://" not in url:  # a bare path
        url = f"sqlite:///{url}"
    return url


def connect(url: str | None = None) -> Engine:
    """An engine for ``url`` (no migrations run)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            # reads dominate (search, pages): map the file and keep more pages in memory
            cur.execute("PRAGMA mmap_size=1073741824")
            cur.execute("PRAGMA cache_size=-65536")
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(url: str | None = None, *, upgrade: bool = True) -> Engine:
    """An engine on a migrated store (creating the SQLite file if needed). Processes that
    open a new or old store at once migrate it one at a time: one migrates under a lock
    (a lock file beside a SQLite store, an advisory lock on PostgreSQL), the others wait
    for it and then find the schema current."""
    engine = connect(url)
    # SQLite: even the check waits for the lock (the file lock is cheap), so no process
    # reads the schema while another one is rewriting it, which SQLite can refuse at once
    # with "database is locked" whatever the busy timeout
    if upgrade and (is_sqlite(engine) or _needs_migration(engine)):
        with _migration_lock(engine):
            if _needs_migration(engine):
                migrate(engine)
    return engine


def _needs_migration(engine: Engine) -> bool:
    insp = inspect(engine)
    return "alembic_version" not in insp.get_table_names() or _behind(engine)


#: the PostgreSQL advisory lock key of schema migrations (any fixed 64-bit number)
_PG_LOCK_KEY = 0x6A61616E6368  # "jaanch"


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's migration lock for the block."""
    if is_sqlite(engine):
        path = engine.url.database
        if not path or path == ":memory:":
            yield
            return
        lock = Path(f"{path}.migrate.lock")
        with lock.open("a") as fh:
            try:
                import fcntl
            except ImportError:  # not POSIX: SQLite's own busy timeout must do
                yield
                return
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})


def _behind(engine: Engine) -> bool:
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current != head


def insert_for(dialect: str) -> Any:
    """The dialect's ``insert`` construct, which knows ``ON CONFLICT`` (SQLite and
    PostgreSQL): for writes that concurrent writers may race on."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert

        return insert
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    return pg_insert


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
