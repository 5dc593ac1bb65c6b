"""The knowledge base: storage (SQLAlchemy + Alembic), ingest, and helpers."""

from jaanch.store.db import DEFAULT_URL, connect, normalise_url, open_store

__all__ = ["DEFAULT_URL", "connect", "normalise_url", "open_store"]
