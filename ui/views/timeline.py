"""The years the graph spans, for the "up to a year" sliders (Explore, Lineage, Evolution)."""
from __future__ import annotations

from graph.draw.exploration import year_of
from graph.store.index import index


def year_bounds(store) -> tuple[int, int] | None:
    """The first and last year any node of the graph carries, or None when nothing is dated."""
    years = [y for y in (year_of(n) for n in index(store).nodes.values()) if y is not None]
    return (min(years), max(years)) if years else None
