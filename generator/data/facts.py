"""The instrument facts: each field an instrument can carry, declared once with how it reads.

A jurisdiction page lists these under each instrument, the compare view reads them from the
published codebook (``codebook.json`` → ``instrument_facts``), and the instruments CSV has one
column per fact. A new instrument or credential field is therefore the model field plus one
``Fact`` here; ``tests/test_registry.py`` fails when a model field is neither a fact nor in
``SHOWN_APART``.

A fact's ``format`` says how its value becomes words, the same in Python and in ``compare.js``:

- ``words``: a code with spaces ("condition of funding"); ``label``: the code's reader label
  (``fields.VALUE_LABELS``); both also for lists, joined with ", ";
- ``date``: a partial date as written; ``text``: as written; ``hours`` / ``years``: a number
  followed by the word; ``required``: true/false as "required" / "not required";
- ``billing_codes`` and ``quantities``: their own wording (``BillingCode.__str__``,
  ``fields.quantity_text``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.data.fields import quantity_text, value_label
from generator.data.model import Instrument

FORMATS = ("words", "label", "date", "text", "hours", "years", "required", "billing_codes", "quantities")


@dataclass(frozen=True)
class Fact:
    field: str  # "kind", or "credential.training_hours" for a credential's field
    label: str  # the heading a reader sees on a page and in the compare view
    format: str  # one of FORMATS
    column: str = ""  # the CSV column; the field's own name when empty
    type: str = "string"  # the CSV column's type
    tables: tuple[str, ...] = ()  # the dimensions whose instrument table has it as a column
    heading: str = ""  # that column's heading, when shorter than the label

    @property
    def model_field(self) -> str:
        """'Instrument.kind' or 'Credential.training_hours', as the registry test names fields."""
        owner, _, name = self.field.rpartition(".")
        return f"{'Credential' if owner == 'credential' else 'Instrument'}.{name}"

    @property
    def table_heading(self) -> str:
        return self.heading or self.label

    @property
    def csv_column(self) -> str:
        return self.column or self.field.rpartition(".")[2]

    def value(self, inst: Instrument) -> Any:
        """The raw value, None when the instrument has none (or no credential)."""
        owner, _, name = self.field.rpartition(".")
        record = inst.credential if owner == "credential" else inst
        value = None if record is None else getattr(record, name)
        return None if value in (None, [], "") else value


# Where a fact is a column of the per-dimension instrument tables, and its shorter heading there;
# kind, binding, status and effective are every table's own columns (site/table_columns.py).
_REQUIREMENTS = ("mandates", "staffing")
INSTRUMENT_FACTS: tuple[Fact, ...] = (
    Fact("kind", "Kind", "words"),
    Fact("binding", "Binding", "words"),
    Fact("status", "Status", "words"),
    Fact("effective", "Effective", "date"),
    Fact("ended", "Ended", "date"),
    Fact("settings", "Settings", "label", tables=_REQUIREMENTS),
    Fact("populations", "Populations", "words"),
    Fact("mechanism", "Funding mechanism", "label", tables=("funding",), heading="Mechanism"),
    Fact("authority", "Payment authority", "text", tables=("funding",), heading="Authority"),
    Fact("billing_codes", "Billing codes", "billing_codes", tables=("funding",)),
    Fact("quantities", "Figures", "quantities", tables=(*_REQUIREMENTS, "funding")),
    Fact("credential.name", "Credential", "text", column="credential_name", tables=("certification",)),
    Fact("credential.body", "Awarded by", "text", column="credential_body"),
    Fact("credential.training_hours", "Training", "hours", type="number", tables=("certification",),
         heading="Training h"),
    Fact("credential.exam", "Exam", "required", type="boolean", tables=("certification",)),
    Fact("credential.supervised_hours", "Supervised practice", "hours", type="number"),
    Fact("credential.continuing_education_hours", "Continuing education", "hours", type="number",
         tables=("certification",), heading="CE h"),
    Fact("credential.renewal_years", "Renewal period", "years", type="number"),
    Fact("credential.required_for", "Required for", "words", tables=("certification",)),
)

# Instrument fields every view shows in its own place rather than among the facts.
SHOWN_APART = {
    "Instrument.id": "the anchor and permalink",
    "Instrument.title": "the heading",
    "Instrument.summary": "the paragraph under the heading",
    "Instrument.sources": "the citation marks after the summary",
    "Instrument.verification": "the badge beside the heading",
    "Instrument.credential": "spread over the credential facts",
}


def _each(value: Any, one) -> list[str]:
    return [one(v) for v in value] if isinstance(value, list) else [one(value)]


def _number(value: float, word: str) -> str:
    return f"{value:g} {word}"


def fact_texts(fact: Fact, value: Any) -> list[str]:
    """A present value in words: one string per item (a figure, a billing code), else one."""
    f = fact.format
    if f == "words":
        return [", ".join(_each(value, lambda v: str(v).replace("_", " ")))]
    if f == "label":
        return [", ".join(_each(value, value_label))]
    if f == "hours":
        return [_number(value, "hour" if value == 1 else "hours")]
    if f == "years":
        return [_number(value, "year" if value == 1 else "years")]
    if f == "required":
        return ["required" if value else "not required"]
    if f == "billing_codes":
        return [str(b) for b in value]
    if f == "quantities":
        return [quantity_text(q, with_note=True) for q in value]
    return [str(value)]  # date, text


def facts_of(inst: Instrument) -> list[tuple[Fact, list[str]]]:
    """The facts an instrument has, in registry order, each with its words."""
    return [(fact, fact_texts(fact, value)) for fact in INSTRUMENT_FACTS
            if (value := fact.value(inst)) is not None]


def table_facts(dimension: str) -> tuple[Fact, ...]:
    return tuple(f for f in INSTRUMENT_FACTS if dimension in f.tables)


def codebook_entry() -> list[dict]:
    """The facts as the API publishes them, for the compare view."""
    return [{"field": f.field, "label": f.label, "format": f.format} for f in INSTRUMENT_FACTS]
