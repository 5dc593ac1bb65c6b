"""Article facts: from the spans of the recognisers to the fields of an
:class:`~jaanch.types.Extraction` (people, places, crimes, actions, laws, amounts,
case counts, relations, dates, incidents)."""

from __future__ import annotations

from jaanch.doc import Doc
from jaanch.facts.events import (
    build_amounts,
    build_case_counts,
    build_codes,
    build_dates,
    build_laws,
)
from jaanch.facts.incidents import build_incidents
from jaanch.facts.people import build_people
from jaanch.facts.places import build_places
from jaanch.models.roles import PeopleModels
from jaanch.types import Extraction


def build_facts(doc: Doc, ex: Extraction, models: PeopleModels | None = None) -> None:
    """Fill ``ex`` from the spans of ``doc`` (in place). ``models``: the learned parts of
    the people layer (:class:`~jaanch.models.roles.PeopleModels`; the rules alone where
    one is None); the person check may drop PERSON spans from ``doc``."""
    ex.laws = build_laws(doc)
    ex.crimes, ex.actions = build_codes(doc, ex.laws)
    ex.people, ex.relations, clusters = build_people(doc, {c.code for c in ex.crimes}, models)
    ex.places = build_places(doc)
    ex.amounts = build_amounts(doc)
    ex.case_counts = build_case_counts(doc, clusters)
    ex.dates = build_dates(doc)
    ex.incidents = build_incidents(doc, ex, clusters)


__all__ = ["build_facts"]
