"""Features of two people of one article for the learned ``associate`` relation.

What joins two people in a crime report is rarely one phrase: they are named in one list
of the arrested after the article says a gang did it, one is the other's ``साथी``, the
article tells what "both" or "the three" did. The features read the two people's roles as
the rules gave them, how near their mentions are (same list, same sentence, characters
apart), the words between their nearest mentions, the words that open or close their list,
words of joint action anywhere in the article, a kinship or rule-found tie between them,
and how many accused the article names. Words are folded; no name is a feature.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from jaanch.doc import Doc
from jaanch.lexicons import load_yaml
from jaanch.models.role_features import masked_words
from jaanch.text.name_lists import joins_list, name_lists
from jaanch.text.normalise import fold_for_match
from jaanch.types import Span

_WORD_RE = re.compile(r"[\u0900-\u0963\u0971-\u097fA-Za-z]+")


@dataclass(frozen=True)
class PairWords:
    joint: frozenset[str]  # words of joint action read anywhere in the article


@cache
def pair_words() -> PairWords:
    d = load_yaml("affiliations.yaml")
    return PairWords(frozenset(fold_for_match(w) for w in d["joint_action_words"]))


@dataclass
class Person:
    """What the pair features read of one person."""

    mentions: Sequence[Span]
    roles: Sequence[str]


@dataclass
class ArticleView:
    """Article-level facts shared by every pair of one article."""

    joint: frozenset[str]
    n_people: int
    n_accused: int
    #: every person mention of the article
    mentions: tuple[Span, ...] = ()
    #: names and places, whose words are masked in the features
    masks: tuple[Span, ...] = ()
    #: the lists of names (``jaanch.text.name_lists``) and the list of each mention start
    lists: tuple[tuple[Span, ...], ...] = ()
    list_of: dict[int, int] = field(default_factory=dict)
    #: crime and action cues (not negated) of the article
    cues: tuple[Span, ...] = ()
    #: the words of joint action of each sentence, by the sentence's start
    sentence_joint: dict[int, frozenset[str]] = field(default_factory=dict)


def article_view(doc: Doc, people: Sequence[Person]) -> ArticleView:
    joint = pair_words().joint
    sentence_joint = {
        s.start: frozenset(fold_for_match(w) for w in _WORD_RE.findall(s.text)) & joint
        for s in doc.sentences
    }
    mentions = tuple(sorted((m for p in people for m in p.mentions), key=lambda m: m.nstart))
    lists = tuple(tuple(x) for x in name_lists(doc.text, mentions))
    return ArticleView(
        joint=frozenset().union(*sentence_joint.values()),
        n_people=len(people),
        n_accused=sum(1 for p in people if "accused" in p.roles),
        mentions=mentions,
        masks=tuple(sorted(doc.spans_of("PERSON", "LOC"), key=lambda m: m.nstart)),
        lists=lists,
        list_of={m.nstart: k for k, lst in enumerate(lists) for m in lst},
        cues=tuple(
            c for c in doc.spans_of("CRIME_CUE", "ACTION_CUE") if not (c.value or {}).get("negated")
        ),
        sentence_joint=sentence_joint,
    )


def _bucket(n: int, edges: Sequence[int]) -> int:
    return next((k for k, e in enumerate(edges) if n <= e), len(edges))


def pair_features(
    doc: Doc, a: Person, b: Person, view: ArticleView, *, kin: bool, rule_tie: bool
) -> dict[str, float]:
    text = doc.text
    f: dict[str, float] = {"bias": 1.0}
    ra, rb = set(a.roles), set(b.roles)
    for r in sorted(ra | rb):
        both = r in ra and r in rb
        f[f"{'both' if both else 'one'}={r}"] = 1.0
    if kin:
        f["kin"] = 1.0
    if rule_tie:
        f["rule_tie"] = 1.0
    f[f"people={_bucket(view.n_people, (2, 4, 8))}"] = 1.0
    f[f"accused={_bucket(view.n_accused, (1, 2, 4))}"] = 1.0
    for w in view.joint:
        f[f"art:{w}"] = 1.0
        if ra & rb & {"accused"}:
            f[f"art_acc:{w}"] = 1.0
    _shared_lists(doc, a, b, view, f)
    _shared_sentences(doc, a, b, view, f)
    # the nearest two mentions
    best: tuple[int, Span, Span] | None = None
    for x in a.mentions:
        for y in b.mentions:
            first, second = (x, y) if x.nstart <= y.nstart else (y, x)
            gap = max(0, second.nstart - first.nend)
            if best is None or gap < best[0]:
                best = (gap, first, second)
    if best is None:
        return f
    gap, first, second = best
    f[f"gap={_bucket(gap, (3, 12, 40, 120, 400))}"] = 1.0
    between = text[first.nend : second.nstart]
    s1, s2 = doc.sentence_at(first.nstart), doc.sentence_at(second.nstart)
    # other people named between the two, and in their sentence: the more, the weaker
    # a shared sentence is as evidence
    others = [m for m in view.mentions if first.nend <= m.nstart and m.nend <= second.nstart]
    f[f"between_people={_bucket(len(others), (0, 1, 3))}"] = 1.0
    if s1 is not None and s1 is s2:
        f["same_sentence"] = 1.0
        in_sentence = len({m.nstart for m in view.mentions if s1.start <= m.nstart < s1.end})
        f[f"sentence_people={_bucket(in_sentence, (2, 3, 5))}"] = 1.0
    if gap <= 40 and joins_list(between):
        f["listed_together"] = 1.0
        masks = view.masks
        before = masked_words(doc, max(0, first.nstart - 40), first.nstart, masks)[-3:]
        after = masked_words(doc, second.nend, min(len(text), second.nend + 40), masks)[:3]
        for w in before:
            f[f"list_before:{w}"] = 1.0
        for w in after:
            f[f"list_after:{w}"] = 1.0
    elif gap <= 120 and "।" not in between:
        for w in masked_words(doc, first.nend, second.nstart, view.masks)[:8]:
            f[f"between:{w}"] = 1.0
    return f


def _shared_lists(doc: Doc, a: Person, b: Person, view: ArticleView, f: dict[str, float]) -> None:
    """Any list of names that holds both (not only their nearest mentions), its size and
    the words that open and close it."""
    la = {view.list_of[m.nstart] for m in a.mentions if m.nstart in view.list_of}
    lb = {view.list_of[m.nstart] for m in b.mentions if m.nstart in view.list_of}
    shared = sorted(k for k in la & lb if len(view.lists[k]) > 1)
    if not shared:
        return
    f["any_list"] = 1.0
    if len(shared) > 1:
        f["lists_2+"] = 1.0
    for k in shared:
        lst = view.lists[k]
        f[f"list_size={_bucket(len(lst), (2, 3, 5))}"] = 1.0
        lo, hi = lst[0].nstart, lst[-1].nend
        for w in masked_words(doc, max(0, lo - 40), lo, view.masks)[-3:]:
            f[f"any_list_before:{w}"] = 1.0
        for w in masked_words(doc, hi, min(len(doc.text), hi + 40), view.masks)[:3]:
            f[f"any_list_after:{w}"] = 1.0


def _shared_sentences(
    doc: Doc, a: Person, b: Person, view: ArticleView, f: dict[str, float]
) -> None:
    """The sentences that name both: how many, the words of joint action and the crime
    and action cues in them."""
    sa = {s.start: s for m in a.mentions if (s := doc.sentence_at(m.nstart)) is not None}
    sb = {s.start for m in b.mentions if (s := doc.sentence_at(m.nstart)) is not None}
    shared = [sa[k] for k in sorted(sa.keys() & sb)]
    if not shared:
        return
    f[f"shared_sentences={_bucket(len(shared), (1, 2))}"] = 1.0
    for s in shared:
        for w in view.sentence_joint.get(s.start, ()):
            f[f"sent_joint:{w}"] = 1.0
        for c in view.cues:
            if s.start <= c.nstart < s.end:
                kind = "crime" if c.label == "CRIME_CUE" else "action"
                f[f"sent_{kind}={(c.value or {}).get('code')}"] = 1.0
