"""From LOC spans to places with kind, district, state and country.

A gazetteer hit carries its own district and state. A place found only by a pattern (a
thana, village, locality) lies, unless the text says otherwise, in the article's anchor
district: the Indian district or city the article is about (its dateline, else the most
mentioned one). ``X के Y`` / ``Y (X)`` with X a known district or city puts Y in X.
"""

from __future__ import annotations

from collections import Counter

from jaanch.doc import Doc
from jaanch.gazetteer import Gazetteer, PlaceRecord
from jaanch.text.normalise import fold_for_match
from jaanch.types import Evidence, Place, Span

KIND_PRIORITY = {
    "police_station": 9,
    "village": 8,
    "facility": 7,
    "sub_district": 6,
    "locality": 5,
    "city": 4,
    "district": 3,
    "state": 2,
    "country": 1,
}
# what stands between a district or city and a place inside it: "राजनांदगांव जिले के बागनदी"
HOST_GAPS = frozenset(
    [
        "के",
        "की",
        "का",
        "के पास",
        "जिले के",
        "जिला के",
        "जिले की",
        "जिले का",
        "जनपद के",
        "शहर के",
        "शहर की",
        "जिले में",
        "के ग्राम",
        "के गांव",
    ]
)
#: gazetteer rank (population where known) up to which a town of another state is taken
#: for a local namesake of the story's district
SMALL_TOWN_RANK = 60_000.0

LOCAL_KINDS = ("police_station", "village", "facility", "locality", "sub_district")


def _record(s: Span) -> PlaceRecord | None:
    rec = (s.value or {}).get("record")
    return rec if isinstance(rec, PlaceRecord) else None


def anchor_record(doc: Doc, locs: list[Span]) -> PlaceRecord | None:
    """The district/city an article is about."""
    recs = [(s, _record(s)) for s in locs]
    indian = [(s, r) for s, r in recs if r is not None and r.country == "IN" and r.district]
    if not indian:
        return None
    # a dateline: a place in the first 80 characters of a line, followed by "।" or ":"
    for s, r in indian:
        line_start = doc.text.rfind("\n", 0, s.nstart) + 1
        after = doc.text[s.nend : s.nend + 3]
        if s.nstart - line_start < 80 and (after[:1] in ("।", ":", "ः") or after.startswith(" (")):
            return r
    counts = Counter(r.district for _, r in indian)
    top = counts.most_common(1)[0][0]
    for _, r in indian:
        if r.district == top:
            return r
    return None


def build_places(doc: Doc) -> list[Place]:
    locs = sorted(doc.spans_of("LOC"), key=lambda s: s.nstart)
    gaz = Gazetteer.default()
    anchor = anchor_record(doc, locs)
    groups: dict[str, list[Span]] = {}
    latin: list[Span] = []
    for s in locs:
        if s.text.isascii() and _record(s) is not None:
            latin.append(s)
        else:
            groups.setdefault(fold_for_match(s.text), []).append(s)
    for s in latin:
        # a Latin-script mention ("Indore") joins the place written in Devanagari
        rec = _record(s)
        assert rec is not None
        same = [
            k
            for k, spans in groups.items()
            if any(
                (r := _record(x)) is not None
                and r.state == rec.state
                and (r.district == rec.district or rec.kind == "state")
                and r.kind in (rec.kind, "city")
                for x in spans
            )
        ]
        groups.setdefault(same[0] if same else fold_for_match(rec.name), []).append(s)
    places: list[Place] = []
    for key, spans in groups.items():
        if not key:
            continue
        first = next((s for s in spans if not s.text.isascii()), spans[0])
        name = " ".join(first.text.split())
        if first.text.isascii() and _record(first) is not None:
            name = _record(first).name  # type: ignore[union-attr]
        kinds = [str((s.value or {}).get("kind")) for s in spans if (s.value or {}).get("kind")]
        pattern_kinds = [
            str((s.value or {}).get("kind"))
            for s in spans
            if (s.value or {}).get("source") in ("pattern",) and (s.value or {}).get("kind")
        ]
        rec = next((r for r in map(_record, spans) if r is not None), None)
        host = _host_place(doc, first, locs)
        heads = {(x.value or {}).get("head") for x in spans}
        if (
            rec is not None
            and pattern_kinds_of(spans) == {"facility"}
            and heads & OUTSIDE_FACILITY_HEADS
        ):
            spans_kind_city = True  # "शिलांग जेल": the jail of a known city names the city
        else:
            spans_kind_city = False
        in_address = bool(heads & {"निवासी"}) or _after_residence(doc, first)
        if host is None and (in_address or _in_brackets_after_person(doc, first)):
            host = _address_host(doc, first, locs)
            if host is not None and rec is not None and rec.state != host.state:
                rec = None  # "निवासी गोपालपुरा कालकाजी दिल्ली": Delhi's, not Odisha's town
        state_ctx = host.state if host is not None else (anchor.state if anchor else None)
        if rec is not None and state_ctx:
            better = gaz.best(name, context_state=state_ctx)
            if better is not None and better.state == state_ctx:
                rec = better
        if (
            rec is not None
            and not pattern_kinds
            and host is None
            and anchor is not None
            and rec.state != anchor.state
            and rec.kind in ("city", "sub_district", "village")
            and rec.rank <= SMALL_TOWN_RANK
            and len(name.split()) == 1
        ):
            # a small town of another state named in a story from elsewhere ("प्रेमनगर" in a
            # Dehradun story is its locality, not Chhattisgarh's block)
            rec = None
            pattern_kinds = ["locality"]
        kind: str | None
        if spans_kind_city and rec is not None:
            kind = rec.kind
        elif pattern_kinds:
            kind = max(pattern_kinds, key=lambda k: KIND_PRIORITY.get(k, 0))
            if (
                rec is not None
                and kind == "locality"
                and rec.kind in ("city", "district", "sub_district", "state", "country")
                and (anchor is None or host is not None or rec.state == anchor.state)
            ):
                kind = rec.kind  # "इंदौर इलाके": a known city, not a locality
            elif (
                rec is not None
                and kind in LOCAL_KINDS
                and host is None
                and anchor
                and rec.state != anchor.state
            ):
                rec = None  # "द्वारका इलाके" in a Delhi story: a locality there, not Gujarat's town
        elif rec is not None:
            kind = rec.kind
        else:
            # a name the trained model found with nothing around it: most such places in
            # crime news are localities
            kind = kinds[0] if kinds else "locality"
        district = state = country = None
        lgd_d = lgd_s = None
        if rec is not None:
            district = rec.district if rec.kind not in ("state", "country") else None
            state, country = rec.state, rec.country
            lgd_d, lgd_s = rec.lgd_district, rec.lgd_state
        if rec is None or (
            kind in LOCAL_KINDS
            and rec.kind not in LOCAL_KINDS
            and host is None
            and anchor
            and rec.state != anchor.state
        ):
            src = host or anchor
            if (
                host is not None
                and host.kind == "state"
                and anchor is not None
                and anchor.state == host.state
            ):
                src = anchor
            if src is not None:
                district, state, country = src.district, src.state, src.country
                lgd_d, lgd_s = src.lgd_district, src.lgd_state
            else:
                district = state = None
                country = None
        places.append(
            Place(
                name=name,
                kind=kind,
                district=district,
                state=state,
                country=country,
                lgd_district=lgd_d,
                lgd_state=lgd_s,
                evidence=[Evidence.of(s) for s in spans],
            )
        )
    return places


OUTSIDE_FACILITY_HEADS = frozenset(["जेल", "अस्पताल", "स्टेशन", "रेलवे स्टेशन", "बस स्टैंड", "एयरपोर्ट"])


def pattern_kinds_of(spans: list[Span]) -> set[str]:
    return {
        str((s.value or {}).get("kind"))
        for s in spans
        if (s.value or {}).get("source") == "pattern"
    }


def _in_brackets_after_person(doc: Doc, s: Span) -> bool:
    """``शहनाज खानम(चंदननगर)``: a place in brackets right after a name is an address."""
    before = doc.text[max(0, s.nstart - 2) : s.nstart].strip()
    if not before.endswith("("):
        return False
    return any(p.nend <= s.nstart and s.nstart - p.nend <= 2 for p in doc.spans_of("PERSON"))


def _after_residence(doc: Doc, s: Span) -> bool:
    """Is ``s`` part of an address after ``निवासी``/``वासी``, with only names between?"""
    before = doc.text[max(0, s.nstart - 60) : s.nstart]
    for marker in ("निवासी", "वासी", "निवासिनी"):
        k = before.rfind(marker)
        if k >= 0:
            gap = before[k + len(marker) :]
            if not any(ch in gap for ch in "।,;()") and not any(
                w in gap.split() for w in ("की", "के", "को", "ने", "से", "पर", "में", "का")
            ):
                return True
    return False


def _address_host(doc: Doc, s: Span, locs: list[Span]) -> PlaceRecord | None:
    """The district or city named later in the same address: ``निवासी शिवपार्क सोसायटी
    मिनर्वा हाल घाटलोडिया अहमदाबाद(गुजरात)``. For a bracketed address, the anchor."""
    end = doc.text.find("।", s.nend)
    end = len(doc.text) if end < 0 else end
    for o in locs:
        r = _record(o)
        if o.nstart >= s.nend and o.nstart <= min(end, s.nend + 80) and r is not None:
            if r.kind in ("city", "district", "state") and r.country == "IN":
                gap = doc.text[s.nend : o.nstart]
                if not any(w in gap.split() for w in ("की", "के", "को", "ने", "से", "पर", "में")):
                    return r
    return None


def _host_place(doc: Doc, s: Span, locs: list[Span]) -> PlaceRecord | None:
    """``कानपुर के बिकरू`` / ``बिकरू (कानपुर)``: a known district or city right beside."""
    for o in locs:
        r = _record(o)
        if o is s or r is None or r.kind not in ("district", "city", "state") or r.country != "IN":
            continue
        gap = " ".join(doc.text[o.nend : s.nstart].split())
        if 0 <= s.nstart - o.nend <= 14 and gap in HOST_GAPS:
            return r
        if r.kind == "state":
            continue
        gap2 = doc.text[s.nend : o.nstart]
        if 0 <= o.nstart - s.nend <= 3 and gap2.strip() == "(":
            return r
    return None
