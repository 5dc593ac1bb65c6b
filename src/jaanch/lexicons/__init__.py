"""Lexicons are data files in this folder (TSV with a header row, or YAML), under
version control. This module only finds and parses them; it holds no words itself.

A TSV line starting with ``#`` is a comment. Cells are stripped; empty cells are ``""``.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

import yaml


def path(name: str) -> str:
    return str(resources.files("jaanch.lexicons").joinpath(name))


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``name`` (a TSV file in this folder) as dicts keyed by the header."""
    with resources.files("jaanch.lexicons").joinpath(name).open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader)


@cache
def load_yaml(name: str) -> Any:
    with resources.files("jaanch.lexicons").joinpath(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
