"""The path search both stores run (graph/paths/__init__.py has the request, the result and the order): a
bidirectional breadth-first search for the shortest length, then depth-first walks in id order, over a
store's batched neighbour reads. The same reads give the same paths on every store.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.paths import (
    DEFAULT_HOPS,
    DEFAULT_K,
    MAX_STEPS,
    Link,
    Path,
    PathResult,
    finish,
)

Reader = Callable[[list[str]], dict[str, list[Link]]]
IdReader = Callable[[list[str]], dict[str, list[str]]]


class Neighbours:
    """A store's reads, in batches and kept: neighbour ids for the search (``need``), links for the hops
    (``need_links``). ``read_ids`` is an optional faster read of the ids alone; it must agree with ``read``."""

    def __init__(self, read: Reader, read_ids: IdReader | None = None):
        self._read = read
        self._read_ids = read_ids or (lambda ids: {i: [lk.id for lk in v] for i, v in read(ids).items()})
        self.links: dict[str, list[Link]] = {}
        self.ids: dict[str, list[str]] = {}

    def need(self, ids: Iterable[str]) -> None:
        missing = sorted({i for i in ids if i not in self.ids})
        if missing:
            got = self._read_ids(missing)
            for i in missing:
                self.ids[i] = sorted(set(got.get(i, ())) - {i})

    def need_links(self, ids: Iterable[str]) -> None:
        missing = sorted({i for i in ids if i not in self.links})
        if missing:
            got = self._read(missing)
            for i in missing:
                self.links[i] = sorted(got.get(i, []), key=Link.sort_key)

    def of(self, node_id: str) -> list[str]:
        ids = self.ids.get(node_id)
        if ids is None:
            self.need([node_id])
            ids = self.ids[node_id]
        return ids

    def between(self, a: str, b: str) -> tuple[Link, ...]:
        self.need_links([a])
        return tuple(lk for lk in self.links[a] if lk.id == b)


def with_hops(nb: Neighbours, sequences: Iterable[tuple[str, ...]]) -> list[Path]:
    """Paths for node sequences, each hop with every relationship between its two nodes."""
    seqs = list(sequences)
    nb.need_links(n for s in seqs for n in s[:-1])
    return [Path(tuple(s), tuple(nb.between(s[i], s[i + 1]) for i in range(len(s) - 1))) for s in seqs]


class _Stop(Exception):
    pass


def search(read: Reader, source: str, target: str, max_hops: int, k: int, max_steps: int = MAX_STEPS,
           read_ids: IdReader | None = None, batched: bool = False) -> tuple[list[Path], bool]:
    """The first ``k`` simple paths from ``source`` to ``target`` of at most ``max_hops`` hops, in Path.key
    order, and whether the search finished (past the shortest length it stops after ``max_steps`` steps).

    A bidirectional breadth-first search finds the shortest length d (or that there is none). Then, for
    each length from d up, a depth-first walk from the source in id order steps only onto nodes close
    enough to the target: distances to the target are known out to about half the length, which prunes
    the second half of every path exactly. ``read`` is a store's batched neighbour read (Store.links with
    the request's types), ``read_ids`` an optional faster read of the ids alone; with ``batched`` (a
    server), whatever the walk will read is fetched in a few batches first instead of node by node.
    """
    nb = Neighbours(read, read_ids)
    sides = {"s": ({source: 0}, [source]), "t": ({target: 0}, [target])}
    radius = {"s": 0, "t": 0}

    def expand(side: str) -> list[str]:
        dist, frontier = sides[side]
        nb.need(frontier)
        nxt = sorted({m for n in frontier for m in nb.ids[n] if m not in dist})
        radius[side] += 1
        for m in nxt:
            dist[m] = radius[side]
        sides[side] = (dist, nxt)
        return nxt

    # 1. the shortest length, meeting in the middle
    shortest = None
    while shortest is None and sides["s"][1] and sides["t"][1] and radius["s"] + radius["t"] < max_hops:
        side = "s" if len(sides["s"][1]) <= len(sides["t"][1]) else "t"
        other = sides["t" if side == "s" else "s"][0]
        layer = expand(side)
        meets = [radius[side] + other[m] for m in layer if m in other]
        if meets:
            shortest = min(meets)
    if shortest is None or shortest > max_hops:
        return [], True
    dist = sides["t"][0]
    found: list[tuple[str, ...]] = []
    steps = 0

    def walk(path: list[str], seen: set[str], length: int, bounded: bool) -> None:
        nonlocal steps
        i = len(path) - 1
        n = path[-1]
        if i == length:
            if n == target:
                found.append(tuple(path))
                if len(found) >= k:
                    raise _Stop
            return
        left = length - i - 1
        for m in nb.of(n):
            if m in seen or (m == target and left):
                continue
            d = dist.get(m)
            if (d > left) if d is not None else (left <= radius["t"]):
                continue  # too far from the target (or beyond what is known, when that is close enough to tell)
            steps += bounded
            if steps > max_steps:
                raise _Stop
            path.append(m)
            seen.add(m)
            walk(path, seen, length, bounded)
            seen.discard(m)
            path.pop()

    # 2. lengths from the shortest up
    try:
        for length in range(shortest, max_hops + 1):
            while radius["t"] < (length + 1) // 2 and sides["t"][1]:
                expand("t")
            if batched:  # what the walk reads: the target side's outer layer and the source side's free steps
                nb.need(sides["t"][1])
                layer, seen_s = [source], {source}
                for _ in range(length - radius["t"] - 1):
                    nb.need(layer)
                    layer = sorted({m for n in layer for m in nb.ids[n]} - seen_s)
                    seen_s.update(layer)
                nb.need(layer)
            walk([source], {source}, length, bounded=length > shortest)
    except _Stop:
        pass
    return with_hops(nb, found), steps <= max_steps


def paths_between(read: Reader, source: str, target: str, max_hops: int = DEFAULT_HOPS,
                  types: tuple[str, ...] | None = None, k: int = DEFAULT_K,
                  shortest: Callable[[], list[tuple[str, ...]]] | None = None,
                  read_ids: IdReader | None = None, batched: bool = False) -> PathResult:
    """A PathResult from a store's reads. ``shortest``, when given, returns every shortest node sequence
    (a server's allShortestPaths); when it has at least ``k`` the search is skipped."""
    result = PathResult(source, target, max_hops, types, k)
    if shortest is not None:
        seqs = sorted({tuple(s) for s in shortest()})
        if not seqs or len(seqs) >= k:
            result.paths = with_hops(Neighbours(read), seqs[:k])
            return finish(result)
    result.paths, result.complete = search(read, source, target, max_hops, k, read_ids=read_ids, batched=batched)
    return finish(result)
