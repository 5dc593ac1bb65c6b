"""Latin spellings of Devanagari names, for search and export (``लवली चक्रवर्ती`` ->
``Lovely Chakravarti``-like readable forms; ITRANS-based, schwa dropped at word end)."""

from __future__ import annotations

import re
from functools import lru_cache

from indic_transliteration import sanscript

_CLEAN = [
    (re.compile(r"\.N"), "n"),
    (re.compile(r"M"), "n"),
    (re.compile(r"[~^.]"), ""),
    (re.compile(r"aa"), "a"),
    (re.compile(r"ii"), "i"),
    (re.compile(r"uu"), "u"),
    (re.compile(r"R\^i"), "ri"),
    (re.compile(r"N"), "n"),
    (re.compile(r"Sh|sh|S"), "sh"),
    (re.compile(r"chh"), "chh"),
    (re.compile(r"ch"), "ch"),
    (re.compile(r"x"), "ksh"),
    (re.compile(r"GY"), "gy"),
    (re.compile(r"T"), "t"),
    (re.compile(r"D"), "d"),
    (re.compile(r"L"), "l"),
    (re.compile(r"H"), "h"),
    (re.compile(r"R"), "r"),
    (re.compile(r"\^"), ""),
]


@lru_cache(maxsize=65536)
def latin_word(word: str) -> str:
    if not any("\u0900" <= ch <= "\u097f" for ch in word):
        return word
    s = sanscript.transliterate(word, sanscript.DEVANAGARI, sanscript.ITRANS)
    for pat, rep in _CLEAN:
        s = pat.sub(rep, s)
    # Hindi drops the inherent vowel at the end of a word: "राजपूत" -> rajput, not rajputa
    if len(s) > 2 and s.endswith("a") and not word.endswith("ा"):
        s = s[:-1]
    s = re.sub(r"[^A-Za-z]", "", s).lower()
    return s.capitalize()


def latin_name(name: str) -> str | None:
    """A readable Latin spelling of a name, or None when nothing can be made of it."""
    words = [latin_word(w) for w in name.split() if w.strip(".")]
    out = " ".join(w for w in words if w)
    return out or None
