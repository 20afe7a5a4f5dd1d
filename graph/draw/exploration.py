"""An exploration of the graph as plain data: a base view, the nodes expanded in place (their neighbours
added), a year up to which things are shown; new nodes go where graph.draw.placed.place_around puts them, so
that nothing already drawn moves.

The app's graph component calls these through the store (``store.neighbourhood``); nothing here draws.
"""
from __future__ import annotations

from graph.draw.placed import place_around
from graph.schema.model import GraphData

EXPAND_LIMIT = 60  # neighbours one double-click adds at most (closest first, as store.neighbourhood keeps)


def expand(store, base: GraphData, expanded: list[str], limit: int = EXPAND_LIMIT) -> GraphData:
    """``base`` plus the direct neighbours of each id in ``expanded`` (in that order), with every edge the
    store has between the nodes shown. Ids that are unknown are skipped; ``note`` keeps base's note and says
    when an expansion was cut at ``limit``."""
    nodes = dict(base.nodes)
    notes = [base.note] if base.note else []
    for node_id in expanded:
        if node_id not in nodes:
            got = store.get_node(node_id)
            if got is None:
                continue
        hood = store.neighbourhood([node_id], depth=1, limit=limit + 1)
        for nid, node in hood.nodes.items():
            nodes.setdefault(nid, node)
        if hood.note:
            notes.append(f"{node_id}: {hood.note}")
    if len(nodes) == len(base.nodes):
        return GraphData(nodes, list(base.edges), "; ".join(notes))
    full = store.subgraph(sorted(nodes))
    return GraphData(full.nodes, full.edges, "; ".join(notes))


def added_by(base: GraphData, expanded_view: GraphData) -> list[str]:
    """The ids an expansion added to ``base`` (sorted)."""
    return sorted(set(expanded_view.nodes) - set(base.nodes))


def year_of(node: dict) -> int | None:
    """A node's year (an int), or None when it has none."""
    year = node.get("year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def year_range(data: GraphData) -> tuple[int, int] | None:
    """The first and last year of the dated nodes in ``data``, or None when none is dated."""
    years = [y for y in (year_of(n) for n in data.nodes.values()) if y is not None]
    return (min(years), max(years)) if years else None


def until_year(data: GraphData, year: int | None, keep: tuple[str, ...] = ()) -> GraphData:
    """What existed up to ``year``: nodes dated later are left out (undated nodes such as languages and
    categories stay, and so do the ids in ``keep``), with the edges between the nodes kept."""
    if year is None:
        return data
    nodes = {nid: n for nid, n in data.nodes.items()
             if nid in keep or year_of(n) is None or year_of(n) <= year}
    if len(nodes) == len(data.nodes):
        return data
    edges = [e for e in data.edges if e["source"] in nodes and e["target"] in nodes]
    gone = len(data.nodes) - len(nodes)
    note = f"{gone} dated after {year} left out"
    return GraphData(nodes, edges, "; ".join(x for x in (data.note, note) if x))


def describe_view(store, base: GraphData, *, expanded: list[str] = (), focus: list[str] | None = None,
                  kind: str = "auto", year: int | None = None, limit: int = EXPAND_LIMIT) -> dict:
    """What the graph component draws: the pyvis description (graph.draw.page.describe) of ``base`` with the
    ``expanded`` nodes' neighbours added, up to ``year``. Base nodes keep their layout positions; each added
    node sits on a ring around the node it was expanded from, named in its ``anchor``. Also ``expanded``
    (the ids that are expanded and shown) and ``note``."""
    from graph.draw.page import describe, pixel_positions

    shown_base = until_year(base, year, keep=tuple(focus or ()))
    pixels = pixel_positions(shown_base, kind, focus) if shown_base.nodes else {}
    kept = [i for i in dict.fromkeys(expanded) if i in pixels or store.get_node(i) is not None]
    view = until_year(expand(store, shown_base, kept, limit), year, keep=tuple(focus or ()))
    anchors: dict[str, str] = {}
    for node_id in kept:
        if node_id not in view.nodes:
            continue
        hood = {e["target"] if e["source"] == node_id else e["source"] for e in view.edges
                if node_id in (e["source"], e["target"])}
        new = [i for i in sorted(hood) if i not in pixels]
        if node_id not in pixels:
            continue
        pixels.update(place_around(pixels, GraphData(view.nodes, [e for e in view.edges
                                                                  if node_id in (e["source"], e["target"])]), new))
        anchors.update({i: node_id for i in new})
    for nid in view.nodes:  # nothing left unplaced (an expansion from a node that is itself not drawn)
        if nid not in pixels:
            pixels.update(place_around(pixels, view, [nid]))
    desc = describe(view, focus=focus, kind=kind, pixels=pixels)
    for n in desc["nodes"]:
        if n["id"] in anchors:
            n["anchor"] = anchors[n["id"]]
    desc["expanded"] = [i for i in kept if i in view.nodes]
    desc["note"] = view.note
    return desc
