"""Topic views: the questions people bring, one per setting, population and funding mechanism.

A topic is one value of an instrument field that names where or whom an instrument concerns
(``Instrument.settings``, ``.populations``, ``.mechanism``). Its view gathers every instrument
carrying that value, across the four dimensions, and the searches that covered the same value
without finding one (``Search.settings``, ``.populations``). The values come from the model's
vocabularies; only each value's title and question are written here, and a test fails when a
vocabulary value has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.data import codebook
from generator.data.dataset import Dataset
from generator.data.model import DIMENSIONS, Instrument, Jurisdiction, Search


@dataclass(frozen=True)
class Facet:
    field: str  # the Instrument field, e.g. "settings"
    title: str
    searched_by: str | None  # the Search field recording the same values, if any


FACETS = (
    Facet("settings", "Settings", "settings"),
    Facet("populations", "Populations", "populations"),
    Facet("mechanism", "Funding mechanisms", None),
)

# Values too broad to make a question of: "other" is described only in each summary,
# and "general" means "not limited to a population".
NO_VIEW = {"other", "general"}

# (title, question) of each value's view, by facet field and value.
WORDING: dict[str, dict[str, tuple[str, str]]] = {
    "settings": {
        "act": ("Peer workers on ACT teams",
                "Who requires peer workers on assertive community treatment (ACT) teams, and at what FTE?"),
        "community_mental_health": ("Peer support in community mental health services",
                                    "Where do community mental health services have to offer or fund peer support?"),
        "inpatient": ("Peer support on inpatient units", "Who puts peer workers on hospital inpatient units?"),
        "crisis": ("Peer workers in crisis services", "Which crisis teams, lines and houses include peer workers?"),
        "emergency": ("Peer support in emergency departments", "Who places peer workers in emergency departments?"),
        "primary_care": ("Peer support in primary care", "Where does primary care employ peer workers?"),
        "substance_use_treatment": ("Peer recovery support in substance use treatment",
                                    "Who requires or pays for peer recovery support in substance use treatment?"),
        "housing": ("Peer support in housing and homelessness services",
                    "Where do housing and homelessness services use peer workers?"),
        "justice": ("Peer support in forensic, prison and court settings",
                    "Who funds peer support in prisons, courts and forensic services?"),
        "peer_run": ("Peer-run organisations", "Who funds or certifies peer-run and consumer-operated organisations?"),
        "veterans_services": ("Peer support in veterans' services", "Which veterans' services employ peer workers?"),
        "all_public_services": ("Peer workers across all public mental health services",
                                "Who sets rules for peer work across all public mental health services?"),
    },
    "populations": {
        "adult_mental_health": ("Peer support for adults using mental health services",
                                "What rules cover peer support for adults using mental health services?"),
        "substance_use": ("Peer support for people who use substances",
                          "What rules cover peer recovery support for people who use substances?"),
        "youth": ("Youth peer support", "Who certifies, funds or requires youth peer support?"),
        "family": ("Family peer support", "Who certifies or pays for family and carer peer support?"),
        "veterans": ("Peer support for veterans", "What rules cover peer support for veterans?"),
        "older_adults": ("Peer support for older adults", "What rules cover peer support for older adults?"),
    },
    "mechanism": {
        "health_insurance_reimbursement": ("Medicaid and health-insurance reimbursement of peer support",
                                           "Which jurisdictions reimburse peer support through Medicaid or "
                                           "public health insurance, under which codes and rates?"),
        "insurance_waiver": ("Peer support paid under Medicaid waivers",
                             "Which states pay for peer support under a Medicaid waiver or demonstration?"),
        "social_insurance_reimbursement": ("Peer support paid by disability and social insurance",
                                           "Where do disability or social-insurance schemes pay for peer support?"),
        "grant": ("Grants for peer support", "Who funds peer support through grants?"),
        "contract": ("Peer support paid by contracts", "Who commissions peer support through service contracts?"),
        "block_funding": ("Peer posts paid from block budgets",
                          "Where are peer posts paid from a block or global budget of public services?"),
        "pilot": ("Peer support pilots", "Which governments fund time-limited peer support pilots?"),
    },
}

# Groups of views that answer one question between them, each view pointing to the others:
# Medicaid pays for peer support both through the state plan and under waivers.
RELATED: tuple[frozenset[str], ...] = (
    frozenset({"health_insurance_reimbursement", "insurance_waiver"}),
)


@dataclass(frozen=True)
class Topic:
    facet: Facet
    value: str
    title: str
    question: str

    @property
    def slug(self) -> str:
        return self.value.replace("_", "-")

    def see_also(self) -> list["Topic"]:
        related = {v for group in RELATED if self.value in group for v in group} - {self.value}
        return [t for t in topics() if t.value in related]


@dataclass(frozen=True)
class Match:
    j: Jurisdiction
    dimension: str
    instrument: Instrument


@dataclass(frozen=True)
class Absence:
    j: Jurisdiction
    dimension: str
    search: Search
    number: int  # its place in the dimension's list, for the page anchor (from 1)


def vocabulary(facet: Facet) -> tuple[str, ...]:
    """The values a facet's field may take, in the model's order (read off the schema)."""
    return tuple(value for value, _ in codebook.vocabulary("Instrument", facet.field))


def topics() -> list[Topic]:
    found = []
    for facet in FACETS:
        for value in vocabulary(facet):
            if value not in NO_VIEW:
                title, question = WORDING[facet.field][value]
                found.append(Topic(facet, value, title, question))
    return found


def _values(record, field: str | None) -> tuple:
    value = getattr(record, field) if field else None
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def matches(ds: Dataset, topic: Topic) -> list[Match]:
    """Every instrument carrying the topic's value, by jurisdiction name, in dimension order."""
    found = [
        Match(j, d, inst)
        for j in ds.jurisdictions.values() for d in DIMENSIONS for inst in j.dimension(d).instruments
        if topic.value in _values(inst, topic.facet.field)
    ]
    return sorted(found, key=lambda m: (m.j.name, DIMENSIONS.index(m.dimension)))


def absences(ds: Dataset, topic: Topic, found: list[Match] | None = None) -> list[Absence]:
    """Searches that covered the topic's value in jurisdictions with no matching instrument
    (``found``: the topic's matches, when already known)."""
    if not topic.facet.searched_by:
        return []
    with_match = {m.j.id for m in (matches(ds, topic) if found is None else found)}
    found = [
        Absence(j, d, s, n)
        for j in ds.jurisdictions.values() if j.id not in with_match
        for d in DIMENSIONS for n, s in enumerate(j.dimension(d).searched, start=1)
        if topic.value in _values(s, topic.facet.searched_by)
    ]
    return sorted(found, key=lambda a: (a.j.name, DIMENSIONS.index(a.dimension), a.number))
