"""The person check (each person the recognisers found, kept or dropped, read whole) and
the person model's reading of phrases and FIR-style kinship words."""

from __future__ import annotations

import numpy as np

from jaanch import Pipeline
from jaanch.facts.people import (
    assign_roles,
    checked_people,
    cluster_people,
    person_check_rows,
)
from jaanch.models.roles import PERSON_LABEL, RoleModel
from jaanch.types import Article

TEXT = (
    "पुलिस ने आरोपी रमेश कुमार पुत्र सुरेश प्रसाद को गिरफ्तार किया। "
    "उसके साथी सोनू को भी पकड़ा गया। रमेश कुमार ने चोरी कबूल की।"
)


def one_feature_model(feature: str, weight: float) -> RoleModel:
    """A person check that reads one feature: with a weight far below zero every person
    that has it is dropped, every other one kept."""
    return RoleModel(
        version="test",
        roles=[PERSON_LABEL],
        vocab={feature: 0},
        weights=np.array([[weight]]),
        intercepts=np.array([5.0]),
        thresholds=np.array([0.5]),
    )


def people_of(pipe: Pipeline, text: str = TEXT) -> list[str]:
    return [p.name for p in pipe.run(Article(id="t", text=text)).people]


def test_a_dropped_person_leaves_people_entities_and_relations() -> None:
    keep_all = Pipeline(person_check=False)
    assert "सोनू" in people_of(keep_all)
    # one-word names go: सोनू, not रमेश कुमार or सुरेश प्रसाद
    check = one_feature_model("nc_words=1", -20.0)
    pipe = Pipeline(person_check=check)
    ex = pipe.run(Article(id="t", text=TEXT))
    names = [p.name for p in ex.people]
    assert "सोनू" not in names
    assert {"रमेश कुमार", "सुरेश प्रसाद"} <= set(names)
    assert not [e for e in ex.entities if e.label == "PERSON" and e.text == "सोनू"]
    assert all("सोनू" not in (r.head, r.tail) for r in ex.relations)
    assert ex.pipeline["person_check"] == "test"


def test_a_check_that_keeps_everyone_changes_nothing() -> None:
    keep = one_feature_model("nc_words=1", 0.0)
    assert people_of(Pipeline(person_check=keep)) == people_of(Pipeline(person_check=False))


def test_checked_people_reads_each_person_whole() -> None:
    doc = Pipeline(person_check=False).doc(Article(id="t", text=TEXT))
    clusters = cluster_people(doc, sorted(doc.spans_of("PERSON"), key=lambda s: s.nstart))
    assign_roles(doc, clusters, {"theft"})
    rows = person_check_rows(doc, clusters, {"theft"})
    by_name = {c.name: row for c, row in zip(clusters, rows, strict=True)}
    # two mentions of रमेश कुमार, read together; the father is found through पुत्र
    assert by_name["रमेश कुमार"]["mentions=2"] == 1.0
    assert by_name["रमेश कुमार"]["nc_words=2"] == 1.0
    assert by_name["सोनू"]["nc_words=1"] == 1.0
    kept = checked_people(doc, clusters, {"theft"}, one_feature_model("nc_words=1", -20.0))
    assert [c.name for c in kept] == [c.name for c in clusters if c.name != "सोनू"]
    assert all(s.text != "सोनू" for s in doc.spans_of("PERSON"))


def test_person_check_features_hold_no_name() -> None:
    doc = Pipeline(person_check=False).doc(Article(id="t", text=TEXT))
    clusters = cluster_people(doc, sorted(doc.spans_of("PERSON"), key=lambda s: s.nstart))
    assign_roles(doc, clusters, set())
    for row in person_check_rows(doc, clusters, set()):
        for key in row:
            assert not any(w in key for w in ("रमेश", "सुरेश", "सोनू", "कुमार", "प्रसाद"))


def test_a_phrase_many_articles_share_is_read_as_a_phrase() -> None:
    from jaanch.models.person_features import cue_pair_docs

    # "पहचान पत्र" (identity card) stands together in several news articles; a cue and a
    # name do not
    assert cue_pair_docs("पहचान", "पत्र") >= 3
    assert cue_pair_docs("पहचान", "रमेश") == 0
    pipe = Pipeline()
    rec = pipe.recogniser("person_context")
    from jaanch.recognise.persons import PersonRecogniser

    assert isinstance(rec, PersonRecogniser)
    with rec.collecting() as collected:
        pipe.doc(Article(id="t", text="पहचान पत्र भी मिला। मृतक की पहचान रमेश के रूप में हुई।"))
    pairs = {c.text: [k for k in c.features if k.startswith("pair=")] for c in collected}
    assert len(pairs["पत्र"]) == 1 and pairs["पत्र"] != ["pair=0"]
    assert pairs["रमेश"] == ["pair=0"]


def test_the_articles_crimes_weigh_one_in_all() -> None:
    from jaanch.facts.people import build_people, role_feature_rows

    text = "पुलिस ने आरोपी रमेश कुमार को गिरफ्तार किया।"
    doc = Pipeline().doc(Article(id="t", text=text))
    _, _, clusters = build_people(doc, {"theft"})
    (one,) = role_feature_rows(doc, clusters, {"theft"})
    (four,) = role_feature_rows(doc, clusters, {"theft", "murder", "fraud", "robbery"})
    assert one["art_crime=theft"] == 1.0
    assert four["art_crime=theft"] == 0.25
    assert sum(v for k, v in four.items() if k.startswith("art_crime=")) == 1.0


def test_sons_named_together_with_their_father() -> None:
    from jaanch import extract

    # "पुत्रगण": the plural of पुत्र in FIR style, no part of a name
    ex = extract(
        "सनी पुत्र बालकिशन निवासी बघैना ने भूरा व कान्हा पुत्रगण श्यामवीर निवासी बघैना "
        "पर मारपीट का मुकदमा दर्ज कराया है।"
    )
    names = {p.name for p in ex.people}
    assert {"कान्हा", "श्यामवीर"} <= names and "कान्हा पुत्रगण श्यामवीर" not in names
    assert ("parent_of", "श्यामवीर", "कान्हा") in {(r.type, r.head, r.tail) for r in ex.relations}


def test_a_name_run_on_into_prose_is_cut_against_the_article_s_other_names() -> None:
    from jaanch import extract

    # "गंभीर" (a family name, and "serious") goes on into the sentence, and the article
    # names राहुल elsewhere: the name ends before it
    ex = extract("बदमाशों ने राहुल ठाकुर पर हमला किया। गोली लगने से राहुल गंभीर रूप से घायल हो गया।")
    persons = [e.text for e in ex.entities if e.label == "PERSON"]
    assert "राहुल गंभीर" not in persons and persons.count("राहुल") == 1
    # two people side by side, each written elsewhere as a full name: subject and object
    ex = extract("सोनम रघुवंशी ने पति राजा रघुवंशी की हत्या करवाई। सोनम राजा को शिलांग लेकर आ गई।")
    persons = [e.text for e in ex.entities if e.label == "PERSON"]
    assert "सोनम राजा" not in persons and {"सोनम", "राजा"} <= set(persons)
    # traps: a first name and a family name written apart later are one person's, and a
    # family name before a case word stays
    ex = extract("पुलिस ने संजीव शर्मा को पकड़ा। संजीव ने जुर्म कबूला। शर्मा के पास चाकू मिला।")
    assert "संजीव शर्मा" in [p.name for p in ex.people]
    ex = extract("बंटी पांडे ने धमकी दी थी। पांडे दाऊद का साथी है।")
    assert "बंटी पांडे" in [e.text for e in ex.entities if e.label == "PERSON"]
