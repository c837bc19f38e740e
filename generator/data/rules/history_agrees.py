"""A recorded level history agrees with its dimension: it names the dimension's own instruments,
no change comes before the instrument that made it took effect or after today, the changes are in
date order, each says what brought it, and the last ends at the level coded today."""

from ..history import date_key
from ..model import DIMENSIONS
from .base import Context


def _date_errors(checked, loc, change, inst, previous, today):
    if previous is not None and date_key(change.date) <= date_key(previous):
        yield checked.at(loc + ("date",), f"the change dated {change.date} is not after the one before "
                         f"it ({previous}); list the changes oldest first, one per date")
    if change.date > today[: len(change.date)]:
        yield checked.at(loc + ("date",), f"the change is dated {change.date}, in the future; "
                         "record it once it has happened")
    if inst is not None and inst.effective and \
            date_key(change.date) < date_key(inst.effective)[: len(date_key(change.date))]:
        yield checked.at(loc + ("date",), f"the change is dated {change.date}, before '{inst.id}' "
                         f"took effect ({inst.effective}); write date: {inst.effective} or later")


def _instrument_errors(checked, loc, change, inst, name, by_id):
    if change.instrument and inst is None:
        known = ", ".join(by_id) or "none: add the instrument under instruments first"
        yield checked.at(loc + ("instrument",), f"no instrument '{change.instrument}' in {name}; "
                         f"write one of its instrument ids ({known})")
    elif inst is not None and inst.status == "proposed":
        yield checked.at(loc + ("instrument",), f"instrument '{inst.id}' is proposed, and a proposed "
                         "instrument never changes a level; remove this change or the instrument")


def _errors(checked, name: str, dim, today: str):
    by_id = {i.id: i for i in dim.instruments}
    previous = None
    # in the order of their positions in the file, as the validator prints them
    for i, change in enumerate(dim.history):
        loc = ("dimensions", name, "history", i)
        inst = by_id.get(change.instrument) if change.instrument else None
        if not change.instrument and not (change.note and change.sources):
            yield checked.at(loc, "say what changed the level: name the `instrument:` that did, or "
                             "give a `note:` with the `sources:` that show the change")
        yield from _date_errors(checked, loc, change, inst, previous, today)
        yield from _instrument_errors(checked, loc, change, inst, name, by_id)
        previous = change.date
    last = dim.history[-1]
    if last.level != dim.level:
        yield checked.at(("dimensions", name, "history", len(dim.history) - 1, "level"),
                         f"the history ends at level {last.level} but {name} is coded {dim.level}; "
                         f"make the last change's level {dim.level}, or set level: {last.level}")


def check(ctx: Context):
    today = ctx.today.isoformat()
    for checked in ctx.files:
        for name in DIMENSIONS:
            dim = checked.jurisdiction.dimension(name)
            if dim.history:
                yield from _errors(checked, name, dim, today)
