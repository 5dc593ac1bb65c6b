from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "data" / "gold" / "dev.jsonl"
CORPUS = SHARED / "data" / "corpus"


def need_shared(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only present in the project workspace and CI)")


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    need_shared(GOLD)
    rows = [json.loads(ln) for ln in GOLD.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return {r["id"]: r for r in rows}
