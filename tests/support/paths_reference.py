"""The path search as it was before it was made fast for hubs (graph/paths/search.py before the lazy layer,
the set layers and the pair reads), kept plain so tests can hold the fast search to the same answers.

Every node's neighbours are read through ``Store.links`` and sorted; every breadth-first layer is read whole;
the paths found are the same and in the same order, and the steps the walks count (``max_steps``) the same.
"""
from __future__ import annotations

from graph.paths import Link, Path


class _Stop(Exception):
    pass


def reference_search(store, source: str, target: str, max_hops: int, k: int, max_steps: int,
                     types=None) -> tuple[list[Path], bool]:
    """The first ``k`` simple paths (of ``types``) and whether the search finished, as the search used to."""
    links: dict[str, list[Link]] = {}
    ids: dict[str, list[str]] = {}

    def of(n: str) -> list[str]:
        if n not in ids:
            links.update(store.links([n], types))
            ids[n] = sorted({lk.id for lk in links.get(n, [])} - {n})
        return ids[n]

    sides = {"s": ({source: 0}, [source]), "t": ({target: 0}, [target])}
    radius = {"s": 0, "t": 0}

    def expand(side: str) -> list[str]:
        dist, frontier = sides[side]
        nxt = sorted({m for n in frontier for m in of(n) if m not in dist})
        radius[side] += 1
        for m in nxt:
            dist[m] = radius[side]
        sides[side] = (dist, nxt)
        return nxt

    shortest = None
    while shortest is None and sides["s"][1] and sides["t"][1] and radius["s"] + radius["t"] < max_hops:
        side = "s" if len(sides["s"][1]) <= len(sides["t"][1]) else "t"
        other = sides["t" if side == "s" else "s"][0]
        meets = [radius[side] + other[m] for m in expand(side) if m in other]
        if meets:
            shortest = min(meets)
    if shortest is None or shortest > max_hops:
        return [], True
    dist = sides["t"][0]
    found: list[tuple[str, ...]] = []
    steps = 0

    def walk(path: list[str], length: int, bounded: bool) -> None:
        nonlocal steps
        i, n = len(path) - 1, path[-1]
        if i == length:
            if n == target:
                found.append(tuple(path))
                if len(found) >= k:
                    raise _Stop
            return
        left = length - i - 1
        for m in of(n):
            if m in path or (m == target and left):
                continue
            d = dist.get(m)
            if (d > left) if d is not None else (left <= radius["t"]):
                continue
            steps += bounded
            if steps > max_steps:
                raise _Stop
            walk(path + [m], length, bounded)

    try:
        for length in range(shortest, max_hops + 1):
            while radius["t"] < (length + 1) // 2 and sides["t"][1]:
                expand("t")
            walk([source], length, bounded=length > shortest)
    except _Stop:
        pass
    hops = [Path(s, tuple(tuple(lk for lk in links[s[i]] if lk.id == s[i + 1]) for i in range(len(s) - 1)))
            for s in found]
    return hops, steps <= max_steps
