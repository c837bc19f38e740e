"""What changed: the "Recent changes" page; Atom feeds for the atlas, its policy changes, each
jurisdiction and each dimension's dated level changes (files under atlas/feeds/, built with the
downloads); and an iCalendar file of instruments that take effect on a future date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.data import changelog
from generator.data.fields import DIMENSION_TITLES
from generator.data.model import DIMENSIONS
from generator.site.context import SiteContext
from generator.site.render import render


@dataclass(frozen=True)
class FeedEntry:
    title: str
    id: str  # a tag URI (RFC 4151): stable whatever the site's address becomes later
    link: str
    day: str  # YYYY-MM-DD
    category: str
    summary: str


def changes_page(ctx: SiteContext) -> str:
    every = changelog.entries(ctx.dataset)
    sections = [("Policy changes", "policy", [e for e in every if e.is_policy]),
                ("Changes to the data: corrections and reviews", "data", [e for e in every if not e.is_policy])]
    return render("changes.md.j2", "atlas/changes.md", sections=sections)


def _host(ctx: SiteContext) -> str:
    return ctx.site_url.split("//", 1)[-1].split("/", 1)[0] or "localhost"


def _change_entry(ctx: SiteContext, e: changelog.Entry) -> FeedEntry:
    return FeedEntry(f"{e.j.name}: {e.change.kind}, {e.change.date}", f"tag:{_host(ctx)},2026:{e.j.id}/changes/{e.number}",
                     f"{ctx.site_url}atlas/{e.j.id}/#changes", e.change.date, e.change.kind, e.change.summary)


def _full_day(partial: str) -> str:
    """A partial date's first day: 2019 -> 2019-01-01, 2019-07 -> 2019-07-01 (a full date stays)."""
    return (partial + "-01-01")[:10]


def level_entries(ctx: SiteContext, dimension: str) -> list[FeedEntry]:
    """Every dated step of one dimension's levels, newest first."""
    found = []
    for j in ctx.dataset.jurisdictions.values():
        for n, step in enumerate(ctx.timeline.steps[j.id][dimension], start=1):
            basis = step.instrument.title if step.instrument else (step.note or "")
            how = "dated from its instrument's effective date (at least since then)" if step.derived else "recorded"
            found.append(FeedEntry(
                f"{j.name}: {DIMENSION_TITLES[dimension]} level {step.level} from {step.date}",
                f"tag:{_host(ctx)},2026:{j.id}/{dimension}/history/{step.date}/{step.level}",
                f"{ctx.site_url}atlas/{j.id}/#{dimension}-history", _full_day(step.date), dimension,
                f"{basis} ({how})." if basis else f"({how})."))
    return sorted(found, key=lambda e: (e.day, e.title), reverse=True)


def _feed(ctx: SiteContext, name: str, title: str, subtitle: str, entries: list[FeedEntry], page: str) -> str:
    updated = max((e.day for e in entries), default=ctx.version.date)
    return render("feeds/atom.xml.j2", f"atlas/feeds/{name}", title=title, subtitle=subtitle,
                  entries=entries, updated=updated, feed_url=f"{ctx.site_url}atlas/feeds/{name}",
                  page_url=f"{ctx.site_url}{page}")


def feeds(ctx: SiteContext) -> dict[str, str]:
    """The feeds, by path under atlas/: every change, policy changes, one per jurisdiction, one per
    dimension's level changes, and the calendar of instruments still to take effect."""
    every = changelog.entries(ctx.dataset)
    entries = [_change_entry(ctx, e) for e in every]  # each made once, for the three kinds of feed
    out: dict[str, str] = {
        "feeds/atlas.xml": _feed(ctx, "atlas.xml", "Peer Support Policy Atlas: all changes",
                                 "Every change to the atlas's data, newest first.", entries, "atlas/changes/"),
        "feeds/policy.xml": _feed(ctx, "policy.xml", "Peer Support Policy Atlas: policy changes",
                                  "New, changed or ended peer support policies.",
                                  [f for e, f in zip(every, entries) if e.is_policy], "atlas/changes/#policy"),
    }
    by_id: dict[str, list] = {}
    for e, f in zip(every, entries):  # in one pass, newest first as in the whole list
        by_id.setdefault(e.j.id, []).append(f)
    for j in ctx.dataset.jurisdictions.values():
        out[f"feeds/{j.id}.xml"] = _feed(ctx, f"{j.id}.xml", f"Peer Support Policy Atlas: {j.name}",
                                         f"Changes to the record of {j.name}.", by_id.get(j.id, []), f"atlas/{j.id}/")
    for d in DIMENSIONS:
        out[f"feeds/levels-{d}.xml"] = _feed(
            ctx, f"levels-{d}.xml", f"Peer Support Policy Atlas: {DIMENSION_TITLES[d]} levels over time",
            f"Each dated change of a jurisdiction's {DIMENSION_TITLES[d].lower()} level, newest first.",
            level_entries(ctx, d), f"atlas/charts/#chart-{d}-adoption")
    out["feeds/upcoming.ics"] = upcoming_calendar(ctx)
    return out


# what a partial effective date leaves unsaid, by its length
PRECISION = {4: " (year only: the day is not known)", 7: " (month only: the day is not known)"}


def upcoming_calendar(ctx: SiteContext) -> str:
    """An iCalendar file (RFC 5545) with one all-day event per instrument whose effective date is
    after the data's date: proposed rules and laws that have a start date set."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Peer Support Policy Atlas//upcoming effective dates//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Peer Support Policy Atlas: upcoming effective dates")
    today = ctx.today.isoformat()
    for j in ctx.dataset.jurisdictions.values():
        for d in DIMENSIONS:
            for inst in j.dimension(d).instruments:
                if not inst.effective or inst.effective <= today[: len(inst.effective)]:
                    continue
                event = Event()
                event.add("uid", f"{j.id}/{d}/{inst.id}@{_host(ctx)}")
                event.add("summary", f"{j.name}: {inst.title} takes effect")
                event.add("dtstart", date.fromisoformat(_full_day(inst.effective)))
                event.add("dtstamp", ctx.today)  # the data's date, so builds stay reproducible
                event.add("description", f"{inst.summary} Effective {inst.effective}"
                          f"{PRECISION.get(len(inst.effective), '')}; status {inst.status}.")
                event.add("url", f"{ctx.site_url}atlas/{j.id}/#{d}-{inst.id}")
                cal.add_component(event)
    return cal.to_ical().decode("utf-8")  # CRLF line ends, as RFC 5545 requires, kept as they are


def outputs(ctx: SiteContext) -> dict[str, str]:
    return {"changes.md": changes_page(ctx)}
