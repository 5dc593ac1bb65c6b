"""Matching keys for names: Hindi spelling variants and Latin queries meet on one key.

``name_key`` folds a Devanagari name so that common spelling variants agree: nukta
(``ड़``/``ड``), chandrabindu and anusvara (``ँ``/``ं``), a nasal consonant with virama
before a stop of its class (``सन्जय``/``संजय``), vowel length (``ी``/``ि``, ``ू``/``ु``) and a
word-final ``ा`` (``मिश्रा``/``मिश्र``). ``latin_key`` reduces a Latin spelling
(``Mishra``, ``misra``, ``Dubey``) to a skeleton without ``a``/``e``/``o`` and aspiration that the transliteration of
the Devanagari name reduces to as well.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jaanch.gazetteer import place_key
from jaanch.text.translit import latin_word

_DEVA = re.compile("[\u0900-\u097f]")
_LENGTH = str.maketrans(
    {
        "\u0940": "\u093f",  # ी -> ि
        "\u0942": "\u0941",  # ू -> ु
        "\u0908": "\u0907",  # ई -> इ
        "\u090a": "\u0909",  # ऊ -> उ
        "\u0949": "\u093e",  # ॉ -> ा
        "\u0911": "\u0906",  # ऑ -> आ
        "\u0901": "\u0902",  # ँ -> ं
    }
)
_FINAL_AA = re.compile("\u093e$")
_TOKEN = re.compile(r"[\w\u0900-\u097f]+")
#: zero-width and soft-hyphen characters that split a written word in two (``बच्\u200dचन``)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
#: a vowel letter written as अ plus a vowel sign (``अांबेडकर``) -> the vowel letter
_SPLIT_VOWELS = {
    "\u0905\u093e": "\u0906",  # अ + ा -> आ
    "\u0905\u094b": "\u0913",  # अ + ो -> ओ
    "\u0905\u094c": "\u0914",  # अ + ौ -> औ
    "\u090f\u0947": "\u0910",  # ए + े -> ऐ
}
_SPLIT_VOWEL = re.compile("|".join(_SPLIT_VOWELS))


def clean_name(name: str) -> str:
    """A name with invisible characters removed and split vowel letters joined, so that
    ``जया बच्\u200dचन`` and ``जया बच्चन``, ``अांबेडकर`` and ``आंबेडकर`` are the same string."""
    s = _INVISIBLE.sub("", name)
    return _SPLIT_VOWEL.sub(lambda m: _SPLIT_VOWELS[m.group(0)], s)


def is_devanagari(s: str) -> bool:
    return bool(_DEVA.search(s))


@lru_cache(maxsize=262144)
def token_key(tok: str) -> str:
    """The key of one Devanagari word (see the module docstring)."""
    s = place_key(tok).translate(_LENGTH)
    s = _FINAL_AA.sub("", s)
    return s.replace(" ", "")


def name_key(name: str) -> str:
    """The space-joined keys of a name's Devanagari words (Latin words by ``latin_key``)."""
    return " ".join(query_tokens(name))


_LATIN_RULES = [
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"ee|ii"), "i"),
    (re.compile(r"ey$"), "e"),
    (re.compile(r"ng(?=h|$)"), "n"),
    (re.compile(r"nh"), "n"),
    (re.compile(r"oo|uu"), "u"),
    (re.compile(r"ai"), "e"),
    (re.compile(r"au|ou"), "o"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph|f"), "f"),
    (re.compile(r"z"), "j"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"chh|ch"), "c"),
    (re.compile(r"([kgjtdpbr])h"), r"\1"),
    (re.compile(r"(?<=[^aeiou])y$"), "i"),
    (re.compile(r"[aeo]"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=262144)
def latin_token_key(tok: str) -> str:
    """A Latin word's skeleton: ``Mishra``/``misra`` -> ``misr``, ``Dubey``/``Dube`` -> ``dub``."""
    s = tok.lower()
    for pat, rep in _LATIN_RULES:
        s = pat.sub(rep, s)
    return s


def latin_key(name: str) -> str:
    """The Latin skeleton of a name in either script (Devanagari is transliterated first)."""
    out = []
    for tok in _TOKEN.findall(clean_name(name)):
        lat = latin_word(tok) if is_devanagari(tok) else tok
        k = latin_token_key(lat)
        if k:
            out.append(k)
    return " ".join(out)


def query_tokens(text: str) -> list[str]:
    """Key tokens of a search query: Devanagari words by ``token_key``, Latin by ``latin_key``."""
    out = []
    for tok in _TOKEN.findall(clean_name(text)):
        k = token_key(tok) if is_devanagari(tok) else latin_token_key(tok)
        if k:
            out.append(k)
    return out


def text_keys(text: str) -> str:
    """A text with every Devanagari word replaced by its key (the full-text index body)."""
    return " ".join(token_key(t) for t in _TOKEN.findall(clean_name(text)) if is_devanagari(t))


_CONSONANT_RULES = [
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"q"), "k"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z"), "j"),
    (re.compile(r"(?<=.)[aeiouyh]"), ""),
    (re.compile(r"^[aeiou]"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=262144)
def consonant_key(word: str) -> str:
    """A coarse Latin key, consonants only (no vowels, y or h): ``Thackeray`` and
    ``Thakre`` -> ``tkr``, ``Trump`` and ``Tramp`` -> ``trmp``, ``Sonia`` and ``Soniya``
    -> ``sn``. Devanagari is transliterated first. For search only: many names share one."""
    s = (latin_word(word) if is_devanagari(word) else word).lower()
    for pat, rep in _CONSONANT_RULES:
        s = pat.sub(rep, s)
    return s


def consonant_tokens(name: str) -> list[str]:
    """``~``-prefixed consonant keys of a name's words and of the words run together
    (``Harsh Vardhan`` meets ``Harshvardhan``)."""
    words = [w for w in _TOKEN.findall(clean_name(name)) if not w.isdigit()]
    keys = [consonant_key(w) for w in words]
    keys = [k for k in keys if k]
    out = ["~" + k for k in keys]
    if len(keys) > 1:
        out.append("~" + "".join(keys))
    return out
