"""Crime-type and police/legal-action cues, and the article-level code lists they give.

Two recognisers read the cue lexicons ``crime_cues.tsv`` and ``action_cues.tsv``:

* ``crime_cues`` emits ``CRIME_CUE`` spans, ``action_cues`` emits ``ACTION_CUE`` spans;
* each span's value is ``{"code", "strength", "negated", "hypothetical", "tag",
  "subsumed_by", "rule"}``; ``negated`` / ``hypothetical`` come from
  :func:`jaanch.recognise.modality.modality`.

Patterns are regular expressions matched on a folded copy of ``doc.text`` (nukta dropped,
chandrabindu folded to anusvara, ASCII lower-cased) whose offsets map back to ``doc.text``.
In a pattern a space stands for a run of spaces or hyphens, ``_`` for an optional one and
``<w>`` for one intervening word.

:func:`article_codes` turns the spans into the article's ``crimes`` and ``actions``:
negated and hypothetical cues are dropped, a weak cue needs a confirming context or a
second cue of the same code, and a cue tagged as subsumed (a beating in a
beaten-to-death story) gives way. :func:`crimes_for_section` reads ``section_crimes.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv
from jaanch.recognise.base import register
from jaanch.types import Span

NUKTA = "\u093c"
CHANDRABINDU = "\u0901"
ANUSVARA = "\u0902"
_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})

#: a Devanagari letter or mark, or a Latin letter / digit: what continues a word
_WCH = r"[\u0900-\u0963\u0971-\u097fA-Za-z0-9]"
_LEFT = rf"(?<!{_WCH})"
_RIGHT = rf"(?!{_WCH})"
_SEP = r"[\s\-–—]+"
_OPT_SEP = r"[\s\-–—]*"
_NONSPACE = r"[^\s।|!?,;]"
_GAP = rf"(?:{_NONSPACE}+{_SEP})"
#: characters either side of a match in which ``exclude`` is looked for
_EXCLUDE_WINDOW = 60


def fold(text: str) -> str:
    """Character-for-character fold: nukta dropped, chandrabindu to anusvara, ASCII
    lower-cased. (Only the nukta changes the length.)"""
    return text.replace(NUKTA, "").replace(CHANDRABINDU, ANUSVARA).translate(_LOWER)


def fold_pattern(pattern: str) -> str:
    """Fold the Devanagari of a regex pattern like :func:`fold` (case is left alone so
    that ``\\S`` stays ``\\S``; patterns are compiled case-insensitively)."""
    return pattern.replace(NUKTA, "").replace(CHANDRABINDU, ANUSVARA)


def compile_pattern(pattern: str, kind: str = "word") -> re.Pattern[str]:
    """Compile a lexicon pattern (see the module docstring) for the folded text."""
    p = fold_pattern(pattern).replace("<w>", "\x00")
    p = p.replace(r"\S", "\x01")
    p = p.replace(" ", "\x02").replace("_", "\x03")
    p = p.replace("\x00", _GAP).replace("\x01", _NONSPACE)
    p = p.replace("\x02", _SEP).replace("\x03", _OPT_SEP)
    # a prefix match runs on to the end of its word (the span covers the inflection)
    right = _RIGHT if kind == "word" else f"{_WCH}*"
    return re.compile(f"{_LEFT}(?:{p}){right}", re.IGNORECASE)


def _context(pattern: str) -> re.Pattern[str] | None:
    if not pattern:
        return None
    p = fold_pattern(pattern).replace(r"\S", _NONSPACE).replace(" ", _SEP).replace("_", _OPT_SEP)
    return re.compile(p, re.IGNORECASE)


@dataclass(frozen=True)
class CueRule:
    codes: tuple[str, ...]
    regex: re.Pattern[str]
    strength: str
    requires: re.Pattern[str] | None
    confirm: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    tag: str
    subsumed_by: str
    modality: str
    index: int


@cache
def load_rules(name: str) -> tuple[CueRule, ...]:
    """The rules of one cue lexicon (``crime_cues.tsv`` or ``action_cues.tsv``)."""
    rules = []
    for i, r in enumerate(load_tsv(name)):
        codes = tuple(c.strip() for c in r["code"].split(",") if c.strip())
        rules.append(
            CueRule(
                codes=codes,
                regex=compile_pattern(r["pattern"], r.get("kind") or "word"),
                strength=r.get("strength") or "strong",
                requires=_context(r.get("requires", "")),
                confirm=_context(r.get("confirm", "")),
                exclude=_context(r.get("exclude", "")),
                tag=r.get("tag", ""),
                subsumed_by=r.get("subsumed_by", ""),
                modality=r.get("modality") or "full",
                index=i,
            )
        )
    return tuple(rules)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`fold` of ``text`` plus, for each folded character (and the end), its index
    in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch == NUKTA:
            continue
        chars.append(fold(ch))
        origin.append(i)
    origin.append(len(text))
    return "".join(chars), origin


@dataclass
class _Candidate:
    rule: CueRule
    start: int  # offsets in doc.text
    end: int
    strength: str


def _anchored_inside(inner: _Candidate, outer: _Candidate) -> bool:
    """``inner`` lies inside the longer ``outer`` and shares its start or its end
    (``हत्या`` in ``हत्या का प्रयास``, ``घायल`` in ``गोली मारकर घायल``), or anywhere
    inside it when both give the same code (``एफआईआर`` in ``केस की एफआईआर दर्ज``)."""
    if inner is outer or outer.end - outer.start <= inner.end - inner.start:
        return False
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    if set(inner.rule.codes) <= set(outer.rule.codes):
        return True  # the same code inside its own longer cue says nothing new
    return inner.start == outer.start or inner.end == outer.end


def find_cues(doc: Doc, lexicon: str) -> list[_Candidate]:
    cached = doc.__dict__.get("_cue_fold")
    if cached is None:
        cached = doc.__dict__["_cue_fold"] = fold_with_map(doc.text)
    folded, origin = cached
    sent_cache: dict[int, str] = {}
    cands: list[_Candidate] = []
    for rule in load_rules(lexicon):
        for m in rule.regex.finditer(folded):
            if m.end() <= m.start():
                continue
            ns, ne = origin[m.start()], origin[m.end() - 1] + 1
            sent = doc.sentence_at(ns)
            if sent is not None:
                if sent.start not in sent_cache:
                    sent_cache[sent.start] = fold(sent.text)
                stext = sent_cache[sent.start]
            else:
                stext = fold(doc.text[max(0, ns - 200) : ne + 200])
            if rule.requires is not None and not rule.requires.search(stext):
                continue
            if rule.exclude is not None:
                lo = max(0, m.start() - _EXCLUDE_WINDOW)
                if sent is not None:
                    s_lo = _folded_index(origin, sent.start)
                    s_hi = _folded_index(origin, sent.end)
                    lo = max(lo, s_lo)
                    hi = min(m.end() + _EXCLUDE_WINDOW, s_hi)
                else:
                    hi = m.end() + _EXCLUDE_WINDOW
                if rule.exclude.search(folded[lo:hi]):
                    continue
            strength = rule.strength
            if strength == "weak" and rule.confirm is not None and rule.confirm.search(stext):
                strength = "strong"
            cands.append(_Candidate(rule, ns, ne, strength))
    # drop a cue that is the head or tail of a longer cue, and exact duplicates
    keep: list[_Candidate] = []
    for c in cands:
        if any(_anchored_inside(c, o) for o in cands):
            continue
        if any(
            k.start == c.start and k.end == c.end and set(k.rule.codes) == set(c.rule.codes)
            for k in keep
        ):
            continue
        keep.append(c)
    keep.sort(key=lambda c: (c.start, c.end))
    return keep


def _folded_index(origin: list[int], npos: int) -> int:
    """The first folded index whose origin is at or after ``npos``."""
    lo, hi = 0, len(origin) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if origin[mid] < npos:
            lo = mid + 1
        else:
            hi = mid
    return lo


class CueRecogniser:
    """Shared machinery of the crime and action cue recognisers."""

    name = "cues"
    version = "1.0"
    lexicon = ""
    label = ""
    kind = "action"

    def __call__(self, doc: Doc) -> list[Span]:
        from jaanch.recognise.modality import modality

        out: list[Span] = []
        for c in find_cues(doc, self.lexicon):
            if c.rule.modality == "none":
                negated, hypothetical = False, False
            else:
                negated, hypothetical = modality(doc.text, c.start, c.end, kind=self.kind)
                if c.rule.modality == "neg":
                    hypothetical = False
            for code in c.rule.codes:
                out.append(
                    doc.make_span(
                        c.start,
                        c.end,
                        self.label,
                        self.name,
                        self.version,
                        value={
                            "code": code,
                            "strength": c.strength,
                            "negated": negated,
                            "hypothetical": hypothetical,
                            "tag": c.rule.tag,
                            "subsumed_by": c.rule.subsumed_by,
                            "rule": c.rule.index,
                        },
                    )
                )
        return out


class CrimeCues(CueRecogniser):
    name = "crime_cues"
    version = "1.1"
    lexicon = "crime_cues.tsv"
    label = "CRIME_CUE"
    kind = "crime"


class ActionCues(CueRecogniser):
    name = "action_cues"
    version = "1.0"
    lexicon = "action_cues.tsv"
    label = "ACTION_CUE"
    kind = "action"


@register("crime_cues")
def crime_cues() -> CrimeCues:
    return CrimeCues()


@register("action_cues")
def action_cues() -> ActionCues:
    return ActionCues()


Coded = list[tuple[str, list[Span]]]


def select_codes(spans: list[Span]) -> Coded:
    """Article codes from cue spans: ``[(code, evidence spans)]`` in order of first
    mention. Negated and hypothetical cues are left out; a weak cue counts only with a
    cue of its code from another lexicon row; a cue subsumed by a tagged cue of the article gives way."""
    live = [s for s in spans if not s.value.get("negated") and not s.value.get("hypothetical")]
    tags = {s.value.get("tag") for s in live if s.value.get("tag")}
    live = [s for s in live if s.value.get("subsumed_by") not in tags]
    by_code: dict[str, list[Span]] = {}
    for s in sorted(live, key=lambda s: (s.nstart, s.nend)):
        by_code.setdefault(s.value["code"], []).append(s)
    out: Coded = []
    for code, ev in by_code.items():
        strong = any(s.value.get("strength") == "strong" for s in ev)
        # two weak cues confirm each other only when they are different expressions
        rules = {s.value.get("rule") for s in ev}
        if strong or len(rules) >= 2:
            out.append((code, ev))
    out.sort(key=lambda x: min(s.nstart for s in x[1]))
    return out


def article_codes(doc: Doc) -> tuple[Coded, Coded]:
    """``(crimes, actions)`` of the article, each ``[(code, evidence spans)]`` in order of
    first mention. Uses the doc's ``CRIME_CUE`` / ``ACTION_CUE`` spans when the
    recognisers have run, else runs them."""
    crime_spans = doc.spans_of("CRIME_CUE") if "crime_cues" in doc.ran else CrimeCues()(doc)
    action_spans = doc.spans_of("ACTION_CUE") if "action_cues" in doc.ran else ActionCues()(doc)
    return select_codes(crime_spans), select_codes(action_spans)


@cache
def _section_table() -> dict[tuple[str, str], str]:
    return {(r["act"], r["section"]): r["crime"] for r in load_tsv("section_crimes.tsv")}


def crimes_for_section(act: str, section: str | None) -> str | None:
    """The crime code a legal section implies (``("IPC", "302")`` -> ``"murder"``), or the
    act alone (``("NDPS", None)`` -> ``"drug_trafficking"``); None when unknown."""
    table = _section_table()
    sec = (section or "").replace(" ", "").upper()
    if sec:
        for key in (sec, re.sub(r"\(.*$", "", sec), re.sub(r"[A-Z]+$", "", sec)):
            if (act, key) in table:
                return table[(act, key)]
    return table.get((act, ""))
