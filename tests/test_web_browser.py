"""Browser tests: Playwright drives Debian's Chromium against a server started here.

Screenshots of the main pages go to ``$JAANCH_ARTIFACTS`` (else a temporary folder).
Skipped, with the reason, when Playwright or ``/usr/bin/chromium`` is missing; the seed
flows (``बरखा`` -> seed 000, ``बलराम राजपूत``'s 16 cases) skip when ../shared is absent,
and the same flows run on small hand-written articles regardless.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_web_api import ARTICLES, SCRIPT, TOKEN, VICTIM, build_store
from webserver import CHROMIUM, chromium, serving

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is absent")
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is absent (install Debian's chromium: apt-get install -y chromium)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = Path(os.environ.get("JAANCH_ARTIFACTS") or tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from jaanch.web import create_app

    seeds = [str(SEEDS / "000.txt"), str(SEEDS / "003.txt")] if SEEDS.exists() else []
    url = build_store(tmp_path_factory.mktemp("webbrowser") / "kb.db", seeds)
    with serving(create_app(url, token=TOKEN)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="hi-IN")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()


def shot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    assert (artifacts / f"{name}.png").stat().st_size > 5000


def search_and_open(page: Any, server: str, query: str, doc_id: str) -> None:
    page.goto(server + "/")
    page.fill("header input[name=q]", query)
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    page.locator("ol.articles li", has_text=doc_id).locator("a.title").first.click()
    page.wait_for_url("**/articles/*")


def test_overview(page: Any, server: str, artifacts: Path) -> None:
    page.goto(server + "/")
    assert page.locator(".stat b").first.inner_text().strip() == str(
        len(ARTICLES) + (2 if SEEDS.exists() else 0)
    )
    assert page.locator("table.ranked", has_text="Kanpur Nagar").count() == 1
    shot(page, artifacts, "overview")
    assert not page.errors


def test_search_reaches_article_with_highlights(page: Any, server: str, artifacts: Path) -> None:
    search_and_open(page, server, "बरखा", "w-barkha")
    people = page.locator("#article-text mark.person").all_inner_texts()
    places = page.locator("#article-text mark.place").all_inner_texts()
    assert "बरखा शुक्ला" in people and "अरविंद कुमार" in people
    assert "कानपुर" in places and "उन्नाव" in places
    tip = page.locator("#article-text mark.person", has_text="बरखा शुक्ला").first
    assert "accused" in (tip.get_attribute("data-tip") or "")
    # a fact links to its evidence span
    page.locator(".factlist a", has_text="11 cases").first.click()
    assert page.url.endswith("#s-" + page.url.rsplit("#s-", 1)[-1])
    assert page.locator("mark:target").inner_text() == "11 मुकदमे"
    shot(page, artifacts, "article")
    # the person's profile shows the cases and a graph
    page.locator("#article-text a.hl-link", has_text="बरखा शुक्ला").first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator(".casecount").first.inner_text() == "11 cases"
    sync_api.expect(page.locator("#graph-info")).to_contain_text("nodes")
    assert page.locator("#graph canvas").count() > 0
    shot(page, artifacts, "entity")
    assert not page.errors


def test_seed_flow(page: Any, server: str, artifacts: Path) -> None:
    if not SEEDS.exists():
        pytest.skip(
            f"{SEEDS} is absent (../shared is only present in the project workspace and CI)"
        )
    page.goto(server + "/search?q=" + "बरखा")
    results = page.locator("ol.articles li", has_text="000")
    assert results.count() >= 1
    shot(page, artifacts, "search")
    results.locator("a.title").first.click()
    page.wait_for_url("**/articles/*")
    people = page.locator("#article-text mark.person").all_inner_texts()
    places = page.locator("#article-text mark.place").all_inner_texts()
    assert "लवली चक्रवर्ती" in people and "बरखा मिश्रा" in people
    assert "कानपुर" in places and "नजीराबाद" in places
    shot(page, artifacts, "article-seed-000")
    page.goto(server + "/entities?kind=person&q=" + "बलराम राजपूत")
    page.locator("table.ranked a", has_text="बलराम राजपूत").first.click()
    page.wait_for_url("**/entities/P*")
    assert "16 cases" in page.locator(".casecount").all_inner_texts()
    shot(page, artifacts, "entity-seed-balram")
    assert not page.errors


def test_unauthenticated_review_is_refused(page: Any, server: str, artifacts: Path) -> None:
    import json
    import urllib.request

    def judgements() -> int:
        with urllib.request.urlopen(server + "/api/judgements") as r:
            return int(json.load(r)["total"])

    before = judgements()
    page.goto(server + "/review")
    expect = sync_api.expect
    status = page.locator("#review-status")
    page.locator("button.judge.accept[data-target=fact]").first.click()
    expect(status).to_contain_text("Refused (401)")
    page.fill("#token", "wrong-token")
    page.locator("button.judge.reject[data-target=fact]").first.click()
    expect(status).to_contain_text("Refused (403)")
    assert judgements() == before
    shot(page, artifacts, "review-refused")
    page.fill("#token", TOKEN)
    page.locator("button.judge.reject[data-target=fact]").first.click()
    expect(status).to_contain_text("Saved")
    assert judgements() == before + 1
    assert page.locator("tr.fact.reject .badge.reject").count() == 1
    shot(page, artifacts, "review")
    assert not page.errors


def test_injected_script_is_shown_not_run(page: Any, server: str, artifacts: Path) -> None:
    search_and_open(page, server, "नरेश चौहान", "w-inject")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator("#article-text").inner_text()
    assert SCRIPT in text and 'onerror="window.__pwned = 2"' in text
    assert page.locator("#article-text script, #article-text img").count() == 0
    shot(page, artifacts, "article-injected")


def test_victim_hidden_in_the_browser(page: Any, server: str, artifacts: Path) -> None:
    search_and_open(page, server, "दुष्कर्म", "w-victim")
    body = page.locator("body").inner_text()
    assert VICTIM not in body and "संरक्षित-" in body
    assert page.locator("#article-text mark.protected").count() >= 1
    shot(page, artifacts, "article-protected")
