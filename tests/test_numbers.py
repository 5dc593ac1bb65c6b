"""Hindi number parsing: digits, words, compounds, fractions, vague amounts."""

from __future__ import annotations

import pytest

from jaanch.recognise.numbers import find_numbers, key, parse_number


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("1,25,000", 125000, False),
        ("2,50,000", 250000, False),
        ("15,000", 15000, False),
        ("1.47", 1.47, False),
        ("सत्रह", 17, False),
        ("इक्कीस", 21, False),
        ("पैंतालीस", 45, False),
        ("अट्ठानवे", 98, False),
        ("निन्यानवे", 99, False),
        ("पाँच", 5, False),
        ("पांच सौ", 500, False),
        ("सौ", 100, False),
        ("तीन हज़ार", 3000, False),
        ("दो हजार पांच सौ", 2500, False),
        ("1.47 करोड़", 14700000, False),
        ("6 करोड़ 12 लाख 30 हजार", 61230000, False),
        ("एक करोड़ पांच लाख", 10500000, False),
        ("बीस हजार करोड़", 200000000000, False),
        ("सवा दो लाख", 225000, False),
        ("सवा लाख", 125000, False),
        ("सवा सौ", 125, False),
        ("साढ़े तीन लाख", 350000, False),
        ("साढ़े बारह", 12.5, False),
        ("डेढ़ लाख", 150000, False),
        ("डेढ़ करोड", 15000000, False),
        ("ढाई हजार", 2500, False),
        ("ढ़ाई सौ", 250, False),
        ("पौने तीन लाख", 275000, False),
        ("दो दर्जन", 24, False),
        ("आधा दर्जन", 6, False),
        ("लाखों", 100000, True),
        ("हजारों", 1000, True),
        ("करोड़ों", 10000000, True),
        ("सैकड़ों", 100, True),
        ("दर्जनों", 12, True),
        ("3-4 लाख", 300000, True),
        ("पांच-पांच हजार", 5000, False),
    ],
)
def test_parse_number(text: str, value: float, approx: bool) -> None:
    got = parse_number(text)
    assert got is not None, text
    assert got[0] == pytest.approx(value)
    assert got[1] is approx


@pytest.mark.parametrize("text", ["", "पुलिस", "12:30", "17.06.2025", "हजार लोग"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_find_numbers_offsets_and_cues() -> None:
    text = "करीब 3 करोड़ 20 लाख की ठगी में 7 लाख से ज्यादा और 12 लोग"
    found = find_numbers(text)
    assert [(text[s:e], v, a) for s, e, v, a in found] == [
        ("3 करोड़ 20 लाख", 32000000, True),
        ("7 लाख", 700000, True),
        ("12", 12, False),
    ]


def test_numbers_do_not_run_into_dates() -> None:
    text = "5 लाख 15 मई को"
    assert [(text[s:e], v) for s, e, v, _ in find_numbers(text)] == [("5 लाख", 500000), ("15", 15)]


def test_key_folds_nukta_and_chandrabindu() -> None:
    assert key("हज़ार") == key("हजार")
    assert key("पाँच") == key("पांच")
