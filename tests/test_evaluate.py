"""Tests for the scorer (jaanch.evaluate) with tiny hand-made records."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from jaanch.evaluate import FACT_GROUPS, PRF, Report, align_people, diff, render, score

SHARED = Path(__file__).parents[1].parent / "shared"
GOLD = SHARED / "data" / "gold" / "dev.jsonl"


def rec(**fields: Any) -> dict[str, Any]:
    """A jaanch.extraction/1 record with empty lists for everything not given."""
    base: dict[str, Any] = {
        "schema": "jaanch.extraction/1",
        "article": {"id": fields.pop("id", "a1")},
        "entities": [],
        "crimes": [],
        "actions": [],
        "people": [],
        "places": [],
        "laws": [],
        "amounts": [],
        "case_counts": [],
        "relations": [],
        "dates": [],
    }
    base.update(fields)
    return base


def person(
    name: str, *aliases: str, roles: tuple[str, ...] = (), desig: str | None = None
) -> dict[str, Any]:
    return {"name": name, "aliases": list(aliases), "roles": list(roles), "designation": desig}


def ent(t: str, s: int, e: int, text: str = "") -> dict[str, Any]:
    return {"type": t, "start": s, "end": e, "text": text}


def counts(report: Report, key: str) -> tuple[int, int, int]:
    c = report.flat()[key]
    return c.tp, c.fp, c.fn


# --------------------------------------------------------------------------- PRF


def test_prf_empty_is_one_and_missing_is_zero() -> None:
    assert (PRF().precision, PRF().recall, PRF().f1) == (1.0, 1.0, 1.0)
    only_fn = PRF(0, 0, 3)
    assert (only_fn.precision, only_fn.recall, only_fn.f1) == (0.0, 0.0, 0.0)
    only_fp = PRF(0, 2, 0)
    assert (only_fp.precision, only_fp.recall, only_fp.f1) == (0.0, 0.0, 0.0)
    c = PRF(2, 1, 3)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 5)
    assert c.f1 == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))


def test_empty_records_score_one_everywhere() -> None:
    r = score([(rec(), rec())])
    for group, name, p, rr, f1, tp, fp, fn in r.rows():
        assert (p, rr, f1, tp, fp, fn) == (1.0, 1.0, 1.0, 0, 0, 0), (group, name)


def test_micro_average_sums_counts_over_articles() -> None:
    a = (rec(id="x", crimes=["murder"]), rec(id="x", crimes=["murder"]))
    b = (rec(id="y", crimes=["theft", "robbery"]), rec(id="y", crimes=["theft", "fraud"]))
    r = score([a, b])
    assert counts(r, "crimes") == (2, 1, 1)
    assert r.facts["crimes"].f1 == pytest.approx(2 / 3)
    assert set(r.per_article) == {"x", "y"}
    assert r.per_article["y"]["crimes"] == PRF(1, 1, 1)
    assert r.n_articles == 2


# --------------------------------------------------------------------------- entities


def test_entities_strict_per_type_and_all() -> None:
    gold = rec(entities=[ent("PERSON", 0, 5), ent("LOC", 10, 15), ent("ORG", 20, 25)])
    pred = rec(entities=[ent("PERSON", 0, 5), ent("LOC", 10, 14), ent("PERSON", 20, 25)])
    r = score([(pred, gold)])
    assert counts(r, "entities.strict.PERSON") == (1, 1, 0)
    assert counts(r, "entities.strict.LOC") == (0, 1, 1)
    assert counts(r, "entities.strict.ORG") == (0, 0, 1)
    assert counts(r, "entities.strict.ALL") == (1, 2, 2)
    # lenient: the LOC overlaps, the PERSON/ORG has the wrong type
    assert counts(r, "entities.lenient.LOC") == (1, 0, 0)
    assert counts(r, "entities.lenient.ALL") == (2, 1, 1)


def test_lenient_is_one_to_one() -> None:
    gold = rec(entities=[ent("PERSON", 0, 10)])
    pred = rec(entities=[ent("PERSON", 0, 4), ent("PERSON", 5, 10)])
    r = score([(pred, gold)])
    assert counts(r, "entities.lenient.PERSON") == (1, 1, 0)
    assert counts(r, "entities.strict.PERSON") == (0, 2, 1)


def test_lenient_matching_is_maximal_not_greedy() -> None:
    # pred A overlaps gold X and Y, pred B only X: the best matching is A-Y, B-X
    gold = rec(entities=[ent("LOC", 0, 10), ent("LOC", 12, 20)])
    pred = rec(entities=[ent("LOC", 2, 15), ent("LOC", 0, 3)])
    r = score([(pred, gold)])
    assert counts(r, "entities.lenient.LOC") == (2, 0, 0)


def test_touching_spans_do_not_overlap_and_unknown_types_are_ignored() -> None:
    gold = rec(entities=[ent("DATE", 0, 5)])
    pred = rec(entities=[ent("DATE", 5, 9), ent("CRIME_CUE", 0, 5)])
    r = score([(pred, gold)])
    assert counts(r, "entities.lenient.DATE") == (0, 1, 1)
    assert counts(r, "entities.strict.ALL") == (0, 1, 1)


# --------------------------------------------------------------------------- people


def test_folding_nukta_chandrabindu_zero_width_punctuation() -> None:
    gold = rec(people=[person("सोनू क़ुरैशी"), person("चाँद बाबू"), person("अंकित")])
    pred = rec(
        people=[person("सोनू कुरैशी"), person("चांद  बाबू।"), person("अं\u200dकित")],
    )
    r = score([(pred, gold)])
    assert counts(r, "people") == (3, 0, 0)


def test_decomposed_nukta_equals_precomposed() -> None:
    gold = rec(places=[{"name": "\u095c\u093e\u0939\u0940"}])  # ड़ precomposed form
    pred = rec(places=[{"name": "\u0921\u093c\u093e\u0939\u0940"}])  # ड + nukta
    assert counts(score([(pred, gold)]), "places") == (1, 0, 0)


def test_alias_matches_gold_name_one_to_one() -> None:
    gold = rec(people=[person("लवली चक्रवर्ती", "बरखा मिश्रा")])
    pred = rec(people=[person("बरखा मिश्रा", "लवली चक्रवर्ती"), person("लवली चक्रवर्ती")])
    r = score([(pred, gold)])
    # only one of the two predicted persons can take the single gold person
    assert counts(r, "people") == (1, 1, 0)
    # and the exact name match is preferred
    assert align_people(pred["people"], gold["people"]) == [(1, 0)]


def test_alias_alignment_maximises_matches() -> None:
    gold = rec(people=[person("रवि", "गोल्डी"), person("गोल्डी सिंह")])
    # pred 0 could match gold 0 (alias) or gold 1 (name); pred 1 only gold 0
    pred = rec(people=[person("गोल्डी सिंह", "गोल्डी"), person("रवि")])
    r = score([(pred, gold)])
    assert counts(r, "people") == (2, 0, 0)


def test_roles_over_aligned_people() -> None:
    gold = rec(
        people=[
            person("विकास दुबे", roles=("accused", "absconding")),
            person("राम", roles=("victim",)),
        ]
    )
    pred = rec(
        people=[
            person("विकास", "विकास दुबे", roles=("accused", "arrested")),
            person("श्याम", roles=("witness", "victim")),
        ]
    )
    r = score([(pred, gold)])
    # matched: accused tp, arrested fp, absconding fn; unmatched pred: 2 fp; unmatched gold: 1 fn
    assert counts(r, "roles") == (1, 3, 2)
    d = diff(pred, gold)
    assert "विकास दुबे: arrested" in d["roles"]["fp"]
    assert "श्याम: victim" in d["roles"]["fp"]
    assert "राम: victim" in d["roles"]["fn"]


def test_designations_ignore_nulls() -> None:
    gold = rec(
        people=[person("गीतांजलि सिंह", desig="co"), person("अजय"), person("मीना", desig="si")]
    )
    pred = rec(
        people=[person("गीतांजलि सिंह", desig="co"), person("अजय", desig="sho"), person("मीना")]
    )
    assert counts(score([(pred, gold)]), "designations") == (1, 1, 1)


# --------------------------------------------------------------------------- relations


def test_relation_heads_mapped_through_alignment() -> None:
    gold = rec(
        people=[person("बलराम राजपूत"), person("अजय मिश्रा"), person("उत्कर्ष")],
        relations=[{"type": "parent_of", "head": "अजय मिश्रा", "tail": "उत्कर्ष"}],
    )
    # the prediction calls him "अजय" with full name as alias
    pred = rec(
        people=[person("अजय", "अजय मिश्रा"), person("उत्कर्ष")],
        relations=[{"type": "parent_of", "head": "अजय", "tail": "उत्कर्ष"}],
    )
    assert counts(score([(pred, gold)]), "relations") == (1, 0, 0)
    # direction matters for parent_of
    pred["relations"] = [{"type": "parent_of", "head": "उत्कर्ष", "tail": "अजय"}]
    assert counts(score([(pred, gold)]), "relations") == (0, 1, 1)


def test_unaligned_relation_end_is_not_mapped() -> None:
    gold = rec(
        people=[person("राम कुमार")],
        relations=[{"type": "sibling", "head": "राम कुमार", "tail": "श्याम"}],
    )
    pred = rec(
        people=[person("राम")],  # not aligned: "राम" is neither name nor alias in gold
        relations=[{"type": "sibling", "head": "राम", "tail": "श्याम"}],
    )
    assert counts(score([(pred, gold)]), "relations") == (0, 1, 1)


def test_symmetric_relations_ignore_order() -> None:
    gold = rec(
        people=[person("राजा रघुवंशी"), person("सोनम रघुवंशी"), person("देवीसिंह")],
        relations=[
            {"type": "spouse", "head": "राजा रघुवंशी", "tail": "सोनम रघुवंशी"},
            {"type": "parent_of", "head": "देवीसिंह", "tail": "सोनम रघुवंशी"},
        ],
    )
    pred = copy.deepcopy(gold)
    pred["relations"] = [
        {"type": "spouse", "head": "सोनम रघुवंशी", "tail": "राजा रघुवंशी"},
        {"type": "parent_of", "head": "सोनम रघुवंशी", "tail": "देवीसिंह"},
    ]
    assert counts(score([(pred, gold)]), "relations") == (1, 1, 1)


def test_alias_relation_and_posted_at() -> None:
    gold = rec(
        people=[person("लवली चक्रवर्ती", "बरखा मिश्रा"), person("गीतांजलि सिंह")],
        places=[{"name": "नजीराबाद"}],
        relations=[
            {"type": "alias", "head": "लवली चक्रवर्ती", "tail": "बरखा मिश्रा"},
            {"type": "posted_at", "head": "गीतांजलि सिंह", "tail": "नजीराबाद"},
        ],
    )
    pred = rec(
        people=[person("बरखा मिश्रा", "लवली चक्रवर्ती"), person("गीतांजलि")],
        relations=[
            # written the other way round, with the alias as head
            {"type": "alias", "head": "बरखा मिश्रा", "tail": "लवली चक्रवर्ती"},
            {"type": "posted_at", "head": "गीतांजलि", "tail": "नज़ीराबाद"},
        ],
    )
    r = score([(pred, gold)])
    # alias matches; गीतांजलि is not aligned, so posted_at misses
    assert counts(r, "relations") == (1, 1, 1)
    pred["people"][1] = person("गीतांजलि", "गीतांजलि सिंह")
    assert counts(score([(pred, gold)]), "relations") == (2, 0, 0)


# --------------------------------------------------------------------------- other facts


def test_laws_by_act_and_by_section() -> None:
    gold = rec(laws=[{"act": "IPC", "section": "302"}, {"act": "ARMS", "section": None}])
    pred = rec(laws=[{"act": "IPC", "section": "307"}, {"act": "arms", "section": None}])
    r = score([(pred, gold)])
    assert counts(r, "laws") == (2, 0, 0)
    assert counts(r, "law_sections") == (1, 1, 1)
    gold = rec(laws=[{"act": "IPC", "section": "498A"}])
    pred = rec(laws=[{"act": "IPC", "section": "498 a"}])
    assert counts(score([(pred, gold)]), "law_sections") == (1, 0, 0)


def test_amounts_dates_actions_sets() -> None:
    gold = rec(
        amounts=[{"value": 45000}, {"value": 100000, "approx": True}],
        dates=["2020-07-02", "2018"],
        actions=["raid", "arrest"],
    )
    pred = rec(
        amounts=[{"value": 45000.0}, {"value": 45000}, {"value": 50000}],
        dates=["2020-07-02", "2020-07"],
        actions=["arrest", "arrest"],
    )
    r = score([(pred, gold)])
    assert counts(r, "amounts") == (1, 1, 1)
    assert counts(r, "dates") == (1, 1, 1)
    assert counts(r, "actions") == (1, 0, 1)


def test_places_and_attributes() -> None:
    gold = rec(
        places=[
            {
                "name": "नजीराबाद",
                "kind": "police_station",
                "district": "Kanpur Nagar",
                "state": "Uttar Pradesh",
            },
            {
                "name": "बिकरू",
                "kind": "village",
                "district": "Kanpur Nagar",
                "state": "Uttar Pradesh",
            },
            {"name": "दिल्ली", "kind": "city", "district": None, "state": "Delhi"},
        ]
    )
    pred = rec(
        places=[
            {
                "name": "नज़ीराबाद",
                "kind": "police_station",
                "district": "kanpur nagar",
                "state": "Uttar Pradesh",
            },
            {
                "name": "बिकरू",
                "kind": "village",
                "district": "Kanpur Dehat",
                "state": "Uttar Pradesh",
            },
            {"name": "लखनऊ", "kind": "city", "district": "Lucknow", "state": "Uttar Pradesh"},
        ]
    )
    r = score([(pred, gold)])
    assert counts(r, "places") == (2, 1, 1)
    assert counts(r, "place_attrs") == (1, 1, 1)


def test_case_counts_use_alignment() -> None:
    gold = rec(
        people=[person("बलराम राजपूत")],
        case_counts=[{"person": "बलराम राजपूत", "count": 16, "place": None}],
    )
    pred = rec(
        people=[person("बलराम", "बलराम राजपूत")],
        case_counts=[{"person": "बलराम", "count": 16}, {"person": "सोनी", "count": 2}],
    )
    assert counts(score([(pred, gold)]), "case_counts") == (1, 1, 0)


# --------------------------------------------------------------------------- output


def test_to_dict_rows_diff_and_render() -> None:
    gold = rec(entities=[ent("PERSON", 0, 4, "राम")], crimes=["murder"])
    pred = rec(entities=[ent("PERSON", 0, 3, "रा")], crimes=["murder", "theft"])
    r = score([(pred, gold)])
    d = r.to_dict()
    json.dumps(d)
    assert d["entities"]["strict"]["PERSON"] == {
        "p": 0.0,
        "r": 0.0,
        "f1": 0.0,
        "tp": 0,
        "fp": 1,
        "fn": 1,
    }
    assert d["entities"]["lenient"]["PERSON"]["tp"] == 1
    assert d["crimes"]["p"] == 0.5
    assert set(FACT_GROUPS) <= set(d)
    rows = r.rows()
    assert ("facts", "crimes", 0.5, 1.0, pytest.approx(2 / 3), 1, 1, 0) in rows
    assert len(rows) == 2 * 8 + len(FACT_GROUPS)
    df = diff(pred, gold)
    assert df["entities.strict"] == {"fp": ["PERSON 0:3 रा"], "fn": ["PERSON 0:4 राम"]}
    assert df["entities.lenient"] == {"fp": [], "fn": []}
    assert df["crimes"] == {"fp": ["theft"], "fn": []}
    buf = io.StringIO()
    render(r, Console(file=buf, width=120))
    out = buf.getvalue()
    assert "crimes" in out and "0.500" in out and "0.667" in out


# --------------------------------------------------------------------------- gold


@pytest.mark.skipif(not GOLD.exists(), reason="../shared (gold dev set) is not available")
def test_gold_against_itself_is_perfect() -> None:
    gold = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    r = score((copy.deepcopy(g), g) for g in gold)
    assert r.n_articles == len(gold)
    for group, name, p, rr, f1, _tp, fp, fn in r.rows():
        assert (p, rr, f1, fp, fn) == (1.0, 1.0, 1.0, 0, 0), (group, name)
    assert r.facts["people"].tp > 0 and r.entities_strict["ALL"].tp > 0
    # dropping a person loses exactly that person (and any of its facts), nothing more
    one = next(g for g in gold if g["people"])
    pred = copy.deepcopy(one)
    dropped = pred["people"].pop()
    r = score([(pred, one)])
    assert counts(r, "people") == (len(pred["people"]), 0, 1)
    assert diff(pred, one)["people"]["fn"] == [dropped["name"]]
