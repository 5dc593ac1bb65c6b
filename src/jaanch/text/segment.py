"""Sentence and token segmentation with character offsets (on normalised text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: Devanagari letters and marks (with an internal nukta), Latin letters, or a
# number such as 1,25,000 / 1.47 / 12:45. Hyphenated words stay one token only when both
# halves are letters (बदल-बदल); "सुतिहार-कटसा" is split so names can be matched.
TOKEN_RE = re.compile(
    r"[0-9]+(?:[.,:][0-9]+)*"
    r"|[\u0900-\u0963\u0971-\u097f]+"
    r"|[A-Za-z]+(?:'[A-Za-z]+)?"
    r"|\S",
)
SENTENCE_END_RE = re.compile(r"[।!?|]+|\.(?=\s|$)(?<![A-Za-z]\.)|\n+")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    index: int

    @property
    def is_word(self) -> bool:
        ch = self.text[0]
        return ch.isalnum() or "\u0900" <= ch <= "\u097f"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(), i) for i, m in enumerate(TOKEN_RE.finditer(text))]


def sentences(text: str) -> list[Sentence]:
    """Split at danda, ?, !, a full stop after a non-initial, and line breaks."""
    out: list[Sentence] = []
    pos = 0
    for m in SENTENCE_END_RE.finditer(text):
        end = m.end()
        # "एम. पी. सिंह": a full stop after a single Devanagari letter is an initial
        if m.group().startswith(".") and _is_initial(text, m.start()):
            continue
        _add(out, text, pos, end)
        pos = end
    _add(out, text, pos, len(text))
    return out


def _is_initial(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and ("\u0900" <= text[k - 1] <= "\u097f"):
        k -= 1
    word = text[k:j]
    return 0 < len(word) <= 2


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))
