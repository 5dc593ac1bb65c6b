"""The recogniser contract and registry (spaCy-style registered components)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from jaanch.doc import Doc
from jaanch.types import Span


class Recogniser(Protocol):
    """Reads a :class:`Doc` (including spans of recognisers that ran before) and
    returns new spans. ``name`` and ``version`` go into every span's provenance."""

    name: str
    version: str

    def __call__(self, doc: Doc) -> list[Span]: ...


REGISTRY: dict[str, Callable[[], Recogniser]] = {}


def register(name: str) -> Callable[[Callable[[], Recogniser]], Callable[[], Recogniser]]:
    """Register a recogniser factory under ``name`` (used by ``pipeline.yaml``)."""

    def deco(factory: Callable[[], Recogniser]) -> Callable[[], Recogniser]:
        REGISTRY[name] = factory
        return factory

    return deco
