"""Build the derived token lexicons of :mod:`jaanch.names` from public Hindi NER corpora.

Reads (training / validation parts ONLY — test splits are evaluation material and must
stay out):

* HiNER collapsed ``hiner/collapsed/validation.conll`` (the train blob is not available;
  the test split and ``hiner/third-party-test-sahilagrawal007`` are never read);
* IL-NER ``il-ner-hindi/Hindi-train.txt`` (not dev/test);
* MultiCoNER II ``multiconer2-hindi/hi-train.conll`` (not dev);
* IJCNLP-08 NERSSEAL ``ijcnlp2008-hindi/hindi.dedup.txt``.

Writes, under ``src/jaanch/lexicons/``:

* ``name_tokens.tsv`` — per token key: how often it is the first / an inner / the last
  token of a person span, inside a location or organisation span, inside any other
  entity span (``misc``), outside every entity (``other``), and ``total``. Keys seen at
  least twice, and keys seen once inside a person / place / organisation name; so a word
  missing from the table is one the corpora (almost) never saw.
* ``common_words.tsv`` — the 3000 keys most often outside any entity (and outside an
  entity at least 80% of the time), with that count.
* ``given_names.tsv`` — keys that mostly begin person spans (derived, not typed).

A token key is ``fold_for_match(normalise(token).text)`` of each word piece that
:func:`jaanch.text.segment.tokenize` finds in a corpus token, restricted to pieces with a
Devanagari letter. Output is sorted and deterministic.

Usage: ``python scripts/build_name_lexicon.py [--ner ../shared/data/ner] [--out DIR]``
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jaanch.text.normalise import fold_for_match, normalise  # noqa: E402
from jaanch.text.segment import tokenize  # noqa: E402

# A corpus sentence: (raw token, coarse type or "" for outside, begins-a-span flag)
Tagged = tuple[str, str, bool]

PER, LOC, ORG, MISC = "PER", "LOC", "ORG", "MISC"

HINER_MAP = {"PERSON": PER, "LOCATION": LOC, "ORGANIZATION": ORG}
ILNER_MAP = {"NEP": PER, "NEL": LOC, "NEO": ORG}  # NEN, NETI, NEAR, NEU, NED -> MISC
IJCNLP_MAP = {"PERSON": PER, "LOCATION": LOC, "ORGANIZATION": ORG}  # others -> MISC
MULTICONER_MAP = {
    # PER group
    "Artist": PER,
    "Athlete": PER,
    "Politician": PER,
    "Cleric": PER,
    "Scientist": PER,
    "SportsManager": PER,
    "OtherPER": PER,
    # LOC group
    "Facility": LOC,
    "OtherLOC": LOC,
    "HumanSettlement": LOC,
    "Station": LOC,
    # ORG group (CORP types count as organisations)
    "MusicalGRP": ORG,
    "PublicCorp": ORG,
    "PrivateCorp": ORG,
    "AerospaceManufacturer": ORG,
    "SportsGRP": ORG,
    "CarManufacturer": ORG,
    "ORG": ORG,
    "TechCorp": ORG,
    "OtherCORP": ORG,
}

COMMON_N = 3000
COMMON_MIN_OTHER_SHARE = 0.8
GIVEN_MIN_FIRST = 3
GIVEN_MIN_SHARE = 0.5


def bio(tag: str, mapping: dict[str, str], prev: str) -> tuple[str, bool] | None:
    """(coarse type, begins) for a BIO tag; None for an unusable tag (token is skipped)."""
    tag = tag.strip()
    if tag == "O":
        return "", False
    if tag in {"", "-"}:
        return None
    if tag.startswith(("B-", "I-")):
        kind, name = tag[0], tag[2:]
    elif tag.startswith("-"):  # IL-NER noise "-NEL": treat as continuation when possible
        kind, name = "I", tag[1:]
    else:
        kind, name = "B", tag
    coarse = mapping.get(name, MISC)
    return coarse, kind == "B" or prev != coarse


def read_blocks(path: Path) -> Iterator[list[list[str]]]:
    """Blank-line separated blocks of whitespace-split lines; ``#`` header lines skipped."""
    block: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if block:
                    yield block
                block = []
                continue
            if line.startswith("# id "):
                continue
            block.append(line.split("\t") if "\t" in line else line.split())
    if block:
        yield block


def read_bio(path: Path, mapping: dict[str, str]) -> Iterator[list[Tagged]]:
    for block in read_blocks(path):
        sent: list[Tagged] = []
        prev = ""
        for cols in block:
            if len(cols) < 2 or not cols[0].strip():
                prev = ""
                continue
            res = bio(cols[-1], mapping, prev)
            if res is None:
                prev = ""
                continue
            coarse, begins = res
            sent.append((cols[0].strip(), coarse, begins))
            prev = coarse
        if sent:
            yield sent


def read_flat(path: Path, mapping: dict[str, str]) -> Iterator[list[Tagged]]:
    """Flat tags (no BIO): a run of equal tags is one span."""
    for block in read_blocks(path):
        sent: list[Tagged] = []
        prev = ""
        for cols in block:
            if len(cols) < 2 or not cols[0].strip():
                prev = ""
                continue
            tag = cols[-1].strip()
            coarse = "" if tag == "O" else mapping.get(tag, MISC)
            sent.append((cols[0].strip(), coarse, bool(coarse) and coarse != prev))
            prev = coarse
        if sent:
            yield sent


def corpora(ner: Path) -> list[tuple[str, Iterator[list[Tagged]]]]:
    return [
        (
            "hiner-collapsed-validation",
            read_bio(ner / "hiner/collapsed/validation.conll", HINER_MAP),
        ),
        ("il-ner-hindi-train", read_bio(ner / "il-ner-hindi/Hindi-train.txt", ILNER_MAP)),
        (
            "multiconer2-hi-train",
            read_bio(ner / "multiconer2-hindi/hi-train.conll", MULTICONER_MAP),
        ),
        ("ijcnlp2008-hindi-dedup", read_flat(ner / "ijcnlp2008-hindi/hindi.dedup.txt", IJCNLP_MAP)),
    ]


def has_devanagari_letter(s: str) -> bool:
    return any("\u0904" <= ch <= "\u0939" or "\u0958" <= ch <= "\u0961" for ch in s)


_KEYS: dict[str, tuple[str, ...]] = {}


def keys_of(raw: str) -> tuple[str, ...]:
    """Lookup keys of the word pieces of a corpus token (cached)."""
    got = _KEYS.get(raw)
    if got is None:
        text = normalise(raw).text
        pieces = [fold_for_match(t.text) for t in tokenize(text) if has_devanagari_letter(t.text)]
        got = tuple(p for p in pieces if p)
        _KEYS[raw] = got
    return got


@dataclass
class Counts:
    per_first: Counter[str] = field(default_factory=Counter)
    per_inner: Counter[str] = field(default_factory=Counter)
    per_last: Counter[str] = field(default_factory=Counter)
    loc: Counter[str] = field(default_factory=Counter)
    org: Counter[str] = field(default_factory=Counter)
    misc: Counter[str] = field(default_factory=Counter)
    other: Counter[str] = field(default_factory=Counter)

    def add_sentence(self, sent: list[Tagged]) -> None:
        # expand to word pieces; only the first piece of a token may begin a span
        pieces: list[Tagged] = []
        for raw, coarse, begins in sent:
            for i, key in enumerate(keys_of(raw)):
                pieces.append((key, coarse, begins and i == 0))
        spans: list[tuple[str, list[str]]] = []
        for key, coarse, begins in pieces:
            if not coarse:
                self.other[key] += 1
                spans.append(("", []))
                continue
            if begins or not spans or spans[-1][0] != coarse:
                spans.append((coarse, []))
            spans[-1][1].append(key)
        for coarse, keys in spans:
            if coarse == PER:
                self.per_first[keys[0]] += 1
                for k in keys[1:-1]:
                    self.per_inner[k] += 1
                if len(keys) > 1:
                    self.per_last[keys[-1]] += 1
            elif coarse == LOC:
                self.loc.update(keys)
            elif coarse == ORG:
                self.org.update(keys)
            elif coarse == MISC:
                self.misc.update(keys)

    def rows(self) -> list[tuple[str, int, int, int, int, int, int, int, int]]:
        cols = (self.per_first, self.per_inner, self.per_last, self.loc, self.org, self.misc)
        keys: set[str] = set(self.other)
        for c in cols:
            keys.update(c)
        out = []
        for k in sorted(keys):
            pf, pi, pl = self.per_first[k], self.per_inner[k], self.per_last[k]
            lo, og, mi, ot = self.loc[k], self.org[k], self.misc[k], self.other[k]
            out.append((k, pf, pi, pl, lo, og, mi, ot, pf + pi + pl + lo + og + mi + ot))
        return out


HEADER = "token\tper_first\tper_inner\tper_last\tloc\torg\tmisc\tother\ttotal"


def write_tsv(path: Path, comments: list[str], header: str, rows: list[tuple[object, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for c in comments:
            fh.write(f"# {c}\n")
        fh.write(header + "\n")
        for r in rows:
            fh.write("\t".join(str(x) for x in r) + "\n")


def read_titles(path: Path) -> set[str]:
    """Honorifics of the hand-curated ``name_titles.tsv`` (kept out of given names)."""
    if not path.exists():
        return set()
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = [ln.split("\t")[0].strip() for ln in lines if not ln.startswith("#")]
    return {fold_for_match(t) for t in rows[1:]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--ner", type=Path, default=ROOT.parent / "shared/data/ner")
    ap.add_argument("--out", type=Path, default=ROOT / "src/jaanch/lexicons")
    args = ap.parse_args(argv)

    counts = Counts()
    used: list[str] = []
    for name, sentences in corpora(args.ner):
        n = 0
        for sent in sentences:
            counts.add_sentence(sent)
            n += 1
        used.append(f"{name}: {n} sentences")
        print(f"{name}: {n} sentences", file=sys.stderr)

    rows = counts.rows()
    src = "derived from " + "; ".join(used) + " (see ATTRIBUTION-names.md)"
    keep = [r for r in rows if r[8] >= 2 or (r[1] + r[2] + r[3] + r[4] + r[5]) >= 1]
    write_tsv(
        args.out / "name_tokens.tsv",
        [
            "Token counts in public Hindi NER corpora (generated by scripts/build_name_lexicon.py).",
            src,
            "token = fold_for_match(normalise(word).text); per_first also counts one-word names;",
            "misc = inside another entity type; other = outside every entity.",
            "Rows: total >= 2, or seen once inside a PER/LOC/ORG name.",
        ],
        HEADER,
        list(keep),
    )

    common = [r for r in rows if r[7] >= COMMON_MIN_OTHER_SHARE * r[8]]
    common.sort(key=lambda r: (-r[7], r[0]))
    write_tsv(
        args.out / "common_words.tsv",
        [
            f"The {COMMON_N} tokens most often outside any entity (and outside one in at least",
            f"{COMMON_MIN_OTHER_SHARE:.0%} of their uses); generated by scripts/build_name_lexicon.py.",
            src,
        ],
        "token\tcount",
        [(r[0], r[7]) for r in common[:COMMON_N]],
    )

    common_set = {r[0] for r in common[:COMMON_N]}
    titles = read_titles(args.out / "name_titles.tsv")
    given = [
        r
        for r in keep
        if r[1] >= GIVEN_MIN_FIRST
        and r[1] >= GIVEN_MIN_SHARE * r[8]
        and r[1] > 2 * r[3]
        and r[0] not in common_set
        and r[0] not in titles
        and len(r[0]) >= 2
    ]
    given.sort(key=lambda r: (-r[1], r[0]))
    write_tsv(
        args.out / "given_names.tsv",
        [
            "Tokens that mostly begin a person name in public Hindi NER corpora",
            f"(per_first >= {GIVEN_MIN_FIRST}, >= {GIVEN_MIN_SHARE:.0%} of all uses, more than twice",
            "per_last, not a common word nor a title of name_titles.tsv);",
            "generated by scripts/build_name_lexicon.py.",
            src,
        ],
        "token\tcount\tshare",
        [(r[0], r[1], f"{r[1] / r[8]:.3f}") for r in given],
    )
    print(
        f"name_tokens: {len(keep)} rows; common_words: {min(COMMON_N, len(common))}; "
        f"given_names: {len(given)}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
