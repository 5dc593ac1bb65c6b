"""Gazetteer: Hindi place names -> kind, LGD district and state."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jaanch.gazetteer import Gazetteer, PlaceRecord, loose_key, place_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _best(gaz: Gazetteer, name: str, context_state: str | None = None) -> PlaceRecord:
    rec = gaz.best(name, context_state)
    assert rec is not None, name
    return rec


def test_kanpur_is_the_city_in_kanpur_nagar(gaz: Gazetteer) -> None:
    rec = _best(gaz, "कानपुर")
    assert (rec.kind, rec.district, rec.state, rec.country) == (
        "city",
        "Kanpur Nagar",
        "Uttar Pradesh",
        "IN",
    )
    assert rec.lgd_district == 157 and rec.lgd_state == 9


def test_states(gaz: Gazetteer) -> None:
    up = _best(gaz, "उत्तर प्रदेश")
    assert (up.kind, up.state, up.district) == ("state", "Uttar Pradesh", None)
    delhi = _best(gaz, "दिल्ली")
    assert (delhi.kind, delhi.state) == ("state", "Delhi")
    # spellings: nukta, ण्ड for ंड, hyphen, abbreviation
    assert _best(gaz, "छत्तीसगढ").state == "Chhattisgarh"
    assert _best(gaz, "झारखण्ड").state == "Jharkhand"
    assert _best(gaz, "जम्मू-कश्मीर").state == _best(gaz, "जम्मू कश्मीर").state == "Jammu And Kashmir"
    assert _best(gaz, "यूपी").state == "Uttar Pradesh"


def test_sirsa_in_haryana_is_the_district(gaz: Gazetteer) -> None:
    rec = _best(gaz, "सिरसा", context_state="Haryana")
    assert (rec.kind, rec.district, rec.state) == ("district", "Sirsa", "Haryana")
    # without context the district (not a same-name village elsewhere) still wins
    assert _best(gaz, "सिरसा").district == "Sirsa"


def test_context_state_picks_the_homonym(gaz: Gazetteer) -> None:
    assert _best(gaz, "प्रतापगढ़", "Uttar Pradesh").state == "Uttar Pradesh"
    assert _best(gaz, "प्रतापगढ़", "Rajasthan").state == "Rajasthan"
    assert _best(gaz, "बिलासपुर", "Himachal Pradesh").state == "Himachal Pradesh"


def test_countries(gaz: Gazetteer) -> None:
    assert (_best(gaz, "कनाडा").kind, _best(gaz, "कनाडा").country) == ("country", "CA")
    assert _best(gaz, "टर्की").country == _best(gaz, "तुर्की").country == "TR"
    assert _best(gaz, "अमेरिका").country == "US"
    assert _best(gaz, "इंग्लैंड").country == "GB"
    assert _best(gaz, "नेपाल").district is None


def test_dantewada_spellings(gaz: Gazetteer) -> None:
    for name in ("दंतेवाड़ा", "दन्तेवाड़ा", "दंतेवाडा"):
        rec = _best(gaz, name)
        assert (rec.kind, rec.district, rec.state) == (
            "district",
            "Dakshin Bastar Dantewada",
            "Chhattisgarh",
        )


def test_big_cities_whose_district_has_another_name(gaz: Gazetteer) -> None:
    expect = {
        "इंदौर": ("Indore", "Madhya Pradesh"),
        "जमशेदपुर": ("East Singhbum", "Jharkhand"),
        "मोहाली": ("S.A.S Nagar", "Punjab"),
        "गुड़गांव": ("Gurugram", "Haryana"),
        "इलाहाबाद": ("Prayagraj", "Uttar Pradesh"),
        "बेंगलुरु": ("Bengaluru Urban", "Karnataka"),
        "लखनऊ": ("Lucknow", "Uttar Pradesh"),
        "मुंबई": ("Mumbai", "Maharashtra"),
        "छपरा": ("Saran", "Bihar"),
        "नोएडा": ("Gautam Buddha Nagar", "Uttar Pradesh"),
    }
    for name, (district, state) in expect.items():
        rec = _best(gaz, name)
        assert (rec.district, rec.state) == (district, state), name
    assert _best(gaz, "इंदौर").kind == "city"
    assert _best(gaz, "मेरठ").kind == "city"  # a city of a million beats its district
    assert _best(gaz, "झाबुआ").kind == "district"  # a small HQ town yields to its district


def test_loose_spelling_fallback(gaz: Gazetteer) -> None:
    # anusvara dropped in the text: बनासकाठा for बनासकांठा
    rec = _best(gaz, "बनासकाठा")
    assert (rec.district, rec.state) == ("Banas Kantha", "Gujarat")
    assert loose_key("मिश्रा") == loose_key("मिश्र")
    assert place_key("न्यूयॉर्क").startswith("न्य")  # न्य is not a nasal cluster


def test_common_words_are_not_places(gaz: Gazetteer) -> None:
    for word in ("राजा", "सिंह", "क्षेत्र", "नगर", "पुलिस", "बहुत", "सोमवार", "आदमी", "मोहन"):
        assert not gaz.is_known(word), word
    # a homograph that is also a district is kept, flagged as needing a cue
    gaya = gaz.lookup("गया")
    assert gaya and gaya[0].district == "Gaya" and gaya[0].needs_context


def test_delhi_districts(gaz: Gazetteer) -> None:
    assert _best(gaz, "पश्चिमी दिल्ली").district == "West"
    rec = _best(gaz, "साउथ वेस्ट", "Delhi")
    assert (rec.kind, rec.district, rec.needs_context) == ("district", "South West", True)
    assert _best(gaz, "नई दिल्ली").district == "New Delhi"


def test_helpers_and_unknown(gaz: Gazetteer) -> None:
    assert gaz.best("कखगघ") is None and gaz.lookup("कखगघ") == []
    assert gaz.max_words >= 3
    assert "Kanpur Nagar" in gaz.districts_of_state("Uttar Pradesh")
    assert gaz.state_of_district("Kanpur Nagar") == "Uttar Pradesh"


def test_every_district_row_names_an_lgd_district(gaz: Gazetteer) -> None:
    for rec in gaz.records:
        if rec.country == "IN" and rec.kind != "country":
            assert rec.state, rec
        if rec.kind == "district":
            assert rec.lgd_district is not None, rec


@pytest.mark.skipif(
    not (SHARED / "data" / "gazetteers").is_dir(), reason="../shared (gazetteer sources) absent"
)
def test_build_is_deterministic(tmp_path: Path) -> None:
    out = tmp_path / "places.tsv"
    cmd = [sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    committed = (ROOT / "src" / "jaanch" / "lexicons" / "places.tsv").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed


def test_common_words_that_a_source_lists_as_places_are_no_places():
    from jaanch import extract

    # ग्रेनेड is a grenade (a source spells Grenada so), कहर havoc, लाठी a stick
    ex = extract("आतंकियों ने ग्रेनेड से हमला कर कहर बरपाया। पुलिस ने लाठी चलाई।")
    locs = [s.text for s in ex.entities if s.label == "LOC"]
    assert not {"ग्रेनेड", "कहर", "लाठी"} & set(locs)
