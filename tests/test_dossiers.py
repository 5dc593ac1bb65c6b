"""Dossiers, case history, district map data and watchlists through the JSON API: what each
ranks and keeps, who may read a watchlist, and that protected people stay unnamed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jaanch.dossiers.watchlists import add_user, list_users, remove_user
from jaanch.resolve import ingest_and_resolve, resolve_if_pending
from jaanch.store.db import open_store
from jaanch.types import Article
from jaanch.web import create_app
from test_web_api import TOKEN, VICTIM, build_store

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "jaanch" / "examples"


@pytest.fixture()
def store(tmp_path: Path) -> str:
    url = build_store(tmp_path / "kb.db", [str(EXAMPLES)])
    resolve_if_pending(open_store(url))
    return url


def test_dossiers_rank_and_explain(store: str) -> None:
    c = TestClient(create_app(store))
    off = c.get("/api/dossiers/officials").json()
    first = off["officials"][0]
    assert first["misconduct_incidents"] >= 1 and first["incidents"][0]["evidence"]
    assert "suspension" in {k for o in off["officials"] for k in o["codes"]}
    # the official accused of the misconduct ranks before those who acted on it
    assert first["as_accused"] >= 1
    assert c.get("/api/dossiers/officials?from=2999").json()["total"] == 0
    acc = c.get("/api/dossiers/accused").json()["accused"]
    assert acc[0]["cases_stated"] >= acc[-1]["cases_stated"]
    assert all(VICTIM not in str(a) for a in acc)
    csv_rows = c.get("/api/dossiers/officials.csv").text.strip().splitlines()
    assert csv_rows[0].startswith("entity,name,designation,designation_label")
    assert len(csv_rows) == off["total"] + 1
    hist = c.get(f"/api/entities/{first['entity']}/history").json()
    steps = [s["step"] for case in hist["cases"] for s in case["steps"]]
    assert "suspension" in steps
    assert c.get("/api/entities/Pnone/history").status_code == 404
    dm = c.get("/api/districts").json()
    assert dm["districts"] and all(0 <= d["x"] <= 640 for d in dm["districts"])


def test_watchlists_belong_to_their_reader(store: str) -> None:
    engine = open_store(store)
    other = add_user(engine, "other")
    c = TestClient(create_app(store, token=TOKEN))
    me = {"Authorization": f"Bearer {TOKEN}"}
    assert c.get("/api/watchlists").status_code == 401
    w = c.post("/api/watchlists", json={"name": "Lucknow"}, headers=me).json()
    people = c.get("/api/entities", params={"kind": "person", "limit": 100}).json()["entities"]
    protected = next(p for p in people if p.get("protected"))
    item = c.post(f"/api/watchlists/{w['id']}/items", json={"entity": protected["id"]}, headers=me)
    assert item.status_code == 201 and VICTIM not in item.text
    assert c.post(f"/api/watchlists/{w['id']}/items", json={}, headers=me).status_code == 400
    # another reader sees nothing of it; a wrong feed key gets nothing
    theirs = {"Authorization": f"Bearer {other}"}
    assert c.get(f"/api/watchlists/{w['id']}", headers=theirs).status_code == 404
    assert c.get(f"/watchlists/{w['id']}/feed.atom", params={"key": "x" * 20}).status_code == 404
    time.sleep(1.1)
    text = (
        f"लखनऊ। नाबालिग पीड़िता {VICTIM} के मामले में आरोपी विनोद सक्सेना की जमानत अर्जी "
        "अदालत ने खारिज कर दी। पुलिस ने दुष्कर्म के मामले में आरोप पत्र दाखिल कर दिया है।"
    )
    ingest_and_resolve(
        engine, [], items=iter([(Article(id="follow-up", text=text), "t")]), workers=1
    )
    seen = c.get(f"/api/watchlists/{w['id']}", headers=me).json()
    feed = c.get(seen["feed"]).text
    assert VICTIM not in str(seen) and VICTIM not in feed
    assert seen["new"] and seen["new"][0]["doc_id"] == "follow-up"
    assert c.post(f"/api/watchlists/{w['id']}/seen", headers=me).status_code == 204
    assert c.get(f"/api/watchlists/{w['id']}", headers=me).json()["new"] == []
    # a removed reader's token stops working
    theirs_list = c.post("/api/watchlists", json={"name": "x"}, headers=theirs)
    assert theirs_list.status_code == 201
    assert [u["name"] for u in list_users(engine)] == ["admin", "other"]
    assert remove_user(engine, "other") == 1
    assert c.get("/api/watchlists", headers=theirs).status_code == 401
