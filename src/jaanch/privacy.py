"""Victim privacy: who is protected, and stable pseudonyms.

A person is *protected* when they are a victim in an article reporting a sexual offence
(rape, sexual harassment, child sexual abuse, trafficking, a prostitution racket), when
their age is under 18, or when they are a victim and their evidence sentence calls them a
minor (``नाबालिग``, ``किशोरी``, ...). The codes and cues are data
(``lexicons/privacy.yaml``). Search results, profiles and exports show a protected
person's pseudonym (``संरक्षित-3F9A2C``, stable: derived from the entity or mention id)
instead of the name, and blank the name out of quoted sentences; the raw facts stay
stored, and ``--include-protected`` shows them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from typing import Any

from jaanch.lexicons import load_yaml


@cache
def _config() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("privacy.yaml")
    return data


def sexual_crimes() -> frozenset[str]:
    return frozenset(_config()["sexual_crimes"])


def minor_cues() -> tuple[str, ...]:
    return tuple(_config()["minor_cues"])


def is_protected(
    roles: Iterable[str], age: int | None, crimes: Iterable[str], sentence: str | None
) -> bool:
    """True when a person with these roles and age, in an article with these crimes and
    named in this sentence, must not be named."""
    roles = set(roles)
    if age is not None and age < int(_config()["adult_age"]):
        return True
    if "victim" not in roles:
        return False
    if sexual_crimes() & set(crimes):
        return True
    return bool(sentence) and any(c in (sentence or "") for c in minor_cues())


def pseudonym(key: str) -> str:
    """A stable pseudonym for the entity or mention ``key``."""
    digest = hashlib.sha256(f"jaanch-protected:{key}".encode()).hexdigest()[:6].upper()
    return f"{_config()['pseudonym_prefix']}{digest}"


def redact_text(text: str | None, names: dict[str, str]) -> str | None:
    """``text`` with every protected name (a key of ``names``) replaced by its pseudonym."""
    if not text or not names:
        return text
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = text.replace(name, names[name])
    return text
