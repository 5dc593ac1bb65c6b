"""Browser tests of the reporter's pages: labels instead of codes, the officials and accused
dossiers, a case history, a watchlist that lists a new article and feeds it as Atom, the
offline district map, and a search downloaded as CSV. Playwright drives Debian's Chromium
against a server started here; every request the browser makes is checked to stay on
localhost. Screenshots go to ``$JAANCH_ARTIFACTS`` (else a temporary folder).

With ../shared present the store holds the seed articles (``बलराम राजपूत``, the PRO sent to
police lines); without it, the bundled examples play the same parts.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from test_web_api import TOKEN, build_store
from webserver import CHROMIUM, chromium, serving

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "data" / "seeds"
EXAMPLES = ROOT / "src" / "jaanch" / "examples"
#: the person followed: the seeds' gangster, else the first example's accused
FOLLOWED = "बलराम राजपूत" if SEEDS.exists() else "राकेश वर्मा"
#: codes that must not show as text where their labels belong
RAW_CODES = re.compile(
    r"\b(line_hazir|organised_crime|arms_offence|fir_registered|police_misconduct)\b"
)

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is absent")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = Path(os.environ.get("JAANCH_ARTIFACTS") or tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    extra = [str(SEEDS)] if SEEDS.exists() else []
    return build_store(tmp_path_factory.mktemp("dossiers") / "kb.db", [*extra, str(EXAMPLES)])


@pytest.fixture(scope="module")
def server(store: str) -> Iterator[str]:
    from jaanch.resolve import resolve_if_pending
    from jaanch.store.db import open_store
    from jaanch.web import create_app

    resolve_if_pending(open_store(store))
    with serving(create_app(store, token=TOKEN)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="hi-IN", accept_downloads=True
    )
    outside: list[str] = []

    def guard(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    ctx.route("**/*", guard)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not outside, f"requests left localhost: {outside}"
    assert not errors, errors


def shot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    assert (artifacts / f"{name}.png").stat().st_size > 5000


def main_text(page: Any) -> str:
    return str(page.inner_text("main"))


def open_person(page: Any, server: str, name: str) -> str:
    page.goto(f"{server}/search?q={name}")
    page.locator("ul.entities li", has_text=name).locator("a").first.click()
    page.wait_for_url("**/entities/*")
    return str(page.url)


def test_labels_stand_for_codes_on_search_article_and_profile(
    page: Any, server: str, artifacts: Path
) -> None:
    page.goto(f"{server}/search?q={FOLLOWED}")
    text = main_text(page)
    assert not RAW_CODES.search(text), RAW_CODES.search(text)
    assert "Accused" in text  # the role facet and the entity's roles
    assert re.search(r"Arrest|Organised crime|Murder|Fraud", text)
    shot(page, artifacts, "labels-search")
    page.locator("ol.articles li a.title").first.click()
    page.wait_for_url("**/articles/*")
    text = main_text(page)
    assert not RAW_CODES.search(text), RAW_CODES.search(text)
    assert "Accused" in text and "आरोपी" in text  # English label, Hindi beside it
    open_person(page, server, FOLLOWED)
    text = main_text(page)
    assert not RAW_CODES.search(text) and "Accused" in text
    shot(page, artifacts, "labels-profile")


def test_officials_dossier_lists_the_misconduct_story(
    page: Any, server: str, artifacts: Path
) -> None:
    page.goto(f"{server}/dossiers/officials")
    board = page.locator("#officials")
    text = str(board.inner_text())
    assert re.search(r"Sent to police lines|Suspension", text), text[:500]
    first = board.locator("li.card").first
    assert first.locator("h2 a").count() == 1
    first_text = str(first.inner_text())
    assert "misconduct incident" in first_text and re.search(r"\d{4}", first_text)
    shot(page, artifacts, "dossier-officials")
    # the accused dossier and a case history
    page.goto(f"{server}/dossiers/accused")
    row = page.locator("#accused tbody tr", has_text=FOLLOWED)
    assert row.count() == 1
    shot(page, artifacts, "dossier-accused")
    row.locator("a", has_text="history").click()
    page.wait_for_url("**/history")
    assert page.locator("section.case").count() >= 1
    shot(page, artifacts, "case-history")


def test_a_followed_person_in_a_new_article_is_new_for_you_and_in_the_feed(
    page: Any, server: str, store: str, artifacts: Path
) -> None:
    import feedparser

    from jaanch.resolve import ingest_and_resolve
    from jaanch.store.db import open_store
    from jaanch.types import Article

    page.goto(f"{server}/login?next=/watchlists")
    page.fill("input[name=token]", TOKEN)
    page.click("form button[type=submit]")
    page.wait_for_url("**/watchlists")
    shot(page, artifacts, "watchlists")
    open_person(page, server, FOLLOWED)
    page.fill("form.follow input[name=new]", "Kanpur")
    page.select_option("form.follow select[name=watchlist]", "")
    page.click("form.follow button[type=submit]")
    page.wait_for_url(re.compile(r".*/watchlists/\d+$"))
    assert "Nothing new" in str(page.inner_text("#new-for-you"))
    time.sleep(1.1)  # stored after the follow, by the clock of the store
    text = (
        f"कानपुर। पुलिस ने {FOLLOWED} को सोमवार को फिर गिरफ्तार कर लिया। {FOLLOWED} पर "
        "रंगदारी मांगने का नया मुकदमा दर्ज हुआ है। पुलिस ने बताया कि आरोपी से पूछताछ की जा रही है।"
    )
    title = f"{FOLLOWED} फिर गिरफ्तार"
    rep = ingest_and_resolve(
        open_store(store),
        [],
        items=iter([(Article(id="new-001", text=text, title=title, published="2026-12-07"), "t")]),
        workers=1,
    )
    assert rep.stored == 1
    page.reload()
    new = page.locator("#new-for-you")
    assert title in str(new.inner_text())
    shot(page, artifacts, "watchlist-new-for-you")
    href = page.locator("a", has_text="Atom feed").first.get_attribute("href")
    feed = page.request.get(server + href)
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.body())
    assert not parsed.bozo and parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == [title]


def test_the_district_map_draws_circles(page: Any, server: str, artifacts: Path) -> None:
    page.goto(f"{server}/districts")
    circles = page.locator("#district-map circle.district")
    assert circles.count() >= 1
    assert page.locator("#district-map .backdrop circle").count() > 500
    box = page.locator("#district-map").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    shot(page, artifacts, "district-map")
    circles.first.click()
    page.wait_for_url("**/search?district=*")


def test_a_search_downloads_as_csv_with_a_row_per_hit(
    page: Any, server: str, artifacts: Path
) -> None:
    page.goto(f"{server}/search?q=गिरफ्तार")
    total = int(
        re.search(
            r"(\d+)", page.locator("section.results h2", has_text="Articles").inner_text()
        ).group(1)
    )  # type: ignore[union-attr]
    assert total >= 2
    with page.expect_download() as dl:
        page.locator(".downloads a", has_text="CSV").click()
    body = Path(dl.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == total
    assert all(r["article_id"] and r["doc_id"] for r in rows)
    shot(page, artifacts, "search-downloads")
