"""``associate`` and ``member_of`` relations between the people of an article.

member_of (``annotation-guidelines.md``): a named organisation followed by a post in it and
the person (``भाजपा नेता X``, ``जैश-ए-मोहम्मद के डिवीजनल कमांडर X``, ``गिरोह का शूटर X``), a
bracketed organisation after a rank (``डीसीपी (स्पेशल सेल) X``) or after the name
(``X (कांग्रेस)``), and the person a gang is named after (``मुकीम काला गिरोह``), a person
of the article even where only the gang's name writes them (:func:`gang_namesakes`). Up to
two words no list knows may stand before the post (``मंत्रालय के विशेष सचिव X``).

associate: people the text joins: a list of names opened or closed by words of a joint act
(``गिरोह में X, Y और Z``, ``X, Y और Z ने मिलकर``), a partner in the act (``X ने प्रेमी Y के
साथ मिलकर``, ``X और उसके साथी Y``), and the person a gang is named after with its members.
Being accused or arrested together is not enough. The words are data
(``lexicons/affiliations.yaml``); each relation carries the spans of its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jaanch.doc import Doc
from jaanch.lexicons import load_yaml
from jaanch.models.person_features import common_word
from jaanch.names import NameLexicon
from jaanch.recognise.numbers import parse_number
from jaanch.recognise.persons import context
from jaanch.text.name_lists import AGE_IN_BRACKETS, SHORT_BRACKET
from jaanch.text.name_lists import name_lists as lists_of_names
from jaanch.text.normalise import fold_for_match
from jaanch.types import Evidence, Relation, Span

NAME = "affiliations"
VERSION = "1.5"
#: words between an organisation's possessive and a post that no list knows
MAX_UNKNOWN = 2


@dataclass(frozen=True)
class Words:
    heads: frozenset[str]
    modifiers: frozenset[str]
    former: frozenset[str]
    gang_heads: frozenset[str]
    openers: tuple[str, ...]
    closers: tuple[str, ...]
    partners: frozenset[str]
    together: tuple[str, ...]
    posting_links: frozenset[str]
    direct_kinds: frozenset[str]
    stops: frozenset[str]


@cache
def words() -> Words:
    d = load_yaml("affiliations.yaml")

    def fold_all(key: str) -> list[str]:
        return [fold_for_match(w) for w in d[key]]

    return Words(
        frozenset(fold_all("member_heads")),
        frozenset(fold_all("member_modifiers")),
        frozenset(fold_all("former")),
        frozenset(fold_all("gang_heads")),
        tuple(sorted(fold_all("list_openers"), key=len, reverse=True)),
        tuple(sorted(fold_all("list_closers"), key=len, reverse=True)),
        frozenset(fold_all("partner_nouns")),
        tuple(sorted(fold_all("together"), key=len, reverse=True)),
        frozenset(" ".join(x.split()) for x in fold_all("posting_links")),
        frozenset(d["direct_member_kinds"]),
        frozenset(fold_all("member_stops")),
    )


def _ev(*spans: Span) -> list[Evidence]:
    out = [Evidence.of(s) for s in spans]
    for e in out:
        e.recogniser, e.version = NAME, VERSION
    return out


def affiliation_relations(
    doc: Doc,
    mention_owner: dict[int, str],
    orgs: Sequence[Span],
    namesakes: Sequence[Span] = (),
) -> list[Relation]:
    """``mention_owner`` maps a person mention's ``nstart`` to its person's name;
    ``namesakes``: the gang namesakes' mentions (:func:`gang_namesakes`)."""
    w = words()
    text = doc.text
    folded = fold_for_match  # noqa: N806 - a short local alias
    mentions = sorted(
        (s for s in doc.spans_of("PERSON") if s.nstart in mention_owner), key=lambda s: s.nstart
    )
    by_start = {m.nstart: m for m in mentions}
    out: list[Relation] = []

    def owner(m: Span) -> str:
        return mention_owner[m.nstart]

    def assoc(a: Span, b: Span, *ev: Span) -> None:
        if owner(a) != owner(b):
            out.append(Relation("associate", owner(a), owner(b), _ev(a, b, *ev)))

    # --- member_of: ORG [के] [modifiers] (HEAD | rank) PERSON, and the list that follows;
    # for a party or a gang also ORG के PERSON ("लश्कर-ए-तैयबा के यूसुफ मुजम्मिल")
    desig_at = {d.nstart: d for d in doc.spans_of("DESIGNATION")}
    desig_at_end = {d.nend: d for d in doc.spans_of("DESIGNATION")}
    by_end = {m.nend: m for m in mentions}
    name_lists = lists_of_names(text, mentions)
    lists = {lst[0].nstart: lst for lst in name_lists}
    names = NameLexicon.default()
    for org in orgs:
        kind = (org.value or {}).get("kind") if isinstance(org.value, dict) else None
        pos, head_seen, former, possessive = org.nend, False, False, False
        # words of the post no list knows ("के विशेष सचिव", "के माइक्रोबायोलोजी विभाग के
        # अध्यक्ष"): a few may stand before a known post, never after it
        unknown = 0
        for _ in range(8):
            while pos < len(text) and text[pos] in " \t'\"‘’“”":
                pos += 1
            if pos in desig_at:
                head_seen = True
                pos = desig_at[pos].nend
                continue
            m = by_start.get(pos)
            if m is not None:
                if (
                    head_seen or (possessive and kind in w.direct_kinds and not unknown)
                ) and not former:
                    for listed in lists.get(m.nstart, [m]):
                        out.append(Relation("member_of", owner(listed), org.text, _ev(listed, org)))
                break
            bracket = SHORT_BRACKET.match(text, pos)
            if bracket is not None and not head_seen:
                pos = bracket.end()  # "अंकित गोल्ड (अहमदाबाद) के संचालक X": the seat
                continue
            word = re.match(r"[^\s,।]+", text[pos:])
            if word is None:
                break
            t = folded(word.group())
            if t in w.former:
                former = True
            if t in w.heads:
                head_seen = True
            elif t in ("के", "की", "का"):
                possessive = True
            elif t == "में" and not head_seen and not possessive:
                pass  # "अपराध शाखा में तैनात इंस्पेक्टर X": a post in it must follow
            elif head_seen and names.is_title(t):
                pass  # "के प्राचार्य बैरिस्टर X", "के अध्यक्ष डॉ X"
            elif t not in w.modifiers and parse_number(word.group()) is None:
                # a count may stand before the post: "गिरोह के चार बदमाश A, B और C"
                unknown += 1
                if head_seen or not possessive or unknown > MAX_UNKNOWN or t in w.stops:
                    break
            pos += word.end()
        # "X (कांग्रेस)": the organisation in brackets right after a name
        before = text[max(0, org.nstart - 3) : org.nstart]
        if before.rstrip().endswith("(") and text[org.nend : org.nend + 2].lstrip().startswith(")"):
            left = text[: org.nstart].rstrip()[:-1].rstrip()
            m = next((x for x in mentions if x.nend == len(left)), None)
            if m is not None:
                out.append(Relation("member_of", owner(m), org.text, _ev(m, org)))
            else:
                # "डीसीपी (स्पेशल सेल) X": a rank, the unit in brackets, the person
                close = text.index(")", org.nend)
                nxt = text[close + 1 :]
                m = by_start.get(close + 1 + len(nxt) - len(nxt.lstrip()))
                if m is not None and any(
                    d.nend <= org.nstart and org.nstart - d.nend <= 3 for d in desig_at.values()
                ):
                    out.append(Relation("member_of", owner(m), org.text, _ev(m, org)))
        # "X, चेयरपर्सन, बाल कल्याण समिति": a name, its post and the organisation, as a
        # statement is signed
        m = _signed_by(text, org, desig_at_end, by_end)
        if m is not None:
            out.append(Relation("member_of", owner(m), org.text, _ev(m, org)))
        # a gang named after a person: its namesake is a member
        org_words = folded(org.text).split()
        if org_words and org_words[-1] in w.gang_heads:
            named = " ".join(org_words[:-1])
            for m in mentions:
                if folded(owner(m)) == named or folded(m.text) == named:
                    out.append(Relation("member_of", owner(m), org.text, _ev(m, org)))
                    break
            else:
                for m in namesakes:
                    if org.nstart <= m.nstart < org.nend and m.nstart in mention_owner:
                        out.append(Relation("member_of", owner(m), org.text, _ev(m, org)))

    # --- associate: lists of names opened or closed by words of a joint act
    for lst in name_lists:
        if len({owner(m) for m in lst}) < 2:
            continue
        before = folded(text[max(0, lst[0].nstart - 30) : lst[0].nstart]).rstrip()
        after = folded(text[lst[-1].nend : lst[-1].nend + 30])
        after = AGE_IN_BRACKETS.sub("", after).lstrip()
        if any(before.endswith(o) for o in w.openers) or any(
            after.startswith(c) for c in w.closers
        ):
            for i, a in enumerate(lst):
                for b in lst[i + 1 :]:
                    assoc(a, b)
    # --- associate: "X ने (अपने) प्रेमी Y के साथ मिलकर", "X और उसके साथी Y"
    for i, m in enumerate(mentions):
        before_words = folded(text[max(0, m.nstart - 40) : m.nstart]).split()
        after = folded(text[m.nend : m.nend + 30]).lstrip()
        partner = bool(before_words) and before_words[-1] in w.partners
        if not partner:
            continue
        sent = doc.sentence_at(m.nstart)
        lo = sent.start if sent is not None else 0
        earlier = [
            x
            for x in mentions[:i]
            if x.nstart >= lo
            and owner(x) != owner(m)
            and not str((x.value or {}).get("cue", "")).startswith("kin_of:")
        ]
        if not earlier:
            continue
        subj = earlier[-1]
        gap = folded(text[subj.nend : m.nstart])
        # "X और उसके साथी Y", also past X's description ("X (30) पुत्र Z निवासी W और ...")
        if len(gap) <= 90 and re.search(r"(?:^|\s)और (उसके|अपने|इसके)\s+\S+\s*$", gap):
            assoc(subj, m)
            continue
        # "X ने (अपने) साथी Y के साथ मिलकर", "X ने अपने तीन साथियों A, B व C के साथ":
        # X is the subject right before, with ने; a list after the partner noun acts with X
        partners = next((lst for lst in name_lists if lst[0] is m), [m])
        after = folded(text[partners[-1].nend : partners[-1].nend + 30]).lstrip()
        if re.match(r"\s*(\(\s*\d+\s*\)\s*)?ने (अपने |अपनी )?(\S+ )?\S+\s*$", gap) and any(
            after.startswith(t) for t in w.together
        ):
            group = [subj, *partners]
            for k, a in enumerate(group):
                for b in group[k + 1 :]:
                    assoc(a, b)
    return out


#: the most words a gang's namesake may have ("मुकीम काला", "नीरज बवाना")
NAMESAKE_WORDS = 3


def gang_namesakes(doc: Doc, taken: Sequence[Span]) -> list[Span]:
    """The person a gang is named after, inside the gang's name, where no PERSON span
    already is (``मुकीम काला गिरोह``, ``सुनील उर्फ टिल्लू गैंग``: two names, one an alias of
    the other). The guidelines make that person the gang's member though the article may
    name them nowhere else; a word that is no name (``योगी`` is one, ``लुटेरा`` is not)
    makes no namesake. The spans are mentions of the people layer, not entities: the
    gang's ORG span stays the entity."""
    w = words()
    names = NameLexicon.default()
    alias_markers = context().alias_markers
    out: list[Span] = []
    for org in doc.spans_of("ORG"):
        if any(t.nstart < org.nend and org.nstart < t.nend for t in taken):
            continue
        toks = list(re.finditer(r"\S+", doc.text[org.nstart : org.nend]))
        if len(toks) < 2 or fold_for_match(toks[-1].group()) not in w.gang_heads:
            continue
        # the name parts: split at an alias marker ("सुनील उर्फ टिल्लू")
        parts: list[list[re.Match[str]]] = [[]]
        for t in toks[:-1]:
            if fold_for_match(t.group()) in alias_markers:
                parts.append([])
            else:
                parts[-1].append(t)
        keys = [fold_for_match(t.group()) for p in parts for t in p]
        if (
            not all(0 < len(p) <= NAMESAKE_WORDS for p in parts)
            or not all(_name_word(names, k) for k in keys)
            # one word at least the name tables know: "जहरखुरानी गैंग" is a kind of gang
            or not any(names.is_known_name_word(k) for k in keys)
        ):
            continue
        for p in parts:
            start, end = org.nstart + p[0].start(), org.nstart + p[-1].end()
            out.append(doc.make_span(start, end, "PERSON", NAME, VERSION, {"cue": "gang_namesake"}))
    return out


def _name_word(names: NameLexicon, key: str) -> bool:
    """Can ``key`` be a word of a person's name (no common word or word of news prose
    unless the name tables know it)?"""
    if not key or not key[0].isalpha():
        return False
    if names.is_given_name(key) or names.is_surname(key):
        return True
    return not common_word(names, key)


_COMMA_GAP = re.compile(r"\s*,\s*$")


def _signed_by(
    text: str, org: Span, desig_at_end: dict[int, Span], by_end: dict[int, Span]
) -> Span | None:
    """The mention of ``X, POST, ORG`` (``सुमन सूद, चेयरपर्सन, बाल कल्याण समिति``,
    ``संजय यादव, सीपीआरओ, एनई रेलवे``) before the organisation, if the text has one."""
    before = text[max(0, org.nstart - 4) : org.nstart]
    comma = _COMMA_GAP.search(before)
    if comma is None:
        return None
    end = max(0, org.nstart - 4) + comma.start()
    d = desig_at_end.get(end)
    if d is None:
        return None
    before = text[max(0, d.nstart - 4) : d.nstart]
    comma = _COMMA_GAP.search(before)
    if comma is None:
        return None
    return by_end.get(max(0, d.nstart - 4) + comma.start())
