"""RSS and Atom feeds (feedparser): each item's link, title and date."""

from __future__ import annotations

from dataclasses import dataclass

from jaanch.reader import norm_date

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None
    #: the item's publication date (ISO), its update date when it has no other
    published: str | None
    #: the item's update date as the feed writes it (a change fetches the page again)
    updated: str | None


class FeedError(Exception):
    """A body that is no RSS or Atom feed."""


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """A feed by its declared type, or an XML body whose root is ``rss``, ``feed`` or
    ``rdf:RDF``."""
    ct = content_type.split(";")[0].strip().lower()
    if ct in FEED_TYPES[:3]:
        return True
    head = body[:1024].lstrip().lower()
    if ct in FEED_TYPES or not ct or head.startswith(b"<?xml"):
        return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
    return False


def parse_feed(body: bytes, url: str) -> tuple[str | None, list[FeedItem]]:
    """The feed's title and its items (those with a link), in feed order."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if parsed.get("bozo") and not parsed.get("entries"):
        raise FeedError(f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    items: list[FeedItem] = []
    for e in parsed.get("entries", []):
        link = e.get("link")
        if not link:
            continue
        # feedparser maps a missing "updated" to "published" with a warning: ask by key
        updated = e["updated"] if "updated" in e.keys() else e.get("published")  # noqa: SIM118
        items.append(
            FeedItem(
                link=str(link),
                title=e.get("title"),
                published=norm_date(e.get("published") or updated),
                updated=str(updated) if updated else None,
            )
        )
    return parsed.get("feed", {}).get("title"), items
