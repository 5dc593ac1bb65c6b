"""The JSON API under ``/api`` (documented at ``/openapi.json`` and ``/api-docs``)."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from jaanch.web import data
from jaanch.web.settings import Settings, settings_of, token_from, token_ok

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=100, description="Page size (at most 100).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
UPLOAD_SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".html", ".htm")
MAX_UPLOAD = 20 * 1024 * 1024
MAX_SEARCH_DEPTH = 1000


def require_write(request: Request) -> str:
    """The write token check: 403 when writes are disabled or the token is wrong, 401
    when none was sent."""
    s = settings_of(request)
    if not s.token:
        raise HTTPException(
            403, "writes are disabled: start the server with --token or $JAANCH_TOKEN"
        )
    given = token_from(request, cookie=False)
    if not given:
        raise HTTPException(
            401,
            "a token is required: send Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not token_ok(given, s.token):
        raise HTTPException(403, "invalid token")
    return given


Writer = Annotated[str, Depends(require_write)]


# ---------------------------------------------------------------- read


@router.get("/status", summary="Store counts, pending resolution, failures")
def api_status(request: Request) -> dict[str, Any]:
    from jaanch.store.status import status

    st: dict[str, Any] = status(settings_of(request).engine, failures=20)
    st.pop("url", None)
    return st


_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FromParam = Annotated[str | None, Query(alias="from", max_length=10, pattern=_DATE)]
ToParam = Annotated[str | None, Query(alias="to", max_length=10, pattern=_DATE)]
Short = Annotated[str | None, Query(max_length=128)]


DossierLimit = Annotated[int, Query(ge=1, le=1000)]
#: seconds a dossier is kept (dropped on every write through this server)
DOSSIER_TTL = 30.0


def _dossier(request: Request, name: str, build: Any, **filters: Any) -> dict[str, Any]:
    """``build(engine, **filters)``, cached per filters for :data:`DOSSIER_TTL` seconds."""
    s = settings_of(request)
    key = f"dossier:{name}:" + ":".join(f"{k}={v}" for k, v in sorted(filters.items()))
    return cast(
        dict[str, Any],
        s.cached(
            key,
            DOSSIER_TTL,
            lambda: build(s.engine, include_protected=s.include_protected, **filters),
        ),
    )


def dossier_officials(
    request: Request,
    district: Short = None,
    designation: Short = None,
    since: FromParam = None,
    until: ToParam = None,
    limit: DossierLimit = 100,
) -> dict[str, Any]:
    from jaanch.dossiers.officials import officials

    return _dossier(
        request, "officials", officials, district=district, designation=designation,
        since=since, until=until, limit=limit,
    )  # fmt: skip


def dossier_accused(
    request: Request,
    district: Short = None,
    crime: Short = None,
    since: FromParam = None,
    until: ToParam = None,
    limit: DossierLimit = 100,
) -> dict[str, Any]:
    from jaanch.dossiers.accused import accused

    return _dossier(
        request, "accused", accused, district=district, crime=crime, since=since, until=until,
        limit=limit,
    )  # fmt: skip


@router.get("/dossiers/officials", summary="Officials ranked by misconduct-related incidents")
def api_dossier_officials(
    res: Annotated[dict[str, Any], Depends(dossier_officials)],
) -> dict[str, Any]:
    return res


@router.get("/dossiers/accused", summary="Accused ranked by stated case counts and incidents")
def api_dossier_accused(res: Annotated[dict[str, Any], Depends(dossier_accused)]) -> dict[str, Any]:
    return res


def csv_response(body: str, name: str) -> Response:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/dossiers/officials.csv", summary="The officials dossier as CSV")
def api_dossier_officials_csv(
    res: Annotated[dict[str, Any], Depends(dossier_officials)],
) -> Response:
    from jaanch.dossiers.tables import officials_csv

    return csv_response(officials_csv(res["officials"]), "officials")


@router.get("/dossiers/accused.csv", summary="The accused dossier as CSV")
def api_dossier_accused_csv(res: Annotated[dict[str, Any], Depends(dossier_accused)]) -> Response:
    from jaanch.dossiers.tables import accused_csv

    return csv_response(accused_csv(res["accused"]), "accused")


def entity_history(
    request: Request, entity_id: Annotated[str, PathParam(max_length=64)]
) -> dict[str, Any]:
    from jaanch.dossiers.history import NotFound, history

    s = settings_of(request)
    try:
        return history(s.engine, entity_id, include_protected=s.include_protected)
    except NotFound:
        raise data.WebError(404, f"no entity with id {entity_id}") from None


@router.get(
    "/entities/{entity_id}/history", summary="A person's cases across articles, step by step"
)
def api_entity_history(res: Annotated[dict[str, Any], Depends(entity_history)]) -> dict[str, Any]:
    return res


def districts_data(
    request: Request, crime: Short = None, since: FromParam = None, until: ToParam = None
) -> dict[str, Any]:
    from jaanch.dossiers.districts import district_map

    s = settings_of(request)
    return s.cached(
        f"districts:{crime}:{since}:{until}",
        30.0,
        lambda: district_map(s.engine, crime=crime, since=since, until=until),
    )


@router.get("/districts", summary="Incidents by district (map points) with crime mix by year")
def api_districts(res: Annotated[dict[str, Any], Depends(districts_data)]) -> dict[str, Any]:
    return {k: v for k, v in res.items() if k != "backdrop"}


@router.get("/sources", summary="Web intake: feeds with last fetch, articles taken, errors")
def api_sources(request: Request) -> dict[str, Any]:
    return data.sources(settings_of(request).engine)


@router.get("/stats", summary="Overview: counts, incidents by month and district, crimes")
def api_stats(request: Request) -> dict[str, Any]:
    s = settings_of(request)
    out: dict[str, Any] = s.cached(
        "overview", 30.0, lambda: data.overview(s.engine, include_protected=s.include_protected)
    )
    return out


class SearchFilters:
    """The search form's fields, read from the query string by both ``/api/search`` and
    the ``/search`` page (one definition: same names, limits and aliases)."""

    def __init__(
        self,
        q: Annotated[
            str, Query(max_length=500, description="Words and filters (crime:murder)")
        ] = "",
        crime: Annotated[list[str] | None, Query(max_length=10)] = None,
        action: Annotated[list[str] | None, Query(max_length=10)] = None,
        district: Annotated[list[str] | None, Query(max_length=10)] = None,
        role: Annotated[list[str] | None, Query(max_length=10)] = None,
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    ) -> None:
        self.q = q
        # an empty form field ("crime=") is no filter
        self.crime, self.action, self.district, self.role = (
            [v for v in (x or []) if v.strip()] or None for x in (crime, action, district, role)
        )
        self.date_from = date_from or None
        self.date_to = date_to or None

    def params(self) -> dict[str, Any]:
        """The fields as query-string parameters (for links that keep the search)."""
        return {
            "q": self.q,
            "crime": self.crime or [],
            "action": self.action or [],
            "district": self.district or [],
            "role": self.role or [],
            "from": self.date_from or "",
            "to": self.date_to or "",
        }

    def query(self, *, kind: list[str] | None = None, limit: int = 20, offset: int = 0) -> Any:
        """A checked :class:`jaanch.search.Query` (400 on bad dates or too deep pages)."""
        from jaanch.search import parse_query

        q = "".join(ch for ch in self.q if ch.isprintable() or ch in " \t")
        if offset + limit > MAX_SEARCH_DEPTH:
            raise data.WebError(400, f"offset + limit may be at most {MAX_SEARCH_DEPTH}")
        for name, v in (("from", self.date_from), ("to", self.date_to)):
            if v and not data.DATE_RE.match(v.strip()):
                raise data.WebError(400, f"bad {name} date {v!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        query = parse_query(
            q,
            crimes=self.crime,
            actions=self.action,
            districts=self.district,
            roles=self.role,
            kinds=kind,
            date_from=self.date_from,
            date_to=self.date_to,
            limit=offset + limit,
        )
        for name, v in (("from", query.date_from), ("to", query.date_to)):
            if v and not data.DATE_RE.match(v):
                raise data.WebError(400, f"bad {name} date {v!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        for k in query.kinds:
            if k.lower() not in ("person", "place", "loc", "org"):
                raise data.WebError(400, f"unknown kind {k!r}: one of person, place, org")
        return query


#: seconds a search result is reused; JAANCH_SEARCH_TTL=0 turns the cache off
SEARCH_TTL = float(os.environ.get("JAANCH_SEARCH_TTL", "30"))


def run_search(
    s: Settings, query: Any, offset: int, limit: int, with_facets: bool = True
) -> dict[str, Any]:
    """Search results with display titles and facets. The same query is asked again and
    again (facet clicks, pages, popular names), so results are cached for SEARCH_TTL
    seconds per server process and dropped on every write through this server."""
    key = f"search:{query!r}:{offset}:{limit}:{with_facets}:{s.include_protected}"
    return cast(
        dict[str, Any],
        s.cached(key, SEARCH_TTL, lambda: _run_search(s, query, offset, limit, with_facets)),
    )


def _run_search(
    s: Settings, query: Any, offset: int, limit: int, with_facets: bool
) -> dict[str, Any]:
    from jaanch.search import search

    res = search(s.engine, query, include_protected=s.include_protected)
    out = res.to_dict()
    ids = [a["id"] for a in out["articles"]]
    out["articles"] = out["articles"][offset : offset + limit]
    data.add_display_titles(s.engine, out["articles"], include_protected=s.include_protected)
    out["offset"], out["limit"] = offset, limit
    if with_facets:
        out["facets"] = {k: [[c, n] for c, n in v] for k, v in data.facets(s.engine, ids).items()}
        roles: dict[str, int] = {}
        for e in out["entities"]:
            for r, n in (e.get("roles") or {}).items():
                roles[r] = roles.get(r, 0) + n
        out["facets"]["role"] = [
            [r, n] for r, n in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    return out


@router.get("/search", summary="Search names (either script) and article text, with filters")
def api_search(
    request: Request,
    filters: Annotated[SearchFilters, Depends()],
    kind: Annotated[list[str] | None, Query(max_length=3)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
    facets: bool = True,
) -> dict[str, Any]:
    s = settings_of(request)
    query = filters.query(kind=kind, limit=limit, offset=offset)
    return run_search(s, query, offset, limit, with_facets=facets)


@router.get("/search.csv", summary="Every article a search finds, one CSV row per hit")
def api_search_csv(request: Request, filters: Annotated[SearchFilters, Depends()]) -> Response:
    from jaanch.search import search

    s = settings_of(request)
    res = search(s.engine, filters.query(limit=1000), include_protected=s.include_protected)
    hits = res.to_dict()["articles"]
    return csv_response(
        data.search_csv(s.engine, hits, include_protected=s.include_protected), "search"
    )


@router.get("/search.ftm", summary="A search's articles and what they name, as FtM entities")
def api_search_ftm(request: Request, filters: Annotated[SearchFilters, Depends()]) -> Response:
    from jaanch.export import export
    from jaanch.search import search

    s = settings_of(request)
    res = search(s.engine, filters.query(limit=1000), include_protected=s.include_protected)
    buf = io.StringIO()
    export(
        s.engine,
        "ftm",
        buf,
        include_protected=s.include_protected,
        article_ids=[a.id for a in res.articles],
    )
    return Response(
        buf.getvalue(),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="search.ftm.json"'},
    )


@router.get("/articles", summary="Articles, newest first")
def api_articles(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    s = settings_of(request)
    return data.list_articles(
        s.engine, limit=limit, offset=offset, include_protected=s.include_protected
    )


@router.get("/articles/{article_id}", summary="One article: highlighted text, facts, incidents")
def api_article(request: Request, article_id: int) -> dict[str, Any]:
    s = settings_of(request)
    return data.article_view(s.engine, article_id, include_protected=s.include_protected)


@router.get("/articles/{article_id}/extraction", summary="The stored extraction record")
def api_extraction(request: Request, article_id: int) -> dict[str, Any]:
    s = settings_of(request)
    return data.article_extraction(s.engine, article_id, include_protected=s.include_protected)


@router.get("/entities", summary="People, places and organisations, most reported first")
def api_entities(
    request: Request,
    kind: Annotated[str | None, Query(max_length=16)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    s = settings_of(request)
    return data.list_entities(
        s.engine,
        kind=kind,
        q=q,
        limit=limit,
        offset=offset,
        include_protected=s.include_protected,
    )


@router.get("/entities/{entity_id}", summary="An entity's profile")
def api_entity(
    request: Request, entity_id: Annotated[str, PathParam(max_length=64)]
) -> dict[str, Any]:
    s = settings_of(request)
    return data.entity_view(s.engine, entity_id, include_protected=s.include_protected)


@router.get("/graph", summary="Network neighbourhood of an entity or incident (I<id>)")
def api_graph(
    request: Request,
    node: Annotated[str, Query(min_length=2, max_length=64)],
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
) -> dict[str, Any]:
    s = settings_of(request)
    return data.graph(s.engine, node, include_protected=s.include_protected, limit=limit)


@router.get("/incidents", summary="Incidents, newest first, by district or crime")
def api_incidents(
    request: Request,
    district: Annotated[str | None, Query(max_length=128)] = None,
    crime: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    s = settings_of(request)
    return data.list_incidents(
        s.engine,
        district=district,
        crime=crime,
        limit=limit,
        offset=offset,
        include_protected=s.include_protected,
    )


@router.get("/incidents/{incident_id}", summary="One incident")
def api_incident(request: Request, incident_id: int) -> dict[str, Any]:
    s = settings_of(request)
    return data.get_incident(s.engine, incident_id, include_protected=s.include_protected)


MEDIA = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "ftm": ("application/x-ndjson", "ftm.json"),
    "gexf": ("application/xml", "gexf"),
}


@router.get("/export/{fmt}", summary="The whole store as jsonl, csv, ftm or gexf")
def api_export(request: Request, fmt: str) -> Response:
    from jaanch.export import export

    if fmt not in MEDIA:
        raise data.WebError(404, f"unknown export format {fmt!r}: one of {', '.join(MEDIA)}")
    s = settings_of(request)
    buf = io.StringIO()
    export(s.engine, fmt, buf, include_protected=s.include_protected)
    media, ext = MEDIA[fmt]
    return Response(
        buf.getvalue(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="jaanch.{ext}"'},
    )


@router.get("/review/facts", summary="Facts to review, with their current verdicts")
def api_review_facts(
    request: Request,
    article: int | None = None,
    kind: Annotated[str | None, Query(max_length=16)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    s = settings_of(request)
    return data.review_facts(
        s.engine,
        article=article,
        kind=kind,
        limit=limit,
        offset=offset,
        include_protected=s.include_protected,
    )


@router.get("/review/merges", summary="Proposed merges: same-name people kept apart")
def api_review_merges(request: Request, limit: Limit = 20) -> dict[str, Any]:
    s = settings_of(request)
    return {
        "proposals": data.merge_proposals(
            s.engine, limit=limit, include_protected=s.include_protected
        )
    }


@router.get("/judgements", summary="Reviewer judgements, newest first")
def api_judgements(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return data.list_judgements(settings_of(request).engine, limit=limit, offset=offset)


# ---------------------------------------------------------------- write


class JudgementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target: Literal["fact", "merge"] = Field(description="What is judged.")
    verdict: Literal["accept", "reject"]
    fact: str | None = Field(None, max_length=64, description="Fact uid or numeric id.")
    a: str | None = Field(None, max_length=64, description="Entity id (merge).")
    b: str | None = Field(None, max_length=64, description="Entity id (merge).")
    note: str | None = Field(None, max_length=2000)
    reviewer: str | None = Field(None, max_length=128)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: str = Field(max_length=64)
    b: str = Field(max_length=64)
    note: str | None = Field(None, max_length=2000)
    reviewer: str | None = Field(None, max_length=128)


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entity: str = Field(max_length=64)
    mention: str = Field(max_length=160, description="Mention id or uid.")
    note: str | None = Field(None, max_length=2000)
    reviewer: str | None = Field(None, max_length=128)


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, max_length=512)
    text: str = Field(min_length=1, max_length=500_000)
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40)
    source: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


def _merge(s: Settings, a: str, b: str, note: str | None, reviewer: str | None) -> str:
    from jaanch.resolve.resolver import ResolveError, merge

    try:
        with s.lock:
            eid = merge(s.engine, a, b, note=note, reviewer=reviewer or "web")
    except ResolveError as e:
        raise data.WebError(404 if "no entity" in str(e) else 400, str(e)) from e
    s.changed()
    return eid


@router.post("/judgements", summary="Accept or reject a fact or a proposed merge (token)")
def api_judge(request: Request, body: JudgementIn, _t: Writer) -> dict[str, Any]:
    s = settings_of(request)
    reviewer = body.reviewer or "web"
    if body.target == "fact":
        if not body.fact:
            raise data.WebError(400, "a fact judgement needs 'fact' (its uid or id)")
        with s.lock:
            out = data.record_fact_judgement(s.engine, body.fact, body.verdict, body.note, reviewer)
        s.changed()
        return out
    if not body.a or not body.b:
        raise data.WebError(400, "a merge judgement needs entity ids 'a' and 'b'")
    if body.verdict == "accept":
        eid = _merge(s, body.a, body.b, body.note, reviewer)
        return {"verdict": "accept", "a": body.a, "b": body.b, "entity": eid}
    with s.lock:
        res = data.reject_merge(s.engine, body.a, body.b, body.note, reviewer)
    s.changed()
    return res


@router.post("/merge", summary="Merge two entities (token)")
def api_merge(request: Request, body: MergeIn, _t: Writer) -> dict[str, Any]:
    eid = _merge(settings_of(request), body.a, body.b, body.note, body.reviewer)
    return {"entity": eid}


@router.post("/split", summary="Take a mention out of an entity (token)")
def api_split(request: Request, body: SplitIn, _t: Writer) -> dict[str, Any]:
    from jaanch.resolve.resolver import ResolveError, split

    s = settings_of(request)
    try:
        with s.lock:
            eid = split(
                s.engine, body.entity, body.mention, note=body.note, reviewer=body.reviewer or "web"
            )
    except ResolveError as e:
        raise data.WebError(404 if "no entity" in str(e) else 400, str(e)) from e
    s.changed()
    return {"entity": eid}


@router.post("/ingest", summary="Extract and store articles given as JSON (token)")
def api_ingest(request: Request, body: IngestIn, _t: Writer) -> dict[str, Any]:
    from jaanch.reader import ReadError, from_object
    from jaanch.resolve import ingest_and_resolve as ingest

    items: list[Any] = []
    for n, art in enumerate(body.articles, 1):
        obj = art.model_dump()
        for item in from_object(obj, obj.get("id") or f"api-{n}", "api"):
            items.append((item, f"api:{getattr(item, 'id', n)}"))
    s = settings_of(request)
    with s.lock:
        rep = ingest(s.engine, [], workers=1, items=items)
    s.changed()
    out: dict[str, Any] = rep.to_dict()
    out["read_errors"] = [i.error for i, _o in items if isinstance(i, ReadError)]
    return out


@router.post("/ingest/upload", summary="Extract and store uploaded files (token)")
async def api_upload(
    request: Request, files: Annotated[list[UploadFile], File()], _t: Writer
) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    from jaanch.resolve import ingest_and_resolve as ingest

    if not files or len(files) > 20:
        raise data.WebError(400, "send 1 to 20 files")
    s = settings_of(request)
    with tempfile.TemporaryDirectory(prefix="jaanch-upload-") as td:
        for n, f in enumerate(files):
            name = Path(f.filename or f"upload-{n}.txt").name
            if not name.lower().endswith(UPLOAD_SUFFIXES):
                raise data.WebError(
                    415, f"{name}: unsupported file type (one of {', '.join(UPLOAD_SUFFIXES)})"
                )
            blob = await f.read(MAX_UPLOAD + 1)
            if len(blob) > MAX_UPLOAD:
                raise data.WebError(413, f"{name}: larger than {MAX_UPLOAD // (1024 * 1024)} MiB")
            safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
            (Path(td) / f"{n:02d}-{safe}").write_bytes(blob)

        def run() -> Any:
            with s.lock:
                return ingest(s.engine, [td], workers=1)

        rep = await run_in_threadpool(run)
    s.changed()
    out: dict[str, Any] = rep.to_dict()
    for f2 in out.get("failures", []):
        f2["origin"] = Path(str(f2.get("origin", ""))).name
    return out
