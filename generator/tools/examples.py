"""The example values a new file shows, commented out, for every model the file can hold.

Only values: what each field means comes from the model. tests/test_scaffold.py
checks that these name every field of every model and that they validate.
"""

from __future__ import annotations

from pydantic import BaseModel

from generator.data.model import (
    BillingCode,
    Change,
    Credential,
    Instrument,
    LevelChange,
    ObservedFigure,
    Quantity,
    Search,
    Source,
)

EXAMPLE_SOURCE_KEY = "doe2021"
EXAMPLE_CITED_KEY = "smith2015"

EXAMPLE_QUANTITY = {
    "value": 40,
    "unit": "training_hours",
    "per": "initial certification",
    "note": "Includes 8 hours on ethics.",
}
EXAMPLE_CREDENTIAL = {
    "name": "Certified Peer Specialist",
    "body": "State Department of Mental Health",
    "training_hours": 40,
    "exam": True,
    "supervised_hours": 500,
    "continuing_education_hours": 20,
    "renewal_years": 2,
    "required_for": ["billing"],
}
EXAMPLE_BILLING_CODE = {"code": "H0038", "modifier": "HQ", "unit": "15 minutes", "note": "group peer support"}
EXAMPLE_INSTRUMENT = {
    "id": "peer-specialist-certification",
    "title": "Peer Specialist Certification Rule",
    "kind": "credential",
    "binding": "condition_of_funding",
    "status": "in_force",
    "effective": "2019-07",
    "ended": "2024-06",
    "settings": ["community_mental_health", "crisis"],
    "populations": ["adult_mental_health", "substance_use"],
    "mechanism": "health_insurance_reimbursement",
    "authority": "Medicaid state plan, rehabilitative services option",
    "billing_codes": [EXAMPLE_BILLING_CODE],
    "quantities": [EXAMPLE_QUANTITY],
    "credential": EXAMPLE_CREDENTIAL,
    "summary": "Peer specialists must hold the state credential before their services "
    "can be billed to Medicaid.",
    "sources": [EXAMPLE_SOURCE_KEY],
    "verification": "primary",
}
# Fields shown commented out (`# # key: value`) in the example, because they
# rarely go together with the rest: an end date on an instrument in force, a
# funding mechanism on a credential.
EXAMPLE_INSTRUMENT_OFF = frozenset({"ended", "mechanism", "authority", "billing_codes"})

EXAMPLE_OBSERVED = {
    "id": "peer-workforce-2020",
    "quantity": {"value": 85, "unit": "fte", "per": "public mental health services, state-wide",
                 "note": "Headcount was 130."},
    "year": 2020,
    "summary": "A state workforce survey counted 85 full-time-equivalent peer posts.",
    "sources": [EXAMPLE_CITED_KEY],
    "verification": "secondary",
}
EXAMPLE_DIMENSION = {
    "rationale": "Peer staff are required in crisis services only, not across public services.",
    "sources": [EXAMPLE_SOURCE_KEY],
}
EXAMPLE_SEARCH = {
    "looked_for": "a requirement to employ peer staff in mental health services",
    "sources": [EXAMPLE_SOURCE_KEY],
    "date": "2026-01-31",
    "found": "peer support is named as a service that may be offered, with no obligation",
    "settings": ["community_mental_health", "crisis"],
    "populations": ["adult_mental_health"],
}
EXAMPLE_HISTORY = {
    "date": "2019-07",
    "level": 3,
    "instrument": "peer-specialist-certification",
    "note": "the rule made the credential a condition of billing",
    "sources": [EXAMPLE_SOURCE_KEY],
}
EXAMPLE_SOURCES = {
    EXAMPLE_SOURCE_KEY: {
        "title": "Peer support services: provider manual",
        "authors": ["Doe, J.", "Roe, R."],
        "publisher": "State Department of Mental Health",
        "year": 2021,
        "url": "https://example.org/peer-support-manual.pdf",
        "doi": "10.1234/example.5678",
        "kind": "government_document",
        "accessed": "2026-01-31",
        "note": "Section 4 covers certification.",
    },
    EXAMPLE_CITED_KEY: {
        "authors": ["Smith, A."],
        "year": 2015,
        "kind": "peer_reviewed",
        "cited_via": EXAMPLE_SOURCE_KEY,
        "note": "Not read; known only as the survey the manual cites.",
    },
}
EXAMPLE_CHANGE = {
    "date": "2026-01-31",
    "kind": "policy",
    "summary": "Added the 2019 certification rule; certification coded 3.",
}

# which example belongs to which model, for the coverage test
EXAMPLES: dict[type[BaseModel], list[dict]] = {
    Instrument: [EXAMPLE_INSTRUMENT],
    Quantity: [EXAMPLE_QUANTITY, EXAMPLE_OBSERVED["quantity"]],
    Credential: [EXAMPLE_CREDENTIAL],
    ObservedFigure: [EXAMPLE_OBSERVED],
    Source: list(EXAMPLE_SOURCES.values()),
    Change: [EXAMPLE_CHANGE],
    Search: [EXAMPLE_SEARCH],
    LevelChange: [EXAMPLE_HISTORY],
    BillingCode: [EXAMPLE_BILLING_CODE],
}
