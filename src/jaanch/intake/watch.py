"""``jaanch watch``: poll feeds, ingest what is new, resolve, and keep going.

Each round re-reads the feeds file (edit it while the watcher runs), ingests every feed
(:func:`~jaanch.intake.web.ingest_web`: a failed fetch is recorded and tried again next
round, never fatal), runs the caller's ``after`` step (resolution), and prints one progress
line. SIGINT and SIGTERM stop the watcher cleanly: no further URL is fetched, what was
fetched is ingested, and the round's writes are committed before it exits.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from jaanch.intake.fetch import Fetcher, Limits
from jaanch.intake.web import WebReport, ingest_web, read_url_list

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(s: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``2h`` or ``1d``."""
    m = _DURATION.match(s.lower())
    if not m:
        raise ValueError(f"not a duration: {s!r} (use e.g. 90s, 15m, 2h)")
    return float(m.group(1)) * _UNIT[m.group(2)]


@dataclass
class WatchReport:
    rounds: int = 0
    stored: int = 0
    errors: int = 0
    stopped_by: str | None = None
    reports: list[WebReport] = field(default_factory=list)


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (in the main thread; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def handler(signum: int, frame: Any) -> None:
        stop.set()
        stop.signal_name = signal.Signals(signum).name  # type: ignore[attr-defined]

    for s in old:
        signal.signal(s, handler)
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def watch(
    engine: Engine,
    feeds_file: str,
    *,
    every: float,
    rounds: int | None = None,
    limits: Limits | None = None,
    after: Callable[[], object] | None = None,
    say: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> WatchReport:
    """Poll the feeds of ``feeds_file`` every ``every`` seconds (``rounds`` rounds, or until
    stopped)."""
    stop = stop or threading.Event()
    out = WatchReport()
    with stop_on_signals(stop), Fetcher(limits or Limits()) as fetcher:
        while not stop.is_set():
            t0 = time.monotonic()
            try:
                feeds = read_url_list(feeds_file)
            except OSError as e:
                say(f"cannot read {feeds_file}: {e}; trying again next round")
                feeds = []
            asked = fetcher.requests
            rep = ingest_web(
                engine,
                feeds,
                fetcher=fetcher,
                log=lambda m: say(f"  error: {m}"),
                stop=stop.is_set,
            )
            if after is not None and rep.ingest.stored:
                after()
            out.rounds += 1
            out.stored += rep.ingest.stored
            out.errors += rep.errors
            out.reports.append(rep)
            say(
                f"round {out.rounds} at {datetime.now():%H:%M:%S}: {len(feeds)} feeds, "
                f"{rep.pages} pages fetched, {rep.ingest.stored} new articles, "
                f"{rep.skipped_known + rep.unchanged} unchanged, {rep.errors} errors, "
                f"{fetcher.requests - asked} requests ({time.monotonic() - t0:.1f} s)"
            )
            if rounds is not None and out.rounds >= rounds:
                break
            stop.wait(max(0.0, every - (time.monotonic() - t0)))
    if stop.is_set():
        out.stopped_by = getattr(stop, "signal_name", "stop")
        say(f"stopped ({out.stopped_by}) after {out.rounds} rounds; nothing in flight was lost")
    return out
