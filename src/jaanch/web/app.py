"""The FastAPI application: ``create_app(db_url, token=..., ...)``.

Read access is open unless ``read_token_required``; write access (review, merge, split,
ingest) always needs the token, sent as ``Authorization: Bearer <token>`` or
``X-Jaanch-Token: <token>``: no token is 401, a wrong one 403, and a server started
without a token refuses every write with 403. Every response carries a strict Content
Security Policy (scripts only from this server), so text from articles can never run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jaanch.labels import label
from jaanch.web.data import WebError
from jaanch.web.settings import TOKEN_COOKIE, Settings, token_from, token_ok

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
OPEN_PATHS = ("/static/", "/login", "/healthz")


class Guard:
    """ASGI middleware: security headers on every response; the read token when set (the
    server's token, or a watchlist user's)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def _is_user(self, token: str | None) -> bool:
        from jaanch.dossiers.watchlists import user_for

        return bool(token) and user_for(self.settings.engine, token) is not None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        # a watchlist's feed carries its own key (feed readers send no token)
        is_feed = path.startswith("/watchlists/") and path.endswith("/feed.atom")
        if self.settings.read_token_required and not path.startswith(OPEN_PATHS) and not is_feed:
            req = Request(scope)
            given = token_from(req, cookie=True)
            if not token_ok(given, self.settings.token) and not self._is_user(given):
                resp: Response
                if path.startswith("/api/") or path == "/openapi.json":
                    resp = JSONResponse(
                        {"detail": "a token is required to read this server"},
                        status_code=401,
                        headers={"WWW-Authenticate": "Bearer"},
                    )
                else:
                    nxt = quote(path + ("?" + req.url.query if req.url.query else ""))
                    resp = RedirectResponse(f"/login?next={nxt}", status_code=303)
                await self._send_with_headers(resp, scope, receive, send)
                return

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(SECURITY_HEADERS)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapped)

    async def _send_with_headers(
        self, resp: Response, scope: Scope, receive: Receive, send: Send
    ) -> None:
        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await resp(scope, receive, send_wrapped)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def labelled(kind: str, code: str | None) -> Markup:
    """A code as pages show it: its English label, its Hindi label beside it, the code
    itself in the tooltip (``lexicons/labels.tsv``)."""
    if not code:
        return Markup("")
    en, hi = label(kind, code), label(kind, code, "hi")
    extra = Markup(' <small lang="hi">{}</small>').format(hi) if hi != en else Markup("")
    return Markup('<span class="lab" title="{}">{}{}</span>').format(code, en, extra)


def create_app(
    db_url: str | None = None,
    *,
    token: str | None = None,
    read_token_required: bool = False,
    include_protected: bool = False,
) -> FastAPI:
    """The web app and JSON API over the store at ``db_url`` (see :mod:`jaanch.store.db`
    for the default). ``token`` enables writes; ``read_token_required`` makes every page
    and API call need it too; ``include_protected`` shows the real names of protected
    people (victims of sexual offences, minors) instead of pseudonyms."""
    from jaanch.store.db import open_store

    if read_token_required and not token:
        raise ValueError("read_token_required needs a token")
    engine = open_store(db_url)
    settings = Settings(db_url, token or None, read_token_required, include_protected, engine)
    app = FastAPI(
        title="Jaanch",
        summary="Evidence-linked facts from Hindi crime and police news.",
        description=(
            "Read endpoints return JSON; names of protected people are pseudonyms unless the "
            "server was started with --include-protected. Write endpoints need the server's "
            "token as `Authorization: Bearer <token>` (401 without, 403 when wrong)."
        ),
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["settings"] = settings
    templates.env.globals["asset_version"] = _version()
    templates.env.filters["label"] = lambda code, kind, lang="en": label(kind, code, lang)
    templates.env.globals["lab"] = labelled
    templates.env.globals["my_lists"] = _my_lists
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from jaanch.web.api import router as api_router
    from jaanch.web.pages import router as page_router
    from jaanch.web.watch import api as watch_api
    from jaanch.web.watch import pages as watch_pages

    app.include_router(api_router)
    app.include_router(watch_api)
    app.include_router(page_router)
    app.include_router(watch_pages)

    def error_page(request: Request, status: int, message: str) -> Response:
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message},
            status_code=status,
        )

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.message}, status_code=exc.status)
        return error_page(request, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if _wants_json(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=headers
            )
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and msg == "Not Found":
            msg = "There is no page at this address."
        return error_page(request, exc.status_code, msg)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            problems.append(f"{loc or 'request'}: {e.get('msg')}")
        message = "invalid request: " + "; ".join(problems)
        if _wants_json(request):
            detail = [
                {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                for e in exc.errors()
            ]
            return JSONResponse({"detail": detail, "error": message}, status_code=422)
        return error_page(request, 422, message)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/login", include_in_schema=False, response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/") -> Response:
        return templates.TemplateResponse(
            request, "login.html", {"next": _safe_next(next), "error": None}
        )

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form()
        given = str(form.get("token") or "")
        nxt = _safe_next(str(form.get("next") or "/"))
        from jaanch.dossiers.watchlists import user_for

        if not token_ok(given, settings.token) and user_for(settings.engine, given) is None:
            return templates.TemplateResponse(
                request,
                "login.html",
                {"next": nxt, "error": "That token is not valid."},
                status_code=403,
            )
        resp = RedirectResponse(nxt, status_code=303)
        resp.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
        return resp

    app.add_middleware(Guard, settings=settings)
    return app


def _my_lists(request: Request) -> Any:
    from jaanch.web.watch import my_lists

    return my_lists(request)


def _safe_next(nxt: str) -> str:
    """Only local paths (no ``//host`` or scheme) as a redirect target."""
    if not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
        return "/"
    return nxt


def _version() -> str:
    from jaanch import __version__

    return str(__version__)


def app_from_env() -> Any:
    """Factory for ``uvicorn --factory`` (several workers): settings from the environment
    (``JAANCH_DB``, ``JAANCH_TOKEN``, ``JAANCH_READ_TOKEN_REQUIRED``,
    ``JAANCH_INCLUDE_PROTECTED``)."""
    return create_app(
        os.environ.get("JAANCH_DB"),
        token=os.environ.get("JAANCH_TOKEN") or None,
        read_token_required=os.environ.get("JAANCH_READ_TOKEN_REQUIRED") == "1",
        include_protected=os.environ.get("JAANCH_INCLUDE_PROTECTED") == "1",
    )
