"""Server-rendered HTML pages (Jinja2, autoescaped): overview, search, article, entity,
review, entity lists and the API reference."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from jaanch.web import data
from jaanch.web.api import (
    Limit,
    Offset,
    SearchFilters,
    districts_data,
    dossier_accused,
    dossier_officials,
    entity_history,
    run_search,
)
from jaanch.web.settings import settings_of

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    resp: Response = templates.TemplateResponse(request, name, ctx, status_code=status)
    return resp


def link(base: str, params: dict[str, Any]) -> str:
    """``base`` with the non-empty ``params`` as a query string."""
    clean = {k: v for k, v in params.items() if v not in (None, "", [])}
    return base + ("?" + urlencode(clean, doseq=True) if clean else "")


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> Response:
    s = settings_of(request)
    ov = s.cached(
        "overview", 30.0, lambda: data.overview(s.engine, include_protected=s.include_protected)
    )
    top = max((d["incidents"] for d in ov["by_district"]), default=1)
    return render(
        request,
        "overview.html",
        {"ov": ov, "chart": data.bar_chart(ov["by_month"]), "top_district": top},
    )


def _as_query(params: dict[str, Any]) -> str:
    """The search as one query string a watchlist can keep (``q`` with inline filters)."""
    bits = [str(params.get("q") or "").strip()]
    for field in ("crime", "action", "district", "role"):
        for v in params.get(field) or []:
            bits.append(f"{field}:{v}" if " " not in v else f'{field}:"{v}"')
    for field, key in (("from", "from"), ("to", "to")):
        if params.get(field):
            bits.append(f"{key}:{params[field]}")
    return " ".join(b for b in bits if b)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    filters: Annotated[SearchFilters, Depends()],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    s = settings_of(request)
    params = filters.params()
    res = None
    if any(params.values()):
        res = run_search(s, filters.query(limit=limit, offset=offset), offset, limit)

    def add(field: str, value: str) -> str:
        p = dict(params)
        p[field] = sorted(set(p[field]) | {value})
        return link("/search", p)

    def drop(field: str, value: str) -> str:
        p = dict(params)
        p[field] = [v for v in p[field] if v != value]
        return link("/search", p)

    crimes = s.cached("codes:crime", 300.0, lambda: data.codes(s.engine, "crime"))
    actions = s.cached("codes:action", 300.0, lambda: data.codes(s.engine, "action"))
    page = {
        "prev": link("/search", {**params, "offset": max(0, offset - limit), "limit": limit})
        if offset
        else None,
        "next": link("/search", {**params, "offset": offset + limit, "limit": limit})
        if res and res["total_articles"] > offset + limit and offset + 2 * limit <= 1000
        else None,
    }
    return render(
        request,
        "search.html",
        {
            "q": filters.q,
            "params": params,
            "res": res,
            "add": add,
            "drop": drop,
            "crimes": crimes,
            "actions": actions,
            "downloads": {
                "CSV": link("/api/search.csv", params),
                "FtM": link("/api/search.ftm", params),
            },
            "follow_query": _as_query(params),
            "roles": [
                "accused",
                "victim",
                "official",
                "complainant",
                "witness",
                "relative",
                "other",
            ],
            "page": page,
            "offset": offset,
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int) -> Response:
    s = settings_of(request)
    art = data.article_view(s.engine, article_id, include_protected=s.include_protected)
    labels = {
        "crime": "Crimes",
        "action": "Police and court actions",
        "law": "Laws and sections",
        "amount": "Amounts",
        "date": "Dates",
        "case_count": "Case counts",
        "relation": "Relations",
    }
    return render(request, "article.html", {"a": art, "labels": labels})


def _dossier_page(request: Request, template: str, res: dict[str, Any], api: str) -> Response:
    """A dossier page: its rows, the filters asked (kept in the form) and its CSV link."""
    f = {k: v for k, v in request.query_params.items() if v}
    return render(request, template, {"d": res, "f": f, "csv": link(f"{api}.csv", f)})


@router.get("/dossiers/officials", response_class=HTMLResponse)
def officials_page(
    request: Request, res: Annotated[dict[str, Any], Depends(dossier_officials)]
) -> Response:
    return _dossier_page(request, "dossier_officials.html", res, "/api/dossiers/officials")


@router.get("/dossiers/accused", response_class=HTMLResponse)
def accused_page(
    request: Request, res: Annotated[dict[str, Any], Depends(dossier_accused)]
) -> Response:
    return _dossier_page(request, "dossier_accused.html", res, "/api/dossiers/accused")


@router.get("/entities/{entity_id}/history", response_class=HTMLResponse)
def history_page(
    request: Request, res: Annotated[dict[str, Any], Depends(entity_history)]
) -> Response:
    return render(request, "history.html", {"h": res})


@router.get("/districts", response_class=HTMLResponse)
def districts_page(
    request: Request, res: Annotated[dict[str, Any], Depends(districts_data)]
) -> Response:
    q = {k: v for k, v in request.query_params.items() if v}
    return render(request, "districts.html", {"m": res, "f": q})


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> Response:
    return render(request, "sources.html", {"s": data.sources(settings_of(request).engine)})


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    kind: Annotated[str | None, Query(max_length=16)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    s = settings_of(request)
    res = data.list_entities(
        s.engine,
        kind=kind,
        q=q,
        limit=limit,
        offset=offset,
        include_protected=s.include_protected,
    )
    nxt = (
        link("/entities", {"kind": kind, "q": q, "offset": offset + limit, "limit": limit})
        if res["total"] > offset + limit
        else None
    )
    prev = (
        link("/entities", {"kind": kind, "q": q, "offset": max(0, offset - limit), "limit": limit})
        if offset
        else None
    )
    return render(
        request,
        "entities.html",
        {"res": res, "kind": kind or "", "q": q or "", "next": nxt, "prev": prev},
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: Annotated[str, PathParam(max_length=64)]) -> Response:
    s = settings_of(request)
    p = data.entity_view(s.engine, entity_id, include_protected=s.include_protected)
    return render(request, "entity.html", {"p": p})


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    article: int | None = None,
    kind: Annotated[str | None, Query(max_length=16)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    s = settings_of(request)
    facts = data.review_facts(
        s.engine,
        article=article,
        kind=kind or None,
        limit=limit,
        offset=offset,
        include_protected=s.include_protected,
    )
    merges = s.cached(
        "merges",
        30.0,
        lambda: data.merge_proposals(s.engine, limit=20, include_protected=s.include_protected),
    )
    nxt = (
        link("/review", {"article": article, "kind": kind, "offset": offset + limit})
        if len(facts["facts"]) == limit
        else None
    )
    return render(
        request,
        "review.html",
        {
            "facts": facts["facts"],
            "merges": merges,
            "article": article,
            "kind": kind or "",
            "kinds": data.REVIEWABLE,
            "next": nxt,
            "writable": bool(s.token),
        },
    )


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    schema = request.app.openapi()
    routes = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            params = [
                {
                    "name": p.get("name"),
                    "in": p.get("in"),
                    "required": p.get("required", False),
                    "type": (p.get("schema") or {}).get("type")
                    or ", ".join(
                        str(x.get("type")) for x in (p.get("schema") or {}).get("anyOf", [])
                    ),
                }
                for p in op.get("parameters", [])
            ]
            body = None
            ref = (
                (op.get("requestBody") or {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
                .get("$ref")
            )
            if ref:
                body = ref.rsplit("/", 1)[-1]
            elif op.get("requestBody"):
                body = "multipart/form-data"
            routes.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": params,
                    "body": body,
                    "write": method.upper() == "POST",
                }
            )
    return render(request, "apidocs.html", {"routes": routes, "info": schema.get("info", {})})
