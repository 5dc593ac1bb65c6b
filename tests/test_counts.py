"""COUNT (number + counted noun) and AGE spans."""

from __future__ import annotations

from typing import Any

import pytest

from jaanch.doc import Doc
from jaanch.recognise.counts import CountRecogniser
from jaanch.types import Article


def spans(text: str, label: str) -> list[tuple[str, Any]]:
    doc = Doc.from_article(Article(id="t", text=text))
    return [(s.text, s.value) for s in CountRecogniser()(doc) if s.label == label]


@pytest.mark.parametrize(
    ("text", "count", "lemma", "category", "approx"),
    [
        ("उसके खिलाफ 23 मुकदमे दर्ज हैं।", 23, "मुकदमा", "case", False),
        ("उस पर तीन केस चल रहे हैं।", 3, "केस", "case", False),
        ("थाने में सात मामले दर्ज हैं।", 7, "मामला", "case", False),
        ("उस पर 14 आपराधिक मुकदमे हैं।", 14, "मुकदमा", "case", False),
        ("उस पर दर्जनों मुकदमे दर्ज हैं।", 12, "मुकदमा", "case", True),
        ("दो दर्जन से अधिक मामले हैं।", 24, "मामला", "case", True),
        ("पुलिस ने छह युवतियों को मुक्त कराया।", 6, "युवती", "person", False),
        ("हमले में 9 पुलिसकर्मियों की मौत हुई।", 9, "पुलिसकर्मी", "person", False),
        ("पुलिस ने ग्यारह लोगों को पकड़ा।", 11, "लोग", "person", False),
        ("चार नकाबपोश बदमाश घर में घुसे।", 4, "बदमाश", "person", False),
        ("3 अन्य आरोपियों की तलाश है।", 3, "आरोपी", "person", False),
        ("उनसे 7 पिस्टल बरामद हुईं।", 7, "पिस्टल", "other", False),
        ("25 जिंदा कारतूस मिले।", 25, "कारतूस", "other", False),
    ],
)
def test_counts(text: str, count: int, lemma: str, category: str, approx: bool) -> None:
    (got,) = spans(text, "COUNT")
    value = got[1]
    assert (value["count"], value["lemma"], value["category"], value["approx"]) == (
        count,
        lemma,
        category,
        approx,
    )


def test_count_span_covers_number_to_noun() -> None:
    assert [t for t, _ in spans("पुलिस ने 5 बदमाशों को पकड़ा।", "COUNT")] == ["5 बदमाशों"]
    assert [t for t, _ in spans("120 से अधिक लोग घायल हुए।", "COUNT")] == ["120 से अधिक लोग"]


@pytest.mark.parametrize(
    "text",
    ["टैंकर में 10 लीटर तेल था।", "उसने 50 हजार रुपये लिए।", "चार दिन बाद वह लौटा।", "धारा 302 लगी।"],
)
def test_not_counts(text: str) -> None:
    assert spans(text, "COUNT") == []


@pytest.mark.parametrize(
    ("text", "span", "age"),
    [
        ("मृतक सुरेश (41) मजदूर था।", "(41)", 41),
        ("42 वर्षीय महिला ने शिकायत की।", "42 वर्षीय", 42),
        ("एक 27 वर्षीया युवती लापता है।", "27 वर्षीया", 27),
        ("70 साल के बुजुर्ग को पीटा।", "70 साल के", 70),
        ("वह 16 साल की थी।", "16 साल की", 16),
        ("उसकी उम्र 52 वर्ष है।", "52 वर्ष", 52),
        ("उम्र करीब 38 साल बताई गई।", "38 साल", 38),
        ("महज 14 साल की उम्र में।", "14 साल की", 14),
        ("पांच साल के बच्चे की हत्या।", "पांच साल के", 5),
    ],
)
def test_ages(text: str, span: str, age: int) -> None:
    assert spans(text, "AGE") == [(span, {"age": age})]


@pytest.mark.parametrize(
    "text",
    [
        "उसे 10 साल की सजा हुई।",
        "पिछले 5 साल के दौरान चोरी बढ़ी।",
        "धारा 376 (2) के तहत केस।",
        "फ्लैट (806) में रहता है।",
        "25 मई (2019) को।",
        "वह 1998 (45) में",
    ],
)
def test_not_ages(text: str) -> None:
    assert spans(text, "AGE") == []
