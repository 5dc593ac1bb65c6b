"""Cross-article resolution: keys, corroborated merges, explanations, reviewer judgements."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jaanch.resolve import ingest_and_resolve as ingest
from jaanch.resolve import merge, resolve_store, split
from jaanch.resolve.cluster import ConstrainedUnionFind
from jaanch.resolve.comparisons import NameStats, Profile, compare, name_words, profile
from jaanch.resolve.resolver import ResolveError, decide, names_compatible
from jaanch.search.profile import find_entities
from jaanch.store.models import ArticleRow, Entity, Link, Mention
from jaanch.text.keys import latin_key, name_key
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


def _p(
    article: int,
    name: str,
    district: int | None = None,
    source: str | None = "article",
    co: tuple[str, ...] = (),
    sentence: str | None = None,
    **kw: object,
) -> Profile:
    return profile(
        article,
        name,
        name_key(name),
        district=district,
        district_source=source if district else None,
        co=[name_key(c) for c in co],
        sentence=sentence,
        **kw,  # type: ignore[arg-type]
    )


def _store_stats(*extra: Profile) -> NameStats:
    """Name statistics of a store where राजेश कुमार and राकेश यादव are everyday names
    (many first names before कुमार/यादव) and the rest are rare."""
    base = [
        _p(100 + i, f"{first} {last}")
        for i, (first, last) in enumerate(
            (f, s)
            for f in (
                "राजेश",
                "राकेश",
                "सुनील",
                "अनिल",
                "मनोज",
                "संजय",
                "विनोद",
                "अजय",
                "रमेश",
                "सुरेश",
                "दिनेश",
                "महेश",
            )  # fmt: skip
            for s in ("कुमार", "यादव", "सिंह", "शर्मा", "वर्मा", "गुप्ता", "पाल", "मौर्य")
        )
    ]
    return NameStats.of([*base, *extra])


def _level(a: Profile, b: Profile, stats: NameStats, comparison: str) -> str:
    return dict(compare(a, b, stats).levels)[comparison]


def test_a_district_from_the_article_does_not_keep_a_public_figure_apart() -> None:
    a = _p(1, "बराक ओबामा", 157, "article", sentence="अमेरिकी राष्ट्रपति बराक ओबामा ने कहा")
    b = _p(2, "बराक ओबामा", 200, "article", sentence="राष्ट्रपति बराक ओबामा भारत आए")
    stats = _store_stats(a, b)
    assert _level(a, b, stats, "district") == "different_article"
    d = decide(a, b, stats)
    assert d.link and d.compared.veto is None
    # homes in two districts (निवासी) are two people, whatever else agrees
    c = _p(3, "बराक ओबामा", 157, "residence")
    e = _p(4, "बराक ओबामा", 200, "residence")
    vetoed = decide(c, e, stats)
    assert not vetoed.link and vetoed.compared.veto == "district=different_homes"


def test_spelling_variants_compare_as_one_name() -> None:
    stats = _store_stats()
    for x, y in [
        ("उज्जवल निकम", "उज्ज्वल निकम"),
        ("जया बच्\u200dचन", "जया बच्चन"),
        ("अांबेडकर", "आंबेडकर"),
        ("देवेंद्र फडणवीस", "देवेंद्र फड़नवीस"),
        ("विद्या चरण शुक्ल", "विद्याचरण शुक्ल"),
    ]:
        assert _level(_p(1, x), _p(2, y), stats, "name") in ("exact", "sound"), (x, y)
    assert _level(_p(1, "पिनयारी विजयन"), _p(2, "पिनरई विजयन"), stats, "name") == "close"
    assert _level(_p(1, "एस जयशंकर"), _p(2, "सुब्रह्मण्यम जयशंकर"), stats, "name") == "initials"
    assert _level(_p(1, "अनिल अंबानी"), _p(2, "मुकेश अंबानी"), stats, "name") == "different"


def test_titles_are_not_part_of_the_name() -> None:
    assert name_words("पीएम मोदी") == ["मोदी"]
    assert name_words("सेक्रेट्री लव अग्रवाल") == ["लव", "अग्रवाल"]
    assert name_words("Dr Mohan Yadav") == ["Mohan", "Yadav"]
    stats = _store_stats()
    assert _level(_p(1, "पीएम मोदी"), _p(2, "नरेंद्र मोदी"), stats, "name") == "short_last"


def test_latin_and_devanagari_spellings_compare_as_one_name() -> None:
    stats = _store_stats()
    assert _level(_p(1, "Sonam Raghuvanshi"), _p(2, "सोनम रघुवंशी"), stats, "name") == "sound"
    assert _level(_p(1, "CM योगी"), _p(2, "योगी आदित्यनाथ"), stats, "name") == "short_first"


def test_a_rare_full_name_counts_for_more_than_an_everyday_one() -> None:
    rare_a, rare_b = _p(1, "लव अग्रवाल", 157), _p(2, "लव अग्रवाल", 200)
    common_a, common_b = _p(3, "राजेश कुमार", 157), _p(4, "राजेश कुमार", 200)
    stats = _store_stats(rare_a, rare_b, common_a, common_b)
    assert _level(rare_a, rare_b, stats, "rarity") == "rare"
    assert _level(common_a, common_b, stats, "rarity") in ("usual", "common")
    assert decide(rare_a, rare_b, stats).probability > decide(common_a, common_b, stats).probability
    assert not decide(common_a, common_b, stats).link  # namesakes in two districts


def test_different_fathers_veto_a_link() -> None:
    stats = _store_stats()
    fa = _p(1, "राकेश यादव", 157, kin={"parent": {name_key("श्याम यादव")}})
    fb = _p(2, "राकेश यादव", 157, kin={"parent": {name_key("मोहन यादव")}})
    d = decide(fa, fb, stats)
    assert not d.link and d.compared.veto == "relatives=different_parent"


def test_an_explanation_names_comparisons_not_people() -> None:
    a = _p(1, "सीमा कुमारी", 157, co=("अमित वर्मा",))
    b = _p(2, "सीमा कुमारी", 157, co=("अमित वर्मा",))
    d = decide(a, b, _store_stats(a, b))
    assert {r["comparison"] for r in d.rows} >= {"name", "district", "co_mentions"}
    assert "सीमा" not in d.explanation and "अमित" not in d.explanation
    assert all(isinstance(r["weight"], float) for r in d.rows)


def test_a_short_form_cannot_join_two_different_full_names() -> None:
    ps = [_p(1, "नरेंद्र मोदी"), _p(2, "मोदी"), _p(3, "सुशील कुमार मोदी")]
    uf = ConstrainedUnionFind(ps, names_compatible)
    assert uf.union(0, 1)
    assert uf.why_not(1, 2) == "incompatible full names"
    assert not uf.union(1, 2)
    # a reviewer's merge is not refused
    assert uf.union(1, 2, force=True)


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
        links = list(s.execute(select(Link).where(Link.entity_id == kanpur)).scalars())
    # the cross-article link stores the level of every comparison that decided it
    levels = [{r["comparison"]: r["level"] for r in lk.levels} for lk in links if lk.levels]
    assert any(
        lv["district"].startswith("same") and lv["co_mentions"] != "none" for lv in levels
    ), levels
    assert all("राकेश" not in lk.explanation for lk in links)


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


def test_protection_follows_the_person_across_linked_articles(tmp_path: Path) -> None:
    """A victim protected in one article stays protected in an article that does not
    itself call for it, once the two mentions are one entity; no link names her."""
    arts = {
        "p1": "लखनऊ के आलमबाग इलाके में नाबालिग छात्रा से दुष्कर्म के आरोप में पुलिस ने अमित वर्मा "
        "को गिरफ्तार किया। पीड़िता रीना कुमारी की मां ने थाने में तहरीर दी थी। पुलिस ने पॉक्सो एक्ट "
        "में मुकदमा दर्ज किया है।",
        "p2": "लखनऊ के आलमबाग इलाके में अदालत ने अमित वर्मा की जमानत अर्जी खारिज कर दी। "
        "रीना कुमारी के वकील ने अमित वर्मा की जमानत का विरोध किया।",
    }
    src = tmp_path / "in"
    src.mkdir()
    for k, v in arts.items():
        (src / f"{k}.txt").write_text(v, encoding="utf-8")
    engine = fresh_engine("sqlite", tmp_path)
    ingest(engine, [str(src)], workers=1)
    with Session(engine) as s:
        rows = s.execute(
            select(Mention.protected, Link.entity_id, ArticleRow.doc_id)
            .join(Link, Link.mention_id == Mention.id)
            .join(ArticleRow, ArticleRow.id == Mention.article_id)
            .where(Mention.name == "रीना कुमारी")
        ).all()
        assert {r.doc_id for r in rows} == {"p1", "p2"}
        assert [r.protected for r in rows if r.doc_id == "p2"] == [False]
        assert len({r.entity_id for r in rows}) == 1  # linked: name, place, co-accused
        ent = s.get(Entity, rows[0].entity_id)
        assert ent is not None and ent.protected and ent.pseudonym
        links = list(s.execute(select(Link)).scalars())
    assert links and not any("रीना" in lk.explanation for lk in links)
