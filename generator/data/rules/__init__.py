"""Cross-field and cross-file lint rules, one module each.

Each module has a ``check(ctx)`` generator of diagnostics. Add a rule by
adding a module and listing it here; give it a test of its own.
"""

from . import (
    aliases_unique,
    cited_via_acyclic,
    dates_not_future,
    file_name_matches_id,
    history_agrees,
    id_is_iso_code,
    ids_unique_in_file,
    levels_have_evidence,
    parent_exists,
    quantities_in_range,
    searches_were_read,
    source_keys_resolve,
    sources_have_titles,
    sources_used,
    zero_has_evidence_of_absence,
)
from .base import Checked, Context

RULES = (
    file_name_matches_id,
    id_is_iso_code,
    parent_exists,
    source_keys_resolve,
    cited_via_acyclic,
    sources_used,
    sources_have_titles,
    aliases_unique,
    dates_not_future,
    quantities_in_range,
    ids_unique_in_file,
    levels_have_evidence,
    zero_has_evidence_of_absence,
    searches_were_read,
    history_agrees,
)


def run_all(ctx: Context):
    for rule in RULES:
        yield from rule.check(ctx)


__all__ = ["Checked", "Context", "RULES", "run_all"]
