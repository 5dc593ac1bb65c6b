"""Polite and safe fetching of pages and feeds over http(s).

* an identifying user agent (:data:`USER_AGENT`, ``JAANCH_USER_AGENT`` overrides it);
* robots.txt honoured, read once per host and run (a missing one allows everything, a
  server error while reading it disallows the host for the run);
* at most one request per host every ``Limits.per_host_interval`` seconds;
* timeouts, a size limit read as the body streams in, at most ``Limits.max_redirects``
  redirects, and only http(s) URLs, redirects included;
* conditional requests: the ETag and Last-Modified of the last fetch are sent back, and a
  ``304 Not Modified`` comes back as :attr:`FetchResult.not_modified` with no body.

Every failure is a :class:`FetchError` with a reason a reader understands; nothing here
raises anything else for a bad URL or a bad server.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from jaanch import __version__
from jaanch.intake.urls import WEB_SCHEMES, host_of

USER_AGENT = f"Jaanch/{__version__} (Hindi crime-news research; +https://pypi.org/project/jaanch/)"


#: the statuses that send the client on to another location
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    #: seconds to wait for each chunk of the response (a slow server fails, a big fast
    #: one is bounded by ``max_bytes``)
    read_timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host_interval: float = 1.0


@dataclass
class FetchResult:
    url: str
    #: where the last redirect ended
    final_url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A URL that could not be fetched, with the reason (and the HTTP status if one came).
    ``passing`` says whether trying again later may succeed: a timeout, a refused
    connection, a server error, 408 or 429 may pass; a 404, robots.txt, a size or redirect
    limit will not."""

    def __init__(
        self, url: str, reason: str, status: int | None = None, *, passing: bool | None = None
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        if passing is None:
            passing = status is not None and (status >= 500 or status in (408, 429))
        self.passing = passing


@dataclass
class Fetcher:
    """One HTTP client for a run: robots.txt and the per-host clock are kept per host."""

    limits: Limits = field(default_factory=Limits)
    user_agent: str = field(default_factory=lambda: os.environ.get("JAANCH_USER_AGENT", USER_AGENT))
    #: HTTP requests made so far (robots.txt included): the watcher's progress line reads it
    requests: int = 0

    def __post_init__(self) -> None:
        lim = self.limits
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Language": "hi,en;q=0.5"},
            timeout=httpx.Timeout(lim.read_timeout, connect=lim.connect_timeout),
            follow_redirects=False,
        )
        self._robots: dict[str, RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url`` politely; conditional when validators of an earlier fetch are given."""
        self._check_scheme(url, url)
        if not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.limits.max_redirects + 1):
            res = self._get(url, current, headers)
            if res is not None and not isinstance(res, str):
                res.url = url
                return res
            if res is None:  # pragma: no cover - _get returns a result or a location
                raise FetchError(url, "no response")
            nxt = urljoin(current, res)
            self._check_scheme(url, nxt)
            if not self.allowed(nxt):
                raise FetchError(url, f"redirect to {nxt} disallowed by robots.txt")
            current = nxt
        raise FetchError(url, f"more than {self.limits.max_redirects} redirects")

    def allowed(self, url: str) -> bool:
        """Does the host's robots.txt let our user agent fetch ``url``?"""
        host = host_of(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        rp = self._robots[host]
        return True if rp is None else rp.can_fetch(self.user_agent, url)

    # ------------------------------------------------------------------ internals

    def _check_scheme(self, asked: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
            raise FetchError(asked, f"not an http(s) URL: {url}")

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            gap = self.limits.per_host_interval - (time.monotonic() - self._last.get(host, -1e9))
            if gap > 0:
                time.sleep(gap)
            self._last[host] = time.monotonic()

    def _read_robots(self, host: str) -> RobotFileParser | None:
        """The parsed robots.txt; None allows everything (none there)."""
        rp = RobotFileParser()
        try:
            self._wait_turn(host)
            self.requests += 1
            r = self._client.get(f"{host}/robots.txt", follow_redirects=True)
        except httpx.HTTPError:
            return None  # unreachable: the page fetch itself will report the failure
        if r.status_code >= 500:
            rp.parse(["User-agent: *", "Disallow: /"])
            return rp
        if r.status_code >= 400:
            return None
        rp.parse(r.text[: self.limits.max_bytes].splitlines())
        return rp

    def _get(self, asked: str, url: str, headers: dict[str, str]) -> FetchResult | str | None:
        """One request: the result, or the next location of a redirect."""
        self._wait_turn(host_of(url))
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if r.status_code == 304:
                    return FetchResult(
                        asked,
                        url,
                        304,
                        etag=r.headers.get("etag") or headers.get("If-None-Match"),
                        last_modified=r.headers.get("last-modified")
                        or headers.get("If-Modified-Since"),
                    )
                if r.status_code in REDIRECTS:
                    loc = r.headers.get("location")
                    if not loc:
                        raise FetchError(asked, f"redirect without a location ({r.status_code})")
                    return loc
                if r.status_code >= 400:
                    raise FetchError(
                        asked, f"HTTP {r.status_code} {r.reason_phrase}", r.status_code
                    )
                size = r.headers.get("content-length")
                if size and size.isdigit() and int(size) > self.limits.max_bytes:
                    raise FetchError(
                        asked, f"larger than {self.limits.max_bytes} bytes ({size})", r.status_code
                    )
                chunks: list[bytes] = []
                got = 0
                for chunk in r.iter_bytes():
                    got += len(chunk)
                    if got > self.limits.max_bytes:
                        raise FetchError(
                            asked, f"larger than {self.limits.max_bytes} bytes", r.status_code
                        )
                    chunks.append(chunk)
                return FetchResult(
                    asked,
                    str(r.url),
                    r.status_code,
                    content_type=r.headers.get("content-type", ""),
                    body=b"".join(chunks),
                    etag=r.headers.get("etag"),
                    last_modified=r.headers.get("last-modified"),
                )
        except httpx.TimeoutException:
            raise FetchError(asked, "timed out", passing=True) from None
        except httpx.HTTPError as e:
            raise FetchError(asked, f"{type(e).__name__}: {e}", passing=True) from None
