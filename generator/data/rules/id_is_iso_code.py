"""Ids are real ISO 3166-1 alpha-2 or ISO 3166-2 codes."""

from ..iso import iso_name
from .base import Context


def check(ctx: Context):
    for checked in ctx.files:
        code = checked.jurisdiction.id
        if iso_name(code) is None:
            yield checked.at(
                ("id",),
                f"'{code}' is not an ISO 3166 code; use a country code such as 'au' or a "
                f"subdivision code such as 'ca-on'",
            )
