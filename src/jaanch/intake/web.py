"""Ingest from the web: article pages and RSS/Atom feeds.

:func:`ingest_web` fetches each URL (:class:`~jaanch.intake.fetch.Fetcher`); a feed's items
are fetched as pages. Each page's article (:func:`~jaanch.intake.pages.read_page`) goes to
:func:`jaanch.store.ingest.ingest` with its title, date (the page's, else the feed item's),
canonical URL and outlet; every page or feed that fails gives a per-document failure and
the rest are stored. ``web_resources`` keeps what each fetch gave, so a re-run asks only
conditionally (ETag / Last-Modified) and never fetches again a feed item whose page is
stored and whose date is unchanged. A story reached at a second URL (tracking parameters,
the page's canonical URL) is the same article; a syndicated copy or light edit of a stored
article is kept, linked to it in ``near_duplicates``, and its incidents are not counted
again. Resolution is the caller's next step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from jaanch.intake.feeds import FeedError, FeedItem, looks_like_feed, parse_feed
from jaanch.intake.fetch import Fetcher, FetchError, FetchResult
from jaanch.intake.near_dup import NearDuplicates, signature
from jaanch.intake.pages import PageError, read_page
from jaanch.intake.urls import canonical_url
from jaanch.reader import ReadError
from jaanch.store.db import insert_for
from jaanch.store.ingest import IngestReport, ingest
from jaanch.store.models import ArticleRow, IncidentRow, MinHashRow, NearDuplicate, WebResource
from jaanch.store.rows import content_hash
from jaanch.types import Article

Item = tuple[Article | ReadError, str]
#: a page that keeps failing for a passing reason is tried this many times
MAX_RETRIES = 5


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class WebReport:
    """One intake run: what was fetched and what it gave, and the ingest's own report."""

    urls: int = 0
    feeds: int = 0
    pages: int = 0
    #: feeds and pages that came back ``304 Not Modified``, and feed items not fetched
    #: again because their page is stored and unchanged
    unchanged: int = 0
    skipped_known: int = 0
    #: feed items whose page failed for a lasting reason (404, robots.txt, not Hindi)
    skipped_failed: int = 0
    #: pages whose canonical URL was already stored (the same story at another URL)
    same_url: int = 0
    near_duplicates: int = 0
    errors: int = 0
    requests: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)
    failures: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k != "ingest"}
        d["ingest"] = self.ingest.to_dict()
        return d


class _State:
    """The ``web_resources`` rows of a run, read once and written back at the end."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.rows: dict[str, dict[str, Any]] = {}
        #: URLs known to have no row yet (asked once)
        self.absent: set[str] = set()

    def get(self, url: str) -> dict[str, Any] | None:
        if url not in self.rows and url not in self.absent:
            self.preload([url])
        return self.rows.get(url)

    def preload(self, urls: list[str]) -> None:
        """Read the rows of ``urls`` not read yet, 500 to a query (a feed's items at once);
        the URLs with no row are remembered as absent."""
        todo = [u for u in dict.fromkeys(urls) if u not in self.rows and u not in self.absent]
        with self.engine.connect() as conn:
            for i in range(0, len(todo), 500):
                chunk = todo[i : i + 500]
                for r in conn.execute(select(WebResource).where(WebResource.url.in_(chunk))):
                    self.rows[r.url] = dict(r._mapping)
                self.absent.update(u for u in chunk if u not in self.rows)

    def retryable(self, feed: str) -> list[str]:
        """The pages of ``feed`` whose last fetch failed for a reason that may pass (a
        timeout, a refused connection, a server error, 408 or 429), fewer than
        :data:`MAX_RETRIES` times."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(WebResource.url).where(
                    WebResource.feed == feed,
                    WebResource.error.is_not(None),
                    WebResource.retry.is_(True),
                    WebResource.errors < MAX_RETRIES,
                    WebResource.article_hash.is_(None),
                )
            ).all()
        return sorted(r.url for r in rows)

    def touch(self, url: str, kind: str, **values: Any) -> dict[str, Any]:
        row = self.get(url) or {
            "url": url,
            "kind": kind,
            "feed": None,
            "etag": None,
            "last_modified": None,
            "last_fetch": None,
            "last_status": None,
            "error": None,
            "retry": False,
            "article_hash": None,
            "item_updated": None,
            "fetches": 0,
            "articles": 0,
            "errors": 0,
        }
        row.update(values)
        self.rows[url] = row
        return row

    def save(self) -> None:
        if not self.rows:
            return
        with self.engine.begin() as conn:
            upsert = insert_for(conn.dialect.name)
            for row in self.rows.values():
                stmt = upsert(WebResource).values(**row)
                cols = {k: stmt.excluded[k] for k in row if k != "url"}
                conn.execute(stmt.on_conflict_do_update(index_elements=["url"], set_=cols))


@dataclass
class _Run:
    engine: Engine
    fetcher: Fetcher
    report: WebReport
    state: _State
    items: list[Item] = field(default_factory=list)
    #: content hash -> the page URLs (and their feed) whose article it is
    page_of: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    log: Callable[[str], None] | None = None
    #: asked before each fetch: when it says so, nothing more is fetched
    stop: Callable[[], bool] | None = None
    _retry: dict[str, frozenset[str]] = field(default_factory=dict)

    def retry_ok(self, feed: str) -> frozenset[str]:
        if feed not in self._retry:
            self._retry[feed] = frozenset(self.state.retryable(feed))
        return self._retry[feed]

    def stopped(self) -> bool:
        return self.stop is not None and self.stop()

    def fail(
        self,
        url: str,
        kind: str,
        reason: str,
        status: int | None = None,
        *,
        passing: bool = False,
        **kw: Any,
    ) -> None:
        row = self.state.touch(url, kind, **kw)
        row.update(last_fetch=_now(), last_status=status, error=reason, retry=passing)
        row["errors"] = (row.get("errors") or 0) + 1
        row["fetches"] = (row.get("fetches") or 0) + 1
        self.report.errors += 1
        self.items.append((ReadError(url, url, reason), url))
        if self.log:
            self.log(f"{url}: {reason}")

    def fetch(self, url: str, kind: str, **kw: Any) -> Any:
        known = self.state.get(url) or {}
        try:
            res = self.fetcher.fetch(
                url, etag=known.get("etag"), last_modified=known.get("last_modified")
            )
        except FetchError as e:
            self.fail(url, kind, e.reason, e.status, passing=e.passing, **kw)
            return None
        row = self.state.touch(url, kind, **kw)
        row.update(
            last_fetch=_now(),
            last_status=res.status,
            error=None,
            retry=False,
            etag=res.etag or row.get("etag"),
            last_modified=res.last_modified or row.get("last_modified"),
        )
        row["fetches"] = (row.get("fetches") or 0) + 1
        return res

    def page(
        self,
        url: str,
        feed: str | None = None,
        item: FeedItem | None = None,
        res: FetchResult | None = None,
    ) -> None:
        """Fetch one page (unless ``res`` holds it already) and queue its article or its
        failure."""
        self.report.pages += 1
        if res is None:
            res = self.fetch(url, "page", feed=feed)
            if res is None:
                return
        if res.not_modified:
            self.report.unchanged += 1
            if item is not None:
                self.state.touch(url, "page", item_updated=item.updated)
            return
        try:
            page = read_page(res.body, res.final_url, res.content_type)
        except PageError as e:
            self.fail(url, "page", str(e), res.status, feed=feed)
            return
        urls = [url]
        if page.url != url:
            # the page names its canonical URL: one story, one URL
            other = self.state.get(page.url)
            if other is not None and other.get("article_hash"):
                self.report.same_url += 1
                self.state.touch(url, "page", article_hash=other["article_hash"], feed=feed)
                return
            urls.append(page.url)
        art = Article(
            id=page.url,
            text=page.text,
            title=page.title or (item.title if item else None),
            published=page.published or (item.published if item else None),
            source=page.outlet,
            url=page.url,
            author=page.author,
        )
        h = content_hash(art.text)
        self.page_of.setdefault(h, []).extend((u, feed) for u in urls)
        self.state.touch(url, "page", item_updated=item.updated if item else None)
        self.items.append((art, url))

    def url(self, url: str) -> None:
        """A page or a feed, told apart by what comes back."""
        self.report.urls += 1
        known = self.state.get(url)
        res = self.fetch(url, known["kind"] if known else "page")
        if res is None:
            return
        if res.not_modified:
            self.report.unchanged += 1
            if (known or {}).get("kind") == "feed":
                # an unchanged feed: its items that failed for a passing reason are
                # tried again
                for page_url in self.state.retryable(url):
                    if self.stopped():
                        return
                    self.page(page_url, feed=url)
        elif looks_like_feed(res.content_type, res.body):
            self.feed(url, res.body)
        else:
            self.page(url, res=res)

    def feed(self, url: str, body: bytes) -> None:
        self.report.feeds += 1
        self.state.touch(url, "feed")["kind"] = "feed"
        try:
            _, entries = parse_feed(body, url)
        except FeedError as e:
            self.fail(url, "feed", str(e))
            return
        self.state.preload([canonical_url(it.link) for it in entries])
        for it in entries:
            if self.stopped():
                return
            page_url = canonical_url(it.link)
            known = self.state.get(page_url)
            if known and known.get("article_hash") and known.get("item_updated") == it.updated:
                self.report.skipped_known += 1
                continue
            if known and known.get("error") and page_url not in self.retry_ok(url):
                self.report.skipped_failed += 1  # a lasting failure: 404, not Hindi, ...
                continue
            self.page(page_url, feed=url, item=it)


def ingest_web(
    engine: Engine,
    urls: Iterable[str],
    *,
    fetcher: Fetcher | None = None,
    workers: int | None = 1,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> WebReport:
    """Fetch ``urls`` (pages or feeds) and ingest what they hold; see the module doc.
    ``stop`` is asked before each URL and feed item: when it says so, nothing more is
    fetched and what was fetched is still ingested."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    report = WebReport()
    run = _Run(engine, fetcher, report, _State(engine), log=log, stop=stop)
    try:
        for u in urls:
            if run.stopped():
                break
            run.url(canonical_url(u))
    finally:
        report.requests = fetcher.requests
        if own:
            fetcher.close()
    hashes = [content_hash(a.text) for a, _ in run.items if isinstance(a, Article)]
    before = _stored(engine, hashes)
    report.ingest = ingest(engine, [], items=iter(run.items), workers=workers, progress=progress)
    report.failures = report.ingest.failures
    ids = _stored(engine, hashes)
    feed_taken: dict[str, int] = {}
    for h, pages in run.page_of.items():
        if h not in ids:
            continue
        for url, feed in pages:
            run.state.touch(url, "page", article_hash=h, articles=1, feed=feed)
        feed = pages[0][1]
        if feed is not None and h not in before:
            feed_taken[feed] = feed_taken.get(feed, 0) + 1
    for feed, n in feed_taken.items():
        row = run.state.touch(feed, "feed")
        row["articles"] = (row.get("articles") or 0) + n
    run.state.save()
    new_ids = [ids[h] for h in hashes if h in ids and h not in before]
    report.near_duplicates = link_near_duplicates(engine, new_ids)
    return report


def _stored(engine: Engine, hashes: list[str]) -> dict[str, int]:
    """Content hash -> article id of those stored."""
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            rows = conn.execute(
                select(ArticleRow.hash, ArticleRow.id).where(ArticleRow.hash.in_(chunk))
            )
            out.update((h, i) for h, i in rows)
    return out


def link_near_duplicates(engine: Engine, article_ids: list[int]) -> int:
    """Sign each new article (MinHash), link it to the stored article it copies, if any,
    and drop its incident rows (its extraction stays whole); the number linked."""
    if not article_ids:
        return 0
    with engine.connect() as conn:
        index = NearDuplicates(
            (a, sig) for a, sig in conn.execute(select(MinHashRow.article_id, MinHashRow.signature))
        )
        texts = {
            a: t
            for a, t in conn.execute(
                select(ArticleRow.id, ArticleRow.text).where(ArticleRow.id.in_(article_ids))
            )
        }
    linked = 0
    with engine.begin() as conn:
        for aid in sorted(texts):
            sig = signature(texts[aid])
            near = index.nearest(sig, exclude=aid)
            conn.execute(delete(MinHashRow).where(MinHashRow.article_id == aid))
            conn.execute(insert(MinHashRow).values(article_id=aid, signature=sig))
            index.add(aid, sig)
            if near is None:
                continue
            conn.execute(delete(NearDuplicate).where(NearDuplicate.article_id == aid))
            conn.execute(
                insert(NearDuplicate).values(
                    article_id=aid, duplicate_of=near[0], similarity=round(near[1], 4)
                )
            )
            conn.execute(delete(IncidentRow).where(IncidentRow.article_id == aid))
            linked += 1
    return linked


def read_url_list(path: str) -> list[str]:
    """URLs from a file, one per line; blank lines and lines starting with ``#`` skipped."""
    from pathlib import Path

    lines = (ln.strip() for ln in Path(path).read_text(encoding="utf-8").splitlines())
    return [ln for ln in lines if ln and not ln.startswith("#")]


__all__ = ["WebReport", "ingest_web", "link_near_duplicates", "read_url_list"]
