"""The learned edit costs of English name spellings (:mod:`jaanch.text.english_names`),
trained by ``scripts/train_latin.py`` on the project's labelled spellings."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

FILE = "costs.json"


def load_meta() -> dict[str, Any]:
    """The whole shipped file: costs, version and training figures."""
    with resources.files(__name__).joinpath(FILE).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def load_costs() -> dict[str, float]:
    """Edit type -> cost (score units), as :class:`jaanch.text.english_names.Speller`
    takes them."""
    return {k: float(v) for k, v in load_meta()["costs"].items()}
