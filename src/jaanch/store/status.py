"""``jaanch status``: what the store holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from jaanch.store.models import ArticleRow, Entity, Failure, IncidentRow, Judgement, Mention, Meta


def status(engine: Engine, failures: int = 50) -> dict[str, Any]:
    """Counts and the latest failures, as a JSON-ready dict (``articles``, ``failed``,
    ``entities``, ...)."""
    from jaanch.store.ingest import current_tag

    with engine.connect() as conn:

        def count(model: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(model)).scalar() or 0)

        by_kind = dict(conn.execute(select(Entity.kind, func.count()).group_by(Entity.kind)).all())
        tag = current_tag()
        stale = conn.execute(
            select(func.count()).select_from(ArticleRow).where(ArticleRow.pipeline != tag)
        ).scalar()
        fails = conn.execute(select(Failure).order_by(Failure.id.desc()).limit(failures)).all()
        resolved = conn.execute(select(Meta.value).where(Meta.key == "resolved")).scalar()
        return {
            "url": engine.url.render_as_string(hide_password=True),
            "articles": count(ArticleRow),
            "failed": count(Failure),
            "mentions": count(Mention),
            "entities": count(Entity),
            "entities_by_kind": {k: int(v) for k, v in sorted(by_kind.items())},
            "incidents": count(IncidentRow),
            "judgements": count(Judgement),
            "resolved": resolved == "1" or count(ArticleRow) == 0,
            "stale_articles": int(stale or 0),
            "extractor": tag,
            "failures": [
                {"id": r.doc_id, "origin": r.origin, "stage": r.stage, "reason": r.reason}
                for r in fails
            ],
        }
