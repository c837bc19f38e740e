"""Topic views: one per setting, population and funding mechanism, built from the instruments' tags."""

import re

from generator.data import topics
from generator.site.pages import topics as topic_pages


def _topic(value):
    return next(t for t in topics.topics() if t.value == value)


def test_every_setting_population_and_mechanism_has_a_title_and_question():
    for facet in topics.FACETS:
        values = set(topics.vocabulary(facet)) - topics.NO_VIEW
        missing, stale = values - set(topics.WORDING[facet.field]), set(topics.WORDING[facet.field]) - values
        assert not missing, f"give {sorted(missing)} a (title, question) in WORDING[{facet.field!r}], generator/data/topics.py"
        assert not stale, f"WORDING[{facet.field!r}] names values the model no longer has: {sorted(stale)}"


def test_topic_addresses_are_unique():
    slugs = [t.slug for t in topics.topics()]
    assert len(slugs) == len(set(slugs))


def test_a_setting_view_lists_the_instruments_tagged_with_it_in_every_dimension(ctx):
    found = topics.matches(ctx.dataset, _topic("act"))
    assert [(m.j.id, m.dimension, m.instrument.id) for m in found] == [("ca-on", "mandates", "act-standard")]


def test_a_search_covering_the_setting_is_listed_where_no_instrument_matches(ctx):
    absent = topics.absences(ctx.dataset, _topic("act"))
    assert [(a.j.id, a.dimension, a.number) for a in absent] == [("ca", "staffing", 1)]
    assert topics.absences(ctx.dataset, _topic("emergency")) == []  # the search did not cover it


def test_a_mechanism_view_matches_the_funding_mechanism_and_has_no_searches(ctx):
    grant = _topic("grant")
    assert [m.instrument.id for m in topics.matches(ctx.dataset, grant)] == ["grants"]
    assert topics.absences(ctx.dataset, grant) == []


def test_the_act_page_shows_the_figure_the_sources_and_the_search(ctx):
    page = topic_pages.outputs(ctx)["topics/act.md"]
    assert "0.5 FTE per ACT team" in page
    assert 'href="../../ca-on/#mandates-act-standard"' in page
    assert 'href="../../ca-on/#source-standard"' in page
    assert 'href="../../ca/#staffing-searched-1"' in page
    assert "1 instrument in 1 jurisdiction is tagged" in page


def test_the_two_medicaid_views_point_to_each_other(ctx):
    pages = topic_pages.outputs(ctx)
    assert f'href="../insurance-waiver/">{_topic("insurance_waiver").question}' in pages["topics/health-insurance-reimbursement.md"]
    assert 'href="../health-insurance-reimbursement/"' in pages["topics/insurance-waiver.md"]
    assert "See also" not in pages["topics/act.md"]
    for group in topics.RELATED:  # every name in a group is a real view, and points to the rest
        for value in group:
            assert {t.value for t in _topic(value).see_also()} == group - {value}


def test_the_home_page_asks_every_topic_as_a_question_linking_to_its_view(ctx):
    home = topic_pages.outputs(ctx)["_snippets/home_questions.md"]
    links = re.findall(r'href="atlas/topics/([a-z-]+)/"', home)
    assert sorted(links) == sorted(t.slug for t in topics.topics())
    assert _topic("act").question in home


def test_a_topic_page_is_rendered_again_only_when_what_it_shows_changed(ctx, monkeypatch):
    from dataclasses import replace

    calls = []
    real = topic_pages._render
    monkeypatch.setattr(topic_pages, "_render", lambda *a: calls.append(a[1].slug) or real(*a))
    here = replace(ctx, page_cache={})
    found = topics.matches(here.dataset, _topic("act"))
    first = topic_pages.topic_page(here, _topic("act"), found)
    again = topic_pages.topic_page(here, _topic("act"), found)
    assert first == again and calls == ["act"]
    on = here.dataset.jurisdictions["ca-on"]
    renamed = on.model_copy(update={"name": "Ontario (renamed)"})
    changed = replace(here, dataset=replace(here.dataset, jurisdictions={**here.dataset.jurisdictions, "ca-on": renamed}))
    page = topic_pages.topic_page(changed, _topic("act"), topics.matches(changed.dataset, _topic("act")))
    assert "Ontario (renamed)" in page and calls == ["act", "act"]
