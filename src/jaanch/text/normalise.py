"""Normalise Hindi news text while keeping an exact map back to the input.

Every recogniser works on :attr:`NormalText.text`; :meth:`NormalText.to_input` turns a
span of it back into input offsets, so spans that leave the pipeline always index the
text exactly as the user gave it.

What is normalised (each step keeps the map):

* Unicode NFC, per character run (decomposed forms are recomposed);
* a nukta typed after a vowel sign (``पीडि़त``) is moved before it (``पीड़ित``);
* the legacy-font artefact ``¨`` + consonant becomes consonant + ``िं`` (``¨सह`` → ``सिंह``);
* zero-width characters, soft hyphens and BOMs are dropped;
* Devanagari digits become ASCII digits; no-break and odd spaces become a plain space;
* a space before a danda (``बात ।``) is dropped;
* a space that splits a word before a dependent vowel sign or mark (``से े``, ``प्रोफे सर``
  cannot be told apart in general, but a fragment that *begins* with a combining mark is
  certainly a split) is dropped;
* a doubled identical vowel sign (``सेे``) is reduced to one;
* ``ो``/``ौ`` typed as ``ा`` + ``े``/``ै`` (``लाेगाें``) and independent vowels typed as a
  vowel and a sign (``अा`` → ``आ``, ``आैर`` → ``और``, ``आेर`` → ``ओर``) are joined.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

NUKTA = "\u093c"
VIRAMA = "\u094d"
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad", "\u2060"}
ODD_SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\t"}
#: an independent vowel and a vowel sign that legacy fonts type for one independent vowel
_VOWEL_PAIRS = {
    ("\u0905", "\u093e"): "\u0906",  # अ + ा = आ
    ("\u0905", "\u094b"): "\u0913",  # अ + ो = ओ
    ("\u0905", "\u094c"): "\u0914",  # अ + ौ = औ
    ("\u0906", "\u0947"): "\u0913",  # आ + े = ओ
    ("\u0906", "\u0948"): "\u0914",  # आ + ै = औ
}
_JOINED_SIGNS = frozenset(sign for _, sign in _VOWEL_PAIRS)
LEGACY_IM = "\u00a8"  # ¨ in Kruti/Chanakya-damaged text stands for ि + ं before a consonant


def is_consonant(ch: str) -> bool:
    return "\u0915" <= ch <= "\u0939" or "\u0958" <= ch <= "\u095f"


def is_vowel_sign(ch: str) -> bool:
    return "\u093e" <= ch <= "\u094c" or ch in "\u0962\u0963"


def is_combining_mark(ch: str) -> bool:
    """Marks that can never begin a word: vowel signs, virama, nukta, anusvara, visarga."""
    return is_vowel_sign(ch) or ch in "\u0901\u0902\u0903\u093c\u094d"


@dataclass(frozen=True)
class NormalText:
    """Normalised text plus, for each of its characters, the input index it came from."""

    original: str
    text: str
    origin: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)
    #: input index -> input end of a character made of several input characters
    #: (``काे`` -> ``को``): a span ending in it ends after all of them
    joined: dict[int, int] = field(default_factory=dict, compare=False, hash=False)

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the input text."""
        if start >= end:
            pos = self.origin[start]
            return pos, pos
        seg = self.origin[start:end]
        last = max(seg)
        return min(seg), self.joined.get(last, last + 1)

    def input_text(self, start: int, end: int) -> str:
        s, e = self.to_input(start, end)
        return self.original[s:e]


def normalise(raw: str) -> NormalText:
    """Normalise ``raw`` and return it with its offset map."""
    chars: list[str] = []
    origin: list[int] = []
    joined: dict[int, int] = {}

    def emit(ch: str, pos: int) -> None:
        chars.append(ch)
        origin.append(pos)

    i = 0
    n = len(raw)
    while i < n:
        ch = raw[i]
        if ch in ZERO_WIDTH:
            i += 1
            continue
        if ch in ODD_SPACES:
            ch = " "
        if ch == "\r":
            if i + 1 < n and raw[i + 1] == "\n":
                i += 1
                continue
            ch = "\n"
        if "\u0966" <= ch <= "\u096f":
            emit(chr(ord(ch) - 0x0966 + ord("0")), i)
            i += 1
            continue
        if ch == LEGACY_IM and i + 1 < n and is_consonant(raw[i + 1]):
            j = i + 1
            emit(raw[j], j)
            if j + 1 < n and raw[j + 1] == NUKTA:
                j += 1
                emit(NUKTA, j)
            emit("\u093f", i)
            emit("\u0902", i)
            i = j + 1
            continue
        if ch == NUKTA and chars and is_vowel_sign(chars[-1]) and len(chars) >= 2:
            # consonant + vowel sign + nukta -> consonant + nukta + vowel sign
            if is_consonant(chars[-2]):
                vs, vs_pos = chars.pop(), origin.pop()
                emit(NUKTA, i)
                emit(vs, vs_pos)
                i += 1
                continue
        if ch == " ":
            nxt = raw[i + 1] if i + 1 < n else ""
            if nxt == "\u0964" and chars and chars[-1] not in " \n":
                i += 1  # "बात ।" -> "बात।"
                continue
            if nxt and is_combining_mark(nxt) and chars and "\u0900" <= chars[-1] <= "\u097f":
                i += 1  # a word split before a combining mark
                continue
        if is_vowel_sign(ch) and chars and chars[-1] == ch:
            i += 1  # doubled vowel sign "सेे"
            continue
        if ch in "\u0947\u0948" and chars and chars[-1] == "\u093e":
            # legacy fonts write ो/ौ as ा + े/ै ("लाेगाें", "काेतवाल")
            chars[-1] = "\u094b" if ch == "\u0947" else "\u094c"
            joined[origin[-1]] = i + 1
            i += 1
            continue
        if ch in _JOINED_SIGNS and chars and (chars[-1], ch) in _VOWEL_PAIRS:
            # the same fonts build independent vowels from parts: "अा" (आ), "आै" (औ)
            chars[-1] = _VOWEL_PAIRS[(chars[-1], ch)]
            joined[origin[-1]] = i + 1
            i += 1
            continue
        if ch == "." and _dotted_abbreviation(raw, i):
            i += 1  # "ए.एस.आई." -> "एएसआई", "डी.एस.पी." -> "डीएसपी"
            continue
        emit(ch, i)
        i += 1

    text, origin_list = _nfc_with_map("".join(chars), origin)
    origin_list.append(n)
    return NormalText(original=raw, text=text, origin=tuple(origin_list), joined=joined)


_AKSHARA = "[\u0905-\u0939\u0958-\u095f][\u093c]?[\u093e-\u094c\u0902]?"
_ABBR_RE = re.compile(f"(?<![\u0900-\u097f])(?:{_AKSHARA}(?:{_AKSHARA})?\\.){{2,}}")


def _dotted_abbreviation(raw: str, i: int) -> bool:
    """Is the full stop at ``raw[i]`` inside a run like ``ए.एस.आई.`` (two or more
    one-letter syllables, each followed by a full stop, no spaces)?"""
    window = _ABBR_RE.finditer(raw, max(0, i - 12), min(len(raw), i + 12))
    return any(m.start() <= i < m.end() for m in window)


def _nfc_with_map(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """NFC-normalise, keeping the map: only runs that change are recomposed."""
    if unicodedata.is_normalized("NFC", text):
        return text, list(origin)
    out: list[str] = []
    out_origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        norm = unicodedata.normalize("NFC", chunk)
        if norm == chunk:
            out.append(chunk)
            out_origin.extend(origin[i:j])
        else:
            out.append(norm)
            # map each produced character to the first input of the cluster (and the
            # last produced one to the last input) so spans still cover the cluster
            for k in range(len(norm)):
                out_origin.append(origin[i] if k < len(norm) - 1 else origin[j - 1])
        i = j
    return "".join(out), out_origin


@lru_cache(maxsize=262144)
def fold_for_match(s: str) -> str:
    """The scorer's comparison key: NFC, no nukta, no zero-width, ँ→ं, collapsed spaces."""
    s = unicodedata.normalize("NFC", s)
    s = unicodedata.normalize("NFD", s).replace(NUKTA, "")
    s = unicodedata.normalize("NFC", s)
    s = "".join(ch for ch in s if ch not in ZERO_WIDTH)
    s = s.replace("\u0901", "\u0902")
    s = " ".join(s.split())
    while s and (unicodedata.category(s[-1])[0] == "P" or s[-1] in "|।॥ "):
        s = s[:-1]
    return s
