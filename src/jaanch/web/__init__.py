"""The web app and HTTP API over the knowledge base (``jaanch serve``).

``create_app(db_url, token=..., read_token_required=..., include_protected=...)`` returns
the FastAPI application: server-rendered pages (overview, search, article, entity,
review) and a JSON API under ``/api`` described at ``/openapi.json``.
"""

from jaanch.web.app import create_app

__all__ = ["create_app"]
