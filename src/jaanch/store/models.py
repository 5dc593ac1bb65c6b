"""The knowledge-base schema (SQLAlchemy 2 declarative models).

Articles are keyed by the SHA-256 of their normalised text. Each article's extraction is
kept whole (``articles.extraction``) and unpacked into rows: ``mentions`` (a person, place
or organisation as one article names it, with its evidence span and sentence), ``facts``
(crimes, actions, laws, amounts, dates, relations, case counts, districts), ``incidents``.
Resolution groups mentions into ``entities`` through ``links`` (each with the reason it
was made); ``judgements`` hold a reviewer's merges and splits by stable mention ids, so
they apply again whenever resolution is re-run. ``name_tokens`` index entity names by
Hindi and Latin keys for search.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    doc_id: Mapped[str] = mapped_column(String(512))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32), index=True)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text, nullable=True)
    origin: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON)
    pipeline: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


#: an article's identity and metadata columns: what listings, profiles and exports show
ARTICLE_META = (
    ArticleRow.id,
    ArticleRow.doc_id,
    ArticleRow.title,
    ArticleRow.published,
    ArticleRow.source,
    ArticleRow.url,
)


class Failure(Base):
    __tablename__ = "failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    doc_id: Mapped[str] = mapped_column(String(512))
    origin: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class Mention(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(255))
    lkey: Mapped[str] = mapped_column(String(255))
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    designation: Mapped[str | None] = mapped_column(String(64))
    age: Mapped[int | None] = mapped_column(Integer)
    place_kind: Mapped[str | None] = mapped_column(String(32))
    district: Mapped[str | None] = mapped_column(String(128))
    state: Mapped[str | None] = mapped_column(String(128))
    lgd_district: Mapped[int | None] = mapped_column(Integer)
    lgd_state: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    attrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_mentions_article", "article_id"),
        Index("ix_mentions_kind_key", "kind", "key"),
    )


class Fact(Base):
    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(255))
    value: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_facts_article", "article_id"),
        Index("ix_facts_kind_code", "kind", "code", "article_id"),
    )


class IncidentRow(Base):
    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String(600))
    date: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str | None] = mapped_column(String(8))
    crimes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    actions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    people: Mapped[list[Any]] = mapped_column(JSON, default=list)
    places: Mapped[list[Any]] = mapped_column(JSON, default=list)
    district: Mapped[str | None] = mapped_column(String(128))
    state: Mapped[str | None] = mapped_column(String(128))
    lgd_district: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_incidents_article", "article_id"),)


class Entity(Base):
    __tablename__ = "entities"
    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text)
    latin: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    designation: Mapped[str | None] = mapped_column(String(64))
    district: Mapped[str | None] = mapped_column(String(128))
    state: Mapped[str | None] = mapped_column(String(128))
    lgd_district: Mapped[int | None] = mapped_column(Integer)
    lgd_state: Mapped[int | None] = mapped_column(Integer)
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    pseudonym: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_entities_kind", "kind"),)


class Link(Base):
    __tablename__ = "links"
    mention_id: Mapped[int] = mapped_column(
        ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(16))
    explanation: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float, default=1.0)
    #: one row per declared comparison (``jaanch.resolve.comparisons``) for a person link
    levels: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (Index("ix_links_entity", "entity_id"),)


class NameToken(Base):
    __tablename__ = "name_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tok: Mapped[str] = mapped_column(String(128))
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))

    __table_args__ = (Index("ix_name_tokens_tok", "tok", "entity_id"),)


class Judgement(Base):
    __tablename__ = "judgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # "merge" | "split"
    mention_a: Mapped[str] = mapped_column(String(160))
    #: merge: one mention uid; split: a JSON list of the uids the mention must leave
    mention_b: Mapped[list[Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class WebResource(Base):
    """A page or feed fetched from the web: its validators for conditional requests, what
    the last fetch gave, and for a page the article it became (``jaanch.intake``)."""

    __tablename__ = "web_resources"
    #: the canonical URL (``jaanch.intake.urls.canonical_url``)
    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "feed" | "page"
    #: for a page: the feed that listed it (None for a page asked for directly)
    feed: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_fetch: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: the HTTP status of the last fetch (304 for not modified), None when none came back
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: why the last fetch or reading failed; None when it succeeded
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: the failure may pass (a timeout, a server error): the page is tried again
    retry: Mapped[bool] = mapped_column(Boolean, default=False)
    #: for a page: the content hash of the article it gave
    article_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: for a feed item: the item's own date (a changed date fetches the page again)
    item_updated: Mapped[str | None] = mapped_column(String(32), nullable=True)
    fetches: Mapped[int] = mapped_column(Integer, default=0)
    #: for a feed: articles stored from its items; for a page: 1 once stored
    articles: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_web_resources_feed", "feed"),)


class NearDuplicate(Base):
    """An article that repeats an earlier one with light edits (a syndicated copy): kept,
    linked to the original, and its incidents not counted again."""

    __tablename__ = "near_duplicates"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    duplicate_of: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    #: the estimated Jaccard similarity of the two texts' word shingles
    similarity: Mapped[float] = mapped_column(Float)

    __table_args__ = (Index("ix_near_duplicates_of", "duplicate_of"),)


class MinHashRow(Base):
    """An article's MinHash signature (``jaanch.intake.near_dup``), for finding copies."""

    __tablename__ = "minhashes"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class User(Base):
    """A reader who keeps watchlists, known by a token (only its SHA-256 is stored)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class Watchlist(Base):
    """Entities and saved searches a user follows; new matching articles are "new for
    you" until marked seen, and in the watchlist's Atom feed (``feed_key`` in its URL)."""

    __tablename__ = "watchlists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    feed_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (Index("ix_watchlists_user", "user_id"),)


class WatchItem(Base):
    __tablename__ = "watch_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # "entity" | "search"
    #: the entity id, or the saved search's query string
    value: Mapped[str] = mapped_column(Text)
    #: for an entity: one of its mention uids, to find it again after resolution re-runs
    anchor: Mapped[str | None] = mapped_column(String(160), nullable=True)
    label: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    __table_args__ = (Index("ix_watch_items_list", "watchlist_id"),)
