"""Dates, years and clock times (label ``DATE``) and relative days (label ``RELDATE``).

``DATE`` spans, as the annotation guidelines mark them:

* day month [year]: ``2 जुलाई 2020``, ``दो जुलाई 2020``, ``15 मई``  -> ``{"iso": "2020-07-02"}``;
  without a year the year of ``article.published`` is used (the year before when that
  would put the date more than a month after publication); with no ``published`` the
  value is ``{"iso": None, "month": 5, "day": 15}``;
* month year: ``दिसंबर 2002`` -> ``{"iso": "2002-12"}``;
* years: ``साल 2018`` / ``वर्ष 2018`` / ``सन 2018`` (the word is in the span) and a bare
  ``2016`` used as a year (``2016 में``) -> ``{"iso": "2018"}``;
* numeric dates ``17.06.2025``, ``17/06/2025``, ``17-06-2025`` -> ``{"iso": "2025-06-17"}``;
* clock times ``12:45 बजे``, ``साढ़े बारह बजे``, ``छह बजे``, ``दो बजकर 15 मिनट`` ->
  ``{"time": "12:45"}`` (a part of day before it moves the hour: ``रात 10 बजे`` = 22:00).

``RELDATE`` spans (not output entities) for weekdays (``मंगलवार को``, ``रविवार तड़के``,
``सोमवार की रात``) and relative days (``बीती रात``, ``कल``, ``आज``, ``परसों``), with value
``{"iso": "YYYY-MM-DD" | None}`` resolved to the most recent such day on or before
``article.published``. Vocabulary: ``lexicons/numbers.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from jaanch.doc import Doc
from jaanch.recognise.base import register
from jaanch.recognise.numbers import CLAUSE_END, NumberMatch, key, lexicon, scan_numbers
from jaanch.text.segment import Token
from jaanch.types import Span

YEAR_RE = re.compile(r"^(19|20)\d\d$")
CLOCK_TOKEN_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$")
AMPM = {"am": 0, "a.m": 0, "pm": 12, "p.m": 12}
#: a day-month date may lie this far after publication before it is read as last year's
FUTURE_SLACK = dt.timedelta(days=31)


@dataclass(frozen=True)
class DateLexicon:
    months: dict[str, int]
    year_words: frozenset[str]
    year_follow: frozenset[str]
    not_year_before: frozenset[str]
    day_parts: dict[str, tuple[int, int, int]]
    weekdays: dict[str, int]
    reldate_after: tuple[tuple[str, ...], ...]
    weekday_before_past: frozenset[str]
    not_relative_after: frozenset[str]
    relative_days: tuple[tuple[tuple[str, ...], int], ...]
    minute_words: frozenset[str]


@cache
def date_lexicon() -> DateLexicon:
    raw: dict[str, Any] = lexicon().raw

    def kset(name: str) -> frozenset[str]:
        return frozenset(key(str(w)) for w in (raw.get(name) or []))

    rel = [
        (tuple(key(str(w)) for w in words), int(days))
        for words, days in (raw.get("relative_days") or [])
    ]
    after = [tuple(key(str(w)) for w in seq) for seq in (raw.get("reldate_after") or [])]
    return DateLexicon(
        months={key(str(k)): int(v) for k, v in (raw.get("months") or {}).items()},
        year_words=kset("year_words"),
        year_follow=kset("year_follow"),
        not_year_before=kset("not_year_before"),
        day_parts={
            key(str(k)): (int(v[0]), int(v[1]), int(v[2]))
            for k, v in (raw.get("day_parts") or {}).items()
        },
        weekdays={key(str(k)): int(v) for k, v in (raw.get("weekdays") or {}).items()},
        reldate_after=tuple(sorted(after, key=len, reverse=True)),
        weekday_before_past=kset("weekday_before_past"),
        not_relative_after=kset("not_relative_after"),
        relative_days=tuple(sorted(rel, key=lambda r: len(r[0]), reverse=True)),
        minute_words=kset("minute_words"),
    )


def published_date(published: str | None) -> dt.date | None:
    """The date part of an ISO ``published`` string, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: dt.date, strict: bool = False) -> dt.date:
    """The most recent ``weekday`` (Monday = 0) on or before ``published`` (before it when
    ``strict``)."""
    delta = (published.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    label: str  # DATE or RELDATE
    value: dict[str, Any]
    first: int
    last: int


class _DateScanner:
    def __init__(self, tokens: list[Token], text: str, published: dt.date | None) -> None:
        self.toks = tokens
        self.text = text
        self.keys = [key(t.text) for t in tokens]
        self.pub = published
        self.lex = date_lexicon()
        self.numbers: dict[int, NumberMatch] = {m.first: m for m in scan_numbers(tokens)}

    # ---------------------------------------------------------------- helpers
    def k(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` touches token ``i + 1``."""
        return 0 <= i < len(self.toks) - 1 and self.toks[i].end == self.toks[i + 1].start

    def year_at(self, i: int) -> int | None:
        if 0 <= i < len(self.toks) and YEAR_RE.match(self.toks[i].text):
            return int(self.toks[i].text)
        return None

    def year_suffix(self, i: int) -> int:
        """Index after a year token ``i``, taking a financial-year tail (``2019-20``)."""
        if (
            self.k(i + 1) in {"-", "–"}
            and self.glued(i)
            and self.glued(i + 1)
            and i + 2 < len(self.toks)
            and re.match(r"^\d{2}$", self.toks[i + 2].text)
        ):
            return i + 3
        return i + 1

    def _wordy(self, i: int) -> bool:
        """Token ``i`` is a word or number (not punctuation)."""
        return 0 <= i < len(self.toks) and self.toks[i].is_word

    def day_at(self, i: int) -> NumberMatch | None:
        m = self.numbers.get(i)
        if m is None or m.scaled or m.fraction or m.dozen:
            return None
        if m.value != int(m.value) or not 1 <= m.value <= 31:
            return None
        return m

    def day_month_year(self, y: int | None, mo: int, d: int) -> dict[str, Any] | None:
        if y is not None:
            day = _valid(y, mo, d)
            return None if day is None else {"iso": day.isoformat()}
        if self.pub is None:
            return {"iso": None, "month": mo, "day": d} if _valid(2000, mo, d) else None
        day = _valid(self.pub.year, mo, d)
        if day is not None and day > self.pub + FUTURE_SLACK:
            day = _valid(self.pub.year - 1, mo, d)
        return None if day is None else {"iso": day.isoformat()}

    # ---------------------------------------------------------------- patterns
    def numeric_date(self, i: int) -> DateMatch | None:
        # "17.06.2025" is one token; "17/06/2025" and "17-06-2025" are five glued ones
        j = i
        s = self.toks[i].text
        while len(s) < 10 and self.glued(j) and j - i < 4:
            j += 1
            s += self.toks[j].text
            if NUMERIC_DATE_RE.match(s):
                break
        if not NUMERIC_DATE_RE.match(s):
            j, s = i, self.toks[i].text
        mt = NUMERIC_DATE_RE.match(s)
        if mt is None or (self.glued(j) and self._wordy(j + 1)):
            return None
        if i > 0 and self.glued(i - 1) and self._wordy(i - 1):
            return None
        d, mo, y = int(mt.group(1)), int(mt.group(3)), int(mt.group(4))
        if y < 100:
            y += 2000
        day = _valid(y, mo, d)
        if day is None:
            return None
        return self._m(i, j, "DATE", {"iso": day.isoformat()})

    def calendar(self, i: int) -> DateMatch | None:
        """day month [year] | month year."""
        dm = self.day_at(i)
        if dm is not None and self.k(dm.last + 1) in self.lex.months:
            mi = dm.last + 1
            mo = self.lex.months[self.k(mi)]
            end = mi
            yi = mi + 1
            if self.k(yi) == "," and self.year_at(yi + 1) is not None:
                yi += 1
            y = self.year_at(yi)
            if y is not None:
                end = yi
            val = self.day_month_year(y, mo, int(dm.value))
            if val is None:
                return None
            return self._m(i, end, "DATE", val)
        if self.k(i) in self.lex.months:
            yi = i + 1
            if self.k(yi) == "," and self.year_at(yi + 1) is not None:
                yi += 1
            y = self.year_at(yi)
            if y is not None:
                return self._m(i, yi, "DATE", {"iso": f"{y:04d}-{self.lex.months[self.k(i)]:02d}"})
        return None

    def year_phrase(self, i: int) -> DateMatch | None:
        if self.k(i) in self.lex.year_words:
            y = self.year_at(i + 1)
            if y is None:
                return None
            end = self.year_suffix(i + 1) - 1
            if self.glued(end) and self.k(end + 1) not in {",", "।", ")", ".", ";"}:
                return None
            return self._m(i, end, "DATE", {"iso": f"{y:04d}"})
        y = self.year_at(i)
        if y is None:
            return None
        if i > 0 and (self.glued(i - 1) or self.k(i - 1) in self.lex.not_year_before):
            return None
        end = self.year_suffix(i)
        if end == i + 1 and self.glued(i) and self.k(i + 1) not in {",", "।", ")", "."}:
            return None
        nxt = self.k(end)
        follows = nxt in self.lex.year_follow or nxt in {",", "।", ")", ".", "", "-", ";"}
        if (
            end >= len(self.toks)
            or "\n" in self.text[self.toks[end - 1].end : self.toks[end].start]
        ):
            follows = True
        if not follows:
            return None
        # "2000 से ज्यादा", "2000 के नोट"
        if nxt == key("से") and self.k(end + 1) in {
            key("ज्यादा"),
            key("अधिक"),
            key("ऊपर"),
            key("कम"),
        }:
            return None
        if self.numbers.get(i) is not None and self.numbers[i].approx:
            return None
        return self._m(i, end - 1, "DATE", {"iso": f"{y:04d}"})

    def clock(self, i: int) -> DateMatch | None:
        tok = self.toks[i].text
        ct = CLOCK_TOKEN_RE.match(tok)
        hour: int
        minute: int
        if ct is not None:
            hour, minute = int(ct.group(1)), int(ct.group(2))
            if hour > 24 or minute > 59:
                return None
            last = i
        else:
            m = self.numbers.get(i)
            if m is None or m.scaled or m.dozen or m.approx and not self._approx_only_cue(m):
                return None
            if not 0 < m.value <= 24:
                return None
            hour = int(m.value)
            minute = int(round((m.value - hour) * 60))
            last = m.last
        after = last + 1
        ck = self.k(after)
        end = None
        if ck in {key("बजे"), key("बजकर")} or ck == key("बज") and self.k(after + 1) == key("कर"):
            end = after if ck != key("बज") else after + 1
            mi = self.numbers.get(end + 1)
            if (
                ck != key("बजे")
                and mi is not None
                and mi.value == int(mi.value)
                and 0 <= mi.value < 60
                and self.k(mi.last + 1) in self.lex.minute_words
            ):
                minute = int(mi.value)
                end = mi.last + 1
        elif ct is not None:
            if ck in AMPM:
                end = after
                if AMPM[ck] and hour < 12:
                    hour += 12
            elif self._day_part(i) is not None:
                end = last
        if end is None:
            return None
        part = self._day_part(i)
        if part is not None and ck not in AMPM:
            add, lo, hi = part
            if add and lo <= hour <= hi:
                hour += add
        return self._m(i, end, "DATE", {"time": f"{hour % 24:02d}:{minute:02d}"})

    def _approx_only_cue(self, m: NumberMatch) -> bool:
        # "करीब छह बजे" is approx only by the cue word, not a range
        return m.first > 0 and self.k(m.first - 1) in lexicon().approx_before

    def _day_part(self, i: int) -> tuple[int, int, int] | None:
        for b in range(i - 1, max(-1, i - 4), -1):
            kb = self.k(b)
            if kb in self.lex.day_parts:
                return self.lex.day_parts[kb]
            if kb in CLAUSE_END:
                return None
        return None

    def relative(self, i: int) -> DateMatch | None:
        k = self.k(i)
        if k in self.lex.weekdays:
            wd = self.lex.weekdays[k]
            strict = self.k(i - 1) in self.lex.weekday_before_past
            end = self._reldate_tail(i + 1) - 1
            iso = None
            if self.pub is not None:
                iso = resolve_weekday(wd, self.pub, strict).isoformat()
            return self._m(i, end, "RELDATE", {"iso": iso})
        for words, days in self.lex.relative_days:
            if tuple(self.keys[i : i + len(words)]) == words:
                if self.k(i + len(words)) in self.lex.not_relative_after:
                    return None
                end = self._reldate_tail(i + len(words)) - 1
                iso = None
                if self.pub is not None:
                    iso = (self.pub - dt.timedelta(days=days)).isoformat()
                return self._m(i, end, "RELDATE", {"iso": iso})
        return None

    def _reldate_tail(self, j: int) -> int:
        used: set[tuple[str, ...]] = set()
        for _ in range(2):
            for seq in self.lex.reldate_after:
                if seq not in used and tuple(self.keys[j : j + len(seq)]) == seq:
                    j += len(seq)
                    used.add(seq)
                    break
            else:
                break
        return j

    def _m(self, first: int, last: int, label: str, value: dict[str, Any]) -> DateMatch:
        return DateMatch(self.toks[first].start, self.toks[last].end, label, value, first, last)

    def scan(self) -> list[DateMatch]:
        out: list[DateMatch] = []
        i = 0
        while i < len(self.toks):
            m = (
                self.numeric_date(i)
                or self.calendar(i)
                or self.clock(i)
                or self.year_phrase(i)
                or self.relative(i)
            )
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.last + 1
        return out


def find_dates(tokens: list[Token], text: str, published: str | None = None) -> list[DateMatch]:
    """DATE and RELDATE matches in ``tokens`` of the normalised ``text``."""
    return _DateScanner(tokens, text, published_date(published)).scan()


@register("dates")
class DateRecogniser:
    """``DATE`` (dates, years, clock times) and ``RELDATE`` (weekdays, relative days)."""

    name = "dates"
    version = "1.0"

    def __call__(self, doc: Doc) -> list[Span]:
        return [
            doc.make_span(m.start, m.end, m.label, self.name, self.version, value=m.value)
            for m in find_dates(doc.tokens, doc.text, doc.article.published)
        ]
