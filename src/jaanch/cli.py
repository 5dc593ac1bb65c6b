"""The ``jaanch`` command line: thin wrappers over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from jaanch import __version__
from jaanch.cli_kb import FormatOpt

app = typer.Typer(
    help="Jaanch: structured, evidence-linked facts from Hindi crime and police news.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)

EXAMPLES = Path(__file__).parent / "examples"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jaanch {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the full traceback of an error instead of one line."),
    ] = False,
) -> None:
    """Jaanch reads Hindi crime news and writes one jaanch.extraction/1 record per article."""


def one_line(e: BaseException) -> str:
    """An error as one line a user can act on (a database error's own message first)."""
    orig = getattr(e, "orig", None)
    msg = str(orig if orig is not None else e).strip().splitlines()
    return f"{type(orig if orig is not None else e).__name__}: {msg[0] if msg else ''}"


def run() -> None:
    """The ``jaanch`` command: an error a user can cause (a locked or unreachable store, a
    file that cannot be read) ends the command with one line; ``--debug`` (anywhere on the
    command line) shows the traceback instead."""
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv = [a for a in sys.argv if a != "--debug"]
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(130) from None
    except Exception as e:  # noqa: BLE001 - the last resort of the command line
        if debug:
            raise
        err.print(f"[red]error[/] {one_line(e)}")
        err.print("run the command again with --debug for the traceback")
        raise SystemExit(1) from None


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt = one article, .jsonl = one per line), folders, or - for stdin. "
            "Default: the bundled example articles."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write JSONL here instead of stdout.")
    ] = None,
    show: Annotated[
        bool,
        typer.Option(
            "--show",
            help="Print a readable view: the text with entities marked, then the facts with evidence.",
        ),
    ] = False,
    fmt: FormatOpt = "auto",
) -> None:
    """Extract facts from articles: one output line per article, in input order.

    A document that cannot be read or processed gives a line with an "error" field
    (and a message on stderr); the run goes on with the next one.
    """
    from jaanch.pipeline import ExtractionError, default_pipeline
    from jaanch.reader import FORMATS, ReadError, iter_inputs
    from jaanch.show import render_extraction

    if fmt not in FORMATS:
        err.print(f"[red]unknown --format {fmt!r}[/]: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)

    inputs = paths or [str(EXAMPLES)]
    pipeline = default_pipeline()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    console = Console()
    n_ok = n_err = 0
    try:
        for item in iter_inputs(inputs, fmt):
            if isinstance(item, ReadError):
                rec: dict[str, Any] = {
                    "schema": "jaanch.extraction/1",
                    "article": {"id": item.id},
                    "error": item.error,
                    "source": item.source,
                }
                err.print(f"[yellow]skipped[/] {item.source}: {item.error}")
                n_err += 1
            else:
                try:
                    ex = pipeline.run(item)
                except ExtractionError as e:
                    rec = {
                        "schema": "jaanch.extraction/1",
                        "article": {"id": item.id},
                        "error": str(e),
                    }
                    err.print(f"[yellow]skipped[/] {item.id}: {e}")
                    n_err += 1
                except Exception as e:  # noqa: BLE001 - one bad document never stops a run
                    msg = f"internal error ({type(e).__name__}: {e}); please report it"
                    rec = {
                        "schema": "jaanch.extraction/1",
                        "article": {"id": item.id},
                        "error": msg,
                    }
                    err.print(f"[red]failed[/] {item.id}: {msg}")
                    n_err += 1
                else:
                    rec = ex.to_dict()
                    n_ok += 1
                    if show:
                        render_extraction(ex, console)
            if not show or output:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    if output or n_err:
        err.print(
            f"{n_ok} articles extracted, {n_err} failed" + (f" -> {output}" if output else "")
        )


@app.command("eval")
def eval_cmd(
    gold: Annotated[
        Path, typer.Argument(help="Gold JSONL (jaanch.extraction/1 with the input fields).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[
        bool,
        typer.Option("--errors", help="Also print each article's false positives and negatives."),
    ] = False,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="Write the predicted records here (JSONL).")
    ] = None,
) -> None:
    """Run extraction on the gold texts and print precision, recall and F1 per entity type
    (strict and lenient) and per fact group, by the format's scoring rules."""
    from jaanch.evaluate import diff, render, score
    from jaanch.pipeline import default_pipeline
    from jaanch.types import Article

    if not gold.exists():
        err.print(f"[red]no such file:[/] {gold}")
        raise typer.Exit(2)
    golds = [json.loads(ln) for ln in gold.read_text(encoding="utf-8").splitlines() if ln.strip()]
    pipeline = default_pipeline()
    preds = []
    for g in golds:
        art = Article(
            id=str(g.get("id")), text=g["text"], title=g.get("title"), published=g.get("published")
        )
        preds.append(pipeline.run(art).to_dict())
    if predictions:
        with predictions.open("w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    report = score(zip(preds, golds, strict=True))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        render(report, Console())
    if errors:
        console = Console()
        for p, g in zip(preds, golds, strict=True):
            console.rule(str(g.get("id")))
            for group, d in diff(p, g).items():
                if d["fp"] or d["fn"]:
                    console.print(f"[bold]{group}[/] fp={d['fp']} fn={d['fn']}")


def _register_subcommands() -> None:
    from jaanch.cli_kb import register as register_kb
    from jaanch.cli_web import register as register_web

    register_kb(app)
    register_web(app)


_register_subcommands()

if __name__ == "__main__":  # pragma: no cover
    app()
