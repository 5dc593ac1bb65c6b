"""Alembic environment for the Jaanch store; works from the installed package.

Run through ``jaanch.store.db.migrate`` (which passes an open connection), or with the
``alembic`` command and ``-x db=URL`` / ``$JAANCH_DB``.
"""

from __future__ import annotations

from alembic import context

from jaanch.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    from jaanch.store.db import connect

    url = context.get_x_argument(as_dictionary=True).get("db")
    engine = connect(url)
    with engine.begin() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()


run()
