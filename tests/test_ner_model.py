"""The trained NER recogniser: lexicon features, the combination policy, the shipped
model (loaded offline) on hand-written sentences, and the training command."""

from __future__ import annotations

import json
import socket
import sys
import time
from pathlib import Path

import pytest

from conftest import SHARED, need_shared
from jaanch.doc import Doc
from jaanch.recognise.ner_model import (
    NerModelRecogniser,
    _cached_vectors_class,
    combine,
    edge_words,
    load_model,
    model_dir,
    model_spans,
    register_spacy_components,
    set_features,
    tag_features,
)
from jaanch.types import Article, Span

ROOT = Path(__file__).resolve().parents[1]
spacy = pytest.importorskip("spacy")


def _doc(text: str) -> Doc:
    return Doc.from_article(Article(id="t", text=text))


def _words(text: str) -> list[str]:
    return text.split()


def _span(start: int, end: int, label: str, rec: str = "rules") -> Span:
    return Span(start, end, label, "x" * (end - start), rec, "1")


# ----------------------------------------------------------------------------- features


def test_lexicon_features():
    words = _words("सीओ गीतांजलि सिंह ने बिकरू गांव निवासी राजेश पुत्र रामू को एसटीएफ ने पकड़ा")
    got = dict(zip(words, tag_features(words), strict=True))
    assert got["सीओ"] == "DESIG"
    assert got["सिंह"] == "SURN"
    assert got["गांव"] == "PHEAD"
    assert got["पुत्र"] == "KIN"
    assert got["एसटीएफ"] == "ORGN"
    assert got["गीतांजलि"] == "" and got["ने"] == ""


def test_multiword_feature_longest_match():
    words = _words("पुलिस अधीक्षक श्री अजय कुमार कानपुर के थाना क्षेत्र में")
    assert tag_features(words) == [
        "DESIG",
        "DESIG",
        "TITLE",
        "",
        "SURN",
        "GAZ",
        "",
        "PHEAD",
        "PHEAD",
        "",
    ]


def test_pipeline_component_writes_the_same_classes():
    # set_features (orth-hash path, used inside the spaCy pipeline) == tag_features
    text = "पुलिस अधीक्षक श्री अजय कुमार कानपुर के थाना क्षेत्र में सीओ दरोग़ा पुत्र पुलिस"
    doc = spacy.blank("hi").make_doc(text)
    set_features(doc)
    assert [t.tag_ for t in doc] == tag_features([t.text for t in doc])
    assert [t.tag_ for t in doc][:2] == ["DESIG", "DESIG"] and doc[-1].tag_ == ""


def test_cached_vectors_equal_spacy_floret_vectors():
    import numpy
    from spacy.vectors import Vectors

    register_spacy_components()
    rng = numpy.random.default_rng(0)
    data = rng.random((50, 8), dtype="float32")
    settings = dict(mode="floret", minn=2, maxn=3, hash_count=2, data=data)
    plain = Vectors(strings=spacy.strings.StringStore(), **settings)  # type: ignore[arg-type]
    strings = spacy.strings.StringStore()
    cached = _cached_vectors_class()(strings=strings, **settings)
    words = ["कानपुर", "पुलिस", "कानपुर", "अनदेखा", "पुलिस"]
    keys = [strings.add(w) for w in words]
    for w in words:
        plain.strings.add(w)
    want = plain.get_batch(words)
    assert numpy.allclose(cached.get_batch(numpy.asarray(keys, dtype="uint64")), want)
    assert numpy.allclose(cached.get_batch(keys), want)  # second time: from the cache
    assert len(cached._jaanch_rows) == 3


def test_edge_words_are_context_not_names():
    edges = edge_words()
    assert {"निवासी", "गांव", "थाना", "श्री", "सीओ", "पुत्र", "उर्फ"} <= edges
    assert "नगर" not in edges  # लाजपत नगर: part of the name


def test_features_fold_nukta():
    # a lexicon word written with a nukta still matches the plain spelling and back
    assert tag_features(["दरोगा"]) == tag_features(["दरोग़ा"]) == ["DESIG"]


# ----------------------------------------------------------------------------- policy


def test_combine_rules_win_every_overlap():
    rules = [_span(0, 3, "DESIGNATION"), _span(10, 18, "LOC"), _span(30, 40, "CRIME_CUE")]
    model = [
        _span(0, 8, "PERSON", "ner_model"),  # overlaps a designation: dropped
        _span(12, 16, "PERSON", "ner_model"),  # inside a rule LOC: dropped
        _span(20, 28, "PERSON", "ner_model"),  # nothing there: added
        _span(31, 35, "LOC", "ner_model"),  # internal cue spans do not block
        _span(41, 45, "DATE", "ner_model"),  # not a model label: dropped
    ]
    got = [(s.start, s.end, s.label) for s in combine(rules, model)]
    assert got == [(20, 28, "PERSON"), (31, 35, "LOC")]


def test_combine_label_filter_and_self_overlap():
    model = [_span(0, 5, "PERSON"), _span(3, 9, "LOC"), _span(10, 14, "ORG")]
    assert [s.label for s in combine([], model)] == ["PERSON", "ORG"]
    assert [s.label for s in combine([], model, labels=("LOC",))] == ["LOC"]


# ----------------------------------------------------------------------------- model


@pytest.fixture(scope="module")
def nlp():
    assert (model_dir() / "config.cfg").exists(), f"the shipped model is missing: {model_dir()}"
    real_connect = socket.socket.connect

    def no_network(*args, **kwargs):
        raise AssertionError("the NER model tried to reach the network")

    socket.socket.connect = no_network  # type: ignore[method-assign]
    try:
        load_model.cache_clear()
        t0 = time.perf_counter()
        model = load_model()
        assert time.perf_counter() - t0 < 10.0
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
    return model


def _ents(nlp, text: str) -> set[tuple[str, str]]:
    """What the recogniser takes from the model (edge words and punctuation trimmed)."""
    return {(s.text, s.label) for s in model_spans(_doc(text), nlp, "ner_model", "t")}


def test_shipped_model_runs_on_cpu(nlp):
    assert nlp.pipe_names == ["jaanch_lexfeats", "tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "LOC", "ORG"}
    size = sum(p.stat().st_size for p in model_dir().rglob("*") if p.is_file())
    assert size < 60e6
    # no word list of the training corpora or news ships (train_ner.prune_strings)
    strings = json.loads((model_dir() / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert set(strings) <= {
        "PERSON",
        "LOC",
        "ORG",
        "DESIG",
        "TITLE",
        "PHEAD",
        "OHEAD",
        "ORGN",
        "GAZ",
        "SURN",
        "ROLE",
        "KIN",
        "RESID",
        "ALIAS",
    }


def test_person_after_designation(nlp):
    got = _ents(nlp, "थाना प्रभारी मनोज कुमार शर्मा ने बताया कि आरोपी को जेल भेज दिया गया है।")
    assert ("मनोज कुमार शर्मा", "PERSON") in got


def test_person_and_village(nlp):
    got = _ents(nlp, "पुलिस ने बताया कि मृतक की पहचान सुरेश यादव निवासी रामपुर गांव के रूप में हुई।")
    assert ("सुरेश यादव", "PERSON") in got
    assert ("रामपुर", "LOC") in got
    assert not any(t == "गांव" for t, _ in got)


def test_city_and_state(nlp):
    got = _ents(nlp, "लखनऊ में उत्तर प्रदेश पुलिस ने दिल्ली के एक व्यापारी को पकड़ा।")
    assert ("लखनऊ", "LOC") in got
    assert ("दिल्ली", "LOC") in got


def test_a_bracket_glued_to_a_name_is_left_out(nlp):
    got = _ents(nlp, "आजाद नगर निवासी नीरज याग्निक(साकेतनगर) की शिकायत पर केस दर्ज किया गया।")
    people = {t for t, label in got if label == "PERSON"}
    assert "नीरज याग्निक" in people
    assert not any("(" in t or "साकेतनगर" in t for t in people)


def test_a_list_mark_inside_a_person_span_splits_it(nlp):
    text = "मरने वालों में अकरम पुत्र फरहान, करधन पुत्र हैदर निवासी पडरौना शामिल हैं।"
    # the model itself joins the two names over the comma
    assert ("फरहान, करधन", "PERSON") in {(e.text, e.label_) for e in nlp(text).ents}
    got = _ents(nlp, text)
    assert {("फरहान", "PERSON"), ("करधन", "PERSON")} <= got
    assert not any("," in t for t, _ in got)


def test_no_entities_in_plain_sentence(nlp):
    assert _ents(nlp, "इस मामले में आगे की जांच की जा रही है।") == set()


def test_recogniser_spans_and_offsets():
    text = "थाना प्रभारी मनोज कुमार शर्मा ने बताया कि आरोपी को जेल भेज दिया गया है।"
    doc = _doc(text)
    spans = NerModelRecogniser()(doc)
    people = [s for s in spans if s.label == "PERSON"]
    assert [s.text for s in people] == ["मनोज कुमार शर्मा"]
    s = people[0]
    assert text[s.start : s.end] == s.text
    assert s.recogniser == "ner_model" and s.value["source"] == "ner_model"
    assert 0.0 < s.value["score"] <= 1.0


def test_recogniser_leaves_rule_spans_alone():
    text = "थाना प्रभारी मनोज कुमार शर्मा ने बताया"
    doc = _doc(text)
    doc.add([doc.make_span(0, len("थाना प्रभारी मनोज"), "DESIGNATION", "rules", "1")])
    assert [s for s in NerModelRecogniser()(doc) if s.label == "PERSON"] == []


def test_in_pipeline_after_rules():
    from jaanch.pipeline import Pipeline, load_yaml_pipeline

    names = [n for n in load_yaml_pipeline()["recognisers"] if n != "ner_model"]
    ex = Pipeline([*names, "ner_model"]).run(
        Article(id="t", text="लखनऊ में थाना प्रभारी मनोज कुमार शर्मा ने बताया कि जांच जारी है।")
    )
    people = [e.text for e in ex.entities if e.label == "PERSON"]
    assert "मनोज कुमार शर्मा" in people
    assert [e.text for e in ex.entities if e.label == "DESIGNATION"] == ["थाना प्रभारी"]


# ----------------------------------------------------------------------------- training


def _train_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_ner
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return train_ner


HAND_NEWS = [
    "थाना प्रभारी मनोज कुमार शर्मा ने बताया कि आरोपी राजेश को जेल भेजा गया।",
    "कानपुर के बिठूर गांव में पुलिस ने छापा मारा और दो लोगों को पकड़ा।",
    "सीओ गीतांजलि सिंह ने कहा कि मामले की जांच जारी है।",
    "लखनऊ में एसटीएफ ने गिरोह के सरगना को गिरफ्तार किया।",
] * 30


@pytest.fixture(scope="module")
def tiny_vectors(tmp_path_factory) -> Path:
    """Floret vectors from a few hand-written sentences, by scripts/build_vectors.py."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_vectors
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    base = tmp_path_factory.mktemp("vec")
    corpus = base / "corpus"
    corpus.mkdir()
    with (corpus / "news.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(HAND_NEWS):
            fh.write(json.dumps({"id": f"n{i}", "text": text}, ensure_ascii=False) + "\n")
    rc = build_vectors.main(
        [
            "--ner",
            str(base / "none"),
            "--corpus-dir",
            str(corpus),
            "--gold",
            str(base / "none.jsonl"),
            "--out",
            str(base / "out"),
            "--dim",
            "16",
            "--bucket",
            "500",
            "--epochs",
            "1",
            "--threads",
            "1",
        ]
    )
    assert rc == 0
    vec = base / "out" / "spacy"
    nlp = spacy.load(vec)
    assert nlp.vocab.vectors.mode == "floret"
    assert nlp.vocab.vectors.shape == (500, 16)
    # hashed subwords: a word the text never held still gets a (non-zero) vector
    assert nlp.vocab.vectors.get_batch(["अनदेखाशब्द"]).any()
    assert not (base / "out" / "text.txt").exists()
    return vec


def test_training_loop_on_handwritten_items(tmp_path, tiny_vectors):
    tn = _train_module()
    base = [
        ("सीओ गीतांजलि सिंह ने बताया", [(4, 17, "PERSON")]),
        ("कानपुर में छापा पड़ा", [(0, 6, "LOC")]),
        ("एसटीएफ ने राजेश को पकड़ा", [(0, 6, "ORG"), (10, 15, "PERSON")]),
        ("इस मामले में जांच जारी है", []),
    ]
    items = [tn.Item(t, s, "hand") for t, s in base] * 8
    assert tn.config_wants_vectors(tn.DEFAULT_CONFIG)
    nlp = tn.build_nlp(tn.DEFAULT_CONFIG, baseline=False, vectors=tiny_vectors)
    train_ex = tn.make_examples(nlp, items)
    assert train_ex[1].reference.ents[0].text == "कानपुर"
    info = tn.train(nlp, train_ex, train_ex[:4], 1.0, 30, tmp_path, log=lambda _: None)
    assert info["steps"] == 30
    assert (tmp_path / "_tmp_best" / "config.cfg").exists()
    assert info["best"]["dev"]["f"] > 0.0


def test_examples_leave_stuck_punctuation_out_of_spans():
    """A corpus token "दिल्ली," labelled LOC gives the span दिल्ली, not "दिल्ली ,"."""
    tn = _train_module()
    nlp = tn.build_nlp(None, baseline=True)
    cases = [
        ((["दिल्ली,", "मुंबई"], [(0, 1, "LOC"), (1, 2, "LOC")]), ["दिल्ली", "मुंबई"]),
        ((["(", "राम", ")", "ने"], [(0, 3, "PERSON")]), ["राम"]),
        ((["एन.डी.ए.", "की"], [(0, 1, "ORG")]), ["एनडीए"]),
        (([",", "।"], [(0, 2, "ORG")]), []),
    ]
    for sent, want in cases:
        ex = tn.make_examples(nlp, [tn.to_item(sent, "hand")])[0]
        assert [e.text for e in ex.reference.ents] == want


def test_training_command_on_a_tiny_slice(tmp_path, tiny_vectors):
    need_shared(SHARED / "data" / "ner")
    tn = _train_module()
    out = tmp_path / "model"
    rc = tn.main(
        [
            "--out",
            str(out),
            "--vectors",
            str(tiny_vectors),
            "--limit",
            "60",
            "--test-limit",
            "40",
            "--max-steps",
            "12",
            "--no-silver",
        ]
    )
    assert rc == 0
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert scores["train"]["steps"] == 12
    assert scores["test_sizes"] == {"hiner": 40, "ilner": 40}
    assert 0.0 <= scores["test"]["hiner"]["f"] <= 1.0
    assert len(json.loads((out / "vocab" / "strings.json").read_text(encoding="utf-8"))) < 20
    assert (out / "MODEL_CARD.md").read_text(encoding="utf-8").startswith("# Jaanch NER")
    trained = load_model(str(out))
    assert set(trained.get_pipe("ner").labels) <= {"PERSON", "LOC", "ORG"}


def test_pretrained_tok2vec_weights_are_loaded(tmp_path, tiny_vectors):
    """scripts/pretrain_ner.py output starts train_ner's tok2vec (not silently ignored)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import pretrain_ner
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    tn = _train_module()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "news.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(HAND_NEWS[:8]):
            fh.write(json.dumps({"id": f"n{i}", "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "pre"
    args = [
        "--ner",
        str(tmp_path / "none"),
        "--corpus-dir",
        str(corpus),
        "--gold",
        str(tmp_path / "none.jsonl"),
        "--vectors",
        str(tiny_vectors),
        "--epochs",
        "1",
        "--out",
        str(out),
    ]
    assert pretrain_ner.main(args) == 0
    weights = out / "model0.bin"
    assert weights.exists() and not (out / "text.jsonl").exists()

    def fresh() -> object:
        spacy.util.fix_random_seed(0)
        nlp = tn.build_nlp(tn.DEFAULT_CONFIG, baseline=False, vectors=tiny_vectors)
        items = [tn.Item("कानपुर में छापा पड़ा", [(0, 6, "LOC")], "hand")]
        nlp.initialize(lambda: tn.make_examples(nlp, items))
        return nlp

    plain, loaded = fresh(), fresh()
    tn.load_tok2vec(loaded, weights)
    doc = "थाना प्रभारी मनोज कुमार शर्मा ने बताया"
    a = plain.get_pipe("tok2vec").model.predict([plain.make_doc(doc)])[0]
    b = loaded.get_pipe("tok2vec").model.predict([loaded.make_doc(doc)])[0]
    c = fresh().get_pipe("tok2vec").model.predict([plain.make_doc(doc)])[0]
    assert (a == c).all()  # initialisation is deterministic ...
    assert not (a == b).all()  # ... so a difference is the pretrained weights
