"""MONEY spans: amount + unit, values in rupees, approx flags, context."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jaanch.doc import Doc
from jaanch.recognise.money import MoneyRecogniser
from jaanch.types import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def money(text: str) -> list[tuple[str, int, bool]]:
    doc = Doc.from_article(Article(id="t", text=text))
    spans = MoneyRecogniser()(doc)
    assert all(s.label == "MONEY" and s.value["currency"] for s in spans)
    return [(s.text, s.value["value"], s.value["approx"]) for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("चोरों ने दुकान से 62 हजार रुपए चुरा लिए।", [("62 हजार रुपए", 62000, False)]),
        ("बदमाशों ने सवा दो लाख रुपये लूट लिए।", [("सवा दो लाख रुपये", 225000, False)]),
        ("ठगों ने उससे लाखों रुपये ऐंठ लिए।", [("लाखों रुपये", 100000, True)]),
        ("कंपनी से 3 करोड़ 15 लाख रुपये का गबन हुआ।", [("3 करोड़ 15 लाख रुपये", 31500000, False)]),
        ("उन्हें पांच-पांच हजार रुपये दिए गए।", [("पांच-पांच हजार रुपये", 5000, False)]),
        ("जेब से 1,250 रुपये और पर्स मिला।", [("1,250 रुपये", 1250, False)]),
        ("खाते से ₹4,500 कट गए।", [("₹4,500", 4500, False)]),
        ("उसने Rs. 2,00,000 जमा किए।", [("Rs. 2,00,000", 200000, False)]),
        ("दुकानदार से आठ लाख रु. की लूट हुई।", [("आठ लाख रु.", 800000, False)]),
        ("इस पर 1.25 करोड़ रुपये का जुर्माना लगा।", [("1.25 करोड़ रुपये", 12500000, False)]),
        ("करीब चार लाख रुपये की नकदी ले गए।", [("चार लाख रुपये", 400000, True)]),
        ("बदमाश पर पच्चीस हजार का इनाम घोषित था।", [("पच्चीस हजार", 25000, False)]),
        ("उसने 9 लाख से ज्यादा की ठगी की।", [("9 लाख", 900000, True)]),
        ("नकद 35 हजार और गहने गायब थे।", [("35 हजार", 35000, False)]),
        ("इलाज पर डेढ़ लाख खर्च हुए।", [("डेढ़ लाख", 150000, False)]),
        ("फ्लैट का किराया 30 हजार महीना था।", [("30 हजार", 30000, False)]),
        ("12 हजार दुकान का रेंट", [("12 हजार", 12000, False)]),
        ("अपहरण के बाद 50 लाख की फिरौती मांगी।", [("50 लाख", 5000000, False)]),
    ],
)
def test_money_spans(text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "उस पर 16 मुकदमे दर्ज हैं।",
        "हादसे में 8 पुलिसकर्मियों की मौत हुई।",
        "टैंकर से 10 लीटर डीजल निकला।",
        "सभा में 5 हजार लोग पहुंचे।",
        "रैली में हजारों लोग शामिल हुए।",
        "जिले में 2 हजार 3 सौ मतदान केंद्र बनाए गए।",
        "दो दर्जन बदमाशों को पकड़ा।",
        "साल 2020 में घटना हुई।",
    ],
)
def test_not_money(text: str) -> None:
    assert money(text) == []


def test_money_offsets_map_to_input_text() -> None:
    # Devanagari digits are read as ASCII, but the span indexes the input as written
    text = "चोर ४५ हजार रुपए ले गए।"
    doc = Doc.from_article(Article(id="t", text=text))
    (span,) = MoneyRecogniser()(doc)
    assert text[span.start : span.end] == "४५ हजार रुपए"
    assert span.value == {"value": 45000, "currency": "INR", "approx": False}


def _gold() -> list[dict[str, Any]]:
    path = SHARED / "data" / "gold" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not available ({path} is missing)")
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_dev_money_entities_recall() -> None:
    gold_n = found = 0
    for g in _gold():
        doc = Doc.from_article(Article(id=g["id"], text=g["text"], published=g.get("published")))
        pred = {(s.start, s.end) for s in MoneyRecogniser()(doc)}
        gold = {(e["start"], e["end"]) for e in g["entities"] if e["type"] == "MONEY"}
        gold_n += len(gold)
        found += len(gold & pred)
    assert gold_n and found / gold_n >= 0.8
