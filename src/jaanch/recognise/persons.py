"""People's names found from context, not from a list of names.

A crime report introduces a person with a rank (``सीओ नजीराबाद गीतांजलि सिंह``), a role
noun (``आरोपी``, ``मृतक``), kinship (``X पुत्र Y``), an alias (``X उर्फ Y``), an age
(``राजीव (32)``, ``30 वर्षीय``), a residence (``... निवासी X``) or a reporting verb
(``X ने बताया``, ``X की शिकायत पर``). Each cue proposes a chunk of name-like words;
how name-like a word is comes from :mod:`jaanch.names` (counts in public NER corpora and
a surname table), never from the names of any one article. Chunks found this way are
then looked for again in the rest of the text: the full name, the first name alone and a
distinctive surname alone (``बरखा``, ``पटवारी ने कहा``), and names listed beside a found
one (``राज कुशवाह, आनंद, आकाश और विशाल``).

Emits ``PERSON`` spans; ``value`` holds ``{"cue": ..., "role_hint": ..., "seed": bool}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv, load_yaml
from jaanch.models.person_features import candidate_features, common_word, rare_word
from jaanch.models.roles import PERSON_LABEL, RoleModel
from jaanch.names import NameLexicon, syllable_letters
from jaanch.recognise.base import register
from jaanch.recognise.designation import designation_matcher
from jaanch.text.english_names import india_first_score, india_last_score, initials
from jaanch.text.normalise import fold_for_match
from jaanch.types import Span

MAX_NAME_TOKENS = 4
#: India first-name score (log10 of 20000 / rank) above which a word is a popular given
#: name (Vishal 2.87, Karan 2.48, Anand 2.43; Shakti 1.37 and Sant 0.89 are not)
POPULAR_GIVEN = 2.0
#: India family-name score (log10 of 20000 / rank) and NER-corpus name-likeness from
#: which a word after a given name continues the name though it is also a word
FAMILY_NAME_SCORE = 1.0
FAMILY_NAME_LIKENESS = 0.15
LATIN_NAME_RE = re.compile(r"[A-Z][a-z]+")
#: a Devanagari letter: an independent vowel or a consonant (not a sign or a digit)
DEVANAGARI_LETTER_RE = re.compile(r"[\u0904-\u0939\u0958-\u0961\u0972-\u097f]")
QUALIFIER_RE = re.compile(
    r"^(जोन|ज़ोन|सिटी|ग्रामीण|देहात|पूर्व|पश्चिम|उत्तर|दक्षिण|ट्रैफिक|अपराध|मुख्यालय|क्राइम)$"
)

# auxiliaries that follow a verb, hardly ever a name ("धमका रहा", "भाग गया")
AUXILIARIES = frozenset(
    [
        "कर",
        "करके",
        "रहा",
        "रही",
        "रहे",
        "गया",
        "गई",
        "गए",
        "दिया",
        "दी",
        "दिए",
        "लिया",
        "ली",
        "लिए",
        "चुका",
        "चुकी",
        "चुके",
        "सकता",
        "सकती",
        "सकते",
        "करता",
        "करती",
        "करते",
        "जाता",
        "जाती",
        "जाते",
    ]
)
POSSESSIVES = frozenset(
    ["की", "का", "के", "अपने", "अपनी", "अपना", "उसकी", "उसके", "उनकी", "उनके", "इसकी", "इसके"]
)
BLOCKING_LABELS = (
    "DESIGNATION",
    "MONEY",
    "DATE",
    "LAW",
    "COUNT",
    "AGE",
    "ORG",
    "CRIME_CUE",
    "ACTION_CUE",
)


@dataclass(frozen=True)
class Context:
    role_nouns: dict[str, str | None]
    kin_words: dict[str, str]
    apposition_kin: dict[str, str | None]
    #: words between a possessive and a kinship word that leave the tie as it is
    kin_qualifiers: frozenset[str]
    #: words for the dead before a name ("पुत्र स्वर्गीय मोहन"): stepped over
    late_markers: frozenset[str]
    #: words before an age written without brackets ("उम्र 23 वर्ष")
    age_words: frozenset[str]
    #: words before ``भाई``/``बहन`` that make the tie a cousin's (``relative``)
    cousin_words: frozenset[str]
    alias_markers: frozenset[str]
    residence_markers: frozenset[str]
    introducers: frozenset[str]
    coordinators: frozenset[str]
    after_cues: tuple[tuple[tuple[str, ...], int], ...]
    function_words: frozenset[str]
    after_cues_by_first: dict[str, tuple[tuple[tuple[str, ...], int], ...]]

    @property
    def words(self) -> frozenset[str]:
        """Every cue and function word (the person model reads them as they are)."""
        return frozenset(
            {*self.role_nouns, *self.kin_words, *self.apposition_kin, *self.alias_markers}
            | self.residence_markers
            | self.function_words
            | self.introducers
            | self.coordinators
            | {w for phrase, _ in self.after_cues for w in phrase}
        )


@cache
def context() -> Context:
    raw = load_yaml("person_context.yaml")

    def fold_keys(d: dict[str, Any]) -> dict[str, Any]:
        return {fold_for_match(k): v for k, v in d.items()}

    cues = tuple(
        (tuple(fold_for_match(w) for w in phrase.split()), int(strength))
        for phrase, strength in raw["after_cues"]
    )
    cues = tuple(sorted(cues, key=lambda c: -len(c[0])))
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for cue in cues:
        by_first.setdefault(cue[0][0], []).append(cue)
    return Context(
        role_nouns=fold_keys(raw["role_nouns"]),
        kin_words=fold_keys(raw["kin_words"]),
        apposition_kin=fold_keys(raw["apposition_kin"]),
        kin_qualifiers=frozenset(fold_for_match(w) for w in raw["kin_qualifiers"]),
        late_markers=frozenset(fold_for_match(w) for w in raw["late_markers"]),
        age_words=frozenset(fold_for_match(w) for w in raw["age_words"]),
        cousin_words=frozenset(fold_for_match(w) for w in raw["cousin_words"]),
        alias_markers=frozenset(fold_for_match(w) for w in raw["alias_markers"]),
        residence_markers=frozenset(fold_for_match(w) for w in raw["residence_markers"]),
        introducers=frozenset(fold_for_match(w) for w in raw.get("introducers", ())),
        coordinators=frozenset(fold_for_match(w) for w in raw.get("coordinators", ())),
        after_cues=cues,
        function_words=frozenset(fold_for_match(w) for w in raw["function_words"]),
        after_cues_by_first={k: tuple(v) for k, v in by_first.items()},
    )


@lru_cache(maxsize=65536)
def _is_number_word(word: str) -> bool:
    from jaanch.recognise.numbers import parse_number

    return not word.isdigit() and parse_number(word) is not None


@cache
def _head_words() -> frozenset[str]:
    """Head nouns of organisation and place names (परिषद, विभाग, थाना): never a person's."""
    words = {r["head"] for r in load_tsv("org_heads.tsv")} | {
        r["head"] for r in load_tsv("place_heads.tsv")
    }
    return frozenset(fold_for_match(w) for w in words if " " not in w)


@cache
def _place_followers() -> frozenset[str]:
    """Words that follow a place's name and make it one: the place heads that stay
    outside the name (``थाने``, ``जिले``) and ``स्थित``."""
    heads = {
        fold_for_match(r["head"])
        for r in load_tsv("place_heads.tsv")
        if r.get("head")
        and " " not in r["head"]
        and r.get("inside") != "yes"
        and r.get("position") == "after"
    }
    return frozenset(heads | {"स्थित"})


def _is_soft_loc(s: Span) -> bool:
    """A gazetteer town or village name that may as well be a person's name."""
    v = s.value or {}
    rec = v.get("record")
    return (
        v.get("source") == "gazetteer"
        and getattr(rec, "kind", None) in ("city", "village", "sub_district")
        and len(s.text.split()) == 1
    )


@dataclass
class Candidate:
    """A chunk a cue proposed, as the person model sees it (for training)."""

    text: str
    cue: str
    features: dict[str, float]
    rule_ok: bool


@dataclass
class Chunk:
    first: int
    last: int  # inclusive token index
    cue: str
    role_hint: str | None
    strong: bool


class PersonRecogniser:
    name = "person_context"
    version = "1.3"

    def __init__(self) -> None:
        self.ctx = context()
        self.context_words = self.ctx.words
        self.names = NameLexicon.default()
        self.designations = designation_matcher()
        #: the learned person model: decides the chunks the cues propose (None: the rules)
        self.model: RoleModel | None = None
        #: when a list, every candidate chunk with its features is appended (training)
        self.collect: list[Candidate] | None = None

    @contextmanager
    def collecting(self) -> Iterator[list[Candidate]]:
        """Within the block, every chunk a cue proposes is appended, with its features,
        to the list it yields (training data of the person model)."""
        collected: list[Candidate] = []
        self.collect = collected
        try:
            yield collected
        finally:
            self.collect = None

    def accept(
        self,
        chunk: tuple[int, int],
        cue: str,
        strong: bool,
        rule_ok: bool,
        group: tuple[tuple[int, int], ...] = (),
    ) -> bool:
        """Is the chunk a name? The hand rules' answer (``rule_ok``) unless a person model
        is set; then the model's, with the rules' answer among its features."""
        if chunk[0] == chunk[1] and syllable_letters(self.toks[chunk[0]].text) < 2:
            return False  # one syllable alone ("की नी" for "की पत्नी"): a fragment, never a name
        if self.model is None and self.collect is None:
            return rule_ok
        feats = candidate_features(self, chunk[0], chunk[1], cue, strong, rule_ok, group)
        if self.collect is not None:
            text = self.doc.text[self.toks[chunk[0]].start : self.toks[chunk[1]].end]
            self.collect.append(Candidate(text, cue, feats, rule_ok))
        if self.model is None:
            return rule_ok
        return PERSON_LABEL in self.model.above(feats)

    # -- token tests ---------------------------------------------------------------

    def _setup(self, doc: Doc) -> None:
        self.doc = doc
        self.keys = doc.keys
        self.toks = doc.tokens
        n = len(self.toks)
        self.blocked = [False] * n
        self.loc_tok = [False] * n
        self.desig_tok = [False] * n
        self.soft_loc = [False] * n
        # one-word places named somewhere in the article ("लोहता थाने"): after a rank the
        # same word is the post's place, not the start of the name ("थानाध्यक्ष लोहता X")
        followers = _place_followers()
        located = {
            self.keys[i]
            for i in range(n - 1)
            if self.keys[i + 1] in followers and self.is_wordlike(i)
        }
        self.loc_words = frozenset(
            {fold_for_match(s.text) for s in doc.spans_of("LOC") if len(s.text.split()) == 1}
            | located
        )
        for s in doc.spans:
            if s.label not in BLOCKING_LABELS and s.label != "LOC":
                continue
            soft = s.label == "LOC" and _is_soft_loc(s)
            i = doc.token_index_at(s.nstart)
            while i < n and self.toks[i].start < s.nend:
                if s.label == "LOC":
                    self.loc_tok[i] = True
                    self.soft_loc[i] = soft
                else:
                    self.blocked[i] = True
                if s.label == "DESIGNATION":
                    self.desig_tok[i] = True
                i += 1

    def is_wordlike(self, i: int) -> bool:
        """A word with a letter in it: not a danda, a digit or a lone sign (``॰``)."""
        t = self.toks[i].text
        if "\u0900" <= t[0] <= "\u097f":
            return bool(DEVANAGARI_LETTER_RE.search(t)) and not t[0].isdigit()
        return bool(LATIN_NAME_RE.fullmatch(t))

    def is_structural(self, i: int) -> bool:
        k = self.keys[i]
        c = self.ctx
        return (
            k in c.function_words
            or k in c.role_nouns
            or k in c.kin_words
            or k in c.alias_markers
            or k in c.residence_markers
            or k in _head_words()
        )

    def nameable(self, i: int, allow_loc: bool = False) -> bool:
        if i < 0 or i >= len(self.toks):
            return False
        if self.blocked[i] or (self.loc_tok[i] and not allow_loc and not self.soft_loc[i]):
            return False
        if not self.is_wordlike(i) or self.is_structural(i):
            return False
        if _is_number_word(self.toks[i].text):
            return False  # "नब्बे कदम": a number, not a name
        return not QUALIFIER_RE.match(self.keys[i])

    def continues_name(self, j: int, start: int = -1) -> bool:
        """May token ``j`` extend a name begun at ``start``?"""
        k = self.keys[j]
        if self.is_surname(j) or self.name_score(j) >= 0.5:
            return True
        if j > start >= 0 and self.family_name_like(j) and self.given_like(j - 1):
            return True  # "कैलाश पाटीदार": a family name many in India have, after a given name
        # a middle name of low score before a surname: "आनंद प्रकाश तिवारी"
        if (
            j + 1 < len(self.toks)
            and self.nameable(j + 1)
            and (self.is_surname(j + 1) or self.names.surname_score(self.keys[j + 1]) >= 0.6)
        ):
            return True
        if self.is_surname(j - 1) and j - 1 > start:
            return False  # names end at the surname: "बरखा मिश्रा बेबस युवतियों"
        if self.name_score(j) >= 0.3:
            return True
        if not self.common(k) and self.given_like(j - 1):
            return True  # a given name is followed by a family name: "सौरभ पांचाल"
        return not self.common(k) and self.names.counts(k) is None

    def family_name_like(self, j: int) -> bool:
        """Is token ``j`` a family name that many people in India have (``पाटीदार``,
        Patidar), and used in names by the NER corpora now and then (``नगर`` and
        ``सरकार`` are family names too, but hardly ever in a name there)?"""
        score = india_last_score(self.toks[j].text)
        return (
            score is not None
            and score >= FAMILY_NAME_SCORE
            and self.name_score(j) >= FAMILY_NAME_LIKENESS
        )

    def posting_word(self, i: int) -> bool:
        """After a rank, a word that names the post's place rather than the person: not
        known as a name, nor one many people in India are given (शक्ति in "गवर्नर शक्ति
        कांत दास", अंकित), followed by a given name (``अवंतीपोरा जैयद मोहम्मद``)."""
        return (
            self.name_score(i) < 0.3
            and not self.names.is_given_name(self.keys[i])
            and (india_first_score(self.toks[i].text) or 0.0) < 1.0
            and not self.is_surname(i)
            and self.given_like(i + 1)
            and self.name_score(i + 1) >= 0.5
        )

    def plain_chunk(self, first: int, last: int) -> bool:
        """Is every word of the chunk an ordinary word of prose, none name-like?"""
        return all(
            self.common(self.keys[k]) and self.name_score(k) < 0.3 and not self.is_surname(k)
            for k in range(first, last + 1)
        )

    def first_name_uses(self, i: int) -> int:
        """How often the NER corpora saw token ``i`` begin a person's name (राजा: 11)."""
        c = self.names.counts(self.keys[i])
        return c.per_first if c is not None else 0

    def popular_given(self, i: int) -> bool:
        """Is token ``i`` a first name many people have, so that before a surname it
        begins the name though it is also a word (``विशाल सिंह चौहान``, ``राजा
        रघुवंशी``): names often begin with it in the NER corpora, or its English
        spelling is a common first name in India (``names-dataset`` score)."""
        if self.first_name_uses(i) >= 5:
            return True
        score = india_first_score(self.toks[i].text)
        return score is not None and score >= POPULAR_GIVEN

    def given_like(self, i: int) -> bool:
        """Does token ``i`` look like a given name (the first word of a full name)?"""
        k = self.keys[i]
        return (
            self.names.is_given_name(k) or self.name_score(i) >= 0.5 or self.rare(i)
        ) and not self.is_surname(i)

    def counted_before(self, i: int) -> bool:
        """Is the noun at ``i`` counted ("तीन नकाबपोश बदमाश", "5 आरोपियों")?"""
        from jaanch.recognise.numbers import parse_number

        for k in range(max(0, i - 2), i):
            t = self.toks[k].text
            if t.isdigit() or (parse_number(t) is not None and self.keys[k] != "एक"):
                return True
        return False

    def common(self, key: str) -> bool:
        """An ordinary word of news prose (NER-corpus or news-corpus statistics)."""
        return common_word(self.names, key)

    def rare(self, i: int) -> bool:
        """A word neither corpus knows: likely a rare proper name (``लाठीगरा``)."""
        return rare_word(self.names, self.keys[i])

    def name_score(self, i: int) -> float:
        return self.names.name_likeness(self.keys[i])

    def is_initial(self, i: int) -> bool:
        """``एम .`` / ``आर.`` / ``वाई.``: an English letter's name followed by a full stop
        (``था.`` ending a sentence is no initial)."""
        t = self.toks[i].text
        letters = initials(t) if "\u0900" <= t[0] <= "\u097f" else None
        return (
            letters is not None
            and len(letters) == 1
            and i + 1 < len(self.toks)
            and self.toks[i + 1].text == "."
            and not self.names.is_title(self.keys[i])  # "डॉ." is a title, not an initial
        )

    # -- chunking --------------------------------------------------------------------

    def forward_chunk(self, i: int, allow_loc: bool = True) -> tuple[int, int] | None:
        """Name words starting at token ``i`` (initials such as ``एम . पी .`` included)."""
        n = len(self.toks)
        j = i
        words = 0
        last = -1
        while j < n and words < MAX_NAME_TOKENS:
            if self.is_initial(j) and not self.blocked[j]:
                last = j + 1
                j += 2
                words += 1
                continue
            if not self.nameable(j, allow_loc=allow_loc):
                break
            if j > i and not self.continues_name(j, i):
                break
            if (
                self.toks[j].start > 0
                and "\n" in self.doc.text[self.toks[j - 1].end : self.toks[j].start]
            ):
                if j > i:
                    break
            last = j
            words += 1
            j += 1
        if last < i:
            return None
        return i, last

    def backward_chunk(self, j: int, min_score: float) -> tuple[int, int] | None:
        """Name words ending at token ``j`` (inclusive), read right to left: each must be
        name-like enough; a word no corpus knows is taken only just before a surname."""
        i = j
        words = 0
        while i >= 0 and words < MAX_NAME_TOKENS:
            if (
                i < j
                and self.toks[i].text == "."
                and i >= 1
                and self.is_initial(i - 1)
                and not self.blocked[i - 1]
            ):
                i -= 2  # initials before a surname: "एस. के. सिंह"
                words += 1
                continue
            if not self.nameable(i, allow_loc=False):
                break
            if i < j and "\n" in self.doc.text[self.toks[i].end : self.toks[i + 1].start]:
                break
            if (
                i < j
                and self.common(self.keys[i])
                and self.name_score(i) < 0.3
                and not (self.is_surname(i + 1) and self.popular_given(i))
            ):
                break  # "अपने परिचित राजवीर पुत्र", "की पहचान पवन पुत्र": a noun, not a name
            ok = (
                self.name_score(i) >= min_score
                or self.is_surname(i)
                or (i == j > 0 and self.family_name_like(i) and self.given_like(i - 1))
                or (self.rare(i) and (i == j or self.is_surname(i + 1)))
                # any word that is not plain prose before a known surname: "धीरज माथुर",
                # or one that names often begin with (राजा in "राजा रघुवंशी")
                or (
                    i < j
                    and self.is_surname(i + 1)
                    and (not self.common(self.keys[i]) or self.popular_given(i))
                )
                or (
                    i < j
                    and self.names.is_given_name(self.keys[i])
                    and not self.common(self.keys[i + 1])
                )
            )
            if not ok:
                break
            i -= 1
            words += 1
        first = i + 1
        if first > j:
            return None
        return first, j

    def is_surname(self, i: int) -> bool:
        return self.names.is_surname(self.keys[i])

    def chunk_is_plausible(self, first: int, last: int, strong: bool) -> bool:
        scores = [self.name_score(k) for k in range(first, last + 1)]
        surname_end = self.is_surname(last)
        common = [self.common(self.keys[k]) for k in range(first, last + 1)]
        rare = [self.rare(k) for k in range(first, last + 1)]
        if last == first and syllable_letters(self.toks[first].text) < 2:
            return False  # "शौकत की नी": a fragment of a mistyped word
        if strong:
            # after a rank or role noun a single common word is still unlikely a name
            if last == first and common[0] and scores[0] < 0.3:
                return False
            return True
        if surname_end and last > first:
            return (
                scores[0] >= 0.3
                or not self.names.is_common_word(self.keys[first])
                or self.first_name_uses(first) >= 5
            )
        if last == first:
            return scores[0] >= 0.6 and not common[0]
        if last == first + 1 and rare[1] and not common[0]:
            # a known given name and a family name no corpus has seen: "सतीश भावसार"
            if self.names.is_given_name(self.keys[first]) or scores[0] >= 0.5:
                return True
        return sum(scores) / len(scores) >= 0.5 and not all(common) and not any(rare)

    # -- cues --------------------------------------------------------------------------

    def after_cue_at(self, j: int) -> int:
        """Strength of a reporting cue starting at token ``j`` (0 if none)."""
        if j >= len(self.keys):
            return 0
        for phrase, strength in self.ctx.after_cues_by_first.get(self.keys[j], ()):
            if tuple(self.keys[j : j + len(phrase)]) == phrase:
                return strength
        return 0

    def before_age(self, j: int) -> int:
        """The token before an age that ends at token ``j`` ("(41)", "22 वर्ष", "उम्र 23
        साल"), or ``j`` when none does."""
        keys = self.keys
        if j >= 3 and keys[j] == ")" and keys[j - 1].isdigit() and keys[j - 2] == "(":
            return j - 3
        if j >= 2 and keys[j] in ("वर्ष", "साल") and keys[j - 1].isdigit():
            j -= 2
            if j >= 1 and keys[j] in self.ctx.age_words:
                j -= 1
        return j

    def after_late_marker(self, i: int) -> int:
        """The token after a word for the dead at token ``i`` ("स्वर्गीय", "स्व ."), or
        ``i`` when there is none."""
        if i < len(self.toks) and self.keys[i] in self.ctx.late_markers:
            i += 1
            if i < len(self.toks) and self.toks[i].text == ".":
                i += 1
        return i

    def designation_end(self, i: int) -> int | None:
        """Token index after a designation starting at ``i`` and its qualifiers."""
        m = self.designations.match_at(self.toks, i, self.keys)
        if m is None:
            return None
        j = m.last + 1
        n = len(self.toks)
        # qualifiers: "(ग्रामीण)", "जोन-1", "सिटी", a place name, "(अपराध)"
        for _ in range(4):
            if j >= n:
                break
            t = self.toks[j].text
            if t == "(":
                k = j
                while k < n and self.toks[k].text != ")" and k - j < 5:
                    k += 1
                j = k + 1
                continue
            if QUALIFIER_RE.match(self.keys[j]):
                j += 1
                while j < n and (self.toks[j].text in "-–" or self.toks[j].text.isdigit()):
                    j += 1
                continue
            if self.loc_tok[j]:
                while j < n and self.loc_tok[j]:
                    j += 1
                continue
            break
        return j

    def find_seeds(self) -> list[Chunk]:
        out: list[Chunk] = []
        keys = self.keys
        n = len(self.toks)
        ctx = self.ctx
        for i in range(n):
            k = keys[i]
            # rank + name
            if self.desig_tok[i] and (i == 0 or not self.desig_tok[i - 1]):
                j = self.designation_end(i)
                if j is not None and j < n:
                    ch = self.forward_chunk(j)
                    if ch and ch[1] - ch[0] >= 2 and self.posting_word(ch[0]):
                        # "एसपी अवंतीपोरा जैयद मोहम्मद": the post's place, then the name
                        self.posting_places.append(ch[0])
                        ch = (ch[0] + 1, ch[1])
                    if ch and self.accept(
                        ch, "designation", True, self.chunk_is_plausible(*ch, strong=True)
                    ):
                        # "आरोपित पंचायत सचिव ओम गुप्ता": a role noun before the rank
                        hint = ctx.role_nouns.get(keys[i - 1]) if i > 0 else None
                        out.append(Chunk(ch[0], ch[1], "designation", hint, True))
            # role noun + name ("आरोपी सलीम"); a counted plural only names the people
            # when a list follows ("तीन आरोपित A, B और C", not "तीन बदमाश गर्ग के घर")
            if k in ctx.role_nouns and i + 1 < n:
                j = i + 1
                if keys[j] in ("नामक",):
                    j += 1
                ch = self.forward_chunk(j, allow_loc=False)
                if ch and ch[0] == ch[1] and ch[1] + 1 < n and keys[ch[1] + 1] in AUXILIARIES:
                    ch = None  # "आरोपी धमका रहा था": a verb, not a name
                if ch and self.counted_before(i):
                    nxt = self.toks[ch[1] + 1].text if ch[1] + 1 < n else ""
                    if nxt not in (",", "और", "व", "एवं"):
                        ch = None
                strong = ctx.role_nouns[k] is not None
                if ch and self.accept(
                    ch, "role_noun:" + k, strong, self.chunk_is_plausible(*ch, strong=strong)
                ):
                    out.append(Chunk(ch[0], ch[1], "role_noun:" + k, ctx.role_nouns[k], True))
            # alias: X उर्फ Y
            if k in ctx.alias_markers:
                # "X उर्फ Y" names both, even a Y that a place pattern took ("विक्की जेल")
                back = self.backward_chunk(i - 1, min_score=0.0)
                fwd = self.forward_chunk(i + 1, allow_loc=True)
                if back and fwd:
                    out.append(Chunk(back[0], back[1], "alias", None, True))
                    out.append(Chunk(fwd[0], fwd[1], "alias", None, True))
            # apposition kinship: X पुत्र Y
            if k in ctx.apposition_kin and ctx.apposition_kin[k] and i > 0:
                # "राकेश उर्फ पप्पू (41) पुत्र रामनरेश", "अजय कुमार उम्र 22 वर्ष पुत्र लाखन":
                # the age is stepped over, and so is a word for the dead after the kin
                # word ("पुत्र स्वर्गीय मोहन मिश्र")
                back = self.backward_chunk(self.before_age(i - 1), min_score=0.0)
                fwd = self.forward_chunk(self.after_late_marker(i + 1), allow_loc=False)
                # "एक कथित पत्नी सामने आ गई": plain words on either side are no names
                if back and self.plain_chunk(*back):
                    back = None
                if fwd and self.plain_chunk(*fwd):
                    fwd = None
                if fwd and (back or keys[i - 1] in ("की", "का", "के")):
                    # "A पुत्र B" (B described through A) vs "A की पत्नी B" (B named in her own right)
                    cue = ("kin_of:" if back else "kin:") + k
                    out.append(Chunk(fwd[0], fwd[1], cue, "relative", True))
                    if back:
                        out.append(Chunk(back[0], back[1], "kin_head:" + k, None, True))
            # kinship + name: "बेटे उत्कर्ष", "भाई गोविंद", "पत्नी सोनम"
            if k in ctx.kin_words and i + 1 < n:
                fwd = self.forward_chunk(i + 1, allow_loc=False)
                if fwd is not None and self.accept(
                    fwd,
                    "kin:" + k,
                    False,
                    self.chunk_is_plausible(*fwd, strong=False)
                    or (self.after_cue_at(fwd[1] + 1) >= 1 and not self.common(keys[fwd[0]]))
                    or (
                        not self.common(keys[fwd[0]])
                        and (self.name_score(fwd[0]) >= 0.3 or self.rare(fwd[0]))
                        and i > 0
                        and keys[i - 1] in POSSESSIVES
                    ),
                ):
                    out.append(Chunk(fwd[0], fwd[1], "kin:" + k, "relative", False))
            # age: "राजीव (32)", "30 वर्षीय X"
            if self.toks[i].text == "(" and i + 2 < n and self.toks[i + 1].text.isdigit():
                if self.toks[i + 2].text == ")" and 0 < int(self.toks[i + 1].text) < 110:
                    back = self.backward_chunk(i - 1, min_score=0.0)
                    if back:
                        out.append(Chunk(back[0], back[1], "age", None, True))
            if k in ("वर्षीय", "वर्षीया", "साल") and i > 0 and self.toks[i - 1].text.isdigit():
                j = i + 1
                if j < n and keys[j] in ctx.role_nouns:
                    j += 1
                fwd = self.forward_chunk(j, allow_loc=False)
                if fwd and self.accept(
                    fwd, "age", True, self.chunk_is_plausible(*fwd, strong=True)
                ):
                    out.append(Chunk(fwd[0], fwd[1], "age", None, True))
            # residence: "... निवासी X" and "X निवासी ..."
            if k in ctx.residence_markers and not any(c.last == i - 1 for c in out):
                # "NAME निवासी PLACE": after a name the words are its address
                fwd = self.forward_chunk(i + 1, allow_loc=False)
                if fwd and self.accept(
                    fwd, "residence", False, self.chunk_is_plausible(*fwd, strong=False)
                ):
                    out.append(Chunk(fwd[0], fwd[1], "residence", None, False))
            # an introducer: "रहने वाले रोहन", "की पहचान रजनीश": for the person model only
            if k in ctx.introducers and i + 1 < n:
                fwd = self.forward_chunk(i + 1, allow_loc=False)
                if fwd and self.accept(fwd, "intro:" + k, False, False):
                    out.append(Chunk(fwd[0], fwd[1], "intro:" + k, None, False))
            # reporting cue after a name: "X ने बताया", "X की शिकायत पर"
            strength = self.after_cue_at(i)
            if strength and i > 0 and self.nameable(i - 1):
                back = self.backward_chunk(i - 1, min_score=0.3 if strength == 2 else 0.5)
                if back and self.accept(
                    back, "after:" + k, strength == 2, self.chunk_is_plausible(*back, strong=False)
                ):
                    out.append(Chunk(back[0], back[1], "after:" + k, None, strength == 2))
            # Latin names: "Sonam Raghuvanshi"
            if LATIN_NAME_RE.fullmatch(self.toks[i].text) and (
                i == 0 or not LATIN_NAME_RE.fullmatch(self.toks[i - 1].text)
            ):
                j = i
                while j + 1 < n and LATIN_NAME_RE.fullmatch(self.toks[j + 1].text):
                    j += 1
                if j > i and self.latin_is_name(i, j):
                    out.append(Chunk(i, j, "latin", None, False))
        out.extend(self.coordinated(out))
        # surname-ended chunks anywhere: "बलराम राजपूत"
        for i in range(1, n):
            if self.is_surname(i) and self.nameable(i) and self.nameable(i - 1):
                back = self.backward_chunk(i, min_score=0.3)
                if (
                    back
                    and back[0] < i
                    and self.accept(
                        back, "surname", False, self.chunk_is_plausible(*back, strong=False)
                    )
                ):
                    out.append(Chunk(back[0], back[1], "surname", None, False))
        return out

    def coordinated(self, found: list[Chunk]) -> list[Chunk]:
        """Short items coordinated with one another ("आनंद, विशाल और आकाश ने मदद की",
        "रौपी, गोली, पिंटू और एक अन्य साथी"), proposed for the person model only: with no
        name found among them yet, nothing else proposes words that are also common nouns.
        Each item is one or two name words; the cue word is the conjunction."""
        if self.model is None and self.collect is None:
            return []
        keys, n = self.keys, len(self.toks)
        taken = {k for c in found for k in range(c.first, c.last + 1)}
        out: list[Chunk] = []
        for i in range(1, n - 1):
            if keys[i] not in self.ctx.coordinators:
                continue
            first = self.backward_chunk(i - 1, min_score=0.0)
            if first is None:
                continue
            items = [first]
            k = first[0] - 1
            while k > 0 and self.toks[k].text == ",":
                prev = self.backward_chunk(k - 1, min_score=0.0)
                if prev is None:
                    break
                items.insert(0, prev)
                k = prev[0] - 1
            last = self.forward_chunk(i + 1, allow_loc=False)
            if last is not None:
                items.append(last)
            if len(items) < 2:
                continue  # "A, B और एक अन्य साथी" is a list; "A और" alone is not
            for ch in items:
                if ch[1] - ch[0] > 1 or any(t in taken for t in range(ch[0], ch[1] + 1)):
                    continue
                cue = "coord:" + keys[i]
                if self.accept(ch, cue, False, False, tuple(items)):
                    out.append(Chunk(ch[0], ch[1], cue, None, False))
                    taken.update(range(ch[0], ch[1] + 1))
        return out

    def latin_is_name(self, i: int, j: int) -> bool:
        from indic_transliteration import sanscript

        words = [self.toks[k].text for k in range(i, j + 1)]
        scores = []
        for w in words:
            dev = sanscript.transliterate(w.lower(), sanscript.ITRANS, sanscript.DEVANAGARI)
            dev = dev.replace("\u094d ", " ").rstrip("\u094d")  # no final virama: "सोनम्"
            scores.append(self.names.person_score(fold_for_match(dev)))
        return max(scores) >= 0.5 and self.names.is_surname_latin(words[-1])

    # -- main ----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> list[Span]:
        self._setup(doc)
        self.posting_places: list[int] = []
        seeds = self.find_seeds()
        chosen = [self.without_posting_place(c) for c in self.resolve_overlaps(seeds)]
        chosen = self.expand_lists(chosen)
        chosen = self.propagate(chosen)
        spans = []
        taken = {k for c in chosen for k in range(c.first, c.last + 1)}
        for i in self.posting_places:
            if i not in taken:
                tok = self.toks[i]
                spans.append(
                    doc.make_span(
                        tok.start,
                        tok.end,
                        "LOC",
                        self.name,
                        self.version,
                        value={"kind": "locality", "source": "posting", "record": None},
                    )
                )
        for c in sorted(chosen, key=lambda c: c.first):
            start, end = self.toks[c.first].start, self.toks[c.last].end
            spans.append(
                doc.make_span(
                    start,
                    end,
                    "PERSON",
                    self.name,
                    self.version,
                    value={"cue": c.cue, "role_hint": c.role_hint, "seed": c.strong},
                )
            )
        return spans

    def without_posting_place(self, c: Chunk) -> Chunk:
        """ "थानाध्यक्ष लोहता राकेश सिंह": a word right after a rank that the article uses
        as a place elsewhere ("लोहता थाने") is the post's place, not the name's first word."""
        if (
            c.last > c.first > 0
            and self.desig_tok[c.first - 1]
            and self.keys[c.first] in self.loc_words
        ):
            self.posting_places.append(c.first)
            return Chunk(c.first + 1, c.last, c.cue, c.role_hint, c.strong)
        return c

    @staticmethod
    def resolve_overlaps(chunks: list[Chunk]) -> list[Chunk]:
        """Keep the strongest, then longest, chunk where chunks overlap."""
        ranked = sorted(chunks, key=lambda c: (not c.strong, -(c.last - c.first), c.first))
        taken: list[Chunk] = []
        for c in ranked:
            if any(c.first <= t.last and t.first <= c.last for t in taken):
                # a weaker chunk nested in a kept one adds its role hint
                continue
            taken.append(c)
        return taken

    def list_item_ok(self, first: int, last: int) -> bool:
        """A word listed beside a found name is a name unless it is plainly a common word."""
        if last - first > 2:
            return False
        if last == first and syllable_letters(self.toks[first].text) < 2:
            return False  # one syllable: a fragment or an initial, not a name
        n = len(self.toks)
        before = self.toks[first - 1].text if first > 0 else ""
        after = self.toks[last + 1].text if last + 1 < n else ""
        if after in ("-", "–"):
            return False  # "डायल-112": a service, not a listed name
        if before == "," and after in (",", "और", "व", "एवं"):
            return True  # in the middle of a list of names: ", आकाश और"
        for k in range(first, last + 1):
            key = self.keys[k]
            score = self.name_score(k)
            if self.rare(k) or self.is_surname(k):
                continue
            if self.names.is_common_word(key) and score < 0.3:
                return False
            if score < 0.15:
                return False
        return True

    def expand_lists(self, chunks: list[Chunk]) -> list[Chunk]:
        """Names coordinated with a found name: "राज कुशवाह, आनंद, आकाश और विशाल"."""
        # a coordination item ("कुशवाह" of "राज कुशवाह, आनंद और आकाश") gives way to a
        # longer name the list reads at the same place
        taken = {
            k for c in chunks if not c.cue.startswith("coord:") for k in range(c.first, c.last + 1)
        }
        out = list(chunks)
        frontier = list(chunks)
        while frontier:
            c = frontier.pop()
            for direction in (1, -1):
                sep = c.last + 1 if direction == 1 else c.first - 1
                if not (0 <= sep < len(self.toks)):
                    continue
                if self.toks[sep].text not in (",", "और", "व", "एवं", "तथा", "सहित", "समेत"):
                    continue
                if direction == 1:
                    ch = self.forward_chunk(sep + 1, allow_loc=False)
                else:
                    ch = self.backward_chunk(sep - 1, min_score=0.3)
                if not ch or any(k in taken for k in range(ch[0], ch[1] + 1)):
                    continue
                if not self.accept(
                    ch,
                    "list",
                    False,
                    self.chunk_is_plausible(*ch, strong=False) or self.list_item_ok(*ch),
                ):
                    continue
                hint = c.role_hint if c.role_hint != "relative" else None
                new = Chunk(ch[0], ch[1], "list", hint, False)
                out = [o for o in out if o.last < new.first or o.first > new.last]
                out.append(new)
                frontier.append(new)
                taken.update(range(ch[0], ch[1] + 1))
        return out

    def propagate(self, chunks: list[Chunk]) -> list[Chunk]:
        """Mark the other mentions of each found name: full, first name, surname."""
        keys = self.keys
        full: dict[tuple[str, ...], str] = {}
        firsts: dict[str, int] = {}
        lasts: dict[str, set[tuple[str, ...]]] = {}
        for c in chunks:
            words = tuple(keys[k] for k in range(c.first, c.last + 1) if self.toks[k].text != ".")
            full[words] = c.cue
            if len(words) > 1:
                firsts[words[0]] = firsts.get(words[0], 0) + 1
                lasts.setdefault(words[-1], set()).add(words)
        n = len(self.toks)
        by_len = sorted(full, key=len, reverse=True)
        # a weak chunk inside another mention of a longer found name gives way to it
        chunks = list(chunks)
        for words in by_len:
            m = len(words)
            if m < 2:
                continue
            for i in range(n - m + 1):
                if tuple(keys[i : i + m]) != words:
                    continue
                inner = [
                    c
                    for c in chunks
                    if i <= c.first and c.last <= i + m - 1 and (c.first, c.last) != (i, i + m - 1)
                ]
                if (
                    inner
                    and all(not c.strong for c in inner)
                    and not any(c.first < i + m and i <= c.last and c not in inner for c in chunks)
                ):
                    for c in inner:
                        chunks.remove(c)
                    chunks.append(Chunk(i, i + m - 1, "repeat", None, False))
        taken = {k for c in chunks for k in range(c.first, c.last + 1)}
        out = list(chunks)
        i = 0
        while i < n:
            if i in taken or not self.nameable(i, allow_loc=False):
                i += 1
                continue
            hit = None
            for words in by_len:
                m = len(words)
                if tuple(keys[i : i + m]) == words and not any(k in taken for k in range(i, i + m)):
                    hit = (i, i + m - 1)
                    break
            if hit is None:
                k = keys[i]
                common = self.common(k)
                if (
                    k in firsts
                    and firsts[k] == 1
                    and (not common or self.after_cue_at(i + 1))
                    or (
                        k in lasts
                        and len(lasts[k]) == 1
                        and not self.names.is_very_common_surname(k)
                        and (not common or self.after_cue_at(i + 1))
                        and not (i > 0 and self.nameable(i - 1))
                    )
                ):
                    hit = (i, i)
            if hit and hit[0] == hit[1] and hit[1] + 1 < n and hit[1] + 1 not in taken:
                j = hit[1] + 1
                after = keys[j + 1] if j + 1 < n else ""
                if (
                    self.nameable(j)
                    and (self.rare(j) or self.is_surname(j))
                    and self.toks[j].start == self.toks[j - 1].end + 1
                    and (
                        after in POSSESSIVES
                        or after in ("ने", "को", "से", "पर", ",", "।")
                        or not after
                    )
                    and keys[j] not in firsts
                    and (keys[j],) not in full
                ):
                    hit = (hit[0], j)  # "धर्मेंद्र" found, "धर्मेंद्र लाठीगरा" written
            if hit:
                out.append(Chunk(hit[0], hit[1], "repeat", None, False))
                taken.update(range(hit[0], hit[1] + 1))
                i = hit[1] + 1
            else:
                i += 1
        return out


@register("person_context")
def make_person() -> PersonRecogniser:
    return PersonRecogniser()
