"""How two person mentions from different articles are compared, declared as data.

Each :class:`Comparison` has named levels, tried in order; the first that holds is the
pair's level for that comparison (as in Splink's comparison levels). A level is either
scored (its weight comes from the link model trained on labelled pairs,
``scripts/train_links.py``) or a *veto*: the pair is never linked and the two mentions are
kept apart in clustering (different fathers, homes in two different districts).

The comparisons read a :class:`Profile` of each mention (name tokens cleaned of titles,
their sound keys, initials, district and how the text ties the person to it, relatives,
co-mentioned people, designation, roles) and :class:`NameStats` over the whole store (how
many different full names share a first or last word; in how many articles and districts a
name appears), so that a rare full name counts for more than ``राजेश कुमार`` and a public
figure named across many districts is not kept apart by the district of one article.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import JaroWinkler

from jaanch.lexicons import load_tsv
from jaanch.text.english_names import india_score, initials
from jaanch.text.keys import clean_name, is_devanagari, latin_token_key, token_key
from jaanch.text.translit import latin_word

_TOKEN = re.compile(r"[\w\u0900-\u097f]+")


@cache
def title_keys() -> frozenset[str]:
    """Honorifics and one-word designations that are not part of a name when comparing
    (``पीएम``, ``डॉ``, ``सेक्रेट्री``, ``Dr``): ``name_titles.tsv`` and ``designations.tsv``."""
    out = {_tok_key(r["title"]) for r in load_tsv("name_titles.tsv") if r.get("title")}
    out |= {
        _tok_key(r["phrase"])
        for r in load_tsv("designations.tsv")
        if r.get("phrase") and " " not in r["phrase"]
    }
    return frozenset(k for k in out if k)


def _tok_key(tok: str) -> str:
    tok = tok.strip(".")
    return token_key(tok) if is_devanagari(tok) else tok.lower()


@lru_cache(maxsize=262144)
def sound(tok: str) -> str:
    """A word's sound skeleton, the same for Devanagari spelling variants (nukta, vowel
    length, ``ण``/``न``, ``ज्ज्व``/``ज्जव``) and for a Latin spelling of it."""
    if is_devanagari(tok):
        return latin_token_key(latin_word(token_key(tok)))
    return latin_token_key(tok)


@dataclass
class Profile:
    """What the comparisons read of one person mention."""

    article: int
    key: str
    alias_keys: frozenset[str]
    tokens: tuple[str, ...]  # name-key words, titles dropped
    words: tuple[str, ...]  # the same words as written
    sounds: tuple[str, ...]  # sound skeleton per word
    inits: tuple[str | None, ...]
    district: int | None
    district_source: str | None
    parents: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    co: frozenset[str] = frozenset()
    co_words: frozenset[str] = frozenset()  # sounds of the words of co-mentioned names
    designation: str | None = None
    roles: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()  # word keys of the sentence naming the person
    sound_key: str = field(init=False, default="")
    full: bool = field(init=False, default=False)
    _population: str | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.sound_key = "".join(self.sounds)
        #: two or more words that are not all initials: a full name
        self.full = len(self.tokens) >= 2 and any(i is None for i in self.inits)
        self._population: str | None = None

    @property
    def population(self) -> str:
        """How common this name is in India (:func:`population_level`), computed once."""
        if self._population is None:
            self._population = _population(self.words)
        return self._population


def name_words(name: str) -> list[str]:
    """The words of a name that identify the person (titles and designations dropped)."""
    titles = title_keys()
    words = [w for w in _TOKEN.findall(clean_name(name)) if not w.isdigit()]
    kept = [w for w in words if _tok_key(w) not in titles]
    return kept or words


def profile(
    article: int,
    name: str,
    key: str,
    alias_keys: Iterable[str] = (),
    district: int | None = None,
    district_source: str | None = None,
    kin: dict[str, set[str]] | None = None,
    co: Iterable[str] = (),
    designation: str | None = None,
    roles: Iterable[str] = (),
    sentence: str | None = None,
) -> Profile:
    words = name_words(name)
    toks = tuple(token_key(w) if is_devanagari(w) else w.lower() for w in words)
    sounds = tuple(sound(w) for w in words)
    kin = kin or {}
    return Profile(
        article=article,
        key=key,
        alias_keys=frozenset(alias_keys),
        tokens=toks,
        words=tuple(words),
        sounds=sounds,
        inits=tuple(initials(w) for w in words),
        district=district,
        district_source=district_source,
        parents=frozenset(kin.get("parent", set())),
        relatives=frozenset(
            n for rel, names in kin.items() if rel not in ("parent", "associate") for n in names
        ),
        co=frozenset(co),
        co_words=frozenset(sound(w) for k in co for w in k.split()) - set(sounds),
        designation=designation,
        roles=frozenset(roles),
        context=context_words(sentence, toks),
    )


@cache
def frame_words() -> frozenset[str]:
    """Words every crime report uses (the crime, action and role cues, designations,
    place heads: ``गिरफ्तार``, ``आरोप``, ``थाना``, ``मुकदमा``): they say what kind of story
    it is, not who the person is, so context comparison leaves them out."""
    words: set[str] = set()
    for fname, col in (
        ("crime_cues.tsv", "pattern"),
        ("action_cues.tsv", "pattern"),
        ("role_cues.tsv", "pattern"),
        ("designations.tsv", "phrase"),
        ("place_heads.tsv", "head"),
    ):
        for r in load_tsv(fname):
            words.update(re.findall("[\u0900-\u097f]{2,}", r.get(col) or ""))
    return frozenset(token_key(w) for w in words)


def context_words(sentence: str | None, own: Iterable[str] = ()) -> frozenset[str]:
    """The word keys of a sentence (Devanagari words of two or more letters, no digits),
    without the person's own name and without :func:`frame_words`."""
    if not sentence:
        return frozenset()
    words = {token_key(w) for w in _TOKEN.findall(clean_name(sentence)) if is_devanagari(w)}
    return frozenset(w for w in words if len(w) >= 2) - set(own) - frame_words()


@dataclass
class NameStats:
    """Counts over every person mention of the store."""

    n_full: int = 1
    first: dict[str, int] = field(default_factory=dict)  # distinct full names per first word
    last: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)  # articles per sound key
    districts: dict[str, int] = field(default_factory=dict)  # districts per sound key
    idf: dict[str, float] = field(default_factory=dict)  # of context words over mentions
    #: per name word: the article counts of the two most-named full names holding it
    top_holders: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, profiles: Iterable[Profile]) -> NameStats:
        fulls: set[tuple[str, ...]] = set()
        arts: dict[str, set[int]] = defaultdict(set)
        dists: dict[str, set[int]] = defaultdict(set)
        words_of: dict[int, set[str]] = defaultdict(set)
        for p in profiles:
            words_of[p.article] |= p.context
            if p.full:
                fulls.add(p.sounds)
            arts[p.sound_key].add(p.article)
            if p.district:
                dists[p.sound_key].add(p.district)
        first: dict[str, int] = defaultdict(int)
        last: dict[str, int] = defaultdict(int)
        held: dict[str, list[int]] = defaultdict(list)
        for f in fulls:
            first[f[0]] += 1
            last[f[-1]] += 1
            n_art = len(arts.get("".join(f), ()))
            for w in {f[0], f[-1]}:
                held[w].append(n_art)
        top: dict[str, tuple[int, int]] = {}
        for w, counts in held.items():
            counts.sort(reverse=True)
            top[w] = (counts[0], counts[1] if len(counts) > 1 else 0)
        return cls(
            n_full=max(len(fulls), 1),
            first=dict(first),
            last=dict(last),
            articles={k: len(v) for k, v in arts.items()},
            districts={k: len(v) for k, v in dists.items()},
            idf=_idf(words_of.values()),
            top_holders=top,
        )

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Cosine similarity of two word sets weighted by idf (0 when either is empty)."""
        if not a or not b:
            return 0.0
        idf = self.idf
        default = math.log(1 + len(idf) or 1)
        shared = sum(idf.get(w, default) ** 2 for w in a & b)
        if not shared:
            return 0.0
        na = math.sqrt(sum(idf.get(w, default) ** 2 for w in a))
        nb = math.sqrt(sum(idf.get(w, default) ** 2 for w in b))
        return shared / (na * nb)

    def expected_namesakes(self, p: Profile) -> float:
        """About how many different people carry this full name, if first and last words
        combined at random (a rare full name: well under one)."""
        if not p.full:
            return float(self.first.get(p.sounds[0], 0) + self.last.get(p.sounds[0], 0))
        f = self.first.get(p.sounds[0], 1)
        la = self.last.get(p.sounds[-1], 1)
        return f * la / self.n_full


@cache
def reference_df() -> tuple[int, dict[str, int]]:
    """Document frequencies of words in the project's news corpus (``news_words.tsv``):
    the prior that keeps idf sensible in a store of a few articles."""
    from importlib import resources

    head = resources.files("jaanch.lexicons").joinpath("news_words.tsv").read_text("utf-8")
    m = re.search(r"statistics of (\d+)", head[:400])
    df: dict[str, int] = defaultdict(int)
    for r in load_tsv("news_words.tsv"):
        if r.get("token") and r.get("docs"):
            df[token_key(r["token"])] += int(r["docs"])
    return (int(m.group(1)) if m else max(df.values(), default=1)), dict(df)


def _idf(articles: Iterable[set[str]]) -> dict[str, float]:
    """idf of every word over the store's articles pooled with the reference corpus."""
    n_ref, ref = reference_df()
    df: dict[str, int] = defaultdict(int)
    n = 0
    for words in articles:
        n += 1
        for w in words:
            df[w] += 1
    total = n_ref + n
    return {w: math.log((1 + total) / (1 + d + ref.get(w, 0))) for w, d in df.items()}


# ------------------------------------------------------------------ the comparisons


@dataclass(frozen=True)
class Level:
    name: str
    label: str
    veto: bool = False


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[Level, ...]
    choose: Callable[[Profile, Profile, NameStats], str]

    def level(self, name: str) -> Level:
        return _LEVELS[self.name][name]


def _jw(a: str, b: str) -> float:
    return float(JaroWinkler.normalized_similarity(a, b))


def _init_match(a: Profile, b: Profile) -> bool:
    """Same last word; every other word of one side is an initial of the other's words
    in order (``एस जयशंकर`` / ``सुब्रह्मण्यम जयशंकर``, ``पी. चिदंबरम`` / ``पी चिदंबरम``)."""
    if a.sounds[-1] != b.sounds[-1] or len(a.tokens) < 2 or len(b.tokens) < 2:
        return False
    for x, y in ((a, b), (b, a)):
        lead = [i for i in x.inits[:-1]]
        if all(lead):
            letters = "".join(i or "" for i in lead)
            firsts = "".join(s[:1] for s in y.sounds[:-1])
            ys = "".join(i or "" for i in y.inits[:-1] if i)
            if letters and (firsts.startswith(letters) or letters == ys or letters in firsts):
                return True
    return False


@lru_cache(maxsize=262144)
def _name_level_cached(
    sa: tuple[str, ...], sb: tuple[str, ...], fa: bool, fb: bool, ia: bool, ib: bool
) -> str:
    if "".join(sa) == "".join(sb):
        return "sound"
    if fa and fb:
        if len(sa) == len(sb) and sa[-1] == sb[-1]:
            if all(_jw(x, y) >= 0.85 for x, y in zip(sa, sb, strict=True)):
                return "close"
        if len(sa) == len(sb) and _jw(" ".join(sa), " ".join(sb)) >= 0.93:
            return "close"
        short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
        if (
            len(short) >= 2
            and short[0] == long_[0]
            and short[-1] == long_[-1]
            and set(short) <= set(long_)
        ):
            return "subset"
        return "different"
    if (ia or fa) and (ib or fb):
        return "different"
    one, other = (sa, sb) if len(sa) == 1 else (sb, sa)
    if len(one) == 1 and len(other) >= 2:
        if one[0] == other[-1]:
            return "short_last"
        if one[0] == other[0]:
            return "short_first"
    return "different"


def name_level(a: Profile, b: Profile, stats: NameStats) -> str:
    if a.key == b.key and a.key:
        return "exact"
    if ({a.key} | a.alias_keys) & ({b.key} | b.alias_keys):
        return "alias"
    if not a.sounds or not b.sounds:
        return "different"
    if _init_match(a, b):
        return "initials"
    return _name_level_cached(
        a.sounds, b.sounds, a.full, b.full, len(a.tokens) >= 2, len(b.tokens) >= 2
    )


def rarity_level(a: Profile, b: Profile, stats: NameStats) -> str:
    if a.full and b.full:
        x = max(stats.expected_namesakes(a), stats.expected_namesakes(b))
        return "rare" if x < 0.02 else "uncommon" if x < 0.2 else "usual" if x < 1 else "common"
    one, full = (a, b) if not a.full else (b, a)
    w = one.sounds[0] if one.sounds else ""
    holders = stats.first.get(w, 0) + stats.last.get(w, 0)
    if holders <= 1:
        return "short_unique"
    # the full name dominates the word: named in 5+ times the articles of any other holder
    top, second = stats.top_holders.get(w, (0, 0))
    n_full = stats.articles.get(full.sound_key, 0)
    if full.full and n_full >= top and n_full >= 5 * max(second, 1):
        return "short_dominant"
    return "short_few" if holders <= 3 else "short_many"


#: log10 of about how many people in India carry a first and a last name: the table
#: score is log10(20000 / rank); a rank-r name has a share of about 1 / (r * 10.5)
#: (Zipf over 20,000 names), so log10(1.4e9 * share_first * share_last) = s_f + s_l - 1.5
_POPULATION_OFFSET = 1.5


def population_level(a: Profile, b: Profile, stats: NameStats) -> str:
    """How common the name is in India (``latin_names.tsv``), whatever the store holds:
    ``राकेश यादव`` is an everyday name even in a store of ten articles."""
    return (a if len(a.tokens) >= len(b.tokens) else b).population


def _population(words: tuple[str, ...]) -> str:
    if not words:
        return "unknown"
    if len(words) == 1:
        s = india_score(words[0])
        return "one_word_common" if s is not None and s >= 2.0 else "one_word_rare"
    sf, sl = india_score(words[0]), india_score(words[-1])
    e = (sf or 0.0) + (sl or 0.0) - _POPULATION_OFFSET
    return "very_common" if e >= 4.5 else "common" if e >= 3.5 else "usual" if e >= 2.5 else "rare"


def alone_level(a: Profile, b: Profile, stats: NameStats) -> str:
    """For a one-word name against a full name: is the one word a name the store uses on
    its own again and again (``मोदी``, ``ट्रंप`` in dozens of articles)?"""
    if a.full == b.full:
        return "not_short"
    one = a if not a.full else b
    n = stats.articles.get(one.sound_key, 0)
    return "recurring" if n >= 5 else "repeated" if n >= 2 else "once"


def prominence_level(a: Profile, b: Profile, stats: NameStats) -> str:
    full = a if a.full or not b.full else b
    k = full.sound_key
    n_art, n_dist = stats.articles.get(k, 0), stats.districts.get(k, 0)
    if n_art >= 8 and n_dist >= 4:
        return "national"
    if n_art >= 3:
        return "recurring"
    return "local"


_TIED = ("residence", "posting")
#: people of the incident itself: the article's district is where they were
_INCIDENT_ROLES = frozenset({"accused", "victim", "complainant", "witness"})


def district_level(a: Profile, b: Profile, stats: NameStats) -> str:
    if not a.district or not b.district:
        return "unknown"
    ta, tb = a.district_source in _TIED, b.district_source in _TIED
    if a.district == b.district:
        return "same_tied" if ta and tb else "same"
    if a.district_source == "residence" and b.district_source == "residence":
        return "different_homes"
    if ta and tb:
        return "different_tied"
    if a.roles & _INCIDENT_ROLES and b.roles & _INCIDENT_ROLES:
        return "different_incident"
    return "different_article"


def relatives_level(a: Profile, b: Profile, stats: NameStats) -> str:
    if a.parents and b.parents and not (a.parents & b.parents):
        return "different_parent"
    if (a.parents & b.parents) or (a.relatives & b.relatives):
        return "shared"
    return "none"


def co_level(a: Profile, b: Profile, stats: NameStats) -> str:
    """People named with both: the same name key, or a distinctive word of their names in
    common (``राहुल`` beside one, ``राहुल गांधी`` beside the other)."""
    n = len(a.co & b.co)
    if n >= 2:
        return "two_plus"
    words = {
        w
        for w in a.co_words & b.co_words
        if len(w) >= 3 and stats.first.get(w, 0) + stats.last.get(w, 0) <= 4
    }
    if n == 1:
        return "two_plus" if len(words) >= 3 else "one"
    return "words" if words else "none"


def context_level(a: Profile, b: Profile, stats: NameStats) -> str:
    if not a.context or not b.context:
        return "unknown"
    x = stats.similarity(a.context, b.context)
    return "similar" if x >= 0.3 else "related" if x >= 0.12 else "unrelated"


def designation_level(a: Profile, b: Profile, stats: NameStats) -> str:
    if not a.designation or not b.designation:
        return "unknown"
    return "same" if a.designation == b.designation else "different"


def role_level(a: Profile, b: Profile, stats: NameStats) -> str:
    if "accused" in a.roles and "accused" in b.roles:
        return "both_accused"
    if "official" in a.roles and "official" in b.roles:
        return "both_official"
    if ("official" in a.roles and "accused" in b.roles) or (
        "accused" in a.roles and "official" in b.roles
    ):
        return "official_and_accused"
    return "other"


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "name",
        (
            Level("exact", "same name key"),
            Level("alias", "same name through an alias (उर्फ)"),
            Level("sound", "same name up to spelling (sound key)"),
            Level("initials", "same surname, initials match the given names"),
            Level("close", "spelling variant (Jaro-Winkler of each word)"),
            Level("subset", "one full name inside the other (middle name)"),
            Level("short_last", "one word, the other's surname"),
            Level("short_first", "one word, the other's first name"),
            Level("different", "different names", veto=True),
        ),
        name_level,
    ),
    Comparison(
        "rarity",
        (
            Level("rare", "rare full name in the store"),
            Level("uncommon", "uncommon full name"),
            Level("usual", "usual full name"),
            Level("common", "common full name (many namesakes)"),
            Level("short_unique", "the word belongs to one full name in the store"),
            Level("short_dominant", "the full name is by far the most named one with the word"),
            Level("short_few", "the word belongs to two or three full names"),
            Level("short_many", "the word belongs to many full names"),
        ),
        rarity_level,
    ),
    Comparison(
        "population",
        (
            Level("very_common", "an everyday name in India (100,000+ namesakes)"),
            Level("common", "a common name in India (10,000+ namesakes)"),
            Level("usual", "a usual name in India (1,000+ namesakes)"),
            Level("rare", "a rare name in India"),
            Level("one_word_common", "one common name word"),
            Level("one_word_rare", "one rare name word"),
            Level("unknown", "no name words"),
        ),
        population_level,
    ),
    Comparison(
        "alone",
        (
            Level("recurring", "the one word is used alone as a name in 5+ articles"),
            Level("repeated", "the one word is used alone in 2-4 articles"),
            Level("once", "the one word is used alone in one article"),
            Level("not_short", "not a one-word name against a full name"),
        ),
        alone_level,
    ),
    Comparison(
        "prominence",
        (
            Level("national", "named in 8+ articles across 4+ districts (public figure)"),
            Level("recurring", "named in 3+ articles"),
            Level("local", "named in one or two articles"),
        ),
        prominence_level,
    ),
    Comparison(
        "district",
        (
            Level("same_tied", "same district, where both live or are posted"),
            Level("same", "same district"),
            Level("different_homes", "homes in different districts", veto=True),
            Level("different_tied", "posted or living in different districts"),
            Level("different_incident", "accused, victims or complainants in different districts"),
            Level("different_article", "articles from different districts"),
            Level("unknown", "district unknown"),
        ),
        district_level,
    ),
    Comparison(
        "relatives",
        (
            Level("different_parent", "different fathers or mothers", veto=True),
            Level("shared", "a relative in common"),
            Level("none", "no relatives to compare"),
        ),
        relatives_level,
    ),
    Comparison(
        "co_mentions",
        (
            Level("two_plus", "two or more people named with both"),
            Level("one", "one person named with both"),
            Level("words", "a distinctive word of a co-mentioned name in common"),
            Level("none", "no one named with both"),
        ),
        co_level,
    ),
    Comparison(
        "context",
        (
            Level("similar", "the sentences naming them share rare words (cosine >= 0.3)"),
            Level("related", "the sentences share some rare words (cosine >= 0.12)"),
            Level("unrelated", "the sentences share no rare words"),
            Level("unknown", "no sentence to compare"),
        ),
        context_level,
    ),
    Comparison(
        "designation",
        (
            Level("same", "same designation"),
            Level("different", "different designations"),
            Level("unknown", "designation of one or both unknown"),
        ),
        designation_level,
    ),
    Comparison(
        "role",
        (
            Level("both_accused", "accused in both"),
            Level("both_official", "an official in both"),
            Level("official_and_accused", "an official in one, accused in the other"),
            Level("other", "other roles"),
        ),
        role_level,
    ),
)


@dataclass(frozen=True)
class Compared:
    """The level each comparison chose for one pair."""

    levels: tuple[tuple[str, str], ...]  # (comparison, level)
    veto: str | None  # the first veto level's "comparison=level", if any

    @property
    def veto_level(self) -> str | None:
        return self.veto.split("=", 1)[1] if self.veto else None

    def features(self) -> dict[str, float]:
        return {f"{c}={lv}": 1.0 for c, lv in self.levels}


_LEVELS: dict[str, dict[str, Level]] = {
    c.name: {lv.name: lv for lv in c.levels} for c in COMPARISONS
}
_VETOES = frozenset((c.name, lv.name) for c in COMPARISONS for lv in c.levels if lv.veto)


def compare(a: Profile, b: Profile, stats: NameStats, *, full: bool = True) -> Compared:
    """The level of every comparison for a pair. With ``full=False`` a pair whose names
    differ (a veto) stops there: resolution needs no more of it."""
    if not full:
        name = name_level(a, b, stats)
        if ("name", name) in _VETOES:
            return Compared((("name", name),), f"name={name}")
    levels = tuple((c.name, c.choose(a, b, stats)) for c in COMPARISONS)
    veto = next((f"{c}={lv}" for c, lv in levels if (c, lv) in _VETOES), None)
    return Compared(levels, veto)


def explain(cmp: Compared, weights: dict[tuple[str, str], float]) -> list[dict[str, Any]]:
    """One row per comparison: the level chosen, its label and its weight (log-odds)."""
    rows = []
    for cname, lv in cmp.levels:
        level = _LEVELS[cname][lv]
        rows.append(
            {
                "comparison": cname,
                "level": lv,
                "label": level.label,
                "weight": round(weights.get((cname, lv), 0.0), 3),
                "veto": level.veto,
            }
        )
    return rows
