"""The document every recogniser reads: input text, normalised text, tokens, spans."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jaanch.text.normalise import NormalText, normalise
from jaanch.text.segment import Sentence, Token, sentences, tokenize
from jaanch.types import Article, Span


@dataclass
class Doc:
    article: Article
    norm: NormalText
    tokens: list[Token]
    sentences: list[Sentence]
    spans: list[Span] = field(default_factory=list)
    #: names of the recognisers that have run on this doc
    ran: set[str] = field(default_factory=set)

    @classmethod
    def from_article(cls, article: Article) -> Doc:
        norm = normalise(article.text)
        return cls(article, norm, tokenize(norm.text), sentences(norm.text))

    @cached_property
    def keys(self) -> list[str]:
        """Each token folded for lexicon lookup (nukta, chandrabindu, punctuation)."""
        from jaanch.text.normalise import fold_for_match

        return [fold_for_match(t.text) or t.text for t in self.tokens]

    def token_index_at(self, npos: int) -> int:
        """Index of the first token that ends after ``npos`` (len(tokens) if none)."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].end <= npos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    @property
    def text(self) -> str:
        """The normalised text (what recognisers read)."""
        return self.norm.text

    def make_span(
        self,
        nstart: int,
        nend: int,
        label: str,
        recogniser: str,
        version: str,
        value: Any = None,
        score: float = 1.0,
    ) -> Span:
        """A span given in normalised offsets, stored with its exact input offsets."""
        start, end = self.norm.to_input(nstart, nend)
        return Span(
            start=start,
            end=end,
            label=label,
            text=self.article.text[start:end],
            recogniser=recogniser,
            version=version,
            value=value,
            score=score,
            nstart=nstart,
            nend=nend,
        )

    def spans_of(self, *labels: str) -> list[Span]:
        return [s for s in self.spans if s.label in labels]

    def sentence_at(self, npos: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if npos < s.start:
                hi = mid - 1
            elif npos >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def add(self, spans: Iterable[Span]) -> None:
        self.spans.extend(spans)
