"""Build ``src/jaanch/lexicons/latin_names.tsv``: Latin spellings of names that people in
India use, with a score for how much they use each one (read by
:mod:`jaanch.text.english_names`).

Source: the PyPI package ``names-dataset`` 3.3.1 (Philippe Remy, 2021; declared licence
MIT; github.com/philipperemy/name-dataset), built from the first and last names of the
2021 Facebook leak (533M accounts). Per name it gives the share of each of its top 10
countries and the name's rank inside some of them. Only aggregate per-name statistics
are read and written here; no record of any person. The raw files are not committed;
get them with::

    pip download names-dataset==3.3.1 --no-deps -d /tmp/nd

and pass either the wheel or the ``names_dataset/v3`` folder of the unpacked wheel::

    python scripts/build_latin_names.py /tmp/nd/names_dataset-3.3.1-py3-none-any.whl
    python scripts/build_latin_names.py /tmp/nd/whl/names_dataset/v3

The two files are gzipped pickles; their SHA-256 is checked against the package's
RECORD before they are unpickled (a pickle can run code).

Kept: names of ASCII letters only (at least two). Score (higher = more used in India;
one point = ten times more frequent under Zipf's law), by ``basis``:

* ``rank``: the name has an India rank (about the 17,800 most frequent first and last
  names each): ``log10(20000 / IN rank)``, from 4.301 (rank 1) down to about 0.05.
* ``share``: India is among its countries but it has no India rank, and at least
  ``--min-share`` of its users are in India: ``0.05 * IN share``, below every ranked name.
* ``estimate``: India is not among the name's top 10 countries, so its India figures are
  missing, not zero. Names common among Indian Muslims (Ahmed, Sharif, Rahman) and names
  common worldwide (Sonia, Mark) are cut off this way, while rarer Indian spellings of
  them (Ahamad, Sarif, Rahaman) have an India rank. The India rank is estimated from the
  name's ranks and shares in its other countries: under Zipf's law a name's count in
  country C is about ``N_C / rank_C``, so ``rank_IN = rank_C * share_C / share_IN *
  N_IN / N_C``; ``log10(N_IN / N_C)`` is calibrated per country as the median over the
  names ranked in both (countries with at least 200 such names; given their true India
  share, this puts 80% of the ranked names within a factor 1.4 of their India rank), ``share_IN``
  is taken as half the share of the name's 10th country (the most it can have), and
  the median over its calibrated countries (at least 3) is used. Such a name is kept
  when its estimated score is at least ``--min-estimate``. This is an optimistic
  estimate for names mostly used outside South Asia and the Gulf (David, Silva), which
  rarely compete with Indian spellings.

Output is sorted (kind, score descending, name) and deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import math
import pickle
import re
import statistics
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/jaanch/lexicons/latin_names.tsv"

VERSION = "names-dataset 3.3.1"
FILES = {  # kind -> (file inside the wheel, SHA-256 from the wheel's RECORD)
    "first": (
        "names_dataset/v3/first_names.pkl.gz",
        "a2076494420babe3a110f25d54c89bdacb94c60cf304d0e8cfec65504e3de449",
    ),
    "last": (
        "names_dataset/v3/last_names.pkl.gz",
        "ec641260814bcbc8cfab8279599bac0f5664af27b7bc5023fe419c4f5afc572f",
    ),
}
RANK_BASE = 20000  # above the last India rank of either table (17,796 and 17,618)
UNRANKED_WEIGHT = 0.05  # an unranked name scores below every ranked one
MIN_PAIRS = 200  # names ranked in India and in a country, to calibrate that country
MIN_COUNTRIES = 3  # calibrated countries an estimate needs
SHARE_FRACTION = 0.5  # estimated India share: this times the share of the 10th country
NAME_RE = re.compile(r"[A-Za-z]{2,}")


def read_raw(source: Path, kind: str) -> bytes:
    inner, digest = FILES[kind]
    if source.is_file():
        with zipfile.ZipFile(source) as zf:
            data = zf.read(inner)
    else:
        data = (source / Path(inner).name).read_bytes()
    got = hashlib.sha256(data).hexdigest()
    if got != digest:
        raise SystemExit(f"{inner}: SHA-256 {got} is not the one of {VERSION} ({digest})")
    return data


def load(source: Path, kind: str) -> dict[str, Any]:
    table = pickle.loads(gzip.decompress(read_raw(source, kind)))  # noqa: S301 (hash checked)
    if not isinstance(table, dict):
        raise SystemExit(f"{kind}: unexpected content")
    return table


def calibrate(table: dict[str, Any]) -> dict[str, float]:
    """Per country C: median of log10(N_IN / N_C) = log10(rank_IN * share_IN / (rank_C *
    share_C)) over the names ranked in both."""
    logs: dict[str, list[float]] = {}
    for info in table.values():
        if not isinstance(info, dict):
            continue
        rank, share = info.get("rank") or {}, info.get("country") or {}
        if not rank.get("IN") or not share.get("IN"):
            continue
        ref = rank["IN"] * share["IN"]
        for c, r in rank.items():
            if c != "IN" and r and share.get(c):
                logs.setdefault(c, []).append(math.log10(ref / (r * share[c])))
    return {c: statistics.median(v) for c, v in logs.items() if len(v) >= MIN_PAIRS}


def estimate(info: dict[str, Any], calib: dict[str, float]) -> float | None:
    """Estimated score of a name whose 10 countries do not include India, or None."""
    rank, share = info.get("rank") or {}, info.get("country") or {}
    if len(share) < 10 or "IN" in share or min(share.values()) <= 0:
        return None
    share_in = SHARE_FRACTION * min(share.values())
    logs = [
        calib[c] + math.log10(r * share[c] / share_in)
        for c, r in rank.items()
        if r and c in calib and share.get(c)
    ]
    if len(logs) < MIN_COUNTRIES:
        return None
    return round(math.log10(RANK_BASE) - statistics.median(logs), 3)


def score(
    info: dict[str, Any], calib: dict[str, float], min_share: float, min_estimate: float
) -> tuple[float, str] | None:
    """How much people in India use the name and on what basis (module docstring)."""
    rank = (info.get("rank") or {}).get("IN")
    if rank:
        return round(math.log10(RANK_BASE / rank), 3), "rank"
    share = (info.get("country") or {}).get("IN") or 0.0
    if share >= min_share:
        return round(UNRANKED_WEIGHT * share, 3), "share"
    est = estimate(info, calib)
    if est is not None and est >= min_estimate:
        return est, "estimate"
    return None


Row = tuple[str, str, float, str]


def rows(table: dict[str, Any], kind: str, min_share: float, min_estimate: float) -> list[Row]:
    calib = calibrate(table)
    best: dict[str, tuple[float, str]] = {}
    for raw, info in table.items():
        name = raw.strip()
        if not NAME_RE.fullmatch(name) or not isinstance(info, dict):
            continue
        got = score(info, calib, min_share, min_estimate)
        if got is None:
            continue
        name = name[0].upper() + name[1:].lower()
        if name not in best or got[0] > best[name][0]:
            best[name] = got
    return [(n, kind, s, b) for n, (s, b) in best.items()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("source", type=Path, help="names-dataset wheel or its names_dataset/v3 folder")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-share", type=float, default=0.5, help="for names without India rank")
    ap.add_argument("--min-estimate", type=float, default=0.3, help="for estimated names")
    args = ap.parse_args(argv)

    out: list[Row] = []
    counts = []
    for kind in ("first", "last"):
        table = load(args.source, kind)
        got = rows(table, kind, args.min_share, args.min_estimate)
        by = Counter(r[3] for r in got)
        counts.append(
            f"{kind}: " + ", ".join(f"{by[b]} {b}" for b in ("rank", "share", "estimate"))
        )
        print(counts[-1], f"(of {len(table)})", file=sys.stderr)
        out.extend(got)
        del table
    out.sort(key=lambda r: (r[1] != "first", -r[2], r[0]))

    header = [
        "Latin spellings of names used in India, with how much (scripts/build_latin_names.py).",
        f"Derived from {VERSION} (PyPI; Philippe Remy 2021, github.com/philipperemy/name-dataset;",
        "declared licence MIT), first and last names of the 2021 Facebook leak; aggregate",
        "per-name statistics only, no personal records. See ATTRIBUTION-latin-names.md.",
        "score: higher = more used in India (+1 = ten times as frequent); by basis:",
        f"  rank: log10({RANK_BASE} / India rank), 4.301 (rank 1) down to ~0.05;",
        f"  share: no India rank, India share >= {args.min_share}: {UNRANKED_WEIGHT} * India share;",
        "  estimate: India not among the name's 10 countries; India rank estimated from its",
        f"  other countries (Zipf, per-country calibration, India share = {SHARE_FRACTION} x",
        f"  the 10th country's share); kept if >= {args.min_estimate}. Details: the script.",
        "kind: first = a first name, last = a last name (a name can be both: two rows).",
        "rows: " + "; ".join(counts),
    ]
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        fh.write("name\tkind\tscore\tbasis\n")
        for name, kind, s, basis in out:
            fh.write(f"{name}\t{kind}\t{s:.3f}\t{basis}\n")
    print(f"{args.out}: {len(out)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
