"""Names run on into the next word, read against the article's other names.

Each recogniser decides a name where it stands; the article as a whole often says where
it ends. A word of prose after a name that goes on into the sentence (``राहुल गंभीर रूप
से घायल``: "seriously", also a family name) or before it (``मासूम मांगीलाल``), that no
other name of the article holds, beside a name the article writes elsewhere (``राहुल
ठाकुर``, ``मांगीलाल``), is cut off; two people's names written side by side (``सोनम राजा
को ... ले गई``: the subject and the object), each another full name of the article or
its first word (``सोनम रघुवंशी``, ``राजा रघुवंशी``), are two mentions. A family name
before a case word stays (``समीर खान ने``), and so does a first name with a family name
the article also writes alone (``संजीव शर्मा`` ... ``शर्मा``). The cut spans keep their
recogniser and say ``edges: name_edges`` in their value.
"""

from __future__ import annotations

import re
from collections import Counter

from jaanch.doc import Doc
from jaanch.models.person_features import common_word, token_range
from jaanch.names import NameLexicon
from jaanch.recognise.ner_model import outside_name
from jaanch.recognise.persons import context
from jaanch.text.segment import Token
from jaanch.types import Span

NAME = "name_edges"
VERSION = "1.2"


def _prose(names: NameLexicon, key: str) -> bool:
    """A word of prose: common in the NER corpora or in news, and not name-like."""
    return common_word(names, key) and names.name_likeness(key) < 0.3


class _Others:
    """How the article's other PERSON spans write names, for one name of ``keys``: the
    counts over every span less this name and its copies written the same way."""

    def __init__(
        self,
        keys: tuple[str, ...],
        whole: Counter[tuple[str, ...]],
        firsts: Counter[str],
        held: Counter[str],
    ) -> None:
        self.keys, self._whole, self._firsts, self._held = keys, whole, firsts, held
        self.same = whole[keys]

    def whole(self, part: tuple[str, ...]) -> int:
        """Spans written exactly ``part``."""
        return self._whole[part] - (self.same if part == self.keys else 0)

    def first(self, word: str) -> int:
        """Names of two words or more that ``word`` opens."""
        return self._firsts[word] - (self.same if word == self.keys[0] else 0)

    def held(self, word: str) -> int:
        """Spans that hold ``word``."""
        return self._held[word] - (self.same if word in self.keys else 0)


def run_on_names(doc: Doc) -> list[Span]:
    """The article's PERSON spans with run-on words cut off and two names side by side
    split (see the module's docstring); ``doc.spans`` is updated to match."""
    names = NameLexicon.default()
    persons = sorted(doc.spans_of("PERSON"), key=lambda s: s.nstart)
    words = {id(s): _words(doc, s) for s in persons}
    # how often each name (as words) is written, which first words open a name of two
    # words or more, and how many spans hold each word
    whole: Counter[tuple[str, ...]] = Counter(words[id(s)][1] for s in persons)
    firsts: Counter[str] = Counter(w[1][0] for w in words.values() if len(w[1]) > 1)
    held: Counter[str] = Counter(k for w in words.values() for k in set(w[1]))
    function = context().function_words
    replaced: dict[int, list[Span]] = {}
    for s in persons:
        toks, keys = words[id(s)]
        if not keys:
            continue
        new = _without_outside_words(keys, names)
        if new is None and len(keys) >= 2:
            others = _Others(keys, whole, firsts, held)
            new = _cut(keys, others, names, _next_is_word(doc, s, function))
        if new is None:
            continue
        value = dict(s.value) if isinstance(s.value, dict) else {}
        value["edges"] = NAME
        replaced[id(s)] = [
            doc.make_span(
                toks[a].start, toks[b].end, "PERSON", s.recogniser, s.version, dict(value), s.score
            )
            for a, b in new
        ]
    if not replaced:
        return persons
    out: list[Span] = []
    spans: list[Span] = []
    for s in doc.spans:
        parts = replaced.get(id(s))
        if parts is None:
            spans.append(s)
            if s.label == "PERSON":
                out.append(s)
        else:
            spans.extend(parts)
            out.extend(parts)
    doc.spans = spans
    return sorted(out, key=lambda s: s.nstart)


#: the oblique plural of a noun ("प्रत्यक्षदर्शियों", "गार्डों", "गिरोहों", "पुलिसवालों"): no
#: word of a person's name, unless news writes it where names stand ("भैरों") or it is a
#: family name (the NER corpora's scores hold such plurals as names)
_OBLIQUE_PLURAL = re.compile(r"(?:ियों|ाओं|ओं|ों)$")
#: how often news must write a plural-looking word where names stand to keep it
PLURAL_NAME_SCORE = 0.3


def _without_outside_words(
    keys: tuple[str, ...], names: NameLexicon
) -> list[tuple[int, int]] | None:
    """The word range left when words the guidelines keep outside a name are cut off its
    edges (none left: no name), or None when the name has none at its edges.

    Outside a name: an oblique plural, and a post, honorific, role noun, kin word or
    place head (:func:`~jaanch.recognise.ner_model.outside_name`: ``हाजी हबीबुर रहमान``,
    ``जेठानी दीपा``) that is no given or family name too (``किशोर``); a post or an
    honorific written before names stays as the last word (``सुनील पंडित``), and before
    a lone word that is no given name (``एसपी तमंग``)."""
    last = len(keys) - 1
    outside = [
        (
            bool(_OBLIQUE_PLURAL.search(k))
            and not (names.news_name_score(k) >= PLURAL_NAME_SCORE or names.is_surname(k))
        )
        or outside_name(k, last=n == last and n > 0)
        for n, k in enumerate(keys)
    ]
    a, b = 0, len(keys) - 1
    while a <= b and outside[a]:
        a += 1
    while b >= a and outside[b]:
        b -= 1
    if 0 < a == b == len(keys) - 1 and not (
        _OBLIQUE_PLURAL.search(keys[a - 1]) or names.is_given_name(keys[b])
    ):
        # a post or title before a family name alone names the person by both ("एसपी
        # तमंग", "मौलाना साद", "वकील खान"): the name stays whole
        return None
    if a == 0 and b == len(keys) - 1:
        return None
    return [(a, b)] if a <= b else []


def _cut(
    keys: tuple[str, ...], others: _Others, names: NameLexicon, next_is_word: bool
) -> list[tuple[int, int]] | None:
    """The word ranges a name of ``keys`` becomes, or None to keep it; ``next_is_word``: a
    word of prose follows the span, not a case word or a mark."""

    def named(part: tuple[str, ...]) -> bool:
        """Does the article write ``part`` as a name elsewhere (whole, or opening one)?"""
        return others.whole(part) > 0 or (len(part) == 1 and others.first(part[0]) > 0)

    def opens_another(part: tuple[str, ...]) -> bool:
        """Is ``part`` another person's full name, or the first word of one?"""
        if len(part) > 1:
            return others.whole(part) > 0
        return others.first(part[0]) > 0

    # the last word: prose going on into the sentence ("राहुल गंभीर रूप से"), no other
    # name holds it, the rest named elsewhere; a family name before a case word stays
    if next_is_word and _prose(names, keys[-1]) and others.held(keys[-1]) <= 0 and named(keys[:-1]):
        return [(0, len(keys) - 2)]
    # the first word: prose, no given name, no other name holds it ("मासूम मांगीलाल")
    if (
        _prose(names, keys[0])
        and not names.is_given_name(keys[0])
        and not names.is_surname(keys[0])
        and others.held(keys[0]) <= 0
        and others.whole(keys[1:]) > 0  # the rest written whole elsewhere, not only opening a name
        # a family name written alone is the same person's short form ("बंटी पांडे",
        # later "पांडे"), not a name the first word was put before
        and not (len(keys) == 2 and names.is_surname(keys[1]))
    ):
        return [(1, len(keys) - 1)]
    # two people's names side by side ("सोनम राजा को"), each of them another full name
    # of the article or its first word: one person's first name and family name written
    # alone elsewhere ("संजीव", "शर्मा") are no two people
    for j in range(1, len(keys)):
        if (
            opens_another(keys[:j])
            and opens_another(keys[j:])
            and not names.is_surname(keys[j])  # "संजय कुमार", "बंटी पांडे": one name
        ):
            return [(0, j - 1), (j, len(keys) - 1)]
    return None


def _next_is_word(doc: Doc, s: Span, function: frozenset[str]) -> bool:
    """Is the token after the span a word of prose (no case word, no mark)?"""
    i = doc.token_index_at(s.nend)
    if i >= len(doc.tokens) or doc.tokens[i].start < s.nend:
        return False
    t = doc.tokens[i].text
    return (
        "\u0900" <= t[0] <= "\u097f" and t[0] not in "\u0964\u0965" and doc.keys[i] not in function
    )


def _words(doc: Doc, s: Span) -> tuple[list[Token], tuple[str, ...]]:
    """The word tokens of a span (no punctuation) and their folded keys."""
    idx = [
        i
        for i in token_range(doc, s)
        if any(ch.isalpha() for ch in doc.tokens[i].text)
        or "\u0900" <= doc.tokens[i].text[0] <= "\u097f"
    ]
    return [doc.tokens[i] for i in idx], tuple(doc.keys[i] for i in idx)
