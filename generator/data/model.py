"""The jurisdiction file format: the single definition.

These pydantic models are the contract. The validator, the committed JSON
Schema (``schema/jurisdiction.schema.json``) and the codebook page are all
derived from them, so every field and every coded value is described here
and nowhere else.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
)

SCHEMA_VERSION = "1.0"


def _choices(values: dict[Any, str]) -> str:
    words = [str(v) for v in values]
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]


def _refuse_bools(values: dict[Any, str], noun: str):
    # bool is a subclass of int, so Literal[0, 1, …] would take `true` as 1
    # and `false` as 0 even in strict mode; refuse before the Literal sees it.
    def check(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"{str(value).lower()} is not {noun}; write {_choices(values)}")
        return value

    return check


def coded(values: dict[Any, str], title: str | None = None, noun: str = "an allowed value") -> Any:
    """A closed set of values, each documented in the JSON Schema.

    The descriptions live in a ``oneOf`` of ``const`` entries so that editors
    show them on hover and the codebook page can print them.
    """
    literal = Literal[tuple(values)]  # type: ignore[valid-type]
    one_of = [{"const": value, "description": text} for value, text in values.items()]
    schema: dict[str, Any] = {"oneOf": one_of}
    if title:
        schema["title"] = title
    return Annotated[literal, BeforeValidator(_refuse_bools(values, noun)), WithJsonSchema(schema)]


# --- dates -------------------------------------------------------------------

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _year_as_text(value: Any) -> Any:
    # An unquoted 2004 arrives as an int; a year is the commonest partial date,
    # so accept it rather than make every contributor quote it.
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


def _real_partial_date(value: str) -> str:
    match = PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{value!r} is not a real date; check the month and the day") from None
    return value


def _real_full_date(value: str) -> str:
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    return _real_partial_date(value)


PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    AfterValidator(_real_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date as YYYY, YYYY-MM or YYYY-MM-DD.",
        }
    ),
]
FullDate = Annotated[
    str,
    AfterValidator(_real_full_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}),
]


# --- text ----------------------------------------------------------------------

# Characters that are invisible yet change what a reader sees: C0 controls
# (but tab and line feed), DEL and C1 controls, the line and paragraph
# separators (editors disagree on whether they break a line, so line numbers
# drift), and the bidi embeddings, overrides and isolates that can show text
# in an order other than the stored one ("Trojan Source").
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class UnsafeCharacter(ValueError):
    """An invisible character in text; ``index`` is where, in the value."""

    def __init__(self, char: str, index: int):
        name = unicodedata.name(char, "")  # control characters have no Unicode name
        label = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
        super().__init__(f"contains the invisible control character {label}; delete it")
        self.char = char
        self.index = index


def _refuse_unsafe(value: str, line_break_ok: bool) -> None:
    match = UNSAFE_CHARACTERS.search(value)
    if match:
        raise UnsafeCharacter(match.group(), match.start())
    if not line_break_ok and "\n" in value:
        raise ValueError("must be on one line; remove the line break")


def _visible(value: str) -> bool:
    # Fast path for ordinary text; the slow path catches names made only of
    # zero-width spaces, joiners and other format (Cf) characters.
    if re.search(r"[A-Za-z0-9]", value):
        return True
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in value)


def _text(line_break_ok: bool):
    def check(value: str) -> str:
        _refuse_unsafe(value, line_break_ok)
        if not _visible(value):
            raise ValueError("has no visible characters (only spaces or zero-width characters); write the text")
        return value

    return check


Text = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_text(line_break_ok=True))]
ShortText = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_text(line_break_ok=False))]


# --- addresses ---------------------------------------------------------------------

_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}$")


def _ip_of(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    # Browsers also read 2130706433, 127.1 and 0x7f.0.0.1 as IPv4 addresses.
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _local_host(host: str) -> bool:
    """Loopback, private, link-local or unspecified: an address only the writer's own network can open."""
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    ip = _ip_of(host)
    return ip is not None and (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified)


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError(f"expected an http:// or https:// address, got {value!r}")
    _refuse_unsafe(value, line_break_ok=False)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ValueError(f"{value!r} is not a well-formed address; copy it again from the browser's address bar") from None
    if "\\" in value:
        # browsers read \ as /, so the site opened is not the one urllib sees
        raise ValueError("the address contains a backslash (\\); write / instead")
    if "@" in parts.netloc:
        # https://official.example@evil.example/ opens evil.example
        raise ValueError(f"the address has a user name before '@', which hides the real site "
                         f"({parts.hostname}); write the address without the part up to '@'")
    if not parts.hostname:
        raise ValueError(f"the address {value!r} has no site name; copy it again from the browser's address bar")
    if _local_host(parts.hostname):
        raise ValueError(f"{parts.hostname} is a local or private network address that readers cannot open; "
                         "write the public address of the document")
    return value


HttpUrl = Annotated[
    str,
    AfterValidator(_http_url),
    WithJsonSchema({"type": "string", "pattern": "^https?://", "format": "uri"}),
]

# --- identifiers ------------------------------------------------------------------

ID_PATTERN = r"^[a-z]{2}(-[a-z0-9]{1,3})?$"
SOURCE_KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"

# What each pattern means, in words, for error messages (never show a
# regular expression to a contributor): (the rule, when a fix can be
# proposed; the form to write, when it cannot).
PATTERN_HELP = {
    ID_PATTERN: ("ids are lower case", "an ISO 3166 code such as `mx` or `ca-on`"),
    SOURCE_KEY_PATTERN: ("source keys are lower case letters, digits, - and _",
                         "a source key of lower case letters, digits, - and _, such as `who-2021`"),
    SLUG_PATTERN: ("ids are lower case letters, digits and -",
                   "an id of lower case letters, digits and -, such as `act-standards`"),
    DOI_PATTERN: ("DOIs are written bare, without https://doi.org/ in front",
                  "a DOI such as `10.1176/appi.ps.201100088`, without https://doi.org/"),
}

JurisdictionId = Annotated[str, Field(pattern=ID_PATTERN)]
SourceKey = Annotated[str, Field(pattern=SOURCE_KEY_PATTERN, max_length=60)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
Doi = Annotated[str, Field(pattern=DOI_PATTERN), AfterValidator(_text(line_break_ok=False))]

# --- coded vocabularies ----------------------------------------------------------

Verification = coded(
    {
        "primary": "Checked against the official text itself (statute, regulation, standard, "
        "government page). Example: a Medicaid state plan amendment read on the state's site.",
        "secondary": "Read in a reliable secondary source, such as a peer-reviewed study or a "
        "review, but not in the official text. Example: Ontario's ACT staffing rule known "
        "from a review that cites White et al. (2003).",
        "unverified": "Recorded from a lead that still needs checking against any reliable "
        "source. Shown with a warning; never counted as established.",
    },
    title="Verification",
)

Binding = coded(
    {
        "mandatory": "Must be followed by law or regulation.",
        "condition_of_funding": "Must be followed to receive a payment, grant or reimbursement.",
        "voluntary": "A scheme organisations or workers may join, such as a voluntary credential.",
        "recommendation": "Advice from a government or official body, with no obligation.",
        "unknown": "How binding it is could not be established.",
    },
    title="Binding",
)

Status = coded(
    {
        "in_force": "In force or operating today.",
        "repealed": "Repealed, withdrawn or replaced.",
        "expired": "Time-limited and now ended (e.g. a finished pilot).",
        "proposed": "Announced, drafted or consulted on, but not yet in force.",
        "unknown": "Whether it is still in force could not be established.",
    },
    title="Status",
)

InstrumentKind = coded(
    {
        "law": "An act or statute passed by a legislature.",
        "regulation": "A regulation, rule or administrative code made under a law.",
        "service_standard": "A standard or fidelity model services must meet (e.g. ACT standards).",
        "funding_rule": "A rule that pays for a service (e.g. a Medicaid state plan, a fee schedule).",
        "strategy": "A government strategy, plan or policy statement.",
        "guideline": "Guidance or a framework issued by an official body.",
        "credential": "A certification, qualification or registration for peer workers.",
        "directive": "An internal directive of a public agency (e.g. a VHA directive).",
        "programme": "A government-run or government-funded programme or pilot.",
    },
    title="Instrument kind",
)

Setting = coded(
    {
        "act": "Assertive community treatment teams.",
        "community_mental_health": "Community mental health services and centres.",
        "inpatient": "Hospital inpatient units.",
        "crisis": "Crisis services, crisis lines, crisis houses.",
        "emergency": "Emergency departments.",
        "primary_care": "Primary care.",
        "substance_use_treatment": "Substance use treatment services.",
        "housing": "Supported housing and homelessness services.",
        "justice": "Forensic, prison and court settings.",
        "peer_run": "Peer-run and consumer-operated organisations.",
        "veterans_services": "Services for veterans.",
        "all_public_services": "All publicly funded mental health services.",
        "other": "Another setting, described in the summary.",
    },
    title="Setting",
)

Population = coded(
    {
        "adult_mental_health": "Adults using mental health services.",
        "substance_use": "People who use substances or are in recovery from substance use.",
        "youth": "Children, adolescents and young people.",
        "family": "Families and carers.",
        "veterans": "Military veterans.",
        "older_adults": "Older adults.",
        "general": "Not limited to a population.",
    },
    title="Population",
)

Unit = coded(
    {
        "fte": "Full-time equivalents (1.0 = one full-time post).",
        "percent_fte": "Percent of a full-time post.",
        "hours_per_week": "Hours a week.",
        "training_hours": "Hours of initial training.",
        "supervised_hours": "Hours of supervised work or practicum.",
        "continuing_education_hours": "Hours of continuing education per renewal period.",
        "years": "Years (e.g. of recovery or of a renewal period).",
        "currency_per_unit": "A payment, with `per` starting with its currency code, e.g. `USD per 15 minutes`.",
        "workers": "Number of workers.",
        "percent": "Percent of something named in `per`.",
    },
    title="Unit",
)

# The largest plausible figure for each unit; anything above is a slip of
# the keyboard (1e308 training hours). Declared once, here, for the
# quantities rule and the Credential fields alike.
UNIT_MAX: dict[str, float] = {
    "fte": 100,
    "percent_fte": 100,
    "hours_per_week": 168,
    "training_hours": 10_000,
    "supervised_hours": 20_000,
    "continuing_education_hours": 1_000,
    "years": 100,
    "currency_per_unit": 1_000_000,
    "workers": 10_000_000,
    "percent": 100,
}
RENEWAL_YEARS_MAX = 10

FundingMechanism = coded(
    {
        "health_insurance_reimbursement": "Reimbursed as a service by the health-financing system "
        "(e.g. a Medicaid state plan, a national insurance fee schedule).",
        "insurance_waiver": "Reimbursed under a waiver or demonstration (e.g. Medicaid 1115).",
        "social_insurance_reimbursement": "Paid per service by a statutory disability, social or "
        "welfare scheme outside health care (e.g. Australia's NDIS, Japan's disability welfare "
        "service fees); funding level 2, not 3 (see the interpretation guide).",
        "grant": "Grants to services or organisations.",
        "contract": "Service contracts or commissioning.",
        "block_funding": "Part of a block or global budget of public services.",
        "pilot": "A time-limited pilot or project fund.",
        "other": "Another mechanism, described in the summary.",
    },
    title="Funding mechanism",
)

RequiredFor = coded(
    {
        "employment": "Needed to be hired into a peer role.",
        "billing": "Needed for services to be billed or reimbursed.",
        "title": "Needed to use a protected title.",
    },
    title="Required for",
)

SourceKind = coded(
    {
        "law": "A statute as published by a legislature or an official legal database.",
        "regulation": "A regulation or administrative code.",
        "government_document": "A page, plan, manual, letter or report of a government body.",
        "peer_reviewed": "A peer-reviewed journal article or review.",
        "grey_literature": "A report or page of a university, NGO, association or provider.",
        "news": "A news article.",
    },
    title="Source kind",
)

Region = coded(
    {
        "Africa": "Africa.",
        "Asia": "Asia, including the Middle East.",
        "Europe": "Europe.",
        "Latin America and the Caribbean": "Central and South America and the Caribbean.",
        "North America": "Canada and the United States.",
        "Oceania": "Australia, New Zealand and the Pacific.",
    },
    title="Region",
)

ChangeKind = coded(
    {
        "policy": "The policy itself changed (a new instrument, a repeal, a new figure).",
        "correction": "The data was wrong or incomplete and has been corrected.",
        "review": "The file was re-checked against its sources; nothing material changed.",
    },
    title="Change kind",
)

# --- the level codebooks ---------------------------------------------------------

UNKNOWN_TEXT = (
    "Not established: nobody has yet found or read a source that settles it. "
    "Never the same as 0."
)

MANDATE_LEVELS = {
    0: "None identified: sources were searched and no requirement or recommendation to "
    "employ peer workers was found. Example: a country whose mental health act and plans are "
    "silent on peer work.",
    1: "Recommended by a government body, without obligation. Example: a national commission's "
    "guidelines urging services to develop peer support.",
    2: "Required in specific services. Example: a provincial standard requiring peer staff on "
    "every assertive community treatment team.",
    3: "Required across public mental health services. Example: a law requiring every publicly "
    "funded mental health provider to employ peer workers.",
    "unknown": UNKNOWN_TEXT,
}
FUNDING_LEVELS = {
    0: "None identified: no public funding stream for peer support services was found.",
    1: "Pilot or time-limited funding. Example: a three-year government project fund for peer "
    "work in a few services.",
    2: "Ongoing grants or contracts. Example: recurrent state grants that pay peer-run "
    "organisations or peer posts.",
    3: "Reimbursable through the health-financing system. Example: peer support services "
    "billable under a Medicaid state plan.",
    "unknown": UNKNOWN_TEXT,
}
CERTIFICATION_LEVELS = {
    0: "None identified: no recognised training or credential for peer workers was found.",
    1: "Training only: recognised training exists but no credential attests to it. Example: a "
    "government-funded peer training course with a certificate of attendance.",
    2: "A recognised voluntary credential. Example: a national certification that employers "
    "may ask for but the law does not require.",
    3: "A credential required for employment or billing. Example: state certification that is "
    "a condition for billing Medicaid for peer support.",
    "unknown": UNKNOWN_TEXT,
}
STAFFING_LEVELS = {
    0: "None identified: no staffing requirement or target for peer workers was found.",
    1: "Workforce targets or plans. Example: a national workforce plan that aims to grow peer "
    "posts by a stated number.",
    2: "Minimum FTE in specific services. Example: 0.5 FTE of peer staff on every ACT team.",
    3: "Minimum FTE across services. Example: a minimum peer staffing ratio in every public "
    "mental health service.",
    "unknown": UNKNOWN_TEXT,
}

MandatesLevel = coded(MANDATE_LEVELS, title="Mandates level", noun="a level")
FundingLevel = coded(FUNDING_LEVELS, title="Funding level", noun="a level")
CertificationLevel = coded(CERTIFICATION_LEVELS, title="Certification level", noun="a level")
StaffingLevel = coded(STAFFING_LEVELS, title="Staffing level", noun="a level")


# --- records -----------------------------------------------------------------


class Strict(BaseModel):
    # strict: a YAML `yes` must never become True, nor "2" become 2.
    # forbid: a misspelt key is an error, not a silently ignored field.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Quantity(Strict):
    """A figure with its unit, such as 0.5 FTE per ACT team or 40 training hours."""

    value: float = Field(
        ge=0, allow_inf_nan=False,
        description="The number: 0 or more, and at most its unit's plausible maximum ("
        + ", ".join(f"{unit} {limit:,}" for unit, limit in UNIT_MAX.items()) + ").",
    )
    unit: Unit = Field(description="What the number counts.")
    per: ShortText | None = Field(
        None, description="What the figure applies to, e.g. `ACT team` or `2-year renewal`."
    )
    note: ShortText | None = Field(None, description="A qualification in your own words.")


class Credential(Strict):
    """Details of a peer credential, for instruments of kind `credential`."""

    name: ShortText = Field(description="The credential's name, e.g. `Certified Peer Specialist`.")
    body: ShortText | None = Field(None, description="Who awards it, e.g. a state agency or board.")
    training_hours: float | None = Field(
        None, ge=0, le=UNIT_MAX["training_hours"], allow_inf_nan=False,
        description="Hours of required initial training.",
    )
    exam: StrictBool | None = Field(None, description="`true` if an exam must be passed.")
    supervised_hours: float | None = Field(
        None, ge=0, le=UNIT_MAX["supervised_hours"], allow_inf_nan=False,
        description="Hours of supervised practice or work experience required.",
    )
    continuing_education_hours: float | None = Field(
        None, ge=0, le=UNIT_MAX["continuing_education_hours"], allow_inf_nan=False,
        description="Continuing-education hours required per renewal period.",
    )
    renewal_years: float | None = Field(
        None, ge=0, le=RENEWAL_YEARS_MAX, allow_inf_nan=False,
        description="Length of a renewal period in years.",
    )
    required_for: list[RequiredFor] = Field(
        default_factory=list, description="What holding the credential is needed for, if anything."
    )


class BillingCode(Strict):
    """A procedure code that peer support is billed under, for funding instruments."""

    code: ShortText = Field(description="The code as the fee schedule or manual writes it, e.g. `H0038`.")
    modifier: ShortText | None = Field(None, description="A modifier used with it, e.g. `HF` or `HQ`.")
    unit: ShortText | None = Field(None, description="The billing unit, e.g. `15 minutes` or `per day`.")
    note: ShortText | None = Field(
        None, description="What the code covers, e.g. `group peer support` or `parent peer support`."
    )

    def __str__(self) -> str:
        text = self.code + (f" {self.modifier}" if self.modifier else "")
        details = ", ".join(x for x in (self.unit, self.note) if x)
        return f"{text} ({details})" if details else text


class Instrument(Strict):
    """A law, regulation, standard, funding rule, strategy or credential behind a level."""

    id: Slug = Field(description="A short lower-case slug, unique in the file, e.g. `act-standards`.")
    title: Text = Field(description="The instrument's official title.")
    kind: InstrumentKind = Field(description="What sort of instrument it is.")
    binding: Binding = Field(description="How binding it is.")
    status: Status = Field(description="Whether it is in force.")
    effective: PartialDate | None = Field(None, description="When it took effect.")
    ended: PartialDate | None = Field(None, description="When it ended, if it did.")
    settings: list[Setting] = Field(default_factory=list, description="Where it applies.")
    populations: list[Population] = Field(default_factory=list, description="Whom it concerns.")
    mechanism: FundingMechanism | None = Field(
        None, description="For funding instruments: how peer support is paid for."
    )
    authority: ShortText | None = Field(
        None,
        description="For funding instruments: the legal authority the payment rests on, as the source names "
        "it, e.g. `Medicaid state plan, rehabilitative services option` or `section 1915(i) state plan "
        "amendment`.",
    )
    billing_codes: list[BillingCode] = Field(
        default_factory=list,
        description="For funding instruments: the procedure codes peer support is billed under, as the "
        "fee schedule or manual names them. Put rates in `quantities` (unit `currency_per_unit`).",
    )
    quantities: list[Quantity] = Field(default_factory=list, description="Figures it sets.")
    credential: Credential | None = Field(None, description="For credentials: the details.")
    summary: Text = Field(description="One or two sentences in your own words: what it does for peer work.")
    sources: list[SourceKey] = Field(min_length=1, description="Keys of the sources it rests on.")
    verification: Verification = Field(description="How the facts were checked.")


class ObservedFigure(Strict):
    """A measured figure that is not a requirement, e.g. the average FTE of peer workers."""

    id: Slug = Field(description="A short slug, unique in the file.")
    quantity: Quantity = Field(description="The figure.")
    year: PartialDate | None = Field(None, description="When it was observed.")
    summary: Text = Field(description="What was measured, in your own words.")
    sources: list[SourceKey] = Field(min_length=1, description="Keys of the sources it rests on.")
    verification: Verification = Field(description="How the figure was checked.")


class Search(Strict):
    """Evidence of absence: documents that would hold a requirement were read and were silent."""

    looked_for: Text = Field(
        description="What you looked for, in your own words, e.g. `a minimum FTE of peer staff on "
        "ACT, crisis or CCBHC teams`."
    )
    sources: list[SourceKey] = Field(
        min_length=1, description="Keys of the documents you read (not ones known only `cited_via`)."
    )
    date: FullDate = Field(description="When you read them (YYYY-MM-DD).")
    found: Text | None = Field(
        None, description="What they say instead, if anything, e.g. `peer specialist listed as an "
        "optional team member, no minimum`."
    )
    settings: list[Setting] = Field(
        default_factory=list,
        description="The settings the documents read would cover, e.g. `act` for an ACT standard. "
        "A topic view (e.g. peer workers on ACT teams) lists the search under its setting.",
    )
    populations: list[Population] = Field(
        default_factory=list,
        description="The populations the documents read would cover, e.g. `youth`, if limited to some.",
    )


class LevelChange(Strict):
    """A date on which a dimension's level changed, and what changed it: one of the dimension's
    instruments, or a finding explained in `note` with its `sources`."""

    date: PartialDate = Field(description="When the level changed (YYYY, YYYY-MM or YYYY-MM-DD).")
    level: int = Field(ge=0, le=3, description="The level from that date on (0-3, as in the codebook).")
    instrument: Slug | None = Field(
        None, description="The id of the instrument, in this dimension, that brought the change."
    )
    note: Text | None = Field(
        None, description="Why the level changed, in your own words; needed when no instrument is named."
    )
    sources: list[SourceKey] = Field(
        default_factory=list, description="Keys of sources for a change that rests on no instrument."
    )


class Dimension(Strict):
    rationale: Text | None = Field(None, description="Why this level was coded, in your own words.")
    sources: list[SourceKey] = Field(
        default_factory=list,
        description="Keys of sources for the rationale, needed when a level rests on no instrument "
        "(e.g. a study reporting that no obligation exists).",
    )
    instruments: list[Instrument] = Field(default_factory=list, description="What the level rests on.")
    searched: list[Search] = Field(
        default_factory=list,
        description="Evidence of absence: what was read and found silent. Level 0 needs one "
        "(or a source under `sources` that states the absence); without a search, the level "
        "stays `unknown`.",
    )
    history: list[LevelChange] = Field(
        default_factory=list,
        description="The level's changes, oldest first, ending at the current level. Leave out "
        "where dating is mechanical: a level whose in-force instruments are all dated is shown as "
        "holding since the latest of their effective dates. Before the first change the level is "
        "unknown, never 0.",
    )


class Mandates(Dimension):
    """Requirements to employ peer support workers."""

    level: MandatesLevel = Field(description="The coded level; `unknown` when not established.")


class Funding(Dimension):
    """How peer support services are paid for."""

    level: FundingLevel = Field(description="The coded level; `unknown` when not established.")


class Certification(Dimension):
    """Credentials and training for peer support workers."""

    level: CertificationLevel = Field(description="The coded level; `unknown` when not established.")


class Staffing(Dimension):
    """FTE requirements, and observed figures kept apart from them."""

    level: StaffingLevel = Field(description="The coded level; `unknown` when not established.")
    observed: list[ObservedFigure] = Field(
        default_factory=list, description="Measured figures that are not requirements."
    )


class Dimensions(Strict):
    mandates: Mandates
    funding: Funding
    certification: Certification
    staffing: Staffing


# The dimensions, in their order, are the fields of Dimensions: adding one there adds it everywhere.
DIMENSIONS: tuple[str, ...] = tuple(Dimensions.model_fields)


class Source(Strict):
    """A document the file's facts rest on."""

    title: Text | None = Field(
        None, description="The document's title. Leave out only for a `cited_via` source whose title you do not know."
    )
    authors: list[ShortText] = Field(default_factory=list, description="Authors, as `Surname, I.`.")
    publisher: ShortText | None = Field(None, description="Publisher or issuing body.")
    year: int | None = Field(None, ge=1900, le=2100, description="Year of publication.")
    url: HttpUrl | None = Field(None, description="An address you opened. Leave out if none is known.")
    doi: Doi | None = Field(
        None, description="DOI, without `https://doi.org/`."
    )
    kind: SourceKind = Field(description="What sort of document it is.")
    accessed: FullDate | None = Field(None, description="When you read it (YYYY-MM-DD).")
    cited_via: SourceKey | None = Field(
        None,
        description="Set when you did not read this document yourself but know it through "
        "another source in this file (its key), e.g. a study cited by a review.",
    )
    note: ShortText | None = Field(None, description="E.g. `unofficial mirror of the official text`.")


class Change(Strict):
    """One dated entry in the file's changelog."""

    date: FullDate = Field(description="When the change was made (YYYY-MM-DD).")
    kind: ChangeKind = Field(description="A policy change, a data correction, or a review.")
    summary: Text = Field(description="What changed, in one sentence.")


class Jurisdiction(Strict):
    """One country, state, province or nation, stored as `jurisdictions/<id>.yml`."""

    model_config = ConfigDict(title="Peer Support Policy Atlas jurisdiction")

    id: JurisdictionId = Field(
        description="ISO 3166-1 alpha-2 (`au`) or ISO 3166-2 (`ca-on`) code, lower case; "
        "the file name without `.yml`."
    )
    name: ShortText = Field(description="The jurisdiction's usual English name.")
    parent: JurisdictionId | None = Field(None, description="For a subdivision: its country's id.")
    region: Region = Field(description="World region, for filtering.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other names, e.g. `UK`, `Britain`.")
    role_titles: list[ShortText] = Field(
        default_factory=list, description="What peer workers are called there, e.g. `certified peer specialist`."
    )
    summary: Text = Field(description="Two or three sentences in your own words.")
    last_reviewed: FullDate = Field(description="When the whole file was last checked (YYYY-MM-DD).")
    dimensions: Dimensions = Field(description="The four coded dimensions.")
    sources: dict[SourceKey, Source] = Field(
        default_factory=dict, description="Every source, under its key. Empty only while nothing is cited."
    )
    changes: list[Change] = Field(default_factory=list, description="Dated changes to this file's data.")

    @property
    def is_subnational(self) -> bool:
        return "-" in self.id

    def dimension(self, name: str) -> Dimension:
        return getattr(self.dimensions, name)

