"""Named organisations: a lexicon of units, agencies, platforms, media, parties and
courts (``orgs.tsv``), opened by a word of its tier or field (``org_modifiers.tsv``:
``केंद्रीय स्वास्थ्य मंत्रालय``), plus head-noun patterns (``org_heads.tsv``): name-like
words before ``स्कूल``, ``बैंक``, ``विभाग``, ``अदालत``, ``गैंग`` ... make one ORG span.
A bare head (``पुलिस``, ``कोर्ट``, ``यूनिवर्सिटी``) is never an ORG."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv
from jaanch.names import NameLexicon
from jaanch.recognise.base import register
from jaanch.recognise.matcher import PhraseMatcher
from jaanch.recognise.persons import context
from jaanch.text.normalise import fold_for_match
from jaanch.types import Span


def _spellings(name: str) -> list[str]:
    """A name and its other usual spelling: the English letter I of an abbreviation is
    written ``आई`` or ``आइ`` (``सीबीआई``/``सीबीआइ``, ``एसआईटी``/``एसआइटी``)."""
    out = [name]
    for a, b in (("आई", "आइ"), ("आइ", "आई")):
        if a in name:
            out.append(name.replace(a, b))
    return out


@cache
def org_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher(
        (v, r["kind"]) for r in load_tsv("orgs.tsv") for v in _spellings(r["name"])
    )


@cache
def head_matcher() -> PhraseMatcher[tuple[str, int, bool]]:
    return PhraseMatcher(
        (r["head"], (r["kind"], int(r["max_words"]), r["plain_ok"] == "yes"))
        for r in load_tsv("org_heads.tsv")
    )


@cache
def _non_name_words() -> frozenset[str]:
    """Words that never belong to an organisation's name: function words, residence
    markers, role nouns, kinship words, and words of a tier or a reference back
    (``org_stopwords.tsv``: ``निचली अदालत`` is no named court)."""
    ctx = context()
    return (
        ctx.function_words
        | ctx.residence_markers
        | frozenset(ctx.role_nouns)
        | frozenset(ctx.kin_words)
        | frozenset(fold_for_match(r["word"]) for r in load_tsv("org_stopwords.tsv"))
    )


@cache
def _modifiers() -> frozenset[str]:
    """Words of a tier or a field that open a known organisation's name (``केंद्रीय``,
    ``आर्थिक``: ``org_modifiers.tsv``)."""
    return frozenset(fold_for_match(r["word"]) for r in load_tsv("org_modifiers.tsv"))


#: the formal "and" that joins two fields inside an official name (``पिछड़ा वर्ग एवं
#: अल्पसंख्यक कल्याण विभाग``); the everyday ``और`` and ``व`` join two organisations
JOINED_BY = frozenset(["एवं"])

#: "of" in English-style names after the head (``बैंक ऑफ इंडिया``), folded
OF_WORDS = frozenset(["ऑफ", "आफ", "अॉफ"])


class OrgRecogniser:
    name = "org"
    version = "1.3"

    def __call__(self, doc: Doc) -> list[Span]:
        names = NameLexicon.default()
        fw = _non_name_words()
        toks, keys = doc.tokens, doc.keys
        taken: set[int] = set()
        out: list[Span] = []
        # tokens of designations, sums, dates and laws belong to no organisation's name
        blocked: set[int] = set()
        for s in doc.spans:
            if s.label in ("DESIGNATION", "MONEY", "DATE", "LAW"):
                i = doc.token_index_at(s.nstart)
                while i < len(toks) and toks[i].start < s.nend:
                    blocked.add(i)
                    i += 1

        def wordy(i: int) -> bool:
            t = toks[i].text
            return (
                i not in blocked
                and ("\u0900" <= t[0] <= "\u097f" or t[0].isalpha())
                and t[0] not in "\u0964\u0965"
                and keys[i] not in fw
            )

        modifiers = _modifiers()
        for m in org_matcher().find_all(toks, keys):
            last = self._of_tail(doc, m.last, wordy)
            # "केंद्रीय स्वास्थ्य मंत्रालय", "आर्थिक अपराध शाखा": a tier or field opens the
            # name; a party's is its unit ("प्रदेश भाजपा" is the party)
            first = m.first
            while (
                m.payload != "party"
                and first > 0
                and keys[first - 1] in modifiers
                and first - 1 not in blocked
            ):
                first -= 1
            out.append(
                doc.make_span(
                    toks[first].start,
                    toks[last].end,
                    "ORG",
                    self.name,
                    self.version,
                    {"kind": m.payload, "source": "lexicon"},
                )
            )
            taken.update(range(first, last + 1))
        blocked |= taken

        for hm in head_matcher().find_all(toks, keys):
            if any(k in taken for k in range(hm.first, hm.last + 1)):
                continue
            kind, max_words, plain_ok = hm.payload

            def plain(i: int, plain_ok: bool = plain_ok) -> bool:
                return (
                    not plain_ok
                    and names.is_news_common(keys[i])
                    and names.name_likeness(keys[i]) < 0.3
                )

            if max_words < 0:  # head first: "मदरसा साफिया"
                j = hm.last + 1
                if (
                    j < len(toks)
                    and wordy(j)
                    and not names.is_common_word(keys[j])
                    and not names.is_news_common(keys[j])
                ):
                    end = j
                    out.append(
                        doc.make_span(
                            toks[hm.first].start,
                            toks[end].end,
                            "ORG",
                            self.name,
                            self.version,
                            {"kind": kind, "source": "head"},
                        )
                    )
                    taken.update(range(hm.first, end + 1))
                continue
            i = hm.first - 1
            words = 0
            while i >= 0 and words < max_words:
                if toks[i].text == "-" and i > 0 and words and wordy(i - 1):
                    i -= 1  # a hyphen inside the name: "ईस्ट-वेस्ट एयरलाइंस"
                    continue
                if keys[i] in JOINED_BY and i > 0 and words and wordy(i - 1) and not plain(i - 1):
                    i -= 1  # "खाद्य एवं उपभोक्ता संरक्षण विभाग": fields joined in the name
                    continue
                if not wordy(i) or plain(i):
                    break
                i -= 1
                words += 1
            first = i + 1
            while first < hm.first and toks[first].text == "-":
                first += 1
            # name-like words only: trim common words at the left edge
            while (
                first < hm.first
                and names.is_common_word(keys[first])
                and names.org_score(keys[first]) < 0.3
            ):
                first += 1
            last = self._of_tail(doc, hm.last, wordy)
            if first >= hm.first and last == hm.last:
                continue  # no name before the head, none after ऑफ ("बैंक ऑफ बड़ौदा")
            first = min(first, hm.first)
            out.append(
                doc.make_span(
                    toks[first].start,
                    toks[last].end,
                    "ORG",
                    self.name,
                    self.version,
                    {"kind": kind, "source": "head"},
                )
            )
            taken.update(range(first, last + 1))
        return out

    @staticmethod
    def _of_tail(doc: Doc, last: int, wordy: Callable[[int], bool]) -> int:
        """The token a name ends at when ``ऑफ`` continues it after the head with one word
        (``स्टेट बैंक ऑफ इंडिया``, ``बैंक ऑफ बड़ौदा``). One word only: what follows is as
        often the branch's place (``बैंक ऑफ इंडिया शुक्लागंज शाखा``) as more of the name
        (``इंस्टीट्यूट ऑफ मेडिकल साइंसेज``)."""
        j = last + 1
        if j + 1 < len(doc.tokens) and doc.keys[j] in OF_WORDS and wordy(j + 1):
            return j + 1
        return last


@register("org")
def make_org() -> OrgRecogniser:
    return OrgRecogniser()
