"""DATE spans (dates, years, clock times) and RELDATE spans (weekdays, relative days)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jaanch.doc import Doc
from jaanch.recognise.dates import DateRecogniser, resolve_weekday
from jaanch.types import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def dates(text: str, published: str | None = None, label: str = "DATE") -> list[tuple[str, Any]]:
    doc = Doc.from_article(Article(id="t", text=text, published=published))
    return [(s.text, s.value) for s in DateRecogniser()(doc) if s.label == label]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("घटना 5 मार्च 2019 को हुई।", [("5 मार्च 2019", {"iso": "2019-03-05"})]),
        ("घटना पांच मार्च 2019 को हुई।", [("पांच मार्च 2019", {"iso": "2019-03-05"})]),
        ("२६ नवंबर २००८ को हमला हुआ।", [("२६ नवंबर २००८", {"iso": "2008-11-26"})]),
        ("आरोपी को 3 अगस्त, 2021 को पकड़ा।", [("3 अगस्त, 2021", {"iso": "2021-08-03"})]),
        ("उसे नवम्बर 2015 में सजा हुई।", [("नवम्बर 2015", {"iso": "2015-11"})]),
        ("साल 2014 में मुकदमा दर्ज हुआ।", [("साल 2014", {"iso": "2014"})]),
        ("वर्ष 2009 से वह फरार था।", [("वर्ष 2009", {"iso": "2009"})]),
        ("सन 1984 के दंगों में।", [("सन 1984", {"iso": "1984"})]),
        ("वह 2011 में जेल गया।", [("2011", {"iso": "2011"})]),
        ("परीक्षा 09.04.2024 को हुई।", [("09.04.2024", {"iso": "2024-04-09"})]),
        ("आदेश 21/11/2023 का है।", [("21/11/2023", {"iso": "2023-11-21"})]),
        ("रात 11:20 बजे फायरिंग हुई।", [("11:20 बजे", {"time": "23:20"})]),
        ("सुबह साढ़े सात बजे वह निकला।", [("साढ़े सात बजे", {"time": "07:30"})]),
        ("करीब सवा तीन बजे पुलिस पहुंची।", [("सवा तीन बजे", {"time": "03:15"})]),
        ("दोपहर तीन बजे बैठक हुई।", [("तीन बजे", {"time": "15:00"})]),
        ("शाम 4.30 बजे हमला हुआ।", [("4.30 बजे", {"time": "16:30"})]),
        ("देर रात दो बजे चोर घुसे।", [("दो बजे", {"time": "02:00"})]),
        ("ठीक नौ बजकर 10 मिनट पर धमाका हुआ।", [("नौ बजकर 10 मिनट", {"time": "09:10"})]),
    ],
)
def test_dates(text: str, expected: list[tuple[str, Any]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "उसने 2020 रुपये दिए।",
        "पॉक्सो अधिनियम 2012 की धारा 4 लगी।",
        "गली नंबर 2019 में रहता है।",
        "करीब 2000 लोग जमा हुए।",
        "भीड़ में 1500 से ज्यादा लोग थे।",
        "उसे चार दिन की रिमांड पर लिया।",
        "आठ दिन के भीतर जवाब दें।",
        "1 घंटे तक पूछताछ हुई।",
        "उसे 10 वर्ष की सजा हुई।",
        "अपराध क्रमांक 145/2021 में।",
    ],
)
def test_not_dates(text: str) -> None:
    assert dates(text) == []


def test_day_month_takes_the_published_year() -> None:
    assert dates("आरोपी ने 9 जून को हमला किया।", "2025-07-16") == [("9 जून", {"iso": "2025-06-09"})]
    # a day far after publication is last year's
    assert dates("28 दिसंबर को शादी हुई थी।", "2025-01-10") == [("28 दिसंबर", {"iso": "2024-12-28"})]


def test_day_month_without_published() -> None:
    assert dates("आरोपी ने 9 जून को हमला किया।") == [("9 जून", {"iso": None, "month": 6, "day": 9})]


def test_weekdays_resolve_on_or_before_published() -> None:
    pub = "2025-07-16"  # a Wednesday
    got = dates(
        "मंगलवार को लूट हुई और बुधवार को केस दर्ज हुआ। शनिवार की रात भी चोरी हुई।",
        pub,
        "RELDATE",
    )
    assert got == [
        ("मंगलवार को", {"iso": "2025-07-15"}),
        ("बुधवार को", {"iso": "2025-07-16"}),
        ("शनिवार की रात", {"iso": "2025-07-12"}),
    ]
    # weekdays are not DATE entities
    assert dates("मंगलवार को लूट हुई।", pub) == []


def test_relative_days() -> None:
    pub = "2024-03-10"
    got = dates("बीती रात चोरी हुई, आज केस दर्ज हुआ, कल रात फिर, रविवार तड़के भी।", pub, "RELDATE")
    assert got == [
        ("बीती रात", {"iso": "2024-03-09"}),
        ("आज", {"iso": "2024-03-10"}),
        ("कल रात", {"iso": "2024-03-09"}),
        ("रविवार तड़के", {"iso": "2024-03-10"}),
    ]
    assert dates("सोमवार दोपहर वह निकला।", None, "RELDATE") == [("सोमवार दोपहर", {"iso": None})]
    # "कल-कारखाने" and words that merely contain आज/कल are not days
    assert dates("सभी कल कारखाने बंद रहे। आजाद नगर में कल्याण विभाग।", pub, "RELDATE") == []


def test_resolve_weekday() -> None:
    import datetime as dt

    wed = dt.date(2025, 7, 16)
    assert resolve_weekday(1, wed).isoformat() == "2025-07-15"
    assert resolve_weekday(2, wed).isoformat() == "2025-07-16"
    assert resolve_weekday(2, wed, strict=True).isoformat() == "2025-07-09"
    assert resolve_weekday(3, wed).isoformat() == "2025-07-10"


def test_offsets_follow_the_input() -> None:
    text = "१३ दिसंबर २००१ को"
    doc = Doc.from_article(Article(id="t", text=text))
    (span,) = DateRecogniser()(doc)
    assert (span.start, span.end) == (0, len("१३ दिसंबर २००१"))


def test_dev_date_entities_recall() -> None:
    path = SHARED / "data" / "gold" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not available ({path} is missing)")
    gold_n = found = 0
    for line in path.open(encoding="utf-8"):
        g = json.loads(line)
        doc = Doc.from_article(Article(id=g["id"], text=g["text"], published=g.get("published")))
        pred = {(s.start, s.end) for s in DateRecogniser()(doc) if s.label == "DATE"}
        gold = {(e["start"], e["end"]) for e in g["entities"] if e["type"] == "DATE"}
        gold_n += len(gold)
        found += len(gold & pred)
    assert gold_n and found / gold_n >= 0.8


def test_a_date_with_no_crime_or_action_near_is_no_event_date():
    from jaanch import extract

    text = (
        "उनकी बेटी की शादी 12 नवंबर 2017 को हुई थी। परिवार ने खूब तैयारी की थी। "
        "रिश्तेदार दूर दूर से आए। "
        "पुलिस ने 20 नवंबर 2017 को चोरी के आरोपी को गिरफ्तार किया।"
    )
    dates = [d.value for d in extract(text).dates]
    assert dates == ["2017-11-20"]
