"""Cross-article resolution: keys, corroborated merges, explanations, reviewer judgements."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.resolve import decide_pair, merge, resolve_store, split
from jaanch.resolve.keys import latin_key, name_key
from jaanch.resolve.resolver import M, ResolveError
from jaanch.search.profile import find_entities
from jaanch.store.ingest import ingest
from jaanch.store.models import ArticleRow, Entity, Link, Mention
from test_store import EXAMPLES, fresh_engine, write_articles


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("मिश्रा", "मिश्र"),
        ("विकास दुबे", "विकास दूबे"),
        ("कुँवर सिंह", "कुंवर सिंह"),
        ("सड़क", "सडक"),
        ("गीता देवी", "गिता देवि"),
        ("सञ्जय", "संजय"),
    ],
)
def test_hindi_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_distinct_names_keep_distinct_keys() -> None:
    assert name_key("अजय मिश्रा") != name_key("विजय मिश्रा")
    assert name_key("राम") != name_key("रमा देवी")


@pytest.mark.parametrize(
    ("latin", "deva"),
    [
        ("barkha mishra", "बरखा मिश्रा"),
        ("vikas dubey", "विकास दुबे"),
        ("ajay mishra", "अजय मिश्रा"),
        ("balram rajput", "बलराम राजपूत"),
        ("Geetanjali Singh", "गीतांजलि सिंह"),
    ],
)
def test_latin_spellings_meet_devanagari(latin: str, deva: str) -> None:
    assert latin_key(latin) == latin_key(deva)


def _m(i: int, article: int, name: str, district: int | None, co: set[str], **kw: object) -> M:
    m = M(
        i,
        f"u{i}",
        article,
        "PERSON",
        name,
        name_key(name),
        [],
        [],
        None,
        None,
        None,
        district,
        None,
        None,
        False,
        {},
        district_source=kw.pop("source", "article"),
    )  # type: ignore[arg-type]
    m.co = {name_key(c) for c in co}
    for k, v in kw.items():
        setattr(m, k, v)
    return m


def test_decide_pair_needs_corroboration_and_respects_conflicts() -> None:
    a = _m(1, 1, "राकेश यादव", 157, {"मनोज पाल"})
    same_place = _m(2, 2, "राकेश यादव", 157, set())
    ok, reasons, _ = decide_pair(a, same_place)
    assert ok and any("same district" in r for r in reasons)
    other_place = _m(3, 3, "राकेश यादव", 200, set())
    assert decide_pair(a, other_place)[0] is False
    nothing = _m(4, 4, "राकेश यादव", None, set())
    assert decide_pair(a, nothing)[0] is False
    co = _m(5, 5, "राकेश यादव", None, {"मनोज पाल"})
    ok, reasons, _ = decide_pair(a, co)
    assert ok and any("co-mentioned" in r for r in reasons)
    single_a = _m(6, 6, "पप्पू", 157, set())
    single_b = _m(7, 7, "पप्पू", 157, set())
    assert decide_pair(single_a, single_b)[0] is False  # one word: district alone is not enough
    fa = _m(8, 8, "राकेश यादव", 157, set(), kin={"parent": {name_key("श्याम यादव")}})
    fb = _m(9, 9, "राकेश यादव", 157, set(), kin={"parent": {name_key("मोहन यादव")}})
    assert decide_pair(fa, fb)[0] is False  # different fathers (पुत्र)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    tmp = tmp_path_factory.mktemp("resolve")
    engine = fresh_engine("sqlite", tmp)
    ingest(engine, [str(write_articles(tmp / "in")), str(EXAMPLES)], workers=1)
    return engine


def _entities_named(engine: Engine, name: str) -> dict[str, set[str]]:
    """entity id -> doc ids of its mentions named ``name``."""
    out: dict[str, set[str]] = {}
    with Session(engine) as s:
        rows = s.execute(
            select(Link.entity_id, ArticleRow.doc_id)
            .join(Mention, Mention.id == Link.mention_id)
            .join(ArticleRow, ArticleRow.id == Mention.article_id)
            .where(Mention.name == name)
        ).all()
    for eid, doc in rows:
        out.setdefault(eid, set()).add(doc)
    return out


def test_corroborated_namesakes_merge_and_others_stay_apart(kb: Engine) -> None:
    ents = _entities_named(kb, "राकेश यादव")
    assert sorted(map(sorted, ents.values())) == [["a1", "a2"], ["a3"]]
    kanpur = next(e for e, docs in ents.items() if docs == {"a1", "a2"})
    with Session(kb) as s:
        ent = s.get(Entity, kanpur)
        assert ent is not None and ent.lgd_district == 157 and "पप्पू" in ent.aliases
        why = [
            lk.explanation
            for lk in s.execute(select(Link).where(Link.entity_id == kanpur)).scalars()
        ]
    assert any("same district Kanpur Nagar" in w and "co-mentioned" in w for w in why)


def test_places_resolve_to_lgd_codes(kb: Engine) -> None:
    with Session(kb) as s:
        kanpur = [
            e
            for e in s.execute(select(Entity).where(Entity.kind == "PLACE")).scalars()
            if e.name == "कानपुर"
        ]
    assert len(kanpur) == 1 and kanpur[0].lgd_district == 157 and kanpur[0].n_articles == 2


def test_merge_and_split_survive_re_resolution(tmp_path: Path) -> None:
    engine = fresh_engine("sqlite", tmp_path)
    ingest(engine, [str(write_articles(tmp_path / "in"))], workers=1)
    ents = _entities_named(engine, "राकेश यादव")
    kanpur = next(e for e, d in ents.items() if d == {"a1", "a2"})
    patna = next(e for e, d in ents.items() if d == {"a3"})
    merged = merge(engine, kanpur, patna, note="same man, moved")
    assert merged == kanpur
    assert set(_entities_named(engine, "राकेश यादव")) == {kanpur}
    resolve_store(engine)  # a re-run keeps the judgement
    assert set(_entities_named(engine, "राकेश यादव")) == {kanpur}
    with Session(engine) as s:
        a3_mention = s.execute(
            select(Mention.id)
            .join(ArticleRow)
            .where(ArticleRow.doc_id == "a3", Mention.name == "राकेश यादव")
        ).scalar_one()
        why = s.execute(select(Link.explanation).where(Link.mention_id == a3_mention)).scalar_one()
    assert "reviewer" in why
    new = split(engine, kanpur, str(a3_mention))
    assert new != kanpur
    ingest(engine, [], workers=1, reprocess_all=True)  # re-extraction: uids are stable
    resolve_store(engine)
    after = _entities_named(engine, "राकेश यादव")
    assert sorted(map(sorted, after.values())) == [["a1", "a2"], ["a3"]]
    with pytest.raises(ResolveError):
        merge(engine, "Pnope", kanpur)
    with pytest.raises(ResolveError):
        split(engine, kanpur, "999999")


def test_find_entities_by_either_script(kb: Engine) -> None:
    ids = find_entities(kb, "राकेश यादव")
    assert len(ids) == 2
    with Session(kb) as s:
        first = s.get(Entity, ids[0])
    assert first is not None and first.n_articles == 2  # best-reported first
    assert find_entities(kb, "rakesh yadav")[:1] == ids[:1]
