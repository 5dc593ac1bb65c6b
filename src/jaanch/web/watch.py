"""Watchlists in the web app: pages (``/watchlists``, sign-in by token cookie, forms) and
their JSON twins under ``/api/watchlists`` (token in the ``Authorization`` header), and
each watchlist's Atom feed (``/watchlists/{id}/feed.atom?key=...``: the key in the URL is
what a feed reader can carry)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from jaanch.dossiers import watchlists as wl
from jaanch.store.models import User
from jaanch.web.data import WebError
from jaanch.web.settings import settings_of, token_from

api = APIRouter(prefix="/api/watchlists", tags=["watchlists"])
pages = APIRouter(include_in_schema=False)


def current_user(request: Request) -> User | None:
    s = settings_of(request)
    return wl.user_for(s.engine, token_from(request, cookie=True), admin_token=s.token)


def signed_in(request: Request) -> User:
    u = current_user(request)
    if u is None:
        raise WebError(401, "sign in with your token to keep watchlists (/login)")
    return u


def _same_origin(request: Request) -> None:
    """Forms post only from this site: the browser's ``Sec-Fetch-Site`` says so, else the
    ``Origin`` (``null`` under this site's no-referrer policy) must name this host. The
    sign-in cookie is SameSite=Strict as well."""
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site is not None:
        ok = site in ("same-origin", "none")
    else:
        ok = (
            not origin or origin == "null" or urlsplit(origin).netloc == request.headers.get("host")
        )
    if not ok:
        raise WebError(403, "cross-site form posts are refused")


def _call(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except wl.WatchError as e:
        raise WebError(e.status, str(e)) from None


UserDep = Annotated[User, Depends(signed_in)]


class NewList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)


class NewItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entity: str | None = Field(default=None, max_length=64)
    search: str | None = Field(default=None, max_length=300)


# ---------------------------------------------------------------- JSON


@api.get("", summary="Your watchlists, each with its items and the articles new for you")
def api_lists(request: Request, user: UserDep) -> list[dict[str, Any]]:
    s = settings_of(request)
    return list(_call(wl.lists_of, s.engine, user, include_protected=s.include_protected))


@api.post("", summary="Create a watchlist", status_code=201)
def api_create(request: Request, user: UserDep, body: NewList) -> dict[str, Any]:
    return dict(_call(wl.create, settings_of(request).engine, user, body.name))


@api.get("/{watchlist_id}", summary="One watchlist and its new articles")
def api_one(request: Request, user: UserDep, watchlist_id: int) -> dict[str, Any]:
    s = settings_of(request)
    return dict(_call(wl.view, s.engine, user, watchlist_id, include_protected=s.include_protected))


@api.post("/{watchlist_id}/items", summary="Follow an entity or a search", status_code=201)
def api_follow(request: Request, user: UserDep, watchlist_id: int, body: NewItem) -> dict[str, Any]:
    s = settings_of(request)
    if bool(body.entity) == bool(body.search):
        raise WebError(400, "give either an entity id or a search")
    if body.entity:
        return dict(_call(wl.follow_entity, s.engine, user, watchlist_id, body.entity))
    return dict(_call(wl.follow_search, s.engine, user, watchlist_id, body.search or ""))


@api.delete("/{watchlist_id}/items/{item_id}", summary="Stop following", status_code=204)
def api_unfollow(request: Request, user: UserDep, watchlist_id: int, item_id: int) -> Response:
    _call(wl.unfollow, settings_of(request).engine, user, watchlist_id, item_id)
    return Response(status_code=204)


@api.post("/{watchlist_id}/seen", summary="Mark everything new as seen", status_code=204)
def api_seen(request: Request, user: UserDep, watchlist_id: int) -> Response:
    _call(wl.mark_seen, settings_of(request).engine, user, watchlist_id)
    return Response(status_code=204)


# ---------------------------------------------------------------- pages


def _render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    resp: Response = request.app.state.templates.TemplateResponse(
        request, name, ctx, status_code=status
    )
    return resp


@pages.get("/watchlists", response_class=HTMLResponse)
def lists_page(request: Request) -> Response:
    user = current_user(request)
    s = settings_of(request)
    lists = wl.lists_of(s.engine, user, include_protected=s.include_protected) if user else []
    return _render(request, "watchlists.html", {"user": user, "lists": lists})


@pages.post("/watchlists")
def create_form(
    request: Request, user: UserDep, name: Annotated[str, Form(max_length=200)]
) -> Response:
    _same_origin(request)
    w = _call(wl.create, settings_of(request).engine, user, name.strip() or "Watchlist")
    return RedirectResponse(f"/watchlists/{w['id']}", status_code=303)


@pages.get("/watchlists/{watchlist_id}", response_class=HTMLResponse)
def list_page(request: Request, user: UserDep, watchlist_id: int) -> Response:
    s = settings_of(request)
    w = _call(wl.view, s.engine, user, watchlist_id, include_protected=s.include_protected)
    return _render(request, "watchlist.html", {"w": w, "user": user})


@pages.post("/watchlists/follow")
def follow_any_form(
    request: Request,
    user: UserDep,
    watchlist: Annotated[str | None, Form(max_length=20)] = None,
    new: Annotated[str | None, Form(max_length=200)] = None,
    entity: Annotated[str | None, Form(max_length=64)] = None,
    search: Annotated[str | None, Form(max_length=300)] = None,
) -> Response:
    """Follow from an entity or search page: into the chosen watchlist, or a new one."""
    _same_origin(request)
    s = settings_of(request)
    if watchlist and watchlist.isdigit():
        wid = int(watchlist)
    else:
        wid = int(_call(wl.create, s.engine, user, (new or "").strip() or "Watchlist")["id"])
    return follow_form(request, user, wid, entity=entity, search=search)


def my_lists(request: Request) -> list[dict[str, Any]] | None:
    """The signed-in user's watchlists (id and name) for the follow forms; None when no
    one is signed in."""
    user = current_user(request)
    if user is None:
        return None
    return wl.names_of(settings_of(request).engine, user)


@pages.post("/watchlists/{watchlist_id}/follow")
def follow_form(
    request: Request,
    user: UserDep,
    watchlist_id: int,
    entity: Annotated[str | None, Form(max_length=64)] = None,
    search: Annotated[str | None, Form(max_length=300)] = None,
) -> Response:
    _same_origin(request)
    s = settings_of(request)
    if entity:
        _call(wl.follow_entity, s.engine, user, watchlist_id, entity)
    elif search:
        _call(wl.follow_search, s.engine, user, watchlist_id, search)
    else:
        raise WebError(400, "give either an entity or a search to follow")
    return RedirectResponse(f"/watchlists/{watchlist_id}", status_code=303)


@pages.post("/watchlists/{watchlist_id}/seen")
def seen_form(request: Request, user: UserDep, watchlist_id: int) -> Response:
    _same_origin(request)
    _call(wl.mark_seen, settings_of(request).engine, user, watchlist_id)
    return RedirectResponse(f"/watchlists/{watchlist_id}", status_code=303)


@pages.get("/watchlists/{watchlist_id}/feed.atom")
def feed(
    request: Request, watchlist_id: int, key: Annotated[str, Query(min_length=8, max_length=64)]
) -> Response:
    s = settings_of(request)
    w = _call(
        wl.view, s.engine, None, watchlist_id, feed_key=key, include_protected=s.include_protected
    )
    return Response(
        wl.atom(w, str(request.base_url)), media_type="application/atom+xml; charset=utf-8"
    )
