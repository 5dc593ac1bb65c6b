"""Lists of named people: runs of person mentions joined by ``,``, ``और``, ``व``, ``एवं`` or
``तथा`` ("रमेश, सुरेश (30) और महेश"), an age in brackets after a name skipped. An item may
carry the description of police reports, its father and address ("अकरम पुत्र फरहान, करधन
पुत्र हैदर निवासी पडरौना, अतिउल्लाह ..."): the father is no item of the list. Read by the
affiliation rules, the role features and the associate model's pair features."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from jaanch.lexicons import load_yaml
from jaanch.text.normalise import fold_for_match
from jaanch.types import Span

#: the words (and comma) that join the items of a list
JOINERS = frozenset([",", "और", "व", "एवं", "तथा"])
#: list separators between two names of one list
SEPARATOR = re.compile(r"\s*(?:" + "|".join(sorted(JOINERS)) + r")\s*$")
#: an age in brackets after a name: "सलीम (30)", "रेखा (35 वर्ष)"
AGE_IN_BRACKETS = re.compile(r"\s*\(\s*\d{1,3}\s*(?:वर्ष|साल)?\s*\)")
#: any short part in brackets after a name: an age, a posting place ("A (भभुआ)"), an
#: organisation's seat or code ("अंकित गोल्ड (अहमदाबाद)")
SHORT_BRACKET = re.compile(r"\([^()\n]{1,30}\)")


#: the gap after an item's description: its address and the joiner to the next item
#: ("निवासी पडरौना, ", "निवासी ग्राम लौंगहा व "; no sentence end, bracket or comma inside)
ADDRESS_GAP = re.compile(
    r"\s*(?:\(\s*\d{1,3}\s*(?:वर्ष|साल)?\s*\)\s*)?(?:निवासी|नि\.|निवासीगण)\s[^।;:()\n,]{1,40}?"
    r"(?:\s*,|\s(?:और|व|एवं|तथा))\s*"
)


@cache
def description_words() -> frozenset[str]:
    """The words that make the name after them a description of the name before it
    (``पुत्र``, ``पुत्री``, ``पत्नी``: ``person_context.yaml: apposition_kin``)."""
    raw = load_yaml("person_context.yaml")["apposition_kin"]
    return frozenset(fold_for_match(k) for k, v in raw.items() if v)


def describes(gap: str) -> bool:
    """Is ``gap``, between two names, the word that makes the second the first's father,
    mother or spouse in the style of police reports ("A पुत्र B", "A (30) पुत्री B")?"""
    words = AGE_IN_BRACKETS.sub(" ", gap).split()
    return len(words) == 1 and fold_for_match(words[0]) in description_words()


def joins_list(gap: str) -> bool:
    """Is ``gap``, the text between two names, what joins two items of one list?"""
    bare = AGE_IN_BRACKETS.sub("", gap)
    return len(bare) <= 8 and bool(SEPARATOR.match(bare)) and "।" not in gap


def name_lists(text: str, mentions: Sequence[Span]) -> list[list[Span]]:
    """Runs of ``mentions`` (sorted by ``nstart``, positions in ``text``) that form one
    list; a mention outside any list is a run of one."""
    lists: list[list[Span]] = []
    cur: list[Span] = []
    #: where the last item's description ends (its father's name), if it has one
    described_to = -1
    for m in mentions:
        if cur:
            last = max(cur[-1].nend, described_to)
            gap = text[last : m.nstart]
            if described_to < 0 and describes(gap):
                # "A पुत्र B": B describes A and is a list of its own
                lists.append([m])
                described_to = m.nend
                continue
            if joins_list(gap) or ADDRESS_GAP.fullmatch(gap) is not None:
                cur.append(m)
                described_to = -1
                continue
            lists.append(cur)
        cur = [m]
        described_to = -1
    if cur:
        lists.append(cur)
    return sorted(lists, key=lambda lst: lst[0].nstart)
