"""The article in a fetched page: its body without navigation, trending boxes, related
links, comments, ads and footers (trafilatura), and its title, author, publication date,
canonical URL and outlet. A page that is not HTML, has no article body, or is not in Hindi
is refused with the reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jaanch.intake.urls import canonical_url
from jaanch.reader import norm_date

HTML_TYPES = ("text/html", "application/xhtml+xml")
#: a body shorter than this (characters) is no article
MIN_BODY_CHARS = 120
#: the share of letters that must be Devanagari for a page to be Hindi
MIN_DEVANAGARI = 0.5
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_LETTER = re.compile(r"[^\W\d_]")


class PageError(Exception):
    """A page that gives no Hindi article, with the reason."""


@dataclass
class Page:
    text: str
    title: str | None
    author: str | None
    published: str | None
    #: the page's own canonical URL (``<link rel=canonical>``), else the URL fetched
    url: str
    outlet: str | None


def is_html(content_type: str, body: bytes) -> bool:
    """Is this an HTML page (by its declared type, or by its first bytes when none)?"""
    ct = content_type.split(";")[0].strip().lower()
    if ct:
        return ct in HTML_TYPES
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def devanagari_share(text: str) -> float:
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _DEVANAGARI.match(ch)) / len(letters)


_META_AUTHOR = re.compile(
    rb"""<meta\s[^>]*(?:name|property)\s*=\s*["'](?:author|article:author|dc\.creator)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(rb"""content\s*=\s*["']([^"']{1,200})["']""", re.IGNORECASE)


def declared_author(body: bytes) -> str | None:
    """The byline the page declares in its metadata (not a profile URL)."""
    for tag in _META_AUTHOR.finditer(body[:200_000]):
        m = _CONTENT.search(tag.group())
        if m:
            value = m.group(1).decode("utf-8", "replace").strip()
            if value and not value.lower().startswith("http"):
                return value
    return None


def read_page(body: bytes, url: str, content_type: str = "") -> Page:
    """The article of an HTML page fetched from ``url``; :class:`PageError` when the page is
    not HTML, holds no article body, or is not in Hindi."""
    import trafilatura

    if b"\x00" in body[:4096] or not is_html(content_type, body):
        kind = content_type.split(";")[0].strip() or "binary data"
        raise PageError(f"not an HTML page ({kind})")
    doc = trafilatura.bare_extraction(
        body,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # the page's declared date only: a guess from the text (a footer's "© 2025")
        # would invent a day; without one the feed item's date is used
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_BODY_CHARS:
        raise PageError("no article body found")
    title = (getattr(doc, "title", None) or "").strip() or None
    # the headline often opens the body as well: keep it once, as the title
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()
    if devanagari_share(text) < MIN_DEVANAGARI:
        raise PageError("not in Hindi (too little Devanagari text)")
    page_url = getattr(doc, "url", None) or url
    return Page(
        text=text,
        title=title,
        author=declared_author(body) or (getattr(doc, "author", None) or None),
        published=norm_date(getattr(doc, "date", None)),
        url=canonical_url(page_url),
        outlet=(getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None),
    )
