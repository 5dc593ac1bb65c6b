"""How name-like is a Hindi word? Token statistics from public NER corpora.

:class:`NameLexicon` reads the derived tables built by ``scripts/build_name_lexicon.py``
(``name_tokens.tsv``, ``common_words.tsv``, ``given_names.tsv``) and two hand-curated
lists (``surnames.tsv``, ``name_titles.tsv``), all in :mod:`jaanch.lexicons`.

Every lookup folds the token the way the tables were built (:func:`fold_for_match`:
no nukta, ँ→ं, trailing punctuation stripped), so a token of :class:`jaanch.doc.Doc`
(already normalised) can be passed as it is.

Scores are smoothed shares in ``[0, 1]``: ``(count + A * prior) / (total + A)``; a token
never seen in the corpora gets the prior. They are features, not decisions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from jaanch.lexicons import load_tsv
from jaanch.text.normalise import fold_for_match

SMOOTHING = 2.0  # A: pseudo-count of the prior
PERSON_PRIOR = 0.3  # unseen words in news are often rare names or rare inflections
LOC_PRIOR = 0.1
ORG_PRIOR = 0.05
FIRST_PRIOR = 0.15
LAST_PRIOR = 0.1
PERSON_UNSEEN = 0.2  # a word the corpora never saw (or saw once, outside any name)
SURNAME_FLOOR = 0.6  # a curated surname scores at least this, unless the corpora disagree
SURNAME_MIN_SHARE = 0.1  # ... i.e. unless under this share of its uses are in a person name
SURNAME_MIN_EVIDENCE = 10  # ... in at least this many uses
TITLE_CAP = 0.1  # honorifics are never part of a PERSON span
KNOWN_NAME_LIKENESS = 0.5  # a word this name-like is known as a name word (unseen: 0.2)


@dataclass(frozen=True)
class TokenCounts:
    """How often a token occurs in each role in the NER corpora."""

    per_first: int
    per_inner: int
    per_last: int
    loc: int
    org: int
    misc: int
    other: int
    total: int

    @property
    def per(self) -> int:
        return self.per_first + self.per_inner + self.per_last


def token_key(token: str) -> str:
    """The key the tables use for ``token`` (a word of normalised text)."""
    return fold_for_match(token)


def syllable_letters(word: str) -> int:
    """Letters of a word that begin a syllable: Devanagari consonants and independent
    vowels (not vowel signs, virama, nukta or nasal marks), and any other letter.
    A word with fewer than two (``नी``, ``के``) is a fragment or an initial, never a
    whole name."""
    return sum(
        1
        for ch in word
        if "\u0904" <= ch <= "\u0939"
        or "\u0958" <= ch <= "\u0961"
        or "\u0972" <= ch <= "\u097f"
        or (ch.isalpha() and not "\u0900" <= ch <= "\u097f")
    )


def _smooth(count: int, total: int, prior: float) -> float:
    return (count + SMOOTHING * prior) / (total + SMOOTHING)


@dataclass(frozen=True)
class NewsCounts:
    docs: int
    count: int
    after_rank: int


@cache
def _news() -> dict[str, NewsCounts]:
    return {
        r["token"]: NewsCounts(int(r["docs"]), int(r["count"]), int(r["after_rank"]))
        for r in load_tsv("news_words.tsv")
    }


@cache
def _ambiguous_name_words() -> frozenset[str]:
    from jaanch.lexicons import load_yaml

    return frozenset(token_key(w) for w in load_yaml("person_context.yaml")["ambiguous_name_words"])


class NameLexicon:
    """Corpus counts plus curated surname and title lists; see the module docstring."""

    def __init__(
        self,
        counts: Mapping[str, TokenCounts],
        common: Mapping[str, int],
        surnames: frozenset[str],
        given: Mapping[str, int],
        titles: frozenset[str],
    ) -> None:
        self._counts = dict(counts)
        self._common = dict(common)
        self._surnames = frozenset(token_key(s) for s in surnames)
        self._given = {token_key(k): v for k, v in given.items()}
        self._titles = frozenset(token_key(t) for t in titles)

    @classmethod
    @cache
    def default(cls) -> NameLexicon:
        """The lexicon built from the packaged data files (loaded once)."""
        counts = {
            r["token"]: TokenCounts(
                *(
                    int(r[c])
                    for c in (
                        "per_first",
                        "per_inner",
                        "per_last",
                        "loc",
                        "org",
                        "misc",
                        "other",
                        "total",
                    )
                )
            )
            for r in load_tsv("name_tokens.tsv")
        }
        common = {r["token"]: int(r["count"]) for r in load_tsv("common_words.tsv")}
        surnames = frozenset(r["surname"] for r in load_tsv("surnames.tsv"))
        given = {r["token"]: int(r["count"]) for r in load_tsv("given_names.tsv")}
        titles = frozenset(r["title"] for r in load_tsv("name_titles.tsv"))
        return cls(counts, common, surnames, given, titles)

    # -- raw facts ---------------------------------------------------------------------

    def counts(self, token: str) -> TokenCounts | None:
        """Corpus counts of ``token``, or None when it was not seen as an entity word."""
        return self._counts.get(token_key(token))

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and token_key(token) in self._counts

    def __len__(self) -> int:
        return len(self._counts)

    def is_common_word(self, token: str) -> bool:
        """One of the ~3000 words most often found outside any named entity."""
        return token_key(token) in self._common

    def common_count(self, token: str) -> int:
        return self._common.get(token_key(token), 0)

    def is_surname(self, token: str) -> bool:
        """In the hand-curated list of Indian surnames (``surnames.tsv``)."""
        return token_key(token) in self._surnames

    def news_counts(self, token: str) -> NewsCounts | None:
        return _news().get(token_key(token))

    def news_name_score(self, token: str) -> float:
        """Share of the word's uses in news prose that stand in the name slot after a
        rank or post (silver evidence from ``news_words.tsv``), scaled to [0, 1]."""
        c = self.news_counts(token)
        if c is None:
            return 0.0
        return min(1.0, 2.5 * c.after_rank / (c.count + 1))

    def name_likeness(self, token: str) -> float:
        """The stronger of the NER-corpus score and the news silver score."""
        return max(self.person_score(token), self.news_name_score(token))

    def is_news_common(self, token: str) -> bool:
        """Frequent in Hindi news prose (6+ articles) and seldom in a name slot."""
        c = self.news_counts(token)
        return (
            c is not None
            and c.docs >= 6
            and c.after_rank < 0.05 * c.count
            and self.person_score(token) < 0.45
            and not self.is_surname(token)
        )

    def is_very_common_surname(self, token: str) -> bool:
        """A name word so widely shared (सिंह, कुमार, देवी) that alone it names nobody."""
        return token_key(token) in _ambiguous_name_words()

    def is_surname_latin(self, word: str) -> bool:
        """A Latin-script word that spells a known surname (``Raghuvanshi``, ``Singh``)."""
        return word.lower() in self._latin_surnames()

    def _latin_surnames(self) -> frozenset[str]:
        cached = getattr(self, "_latin_cache", None)
        if cached is None:
            from jaanch.text.translit import latin_word

            cached = frozenset(latin_word(s).lower() for s in self._surnames)
            self._latin_cache = cached
        return cached

    def is_given_name(self, token: str) -> bool:
        """Mostly the first word of a person name in the corpora (``given_names.tsv``)."""
        return token_key(token) in self._given

    def is_known_name_word(self, token: str) -> bool:
        """Do the name tables know ``token`` as a word of people's names: a given or
        family name, or a word mostly written in names (:data:`KNOWN_NAME_LIKENESS`)?"""
        return (
            self.is_given_name(token)
            or self.is_surname(token)
            or self.name_likeness(token) >= KNOWN_NAME_LIKENESS
        )

    def is_title(self, token: str) -> bool:
        """An honorific such as श्री, डॉ, जी (``name_titles.tsv``)."""
        return token_key(token) in self._titles

    # -- scores ------------------------------------------------------------------------

    def person_score(self, token: str) -> float:
        """Smoothed probability that ``token`` is a word of a person's name."""
        key = token_key(token)
        if not key:
            return 0.0
        c = self._counts.get(key)
        if c is None:
            score = 0.0 if key in self._common else PERSON_UNSEEN
        else:
            score = _smooth(c.per, c.total, PERSON_PRIOR)
        if self._surname_floor(key, c):
            score = max(score, SURNAME_FLOOR)
        if key in self._titles:
            score = min(score, TITLE_CAP)
        return score

    def loc_score(self, token: str) -> float:
        """Smoothed probability that ``token`` is a word of a place name."""
        c = self._counts.get(token_key(token))
        if c is None:
            return 0.0 if self.is_common_word(token) else LOC_PRIOR
        return _smooth(c.loc, c.total, LOC_PRIOR)

    def org_score(self, token: str) -> float:
        """Smoothed probability that ``token`` is a word of an organisation name."""
        c = self._counts.get(token_key(token))
        if c is None:
            return 0.0 if self.is_common_word(token) else ORG_PRIOR
        return _smooth(c.org, c.total, ORG_PRIOR)

    def first_name_score(self, token: str) -> float:
        """Smoothed share of uses that begin a person name (a given name, or a lone name)."""
        key = token_key(token)
        c = self._counts.get(key)
        if c is None:
            return 0.0 if key in self._common else FIRST_PRIOR
        score = _smooth(c.per_first, c.total, FIRST_PRIOR)
        return min(score, TITLE_CAP) if key in self._titles else score

    def surname_score(self, token: str) -> float:
        """Smoothed share of uses that end a multi-word person name; curated surnames
        the corpora do not contradict score at least ``SURNAME_FLOOR``."""
        key = token_key(token)
        c = self._counts.get(key)
        if c is None:
            score = 0.0 if key in self._common else LAST_PRIOR
        else:
            score = _smooth(c.per_last, c.total, LAST_PRIOR)
        if self._surname_floor(key, c):
            score = max(score, SURNAME_FLOOR)
        return score

    def _surname_floor(self, key: str, c: TokenCounts | None) -> bool:
        """A curated surname the corpora do not contradict (सरकार is mostly a word)."""
        if key not in self._surnames or key in self._common:
            return False
        if c is None or c.total < SURNAME_MIN_EVIDENCE:
            return True
        return c.per >= SURNAME_MIN_SHARE * c.total
