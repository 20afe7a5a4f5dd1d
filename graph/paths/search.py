"""The path search both stores run (graph/paths/__init__.py has the request, the result and the order): a
bidirectional breadth-first search for the shortest length, then depth-first walks in id order, over a
store's batched neighbour reads. The same reads give the same paths on every store.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Set

from graph.paths import (
    DEFAULT_HOPS,
    DEFAULT_K,
    MAX_STEPS,
    Link,
    Path,
    PathResult,
    finish,
)

LAZY_FROM = 256  # a target-side frontier wider than this is not expanded whole for a walk's last layer

Reader = Callable[[list[str]], dict[str, list[Link]]]
IdReader = Callable[[list[str]], dict[str, Collection[str]]]
PairReader = Callable[[str, str], list[Link]]
LayerReader = Callable[[list[str]], set[str]]


class Neighbours:
    """A store's reads, in batches and kept: neighbour ids for the search (``need``), links for the hops
    (``need_links``). Optional faster reads, each agreeing with ``read``: ``read_ids`` of the ids alone,
    ``read_layer`` of the ids next to any of some nodes (a breadth-first layer without a set per node),
    ``read_between`` of the links between two nodes (not a hub's every link).

    ``ids`` holds each node's neighbours as a set (the breadth-first layers are set unions); ``of`` gives
    them in id order, sorted once per node and only for the nodes a walk steps on."""

    def __init__(self, read: Reader, read_ids: IdReader | None = None, read_between: PairReader | None = None,
                 read_layer: LayerReader | None = None):
        self._read = read
        self._read_layer = read_layer
        self._read_ids = read_ids or (lambda ids: {i: [lk.id for lk in v] for i, v in read(ids).items()})
        self._read_between = read_between
        self.links: dict[str, list[Link]] = {}
        self.ids: dict[str, Set[str]] = {}
        self._sorted: dict[str, list[str]] = {}
        self._pairs: dict[tuple[str, str], tuple[Link, ...]] = {}

    def need(self, ids: Iterable[str]) -> None:
        known = self.ids
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            got = self._read_ids(missing)
            for i in missing:
                found = got.get(i, ())
                if not isinstance(found, (set, frozenset)):
                    found = set(found)
                known[i] = found - {i} if i in found else found

    def need_links(self, ids: Iterable[str]) -> None:
        missing = sorted({i for i in ids if i not in self.links})
        if missing:
            got = self._read(missing)
            for i in missing:
                self.links[i] = sorted(got.get(i, []), key=Link.sort_key)

    def of(self, node_id: str) -> list[str]:
        """The neighbours of ``node_id`` in id order."""
        ids = self._sorted.get(node_id)
        if ids is None:
            self.need([node_id])
            ids = self._sorted[node_id] = sorted(self.ids[node_id])
        return ids

    def layer(self, nodes: Iterable[str], outside) -> set[str]:
        """The neighbours of any of ``nodes`` (read first) that are not in ``outside`` (a set or dict)."""
        nodes = list(nodes)
        if self._read_layer is not None:  # the nodes themselves are in ``outside``: a self-loop adds nothing
            return self._read_layer(nodes).difference(outside)
        self.need(nodes)
        ids = self.ids
        return set().union(*(ids[n] for n in nodes)).difference(outside)

    def between(self, a: str, b: str) -> tuple[Link, ...]:
        """The links of ``a`` whose other end is ``b``, in Link.sort_key order."""
        if self._read_between is None or a in self.links:
            self.need_links([a])
            return tuple(lk for lk in self.links[a] if lk.id == b)
        hop = self._pairs.get((a, b))
        if hop is None:
            hop = self._pairs[a, b] = tuple(sorted(self._read_between(a, b), key=Link.sort_key))
        return hop


def with_hops(nb: Neighbours, sequences: Iterable[tuple[str, ...]]) -> list[Path]:
    """Paths for node sequences, each hop with every relationship between its two nodes."""
    seqs = list(sequences)
    if nb._read_between is None:
        nb.need_links(n for s in seqs for n in s[:-1])
    return [Path(tuple(s), tuple(nb.between(s[i], s[i + 1]) for i in range(len(s) - 1))) for s in seqs]


class _Stop(Exception):
    pass


def search(read: Reader, source: str, target: str, max_hops: int, k: int, max_steps: int = MAX_STEPS,
           read_ids: IdReader | None = None, batched: bool = False,
           read_between: PairReader | None = None, read_layer: LayerReader | None = None,
           lazy_from: int = LAZY_FROM) -> tuple[list[Path], bool]:
    """The first ``k`` simple paths from ``source`` to ``target`` of at most ``max_hops`` hops, in Path.key
    order, and whether the search finished (past the shortest length it stops after ``max_steps`` steps).

    A bidirectional breadth-first search finds the shortest length d (or that there is none). Then, for
    each length from d up, a depth-first walk from the source in id order steps only onto nodes close
    enough to the target: distances to the target are known out to about half the length, which prunes
    the second half of every path exactly. ``read`` is a store's batched neighbour read (Store.links with
    the request's types), ``read_ids`` an optional faster read of the ids alone; with ``batched`` (a
    server), whatever the walk will read is fetched in a few batches first instead of node by node.

    The target side's last layer for a length, when it would grow from a wide frontier (a hub's
    neighbours), is not read whole: the walk asks only whether the nodes it meets at
    that distance touch the frontier (``on_layer``), and reads the layer whole once it has asked as many
    times as the frontier has nodes. Either way the walk prunes the same nodes and counts the same steps.
    With ``batched``, each step of the walk reads what it may ask about or step onto in one batch.
    """
    nb = Neighbours(read, read_ids, read_between, read_layer)
    sides = {"s": ({source: 0}, {source}), "t": ({target: 0}, {target})}
    radius = {"s": 0, "t": 0}

    def expand(side: str) -> set[str]:
        dist, frontier = sides[side]
        nxt = nb.layer(frontier, dist)
        radius[side] += 1
        dist.update(dict.fromkeys(nxt, radius[side]))
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
    lazy = False  # the target side's reach is one layer past ``dist``: that layer is known node by node
    near: dict[str, bool] = {}  # nodes outside ``dist`` asked about: on the unread layer or not (this layer)

    def on_layer(m: str) -> bool:
        """Whether ``m`` (not in ``dist``) is on the unread layer: next to the target side's frontier."""
        nonlocal lazy
        got = near.get(m)
        if got is None:
            frontier = sides["t"][1]
            if len(near) >= len(frontier):  # asked as often as reading the layer whole costs: read it
                expand("t")
                lazy = False
                return m in dist
            nb.need([m])
            got = near[m] = not frontier.isdisjoint(nb.ids[m])
        return got

    def prefetch(n: str, seen: set[str], left: int) -> None:
        """With ``batched``: in one read, the neighbours of every node the walk may ask about or step onto
        from ``n`` (the walk's own test: only what it would read node by node, unless it stops first)."""
        want = []
        for m in nb.of(n):
            if m in seen or m in nb.ids:
                continue
            d = dist.get(m)
            if d is None and lazy and left == reach and m not in near:
                want.append(m)  # on_layer reads it
            elif left and ((d <= left) if d is not None else (left > reach)):
                want.append(m)  # the walk steps onto it and reads its neighbours
        nb.need(want)

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
        if batched:
            prefetch(n, seen, left)
        for m in nb.of(n):
            if m in seen or (m == target and left):
                continue
            d = dist.get(m)
            if d is None and lazy and left == reach and on_layer(m):
                d = reach
            if (d > left) if d is not None else (left <= reach):
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
            if lazy and radius["t"] + 1 < (length + 1) // 2:  # reaching further: the unread layer first
                expand("t")
                lazy = False
            while radius["t"] + lazy < (length + 1) // 2 and sides["t"][1]:
                if radius["t"] + 1 == (length + 1) // 2 and len(sides["t"][1]) > lazy_from:
                    lazy = True
                    near.clear()  # answers about an earlier layer
                else:
                    expand("t")
            reach = radius["t"] + lazy  # distances to the target are known (or asked for) out to here
            if batched:  # what the walk reads: the target side's outer layer and the source side's free steps
                if not lazy:
                    nb.need(sides["t"][1])
                layer, seen_s = [source], {source}
                for _ in range(length - radius["t"] - 1):
                    layer = nb.layer(layer, seen_s)
                    seen_s.update(layer)
                nb.need(layer)
            walk([source], {source}, length, bounded=length > shortest)
    except _Stop:
        pass
    return with_hops(nb, found), steps <= max_steps


def paths_between(read: Reader, source: str, target: str, max_hops: int = DEFAULT_HOPS,
                  types: tuple[str, ...] | None = None, k: int = DEFAULT_K,
                  shortest: Callable[[], list[tuple[str, ...]]] | None = None,
                  read_ids: IdReader | None = None, batched: bool = False,
                  read_between: PairReader | None = None, read_layer: LayerReader | None = None) -> PathResult:
    """A PathResult from a store's reads. ``shortest``, when given, returns every shortest node sequence
    (a server's allShortestPaths); when it has at least ``k`` the search is skipped."""
    result = PathResult(source, target, max_hops, types, k)
    if shortest is not None:
        seqs = sorted({tuple(s) for s in shortest()})
        if not seqs or len(seqs) >= k:
            result.paths = with_hops(Neighbours(read, read_between=read_between), seqs[:k])
            return finish(result)
    result.paths, result.complete = search(read, source, target, max_hops, k, read_ids=read_ids, batched=batched,
                                           read_between=read_between, read_layer=read_layer)
    return finish(result)
