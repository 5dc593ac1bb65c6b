"""A trained statistical name recogniser (PERSON, LOC, ORG) shipped inside the package.

The model is a small spaCy pipeline (``spacy.blank("hi")`` tokeniser, a hash-embedding
CNN ``tok2vec`` and a transition-based ``ner``) trained by ``scripts/train_ner.py`` on
public Hindi NER corpora plus silver crime-news sentences; it lives in
``jaanch/models/ner/`` (see its ``MODEL_CARD.md``) and is loaded lazily, offline, on the
CPU, the first time the recogniser runs.

Each token is embedded from its normalised form, its last three characters, subword
word vectors and one feature that no generic corpus model has: the token's class in
Jaanch's own lexicons (designation, honorific, surname, gazetteer place, place head such
as ``गांव``/``थाना``, organisation head, role noun, kinship word, residence marker ...),
written into ``Token.tag_`` by the ``jaanch_lexfeats`` pipeline component defined here.
The same component runs when training and when predicting, so the feature is identical
in both. The vectors are floret vectors (hashed character 3–5-grams, so an unseen name
still gets one) trained by ``scripts/build_vectors.py`` on unlabelled Hindi news; the
model's vectors table is :class:`CachedFloretVectors` (registered here), which computes
each word's vector once instead of once per batch.

Combination policy (:func:`combine`), measured on the dev set by
``scripts/train_ner.py --measure-dev``: the rule and gazetteer recognisers run first and
win every overlap (DESIGNATION, police stations, dates, money, laws, ORG units and every
PERSON/LOC they found); the model only *adds* spans (by default PERSON and LOC) over
text that no output span of the rules touches, and never a span made only of common
words nor a PERSON without a name-like word (:func:`plausible`). The ``ner_model`` recogniser applies this policy
itself when it runs after the rule recognisers in ``pipeline.yaml``.

Emits ``PERSON``/``LOC``/``ORG`` spans with ``value = {"source": "ner_model",
"score": p}``, where ``p`` is the model's precision for that label measured on the
held-out development corpora at training time (recorded in the model's ``meta.json``):
the greedy transition parser gives no per-entity probability.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jaanch.doc import Doc
from jaanch.lexicons import load_tsv, load_yaml
from jaanch.recognise.base import register
from jaanch.text.normalise import fold_for_match
from jaanch.types import ENTITY_TYPES, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

NER_LABELS = ("PERSON", "LOC", "ORG")
FEATURES_COMPONENT = "jaanch_lexfeats"
MAX_PHRASE = 4
#: the labels the recogniser adds by default (ORG additions measured worse on dev)
DEFAULT_ADD = ("PERSON", "LOC")
#: a PERSON the model adds needs one word at least this name-like (NameLexicon)
MIN_NAME_LIKENESS = 0.5

#: (lexicon file, column or YAML key, feature class); earlier entries win a tie
_TSV_FEATURES = (
    ("designations.tsv", "phrase", "DESIG"),
    ("name_titles.tsv", "title", "TITLE"),
    ("place_heads.tsv", "head", "PHEAD"),
    ("org_heads.tsv", "head", "OHEAD"),
    ("orgs.tsv", "name", "ORGN"),
    ("places.tsv", "name", "GAZ"),
    ("surnames.tsv", "surname", "SURN"),
)
_YAML_FEATURES = (
    ("role_nouns", "ROLE"),
    ("kin_words", "KIN"),
    ("apposition_kin", "KIN"),
    ("residence_markers", "RESID"),
    ("alias_markers", "ALIAS"),
)
#: every value ``jaanch_lexfeats`` writes into ``Token.tag_``
FEATURE_CLASSES = tuple(dict.fromkeys(c for *_, c in (*_TSV_FEATURES, *_YAML_FEATURES)))


def model_dir() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("jaanch").joinpath("models", "ner")))


@lru_cache(maxsize=200_000)
def _key(word: str) -> str:
    return fold_for_match(word) or word


@cache
def feature_table() -> dict[tuple[str, ...], str]:
    """Folded word tuple -> feature class, from the lexicon data files."""
    table: dict[tuple[str, ...], str] = {}

    def add(phrase: str, cls: str) -> None:
        key = tuple(_key(w) for w in phrase.split())
        if key and len(key) <= MAX_PHRASE:
            table.setdefault(key, cls)

    for fname, col, cls in _TSV_FEATURES:
        for row in load_tsv(fname):
            if row.get(col):
                add(row[col], cls)
    ctx = load_yaml("person_context.yaml")
    for yaml_key, cls in _YAML_FEATURES:
        for word in ctx.get(yaml_key) or ():
            add(str(word), cls)
    return table


@cache
def _first_words() -> dict[str, int]:
    """First word of each phrase -> the longest phrase length starting with it."""
    out: dict[str, int] = {}
    for key in feature_table():
        out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


def tag_features(words: Sequence[str]) -> list[str]:
    """Each word's lexicon class (``""`` for none), longest phrase match first."""
    return _classes([_key(w) for w in words])


def _classes(keys: Sequence[str]) -> list[str]:
    """Each folded word's lexicon class, longest phrase match first."""
    table = feature_table()
    firsts = _first_words()
    n = len(keys)
    out = [""] * n
    free_from = 0  # words before this index are inside an earlier match
    for i, longest in enumerate([firsts.get(k, 0) for k in keys]):
        if not longest or i < free_from:
            continue
        for m in range(min(longest, n - i), 0, -1):
            cls = table.get(tuple(keys[i : i + m]))
            if cls is not None:
                out[i : i + m] = [cls] * m
                free_from = i + m
                break
    return out


#: token orth hash -> folded key; orth hashes are hashes of the text, so one table
#: serves every vocabulary (bounded: it stops growing at this many words)
_ORTH_KEYS: dict[int, str] = {}
_ORTH_KEYS_MAX = 500_000


def set_features(doc: SpacyDoc) -> SpacyDoc:
    """Write the lexicon class of each token into ``token.tag_`` (the model reads TAG).

    Same classes as :func:`tag_features` over the token texts; it reads the tokens'
    orth hashes in one array instead of creating a Python token object per word.
    """
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    known = _ORTH_KEYS
    keys = []
    for orth in doc.to_array(ORTH).tolist():
        k = known.get(orth)
        if k is None:
            k = _key(strings[orth])
            if len(known) < _ORTH_KEYS_MAX:
                known[orth] = k
        keys.append(k)
    for i, cls in enumerate(_classes(keys)):
        if cls:
            doc[i].tag_ = cls
    return doc


#: the vectors table class the model's config names (``[nlp.vectors]``)
CACHED_VECTORS = "jaanch.CachedFloretVectors.v1"
#: words whose floret vector :class:`CachedFloretVectors` keeps before starting afresh
VECTOR_CACHE_SIZE = 200_000


@cache
def _cached_vectors_class() -> type:
    import numpy
    from spacy.vectors import Mode, Vectors

    class CachedFloretVectors(Vectors):
        """spaCy vectors that remember each word's floret vector.

        In floret mode spaCy builds a word's vector from the hashed rows of its character
        n-grams, in Python, for every word of every batch; a news text repeats its words,
        so this class computes each word once and looks it up afterwards. The vectors are
        exactly spaCy's (``Vectors.get_batch``); only the repeated work is skipped. At
        most :data:`VECTOR_CACHE_SIZE` words are kept, then the cache starts afresh.
        """

        def _reset_cache(self) -> None:
            self._jaanch_rows: dict[int, int] = {}
            self._jaanch_table = numpy.zeros((0, 0), dtype="float32")

        def get_batch(self, keys: Any) -> Any:
            if self.mode != Mode.floret:
                return super().get_batch(keys)
            if hasattr(keys, "tolist"):  # the model passes an array of orth hashes
                klist = keys.tolist()
            else:
                klist = [k if isinstance(k, int) else self.strings.as_int(k) for k in keys]
            if not hasattr(self, "_jaanch_rows"):
                self._reset_cache()
            rows = self._jaanch_rows
            missing = [k for k in dict.fromkeys(klist) if k not in rows]
            if missing:
                if len(rows) + len(missing) > VECTOR_CACHE_SIZE:
                    self._reset_cache()
                    rows = self._jaanch_rows
                    missing = list(dict.fromkeys(klist))
                vecs = numpy.asarray(super().get_batch(missing), dtype="float32")
                table = self._jaanch_table
                need = len(rows) + len(missing)
                if table.shape[0] < need or table.shape[1] != vecs.shape[1]:
                    grown = numpy.zeros((max(need, 2 * table.shape[0]), vecs.shape[1]), "float32")
                    if rows:
                        grown[: len(rows)] = table[: len(rows)]
                    self._jaanch_table = table = grown
                first = len(rows)
                table[first:need] = vecs
                for i, k in enumerate(missing):
                    rows[k] = first + i
            return self._jaanch_table[[rows[k] for k in klist]]

        def from_disk(self, path: Any, **kwargs: Any) -> Any:
            self._reset_cache()
            return super().from_disk(path, **kwargs)

        def from_bytes(self, data: bytes, **kwargs: Any) -> Any:
            self._reset_cache()
            return super().from_bytes(data, **kwargs)

    return CachedFloretVectors


def use_cached_vectors(nlp: Language) -> None:
    """Swap a pipeline's floret vectors table for a :class:`CachedFloretVectors` holding
    the same data and settings (used after ``nlp.initialize`` loads plain vectors)."""
    from spacy.vectors import Mode

    v = nlp.vocab.vectors
    cls = _cached_vectors_class()
    if getattr(v, "mode", None) != Mode.floret or isinstance(v, cls):
        return
    nlp.vocab.vectors = cls(
        strings=nlp.vocab.strings,
        data=v.data,
        name=v.name,
        mode=Mode.floret,
        minn=v.minn,
        maxn=v.maxn,
        hash_count=v.hash_count,
        hash_seed=v.hash_seed,
        bow=v.bow,
        eow=v.eow,
    )


def register_spacy_components() -> None:
    """Register ``jaanch_lexfeats`` and the cached vectors table with spaCy (idempotent;
    needed before loading or training the model)."""
    from spacy.language import Language
    from spacy.util import registry

    if not Language.has_factory(FEATURES_COMPONENT):
        Language.component(FEATURES_COMPONENT, func=set_features)
    if CACHED_VECTORS not in registry.vectors:
        cls = _cached_vectors_class()

        def factory() -> Callable[[Any], Any]:
            def make(vocab: Any) -> Any:
                return cls(strings=vocab.strings)

            return make

        registry.vectors.register(CACHED_VECTORS, func=factory)


@cache
def load_model(path: str | None = None) -> Language:
    """Load the shipped model (or the one at ``path``) once, CPU only, no network."""
    import spacy

    register_spacy_components()
    where = Path(path) if path else model_dir()
    if not (where / "config.cfg").exists():
        raise FileNotFoundError(
            f"no trained NER model at {where}; train one with scripts/train_ner.py"
        )
    return spacy.load(where)


def label_scores(nlp: Language) -> dict[str, float]:
    """Per-label dev precision recorded at training time (1.0 where unknown)."""
    meta: dict[str, Any] = nlp.meta.get("jaanch", {}) or {}
    got = meta.get("dev_precision", {}) or {}
    return {lab: float(got.get(lab, 1.0)) for lab in NER_LABELS}


@cache
def edge_words() -> frozenset[str]:
    """Single words that never begin or end a PERSON/LOC span by the guidelines:
    designations, honorifics, role nouns, kinship words, residence and alias markers,
    and generic place heads that stay outside the name (``गांव``, ``थाना``, ``जिले``)."""
    words: set[str] = set()
    for fname, col in (
        ("designations.tsv", "phrase"),
        ("name_titles.tsv", "title"),
    ):
        words.update(_key(r[col]) for r in load_tsv(fname) if r.get(col) and " " not in r[col])
    words.update(
        _key(r["head"])
        for r in load_tsv("place_heads.tsv")
        if r.get("head") and " " not in r["head"] and r.get("inside") != "yes"
    )
    ctx = load_yaml("person_context.yaml")
    for yaml_key, _ in _YAML_FEATURES:
        words.update(_key(str(w)) for w in ctx.get(yaml_key) or () if " " not in str(w))
    return frozenset(words)


@cache
def before_name_only() -> frozenset[str]:
    """Edge words that stand only before a name: posts and the honorifics written before
    one (``name_titles.tsv``, position ``before``). After a given name the same word is
    often a family name (``सुनील पंडित``, ``रमेश प्रधान``)."""
    words = {
        _key(r["phrase"]) for r in load_tsv("designations.tsv") if " " not in r.get("phrase", " ")
    }
    words.update(
        _key(r["title"])
        for r in load_tsv("name_titles.tsv")
        if r.get("title") and " " not in r["title"] and r.get("position") != "after"
    )
    return frozenset(words)


@lru_cache(maxsize=65536)
def outside_name(key: str, last: bool = False) -> bool:
    """A folded word that stays outside a PERSON span at its first (or ``last``) word: an
    honorific, or another edge word (:func:`edge_words`) the name tables do not know as
    a name word too (:meth:`~jaanch.names.NameLexicon.is_known_name_word`: ``किशोर`` is a
    juvenile and a given name); as the last word, no post or honorific that stands
    before names (:func:`before_name_only`)."""
    from jaanch.names import NameLexicon

    if key not in edge_words() or (last and key in before_name_only()):
        return False
    names = NameLexicon.default()
    return names.is_title(key) or not names.is_known_name_word(key)


def model_spans(doc: Doc, nlp: Language, name: str, version: str) -> list[Span]:
    """Every PERSON/LOC/ORG the model finds in ``doc.text``, as Jaanch spans.

    Edge tokens that the guidelines keep outside a name (:func:`edge_words`),
    punctuation glued to a name and a bracket glued to its last word (with what it
    holds) are trimmed off PERSON and LOC spans.
    """
    scores = label_scores(nlp)
    edges = edge_words()
    out: list[Span] = []
    for ent in nlp(doc.text).ents:
        if ent.label_ not in NER_LABELS:
            continue
        toks = list(ent)
        if ent.label_ != "ORG":
            while toks and _key(toks[0].text) in edges:
                toks.pop(0)
            while toks and _key(toks[-1].text) in edges:
                toks.pop()
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if ent.label_ != "ORG":
            # a bracket glued to a name opens what describes it ("याग्निक(साकेतनगर)"):
            # the tokenizer keeps the two words one token, the name ends before it
            cut = doc.text.find("(", start, end)
            if cut > start:
                end = cut
        # never let a span begin or end on white space or punctuation glued to a name
        while start < end and not doc.text[start].isalnum() and not _is_mark(doc.text[start]):
            start += 1
        while end > start and not doc.text[end - 1].isalnum() and not _is_mark(doc.text[end - 1]):
            end -= 1
        if start >= end:
            continue
        score = scores[ent.label_]
        # a list mark inside a person's span joins two names ("फरहान, करधन"): each is one
        parts = (
            [(m.start(), m.end()) for m in _NAME_PART.finditer(doc.text, start, end)]
            if ent.label_ == "PERSON"
            else [(start, end)]
        )
        for a, b in parts:
            out.append(
                doc.make_span(
                    a,
                    b,
                    ent.label_,
                    name,
                    version,
                    value={"source": "ner_model", "score": score},
                    score=score,
                )
            )
    return out


#: a run of a name between the marks that separate the items of a list (never inside one
#: name), without the white space around it
_NAME_PART = re.compile(r"[^,;।\s](?:[^,;।]*[^,;।\s])?")


def _extension_is_name(outer: Span, inner: Span) -> bool:
    """May a model span extend a rule name? Not over words the guidelines keep outside a
    name: ranks, honorifics, role nouns, kinship ("रैकेट संचालिका मीना कुमारी" stays
    "मीना कुमारी"; "कुमार पुरुषोत्तम" extends "कुमार")."""
    from jaanch.names import NameLexicon

    names = NameLexicon.default()
    edges = edge_words()
    extra = (
        outer.text[: inner.start - outer.start].split()
        + outer.text[inner.end - outer.start :].split()
    )
    for w in extra:
        k = _key(w)
        if k in edges:
            return False
        # one of the words NER corpora most often see outside names ("समीप अर्जुन")
        if names.is_common_word(k) and names.name_likeness(k) < 0.1:
            return False
    return True


def _is_mark(ch: str) -> bool:
    return "\u0900" <= ch <= "\u0903" or "\u093a" <= ch <= "\u094f"


def combine(
    rule_spans: Iterable[Span],
    model: Iterable[Span],
    labels: Iterable[str] = NER_LABELS,
    extend: bool = True,
) -> list[Span]:
    """The documented combination policy: rules win, the model fills the gaps.

    Returns the spans to add to the rule spans (nothing of the rules is removed here):

    1. *additions*: the ``model`` spans of ``labels`` that overlap no output span (one
       of :data:`jaanch.types.ENTITY_TYPES`) of ``rule_spans``. Internal labels of the
       rules (cues, counts, ages) do not block the model.
    2. *extensions* (``extend``): a model PERSON span that strictly contains rule PERSON
       span(s) and overlaps no other rule output span gives the name its full extent
       (rule ``कुमार`` -> model ``कुमार पुरुषोत्तम``). The new span keeps the rule span's
       value (cue, role hint, seed flag) with ``source``/``score``/``extends`` added, so
       at equal rank the pipeline's conflict resolution keeps it as the longer span.
    """
    keep = set(labels)
    rules = [s for s in rule_spans if s.label in ENTITY_TYPES]
    out: list[Span] = []
    for s in model:
        hits = [r for r in rules if r.start < s.end and s.start < r.end]
        if any(s.overlaps(o) for o in out):
            continue
        if not hits:
            if s.label in keep:
                out.append(s)
            continue
        if (
            extend
            and s.label == "PERSON"
            and all(r.label == "PERSON" and s.start <= r.start and r.end <= s.end for r in hits)
            and any((r.start, r.end) != (s.start, s.end) for r in hits)
            and _extension_is_name(s, max(hits, key=lambda r: r.end - r.start))
        ):
            inner = max(hits, key=lambda r: r.end - r.start)
            value = dict(inner.value) if isinstance(inner.value, dict) else {}
            value.update(s.value or {})
            value["extends"] = [inner.start, inner.end]
            out.append(
                Span(
                    s.start,
                    s.end,
                    s.label,
                    s.text,
                    s.recogniser,
                    s.version,
                    value=value,
                    score=s.score,
                    nstart=s.nstart,
                    nend=s.nend,
                )
            )
    return out


def plausible(spans: Iterable[Span], min_name_likeness: float = MIN_NAME_LIKENESS) -> list[Span]:
    """The precision filter applied to model spans before :func:`combine`.

    Leaves out spans made only of common words (``शव``, ``गंभीर``: words the NER corpora
    mostly see outside names, or that Hindi news uses often and seldom as a name), and
    PERSON spans none of whose words is name-like (``रिश्वतखोरी``, ``मदर डेरी``):
    :meth:`jaanch.names.NameLexicon.name_likeness` below ``min_name_likeness``; and spans
    whose every word is one syllable (``नी``: a fragment of a mistyped word, not a name).
    """
    from jaanch.names import NameLexicon, syllable_letters

    lex = NameLexicon.default()
    out = []
    for s in spans:
        words = s.text.split()
        if not words or all(lex.is_common_word(w) or lex.is_news_common(w) for w in words):
            continue
        if all(syllable_letters(w) < 2 for w in words):
            continue
        if s.label == "PERSON" and max(lex.name_likeness(w) for w in words) < min_name_likeness:
            continue
        out.append(s)
    return out


class NerModelRecogniser:
    """Runs the shipped model and keeps the spans the combination policy lets through."""

    name = "ner_model"
    version = "2.2"

    def __init__(self, path: str | None = None, labels: Iterable[str] = DEFAULT_ADD) -> None:
        self.path = path
        self.labels = tuple(labels)

    @property
    def nlp(self) -> Language:
        return load_model(self.path)

    def __call__(self, doc: Doc) -> list[Span]:
        found = plausible(model_spans(doc, self.nlp, self.name, self.version))
        return combine(doc.spans, found, self.labels)


@register("ner_model")
def _factory() -> NerModelRecogniser:
    return NerModelRecogniser()
