"""Build ``src/jaanch/lexicons/places.tsv``: Indian places and world countries in Hindi.

Usage::

    python scripts/build_gazetteer.py [--shared ../shared/data/gazetteers] [--out PATH]

Sources (all under ``--shared``; see each folder's PROVENANCE.md and
``src/jaanch/lexicons/ATTRIBUTION-places.md``):

* ``lgd_2026_vanga``: LGD states, districts, sub-districts (English names, LGD codes);
  ``lgd_2022_planemad``: the few districts missing there (purely urban ones), blocks,
  urban local bodies (some with Devanagari names) and the local-body -> district table;
* ``derived_district_hindi_candidates``: Hindi names of districts;
* ``geonames_india_cities500`` and ``dr5hn_countries_states_cities``: towns with Hindi
  names and population, states and countries in Hindi;
* ``cldr37_hi_localenames``, ``google_langres_hi_ur_wikidata``, ``curated_lexicons``:
  countries in Hindi.

Hand-curated rows (spelling variants, districts with no Hindi candidate, abbreviations)
live in ``src/jaanch/lexicons/place_variants.tsv`` and are loaded by
:class:`jaanch.gazetteer.Gazetteer` next to this table; names listed in
``place_stopwords.tsv`` (common Hindi words) are never written as towns or sub-districts.

Kinds and ``rank`` (larger wins between homonyms; see ``jaanch.gazetteer``):

* country 9e9, state 8e9;
* city: its population (GeoNames/dr5hn), 1000 when unknown; a Devanagari alternate name
  that is not a rendering of the town's own English name (``नई दिल्ली`` for Delhi,
  ``ग्रेटर मुम्बई``) gets 1/1000 of it;
* district: 500000 + the population of its same-name headquarters town (capped), so a
  same-name city of a million or more (``मेरठ``, ``इंदौर``) is preferred to the district,
  and a smaller one (``सिरसा``, ``झाबुआ``) yields to the district;
* sub_district (tehsils and blocks): 50000 + villages, so towns under 50000 people yield
  to a tehsil or block of the same name.

A town is mapped to its LGD district by, in order: its urban local body (LGD municipal
directory), a district of the same English name in its state, a sub-district/block of the
same name, the same with the town's Latin alternate names, and finally the district of
the majority of its nearest already-mapped towns (within 25 km, same state; source tag
``:nearest``; about 3 in 4 right when tried on held-out towns mapped by local body).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _load_normalise() -> ModuleType:
    # load the module by path: the build must not depend on the rest of the package
    spec = importlib.util.spec_from_file_location(
        "_jaanch_normalise", ROOT / "src/jaanch/text/normalise.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


_norm = _load_normalise()
fold_for_match = _norm.fold_for_match
normalise = _norm.normalise

COLUMNS = (
    "name",
    "kind",
    "district",
    "state",
    "country",
    "lgd_state",
    "lgd_district",
    "rank",
    "source",
)
RANK_COUNTRY = 9e9
RANK_STATE = 8e9
RANK_DISTRICT = 500_000.0
RANK_SUBDISTRICT = 50_000.0
RANK_CITY_UNKNOWN = 1000.0

DEVANAGARI_NAME = re.compile(r"^[\u0900-\u097f]+(?:[ \-][\u0900-\u097f]+)*$")


# --------------------------------------------------------------------------- helpers


def en_key(s: str) -> str:
    """A matching key for English place names: lower case, letters and digits only."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = re.sub(r"\(.*?\)", " ", s)
    s = s.replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "", s)


def title_if_caps(s: str) -> str:
    s = " ".join(s.split())
    if s.isupper():
        return " ".join(w.capitalize() if w not in ("AND", "OF") else w.lower() for w in s.split())
    return s


def clean_hindi(raw: str, paren_alt: bool = False) -> list[str]:
    """Devanagari names in ``raw`` (split at ``|``), normalised.

    A parenthesis is a disambiguator (``फतेहपुर (बाराबंकी)``) and is dropped, unless
    ``paren_alt``: then it holds another name (``प्रयागराज (इलाहाबाद)``).
    """
    out: list[str] = []
    raw = raw or ""
    if not paren_alt:
        raw = re.sub(r"\([^)]*\)?", " ", raw)
    for part in re.split(r"[|()]", raw):
        part = normalise(part).text
        part = " ".join(part.replace("\u200c", "").split()).strip(" ,.-")
        if part and DEVANAGARI_NAME.match(part):
            out.append(part)
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(fh)
        ]


def romanise(hi: str) -> str:
    from indic_transliteration import sanscript
    from indic_transliteration.sanscript import transliterate

    s = transliterate(hi, sanscript.DEVANAGARI, sanscript.IAST)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


def skeleton(s: str) -> str:
    s = re.sub(r"[^a-z]", "", s.lower())
    s = s.replace("w", "v").replace("ph", "f").replace("z", "j")
    return re.sub(r"[aeiouyh]", "", s)


def spelling_score(hi: str, en: str) -> float:
    """How well the Devanagari ``hi`` spells the English name ``en`` (0..1, consonants)."""
    a, b = skeleton(romanise(hi)), skeleton(en)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def renders(hi: str, en: str) -> bool:
    """Whether the Devanagari ``hi`` plausibly spells the English name ``en``."""
    return len(hi.split()) == len(en.replace("-", " ").split()) and spelling_score(hi, en) >= 0.5


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


# --------------------------------------------------------------------------- LGD


@dataclass
class Lgd:
    states: dict[int, str] = field(default_factory=dict)  # lgd state code -> name
    iso_to_lgd: dict[str, int] = field(default_factory=dict)
    districts: dict[int, tuple[str, int]] = field(default_factory=dict)  # code -> (name, state)
    district_villages: dict[int, int] = field(default_factory=dict)
    # (state, en_key) -> district codes
    district_by_key: dict[tuple[int, str], set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )
    # sub-districts and blocks: (name, district code, villages)
    subunits: list[tuple[str, int, int]] = field(default_factory=list)
    sub_by_key: dict[tuple[int, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    ulb_by_key: dict[tuple[int, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    ulb_hindi: list[tuple[str, str, int, int]] = field(
        default_factory=list
    )  # en, hi, state, district


ULB_NOISE = re.compile(
    r"\b(municipal|corporation|council|committee|nagar nigam|nagar palika|parishad|"
    r"palika|panchayat|mahanagara|palike|cantonment|board|notified|area|town|city|"
    r"greater|bruhat|np|mc|mcl|ncl|nac)\b",
    re.I,
)


def load_lgd(shared: Path) -> Lgd:
    lgd = Lgd()
    v = shared / "lgd_2026_vanga" / "csv"
    p = shared / "lgd_2022_planemad"
    for r in read_csv(v / "lgd_states.csv"):
        lgd.states[int(r["state_code"])] = r["state_name"]
    state_by_upper = {n.upper(): c for c, n in lgd.states.items()}
    for r in read_csv(p / "administrative" / "1-state.csv"):
        code = int(r["State Code"])
        if code not in lgd.states:
            lgd.states[code] = title_if_caps(r["State Name"])
            state_by_upper[r["State Name"].upper()] = code
    for r in read_csv(
        shared / "derived_district_hindi_candidates" / "lgd_districts_hindi_candidates.csv"
    ):
        lgd.iso_to_lgd[r["state_iso"]] = int(r["state_code_lgd"])
    lgd.iso_to_lgd.setdefault("CH", 4)
    for r in read_csv(v / "lgd_districts.csv"):
        code = int(r["district_code"])
        lgd.districts[code] = (title_if_caps(r["district_name"]), int(r["state_code"]))
        lgd.district_villages[code] = int(r["village_count"] or 0)
    for r in read_csv(p / "administrative" / "2-district.csv"):
        code = int(r["District Code"])
        if code not in lgd.districts:
            lgd.districts[code] = (title_if_caps(r["District Name"]), int(r["State Code"]))
            lgd.district_villages[code] = 0
    for code, (name, st) in lgd.districts.items():
        lgd.district_by_key[(st, en_key(name))].add(code)
    seen: set[tuple[str, int]] = set()
    for r in read_csv(v / "lgd_subdistricts.csv"):
        code = int(r["district_code"])
        name = title_if_caps(r["subdistrict_name"])
        if (en_key(name), code) not in seen:
            seen.add((en_key(name), code))
            lgd.subunits.append((name, code, int(r["village_count"] or 0)))
    for r in read_csv(p / "administrative" / "blocks.csv"):
        code = int(r["District Code"])
        if code not in lgd.districts:
            continue
        name = title_if_caps(r["Block Name"])
        if (en_key(name), code) not in seen:
            seen.add((en_key(name), code))
            lgd.subunits.append((name, code, 0))
    for name, code, _ in lgd.subunits:
        lgd.sub_by_key[(lgd.districts[code][1], en_key(name))].add(code)
    ulb_district: dict[str, set[int]] = defaultdict(set)
    for r in read_csv(p / "municipal-directory.csv"):
        if not r["District Code"].isdigit() or int(r["District Code"]) not in lgd.districts:
            continue
        dcode = int(r["District Code"])
        ulb_district[r["Localbody Code"]].add(dcode)
        st = lgd.districts[dcode][1]
        for key in ulb_keys(r["Localbody Name"]):
            lgd.ulb_by_key[(st, key)].add(dcode)
    for r in read_csv(p / "municipal" / "urban-local-body.csv"):
        dcodes = ulb_district.get(r["Local Body Code"], set())
        his = clean_hindi(r["Local Body Name (In Local)"])
        if len(dcodes) != 1 or not his:
            continue
        dcode = next(iter(dcodes))
        lgd.ulb_hindi.append((r["Local Body Name"], his[0], lgd.districts[dcode][1], dcode))
    return lgd


def ulb_keys(name: str) -> set[str]:
    """Keys for a local-body name: as is, without body-type words, each ' - ' part."""
    keys = {en_key(name)}
    for part in re.split(r"\s+-\s+|/|\(", name):
        keys.add(en_key(part))
        keys.add(en_key(ULB_NOISE.sub(" ", part)))
    keys.add(en_key(ULB_NOISE.sub(" ", name)))
    return {k for k in keys if len(k) > 2}


# --------------------------------------------------------------------------- towns


@dataclass
class Town:
    en: str
    state: int  # LGD state code
    lat: float | None
    lon: float | None
    pop: float
    primary: set[str] = field(default_factory=set)  # Hindi names rendering ``en``
    secondary: set[str] = field(default_factory=set)  # other Hindi alternate names
    latin: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    district: int | None = None
    how: str = ""


def load_towns(shared: Path, lgd: Lgd) -> list[Town]:
    towns: dict[tuple[int, str], Town] = {}
    admin1 = {
        r["geonames_admin1code"]: r["state_code_iso"]
        for r in read_csv(
            shared / "geonames_india_cities500" / "derived_admin1code_to_state_code.csv"
        )
    }
    for r in read_csv(shared / "geonames_india_cities500" / "geonames_IN_cities500.csv"):
        iso = admin1.get(r["admin1code"])
        if iso not in lgd.iso_to_lgd:
            continue
        st = lgd.iso_to_lgd[iso]
        t = Town(
            r["name"], st, float(r["latitude"]), float(r["longitude"]), float(r["population"] or 0)
        )
        for hi in clean_hindi(r["alt_names_devanagari"]):
            (t.primary if renders(hi, t.en) else t.secondary).add(hi)
        t.latin = {x for x in r["alt_names_latin_other"].split("|") if x and x[0].isupper()}
        t.sources.add("geonames")
        if t.primary or t.secondary:
            towns[(st, en_key(t.en))] = t
    for r in read_csv(shared / "dr5hn_countries_states_cities" / "derived_IN_cities_hi.csv"):
        if r["state_code"] not in lgd.iso_to_lgd:
            continue
        st = lgd.iso_to_lgd[r["state_code"]]
        his = clean_hindi(r["name_hi"]) + clean_hindi(r["native"])
        if not his:
            continue
        # "Fatehpur (Barabanki)": a town named after its district, kept apart from the
        # town of the bare name; the parenthesis names the district
        en, _, hint = r["name"].partition("(")
        key = (st, en_key(r["name"]) + ("_" + en_key(hint) if hint else ""))
        found = towns.get(key)
        if found is not None:
            t = found
        else:
            pop = float(r["population"] or 0)
            lat, lon = float(r["latitude"] or 0) or None, float(r["longitude"] or 0) or None
            t = Town(en.strip(), st, lat, lon, pop)
            hinted = lgd.district_by_key.get((st, en_key(hint))) if hint else None
            if hinted and len(hinted) == 1:
                t.district, t.how = next(iter(hinted)), "name_hint"
            towns[key] = t
        t.primary.update(his[:1])
        for hi in his[1:]:
            (t.primary if renders(hi, t.en) else t.secondary).add(hi)
        t.secondary -= t.primary
        t.sources.add("dr5hn")
    for en, hi, st, dcode in lgd.ulb_hindi:
        key = (st, en_key(ULB_NOISE.sub(" ", en)) or en_key(en))
        found = towns.get(key)
        if found is not None:
            t = found
        else:
            t = Town(title_if_caps(ULB_NOISE.sub(" ", en).strip(" -")) or en, st, None, None, 0.0)
            towns[key] = t
        if t.district is None:
            t.district, t.how = dcode, "ulb"
        t.primary.add(hi)
        t.secondary.discard(hi)
        t.sources.add("lgd_ulb")
    return [towns[k] for k in sorted(towns)]


def map_towns(towns: list[Town], lgd: Lgd) -> Counter[str]:
    def states_of(t: Town) -> list[int]:
        # GeoNames may still file Telangana towns under Andhra Pradesh, Ladakh under J&K
        pairs = {28: [28, 36], 36: [36, 28], 1: [1, 37], 37: [37, 1]}
        return pairs.get(t.state, [t.state])

    def unique(table: dict[tuple[int, str], set[int]], t: Town, keys: Iterable[str]) -> int | None:
        for st in states_of(t):
            found: set[int] = set()
            for k in keys:
                found |= table.get((st, k), set())
            if len(found) == 1:
                return next(iter(found))
            if len(found) > 1:
                # a town that is itself a district headquarters, else ambiguous
                same = [c for c in found if en_key(lgd.districts[c][0]) in keys]
                return same[0] if len(same) == 1 else None
        return None

    for t in towns:
        if t.district is not None:
            continue
        own = {en_key(t.en)}
        alts = {en_key(x) for x in t.latin} - own
        for how, table, keys in (
            ("district_name", lgd.district_by_key, own),
            ("ulb", lgd.ulb_by_key, own),
            ("sub_district_name", lgd.sub_by_key, own),
            ("ulb_alt", lgd.ulb_by_key, alts),
            ("district_alt", lgd.district_by_key, alts),
        ):
            code = unique(table, t, keys)
            if code is not None:
                t.district, t.how = code, how
                break
        if t.district is not None and lgd.districts[t.district][1] != t.state:
            t.state = lgd.districts[t.district][1]
    # nearest mapped neighbours
    mapped = [t for t in towns if t.district is not None and t.lat is not None]
    by_state: dict[int, list[Town]] = defaultdict(list)
    for t in mapped:
        by_state[t.state].append(t)
    for t in towns:
        if t.district is not None or t.lat is None or t.lon is None:
            continue
        here = (t.lat, t.lon)
        near = sorted(
            (haversine_km(here, (o.lat, o.lon)), o.district)  # type: ignore[arg-type]
            for o in by_state.get(t.state, [])
        )[:5]
        near = [(d, c) for d, c in near if d <= 25.0]
        if near:
            votes = Counter(c for _, c in near)
            code, n = votes.most_common(1)[0]
            if n * 2 > len(near) or len(near) == 1:
                t.district, t.how = code, "nearest"
    return Counter(t.how or "none" for t in towns)


# --------------------------------------------------------------------------- rows


Row = dict[str, str]


def row(
    name: str,
    kind: str,
    district: str,
    state: str,
    country: str,
    lgd_state: int | None,
    lgd_district: int | None,
    rank: float,
    source: str,
) -> Row:
    return {
        "name": name,
        "kind": kind,
        "district": district,
        "state": state,
        "country": country,
        "lgd_state": "" if lgd_state is None else str(lgd_state),
        "lgd_district": "" if lgd_district is None else str(lgd_district),
        "rank": f"{rank:.0f}",
        "source": source,
    }


def country_rows(shared: Path) -> list[Row]:
    names: dict[str, set[str]] = defaultdict(set)
    src: dict[tuple[str, str], str] = {}

    def add(code: str, hi_raw: str, tag: str) -> None:
        for hi in clean_hindi(hi_raw):
            names[code].add(hi)
            src.setdefault((code, hi), tag)

    terr = json.loads(
        (shared / "cldr37_hi_localenames" / "territories.json").read_text(encoding="utf-8")
    )
    terr = terr["main"]["hi"]["localeDisplayNames"]["territories"]
    for code, hi in sorted(terr.items()):
        if re.fullmatch(r"[A-Z]{2}", code) and code not in (
            "EU",
            "EZ",
            "UN",
            "QO",
            "XA",
            "XB",
            "ZZ",
        ):
            add(code, hi, "cldr")
    en_to_iso: dict[str, str] = {}
    for r in read_csv(shared / "dr5hn_countries_states_cities" / "derived_countries_hi.csv"):
        add(r["iso2"], r["name_hi"], "dr5hn")
        en_to_iso[en_key(r["name"])] = r["iso2"]
    with (shared / "google_langres_hi_ur_wikidata" / "wikidata_20150427.tsv").open(
        encoding="utf-8"
    ) as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            code = en_to_iso.get(en_key(r["en"] or ""))
            if code:
                add(code, r["hi"] or "", "wikidata")
    for r in read_csv(shared / "curated_lexicons" / "demonyms_hi.csv"):
        add(r["iso2"], r["country_hi"], "curated")
    out = []
    for code in sorted(names):
        for hi in sorted(names[code]):
            out.append(row(hi, "country", "", "", code, None, None, RANK_COUNTRY, src[(code, hi)]))
    return out


def state_rows(shared: Path, lgd: Lgd) -> list[Row]:
    out = []
    for r in read_csv(shared / "dr5hn_countries_states_cities" / "derived_IN_states.csv"):
        code = lgd.iso_to_lgd.get(r["iso2"])
        if code is None:
            continue
        for hi in clean_hindi(r["native"]):
            out.append(
                row(hi, "state", "", lgd.states[code], "IN", code, None, RANK_STATE, "dr5hn")
            )
    return out


def district_rows(
    shared: Path, lgd: Lgd, towns: list[Town], variants: list[Row]
) -> tuple[list[Row], list[str]]:
    his: dict[int, list[tuple[str, str]]] = defaultdict(list)
    paren_alts: list[tuple[int, str, str]] = []
    for r in read_csv(
        shared / "derived_district_hindi_candidates" / "lgd_districts_hindi_candidates.csv"
    ):
        code = int(r["district_code_lgd"])
        for tag, col in (("geonames", "hi_geonames"), ("dr5hn", "hi_dr5hn")):
            plain = clean_hindi(r[col])
            for hi in plain:
                his[code].append((hi, tag))
            for hi in clean_hindi(r[col], paren_alt=True):
                if hi not in plain:
                    paren_alts.append((code, hi, tag))
    # a name in parentheses is another name of the district (प्रयागराज (इलाहाबाद)) unless
    # it names something else of the state (फतेहपुर (बाराबंकी))
    taken: dict[tuple[int, str], set[int]] = defaultdict(set)
    for code, names in his.items():
        for hi, _ in names:
            taken[(lgd.districts[code][1], fold_for_match(hi))].add(code)
    for t in towns:
        for hi in t.primary:
            if t.district is not None:
                taken[(t.state, fold_for_match(hi))].add(t.district)
    for v in variants:
        if v["kind"] == "district" and v["lgd_district"]:
            taken[(int(v["lgd_state"]), fold_for_match(v["name"]))].add(int(v["lgd_district"]))
    for code, hi, tag in paren_alts:
        if not taken.get((lgd.districts[code][1], fold_for_match(hi)), set()) - {code}:
            his[code].append((hi, tag))
    # urban districts missing from the 2026 roster, and ULB names equal to the district's
    hq_pop: dict[int, float] = defaultdict(float)
    for t in towns:
        if t.district is None:
            continue
        dname = lgd.districts[t.district][0]
        if en_key(dname) == en_key(t.en):
            hq_pop[t.district] = max(hq_pop[t.district], t.pop)
            for hi in sorted(t.primary):
                his[t.district].append((hi, "town_join"))
    # districts named after a town of their state that maps elsewhere (new districts),
    # and hyphenated names (Agar-Malwa, Balodabazar-Bhatapara) from their parts
    town_hi: dict[tuple[int, str], list[str]] = defaultdict(list)
    for t in towns:
        town_hi[(t.state, en_key(t.en))].extend(sorted(t.primary))
    for code, (name, st) in sorted(lgd.districts.items()):
        if his.get(code):
            continue
        parts = [p for p in re.split(r"[-()]", name) if p.strip()]
        found = [town_hi.get((st, en_key(p)), []) for p in parts]
        if len(parts) > 1 and all(found):
            his[code].append(("-".join(f[0] for f in found), "town_join_parts"))
        if found and found[0]:
            his[code].append((found[0][0], "town_join"))
    # "East X" / "Purba X" style districts from the Hindi name of X
    prefixes = {
        "east": "पूर्वी",
        "purba": "पूर्वी",
        "purbi": "पूर्वी",
        "west": "पश्चिमी",
        "paschim": "पश्चिमी",
        "paschimi": "पश्चिमी",
        "north": "उत्तरी",
        "uttar": "उत्तर",
        "south": "दक्षिणी",
        "dakshin": "दक्षिण",
    }
    by_name = {(st, en_key(n)): c for c, (n, st) in lgd.districts.items()}
    for code, (name, st) in sorted(lgd.districts.items()):
        if his.get(code):
            continue
        first, _, rest = name.partition(" ")
        base = by_name.get((st, en_key(rest)))
        if first.lower() in prefixes and base is not None and his.get(base):
            his[code].append((f"{prefixes[first.lower()]} {his[base][0][0]}", "derived_prefix"))
    # a Hindi name claimed by several districts of a state (``नई दिल्ली`` joined to both
    # New Delhi and Old Delhi) stays only with those whose English name it spells
    claims: dict[tuple[int, str], set[int]] = defaultdict(set)
    for code, names in his.items():
        for hi, _ in names:
            claims[(lgd.districts[code][1], hi)].add(code)
    for (_st, hi), codes in claims.items():
        if len(codes) > 1:
            score = {c: spelling_score(hi, lgd.districts[c][0]) for c in codes}
            top = max(score.values())
            keep = {c for c in codes if score[c] == top}
            for c in codes - keep:
                his[c] = [(h, t) for h, t in his[c] if h != hi]
    out: list[Row] = []
    missing: list[str] = []
    for code, (name, st) in sorted(lgd.districts.items()):
        rank = RANK_DISTRICT + min(hq_pop.get(code, 0.0), 499_000.0)
        seen: set[str] = set()
        for hi, tag in his.get(code, []):
            if hi not in seen:
                seen.add(hi)
                out.append(row(hi, "district", name, lgd.states[st], "IN", st, code, rank, tag))
        if not seen:
            missing.append(f"{name} ({lgd.states[st]})")
    return out, missing


def town_rows(towns: list[Town], lgd: Lgd) -> list[Row]:
    out = []
    for t in towns:
        state = lgd.states[t.state]
        dname = lgd.districts[t.district][0] if t.district is not None else ""
        pop = t.pop or RANK_CITY_UNKNOWN
        tag = "+".join(sorted(t.sources)) + (":nearest" if t.how == "nearest" else "")
        for hi in sorted(t.primary):
            out.append(row(hi, "city", dname, state, "IN", t.state, t.district, pop, tag))
        for hi in sorted(t.secondary - t.primary):
            out.append(
                row(hi, "city", dname, state, "IN", t.state, t.district, pop / 1000, tag + ":alt")
            )
    return out


def subdistrict_rows(towns: list[Town], lgd: Lgd) -> list[Row]:
    """Tehsils and blocks whose English name is that of a Hindi-named town in the district."""
    hi_by: dict[tuple[int, str], set[str]] = defaultdict(set)
    for t in towns:
        if t.district is not None:
            hi_by[(t.district, en_key(t.en))].update(t.primary)
    out = []
    for name, code, villages in sorted(lgd.subunits):
        st = lgd.districts[code][1]
        for hi in sorted(hi_by.get((code, en_key(name)), set())):
            out.append(
                row(
                    hi,
                    "sub_district",
                    lgd.districts[code][0],
                    lgd.states[st],
                    "IN",
                    st,
                    code,
                    RANK_SUBDISTRICT + villages,
                    "lgd+town_join",
                )
            )
    return out


def variant_rows(lgd: Lgd) -> tuple[list[Row], list[str]]:
    """``place_variants.tsv`` checked against LGD, with codes and default ranks filled."""
    path = ROOT / "src" / "jaanch" / "lexicons" / "place_variants.tsv"
    defaults = {"country": RANK_COUNTRY, "state": RANK_STATE, "district": RANK_DISTRICT}
    defaults |= {
        "sub_district": RANK_SUBDISTRICT,
        "city": RANK_CITY_UNKNOWN,
        "facility": RANK_CITY_UNKNOWN,
    }
    state_code = {n: c for c, n in lgd.states.items()}
    district_code = {(n, lgd.states[st]): c for c, (n, st) in lgd.districts.items()}
    out: list[Row] = []
    errors: list[str] = []
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        r = {k: (v or "").strip() for k, v in r.items()}
        st = state_code.get(r["state"]) if r["state"] else None
        dc = district_code.get((r["district"], r["state"])) if r["district"] else None
        if (
            (r["state"] and st is None)
            or (r["district"] and dc is None)
            or r["kind"] not in defaults
        ):
            errors.append(
                f"{r['name']}: unknown kind/district/state {r['kind']}/{r['district']}/{r['state']}"
            )
            continue
        rank = float(r["rank"]) if r["rank"] else defaults[r["kind"]]
        name = normalise(r["name"]).text
        out.append(
            row(name, r["kind"], r["district"], r["state"], r["country"], st, dc, rank, r["source"])
        )
    return out, errors


def load_stopwords() -> dict[str, str]:
    """``place_stopwords.tsv``: folded word -> action (``drop`` or ``context``)."""
    path = ROOT / "src" / "jaanch" / "lexicons" / "place_stopwords.tsv"
    out: dict[str, str] = {}
    if path.exists():
        lines = [
            ln
            for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
        for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["action"] in ("drop", "context"):
                out[fold_for_match(r["word"])] = r["action"]
    return out


def apply_stopwords(rows: list[Row], stop: dict[str, str]) -> list[Row]:
    out = []
    for r in rows:
        action = stop.get(fold_for_match(r["name"]))
        if action == "drop":
            continue
        if action == "context" and not r["source"].endswith("needs_context"):
            r = {**r, "source": r["source"] + ":needs_context"}
        out.append(r)
    return out


def dedupe(rows: list[Row]) -> list[Row]:
    best: dict[tuple[str, ...], Row] = {}
    for r in rows:
        key = (fold_for_match(r["name"]), r["kind"], r["district"], r["state"], r["country"])
        old = best.get(key)
        if old is None or float(r["rank"]) > float(old["rank"]):
            best[key] = r
    kind_order = {
        "country": 0,
        "state": 1,
        "district": 2,
        "sub_district": 3,
        "city": 4,
        "facility": 5,
    }
    return sorted(
        best.values(),
        key=lambda r: (
            kind_order[r["kind"]],
            r["country"],
            r["state"],
            r["district"],
            r["name"],
            r["rank"],
        ),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteers")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "jaanch" / "lexicons" / "places.tsv")
    ap.add_argument("--report", action="store_true", help="print unmapped districts and big cities")
    args = ap.parse_args(argv)
    shared: Path = args.shared
    lgd = load_lgd(shared)
    towns = load_towns(shared, lgd)
    how = map_towns(towns, lgd)
    stop = load_stopwords()
    variants, errors = variant_rows(lgd)
    districts, missing = district_rows(shared, lgd, towns, variants)
    for e in errors:
        print("place_variants.tsv:", e, file=sys.stderr)
    curated = {r["district"] for r in variants if r["kind"] == "district"}
    missing = [m for m in missing if m.rsplit(" (", 1)[0] not in curated]
    rows = dedupe(
        apply_stopwords(
            variants
            + country_rows(shared)
            + state_rows(shared, lgd)
            + districts
            + subdistrict_rows(towns, lgd)
            + town_rows(towns, lgd),
            stop,
        )
    )
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Generated by scripts/build_gazetteer.py - do not edit; see ATTRIBUTION-places.md\n"
        )
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in COLUMNS) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}")
    print("rows per kind:", dict(sorted(Counter(r["kind"] for r in rows).items())))
    n_towns = len(towns)
    n_mapped = sum(1 for t in towns if t.district is not None)
    print(f"towns with a Hindi name: {n_towns}; mapped to an LGD district: {n_mapped}")
    print("  by method:", dict(sorted(how.items())))
    print(f"districts with no Hindi name (sources nor place_variants.tsv): {len(missing)}")
    if args.report:
        for m in missing:
            print("   missing:", m)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
