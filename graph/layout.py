"""Node positions computed in Python, so no renderer (pyvis, SVG, slides) has to run physics.

``positions(data, kind)`` returns ``{id: (x, y)}`` in the unit square, deterministic for a given graph:
``layered`` puts DAG-like graphs (taxonomy, lineage) in rows by generation; ``radial`` puts a focus in
the middle and its neighbours on rings by hop distance; ``spring`` is a seeded force layout.
"""
from __future__ import annotations

import math

import networkx as nx

from graph.model import GraphData


def _digraph(data: GraphData) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(sorted(data.nodes))
    g.add_edges_from((e["source"], e["target"]) for e in data.edges if e["source"] != e["target"])
    return g


def _normalise(pos: dict) -> dict[str, tuple[float, float]]:
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    w = (max(xs) - min(xs)) or 1.0
    h = (max(ys) - min(ys)) or 1.0
    return {n: ((p[0] - min(xs)) / w, (p[1] - min(ys)) / h) for n, p in pos.items()}


def layered(data: GraphData) -> dict[str, tuple[float, float]]:
    """Rows by topological generation (edges point up: child -> parent); falls back to BFS rows on cycles."""
    g = _digraph(data)
    try:
        gens = list(nx.topological_generations(g.reverse(copy=False)))
    except nx.NetworkXUnfeasible:
        start = min(g.nodes, key=lambda n: (-g.degree(n), n))
        und = g.to_undirected()
        depth = nx.single_source_shortest_path_length(und, start) if g else {}
        maxd = max(depth.values(), default=0)
        gens = [[] for _ in range(maxd + 2)]
        for n in sorted(g.nodes):
            gens[depth.get(n, maxd + 1)].append(n)
    pos = {}
    for row, nodes in enumerate(gens):
        nodes = sorted(nodes)
        for i, n in enumerate(nodes):
            pos[n] = ((i + 1) / (len(nodes) + 1), row)
    return _normalise(pos)


def radial(data: GraphData, focus: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """Focus nodes in the centre, others on rings by hop distance, sorted by label then id on each ring."""
    g = _digraph(data).to_undirected()
    if not g:
        return {}
    focus = [f for f in (focus or []) if f in g] or [min(g.nodes, key=lambda n: (-g.degree(n), n))]
    dist = nx.multi_source_dijkstra_path_length(g, set(focus))
    far = max(dist.values(), default=0) + 1
    rings: dict[int, list[str]] = {}
    for n in g.nodes:
        rings.setdefault(dist.get(n, far), []).append(n)
    pos = {}
    for r, nodes in rings.items():
        nodes.sort(key=lambda n: (data.nodes[n]["label"], n))
        for i, n in enumerate(nodes):
            if r == 0 and len(nodes) == 1:
                pos[n] = (0.0, 0.0)
                continue
            angle = 2 * math.pi * i / len(nodes) + (0.3 * r)
            pos[n] = (r * math.cos(angle), r * math.sin(angle))
    return _normalise(pos)


def spring(data: GraphData) -> dict[str, tuple[float, float]]:
    """A seeded force-directed layout (the same input gives the same picture)."""
    g = _digraph(data).to_undirected()
    return _normalise(nx.spring_layout(g, seed=7, iterations=100)) if g else {}


def positions(data: GraphData, kind: str = "auto", focus: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """Positions for ``data``: ``layered``, ``radial``, ``spring`` or ``auto`` (radial with a focus, else layered
    when the graph is acyclic, else spring)."""
    if kind == "layered":
        return layered(data)
    if kind == "radial":
        return radial(data, focus)
    if kind == "spring":
        return spring(data)
    if focus:
        return radial(data, focus)
    return layered(data) if nx.is_directed_acyclic_graph(_digraph(data)) else spring(data)
