"""The learned parts of the people layer: linear models over named features.

* the role assigner (``role_model``): one logistic regression per role over
  :func:`~jaanch.models.role_features.person_features`;
* the associate model (``associate_model``): one logistic regression over
  :func:`~jaanch.models.pair_features.pair_features` of two people of an article.

The shipped weights (``<name>/weights.json``, see ``MODEL_CARD.md`` beside them) are plain
JSON: feature name -> one weight per label, an intercept and a decision threshold per label.
Prediction needs numpy only; :func:`fit` (scikit-learn, a training dependency) is called by
``scripts/train_people.py`` and by the cross-validation script.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

NAME = "role_model"
ASSOCIATE_NAME = "associate_model"
PERSON_NAME = "person_model"
#: the person check: keeps or drops a person found in an article, read whole
PERSON_CHECK_NAME = "person_check"
#: the one label of the person model: the candidate chunk is a person's name
PERSON_LABEL = "person"
#: roles the model predicts (taxonomy.md section 3)
ROLES = ("accused", "victim", "complainant", "witness", "official", "relative", "other")
#: a role with fewer training examples than this is left to the rules
MIN_POSITIVES = 8
#: shuffles of the 3-fold split whose held-out predictions choose a tuned threshold
TUNE_REPEATS = 3


@dataclass
class PeopleModels:
    """The learned models the fact builders of the people layer use (None: the rules)."""

    roles: RoleModel | None = None
    associates: RoleModel | None = None
    person_check: RoleModel | None = None


@dataclass
class RoleModel:
    version: str
    roles: list[str]
    vocab: dict[str, int]
    weights: np.ndarray  # (n_features, n_roles)
    intercepts: np.ndarray  # (n_roles,)
    thresholds: np.ndarray  # (n_roles,)
    meta: dict[str, Any] = field(default_factory=dict)

    def scores(self, feats: Mapping[str, float]) -> dict[str, float]:
        z = self.intercepts.copy()
        for k, v in feats.items():
            i = self.vocab.get(k)
            if i is not None:
                z += v * self.weights[i]
        p = 1.0 / (1.0 + np.exp(-z))
        return {r: float(x) for r, x in zip(self.roles, p, strict=True)}

    def above(self, feats: Mapping[str, float]) -> list[str]:
        """Every label whose probability passes its threshold (possibly none)."""
        s = self.scores(feats)
        return [r for r, t in zip(self.roles, self.thresholds, strict=True) if s[r] >= t]

    def predict(self, feats: Mapping[str, float]) -> list[str]:
        """Every role whose probability passes its threshold; else the likeliest one."""
        s = self.scores(feats)
        out = [r for r, t in zip(self.roles, self.thresholds, strict=True) if s[r] >= t]
        if not out and s:
            out = [max(s, key=lambda r: s[r])]
        if not out:
            out = ["other"]
        if len(out) > 1 and "other" in out:
            out.remove("other")
        return out

    def to_json(self) -> dict[str, Any]:
        keep = np.abs(self.weights).max(axis=1) > 1e-4
        names = sorted((k for k, i in self.vocab.items() if keep[i]), key=self.vocab.__getitem__)
        return {
            "name": self.meta.get("name", NAME),
            "version": self.version,
            "roles": self.roles,
            "intercepts": [round(float(x), 5) for x in self.intercepts],
            "thresholds": [round(float(x), 3) for x in self.thresholds],
            "weights": {
                k: [round(float(x), 5) for x in self.weights[self.vocab[k]]] for k in names
            },
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> RoleModel:
        names = list(d["weights"])
        w = np.array([d["weights"][k] for k in names], dtype=np.float64).reshape(
            len(names), len(d["roles"])
        )
        return cls(
            version=str(d["version"]),
            roles=list(d["roles"]),
            vocab={k: i for i, k in enumerate(names)},
            weights=w,
            intercepts=np.array(d["intercepts"], dtype=np.float64),
            thresholds=np.array(d["thresholds"], dtype=np.float64),
            meta=dict(d.get("meta", {})),
        )

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "weights.json").write_text(
            json.dumps(self.to_json(), ensure_ascii=False, indent=0, sort_keys=False) + "\n",
            encoding="utf-8",
        )


def model_dir(name: str = NAME) -> Path:
    return Path(str(resources.files("jaanch").joinpath("models", name)))


@cache
def shipped_model(name: str = NAME) -> RoleModel | None:
    """A trained model shipped with the package, or None where it was not trained."""
    f = model_dir(name) / "weights.json"
    if not f.exists():
        return None
    return RoleModel.from_json(json.loads(f.read_text(encoding="utf-8")))


def fit(
    examples: Sequence[tuple[Mapping[str, float], Sequence[str]]],
    *,
    labels: Sequence[str] = ROLES,
    seed: int = 0,
    c: float = 0.5,
    threshold: float = 0.5,
    tune: bool = False,
    version: str = "1.0",
    meta: Mapping[str, Any] | None = None,
) -> RoleModel:
    """Train on (features, gold labels) pairs, one binary model per label (a label with
    fewer than :data:`MIN_POSITIVES` examples is left out). ``tune`` chooses each label's
    decision threshold by 3-fold cross-validation inside the training examples (repeated
    :data:`TUNE_REPEATS` times), else it is ``threshold``. Deterministic for a seed."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    vec = DictVectorizer(sparse=False, sort=True)
    x = vec.fit_transform([dict(f) for f, _ in examples])
    vocab = {k: i for i, k in enumerate(vec.get_feature_names_out())}
    roles: list[str] = []
    cols: list[np.ndarray] = []
    intercepts: list[float] = []
    thresholds: list[float] = []
    for r in labels:
        y = np.array([r in gold for _, gold in examples], dtype=int)
        if y.sum() < MIN_POSITIVES or y.sum() == len(y):
            continue
        clf = LogisticRegression(
            C=c, class_weight="balanced", max_iter=5000, random_state=seed, solver="lbfgs"
        )
        if tune:
            # the decision threshold: best F1 on held-out predictions of the training set,
            # pooled over TUNE_REPEATS shuffles of a 3-fold split (one split's choice moved
            # the person model's threshold between 0.30 and 0.40 with the shuffle alone)
            held: list[np.ndarray] = []
            for rep in range(TUNE_REPEATS):
                folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=seed + rep)
                held.append(cross_val_predict(clf, x, y, cv=folds, method="predict_proba")[:, 1])
            thresholds.append(_best_threshold(np.concatenate(held), np.tile(y, TUNE_REPEATS)))
        else:
            thresholds.append(threshold)
        clf.fit(x, y)
        roles.append(r)
        cols.append(clf.coef_[0])
        intercepts.append(float(clf.intercept_[0]))
    weights = np.stack(cols, axis=1) if cols else np.zeros((len(vocab), 0))
    return RoleModel(
        version=version,
        roles=roles,
        vocab=vocab,
        weights=weights,
        intercepts=np.array(intercepts),
        thresholds=np.array(thresholds),
        meta=dict(meta or {}),
    )


def _best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The threshold (0.2 to 0.9) that gives the best F1 of ``p >= t`` against ``y``."""
    best, best_f1 = 0.5, -1.0
    for t in np.arange(0.2, 0.91, 0.05):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        fp, fn = float((pred & (y == 0)).sum()), float((~pred & (y == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(round(t, 2)), f1
    return best
