"""Hindi numbers: digits (``1,25,000``, ``1.47``), number words (``एक`` .. ``निन्यानवे``),
``सौ``/``हजार``/``लाख``/``करोड़``/``अरब`` compounds (``4 करोड़ 79 लाख 64 हजार``),
fractions (``सवा दो लाख``, ``साढ़े बारह``, ``डेढ़``, ``ढाई``, ``पौने तीन``), distributives
(``दो-दो हजार``), ranges (``2-3 लाख``) and vague amounts (``लाखों``, ``दर्जनों``).

The words live in ``lexicons/numbers.yaml``. Everything here works on tokens of the
normalised text (:func:`jaanch.text.segment.tokenize`) compared by :func:`key`.

Public API:

* :func:`key` - the folded form a token is compared by;
* :func:`parse_number` - the value of a whole string (``"सवा दो लाख"`` -> ``(225000.0, False)``);
* :func:`scan_numbers` - :class:`NumberMatch` es over a token list (token indices, offsets);
* :func:`find_numbers` - ``(start, end, value, approx)`` for every number in a text;
* the ``numbers`` recogniser (label ``NUMBER``, value ``{"value", "approx"}``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from jaanch.doc import Doc
from jaanch.lexicons import load_yaml
from jaanch.recognise.base import register
from jaanch.text.segment import Token, tokenize
from jaanch.types import Span

NUKTA = "\u093c"
DIGITS_RE = re.compile(r"^(?:\d+|\d{1,2}(?:,\d{2})*,\d{3}|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")
#: tokens that end a clause for context windows
CLAUSE_END = {"।", ".", "!", "?", "|", ";", "\n", ":"}


@lru_cache(maxsize=1 << 16)
def key(word: str) -> str:
    """The form a word is compared by: no nukta, chandrabindu read as anusvara,
    Latin lower-cased."""
    s = unicodedata.normalize("NFD", word).replace(NUKTA, "")
    s = unicodedata.normalize("NFC", s).replace("\u0901", "\u0902")
    return s.lower()


def _keyed_map(raw: dict[str, Any] | None) -> dict[str, Any]:
    return {key(str(k)): v for k, v in (raw or {}).items()}


def _keyed_set(raw: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(key(str(w)) for w in (raw or []))


def _keyed_seqs(raw: Iterable[Iterable[Any]] | None) -> tuple[tuple[str, ...], ...]:
    seqs = [tuple(key(str(w)) for w in seq) for seq in (raw or [])]
    return tuple(sorted(seqs, key=len, reverse=True))


@dataclass(frozen=True)
class NumberLexicon:
    cardinals: dict[str, int]
    hundred: frozenset[str]
    multipliers: dict[str, int]
    dozen: frozenset[str]
    fraction_words: dict[str, float]
    fraction_prefixes: dict[str, float]
    vague: dict[str, int]
    approx_before: frozenset[str]
    approx_after: tuple[tuple[str, ...], ...]
    raw: dict[str, Any]


@cache
def lexicon() -> NumberLexicon:
    """``lexicons/numbers.yaml``, keyed by :func:`key`."""
    raw: dict[str, Any] = load_yaml("numbers.yaml")
    return NumberLexicon(
        cardinals={k: int(v) for k, v in _keyed_map(raw.get("cardinals")).items()},
        hundred=_keyed_set(raw.get("hundred")),
        multipliers={k: int(v) for k, v in _keyed_map(raw.get("multipliers")).items()},
        dozen=_keyed_set(raw.get("dozen")),
        fraction_words={k: float(v) for k, v in _keyed_map(raw.get("fraction_words")).items()},
        fraction_prefixes={
            k: float(v) for k, v in _keyed_map(raw.get("fraction_prefixes")).items()
        },
        vague={k: int(v) for k, v in _keyed_map(raw.get("vague")).items()},
        approx_before=_keyed_set(raw.get("approx_before")),
        approx_after=_keyed_seqs(raw.get("approx_after")),
        raw=raw,
    )


@dataclass(frozen=True)
class NumberMatch:
    """A number found in a token list: tokens ``first..last`` (inclusive)."""

    first: int
    last: int
    start: int
    end: int
    value: float
    #: vague (``लाखों``), a range (``2-3``) or with an approximation word around it
    approx: bool
    #: uses हजार/लाख/करोड़/अरब (or a vague लाखों ...), i.e. could be a sum of money
    scaled: bool
    #: written in digits only (``2016``, ``1,25,000``), a single token
    digits: bool
    #: a dozen count (``दो दर्जन``, ``दर्जनों``): never money
    dozen: bool = False
    #: ``दो-दो``: the value is per item
    distributive: bool = False
    #: a fraction word or prefix (``साढ़े``, ``डेढ़``) was used
    fraction: bool = False


def digit_value(text: str) -> float | None:
    """``"1,25,000"`` -> 125000.0, ``"1.47"`` -> 1.47; None for anything else."""
    if not DIGITS_RE.match(text):
        return None
    return float(text.replace(",", ""))


class _Scanner:
    def __init__(self, tokens: Sequence[Token]) -> None:
        self.toks = tokens
        self.keys = [key(t.text) for t in tokens]
        self.lex = lexicon()

    def adjacent(self, i: int) -> bool:
        """Token ``i + 1`` follows token ``i`` with no space between."""
        return i + 1 < len(self.toks) and self.toks[i].end == self.toks[i + 1].start

    def atom(self, i: int) -> tuple[float, int, bool] | None:
        """A simple number at ``i``: (value, index after, is a fraction)."""
        if i >= len(self.toks):
            return None
        k = self.keys[i]
        v = digit_value(self.toks[i].text)
        if v is not None:
            return v, i + 1, False
        if k in self.lex.cardinals:
            return float(self.lex.cardinals[k]), i + 1, False
        if k in self.lex.fraction_words:
            return self.lex.fraction_words[k], i + 1, True
        if k in self.lex.fraction_prefixes:
            add = self.lex.fraction_prefixes[k]
            nxt = self.atom(i + 1)
            if nxt is not None and not nxt[2] and nxt[0] >= 1:
                return nxt[0] + add, nxt[1], True
            # "सवा लाख", "सवा सौ": one and a quarter
            if i + 1 < len(self.keys) and (
                self.keys[i + 1] in self.lex.multipliers or self.keys[i + 1] in self.lex.hundred
            ):
                return 1.0 + add, i + 1, True
        return None

    def spread(self, i: int) -> tuple[float, int, bool, bool, bool] | None:
        """An atom, or ``a-a`` (distributive) / ``a-b`` (range, lower bound):
        (value, index after, fraction, distributive, range)."""
        a = self.atom(i)
        if a is None:
            return None
        v, j, frac = a
        if j + 1 < len(self.toks) and self.toks[j].text in "-–" and self.adjacent(j - 1):
            b = self.atom(j + 1)
            if b is not None and self.adjacent(j) and not self.toks[j - 1].text.count(":"):
                if b[0] == v:
                    return v, b[1], frac, True, False
                if b[0] > v:
                    return v, b[1], frac or b[2], False, True
        return v, j, frac, False, False

    def group(self, i: int) -> tuple[float, int, bool, bool, bool] | None:
        """A number below the multipliers: ``पांच``, ``पांच सौ``, ``सौ``, ``125``."""
        sp = self.spread(i)
        if sp is None:
            if i < len(self.keys) and self.keys[i] in self.lex.hundred:
                v: float = 100.0
                j = i + 1
                frac = dist = rng = False
            else:
                return None
        else:
            v, j, frac, dist, rng = sp
            if j < len(self.keys) and self.keys[j] in self.lex.hundred:
                v *= 100
                j += 1
            else:
                return v, j, frac, dist, rng
        # "पांच सौ पचास"
        if j < len(self.keys) and self.keys[j] in self.lex.cardinals:
            v += self.lex.cardinals[self.keys[j]]
            j += 1
        return v, j, frac, dist, rng

    def is_currency_at(self, i: int) -> bool:
        cur = _currency_after_keys()
        return i < len(self.keys) and self.keys[i] in cur

    def number(self, i: int) -> NumberMatch | None:
        if i >= len(self.toks):
            return None
        k = self.keys[i]
        if k in self.lex.vague:
            m = NumberMatch(
                i,
                i,
                self.toks[i].start,
                self.toks[i].end,
                float(self.lex.vague[k]),
                True,
                scaled=self.lex.vague[k] >= 1000,
                digits=False,
                dozen=k in {key("दर्जनों")},
            )
            return self._with_cues(m)
        g = self.group(i)
        if g is None:
            return None
        value, j, frac, dist, rng = g
        total = 0.0
        last_mult = float("inf")
        scaled = dozen = False
        end_j = j
        while True:
            mk = self.keys[j] if j < len(self.keys) else ""
            mult = self.lex.multipliers.get(mk)
            if mult is None and mk in self.lex.dozen:
                mult, is_dozen = 12, True
            else:
                is_dozen = False
            if mult is not None and mult < last_mult and not (is_dozen and total):
                total += value * mult
                last_mult = mult
                scaled = scaled or not is_dozen
                dozen = dozen or is_dozen
                j += 1
                # "बीस हजार करोड़": a larger multiplier right after scales the whole
                while j < len(self.keys) and self.lex.multipliers.get(self.keys[j], 0) > mult:
                    bigger = self.lex.multipliers[self.keys[j]]
                    part = value * last_mult
                    total += part * bigger - part
                    mult = bigger
                    last_mult *= bigger
                    j += 1
                end_j = j
                nxt = self.group(j)
                if nxt is None:
                    break
                nv, nj, nfrac, _, _ = nxt
                nk = self.keys[nj] if nj < len(self.keys) else ""
                nmult = self.lex.multipliers.get(nk)
                if nmult is not None and nmult < last_mult:
                    value, j = nv, nj
                    frac = frac or nfrac
                    continue
                hundreds = any(k in self.lex.hundred for k in self.keys[j:nj])
                if nv < last_mult and not nfrac and (hundreds or self.is_currency_at(nj)):
                    # "5 हजार 500 रुपए", "दो हजार पांच सौ"
                    total += nv
                    end_j = nj
                break
            if total == 0:
                total = value
                end_j = j
            break
        digits = end_j == i + 1 and digit_value(self.toks[i].text) is not None
        m = NumberMatch(
            i,
            end_j - 1,
            self.toks[i].start,
            self.toks[end_j - 1].end,
            total,
            rng,
            scaled=scaled,
            digits=digits,
            dozen=dozen,
            distributive=dist,
            fraction=frac,
        )
        return self._with_cues(m)

    def _with_cues(self, m: NumberMatch) -> NumberMatch:
        if m.approx:
            return m
        approx = m.first > 0 and self.keys[m.first - 1] in self.lex.approx_before
        if not approx:
            approx = self.approx_after_len(m.last + 1) > 0
        if not approx:
            return m
        return NumberMatch(
            m.first,
            m.last,
            m.start,
            m.end,
            m.value,
            True,
            m.scaled,
            m.digits,
            m.dozen,
            m.distributive,
            m.fraction,
        )

    def approx_after_len(self, i: int) -> int:
        return approx_after_len(self.keys, i)


@cache
def _currency_after_keys() -> frozenset[str]:
    raw = lexicon().raw
    words = list((raw.get("currency_after") or {}).keys())
    words += list((raw.get("currency_after_abbrev") or {}).keys())
    return _keyed_set(words)


_LAST_SCAN: list[Any] = [None, None]  # [tokens object, result]: money, dates and counts share it


def scan_numbers(tokens: Sequence[Token]) -> list[NumberMatch]:
    """Every number in ``tokens``, left to right, longest first, not overlapping.

    The last result is kept with the token list it came from (the object itself, so it
    cannot be mistaken for another list), because three recognisers scan the same doc."""
    if _LAST_SCAN[0] is tokens:
        return list(_LAST_SCAN[1])
    out = _scan_numbers(tokens)
    _LAST_SCAN[0], _LAST_SCAN[1] = tokens, out
    return list(out)


def _scan_numbers(tokens: Sequence[Token]) -> list[NumberMatch]:
    sc = _Scanner(tokens)
    out: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        m = sc.number(i)
        if m is None:
            i += 1
            continue
        out.append(m)
        i = m.last + 1
    return out


def approx_after_len(keys: Sequence[str], i: int) -> int:
    """Length in tokens of an approximation phrase (``से ज्यादा``) starting at ``keys[i]``
    (``keys``: the tokens' :func:`key` forms)."""
    for seq in lexicon().approx_after:
        if tuple(keys[i : i + len(seq)]) == seq:
            return len(seq)
    return 0


def find_numbers(text: str) -> list[tuple[int, int, float, bool]]:
    """``(start, end, value, approx)`` for each number in ``text`` (offsets into ``text``)."""
    return [(m.start, m.end, m.value, m.approx) for m in scan_numbers(tokenize(text))]


def parse_number(words: str) -> tuple[float, bool] | None:
    """The value of ``words`` when the whole string is one number, with its approx flag:
    ``"4 करोड़ 79 लाख 64 हजार"`` -> ``(47964000.0, False)``, ``"लाखों"`` -> ``(100000.0, True)``.
    """
    toks = tokenize(words)
    if not toks:
        return None
    m = _Scanner(toks).number(0)
    if m is None or m.last != len(toks) - 1:
        return None
    return m.value, m.approx


@register("numbers")
class NumberRecogniser:
    """Labels every number ``NUMBER`` with value ``{"value": float, "approx": bool}``."""

    name = "numbers"
    version = "1.0"

    def __call__(self, doc: Doc) -> list[Span]:
        return [
            doc.make_span(
                m.start,
                m.end,
                "NUMBER",
                self.name,
                self.version,
                value={"value": m.value, "approx": m.approx},
            )
            for m in scan_numbers(doc.tokens)
        ]
