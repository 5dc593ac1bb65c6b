"""Crimes, actions, laws, amounts, dates and case counts of an article."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv
from jaanch.recognise.cues import article_codes
from jaanch.recognise.laws import resolve_laws
from jaanch.types import Amount, CaseCount, Coded, DateFact, Evidence, Law, Span

if TYPE_CHECKING:
    from jaanch.facts.people import Cluster


@cache
def section_crimes() -> dict[tuple[str, str], str]:
    return {(r["act"], r["section"]): r["crime"] for r in load_tsv("section_crimes.tsv")}


def build_laws(doc: Doc) -> list[Law]:
    spans = doc.spans_of("LAW")
    laws: list[Law] = []
    for d in resolve_laws(spans, doc.article.published):
        ev = [Evidence.of(s) for s in spans if _mentions(s, d["act"], d.get("section"))]
        laws.append(
            Law(
                act=d["act"],
                section=d.get("section"),
                bns=list(d.get("bns") or []),
                ipc=list(d.get("ipc") or []),
                evidence=ev,
            )
        )
    return laws


def _mentions(s: Span, act: str, section: str | None) -> bool:
    for law in (s.value or {}).get("laws", []):
        if law.get("section") == section and law.get("act") in (act, None):
            return True
    return False


def build_codes(doc: Doc, laws: list[Law]) -> tuple[list[Coded], list[Coded]]:
    crimes_raw, actions_raw = article_codes(doc)
    crimes = [Coded(code, [Evidence.of(s) for s in spans]) for code, spans in crimes_raw]
    actions = [Coded(code, [Evidence.of(s) for s in spans]) for code, spans in actions_raw]
    table = section_crimes()
    have = {c.code for c in crimes}
    for law in laws:
        code = table.get((law.act, law.section or "")) or table.get((law.act, ""))
        if code and code not in have:
            crimes.append(Coded(code, list(law.evidence)))
            have.add(code)
    return crimes, actions


def build_amounts(doc: Doc) -> list[Amount]:
    out: list[Amount] = []
    seen: set[int] = set()
    for s in sorted(doc.spans_of("MONEY"), key=lambda s: s.start):
        v = s.value or {}
        value = v.get("value")
        if not isinstance(value, int | float) or value <= 0:
            continue
        value = int(value)
        if value in seen:
            for a in out:
                if a.value == value:
                    a.evidence.append(Evidence.of(s))
            continue
        seen.add(value)
        out.append(
            Amount(
                value=value,
                currency=str(v.get("currency") or "INR"),
                approx=bool(v.get("approx")),
                text=" ".join(s.text.split()),
                evidence=[Evidence.of(s)],
            )
        )
    return out


def build_dates(doc: Doc) -> list[DateFact]:
    """Dates of reported events: explicit dates with a year, day-months in the year of
    publication, and weekdays / relative days resolved against ``published``; only dates
    whose sentence, or a sentence next to it, holds a crime or an action (not negated): the
    wedding before a theft or the year a law was made is no date of the story's events."""
    found: dict[str, DateFact] = {}
    sentences = doc.sentences
    index = {sent.start: k for k, sent in enumerate(sentences)}
    cued = {
        index[sent.start]
        for c in doc.spans_of("CRIME_CUE", "ACTION_CUE")
        if not (c.value or {}).get("negated") and (sent := doc.sentence_at(c.nstart)) is not None
    }
    for s in sorted(doc.spans_of("DATE", "RELDATE"), key=lambda s: s.start):
        iso = (s.value or {}).get("iso")
        if not iso or (s.value or {}).get("future"):
            continue
        if s.label == "DATE" and (s.value or {}).get("time") and not (s.value or {}).get("iso"):
            continue
        sent = doc.sentence_at(s.nstart)
        if sent is not None and not {index[sent.start] + d for d in (-1, 0, 1)} & cued:
            continue
        found.setdefault(str(iso), DateFact(str(iso))).evidence.append(Evidence.of(s))
    return list(found.values())


def build_case_counts(doc: Doc, clusters: list[Cluster]) -> list[CaseCount]:
    """``बलराम राजपूत पर ... 16 मुकदमे दर्ज``; ``हरियाणा के सिरसा में भी उसके खिलाफ 4 केस``."""
    mentions = sorted(
        ((m, c) for c in clusters for m in c.mentions + c.alias_mentions), key=lambda x: x[0].nstart
    )
    locs = sorted(doc.spans_of("LOC"), key=lambda s: s.nstart)
    out: list[CaseCount] = []
    last_person: Cluster | None = None
    for s in sorted(doc.spans_of("COUNT"), key=lambda s: s.nstart):
        v = s.value or {}
        if v.get("category") != "case" or not v.get("count"):
            continue
        sent = doc.sentence_at(s.nstart)
        lo = sent.start if sent else max(0, s.nstart - 200)
        person = None
        for m, c in mentions:
            if lo <= m.nstart < s.nstart:
                person = c
        if person is None:
            # a pronoun ("उसके खिलाफ", "उस पर") refers back to the previous sentence
            window = doc.text[lo : s.nstart]
            if any(p in window.split() for p in ("उसके", "उनके", "उस", "उन", "उसपर", "इसके")):
                for m, c in mentions:
                    if m.nstart < lo:
                        last_person = c
                person = last_person
        if person is None:
            continue
        place = None
        for loc in locs:
            if lo <= loc.nstart and loc.nend <= s.nstart:
                tail = doc.text[loc.nend : loc.nend + 4]
                if tail.strip().startswith("में"):
                    place = " ".join(loc.text.split())
        out.append(CaseCount(person.name, int(v["count"]), place, [Evidence.of(s)]))
    # one figure per (person, place): the first stated
    seen: set[tuple[str, str | None]] = set()
    uniq = []
    for cc in out:
        if (cc.person, cc.place) in seen:
            continue
        seen.add((cc.person, cc.place))
        uniq.append(cc)
    return uniq
