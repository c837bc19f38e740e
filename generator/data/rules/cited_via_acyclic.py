"""`cited_via` chains end at a source someone read: no source is known only through itself."""

from .base import Context


def _cycle_from(start: str, sources: dict) -> list[str] | None:
    """The cycle that following cited_via from ``start`` runs into, if any."""
    chain: list[str] = []
    key = start
    while key in sources and key not in chain:
        chain.append(key)
        key = sources[key].cited_via
    return chain[chain.index(key):] if key in chain else None


def check(ctx: Context):
    for checked in ctx.files:
        sources = checked.jurisdiction.sources
        reported: set[frozenset] = set()
        for key in sources:  # file order: the cycle is reported at its first member
            cycle = _cycle_from(key, sources)
            if not cycle or frozenset(cycle) in reported or cycle[0] != key:
                continue
            reported.add(frozenset(cycle))
            yield checked.at(("sources", key, "cited_via"), _message(cycle))


def _message(cycle: list[str]) -> str:
    if len(cycle) == 1:
        return "a source cannot be cited via itself; remove cited_via, or name the source you read"
    path = " → ".join(cycle + cycle[:1])
    return f"cited_via goes round in a circle ({path}); remove cited_via from the source you read yourself"
