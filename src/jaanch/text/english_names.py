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

Each word is read letter by letter; every letter gets its usual spellings, each a typed
edit (:data:`PRIOR` lists them). All spellings are walked at once against
``latin_names.tsv`` (names people in India use, with a score for how much; see that file
and ``scripts/build_latin_names.py``), pruned as soon as no name in the table starts with
the prefix. Of the names reached, the one with the highest ``score - cost`` wins (a name's
score is the best of its first-name and last-name rows); latin_word's own spelling, when
the table does not know it, is valued at the ``unknown`` cost. The costs are learned from
labelled spellings (``models/latin_model``, ``scripts/train_latin.py``), starting from
:data:`PRIOR`'s hand-set ones; a learned cost below zero is an edit the labels favour.
Words of initials (``एस``, ``डीके``, ``एस.ए.आर.``) are read by their Devanagari letter
names.

A word whose letter-by-letter spelling the table does not know may be a name Hindi writes
by its sound (``जॉनसन`` Johnson, ``जॉर्ज`` George): such names are also reached through
``name_sounds.tsv`` (CMUdict pronunciations; :func:`sound_candidates`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from jaanch.lexicons import load_tsv
from jaanch.text.normalise import LEGACY_IM, normalise
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
#: each way an English spelling may drift from latin_word's, with its prior cost in score
#: units (log10 of frequency in India): a change needs that much more use. These are the
#: hand-set starting point; the shipped costs are learned from labelled spellings
#: (``models/latin_model``), and ``unknown`` is the value of latin_word's own spelling
#: when the table does not know it (a rare table spelling one change away is no evidence)
PRIOR: dict[str, float] = {
    "schwa": 0.1,  # a medial inherent a that latin_word drops, said (Agarwal)
    "schwa_drop": 0.1,  # a medial inherent a that latin_word says, dropped (Mayawati, not Mayavti)
    "final_a": 0.2,  # a final inherent a added or dropped (Shiv/Shiva)
    "epenthesis": 0.1,  # an a inside a consonant cluster (Agrawal/Agarwal)
    "schwa_e": 0.2,  # an inherent a before r or h written e (Banerjee, Gehlot)
    "long": 0.1,  # ा aa (Aamir)
    "long_ee": 0.1,  # ी ee (Naveen)
    "long_oo": 0.1,  # ू oo (Masood)
    "final_y": 0.1,  # a final ी y (Tiwary, Reddy)
    "au_ou": 0.1,
    "o_au": 0.3,  # ऑ as au (Paul)
    "e_ai": 0.5,  # ए as ai (Jaitley, Kaif)
    "v_w": 0.1,
    "ph_f": 0.1,
    "f_ph": 0.1,
    "sh_s": 0.2,
    "ksh_x": 0.2,  # क्ष, क्स as x
    "jn_gy": 0.1,
    "ck": 0.1,  # क्क ck, च्च cch
    "q_k": 0.2,
    "k_q": 0.3,  # क for क़ (Iqbal, Qureshi)
    "j_z": 0.4,  # ज for ज़ (Mirza, Afzal)
    "z_j": 0.4,
    "rr_d": 0.3,  # ड़ as d (Dravid)
    "t_th": 0.4,  # त as th (South Indian: Revathi, Sitharaman)
    "aspiration": 0.4,  # dh as d, kh as k, ...
    "double": 0.3,  # a single consonant written double (Aggarwal)
    "undouble": 0.5,  # a double one written single (Bachchan/Bachan are different names)
    "y_drop": 0.2,  # iya -> ia inside a word (Priyanka/Prianka)
    "y_drop_end": 0.2,  # a final iya -> ia (Soniya/Sonia, Sisodia, Lohia)
    "ay_ai": 0.2,  # a y closing a syllable after a, written i (Jayshankar/Jaishankar)
    "final_ey": 0.2,  # a final e written ey (Pande/Pandey)
    "unknown": 0.15,
    # a name reached by its sound (``sound_candidates``), not by letter edits: a cost for
    # the route, a cost per unit of vowel distance, and the weight (not a cost) of its
    # world score when people in India do not use the name
    "sound": 0.5,
    "sound_dist": 0.5,
    "world": 0.3,
}
#: the entries of PRIOR that are no letter edits
SOUND_TERMS = ("sound", "sound_dist", "world")
#: edits whose total cost is above this are not tried
MAX_COST = 0.8

ASPIRATES = {"kh", "gh", "chh", "jh", "th", "dh", "bh", "ph", "rh"}
DOUBLING = set("bdgjklmnprst")
H_DIGRAPH = {"k", "g", "c", "ch", "j", "t", "d", "p", "b", "s", "r"}  # + h reads as one letter

#: a spelling and the edit type it costs ("" for latin_word's own letters)
Alts = list[tuple[str, str]]


# -- the table -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rows() -> list[tuple[str, str, float]]:
    """(name, kind, score) of every row of the table with a score."""
    out: list[tuple[str, str, float]] = []
    for row in load_tsv(TABLE):
        try:
            score = float(row.get("score", ""))
        except ValueError:
            continue
        if row.get("name"):
            out.append((row["name"], row.get("kind", ""), score))
    return out


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, float]], list[str]]:
    """lower-case name -> (spelling, best score over first/last), and the sorted keys."""
    best: dict[str, tuple[str, float]] = {}
    for name, _kind, score in _rows():
        key = name.lower()
        if key not in best or score > best[key][1]:
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
    alts: Alts = [(lat, "")]
    if lat == "v":
        alts.append(("w", "v_w"))
    elif lat == "ph":
        alts.append(("f", "ph_f"))
    elif lat == "f":
        alts.append(("ph", "f_ph"))
    elif lat == "sh":
        alts.append(("s", "sh_s"))
    elif lat == "q":
        alts.append(("k", "q_k"))
    elif lat == "k":
        alts.append(("q", "k_q"))
    elif lat == "z":
        alts.append(("j", "z_j"))
    elif lat == "j":
        alts.append(("z", "j_z"))
    elif lat == "t":
        alts.append(("th", "t_th"))
    if lat in ASPIRATES and lat != "ph":
        alts.append((lat[:-1], "aspiration"))
    if double and lat in DOUBLING:
        alts.append((lat + lat, "double"))
    return alts


def _vowel(lat: str, sign: str, final: bool, first: bool) -> Alts:
    alts: Alts = [(lat, "")]
    if sign in ("\u093e", "आ"):
        alts.append(("aa", "long"))
    elif sign in ("\u0940", "ई"):
        alts.append(("ee", "long_ee"))
        if final and not first:  # Tiwary, Reddy; not a one-syllable word
            alts.append(("y", "final_y"))
    elif sign in ("\u0942", "ऊ"):
        alts.append(("oo", "long_oo"))
    elif lat == "au":
        alts.append(("ou", "au_ou"))
    elif sign in ("\u0949", "ऑ"):
        alts.append(("au", "o_au"))
    elif sign in ("\u0947", "ए"):
        alts.append(("ai", "e_ai"))
        if final:
            alts.append(("ey", "final_ey"))
    return alts


def _slots(tokens: list[tuple[str, str, str]], schwas: list[str]) -> list[Alts]:
    """Per letter (or letter pair), its spellings with their edit types."""
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
                    alts: Alts = [(lat + lat, ""), (lat, "undouble")]
                    if lat == "k":
                        alts.append(("ck", "ck"))
                    elif lat == "ch":
                        alts.append(("cch", "ck"))
                    slots.append(alts)
                    k += 2
                    continue
                if nxt[1] == lat + "h" or (lat == "ch" and nxt[1] == "chh"):  # द्ध, त्थ, च्छ
                    slots.append([(lat + nxt[1], ""), (nxt[1], "undouble")])
                    k += 2
                    continue
                if pair == "कष":
                    slots.append([("ksh", ""), ("ks", "sh_s"), ("x", "ksh_x")])
                    k += 2
                    continue
                if pair == "कस":  # Saxena
                    slots.append([("ks", ""), ("x", "ksh_x")])
                    k += 2
                    continue
                if pair == "जञ":
                    slots.append([("jn", ""), ("gy", "jn_gy")])
                    k += 2
                    continue
            # doubled only inside the word, before a consonant or an inherent a (Aggarwal,
            # Gujjar, Gill), not before another vowel (Gudi/Guddi)
            double = bool(slots) and nxt is not None and nxt[0] in "CI"
            alts = _consonant(lat, double)
            if letter in ("ड\u093c", "\u095c"):  # ड़ as d (Dravid, Dhakad)
                alts.append(("d", "rr_d"))
            if lat == "y":
                before = said[k - 1] if k > 0 else None
                after = said[k + 1] if k < last else ""
                if before == "i" and after:
                    alts.append(("", "y_drop_end" if k + 1 == last else "y_drop"))
                if before == "a" and not after:
                    alts.append(("i", "ay_ai"))
            slots.append(alts)
            if in_cluster and any(said[:k]):  # not in a word-initial cluster (प्र, क्ल)
                slots.append([("", ""), ("a", "epenthesis")])
        elif kind == "I":
            done = said[k] or ""
            alts = [(done, "")]
            voiced = sum(1 for v in said[:k] if v)  # vowels said before this one
            if done:
                # may go silent, but not in the first syllable, nor where the consonants
                # around would read as one letter (ब-ह is not भ)
                merges = nxt is not None and nxt[1] == "h" and tokens[k - 1][1] in H_DIGRAPH
                if voiced and not merges:
                    alts.append(("", "final_a" if k == last else "schwa_drop"))
            elif k < last:
                alts.append(("a", "schwa"))
            elif (k > 1 and tokens[k - 2][0] == "C") or voiced >= 2:
                # a final a after a conjunct (Gupta, Shukla) or in a longer name
                # (Srivastava); Bal/Bala, Jan/Jana are different names
                alts.append(("a", "final_a"))
            if nxt is not None and nxt[0] == "C" and nxt[1] in ("r", "h"):
                alts.append(("e", "schwa_e"))
            slots.append(alts)
        elif kind == "V":
            slots.append(_vowel(lat, letter, final=k == last, first=not any(said[:k])))
        else:
            slots.append([(lat, "")])
        k += 1
    return slots


def candidates(
    slots: list[Alts], costs: dict[str, float], max_cost: float = MAX_COST
) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Every table name reachable through ``slots`` within ``max_cost``: lower-case name
    -> (cost of its cheapest path, the edit types on that path)."""
    names, keys = _table()
    found: dict[str, tuple[float, tuple[str, ...]]] = {}
    seen: dict[tuple[int, str], float] = {}

    def walk(i: int, prefix: str, cost: float, spent: float, edits: tuple[str, ...]) -> None:
        if seen.get((i, prefix), max_cost + 1) <= cost:
            return
        seen[(i, prefix)] = cost
        if i == len(slots):
            if prefix in names and cost < found.get(prefix, (max_cost + 1,))[0]:
                found[prefix] = (cost, edits)
            return
        for text, edit in slots[i]:
            c = costs.get(edit, 0.0) if edit else 0.0
            # the bound counts what edits cost, not what a favoured edit (below 0) gives back
            if spent + max(c, 0.0) > max_cost:
                continue
            if edit == "ay_ai" and not prefix.endswith("a"):
                continue  # y as i only after a said a (Jaishankar; Anjay is not Anji)
            nxt = prefix + text
            if text and not _has_prefix(keys, nxt):
                continue
            walk(i + 1, nxt, cost + c, spent + max(c, 0.0), (*edits, edit) if edit else edits)

    walk(0, "", 0.0, 0.0, ())
    return found


def word_slots(word: str) -> tuple[str, list[Alts] | None]:
    """latin_word's spelling of ``word`` and the slots of its other spellings (None when
    the word cannot be aligned letter by letter, or has no Devanagari)."""
    latin = latin_word(word)
    if latin == word or not latin:
        return latin, None
    tokens = _tokens(word)
    schwas = _schwas(tokens, latin)
    if schwas is None:
        return latin, None
    return latin, _slots(tokens, schwas)


def spelling(key: str) -> str:
    """The table's capitalisation of a lower-case spelling."""
    hit = _table()[0].get(key)
    return hit[0] if hit else key.capitalize()


def direct_score(word: str) -> float:
    """The India score of ``word`` spelt letter by letter (latin_word), 0 when the table
    does not know that spelling."""
    hit = _table()[0].get(latin_word(word).lower())
    return hit[1] if hit else 0.0


def sound_spelling(key: str) -> str:
    """The capitalisation of a name reached by its sound (``name_sounds.tsv``'s)."""
    hit = _table()[0].get(key)
    return hit[0] if hit else _sounds()[1].get(key, key.capitalize())


# -- sounds ----------------------------------------------------------------------
# Hindi writes foreign names by their sound (ट्रंप, जॉनसन, जॉर्ज), which letter edits do not
# reach. Both a Devanagari word and an English name's pronunciation (CMUdict, through
# ``name_sounds.tsv``) are read as a sound key of coarse classes: consonants k g c j t d n
# m p f b v y r l s S h, vowels a (short) A (long) e i o u. Two names may match when their consonants are
# the same; the vowels between are compared by a small distance.

SOUNDS = "name_sounds.tsv"
SOUND_VOWELS = frozenset("aAeiou")
_ARPA = {
    "AA": "A", "AE": "e", "AH": "a", "AO": "o", "AW": "Au", "AY": "Ai", "EH": "e", "ER": "ar",
    "EY": "e", "IH": "i", "IY": "i", "OW": "o", "OY": "oi", "UH": "u", "UW": "u",
    "B": "b", "CH": "c", "D": "d", "DH": "d", "F": "f", "G": "g", "HH": "h", "JH": "j",
    "K": "k", "L": "l", "M": "m", "N": "n", "NG": "n", "P": "p", "R": "r", "S": "s",
    "SH": "S", "T": "t", "TH": "t", "V": "v", "W": "v", "Y": "y", "Z": "j", "ZH": "j",
}  # fmt: skip
_LATIN_SOUND = {
    "k": "k", "kh": "k", "q": "k", "g": "g", "gh": "g", "ch": "c", "chh": "c", "j": "j",
    "jh": "j", "z": "j", "t": "t", "th": "t", "d": "d", "dh": "d", "rh": "d", "r": "r",
    "n": "n", "ng": "n", "p": "p", "ph": "f", "f": "f", "b": "b", "bh": "b", "m": "m",
    "y": "y", "l": "l", "v": "v", "w": "v", "sh": "S", "s": "s", "h": "h",
    "a": "a", "i": "i", "u": "u", "e": "e", "ai": "e", "o": "o", "au": "o", "ri": "ri",
}  # fmt: skip


def arpabet_sound(phones: list[str]) -> str:
    """The sound key of a CMUdict pronunciation (``T R AH1 M P`` -> ``tramp``)."""
    return "".join(_ARPA.get(p.rstrip("012"), "") for p in phones)


def devanagari_sound(word: str) -> str | None:
    """The sound key of a Devanagari word (``ट्रंप`` -> ``tramp``), inherent vowels as
    latin_word says them; None when the word cannot be read letter by letter."""
    latin = latin_word(word)
    if latin == word or not latin:
        return None
    tokens = _tokens(word)
    schwas = _schwas(tokens, latin)
    if schwas is None:
        return None
    it = iter(schwas)
    out = []
    for kind, lat, sign in tokens:
        if kind == "I":
            out.append("a" if next(it) else "")
        elif kind == "V" and sign in ("\u093e", "आ"):
            out.append("A")  # a long a, no schwa
        else:
            out.append(_LATIN_SOUND.get(lat, ""))
    return "".join(out)


def _skeleton(sound: str) -> str:
    return "".join(ch for ch in sound if ch not in SOUND_VOWELS)


def _vowel_groups(sound: str) -> list[str]:
    groups, cur = [], ""
    for ch in sound:
        if ch in SOUND_VOWELS:
            cur += ch
        else:
            groups.append(cur)
            cur = ""
    return [*groups, cur]


#: vowel pairs that Hindi and English write for one sound (``जॉनसन`` o / Johnson's AA);
#: a is a short (schwa-like) a, A a long one
_NEAR_VOWELS = {frozenset(p) for p in ("aA", "ae", "ao", "Ao", "Ae", "ei", "ou")}


def _vowel_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return 0.5 if frozenset((a, b)) in _NEAR_VOWELS else 1.0


def _group_distance(x: str, y: str) -> float:
    """Edit distance between two vowel groups: a near vowel costs 0.5, another 1, a short
    a added or dropped 0.5 (a schwa), another vowel 1."""
    d = [[0.0] * (len(y) + 1) for _ in range(len(x) + 1)]
    for i in range(1, len(x) + 1):
        d[i][0] = d[i - 1][0] + (0.5 if x[i - 1] == "a" else 1.0)
    for j in range(1, len(y) + 1):
        d[0][j] = d[0][j - 1] + (0.5 if y[j - 1] == "a" else 1.0)
    for i in range(1, len(x) + 1):
        for j in range(1, len(y) + 1):
            d[i][j] = min(
                d[i - 1][j] + (0.5 if x[i - 1] == "a" else 1.0),
                d[i][j - 1] + (0.5 if y[j - 1] == "a" else 1.0),
                d[i - 1][j - 1] + _vowel_cost(x[i - 1], y[j - 1]),
            )
    return d[len(x)][len(y)]


def sound_distance(a: str, b: str) -> float | None:
    """How far two sound keys are apart (vowels only), or None when their consonants
    differ."""
    if _skeleton(a) != _skeleton(b):
        return None
    # the same consonants: as many vowel groups on either side
    pairs = zip(_vowel_groups(a), _vowel_groups(b), strict=True)
    return sum(_group_distance(x, y) for x, y in pairs)


@lru_cache(maxsize=1)
def _sounds() -> tuple[dict[str, list[tuple[str, str, float]]], dict[str, str]]:
    """consonant skeleton -> (lower-case spelling, sound key, world score) of the names,
    and lower-case spelling -> the table's spelling (``name_sounds.tsv``, read once)."""
    by_skeleton: dict[str, list[tuple[str, str, float]]] = {}
    spellings: dict[str, str] = {}
    for row in load_tsv(SOUNDS):
        name = row.get("name")
        try:
            world = float(row.get("world", "") or 0.0)
        except ValueError:
            continue
        if not name:
            continue
        spellings[name.lower()] = name
        for sound in (row.get("sound") or "").split("|"):
            if sound:
                by_skeleton.setdefault(_skeleton(sound), []).append((name.lower(), sound, world))
    return by_skeleton, spellings


#: the vowel distance beyond which two names do not sound alike
MAX_SOUND_DISTANCE = 2.0


def sound_candidates(word: str) -> list[tuple[str, float, float]]:
    """English names that sound like ``word`` (the same consonants, at least two; vowels
    within :data:`MAX_SOUND_DISTANCE`): (lower-case spelling, vowel distance, world
    score), nearest first. None for a word that, spelt letter by letter, is a name people
    in India use (an empty list): the route is for names Hindi writes by their sound
    (जॉनसन, जॉर्ज)."""
    if direct_score(word) > 0:
        return []  # spelt letter by letter it is a name used in India (लव Lav, not Love)
    sound = devanagari_sound(word)
    if sound is None:
        return []
    skeleton = _skeleton(sound)
    if len(skeleton) < 2:
        return []
    best: dict[str, tuple[float, float]] = {}
    for name, key, world in _sounds()[0].get(skeleton, []):
        dist = sound_distance(sound, key)
        if dist is not None and dist <= MAX_SOUND_DISTANCE:
            if name not in best or dist < best[name][0]:
                best[name] = (dist, world)
    return sorted(((n, d, w) for n, (d, w) in best.items()), key=lambda x: (x[1], x[0]))


class Speller:
    """English spellings of name words under one set of edit costs (:data:`PRIOR`'s
    keys); the module's functions use the shipped, learned costs."""

    def __init__(self, costs: dict[str, float]) -> None:
        self.costs = {**PRIOR, **costs}
        self.max_cost = max(MAX_COST, self.costs.get("max_cost", MAX_COST))
        #: one word's spelling, cached per speller
        self.word = lru_cache(maxsize=65536)(self._word)
        #: the spelling by letter edits alone (no sound route): what Indian name the word
        #: is, for the India scores
        self.spelt = lru_cache(maxsize=65536)(lambda word: self._word(word, sound=False))

    def _word(self, word: str, sound: bool = True) -> str:
        if LEGACY_IM in word:  # the stored name keeps the input's letters: ``¨सह`` is सिंह
            word = normalise(word).text
        latin, slots = word_slots(word)
        if slots is None:
            return latin
        found = candidates(slots, self.costs, self.max_cost)
        # latin_word's own spelling competes at the value of an unknown name
        best, value = latin, self.costs["unknown"]
        if latin.lower() in _table()[0]:
            value = self.value(latin.lower(), 0.0)
        for key, (cost, _) in sorted(found.items()):
            v = self.value(key, cost)
            if v > value:
                best, value = spelling(key), v
        for key, dist, world in sound_candidates(word) if sound else ():
            v = self.sound_value(key, dist, world)
            if v > value:
                best, value = sound_spelling(key), v
        return best

    def sound_value(self, key: str, dist: float, world: float) -> float:
        """How good a name that sounds like the word is: its India score (or its world
        score, weighted, when India does not use it) less the costs of the sound route."""
        hit = _table()[0].get(key)
        base = hit[1] if hit else self.costs["world"] * world
        return base - self.costs["sound"] - self.costs["sound_dist"] * dist

    def value(self, key: str, cost: float) -> float:
        """How good a table spelling is: its India score less the cost of reaching it."""
        hit = _table()[0].get(key)
        return (hit[1] if hit else 0.0) - cost

    def name(self, name: str) -> str | None:
        parts = [w for w in name.split() if w.strip(".")]
        words = []
        for k, w in enumerate(parts):
            ini = initials(w) if k < len(parts) - 1 and len(parts) > 1 else None
            words.append(ini.upper() if ini else self.word(w))
        out = " ".join(w for w in words if w)
        return out or None


@lru_cache(maxsize=1)
def _shipped() -> Speller:
    from jaanch.models.latin_model import load_costs

    return Speller(load_costs())


# -- public ----------------------------------------------------------------------


def english_word(word: str) -> str:
    """The Latin spelling of one name word most used in India (see the module
    docstring); a word without Devanagari is returned unchanged."""
    return _shipped().word(word)


#: English letter names as Hindi writes them (``एस``, ``के``, ``डी``): initials
_LETTERS = {
    "ए": "a", "बी": "b", "सी": "c", "डी": "d", "ई": "e", "एफ": "f", "जी": "g", "एच": "h",
    "आई": "i", "जे": "j", "के": "k", "एल": "l", "एम": "m", "एन": "n", "ओ": "o", "पी": "p",
    "क्यू": "q", "आर": "r", "एस": "s", "टी": "t", "यू": "u", "वी": "v", "डब्ल्यू": "w",
    "डब्लू": "w", "एक्स": "x", "वाई": "y", "जेड": "z", "ज़ेड": "z",
}  # fmt: skip
_LETTER_LENGTHS = sorted({len(k) for k in _LETTERS}, reverse=True)


@lru_cache(maxsize=65536)
def initials(tok: str) -> str | None:
    """The letters a word of initials stands for (``एस`` -> ``s``, ``डीके`` -> ``dk``,
    ``एस.ए.आर.`` -> ``sar``, ``S.`` -> ``s``), or None for a word that is not initials
    (``इति`` and ``आरती`` are names: their letters are not the letter names)."""
    dotted = tok.count(".") >= 2
    t = tok.replace(".", "").replace("\u200c", "").replace("\u200d", "")
    if not any("\u0900" <= ch <= "\u097f" for ch in t):
        t = t.lower()
        limit = 4 if dotted else 2
        return t if 1 <= len(t) <= limit and t.isalpha() and t not in ("om", "ali") else None
    out = ""
    while t:
        for n in _LETTER_LENGTHS:
            if t[:n] in _LETTERS:
                out += _LETTERS[t[:n]]
                t = t[n:]
                break
        else:
            return None
    return out if 1 <= len(out) <= (4 if dotted else 3) else None


def english_name(name: str) -> str | None:
    """A name in the Latin spelling Indian English media use, or None when nothing can
    be made of it (word by word, like :func:`jaanch.text.translit.latin_name`). A word of
    initials before the last word is written as capitals (``एस जयशंकर`` -> ``S
    Jaishankar``, ``डीके तिवारी`` -> ``DK Tiwari``)."""
    return _shipped().name(name)


@lru_cache(maxsize=2)
def _kind_scores(kind: str) -> dict[str, float]:
    """lower-case name -> its India score, from the rows of one kind (``first``, ``last``)."""
    return {name.lower(): score for name, k, score in _rows() if k == kind}


def _india_spelling(word: str) -> str:
    """The word's spelling by letter edits (a name written by its sound, ``जॉनसन``
    Johnson, is no evidence that people in India use it); a Latin word as it is."""
    return _shipped().spelt(word) if any("\u0900" <= ch <= "\u097f" for ch in word) else word


def india_first_score(word: str) -> float | None:
    """How much people in India use this word as a first name (``विशाल`` -> Vishal,
    2.87; ``सिंह`` 1.64, rarely a first name), or None when the table has no first name
    spelt so."""
    return _kind_scores("first").get(_india_spelling(word).lower())


@lru_cache(maxsize=65536)
def india_last_score(word: str) -> float | None:
    """How much people in India use this word as a family name (``पाटीदार`` -> Patidar,
    1.93; ``विशाल`` none), or None when the table has no family name spelt so. Cached:
    name chunking asks it of the same words again and again."""
    return _kind_scores("last").get(_india_spelling(word).lower())


def india_score(word: str) -> float | None:
    """How much people in India use this name word (``latin_names.tsv`` score of its
    English spelling: log10(20000 / rank), about 4.3 for the commonest), or None when the
    table does not know the word."""
    hit = _table()[0].get(_india_spelling(word).lower())
    return hit[1] if hit else None
