"""Which pairs of person mentions are compared at all: blocking rules, declared.

Each rule gives a mention its block keys; two mentions of different articles that share a
key of one rule are a candidate pair (compared by :mod:`jaanch.resolve.comparisons`).

- ``name_key``: the folded Devanagari key and every alias key (``उर्फ``);
- ``sound_key``: the name's sound skeleton without spaces (spelling variants, Latin
  against Devanagari, ``विद्या चरण``/``विद्याचरण``);
- ``surname_initial``: the last word's sound and the first letter of the first word
  (``एस जयशंकर``/``सुब्रह्मण्यम जयशंकर``, middle names, misspelt given names);
- ``given_initial``: the first word's sound and the first letter of the last word
  (misspelt surnames: ``कियानोश जहांपोर``/``कियानौश जहांपुर``);
- ``short_form``: a one-word name against the full names whose first or last word it is
  (``मोदी``/``नरेंद्र मोदी``). A one-word mention meets at most :data:`MAX_SHORT_TARGETS`
  full names, those named in the most articles, and at most :data:`MAX_SHORT_MENTIONS`
  mentions of each.

A block larger than :data:`MAX_BLOCK` is not compared all against all: its mentions are
sorted by district and article and each is compared with the :data:`WINDOW` mentions after
it (the sorted-neighbourhood method), so no mention is left out and the work stays linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from jaanch.resolve.comparisons import Profile

MAX_BLOCK = 30
WINDOW = 8
MAX_SHORT_TARGETS = 6
MAX_SHORT_MENTIONS = 4


@dataclass(frozen=True)
class BlockingRule:
    name: str
    keys: Callable[[Profile], list[str]]


def _name_keys(p: Profile) -> list[str]:
    return [k for k in {p.key, *p.alias_keys} if k]


def _sound_keys(p: Profile) -> list[str]:
    return [p.sound_key] if len(p.sound_key) >= 2 else []


def _surname_initial(p: Profile) -> list[str]:
    if len(p.sounds) < 2 or not p.sounds[0] or len(p.sounds[-1]) < 2:
        return []
    return [f"{p.sounds[-1]}|{p.sounds[0][0]}"]


def _given_initial(p: Profile) -> list[str]:
    if len(p.sounds) < 2 or not p.sounds[-1] or len(p.sounds[0]) < 3:
        return []
    return [f"{p.sounds[0]}|{p.sounds[-1][0]}"]


BLOCKING_RULES: tuple[BlockingRule, ...] = (
    BlockingRule("name_key", _name_keys),
    BlockingRule("sound_key", _sound_keys),
    BlockingRule("surname_initial", _surname_initial),
    BlockingRule("given_initial", _given_initial),
)


def _block_pairs(idxs: Sequence[int], profiles: Sequence[Profile]) -> Iterator[tuple[int, int]]:
    if len(idxs) <= MAX_BLOCK:
        for x in range(len(idxs)):
            for y in range(x):
                yield idxs[y], idxs[x]
        return
    order = sorted(idxs, key=lambda i: (profiles[i].district or 0, profiles[i].article, i))
    for x in range(len(order)):
        for y in range(x + 1, min(x + 1 + WINDOW, len(order))):
            yield order[x], order[y]


def candidate_pairs(profiles: Sequence[Profile]) -> Iterator[tuple[int, int, str]]:
    """Pairs ``(i, j, rule)`` with ``i < j`` from different articles. A pair that shares a
    key of an earlier rule is left to that rule (no set of seen pairs is kept, so memory
    stays linear in the number of mentions)."""
    keys = [[set(rule.keys(p)) for rule in BLOCKING_RULES] for p in profiles]
    for r, rule in enumerate(BLOCKING_RULES):
        blocks: dict[str, list[int]] = defaultdict(list)
        for i, ks in enumerate(keys):
            for k in ks[r]:
                blocks[k].append(i)
        for key, idxs in blocks.items():
            if len(idxs) < 2:
                continue
            for a, b in _block_pairs(idxs, profiles):
                i, j = (a, b) if a < b else (b, a)
                if profiles[i].article == profiles[j].article:
                    continue
                ki, kj = keys[i], keys[j]
                if any(ki[e] & kj[e] for e in range(r)):
                    continue
                if len(ki[r] & kj[r]) > 1 and min(ki[r] & kj[r]) != key:
                    continue  # two shared keys of this rule: compared in the first block
                yield i, j, rule.name
    # short forms: a one-word name against the most-named full names holding the word
    holders: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, p in enumerate(profiles):
        if p.full:
            for w in {p.sounds[0], p.sounds[-1]}:
                holders[w][p.sound_key].append(i)
    top_of: dict[str, list[list[int]]] = {}
    for i, p in enumerate(profiles):
        if len(p.sounds) != 1 or len(p.sounds[0]) < 2:
            continue
        w = p.sounds[0]
        if w not in holders:
            continue
        if w not in top_of:
            ranked = sorted(holders[w].values(), key=lambda ms: -len(ms))
            top_of[w] = ranked[:MAX_SHORT_TARGETS]
        for ms in top_of[w]:
            others = (m for m in ms if profiles[m].article != p.article)
            for j in islice(others, MAX_SHORT_MENTIONS):
                a, b = (i, j) if i < j else (j, i)
                yield a, b, "short_form"
