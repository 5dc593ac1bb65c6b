"""Crime and action cues, their negation / modality, and the article code lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jaanch.doc import Doc
from jaanch.recognise.base import REGISTRY
from jaanch.recognise.cues import (
    ActionCues,
    CrimeCues,
    article_codes,
    crimes_for_section,
    load_rules,
)
from jaanch.recognise.modality import modality
from jaanch.types import Article

SHARED = Path(__file__).parents[1].parent / "shared"
DEV = SHARED / "data" / "gold" / "dev.jsonl"


def doc_of(text: str) -> Doc:
    return Doc.from_article(Article(id="t", text=text))


def codes(text: str) -> tuple[set[str], set[str]]:
    crimes, actions = article_codes(doc_of(text))
    return {c for c, _ in crimes}, {c for c, _ in actions}


def crimes_of(text: str) -> set[str]:
    return codes(text)[0]


def actions_of(text: str) -> set[str]:
    return codes(text)[1]


# ---------------------------------------------------------------- recognisers


def test_registered_and_lexicons_load() -> None:
    assert "crime_cues" in REGISTRY and "action_cues" in REGISTRY
    assert len(load_rules("crime_cues.tsv")) > 50
    assert len(load_rules("action_cues.tsv")) > 30


def test_spans_carry_code_and_modality() -> None:
    d = doc_of("पुलिस ने चोर को गिरफ्तार किया।")
    crime = CrimeCues()(d)
    action = ActionCues()(d)
    assert [(s.label, s.value["code"], s.text) for s in crime] == [("CRIME_CUE", "theft", "चोर")]
    arrest = [s for s in action if s.value["code"] == "arrest"]
    assert arrest and arrest[0].text == "गिरफ्तार"
    assert arrest[0].value["negated"] is False and arrest[0].value["hypothetical"] is False
    assert arrest[0].recogniser == "action_cues"


def test_span_offsets_index_the_input_text() -> None:
    # a nukta typed after the vowel sign (legacy input) is fixed in doc.text only
    text = "मेरठ में गाडि़यां पकडी़ गईं और चोरी का केस दर्ज हुआ।"
    d = doc_of(text)
    for s in CrimeCues()(d) + ActionCues()(d):
        assert text[s.start : s.end] == s.text
    assert "arrest" in actions_of(text)


def test_nukta_free_spelling_still_matches() -> None:
    assert "arrest" in actions_of("पुलिस ने दो बदमाशों को पकड लिया।")
    assert "arrest" in actions_of("पुलिस ने दो बदमाशों को पकड़ लिया।")
    assert "encounter" in actions_of("पुलिस से मुठभेड में बदमाश घायल हो गया।")


# ---------------------------------------------------------------- code families


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("बदमाशों ने व्यापारी की गोली मारकर हत्या कर दी।", "murder"),
        ("उस पर हत्या के प्रयास का मुकदमा दर्ज है।", "attempted_murder"),
        ("ससुरालियों ने दहेज के लिए प्रताड़ित किया।", "dowry_offence"),
        ("नाबालिग से दुष्कर्म के आरोपी को पकड़ा गया।", "child_sexual_abuse"),
        ("युवक ने छात्रा से छेड़छाड़ की।", "sexual_harassment"),
        ("बदमाशों ने व्यापारी का अपहरण कर फिरौती मांगी।", "kidnapping"),
        ("लाजपत नगर में सेक्स रैकेट पकड़ा गया।", "prostitution_racket"),
        ("बदमाशों ने किसान से दो लाख रुपये लूट लिए।", "robbery"),
        ("हथियारबंद बदमाशों ने घर में डकैती डाली।", "dacoity"),
        ("दुकान का ताला तोड़कर चोरी की गई।", "burglary"),
        ("लड़के ने भारती का सेलफोन झपटा और भाग गया।", "snatching"),
        ("व्यापारी से रंगदारी मांगी गई।", "extortion"),
        ("ड्राइवर के खिलाफ अमानत में खयानत का केस दर्ज हुआ।", "fraud"),
        ("रिटायर्ड मैनेजर साइबर ठगी का शिकार हो गए।", "cyber_crime"),
        ("सचिव ने रिश्वत मांगी।", "corruption"),
        ("किसी प्रकार की राहत देने के बदले उन्होंने बाइक खरीदी थी।", "corruption"),
        ("बदमाशों और पुलिस की सांठगांठ का मामला सामने आया था।", "police_misconduct"),
        ("परिवार ने पुलिस पर लापरवाही का आरोप लगाया है।", "police_misconduct"),
        ("उसके पास से 500 ग्राम स्मैक बरामद हुई।", "drug_trafficking"),
        ("आरोपी के पास से एक तमंचा और दो जिंदा कारतूस मिले।", "arms_offence"),
        ("पुलिस ने 50 लीटर कच्ची शराब बरामद की।", "illicit_liquor"),
        ("पार्क में जुआ खेलते पांच लोग पकड़े गए।", "gambling"),
        ("भीड़ ने पथराव किया और बलवा हुआ।", "rioting"),
        ("आरोपी ने जान से मारने की धमकी दी।", "criminal_intimidation"),
        ("गोकशी के आरोप में दो गिरफ्तार।", "cattle_crime"),
        ("गैंगस्टर विकास दुबे और उसके गुर्गों ने हमला किया।", "organised_crime"),
        ("उपद्रवियों ने दुकानों को आग के हवाले कर दिया।", "other_crime"),
        ("उस पर साक्ष्य छुपाने का आरोप है।", "other_crime"),
        ("Indore Mob Lynching: युवक की मौत", "rioting"),
    ],
)
def test_crime_codes(text: str, code: str) -> None:
    assert code in crimes_of(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("मोहल्ले के लोगों ने शिकायत की।", "complaint"),
        ("पीड़ित की तहरीर पर पुलिस जांच कर रही है।", "complaint"),
        ("सूचना मिलते ही पुलिस मौके पर पहुंची।", "complaint"),
        ("थाने में मुकदमा दर्ज किया गया।", "fir_registered"),
        ("उस पर 16 मुकदमे विभिन्न थानों में दर्ज हैं।", "fir_registered"),
        ("दुकान मालिक ने प्राथमिकी दर्ज कराई।", "fir_registered"),
        ("पुलिस ने आरोपी के ठिकाने पर दबिश दी।", "raid"),
        ("छापामारी से शहर में हड़कंप रहा।", "raid"),
        ("गार्ड और मजदूरों को हिरासत में ले लिया।", "arrest"),
        ("पुलिस ने उसे धर दबोचा।", "arrest"),
        ("आरोपियों के कब्जे से लाखों रुपये बरामद हुए हैं।", "recovery"),
        ("पुलिस ने चार युवतियों को मुक्त कराया।", "rescue"),
        ("देर रात तक लड़कियों से पूछताछ जारी रही।", "interrogation"),
        ("पुलिस ने छह बदमाशों को एनकाउंटर में मार गिराया।", "encounter"),
        ("आरोपी को कोर्ट में पेश कर जेल भेज दिया गया।", "jailed"),
        ("साल 2018 में वो जेल गए थे।", "jailed"),
        ("पुलिस ने अदालत में चार्जशीट दाखिल की।", "chargesheet"),
        ("तीन आरोपितों को जमानत मिल चुकी है।", "bail"),
        ("गोविंद जमानत की कोशिश कर रहा है।", "bail"),
        ("अदालत ने दोनों को दोषी करार देते हुए उम्रकैद की सजा सुनाई।", "conviction"),
        ("अदालत ने प्रोफेसर गिलानी को बरी कर दिया।", "acquittal"),
        ("लापरवाही पर थाना प्रभारी को निलंबित कर दिया गया।", "suspension"),
        ("पीआरओ को लाइन हाजिर कर दिया गया है।", "line_hazir"),
        ("इंस्पेक्टर का तबादला कर दिया गया।", "transfer"),
        ("दोषी सिपाही को सेवा से बर्खास्त कर दिया गया।", "dismissal"),
        ("इस मामले की जांच जेसीपी आनंद प्रकाश तिवारी को सौंपी गई है।", "inquiry_ordered"),
        ("डीएम ने मजिस्ट्रियल जांच के आदेश दिए।", "inquiry_ordered"),
        ("उस पर 25 हजार का इनाम घोषित है।", "reward_announced"),
        ("प्रशासन ने आरोपी की संपत्ति कुर्क की।", "property_action"),
        ("एक बदमाश फरार होने में कामयाब रहा।", "absconding"),
    ],
)
def test_action_codes(text: str, code: str) -> None:
    assert code in actions_of(text)


# ---------------------------------------------------------------- context rules


def test_supply_is_trafficking_only_of_people() -> None:
    assert "human_trafficking" in crimes_of("हर उम्र की लड़कियां सप्लाई की जा रही थीं।")
    c = crimes_of("पुलिस ने साइबर अपराधियों को फर्जी खातों की सप्लाई करने वाले गिरोह पर केस दर्ज किया।")
    assert "human_trafficking" not in c
    assert {"cyber_crime", "organised_crime", "fraud"} <= c


def test_death_alone_is_no_murder() -> None:
    assert "murder" not in crimes_of("समय पर उपचार न मिलने से उसकी मौत हो गई।")


def test_attempt_is_not_murder() -> None:
    c = crimes_of("बलराम पर हत्या के प्रयास, लूट और अपहरण के मामले दर्ज हैं।")
    assert "attempted_murder" in c and "murder" not in c
    assert {"robbery", "kidnapping"} <= c


def test_suicide_needs_someone_held_responsible() -> None:
    assert "suicide_abetment" not in crimes_of("छात्रा ने घर में आत्महत्या कर ली।")
    assert "suicide_abetment" in crimes_of("आत्महत्या के लिए उकसाने के आरोप में पति पकड़ा गया।")
    c, a = codes("साल 2018 में एक छात्रा की खुदकुशी में मामले में वो जेल गए थे।")
    assert "suicide_abetment" in c and "jailed" in a


def test_beaten_to_death_is_murder_not_assault() -> None:
    c = crimes_of("मजदूरों ने युवक की पीट-पीटकर हत्या कर दी। आरोपितों ने डंडों से पिटाई की थी।")
    assert "murder" in c and "assault" not in c
    assert "assault" in crimes_of("बदमाशों ने दुकानदार की पिटाई कर दी।")


def test_injured_in_an_accident_is_no_assault() -> None:
    assert "assault" not in crimes_of("सड़क हादसे में दो लोग घायल हो गए।")
    assert "assault" in crimes_of("हमले में 80 लोग घायल हुए हैं।")


def test_cyber_word_alone_is_no_cyber_crime() -> None:
    assert "cyber_crime" not in crimes_of("पुलिस ने साइबर एक्सपर्ट भी जांच में शामिल किए है।")


def test_sprayed_drug_is_no_drug_trafficking() -> None:
    assert "drug_trafficking" not in crimes_of("बदमाशों ने नशीले पदार्थ का छिड़काव किया था।")


def test_weak_cue_needs_support() -> None:
    assert "fraud" not in crimes_of("सचिन के मुताबिक गोविंद ने परिवार के साथ धोखा किया है।")
    assert "fraud" in crimes_of("ड्राइवर ने धोखा किया और चार करोड़ रुपये के आभूषण लेकर भाग गया।")
    # a looter needs an arrest or a gang in the same sentence
    assert "robbery" not in crimes_of("राजधानी में लुटेरों के हौसले बुलंद हैं।")
    assert "robbery" in crimes_of("गिरफ्तार बदमाश कार लुटेरे बताए जा रहे हैं।")


def test_surname_gangwar_is_no_gang() -> None:
    assert "organised_crime" not in crimes_of("आरोपित अभिषेक गैंगवार निवासी मानसरोवर कॉलोनी है।")
    assert "organised_crime" in crimes_of("शहर में गैंगवार में दो की मौत हो गई।")


def test_pluperfect_flight_alone_is_background() -> None:
    assert "absconding" not in actions_of("हत्या करने के बाद सभी फरार हो गए थे।")
    a = actions_of("हत्या करने के बाद सभी फरार हो गए थे। फरार आरोपी की तलाश जारी है।")
    assert "absconding" in a


def test_judicial_custody_is_jail_not_arrest() -> None:
    a = actions_of("कोर्ट ने आरोपियों को न्यायिक हिरासत में भेज दिया।")
    assert "jailed" in a and "arrest" not in a


# ---------------------------------------------------------------- negation / modality


def test_negated_fir_and_injury() -> None:
    assert "fir_registered" not in actions_of("दूसरे मामले में अभी केस दर्ज नहीं किया गया है।")
    assert "fir_registered" not in actions_of("रात तक इस केस की एफआईआर दर्ज नहीं की गई थी।")
    assert "assault" not in crimes_of("इस फायरिंग में कोई घायल नहीं हुआ है।")
    assert "arrest" not in actions_of("मामले में अब तक किसी की गिरफ्तारी नहीं हुई है।")


def test_denial() -> None:
    assert "assault" not in crimes_of("एसआइ धर्मेंद्र राजपूत ने भी पिटाई से इनकार कर दिया।")


def test_not_only_is_no_negation() -> None:
    assert "theft" in crimes_of("कर्नल ने न सिर्फ गाड़ियां चोरी करवाई थीं बल्कि उन्हें बेचा भी।")


def test_demand_is_not_an_action() -> None:
    assert "arrest" not in actions_of("परिजनों ने आरोपियों की गिरफ्तारी की मांग की।")
    assert "arrest" not in actions_of("स्वजन ने कहा ठेकेदार को गिरफ्तार करो।")
    assert "inquiry_ordered" not in actions_of("नेताओं ने घटना की न्यायिक जांच की मांग की।")


def test_future_is_not_an_action() -> None:
    c, a = codes("शीघ्र ही कांड का उद्भेदन कर चोरी गए सामानों की बरामदगी की जाएगी।")
    assert "recovery" not in a and "theft" in c
    assert "arrest" not in actions_of("आरोपी को जल्द गिरफ्तार किया जाएगा।")
    # the absconding is real, only the arrest is future
    a = actions_of("फरार आरोपी को जल्द गिरफ्तार किया जाएगा।")
    assert "absconding" in a and "arrest" not in a
    assert "interrogation" not in actions_of("पुलिस उनसे पूछताछ करने की तैयारी कर रही है।")


def test_future_after_conjunctive_participle() -> None:
    a = actions_of("उसने कहा कि फोन बरामद कर लड़के को किसी और केस में बंद कर दिया जाएगा।")
    assert "recovery" not in a


def test_purpose() -> None:
    a = actions_of("पुलिस जब बदमाशों को गिरफ्तार करने के लिए गई, तो उन्होंने फायरिंग शुरू कर दी।")
    assert "arrest" not in a and "raid" in a


def test_condition_scope_ends_at_to() -> None:
    text = "अगर किसी ने छोड़ने का प्रयास किया तो वह जान से मारने की धमकी दी जाती थी।"
    assert "criminal_intimidation" in crimes_of(text)
    c, a = codes("अगर किसी ने शिकायत की तो उसे धमकाया जाता था।")
    assert "complaint" not in a and "criminal_intimidation" in c


def test_past_action_is_kept() -> None:
    a = actions_of("पुलिस ने आरोपी को गिरफ्तार कर लिया है और उसके साथियों को भी पकड़ा जाएगा।")
    assert "arrest" in a


def test_threat_to_kill_is_no_murder() -> None:
    c = crimes_of("उसने हत्या की धमकी दी।")
    assert "murder" not in c and "criminal_intimidation" in c


def test_modality_function() -> None:
    t = "पुलिस ने केस दर्ज नहीं किया।"
    s = t.index("केस")
    assert modality(t, s, s + len("केस दर्ज")) == (True, False)
    t = "आरोपियों को गिरफ्तार किया जाएगा।"
    s = t.index("गिरफ्तार")
    assert modality(t, s, s + len("गिरफ्तार")) == (False, True)
    t = "पुलिस ने आरोपियों को गिरफ्तार किया, लेकिन एक फरार नहीं हुआ।"
    s = t.index("गिरफ्तार")
    assert modality(t, s, s + len("गिरफ्तार")) == (False, False)
    # a demand makes an action hypothetical, but a bribe demanded is still a bribe
    t = "सचिव ने रिश्वत की मांग की।"
    s = t.index("रिश्वत")
    assert modality(t, s, s + len("रिश्वत"), kind="crime") == (False, False)
    t = "परिवार ने गिरफ्तारी की मांग की।"
    s = t.index("गिरफ्तारी")
    assert modality(t, s, s + len("गिरफ्तारी"), kind="action") == (False, True)


def test_bailable_warrant_is_no_bail() -> None:
    assert "bail" not in actions_of("अदालत ने उसके खिलाफ जमानती वारंट जारी किया।")


def test_order_of_first_mention() -> None:
    crimes, actions = article_codes(
        doc_of("पुलिस ने छापा मारा। तीन लोग गिरफ्तार हुए। उनके पास से स्मैक और तमंचा मिला।")
    )
    assert [c for c, _ in actions][:2] == ["raid", "arrest"]
    assert [c for c, _ in crimes] == ["drug_trafficking", "arms_offence"]
    assert all(ev for _, ev in crimes + actions)


# ---------------------------------------------------------------- sections


def test_section_table() -> None:
    assert crimes_for_section("IPC", "302") == "murder"
    assert crimes_for_section("IPC", "307") == "attempted_murder"
    assert crimes_for_section("IPC", "376D") == "rape"
    assert crimes_for_section("IPC", "498A") == "dowry_offence"
    assert crimes_for_section("BNS", "103") == "murder"
    assert crimes_for_section("NDPS", None) == "drug_trafficking"
    assert crimes_for_section("ARMS", "25") == "arms_offence"
    assert crimes_for_section("IPC", "9999") is None


# ---------------------------------------------------------------- dev gold


@pytest.mark.skipif(not DEV.exists(), reason="../shared (gold dev set) is not available")
def test_dev_set_micro_f1() -> None:
    counts = {"crimes": [0, 0, 0], "actions": [0, 0, 0]}
    for line in DEV.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        crimes, actions = article_codes(doc_of(g["text"]))
        for key, pred in (("crimes", crimes), ("actions", actions)):
            p, gold = {c for c, _ in pred}, set(g[key])
            counts[key][0] += len(p & gold)
            counts[key][1] += len(p)
            counts[key][2] += len(gold)
    # regression guards, a margin below the figures on the 46 articles (crimes 0.853,
    # actions 0.958 when the dev set grew); never raised by tuning to the dev articles
    floors = {"crimes": 0.82, "actions": 0.93}
    for key, (tp, npred, ngold) in counts.items():
        prec, rec = tp / npred, tp / ngold
        f1 = 2 * prec * rec / (prec + rec)
        assert f1 >= floors[key], (key, prec, rec, f1)


def test_match_fixing_and_abuse_on_social_media() -> None:
    crimes = {c for c, _ in article_codes(doc_of("खिलाड़ी को स्पॉट फिक्सिंग के आरोप में पकड़ा गया।"))[0]}
    assert "fraud" in crimes
    text = "आरोपी ने युवती को सोशल मीडिया पर अभद्र संदेश भेजकर धमकाया।"
    crimes = {c for c, _ in article_codes(doc_of(text))[0]}
    assert {"cyber_crime", "sexual_harassment"} <= crimes
    crimes = {c for c, _ in article_codes(doc_of("बदमाशों ने उसे गोलियां मारकर लहूलुहान कर दिया।"))[0]}
    assert "attempted_murder" in crimes


def test_phrase_keys_keep_punctuation_tokens_as_the_doc_does() -> None:
    from jaanch.doc import Doc
    from jaanch.recognise.matcher import PhraseMatcher
    from jaanch.types import Article

    doc = Doc.from_article(Article(id="t", text="वह लश्कर-ए-तैयबा का सदस्य था।"))
    found = PhraseMatcher([("लश्कर-ए-तैयबा", "org")]).find_all(doc.tokens, doc.keys)
    assert [(doc.text[m.start : m.end], m.payload) for m in found] == [("लश्कर-ए-तैयबा", "org")]
