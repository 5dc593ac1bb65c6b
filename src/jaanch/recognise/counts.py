"""Counts of things and people (label ``COUNT``) and ages (label ``AGE``).

``COUNT``: a number before a counted noun from ``lexicons/count_nouns.tsv``, with up to
three modifiers between (``16 मुकदमे``, ``दो केस``, ``चार युवतियों``, ``8 पुलिसकर्मियों``,
``तीन नकाबपोश बदमाश``, ``16 आपराधिक मुकदमे``, ``दर्जनों मुकदमे``, ``दो दर्जन से अधिक
मामले``). The span runs from the number to the noun; value ``{"count": int, "noun": str,
"lemma": str, "category": "case" | "person" | "other", "approx": bool}``.

``AGE``: value ``{"age": int}`` (1..110) for ``राजीव (32)`` (the bracket part),
``30 वर्षीय``, ``65 साल के`` / ``19 साल की`` (when a person word or a copula follows),
``उम्र 45 वर्ष``, ``45 वर्ष की उम्र``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv
from jaanch.recognise.base import register
from jaanch.recognise.numbers import (
    NumberMatch,
    approx_after_len,
    key,
    lexicon,
    scan_numbers,
)
from jaanch.text.segment import Token
from jaanch.types import Span

MAX_MODIFIERS = 3
MAX_AGE = 110
GENITIVE = frozenset(key(w) for w in ("का", "के", "की"))


@dataclass(frozen=True)
class CountLexicon:
    nouns: dict[str, tuple[str, str]]  # folded form -> (category, lemma)
    modifiers: frozenset[str]
    age_adjectives: frozenset[str]
    age_units: frozenset[str]
    age_nouns: frozenset[str]
    age_copula: frozenset[str]
    currency: frozenset[str]


@cache
def count_lexicon() -> CountLexicon:
    raw: dict[str, Any] = lexicon().raw

    def kset(name: str) -> frozenset[str]:
        return frozenset(key(str(w)) for w in (raw.get(name) or []))

    nouns = {key(r["noun"]): (r["category"], r["lemma"]) for r in load_tsv("count_nouns.tsv")}
    currency = frozenset(
        key(str(w))
        for name in ("currency_after", "currency_after_abbrev")
        for w in (raw.get(name) or {})
    )
    return CountLexicon(
        nouns=nouns,
        modifiers=kset("count_modifiers"),
        age_adjectives=kset("age_adjectives"),
        age_units=kset("age_units"),
        age_nouns=kset("age_noun"),
        age_copula=kset("age_copula"),
        currency=currency,
    )


@dataclass(frozen=True)
class CountMatch:
    start: int
    end: int
    label: str  # COUNT or AGE
    value: dict[str, Any]


def _is_age_number(m: NumberMatch) -> bool:
    if m.scaled or m.dozen or m.distributive:
        return False
    if m.approx and m.first != m.last:  # a range ("20-25 साल")
        return False
    return 0 < m.value <= MAX_AGE and (m.value == int(m.value) or m.fraction)


def find_counts(tokens: list[Token], text: str) -> list[CountMatch]:
    """COUNT and AGE matches in ``tokens`` of the normalised ``text``."""
    lex = count_lexicon()
    keys = [key(t.text) for t in tokens]
    out: list[CountMatch] = []
    for m in scan_numbers(tokens):
        age = _age(tokens, keys, m, lex)
        if age is not None:
            out.append(age)
            continue
        c = _count(tokens, text, keys, m, lex)
        if c is not None:
            out.append(c)
    out.extend(_bracket_ages(tokens, keys))
    out.sort(key=lambda c: c.start)
    return out


def _count(
    tokens: list[Token], text: str, keys: list[str], m: NumberMatch, lex: CountLexicon
) -> CountMatch | None:
    if m.value <= 0 or m.value != int(m.value) and not m.fraction:
        return None
    j = m.last + 1
    if j < len(keys) and keys[j] in lex.currency:
        return None
    approx = m.approx
    n = approx_after_len(keys, j)
    if n:
        approx = True
        j += n
    found: tuple[int, str, str] | None = None
    for step in range(MAX_MODIFIERS + 1):
        if j >= len(keys) or "\n" in text[tokens[j - 1].end : tokens[j].start]:
            break
        k = keys[j]
        if k in lex.nouns:
            cat, lemma = lex.nouns[k]
            found = (j, cat, lemma)
            if k not in lex.modifiers:
                break  # "120 से अधिक लोग घायल": the first plain noun is the counted one
        elif k == "-" and step and j + 1 < len(keys):
            pass  # "अलग-अलग"
        elif k not in lex.modifiers:
            break
        j += 1
    if found is None:
        return None
    nj, cat, lemma = found
    value = {
        "count": int(m.value),
        "noun": tokens[nj].text,
        "lemma": lemma,
        "category": cat,
        "approx": approx,
    }
    return CountMatch(m.start, tokens[nj].end, "COUNT", value)


def _age(
    tokens: list[Token], keys: list[str], m: NumberMatch, lex: CountLexicon
) -> CountMatch | None:
    if not _is_age_number(m) or m.value < 1:
        return None
    age = {"age": int(m.value)}
    j = m.last + 1
    if j < len(keys) and keys[j] == "-" and tokens[j - 1].end == tokens[j].start:
        j += 1  # "30-वर्षीय"
    k = keys[j] if j < len(keys) else ""
    if k in lex.age_adjectives:
        return CountMatch(m.start, tokens[j].end, "AGE", age)
    if k not in lex.age_units:
        return None
    # "उम्र 45 वर्ष", "उम्र करीब 45 साल"
    b = m.first - 1
    if b >= 0 and keys[b] in lexicon().approx_before:
        b -= 1
    if b >= 0 and keys[b] in lex.age_nouns:
        return CountMatch(m.start, tokens[j].end, "AGE", age)
    g = j + 1
    if g < len(keys) and keys[g] in GENITIVE:
        nk = keys[g + 1] if g + 1 < len(keys) else ""
        # "45 वर्ष की उम्र", "65 साल के बुजुर्ग", "19 साल की थी"
        if nk in lex.age_nouns or nk in lex.age_copula:
            return CountMatch(m.start, tokens[g].end, "AGE", age)
        noun = lex.nouns.get(nk)
        if noun is not None and noun[0] == "person":
            return CountMatch(m.start, tokens[g].end, "AGE", age)
    return None


def _bracket_ages(tokens: list[Token], keys: list[str]) -> list[CountMatch]:
    """``राजीव (32)``: a bracketed 1..110 right after a word that is not a number."""
    out: list[CountMatch] = []
    for i in range(1, len(tokens) - 2):
        if tokens[i].text != "(" or tokens[i + 2].text != ")":
            continue
        t = tokens[i + 1].text
        if not t.isdigit() or not 0 < int(t) <= MAX_AGE:
            continue
        prev = tokens[i - 1]
        if not prev.is_word or prev.text[0].isdigit() or keys[i - 1] in _not_age_before():
            continue
        out.append(CountMatch(tokens[i].start, tokens[i + 2].end, "AGE", {"age": int(t)}))
    return out


@cache
def _not_age_before() -> frozenset[str]:
    raw: dict[str, Any] = lexicon().raw
    words = list(raw.get("not_year_before") or []) + list((raw.get("months") or {}).keys())
    return frozenset(key(str(w)) for w in words)


@register("counts")
class CountRecogniser:
    """``COUNT`` (number + counted noun) and ``AGE`` spans."""

    name = "counts"
    version = "1.0"

    def __call__(self, doc: Doc) -> list[Span]:
        return [
            doc.make_span(c.start, c.end, c.label, self.name, self.version, value=c.value)
            for c in find_counts(doc.tokens, doc.text)
        ]
