"""Lists of named people: runs of person mentions joined by ``,``, ``और``, ``व``, ``एवं`` or
``तथा`` ("रमेश, सुरेश (30) और महेश"), an age in brackets after a name skipped. Read by the
affiliation rules and by the associate model's pair features."""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def joins_list(gap: str) -> bool:
    """Is ``gap``, the text between two names, what joins two items of one list?"""
    bare = AGE_IN_BRACKETS.sub("", gap)
    return len(bare) <= 8 and bool(SEPARATOR.match(bare)) and "।" not in gap


def name_lists(text: str, mentions: Sequence[Span]) -> list[list[Span]]:
    """Runs of ``mentions`` (sorted by ``nstart``, positions in ``text``) that form one
    list; a mention outside any list is a run of one."""
    lists: list[list[Span]] = []
    cur: list[Span] = []
    for m in mentions:
        if cur:
            if joins_list(text[cur[-1].nend : m.nstart]):
                cur.append(m)
                continue
            lists.append(cur)
        cur = [m]
    if cur:
        lists.append(cur)
    return lists
