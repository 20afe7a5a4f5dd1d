"""Places on a canvas (pixels, y grows downward, as vis-network draws): where an expansion's new nodes go so
that nothing already drawn moves (``place_around``), and the positions a canvas reports (where the reader
dragged or pinned its nodes), checked before an export draws them: never trusted as sent. Only string ids the
drawing holds, with two finite real numbers in reach of a canvas, are kept; anything else is ignored.
``drawn_positions`` gives every node of an export a place in the canvas's frame."""
from __future__ import annotations

import math
from collections.abc import Mapping

from graph.draw.layout_common import Pos, normalise
from graph.schema.model import GraphData

MAX_COORD = 1e7  # further out than this is no place on a canvas (vis-network draws within a few 10^4 px)


def _coordinate(value) -> float | None:
    """``value`` as a float when it is a finite real number within MAX_COORD (booleans and strings are not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) and abs(value) <= MAX_COORD else None


def clean_positions(raw, ids=None) -> Pos:
    """The usable entries of ``raw`` (a mapping ``id -> (x, y)``, ``[x, y]`` or ``{"x": x, "y": y}``) as
    ``{id: (x, y)}`` floats: string ids (those in ``ids`` when given) with two finite numbers within
    MAX_COORD. Anything else (unknown ids, NaN, infinities, strings, booleans, wrong shapes) is left out."""
    if not isinstance(raw, Mapping):
        return {}
    out: Pos = {}
    for key, value in raw.items():
        if not isinstance(key, str) or (ids is not None and key not in ids):
            continue
        if isinstance(value, Mapping):
            value = (value.get("x"), value.get("y"))
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            continue
        x, y = _coordinate(value[0]), _coordinate(value[1])
        if x is not None and y is not None:
            out[key] = (x, y)
    return out


def place_around(pos: dict[str, tuple[float, float]], data: GraphData, new_ids: list[str],
                 radius: float = 160.0) -> dict[str, tuple[float, float]]:
    """Pixel positions for ``new_ids``: each on a ring around the first already-placed neighbour it has in
    ``data`` (the node that was expanded), leaving every position in ``pos`` as it is."""
    placed = dict(pos)
    around: dict[str, list[str]] = {}
    adj: dict[str, list[str]] = {}
    for e in data.edges:
        adj.setdefault(e["source"], []).append(e["target"])
        adj.setdefault(e["target"], []).append(e["source"])
    orphans = []
    for nid in sorted(new_ids):
        anchor = next((m for m in sorted(adj.get(nid, [])) if m in pos), None)
        if anchor is None:
            orphans.append(nid)
        else:
            around.setdefault(anchor, []).append(nid)
    for anchor, kids in sorted(around.items()):
        ax, ay = pos[anchor]
        r = radius * (1 + len(kids) / 24)
        for i, nid in enumerate(kids):
            a = 2 * math.pi * i / len(kids) + 0.3
            placed[nid] = (round(ax + r * math.cos(a), 1), round(ay + r * math.sin(a), 1))
    if orphans:
        x0 = max((p[0] for p in pos.values()), default=0.0) + radius
        for i, nid in enumerate(orphans):
            placed[nid] = (x0, round(i * radius / 2, 1))
    return {nid: placed[nid] for nid in new_ids}


def drawn_positions(data: GraphData, positions) -> Pos | None:
    """Pixel positions for every node of ``data`` when ``positions`` holds usable ones (clean_positions):
    those as given, any other node on a ring around its first placed neighbour (or in a column to the right);
    None when it holds none, and the caller lays ``data`` out as usual."""
    given = clean_positions(positions, data.nodes)
    if not given:
        return None
    missing = sorted(set(data.nodes) - set(given))
    if missing:
        given.update(place_around(given, data, missing))
    return given


def unit_positions(data: GraphData, positions) -> Pos | None:
    """``drawn_positions`` scaled into the unit square (y = 0 at the top), as graph.draw.layout gives them;
    None when ``positions`` holds no usable entry."""
    drawn = drawn_positions(data, positions)
    return normalise(drawn) if drawn is not None else None
