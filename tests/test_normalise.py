from hypothesis import given
from hypothesis import strategies as st

from jaanch.text.normalise import fold_for_match, normalise
from jaanch.text.segment import sentences, tokenize


def test_nukta_after_vowel_sign_is_moved():
    n = normalise("पीडि़त")
    assert n.text == "पीड़ित"
    assert n.input_text(0, len(n.text)) == "पीडि़त"


def test_legacy_font_im_sign():
    n = normalise("राजपाल ¨सह तोमर")
    assert n.text == "राजपाल सिंह तोमर"
    start = n.text.index("सिंह")
    assert n.input_text(start, start + 4) == "¨सह"


def test_zero_width_digits_danda_and_split_words():
    n = normalise("उन्\u200dहोंने १३ दिसंबर को बात । से े")
    assert "\u200d" not in n.text
    assert "13 दिसंबर" in n.text
    assert "बात।" in n.text
    assert n.text.endswith("से")


def test_offsets_map_back_for_every_token():
    raw = "कानपुर\u200b के गाडि़यां ¨सह ५० रुपए ।"
    n = normalise(raw)
    for t in tokenize(n.text):
        s, e = n.to_input(t.start, t.end)
        assert 0 <= s < e <= len(raw)
        assert raw[s:e].strip()


@given(st.text(alphabet=st.sampled_from(list("कखगडि़ािीेैोंअआ¨ ।\u200b\u200d१२abc.\n")), max_size=60))
def test_offset_map_is_monotone_and_in_range(raw):
    n = normalise(raw)
    assert len(n.origin) == len(n.text) + 1
    for i in range(len(n.text)):
        for j in range(i + 1, min(len(n.text), i + 4) + 1):
            s, e = n.to_input(i, j)
            assert 0 <= s <= e <= len(raw)


def test_fold_for_match_follows_the_scoring_rules():
    assert fold_for_match("पकड़ा") == fold_for_match("पकडा")
    assert fold_for_match("गाँव") == "गांव"
    assert fold_for_match("  लवली   चक्रवर्ती। ") == "लवली चक्रवर्ती"


def test_sentences_keep_initials_together():
    text = "कर्नल एम. पी. सिंह ने बताया। दूसरा वाक्य है।"
    ss = sentences(text)
    assert len(ss) == 2
    assert ss[0].text.startswith("कर्नल एम. पी. सिंह")


def test_latin_spelling_follows_hindi_pronunciation():
    from jaanch.text.translit import latin_name

    assert latin_name("बलराम राजपूत") == "Balram Rajput"
    assert latin_name("गीतांजलि सिंह") == "Gitanjali Singh"
    assert latin_name("लवली चक्रवर्ती") == "Lavli Chakravarti"
    assert latin_name("देवेंद्र कुमार मिश्रा") == "Devendra Kumar Mishra"
    assert latin_name("उत्कर्ष") == "Utkarsh"
    assert latin_name("मोहम्मद") == "Mohammad"


def test_legacy_o_matra_and_dotted_abbreviations():
    n = normalise("देवबंद काेतवाल ने ए.एस.आई. को बताया")
    assert n.text == "देवबंद कोतवाल ने एएसआई को बताया"
    k = n.text.index("एएसआई")
    assert n.input_text(k, k + len("एएसआई")) == "ए.एस.आई"
    # initials with spaces and a single initial stay as written
    assert normalise("एम . पी . सिंह").text == "एम . पी . सिंह"
    assert normalise("आर. रवि").text == "आर. रवि"


def test_independent_vowels_typed_in_parts_are_joined():
    n = normalise("निशांत आैर संजीव पक्ष के अांबेडकर नगर की आेर काे")
    assert n.text == "निशांत और संजीव पक्ष के आंबेडकर नगर की ओर को"
    # a span ending in a joined vowel ends after every character it was typed with
    for word, raw in (("और", "आैर"), ("आंबेडकर", "अांबेडकर"), ("ओर", "आेर"), ("को", "काे")):
        k = n.text.index(word)
        assert n.input_text(k, k + len(word)) == raw
    # three parts: अ + ा + ै
    assert normalise("अाैर").text == "और"
    assert normalise("अाैर").input_text(0, 2) == "अाैर"
    # a vowel sign after a consonant stays as it is
    assert normalise("आम कार").text == "आम कार"
