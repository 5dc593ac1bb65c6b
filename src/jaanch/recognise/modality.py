"""Negation and modality of a cue: is the crime or action it names denied, or only
conditional, intended, demanded or in the future?

``modality(doc_text, start, end)`` looks at the clause around the cue ``doc_text[start:end]``
(bounded by danda, comma, line break or a conjunction such as ``लेकिन`` / ``जबकि``):

* negated: a negation word right after the cue's verb group (``दर्ज नहीं किया गया``,
  ``कोई घायल नहीं हुआ``, ``केस दर्ज न कराया जाए``), ``बिना`` before it, or a denial
  (``पिटाई से इनकार``, ``आरोपों को खारिज``);
* hypothetical: a condition before the cue whose consequence marker ``तो`` has not yet come
  (``अगर किसी ने शिकायत की तो ...``: the complaint is hypothetical, what follows ``तो`` is
  judged on its own), a future / subjunctive / modal verb form in the cue's verb group
  (``गिरफ्तार किया जाएगा``, ``बरामदगी की जाएगी``, ``गिरफ्तार करो``), and, for actions, a
  purpose, attempt or demand (``गिरफ्तारी की मांग``, ``पूछताछ करने की तैयारी``,
  ``गिरफ्तार करने के लिए गई``).

The words are data: ``lexicons/modality.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from jaanch.lexicons import load_tsv
from jaanch.recognise.cues import fold, fold_pattern

#: clause-ending punctuation (a full stop only before a space or the end)
_PUNCT = r"[।॥|!?;,:\n\"“”]|\.(?=\s|$)"
_TOKEN_RE = re.compile(r"[\u0900-\u0963\u0971-\u097fA-Za-z0-9]+|\S")
#: how far (characters) to look for the clause around a cue
_WINDOW = 320
#: at most this many tokens after the cue are read for its verb group
_MAX_SCAN = 14


@dataclass(frozen=True)
class _Lexicon:
    boundary: re.Pattern[str]
    neg: frozenset[str]
    neg_before: frozenset[str]
    not_neg: frozenset[str]
    denial: tuple[re.Pattern[str], ...]
    cond: re.Pattern[str] | None
    cond_end: re.Pattern[str]
    future: re.Pattern[str]
    verb: frozenset[str]
    conj: frozenset[str]
    stop: frozenset[str]
    intent: tuple[re.Pattern[str], ...]
    hyp_after: tuple[re.Pattern[str], ...]


def _words(rows: list[dict[str, str]], typ: str) -> frozenset[str]:
    out: set[str] = set()
    for r in rows:
        if r["type"] == typ:
            out.update(fold(w) for w in r["pattern"].split("|") if w)
    return frozenset(out)


def _alt(rows: list[dict[str, str]], typ: str) -> str:
    parts = [fold_pattern(r["pattern"]) for r in rows if r["type"] == typ]
    return "|".join(f"(?:{p})" for p in parts)


def _word_re(alternation: str) -> re.Pattern[str]:
    """Whole-word match of an alternation (Devanagari marks count as word characters)."""
    w = r"[\u0900-\u0963\u0971-\u097fA-Za-z0-9]"
    return re.compile(rf"(?<!{w})(?:{alternation})(?!{w})", re.IGNORECASE)


@cache
def _lexicon(kind: str) -> _Lexicon:
    rows = [r for r in load_tsv("modality.tsv") if r.get("applies", "both") in ("both", kind)]

    def pats(typ: str) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(fold_pattern(r["pattern"]), re.IGNORECASE) for r in rows if r["type"] == typ
        )

    cond_alt = _alt(rows, "cond")
    return _Lexicon(
        boundary=re.compile(rf"{_PUNCT}|{_word_re(_alt(rows, 'boundary')).pattern}"),
        neg=_words(rows, "neg"),
        neg_before=_words(rows, "neg_before"),
        not_neg=_words(rows, "not_neg"),
        denial=pats("denial"),
        cond=_word_re(cond_alt) if cond_alt else None,
        cond_end=_word_re(_alt(rows, "cond_end")),
        future=re.compile(rf"(?:{_alt(rows, 'future')})"),
        verb=_words(rows, "verb"),
        conj=_words(rows, "conj"),
        stop=_words(rows, "stop"),
        intent=pats("intent"),
        hyp_after=pats("hyp_after"),
    )


def clause_bounds(text: str, start: int, end: int, kind: str = "action") -> tuple[int, int]:
    """Start and end offsets of the clause containing ``text[start:end]``."""
    lex = _lexicon(kind)
    lo = max(0, start - _WINDOW)
    cs = lo if lo > 0 else 0
    for m in lex.boundary.finditer(text, lo, start):
        cs = m.end()
    ce = min(len(text), end + _WINDOW)
    m2 = lex.boundary.search(text, end, ce)
    if m2:
        ce = m2.start()
    return cs, ce


def _is_future(lex: _Lexicon, tok: str) -> bool:
    return lex.future.fullmatch(tok) is not None


def modality(doc_text: str, start: int, end: int, *, kind: str = "action") -> tuple[bool, bool]:
    """``(negated, hypothetical)`` for the cue ``doc_text[start:end]``.

    ``kind`` is ``"action"`` (purpose, attempt and demand make a cue hypothetical) or
    ``"crime"`` (they do not: ``रिश्वत मांगी`` is a bribe demanded, ``चोरी का प्रयास`` an
    attempted theft; but ``हत्या की धमकी`` is no murder).
    """
    lex = _lexicon(kind)
    cs, ce = clause_bounds(doc_text, start, end, kind)
    before = fold(doc_text[cs:start])
    after = fold(doc_text[end:ce]).lstrip()
    toks_after = _TOKEN_RE.findall(after)
    toks_before = _TOKEN_RE.findall(before)

    # ---- negation
    negated = False
    for i, tok in enumerate(toks_after[:6]):
        if tok in lex.neg:
            nxt = toks_after[i + 1] if i + 1 < len(toks_after) else ""
            if nxt not in lex.not_neg:
                negated = True
            break
        if tok in lex.verb or tok in lex.stop:
            continue
        break
    if not negated:
        # a negation inside a multi-word cue ('जानकारी नहीं दी')
        inside = _TOKEN_RE.findall(fold(doc_text[start:end]))
        for i, tok in enumerate(inside[1:], 1):
            nxt = inside[i + 1] if i + 1 < len(inside) else ""
            if tok in lex.neg and nxt not in lex.not_neg:
                negated = True
    if not negated and any(t in lex.neg_before for t in toks_before[-3:]):
        negated = True
    if not negated and any(p.search(after) for p in lex.denial):
        negated = True

    # ---- hypothetical
    hypothetical = False
    if lex.cond is not None:
        last = None
        for m in lex.cond.finditer(before):
            last = m
        if last is not None and not lex.cond_end.search(before, last.end()):
            hypothetical = True
    if not hypothetical:
        conj_mode = False
        scan = toks_after[:_MAX_SCAN]
        for i, tok in enumerate(scan):
            if _is_future(lex, tok):
                hypothetical = True
                break
            if tok in lex.stop:
                # 'दिया जाएगा', 'दिया जाना चाहिए': a future form may still follow
                for nxt in scan[i + 1 : i + 3]:
                    if _is_future(lex, nxt):
                        hypothetical = True
                        break
                    if nxt not in lex.verb:
                        break
                break
            if i == 0 and tok in lex.conj:
                conj_mode = True
                continue
            if tok in lex.verb or conj_mode:
                continue
            break
    if not hypothetical and any(p.search(after) for p in lex.intent + lex.hyp_after):
        hypothetical = True
    return negated, hypothetical
