"""The file name is the permalink: `ca-on.yml` must hold `id: ca-on`."""

from .base import Context


def check(ctx: Context):
    for checked in ctx.files:
        stem = checked.doc.path.name.removesuffix(".yml")
        if stem != checked.jurisdiction.id:
            yield checked.at(
                ("id",),
                f"id '{checked.jurisdiction.id}' does not match the file name; rename the file "
                f"to {checked.jurisdiction.id}.yml or set id: {stem}",
            )
