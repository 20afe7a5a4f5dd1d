"""The layered layout (Sugiyama-style) and the family tree built on it: cycles broken, rows by longest path
(edges point up: child -> parent), barycentre sweeps to reduce crossings, nodes pulled over their neighbours,
and a row wider than ``max_row`` wrapped into staggered sub-rows so neighbouring labels sit on alternate lines.
``generations`` keeps one generation per row, never wrapped."""
from __future__ import annotations

import math

import networkx as nx

from graph.draw.layout_common import Pos, digraph, normalise
from graph.schema.model import GraphData


def default_row_width(n: int) -> int:
    """Nodes per row before a layer wraps: about sqrt(2.5 n), so n nodes fill a 16:9 figure evenly."""
    return max(4, math.ceil(math.sqrt(2.5 * n)))


def _acyclic(g: nx.DiGraph) -> nx.DiGraph:
    """``g`` without its DFS back edges (visited in id order), so any graph can be layered."""
    dag = g.copy()
    state: dict[str, int] = {}
    for root in sorted(g.nodes):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(g.successors(root))))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                dag.remove_edge(node, nxt)
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(sorted(g.successors(nxt)))))
    return dag


def _crossings(upper: list[str], lower: list[str], und: nx.Graph) -> int:
    """Edge crossings between two adjacent rows: inversions of the lower ends, counted with a Fenwick tree."""
    pos_u = {n: i for i, n in enumerate(upper)}
    pairs = sorted((pos_u[m], j) for j, n in enumerate(lower) for m in und[n] if m in pos_u)
    tree = [0] * (len(lower) + 1)
    count = seen = 0
    for _, j in pairs:  # crossings = earlier pairs whose lower end is strictly to the right
        i, le = j + 1, 0
        while i > 0:
            le += tree[i]
            i -= i & -i
        count += seen - le
        i = j + 1
        while i <= len(lower):
            tree[i] += 1
            i += i & -i
        seen += 1
    return count


def _order_layers(layers: list[list[str]], und: nx.Graph, sweeps: int = 8) -> list[list[str]]:
    """Barycentre heuristic: alternate down and up sweeps, keep the ordering with fewest crossings."""
    def total(ls):
        return sum(_crossings(ls[i], ls[i + 1], und) for i in range(len(ls) - 1))

    best, best_c = [list(layer) for layer in layers], total(layers)
    cur = [list(layer) for layer in layers]
    for s in range(sweeps):
        rng = range(1, len(cur)) if s % 2 == 0 else range(len(cur) - 2, -1, -1)
        for i in rng:
            ref = cur[i - 1] if s % 2 == 0 else cur[i + 1]
            idx = {n: k for k, n in enumerate(ref)}
            old = {n: k for k, n in enumerate(cur[i])}

            def bary(n, idx=idx, old=old):
                ks = [idx[m] for m in und[n] if m in idx]
                return (sum(ks) / len(ks), old[n]) if ks else (old[n] * len(ref) / max(len(old), 1), old[n])

            cur[i].sort(key=bary)
        c = total(cur)
        if c < best_c:
            best, best_c = [list(layer) for layer in cur], c
    return best


def _place_row(order: list[str], desired: dict[str, float]) -> dict[str, float]:
    """x for one row in ``order``, near ``desired`` but at least one slot apart, centred on the desired mean."""
    xs: list[float] = []
    for n in order:
        xs.append(desired[n] if not xs else max(desired[n], xs[-1] + 1.0))
    shift = sum(desired[n] for n in order) / len(order) - sum(xs) / len(xs)
    return {n: x + shift for n, x in zip(order, xs)}


def layered(data: GraphData, max_row: int | None = None) -> Pos:
    """Rows by longest path from the parents (edges point up), crossings reduced, wide rows wrapped."""
    g = digraph(data)
    if not g:
        return {}
    width = max_row or default_row_width(len(g))
    isolated = sorted(n for n in g if g.degree(n) == 0)
    dag = _acyclic(g.subgraph(n for n in g if g.degree(n) > 0).copy())
    level: dict[str, int] = {}
    for n in reversed(list(nx.lexicographical_topological_sort(dag))):
        level[n] = 1 + max((level[p] for p in dag.successors(n)), default=-1)
    layers: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for n in sorted(level, key=lambda n: (data.nodes[n].get("label", ""), n)):
        layers[level[n]].append(n)
    und = g.to_undirected(as_view=True)
    layers = _order_layers(layers, und)

    x: dict[str, float] = {}
    for layer in layers:  # first guess: each layer spread over the row width, centred
        m = len(layer)
        step = width / m if m > width else 1.0
        for i, n in enumerate(layer):
            x[n] = (i - (m - 1) / 2) * step
    for _ in range(4):  # pull narrow layers over their neighbours
        for layer in layers:
            if len(layer) > width:
                continue
            desired = {}
            for n in layer:
                nb = [x[m] for m in und[n] if m in x]
                desired[n] = sum(nb) / len(nb) if nb else x[n]
            x.update(_place_row(layer, desired))

    # Sub-rows are a full row apart (a label hangs below its node and must clear the next sub-row);
    # layers are a little further apart so the eye can tell them from the sub-rows.
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for layer in layers:
        sub = math.ceil(len(layer) / width)
        for i, n in enumerate(layer):
            pos[n] = (x[n], y + (i % sub))  # round-robin: neighbours in order alternate sub-rows
        y += sub - 1 + 1.4
    if isolated:  # unconnected nodes: a grid under the graph, grouped by label
        isolated.sort(key=lambda n: (data.nodes[n].get("label", ""), str(data.nodes[n].get("name", n)).lower()))
        xs = [p[0] for p in pos.values()] or [0.0]
        left = min(xs) if pos else -(min(width, len(isolated)) - 1) / 2
        cols = max(width, round(max(xs) - left) + 1) if pos else width
        for i, n in enumerate(isolated):
            pos[n] = (left + i % cols, y + i // cols)
    return normalise(pos)


def generations(data: GraphData, focus: list[str] | None = None) -> Pos:
    """A family tree: a row per generation, counted in DERIVED_FROM hops from the focus (parents above,
    children below, the nearest count), never wrapped; anything else (a method applied to a member) on a
    half row just under the first member it touches. Without a focus in the graph: ``layered``."""
    start = next((f for f in focus or () if f in data.nodes), None)
    if start is None:
        return layered(data)
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for e in data.edges:
        if e["type"] == "DERIVED_FROM":
            up.setdefault(e["source"], []).append(e["target"])
            down.setdefault(e["target"], []).append(e["source"])
    rank = {start: 0.0}
    frontier = [start]
    while frontier:
        nxt = []
        for n in sorted(frontier):
            for m, step in [(p, -1.0) for p in up.get(n, [])] + [(c, 1.0) for c in down.get(n, [])]:
                if m not in rank:
                    rank[m] = rank[n] + step
                    nxt.append(m)
        frontier = nxt
    und = digraph(data).to_undirected(as_view=True)
    for n in sorted(data.nodes):
        if n not in rank:
            near = sorted(rank[m] for m in und[n] if m in rank and m in data.nodes)
            rank[n] = (near[0] if near else max(rank.values()) + 1.0) + 0.5
    rows = sorted(set(rank.values()))
    layers = [[n for n in sorted(rank, key=lambda n: (data.nodes[n].get("label", ""), n)) if rank[n] == r]
              for r in rows]
    layers = _order_layers(layers, und)
    pos = {}
    for y, layer in zip(rows, layers):
        for i, n in enumerate(layer):
            pos[n] = ((i - (len(layer) - 1) / 2), y * 1.4)
    return normalise(pos)

