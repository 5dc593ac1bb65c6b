"""Score predicted ``jaanch.extraction/1`` records against gold records.

This module implements the "Matching rules used in scoring" of
``../shared/spec/extraction-format.md`` as pure functions; ``jaanch eval`` is a thin
wrapper around :func:`score`, :func:`diff` and :func:`render`.

Comparison key
    Every string is compared through :func:`jaanch.text.normalise.fold_for_match` (NFC,
    nukta removed, zero-width characters removed, chandrabindu folded to anusvara, white
    space collapsed, trailing punctuation stripped). Codes (crime, action, role,
    designation, act) are compared stripped; acts and sections upper-cased, sections
    without spaces (``498 A`` = ``498A``).

Counting
    Every group counts true positives (tp), false positives (fp) and false negatives
    (fn) per article; the report sums them over articles (micro-average) and derives
    precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = their harmonic mean.
    Empty denominators: precision with tp + fp == 0 is 1.0 when fn == 0 too (nothing
    predicted, nothing to find) and 0.0 otherwise; recall with tp + fn == 0 is 1.0 when
    fp == 0 and 0.0 otherwise; F1 is 0.0 when precision + recall == 0. So an article
    with nothing predicted and nothing in gold scores 1.0, never a division by zero.

Groups
    ``entities.strict.<TYPE>``
        Same type, same start and end (input offsets). Types other than the seven
        entity types are ignored; ``ALL`` sums the seven. Duplicates count once.
    ``entities.lenient.<TYPE>``
        Same type, overlapping spans, one-to-one: a maximum-cardinality matching (ties
        broken towards larger overlaps). Two predicted spans overlapping one gold span
        give one tp and one fp.
    ``people``
        A predicted person matches a gold person when its ``name`` or any alias equals
        (folded) the gold ``name`` or any gold alias; the match is one-to-one, maximum
        cardinality, preferring name = name over name = alias over alias = alias.
        tp = matched pairs, fp = unmatched predicted, fn = unmatched gold persons.
        This alignment is reused by the groups below.
    ``roles``
        Over (person, role) pairs: for a matched pair, tp = roles in both, fp =
        predicted roles not in gold, fn = gold roles not predicted; every role of an
        unmatched predicted person is an fp, every role of an unmatched gold person an
        fn.
    ``designations``
        The same with the person's single designation code; nulls are ignored.
    ``crimes``, ``actions``, ``dates``
        Sets of codes / ISO strings per article.
    ``laws``
        The set of acts. ``law_sections``: the set of (act, section) pairs, where a null
        section is a value of its own (``(IPC, null)`` does not match ``(IPC, 302)``).
    ``amounts``
        The set of integer values.
    ``places``
        The set of folded place names. ``place_attrs``: over name-matched places only,
        a tp when ``kind``, ``district`` and ``state`` all equal (case-insensitive,
        null = null), otherwise one fp and one fn; so its P = R = F1 is the attribute
        accuracy of the places that were found.
    ``case_counts``
        Set of (person, count) pairs; the person is replaced by the aligned gold
        person's name when the people alignment knows it (``place`` is not scored).
    ``relations``
        Set of (type, head, tail) triples. A predicted name (or alias) of a predicted
        person aligned to gold person P is replaced by P's gold name (gold names and
        aliases likewise map to their person's name); ``posted_at`` and ``member_of``
        tails are places / organisations and only folded. For ``spouse``, ``sibling``,
        ``relative`` and ``associate`` the order does not matter. For ``alias`` the
        head is the person and the tail the other string as written (folded); an alias
        relation written the other way round (``alias: <alias> -> <name>``) is turned
        round when both ends belong to the same person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jaanch.text.normalise import fold_for_match
from jaanch.types import ENTITY_TYPES

__all__ = [
    "FACT_GROUPS",
    "PRF",
    "Report",
    "align_people",
    "diff",
    "render",
    "score",
    "score_article",
]

SYMMETRIC_RELATIONS = frozenset({"spouse", "sibling", "relative", "associate"})
NON_PERSON_TAIL = frozenset({"posted_at", "member_of"})

#: roles and relation types also scored on their own (sub-groups of roles, relations)
ROLE_KEYS = ("accused", "victim", "complainant", "official")
RELATION_KEYS = ("alias", "kinship", "associate", "member_of", "posted_at")
KINSHIP = ("spouse", "parent_of", "sibling", "relative")

#: fact groups in report order
FACT_GROUPS = (
    "people",
    "roles",
    *(f"roles.{r}" for r in ROLE_KEYS),
    "designations",
    "crimes",
    "actions",
    "dates",
    "laws",
    "law_sections",
    "amounts",
    "places",
    "place_attrs",
    "case_counts",
    "relations",
    *(f"relations.{r}" for r in RELATION_KEYS),
)
ENTITY_KEYS = (*ENTITY_TYPES, "ALL")


# --------------------------------------------------------------------------- counts


@dataclass
class PRF:
    """True positive, false positive and false negative counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "p": self.precision,
            "r": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class _Outcome:
    """The items behind one group's counts in one article (for :func:`diff`)."""

    tp: list[str] = field(default_factory=list)
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)

    def counts(self) -> PRF:
        return PRF(len(self.tp), len(self.fp), len(self.fn))


@dataclass
class Report:
    """Micro-averaged scores over all articles, plus the per-article counts.

    ``entities_strict`` and ``entities_lenient`` map each entity type and ``ALL`` to
    counts; ``facts`` maps each name in :data:`FACT_GROUPS` to counts; ``per_article``
    maps an article id to ``{group key: counts}`` with keys as in :meth:`flat`.
    """

    entities_strict: dict[str, PRF] = field(default_factory=lambda: _zero(ENTITY_KEYS))
    entities_lenient: dict[str, PRF] = field(default_factory=lambda: _zero(ENTITY_KEYS))
    facts: dict[str, PRF] = field(default_factory=lambda: _zero(FACT_GROUPS))
    per_article: dict[str, dict[str, PRF]] = field(default_factory=dict)
    n_articles: int = 0

    def flat(self) -> dict[str, PRF]:
        """All counts under flat keys: ``entities.strict.PERSON``, ..., ``people``, ..."""
        out: dict[str, PRF] = {}
        for t, c in self.entities_strict.items():
            out[f"entities.strict.{t}"] = c
        for t, c in self.entities_lenient.items():
            out[f"entities.lenient.{t}"] = c
        out.update(self.facts)
        return out

    def add_article(self, article_id: str, counts: Mapping[str, PRF]) -> None:
        self.n_articles += 1
        key = article_id
        n = 2
        while key in self.per_article:
            key = f"{article_id}#{n}"
            n += 1
        self.per_article[key] = dict(counts)
        mine = self.flat()
        for k, c in counts.items():
            mine[k].add(c)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "entities": {
                "strict": {t: c.to_dict() for t, c in self.entities_strict.items()},
                "lenient": {t: c.to_dict() for t, c in self.entities_lenient.items()},
            }
        }
        for g, c in self.facts.items():
            out[g] = c.to_dict()
        return out

    def rows(self) -> list[tuple[str, str, float, float, float, int, int, int]]:
        """``(group, name, p, r, f1, tp, fp, fn)`` in print order."""
        rows: list[tuple[str, str, float, float, float, int, int, int]] = []

        def row(group: str, name: str, c: PRF) -> None:
            rows.append((group, name, c.precision, c.recall, c.f1, c.tp, c.fp, c.fn))

        for t, c in self.entities_strict.items():
            row("entities.strict", t, c)
        for t, c in self.entities_lenient.items():
            row("entities.lenient", t, c)
        for g, c in self.facts.items():
            row("facts", g, c)
        return rows


def _zero(keys: Iterable[str]) -> dict[str, PRF]:
    return {k: PRF() for k in keys}


# --------------------------------------------------------------------------- matching


def _max_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Pairs (row, col) maximising the total weight (Hungarian algorithm).

    Only pairs with a positive weight are returned; weight 0 means "may not pair".
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    if n > m:
        transposed = [[weights[i][j] for i in range(n)] for j in range(m)]
        return [(i, j) for j, i in _max_assignment(transposed)]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            row = weights[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return [(p[j] - 1, j - 1) for j in range(1, m + 1) if p[j] and weights[p[j] - 1][j - 1] > 0]


def _match(edges: Mapping[tuple[int, int], int]) -> list[tuple[int, int]]:
    """A maximum-cardinality one-to-one matching; among those, the largest total quality.

    ``edges`` maps (left, right) to a quality >= 0. The graph is split into connected
    components so the cubic assignment only ever sees small blocks.
    """
    if not edges:
        return []
    adj: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in edges:
        adj.setdefault(("L", i), []).append(("R", j))
        adj.setdefault(("R", j), []).append(("L", i))
    seen: set[tuple[str, int]] = set()
    result: list[tuple[int, int]] = []
    for start in adj:
        if start in seen:
            continue
        comp: list[tuple[str, int]] = []
        stack = [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            comp.append(node)
            for nxt in adj[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        lefts = sorted(i for side, i in comp if side == "L")
        rights = sorted(j for side, j in comp if side == "R")
        if len(lefts) == 1 or len(rights) == 1:
            # a star: the best single edge
            best = max(
                ((i, j) for i in lefts for j in rights if (i, j) in edges),
                key=lambda e: edges[e],
            )
            result.append(best)
            continue
        # one more edge always beats any sum of qualities
        big = sum(max(edges[(i, j)] for j in rights if (i, j) in edges) for i in lefts) + 1
        w = [[big + edges[(i, j)] if (i, j) in edges else 0 for j in rights] for i in lefts]
        result.extend((lefts[a], rights[b]) for a, b in _max_assignment(w))
    return sorted(result)


# --------------------------------------------------------------------------- helpers


def _fold(s: Any) -> str:
    return fold_for_match(str(s)) if s is not None else ""


def _code(s: Any) -> str:
    return str(s).strip() if s is not None else ""


def _list(rec: Mapping[str, Any], key: str) -> list[Any]:
    v = rec.get(key)
    return list(v) if isinstance(v, list | tuple) else []


def _dicts(rec: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return [x for x in _list(rec, key) if isinstance(x, Mapping)]


def _int(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    try:
        return int(round(float(v)))
    except (TypeError, ValueError):
        return None


def _set_outcome(pred: Iterable[str], gold: Iterable[str]) -> _Outcome:
    ps = {x for x in pred if x}
    gs = {x for x in gold if x}
    return _Outcome(sorted(ps & gs), sorted(ps - gs), sorted(gs - ps))


def article_id(pred: Mapping[str, Any], gold: Mapping[str, Any], index: int = 0) -> str:
    """The id of an article: gold ``id`` / ``article.id``, else the prediction's, else #n."""
    for rec in (gold, pred):
        art = rec.get("article")
        for v in (rec.get("id"), art.get("id") if isinstance(art, Mapping) else None):
            if v not in (None, ""):
                return str(v)
    return f"#{index + 1}"


# --------------------------------------------------------------------------- entities


_Ent = tuple[str, int, int, str]  # type, start, end, text


def _entities(rec: Mapping[str, Any]) -> list[_Ent]:
    out: dict[tuple[str, int, int], _Ent] = {}
    for e in _dicts(rec, "entities"):
        t = e.get("type")
        s, en = _int(e.get("start")), _int(e.get("end"))
        if t not in ENTITY_TYPES or s is None or en is None:
            continue
        out.setdefault((str(t), s, en), (str(t), s, en, str(e.get("text") or "")))
    return sorted(out.values(), key=lambda x: (x[1], x[2], x[0]))


def _ent_str(e: _Ent) -> str:
    return f"{e[0]} {e[1]}:{e[2]} {e[3]}".rstrip()


def _entity_outcomes(
    pred: Mapping[str, Any], gold: Mapping[str, Any]
) -> tuple[dict[str, _Outcome], dict[str, _Outcome]]:
    pe, ge = _entities(pred), _entities(gold)
    strict: dict[str, _Outcome] = {t: _Outcome() for t in ENTITY_KEYS}
    lenient: dict[str, _Outcome] = {t: _Outcome() for t in ENTITY_KEYS}
    gkeys = {e[:3] for e in ge}
    pkeys = {e[:3] for e in pe}
    for e in pe:
        (strict[e[0]].tp if e[:3] in gkeys else strict[e[0]].fp).append(_ent_str(e))
    for e in ge:
        if e[:3] not in pkeys:
            strict[e[0]].fn.append(_ent_str(e))
    for t in ENTITY_TYPES:
        pt = [e for e in pe if e[0] == t]
        gt = [e for e in ge if e[0] == t]
        edges: dict[tuple[int, int], int] = {}
        for i, a in enumerate(pt):
            for j, b in enumerate(gt):
                ov = min(a[2], b[2]) - max(a[1], b[1])
                if ov > 0:
                    # prefer larger overlaps, then exact boundaries
                    edges[(i, j)] = 4 * ov + 2 * (a[1] == b[1]) + 2 * (a[2] == b[2])
        pairs = _match(edges)
        mp = {i for i, _ in pairs}
        mg = {j for _, j in pairs}
        o = lenient[t]
        o.tp = [f"{_ent_str(pt[i])} ~ {gt[j][1]}:{gt[j][2]}" for i, j in pairs]
        o.fp = [_ent_str(e) for i, e in enumerate(pt) if i not in mp]
        o.fn = [_ent_str(e) for j, e in enumerate(gt) if j not in mg]
    for table in (strict, lenient):
        for t in ENTITY_TYPES:
            for part in ("tp", "fp", "fn"):
                getattr(table["ALL"], part).extend(getattr(table[t], part))
        for part in ("tp", "fp", "fn"):
            getattr(table["ALL"], part).sort(key=_offset_key)
    return strict, lenient


def _offset_key(item: str) -> tuple[int, int]:
    """Sort key of an entity item ``TYPE start:end text`` by its offsets."""
    s, _, e = item.split(" ", 2)[1].partition(":")
    return int(s), int(e)


# --------------------------------------------------------------------------- people


def _person_keys(p: Mapping[str, Any]) -> tuple[str, set[str]]:
    name = _fold(p.get("name"))
    aliases = {_fold(a) for a in _list(p, "aliases")} - {"", name}
    return name, aliases


def align_people(
    pred_people: Sequence[Mapping[str, Any]], gold_people: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs of persons sharing a folded name or alias.

    Maximum cardinality; among equally many pairs, name = name (3) beats name = alias (2)
    beats alias = alias (1).
    """
    pk = [_person_keys(p) for p in pred_people]
    gk = [_person_keys(g) for g in gold_people]
    edges: dict[tuple[int, int], int] = {}
    for i, (pn, pa) in enumerate(pk):
        for j, (gn, ga) in enumerate(gk):
            q = 0
            if pn and pn == gn:
                q = 3
            elif (pn and pn in ga) or (gn and gn in pa):
                q = 2
            elif pa & ga:
                q = 1
            if q:
                edges[(i, j)] = q
    return _match(edges)


@dataclass
class _People:
    pred: list[Mapping[str, Any]]
    gold: list[Mapping[str, Any]]
    pairs: list[tuple[int, int]]
    #: folded predicted string -> folded name of the aligned gold person
    pred_map: dict[str, str]
    #: folded gold name or alias -> folded gold name
    gold_map: dict[str, str]

    @classmethod
    def build(cls, pred: Mapping[str, Any], gold: Mapping[str, Any]) -> _People:
        pp = [p for p in _dicts(pred, "people") if _fold(p.get("name"))]
        gp = [g for g in _dicts(gold, "people") if _fold(g.get("name"))]
        pairs = align_people(pp, gp)
        pred_map: dict[str, str] = {}
        gold_map: dict[str, str] = {}
        for g in gp:  # names first, so a name never gets shadowed by someone's alias
            gold_map.setdefault(_fold(g.get("name")), _fold(g.get("name")))
        for g in gp:
            gname, galiases = _person_keys(g)
            for a in galiases:
                gold_map.setdefault(a, gname)
        for i, j in pairs:
            pred_map.setdefault(_fold(pp[i].get("name")), _fold(gp[j].get("name")))
        for i, j in pairs:
            for a in _person_keys(pp[i])[1]:
                pred_map.setdefault(a, _fold(gp[j].get("name")))
        return cls(pp, gp, pairs, pred_map, gold_map)

    def name(self, side: str, s: Any) -> str:
        """A person string mapped to the aligned gold name (or just folded)."""
        f = _fold(s)
        table = self.pred_map if side == "pred" else self.gold_map
        return table.get(f, f)

    def people_outcome(self) -> _Outcome:
        mp = {i for i, _ in self.pairs}
        mg = {j for _, j in self.pairs}
        return _Outcome(
            tp=[
                f"{_fold(self.pred[i].get('name'))} = {_fold(self.gold[j].get('name'))}"
                for i, j in self.pairs
            ],
            fp=[_fold(p.get("name")) for i, p in enumerate(self.pred) if i not in mp],
            fn=[_fold(g.get("name")) for j, g in enumerate(self.gold) if j not in mg],
        )

    def attr_outcome(self, values: Callable[[Mapping[str, Any]], set[str]]) -> _Outcome:
        """(person, value) pairs scored over the alignment (roles, designations)."""
        out = _Outcome()
        mp = {i for i, _ in self.pairs}
        mg = {j for _, j in self.pairs}
        for i, j in self.pairs:
            pv, gv = values(self.pred[i]), values(self.gold[j])
            who = _fold(self.gold[j].get("name"))
            out.tp += [f"{who}: {v}" for v in sorted(pv & gv)]
            out.fp += [f"{who}: {v}" for v in sorted(pv - gv)]
            out.fn += [f"{who}: {v}" for v in sorted(gv - pv)]
        for i, p in enumerate(self.pred):
            if i not in mp:
                out.fp += [f"{_fold(p.get('name'))}: {v}" for v in sorted(values(p))]
        for j, g in enumerate(self.gold):
            if j not in mg:
                out.fn += [f"{_fold(g.get('name'))}: {v}" for v in sorted(values(g))]
        return out


def _roles(p: Mapping[str, Any]) -> set[str]:
    return {_code(r) for r in _list(p, "roles")} - {""}


def _designation(p: Mapping[str, Any]) -> set[str]:
    d = _code(p.get("designation"))
    return {d} if d else set()


# --------------------------------------------------------------------------- other facts


def _act(v: Any) -> str:
    return _code(v).upper()


def _section(v: Any) -> str:
    return "".join(_fold(v).split()).upper() if v not in (None, "") else "null"


def _laws(rec: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    acts, pairs = [], []
    for law in _dicts(rec, "laws"):
        a = _act(law.get("act"))
        if a:
            acts.append(a)
            pairs.append(f"{a} {_section(law.get('section'))}")
    return acts, pairs


def _amounts(rec: Mapping[str, Any]) -> list[str]:
    vals = (_int(a.get("value")) for a in _dicts(rec, "amounts"))
    return [str(v) for v in vals if v is not None]


def _attr(v: Any) -> str | None:
    return _fold(v).casefold() if v not in (None, "") else None


def _places(rec: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for p in _dicts(rec, "places"):
        n = _fold(p.get("name"))
        if n:
            out.setdefault(n, p)
    return out


def _place_attrs(
    pp: Mapping[str, Mapping[str, Any]], gp: Mapping[str, Mapping[str, Any]]
) -> _Outcome:
    out = _Outcome()
    for name in sorted(pp.keys() & gp.keys()):
        pv = tuple(_attr(pp[name].get(k)) for k in ("kind", "district", "state"))
        gv = tuple(_attr(gp[name].get(k)) for k in ("kind", "district", "state"))
        if pv == gv:
            out.tp.append(f"{name} {'/'.join(map(str, gv))}")
        else:
            out.fp.append(f"{name} {'/'.join(map(str, pv))}")
            out.fn.append(f"{name} {'/'.join(map(str, gv))}")
    return out


def _case_counts(rec: Mapping[str, Any], people: _People, side: str) -> list[str]:
    out = []
    for c in _dicts(rec, "case_counts"):
        n = _int(c.get("count"))
        who = people.name(side, c.get("person"))
        if n is not None and who:
            out.append(f"{who} {n}")
    return out


def _relations(rec: Mapping[str, Any], people: _People, side: str) -> list[str]:
    out = []
    for r in _dicts(rec, "relations"):
        t = _code(r.get("type"))
        h_raw, t_raw = _fold(r.get("head")), _fold(r.get("tail"))
        if not (t and h_raw and t_raw):
            continue
        head = people.name(side, h_raw)
        if t in NON_PERSON_TAIL:
            tail = t_raw
        elif t == "alias":
            tail = t_raw
            if t_raw == head:
                tail = h_raw  # written the other way round: alias -> name
        else:
            tail = people.name(side, t_raw)
            if t in SYMMETRIC_RELATIONS and tail < head:
                head, tail = tail, head
        out.append(
            f"{t}({head} -> {tail})" if t not in SYMMETRIC_RELATIONS else f"{t}({head} ~ {tail})"
        )
    return out


# --------------------------------------------------------------------------- scoring


def _outcomes(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, _Outcome]:
    """Every group's items for one article, under the flat keys of :meth:`Report.flat`."""
    strict, lenient = _entity_outcomes(pred, gold)
    out: dict[str, _Outcome] = {}
    for t, o in strict.items():
        out[f"entities.strict.{t}"] = o
    for t, o in lenient.items():
        out[f"entities.lenient.{t}"] = o
    people = _People.build(pred, gold)
    out["people"] = people.people_outcome()
    out["roles"] = people.attr_outcome(_roles)
    for r in ROLE_KEYS:
        out[f"roles.{r}"] = _only(out["roles"], _role_item(r))
    out["designations"] = people.attr_outcome(_designation)
    for key in ("crimes", "actions"):
        out[key] = _set_outcome(
            (_code(x) for x in _list(pred, key)), (_code(x) for x in _list(gold, key))
        )
    out["dates"] = _set_outcome(
        (_fold(x) for x in _list(pred, "dates")), (_fold(x) for x in _list(gold, "dates"))
    )
    (pa, ps), (ga, gs) = _laws(pred), _laws(gold)
    out["laws"] = _set_outcome(pa, ga)
    out["law_sections"] = _set_outcome(ps, gs)
    out["amounts"] = _set_outcome(_amounts(pred), _amounts(gold))
    pp, gp = _places(pred), _places(gold)
    out["places"] = _set_outcome(pp, gp)
    out["place_attrs"] = _place_attrs(pp, gp)
    out["case_counts"] = _set_outcome(
        _case_counts(pred, people, "pred"), _case_counts(gold, people, "gold")
    )
    out["relations"] = _set_outcome(
        _relations(pred, people, "pred"), _relations(gold, people, "gold")
    )
    for t in RELATION_KEYS:
        types = KINSHIP if t == "kinship" else (t,)
        out[f"relations.{t}"] = _only(out["relations"], _relation_item(types))
    return out


def _role_item(role: str) -> Callable[[str], bool]:
    return lambda item: item.endswith(f": {role}")


def _relation_item(types: tuple[str, ...]) -> Callable[[str], bool]:
    return lambda item: item.split("(", 1)[0] in types


def _only(o: _Outcome, keep: Callable[[str], bool]) -> _Outcome:
    """The items of one sub-group (a role, a relation type) of an outcome."""
    return _Outcome(
        tp=[x for x in o.tp if keep(x)],
        fp=[x for x in o.fp if keep(x)],
        fn=[x for x in o.fn if keep(x)],
    )


def score_article(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, PRF]:
    """Counts of every group for one article (flat keys, see :meth:`Report.flat`)."""
    return {k: o.counts() for k, o in _outcomes(pred, gold).items()}


def score(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> Report:
    """Score (predicted record, gold record) pairs; counts are summed over articles."""
    report = Report()
    for n, (pred, gold) in enumerate(pairs):
        report.add_article(article_id(pred, gold, n), score_article(pred, gold))
    return report


def diff(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """The false positives and false negatives of one article, per group.

    Keys: ``entities.strict`` and ``entities.lenient`` (all types, items like
    ``PERSON 210:224 लवली चक्रवर्ती``), then each name in :data:`FACT_GROUPS`. Each value
    is ``{"fp": [...], "fn": [...]}`` with folded strings; lists may be empty.
    """
    outs = _outcomes(pred, gold)
    res: dict[str, dict[str, list[str]]] = {}
    for kind in ("strict", "lenient"):
        o = outs[f"entities.{kind}.ALL"]
        res[f"entities.{kind}"] = {"fp": list(o.fp), "fn": list(o.fn)}
    for g in FACT_GROUPS:
        res[g] = {"fp": list(outs[g].fp), "fn": list(outs[g].fn)}
    return res


# --------------------------------------------------------------------------- printing


def render(report: Report, console: Any = None) -> None:
    """Print ``report`` as one compact rich table (p/r/f1 with three decimals)."""
    from rich.console import Console
    from rich.table import Table

    con = console if console is not None else Console()
    table = Table(title=f"jaanch eval: {report.n_articles} articles", show_edge=False)
    table.add_column("group")
    table.add_column("name")
    for col in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right")
    last = None
    for group, name, p, r, f1, tp, fp, fn in report.rows():
        if last is not None and group != last:
            table.add_section()
        label = group if group != last else ""
        style = "bold" if name == "ALL" else None
        table.add_row(
            label, name, f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}", str(tp), str(fp), str(fn), style=style
        )
        last = group
    con.print(table)
