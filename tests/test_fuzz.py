"""Any text gives an extraction whose every span lies inside the input and matches it, or
the documented ``ExtractionError``; never another exception. Property-based (hypothesis)
over the whole pipeline, with text built from what breaks parsers of crime news: Devanagari
letters and signs, digits, punctuation, zero-width characters, Latin letters, legacy-font
bytes and the cue words the recognisers key on."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jaanch import Extraction, ExtractionError, extract

CUES = [
    "उर्फ", "पुत्र", "पिता", "पति", "निवासी", "के खिलाफ", "ने", "को", "की", "के", "और", "व", ",",
    "।", "(", ")", "थाना", "थाने", "पुलिस", "गिरफ्तार", "धारा 302", "आईपीसी", "रुपये", "लाख",
    "हत्या", "आरोपी", "पीड़िता", "एसपी", "दरोगा", "गैंग", "जैश-ए-मोहम्मद", "अपने", "पत्नी",
    "राम", "सिंह", "कुमार", "यादव", "सोनम", "2020", "12 जुलाई", "सोमवार", "\n", " ",
]  # fmt: skip
PIECES = st.one_of(
    st.sampled_from(CUES),
    st.text(st.characters(min_codepoint=0x0900, max_codepoint=0x097F), min_size=1, max_size=6),
    st.sampled_from(list("0123456789.,;:!?-–—'\"/()[]{}<>@#%&*+=|\\~`")),
    st.sampled_from(["\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0", "\t", "\r"]),
    st.text(st.characters(min_codepoint=0x41, max_codepoint=0x7A), min_size=1, max_size=6),
    st.text(st.characters(min_codepoint=0xA1, max_codepoint=0xFF), min_size=1, max_size=4),
)
TEXTS = st.lists(PIECES, min_size=0, max_size=60).map("".join)


def check(text: str) -> None:
    try:
        ex = extract(text)
    except ExtractionError:
        return
    assert isinstance(ex, Extraction)
    for s in ex.entities:
        assert 0 <= s.start <= s.end <= len(text), (s, len(text))
        assert text[s.start : s.end] == s.text, (s, text[s.start : s.end])
    # every piece of evidence of every fact, wherever it sits in the record
    for ev in _pointers(ex.to_dict()):
        assert 0 <= ev["start"] <= ev["end"] <= len(text), (ev, len(text))
        assert text[ev["start"] : ev["end"]] == ev["text"], ev


def _pointers(node: object) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("text"), str):
            out.append(node)
        for v in node.values():
            out.extend(_pointers(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_pointers(v))
    return out


@settings(
    max_examples=2000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(TEXTS)
def test_any_text_extracts_or_raises_the_documented_error(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_any_unicode_at_all(text: str) -> None:
    check(text)


def test_four_hundred_random_mixtures() -> None:
    rng = random.Random(12)
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(1, 80)):
            r = rng.random()
            if r < 0.45:
                parts.append(rng.choice(CUES))
            elif r < 0.85:
                parts.append("".join(chr(rng.randint(0x0900, 0x097F)) for _ in range(5)))
            else:
                parts.append(rng.choice(" ,.।-()0123456789abcXYZ\u200d\u200c"))
        check("".join(parts))


def test_huge_repeats_and_nothing_but_punctuation() -> None:
    check("पुलिस ने राम को गिरफ्तार किया। " * 2000)
    check("।,.!?()" * 500)
    check("")
    check("\u200d" * 100)
