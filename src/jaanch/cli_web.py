"""``jaanch serve``: the web app and HTTP API. ``register(app)`` adds the command to the
``jaanch`` Typer app; ``python -m jaanch.cli_web`` runs it on its own."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True)

EXAMPLES = Path(__file__).parent / "examples"


def build_demo(db: str | None) -> str:
    """Ingest the bundled example articles into ``db`` (default: a temporary SQLite
    file); the store URL."""
    from jaanch.resolve import ingest_and_resolve as ingest
    from jaanch.store.db import open_store

    url = db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='jaanch-demo-')) / 'demo.db'}"
    rep = ingest(open_store(url), [str(EXAMPLES)], workers=1)
    err.print(
        f"demo store {url}: {rep.stored} articles stored, {rep.already} already there, "
        f"{rep.failed} failed"
    )
    return url


def serve_cmd(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Store URL: sqlite:///path/kb.db (default sqlite:///jaanch.db, or $JAANCH_DB) "
            "or postgresql://user:pass@host/db.",
        ),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="JAANCH_TOKEN",
            help="Token for write access (review, merge, split, ingest); without one the "
            "server refuses writes. Prefer $JAANCH_TOKEN (not visible in ps).",
        ),
    ] = None,
    read_token: Annotated[
        bool,
        typer.Option("--read-token-required", help="Require the token for reading too."),
    ] = False,
    include_protected: Annotated[
        bool,
        typer.Option(
            "--include-protected",
            help="Show the real names of protected people (victims of sexual offences, minors).",
        ),
    ] = False,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="First build a store from the bundled example articles."),
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server worker processes.")
    ] = 1,
) -> None:
    """Start the web app and JSON API (pages at /, API under /api, /openapi.json)."""
    import uvicorn

    if read_token and not token:
        err.print("[red]--read-token-required needs --token (or $JAANCH_TOKEN)[/]")
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        err.print(
            "[yellow]listening beyond this machine without a token: reads are open and "
            "writes refused[/]"
        )
    if demo:
        db = build_demo(db)
    url_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    err.print(f"[bold green]Jaanch is serving at http://{url_host}:{port}/[/]  (Ctrl-C stops)")
    if not token:
        err.print(
            "[dim]no token: read-only (start with --token or $JAANCH_TOKEN to allow review)[/]"
        )
    if workers > 1:
        if db:
            os.environ["JAANCH_DB"] = db
        if token:
            os.environ["JAANCH_TOKEN"] = token
        os.environ["JAANCH_READ_TOKEN_REQUIRED"] = "1" if read_token else "0"
        os.environ["JAANCH_INCLUDE_PROTECTED"] = "1" if include_protected else "0"
        from jaanch.store.db import open_store

        open_store(db)  # migrate once, before the workers start
        uvicorn.run(
            "jaanch.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )
        return
    from jaanch.web import create_app

    try:
        app = create_app(
            db, token=token, read_token_required=read_token, include_protected=include_protected
        )
    except Exception as e:  # noqa: BLE001 - a store that cannot be opened ends the command
        err.print(f"[red]cannot open the store[/] {db or ''}: {e}")
        raise typer.Exit(2) from e
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve_cmd)


def main() -> None:
    cli = typer.Typer(add_completion=False)
    register(cli)
    cli()


if __name__ == "__main__":
    main()
