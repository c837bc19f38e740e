"""`new ID`: start a jurisdiction file that validates as it stands.

Every level starts as ``unknown``. The comments in the new file are made from
the field descriptions in ``generator/data/model.py`` (the single definition of the
format), so nothing is described twice; only the example *values* live here.
"""

from __future__ import annotations

import re
import textwrap
import typing
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from generator.data.iso import iso_name
from generator.data.model import (
    DIMENSIONS,
    BillingCode,
    Change,
    Credential,
    Dimensions,
    Instrument,
    Jurisdiction,
    ObservedFigure,
    Quantity,
    Search,
    Source,
    Staffing,
)

DATA_DIR = Path("jurisdictions")
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/jurisdiction.schema.json"
WIDTH = 92
REGION_PLACEHOLDER = "choose a region (see the comment above)"

# --- regions ---------------------------------------------------------------------
# World regions after the UN M49 grouping, folded into the atlas's six regions
# (Cyprus is counted in Europe). Territories without a settled population
# (Antarctica, Bouvet Island, Heard and McDonald Islands, South Georgia) are left
# out on purpose: `new` then asks the contributor to choose.

_REGION_CODES = {
    "Africa": """
        ao bf bi bj bw cd cf cg ci cm cv dj dz eg eh er et ga gh gm gn gq gw io ke km lr
        ls ly ma mg ml mr mu mw mz na ne ng re rw sc sd sh sl sn so ss st sz td tf tg tn
        tz ug yt za zm zw""",
    "Asia": """
        ae af am az bd bh bn bt cn ge hk id il in iq ir jo jp kg kh kp kr kw kz la lb lk
        mm mn mo mv my np om ph pk ps qa sa sg sy th tj tl tm tr tw uz vn ye""",
    "Europe": """
        ad al at ax ba be bg by ch cy cz de dk ee es fi fo fr gb gg gi gr hr hu ie im is it
        je li lt lu lv mc md me mk mt nl no pl pt ro rs ru se si sj sk sm ua va""",
    "Latin America and the Caribbean": """
        ag ai ar aw bb bl bo bq br bs bz cl co cr cu cw dm do ec fk gd gf gp gt gy hn ht jm
        kn ky lc mf mq ms mx ni pa pe pr py sr sv sx tc tt uy vc ve vg vi""",
    "North America": "bm ca gl pm us",
    "Oceania": """
        as au cc ck cx fj fm gu ki mh mp nc nf nr nu nz pf pg pn pw sb tk to tv um vu wf ws""",
}
COUNTRY_REGION = {code: region for region, codes in _REGION_CODES.items() for code in codes.split()}

# Subdivisions that lie in another region than their country: ISO 3166-2 lists
# these overseas territories both as subdivisions and under their own
# ISO 3166-1 code, whose region they take.
OVERSEAS = {
    "us-as": "as", "us-gu": "gu", "us-mp": "mp", "us-pr": "pr", "us-um": "um", "us-vi": "vi",
    "fr-971": "gp", "fr-972": "mq", "fr-973": "gf", "fr-974": "re", "fr-976": "yt",
    "fr-bl": "bl", "fr-mf": "mf", "fr-nc": "nc", "fr-pf": "pf", "fr-pm": "pm", "fr-tf": "tf",
    "fr-wf": "wf", "nl-aw": "aw", "nl-cw": "cw", "nl-sx": "sx",
    "nl-bq1": "bq", "nl-bq2": "bq", "nl-bq3": "bq",
}


def region_for(code: str) -> str | None:
    """The atlas region of an ISO code, or None when it has to be chosen by hand."""
    code = OVERSEAS.get(code, code)
    return COUNTRY_REGION.get(code.split("-")[0])


def english_name(code: str) -> str:
    """pycountry's name, without the bracketed alternative spellings of ISO 3166-2."""
    name = iso_name(code) or code
    return re.sub(r"\s*\[[^\]]*\]", "", name).strip()


# --- example values ------------------------------------------------------------------
# Only values: what each field means comes from the model. tests/test_scaffold.py
# checks that these name every field of every model and that they validate.

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
EXAMPLE_INSTRUMENT_OFF = frozenset({"ended", "mechanism", "billing_codes"})

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
    BillingCode: [EXAMPLE_BILLING_CODE],
}

# --- rendering -------------------------------------------------------------------------


def _literal_values(annotation: Any) -> list | None:
    """The allowed values of a coded field (also inside Optional[...] or list[...])."""
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = _literal_values(arg)
        if found:
            return found
    return None


def describe(model: type[BaseModel], name: str) -> str:
    """One field's description from the model, with its allowed values if coded."""
    info = model.model_fields[name]
    text = (info.description or "").rstrip()
    allowed = _literal_values(info.annotation)
    if allowed and len(allowed) <= 15:
        text += " One of: " + ", ".join(str(v) for v in allowed) + "."
    if not info.is_required():
        text += " Optional."
    return text


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# ",
                         break_on_hyphens=False, break_long_words=False)


def _scalar(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        return value  # dates stay plain text under the atlas's YAML 1.2 loader
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n...\n").strip()


def _is_model(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def emit(model: type[BaseModel], data: dict, indent: str, off: frozenset = frozenset(),
         described: bool = True) -> list[str]:
    """YAML for one example record, each field under its description.

    ``off`` names fields written as commented-out lines.
    """
    lines: list[str] = []
    for name in model.model_fields:
        if name not in data:
            continue
        value = data[name]
        if described:
            lines += _comment(describe(model, name), indent)
        field: list[str] = []
        sub = _is_model(model.model_fields[name].annotation)
        if sub and isinstance(value, dict):
            field.append(f"{indent}{name}:")
            field += emit(sub, value, indent + "  ")
        elif sub and isinstance(value, list):
            field.append(f"{indent}{name}:")
            for item in value:
                field += _list_item(sub, item, indent + "  ")
        elif isinstance(value, str) and len(value) > 60:
            field.append(f"{indent}{name}: >-")
            field += textwrap.wrap(value, WIDTH, initial_indent=indent + "  ", subsequent_indent=indent + "  ")
        else:
            field.append(f"{indent}{name}: {_scalar(value)}")
        lines += commented(field, indent) if name in off else field
    return lines


def _list_item(model: type[BaseModel], data: dict, indent: str, off: frozenset = frozenset(),
               described: bool = True) -> list[str]:
    """A block-sequence item: the first key shares the line with its dash."""
    body = emit(model, data, indent + "  ", off, described)
    for i, line in enumerate(body):
        if not line.lstrip().startswith("#"):
            body[i] = f"{indent}- {line[len(indent) + 2:]}"
            break
        body[i] = indent + line[len(indent) + 2:]  # the first key's description, at the dash
    return body


def commented(lines: list[str], indent: str) -> list[str]:
    """Comment out an example so that deleting one `# ` per line restores it."""
    return [f"{indent}# {line[len(indent):]}" if line.strip() else f"{indent}#" for line in lines]


def _example_block(key: str, body: list[str], indent: str) -> list[str]:
    return commented([f"{indent}{key}:", *body], indent)


def render(code: str, today: date) -> str:
    """The text of a new file for ``code``; the file validates as it stands."""
    name = english_name(code)
    region = region_for(code)
    is_subdivision = "-" in code
    J = Jurisdiction
    out: list[str] = [
        SCHEMA_LINE,
        f"# {name}: started with `python -m generator new {code}` on {today.isoformat()}.",
        *_comment(
            "Every level starts as `unknown`, which is never the same as 0: code a level only "
            "when a source you have read establishes it (the Codebook page explains each "
            "value). The comment above each field says what it means. Lines such as "
            "`# key: value` are examples: to use one, delete one `# ` from the start of each "
            "of its lines, delete the empty `key: []` (or `key: {}`) line just above it, and replace the "
            "example values with your own.", ""),
        f"# Check your work: python -m generator validate {DATA_DIR.as_posix()}/{code}.yml",
        "",
        *_comment(describe(J, "id"), ""),
        f"id: {code}",
        *_comment(describe(J, "name"), ""),
    ]
    if is_subdivision:
        out += _comment("ISO 3166-2 often gives the local-language name: change it if English "
                        "usage differs.", "")
    out.append(f"name: {_scalar(name)}")
    if is_subdivision:
        out += [*_comment(describe(J, "parent"), ""), f"parent: {code.split('-')[0]}"]
    out += _comment(describe(J, "region"), "")
    if region is None:
        out += _comment(f"The scaffold knows no region for '{code}': replace the placeholder "
                        "with one of the values above. The file does not validate until you do.", "")
        out.append(f"region: {REGION_PLACEHOLDER}")
    else:
        out.append(f"region: {region}")
    summary = (f"{name} has not been researched for the atlas yet; every dimension is coded "
               "unknown until sources are read.")
    out += [
        *_comment(describe(J, "aliases"), ""), "aliases: []",
        *_comment(describe(J, "role_titles"), ""), "role_titles: []",
        *_comment(describe(J, "summary"), ""), "summary: >-",
        *textwrap.wrap(summary, WIDTH, initial_indent="  ", subsequent_indent="  "),
        *_comment(describe(J, "last_reviewed"), ""), f"last_reviewed: {today.isoformat()}",
        *_comment(describe(J, "dimensions"), ""), "dimensions:",
    ]
    for dimension in DIMENSIONS:
        model = Dimensions.model_fields[dimension].annotation
        out += [*_comment((model.__doc__ or dimension).strip(), "  "), f"  {dimension}:"]
        out += [*_comment(describe(model, "level"), "    "), "    level: unknown"]
        if dimension == DIMENSIONS[0]:
            # the fields every dimension shares, shown once
            out += emit(model, EXAMPLE_DIMENSION, "    ", off=frozenset(EXAMPLE_DIMENSION))
        out += [*_comment(describe(model, "instruments"), "    "), "    instruments: []"]
        if dimension == "certification":
            item = _list_item(Instrument, EXAMPLE_INSTRUMENT, "      ", off=EXAMPLE_INSTRUMENT_OFF)
            out += _example_block("instruments", item, "    ")
        elif dimension == DIMENSIONS[0]:
            out += _comment("An example instrument with every field is under certification "
                            "below; instruments have the same shape in every dimension.", "    ")
        out += [*_comment(describe(model, "searched"), "    "), "    searched: []"]
        if dimension == DIMENSIONS[0]:
            out += _example_block("searched", _list_item(Search, EXAMPLE_SEARCH, "      "), "    ")
        if dimension == "staffing":
            out += [*_comment(describe(Staffing, "observed"), "    "), "    observed: []"]
            out += _example_block("observed", _list_item(ObservedFigure, EXAMPLE_OBSERVED, "      "), "    ")
    out += [*_comment(describe(J, "sources"), ""), "sources: {}"]
    body: list[str] = []
    for key, source in EXAMPLE_SOURCES.items():
        body += [f"  {key}:", *emit(Source, source, "    ")]
    out += _example_block("sources", body, "")
    # the changelog starts with the file's creation, as a correction: the atlas lacked it
    created = {"date": today.isoformat(), "kind": "correction",
               "summary": "File created with every level unknown."}
    out += [*_comment(describe(J, "changes"), ""), "changes:", *_list_item(Change, created, "  ")]
    out += _comment("Add an entry for each later change, e.g.:", "  ")
    later = {**EXAMPLE_CHANGE, "date": today.isoformat()}
    out += commented(_list_item(Change, later, "  ", described=False), "  ")
    return "\n".join(out) + "\n"



# --- the command -------------------------------------------------------------------------------


class ScaffoldError(Exception):
    pass


def check_code(raw: str) -> str:
    code = raw.strip().lower()
    if not re.fullmatch(r"[a-z]{2}(-[a-z0-9]{1,3})?", code) or iso_name(code) is None:
        raise ScaffoldError(
            f"'{raw}' is not an ISO 3166 code; use a country code such as 'au' or a "
            "subdivision code such as 'ca-on'"
        )
    return code


def parent_of(code: str) -> str | None:
    """A subdivision's parent is its country, as rules/parent_exists.py requires."""
    return code.split("-")[0] if "-" in code else None


def _new_command(code: str, data_dir: Path) -> str:
    data = "" if data_dir == DATA_DIR else f" --data {data_dir}"
    return f"python -m generator new {code}{data}"


def _target(code: str, data_dir: Path) -> Path:
    """Where ``code``'s file goes; refuse a missing folder or an existing file."""
    if not data_dir.is_dir():
        raise ScaffoldError(f"data folder {data_dir} does not exist")
    path = data_dir / f"{code}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; edit it instead (new never overwrites a file)")
    return path


def create(code: str, data_dir: Path, today: date | None = None) -> Path:
    """Write ``<data_dir>/<code>.yml``; refuse to overwrite. Returns the path.

    A subdivision whose country has no file is refused: the file would name a
    parent that does not exist, and then the whole data folder fails validation.
    """
    code = check_code(code)
    path = _target(code, data_dir)
    parent = parent_of(code)
    if parent and not (data_dir / f"{parent}.yml").exists():
        raise ScaffoldError(
            f"{code} is a subdivision of {parent}, which has no file yet: run "
            f"`{_new_command(parent, data_dir)}` first, or pass --with-parent to create both"
        )
    path.write_text(render(code, today or date.today()), encoding="utf-8")
    return path


def create_with_parent(code: str, data_dir: Path, today: date | None = None) -> list[Path]:
    """Write the country's file first when it is missing, then ``code``'s; return what was written."""
    code = check_code(code)
    _target(code, data_dir)  # refuse before writing anything, so a failure leaves no half-pair
    parent = parent_of(code)
    written = []
    if parent and not (data_dir / f"{parent}.yml").exists():
        written.append(create(parent, data_dir, today))
    written.append(create(code, data_dir, today))
    return written
