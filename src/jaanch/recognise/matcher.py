"""Token-sequence phrase matching (longest match first) over a :class:`Doc`.

Keys are folded with :func:`jaanch.text.normalise.fold_for_match` word by word, so a
lexicon written without nukta or with chandrabindu still matches the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from jaanch.text.normalise import fold_for_match
from jaanch.text.segment import Token, tokenize

T = TypeVar("T")


def word_key(word: str) -> str:
    """A token's lookup key, as :attr:`jaanch.doc.Doc.keys` makes it: folded, and a token
    that folding empties (``-`` in ``जैश-ए-मोहम्मद``) kept as it is."""
    return fold_for_match(word) or word


@dataclass(frozen=True)
class Match(Generic[T]):
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)
    start: int  # normalised-text offsets
    end: int
    payload: T


class PhraseMatcher(Generic[T]):
    """Longest-match lookup of multi-word phrases in a token list."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._table: dict[tuple[str, ...], T] = {}
        self.max_len = 1
        for phrase, payload in phrases:
            key = tuple(word_key(t.text) for t in tokenize(phrase))
            if not key:
                continue
            self._table.setdefault(key, payload)
            self.max_len = max(self.max_len, len(key))

    def __contains__(self, phrase: str) -> bool:
        return tuple(word_key(t.text) for t in tokenize(phrase)) in self._table

    def get(self, phrase: str) -> T | None:
        return self._table.get(tuple(word_key(t.text) for t in tokenize(phrase)))

    def match_at(self, tokens: list[Token], i: int, keys: list[str]) -> Match[T] | None:
        for n in range(min(self.max_len, len(tokens) - i), 0, -1):
            payload = self._table.get(tuple(keys[i : i + n]))
            if payload is not None:
                return Match(i, i + n - 1, tokens[i].start, tokens[i + n - 1].end, payload)
        return None

    def find_all(self, tokens: list[Token], keys: list[str] | None = None) -> list[Match[T]]:
        """Non-overlapping longest matches, left to right."""
        if keys is None:
            keys = [word_key(t.text) for t in tokens]
        out: list[Match[T]] = []
        i = 0
        while i < len(tokens):
            m = self.match_at(tokens, i, keys)
            if m is None:
                i += 1
            else:
                out.append(m)
                i = m.last + 1
        return out
