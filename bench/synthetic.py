"""``synthetic_graph(n_nodes, seed)``: the synthetic atlas (bench/atlas.py) of about ``n_nodes`` nodes, for the
bench modules that size a graph by its node count (its names are unique and pronounceable, so questions
that name an entity answer on it as on the survey)."""
from __future__ import annotations

from graph.schema.model import GraphData


def synthetic_graph(n_nodes: int, seed: int = 0) -> GraphData:
    """The atlas grown ``round(n_nodes / survey nodes)`` times (at least twice)."""
    from bench.atlas import atlas, survey

    return atlas(max(2, round(n_nodes / len(survey().nodes))), seed=seed)
