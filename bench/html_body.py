"""Main-text extraction of Hindi news pages: trafilatura (web intake) against the
selectolax block heuristic (local .html files), on pages built from corpus articles.

    python bench/html_body.py [--corpus ../shared/data/corpus/hindi_crime_news.jsonl] [--limit 200]

Each article is wrapped in three page layouts that Hindi news sites use (an ``<article>``
with navigation, trending box, related links, comments, ads and footer; the same in
``<div>`` blocks with no ``<article>``; a page whose related-stories block is longer than
the story). For each extractor it prints the share of the article's sentences found
(recall), the share of the boilerplate's sentences kept (leak, lower is better), and pages
per second, the selectolax baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from jaanch.intake.pages import PageError, read_page
from jaanch.store.sources import html_article

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/corpus/hindi_crime_news.jsonl"
SENT = re.compile(r"[^।?!\n]{25,}[।?!]?")


def sentences(text: str) -> list[str]:
    return [" ".join(m.group().split()) for m in SENT.finditer(text)]


def boilerplate(rng: random.Random, others: list[str]) -> dict[str, str]:
    """Navigation, trending, related, comments, ads, footer: Hindi sentences from other
    articles' headlines and openings, as sites fill them."""
    pick = lambda k: [html.escape(s) for s in rng.sample(others, k)]  # noqa: E731
    li = lambda xs: "".join(f"<li><a href='/x/{i}'>{x}</a></li>" for i, x in enumerate(xs))  # noqa: E731
    return {
        "nav": "<nav><a href='/'>होम</a> <a href='/desh'>देश</a> <a href='/crime'>क्राइम</a>"
        " <a href='/khel'>खेल</a> <a href='/manoranjan'>मनोरंजन</a></nav>",
        "trending": f"<div class='trending'><h3>ट्रेंडिंग</h3><ul>{li(pick(4))}</ul></div>",
        "related": f"<div class='related'><h3>यह भी पढ़ें</h3><ul>{li(pick(6))}</ul></div>",
        "comments": "<section class='comments'><h3>टिप्पणियां</h3>"
        + "".join(f"<p>{x}</p>" for x in pick(2))
        + "</section>",
        "ad": f"<div class='ad'>विज्ञापन: {pick(1)[0]}</div>",
        "footer": "<footer><p>© 2025 समाचार समूह। सर्वाधिकार सुरक्षित।</p></footer>",
    }


def layouts(title: str, paras: list[str], b: dict[str, str]) -> list[str]:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    head = f"<!DOCTYPE html><html lang='hi'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
    return [
        head
        + b["nav"]
        + b["trending"]
        + f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        + b["ad"]
        + b["related"]
        + b["comments"]
        + b["footer"]
        + "</body></html>",
        head
        + b["nav"]
        + "<div class='wrap'><div class='main'><h1>"
        + html.escape(title)
        + "</h1>"
        + f"<div class='story'>{body}</div></div><div class='side'>{b['trending']}{b['ad']}</div></div>"
        + b["related"]
        + b["comments"]
        + b["footer"]
        + "</body></html>",
        head
        + b["nav"]
        + f"<div class='story'><h1>{html.escape(title)}</h1>{body}</div>"
        + b["related"]
        + b["related"].replace("यह भी पढ़ें", "और खबरें")
        + b["trending"]
        + b["footer"]
        + "</body></html>",
    ]


def score(found: str, story: list[str], noise: list[str]) -> tuple[float, float]:
    got = " ".join(found.split())
    recall = sum(1 for s in story if s in got) / max(1, len(story))
    leak = sum(1 for s in noise if s in got) / max(1, len(noise))
    return recall, leak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    rows = [
        json.loads(ln) for ln in args.corpus.read_text(encoding="utf-8").splitlines() if ln.strip()
    ]
    rows = [r for r in rows if len(r.get("text", "")) > 400][: args.limit]
    rng = random.Random(0)
    openings = [s for r in rows for s in sentences(r["text"])[:1]]
    pages: list[tuple[str, list[str], list[str]]] = []
    for r in rows:
        paras = [p for p in r["text"].split("\n") if p.strip()]
        b = boilerplate(rng, [o for o in openings if o not in r["text"]])
        noise = [
            s for part in b.values() for s in sentences(html.unescape(re.sub("<[^>]+>", " ", part)))
        ]
        story = sentences(r["text"])
        for page in layouts(str(r.get("title") or "समाचार"), paras, b):
            pages.append((page, story, noise))

    def trafilatura_body(page: str) -> str:
        try:
            return read_page(page.encode("utf-8"), "http://example.test/a", "text/html").text
        except PageError:
            return ""

    def selectolax_body(page: str) -> str:
        return html_article(page, "a").text

    extractors: dict[str, Callable[[str], str]] = {
        "selectolax (baseline)": selectolax_body,
        "trafilatura": trafilatura_body,
    }
    base_rate = 0.0
    print(f"{len(pages)} pages from {len(rows)} articles of {args.corpus.name}")
    for name, fn in extractors.items():
        t0 = time.perf_counter()
        rec = leak = 0.0
        for page, story, noise in pages:
            r, lk = score(fn(page), story, noise)
            rec += r
            leak += lk
        el = time.perf_counter() - t0
        rate = len(pages) / el
        base_rate = base_rate or rate
        print(
            f"{name:22s} recall {rec / len(pages):.3f}  boilerplate kept {leak / len(pages):.3f}"
            f"  {rate:6.1f} pages/s ({rate / base_rate:.2f}x the baseline)"
        )


if __name__ == "__main__":
    main()
