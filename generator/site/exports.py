"""Downloads and the static JSON API: CSV, JSON, Excel, a Frictionless data package.

Column descriptions come from the schema (via codebook), like everything
else the site says about a field.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from generator.data import codebook, facts, fields
from generator.data.model import DIMENSIONS, Jurisdiction
from generator.site.columns import API_VERSION, DATA
from generator.site.csv_tables import CSV_TABLES, CsvTable, table
from generator.data.schema_export import json_schema
from generator.site.context import SiteContext

def frame(table: CsvTable, ctx: SiteContext) -> pd.DataFrame:
    """A table's rows as a frame: each column read by its getter, integers kept nullable."""
    rows = [[c.get(r) for c in table.columns] for r in table.rows(ctx)]
    out = pd.DataFrame(rows, columns=[c.name for c in table.columns])
    for c in table.columns:
        if c.type == "integer":
            out[c.name] = out[c.name].astype("Int64")
    return out


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
                                   for v, label, text in codebook.levels(d)] for d in DIMENSIONS},
        **fields.codebook_entry(), "instrument_facts": facts.codebook_entry()})
    return files


def datapackage(ctx: SiteContext) -> str:
    def resource(t: CsvTable) -> dict:
        return {
            "name": t.name, "path": t.path, "title": t.title, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": c.name, "type": c.type, "description": c.describe()} for c in t.columns],
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
        "resources": [resource(t) for t in CSV_TABLES],
    }
    return _json(package)


def _sheets(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The workbook: the tables that have a sheet, instruments split into one sheet per dimension."""
    sheets = {}
    for table in CSV_TABLES:
        path = table.path
        if table.sheet:
            sheets[table.sheet] = frames[path]
        elif table.sheet_per_dimension:
            instruments = frames[path]
            for d in DIMENSIONS:
                sheets[fields.DIMENSION_TITLES[d]] = instruments[instruments["dimension"] == d]
    return sheets


def download_files(ctx: SiteContext) -> dict[str, str | bytes]:
    frames = {t.path: frame(t, ctx) for t in CSV_TABLES}
    everything = {"api_version": API_VERSION, "data_version": ctx.version.label, "data_date": ctx.version.date,
                  "jurisdictions": [_record(j) for j in ctx.dataset.jurisdictions.values()]}
    return {
        **{f"{DATA}/{path}": _csv(f) for path, f in frames.items()},
        f"{DATA}/atlas.json": _json(everything),
        f"{DATA}/atlas.xlsx": _xlsx(_sheets(frames), ctx.version.text, ctx.version.date),
        f"{DATA}/datapackage.json": datapackage(ctx),
    }


def static_files(ctx: SiteContext) -> dict[str, str | bytes]:
    """The downloads and the JSON API: plain files placed under atlas/ in the built site."""
    return {**download_files(ctx), **api_files(ctx)}


def table_frame(name: str, ctx: SiteContext) -> pd.DataFrame:
    """One download's rows, by its resource name (``searches``, ``instruments``...)."""
    return frame(table(name), ctx)
