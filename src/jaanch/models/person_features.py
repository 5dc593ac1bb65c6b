"""Features of a candidate name for the learned person model (``person_model``).

The context recogniser (:mod:`jaanch.recognise.persons`) proposes a chunk of words after a
cue: a role or occupation noun (``कर्मचारी धमेंद्र``), kinship (``भाई शकील``), a residence
(``धौलाना निवासी यामीन``), a reporting verb after it, a list beside a found name. Whether
the chunk is a name is decided from what its words are, never which names they are:

* how much people in India use each word as a name (``latin_names.tsv``, the India
  figures of a public names table, read through the word's usual English spelling);
* how the public NER corpora and the news corpus use it (name-likeness, common word, rare);
* whether it is a known surname, given name or title, how many syllables it has;
* the cue that proposed it, the cue word, the words right before and after the chunk
  (folded: ``ने``, ``को``, ``पुत्र``, ``व``), whether a list goes on, whether it overlaps a
  place, and whether the hand rules took it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from jaanch.names import NameLexicon, syllable_letters
from jaanch.text.english_names import india_last_score, india_score
from jaanch.text.segment import Token

#: words that join the names of a list: a chunk beside one is listed
LIST_SEPARATORS = (",", "और", "व", "एवं", "तथा")


class CandidateSource(Protocol):
    """What the features read of the recogniser that proposed the chunk."""

    names: NameLexicon
    keys: list[str]
    toks: list[Token]
    loc_tok: list[bool]
    #: the cue and function words of the context recogniser (person_context.yaml)
    context_words: frozenset[str]

    def common(self, key: str) -> bool: ...

    def rare(self, i: int) -> bool: ...


@lru_cache(maxsize=65536)
def _india(key: str) -> float | None:
    return india_score(key)


#: named buckets (upper edge, name) of a word's India name score and name-likeness
_INDIA_EDGES = (
    (0.5, "0"),
    (1.0, "05"),
    (1.5, "10"),
    (2.0, "15"),
    (2.5, "20"),
    (float("inf"), "25"),
)
_LIKENESS_EDGES = (
    (0.1, "0"),
    (0.25, "01"),
    (0.4, "025"),
    (0.6, "04"),
    (0.8, "06"),
    (float("inf"), "08"),
)


def _bucket(x: float, edges: Sequence[tuple[float, str]]) -> str:
    return next(name for edge, name in edges if x < edge)


def _score_bucket(score: float | None) -> str:
    return "none" if score is None else _bucket(score, _INDIA_EDGES)


def _india_bucket(key: str) -> str:
    return _score_bucket(_india(key))


def _word_features(src: CandidateSource, i: int, tag: str, f: dict[str, float]) -> None:
    key = src.keys[i]
    names = src.names
    f[f"{tag}_india={_india_bucket(key)}"] = 1.0
    f[f"{tag}_like={_bucket(names.name_likeness(key), _LIKENESS_EDGES)}"] = 1.0
    if names.is_common_word(key):
        f[f"{tag}_common"] = 1.0
    if names.is_news_common(key):
        f[f"{tag}_news_common"] = 1.0
    if src.rare(i):
        f[f"{tag}_rare"] = 1.0
    if names.is_surname(key):
        f[f"{tag}_surname"] = 1.0
    if names.is_given_name(key):
        f[f"{tag}_given"] = 1.0
    if names.is_title(key):
        f[f"{tag}_title"] = 1.0
    if syllable_letters(src.toks[i].text) < 2:
        f[f"{tag}_short"] = 1.0
    if src.loc_tok[i]:
        f[f"{tag}_loc"] = 1.0


def candidate_features(
    src: CandidateSource,
    first: int,
    last: int,
    cue: str,
    strong: bool,
    rule_ok: bool,
    group: tuple[tuple[int, int], ...] = (),
) -> dict[str, float]:
    """Features of the chunk of tokens ``first..last`` (inclusive) proposed by ``cue``
    (``role_noun:आरोपी``, ``kin:भाई``, ``residence``, ``after:ने``, ``list``...).
    ``group``: the items of the coordination the chunk is one of (``coord`` cue), read
    as a whole: how many, the words around it, and how name-like its least name-like
    item is ("आनंद, विशाल और आकाश ने" against "पथराव और फायरिंग में")."""
    f: dict[str, float] = {"bias": 1.0}
    kind, _, word = cue.partition(":")
    f[f"cue={kind}"] = 1.0
    if word:
        f[f"cue_word={word}"] = 1.0
    if strong:
        f["strong"] = 1.0
    if rule_ok:
        f["rule_ok"] = 1.0
        f[f"rule_ok_{kind}"] = 1.0
    n_words = last - first + 1
    f[f"words={min(n_words, 3)}"] = 1.0
    _word_features(src, first, "first", f)
    if last > first:
        _word_features(src, last, "last", f)
        f[f"last_india_last={_score_bucket(india_last_score(src.keys[last]))}"] = 1.0
    else:
        india = _india_bucket(src.keys[first])
        f[f"one_india={india}"] = 1.0
        f[f"one_{kind}_india={india}"] = 1.0
    n = len(src.toks)
    prev = _context_word(src, first - 1) if first > 0 else "<s>"
    nxt = _context_word(src, last + 1) if last + 1 < n else "</s>"
    nxt2 = _context_word(src, last + 2) if last + 2 < n else "</s>"
    f[f"prev={prev}"] = 1.0
    f[f"next={nxt}"] = 1.0
    f[f"next2={nxt}_{nxt2}"] = 1.0
    if nxt in LIST_SEPARATORS:
        f["list_goes_on"] = 1.0
    if prev in LIST_SEPARATORS:
        f["list_before"] = 1.0
    if group:
        start, end = group[0][0], group[-1][1]
        f[f"group_items={min(len(group), 4)}"] = 1.0
        f[f"group_prev={_context_word(src, start - 1) if start > 0 else '<s>'}"] = 1.0
        f[f"group_next={_context_word(src, end + 1) if end + 1 < n else '</s>'}"] = 1.0
        scores = [max((_india(src.keys[k]) or 0.0) for k in range(a, b + 1)) for a, b in group]
        f[f"group_min_india={_bucket(min(scores), _INDIA_EDGES)}"] = 1.0
    # what the words are weighs differently by the cue that proposed them
    for k in [k for k in f if k.startswith(("first_", "last_", "prev=", "next="))]:
        f[f"{kind}|{k}"] = 1.0
    return f


def _context_word(src: CandidateSource, i: int) -> str:
    """A word next to the chunk as a feature: punctuation, a cue or function word of the
    recogniser, or an ordinary word that India does not use as a name, as it is; any
    other word (a name, maybe: विशाल is "huge" and a name) as ``<w>``: no name is a
    feature."""
    key = src.keys[i]
    if not key or not key[0].isalpha() or key in src.context_words:
        return key
    if src.names.is_common_word(key) and (_india(key) or 0.0) < 1.0:
        return key
    return "<w>"
