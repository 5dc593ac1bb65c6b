"""Features of a person for the learned role assigner, from all of their mentions.

For every mention: the words right after the name (past an FIR-style description such as
``पुत्र X निवासी Y``) and right before it (names and places masked), for a later name of a
list the words before the list's first name, the case marker that follows, the crime and
action cues of its sentence, the case marker and the word before read together with each
of those cues and with the article's crimes (``a0=ने|crime_after=murder``), whether it
sits in a list of names; for the person: the roles the rules gave, designation, kinship
and role-noun cues of the recogniser, how often and how early they are named; for the
article: its crime types, each weighing one over their number. Words are folded
(``fold_for_match``), digits dropped and the words of names and places replaced by
``<per>`` and ``<loc>``, so the features carry no names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jaanch.doc import Doc
from jaanch.text.name_lists import name_lists
from jaanch.text.normalise import fold_for_match
from jaanch.types import Span

#: a word of the features: letters only (no digits, no punctuation)
_WORD_RE = re.compile(r"[\u0900-\u0963\u0971-\u097fA-Za-z]+")
#: how many words after and before a mention are read
AFTER, BEFORE = 6, 4


def masked_words(doc: Doc, lo: int, hi: int, masks: Sequence[Span]) -> list[str]:
    """The folded words of ``doc.text[lo:hi]``; a word inside a name or a place becomes
    ``<per>`` or ``<loc>`` (one placeholder per name), so no name is ever a feature."""
    out: list[str] = []
    for m in _WORD_RE.finditer(doc.text, lo, hi):
        s, e = m.start(), m.end()
        span = next((x for x in masks if x.nstart < e and s < x.nend), None)
        if span is None:
            out.append(fold_for_match(m.group()))
            continue
        tag = "<per>" if span.label == "PERSON" else "<loc>"
        if not out or out[-1] != tag or s == span.nstart:
            out.append(tag)
    return out


def list_heads(text: str, mentions: Sequence[Span]) -> dict[int, int]:
    """Each mention's ``nstart`` -> the ``nstart`` of the first name of its list of names
    (:func:`jaanch.text.name_lists.name_lists`); computed once per article."""
    ordered = sorted(mentions, key=lambda x: x.nstart)
    return {x.nstart: lst[0].nstart for lst in name_lists(text, ordered) for x in lst}


def person_features(
    doc: Doc,
    mentions: Sequence[Span],
    rule_roles: Sequence[str],
    designation: str | None,
    others: Sequence[Span],
    crimes: set[str] | None,
    after_pos: dict[int, int],
    list_heads: dict[int, int],
) -> dict[str, float]:
    """Features of one person. ``others`` are the mentions of every other person of the
    article, ``after_pos`` maps a mention's ``nstart`` to where its role words begin and
    ``list_heads`` a mention's ``nstart`` to that of the first name of its list
    (:func:`list_heads`)."""
    text = doc.text
    f: dict[str, float] = {"bias": 1.0}
    for r in rule_roles:
        f[f"rule={r}"] = 1.0
    if designation:
        f["desig"] = 1.0
        f[f"desig={designation}"] = 1.0
    if not mentions:
        return f
    n = len(mentions)
    f[f"mentions={min(n, 4)}"] = 1.0
    first = min(m.nstart for m in mentions)
    f[f"first_pos={min(int(4 * first / max(1, len(text))), 3)}"] = 1.0
    if all(first < o.nstart for o in others):
        f["first_person"] = 1.0
    # the article's crimes weigh one in all: a report of eight crime types is no more
    # telling of anyone's role than a report of one
    share = 1.0 / len(crimes) if crimes else 0.0
    for code in sorted(crimes or ()):
        f[f"art_crime={code}"] = share
    cues = doc.spans_of("CRIME_CUE", "ACTION_CUE")
    masks = sorted(doc.spans_of("PERSON", "LOC"), key=lambda x: x.nstart)
    other_starts = sorted(o.nstart for o in others)
    for m in mentions:
        v = m.value or {}
        cue = str(v.get("cue", ""))
        if cue:
            f[f"cue={cue.split(':', 1)[0]}"] = 1.0
        hint = v.get("role_hint")
        if hint:
            f[f"hint={hint}"] = 1.0
        pos = after_pos.get(m.nstart, m.nend)
        nxt = min((s for s in other_starts if s >= pos), default=len(text))
        end = min(nxt, pos + 80)
        stop = re.search(r"[।\n?!]", text[pos:end])
        after = masked_words(doc, pos, pos + stop.start() if stop else end, masks)
        for k, w in enumerate(after[:AFTER]):
            if k < 2:
                f[f"a{k}={w}"] = 1.0
            f[f"a:{w}"] = f.get(f"a:{w}", 0.0) + 1.0 / n
        if len(after) >= 2:
            f[f"a01={after[0]}_{after[1]}"] = 1.0
        if after:
            # the case word after the name read with the article's crimes: "X की" is
            # the victim of a murder report, the owner of a stolen house in a theft
            for code in sorted(crimes or ()):
                f[f"a0={after[0]}|art={code}"] = share
        if pos > m.nend:
            f["described"] = 1.0
        before_txt = re.split(r"[।\n?!]", text[max(0, m.nstart - 60) : m.nstart])[-1]
        before = masked_words(doc, m.nstart - len(before_txt), m.nstart, masks)[-BEFORE:]
        for k, w in enumerate(reversed(before)):
            if k < 2:
                f[f"b{k}={w}"] = 1.0
            f[f"b:{w}"] = f.get(f"b:{w}", 0.0) + 1.0 / n
        stripped = before_txt.rstrip()
        if stripped.endswith((",", "और", " व", "एवं", "तथा")):
            f["in_list"] = 1.0
        head = list_heads.get(m.nstart, m.nstart)
        if head < m.nstart:
            # a later name of a list: what precedes the list's first name ("घायल
            # बदमाशों की पहचान A, B व C") is said of every name of it
            head_txt = re.split(r"[।\n?!]", text[max(0, head - 60) : head])[-1]
            lead = masked_words(doc, head - len(head_txt), head, masks)[-BEFORE:]
            for k, w in enumerate(reversed(lead)):
                if k < 2:
                    f[f"lb{k}={w}"] = 1.0
                f[f"lb:{w}"] = f.get(f"lb:{w}", 0.0) + 1.0 / n
        sent = doc.sentence_at(m.nstart)
        if sent is not None:
            for c in cues:
                if sent.start <= c.nstart < sent.end:
                    val = c.value or {}
                    if val.get("negated"):
                        continue
                    side = "after" if c.nstart >= m.nend else "before"
                    f[f"sent_{c.label[:5].lower()}={val.get('code')}"] = 1.0
                    f[f"sent_{c.label[:5].lower()}_{side}={val.get('code')}"] = 1.0
                    # the words next to the name read with the cue of the clause: "X ने
                    # ... हत्या" (agent) against "X की हत्या", "X को गिरफ्तार"
                    cue_key = f"{c.label[:5].lower()}_{side}={val.get('code')}"
                    if after:
                        f[f"a0={after[0]}|{cue_key}"] = 1.0
                    if before:
                        f[f"b0={before[-1]}|{cue_key}"] = 1.0
            if any(sent.start <= o.nstart < sent.end for o in others):
                f["shares_sentence"] = 1.0
    return f
