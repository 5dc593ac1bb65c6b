"""Types that cross pipeline stages.

Every stage speaks these types: recognisers emit :class:`Span`, the fact builders turn
spans into :class:`Person`, :class:`Place`, ... and :class:`Extraction` serialises to the
``jaanch.extraction/1`` format (``../shared/spec/extraction-format.md``).

Offsets in a :class:`Span` index the *input* text exactly as given (Python ``str``
indices), never the normalised text: the pipeline maps them back before a span leaves
the recogniser stage.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "jaanch.extraction/1"

#: Span labels that appear in the output ``entities`` list.
ENTITY_TYPES = ("PERSON", "ORG", "LOC", "DESIGNATION", "DATE", "MONEY", "LAW")


@dataclass(frozen=True)
class Provenance:
    """Which recogniser made a fact, and from which words."""

    recogniser: str
    version: str


@dataclass
class Span:
    """A labelled stretch of the input text.

    ``label`` is one of :data:`ENTITY_TYPES` for output entities, or an internal label
    used between stages (``CRIME_CUE``, ``ACTION_CUE``, ``COUNT``, ``AGE``, ``NUMBER``,
    ``KIN``, ``NEGATION`` ...). ``value`` carries the normalised meaning: a designation
    code, an amount in rupees, an ISO date, a place record, ...
    """

    start: int
    end: int
    label: str
    text: str
    recogniser: str
    version: str
    value: Any = None
    score: float = 1.0
    #: the same span in the normalised text the recognisers read (see ``jaanch.doc``)
    nstart: int = -1
    nend: int = -1

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.recogniser, self.version)

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_entity(self) -> dict[str, Any]:
        return {
            "type": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "recogniser": self.recogniser,
            "version": self.version,
        }


@dataclass
class Evidence:
    """A pointer from a fact back to the words it came from."""

    start: int
    end: int
    text: str
    recogniser: str
    version: str

    @classmethod
    def of(cls, span: Span) -> Evidence:
        return cls(span.start, span.end, span.text, span.recogniser, span.version)


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    designation: str | None = None
    latin: str | None = None
    age: int | None = None
    residence: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Place:
    name: str
    kind: str | None
    district: str | None = None
    state: str | None = None
    country: str | None = None
    lgd_district: int | None = None
    lgd_state: int | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Law:
    act: str
    section: str | None = None
    bns: list[str] = field(default_factory=list)
    ipc: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Amount:
    value: int
    currency: str
    approx: bool
    text: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class CaseCount:
    person: str
    count: int
    place: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Relation:
    type: str
    head: str
    tail: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Coded:
    """A coded article fact (a crime type or an action) with its evidence."""

    code: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class DateFact:
    value: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Incident:
    id: str
    crimes: list[str]
    actions: list[str]
    people: list[str]
    places: list[str]
    dates: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    #: the byline, where the page or record names one
    author: str | None = None


@dataclass
class Extraction:
    """Everything Jaanch found in one article."""

    article: Article
    entities: list[Span] = field(default_factory=list)
    crimes: list[Coded] = field(default_factory=list)
    actions: list[Coded] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    case_counts: list[CaseCount] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    pipeline: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a ``jaanch.extraction/1`` record (extra fields carry evidence)."""
        a = self.article
        return {
            "schema": SCHEMA,
            "article": {
                "id": a.id,
                "title": a.title,
                "published": a.published,
                "source": a.source,
                "url": a.url,
                **({"author": a.author} if a.author else {}),
            },
            "entities": [s.to_entity() for s in self.entities],
            "crimes": [c.code for c in self.crimes],
            "actions": [c.code for c in self.actions],
            "people": [asdict(p) for p in self.people],
            "places": [asdict(p) for p in self.places],
            "laws": [asdict(law) for law in self.laws],
            "amounts": [asdict(m) for m in self.amounts],
            "case_counts": [asdict(c) for c in self.case_counts],
            "relations": [asdict(r) for r in self.relations],
            "dates": [d.value for d in self.dates],
            "incidents": [asdict(i) for i in self.incidents],
            "evidence": {
                "crimes": {c.code: [asdict(e) for e in c.evidence] for c in self.crimes},
                "actions": {c.code: [asdict(e) for e in c.evidence] for c in self.actions},
                "dates": {d.value: [asdict(e) for e in d.evidence] for d in self.dates},
            },
            "pipeline": dict(self.pipeline),
        }
