"""Downloads and the static JSON API: CSV, JSON, Excel, a Frictionless data package.

Column descriptions come from the schema (via codebook), like everything
else the site says about a field.
"""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from generator.data import agreement, codebook
from generator.site import figures
from generator.site.columns import (AGREEMENT_COLUMNS, API_VERSION, CSV_TABLES, DATA, INSTRUMENT_COLUMNS, JURISDICTION_COLUMNS,
                                    SEARCH_COLUMNS, SOURCE_COLUMNS, describe)
from generator.data.model import DIMENSIONS, Jurisdiction
from generator.data.schema_export import json_schema
from generator.site.context import SiteContext

def jurisdiction_rows(ctx: SiteContext) -> pd.DataFrame:
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        row = {"id": j.id, "name": j.name, "parent": j.parent or "",
               "type": "subnational" if j.is_subnational else "country", "region": j.region}
        for d in DIMENSIONS:
            level = j.dimension(d).level
            row[f"{d}_level"] = None if level == "unknown" else level
        for d in DIMENSIONS:
            row[f"{d}_coded"] = j.dimension(d).level != "unknown"
        row.update(minimum_peer_fte=figures.minimum_fte(j), training_hours=figures.training_hours(j),
                   funding_mechanisms=figures.funding_mechanisms(j), instruments=figures.instrument_count(j),
                   last_reviewed=j.last_reviewed, data_version=ctx.version.text)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[c for c, _, _ in JURISDICTION_COLUMNS])
    for d in DIMENSIONS:
        frame[f"{d}_level"] = frame[f"{d}_level"].astype("Int64")
    return frame


def _quantity_text(q) -> str:
    return f"{q.value:g} {q.unit}" + (f" per {q.per}" if q.per else "")


def instrument_rows(ctx: SiteContext) -> pd.DataFrame:
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        for d in DIMENSIONS:
            dim = j.dimension(d)
            for inst in dim.instruments:
                c = inst.credential
                rows.append({
                    "jurisdiction_id": j.id, "jurisdiction_name": j.name, "dimension": d, "level": str(dim.level),
                    "instrument_id": inst.id, "title": inst.title, "kind": inst.kind, "binding": inst.binding,
                    "status": inst.status, "effective": inst.effective or "", "ended": inst.ended or "",
                    "settings": "; ".join(inst.settings), "populations": "; ".join(inst.populations),
                    "mechanism": inst.mechanism or "", "billing_codes": "; ".join(map(str, inst.billing_codes)),
                    "quantities": "; ".join(map(_quantity_text, inst.quantities)),
                    "credential_name": c.name if c else "", "credential_body": (c.body or "") if c else "",
                    "training_hours": c.training_hours if c else None, "exam": c.exam if c else None,
                    "supervised_hours": c.supervised_hours if c else None,
                    "continuing_education_hours": c.continuing_education_hours if c else None,
                    "required_for": "; ".join(c.required_for) if c else "",
                    "summary": inst.summary, "verification": inst.verification,
                    "source_keys": "; ".join(inst.sources),
                    "page_url": f"{ctx.page_url(j.id)}#{d}-{inst.id}", "data_version": ctx.version.text,
                })
    return pd.DataFrame(rows, columns=[c for c, _, _ in INSTRUMENT_COLUMNS])


def search_rows(ctx: SiteContext) -> pd.DataFrame:
    """One row per evidence-of-absence record: what was read, when, and what for."""
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        for d in DIMENSIONS:
            dim = j.dimension(d)
            for i, s in enumerate(dim.searched, start=1):
                rows.append({"jurisdiction_id": j.id, "jurisdiction_name": j.name, "dimension": d,
                             "level": str(dim.level), "looked_for": s.looked_for, "found": s.found or "",
                             "date": s.date, "source_keys": "; ".join(s.sources),
                             "page_url": f"{ctx.page_url(j.id)}#{d}-searched-{i}",
                             "data_version": ctx.version.text})
    return pd.DataFrame(rows, columns=[c for c, _, _ in SEARCH_COLUMNS])


def agreement_rows(ctx: SiteContext) -> pd.DataFrame:
    rows = []
    for run in ctx.runs:
        for a in agreement.agreements(run):
            rows.append({"run": run.run, "guide_version": run.guide_version, "dimension": a.dimension, "n": a.n,
                         "agreed": a.agreed, "percent": round(a.percent, 1),
                         "kappa": None if a.kappa is None else round(a.kappa, 3),
                         "reconciled_changed": a.reconciled_changed, "data_version": ctx.version.text})
    return pd.DataFrame(rows, columns=[c for c, _, _ in AGREEMENT_COLUMNS])


def source_rows(ctx: SiteContext) -> pd.DataFrame:
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        for key, s in j.sources.items():
            rows.append({"jurisdiction_id": j.id, "key": key, "title": s.title or "", "authors": "; ".join(s.authors),
                         "publisher": s.publisher or "", "year": s.year, "url": s.url or "", "doi": s.doi or "",
                         "kind": s.kind, "accessed": s.accessed or "", "cited_via": s.cited_via or "",
                         "note": s.note or "", "data_version": ctx.version.text})
    frame = pd.DataFrame(rows, columns=[c for c, _, _ in SOURCE_COLUMNS])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _xlsx(sheets: dict[str, pd.DataFrame], version_text: str, date: str) -> bytes:
    # write-only mode streams rows out instead of keeping a cell object for each
    wb = Workbook(write_only=True)
    about = wb.create_sheet("About")
    for row in (("Peer Support Policy Atlas",), ("Data version", version_text),
                ("Levels", "0 to 3; an empty level cell means unknown, never 0"),
                ("Licence", "CC BY 4.0")):
        about.append(row)
    for name, frame in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for record in frame.itertuples(index=False):
            ws.append([_cell(ws, v) for v in record])
    from datetime import datetime

    stamp = datetime.fromisoformat(date)
    wb.properties.created = wb.properties.modified = stamp
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip(raw.getvalue(), stamp)


def _cell(ws, value):
    """A value for a row; data text is never a formula, whatever it starts with."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value.item() if hasattr(value, "item") else value


def _fixed_zip(data: bytes, stamp) -> bytes:
    """Rewrite the workbook with fixed timestamps so two builds are byte-identical.

    openpyxl stamps the save time into the zip entries and into
    docProps/core.xml's `modified`, whatever the properties say.
    """
    import re

    modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + modified + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, content)
    return out.getvalue()


def _record(j: Jurisdiction) -> dict:
    return j.model_dump(mode="json", exclude_none=True)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def api_files(ctx: SiteContext) -> dict[str, str]:
    meta = {"api_version": API_VERSION, "data_version": ctx.version.label, "data_date": ctx.version.date}
    index = []
    files: dict[str, str] = {}
    for j in ctx.dataset.jurisdictions.values():
        index.append({"id": j.id, "name": j.name, "parent": j.parent, "region": j.region,
                      "aliases": list(j.aliases),
                      "levels": {d: j.dimension(d).level for d in DIMENSIONS},
                      "page": f"../../{j.id}/", "record": f"jurisdictions/{j.id}.json"})
        files[f"api/v1/jurisdictions/{j.id}.json"] = _json({**meta, "jurisdiction": _record(j)})
    files["api/v1/jurisdictions.json"] = _json({**meta, "jurisdictions": index})
    files["api/v1/schema.json"] = _json(json_schema())
    files["api/v1/codebook.json"] = _json({
        **meta, "dimensions": {d: [{"level": v, "label": label, "description": text}
                                   for v, label, text in codebook.levels(d)] for d in DIMENSIONS}})
    return files


def datapackage(ctx: SiteContext) -> str:
    def resource(name, path, columns, model, title):
        return {
            "name": name, "path": path, "title": title, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": c, "type": t, "description": d} for c, t, d in describe(model, columns)],
                       "missingValues": [""]},
        }

    package = {
        "name": "peer-support-policy-atlas",
        "title": "Peer Support Policy Atlas",
        "description": "Coded levels and cited instruments of peer support worker policy by jurisdiction.",
        "version": ctx.version.label,
        "created": f"{ctx.version.date}T00:00:00Z",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": [resource(name, path, columns, model, title)
                      for path, name, model, columns, title in CSV_TABLES],
    }
    return _json(package)


def download_files(ctx: SiteContext) -> dict[str, str | bytes]:
    people, instruments, sources = jurisdiction_rows(ctx), instrument_rows(ctx), source_rows(ctx)
    sheets = {"Overview": people}
    for d in DIMENSIONS:
        sheets[codebook.DIMENSION_TITLES[d]] = instruments[instruments["dimension"] == d]
    searches = search_rows(ctx)
    sheets["Searches"] = searches
    sheets["Sources"] = sources
    everything = {"api_version": API_VERSION, "data_version": ctx.version.label, "data_date": ctx.version.date,
                  "jurisdictions": [_record(j) for j in ctx.dataset.jurisdictions.values()]}
    return {
        f"{DATA}/atlas-jurisdictions.csv": _csv(people),
        f"{DATA}/atlas-instruments.csv": _csv(instruments),
        f"{DATA}/atlas-searches.csv": _csv(searches),
        f"{DATA}/atlas-sources.csv": _csv(sources),
        f"{DATA}/atlas-agreement.csv": _csv(agreement_rows(ctx)),
        f"{DATA}/atlas.json": _json(everything),
        f"{DATA}/atlas.xlsx": _xlsx(sheets, ctx.version.text, ctx.version.date),
        f"{DATA}/datapackage.json": datapackage(ctx),
    }


def static_files(ctx: SiteContext) -> dict[str, str | bytes]:
    """The downloads and the JSON API: plain files placed under atlas/ in the built site."""
    return {**download_files(ctx), **api_files(ctx)}
