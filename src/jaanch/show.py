"""A readable terminal view of one extraction: the article with its entities marked by
type, then each fact group with the words it came from."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jaanch.types import Evidence, Extraction

STYLES = {
    "PERSON": "bold magenta",
    "LOC": "bold green",
    "ORG": "bold cyan",
    "DESIGNATION": "bold yellow",
    "DATE": "blue",
    "MONEY": "bold red",
    "LAW": "underline red",
}


def _ev(evs: list[Evidence], limit: int = 2) -> str:
    parts = [f"«{e.text}» @{e.start}" for e in evs[:limit]]
    if len(evs) > limit:
        parts.append(f"+{len(evs) - limit}")
    return ", ".join(parts)


def render_extraction(ex: Extraction, console: Console) -> None:
    a = ex.article
    console.rule(f"[bold]{a.id}[/]" + (f" — {a.title}" if a.title else ""))
    text = Text(a.text)
    for s in ex.entities:
        text.stylize(STYLES.get(s.label, "bold"), s.start, s.end)
    console.print(text)
    legend = Text("  ").join(Text(k, style=v) for k, v in STYLES.items())
    console.print(legend)

    t = Table(title="लोग / people", show_lines=False, expand=True)
    for col in ("name", "aliases", "roles", "designation", "latin", "evidence"):
        t.add_column(col)
    for p in ex.people:
        t.add_row(
            p.name,
            ", ".join(p.aliases),
            ", ".join(p.roles),
            p.designation or "",
            p.latin or "",
            _ev(p.evidence),
        )
    console.print(t)

    t = Table(title="स्थान / places", expand=True)
    for col in ("name", "kind", "district", "state", "country", "evidence"):
        t.add_column(col)
    for pl in ex.places:
        t.add_row(
            pl.name,
            pl.kind or "",
            pl.district or "",
            pl.state or "",
            pl.country or "",
            _ev(pl.evidence),
        )
    console.print(t)

    t = Table(title="अपराध, कार्रवाई, धाराएँ, रकम / crimes, actions, laws, amounts", expand=True)
    for col in ("group", "fact", "evidence"):
        t.add_column(col)
    for c in ex.crimes:
        t.add_row("crime", c.code, _ev(c.evidence))
    for c in ex.actions:
        t.add_row("action", c.code, _ev(c.evidence))
    for law in ex.laws:
        extra = (
            f" (BNS {', '.join(law.bns)})"
            if law.bns
            else (f" (IPC {', '.join(law.ipc)})" if law.ipc else "")
        )
        t.add_row("law", f"{law.act} {law.section or ''}{extra}".strip(), _ev(law.evidence))
    for m in ex.amounts:
        t.add_row("amount", f"₹{m.value:,}" + (" (approx.)" if m.approx else ""), _ev(m.evidence))
    for cc in ex.case_counts:
        t.add_row(
            "cases",
            f"{cc.person}: {cc.count}" + (f" in {cc.place}" if cc.place else ""),
            _ev(cc.evidence),
        )
    for r in ex.relations:
        t.add_row("relation", f"{r.head} —{r.type}→ {r.tail}", _ev(r.evidence))
    for d in ex.dates:
        t.add_row("date", d.value, _ev(d.evidence))
    console.print(t)

    for inc in ex.incidents:
        console.print(
            f"[bold]incident {inc.id}[/]: crimes={inc.crimes} actions={inc.actions} "
            f"people={inc.people} places={inc.places} dates={inc.dates} "
            f"chars {inc.evidence[0].start}-{inc.evidence[0].end}"
        )
