"""Acts and legal sections: ``आर्म्स एक्ट``, ``धारा 302``, ``धारा 147, 148, 149 व 307``,
``आईपीसी की धारा 376``, ``धारा 3/25 आर्म्स एक्ट``, ``बीएनएस की धारा 103(1)``,
``307 आईपीसी``, ``पॉक्सो एक्ट की धारा 3/4``.

Label ``LAW``; value ``{"laws": [{"act": CODE | None, "section": str | None}, ...],
"act_hint": CODE | None}``. One span carries every section of one reference. A section
with no act attached (``धारा 302``) has ``act`` None: which penal code it belongs to is
decided per article by :func:`resolve_laws` (BNS after 1 July 2024, IPC before), helped by
``act_hint`` (``CRPC`` for the prohibitory order ``धारा 144``; ``IPC`` for section
numbers BNS does not have, such as ``498A`` or ``420``). A named act with no section gives
``{"act": CODE, "section": None}``. Vague words (``कानून``, ``केस``, ``गंभीर धाराओं``)
are not LAW.

Sections are kept as written without spaces; Devanagari letter names become Latin
letters (``498ए`` -> ``498A``, ``353(1)(बी)`` -> ``353(1)(b)``).

Act names are data: ``lexicons/acts.tsv``. The IPC <-> BNS table is
``lexicons/ipc_bns.tsv`` (built by ``scripts/build_ipc_bns.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv, load_yaml
from jaanch.recognise.base import register
from jaanch.types import Span

# ---------------------------------------------------------------- act names

#: a letter or mark of a Devanagari word (not danda), or a Latin letter / digit
_WORD = r"\u0900-\u0963\u0966-\u097fA-Za-z0-9"
_LEFT = rf"(?<![{_WORD}])"
_RIGHT_DEV = r"(?![\u0900-\u0963\u0971-\u097fA-Za-z])"

NUKTA = "\u093c"


def _is_consonant(ch: str) -> bool:
    return "\u0915" <= ch <= "\u0939"


def act_key(text: str) -> str:
    """Comparison key of an act name: no nukta, ँ -> ं, ऐक्ट -> एक्ट, no joiners, lower."""
    s = text.replace(NUKTA, "").replace("\u0901", "\u0902").replace("ऐक्ट", "एक्ट")
    s = re.sub(r"(?<=[\u0900-\u097f])0", "", s)  # "आई0पी0सी0": 0 for the abbreviation dot
    s = re.sub(r"[\s\-/.()–]+", "", s)
    return s.lower()


def _form_pattern(form: str) -> str:
    """A regex for ``form`` tolerant of nukta, chandrabindu, एक्ट/ऐक्ट and joiners."""
    form = form.replace(NUKTA, "").strip()
    out: list[str] = []
    i = 0
    while i < len(form):
        if form.startswith("एक्ट", i):
            out.append("[एऐ]क्ट")
            i += 4
            continue
        ch = form[i]
        if ch in " -/–":
            while i + 1 < len(form) and form[i + 1] in " -/–":
                i += 1
            out.append(r"[\s\-/–]*")
        elif ch == ".":
            out.append(r"[.0]?\s*")
        elif ch in "()":
            out.append(r"\s*" + re.escape(ch) + r"?\s*")
        elif ch in "\u0901\u0902":
            out.append("[\u0901\u0902]")
        elif _is_consonant(ch):
            out.append(re.escape(ch) + NUKTA + "?")
        elif ch.isascii() and ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class ActForm:
    code: str
    standalone: bool


@dataclass(frozen=True)
class ActLexicon:
    forms: dict[str, ActForm]  # act_key(form) -> form
    pattern: re.Pattern[str]


@cache
def act_lexicon() -> ActLexicon:
    forms: dict[str, ActForm] = {}
    pats: list[tuple[int, str]] = []
    for row in load_tsv("acts.tsv"):
        form, code = row["form"], row["code"]
        if not form or not code:
            continue
        k = act_key(form)
        forms.setdefault(k, ActForm(code, row.get("standalone", "1") != "0"))
        pat = _form_pattern(form)
        if (len(k), pat) not in pats:
            pats.append((len(k), pat))
    pats.sort(key=lambda p: -p[0])
    alternation = "|".join(p for _, p in pats)
    pattern = re.compile(rf"{_LEFT}(?:{alternation}){_RIGHT_DEV}")
    return ActLexicon(forms, pattern)


@dataclass
class ActMatch:
    start: int
    end: int
    code: str
    standalone: bool


#: a year glued to an act name: "अधिनियम 2021", "संहिता-2023", "अधिनियम, 1985"
_YEAR = re.compile(r"\s*[,\-–]?\s*(?:1[89]|20)\d\d(?!\d)")
#: words after an act that needs context (standalone 0) which make it a mention of the law
_LEGAL_CONTEXT = re.compile(
    r"\s*(?:के\s+तहत|के\s+अंतर्गत|के\s+अन्तर्गत|के\s+आरोप|में\s+निरुद्ध|में\s+बंद"
    r"|में\s+(?:मुकदमा|केस|मामला|प्रकरण|कार्रवाई)|की\s+कार्रवाई|लगा|लगाई|लगाया|लगाने|लगाकर|लगेगा|लगेगी)"
)
#: words after an act name that make it the name of a court, not a mention of the law
_COURT = re.compile(r"\s*(?:स्पेशल\s+|विशेष\s+)?(?:कोर्ट|कोर्ट|अदालत|न्यायालय)")


@cache
def _titled_act_pattern() -> re.Pattern[str]:
    """A law's title with its purpose in brackets (``act_titles.yaml``)."""
    d = load_yaml("act_titles.yaml")

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    stop = rf"(?:{alt(d['stop'])}){_RIGHT_DEV}"
    word = rf"(?!{stop})[\u0900-\u0963\u0971-\u097f]+"
    purpose = rf"(?:{alt(d['purposes'])})"
    purposes = rf"{purpose}(?:\s*,\s*{purpose})*(?:\s+(?:{alt(d['conjunctions'])})\s+{purpose})?"
    return re.compile(
        rf"{_LEFT}{word}(?:\s+{word}){{0,3}}\s*\(\s*{purposes}\s*\)\s*(?:{alt(d['heads'])}){_RIGHT_DEV}"
    )


def find_titled_acts(text: str) -> list[ActMatch]:
    """Laws outside the lexicon named by their full title (act ``OTHER``, standalone)."""
    out: list[ActMatch] = []
    for m in _titled_act_pattern().finditer(text):
        end = m.end()
        y = _YEAR.match(text, end)
        out.append(ActMatch(m.start(), y.end() if y else end, "OTHER", True))
    return out


def find_acts(text: str) -> list[ActMatch]:
    lex = act_lexicon()
    out: list[ActMatch] = []
    for m in lex.pattern.finditer(text):
        form = lex.forms.get(act_key(m.group(0)))
        if form is None:  # pragma: no cover - the pattern is built from the forms
            continue
        end = m.end()
        y = _YEAR.match(text, end)
        if y:
            end = y.end()
        out.append(ActMatch(m.start(), end, form.code, form.standalone))
    # a title the lexicon lacks; a listed act inside it wins (it has the right code)
    for t in find_titled_acts(text):
        if not any(a.start < t.end and t.start < a.end for a in out):
            out.append(t)
    out.sort(key=lambda a: a.start)
    # "भारतीय न्याय संहिता (बीएनएस)": the bracketed abbreviation joins the name
    merged: list[ActMatch] = []
    for a in out:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : a.start]
            if re.fullmatch(r"\s*\(\s*", gap) and a.code == prev.code:
                close = re.match(r"\s*\)", text[a.end :])
                if close:
                    prev.end = a.end + close.end()
                    prev.standalone = prev.standalone or a.standalone
                    continue
        merged.append(a)
    return merged


# ---------------------------------------------------------------- sections

#: Devanagari names of Latin letters, as used in section numbers (498ए, 120बी, 3(1)(डी))
LETTER_NAMES = {
    "ए": "A",
    "बी": "B",
    "सी": "C",
    "डी": "D",
    "ई": "E",
    "एफ": "F",
    "जी": "G",
    "एच": "H",
    "आई": "I",
    "जे": "J",
    "एल": "L",
    "एम": "M",
    "एन": "N",
    "ओ": "O",
    "पी": "P",
    "आर": "R",
    "एस": "S",
    "टी": "T",
    "यू": "U",
    "वी": "V",
    "एक्स": "X",
    "वाई": "Y",
    "जेड": "Z",
}
_LN = "|".join(sorted(LETTER_NAMES, key=len, reverse=True))
#: letter names that may follow a number after a space or hyphen ("120 बी", "498-ए")
_LN_SPACED = "ए|बी|सी|डी|ई|एफ|जी|एच|एन|एल|एम"
_NOT_DEV = r"(?![\u0900-\u0963\u0971-\u097f])"
_PAREN = rf"\s?\(\s?(?:\d{{1,3}}|[a-zA-Z]{{1,4}}|(?:{_LN}){_NOT_DEV}|[\u0915-\u0939])\s?\)"
SECTION = (
    r"\d{1,3}(?![.:]\d)(?!\d)"
    rf"(?:[A-Z]{{1,2}}(?![A-Za-z])|(?:{_LN}){{1,2}}{_NOT_DEV}"
    rf"|[\s\-](?:[A-HJ-Z](?![A-Za-z])|(?:{_LN_SPACED}){{1,3}}{_NOT_DEV}))?"
    rf"(?:{_PAREN})*"
    rf"(?:(?<=\))\s?(?:{_LN_SPACED}){_NOT_DEV}|\s(?:{_LN_SPACED}){_NOT_DEV})?"
)
_SECTION_RE = re.compile(SECTION)

#: the word for "section" (not धार the district, not विचारधारा / आधार)
DHARA = (
    r"(?:धाराओं|धाराएं|धाराएँ|धाराऐं|धारायें|धाराएे|धाराए|धारा|दफा|सेक्शन|[Ss]ections?|[Ss]ec\."
    r"|[Uu]/[Ss]\.?)"
)
_DHARA_RE = re.compile(rf"{_LEFT}{DHARA}{_RIGHT_DEV}\s*[-:]?\s*")
_CONJ = r"(?:व|और|एवं|एंव|तथा|or|and)"
_SEP_RE = re.compile(
    rf"\s*(?:[,/\\&]|[-–](?!\s*\d{{4}})|{_CONJ}(?=\s))\s*(?:{_LEFT}{DHARA}{_RIGHT_DEV}\s*[-:]?\s*)?"
)
_CONJ_RE = re.compile(rf"\s*{_CONJ}\s")
#: between a prefix act and "धारा": "आईपीसी की धारा", "अधिनियम की संबंधित धाराओं"
_LINK_RE = re.compile(
    r"\s*\)?\s*(?:की|के|का)?\s*(?:(?:सुसंगत|संबंधित|सम्बंधित|संबधित|विभिन्न|अन्य|गंभीर|प्रासंगिक)\s*)?"
)
#: a number after व/और that counts things rather than naming a section
_COUNTING = re.compile(
    r"\s*(?:हजार|हज़ार|लाख|करोड़|रुपये|रुपए|रु\.|साल|वर्ष|दिन|माह|महीने|महीनों|घंटे|बजे|लोग|लोगों"
    r"|आरोपी|आरोपियों|आरोपितों|अन्य|व्यक्ति|युवक|युवकों|किलो|ग्राम|लीटर|मामले|मामलों|मुकदमे"
    r"|मुकदमों|केस|प्रतिशत|%|नंबर|बार|अभियुक्त)"
    rf"{_RIGHT_DEV}"
)
#: "धारा 370" / "35ए" of the Constitution (Kashmir), not IPC 370 (trafficking)
_CONSTITUTION_SECTIONS = {"370", "35A"}
_CONSTITUTION_CONTEXT = re.compile(r"कश्मीर|निरस्त|हटा|खत्म|अनुच्छेद|संविधान|विशेष\s+दर्जा")
#: sections that, named bare, are the CrPC prohibitory / preventive provisions
CRPC_BARE = {"144", "151", "107", "116"}
BNS_MAX_SECTION = 358


def section_value(raw: str) -> str:
    """``498 ए`` -> ``498A``; ``353(1)(बी)`` -> ``353(1)(b)``; ``115 (2)`` -> ``115(2)``."""
    s = re.sub(r"\s+|-", "", raw)
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        for name in sorted(LETTER_NAMES, key=len, reverse=True):
            if s.startswith(name, i):
                letter = LETTER_NAMES[name]
                out.append(letter.lower() if depth else letter)
                i += len(name)
                break
        else:
            if ch.isascii() and ch.isalpha():
                ch = ch.lower() if depth else ch.upper()
            out.append(ch)
            i += 1
    return "".join(out)


@dataclass
class SectionList:
    start: int
    end: int
    sections: list[str]
    #: for each section after the first: (whether it was joined by a word व/और/..., the
    #: end offset of the section before it)
    joins: list[tuple[bool, int]]

    def split_tail(self) -> tuple[SectionList, SectionList] | None:
        """Split before the last word-joined (else comma-joined) section group."""
        cut = None
        for i, (word, _) in enumerate(self.joins):
            if word:
                cut = i
        if cut is None:
            return None
        head_end = self.joins[cut][1]
        k = cut + 1
        return (
            SectionList(self.start, head_end, self.sections[:k], self.joins[:cut]),
            SectionList(head_end, self.end, self.sections[k:], self.joins[k:]),
        )


def parse_sections(text: str, pos: int) -> SectionList | None:
    """The list of sections starting exactly at ``pos`` (``147, 148, 149 व 307``)."""
    m = _SECTION_RE.match(text, pos)
    if not m or _COUNTING.match(text, m.end()):
        return None
    secs = [section_value(m.group(0))]
    joins: list[tuple[bool, int]] = []
    end = m.end()
    while True:
        sep = _SEP_RE.match(text, end)
        if not sep:
            break
        nxt = _SECTION_RE.match(text, sep.end())
        if not nxt:
            break
        if _COUNTING.match(text, nxt.end()) and _CONJ_RE.match(text, end):
            break
        if re.match(r"\d", text[nxt.end() : nxt.end() + 1]):
            break
        secs.append(section_value(nxt.group(0)))
        joins.append((bool(_CONJ_RE.match(text, end)), end))
        end = nxt.end()
    return SectionList(pos, end, secs, joins)


# ---------------------------------------------------------------- recogniser


def act_hint(sections: Iterable[str]) -> str | None:
    """The act a bare list of sections most likely belongs to, where the numbers say."""
    secs = list(sections)
    if secs and all(s in CRPC_BARE for s in secs) and "144" in secs:
        return "CRPC"
    if secs and set(secs) <= {"151", "107", "116"}:
        return "CRPC"
    ipc = ipc_bns_table().ipc_to_bns
    for s in secs:
        m = re.match(r"(\d+)([A-Z]*)", s)
        if m and (m.group(2) or int(m.group(1)) > BNS_MAX_SECTION) and _base(s) in ipc:
            return "IPC"
    return None


@dataclass
class _Ref:
    start: int
    end: int
    laws: list[dict[str, str | None]]
    hint: str | None = None


class LawRecogniser:
    name = "laws"
    version = "1.1"

    def __call__(self, doc: Doc) -> list[Span]:
        text = doc.text
        return [
            doc.make_span(
                r.start,
                r.end,
                "LAW",
                self.name,
                self.version,
                value={"laws": r.laws, "act_hint": r.hint},
            )
            for r in self.refs(text)
        ]

    def refs(self, text: str) -> list[_Ref]:
        acts = find_acts(text)
        act_at = {a.start: a for a in acts}
        used: set[int] = set()  # starts of acts consumed by a reference
        refs: list[_Ref] = []
        cursor = 0

        def postfix(pos: int) -> tuple[ActMatch, int] | None:
            """An act right after a section list: ``302 आईपीसी``, ``163 (नागरिक सुरक्षा संहिता)``."""
            m = re.match(r"\s*(\()?\s*", text[pos:])
            assert m is not None
            a = act_at.get(pos + m.end())
            if a is None:
                return None
            end = a.end
            if m.group(1):
                close = re.match(r"\s*\)", text[end:])
                if not close:
                    return None
                end += close.end()
            return a, end

        def groups_from(sl: SectionList, act: str | None) -> tuple[list[dict[str, Any]], int]:
            """Sections of ``sl`` with ``act`` or a postfix act, plus continued groups."""
            end = sl.end
            pf = postfix(sl.end)
            laws: list[dict[str, Any]] = []
            if pf is not None and act is None:
                a, end = pf
                used.add(a.start)
                act = a.code
            elif pf is not None and pf[0].code != act:
                # "आईपीसी 302/34 व 25 आर्म्स एक्ट": the last group is the later act's
                parts = sl.split_tail()
                if parts is None:
                    pf = None
                else:
                    head, tail = parts
                    a, end = pf
                    used.add(a.start)
                    laws.extend({"act": act, "section": s} for s in head.sections)
                    sl, act = tail, a.code
            elif pf is not None:
                a, end = pf
                used.add(a.start)
            laws.extend({"act": act, "section": s} for s in sl.sections)
            # "धारा 302 आईपीसी व 25 आर्म्स एक्ट": further groups, each with its own act
            while pf is not None:
                sep = _SEP_RE.match(text, end)
                if not sep:
                    break
                sl2 = parse_sections(text, sep.end())
                if sl2 is None:
                    break
                pf = postfix(sl2.end)
                if pf is None:
                    break
                a, end = pf
                used.add(a.start)
                laws.extend({"act": a.code, "section": s} for s in sl2.sections)
            return laws, end

        # 1. references anchored on an act: "आईपीसी की धारा 302", "आईपीसी 302/34"
        for a in acts:
            if a.start < cursor:
                continue
            link = _LINK_RE.match(text, a.end)
            assert link is not None
            d = _DHARA_RE.match(text, link.end())
            sl = None
            if d:
                sl = parse_sections(text, d.end())
            elif re.match(r"\s+\d", text[a.end :]) and not re.match(
                r"\s*(?:की|के|का)\s", text[a.end :]
            ):
                sl = parse_sections(text, a.end + len(text[a.end :]) - len(text[a.end :].lstrip()))
            if sl is None:
                continue
            used.add(a.start)
            laws, end = groups_from(sl, a.code)
            start = a.start
            # "अपराध दंड संहिता (सीआरपीसी) की धारा 144": keep the brackets balanced
            if link.group(0).lstrip().startswith(")"):
                opening = re.search(r"\(\s*$", text[: a.start])
                start = opening.start() if opening else start
            refs.append(_Ref(start, end, laws))
            cursor = end

        def inside(pos: int) -> bool:
            return any(r.start <= pos < r.end for r in refs)

        # 2. references anchored on "धारा": "धारा 302", "धारा 3/25 आर्म्स एक्ट"
        for d in _DHARA_RE.finditer(text):
            if inside(d.start()):
                continue
            sl = parse_sections(text, d.end())
            if sl is None:
                continue
            laws, end = groups_from(sl, None)
            hint = act_hint(s["section"] for s in laws) if laws[0]["act"] is None else None
            if laws[0]["act"] is None and {x["section"] for x in laws} <= _CONSTITUTION_SECTIONS:
                window = text[max(0, d.start() - 80) : end + 80]
                if _CONSTITUTION_CONTEXT.search(window):
                    hint = "OTHER"
            refs.append(_Ref(d.start(), end, laws, hint))

        # 3. a number list right before an act: "307 आईपीसी", "3/25 आर्म्स एक्ट"
        for a in acts:
            if a.start in used or inside(a.start):
                continue
            lo = max(0, a.start - 60)
            found: tuple[int, SectionList] | None = None
            for m in re.finditer(rf"{_LEFT}\d", text[lo : a.start]):
                start = lo + m.start()
                sl = parse_sections(text, start)
                pf = postfix(sl.end) if sl is not None else None
                if sl is not None and pf is not None and pf[0] is a:
                    found = start, sl
                    break
            if found is None:
                continue
            start, sl = found
            if inside(start) or re.search(r"\d[/.\-]\s*$", text[max(0, start - 3) : start]):
                continue
            used.add(a.start)
            laws, end = groups_from(sl, None)
            refs.append(_Ref(start, end, laws))

        # 4. acts named alone
        for a in acts:
            if a.start in used or inside(a.start):
                continue
            if not a.standalone and not _LEGAL_CONTEXT.match(text, a.end):
                continue
            if _COURT.match(text, a.end):
                continue
            refs.append(_Ref(a.start, a.end, [{"act": a.code, "section": None}]))

        refs.sort(key=lambda r: r.start)
        out: list[_Ref] = []
        for r in refs:
            if out and r.start < out[-1].end:
                continue
            out.append(r)
        return out


@register("laws")
def make_laws() -> LawRecogniser:
    return LawRecogniser()


# ---------------------------------------------------------------- IPC <-> BNS


def _base(section: str) -> str:
    return section.split("(", 1)[0]


@dataclass(frozen=True)
class IpcBnsTable:
    ipc_to_bns: dict[str, tuple[str, ...]]
    bns_to_ipc: dict[str, tuple[str, ...]]
    bns_base_to_ipc: dict[str, tuple[str, ...]]


@cache
def ipc_bns_table() -> IpcBnsTable:
    fwd: dict[str, tuple[str, ...]] = {}
    rev: dict[str, list[str]] = {}
    rev_base: dict[str, list[str]] = {}
    for row in load_tsv("ipc_bns.tsv"):
        ipc = row["ipc"]
        bns = tuple(row["bns"].split())
        fwd[ipc] = bns
        for b in bns:
            for table, k in ((rev, b), (rev_base, _base(b))):
                lst = table.setdefault(k, [])
                if ipc not in lst:
                    lst.append(ipc)
    return IpcBnsTable(
        fwd,
        {k: tuple(v) for k, v in rev.items()},
        {k: tuple(v) for k, v in rev_base.items()},
    )


def _norm_section(section: str) -> str:
    return section_value(section.strip())


def ipc_to_bns(section: str) -> list[str]:
    """BNS counterparts of an IPC section (``302`` -> ``['103(1)']``); [] if none or dropped.

    A subsection the table lacks (``376(2)``) falls back to its base section (``376``)."""
    t = ipc_bns_table()
    s = _norm_section(section)
    if s in t.ipc_to_bns:
        return list(t.ipc_to_bns[s])
    return list(t.ipc_to_bns.get(_base(s), ()))


def bns_to_ipc(section: str) -> list[str]:
    """IPC counterparts of a BNS section (``103(1)`` or ``103`` -> ``['302']``)."""
    t = ipc_bns_table()
    s = _norm_section(section)
    if s in t.bns_to_ipc:
        return list(t.bns_to_ipc[s])
    if "(" not in s:
        return list(t.bns_base_to_ipc.get(s, ()))
    b = _base(s)
    return list(t.bns_to_ipc.get(b, t.bns_base_to_ipc.get(b, ())))


# ---------------------------------------------------------------- article-level laws

BNS_FROM = "2024-07-01"


def default_penal_code(published: str | None, text_hint: str | None = None) -> str:
    """The penal code of a bare section: ``BNS`` for articles from 1 July 2024, else ``IPC``.

    ``text_hint`` (the article text, or any text around the section) decides first when it
    names exactly one of the two codes (``बीएनएस``/``भारतीय न्याय संहिता`` or ``आईपीसी``)."""
    if text_hint:
        codes = {a.code for a in find_acts(text_hint)} & {"IPC", "BNS"}
        if len(codes) == 1:
            return codes.pop()
    if published:
        m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published.strip())
        if m:
            iso = f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}"
            if m.group(2) is None:
                return "BNS" if int(m.group(1)) > 2024 else "IPC"
            return "BNS" if iso >= BNS_FROM else "IPC"
    return "IPC"


def resolve_laws(spans: Iterable[Span], published: str | None) -> list[dict[str, Any]]:
    """Article-level laws from LAW spans: bare sections get their act, duplicates go.

    A bare section takes its ``act_hint`` if it has one, else the penal code the article
    names explicitly (if it names only one of IPC/BNS), else :func:`default_penal_code`.
    IPC entries carry ``"bns"`` (their BNS counterparts), BNS entries ``"ipc"``. An act
    without a section is dropped when the same act also appears with a section."""
    spans = [s for s in spans if s.label == "LAW" and isinstance(s.value, dict)]
    explicit = {
        law["act"]
        for s in spans
        for law in s.value.get("laws", [])
        if law.get("act") in ("IPC", "BNS")
    }
    default = explicit.pop() if len(explicit) == 1 else default_penal_code(published)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str | None]] = set()
    for s in spans:
        hint = s.value.get("act_hint")
        for law in s.value.get("laws", []):
            act = law.get("act") or hint or default
            key = (act, law.get("section"))
            if key in seen:
                continue
            seen.add(key)
            out.append({"act": act, "section": law.get("section")})
    with_section = {d["act"] for d in out if d["section"] is not None}
    out = [d for d in out if d["section"] is not None or d["act"] not in with_section]
    for d in out:
        if d["section"] is None:
            continue
        if d["act"] == "IPC":
            d["bns"] = ipc_to_bns(d["section"])
        elif d["act"] == "BNS":
            d["ipc"] = bns_to_ipc(d["section"])
    return out
