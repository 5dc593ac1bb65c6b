"""What every part of the web app shares, below the app and its routers: the server's
settings (store, tokens, cache) and reading a request's token. ``app`` builds the settings;
``api``, ``pages`` and ``watch`` read them through :func:`settings_of`."""

from __future__ import annotations

import hmac
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy import Engine

TOKEN_COOKIE = "jaanch_token"


@dataclass
class Settings:
    db_url: str | None
    token: str | None
    read_token_required: bool
    include_protected: bool
    engine: Engine
    lock: threading.Lock = field(default_factory=threading.Lock)
    cache: dict[str, tuple[float, Any]] = field(default_factory=dict)

    def cached(self, key: str, ttl: float, make: Any) -> Any:
        """``make()``'s value, kept ``ttl`` seconds (cleared on every write through this
        server; other writers are seen within ``ttl``). At most CACHE_SIZE entries."""
        hit = self.cache.get(key)
        now = time.monotonic()
        if hit and now - hit[0] < ttl:
            return hit[1]
        value = make()
        with self.lock:
            if len(self.cache) >= CACHE_SIZE:
                for k in sorted(self.cache, key=lambda k: self.cache[k][0])[: CACHE_SIZE // 2]:
                    self.cache.pop(k, None)
            self.cache[key] = (now, value)
        return value

    def changed(self) -> None:
        self.cache.clear()


#: cached values (search results, facet lists) kept per server process
CACHE_SIZE = 1024


def token_from(request: Request, cookie: bool) -> str | None:
    """The token a request carries (header; the login cookie too when ``cookie``)."""
    auth = request.headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    hdr = request.headers.get("x-jaanch-token")
    if hdr:
        return hdr.strip()
    if cookie:
        return request.cookies.get(TOKEN_COOKIE) or None
    return None


def token_ok(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(
        str(given).encode(), str(expected).encode()
    )


def settings_of(request: Request) -> Settings:
    s: Settings = request.app.state.settings
    return s
