"""Dates are not in the future, except the effective date of a proposed instrument."""

from .base import Context, instruments, searches


def _instrument_dates(checked, today: str):
    for loc, inst in instruments(checked):
        # partial dates (YYYY, YYYY-MM) compare correctly against today's prefix
        if inst.effective and inst.effective > today[: len(inst.effective)] and inst.status != "proposed":
            yield checked.at(loc + ("effective",), f"effective date {inst.effective} is in the future; "
                             "set status: proposed if it is not yet in force")
        if inst.ended and inst.ended > today[: len(inst.ended)]:
            yield checked.at(loc + ("ended",), f"end date {inst.ended} is in the future; "
                             "leave ended out until the instrument has ended")
        if inst.effective and inst.ended and inst.ended < inst.effective[: len(inst.ended)]:
            yield checked.at(loc + ("ended",), f"end date {inst.ended} is before the effective date "
                             f"{inst.effective}; correct one of the two dates")


def check(ctx: Context):
    today = ctx.today.isoformat()
    for checked in ctx.files:
        j = checked.jurisdiction
        if j.last_reviewed > today:
            yield checked.at(("last_reviewed",), f"last_reviewed {j.last_reviewed} is in the future; "
                             "write the date you last checked the file")
        yield from _instrument_dates(checked, today)
        for key, source in j.sources.items():
            if source.accessed and source.accessed > today:
                yield checked.at(("sources", key, "accessed"), f"accessed date {source.accessed} is in the future; "
                                 "write the date you read the source")
        for loc, search in searches(checked):
            if search.date > today:
                yield checked.at(loc + ("date",), f"search dated {search.date} is in the future; "
                                 "write the date you read the documents")
        for i, change in enumerate(j.changes):
            if change.date > today:
                yield checked.at(("changes", i, "date"), f"change dated {change.date} is in the future; "
                                 "write the date the change was made")
