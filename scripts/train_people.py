"""Train the learned people layer and write it into the package.

    python scripts/train_people.py [--seed 0] [--cv] [--out src/jaanch/models]

Reads the project's own annotations (``annotations/people.jsonl``, joined to ``../shared``
text; with ``--with-dev`` also the gold dev set, which otherwise stays for evaluation),
reads every article with the rules, and trains

* ``role_model``: one logistic regression per role over each person's features;
* ``associate_model``: one logistic regression over each pair of people of an article;
  its threshold is the mean pair score at which two groups of accused join (average
  linkage), fixed by cross-validation (``annotate.crossval.ASSOCIATE_THRESHOLD``);
* ``person_model``: one logistic regression over each chunk the context recogniser's cues
  propose (is it a person's name?), its threshold chosen on held-out predictions inside
  the training data;
* ``person_check``: one logistic regression over each person the recognisers found, read
  whole (is it a person?), its threshold fixed by cross-validation
  (``annotate.crossval.PERSON_CHECK_THRESHOLD``) so that only a sure answer drops one.

All are written as JSON weights (``<out>/<name>/weights.json``) with a ``MODEL_CARD.md``.
The result depends only on the data and ``--seed``. With ``--cv`` the card also gives the
5-fold and leave-one-source-out figures of ``scripts/cross_validate.py`` (slower).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import sklearn  # the training dependency ([dev] and [train] extras)

from jaanch.annotate.crossval import (
    ASSOCIATE_C,
    GROUPS,
    PERSON_C,
    PERSON_CHECK_C,
    CVReport,
    article_examples,
    cross_validate,
    rules_pipeline,
    train_models,
)
from jaanch.annotate.folds import source_of
from jaanch.annotate.records import load_golds
from jaanch.models.roles import (
    ASSOCIATE_NAME,
    NAME,
    PERSON_CHECK_NAME,
    PERSON_NAME,
    RoleModel,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

VERSION = "1.0"


#: per model: what it does, its features, how it is used, its C, what an example is
ABOUT = {
    NAME: (
        "assigns each person of an article their roles (accused, victim, complainant, "
        "witness, official, relative, other) from all of their mentions",
        "`jaanch.models.role_features.person_features`: the roles the rules gave, the "
        "designation, the recogniser's cue, the words after each mention (past an FIR-style "
        "description) and before it, list membership and the words before the list, the "
        "crime and action cues of the sentence, the case word and the word before read "
        "together with those cues and with the article's crimes, how often and how early "
        "the person is named, the article's crime types",
        "On in the default pipeline (`pipeline.yaml`) for the people the rules give no "
        "cue role; `Pipeline(role_model=False)` gives the rules alone.",
        0.5,
        "people aligned to a gold person. A person the recognisers do not find is no example.",
    ),
    ASSOCIATE_NAME: (
        "decides for each pair of people of an article whether the text joins them "
        "as criminal associates (`associate`)",
        "`jaanch.models.pair_features.pair_features`: both people's roles as the rules "
        "gave them, whether they are listed together (and the words around the list), any "
        "list and any sentence that names both (with its words of joint action and its crime "
        "and action cues), how far apart their nearest mentions are, the words between them, "
        "words of joint action in the article (`affiliations.yaml`), a kinship or rule-found "
        "tie, how many accused the article names",
        "On in the default pipeline (`pipeline.yaml: associate_model`; "
        "`Pipeline(associate_model=False)` turns it off), It is asked only about two accused. "
        "The accused are grouped by average linkage: two groups join while the mean score "
        "of their cross pairs reaches the threshold, and every two of a group are a pair.",
        ASSOCIATE_C,
        "pairs of aligned people.",
    ),
    PERSON_NAME: (
        "decides whether a chunk of words that a cue of the context recogniser proposes "
        "(a role, occupation or kinship noun before it, a residence, a reporting verb "
        "after it, a list beside a found name, `वाले`/`पहचान`/`नाम` before it, an item of a "
        "coordination `A, B और C`) is a person's name",
        "`jaanch.models.person_features.candidate_features`: how much people in India use "
        "each word as a name (`latin_names.tsv` through the word's usual English spelling; "
        "the last word also as a family name), "
        "name-likeness and common-word statistics of the public NER and news corpora, "
        "surname, given-name and title tables, syllables, overlap with a place, the cue and "
        "cue word, the words right before and after the chunk (a word that may be a name is "
        "`<w>`), for a coordination item the coordination as a whole (its size, the words "
        "around it, how name-like its least name-like item is), whether the hand rules "
        "took the chunk, and each word feature again together with the kind of cue that "
        "proposed the chunk",
        "On in the default pipeline (`pipeline.yaml: person_model`); "
        "`Pipeline(person_model=False)` gives the hand rules' decisions.",
        PERSON_C,
        "chunks proposed by the cues, a chunk being a name when it is a gold person's name "
        "or alias word for word. A name no cue proposes is no example.",
    ),
    PERSON_CHECK_NAME: (
        "keeps or drops each person the recognisers found in an article, read whole (all "
        "of their mentions): a word the NER model or a cue took for a name (a festival, a "
        "common noun after a case word, a place) goes, with its mentions",
        "`jaanch.facts.people.person_check_rows`: some of the role assigner's features (the "
        "word right after and before every mention, the cues, the rule roles and post, how "
        "often and how early the person is named, list membership) and "
        "`jaanch.models.person_features.name_check_features`: the name statistics of the "
        "longest mention's first and last word (as for a candidate chunk), how many words, "
        "which recognisers found it, the cues that proposed it, whether its words are also "
        "a place or an organisation of the article",
        "Off in the default pipeline (`pipeline.yaml: person_check`): trained on crime "
        "reports, it also drops public and foreign figures of general news; "
        "`Pipeline(person_check=True)` turns it on for an archive of crime reports.",
        PERSON_CHECK_C,
        "people found by the rules, a person being one when their name or an alias is a "
        "gold person's name or alias.",
    ),
}


def card(
    name: str, model: RoleModel, golds: list[dict], n_examples: int, cv: list[CVReport] | None
) -> str:
    sources = Counter(source_of(g["id"]) for g in golds)
    n_dev = sum(1 for g in golds if "groups" not in g)
    what, feats, use, c, example = ABOUT[name]
    lines = [
        f"# `{name}` (version {model.version})",
        "",
        f"A linear model that {what}. {use}",
        "",
        "## Training",
        "",
        f"- Script: `python scripts/train_people.py --seed {model.meta.get('seed', 0)}` "
        f"(scikit-learn {sklearn.__version__}, logistic regression, L2, "
        f"C={c}, balanced classes). The weights are plain "
        "JSON; prediction needs numpy only.",
        f"- Articles: {len(golds)} ({n_dev} of the gold dev set, {len(golds) - n_dev} "
        "annotated by the project, `annotations/people.jsonl`), from "
        + ", ".join(f"{s} {n}" for s, n in sorted(sources.items()))
        + ".",
        f"- Examples: {n_examples} {example}",
        f"- Features: {feats}. Words are folded; no name is a feature. "
        f"{len(model.vocab)} features have a weight.",
        "- Labels and thresholds (the associate model's and the person check's fixed by "
        "cross-validation, the person model's chosen on the held-out predictions of three "
        "shuffles of a 3-fold split inside the training data, the role model's 0.5): "
        + ", ".join(f"{r} ≥ {t:.2f}" for r, t in zip(model.roles, model.thresholds, strict=True))
        + ".",
        "",
        "## Limits",
        "",
        "- It sees only what the recognisers propose; a name no cue proposes stays missed.",
        (
            "- The dev set is among its training data: figures measured on it are training "
            "figures. Judge it by the cross-validated figures below."
            if model.meta.get("with_dev")
            else "- The gold dev set is not among its training data: `jaanch eval` on it "
            "measures articles the model has not seen. The cross-validated figures below "
            "pool the dev set and the annotations."
        ),
    ]
    if cv:
        lines += [
            "",
            "## Cross-validated figures (F1, `scripts/cross_validate.py`)",
            "",
            "Held-out folds of the same articles, trained on the rest; mean ± sd over folds, "
            "and pooled micro F1.",
            "",
            "| group | " + " | ".join(r.scheme for r in cv) + " |",
            "|---|" + "---|" * len(cv),
        ]
        for g in GROUPS:
            cells = []
            for r in cv:
                m, sd = r.mean_sd(g)
                cells.append(f"{m:.3f} ± {sd:.3f} ({r.pooled[g]:.3f})")
            lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dev", type=Path, default=SHARED / "gold" / "dev.jsonl")
    ap.add_argument("--annotations", type=Path, default=ROOT / "annotations" / "people.jsonl")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "jaanch" / "models")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cv", action="store_true", help="cross-validate and put it in the cards")
    ap.add_argument(
        "--with-dev", action="store_true", help="train on the dev set too (no dev figures then)"
    )
    args = ap.parse_args()
    everything = load_golds(args.dev, args.annotations, args.corpus)
    golds = everything if args.with_dev else [g for g in everything if "groups" in g]
    rules = rules_pipeline()
    examples = [article_examples(g, rules) for g in golds]
    meta = {"seed": args.seed, "articles": len(golds), "with_dev": args.with_dev}
    models = train_models(examples, seed=args.seed, meta=meta)
    # cross-validation always runs over the dev set and the annotations together
    cv = cross_validate(everything, seed=args.seed) if args.cv else None
    n_roles = sum(len(e.roles) for e in examples)
    n_pairs = sum(len(e.pairs) for e in examples)
    n_candidates = sum(len(e.candidates) for e in examples)
    n_checks = sum(len(e.checks) for e in examples)
    for name, model, n in (
        (NAME, models.roles, n_roles),
        (ASSOCIATE_NAME, models.associates, n_pairs),
        (PERSON_NAME, models.persons, n_candidates),
        (PERSON_CHECK_NAME, models.person_check, n_checks),
    ):
        if model is None:
            print(f"{name}: too few examples, not written", file=sys.stderr)
            continue
        model.version = VERSION
        folder = args.out / name
        model.save(folder)
        (folder / "MODEL_CARD.md").write_text(card(name, model, golds, n, cv), encoding="utf-8")
        print(f"{name}: {n} examples, {len(model.vocab)} features -> {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
