"""Devanagari names in the Latin spelling that Indian English-language media use
(``अरविंद केजरीवाल`` -> ``Arvind Kejriwal``, ``ममता बनर्जी`` -> ``Mamta Banerjee``,
``श्रीवास्तव`` -> ``Srivastava``), for display.

:func:`jaanch.text.translit.latin_word` spells a word letter by letter (``Kejrival``,
``Banarji``, ``Shrivastav``). English spellings of Indian names drift from that in a
few regular ways: व as w; an inherent a kept, dropped or moved (``Agrawal``/``Agarwal``);
ी as ee or a final y, ू as oo, ा as aa; श/ष as s; औ as ou; फ as f, ज as z and क as q
where Hindi left out the nukta (``Mirza``, ``Iqbal``); क्ष as x, ज्ञ as gy; a schwa
before र/ह as e (``Banerjee``, ``Gehlot``); a consonant doubled (``Gujjar``) or a double
one single (``Chadha``); aspiration dropped, त as th (South Indian ``Revathi``); y after
i dropped (``Maria``); ay as ai and a final e as ey (``Pandey``).

Each word is read letter by letter; every letter gets its usual spellings, each with a
small cost (more for a change that alters the sound). All spellings are walked at once
against ``latin_names.tsv`` (names people in India use, with a score for how much; see
that file and ``scripts/build_latin_names.py``), pruned as soon as no name in the table
starts with the prefix. Of the names reached, the one with the highest ``score - cost``
wins (a name's score is the best of its first-name and last-name rows): a spelling must
be clearly more common to beat a closer one (``Bachchan`` stays though ``Bachan`` is
more common: undoubling costs more). When no name is reached the word keeps
:func:`latin_word`'s spelling.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from jaanch.lexicons import load_tsv
from jaanch.text.translit import (
    ANUSVARA,
    CHANDRABINDU,
    CONSONANTS,
    LABIALS,
    MATRAS,
    NUKTA,
    NUKTA_FORMS,
    PRECOMPOSED,
    VIRAMA,
    VISARGA,
    VOWELS,
    latin_word,
)

TABLE = "latin_names.tsv"

# costs, in score units (log10 of frequency in India): a change needs that much more use
SCHWA = 0.1  # a medial inherent a said or not, against latin_word's choice
FINAL_A = 0.2  # a final inherent a added or dropped (Shiv/Shiva)
#: a table spelling must reach this (score - cost) to replace latin_word's own spelling
#: when that one is not in the table: a rare spelling one change away (Baraka for
#: बराक, score 0.35) is no evidence
MIN_VALUE = 0.15
EPENTHESIS = 0.1  # an a inside a consonant cluster (Agrawal/Agarwal, with SCHWA)
SCHWA_E = 0.2  # an inherent a before r or h written e (Banerjee, Gehlot)
LONG = 0.1  # ा aa, ी ee, ू oo, final ी y
AU_OU = 0.1
V_W = 0.1
PH_F = 0.1
SH_S = 0.2
KSH_X = 0.2
JN_GY = 0.1
CK = 0.1  # क्क ck, च्च cch
Q_K = 0.2
K_Q = 0.3
Z_J = 0.4
ASPIRATION = 0.4  # dh as d, kh as k, ...; t as th
DOUBLE = 0.3  # a single consonant written double (Aggarwal)
UNDOUBLE = 0.5  # a double one written single (Bachchan/Bachan are different names)
Y_DROP = 0.2  # iya -> ia (Soniya/Sonia)
AY_AI = 0.2  # a y closing a syllable after a, written i (Jayshankar/Jaishankar, Ray/Rai)
FINAL_EY = 0.2  # a final e written ey (Pande/Pandey)
MAX_COST = 0.8

ASPIRATES = {"kh", "gh", "chh", "jh", "th", "dh", "bh", "ph", "rh"}
DOUBLING = set("bdgjklmnprst")
H_DIGRAPH = {"k", "g", "c", "ch", "j", "t", "d", "p", "b", "s", "r"}  # + h reads as one letter

Alts = list[tuple[str, float]]


# -- the table -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, float]], list[str]]:
    """lower-case name -> (spelling, best score over first/last), and the sorted keys."""
    best: dict[str, tuple[str, float]] = {}
    for row in load_tsv(TABLE):
        name = row.get("name", "")
        try:
            score = float(row.get("score", ""))
        except ValueError:
            continue
        key = name.lower()
        if name and (key not in best or score > best[key][1]):
            best[key] = (name, score)
    return best, sorted(best)


def _has_prefix(keys: list[str], prefix: str) -> bool:
    i = bisect_left(keys, prefix)
    return i < len(keys) and keys[i].startswith(prefix)


# -- letters ---------------------------------------------------------------------

# a token: ("C", latin, letter) consonant; ("I", "", "") an inherent vowel;
# ("V", latin, sign) a vowel; ("M", latin, sign) anusvara / visarga


def _tokens(word: str) -> list[tuple[str, str, str]]:
    """The letters of ``word`` with latin_word's spelling of each (same tables)."""
    out: list[tuple[str, str, str]] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if ch in CONSONANTS or ch in PRECOMPOSED:
            lat = PRECOMPOSED.get(ch) or CONSONANTS[ch]
            letter = ch
            if i + 1 < n and word[i + 1] == NUKTA:
                lat = NUKTA_FORMS.get(ch, lat)
                letter = ch + NUKTA
                i += 1
            out.append(("C", lat, letter))
            i += 1
            if i < n and word[i] == VIRAMA:
                i += 1
                if i < n and (word[i] in CONSONANTS or word[i] in PRECOMPOSED):
                    continue  # a conjunct
                continue  # a final halant consonant
            if i < n and word[i] in MATRAS:
                out.append(("V", MATRAS[word[i]], word[i]))
                i += 1
            else:
                out.append(("I", "", ""))
        elif ch in VOWELS:
            out.append(("V", VOWELS[ch], ch))
            i += 1
        elif ch in (ANUSVARA, CHANDRABINDU) and any(t[0] in "IV" for t in out):
            nxt = word[i + 1] if i + 1 < n else ""
            out.append(("M", "ng" if nxt == "ह" else ("m" if nxt in LABIALS else "n"), ch))
            i += 1
        elif ch == VISARGA and any(t[0] in "IV" for t in out):
            out.append(("M", "h", ch))
            i += 1
        else:
            i += 1
    return out


def _schwas(tokens: list[tuple[str, str, str]], latin: str) -> list[str] | None:
    """latin_word's choice for each inherent vowel ("a" or ""), or None if it cannot be
    aligned (then the word keeps latin_word's spelling)."""
    pattern = "".join("(a?)" if t[0] == "I" else re.escape(t[1]) for t in tokens)
    m = re.fullmatch(pattern, latin.lower())
    return list(m.groups()) if m else None


def _consonant(lat: str, double: bool) -> Alts:
    alts: Alts = [(lat, 0.0)]
    if lat == "v":
        alts.append(("w", V_W))
    elif lat == "ph":
        alts.append(("f", PH_F))
    elif lat == "f":
        alts.append(("ph", PH_F))
    elif lat == "sh":
        alts.append(("s", SH_S))
    elif lat == "q":
        alts.append(("k", Q_K))
    elif lat == "k":  # क for क़ (Iqbal, Qureshi)
        alts.append(("q", K_Q))
    elif lat == "z":
        alts.append(("j", Z_J))
    elif lat == "j":
        alts.append(("z", Z_J))
    elif lat == "t":  # त as th (South Indian: Revathi, Sitharaman)
        alts.append(("th", ASPIRATION))
    if lat in ASPIRATES and lat != "ph":
        alts.append((lat[:-1], ASPIRATION))
    if double and lat in DOUBLING:
        alts.append((lat + lat, DOUBLE))
    return alts


def _vowel(lat: str, sign: str, final: bool, first: bool) -> Alts:
    alts: Alts = [(lat, 0.0)]
    if sign in ("\u093e", "आ"):
        alts.append(("aa", LONG))
    elif sign in ("\u0940", "ई"):
        alts.append(("ee", LONG))
        if final and not first:  # Tiwary, Reddy; not a one-syllable word
            alts.append(("y", LONG))
    elif sign in ("\u0942", "ऊ"):
        alts.append(("oo", LONG))
    elif lat == "au":
        alts.append(("ou", AU_OU))
    elif lat == "e" and final:
        alts.append(("ey", FINAL_EY))
    return alts


def _slots(tokens: list[tuple[str, str, str]], schwas: list[str]) -> list[Alts]:
    """Per letter (or letter pair), its spellings with their costs."""
    said: list[str | None] = []  # what each token sounds as, for the context rules
    it = iter(schwas)
    for kind, lat, _ in tokens:
        said.append(next(it) if kind == "I" else (lat if kind == "V" else None))
    slots: list[Alts] = []
    last = len(tokens) - 1
    k = 0
    while k <= last:
        kind, lat, letter = tokens[k]
        nxt = tokens[k + 1] if k < last else None
        if kind == "C":
            in_cluster = nxt is not None and nxt[0] == "C"
            if in_cluster and nxt is not None:
                pair = letter + nxt[2]
                if letter == nxt[2]:  # a geminate: च्च, क्क, ज्ज, ल्ल
                    alts: Alts = [(lat + lat, 0.0), (lat, UNDOUBLE)]
                    if lat == "k":
                        alts.append(("ck", CK))
                    elif lat == "ch":
                        alts.append(("cch", CK))
                    slots.append(alts)
                    k += 2
                    continue
                if nxt[1] == lat + "h" or (lat == "ch" and nxt[1] == "chh"):  # द्ध, त्थ, च्छ
                    slots.append([(lat + nxt[1], 0.0), (nxt[1], UNDOUBLE)])
                    k += 2
                    continue
                if pair == "कष":
                    slots.append([("ksh", 0.0), ("ks", SH_S), ("x", KSH_X)])
                    k += 2
                    continue
                if pair == "जञ":
                    slots.append([("jn", 0.0), ("gy", JN_GY)])
                    k += 2
                    continue
            # doubled only inside the word, before a consonant or an inherent a (Aggarwal,
            # Gujjar, Gill), not before another vowel (Gudi/Guddi)
            double = bool(slots) and nxt is not None and nxt[0] in "CI"
            alts = _consonant(lat, double)
            if lat == "y":
                before = said[k - 1] if k > 0 else None
                after = said[k + 1] if k < last else ""
                if before == "i" and after:
                    alts.append(("", Y_DROP))
                if before == "a" and not after:
                    alts.append(("i", AY_AI))
            slots.append(alts)
            if in_cluster and any(said[:k]):  # not in a word-initial cluster (प्र, क्ल)
                slots.append([("", 0.0), ("a", EPENTHESIS)])
        elif kind == "I":
            done = said[k] or ""
            alts = [(done, 0.0)]
            voiced = sum(1 for v in said[:k] if v)  # vowels said before this one
            if done:
                # may go silent, but not in the first syllable, nor where the consonants
                # around would read as one letter (ब-ह is not भ)
                merges = nxt is not None and nxt[1] == "h" and tokens[k - 1][1] in H_DIGRAPH
                if voiced and not merges:
                    alts.append(("", FINAL_A if k == last else SCHWA))
            elif k < last:
                alts.append(("a", SCHWA))
            elif (k > 1 and tokens[k - 2][0] == "C") or voiced >= 2:
                # a final a after a conjunct (Gupta, Shukla) or in a longer name
                # (Srivastava); Bal/Bala, Jan/Jana are different names
                alts.append(("a", FINAL_A))
            if nxt is not None and nxt[0] == "C" and nxt[1] in ("r", "h"):
                alts.append(("e", SCHWA_E))
            slots.append(alts)
        elif kind == "V":
            slots.append(_vowel(lat, letter, final=k == last, first=not any(said[:k])))
        else:
            slots.append([(lat, 0.0)])
        k += 1
    return slots


def _best(slots: list[Alts]) -> tuple[str, float] | None:
    """The table name reachable through ``slots`` with the highest score - cost, and
    that value."""
    names, keys = _table()
    found: dict[str, float] = {}
    seen: dict[tuple[int, str], float] = {}

    def walk(i: int, prefix: str, cost: float) -> None:
        if seen.get((i, prefix), MAX_COST + 1) <= cost:
            return
        seen[(i, prefix)] = cost
        if i == len(slots):
            if prefix in names and cost < found.get(prefix, MAX_COST + 1):
                found[prefix] = cost
            return
        for text, c in slots[i]:
            total = cost + c
            if total > MAX_COST:
                continue
            nxt = prefix + text
            if text and not _has_prefix(keys, nxt):
                continue
            walk(i + 1, nxt, total)

    walk(0, "", 0.0)
    if not found:
        return None
    key = max(found, key=lambda n: (names[n][1] - found[n], -found[n], n))
    return names[key][0], names[key][1] - found[key]


# -- public ----------------------------------------------------------------------


@lru_cache(maxsize=65536)
def english_word(word: str) -> str:
    """The Latin spelling of one name word most used in India (see the module
    docstring); a word without Devanagari is returned unchanged."""
    latin = latin_word(word)
    if latin == word or not latin:
        return latin
    tokens = _tokens(word)
    schwas = _schwas(tokens, latin)
    if schwas is None:
        return latin
    best = _best(_slots(tokens, schwas))
    if best is None:
        return latin
    spelling, value = best
    if value < MIN_VALUE and latin.lower() not in _table()[0]:
        return latin
    return spelling


#: English letter names as Hindi writes them (``एस``, ``के``, ``डी``): initials
_LETTERS = {
    "e": "a", "bi": "b", "si": "c", "di": "d", "i": "e", "ef": "f", "ji": "g", "ech": "h",
    "ec": "h", "ai": "i", "je": "j", "ke": "k", "el": "l", "em": "m", "en": "n", "o": "o",
    "pi": "p", "kyu": "q", "ar": "r", "es": "s", "ti": "t", "yu": "u", "vi": "v",
    "dablyu": "w", "eks": "x", "vai": "y", "jed": "z",
}  # fmt: skip


@lru_cache(maxsize=65536)
def initials(tok: str) -> str | None:
    """The letters a word of initials stands for (``एस`` -> ``s``, ``डीके`` -> ``dk``,
    ``S.`` -> ``s``), or None for a word that is not initials."""
    if not any("\u0900" <= ch <= "\u097f" for ch in tok):
        t = tok.strip(".").lower()
        return t if 1 <= len(t) <= 2 and t.isalpha() and t not in ("om", "ali") else None
    lat = latin_word(tok).lower()
    out = ""
    while lat:
        for n in (6, 3, 2, 1):
            if lat[:n] in _LETTERS:
                out += _LETTERS[lat[:n]]
                lat = lat[n:]
                break
        else:
            return None
    return out if 1 <= len(out) <= 3 else None


def english_name(name: str) -> str | None:
    """A name in the Latin spelling Indian English media use, or None when nothing can
    be made of it (word by word, like :func:`jaanch.text.translit.latin_name`). A word of
    initials before the last word is written as capitals (``एस जयशंकर`` -> ``S
    Jaishankar``, ``डीके तिवारी`` -> ``DK Tiwari``)."""
    parts = [w for w in name.split() if w.strip(".")]
    words = []
    for k, w in enumerate(parts):
        ini = initials(w) if k < len(parts) - 1 and len(parts) > 1 else None
        words.append(ini.upper() if ini else english_word(w))
    out = " ".join(w for w in words if w)
    return out or None


def india_score(word: str) -> float | None:
    """How much people in India use this name word (``latin_names.tsv`` score of its
    English spelling: log10(20000 / rank), about 4.3 for the commonest), or None when the
    table does not know the word."""
    spelling = english_word(word) if any("\u0900" <= ch <= "\u097f" for ch in word) else word
    hit = _table()[0].get(spelling.lower())
    return hit[1] if hit else None
