"""Tests of the name lexicon (jaanch.names) and its build script."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from jaanch.lexicons import load_tsv
from jaanch.names import NameLexicon, TokenCounts, syllable_letters, token_key

ROOT = Path(__file__).parents[1]
SHARED = ROOT.parent / "shared"
NER = SHARED / "data" / "ner"


@pytest.fixture(scope="module")
def lex() -> NameLexicon:
    return NameLexicon.default()


def test_default_is_cached_and_large(lex: NameLexicon) -> None:
    assert NameLexicon.default() is lex
    assert len(lex) > 20000


@pytest.mark.parametrize("name", ["राहुल", "मनमोहन", "सोनिया", "मायावती"])
def test_given_names_score_high(lex: NameLexicon, name: str) -> None:
    assert lex.person_score(name) > 0.8
    assert lex.first_name_score(name) > 0.6
    assert lex.is_given_name(name)


@pytest.mark.parametrize("word", ["पुलिस", "थाने", "गांव", "और", "गिरफ्तार", "जिला"])
def test_ordinary_words_score_low(lex: NameLexicon, word: str) -> None:
    assert lex.person_score(word) < 0.1
    assert not lex.is_given_name(word)


@pytest.mark.parametrize("word", ["और", "के", "में", "है", "गया"])
def test_common_words(lex: NameLexicon, word: str) -> None:
    assert lex.is_common_word(word)
    assert lex.common_count(word) > 1000


@pytest.mark.parametrize("word", ["राहुल", "सिंह", "दिल्ली"])
def test_names_are_not_common_words(lex: NameLexicon, word: str) -> None:
    assert not lex.is_common_word(word)


@pytest.mark.parametrize("name", ["सिंह", "यादव", "मिश्रा", "तिवारी", "कुमार", "खान"])
def test_surnames(lex: NameLexicon, name: str) -> None:
    assert lex.is_surname(name)
    assert lex.surname_score(name) > 0.5
    assert lex.person_score(name) > 0.5


def test_surname_is_last_not_first(lex: NameLexicon) -> None:
    # सिंह ends names; राहुल begins them
    assert lex.surname_score("सिंह") > lex.first_name_score("सिंह")
    assert lex.first_name_score("राहुल") > lex.surname_score("राहुल")


def test_curated_surname_the_corpora_contradict(lex: NameLexicon) -> None:
    # सरकार is a Bengali surname but mostly the word "government": no surname floor
    assert lex.is_surname("सरकार")
    assert lex.person_score("सरकार") < 0.1
    assert lex.org_score("सरकार") > lex.person_score("सरकार")


def test_rare_curated_surname_gets_floor(lex: NameLexicon) -> None:
    c = lex.counts("रघुवंशी")
    assert c is None or c.total < 10
    assert lex.person_score("रघुवंशी") >= 0.6


def test_titles_are_not_names(lex: NameLexicon) -> None:
    for t in ("श्री", "श्रीमती", "डॉ", "जी"):
        assert lex.is_title(t)
        assert lex.person_score(t) <= 0.1
        assert not lex.is_given_name(t)


def test_places_and_orgs(lex: NameLexicon) -> None:
    assert lex.loc_score("दिल्ली") > 0.5
    assert lex.person_score("दिल्ली") < 0.1
    assert lex.loc_score("राहुल") < 0.1
    assert lex.org_score("भाजपा") > 0.5


def test_lookup_folds_nukta_and_punctuation(lex: NameLexicon) -> None:
    # a nukta variant and trailing punctuation find the same row
    assert token_key("ज़ैदी") == token_key("जैदी")
    assert lex.counts("राहुल,") == lex.counts("राहुल")
    assert lex.person_score("राहुल।") == lex.person_score("राहुल")


def test_unseen_and_empty(lex: NameLexicon) -> None:
    assert lex.counts("क्ष्ज्ञट्ठ") is None
    assert 0.0 < lex.person_score("क्ष्ज्ञट्ठ") < 0.5
    assert lex.person_score("") == 0.0
    assert lex.person_score("...") == 0.0


def test_counts_are_consistent(lex: NameLexicon) -> None:
    c = lex.counts("सिंह")
    assert isinstance(c, TokenCounts)
    parts = c.per_first + c.per_inner + c.per_last + c.loc + c.org + c.misc + c.other
    assert parts == c.total
    assert c.per_last > c.per_first


def test_small_custom_lexicon() -> None:
    counts = {
        "अ": TokenCounts(8, 0, 0, 0, 0, 0, 0, 8),
        "ब": TokenCounts(0, 0, 0, 0, 0, 0, 98, 98),
    }
    lex = NameLexicon(counts, {"ब": 98}, frozenset({"क"}), {"अ": 8}, frozenset({"श"}))
    assert lex.person_score("अ") == pytest.approx((8 + 2 * 0.3) / 10)
    assert lex.person_score("ब") == pytest.approx(0.6 / 100)
    assert lex.person_score("क") == 0.6  # unseen curated surname
    assert lex.person_score("श") <= 0.1
    assert lex.is_common_word("ब") and not lex.is_common_word("अ")


def test_data_files_well_formed() -> None:
    surnames = [r["surname"] for r in load_tsv("surnames.tsv")]
    assert len(surnames) >= 250
    assert len(set(surnames)) == len(surnames)
    for s in ("सिंह", "पांडेय", "पाण्डेय", "मीणा", "मीना", "श्रीवास्तव", "रेड्डी", "बनर्जी"):
        assert s in surnames
    common = load_tsv("common_words.tsv")
    assert len(common) == 3000
    counts = [int(r["count"]) for r in common]
    assert counts == sorted(counts, reverse=True)
    tokens = [r["token"] for r in load_tsv("name_tokens.tsv")]
    assert tokens == sorted(tokens)


def _load_build_script() -> object:
    spec = importlib.util.spec_from_file_location(
        "build_name_lexicon", ROOT / "scripts" / "build_name_lexicon.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_name_lexicon"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_build_counts_positions() -> None:
    b = _load_build_script()
    c = b.Counts()  # type: ignore[attr-defined]
    sent = [
        ("श्री", "", False),
        ("राम", "PER", True),
        ("प्रसाद", "PER", False),
        ("यादव,", "PER", False),
        ("पटना", "LOC", True),
        ("में", "", False),
        ("मोहन", "PER", True),
    ]
    c.add_sentence(sent)
    assert c.per_first["राम"] == 1 and c.per_inner["प्रसाद"] == 1 and c.per_last["यादव"] == 1
    assert c.per_first["मोहन"] == 1 and c.per_last["मोहन"] == 0  # a one-word name
    assert c.loc["पटना"] == 1 and c.other["श्री"] == 1 and c.other["में"] == 1


def test_build_tag_readers() -> None:
    b = _load_build_script()
    bio = b.bio  # type: ignore[attr-defined]
    ilmap = b.ILNER_MAP  # type: ignore[attr-defined]
    assert bio("B-NEP", ilmap, "") == ("PER", True)
    assert bio("I-NEP", ilmap, "PER") == ("PER", False)
    assert bio("I-NEP", ilmap, "") == ("PER", True)  # I- without a B- starts a span
    assert bio("-NEL", ilmap, "LOC") == ("LOC", False)  # IL-NER noise
    assert bio("B-NETI", ilmap, "") == ("MISC", True)
    assert bio("-", ilmap, "") is None
    assert bio("O", ilmap, "PER") == ("", False)
    mc = b.MULTICONER_MAP  # type: ignore[attr-defined]
    assert mc["Politician"] == "PER" and mc["Station"] == "LOC" and mc["SportsGRP"] == "ORG"


@pytest.mark.skipif(not NER.is_dir(), reason="needs ../shared/data/ner (the NER corpora)")
def test_build_is_reproducible(tmp_path: Path) -> None:
    lexdir = ROOT / "src" / "jaanch" / "lexicons"
    (tmp_path / "name_titles.tsv").write_bytes((lexdir / "name_titles.tsv").read_bytes())
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_name_lexicon.py"), "--ner", str(NER)]
        + ["--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("name_tokens.tsv", "common_words.tsv", "given_names.tsv"):
        assert (tmp_path / name).read_bytes() == (lexdir / name).read_bytes(), name


@pytest.mark.parametrize(
    ("word", "letters"),
    [("नी", 1), ("के", 1), ("जय", 2), ("राम", 2), ("श्री", 2), ("शौकत", 3), ("Om", 2)],
)
def test_syllable_letters(word: str, letters: int) -> None:
    assert syllable_letters(word) == letters
