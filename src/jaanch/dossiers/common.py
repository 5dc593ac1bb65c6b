"""What the dossiers share: the people mentions of the store with their entities, the
incidents that name them, and the privacy rule (a protected person shows a pseudonym)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.lexicons import load_yaml
from jaanch.privacy import redact_text
from jaanch.store.models import ARTICLE_META, ArticleRow, Entity, IncidentRow, Link, Mention


@cache
def vocabulary() -> dict[str, frozenset[str]]:
    d = load_yaml("dossiers.yaml")
    return {k: frozenset(v) for k, v in d.items() if isinstance(v, list)}


@dataclass
class PersonFile:
    """One person (entity) and what the store holds on them."""

    entity: Entity
    mentions: list[Mention] = field(default_factory=list)
    #: (incident, article) pairs of incidents that name the person
    incidents: list[tuple[IncidentRow, Any]] = field(default_factory=list)

    def name(self, include_protected: bool) -> str:
        e = self.entity
        return e.name if include_protected or not e.protected else (e.pseudonym or e.id)


def load_people(
    engine: Engine, *, want: Iterable[str] = (), include_protected: bool = False
) -> tuple[list[PersonFile], dict[int, dict[str, str]]]:
    """Every person entity with at least one mention whose roles meet ``want`` (any role
    when empty), their mentions, and the incidents of their articles that name them; and
    per article the names to hide (protected people) for redacting evidence."""
    want = set(want)
    with Session(engine) as s:
        rows = s.execute(
            select(Mention, Entity)
            .join(Link, Link.mention_id == Mention.id)
            .join(Entity, Entity.id == Link.entity_id)
            .where(Mention.kind == "PERSON")
        ).all()
        files: dict[str, PersonFile] = {}
        hidden: dict[int, dict[str, str]] = defaultdict(dict)
        for m, e in rows:
            if e.protected and not include_protected:
                for n in [m.name, *(m.aliases or [])]:
                    if n:
                        hidden[m.article_id][n] = e.pseudonym or e.id
            f = files.get(e.id)
            if f is None:
                f = files[e.id] = PersonFile(e)
            f.mentions.append(m)
        if want:
            files = {
                k: f for k, f in files.items() if any(want & set(m.roles or []) for m in f.mentions)
            }
        aids = sorted({m.article_id for f in files.values() for m in f.mentions})
        incidents: dict[int, list[IncidentRow]] = defaultdict(list)
        arts: dict[int, Any] = {}
        for i in range(0, len(aids), 500):
            chunk = aids[i : i + 500]
            for inc in s.execute(
                select(IncidentRow).where(IncidentRow.article_id.in_(chunk))
            ).scalars():
                incidents[inc.article_id].append(inc)
            for a in s.execute(select(*ARTICLE_META).where(ArticleRow.id.in_(chunk))):
                arts[a.id] = a
    for f in files.values():
        for m in f.mentions:
            names = {m.name, *(m.aliases or [])}
            for inc in incidents.get(m.article_id, []):
                if names & set(inc.people or []):
                    f.incidents.append((inc, arts.get(m.article_id)))
        # one incident once, even when two mentions of the person name it
        f.incidents = list({inc.id: (inc, art) for inc, art in f.incidents}.values())
    return list(files.values()), hidden


def incident_dict(inc: IncidentRow, art: Any, hidden: dict[int, dict[str, str]]) -> dict[str, Any]:
    return {
        "incident": inc.id,
        "article": inc.article_id,
        "doc_id": art.doc_id if art else None,
        "title": art.title if art else None,
        "date": inc.date or (art.published if art else None),
        "crimes": list(inc.crimes or []),
        "actions": list(inc.actions or []),
        "district": inc.district,
        "state": inc.state,
        "evidence": redact_text(inc.sentence, hidden.get(inc.article_id, {})),
    }


def in_range(date: str | None, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    if not date:
        return False
    return (not since or date[: len(since)] >= since) and (not until or date[: len(until)] <= until)
