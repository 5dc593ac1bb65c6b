"""Training examples for the learned people layer and its cross-validation.

:func:`role_examples` reads a gold article with the rules (the pipeline without the
model), aligns each person found to a gold person by name or alias (the scorer's folding)
and returns (features, gold roles) pairs. :func:`cross_validate` trains on the training
folds and scores the held-out fold with the format's rules, for k-fold and
leave-one-source-out splits.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jaanch.annotate.folds import kfold, leave_one_source_out
from jaanch.evaluate import score
from jaanch.facts.events import build_codes, build_laws
from jaanch.facts.people import build_people, role_feature_rows
from jaanch.models.roles import RoleModel, fit
from jaanch.pipeline import Pipeline
from jaanch.text.normalise import fold_for_match
from jaanch.types import Article

Example = tuple[dict[str, float], list[str]]
#: the groups the people layer is judged by
GROUPS = (
    "people",
    "roles",
    "roles.accused",
    "roles.victim",
    "roles.complainant",
    "roles.official",
    "relations",
    "relations.kinship",
    "relations.associate",
    "relations.member_of",
    "relations.posted_at",
)


def _article(g: Mapping[str, Any]) -> Article:
    return Article(id=g["id"], text=g["text"], published=g.get("published"))


def role_examples(gold: Mapping[str, Any], pipe: Pipeline) -> list[Example]:
    """(features, gold roles) of every person the rules find that the gold lists."""
    doc = pipe.doc(_article(gold))
    crimes, _ = build_codes(doc, build_laws(doc))
    codes = {c.code for c in crimes}
    _, _, clusters = build_people(doc, codes, None)
    rows = role_feature_rows(doc, clusters, codes)
    by_key: dict[str, list[str]] = {}
    for p in gold.get("people", []):
        for n in [p["name"], *(p.get("aliases") or [])]:
            by_key.setdefault(fold_for_match(n), list(p.get("roles") or []))
    out: list[Example] = []
    for c, row in zip(clusters, rows, strict=True):
        keys = [fold_for_match(c.name), *(fold_for_match(a) for a in c.aliases)]
        roles = next((by_key[k] for k in keys if k in by_key), None)
        if roles:
            out.append((row, roles))
    return out


@dataclass
class FoldScore:
    name: str
    n_articles: int
    f1: dict[str, float]
    #: groups with no item in the fold (nothing to find, nothing found): not averaged
    empty: frozenset[str] = frozenset()


@dataclass
class CVReport:
    scheme: str
    folds: list[FoldScore] = field(default_factory=list)
    pooled: dict[str, float] = field(default_factory=dict)

    def mean_sd(self, group: str) -> tuple[float, float]:
        xs = [f.f1[group] for f in self.folds if group not in f.empty]
        if not xs:
            return 0.0, 0.0
        return statistics.fmean(xs), statistics.pstdev(xs) if len(xs) > 1 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme,
            "pooled": self.pooled,
            "mean": {g: round(self.mean_sd(g)[0], 4) for g in GROUPS},
            "sd": {g: round(self.mean_sd(g)[1], 4) for g in GROUPS},
            "folds": [{"name": f.name, "n": f.n_articles, **f.f1} for f in self.folds],
        }


def _score(pairs: Iterable[tuple[dict[str, Any], Mapping[str, Any]]]) -> dict[str, float]:
    rep = score(pairs)
    return {g: round(rep.facts[g].f1, 4) for g in GROUPS}


def _fold_score(name: str, pairs: list[tuple[dict[str, Any], Mapping[str, Any]]]) -> FoldScore:
    rep = score(pairs)
    empty = frozenset(g for g in GROUPS if rep.facts[g].tp + rep.facts[g].fp + rep.facts[g].fn == 0)
    return FoldScore(name, len(pairs), {g: round(rep.facts[g].f1, 4) for g in GROUPS}, empty)


def predict(golds: Sequence[Mapping[str, Any]], pipe: Pipeline) -> list[dict[str, Any]]:
    return [pipe.run(_article(g)).to_dict() for g in golds]


def cross_validate(
    golds: Sequence[Mapping[str, Any]],
    *,
    k: int = 5,
    seed: int = 0,
    trainer: Callable[[list[Example]], RoleModel] | None = None,
    schemes: Sequence[str] = ("kfold", "source"),
    progress: Callable[[str], None] | None = None,
) -> list[CVReport]:
    """Train on K-1 folds, score the held-out fold; also leave one source out.

    ``trainer`` turns examples into a model (default :func:`fit` with ``seed``); the rules
    (``role_model=False``) are scored on the same folds as the baseline ``rules`` scheme."""
    train = trainer or (lambda ex: fit(ex, seed=seed))
    rules = Pipeline(role_model=False)
    by_id = {g["id"]: g for g in golds}
    examples = {g["id"]: role_examples(g, rules) for g in golds}
    baseline = {g["id"]: p for g, p in zip(golds, predict(golds, rules), strict=True)}
    reports: list[CVReport] = []
    splits: list[tuple[str, str, list[str], list[str]]] = []
    ids = list(by_id)
    if "kfold" in schemes:
        splits += [("kfold", f"fold {n}", tr, te) for n, (tr, te) in enumerate(kfold(ids, k, seed))]
    if "source" in schemes:
        splits += [("source", s, tr, te) for s, tr, te in leave_one_source_out(ids)]
    for scheme in dict.fromkeys(s for s, *_ in splits):
        model_rep, rules_rep = CVReport(scheme), CVReport(f"{scheme} (rules only)")
        pooled_model: list[tuple[dict[str, Any], Mapping[str, Any]]] = []
        pooled_rules: list[tuple[dict[str, Any], Mapping[str, Any]]] = []
        for s, name, tr, te in splits:
            if s != scheme:
                continue
            model = train([e for i in tr for e in examples[i]])
            test = [by_id[i] for i in te]
            pairs = list(zip(predict(test, Pipeline(role_model=model)), test, strict=True))
            base = [(baseline[i], by_id[i]) for i in te]
            model_rep.folds.append(_fold_score(name, pairs))
            rules_rep.folds.append(_fold_score(name, base))
            pooled_model += pairs
            pooled_rules += base
            if progress:
                progress(f"{scheme} {name}: {model_rep.folds[-1].f1}")
        model_rep.pooled = _score(pooled_model)
        rules_rep.pooled = _score(pooled_rules)
        reports += [model_rep, rules_rep]
    return reports
