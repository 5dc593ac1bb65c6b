"""Cross-article resolution of people, places and organisations into canonical entities.

See :mod:`jaanch.resolve.resolver` for the steps; :func:`merge` and :func:`split` record a
reviewer's judgement and re-run resolution. Resolution reads the store; the store never
calls it: whoever ingests runs it afterwards (:func:`ingest_and_resolve`, or
:func:`resolve_if_pending` after :func:`jaanch.store.ingest.ingest`).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine

from jaanch.resolve.resolver import (
    ResolveReport,
    decide,
    merge,
    resolve_store,
    split,
)
from jaanch.store.ingest import IngestReport, ingest
from jaanch.store.meta import get_meta


def resolve_if_pending(engine: Engine) -> ResolveReport | None:
    """Resolve the store if something was written since the last resolution."""
    with engine.connect() as conn:
        pending = get_meta(conn, "resolved") != "1"
    return resolve_store(engine) if pending else None


def ingest_and_resolve(engine: Engine, paths: list[str], **kw: Any) -> IngestReport:
    """:func:`jaanch.store.ingest.ingest`, then resolution where anything changed; the
    report's seconds include both."""
    rep = ingest(engine, paths, **kw)
    t = rep.seconds
    t0 = time.perf_counter()
    resolve_if_pending(engine)
    rep.seconds = t + time.perf_counter() - t0
    return rep


__all__ = [
    "ResolveReport",
    "decide",
    "ingest_and_resolve",
    "merge",
    "resolve_if_pending",
    "resolve_store",
    "split",
]
