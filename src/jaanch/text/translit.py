"""Readable Latin spellings of Devanagari names (``बलराम राजपूत`` -> ``Balram Rajput``,
``गीतांजलि सिंह`` -> ``Gitanjali Singh``), for search keys, exports and display.

Letters follow the common Indian newspaper romanisation rather than a scholarly scheme
(no diacritics; ``व`` -> v, ``श``/``ष`` -> sh, ``ं`` before ``ह`` -> ng), and Hindi schwa
deletion drops the inherent vowel where speakers do: at the end of a word (unless the word
ends in a conjunct, ``देवेंद्र`` -> Devendra) and between a vowel and a consonant that
carries a vowel (``बरखा`` -> Barkha, ``शबनम`` -> Shabnam).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j",
    "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t",
    "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh",
    "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s",
    "ह": "h", "ळ": "l",
}  # fmt: skip
NUKTA_FORMS = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
PRECOMPOSED = {
    "\u0958": "q", "\u0959": "kh", "\u095a": "gh", "\u095b": "z", "\u095c": "r",
    "\u095d": "rh", "\u095e": "f", "\u095f": "y",
}  # fmt: skip
VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e",
    "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o",
}  # fmt: skip
MATRAS = {
    "\u093e": "a", "\u093f": "i", "\u0940": "i", "\u0941": "u", "\u0942": "u", "\u0943": "ri",
    "\u0947": "e", "\u0948": "ai", "\u094b": "o", "\u094c": "au", "\u0949": "o", "\u0945": "e",
}  # fmt: skip
NUKTA, VIRAMA, ANUSVARA, CHANDRABINDU, VISARGA = "\u093c", "\u094d", "\u0902", "\u0901", "\u0903"
LABIALS = {"प", "फ", "ब", "भ", "म"}


def _syllables(word: str) -> list[list[Any]]:
    """Per written syllable: [onset consonants (Latin, a list), vowel (Latin; "" for a
    halant, None for the inherent a), coda (Latin)], with the first consonants of a
    medial cluster moved to the coda before it (``चक्र`` -> chak-ra)."""
    out: list[list[Any]] = []
    i, n = 0, len(word)
    onset: list[str] = []
    raw: list[str] = []
    while i < n:
        ch = word[i]
        if ch in CONSONANTS or ch in PRECOMPOSED:
            lat = PRECOMPOSED.get(ch) or CONSONANTS[ch]
            if i + 1 < n and word[i + 1] == NUKTA:
                lat = NUKTA_FORMS.get(ch, lat)
                i += 1
            onset.append(lat)
            raw.append(ch)
            i += 1
            if i < n and word[i] == VIRAMA:
                i += 1
                continue  # a conjunct: the next consonant joins this cluster
            vowel: str | None = None
            if i < n and word[i] in MATRAS:
                vowel = MATRAS[word[i]]
                i += 1
            out.append([onset, vowel, "", raw])
            onset, raw = [], []
        elif ch in VOWELS:
            out.append([[], VOWELS[ch], "", []])
            i += 1
        elif ch in (ANUSVARA, CHANDRABINDU) and out:
            nxt = word[i + 1] if i + 1 < n else ""
            out[-1][2] += "ng" if nxt == "ह" else ("m" if nxt in LABIALS else "n")
            i += 1
        elif ch == VISARGA and out:
            out[-1][2] += "h"
            i += 1
        else:
            i += 1
    if onset:  # a word ending in a halant consonant
        out.append([onset, "", "", raw])
    for k in range(1, len(out)):
        if len(out[k][0]) > 1:
            out[k - 1][2] += "".join(out[k][0][:-1])
            out[k][0] = out[k][0][-1:]
    return out


@lru_cache(maxsize=65536)
def latin_word(word: str) -> str:
    if not any("\u0900" <= ch <= "\u097f" for ch in word):
        return word
    syl = _syllables(word)
    if not syl:
        return ""
    vowels = [s[1] for s in syl]
    last = len(syl) - 1
    # the final inherent a is silent, except after a cluster ending in र/य/व (इंद्र, मित्र)
    if (
        vowels[last] is None
        and last > 0
        and not (len(syl[last][3]) > 1 and syl[last][3][-1] in "रयव")
    ):
        vowels[last] = ""
    # V C(a) C V: a medial inherent a between a vowel and a consonant with a vowel is
    # silent (बरखा, शबनम), not when either syllable around it is closed (गीतांजलि, चक्रवर्ती)
    for k in range(last - 1, 0, -1):
        if vowels[k] is not None or syl[k][2] or syl[k - 1][2]:
            continue
        if vowels[k - 1] == "" or not syl[k + 1][0] or vowels[k + 1] == "":
            continue
        vowels[k] = ""
    parts = []
    for (onset, _v, coda, _raw), v in zip(syl, vowels, strict=True):
        parts.append("".join(onset) + ("a" if v is None else v) + coda)
    out = "".join(parts)
    return out[:1].upper() + out[1:]


def latin_name(name: str) -> str | None:
    """A readable Latin spelling of a name, or None when nothing can be made of it."""
    words = [latin_word(w) for w in name.split() if w.strip(".")]
    out = " ".join(w for w in words if w)
    return out or None
