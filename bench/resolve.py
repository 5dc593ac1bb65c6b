"""Resolution benchmark: person mentions resolved per second at 10k, 100k and 1M mentions.

    python bench/resolve.py [--sizes 10000 100000 1000000] [--seed 0]

Synthetic mentions, made to look like a store of Hindi news: articles of one to six people;
names drawn with Zipf weights from the project's given-name and surname lexicons (so
``राजेश कुमार`` recurs and rare names do not), one mention in five a one-word name, one
person in fifty a public figure named in many articles across districts; each article has a
district, each mention a role, a sentence of words from ``news_words.tsv`` and the people
beside it as co-mentions. Each size runs :func:`jaanch.resolve.resolver.person_clusters`
(blocking, comparison with the shipped link model, clustering under constraints) in
memory, nothing stored. Printed: mentions/s, pairs compared, seconds, the process's peak
resident memory so far (MiB), and the rate as a ratio of the smallest size's rate in the same run (1.0 = linear).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jaanch.lexicons import load_tsv  # noqa: E402
from jaanch.resolve.resolver import M, person_clusters  # noqa: E402
from jaanch.text.keys import name_key  # noqa: E402

ROLES = (["accused"], ["victim"], ["official"], ["complainant"], ["other"], [])


def synthetic(n: int, seed: int) -> list[M]:
    rng = random.Random(seed)
    firsts = [r["token"] for r in load_tsv("given_names.tsv") if r.get("token")]
    lasts = [r["surname"] for r in load_tsv("surnames.tsv") if r.get("surname")]
    words = [r["token"] for r in load_tsv("news_words.tsv") if r.get("token")][:8000]
    fw = list(accumulate(1 / (i + 1) for i in range(len(firsts))))
    lw = list(accumulate(1 / (i + 1) for i in range(len(lasts))))
    public = [f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(max(n // 2000, 5))]
    out: list[M] = []
    article = 0
    while len(out) < n:
        article += 1
        district = rng.randint(1, 700)
        people = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.02:
                name = rng.choice(public)
            else:
                first = rng.choices(firsts, cum_weights=fw)[0]
                name = f"{first} {rng.choices(lasts, cum_weights=lw)[0]}"
            if rng.random() < 0.2:
                name = name.split()[rng.choice((0, -1))]
            people.append(name)
        keys = {name_key(p) for p in people}
        for p in dict.fromkeys(people):
            i = len(out)
            m = M(
                i,
                f"u{i}",
                article,
                "PERSON",
                p,
                name_key(p),
                [],
                list(rng.choice(ROLES)),
                None,
                None,
                None,
                district,
                None,
                None,
                False,
                {},
                district_source=rng.choice(("article", "article", "residence", "posting")),
                sentence=" ".join([p, *rng.sample(words, 12)]),
            )
            m.co = keys - {m.key}
            out.append(m)
    return out[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    base = None
    print(f"{'mentions':>10} {'pairs':>10} {'seconds':>8} {'mentions/s':>11} {'peakMiB':>7} ratio")
    for n in args.sizes:
        ms = synthetic(n, args.seed)
        counts: dict[str, int] = {}
        t0 = time.perf_counter()
        person_clusters(ms, counts=counts)
        dt = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rate = n / dt
        base = base or rate
        print(
            f"{n:>10} {counts['pairs']:>10} {dt:>8.1f} {rate:>11.0f} {peak:>7.0f} "
            f"{rate / base:.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
