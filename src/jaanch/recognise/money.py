"""Sums of money: ``45 हजार रुपए``, ``सवा दो लाख रुपये``, ``लाखों रुपये``, ``₹500``,
``छह लाख रु.``, and bare ``N हजार/लाख/करोड़`` where the words around say money
(``7 लाख से ज्यादा की छात्रवृत्ति``, ``पांच हजार का इनाम``, ``नकद 48 हजार``).

Label ``MONEY``; value ``{"value": int, "currency": "INR", "approx": bool}``. The span is
the amount with its currency word (``45 हजार रुपए``) or, with no currency word, the amount
alone (``7 लाख``); approximation words (``करीब``, ``से ज्यादा``) stay outside. Vocabulary:
``lexicons/numbers.yaml`` (``currency_*``, ``money_context_*``, ``not_money_after``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv
from jaanch.recognise.base import register
from jaanch.recognise.numbers import (
    CLAUSE_END,
    NumberMatch,
    approx_after_len,
    key,
    lexicon,
    scan_numbers,
)
from jaanch.text.segment import Token
from jaanch.types import Span

#: how many words after a bare amount may hold the money word ("45 हजार बंगले का रेंट")
CONTEXT_WINDOW = 4


@dataclass(frozen=True)
class MoneyLexicon:
    after: dict[str, str]
    after_abbrev: dict[str, str]
    before: dict[str, str]
    context_after: frozenset[str]
    context_before: frozenset[str]
    not_money_after: frozenset[str]


@cache
def money_lexicon() -> MoneyLexicon:
    raw: dict[str, Any] = lexicon().raw

    def kmap(name: str) -> dict[str, str]:
        return {key(str(k)): str(v) for k, v in (raw.get(name) or {}).items()}

    def kset(name: str) -> frozenset[str]:
        return frozenset(key(str(w)) for w in (raw.get(name) or []))

    # people and cases are counted, never paid ("5 हजार लोग"); "other" nouns may be
    # bought or rented ("12 हजार दुकान का रेंट")
    counted = frozenset(
        key(r["noun"]) for r in load_tsv("count_nouns.tsv") if r["category"] in ("person", "case")
    )
    return MoneyLexicon(
        after=kmap("currency_after"),
        after_abbrev=kmap("currency_after_abbrev"),
        before=kmap("currency_before"),
        context_after=kset("money_context_after"),
        context_before=kset("money_context_before"),
        not_money_after=kset("not_money_after") | counted,
    )


@dataclass(frozen=True)
class MoneyMatch:
    start: int
    end: int
    value: int
    currency: str
    approx: bool
    number: NumberMatch


def find_money(tokens: list[Token], text: str) -> list[MoneyMatch]:
    """Money amounts in ``tokens`` of the normalised ``text``."""
    lex = money_lexicon()
    keys = [key(t.text) for t in tokens]
    numbers = scan_numbers(tokens)
    starts = {m.first for m in numbers}
    out: list[MoneyMatch] = []
    for m in numbers:
        if m.dozen:
            continue
        start, end = m.start, m.end
        currency: str | None = None
        nxt = m.last + 1
        # amount + currency word
        if nxt < len(tokens) and (keys[nxt] in lex.after or keys[nxt] in lex.after_abbrev):
            currency = lex.after.get(keys[nxt]) or lex.after_abbrev[keys[nxt]]
            end = tokens[nxt].end
            if (
                keys[nxt] in lex.after_abbrev
                and nxt + 1 < len(tokens)
                and tokens[nxt + 1].text == "."
                and tokens[nxt + 1].start == tokens[nxt].end
            ):
                end = tokens[nxt + 1].end
        # currency symbol + amount: "₹500", "Rs. 500", "रु. 500"
        if currency is None:
            b = m.first - 1
            if b >= 0 and tokens[b].text == "." and b - 1 >= 0 and keys[b - 1] in lex.before:
                b -= 1
            if b >= 0 and keys[b] in lex.before:
                currency = lex.before[keys[b]]
                start = tokens[b].start
        # a bare scaled amount with money words around it
        if (
            currency is None
            and m.scaled
            and m.value >= 1000
            and _money_context(tokens, text, keys, m, starts, lex)
        ):
            currency = "INR"
        if currency is None:
            continue
        out.append(MoneyMatch(start, end, int(round(m.value)), currency, m.approx, m))
    return out


def _money_context(
    tokens: list[Token],
    text: str,
    keys: list[str],
    m: NumberMatch,
    number_starts: set[int],
    lex: MoneyLexicon,
) -> bool:
    nxt = m.last + 1
    if nxt < len(keys) and keys[nxt] in lex.not_money_after:
        return False
    b = m.first - 1
    if b >= 0 and keys[b] in lexicon().approx_before:
        b -= 1
    if b >= 0 and keys[b] in lex.context_before:
        return True
    j = nxt + approx_after_len(keys, nxt)
    seen = 0
    while j < len(keys) and seen < CONTEXT_WINDOW:
        k = keys[j]
        if k in CLAUSE_END or k == "," or j in number_starts:
            return False
        if "\n" in text[tokens[j - 1].end : tokens[j].start]:
            return False
        if k in lex.context_after or k in lex.after:
            return True
        if k in lex.not_money_after:
            return False
        seen += 1
        j += 1
    return False


@register("money")
class MoneyRecogniser:
    """``MONEY`` spans with value ``{"value": int, "currency": str, "approx": bool}``."""

    name = "money"
    version = "1.0"

    def __call__(self, doc: Doc) -> list[Span]:
        return [
            doc.make_span(
                mm.start,
                mm.end,
                "MONEY",
                self.name,
                self.version,
                value={"value": mm.value, "currency": mm.currency, "approx": mm.approx},
            )
            for mm in find_money(doc.tokens, doc.text)
        ]
