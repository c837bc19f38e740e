"""Coverage notes: countries searched without a citable source, read strictly and shown on the gaps page."""

from dataclasses import replace
from pathlib import Path

from generator.data.coverage_notes import load_notes
from generator.site.pages import reference

ROOT = Path(__file__).resolve().parent.parent


def test_the_bundled_notes_load_without_problems_sorted_by_name():
    notes, problems = load_notes(ROOT / "coding" / "searched-without-result.yml")
    assert problems == [] and len(notes) >= 40
    assert [n.name for n in notes] == sorted(n.name for n in notes)
    assert all(n.looked_for and n.date for n in notes)


def test_a_bad_entry_is_an_error_with_its_line_and_field(tmp_path):
    path = tmp_path / "notes.yml"
    path.write_text("countries:\n  - id: gh\n    name: Ghana\n    date: 2026-13-01\n    looked_for: a plan\n"
                    "    leeds: [typo]\n", encoding="utf-8")
    notes, problems = load_notes(path)
    assert notes == []
    texts = [p.text() for p in problems]
    assert any(":4:" in t and "countries.0.date" in t for t in texts), texts
    assert any(":6:" in t and "leeds" in t for t in texts), texts


def test_no_file_means_no_notes(tmp_path):
    assert load_notes(tmp_path / "missing.yml") == ([], [])


def test_the_gaps_page_lists_each_country_with_what_was_looked_for_and_its_leads(ctx, tmp_path):
    path = tmp_path / "notes.yml"
    path.write_text("countries:\n  - id: gh\n    name: Ghana\n    date: 2026-01-02\n"
                    "    looked_for: peer roles in the mental health policy\n    leads: [a ministry page <b>x</b>]\n",
                    encoding="utf-8")
    notes, _ = load_notes(path)
    page = reference.gaps_page(replace(ctx, searched_without=tuple(notes)))
    assert "Ghana <code>gh</code>" in page and "peer roles in the mental health policy" in page
    assert "a ministry page &lt;b&gt;x&lt;/b&gt;" in page
