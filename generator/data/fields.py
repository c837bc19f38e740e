"""The field registry: how each dimension, field and unit is named and shown, declared once.

The dimensions are the fields of ``model.Dimensions``; their titles are their model classes'
names and their descriptions the classes' docstrings. Pages, tables, CSV columns, the API's
codebook, the compare view and ``diff`` all read their words from here, so a new field or
dimension is named in one place (or nowhere, when its name reads well with spaces).
"""

from __future__ import annotations

from generator.data.model import DIMENSIONS, Dimension, Dimensions, Quantity


def dimension_model(dimension: str) -> type[Dimension]:
    return Dimensions.model_fields[dimension].annotation


# "Mandates", "Funding", ...: the class name is the title readers see
DIMENSION_TITLES: dict[str, str] = {d: dimension_model(d).__name__ for d in DIMENSIONS}

# Dimensions that keep measured figures apart from their requirements (today staffing only)
WITH_OBSERVED: tuple[str, ...] = tuple(d for d in DIMENSIONS if "observed" in dimension_model(d).model_fields)

# Field names as a reader would say them; any other field loses its underscores.
FIELD_LABELS = {
    "effective": "effective date",
    "ended": "end date",
    "mechanism": "funding mechanism",
    "quantities": "figures",
    "billing_codes": "billing codes",
    "last_reviewed": "last reviewed",
    "cited_via": "cited via",
    "url": "URL",
    "doi": "DOI",
    "required_for": "required for",
    "looked_for": "looked for",
    "role_titles": "role titles",
}

# How a figure's unit is written after its number. None: the figure's `per` names the
# currency and unit itself ("USD per 15 minutes"), so nothing goes between them.
UNIT_LABELS: dict[str, str | None] = {
    "fte": "FTE",
    "percent_fte": "% FTE",
    "hours_per_week": "hours a week",
    "training_hours": "training hours",
    "supervised_hours": "supervised hours",
    "continuing_education_hours": "continuing-education hours",
    "years": "years",
    "currency_per_unit": None,
    "workers": "workers",
    "percent": "%",
}
# The wording after a figure of exactly 1 ("1 worker per ACT team"), where it differs.
UNIT_LABELS_ONE: dict[str, str] = {
    "hours_per_week": "hour a week",
    "training_hours": "training hour",
    "supervised_hours": "supervised hour",
    "continuing_education_hours": "continuing-education hour",
    "years": "year",
    "workers": "worker",
}


# How a coded value reads where the code alone would puzzle a reader (filters, table cells);
# every other value reads as its code with spaces ("condition of funding").
VALUE_LABELS: dict[str, str] = {
    "act": "ACT teams (assertive community treatment)",
    "health_insurance_reimbursement": "health insurance reimbursement (e.g. Medicaid state plan)",
    "insurance_waiver": "insurance waiver (e.g. Medicaid 1115 or 1915)",
    "social_insurance_reimbursement": "disability or social insurance (e.g. NDIS)",
    "all_public_services": "all public mental health services",
    "peer_run": "peer-run organisations",
    "in_force": "in force",
}


def value_label(value: object) -> str:
    return VALUE_LABELS.get(str(value), str(value).replace("_", " "))


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " "))


def unit_label(unit: str) -> str:
    """The unit's words on their own, e.g. for a heading: 'FTE', 'payment per billing unit'."""
    shown = UNIT_LABELS.get(unit, unit.replace("_", " "))
    return shown if shown is not None else "payment per billing unit"


def quantity_name(q: Quantity) -> str:
    """What a figure measures, without its number: 'FTE per ACT team', 'USD per 15 minutes'."""
    shown = UNIT_LABELS.get(q.unit, q.unit.replace("_", " "))
    if shown is None:
        return q.per or unit_label(q.unit)
    return f"{shown} per {q.per}" if q.per else shown


def quantity_text(q: Quantity, with_note: bool = False) -> str:
    """One figure in words, the same on pages, in tables, downloads and diffs: '0.5 FTE per ACT team'."""
    name = quantity_name(q)
    if q.value == 1 and q.unit in UNIT_LABELS_ONE:
        name = UNIT_LABELS_ONE[q.unit] + name[len(UNIT_LABELS[q.unit] or ""):]
    text = f"{q.value:g} {name}"
    return text + (f" ({q.note})" if with_note and q.note else "")


def codebook_entry() -> dict:
    """The registry as the API publishes it (codebook.json), for the compare view and the map.

    A unit of ``null`` means the figure's ``per`` names it: write value, space, ``per``.
    """
    return {"dimension_titles": DIMENSION_TITLES, "with_observed": list(WITH_OBSERVED),
            "units": UNIT_LABELS, "units_one": UNIT_LABELS_ONE,
            "field_labels": FIELD_LABELS, "value_labels": VALUE_LABELS}
