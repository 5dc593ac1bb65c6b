"""Later mentions of names already found: a place, person or organisation that one
recogniser found once (from a pattern, the model, a rank) is marked wherever the same
words recur in the article and nothing else claims them (``एराबोर`` found once by the
model is ``एराबोर`` five times). The given name that opens a person's full name is that person
alone (``इति तिवारी`` ... ``इति ने``) when no other person of the article opens a name with
it and it is no plain word."""

from __future__ import annotations

from jaanch.doc import Doc
from jaanch.names import NameLexicon
from jaanch.recognise.base import register
from jaanch.types import ENTITY_TYPES, Span

LABELS = ("PERSON", "LOC", "ORG")


class RepeatRecogniser:
    name = "repeats"
    version = "1.1"

    def __call__(self, doc: Doc) -> list[Span]:
        names = NameLexicon.default()
        keys = doc.keys
        toks = doc.tokens
        n = len(toks)
        taken = [False] * n
        found: dict[tuple[str, ...], Span] = {}
        firsts: dict[str, dict[tuple[str, ...], Span]] = {}
        for s in doc.spans:
            if s.label not in ENTITY_TYPES:
                continue
            i = doc.token_index_at(s.nstart)
            first = i
            while i < n and toks[i].start < s.nend:
                taken[i] = True
                i += 1
            if s.label in LABELS and i > first:
                words = tuple(keys[first:i])
                # one plain word is no evidence on its own ("शव", "राजा" the noun)
                if len(words) == 1 and (
                    names.is_common_word(words[0]) or names.is_news_common(words[0])
                ):
                    continue
                found.setdefault(words, s)
                if s.label == "PERSON" and len(words) > 1:
                    firsts.setdefault(words[0], {})[words] = s
        # the given name alone names the person it opens ("मानसी श्रीवास ... मानसी के
        # पिता"), when one person of the article has it and it is no plain word
        for word, names_of in firsts.items():
            if (
                len(names_of) == 1
                and (word,) not in found
                and len(word) > 1
                and not word.endswith(".")
                and not names.is_common_word(word)
                and not names.is_news_common(word)
                and not names.is_title(word)
            ):
                found[(word,)] = next(iter(names_of.values()))
        out: list[Span] = []
        by_len = sorted(found, key=len, reverse=True)
        i = 0
        while i < n:
            if taken[i]:
                i += 1
                continue
            hit = None
            for words in by_len:
                m = len(words)
                if tuple(keys[i : i + m]) == words and not any(taken[i : i + m]):
                    hit = (m, found[words])
                    break
            if hit is None:
                i += 1
                continue
            m, src = hit
            value = dict(src.value) if isinstance(src.value, dict) else {}
            value.update(
                {"source": "repeat", "cue": "repeat", "seed": False, "of": [src.start, src.end]}
            )
            out.append(
                doc.make_span(
                    toks[i].start, toks[i + m - 1].end, src.label, self.name, self.version, value
                )
            )
            for k in range(i, i + m):
                taken[k] = True
            i += m
        return out


@register("repeats")
def make_repeats() -> RepeatRecogniser:
    return RepeatRecogniser()
