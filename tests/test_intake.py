"""Web intake against pages and feeds this test serves itself from localhost: bodies without
boilerplate, dates, conditional re-polls, per-document errors, one URL per story,
syndicated copies, and the watcher's rounds and signals. No test reaches beyond localhost."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jaanch.intake.feeds import looks_like_feed, parse_feed
from jaanch.intake.fetch import Fetcher, FetchError, Limits
from jaanch.intake.near_dup import NearDuplicates, signature
from jaanch.intake.urls import canonical_url, is_web_url
from jaanch.intake.watch import parse_duration, watch
from jaanch.intake.web import ingest_web
from jaanch.store.db import open_store
from jaanch.store.models import (
    ArticleRow,
    Failure,
    IncidentRow,
    NearDuplicate,
    WebResource,
)
from test_concurrency import fresh_store

NAV = (
    '<nav><a href="/">होम</a> <a href="/crime">क्राइम</a> <a href="/sport">खेल</a>'
    ' <a href="/e">मनोरंजन</a></nav><div class="trending"><h3>ट्रेंडिंग खबरें</h3><ul>'
    '<li><a href="/t1">बॉलीवुड अभिनेत्री की नई फिल्म का ट्रेलर जारी</a></li>'
    '<li><a href="/t2">क्रिकेट में भारत ने जीती सीरीज</a></li></ul></div>'
)
TAIL = (
    '<div class="related"><h3>यह भी पढ़ें</h3><ul><li><a href="/r1">मौसम विभाग ने जारी किया'
    ' बारिश का अलर्ट</a></li><li><a href="/r2">सोने के भाव में तेजी</a></li></ul></div>'
    '<div class="ad">विज्ञापन: सस्ते फ्लैट बुक करें</div>'
    '<section class="comments"><h3>टिप्पणियां</h3><p>पाठक: बहुत दुखद घटना है।</p></section>'
    "<footer><p>© 2025 नगर समाचार। सर्वाधिकार सुरक्षित।</p><a href='/about'>हमारे बारे में</a>"
    "</footer>"
)
BOILERPLATE = ("ट्रेंडिंग", "यह भी पढ़ें", "टिप्पणियां", "सर्वाधिकार", "विज्ञापन", "बॉलीवुड")

STORY_1 = [
    "संवाद सहयोगी, जेवर : उत्तराखंड के रहने वाले तीन लोगों को फोन पर सोने के बिस्कुट खरीदने"
    " का सौदा करना महंगा पड़ गया। आरोपियों ने बिस्कुट बेचने के बहाने पीड़ितों को जेवर कोतवाली"
    " क्षेत्र में बुलाकर सवा दो लाख रुपये लूट लिए।",
    "पीड़ित तौफीक अहमद ने पुलिस को दी शिकायत में बताया कि आसिफ ने अपने साथियों के साथ मिलकर"
    " उनसे मारपीट की। पुलिस ने चार लोगों के खिलाफ लूटपाट व मारपीट का मामला दर्ज कर लिया है और"
    " आरोपियों की तलाश कर रही है।",
]
STORY_2 = [
    "इंदौर। खजराना थाना पुलिस ने अवैध हथियार के साथ घूम रहे एक बदमाश को गिरफ्तार किया है।"
    " आरोपी रमेश यादव के कब्जे से एक देसी पिस्टल और दो जिंदा कारतूस बरामद किए गए हैं।",
    "टीआई मनोज सेंधव ने बताया कि आरोपी के खिलाफ आर्म्स एक्ट के तहत केस दर्ज किया गया है। उसके"
    " खिलाफ पहले से भी मारपीट और चोरी के पांच मामले दर्ज हैं।",
]
# a syndicated copy of STORY_1: another dateline, one sentence changed
COPY_1 = [
    STORY_1[0].replace("संवाद सहयोगी, जेवर :", "एजेंसी, ग्रेटर नोएडा :"),
    STORY_1[1].replace("और आरोपियों की तलाश कर रही है।", "और जांच शुरू कर दी है।"),
]
STORY_3 = [
    "भोपाल। कोलार थाना क्षेत्र में एक युवक से मोबाइल लूटने वाले दो बदमाशों को पुलिस ने पकड़ लिया।"
    " आरोपियों के पास से चाकू और लूटा गया मोबाइल बरामद हुआ है। दोनों को जेल भेज दिया गया है।",
]
ENGLISH = [
    "Police in Indore arrested a man with an illegal pistol on Monday night near the bus stand."
    " He was produced in court and sent to judicial custody, officials said on Tuesday.",
]


def page(
    title: str, paras: list[str], *, date: str | None = None, canonical: str | None = None
) -> bytes:
    head = f"<title>{title} | नगर समाचार</title>"
    if date:
        head += f'<meta property="article:published_time" content="{date}">'
        head += '<meta name="author" content="संवाद सहयोगी">'
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = (
        f"<!DOCTYPE html><html lang='hi'><head><meta charset='utf-8'>{head}</head><body>{NAV}"
        f"<main><article><h1>{title}</h1>{body}</article></main>{TAIL}</body></html>"
    )
    return html.encode("utf-8")


def rss(base: str, items: list[tuple[str, str, str | None]]) -> bytes:
    xs = "".join(
        f"<item><title>{t}</title><link>{base}{link}</link>"
        + (f"<pubDate>{d}</pubDate>" if d else "")
        + "</item>"
        for link, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>नगर समाचार क्राइम</title><link>{base}/</link>{xs}</channel></rss>"
    ).encode()


class Site:
    """A local news site: pages, feeds, robots.txt, failures; counts each request."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                path = self.path
                with site.lock:
                    site.hits[path.split("?")[0]] += 1
                if path.startswith("/slow"):
                    time.sleep(2.0)
                route = site.routes.get(path.split("?")[0])
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                status, ctype, body = route
                if 300 <= status < 400:
                    self.send_response(status)
                    self.send_header("Location", body.decode())
                    self.end_headers()
                    return
                etag = f'"{abs(hash(body))}"'
                if self.headers.get("If-None-Match") == etag:
                    with site.lock:
                        site.not_modified[path.split("?")[0]] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(usegmt=True))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(
        self, path: str, body: bytes, ctype: str = "text/html; charset=utf-8", status: int = 200
    ) -> None:
        self.routes[path] = (status, ctype, body)


HTML = "text/html; charset=utf-8"


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    b = s.base
    s.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    s.add(
        "/news/1", page("जेवर में सोने के बिस्कुट के नाम पर लूट", STORY_1, date="2025-11-03T10:00:00+05:30")
    )
    s.add("/news/2", page("इंदौर में पिस्टल के साथ बदमाश गिरफ्तार", STORY_2))
    s.add("/news/copy-1", page("सोने के बिस्कुट के नाम पर लूट", COPY_1, date="2025-11-04T09:00:00+05:30"))
    # the same story at another URL that names its canonical one
    s.add("/amp/news/1", page("जेवर में सोने के बिस्कुट के नाम पर लूट", STORY_1, canonical=f"{b}/news/1"))
    s.add("/error", b"server error", "text/plain", status=500)
    s.add("/slow", page("धीमा पन्ना", STORY_2))
    s.add(
        "/huge",
        b"<html><body>" + "<p>बहुत लंबा पन्ना</p>".encode() * 200_000 + b"</body></html>",
        HTML,
    )
    s.add("/file.pdf", b"%PDF-1.4\x00\x01\x02 binary", "application/pdf")
    s.add("/english", page("Indore arrest", ENGLISH))
    s.add("/private/secret", page("गोपनीय", STORY_2))
    items: list[tuple[str, str, str | None]] = [
        ("/news/1?utm_source=rss&utm_medium=feed", "जेवर में लूट", "Mon, 03 Nov 2025 10:00:00 +0530"),
        ("/news/2", "इंदौर में बदमाश गिरफ्तार", "Tue, 04 Nov 2025 08:30:00 +0530"),
        ("/news/copy-1", "बिस्कुट के नाम पर लूट", None),
        ("/dead", "हटाई गई खबर", None),
        ("/error", "सर्वर त्रुटि", None),
        ("/slow", "धीमी खबर", None),
        ("/huge", "बड़ी खबर", None),
        ("/file.pdf", "पीडीएफ", None),
        ("/english", "English story", None),
        ("/private/secret", "गोपनीय", None),
    ]
    s.add("/feed.xml", rss(b, items), "application/rss+xml")
    s.add("/good.xml", rss(b, items[:2]), "application/rss+xml")
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


LIMITS = Limits(connect_timeout=2.0, read_timeout=0.5, max_bytes=1_000_000, per_host_interval=0.0)


def counts(engine: object) -> dict[str, int]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return {
            m.__tablename__: conn.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (ArticleRow, Failure, NearDuplicate)
        }


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return fresh_store(request.param, tmp_path)


def test_a_feed_is_ingested_page_by_page_without_boilerplate(site: Site, db_url: str) -> None:
    engine = open_store(db_url)
    with Fetcher(LIMITS) as f:
        rep = ingest_web(engine, [f"{site.base}/feed.xml"], fetcher=f)
    assert rep.feeds == 1 and rep.ingest.stored == 3
    with Session(engine) as db:
        arts = {r.url: r for r in db.scalars(select(ArticleRow))}
    one, two = arts[f"{site.base}/news/1"], arts[f"{site.base}/news/2"]
    assert "सवा दो लाख रुपये लूट लिए" in one.text and "आर्म्स एक्ट" in two.text
    for a in arts.values():
        assert not any(w in a.text for w in BOILERPLATE), a.text
        assert a.title and "नगर समाचार" not in a.text
    # the page's own date, else the feed item's; the outlet; the date feeds date facts
    assert one.published == "2025-11-03" and two.published == "2025-11-04"
    assert one.source and one.title == "जेवर में सोने के बिस्कुट के नाम पर लूट"
    assert one.author == "संवाद सहयोगी" and two.author is None
    assert one.extraction["article"]["published"] == "2025-11-03"
    # each broken item is a per-document failure with its reason; the rest were stored
    with Session(engine) as db:
        reasons = {r.origin: r.reason for r in db.scalars(select(Failure))}
    b = site.base
    assert "404" in reasons[f"{b}/dead"] and "500" in reasons[f"{b}/error"]
    assert "timed out" in reasons[f"{b}/slow"] and "larger than" in reasons[f"{b}/huge"]
    assert "not an HTML page" in reasons[f"{b}/file.pdf"]
    assert "not in Hindi" in reasons[f"{b}/english"]
    assert "robots.txt" in reasons[f"{b}/private/secret"]
    assert site.hits["/private/secret"] == 0
    # the syndicated copy is kept, linked to the original, and adds no incident
    with Session(engine) as db:
        dup = db.scalars(select(NearDuplicate)).one()
        copy_id = arts[f"{b}/news/copy-1"].id
        assert (dup.article_id, dup.duplicate_of) == (copy_id, one.id)
        assert (
            db.scalar(
                select(func.count())
                .select_from(IncidentRow)
                .where(IncidentRow.article_id == copy_id)
            )
            == 0
        )
        feed = db.get(WebResource, f"{b}/feed.xml")
    assert feed is not None and feed.kind == "feed" and feed.articles == 3
    assert rep.near_duplicates == 1


def test_a_re_run_stores_nothing_and_asks_nothing_of_unchanged_pages(
    site: Site, db_url: str
) -> None:
    engine = open_store(db_url)
    with Fetcher(LIMITS) as f:
        ingest_web(engine, [f"{site.base}/feed.xml"], fetcher=f)
    before = counts(engine)
    hits = Counter(site.hits)
    with Fetcher(LIMITS) as f:
        rep = ingest_web(engine, [f"{site.base}/feed.xml"], fetcher=f)
    assert rep.ingest.stored == 0 and counts(engine)["articles"] == before["articles"]
    for p in ("/news/1", "/news/2", "/news/copy-1"):
        assert site.hits[p] == hits[p], p  # not even a conditional request
    assert site.not_modified["/feed.xml"] == 1  # the feed itself: 304 Not Modified
    # asked directly, a stored page is asked conditionally and comes back 304
    with Fetcher(LIMITS) as f:
        rep = ingest_web(engine, [f"{site.base}/news/2?fbclid=abc&utm_campaign=x"], fetcher=f)
    assert rep.unchanged == 1 and site.not_modified["/news/2"] == 1
    assert counts(engine)["articles"] == before["articles"]


def test_an_unchanged_feed_retries_only_passing_failures(site: Site, tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    with Fetcher(LIMITS) as f:
        ingest_web(engine, [f"{site.base}/feed.xml"], fetcher=f)
    site.add("/error", page("सर्वर ठीक होने पर मिली खबर", STORY_3))  # it recovered
    hits = Counter(site.hits)
    with Fetcher(LIMITS) as f:
        rep = ingest_web(engine, [f"{site.base}/feed.xml"], fetcher=f)
    assert site.not_modified["/feed.xml"] == 1 and rep.ingest.stored == 1
    assert site.hits["/error"] == hits["/error"] + 1
    # a 404, a PDF, an English page, robots.txt are lasting: not asked again
    assert "private/secret" not in str(rep.failures)
    for p in ("/dead", "/file.pdf", "/english"):
        assert site.hits[p] == hits[p], p


def test_one_story_at_two_urls_is_one_article(site: Site, tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    with Fetcher(LIMITS) as f:
        ingest_web(engine, [f"{site.base}/news/1"], fetcher=f)
        rep = ingest_web(engine, [f"{site.base}/amp/news/1"], fetcher=f)
    assert rep.same_url == 1 and counts(engine)["articles"] == 1


def test_fetcher_refuses_what_it_should(site: Site) -> None:
    site.add("/loop", b"/loop", status=302)  # redirects to itself
    site.add("/to-ftp", b"ftp://127.0.0.1/x", status=301)
    with Fetcher(LIMITS) as f:
        assert f.user_agent.startswith("Jaanch/")
        with pytest.raises(FetchError, match="not an http"):
            f.fetch("file:///etc/passwd")
        with pytest.raises(FetchError, match="robots.txt"):
            f.fetch(f"{site.base}/private/secret")
        with pytest.raises(FetchError, match="more than 5 redirects"):
            f.fetch(f"{site.base}/loop")
        with pytest.raises(FetchError, match="not an http"):
            f.fetch(f"{site.base}/to-ftp")
    assert site.hits["/loop"] == 6 and site.hits["/private/secret"] == 0


def test_urls_feeds_and_signatures() -> None:
    assert (
        canonical_url("HTTP://Example.COM:80/a?utm_source=x&b=2&a=1#top")
        == "http://example.com/a?a=1&b=2"
    )
    assert canonical_url("https://x.in/n?fbclid=1") == "https://x.in/n"
    assert is_web_url("https://x.in/feed") and not is_web_url("news.jsonl")
    body = rss("http://x.in", [("/a", "क", "Mon, 03 Nov 2025 10:00:00 +0530")])
    assert looks_like_feed("application/rss+xml", body) and looks_like_feed("", body)
    assert not looks_like_feed("text/html", b"<html></html>")
    _, items = parse_feed(body, "http://x.in/feed")
    assert [(i.link, i.published) for i in items] == [("http://x.in/a", "2025-11-03")]
    text1, copy1, other = " ".join(STORY_1), " ".join(COPY_1), " ".join(STORY_2)
    index = NearDuplicates([(1, signature(text1)), (2, signature(other))])
    near = index.nearest(signature(copy1))
    assert near is not None and near[0] == 1
    assert index.nearest(signature(other), exclude=2) is None
    assert parse_duration("15m") == 900 and parse_duration("90") == 90
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_watch_runs_rounds_and_retries_failures(site: Site, tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(
        f"# crime feeds\n{site.base}/good.xml\n{site.base}/missing.xml\n", encoding="utf-8"
    )
    lines: list[str] = []
    rep = watch(engine, str(feeds), every=0.0, rounds=2, limits=LIMITS, say=lines.append)
    assert rep.rounds == 2 and rep.stored == 2
    assert rep.reports[1].ingest.stored == 0
    assert site.hits["/missing.xml"] == 2  # failed in round 1, tried again in round 2
    assert sum(1 for ln in lines if ln.startswith("round ")) == 2


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_watch_stops_cleanly_on_a_signal_mid_round(
    site: Site, tmp_path: Path, signum: signal.Signals
) -> None:
    # a round in flight: the signal comes while a slow page is being fetched
    site.add("/slowok", page("धीमी पर सही खबर", STORY_2))
    b = site.base
    site.add(
        "/mid.xml",
        rss(b, [("/news/1", "क", None), ("/slowok", "ख", None), ("/news/copy-1", "ग", None)]),
        "application/rss+xml",
    )
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{b}/mid.xml\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jaanch", "watch", str(feeds), "--every", "1h", "--db", db]
        + ["--rate", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 120
    while site.hits["/slowok"] == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signum)
    rc = proc.wait(timeout=120)
    assert proc.stderr is not None
    err = proc.stderr.read()
    assert rc == 0, err
    assert f"stopped ({signum.name})" in err and "round 1" in err
    # what was fetched is stored; nothing was fetched after the signal
    engine = open_store(db)
    with Session(engine) as s:
        urls = set(s.scalars(select(ArticleRow.url)))
    assert urls == {f"{b}/news/1", f"{b}/slowok"}
    assert site.hits["/news/copy-1"] == 0


def test_requests_to_one_host_keep_their_distance(site: Site) -> None:
    with Fetcher(Limits(per_host_interval=0.3)) as f:
        t0 = time.monotonic()
        for p in ("/news/1", "/news/2", "/news/copy-1"):
            f.fetch(f"{site.base}{p}")
        # robots.txt, then three pages: three gaps of 0.3 s at least
        assert time.monotonic() - t0 >= 0.9
        assert f.requests == 4


def test_the_web_app_shows_sources_and_links_copies(site: Site, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from jaanch.web import create_app

    db = f"sqlite:///{tmp_path / 'kb.db'}"
    engine = open_store(db)
    with Fetcher(LIMITS) as f:
        ingest_web(engine, [f"{site.base}/feed.xml"], fetcher=f)
    client = TestClient(create_app(db))
    api = client.get("/api/sources").json()
    (feed,) = api["feeds"]
    assert feed["url"] == f"{site.base}/feed.xml" and feed["articles"] == 3
    assert feed["pages"] == 10 and feed["failing_pages"] == 7 and feed["last_fetch"]
    assert any("robots.txt" in e["error"] for e in api["errors"])
    html = client.get("/sources").text
    assert f"{site.base}/feed.xml" in html and "Articles taken" in html and "timed out" in html
    with Session(engine) as s:
        dup = s.scalars(select(NearDuplicate)).one()
        original = s.get(ArticleRow, dup.duplicate_of)
    assert original is not None
    page = client.get(f"/articles/{dup.article_id}").text
    assert f'href="/articles/{dup.duplicate_of}"' in page and "A copy of" in page
    page = client.get(f"/articles/{dup.duplicate_of}").text
    assert f'href="{original.url}"' in page and f'href="/articles/{dup.article_id}"' in page
