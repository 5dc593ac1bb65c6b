"""Acts and sections (recogniser ``laws``), article-level resolution, IPC <-> BNS table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jaanch.doc import Doc
from jaanch.recognise.base import REGISTRY
from jaanch.recognise.laws import (
    LawRecogniser,
    bns_to_ipc,
    default_penal_code,
    ipc_to_bns,
    resolve_laws,
    section_value,
)
from jaanch.types import Article, Span

SHARED = Path(__file__).parents[1].parent / "shared"


def spans(text: str, published: str | None = None) -> list[Span]:
    doc = Doc.from_article(Article("t", text, published=published))
    return LawRecogniser()(doc)


def one(text: str) -> tuple[str, list[tuple[str | None, str | None]]]:
    found = spans(text)
    assert len(found) == 1, [s.text for s in found]
    s = found[0]
    assert s.label == "LAW"
    assert text[s.start : s.end] == s.text
    return s.text, [(law["act"], law["section"]) for law in s.value["laws"]]


def pairs(found: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(d["act"], d["section"]) for d in found]


# ------------------------------------------------------------------ spans and values


@pytest.mark.parametrize(
    ("text", "span", "laws"),
    [
        ("पुलिस ने आर्म्स एक्ट में मुकदमा दर्ज किया।", "आर्म्स एक्ट", [("ARMS", None)]),
        ("उसके खिलाफ धारा 302 के तहत केस दर्ज हुआ।", "धारा 302", [(None, "302")]),
        (
            "आरोपियों पर धारा 147, 148, 149 व 307 के तहत मुकदमा दर्ज।",
            "धारा 147, 148, 149 व 307",
            [(None, "147"), (None, "148"), (None, "149"), (None, "307")],
        ),
        ("आईपीसी की धारा 376 के तहत", "आईपीसी की धारा 376", [("IPC", "376")]),
        (
            "उसे धारा 3/25 आर्म्स एक्ट में जेल भेजा।",
            "धारा 3/25 आर्म्स एक्ट",
            [("ARMS", "3"), ("ARMS", "25")],
        ),
        ("तमंचा मिलने पर 3/25 आर्म्स एक्ट में चालान", "3/25 आर्म्स एक्ट", [("ARMS", "3"), ("ARMS", "25")]),
        (
            "धारा 8/20 एनडीपीएस एक्ट के तहत",
            "धारा 8/20 एनडीपीएस एक्ट",
            [("NDPS", "8"), ("NDPS", "20")],
        ),
        ("बीएनएस की धारा 103(1) में", "बीएनएस की धारा 103(1)", [("BNS", "103(1)")]),
        ("पति पर धारा 498ए का केस", "धारा 498ए", [(None, "498A")]),
        (
            "धाराओं 420, 467, 468 में",
            "धाराओं 420, 467, 468",
            [(None, "420"), (None, "467"), (None, "468")],
        ),
        (
            "पॉक्सो एक्ट की धारा 3/4 के तहत",
            "पॉक्सो एक्ट की धारा 3/4",
            [("POCSO", "3"), ("POCSO", "4")],
        ),
        ("आरोपी पर 307 आईपीसी का मुकदमा", "307 आईपीसी", [("IPC", "307")]),
        (
            "उस पर धारा 2/3 गैंगस्टर एक्ट की कार्रवाई हुई",
            "धारा 2/3 गैंगस्टर एक्ट",
            [("UPGANG", "2"), ("UPGANG", "3")],
        ),
        ("उसके खिलाफ गैंगस्टर एक्ट लगाया गया", "गैंगस्टर एक्ट", [("UPGANG", None)]),
        ("यूपी गैंगेस्टर ऐक्ट में निरुद्ध", "यूपी गैंगेस्टर ऐक्ट", [("UPGANG", None)]),
        ("एससी/एसटी एक्ट में मुकदमा", "एससी/एसटी एक्ट", [("SCST", None)]),
        ("एससी-एसटी एक्ट में मुकदमा", "एससी-एसटी एक्ट", [("SCST", None)]),
        ("रासुका के तहत कार्रवाई", "रासुका", [("NSA", None)]),
        (
            "गोवध निवारण अधिनियम की धारा 3/5/8 में",
            "गोवध निवारण अधिनियम की धारा 3/5/8",
            [("UPCOW", "3"), ("UPCOW", "5"), ("UPCOW", "8")],
        ),
        ("धारा 60 आबकारी अधिनियम के तहत", "धारा 60 आबकारी अधिनियम", [("EXCISE", "60")]),
        ("धारा 13 जुआ अधिनियम में चालान", "धारा 13 जुआ अधिनियम", [("GAMBLING", "13")]),
        (
            "दहेज प्रतिषेध अधिनियम की धारा 3/4",
            "दहेज प्रतिषेध अधिनियम की धारा 3/4",
            [("DOWRY", "3"), ("DOWRY", "4")],
        ),
        ("आईटी एक्ट की धारा 66डी के तहत", "आईटी एक्ट की धारा 66डी", [("ITACT", "66D")]),
        ("अनैतिक देह व्यापार निवारण अधिनियम में", "अनैतिक देह व्यापार निवारण अधिनियम", [("ITPA", None)]),
        ("भ्रष्टाचार निवारण अधिनियम में केस", "भ्रष्टाचार निवारण अधिनियम", [("PCA", None)]),
        ("यूएपीए के तहत आरोप तय", "यूएपीए", [("UAPA", None)]),
        ("विस्फोटक पदार्थ अधिनियम में", "विस्फोटक पदार्थ अधिनियम", [("ESA", None)]),
        ("मोटर वाहन अधिनियम के तहत चालान", "मोटर वाहन अधिनियम", [("MVA", None)]),
        ("भारतीय दंड संहिता की धारा 302 के तहत", "भारतीय दंड संहिता की धारा 302", [("IPC", "302")]),
        (
            "भारतीय न्याय संहिता (बीएनएस) की धारा 111",
            "भारतीय न्याय संहिता (बीएनएस) की धारा 111",
            [("BNS", "111")],
        ),
        ("धारा 120-बी व 420 भादवि में", "धारा 120-बी व 420 भादवि", [("IPC", "120B"), ("IPC", "420")]),
        ("धारा 323-504-506 में", "धारा 323-504-506", [(None, "323"), (None, "504"), (None, "506")]),
        ("धारा 302 व धारा 201 के तहत", "धारा 302 व धारा 201", [(None, "302"), (None, "201")]),
        (
            "धारा 115 (2), 351 (3) बीएनएस",
            "धारा 115 (2), 351 (3) बीएनएस",
            [("BNS", "115(2)"), ("BNS", "351(3)")],
        ),
        ("बीएनएस की धारा 353(1)(बी) में", "बीएनएस की धारा 353(1)(बी)", [("BNS", "353(1)(b)")]),
        ("एससी-एसटी एक्ट की धारा 3(2)(v) में", "एससी-एसटी एक्ट की धारा 3(2)(v)", [("SCST", "3(2)(v)")]),
        ("धारा 163 (नागरिक सुरक्षा संहिता) के तहत", "धारा 163 (नागरिक सुरक्षा संहिता)", [("BNSS", "163")]),
    ],
)
def test_span_and_value(text: str, span: str, laws: list[tuple[str | None, str | None]]) -> None:
    assert one(text) == (span, laws)


def test_two_acts_in_one_reference() -> None:
    text, laws = one("आरोपी पर आईपीसी 302/34 व 25 आर्म्स एक्ट के तहत केस")
    assert text == "आईपीसी 302/34 व 25 आर्म्स एक्ट"
    assert laws == [("IPC", "302"), ("IPC", "34"), ("ARMS", "25")]


def test_postfix_act_groups_continue() -> None:
    text, laws = one("धारा 302, 307 भादवि व 3/25 आर्म्स एक्ट में चालान")
    assert text == "धारा 302, 307 भादवि व 3/25 आर्म्स एक्ट"
    assert laws == [("IPC", "302"), ("IPC", "307"), ("ARMS", "3"), ("ARMS", "25")]


def test_separate_references() -> None:
    found = spans("भारतीय दंड संहिता की धारा 302 और पोटा की धारा 3(2) के तहत सजा")
    assert [s.text for s in found] == ["भारतीय दंड संहिता की धारा 302", "पोटा की धारा 3(2)"]
    assert found[1].value["laws"] == [{"act": "OTHER", "section": "3(2)"}]


def test_act_with_year_and_section() -> None:
    assert one("महामारी अधिनियम 1897 की धारा 2, 3 और 4 का सहारा") == (
        "महामारी अधिनियम 1897 की धारा 2, 3 और 4",
        [("EDA", "2"), ("EDA", "3"), ("EDA", "4")],
    )


def test_act_without_number_after_dhara() -> None:
    # "आर्म्स एक्ट की धारा" with no number: the act alone
    assert one("मामले में आर्म्स एक्ट की धारा बढ़ाने की मांग") == ("आर्म्स एक्ट", [("ARMS", None)])


def test_prohibitory_order_is_crpc() -> None:
    found = spans("जिलाधिकारी ने जनपद में धारा 144 लागू कर दी है।", "2020-03-25")
    assert [s.text for s in found] == ["धारा 144"]
    assert found[0].value["act_hint"] == "CRPC"
    assert pairs(resolve_laws(found, "2020-03-25")) == [("CRPC", "144")]


@pytest.mark.parametrize(
    "text",
    [
        "पुलिस ने गंभीर धाराओं में केस दर्ज किया।",
        "कानून के तहत सख्त कार्रवाई होगी और केस दर्ज होगा।",
        "धार पुलिस ने तेजधार हथियार बरामद किया। धार रोड पर जाम।",
        "यह विचारधारा समाज की मुख्यधारा से अलग है।",
        "कोरोना के 1134 एक्टिव केस हैं।",
        "पॉक्सो कोर्ट ने सजा सुनाई।",
        "गैंगस्टर सलमान ने धमकी दी।",
        "आईटी सेक्टर की कंपनियां",
        "एनएसए ने बैठक की।",
    ],
)
def test_not_law(text: str) -> None:
    assert spans(text) == []


def test_article_370_is_not_ipc() -> None:
    found = spans("जम्मू-कश्मीर से धारा- 370 को निरस्त किए जाने की मांग", "2019-08-05")
    assert [s.text for s in found] == ["धारा- 370"]
    assert pairs(resolve_laws(found, "2019-08-05")) == [("OTHER", "370")]


def test_number_list_before_act_in_case_history() -> None:
    assert one("उस पर हत्या के 5 मुकदमे और 3/25 आर्म्स एक्ट में चालान") == (
        "3/25 आर्म्स एक्ट",
        [("ARMS", "3"), ("ARMS", "25")],
    )


def test_counting_number_not_a_section() -> None:
    assert one("धारा 302 और 10 साल की सजा") == ("धारा 302", [(None, "302")])


def test_case_number_not_a_section() -> None:
    assert one("मु.अ.सं. 245/2020 धारा 302/201 भादवि") == (
        "धारा 302/201 भादवि",
        [("IPC", "302"), ("IPC", "201")],
    )


def test_offsets_map_to_input() -> None:
    raw = "धारा ३०२ आई०पी०सी० व आर्म्\u200dस एक्ट"  # Devanagari digits, a zero-width joiner
    found = spans(raw)
    assert [raw[s.start : s.end] for s in found] == ["धारा ३०२ आई०पी०सी०", "आर्म्\u200dस एक्ट"]
    assert found[0].value["laws"] == [{"act": "IPC", "section": "302"}]
    assert found[1].value["laws"] == [{"act": "ARMS", "section": None}]


def test_registered() -> None:
    assert isinstance(REGISTRY["laws"](), LawRecogniser)


# ------------------------------------------------------------------ section strings


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("498ए", "498A"),
        ("120 बी", "120B"),
        ("120-बी", "120B"),
        ("3 (1)", "3(1)"),
        ("353(1)(बी)", "353(1)(b)"),
        ("376डी", "376D"),
        ("498A", "498A"),
    ],
)
def test_section_value(raw: str, value: str) -> None:
    assert section_value(raw) == value


# ------------------------------------------------------------------ penal code by date


def test_default_penal_code() -> None:
    assert default_penal_code("2025-07-16") == "BNS"
    assert default_penal_code("2024-07-01") == "BNS"
    assert default_penal_code("2024-06-30") == "IPC"
    assert default_penal_code("2017-11-29") == "IPC"
    assert default_penal_code(None) == "IPC"
    assert default_penal_code("2025") == "BNS"
    assert default_penal_code("2025-01-01", "आईपीसी की धारा 302 के तहत") == "IPC"
    assert default_penal_code(None, "बीएनएस की धारा 103 के तहत") == "BNS"


def test_resolve_bare_sections_by_date() -> None:
    text = "उसके खिलाफ धारा 302 के तहत केस दर्ज हुआ।"
    old = resolve_laws(spans(text), "2019-05-01")
    assert old == [{"act": "IPC", "section": "302", "bns": ["103(1)"]}]
    new = resolve_laws(spans(text), "2025-02-01")
    assert new == [{"act": "BNS", "section": "302", "ipc": bns_to_ipc("302")}]


def test_resolve_uses_explicit_code_of_article() -> None:
    found = spans("बीएनएस की धारा 103(1) में केस। बाद में धारा 238 जोड़ी गई।")
    assert pairs(resolve_laws(found, None)) == [("BNS", "103(1)"), ("BNS", "238")]


def test_resolve_letter_suffix_is_ipc() -> None:
    # BNS has no lettered sections; 498A is IPC even in a 2025 article
    found = spans("पति पर धारा 498ए का केस दर्ज")
    assert pairs(resolve_laws(found, "2025-03-01")) == [("IPC", "498A")]


def test_resolve_dedups_and_drops_sectionless_duplicate() -> None:
    found = spans("आर्म्स एक्ट में केस। धारा 3/25 आर्म्स एक्ट में जेल। फिर धारा 25 आर्म्स एक्ट")
    assert pairs(resolve_laws(found, None)) == [("ARMS", "3"), ("ARMS", "25")]


# ------------------------------------------------------------------ IPC <-> BNS


def test_ipc_to_bns() -> None:
    # the NCRB table gives BNS 103(1) (murder punishment) for IPC 302
    assert ipc_to_bns("302") == ["103(1)"]
    assert "318(4)" in ipc_to_bns("420")
    assert ipc_to_bns("307") == ["109"]
    assert ipc_to_bns("498A") == ipc_to_bns("498ए") == ["85", "86"]
    assert ipc_to_bns("376") == ["64", "65(1)"]
    # fixed parse errors (PROVENANCE.md)
    assert ipc_to_bns("416") == ["319(1)"]
    assert ipc_to_bns("467") == ["338"]
    assert ipc_to_bns("120") == ["60"]
    # dropped from BNS
    assert ipc_to_bns("377") == []
    assert ipc_to_bns("9999") == []
    # a subsection the table lacks falls back to its base
    assert ipc_to_bns("376(2)") == ipc_to_bns("376")


def test_bns_to_ipc() -> None:
    assert bns_to_ipc("103(1)") == ["302"]
    assert bns_to_ipc("103") == ["302"]
    assert bns_to_ipc("109") == ["307"]
    assert bns_to_ipc("318(4)") == ["420"]
    assert bns_to_ipc("111") == []  # organised crime: new in BNS


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared is not available")
def test_table_is_built_from_shared_source() -> None:
    import importlib.util

    script = Path(__file__).parents[1] / "scripts" / "build_ipc_bns.py"
    spec = importlib.util.spec_from_file_location("build_ipc_bns", script)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = mod.build(mod.DEFAULT_SRC)
    built = {ipc: secs for ipc, secs, _ in rows}
    assert built["302"] == ipc_to_bns("302")
    assert all(built[k] == ipc_to_bns(k) for k in ("420", "376", "498A", "147", "149"))


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared is not available")
def test_dev_gold_laws() -> None:
    gold_path = SHARED / "data" / "gold" / "dev.jsonl"
    if not gold_path.exists():
        pytest.skip("dev gold not available")
    tp = fp = fn = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        found = spans(rec["text"], rec.get("published"))
        pred = {(s.start, s.end) for s in found}
        gold = {(e["start"], e["end"]) for e in rec["entities"] if e["type"] == "LAW"}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    assert tp >= 1 and fp <= 1 and fn == 0


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "इसके तहत 2000 में ध्वनि प्रदूषण (नियंत्रण एवं विनियमन) नियम बनाए गए।",
            "ध्वनि प्रदूषण (नियंत्रण एवं विनियमन) नियम",
        ),
        (
            "मालिक पर बाल श्रम (प्रतिषेध और विनियमन) अधिनियम, 1986 के तहत केस दर्ज हुआ।",
            "बाल श्रम (प्रतिषेध और विनियमन) अधिनियम, 1986",
        ),
    ],
)
def test_act_outside_the_lexicon_named_by_its_title(text: str, title: str) -> None:
    (law,) = spans(text)
    assert law.text == title
    assert law.value["laws"] == [{"act": "OTHER", "section": None}]


def test_bracketed_purpose_alone_is_no_law() -> None:
    assert spans("उसने (नियंत्रण) नियम तोड़ा। सरकार ने नियम (संशोधन) किया।") == []
    # a listed act inside a title keeps its own code
    (law,) = spans("अनुसूचित जाति और अनुसूचित जनजाति (अत्याचार निवारण) अधिनियम के तहत केस")
    assert law.value["laws"][0]["act"] == "SCST"
