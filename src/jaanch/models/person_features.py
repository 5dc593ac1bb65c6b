"""Features of a candidate name for the learned person model (``person_model``).

The context recogniser (:mod:`jaanch.recognise.persons`) proposes a chunk of words after a
cue: a role or occupation noun (``कर्मचारी धमेंद्र``), kinship (``भाई शकील``), a residence
(``धौलाना निवासी यामीन``), a reporting verb after it, a list beside a found name. Whether
the chunk is a name is decided from what its words are, never which names they are:

* how much people in India use each word as a name (``latin_names.tsv``, the India
  figures of a public names table, read through the word's usual English spelling);
* how the public NER corpora and the news corpus use it (name-likeness, common word, rare);
* whether it is a known surname, given name or title, how many syllables it has;
* the cue that proposed it, the cue word, the two words right before and the words right
  after the chunk (folded: ``की पहचान``, ``ने``, ``को``, ``पुत्र``, ``व``), whether a list
  goes on, whether it overlaps a place, and whether the hand rules took it;
* in how many articles of the news corpus the word before the chunk and its first word
  stand together (``cue_pairs.tsv``): ``पहचान पत्र`` is a phrase, names differ from
  article to article.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Protocol

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv
from jaanch.names import NameLexicon, syllable_letters
from jaanch.text.english_names import india_last_score, india_score
from jaanch.text.segment import Token
from jaanch.types import Span

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


def common_word(names: NameLexicon, key: str) -> bool:
    """An ordinary word of news prose (NER-corpus or news-corpus statistics)."""
    return names.is_common_word(key) or names.is_news_common(key)


def rare_word(names: NameLexicon, key: str) -> bool:
    """A word neither corpus knows: likely a rare proper name (``लाठीगरा``)."""
    news = names.news_counts(key)
    return (
        names.counts(key) is None
        and not common_word(names, key)
        and (news is None or news.docs < 6)
    )


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


@cache
def _cue_pairs() -> dict[tuple[str, str], int]:
    return {(r["cue"], r["word"]): int(r["docs"]) for r in load_tsv("cue_pairs.tsv")}


def cue_pair_docs(before: str, word: str) -> int:
    """In how many news articles the folded ``before`` and ``word`` stand together (0 if
    fewer than ``cue_pairs.tsv`` keeps)."""
    return _cue_pairs().get((before, word), 0)


def _pair_bucket(docs: int) -> str:
    return "0" if docs == 0 else "3-4" if docs < 5 else "5-9" if docs < 10 else "10+"


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


def _chunk_word_features(
    src: CandidateSource, first: int, last: int, tag: str, f: dict[str, float]
) -> None:
    """What the words of the chunk ``first..last`` are: how many, the first and the last
    word's statistics (the last also as a family name), a one-word chunk's India score.
    ``tag`` prefixes every feature name."""
    f[f"{tag}words={min(last - first + 1, 3)}"] = 1.0
    _word_features(src, first, f"{tag}first", f)
    if last > first:
        _word_features(src, last, f"{tag}last", f)
        f[f"{tag}last_india_last={_score_bucket(india_last_score(src.keys[last]))}"] = 1.0
    else:
        f[f"{tag}one_india={_india_bucket(src.keys[first])}"] = 1.0


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
    _chunk_word_features(src, first, last, "", f)
    if last == first:
        f[f"one_{kind}_india={_india_bucket(src.keys[first])}"] = 1.0
    n = len(src.toks)
    prev = _context_word(src, first - 1) if first > 0 else "<s>"
    nxt = _context_word(src, last + 1) if last + 1 < n else "</s>"
    nxt2 = _context_word(src, last + 2) if last + 2 < n else "</s>"
    prev2 = _context_word(src, first - 2) if first > 1 else "<s>"
    f[f"prev={prev}"] = 1.0
    f[f"prev2={prev2}_{prev}"] = 1.0
    f[f"next={nxt}"] = 1.0
    if first > 0:
        f[f"pair={_pair_bucket(cue_pair_docs(src.keys[first - 1], src.keys[first]))}"] = 1.0
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
    for k in [k for k in f if k.startswith(("first_", "last_", "prev=", "next=", "pair="))]:
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


class DocWords:
    """The words of a whole article as :func:`candidate_features` reads a chunk's words
    (the :class:`CandidateSource` of the person check, which has no recogniser at hand):
    a word is a place's where a LOC span covers it. Also the folded words of every place
    and organisation of the article, read once for all its people."""

    def __init__(self, doc: Doc, names: NameLexicon, context_words: frozenset[str]) -> None:
        self.names = names
        self.keys = doc.keys
        self.toks = doc.tokens
        self.context_words = context_words
        self.loc_tok = [False] * len(self.toks)
        #: (label, nstart, nend, folded words) of every LOC and ORG span
        self.named_places: list[tuple[str, int, int, frozenset[str]]] = []
        for s in doc.spans_of("LOC", "ORG"):
            tokens = token_range(doc, s)
            if s.label == "LOC":
                for i in tokens:
                    self.loc_tok[i] = True
            words = frozenset(self.keys[i] for i in tokens)
            self.named_places.append((s.label, s.nstart, s.nend, words))

    def common(self, key: str) -> bool:
        return common_word(self.names, key)

    def rare(self, i: int) -> bool:
        return rare_word(self.names, self.keys[i])


def name_check_features(src: DocWords, doc: Doc, mentions: Sequence[Span]) -> dict[str, float]:
    """What the words of a person's name are and which recognisers found it, for the
    person check (``person_check``): the first and last word of the longest mention
    (name statistics as for a candidate chunk), how many words, the recognisers that
    found its mentions, the cues that proposed them, and whether a word of it is also
    written as a place or an organisation elsewhere in the article. No name is a
    feature."""
    f: dict[str, float] = {}
    if not mentions:
        return f
    longest = max(mentions, key=lambda m: (len(m.text.split()), -m.nstart))
    tokens = token_range(doc, longest)
    _chunk_word_features(src, tokens[0], tokens[-1], "nc_", f)
    sources = sorted({m.recogniser for m in mentions})
    f[f"nc_src={'+'.join(sources)}"] = 1.0
    if any((m.value or {}).get("seed") for m in mentions):
        f["nc_seed"] = 1.0
    for m in mentions:
        cue = str((m.value or {}).get("cue", ""))
        if cue:
            f[f"nc_cue={cue}"] = 1.0
    folded = {src.keys[k] for k in tokens}
    for label, start, end, words in src.named_places:
        if (start > longest.nend or end < longest.nstart) and folded & words:
            f[f"nc_also_{label.lower()}"] = 1.0
    return f


def token_range(doc: Doc, s: Span) -> range:
    """The indices of the tokens a span covers (at least its first)."""
    i = doc.token_index_at(s.nstart)
    j = i
    while j + 1 < len(doc.tokens) and doc.tokens[j + 1].start < s.nend:
        j += 1
    return range(i, j + 1)
