"""What changed: every file's changelog on one page, policy apart from data, and Atom feeds."""

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from generator.data import changelog
from generator.data.dataset import load_dataset
from generator.data.version import DataVersion
from generator.site.context import SiteContext
from generator.site.pages import changes

ATOM = "{http://www.w3.org/2005/Atom}"
XSS = Path(__file__).parent / "fixtures" / "xss"


def test_entries_are_newest_first_and_named_by_their_place_in_the_file(ctx):
    found = changelog.entries(ctx.dataset)
    dates = [e.change.date for e in found]
    assert dates == sorted(dates, reverse=True)
    on = [e for e in found if e.j.id == "ca-on"]
    assert sorted(e.number for e in on) == list(range(1, len(ctx.dataset.jurisdictions["ca-on"].changes) + 1))
    assert changelog.entries(ctx.dataset, "ca-on") == on


def test_the_page_keeps_policy_changes_apart_from_changes_to_the_data(ctx):
    page = changes.changes_page(ctx)
    policy, data = page.split('<h2 id="data">')
    for e in changelog.entries(ctx.dataset):
        assert e.change.summary in (policy if e.is_policy else data)


def test_each_feed_is_atom_with_one_entry_per_change_and_stable_ids(ctx):
    feeds = changes.feeds(ctx)
    assert {"feeds/atlas.xml", "feeds/policy.xml", "feeds/ca.xml", "feeds/ca-on.xml"} <= set(feeds)
    every = ET.fromstring(feeds["feeds/atlas.xml"].encode())
    assert every.tag == f"{ATOM}feed"
    ids = [e.find(f"{ATOM}id").text for e in every.iter(f"{ATOM}entry")]
    assert len(ids) == len(changelog.entries(ctx.dataset)) == len(set(ids))
    assert all(i.startswith("tag:o.example,2026:") for i in ids)
    policy = ET.fromstring(feeds["feeds/policy.xml"].encode())
    assert all(c.get("term") == "policy" for c in policy.iter(f"{ATOM}category"))
    mine = ET.fromstring(feeds["feeds/ca-on.xml"].encode())
    assert mine.find(f"{ATOM}link[@rel='alternate']").get("href") == "https://o.example/s/atlas/ca-on/"


def test_markup_in_a_change_stays_text_in_the_feed():
    ds = load_dataset(XSS)
    ctx = SiteContext(dataset=ds, repo_url="https://github.com/o/r", site_url="https://o.example/s/",
                      data_path="jurisdictions", version=DataVersion("v1", "2026-01-01"), today=date(2026, 1, 1))
    feed = ET.fromstring(changes.feeds(ctx)["feeds/fj.xml"].encode())
    summaries = [s.text for s in feed.iter(f"{ATOM}summary")]
    assert ds.jurisdictions["fj"].changes[0].summary in summaries
    assert not list(feed.iter("script")) and not list(feed.iter(f"{ATOM}script"))


def test_every_feed_parses_as_well_formed_atom(ctx):
    import feedparser

    for name, text in changes.feeds(ctx).items():
        if name.endswith(".xml"):
            parsed = feedparser.parse(text)
            assert not parsed.bozo, (name, parsed.get("bozo_exception"))
            assert parsed.version == "atom10", name


def test_each_dimension_has_a_feed_of_its_dated_level_changes(ctx):
    feeds = changes.feeds(ctx)
    mandates = ET.fromstring(feeds["feeds/levels-mandates.xml"].encode())
    titles = [e.find(f"{ATOM}title").text for e in mandates.iter(f"{ATOM}entry")]
    assert titles == ["Canada: Mandates level 1 from 2013", "Ontario: Mandates level 2 from 2004-05",
                      "Ontario: Mandates level 1 from 1998"]
    first = next(mandates.iter(f"{ATOM}entry"))
    assert first.find(f"{ATOM}updated").text == "2013-01-01T00:00:00Z"
    assert first.find(f"{ATOM}link").get("href") == "https://o.example/s/atlas/ca/#mandates-history"


def test_the_calendar_holds_each_instrument_still_to_take_effect(ctx):
    from dataclasses import replace

    from icalendar import Calendar

    from generator.data.dataset import Dataset
    from generator.data.model import Jurisdiction

    data = ctx.dataset.jurisdictions["ca-on"].model_dump(exclude_defaults=True)
    act = data["dimensions"]["mandates"]["instruments"][0]
    data["dimensions"]["mandates"]["instruments"].append(
        {**act, "id": "new-rule", "title": "A proposed rule", "status": "proposed", "effective": "2027-07"})
    on = Jurisdiction.model_validate(data)
    later = replace(ctx, dataset=Dataset({**ctx.dataset.jurisdictions, "ca-on": on}))
    cal = Calendar.from_ical(changes.feeds(later)["feeds/upcoming.ics"])
    [event] = cal.walk("VEVENT")
    assert str(event["summary"]) == "Ontario: A proposed rule takes effect"
    assert event.decoded("dtstart") == date(2027, 7, 1)
    assert "month only" in str(event["description"])
    assert Calendar.from_ical(changes.feeds(ctx)["feeds/upcoming.ics"]).walk("VEVENT") == []
