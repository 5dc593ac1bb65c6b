"""The whole pipeline: seeds, the dev set's figures, the CLI and the API."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import GOLD, need_shared
from jaanch import Pipeline, extract
from jaanch.evaluate import score
from jaanch.types import Article

SEED_GROUPS = (
    "people",
    "places",
    "crimes",
    "actions",
    "laws",
    "amounts",
    "case_counts",
    "relations",
    "dates",
)


def _predict(g: dict) -> dict:
    art = Article(id=g["id"], text=g["text"], published=g.get("published"))
    return Pipeline().run(art).to_dict()


@pytest.mark.parametrize("seed", ["seed-000", "seed-003"])
def test_seed_articles_come_out_right(gold, seed):
    g = gold[seed]
    report = score([(_predict(g), g)])
    for group in SEED_GROUPS:
        prf = report.facts[group]
        assert prf.f1 == 1.0, f"{seed} {group}: fp={prf.fp} fn={prf.fn}"


def test_seed_000_details(gold):
    ex = extract(gold["seed-000"]["text"])
    lovely = next(p for p in ex.people if p.name == "लवली चक्रवर्ती")
    assert lovely.aliases == ["बरखा मिश्रा"] and lovely.roles == ["accused"]
    assert {a.value for a in ex.amounts} == {45000, 100000}
    assert all(ev.text in gold["seed-000"]["text"] for p in ex.people for ev in p.evidence)


#: Regression guards on the 46-article dev set: each is a margin (about 0.03) below the
#: figure the code reached when the dev set grew to 46 articles (the figure is in the
#: comment). They follow the cross-validated figures as those rise; they are never raised by
#: tuning to the dev articles themselves.
DEV_FLOORS = {
    ("entities_lenient", "ALL"): 0.86,  # 0.890
    ("entities_strict", "PERSON"): 0.83,  # 0.862
    ("facts", "people"): 0.82,  # 0.855
    ("facts", "roles"): 0.59,  # 0.557 rules; 0.621 with the role model (CV 0.633)
    ("facts", "relations"): 0.41,  # 0.420; 0.441 with associate/member_of/posting rules
    ("facts", "crimes"): 0.82,  # 0.853
    ("facts", "actions"): 0.93,  # 0.958
    ("facts", "amounts"): 0.93,  # 0.961
    ("facts", "places"): 0.78,  # 0.816
}


def test_dev_set_floor(gold):
    """Figures below the measured ones: a regression guard, not the target."""
    report = score((_predict(g), g) for g in gold.values())
    low = {
        f"{part}.{name}": round(getattr(report, part)[name].f1, 3)
        for (part, name), floor in DEV_FLOORS.items()
        if getattr(report, part)[name].f1 < floor
    }
    assert not low, low


def test_spans_index_the_input_on_the_dev_set(gold):
    for g in gold.values():
        rec = _predict(g)
        for e in rec["entities"]:
            assert g["text"][e["start"] : e["end"]] == e["text"]


def test_eval_cli_prints_json():
    need_shared(GOLD)
    r = subprocess.run(
        [sys.executable, "-m", "jaanch.cli", "eval", str(GOLD), "--json"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert 0.0 <= d["people"]["f1"] <= 1.0
    assert "PERSON" in d["entities"]["strict"]


def test_extract_cli_on_bundled_examples_and_stdin():
    r = subprocess.run(
        [sys.executable, "-m", "jaanch.cli", "extract"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    lines = [json.loads(ln) for ln in r.stdout.splitlines()]
    assert [ln["article"]["id"] for ln in lines] == [
        "01-lucknow-arrest",
        "02-patna-fraud",
        "03-indore-suspension",
    ]
    first = lines[0]
    assert "gambling" in first["crimes"] and "arrest" in first["actions"]
    assert any(p["name"] == "राकेश वर्मा" and p["aliases"] == ["पप्पू"] for p in first["people"])
    r = subprocess.run(
        [sys.executable, "-m", "jaanch.cli", "extract", "-"],
        input='{"id": "s1", "text": "दारोगा रमेश यादव को निलंबित कर दिया गया।"}\n',
        capture_output=True,
        text=True,
    )
    rec = json.loads(r.stdout)
    assert rec["article"]["id"] == "s1" and "suspension" in rec["actions"]


def test_show_view_renders():
    r = subprocess.run(
        [sys.executable, "-m", "jaanch.cli", "extract", "--show"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert "राकेश वर्मा" in r.stdout and "evidence" in r.stdout


def test_negated_and_demanded_actions_are_not_facts():
    ex = extract("पुलिस ने अभी तक किसी की गिरफ्तारी नहीं की है। परिजनों ने आरोपियों की गिरफ्तारी की मांग की।")
    assert "arrest" not in [a.code for a in ex.actions]
