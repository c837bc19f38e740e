"""No two files claim the same name or alias, so search finds one answer."""

from .base import Context


def check(ctx: Context):
    claimed: dict[str, str] = {}
    for checked in sorted(ctx.files, key=lambda c: c.jurisdiction.id):
        j = checked.jurisdiction
        for i, alias in enumerate(j.aliases):
            owner = claimed.get(alias.casefold())
            if owner and owner != j.id:
                yield checked.at(("aliases", i), f"alias '{alias}' is already claimed by '{owner}'; "
                                 "remove it from one of the two files")
        for alias in [j.name, *j.aliases]:
            claimed.setdefault(alias.casefold(), j.id)
