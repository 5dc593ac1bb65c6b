"""Victim privacy: protected people are pseudonymised in search, profiles and exports."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.export import export
from jaanch.privacy import is_protected, pseudonym, redact_text
from jaanch.resolve import ingest_and_resolve as ingest
from jaanch.search import search
from jaanch.search.profile import find_entities, profile
from jaanch.store.models import Entity, Mention
from test_store import fresh_engine, write_articles

VICTIM = "सीमा कुमारी"


def test_rules() -> None:
    assert is_protected(["victim"], None, ["rape"], None)
    assert is_protected(["victim"], None, ["theft"], "नाबालिग किशोरी घर से लापता")
    assert is_protected(["accused"], 16, ["theft"], None)  # a minor in any role
    assert not is_protected(["accused"], None, ["rape"], None)
    assert not is_protected(["victim"], 30, ["murder"], "व्यापारी की हत्या")
    assert pseudonym("P1") == pseudonym("P1") != pseudonym("P2")
    assert pseudonym("P1").startswith("संरक्षित-")
    assert redact_text("सीमा कुमारी की मां", {VICTIM: "X"}) == "X की मां"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    tmp = tmp_path_factory.mktemp("privacy")
    engine = fresh_engine("sqlite", tmp)
    ingest(engine, [str(write_articles(tmp / "in"))], workers=1)
    return engine


def _victim(kb: Engine) -> Entity:
    with Session(kb) as s:
        ents = [e for e in s.execute(select(Entity)).scalars() if e.name == VICTIM]
        raw = s.execute(select(Mention).where(Mention.name == VICTIM)).scalar_one()
        assert raw.protected  # the raw fact stays stored
    assert len(ents) == 1 and ents[0].protected and ents[0].pseudonym
    return ents[0]


def test_search_hides_the_victim(kb: Engine) -> None:
    v = _victim(kb)
    res = search(kb, "seema kumari")
    assert [e.name for e in res.entities] == [v.pseudonym]
    text = json.dumps(res.to_dict(), ensure_ascii=False)
    assert VICTIM not in text and v.pseudonym in text
    # the accused is still named, in the same article
    acc = search(kb, "amit verma")
    assert acc.entities[0].name == "अमित वर्मा"
    assert VICTIM not in json.dumps(acc.to_dict(), ensure_ascii=False)
    shown = search(kb, "seema kumari", include_protected=True)
    assert shown.entities[0].name == VICTIM


def test_profile_hides_the_victim(kb: Engine) -> None:
    v = _victim(kb)
    p = profile(kb, v.id)
    assert p["name"] == v.pseudonym and p["protected"]
    assert VICTIM not in json.dumps(p, ensure_ascii=False)
    accused = profile(kb, find_entities(kb, "अमित वर्मा")[0])
    assert VICTIM not in json.dumps(accused, ensure_ascii=False)
    assert profile(kb, v.id, include_protected=True)["name"] == VICTIM


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "ftm", "gexf"])
def test_exports_hide_the_victim(kb: Engine, fmt: str) -> None:
    v = _victim(kb)
    buf = io.StringIO()
    export(kb, fmt, buf)
    assert VICTIM not in buf.getvalue()
    if fmt != "csv":  # csv rows name accused and officials only
        assert v.pseudonym in buf.getvalue()
    full = io.StringIO()
    export(kb, fmt, full, include_protected=True)
    if fmt != "csv":
        assert VICTIM in full.getvalue()
