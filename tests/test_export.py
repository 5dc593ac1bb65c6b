"""Exports: jsonl records, ACLED-like CSV rows, FollowTheMoney (validated), GEXF."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from jaanch.export import export, validate_ftm
from jaanch.export.writers import CSV_COLUMNS
from jaanch.resolve import ingest_and_resolve as ingest
from test_store import EXAMPLES, fresh_engine, write_articles


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    tmp = tmp_path_factory.mktemp("export")
    engine = fresh_engine("sqlite", tmp)
    ingest(engine, [str(write_articles(tmp / "in")), str(EXAMPLES)], workers=1)
    return engine


def _out(kb: Engine, fmt: str) -> str:
    buf = io.StringIO()
    export(kb, fmt, buf)
    return buf.getvalue()


def test_jsonl_one_record_per_article(kb: Engine) -> None:
    recs = [json.loads(x) for x in _out(kb, "jsonl").splitlines()]
    assert len(recs) == 7
    a1 = next(r for r in recs if r["article"]["id"] == "a1")
    assert a1["schema"] == "jaanch.extraction/1"
    assert a1["kb"]["entities"]["राकेश यादव"].startswith("P")


def test_csv_one_row_per_incident(kb: Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(_out(kb, "csv"))))
    assert rows and list(rows[0]) == CSV_COLUMNS
    a1 = [r for r in rows if r["article_id"] == "a1"]
    assert len(a1) == 1
    r = a1[0]
    assert (
        r["admin2"] == "Kanpur Nagar"
        and r["admin1"] == "Uttar Pradesh"
        and r["lgd_district"] == "157"
    )
    assert "murder" in r["crime_types"].split(";") and "arrest" in r["actions"].split(";")
    # "उसके साथी मनोज पाल की तलाश जारी है": the accomplice sought is accused too
    assert r["accused"] == "राकेश यादव;मनोज पाल"
    assert "सुनील कुमार (Station house officer)" in r["officials"]
    # labels beside the codes, in English and Hindi
    assert "Murder" in r["crime_labels"].split(";") and "हत्या" in r["crime_labels_hi"].split(";")
    assert "Arrest" in r["action_labels"].split(";")
    assert r["time_precision"] == "3"  # no date in the text: year precision at best


def test_ftm_validates(kb: Engine) -> None:
    ents = [json.loads(x) for x in _out(kb, "ftm").splitlines()]
    assert validate_ftm(ents) == []
    schemata = {e["schema"] for e in ents}
    assert {"Person", "Address", "Article", "Event", "Documentation", "UnknownLink"} <= schemata
    from followthemoney import model

    for e in ents:  # the library itself reads every entity back
        proxy = model.get_proxy(e)
        assert proxy.schema.name == e["schema"]
    persons = [e for e in ents if e["schema"] == "Person"]
    rakesh = [p for p in persons if p["properties"]["name"] == ["राकेश यादव"]]
    assert len(rakesh) == 2 and any(p["properties"].get("alias") == ["पप्पू"] for p in rakesh)


def test_validate_ftm_catches_errors() -> None:
    bad = [
        {"id": "x", "schema": "Person", "properties": {"name": ["a"], "nonsense": ["b"]}},
        {
            "id": "y",
            "schema": "Documentation",
            "properties": {"document": ["missing"], "entity": ["x"]},
        },
        {"id": "z", "schema": "Nope", "properties": {}},
    ]
    errs = validate_ftm(bad)
    assert any("nonsense" in e for e in errs)
    assert any("missing entity" in e for e in errs)
    assert any("unknown schema" in e for e in errs)


def test_gexf_reads_back(kb: Engine, tmp_path: Path) -> None:
    import networkx as nx

    path = tmp_path / "kb.gexf"
    path.write_text(_out(kb, "gexf"), encoding="utf-8")
    g = nx.read_gexf(path)
    labels = {d.get("label") for _n, d in g.nodes(data=True)}
    assert "राकेश यादव" in labels and "मनोज पाल" in labels
    assert g.number_of_edges() > 0


def test_unknown_format(kb: Engine) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export(kb, "xml", io.StringIO())


def test_every_code_the_lexicons_can_write_has_a_label() -> None:
    from jaanch.labels import KINDS, labels
    from jaanch.lexicons import load_tsv

    written = {
        "crime": {c for r in load_tsv("crime_cues.tsv") for c in r["code"].split(",")},
        "action": {c for r in load_tsv("action_cues.tsv") for c in r["code"].split(",")},
        "designation": {r["code"] for r in load_tsv("designations.tsv")},
        "act": {r["code"] for r in load_tsv("acts.tsv")},
    }
    for kind, codes in written.items():
        missing = codes - set(labels(kind))
        assert not missing, f"{kind} codes with no label in labels.tsv: {sorted(missing)}"
    for kind in KINDS:
        assert all(v["en"] and v["hi"] for v in labels(kind).values()), kind
