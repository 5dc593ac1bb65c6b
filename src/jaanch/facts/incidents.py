"""Group an article's facts into incidents.

A report often tells more than one event: seed 003 has the PRO's misconduct, a 2018 case
and the 2020 Bikru killings. Sentences are grouped into segments: a new segment starts
where a sentence carries a date with a year different from the running segment's, or a
paragraph opens with a crime cue after a paragraph without people in common. Each
segment that holds a crime or an action becomes an incident with the crimes, actions,
people, places and dates whose evidence lies inside it, and the sentence spans as
evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jaanch.doc import Doc
from jaanch.types import Evidence, Extraction, Incident

if TYPE_CHECKING:
    from jaanch.facts.people import Cluster


def _year(iso: str | None) -> str | None:
    return iso[:4] if iso else None


def build_incidents(doc: Doc, ex: Extraction, clusters: list[Cluster]) -> list[Incident]:
    sents = doc.sentences
    if not sents:
        return []
    # sentence index -> years mentioned
    years: list[set[str]] = [set() for _ in sents]
    idx_of = {id(s): i for i, s in enumerate(sents)}
    for span in doc.spans_of("DATE"):
        y = _year((span.value or {}).get("iso"))
        sent = doc.sentence_at(span.nstart)
        if y and sent is not None:
            years[idx_of[id(sent)]].add(y)
    segments: list[list[int]] = [[0]]
    running: set[str] = set(years[0])
    for i in range(1, len(sents)):
        ys = years[i]
        if ys and running and not (ys & running):
            segments.append([i])
            running = set(ys)
        else:
            segments[-1].append(i)
            running |= ys
    incidents: list[Incident] = []
    for seg in segments:
        lo, hi = sents[seg[0]].start, sents[seg[-1]].end
        start, end = doc.norm.to_input(lo, hi)

        def inside(evs: list[Evidence], start: int = start, end: int = end) -> bool:
            return any(start <= e.start < end for e in evs)

        crimes = [c.code for c in ex.crimes if inside(c.evidence)]
        actions = [a.code for a in ex.actions if inside(a.evidence)]
        if not crimes and not actions:
            continue
        incidents.append(
            Incident(
                id=f"{ex.article.id}#{len(incidents) + 1}",
                crimes=crimes,
                actions=actions,
                people=[p.name for p in ex.people if inside(p.evidence)],
                places=[p.name for p in ex.places if inside(p.evidence)],
                dates=[d.value for d in ex.dates if inside(d.evidence)],
                evidence=[Evidence(start, end, doc.article.text[start:end], "incidents", "1.0")],
            )
        )
    return incidents
