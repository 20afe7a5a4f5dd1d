"""Node positions computed in Python, so no renderer (pyvis, SVG, slides) has to run physics.

``positions(data, kind, focus)`` returns ``{id: (x, y)}`` in the unit square (y = 0 is the top),
deterministic for a given graph. The layouts are built to keep labels legible, not just to avoid overlap:

- ``layered`` (Sugiyama-style): cycles broken, rows by longest path (edges point up: child -> parent),
  barycentre sweeps to reduce crossings, nodes pulled over their neighbours, and a row wider than
  ``max_row`` wrapped into staggered sub-rows so neighbouring labels sit on alternate lines;
- ``radial``: the focus in the centre, a BFS tree on rings by hop distance, each subtree in its own
  angular sector sized by its leaves (no crossings between tree edges, leaves evenly spread), the
  sectors on a left and a right arc so that labels run outward, sideways, as in a mind map;
- ``spring``: a seeded force layout, for graphs with no hierarchy and no focus;
- ``dot``: Graphviz when ``dot`` is installed (optional), else ``layered``.

The layouts live in their own modules (graph.draw.layered, graph.draw.radial, graph.draw.engines) over
graph.draw.layout_common; this module chooses one.
"""
from __future__ import annotations

from graph.draw.engines import graphviz, spring
from graph.draw.layered import default_row_width, generations, layered
from graph.draw.layout_common import Pos
from graph.draw.radial import SIDE_ARC, radial
from graph.schema.model import GraphData

__all__ = ["Pos", "SIDE_ARC", "default_row_width", "generations", "graphviz", "layered", "positions", "radial",
           "resolve_kind", "spring"]


def positions(data: GraphData, kind: str = "auto", focus: list[str] | None = None) -> Pos:
    """Positions for ``data``: ``layered``, ``generations`` (layered, rows never wrapped), ``radial``, ``spring``,
    ``dot`` or ``auto`` (radial around a focus,
    else layered; cycles are broken, so layered works for any graph)."""
    kind = resolve_kind(data, kind, focus)
    if kind == "layered":
        return layered(data)
    if kind == "generations":  # a family tree: one generation per row, never wrapped
        return generations(data, focus)
    if kind == "radial":
        return radial(data, focus)
    if kind == "spring":
        return spring(data)
    if kind == "dot":
        return graphviz(data)
    raise ValueError(f"unknown layout {kind!r} (auto, layered, generations, radial, spring, dot)")


def resolve_kind(data: GraphData, kind: str = "auto", focus: list[str] | None = None) -> str:
    """The layout ``auto`` stands for: radial around a focus that is in the graph, else layered."""
    if kind != "auto":
        return kind
    return "radial" if focus and any(f in data.nodes for f in focus) else "layered"
