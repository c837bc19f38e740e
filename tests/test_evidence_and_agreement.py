"""Evidence of absence reaches the page, the gaps counts and the downloads; blind coding agreement is computed from run files."""

import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

from generator.data import coverage
from generator.data.agreement import agreements, cohen_kappa, load_runs
from generator.data.dataset import load_dataset
from generator.data.version import DataVersion
from generator.site import exports
from generator.site.context import SiteContext
from generator.site.pages import jurisdiction, reference

from .conftest import FIXTURES, ROOT, VALID

RUNS = FIXTURES / "coding" / "runs"


@pytest.fixture(scope="module")
def ctx() -> SiteContext:
    runs, problems = load_runs(RUNS)
    assert not problems
    return SiteContext(dataset=load_dataset(VALID), repo_url="https://github.com/o/r", site_url="https://o.example/s/",
                       data_path="jurisdictions", version=DataVersion("v1", "2026-01-01"), today=date(2026, 1, 1),
                       runs=tuple(runs))


def test_a_search_record_is_shown_under_its_dimension_with_the_documents_read(ctx):
    ca = ctx.dataset.jurisdictions["ca"]
    text = jurisdiction.page(ctx, ca, [])
    block = text[text.index('id="staffing-searched"'):]
    block = block[: block.index("</div>")]
    assert "Searched, nothing found" in block
    assert "<cite>Fixture source</cite>" in block and 'href="#source-fixture-source"' in block
    assert "a minimum FTE or target for peer staff in any service" in block
    assert "No instrument recorded" not in text[text.index("{: #staffing }"):text.index("{: #timeline }")]


def test_a_subdivision_shows_its_countrys_level_beside_its_own(ctx):
    on = ctx.dataset.jurisdictions["ca-on"]
    text = jurisdiction.page(ctx, on, [])
    assert "National level, Canada" in text and 'href="../ca/#staffing"' in text


def test_the_gaps_page_counts_zeros_and_searches_per_dimension(ctx):
    t = coverage.totals(ctx.dataset)
    assert t.by_dimension["staffing"].zero == 1 and t.by_dimension["staffing"].searched == 1
    assert t.by_dimension["funding"].searched == 0
    text = reference.gaps_page(ctx)
    row = text[text.index(">Staffing</a></th>"):]
    assert row[: row.index("</tr>")].endswith("<td>0</td><td>1</td><td>1</td><td>1</td>")  # unknown, 0, coded, searched


def test_every_search_record_is_a_row_of_the_searches_download(ctx):
    rows = exports.table_frame("searches", ctx)
    assert list(rows["jurisdiction_id"]) == ["ca"]
    assert rows.iloc[0]["level"] == "0" and rows.iloc[0]["source_keys"] == "fixture-source"
    assert rows.iloc[0]["page_url"] == "https://o.example/s/atlas/ca/#staffing-searched-1"
    package = exports.datapackage(ctx)
    assert '"atlas-searches.csv"' in package and '"atlas-agreement.csv"' in package


def test_kappa_matches_a_worked_example():
    # 50 items: both yes 20, both no 15, first yes/second no 5, first no/second yes 10
    pairs = [(1, 1)] * 20 + [(0, 0)] * 15 + [(1, 0)] * 5 + [(0, 1)] * 10
    # po = .70; pe = .5*.6 + .5*.4 = .50; kappa = .40
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_kappa_is_undefined_when_both_coders_use_one_code_only():
    assert cohen_kappa([("unknown", "unknown")] * 3) is None
    assert cohen_kappa([]) is None


def test_a_dimension_the_run_did_not_code_has_no_percentage_rather_than_zero():
    from generator.data.agreement import Agreement

    assert Agreement("funding", 0, 0, None, 0).percent is None
    assert Agreement("funding", 4, 3, None, 0).percent == pytest.approx(75.0)


def test_agreement_per_dimension_is_before_reconciliation(ctx):
    [run] = ctx.runs
    by_dim = {a.dimension: a for a in agreements(run)}
    pooled = by_dim["all"]
    assert (by_dim["mandates"].n, by_dim["mandates"].agreed) == (2, 2)
    assert (by_dim["staffing"].agreed, by_dim["staffing"].reconciled_changed) == (1, 1)
    # certification: reconciled back to the first code, which is no change
    assert (by_dim["certification"].agreed, by_dim["certification"].reconciled_changed) == (1, 0)
    assert pooled.n == 8 and pooled.agreed == 5


def test_the_agreement_page_and_download_show_each_run(ctx):
    text = reference.agreement_page(ctx)
    assert "Run 2026-01-01-fixture" in text and "interpretation guide version 1.0" in text
    assert "The 3 disagreements" in text and "grants, not reimbursement" in text
    frame = exports.table_frame("agreement", ctx)
    assert list(frame["dimension"]) == ["mandates", "funding", "certification", "staffing", "all"]
    assert frame.iloc[-1]["percent"] == pytest.approx(62.5)


def test_a_bad_run_file_is_reported_at_its_line_without_traceback():
    runs, problems = load_runs(FIXTURES / "coding-invalid")
    assert runs == []
    texts = [p.text().split("coding-invalid/")[1] for p in problems]
    assert any(t.startswith("2026-01-02-bad.yml:9:") and "funding" in t for t in texts), texts
    assert any("mandate" in t for t in texts), texts


def test_the_script_recomputes_the_agreement_from_the_run_files():
    result = subprocess.run([sys.executable, "scripts/agreement.py", "--csv", str(RUNS)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("run,guide_version,dimension")
    assert "2026-01-01-fixture,1.0,all,8,5,62.5," in lines[-1]


def test_the_committed_runs_load_and_name_a_guide_version_the_guide_has():
    runs, problems = load_runs(ROOT / "coding" / "runs")
    assert not problems
    guide = (ROOT / "docs" / "interpretation-guide.md").read_text(encoding="utf-8")
    for run in runs:
        assert f"- **{run.guide_version}**" in guide


def _blind_coding_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("blind_coding", ROOT / "scripts" / "blind_coding.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_blinded_export_hides_levels_rationales_changes_and_sentences_that_name_a_level():
    blind = _blind_coding_module()
    ca_on = load_dataset(VALID).jurisdictions["ca-on"]
    data = ca_on.model_dump(mode="json", exclude_none=True)
    data["dimensions"]["staffing"]["instruments"][0]["summary"] = "Sets 0.5 FTE per team. Coded 2 on this basis."
    data["dimensions"]["funding"]["searched"] = [{"looked_for": "a fee item", "sources": ["standard"],
                                                 "date": "2025-01-15", "found": "No fee item. So no 0 is coded."}]
    from generator.data.model import Jurisdiction

    record = blind.blinded(Jurisdiction.model_validate(data))
    assert "changes" not in record and "summary" not in record
    for d in ("mandates", "funding", "certification", "staffing"):
        assert "level" not in record["dimensions"][d] and "rationale" not in record["dimensions"][d]
    assert record["dimensions"]["staffing"]["instruments"][0]["summary"] == "Sets 0.5 FTE per team."
    assert record["dimensions"]["funding"]["searched"][0]["found"] == "No fee item."


def test_billing_codes_reach_the_page_and_the_instruments_download(ctx):
    from generator.data.model import Jurisdiction

    data = ctx.dataset.jurisdictions["ca-on"].model_dump(mode="json", exclude_none=True)
    inst = data["dimensions"]["staffing"]["instruments"][0]
    inst["billing_codes"] = [{"code": "H0038", "modifier": "HQ", "unit": "15 minutes", "note": "group"}]
    on = Jurisdiction.model_validate(data)
    text = jurisdiction.page(ctx, on, [])
    assert "<dt>Billing codes</dt><dd><code>H0038 HQ (15 minutes, group)</code></dd>" in text
    from dataclasses import replace

    changed = replace(ctx, dataset=type(ctx.dataset)(jurisdictions={**ctx.dataset.jurisdictions, "ca-on": on}))
    rows = exports.table_frame("instruments", changed)
    assert "H0038 HQ (15 minutes, group)" in set(rows["billing_codes"])
