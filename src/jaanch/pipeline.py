"""The pipeline: text -> normalised text -> recognisers -> spans -> article facts.

``extract(text, published=None)`` is the public API; :class:`Pipeline` runs any list of
registered recognisers (``pipeline.yaml`` names the default ones).
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

from jaanch.doc import Doc
from jaanch.facts import build_facts
from jaanch.models.roles import (
    ASSOCIATE_NAME,
    PERSON_CHECK_NAME,
    PERSON_NAME,
    PeopleModels,
    RoleModel,
    shipped_model,
)
from jaanch.models.roles import NAME as ROLE_MODEL_NAME
from jaanch.recognise.base import REGISTRY, Recogniser
from jaanch.recognise.persons import PersonRecogniser
from jaanch.text.normalise import fold_for_match
from jaanch.types import ENTITY_TYPES, Article, Extraction, Span

#: modules that register the built-in recognisers
BUILTIN_MODULES = (
    "jaanch.recognise.designation",
    "jaanch.recognise.money",
    "jaanch.recognise.dates",
    "jaanch.recognise.counts",
    "jaanch.recognise.laws",
    "jaanch.recognise.orgs",
    "jaanch.recognise.places",
    "jaanch.recognise.persons",
    "jaanch.recognise.ner_model",
    "jaanch.recognise.repeats",
    "jaanch.recognise.cues",
)

MAX_TEXT_CHARS = 2_000_000

# Which label wins when spans of two output types overlap (higher wins). A PERSON found
# from strong context beats a gazetteer LOC; a pattern LOC beats a weak PERSON guess.
PRIORITY = {"LAW": 9, "MONEY": 8, "DATE": 7, "DESIGNATION": 6, "ORG": 5, "LOC": 4, "PERSON": 4}


class ExtractionError(ValueError):
    """The input cannot be read as an article (empty, not text, too large)."""


def load_builtins() -> None:
    for mod in BUILTIN_MODULES:
        importlib.import_module(mod)


class Pipeline:
    """Recognisers (by registered name) and the fact builders.

    ``role_model``, ``associate_model``, ``person_model`` (which decides the names the
    context recogniser's cues propose) and ``person_check`` (which keeps or drops each
    person of the article, read whole): ``True`` uses the trained model shipped in
    ``jaanch/models/`` (when it is there), ``False`` the rules alone, a
    :class:`~jaanch.models.roles.RoleModel` that model; ``None`` follows ``pipeline.yaml``.
    """

    def __init__(
        self,
        names: list[str] | None = None,
        role_model: RoleModel | bool | None = None,
        associate_model: RoleModel | bool | None = None,
        person_model: RoleModel | bool | None = None,
        person_check: RoleModel | bool | None = None,
    ) -> None:
        load_builtins()
        cfg = load_yaml_pipeline()
        if names is None:
            names = list(cfg["recognisers"])
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            raise KeyError(f"unknown recognisers {unknown}; known: {sorted(REGISTRY)}")
        self.recognisers: list[Recogniser] = [REGISTRY[n]() for n in names]
        self.role_model = _model(role_model, cfg.get("role_model", False), ROLE_MODEL_NAME)
        self.associate_model = _model(
            associate_model, cfg.get("associate_model", False), ASSOCIATE_NAME
        )
        self.person_model = _model(person_model, cfg.get("person_model", False), PERSON_NAME)
        self.person_check = _model(person_check, cfg.get("person_check", False), PERSON_CHECK_NAME)
        persons = self.recogniser("person_context")
        if isinstance(persons, PersonRecogniser):
            persons.model = self.person_model

    def recogniser(self, name: str) -> Recogniser | None:
        """The pipeline's recogniser of that registered name, if it runs one."""
        return next((r for r in self.recognisers if r.name == name), None)

    @property
    def versions(self) -> dict[str, str]:
        out = {r.name: r.version for r in self.recognisers}
        if self.role_model is not None:
            out[ROLE_MODEL_NAME] = self.role_model.version
        if self.associate_model is not None:
            out[ASSOCIATE_NAME] = self.associate_model.version
        if self.person_model is not None:
            out[PERSON_NAME] = self.person_model.version
        if self.person_check is not None:
            out[PERSON_CHECK_NAME] = self.person_check.version
        return out

    def doc(self, article: Article) -> Doc:
        """The article read by every recogniser, overlapping output spans resolved."""
        check_text(article.text)
        doc = Doc.from_article(article)
        for rec in self.recognisers:
            doc.add(rec(doc))
            doc.ran.add(rec.name)
        doc.spans = resolve_conflicts(doc.spans, doc.article.text)
        return doc

    def run(self, article: Article) -> Extraction:
        doc = self.doc(article)
        ex = Extraction(article=article, pipeline=self.versions)
        models = PeopleModels(self.role_model, self.associate_model, self.person_check)
        build_facts(doc, ex, models)
        # after the facts: the person check may have dropped PERSON spans
        ex.entities = sorted(
            (s for s in doc.spans if s.label in ENTITY_TYPES), key=lambda s: (s.start, s.end)
        )
        return ex


def _model(given: RoleModel | bool | None, default: Any, name: str) -> RoleModel | None:
    """A learned model as asked: given, shipped (``True``), or none (``False``)."""
    if given is None:
        given = bool(default)
    if given is True:
        return shipped_model(name)
    return given or None


def load_yaml_pipeline() -> dict[str, Any]:
    from importlib import resources

    import yaml

    with resources.files("jaanch").joinpath("pipeline.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def check_text(text: str) -> None:
    if not isinstance(text, str):
        raise ExtractionError("article text must be a string")
    if not text.strip():
        raise ExtractionError("article text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractionError(
            f"article text has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} "
            "an article may have; split the file into articles (JSONL) first"
        )


def _rank(s: Span) -> tuple[int, int, int]:
    strong = 1
    if s.label == "PERSON":
        v = s.value or {}
        strong = (3 if v.get("cue") == "alias" else 2) if v.get("seed") else 0
    elif s.label == "LOC":
        strong = 1 if (s.value or {}).get("source") == "gazetteer" else 2
    return (PRIORITY.get(s.label, 0), strong, s.end - s.start)


def _non_overlapping(spans: list[Span], text: str | None) -> list[Span]:
    """The entity spans that no higher-ranked one overlaps, bylines left out."""
    kept: list[Span] = []
    for s in sorted(spans, key=_rank, reverse=True):
        if any(s.overlaps(k) for k in kept):
            continue
        kept.append(s)
    if text is not None:
        kept = [s for s in kept if not (s.label == "PERSON" and _in_byline(s, text))]
    return kept


def _name_word_places(kept: list[Span]) -> set[int]:
    """The ids of one-word gazetteer places that are a word of a kept person's name,
    unless a pattern made the word a place elsewhere in the article."""
    name_words = {w for s in kept if s.label == "PERSON" for w in fold_for_match(s.text).split()}
    # a pattern ("X गांव") vouches for the place even when a person shares the word
    patterned = {
        fold_for_match(s.text) for s in kept if s.label == "LOC" and _source(s) == "pattern"
    }
    return {
        id(s)
        for s in kept
        if _gazetteer_word(s)
        and (key := fold_for_match(s.text)) in name_words
        and key not in patterned
    }


def resolve_conflicts(spans: list[Span], text: str | None = None) -> list[Span]:
    """Drop output spans that overlap a higher-ranked one; internal spans are kept.

    A one-word gazetteer LOC that is also a word of a PERSON name in the same article
    ("चिराग" beside "चिराग जैन") is dropped too, unless a pattern made that word a place:
    the article names a person, not Chirang district. With the article's ``text``, a name
    in a byline ("Edited By Naina Gupta") is dropped: it is the writer, not a person in
    the story."""
    out = [s for s in spans if s.label not in ENTITY_TYPES]
    candidates = [s for s in spans if s.label in ENTITY_TYPES]
    kept = _non_overlapping(candidates, text)
    # a place dropped for being a person's word gives its words back to what it hid
    # ("मानसी श्रीवास ... मानसी के पिता": the gazetteer's मानसी had outranked the person)
    dropped = _name_word_places(kept)
    if dropped:
        kept = _non_overlapping([s for s in candidates if id(s) not in dropped], text)
        dropped = _name_word_places(kept)
        kept = [s for s in kept if id(s) not in dropped]
    return out + sorted(kept, key=lambda s: s.start)


@cache
def _byline_pattern() -> re.Pattern[str]:
    from jaanch.lexicons import load_yaml

    words = sorted(
        (str(w) for w in load_yaml("person_context.yaml").get("byline_markers") or ()),
        key=len,
        reverse=True,
    )
    alt = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in words)
    return re.compile(rf"(?:^|[\n|])\s*(?:{alt})\s*:?\s*$", re.IGNORECASE)


def _in_byline(s: Span, doc_text: str) -> bool:
    """A name that a byline marker opens ("Edited By Naina Gupta | ...") or holds."""
    line_start = doc_text.rfind("\n", 0, s.start) + 1
    before = doc_text[line_start : s.start]
    pat = _byline_pattern()
    if pat.search(before):
        return True
    m = re.match(r"(.*?\b(?:by))\s+", s.text, re.IGNORECASE)
    return bool(m and pat.search(before + m.group(1)))


def _source(s: Span) -> object:
    return s.value.get("source") if isinstance(s.value, dict) else None


def _gazetteer_word(s: Span) -> bool:
    """A one-word LOC taken from the gazetteer (or repeated from such a mention), not a
    country or state."""
    v = s.value if isinstance(s.value, dict) else {}
    rec = v.get("record")
    return (
        s.label == "LOC"
        and v.get("source") in ("gazetteer", "repeat")
        and len(s.text.split()) == 1
        and getattr(rec, "kind", None) not in ("country", "state")
    )


@cache
def default_pipeline() -> Pipeline:
    return Pipeline()


def extract(
    text: str,
    published: str | None = None,
    *,
    id: str = "article",
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Extraction:
    """Extract the facts of one Hindi article (the public API)."""
    article = Article(id=id, text=text, title=title, published=published, source=source, url=url)
    return default_pipeline().run(article)
