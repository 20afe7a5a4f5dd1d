"""``synthetic_graph(n_nodes, seed)``: the synthetic atlas (bench/atlas.py) of about ``n_nodes`` nodes, for the
bench modules that size a graph by its node count (its names are unique and pronounceable, so questions
that name an entity answer on it as on the survey). Kept per process up to 100x: `make bench` runs every
module in one process, and bench_core, bench_ask and bench_paths all ask for the same 100x graph."""
from __future__ import annotations

from functools import lru_cache

from graph.schema.model import GraphData


def synthetic_graph(n_nodes: int, seed: int = 0) -> GraphData:
    """The atlas grown ``round(n_nodes / survey nodes)`` times (at least twice); callers must not change it."""
    from bench.atlas import atlas, survey

    factor = max(2, round(n_nodes / len(survey().nodes)))
    return _kept(factor, seed) if factor <= 100 else atlas(factor, seed=seed)


@lru_cache(maxsize=4)
def _kept(factor: int, seed: int) -> GraphData:
    from bench.atlas import atlas

    return atlas(factor, seed=seed)
