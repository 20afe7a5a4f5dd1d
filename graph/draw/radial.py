"""The radial layout: the focus in the centre, a BFS tree on rings by hop distance, each subtree in its own
angular sector sized by its leaves (no crossings between tree edges, leaves evenly spread), the sectors on a
left and a right arc so that labels run outward, sideways, as in a mind map."""
from __future__ import annotations

import math

from graph.draw.layout_common import Pos, digraph, normalise
from graph.schema.model import GraphData

SIDE_ARC = 68.0  # degrees either side of the horizontal that the radial layout uses


def radial(data: GraphData, focus: list[str] | None = None) -> Pos:
    """Focus nodes in the centre, others on rings by hop distance, each subtree in its own sector."""
    g = digraph(data).to_undirected()
    if not g:
        return {}
    focus = sorted(dict.fromkeys(f for f in (focus or []) if f in g)) or [min(g, key=lambda n: (-g.degree(n), n))]

    def key(n):
        return (data.nodes[n].get("label", ""), str(data.nodes[n].get("name", n)).lower(), n)

    children: dict[str | None, list[str]] = {None: list(focus)}
    dist = {f: 0 for f in focus}
    frontier = list(focus)
    while frontier:
        nxt = []
        for n in frontier:
            kids = sorted((m for m in g[n] if m not in dist), key=key)
            for m in kids:
                dist[m] = dist[n] + 1
            children[n] = kids
            nxt += kids
        frontier = nxt
    far = max(dist.values()) + 1
    stray = sorted((n for n in g if n not in dist), key=key)  # not connected to the focus: outer ring
    for n in stray:
        dist[n] = far
    children[None] += stray

    weight: dict[str, float] = {}

    def leaves(n):
        if n not in weight:
            weight[n] = max(1.0, sum(leaves(c) for c in children.get(n, [])))
        return weight[n]

    for n in sorted(dist, key=lambda n: -dist[n]):
        leaves(n)

    rings: dict[int, int] = {}
    for n, d in dist.items():
        rings[d] = rings.get(d, 0) + 1
    # Evenly spaced rings (ring d at radius d); several focus nodes share a small inner ring.
    radius = {d: float(d) for d in range(max(rings) + 1)}
    if len(focus) > 1:
        radius[0] = 0.45

    pos: dict[str, tuple[float, float]] = {}

    def angle(t: float) -> float:
        """Turn fraction -> angle on two side arcs (right: top to bottom, left: bottom to top), leaving
        the top and bottom free: labels then run sideways, outward, and never collide head-on."""
        top = math.sin(math.radians(SIDE_ARC))
        if t < 0.5:  # even steps in height, not in angle, so stacked labels get the same room
            return math.asin(top * (1 - 4 * t))
        return math.pi + math.asin(top * (1 - 4 * (t - 0.5)))

    def place(nodes, lo, hi):
        total = sum(weight[n] for n in nodes) or 1.0
        a = lo
        for n in nodes:
            span = (hi - lo) * weight[n] / total
            r, theta = radius[dist[n]], angle(a + span / 2)
            pos[n] = (r * math.cos(theta), -r * math.sin(theta)) if r else (0.0, 0.0)  # y grows downward
            place(children.get(n, []), a, a + span)
            a += span

    place(children[None], 0.0, 1.0)
    return normalise(pos)
