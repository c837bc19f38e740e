"""The codebook, the list of jurisdictions, the data-gaps page and the home-page figures."""

from __future__ import annotations

from generator.data import agreement, codebook, coverage
from generator.data.model import DIMENSIONS
from generator.site.render import render
from generator.site.context import SiteContext
from generator.data.staleness import months_since

VOCABULARIES = [
    ("Instrument", "kind", "Instrument kinds"),
    ("Instrument", "binding", "How binding an instrument is"),
    ("Instrument", "status", "Status"),
    ("Instrument", "settings", "Settings"),
    ("Instrument", "populations", "Populations"),
    ("Instrument", "mechanism", "Funding mechanisms"),
    ("Quantity", "unit", "Units of figures"),
    ("Credential", "required_for", "What a credential may be required for"),
    ("Source", "kind", "Source kinds"),
    ("Change", "kind", "Kinds of change"),
]
FIELD_TABLES = ["Jurisdiction", "Mandates", "Staffing", "Search", "Instrument", "BillingCode", "Quantity", "Credential",
                "ObservedFigure", "Source", "Change"]


def codebook_page(ctx: SiteContext) -> str:
    return render(
        "codebook.md.j2", "atlas/codebook.md",
        dimensions=[(d, codebook.dimension_description(d), codebook.levels(d)) for d in DIMENSIONS],
        verification=codebook.vocabulary("Instrument", "verification"),
        vocabularies=[(title, codebook.vocabulary(model, field)) for model, field, title in VOCABULARIES],
        field_tables=[(name, codebook.fields(name)) for name in FIELD_TABLES],
        version=ctx.version,
    )


def agreement_page(ctx: SiteContext) -> str:
    runs = []
    for run in sorted(ctx.runs, key=lambda r: r.date, reverse=True):
        disagreements = [
            (jid, ctx.dataset.jurisdictions[jid].name if jid in ctx.dataset.jurisdictions else None, d, code)
            for jid, by_dim in run.codes.items() for d, code in by_dim.items() if code.first != code.blind
        ]
        runs.append((run, agreement.agreements(run), disagreements))
    return render("agreement.md.j2", "atlas/agreement.md", runs=runs)


def index_page(ctx: SiteContext) -> str:
    by_region: dict[str, list] = {}
    for j in ctx.dataset.jurisdictions.values():
        if not j.parent or j.parent not in ctx.dataset.jurisdictions:
            by_region.setdefault(j.region, []).append(j)
    return render("index.md.j2", "atlas/index.md", by_region=sorted(by_region.items()), ds=ctx.dataset,
                  children=ctx.dataset.children_by_parent())


def gaps_page(ctx: SiteContext) -> str:
    stale = [
        (j, months_since(j.last_reviewed, ctx.today)) for j in ctx.dataset.jurisdictions.values()
        if months_since(j.last_reviewed, ctx.today) >= ctx.stale_months
    ]
    return render("gaps.md.j2", "atlas/gaps.md", rows=coverage.rows(ctx.dataset), totals=coverage.totals(ctx.dataset),
                  stale=stale, stale_months=ctx.stale_months, searched_without=ctx.searched_without)


def home_figures(ctx: SiteContext) -> str:
    ds = ctx.dataset
    reviewed = max((j.last_reviewed for j in ds.jurisdictions.values()), default="")
    countries = sum(not j.is_subnational for j in ds.jurisdictions.values())
    return render("home_figures.md.j2", "index.md", total=len(ds), countries=countries,
                  subnational=len(ds) - countries, reviewed=reviewed,
                  totals=coverage.totals(ds), version=ctx.version)


def outputs(ctx: SiteContext) -> dict[str, str]:
    return {
        "codebook.md": codebook_page(ctx),
        "agreement.md": agreement_page(ctx),
        "index.md": index_page(ctx),
        "gaps.md": gaps_page(ctx),
        "_snippets/home_figures.md": home_figures(ctx),
    }
