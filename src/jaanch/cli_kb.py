"""Knowledge-base commands: ``ingest``, ``watch``, ``status``, ``search``, ``show``, ``merge``,
``split``, ``export``. ``register(app)`` adds them to the ``jaanch`` Typer app; every
command takes ``--db`` (else ``$JAANCH_DB``, else ``sqlite:///jaanch.db``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from jaanch.reader import FORMAT_HELP

err = Console(stderr=True)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store URL: sqlite:///path/kb.db (default sqlite:///jaanch.db, or $JAANCH_DB) "
        "or postgresql://user:pass@host/db.",
    ),
]
#: ``--format`` of the commands that read articles (``jaanch.reader.FORMATS``)
FormatOpt = Annotated[str, typer.Option("--format", help=FORMAT_HELP)]
RateOpt = Annotated[
    float,
    typer.Option("--rate", help="Seconds between two requests to one web host (default 1)."),
]
ProtOpt = Annotated[
    bool,
    typer.Option(
        "--include-protected",
        help="Show the names of protected people (victims of sexual offences, minors).",
    ),
]


def _engine(db: str | None) -> Any:
    from jaanch.store.db import open_store

    try:
        return open_store(db)
    except Exception as e:  # noqa: BLE001 - a store that cannot be opened ends the command
        err.print(f"[red]cannot open the store[/] {db or ''}: {e}")
        raise typer.Exit(2) from e


def ingest_cmd(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt, .jsonl, .json, .csv, .html), folders, - for stdin, http(s) "
            "URLs of article pages and RSS/Atom feeds (a feed's items are fetched and ingested), "
            "or output folders of jaanch batch (stored without extracting again)."
        ),
    ] = None,
    urls: Annotated[
        Path | None,
        typer.Option("--urls", help="A file of page or feed URLs, one per line (# comments)."),
    ] = None,
    db: DbOpt = None,
    workers: Annotated[
        int | None, typer.Option("-j", "--workers", help="Worker processes (default: all cores).")
    ] = None,
    reprocess: Annotated[
        bool,
        typer.Option(
            "--reprocess", help="Re-extract stored articles made by another extractor version."
        ),
    ] = False,
    reprocess_all: Annotated[
        bool, typer.Option("--reprocess-all", help="Re-extract every stored article.")
    ] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the run's report as JSON.")
    ] = False,
    fmt: FormatOpt = "auto",
    rate: RateOpt = 1.0,
) -> None:
    """Extract and store articles; already-stored texts are skipped (content hash).

    Reads files, folders, pipes and - (stdin) alike, and fetches web pages and feeds
    politely (robots.txt, one request per host per --rate seconds, conditional requests:
    a re-run fetches nothing unchanged)."""
    from jaanch.intake.urls import is_web_url
    from jaanch.reader import FORMATS
    from jaanch.resolve import resolve_if_pending
    from jaanch.store.ingest import ingest

    if fmt not in FORMATS:
        err.print(f"[red]unknown --format {fmt!r}[/]: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    from jaanch.batch.output import is_batch_dir

    web = [p for p in paths or [] if is_web_url(p)]
    batches = [p for p in paths or [] if not is_web_url(p) and is_batch_dir(p)]
    files = [p for p in paths or [] if not is_web_url(p) and p not in batches]
    if urls is not None:
        from jaanch.intake.web import read_url_list

        try:
            web += read_url_list(str(urls))
        except OSError as e:
            err.print(f"[red]cannot read --urls {urls}[/]: {e}")
            raise typer.Exit(2) from e
    if not web and not files and not batches and not (reprocess or reprocess_all):
        err.print("[red]nothing to ingest[/]: give files, folders, - (stdin), URLs or --urls FILE")
        raise typer.Exit(2)
    engine = _engine(db)
    progress = not no_progress and sys.stderr.isatty()
    reports: list[Any] = []
    batch_reps: list[Any] = []
    web_rep = file_rep = None
    if web:
        from jaanch.intake.fetch import Fetcher, Limits
        from jaanch.intake.web import ingest_web

        with Fetcher(Limits(per_host_interval=rate)) as fetcher:
            web_rep = ingest_web(engine, web, fetcher=fetcher, workers=workers, progress=progress)
        reports.append(web_rep.ingest)
    for b in batches:
        from jaanch.batch import output
        from jaanch.store.ingest import ingest_extracted

        man = output.Manifest.read(Path(b))
        batch_reps.append(
            ingest_extracted(
                engine,
                output.iter_pairs(b),
                tag=man.tag if man else "",
                errors=output.iter_errors(b),
            )
        )
    reports += batch_reps
    if files or reprocess or reprocess_all:
        file_rep = ingest(
            engine,
            files,
            fmt=fmt,
            workers=workers,
            reprocess=reprocess,
            reprocess_all=reprocess_all,
            progress=progress,
        )
        reports.append(file_rep)
    resolve_if_pending(engine)
    if as_json:
        out: dict[str, Any] = {"files": file_rep.to_dict()} if file_rep is not None else {}
        if batch_reps:
            out["batches"] = [r.to_dict() for r in batch_reps]
        if web_rep is not None:
            out["web"] = web_rep.to_dict()
        if len(out) == 1:
            out = next(iter(out.values()))
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1, default=str))
        return
    if web_rep is not None:
        err.print(
            f"web: {web_rep.urls} URLs ({web_rep.feeds} feeds), {web_rep.pages} pages fetched, "
            f"{web_rep.unchanged + web_rep.skipped_known} unchanged, {web_rep.same_url} "
            f"already stored at another URL, {web_rep.near_duplicates} near-duplicates linked, "
            f"{web_rep.requests} requests"
        )
    for rep in reports:
        for f in rep.failures[:50]:
            err.print(f"[yellow]failed[/] {f['origin']}: {f['reason']}")
        err.print(
            f"{rep.documents} documents: {rep.stored} stored, {rep.already} already stored, "
            f"{rep.reprocessed} re-extracted, {rep.failed} failed; "
            f"{rep.rate:.1f} articles/s with {rep.workers} worker(s), {rep.seconds:.1f} s"
        )


def batch_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="JSONL or Parquet (a text column) files, folders of .txt/.jsonl/.json/.html/"
            ".csv/.parquet, or - for stdin."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="The output folder (created; re-runs add to it).")
    ],
    workers: Annotated[
        int | None, typer.Option("-j", "--workers", help="Worker processes (default: all cores).")
    ] = None,
    chunk: Annotated[
        int, typer.Option("--chunk", min=1, max=10000, help="Articles per part file.")
    ] = 64,
    engine: Annotated[
        str,
        typer.Option("--engine", help="local (a process pool) or spark (Apache Spark)."),
    ] = "local",
    master: Annotated[
        str | None,
        typer.Option(
            "--master", help="Spark master URL with --engine spark (default local[WORKERS])."
        ),
    ] = None,
    out_fmt: Annotated[
        str, typer.Option("--format", help="Output parts as jsonl (default) or parquet.")
    ] = "jsonl",
    fmt: Annotated[str, typer.Option("--input-format", help=FORMAT_HELP)] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Extract many articles at once into an output folder, without a store.

    records/ holds one line per article, exactly the line jaanch extract gives; articles/
    their text and metadata; errors/ one line per failed document. A re-run skips what the
    folder holds (content hash). jaanch ingest OUT loads it without extracting again."""
    from jaanch.batch.local import run_batch
    from jaanch.reader import FORMATS
    from jaanch.store.sources import iter_sources

    if fmt not in FORMATS:
        err.print(f"[red]unknown --input-format {fmt!r}[/]: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)

    def tick(r: Any) -> None:
        if sys.stderr.isatty() and not as_json:
            err.print(
                f"{r.extracted} extracted, {r.failed} failed, {r.rate:.1f} articles/s", end="\r"
            )

    from jaanch.batch.local import ENGINES
    from jaanch.batch.output import FORMATS as OUT_FORMATS

    if engine not in ENGINES:
        err.print(f"[red]unknown --engine {engine!r}[/]: use one of {', '.join(ENGINES)}")
        raise typer.Exit(2)
    if out_fmt not in OUT_FORMATS:
        err.print(f"[red]unknown --format {out_fmt!r}[/]: use one of {', '.join(OUT_FORMATS)}")
        raise typer.Exit(2)
    rep = run_batch(
        iter_sources(paths, fmt),
        out,
        workers=workers,
        chunk=chunk,
        engine=engine,
        master=master,
        fmt=out_fmt,
        progress=tick,
    )
    if as_json:
        typer.echo(json.dumps(rep.to_dict(), ensure_ascii=False, indent=1))
        return
    for f in rep.failures[:50]:
        err.print(f"[yellow]failed[/] {f['origin']}: {f['reason']}")
    err.print(
        f"{rep.documents} documents: {rep.extracted} extracted, {rep.skipped} already in {out}, "
        f"{rep.failed} failed; {rep.parts} part(s), {rep.rate:.1f} articles/s with "
        f"{rep.workers} worker(s), {rep.seconds:.1f} s"
    )


def watch_cmd(
    feeds: Annotated[Path, typer.Argument(help="A file of feed (or page) URLs, one per line.")],
    every: Annotated[
        str, typer.Option("--every", help="Time between rounds: 90s, 15m, 2h.")
    ] = "15m",
    rounds: Annotated[
        int | None, typer.Option("--rounds", help="Stop after this many rounds (default: never).")
    ] = None,
    db: DbOpt = None,
    rate: RateOpt = 1.0,
) -> None:
    """Poll feeds: ingest what is new every --every, resolve, print a line per round.

    A failed fetch is logged and tried again next round. Ctrl-C or SIGTERM stops it after
    the URL in flight; what was fetched is stored first."""
    from jaanch.intake.fetch import Limits
    from jaanch.intake.watch import parse_duration, watch
    from jaanch.resolve import resolve_if_pending

    try:
        seconds = parse_duration(every)
    except ValueError as e:
        err.print(f"[red]{e}[/]")
        raise typer.Exit(2) from e
    engine = _engine(db)
    watch(
        engine,
        str(feeds),
        every=seconds,
        rounds=rounds,
        limits=Limits(per_host_interval=rate),
        after=lambda: resolve_if_pending(engine),
        say=lambda m: err.print(m, markup=False, highlight=False),
    )


def status_cmd(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as a JSON object.")] = False,
    limit: Annotated[int, typer.Option("--failures", help="How many failures to list.")] = 50,
) -> None:
    """Counts (articles, failures, mentions, entities, judgements) and the failures."""
    from jaanch.store.status import status

    st = status(_engine(db), failures=limit)
    if as_json:
        typer.echo(json.dumps(st, ensure_ascii=False, indent=1))
        return
    c = Console()
    c.print(
        f"[bold]{st['articles']}[/] articles · [bold]{st['failed']}[/] failed · "
        f"{st['mentions']} mentions · [bold]{st['entities']}[/] entities "
        f"({', '.join(f'{k.lower()} {v}' for k, v in st['entities_by_kind'].items())}) · "
        f"{st['incidents']} incidents · {st['judgements']} judgements"
    )
    if not st["resolved"]:
        c.print("[yellow]resolution pending: run ingest again to finish it[/]")
    if st["stale_articles"]:
        c.print(
            f"[yellow]{st['stale_articles']} articles from an older extractor (ingest --reprocess)[/]"
        )
    if st["failures"]:
        t = Table(title="Failures")
        for col in ("document", "stage", "reason"):
            t.add_column(col, overflow="fold")
        for f in st["failures"]:
            t.add_row(f["origin"], f["stage"], f["reason"])
        c.print(t)


def search_cmd(
    query: Annotated[
        str, typer.Argument(help="Words (Hindi or Latin) and filters such as crime:rape.")
    ] = "",
    db: DbOpt = None,
    crime: Annotated[list[str] | None, typer.Option("--crime", help="Crime type code.")] = None,
    action: Annotated[list[str] | None, typer.Option("--action", help="Action code.")] = None,
    district: Annotated[
        list[str] | None, typer.Option("--district", help="District (either script).")
    ] = None,
    role: Annotated[
        list[str] | None, typer.Option("--role", help="Role of the matched person.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="From date (YYYY[-MM[-DD]]).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="To date (YYYY[-MM[-DD]]).")] = None,
    limit: Annotated[int, typer.Option("-n", "--limit", help="Articles to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    include_protected: ProtOpt = False,
) -> None:
    """Search entity names and article text (Hindi spelling variants, Latin spellings)."""
    from jaanch.search import parse_query, search

    q = parse_query(
        query,
        crimes=crime,
        actions=action,
        districts=district,
        roles=role,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
    )
    res = search(_engine(db), q, include_protected=include_protected)
    if as_json:
        typer.echo(json.dumps(res.to_dict(), ensure_ascii=False, indent=1))
        return
    c = Console()
    for e in res.entities:
        roles = ", ".join(f"{r}×{n}" for r, n in e.roles.items())
        extra = f" aka {', '.join(e.aliases[:4])}" if e.aliases else ""
        c.print(
            f"[bold]{e.name}[/] [dim]{e.id}[/] {e.kind.lower()}{extra} · {e.district or '-'} · "
            f"{e.n_articles} article(s){' · ' + roles if roles else ''}"
        )
    for a in res.articles:
        c.print(f"[cyan]{a.doc_id}[/] {a.published or ''} {a.title or ''}")
        if a.snippet:
            c.print(f"   {a.snippet[:300]}")
    if not res.entities and not res.articles:
        c.print("no matches")
    err.print(
        f"[dim]{len(res.entities)} entities, {len(res.articles)} articles, {res.took_ms:.1f} ms[/]"
    )


def show_cmd(
    entity: Annotated[str, typer.Argument(help="An entity id or a name (either script).")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    include_protected: ProtOpt = False,
) -> None:
    """Print an entity's profile: names, roles per incident, cases, places, co-accused,
    relatives, a dated timeline and the evidence sentence for each fact."""
    from jaanch.search.profile import find_entities, profile, render_profile

    engine = _engine(db)
    ids = find_entities(engine, entity)
    if not ids:
        err.print(f"[red]no entity matches[/] {entity}")
        raise typer.Exit(1)
    p = profile(engine, ids[0], include_protected=include_protected)
    if as_json:
        typer.echo(json.dumps(p, ensure_ascii=False, indent=1))
    else:
        render_profile(p, Console())
    if len(ids) > 1:
        err.print(f"[dim]{len(ids) - 1} other matching entities: {', '.join(ids[1:8])}[/]")


NoteOpt = Annotated[str | None, typer.Option("--note", help="Why (kept with the judgement).")]


def _judge(action: Callable[..., str], db: str | None, *args: str, note: str | None) -> None:
    """Record a merge or split judgement; print the resulting entity id or the refusal."""
    from jaanch.resolve.resolver import ResolveError

    try:
        eid = action(_engine(db), *args, note=note)
    except ResolveError as e:
        err.print(f"[red]{e}[/]")
        raise typer.Exit(1) from e
    typer.echo(eid)


def merge_cmd(
    a: Annotated[str, typer.Argument(help="Entity id.")],
    b: Annotated[str, typer.Argument(help="Entity id to merge into A.")],
    db: DbOpt = None,
    note: NoteOpt = None,
) -> None:
    """Record that two entities are one person/place/organisation (survives re-runs)."""
    from jaanch.resolve.resolver import merge

    _judge(merge, db, a, b, note=note)


def split_cmd(
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    mention: Annotated[str, typer.Argument(help="Mention id (as `show` lists it) or uid.")],
    db: DbOpt = None,
    note: NoteOpt = None,
) -> None:
    """Take a mention out of an entity and keep it out (survives re-runs)."""
    from jaanch.resolve.resolver import split

    _judge(split, db, entity, mention, note=note)


def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, ftm or gexf.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout).")
    ] = None,
    db: DbOpt = None,
    include_protected: ProtOpt = False,
) -> None:
    """Export the store: jsonl (records), csv (one row per incident), ftm (FollowTheMoney,
    validated), gexf (graph for Gephi)."""
    from jaanch.export import FORMATS, export, validate_ftm

    if fmt not in FORMATS:
        err.print(f"[red]unknown format[/] {fmt}; one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    engine = _engine(db)
    if fmt == "ftm":
        import io

        buf = io.StringIO()
        n = export(engine, fmt, buf, include_protected=include_protected)
        errors = validate_ftm(json.loads(ln) for ln in buf.getvalue().splitlines())
        if errors:
            for e in errors[:20]:
                err.print(f"[red]invalid[/] {e}")
            raise typer.Exit(1)
        data = buf.getvalue()
        if output:
            output.write_text(data, encoding="utf-8")
        else:
            sys.stdout.write(data)
    elif output:
        with output.open("w", encoding="utf-8", newline="") as fh:
            n = export(engine, fmt, fh, include_protected=include_protected)
    else:
        n = export(engine, fmt, sys.stdout, include_protected=include_protected)
    err.print(f"{n} {fmt} records" + (f" -> {output}" if output else ""))


users_app = typer.Typer(help="Readers who keep watchlists in the web app (jaanch serve).")


@users_app.command("add")
def user_add_cmd(
    name: Annotated[str, typer.Argument(help="The reader's name (unique).")],
    db: DbOpt = None,
) -> None:
    """Add a reader; prints their token once (only its hash is stored). They sign in with it
    at /login and keep watchlists under /watchlists."""
    from jaanch.dossiers.watchlists import WatchError, add_user

    try:
        token = add_user(_engine(db), name)
    except WatchError as e:
        err.print(f"[red]{e}[/]")
        raise typer.Exit(1) from e
    typer.echo(token)
    err.print(f"user {name!r} added; the token above is shown once")


@users_app.command("remove")
def user_remove_cmd(
    name: Annotated[str, typer.Argument(help="The reader's name.")], db: DbOpt = None
) -> None:
    """Remove a reader: their token stops working and their watchlists are deleted."""
    from jaanch.dossiers.watchlists import WatchError, remove_user

    try:
        n = remove_user(_engine(db), name)
    except WatchError as e:
        err.print(f"[red]{e}[/]")
        raise typer.Exit(1) from e
    err.print(f"user {name!r} removed with {n} watchlist(s)")


@users_app.command("list")
def user_list_cmd(db: DbOpt = None) -> None:
    """The readers, when they were added and how many watchlists they keep."""
    from jaanch.dossiers.watchlists import list_users

    for u in list_users(_engine(db)):
        typer.echo(f"{u['name']}\t{u['created_at']}\t{u['watchlists']} watchlist(s)")


def register(app: typer.Typer) -> None:
    """Add the knowledge-base commands to ``app``."""
    app.command("ingest")(ingest_cmd)
    app.command("watch")(watch_cmd)
    app.command("batch")(batch_cmd)
    app.add_typer(users_app, name="user")
    app.command("status")(status_cmd)
    app.command("search")(search_cmd)
    app.command("show")(show_cmd)
    app.command("merge")(merge_cmd)
    app.command("split")(split_cmd)
    app.command("export")(export_cmd)
