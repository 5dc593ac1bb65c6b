"""Ranks and posts (``सीओ``, ``पुलिस आयुक्त``, ``थाना प्रभारी``) from ``designations.tsv``.

Emits ``DESIGNATION`` spans whose value is ``{"code": ..., "sector": ...}``. A rank word
used as a generic plural (``पुलिसकर्मियों``) is not in the lexicon and so never matches.
"""

from __future__ import annotations

from functools import cache

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv
from jaanch.recognise.base import register
from jaanch.recognise.matcher import PhraseMatcher
from jaanch.types import Span


@cache
def designation_matcher() -> PhraseMatcher[dict[str, str]]:
    rows = load_tsv("designations.tsv")
    return PhraseMatcher((r["phrase"], {"code": r["code"], "sector": r["sector"]}) for r in rows)


def designation_code(phrase: str) -> str | None:
    hit = designation_matcher().get(phrase)
    return hit["code"] if hit else None


class DesignationRecogniser:
    name = "designation"
    version = "1.0"

    def __call__(self, doc: Doc) -> list[Span]:
        out = []
        for m in designation_matcher().find_all(doc.tokens, doc.keys):
            # "प्रधान" alone is a village head only when not followed by a word that
            # makes it an adjective ("प्रधान संपादक" is not in the lexicon, but
            # "प्रधान आरक्षक" is, and wins by length)
            out.append(
                doc.make_span(
                    m.start, m.end, "DESIGNATION", self.name, self.version, dict(m.payload)
                )
            )
        return out


@register("designation")
def make_designation() -> DesignationRecogniser:
    return DesignationRecogniser()
