"""From PERSON spans to people: one entry per real person, with aliases, designation,
roles and the relations between people (alias, kinship, posting).

Mentions are joined when one is the other's full name, first name or surname (only when
that short form points to exactly one person), or when ``उर्फ`` ties two names. Roles come
from the recogniser's cue (``आरोपी X``, ``मृतक X``) and from what follows a mention in its
clause (``role_cues.tsv``: ``X को गिरफ्तार``, ``X की शिकायत पर``, ``X की हत्या``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from jaanch.doc import Doc
from jaanch.facts.affiliations import affiliation_relations, gang_namesakes
from jaanch.facts.affiliations import words as affiliation_words
from jaanch.facts.name_edges import run_on_names
from jaanch.gazetteer import loose_key
from jaanch.lexicons import load_tsv, load_yaml
from jaanch.models.pair_features import Person as PairPerson
from jaanch.models.pair_features import article_view, pair_features
from jaanch.models.person_features import DocWords, name_check_features
from jaanch.models.role_features import list_heads, person_features
from jaanch.models.roles import (
    ASSOCIATE_NAME,
    PERSON_LABEL,
    PeopleModels,
    RoleModel,
)
from jaanch.names import NameLexicon
from jaanch.recognise.persons import context
from jaanch.text.english_names import english_name
from jaanch.text.name_lists import AGE_IN_BRACKETS, JOINERS, SHORT_BRACKET, name_lists
from jaanch.text.normalise import fold_for_match
from jaanch.text.translit import latin_name
from jaanch.types import Evidence, Person, Relation, Span

RETIRED_RE = re.compile(r"(रिटायर्ड|रिटायर|सेवानिवृत्त|पूर्व)\s*$")
OFFICIAL_SECTORS = {"police", "admin", "judiciary", "politics", "institution"}


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """Spelling-tolerant words of a name: "मौहम्मद अफजल" and "मोहम्मद अफजल" are one."""
    words = (
        loose_key(w).replace("\u094c", "\u094b").replace("\u0948", "\u0947") for w in name.split()
    )
    return tuple(w for w in words if w)


@dataclass
class Cluster:
    mentions: list[Span] = field(default_factory=list)
    alias_mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    #: the roles the rules gave (features of the learned models)
    rule_roles: list[str] = field(default_factory=list)
    designation: str | None = None
    designation_span: Span | None = None
    posted_at: Span | None = None

    @property
    def name(self) -> str:
        best = max(
            self.mentions, key=lambda s: (not s.text.isascii(), len(s.text.split()), -s.start)
        )
        return " ".join(best.text.split())

    @property
    def aliases(self) -> list[str]:
        out: list[str] = []
        own = {fold_for_match(self.name)}
        for s in sorted(self.alias_mentions, key=lambda s: (-len(s.text.split()), s.start)):
            k = fold_for_match(s.text)
            if k in own or any(k in fold_for_match(a).split() for a in out):
                continue
            own.add(k)
            out.append(" ".join(s.text.split()))
        return out

    def words(self) -> set[tuple[str, ...]]:
        return {name_words(s.text) for s in self.mentions + self.alias_mentions}

    def add_role(self, role: str) -> None:
        if role not in self.roles:
            self.roles.append(role)


@dataclass(frozen=True)
class RoleCue:
    marker: str
    pattern: re.Pattern[str]
    window: int
    role: str


@cache
def role_cues() -> tuple[RoleCue, ...]:
    return tuple(
        RoleCue(
            fold_for_match(r["marker"]) if r["marker"] != "-" else "-",
            re.compile(r["pattern"]),
            int(r["window"]),
            r["role"],
        )
        for r in load_tsv("role_cues.tsv")
    )


def cluster_people(doc: Doc, persons: list[Span]) -> list[Cluster]:
    """Group PERSON mentions into people, longest names first."""
    text = doc.text
    alias_markers = context().alias_markers
    alias_of: dict[int, int] = {}  # index of alias mention -> index of main mention
    for a, b in zip(persons, persons[1:], strict=False):
        between = fold_for_match(text[a.nend : b.nstart]).strip()
        if between in alias_markers:
            alias_of[persons.index(b)] = persons.index(a)

    order = sorted(
        range(len(persons)), key=lambda i: (-len(persons[i].text.split()), persons[i].start)
    )
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}
    for i in order:
        if i in alias_of:
            continue
        s = persons[i]
        words = name_words(s.text)
        if not words:
            continue  # no letter to name anyone by: no person
        exact = _exact_words(s.text)
        target = _find_cluster(clusters, words, s.nstart, exact[0] if len(exact) == 1 else "")
        if target is None and s.text.isascii():
            # "Sonam Raghuvanshi" is "सोनम रघुवंशी" written in Latin letters
            latin = " ".join(s.text.lower().split())
            same = [c for c in clusters if (latin_name(c.name) or "").lower() == latin]
            target = same[0] if len(same) == 1 else None
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.mentions.append(s)
        owner[i] = target
    for i, main in alias_of.items():
        c = owner.get(main)
        if c is None:
            continue
        c.alias_mentions.append(persons[i])
        owner[i] = c
    # a person first named by an alias ("अनवर डकैत ... अनवर कादरी उर्फ अनवर डकैत") is the
    # person the alias belongs to
    for c in clusters[:]:
        alias_words = {name_words(a.text) for a in c.alias_mentions}
        if not alias_words:
            continue
        for h in clusters[:]:
            if h is c or h not in clusters:
                continue
            if {name_words(x.text) for x in h.mentions} <= alias_words:
                c.alias_mentions.extend(h.mentions)
                c.alias_mentions.extend(h.alias_mentions)
                clusters.remove(h)
    # short forms of aliases ("बरखा" after "बरखा मिश्रा") join the aliased person
    for c in clusters[:]:
        if len(c.mentions) and all(len(m.text.split()) == 1 for m in c.mentions):
            w = name_words(c.mentions[0].text)[0]
            hosts = [h for h in clusters if h is not c and any(w in ws for ws in h.words())]
            if len(hosts) == 1:
                hosts[0].mentions.extend(c.mentions)
                clusters.remove(c)
    # a name first written in Latin letters ("Sonam Raghuvanshi: ...") joins its Devanagari
    # person found later
    for c in clusters[:]:
        if all(m.text.isascii() for m in c.mentions):
            latin = " ".join(c.mentions[0].text.lower().split())
            same = [
                h
                for h in clusters
                if h is not c
                and not h.name.isascii()
                and (latin_name(h.name) or "").lower() == latin
            ]
            if len(same) == 1:
                same[0].mentions.extend(c.mentions)
                same[0].alias_mentions.extend(c.alias_mentions)
                clusters.remove(c)
    clusters.sort(key=lambda c: min(m.start for m in c.mentions))
    return clusters


def _exact_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in (fold_for_match(x) for x in name.split()) if w)


def _find_cluster(
    clusters: list[Cluster], words: tuple[str, ...], at: int = -1, word: str = ""
) -> Cluster | None:
    """The person a mention of ``words`` (loose keys) belongs to; ``word``: a one-word
    mention as written (folded), to choose between people its loose key confuses."""
    exact = [c for c in clusters if words in c.words()]
    if exact:
        return exact[0]
    cands = []
    for c in clusters:
        for ws in c.words():
            if not ws:
                continue
            if len(words) == 1 and words[0] in (ws[0], ws[-1]):
                cands.append(c)
                break
            if (
                len(words) > 1
                and len(ws) > len(words)
                and words[0] == ws[0]
                and words[-1] == ws[-1]
            ):
                cands.append(c)
                break
    if len(cands) == 1:
        return cands[0]
    if len(cands) > 1 and len(words) == 1 and word:
        # the loose key joins राजा and राज: "राजा" beside "राजा रघुवंशी" and "राज कुशवाह"
        # is the one whose name holds the word as written
        same = [
            c
            for c in cands
            if any(
                ws and word in (ws[0], ws[-1]) for ws in (_exact_words(m.text) for m in c.mentions)
            )
        ]
        if len(same) == 1:
            return same[0]
        cands = same or cands
    if len(cands) > 1 and len(words) == 1 and at >= 0:
        # "यादव" alone when "सागर यादव" and "सौरभ यादव" are both named: the one named last
        before = [
            (max((m.nstart for m in c.mentions if m.nstart < at), default=-1), k)
            for k, c in enumerate(cands)
        ]
        best = max(before)
        if best[0] >= 0:
            return cands[best[1]]
    return None


def assign_designations(doc: Doc, clusters: list[Cluster]) -> None:
    desigs = sorted(doc.spans_of("DESIGNATION"), key=lambda s: s.nstart)
    locs = doc.spans_of("LOC")
    mentions = sorted((m for c in clusters for m in c.mentions), key=lambda s: s.nstart)
    # the post each mention is named with: before it ("एसपी X"), after it in brackets or
    # as an apposition ("X (एसपी)", "X, इंस्पेक्टर ने"), or shared with the list it ends
    # ("निरीक्षक A, B, C ने", "इंस्पेक्टरों A और B")
    post: dict[int, Span] = {}
    #: mentions whose post is the list's, said before its first name
    shared: set[int] = set()
    #: the mention that opens the list a mention is in (itself when it follows no name)
    opens: dict[int, int] = {}
    for k, m in enumerate(mentions):
        prev = mentions[k - 1] if k > 0 else None
        listed = prev is not None and _list_gap(doc.text[prev.nend : m.nstart])
        opens[m.nstart] = opens[prev.nstart] if listed and prev is not None else m.nstart
        d = _designation_before(doc, desigs, m) or _designation_after(doc, desigs, m)
        if d is None and listed and prev is not None:
            # the post of the list's first name, said before it, is each one's: not the
            # post of a name inside the list ("A, पार्षद B, C": C is no councillor)
            got = post.get(prev.nstart)
            if (
                got is not None
                and got.nend <= opens[m.nstart]
                and not doc.text[max(0, got.nstart - 6) : got.nstart].rstrip().endswith(",")
            ):
                d = got
                shared.add(m.nstart)
        if d is not None:
            post[m.nstart] = d
    for c in clusters:
        for m in sorted(c.mentions, key=lambda s: s.nstart):
            d = post.get(m.nstart)
            if d is None:
                continue
            if c.designation is None:
                c.designation = d.value["code"]
                c.designation_span = d
                before = doc.text[max(0, d.nstart - 15) : d.nstart]
                if d.value.get("sector") in OFFICIAL_SECTORS and not RETIRED_RE.search(before):
                    c.add_role("official")
            if c.posted_at is None:
                # the place in brackets after the name is the most specific: in a list each
                # name has its own ("अभियंता A (भभुआ), B (कुदरा)"); the place said with a
                # shared post is the first name's
                c.posted_at = (
                    _bracketed_place(doc, locs, m)
                    or (None if m.nstart in shared else _posting(doc, locs, d, m))
                    or (_signed_place(doc, d) if d.nstart >= m.nend else None)
                )


def _designation_before(doc: Doc, desigs: list[Span], m: Span) -> Span | None:
    for d in reversed(desigs):
        if d.nend > m.nstart:
            continue
        gap = doc.text[d.nend : m.nstart]
        if len(gap) > 30 or any(ch in gap for ch in "।,;\n"):
            return None
        # only the post's place or a qualifier may stand between: "सीओ नजीराबाद X",
        # "डीसीपी (अपराध) X", not "टीआइ के मुताबिक X के बेटे"
        fw = context().function_words
        if any(fold_for_match(w) in fw for w in gap.split()):
            return None
        return _outer_designation(doc, desigs, d)
    return None


def _outer_designation(doc: Doc, desigs: list[Span], d: Span) -> Span:
    """The post a bracketed short form repeats: "अतिरिक्त पुलिस अधीक्षक (एएसपी) X" is posted
    where the full post is said ("उदयपुर के अतिरिक्त पुलिस अधीक्षक")."""
    if not doc.text[max(0, d.nstart - 3) : d.nstart].rstrip().endswith("("):
        return d
    for o in desigs:
        if o.nend <= d.nstart and doc.text[o.nend : d.nstart].strip() == "(":
            return o
    return d


#: what may stand between two names of one list (the post before the first is each one's)
LIST_GAPS = JOINERS | {", और"}


def _list_gap(gap: str) -> bool:
    """Does ``gap`` join two names of one list, past what a name may have in brackets
    ("A (30), B", "अभियंता A (भभुआ), B (कुदरा)")?"""
    return " ".join(SHORT_BRACKET.sub(" ", gap).split()) in LIST_GAPS


#: what may follow a post named after a name ("X, इंस्पेक्टर ने", "X, सहायक मंत्री।")
_AFTER_POST_END = re.compile(r"\s*(?:[।,;:\n)]|$|(?:ने|के|की|का|को|से)(?=[\s।,]|$))")


def _designation_after(doc: Doc, desigs: list[Span], m: Span) -> Span | None:
    """A post named right after the name: ``X (एसपी)``, or ``X, इंस्पेक्टर`` when the post
    ends the phrase (in ``X, एसपी Y`` the post is Y's)."""
    for d in desigs:
        if d.nstart < m.nend or d.nstart - m.nend > 4:
            continue
        gap = doc.text[m.nend : d.nstart].strip()
        tail = doc.text[d.nend : d.nend + 12]
        if gap == "(" and tail.lstrip().startswith(")"):
            return d
        if gap == "," and (_AFTER_POST_END.match(tail) or _signed_place(doc, d) is not None):
            return d
    return None


def _signed_place(doc: Doc, d: Span) -> Span | None:
    """The place after a post that ends a signed statement: "आरएन चौधरी, इंस्पेक्टर
    नवाबगंज" (the line or sentence ends after it)."""
    for loc in doc.spans_of("LOC"):
        if 0 < loc.nstart - d.nend <= 2 and re.match(r"\s*(?:[।\n]|$)", doc.text[loc.nend :]):
            return loc
    return None


def _posting(doc: Doc, locs: list[Span], d: Span, m: Span) -> Span | None:
    """ "सीओ नजीराबाद गीतांजलि सिंह", "एरोड्रम टीआइ तरुण भाटी", "विकासपुरी थाने के एसएचओ"."""
    for loc in locs:
        if d.nend <= loc.nstart and loc.nend <= m.nstart:
            return loc
        if loc.nend <= d.nstart and d.nstart - loc.nend <= 25:
            gap = doc.text[loc.nend : d.nstart]
            if not any(ch in gap for ch in "।,;\n") and (
                " ".join(fold_for_match(gap).split()) in affiliation_words().posting_links
            ):
                kind = (loc.value or {}).get("kind")
                if kind in ("police_station", "locality", "sub_district", "city", "district"):
                    return loc
                if kind == "state" and (d.value or {}).get("sector") == "police":
                    return loc  # "मेघालय डीजीपी X": a state's police
    return None


def _bracketed_place(doc: Doc, locs: list[Span], m: Span) -> Span | None:
    """ "कनिष्ठ अभियंता शिव शंकर प्रसाद (भभुआ)": the post's place in brackets after the name."""
    rest = doc.text[m.nend : m.nend + 4]
    if not rest.lstrip().startswith("("):
        return None
    for loc in locs:
        if 0 < loc.nstart - m.nend <= 4 and doc.text[loc.nend : loc.nend + 2].lstrip().startswith(
            ")"
        ):
            return loc
    return None


CHAIN_WORDS = frozenset(["उर्फ", "और", "व", "एवं", "तथा", ",", "समेत", "सहित"])
# where these were reported the complainant is often a witness or relative, not the harmed
VIOLENT_CRIMES = frozenset(
    ["murder", "attempted_murder", "culpable_homicide", "rape", "kidnapping"]
)
POSTPOSITIONS = frozenset(["की", "के", "को", "ने", "पर", "से", "का"])
HARMED_PARTY_CRIMES = frozenset(
    ["theft", "burglary", "robbery", "snatching", "fraud", "cyber_crime", "extortion", "dacoity"]
)


ARREST_RE = re.compile(r"गिरफ्तार|पकड|दबोच|हिरासत")
DEATH_RE = re.compile(r"शव|लाश|मौत|हत्या|मृत")


def _arrested_in_sentence(doc: Doc, c: Cluster) -> bool:
    """Is a mention of ``c`` in a sentence that reports an arrest (an arrest cue, not
    negated), with no other name nearer to the cue?"""
    arrests = [
        a
        for a in doc.spans_of("ACTION_CUE")
        if (a.value or {}).get("code") == "arrest"
        and not (a.value or {}).get("negated")
        and not (a.value or {}).get("hypothetical")
    ]
    for m in c.mentions:
        sent = doc.sentence_at(m.nstart)
        if sent is None:
            continue
        for a in arrests:
            if sent.start <= a.nstart < sent.end and 0 < a.nstart - m.nend <= 60:
                between = doc.text[m.nend : a.nstart]
                if not any(
                    p.nstart >= m.nend and p.nend <= a.nstart for p in doc.spans_of("PERSON")
                ):
                    if " ने " not in f" {between} ":
                        return True
    return False


def _identified_as(doc: Doc, first: Span, before_words: list[str]) -> str | None:
    """``आरोपियों की पहचान X, Y के रूप में हुई`` (accused), ``मृतक की पहचान X`` (victim),
    ``उनकी पहचान X ...`` after an arrest (accused) or a body found (victim)."""
    ctx = context()
    if len(before_words) >= 2 and fold_for_match(before_words[-2]) == "की":
        who = fold_for_match(before_words[-3]) if len(before_words) >= 3 else ""
        role = ctx.role_nouns.get(who)
        if role:
            return role
    elif not (
        before_words
        and fold_for_match(before_words[-2 if len(before_words) > 1 else -1])
        in ("उनकी", "इनकी", "उसकी", "इसकी")
    ):
        return None
    sent = doc.sentence_at(first.nstart)
    if sent is None:
        return None
    k = doc.sentences.index(sent)
    prev = fold_for_match(doc.sentences[k - 1].text) if k > 0 else ""
    here = fold_for_match(doc.text[sent.start : first.nstart])
    if ARREST_RE.search(prev) or ARREST_RE.search(here):
        return "accused"
    if DEATH_RE.search(prev) or DEATH_RE.search(here):
        return "victim"
    return None


def _list_introducer(doc: Doc, m: Span, starts: dict[int, Span]) -> str | None:
    """The role noun that opens a list of names ending at or passing through ``m``:
    ``आरोपित शादाब, अरुण, कुलदीप और सौरभ`` gives every listed name ``accused``; ages in
    brackets, aliases and ``PLACE निवासी`` prefixes inside the list are stepped over."""
    ctx = context()
    ends = {s.nend: s for s in starts.values()}
    text = doc.text
    cur_start = m.nstart
    moved = False
    for _ in range(12):
        before = text[max(0, cur_start - 40) : cur_start]
        stripped = before.rstrip()
        words = stripped.split()
        # "दिल्ली निवासी प्रवीन सिंह": the residence before a listed name
        if len(words) >= 2 and fold_for_match(words[-1]) in ctx.residence_markers:
            # step back over the place words (one or two) before the marker
            k = len(words) - 2
            while (
                k > 0
                and len(words) - 1 - k < 2
                and words[k - 1] not in (",", "और", "व")
                and not words[k - 1].endswith(",")
                and fold_for_match(words[k - 1]) not in ("पहचान", "की", "के", "में")
            ):
                k -= 1
            cut = stripped.rfind(" ".join(words[k:-1]))
            if cut > 0 and fold_for_match(words[k]) != "पहचान":
                cur_start = max(0, cur_start - 40) + cut
                continue
        sep = None
        for w in (",", " और", " व", " एवं", " तथा", " उर्फ"):
            if stripped.endswith(w):
                sep = w
                break
        if sep is None:
            if not words:
                return None
            opener = fold_for_match(words[-1])
            if opener == "पहचान":
                return _identified_as(doc, m, words)
            if opener in ("में", "हैं", "है", "थे") and len(words) >= 2:
                # "मृतकों में X, Y और Z शामिल थे", "गिरफ्तार आरोपित हैं X, Y और Z": the
                # group the list is of
                group = ctx.role_nouns.get(fold_for_match(words[-2]))
                if group:
                    return group
            if not moved:
                return None
            if opener in ctx.kin_words:
                return "relative"  # "तीन बेटे अशोक, सतीश और मोहन"
            return ctx.role_nouns.get(opener)
        prev_end = max(0, cur_start - 40) + len(stripped) - len(sep)
        while prev_end > 0 and text[prev_end - 1] == " ":
            prev_end -= 1
        if text[prev_end - 1 : prev_end] == ")":  # "प्रवीन सिंह (27),", "X (निवासी आठ मील),"
            k = text.rfind("(", max(0, prev_end - 40), prev_end)
            if k >= 0:
                prev_end = k
                while prev_end > 0 and text[prev_end - 1] == " ":
                    prev_end -= 1
        prev = ends.get(prev_end)
        if prev is None:
            if sep.strip() == "उर्फ":
                return None
            # an alias no recogniser marked: "नदीम उर्फ कालू, राधेश्याम"
            tail = text[max(0, prev_end - 30) : prev_end].split()
            if len(tail) >= 2 and fold_for_match(tail[-2]) in ctx.alias_markers:
                k = text.rfind(tail[-2], 0, prev_end)
                prev = ends.get(k - 1) if k > 0 else None
            if prev is None:
                return None
        cur_start = prev.nstart
        moved = True
    return None


def _after_description(doc: Doc, end: int, starts: dict[int, Span]) -> int:
    """Skip what describes a person in FIR style after the name: ``पुत्र रफीश शाह``,
    ``निवासी शिवपार्क सोसायटी``, ``(32)``, and names chained by ``उर्फ``/``और``/``,``.
    Returns the offset where the words that tell the person's role begin."""
    ctx = context()
    text = doc.text
    pos = end
    for _ in range(8):
        rest = text[pos:]
        stripped = rest.lstrip()
        skip = len(rest) - len(stripped)
        word = stripped.split(" ", 1)[0] if stripped else ""
        key = fold_for_match(word)
        nxt = pos + skip + len(word)
        if stripped.startswith("(") and ")" in stripped[:12]:
            pos = pos + skip + stripped.index(")") + 1
            continue
        if key in CHAIN_WORDS or key in ctx.apposition_kin or stripped.startswith(","):
            step = 1 if stripped.startswith(",") else len(word)
            after = pos + skip + step
            rest2 = text[after:]
            after += len(rest2) - len(rest2.lstrip())
            if after in starts:
                pos = starts[after].nend
                continue
            # "राज कुशवाहा और तीन अन्य के खिलाफ": the clause's case word a few words on
            if key in CHAIN_WORDS and not any(after < st <= after + 40 for st in starts):
                words_ahead = text[after : after + 40].split()[:4]
                for w in words_ahead:
                    if fold_for_match(w) in POSTPOSITIONS:
                        return text.index(w, after)
            # "लक्ष्य उर्फ लाशय और सार्थक गौड़ के": a mention a word or two further on
            ahead = [st for st in starts if after < st <= after + 25 and "।" not in text[after:st]]
            if key in CHAIN_WORDS and ahead and len(text[after : min(ahead)].split()) <= 2:
                pos = starts[min(ahead)].nend
                continue
            if key in ctx.residence_markers:
                # "निवासी X Y (Z) की शिकायत": jump to the next postposition
                words = text[after : after + 120].split()
                off = after
                for w in words[:8]:
                    i = text.index(w, off)
                    if fold_for_match(w) in POSTPOSITIONS or "।" in w:
                        return i
                    off = i + len(w)
            return pos
        return pos if key not in ctx.residence_markers else nxt
    return pos


def assign_roles(doc: Doc, clusters: list[Cluster], crimes: set[str] | None = None) -> None:
    text = doc.text
    cues = role_cues()
    starts = {m.nstart: m for c in clusters for m in c.mentions + c.alias_mentions}
    for c in clusters:
        kin_listed = False
        for m in c.mentions + c.alias_mentions:
            hint = (m.value or {}).get("role_hint")
            cue = str((m.value or {}).get("cue", ""))
            if hint and hint != "relative":
                c.add_role(hint)
            if cue.startswith("kin_of:"):
                continue  # "A पुत्र B ...": what follows is said of A, not of B
            listed = _list_introducer(doc, m, starts)
            if listed == "relative":
                kin_listed = True  # "तीन बेटे अशोक, सतीश और मोहन": relative unless more
            elif listed:
                c.add_role(listed)  # "आरोपित शादाब, अरुण, कुलदीप और सौरभ"
            pos = _after_description(doc, m.nend, starts)
            after = text[pos : pos + 100]
            after = re.split(r"[।\n;]", after, maxsplit=1)[0]
            after = re.split(r" कि ", after, maxsplit=1)[0]  # reported speech is another clause
            words = after.split()
            first = fold_for_match(words[0]) if words else ""
            for rc in cues:
                if rc.marker != "-" and rc.marker != first:
                    continue
                window = fold_for_match(" ".join(words[: rc.window]))
                if rc.pattern.search(window):
                    c.add_role(rc.role)
                    break
        if (
            "complainant" in c.roles
            and "official" not in c.roles
            and "victim" not in c.roles
            and crimes
            and crimes & HARMED_PARTY_CRIMES
            and not crimes & VIOLENT_CRIMES
        ):
            c.add_role("victim")  # the one who reports a theft or a fraud suffered it
        if not c.roles and kin_listed:
            c.add_role("relative")
        kin_named = any(
            str((m.value or {}).get("cue", "")).startswith(("kin:", "kin_of:")) for m in c.mentions
        )
        if not c.roles and not kin_named and _arrested_in_sentence(doc, c):
            c.add_role("accused")  # "... X को ... के साथ गिरफ्तार किया": named in the arrest
        if not c.roles:
            cues_seen = {str((m.value or {}).get("cue", "")) for m in c.mentions}
            if any(x.startswith(("kin:", "kin_of:")) for x in cues_seen) or any(
                (m.value or {}).get("role_hint") == "relative" for m in c.mentions
            ):
                c.add_role("relative")
            else:
                c.add_role("other")


def kin_relations(doc: Doc, clusters: list[Cluster]) -> list[Relation]:
    """Kinship stated in the text, each with the mentions that state it as evidence:

    * ``A पुत्र B`` (B parent_of A), ``A की पत्नी B`` (spouse), ``A के भाई B`` (sibling),
      a list after B sharing A and its kinship;
    * ``अपने बेटे X`` / ``उसकी पत्नी X``: the possessor is whom the pronoun refers to; a bare
      kinship word after ``ने`` or ``कि`` (``Y ने पत्नी X की हत्या``) is the clause
      subject's kin;
    * ``X ... Y का बेटा है`` (the sentence's subject is Y's son) and ``X (Y का भाई)``.
    """
    ctx = context()
    by_span = {id(m): c for c in clusters for m in c.mentions + c.alias_mentions}
    mentions = sorted(
        (m for c in clusters for m in c.mentions + c.alias_mentions), key=lambda s: s.nstart
    )
    out: list[Relation] = []
    text = doc.text
    # the possessor and kinship of the last "X के KIN A": a list after A shares them
    # ("कमाल खान के दोनों बेटे माज और बिलाल"), as does a second kinship in the same list
    # ("दिनेश के भाई रामजनम और पत्नी ऋतु")
    chain: tuple[Cluster, str, Cluster] | None = None
    for a, b in zip(mentions, mentions[1:], strict=False):
        ca, cb = by_span[id(a)], by_span[id(b)]
        if ca is cb:
            continue
        gap_words = _gap_words(text, a, b)
        if (
            not gap_words
            or len(gap_words) > 3
            or any(ch in text[a.nend : b.nstart] for ch in "।;\n")
        ):
            chain = None
            continue
        kin = gap_words[-1]
        kind = _kin_kind(kin)
        rel: tuple[str, Cluster, Cluster] | None = None
        listed = chain is not None and chain[2] is ca and gap_words[0] in JOINERS
        if len(gap_words) == 1 and kin in ctx.apposition_kin and ctx.apposition_kin[kin]:
            appos = ctx.apposition_kin[kin]
            if appos == "parent":
                rel = ("parent_of", cb, ca)
            elif appos == "spouse":
                rel = ("spouse", ca, cb)
            chain = None
        elif kind and _possessed(gap_words[:-1]):
            rel = _kin_rel(kind, ca, cb)
            chain = (ca, kind, cb) if rel else None
        elif listed and chain is not None and len(gap_words) == 1:
            rel = _kin_rel(chain[1], chain[0], cb)
            chain = (chain[0], chain[1], cb)
        elif listed and chain is not None and len(gap_words) == 2 and kind:
            rel = _kin_rel(kind, chain[0], cb)
            chain = (chain[0], kind, cb)
        else:
            chain = None
        if rel:
            out.append(_relation(*rel, evidence=[a, b]))
    out += _possessive_kin(doc, clusters, mentions, by_span)
    out += _predicate_kin(doc, mentions, by_span)
    out += _sibling_lists(doc, mentions, by_span)
    return _dedupe(out)


@cache
def _siblings_before() -> re.Pattern[str]:
    """A counted plural of siblings ending the text before a list of names ("दो सगे भाई",
    "दोनों बहनें"), from ``person_context.yaml``."""
    raw = load_yaml("person_context.yaml")

    def alternatives(key: str) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in raw[key])

    return re.compile(
        rf"(?:^|\s)(?:{alternatives('sibling_list_counts')})\s+"
        rf"(?:(?:{alternatives('sibling_list_full')})\s+)?"
        rf"(?:{alternatives('sibling_list_plurals')})\s*$"
    )


def _sibling_lists(doc: Doc, mentions: list[Span], by_span: dict[int, Cluster]) -> list[Relation]:
    """Every pair of a list of names that a counted plural of siblings opens."""
    out: list[Relation] = []
    text = doc.text
    for lst in name_lists(text, mentions):
        if len(lst) < 2:
            continue
        sent = doc.sentence_at(lst[0].nstart)
        lo = max(sent.start if sent is not None else 0, lst[0].nstart - 40)
        if not _siblings_before().search(text[lo : lst[0].nstart]):
            continue
        people: list[Cluster] = []
        for m in lst:
            if not any(c is by_span[id(m)] for c in people):
                people.append(by_span[id(m)])
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                out.append(_relation("sibling", a, b, evidence=[lst[0], lst[-1]]))
    return out


GENITIVES = frozenset(["की", "का", "के"])
#: words before a bare kinship word that leave its possessor the clause subject
#: ("X ने बताया कि मां Y", "X ने पत्नी Y की हत्या")
_BARE_OPENERS = frozenset(["कि", "ने"])
#: the copula that ends "X ... Y का बेटा है"
_COPULAS = frozenset(["है", "था", "थी", "थे", "हैं"])
#: a token of the words before or after a mention: a word, or one punctuation mark
_TOKEN_RE = re.compile(r"[\u0900-\u0963\u0966-\u097fA-Za-z0-9.]+|[,“”\"():\-]")
#: an age between a possessive and a kinship word ("के 11 साल के बेटे", "की 55 वर्षीय
#: मां") or between a name and an apposition ("अजय कुमार 22 वर्ष पुत्र लाखन", "संतोष उम्र
#: 23 वर्ष पुत्र रामप्रकाश")
_AGE_PHRASE = re.compile(
    r"\d{1,3}\s*(?:साल|वर्ष)\s*(?:के|की|का)(?!\S)|\d{1,3}\s*वर्षीय"
    r"|(?:(?:उम्र|आयु)\s*:?\s*)?\d{1,3}\s*(?:साल|वर्ष)(?!\S)"
)


def _kin_kind(word: str) -> str | None:
    """The kinship a folded word names (``child``, ``parent``, ``spouse``, ``sibling``,
    ``relative``), or None."""
    if word == _COUSIN:
        return "relative"
    return context().kin_words.get(word)


#: the token that "चचेरे भाई" / "फुफेरी बहन" becomes: a cousin is a relative
_COUSIN = "<cousin>"


def _kin_tokens(raw: str) -> list[str]:
    """The folded tokens of ``raw`` as kinship rules read them: commas kept as words, an
    age and the qualifiers that leave a tie unchanged (``दोनों``, ``बड़े``) dropped, and a
    cousin word with the sibling word after it read as one ``relative`` word."""
    ctx = context()
    raw = _AGE_PHRASE.sub(" ", AGE_IN_BRACKETS.sub(" ", raw))
    out: list[str] = []
    for tok in _TOKEN_RE.findall(raw):
        w = fold_for_match(tok) if tok[0].isalnum() or "\u0900" <= tok[0] <= "\u097f" else tok
        if not w or w in ctx.kin_qualifiers or w in ctx.late_markers:
            continue
        if out and out[-1] == _COUSIN and ctx.kin_words.get(w) == "sibling":
            continue
        out.append(_COUSIN if w in ctx.cousin_words else w)
    return out


def _possessed(words: list[str]) -> bool:
    """The words between a name and a kinship word make it the name's kin: a genitive
    (``X की पत्नी``), or a genitive and one describing word (``X का विवादित बेटा``)."""
    if len(words) == 1:
        return words[0] in GENITIVES
    return (
        len(words) == 2
        and words[0] in GENITIVES
        and words[1] not in JOINERS
        and words[1] not in GENITIVES
        and words[1] not in POSSESSIVE_PRONOUNS
        and words[1] != ","
    )


def _possessive_kin(
    doc: Doc, clusters: list[Cluster], mentions: list[Span], by_span: dict[int, Cluster]
) -> list[Relation]:
    """``अपने बेटे X`` / ``उसकी पत्नी X``: the possessor is the person the pronoun refers
    to; a bare kinship word after ``ने`` or ``कि`` is the clause subject's kin ("X ने पत्नी
    Y की हत्या"). A list after X shares the possessor ("अपने पुत्र A तथा पत्नी B"), except a
    spouse's."""
    text = doc.text
    out: list[Relation] = []
    follows = dict(zip((id(m) for m in mentions), mentions[1:], strict=False))
    for m in mentions:
        c = by_span[id(m)]
        sent = doc.sentence_at(m.nstart)
        lo = max(m.nstart - 40, sent.start if sent is not None else 0)
        before = _kin_tokens(text[lo : m.nstart])
        if not before or _kin_kind(before[-1]) is None:
            continue
        if len(before) >= 2 and before[-2] in POSSESSIVE_PRONOUNS:
            host = _coordinated_possessor(doc, mentions, by_span, m, before[-2]) or _possessor(
                doc, clusters, m, before[-2]
            )
        elif len(before) >= 2 and before[-2] in _BARE_OPENERS:
            # a bare kinship word is the clause subject's kin ("X ने पत्नी Y की हत्या",
            # "X ने बताया कि मां Y"); with no subject named the possessor stays unknown
            host = _clause_subject(doc, clusters, m)
        else:
            continue
        if host is None or host is c:
            continue
        kind = _kin_kind(before[-1])
        cur = m
        while kind is not None:
            rel = _kin_rel(kind, host, by_span[id(cur)])
            if rel and rel[1] is not rel[2]:
                out.append(_relation(*rel, evidence=[cur]))
            nxt = follows.get(id(cur))
            if nxt is None or by_span[id(nxt)] is host:
                break
            gap = _gap_words(text, cur, nxt)
            if len(gap) == 1 and gap[0] in JOINERS and kind != "spouse":
                pass  # one spouse: "पति A और B" names B beside A, not as a husband
            elif len(gap) == 2 and gap[0] in JOINERS and _kin_kind(gap[1]):
                kind = _kin_kind(gap[1])
            else:
                break
            cur = nxt
    return out


def _predicate_kin(doc: Doc, mentions: list[Span], by_span: dict[int, Cluster]) -> list[Relation]:
    """``X ... Y का बेटा है`` (Y is the possessor, the sentence's first person X the kin)
    and ``X (Y का भाई)`` (the bracket describes X)."""
    text = doc.text
    out: list[Relation] = []
    prev: dict[int, Span] = dict(zip((id(m) for m in mentions[1:]), mentions, strict=False))
    for y in mentions:
        after = _kin_tokens(text[y.nend : y.nend + 40])
        if len(after) < 3 or after[0] not in GENITIVES:
            continue
        kind = _kin_kind(after[1])
        host = by_span[id(y)]
        if kind is None:
            continue
        named: Span | None = None
        if after[2] in _COPULAS:
            named = _predicate_subject(doc, mentions, by_span, y)
        elif after[2] == ")" and text[: y.nstart].rstrip().endswith("("):
            x = prev.get(id(y))
            if x is not None and text[x.nend : y.nstart].strip() == "(":
                named = x
        if named is None:
            continue
        rel = _kin_rel(kind, host, by_span[id(named)])
        if rel and rel[1] is not rel[2]:
            out.append(_relation(*rel, evidence=[named, y]))
    return out


def _predicate_subject(
    doc: Doc, mentions: list[Span], by_span: dict[int, Cluster], y: Span
) -> Span | None:
    """The subject of "X ... Y का बेटा है": the first person of Y's clause, unmarked by a
    postposition ("रामजनम ने बताया कि दिनेश का एक बेटा है" names no son); after a relative
    ``जो`` the person the clause describes ("आसिफ के साथ, जो आमिर का भाई है")."""
    sent = doc.sentence_at(y.nstart)
    if sent is None:
        return None
    host = by_span[id(y)]
    lo = sent.start
    words = list(re.finditer(r"\S+", doc.text[sent.start : y.nstart]))
    for w in reversed(words):
        if w.group().strip(",") in ("कि", "जो", "जिसका", "जिसकी"):
            lo = sent.start + w.start()
            if w.group().strip(",") != "कि":
                before = [m for m in mentions if sent.start <= m.nstart and m.nend <= lo]
                return before[-1] if before and by_span[id(before[-1])] is not host else None
            break
    for m in mentions:
        if lo <= m.nstart < y.nstart and by_span[id(m)] is not host:
            nxt = doc.text[m.nend : m.nend + 6].split()[:1]
            return None if nxt and fold_for_match(nxt[0]) in POSTPOSITIONS else m
    return None


def _gap_words(text: str, a: Span, b: Span) -> list[str]:
    """The folded words between two mentions as kinship rules read them
    (:func:`_kin_tokens`): "राकेश उर्फ पप्पू (41) पुत्र रामनरेश"."""
    return _kin_tokens(text[a.nend : b.nstart])


def _kin_rel(kind: str, a: Cluster, b: Cluster) -> tuple[str, Cluster, Cluster] | None:
    if kind == "child":
        return ("parent_of", a, b)
    if kind == "parent":
        return ("parent_of", b, a)
    if kind in ("spouse", "sibling", "relative"):
        return (kind, a, b)
    return None


POSSESSIVE_PRONOUNS = frozenset(
    ["अपने", "अपनी", "अपना", "उसकी", "उसके", "उसका", "उनकी", "उनके", "उनका", "इसकी", "इसके"]
)


#: "X और उसके बेटे Y", "X (55) पुत्र Z तथा उसका पुत्र Y": a joiner, a non-reflexive
#: possessive and a kinship word ending the text before Y
_COORDINATED_KIN = re.compile(
    r"(?:^|\s)(?:और|व|एवं|तथा)\s+(?:उसके|उसका|उसकी|उनके|उनका|उनकी|इसके|इसका|इसकी)\s+\S+\s*$"
)


def _coordinated_possessor(
    doc: Doc, mentions: list[Span], by_span: dict[int, Cluster], m: Span, pronoun: str
) -> Cluster | None:
    """The person named right before ``और उसके KIN Y``: that person's kin, past the
    FIR-style description of their father (``रामसिंह पुत्र जुग्गी (55) तथा उसका पुत्र राजा``
    names रामसिंह's son)."""
    if pronoun.startswith("अप"):
        return None
    text = doc.text
    sent = doc.sentence_at(m.nstart)
    lo = max(m.nstart - 40, sent.start if sent is not None else 0)
    hit = _COORDINATED_KIN.search(text, lo, m.nstart)
    if hit is None:
        return None
    # the name and its description may begin before the 40 characters read for the kin
    earlier = [x for x in mentions if x.nend <= hit.start() and x.nstart >= lo - 60]
    if not earlier:
        return None
    prev = earlier[-1]
    gap = _kin_tokens(text[prev.nend : hit.start()])
    if gap:
        return None  # something other than an age stands between: not this name's kin
    # the father in "A पुत्र B" is A's description: the possessor is A
    if len(earlier) >= 2:
        appos = _kin_tokens(text[earlier[-2].nend : prev.nstart])
        if len(appos) == 1 and context().apposition_kin.get(appos[0]) == "parent":
            return by_span[id(earlier[-2])]
    return by_span[id(prev)]


def _possessor(doc: Doc, clusters: list[Cluster], m: Span, pronoun: str) -> Cluster | None:
    """Whom a possessive before a kinship word refers to. The reflexive ``अपने``/``अपनी``
    refers to the subject of its clause (:func:`_clause_subject`); otherwise, and for
    ``उसकी``/``उनके``, the person most mentioned in the sentences just before."""
    if pronoun.startswith("अप"):
        subject = _clause_subject(doc, clusters, m)
        if subject is not None:
            return subject
    return _recent_subject(
        doc, clusters, m, honorific=pronoun.startswith("उन") or pronoun.startswith("अप")
    )


def _clause_subject(doc: Doc, clusters: list[Cluster], m: Span) -> Cluster | None:
    """The last person before ``m`` in its sentence marked ``ने`` ("सोनम ने अपने पति
    राजा", "आरोपी रमेश ने पत्नी सुनीता की हत्या")."""
    sent = doc.sentence_at(m.nstart)
    if sent is None:
        return None
    marked = [
        (mm.nstart, c)
        for c in clusters
        for mm in c.mentions
        if sent.start <= mm.nstart < m.nstart
        and doc.text[mm.nend : mm.nend + 4].split()[:1] == ["ने"]
    ]
    return max(marked, key=lambda x: x[0])[1] if marked else None


def _recent_subject(doc: Doc, clusters: list[Cluster], m: Span, honorific: bool) -> Cluster | None:
    """The person most mentioned in the three sentences up to ``m`` (officials first
    when the pronoun is honorific: ``उन्होंने``, ``उनके``)."""
    sent = doc.sentence_at(m.nstart)
    if sent is None:
        return None
    idx = doc.sentences.index(sent)
    lo = doc.sentences[max(0, idx - 3)].start
    scores: dict[int, float] = {}
    for k, c in enumerate(clusters):
        for mm in c.mentions:
            if lo <= mm.nstart < m.nstart:
                scores[k] = scores.get(k, 0) + 1 + (2 if honorific and "official" in c.roles else 0)
    if not scores:
        return None
    best = max(scores, key=lambda k: scores[k])
    return clusters[best]


def _relation(kind: str, head: Cluster, tail: Cluster, evidence: list[Span]) -> Relation:
    return Relation(kind, head.name, tail.name, [Evidence.of(s) for s in evidence])


def _gang_key(org: str) -> str:
    """One gang however the article writes it: "सुनील उर्फ टिल्लू गैंग" and "सुनील उर्फ
    टिल्लू गिरोह" are one (the words of the name without the word for a gang)."""
    heads = affiliation_words().gang_heads
    words = fold_for_match(org).split()
    if not words or words[-1] not in heads:
        return org
    return " ".join(w for w in words if w not in heads)


def _dedupe(rels: list[Relation]) -> list[Relation]:
    """One relation per pair, and one membership per person and gang: the gang as the
    article first writes it (the membership with the earliest evidence); order kept."""

    def at(r: Relation) -> int:
        return min((e.start for e in r.evidence), default=0)

    first_written: dict[tuple[str, str], Relation] = {}
    for r in rels:
        if r.type == "member_of":
            k = (r.head, _gang_key(r.tail))
            if k not in first_written or at(r) < at(first_written[k]):
                first_written[k] = r
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in rels:
        key = (r.type, r.head, r.tail)
        if r.type in ("spouse", "sibling", "relative", "associate"):
            key = (r.type, *sorted((r.head, r.tail)))  # type: ignore[assignment]
        elif r.type == "member_of" and first_written[(r.head, _gang_key(r.tail))] is not r:
            continue
        if key in seen or r.head == r.tail:
            continue
        seen.add(key)
        out.append(r)
    return out


def role_feature_rows(
    doc: Doc, clusters: list[Cluster], crimes: set[str] | None
) -> list[dict[str, float]]:
    """The learned role assigner's features of each person (rule roles included)."""
    starts = {m.nstart: m for c in clusters for m in c.mentions + c.alias_mentions}
    heads = list_heads(doc.text, list(starts.values()))
    rows = []
    for c in clusters:
        ms = c.mentions + c.alias_mentions
        others = [m for o in clusters if o is not c for m in o.mentions + o.alias_mentions]
        after = {m.nstart: _after_description(doc, m.nend, starts) for m in ms}
        rows.append(person_features(doc, ms, c.roles, c.designation, others, crimes, after, heads))
    return rows


#: the role assigner's features the person check reads: the rule roles and post, the
#: recogniser's cues, how often and how early the person is named, the word right after
#: and before each mention, lists. Not the article's crimes nor the clause's cues, whose
#: pairings with the words taught the check which crimes its training articles were about
#: (5-fold, 390 articles: as many wrong people dropped for two right, with fewer features)
CHECK_ROLE_FEATURES = (
    "bias",
    "rule=",
    "desig",
    "mentions=",
    "first_pos=",
    "first_person",
    "cue=",
    "hint=",
    "a0=",
    "b0=",
    "lb0=",
    "in_list",
    "described",
    "shares_sentence",
)


def person_check_rows(
    doc: Doc, clusters: list[Cluster], crimes: set[str] | None
) -> list[dict[str, float]]:
    """The person check's features of each person: what is said right around all their
    mentions (:data:`CHECK_ROLE_FEATURES` of the role assigner's) and what the words of
    the name are (:func:`~jaanch.models.person_features.name_check_features`)."""
    words = DocWords(doc, NameLexicon.default(), context().words)
    rows = []
    for c, row in zip(clusters, role_feature_rows(doc, clusters, crimes), strict=True):
        kept = {k: v for k, v in row.items() if k.startswith(CHECK_ROLE_FEATURES) and "|" not in k}
        kept.update(name_check_features(words, doc, c.mentions + c.alias_mentions))
        rows.append(kept)
    return rows


def checked_people(
    doc: Doc, clusters: list[Cluster], crimes: set[str] | None, model: RoleModel
) -> list[Cluster]:
    """The people the person check keeps; the mentions of the others leave ``doc``.

    The recognisers decide each mention on its own; the check reads a person whole (every
    mention's context, the name's words, which recognisers found it), so a word the NER
    model or a cue took for a name ("राखी" the festival, "कार" after "की") goes."""
    keep: list[Cluster] = []
    dropped: set[int] = set()
    for c, row in zip(clusters, person_check_rows(doc, clusters, crimes), strict=True):
        if PERSON_LABEL in model.above(row):
            keep.append(c)
        else:
            dropped.update(id(m) for m in c.mentions + c.alias_mentions)
    if dropped:
        doc.spans = [s for s in doc.spans if id(s) not in dropped]
    return keep


#: roles of the rules that stand when the model disagrees: the rules give them only from a
#: cue and are precise (0.80-0.93 per role on the dev set), they miss rather than err;
#: "other" and "relative" are the rules' defaults and carry no such weight. Keeping them
#: measured better in cross-validation and on the dev set than the model alone (roles
#: 0.618 against 0.596 on the dev set, 0.638 against 0.625 in 5-fold cross-validation), and
#: as well as letting the model add a role it is sure of beside them.
RULE_OVERRIDES = ("accused", "victim", "complainant", "official", "witness")


def learned_roles(
    doc: Doc, clusters: list[Cluster], crimes: set[str] | None, model: RoleModel
) -> None:
    """The model's roles, read from all their mentions, for each person the rules gave
    no cue role."""
    for c, row in zip(clusters, role_feature_rows(doc, clusters, crimes), strict=True):
        # high-precision overrides: the roles the rules read from a cue (a rank, "X की
        # शिकायत पर", "मृतक X", "X को गिरफ्तार") stand; the model decides the people the
        # rules found no cue for
        if any(r in RULE_OVERRIDES for r in c.roles) or _only_described_through_kin(c):
            continue
        c.roles = model.predict(row)


def _only_described_through_kin(c: Cluster) -> bool:
    """Every mention is a relative named to describe someone else ("X पुत्र Y"): the
    sentence is about X, and Y stays a relative."""
    return all(str((m.value or {}).get("cue", "")).startswith("kin_of:") for m in c.mentions)


def pair_feature_rows(
    doc: Doc, clusters: list[Cluster], relations: list[Relation], eligible: set[int]
) -> list[tuple[int, int, dict[str, float]]]:
    """The associate model's features of every pair (i < j) of eligible people."""
    people = [PairPerson(c.mentions + c.alias_mentions, c.rule_roles) for c in clusters]
    view = article_view(doc, people)
    kin = {
        frozenset((r.head, r.tail))
        for r in relations
        if r.type in ("spouse", "parent_of", "sibling", "relative")
    }
    tied = {frozenset((r.head, r.tail)) for r in relations if r.type == "associate"}
    rows = []
    # a relative named only to describe someone ("X पुत्र Y") is no party to the acts
    parties = sorted(i for i in eligible if not _only_described_through_kin(clusters[i]))
    for n, i in enumerate(parties):
        for j in parties[n + 1 :]:
            key = frozenset((clusters[i].name, clusters[j].name))
            feats = pair_features(
                doc, people[i], people[j], view, kin=key in kin, rule_tie=key in tied
            )
            rows.append((i, j, feats))
    return rows


def learned_associates(
    doc: Doc, clusters: list[Cluster], relations: list[Relation], model: RoleModel
) -> list[Relation]:
    """``associate`` pairs among the accused (an associate is a criminal associate: every
    gold pair joins two accused): the model scores every pair, the accused are grouped by
    average linkage at the model's threshold (:func:`linked_groups`), and every two of a
    group are a pair, with the nearest mentions of the two as evidence (made by the model:
    its name and version)."""
    accused = {i for i, c in enumerate(clusters) if "accused" in c.roles}
    scores = {
        (i, j): model.scores(feats)["associate"]
        for i, j, feats in pair_feature_rows(doc, clusters, relations, accused)
    }
    threshold = float(model.thresholds[model.roles.index("associate")])
    out = []
    for i, j in linked_groups(scores, threshold):
        a, b = clusters[i], clusters[j]
        x, y = min(
            ((x, y) for x in a.mentions for y in b.mentions),
            key=lambda p: abs(p[0].nstart - p[1].nstart),
        )
        ev = [Evidence.of(s) for s in sorted((x, y), key=lambda s: s.start)]
        for e in ev:
            e.recogniser, e.version = ASSOCIATE_NAME, model.version
        out.append(Relation("associate", a.name, b.name, ev))
    return out


#: how much more mean score a group needs each time it doubles: a long list of accused
#: all acting together is rarer than two, and a wrong long group costs a pair per two
GROUP_GROWTH = 0.05


def linked_groups(scores: dict[tuple[int, int], float], threshold: float) -> list[tuple[int, int]]:
    """Every pair (i < j) within the groups that average linkage makes of the scored pairs.

    Two groups join while the mean score over all their cross pairs (an unscored pair
    counts 0) reaches ``threshold`` + :data:`GROUP_GROWTH` x log2(size / 2), size being
    that of the joined group; the join with the widest margin goes first. The people the
    text joins act as one group (in the annotated articles 45 of 48 groups of associates
    are complete, every two of them a pair), so a group is closed; but one strong pair no
    longer pulls two groups together, as a closure of the pairs above a threshold did.

    Cross-validated (5-fold, seed 0), associate precision / recall / F1 over the 200
    articles: 0.51 / 0.32 / 0.40 for the closure at 0.85; 0.52 / 0.41 / 0.46 for average
    linkage at 0.7 with no growth (dev articles 0.37, one list of eleven victims taken as
    accused gave 30 false pairs), 0.62 / 0.37 / 0.47 with growth 0.05 (dev articles 0.47)."""
    members = sorted({x for pair in scores for x in pair})
    groups: dict[int, list[int]] = {x: [x] for x in members}
    # the summed scores between every two groups, kept up to date as groups join, so
    # that a long list of accused costs a square per join, not a cube
    cross: dict[int, dict[int, float]] = {x: {} for x in members}
    for (i, j), v in scores.items():
        cross[i][j] = cross[i].get(j, 0.0) + v
        cross[j][i] = cross[j].get(i, 0.0) + v

    def margin(a: int, b: int) -> float:
        size = len(groups[a]) + len(groups[b])
        need = threshold + GROUP_GROWTH * math.log2(size / 2)
        return cross[a].get(b, 0.0) / (len(groups[a]) * len(groups[b])) - need

    while len(groups) > 1:
        best, at = 0.0, None
        keys = sorted(groups)
        for n, a in enumerate(keys):
            for b in keys[n + 1 :]:
                s = margin(a, b)
                if s >= best and (at is None or s > best):
                    best, at = s, (a, b)
        if at is None:
            break
        a, b = at
        groups[a] = sorted(groups[a] + groups.pop(b))
        for k, v in cross.pop(b).items():
            if k != a:
                cross[a][k] = cross[a].get(k, 0.0) + v
                cross[k][a] = cross[k].get(a, 0.0) + v
            cross[k].pop(b, None)
        cross[a].pop(a, None)
    return sorted((i, j) for g in groups.values() for k, i in enumerate(g) for j in g[k + 1 :])


def _pronoun_partners(doc: Doc, clusters: list[Cluster]) -> list[Relation]:
    """``उसके साथी Y`` / ``उसके दो साथियों A और B``: the partners of the accused the pronoun
    refers to (:func:`_possessor`), when no name stands before the pronoun in the clause (the
    affiliation rules read "X और उसके साथी Y")."""
    partners = affiliation_words().partners
    text = doc.text
    by_span = {id(m): c for c in clusters for m in c.mentions}
    mentions = sorted((m for c in clusters for m in c.mentions), key=lambda s: s.nstart)
    lists = {lst[0].nstart: lst for lst in name_lists(text, mentions)}
    out: list[Relation] = []
    for m in mentions:
        sent = doc.sentence_at(m.nstart)
        lo = max(m.nstart - 40, sent.start if sent is not None else 0)
        words = [fold_for_match(w) for w in text[lo : m.nstart].split()]
        if len(words) >= 3 and (words[-2].isdigit() or words[-2] in NUMBER_WORDS):
            words = words[:-2] + words[-1:]  # "उसके दो साथियों"
        if len(words) < 2 or words[-1] not in partners or words[-2] not in POSSESSIVE_PRONOUNS:
            continue
        if len(words) >= 3 and words[-3] in JOINERS:
            continue  # "X और उसके साथी Y": read by the affiliation rules
        host = _possessor(doc, clusters, m, words[-2])
        if host is None or "accused" not in host.roles:
            continue
        for y in lists.get(m.nstart, [m]):
            c = by_span[id(y)]
            if c is not host:
                out.append(Relation("associate", host.name, c.name, [Evidence.of(y)]))
    return out


#: number words that may stand between a possessive and a partner noun
NUMBER_WORDS = frozenset(["दो", "तीन", "चार", "पांच", "छह", "सात", "आठ", "कई", "अन्य"])


def _share_accusation(clusters: list[Cluster], joined: list[Relation]) -> None:
    """People the text says acted together ("X ने अपने साथी Y के साथ मिलकर") share the
    accusation: an associate the rules gave no role of their own is accused with the
    other (over what the role model guessed for them)."""
    by_name = {c.name: c for c in clusters}
    for r in joined:
        if r.type != "associate":
            continue
        a, b = by_name.get(r.head), by_name.get(r.tail)
        if a is None or b is None:
            continue
        for x, y in ((a, b), (b, a)):
            # the rules' joint act outweighs the role model's guess for a person with no cue
            if "accused" in x.roles and set(y.rule_roles) <= {"other"}:
                y.roles = ["accused"]


def _with_namesakes(clusters: list[Cluster], namesakes: list[Span], text: str) -> list[Cluster]:
    """Gang namesakes (:func:`jaanch.facts.affiliations.gang_namesakes`) join the person
    whose name they write word for word, else are people of their own; ``X उर्फ Y गैंग``
    is one person and an alias. A first name alone joins no one: "सुनील उर्फ टिल्लू गैंग"
    is no gang of inspector सुनील शर्मा."""
    prev: tuple[Span, Cluster] | None = None
    for s in sorted(namesakes, key=lambda x: x.nstart):
        words = name_words(s.text)
        if prev is not None and fold_for_match(text[prev[0].nend : s.nstart]).strip() in (
            context().alias_markers
        ):
            prev[1].alias_mentions.append(s)
            prev = (s, prev[1])
            continue
        target = next((c for c in clusters if words in c.words()), None)
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.mentions.append(s)
        prev = (s, target)
    clusters.sort(key=lambda c: min(m.start for m in c.mentions + c.alias_mentions))
    return clusters


def build_people(
    doc: Doc,
    crimes: set[str] | None = None,
    models: PeopleModels | None = None,
) -> tuple[list[Person], list[Relation], list[Cluster]]:
    """The people of an article, their relations, and the clusters of mentions they were
    read from; ``models``: the learned parts (the rules alone where one is None)."""
    models = models or PeopleModels()
    persons = run_on_names(doc)
    namesakes = gang_namesakes(doc, persons)
    clusters = _with_namesakes(cluster_people(doc, persons), namesakes, doc.text)
    assign_designations(doc, clusters)
    assign_roles(doc, clusters, crimes)
    for c in clusters:
        c.rule_roles = list(c.roles)
    if models.person_check is not None:
        clusters = checked_people(doc, clusters, crimes, models.person_check)
    if models.roles is not None:
        learned_roles(doc, clusters, crimes, models.roles)
    relations: list[Relation] = []
    for c in clusters:
        for a in c.aliases:
            relations.append(
                Relation("alias", c.name, a, [Evidence.of(s) for s in c.alias_mentions])
            )
    kin = kin_relations(doc, clusters)
    relations.extend(kin)
    owner = {m.nstart: c.name for c in clusters for m in c.mentions + c.alias_mentions}
    joined = affiliation_relations(doc, owner, doc.spans_of("ORG"), namesakes)
    joined += _pronoun_partners(doc, clusters)
    relations.extend(joined)
    _share_accusation(clusters, joined)
    if models.associates is not None:
        relations.extend(learned_associates(doc, clusters, relations, models.associates))
    by_name = {c.name: c for c in clusters}
    for r in kin:
        for end in (r.tail, r.head):
            kin_of = by_name.get(end)
            if kin_of is not None and kin_of.roles == ["other"]:
                kin_of.roles = ["relative"]
    for c in clusters:
        if c.posted_at is not None and "official" in c.roles:
            place = " ".join(c.posted_at.text.split())
            ev = [Evidence.of(x) for x in (c.designation_span, c.posted_at) if x is not None]
            relations.append(Relation("posted_at", c.name, place, ev))
    people = [
        Person(
            name=c.name,
            aliases=c.aliases,
            roles=c.roles,
            designation=c.designation,
            latin=english_name(c.name),
            evidence=[
                Evidence.of(m) for m in sorted(c.mentions + c.alias_mentions, key=lambda s: s.start)
            ],
        )
        for c in clusters
    ]
    return people, _dedupe(relations), clusters
