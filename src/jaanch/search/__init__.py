"""Search the knowledge base (names in either script, article text) and entity profiles."""

from jaanch.search.engine import ArticleHit, EntityHit, SearchResult, search
from jaanch.search.query import Query, parse_query

__all__ = ["ArticleHit", "EntityHit", "Query", "SearchResult", "parse_query", "search"]
