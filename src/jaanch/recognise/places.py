"""Places: the gazetteer (countries, states, districts, sub-districts, towns with Hindi
names, see :mod:`jaanch.gazetteer`) plus patterns for the places no list holds — police
station areas (``X थाना क्षेत्र``), villages (``X गांव``, ``ग्राम X``), localities
(``लाजपत नगर``, ``कैट रोड``, ``X इलाके``), facilities (``होटल X``) — from
``place_heads.tsv``. A name found by a pattern is marked again wherever it recurs.

Emits ``LOC`` spans; ``value`` = ``{"kind", "source", "record"}`` where ``record`` is the
gazetteer's :class:`~jaanch.gazetteer.PlaceRecord` (or None) and ``source`` is
``gazetteer``, ``pattern`` or ``repeat``.
"""

from __future__ import annotations

from functools import cache

from jaanch.doc import Doc
from jaanch.gazetteer import Gazetteer, PlaceRecord
from jaanch.lexicons import load_tsv
from jaanch.names import NameLexicon
from jaanch.recognise.base import register
from jaanch.recognise.matcher import PhraseMatcher
from jaanch.recognise.persons import context
from jaanch.text.normalise import fold_for_match
from jaanch.types import Span

# Words after a gazetteer name that show it is used as a place.
PLACE_FOLLOWERS = frozenset(
    fold_for_match(w)
    for w in [
        "में",
        "से",
        "के",
        "की",
        "का",
        "पुलिस",
        "जिले",
        "जिला",
        "शहर",
        "निवासी",
        "स्थित",
        "तक",
        "पहुंचा",
        "पहुंचे",
        "पहुंची",
        "की",
        "ओर",
    ]
)


# Function words that may open a place name ("नई दिल्ली", "पुरानी दिल्ली")
PLACE_PREFIXES = frozenset(fold_for_match(w) for w in ["नई", "नया", "नए", "पुरानी", "पुराना", "पुराने"])

# ranks whose holder is named after the place of the post: the kind of that place
POSTED_RANKS = {
    "sho": "police_station",
    "si": "police_station",
    "outpost_incharge": "police_station",
}

# Bylines before a dateline place ("संवाद सहयोगी, धौलाना:")
DATELINE_BYLINES = frozenset(
    fold_for_match(w) for w in ["सहयोगी", "संवाददाता", "प्रतिनिधि", "ब्यूरो", "एजेंसी", "एजेंसियां", "डेस्क"]
)

# Words after a name that vouch for a gazetteer entry that is also a common word
DISTRICT_CUES = frozenset(
    fold_for_match(w) for w in ["जिले", "जिला", "जनपद", "शहर", "कस्बे", "तहसील", "डिस्ट्रिक्ट"]
)


@cache
def head_matcher() -> PhraseMatcher[dict[str, str]]:
    return PhraseMatcher((r["head"], dict(r)) for r in load_tsv("place_heads.tsv"))


@cache
def place_modifiers() -> frozenset[str]:
    return frozenset(fold_for_match(r["word"]) for r in load_tsv("place_modifiers.tsv"))


class PlaceRecogniser:
    name = "place"
    version = "1.0"

    def __init__(self) -> None:
        self.gaz = Gazetteer.default()
        self.names = NameLexicon.default()
        ctx = context()
        # words that never name a place: function words, role nouns (होटल संचालिका), kinship
        self.fw = (
            ctx.function_words
            | frozenset(ctx.role_nouns)
            | frozenset(ctx.kin_words)
            | ctx.residence_markers
        )
        self.heads = head_matcher()

    def __call__(self, doc: Doc) -> list[Span]:
        toks, keys = doc.tokens, doc.keys
        n = len(toks)
        blocked = [False] * n
        desig = [False] * n
        for s in doc.spans:
            if s.label in ("DESIGNATION", "MONEY", "DATE", "LAW", "ORG", "COUNT"):
                i = doc.token_index_at(s.nstart)
                while i < n and toks[i].start < s.nend:
                    blocked[i] = True
                    desig[i] = s.label == "DESIGNATION"
                    i += 1
        head_at: dict[int, dict[str, str]] = {}
        head_tok = [False] * n
        for m in self.heads.find_all(toks, keys):
            head_at[m.first] = m.payload | {"_last": str(m.last)}
            for k in range(m.first, m.last + 1):
                head_tok[k] = True

        def wordy(i: int) -> bool:
            if i < 0 or i >= n or blocked[i]:
                return False
            t = toks[i].text
            return (
                ("\u0900" <= t[0] <= "\u097f" or t[0].isalpha())
                and t[0] not in "\u0964\u0965"
                and keys[i] not in self.fw
                and not head_tok[i]
            )

        def loose(i: int) -> bool:
            t = toks[i].text
            return (
                not blocked[i]
                and ("\u0900" <= t[0] <= "\u097f" or t[0].isalpha())
                and t[0] not in "\u0964\u0965"
            )

        found: dict[tuple[int, int], dict[str, object]] = {}

        # 1. patterns around head words
        for first, head in head_at.items():
            last = int(head["_last"])
            max_words = int(head["max_words"])
            if head["position"] == "after":
                i = first - 1
                words = 0
                while i >= 0 and words < max_words and wordy(i):
                    i -= 1
                    words += 1
                if words == 0:
                    continue
                a = i + 1
                if a > 0 and desig[a - 1] and head["inside"] == "no":
                    continue  # "एचएचओ आनंद लाकड़ा थाने आ गए": a person, not a thana
                # keep the name tight: drop leading words the gazetteer or the name
                # lexicon call common ("इस इलाके", "पूरे क्षेत्र")
                while a < first - 1 and self._weak_left(keys[a]):
                    a += 1
                if a == first - 1 and (
                    (self._weak_left(keys[a]) and head["inside"] == "no")
                    or (
                        (head["needs_name"] == "yes" or head["inside"] == "no")
                        and self._plain_word(keys[a])
                    )
                ):
                    continue  # "इस इलाके", "मौत सड़क दुर्घटना": no name before the head
                if (
                    a == first - 1
                    and head["inside"] == "no"
                    and self._person_word(toks[a].text, keys[a])
                ):
                    continue  # "विशाल उर्फ विक्की जेल में": a person, not a jail's place
                if head["needs_name"] == "place" and not (
                    self.gaz.lookup(" ".join(toks[k].text for k in range(a, first)))
                    or self.names.loc_score(keys[first - 1]) >= 0.2
                ):
                    continue  # "कैमरे की कमी खली जेल के": a jail needs a known place name
                if (
                    head["inside"] == "no"
                    and last + 1 < n
                    and self.names.is_surname(keys[first - 1])
                    and any(r.kind == head["kind"] for r in self.gaz.lookup(toks[last + 1].text))
                ):
                    continue  # "राजू पाल जिला नदिया": the head opens the next name
                if head["inside"] == "yes" and first - a >= 2 and self.names.is_surname(keys[a]):
                    a += 1  # "लोकेश गुप्ता वेंकटेश नगर": the surname ends a name, not the place
                b = last if head["inside"] == "yes" else first - 1
                if head["inside"] == "no" and b == a + 1:
                    known = self.gaz.lookup(toks[a].text)
                    pair = self.gaz.lookup(f"{toks[a].text} {toks[b].text}")
                    if (
                        known
                        and not pair
                        and known[0].kind in ("city", "district", "state", "country")
                    ):
                        a = b  # "ग्रेटर नोएडा दादरी कोतवाली": the thana is दादरी
            else:
                j = last + 1
                words = 0
                while j < n and words < max_words and wordy(j):
                    j += 1
                    words += 1
                if words == 0:
                    continue
                a = first if head["inside"] == "yes" else last + 1
                b = j - 1
                if (
                    head["inside"] == "no"
                    and words == 2
                    and not self.gaz.lookup(" ".join(toks[k].text for k in range(last + 1, j)))
                ):
                    b = last + 1  # "गांव X" takes one word unless the pair is known
            if a > b:
                continue
            found[(a, b)] = {"kind": head["kind"], "source": "pattern", "head": head["head"]}

        # 0. a dateline after the byline: "संवाद सहयोगी, धौलाना:", "जागरण संवाददाता, मेरठ।"
        for i in range(n - 2):
            if keys[i] not in DATELINE_BYLINES:
                continue
            j = i + 1
            if toks[j].text == ",":
                j += 1
            k = j
            while k < n and k < j + 2 and wordy(k):
                k += 1
            end_text = toks[k].text if k < n else ""
            name = " ".join(toks[x].text for x in range(j, k))
            if k > j and end_text in (":", "।", "ः", "(", ",") and not self.gaz.lookup(name):
                found[(j, k - 1)] = {"kind": "city", "source": "pattern", "head": "dateline"}

        # 0b. a thana named before its officer: "एरोड्रम टीआइ तरुण भाटी", "खजराना टीआई"
        for s in doc.spans:
            code = (s.value or {}).get("code") if s.label == "DESIGNATION" else None
            if code not in POSTED_RANKS:
                continue
            i = doc.token_index_at(s.nstart) - 1
            if i < 0 or not wordy(i) or any(x <= i <= y for (x, y) in found):
                continue
            key = keys[i]
            if self.names.name_likeness(key) >= 0.5 or self.names.is_common_word(key):
                continue
            if self.names.counts(key) is not None and self.names.loc_score(key) < 0.3:
                continue  # a word the NER corpora know, and not as a place
            if i > 0 and wordy(i - 1) and not self.gaz.lookup(toks[i - 1].text):
                continue  # two unknown words: perhaps a name, leave it
            found[(i, i)] = {"kind": POSTED_RANKS[code], "source": "pattern", "head": "rank"}

        # 1a. "आजाद नगर थाना क्षेत्र": a named locality followed by a thana head is the thana
        for (_a, b), v in list(found.items()):
            nxt = head_at.get(b + 1)
            if nxt is not None and nxt["kind"] == "police_station" and nxt["position"] == "after":
                v["kind"] = "police_station"

        # 1b. "चौबेपुर के जादेपुरधस्सा गांव": the area a village or thana lies in
        for (a, _b), v in list(found.items()):
            if v["kind"] != "village" or a < 2:
                continue
            if keys[a - 1] != "के" or not wordy(a - 2):
                continue
            word = keys[a - 2]
            unknown = self.names.counts(word) is None and not self.names.is_common_word(word)
            if self.gaz.lookup(toks[a - 2].text):
                continue  # a known place: the gazetteer step takes it with its record
            if (unknown or self.names.loc_score(word) >= 0.3) and not any(
                x <= a - 2 <= y for (x, y) in found
            ):
                found[(a - 2, a - 2)] = {"kind": "sub_district", "source": "pattern", "head": "के"}

        # 1c. an FIR-style address after "निवासी": words no lexicon knows as names
        residence = {fold_for_match(w) for w in ("निवासी", "निवासिनी", "वासी", "निवास")}
        for i in range(n - 1):
            if keys[i] not in residence:
                continue
            # "जनता कालोनी निवासी धर्मेंद्र जैन": after a place the words name a person
            place_ends = {keys[y] for (_x, y) in found}
            if i > 0 and (
                head_tok[i - 1]
                or any(x <= i - 1 <= y for (x, y) in found)
                or keys[i - 1] in place_ends  # "जुनपत निवासी हरेंद्र": जुनपत named before
                or bool(self.gaz.lookup(toks[i - 1].text))  # "दिल्ली निवासी प्रवीन सिंह"
            ):
                continue
            j = i + 1
            run: list[int] = []
            while j < n and j <= i + 5 and wordy(j) and not any(x <= j <= y for (x, y) in found):
                key = keys[j]
                if self.names.name_likeness(key) >= 0.4 or self.names.is_common_word(key):
                    break
                if self.gaz.lookup(toks[j].text):
                    break  # the gazetteer step takes it
                if self.names.counts(key) is not None and self.names.loc_score(key) < 0.3:
                    break
                run.append(j)
                j += 1
            if run and j < n and self.names.is_surname(keys[j]):
                continue  # "आश्रम निवासी रामकृपाल सिंह": a given name before a surname
            for j in run:
                found[(j, j)] = {"kind": "locality", "source": "pattern", "head": "निवासी"}

        # 2. gazetteer names
        i = 0
        max_words = max(1, self.gaz.max_words)
        while i < n:
            if not loose(i):
                i += 1
                continue
            hit = None
            for width in range(min(max_words, n - i), 0, -1):
                # "नई दिल्ली": only a name-opening adjective may be a function word
                if not all(wordy(k) for k in range(i + 1, i + width)):
                    continue
                if not wordy(i) and (width == 1 or keys[i] not in PLACE_PREFIXES or not loose(i)):
                    continue
                phrase = " ".join(toks[k].text for k in range(i, i + width))
                recs = self.gaz.lookup(phrase)
                if recs:
                    hit = (i, i + width - 1, recs)
                    break
            if hit is None:
                i += 1
                continue
            a, b, recs = hit
            if all(r.needs_context for r in recs) and not (
                (b + 1 < n and keys[b + 1] in DISTRICT_CUES) or self._post_in_brackets(doc, a, b)
            ):
                i += 1
                continue
            if a == b and not self._gazetteer_word_ok(doc, a, recs):
                i += 1
                continue
            if not any(a <= y and x <= b for (x, y) in found):
                found[(a, b)] = {"kind": recs[0].kind, "source": "gazetteer", "record": recs[0]}
            i = b + 1

        # 2b. Latin-script district and state names ("Indore News:")
        for i in range(n):
            t = toks[i].text
            if not (t[:1].isupper() and t.isascii() and t.isalpha()) or any(
                x <= i <= y for (x, y) in found
            ):
                continue
            for width in (2, 1):
                if i + width > n or not all(
                    toks[k].text.isalpha() and toks[k].text.isascii() for k in range(i, i + width)
                ):
                    continue
                recs = self.gaz.lookup_latin(" ".join(toks[k].text for k in range(i, i + width)))
                if recs and not any(i <= y and x <= i + width - 1 for (x, y) in found):
                    found[(i, i + width - 1)] = {
                        "kind": recs[0].kind,
                        "source": "gazetteer",
                        "record": recs[0],
                    }
                    break

        # 3. the same names again (pattern places recur without their head)
        pattern_names = {
            tuple(keys[k] for k in range(a, b + 1)): v
            for (a, b), v in found.items()
            if v["source"] == "pattern"
        }
        for i in range(n):
            for name_keys, v in pattern_names.items():
                width = len(name_keys)
                if tuple(keys[i : i + width]) == name_keys and all(
                    wordy(k) or head_tok[k] for k in range(i, i + width)
                ):
                    if not any(i <= y and x <= i + width - 1 for (x, y) in found):
                        found[(i, i + width - 1)] = {"kind": v["kind"], "source": "repeat"}

        out = []
        for (a, b), v in sorted(found.items()):
            record = v.get("record")
            if record is None and v["source"] != "gazetteer":
                recs = self.gaz.lookup(" ".join(toks[k].text for k in range(a, b + 1)))
                record = recs[0] if recs else None
            value = {
                "kind": v["kind"],
                "source": v["source"],
                "record": record,
                "head": v.get("head"),
            }
            out.append(
                doc.make_span(toks[a].start, toks[b].end, "LOC", self.name, self.version, value)
            )
        return out

    def _weak_left(self, key: str) -> bool:
        if key in place_modifiers():
            return True
        return self.names.is_common_word(key) and self.names.loc_score(key) < 0.3

    def _person_word(self, word: str, key: str) -> bool:
        """A word the corpora know as a person's name and not as a place's."""
        return (
            self.names.name_likeness(key) >= 0.6
            and self.names.loc_score(key) < 0.3
            and not self.gaz.lookup(word)
        )

    def _plain_word(self, key: str) -> bool:
        """A frequent word of news prose that names neither a place nor a person
        ("मौत सड़क दुर्घटना", "बुरा हाल", "स्वयं")."""
        return (
            self.names.is_news_common(key)
            and self.names.loc_score(key) < 0.1
            and self.names.name_likeness(key) < 0.3
        )

    @staticmethod
    def _post_in_brackets(doc: Doc, a: int, b: int) -> bool:
        """Tokens ``a..b`` stand in brackets right after a rank: the post's district
        ("डीसीपी (साउथ वेस्ट)", "एसीपी (नॉर्थ ईस्ट)")."""
        toks = doc.tokens
        if a < 2 or b + 1 >= len(toks) or toks[a - 1].text != "(" or toks[b + 1].text != ")":
            return False
        rank_end = toks[a - 2].end
        return any(d.nend == rank_end for d in doc.spans_of("DESIGNATION"))

    def _gazetteer_word_ok(self, doc: Doc, i: int, recs: list[PlaceRecord]) -> bool:
        """A one-word gazetteer name that the NER corpora know mostly as something else
        (``कांड``, ``प्रकाश``) needs place context to count."""
        key = doc.keys[i]
        if recs[0].kind not in ("country", "state") and i + 1 < len(doc.tokens):
            nxt_key = doc.keys[i + 1]
            if self.names.is_surname(nxt_key) and not self.gaz.lookup(doc.tokens[i + 1].text):
                return False  # "चिराग जैन": a given name before a surname, not Chirang
        if recs[0].kind in ("country", "state") or (
            recs[0].kind == "district" and not recs[0].needs_context and not self._plain_word(key)
        ):
            return True
        # a dateline: "सारण।", "रायपुर (एजेंसी)", "इंदौर:" at the start of a line
        line_start = doc.text.rfind("\n", 0, doc.tokens[i].start) + 1
        nxt_text = doc.text[doc.tokens[i].end : doc.tokens[i].end + 2].strip()
        if doc.tokens[i].start - line_start <= 40 and nxt_text[:1] in ("।", ":", "(", ","):
            return True
        if self.names.counts(key) is None and not self.names.is_common_word(key):
            return True
        loc = self.names.loc_score(key)
        if loc >= 0.3:
            return True
        nxt = doc.keys[i + 1] if i + 1 < len(doc.tokens) else ""
        if self._plain_word(key) and recs[0].kind not in ("district", "state", "country"):
            return nxt in PLACE_FOLLOWERS and nxt not in ("के", "की", "का", "से") and loc >= 0.1
        if i >= 2 and doc.keys[i - 1] in ("के", "की", "का"):
            # "हरियाणा के सिरसा": a place inside a named state or district
            if any(
                r.kind in ("state", "district", "country")
                for r in self.gaz.lookup(doc.tokens[i - 2].text)
            ):
                return True
        nxt = doc.keys[i + 1] if i + 1 < len(doc.tokens) else ""
        return nxt in PLACE_FOLLOWERS and loc >= 0.1 and self.names.person_score(key) < 0.5


@register("place")
def make_place() -> PlaceRecogniser:
    return PlaceRecogniser()
