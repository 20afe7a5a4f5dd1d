"""What every layout shares: the position map type, the graph as a networkx DiGraph (self-loops and dangling
edges dropped), and the scaling of any positions into the unit square (y = 0 at the top)."""
from __future__ import annotations

import networkx as nx

from graph.schema.model import GraphData

Pos = dict[str, tuple[float, float]]


def digraph(data: GraphData) -> nx.DiGraph:
    """``data`` as a DiGraph over its sorted ids, without self-loops or edges to nodes it does not hold."""
    g = nx.DiGraph()
    g.add_nodes_from(sorted(data.nodes))
    g.add_edges_from((e["source"], e["target"]) for e in data.edges
                     if e["source"] != e["target"] and e["source"] in data.nodes and e["target"] in data.nodes)
    return g


def normalise(pos: dict) -> Pos:
    """``pos`` scaled into the unit square, each axis on its own (a single row or column sits at 0.5)."""
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    w = (max(xs) - min(xs)) or 1.0
    h = (max(ys) - min(ys)) or 1.0
    x0 = min(xs) if max(xs) > min(xs) else min(xs) - 0.5
    y0 = min(ys) if max(ys) > min(ys) else min(ys) - 0.5
    return {n: (round((p[0] - x0) / w, 6), round((p[1] - y0) / h, 6)) for n, p in pos.items()}

