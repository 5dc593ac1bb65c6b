"""Clustering under hard constraints: union-find that refuses a merge which would put two
mentions that must stay apart into one entity.

Constraints, checked on whole clusters (so a chain of links cannot get round them):

- *cannot-link* pairs: reviewer splits and vetoed pairs (different fathers, homes in
  different districts);
- *an article's own reading*: two mentions of one article with different names are two
  people (the article's own resolution already joined its short forms), unless the names
  are one full name spelt two ways (``विराट कोहली``/``विरोट कोहली`` in one text);
- *compatible full names*: every two full names in a cluster must be the same name up to
  spelling, initials or a middle name, so ``मोदी`` cannot join ``नरेंद्र मोदी`` and
  ``सुशील कुमार मोदी`` into one entity;
- *the clusters agree as a whole*: the link model's mean probability over every compared
  pair across the two clusters must reach :attr:`min_mean` (average linkage), so one
  confident pair cannot chain a village namesake into a chief minister's entity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jaanch.resolve.comparisons import Profile


class ConstrainedUnionFind:
    def __init__(
        self,
        profiles: Sequence[Profile],
        names_compatible: Callable[[Profile, Profile], bool],
    ) -> None:
        n = len(profiles)
        self.profiles = profiles
        self.compatible = names_compatible
        self.parent = list(range(n))
        self.members: list[set[int]] = [{i} for i in range(n)]
        self.forbid: list[set[int]] = [set() for _ in range(n)]
        # per root: article -> {name key: a mention with it}; full names
        self.article_keys: list[dict[int, dict[str, int]]] = [
            {p.article: {p.key: i}} for i, p in enumerate(profiles)
        ]
        self.full_names: list[dict[str, int]] = [
            {p.sound_key: i} if p.full else {} for i, p in enumerate(profiles)
        ]
        #: probabilities of the compared pairs, by mention (see :meth:`score`)
        self.scores: dict[int, dict[int, float]] = {}
        self.min_mean = 0.0
        #: root pairs a merge was refused for: the hard constraints only grow as clusters
        #: grow, so a refused pair of roots stays refused (checked once, not per link)
        self.refused: set[tuple[int, int]] = set()

    def score(self, a: int, b: int, p: float) -> None:
        """Record the link model's probability for a compared pair."""
        self.scores.setdefault(a, {})[b] = p
        self.scores.setdefault(b, {})[a] = p

    def mean_score(self, ra: int, rb: int) -> float | None:
        """Mean probability of the compared pairs between two clusters (None: none)."""
        small, big = (ra, rb) if len(self.members[ra]) < len(self.members[rb]) else (rb, ra)
        total, n = 0.0, 0
        for i in self.members[small]:
            for j, p in self.scores.get(i, {}).items():
                if self.find(j) == big:
                    total += p
                    n += 1
        return total / n if n else None

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def cannot_link(self, a: int, b: int) -> None:
        self.forbid[a].add(b)
        self.forbid[b].add(a)

    def why_not(self, a: int, b: int) -> str | None:
        """The constraint that a merge of ``a``'s and ``b``'s clusters breaks, or None."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        small, big = (ra, rb) if len(self.members[ra]) < len(self.members[rb]) else (rb, ra)
        if self.forbid[big] & self.members[small] or self.forbid[small] & self.members[big]:
            return "cannot-link"
        ka, kb = self.article_keys[ra], self.article_keys[rb]
        for art in ka.keys() & kb.keys():
            for key_a, ia in ka[art].items():
                for key_b, ib in kb[art].items():
                    if key_a != key_b and not (
                        self.profiles[ia].full
                        and self.profiles[ib].full
                        and self.compatible(self.profiles[ia], self.profiles[ib])
                    ):
                        return "two people of one article"
        fa, fb = self.full_names[ra], self.full_names[rb]
        for sa, ia in fa.items():
            for sb, ib in fb.items():
                if sa != sb and not self.compatible(self.profiles[ia], self.profiles[ib]):
                    return "incompatible full names"
        if self.min_mean:
            mean = self.mean_score(ra, rb)
            if mean is not None and mean < self.min_mean:
                return "the clusters disagree as a whole"
        return None

    def union(self, a: int, b: int, force: bool = False) -> bool:
        """Join the clusters of ``a`` and ``b`` unless a constraint forbids it; ``force``
        (a reviewer's merge, one name in one article) skips the checks."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        key = (ra, rb) if ra < rb else (rb, ra)
        if not force and (key in self.refused or self.why_not(a, b)):
            self.refused.add(key)
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members[rb]
        self.forbid[ra] |= self.forbid[rb]
        for art, keys in self.article_keys[rb].items():
            for k, i in keys.items():
                self.article_keys[ra].setdefault(art, {}).setdefault(k, i)
        for k, i in self.full_names[rb].items():
            self.full_names[ra].setdefault(k, i)
        self.members[rb] = set()
        self.forbid[rb] = set()
        self.article_keys[rb] = {}
        self.full_names[rb] = {}
        return True
