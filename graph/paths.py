"""Paths between two entities ("how is X connected to Y"): the request's rules, the result type, the order,
and the one search both stores run over their own neighbour reads, so both give the same answers.

A path is a simple sequence of nodes (none repeated), each hop following relationships in either
direction; a hop carries every relationship (of the allowed types) between its two nodes. The answer is
the first ``k`` paths of at most ``max_hops`` hops in one order: length, then the node ids in sequence,
then the relationship types. Stores only fetch (``Store.links``); everything here is store-independent.

>>> p = Path(("a:x", "b:y"), ((Link("b:y", "USES_TECHNIQUE", "out"),),))
>>> p.to_dict()["hops"][0]["relationships"][0]
{'type': 'USES_TECHNIQUE', 'source': 'a:x', 'target': 'b:y', 'role': None}
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable, Iterable

from graph import schema

MAX_HOPS = 6          # the longest path asked for; each hop widens the search by a node's degree
DEFAULT_HOPS = 4
MAX_K = 100
DEFAULT_K = 3
MAX_STEPS = 200_000   # search steps (nodes tried) before a path search stops and says so
MAX_ID_CHARS = 300


class PathError(ValueError):
    """A request that cannot be answered as asked (unknown id or type, bad bound); the message is for users."""


@dataclass(frozen=True, order=True)
class Link:
    """One relationship seen from a node: the node at the other end, the type, ``out`` when the node is
    the relationship's source (``in`` when it is the target), and the role where the type has one."""

    id: str
    type: str
    direction: str  # "out" | "in"
    role: str | None = None

    def sort_key(self) -> tuple:
        return (self.id, self.type, self.direction, self.role or "")


@dataclass(frozen=True)
class Path:
    """Node ids in order; ``hops[i]``: the relationships between ``nodes[i]`` and ``nodes[i+1]``, as Links
    seen from ``nodes[i]``."""

    nodes: tuple[str, ...]
    hops: tuple[tuple[Link, ...], ...]

    @property
    def length(self) -> int:
        return len(self.nodes) - 1

    def key(self) -> tuple:
        """The order of paths: length, node ids, relationship types (then direction and role)."""
        return (self.length, self.nodes,
                tuple(tuple((lk.type, lk.direction, lk.role or "") for lk in hop) for hop in self.hops))

    def relationships(self) -> list[dict]:
        """Every relationship on the path as an edge dict (source, target, type, role)."""
        return [r for hop in self.to_dict()["hops"] for r in hop["relationships"]]

    def to_dict(self) -> dict:
        hops = []
        for i, hop in enumerate(self.hops):
            a, b = self.nodes[i], self.nodes[i + 1]
            hops.append({"from": a, "to": b, "relationships": [
                {"type": lk.type, "source": a if lk.direction == "out" else b,
                 "target": b if lk.direction == "out" else a, "role": lk.role} for lk in hop]})
        return {"length": self.length, "nodes": list(self.nodes), "hops": hops}


@dataclass
class PathResult:
    """The answer to one request: its (validated) terms, the paths in order, and whether the search finished."""

    source: str
    target: str
    max_hops: int
    types: tuple[str, ...] | None
    k: int
    paths: list[Path] = field(default_factory=list)
    complete: bool = True
    note: str = ""

    def node_ids(self) -> list[str]:
        """Every node on any path, each once, in order of first appearance."""
        return list(dict.fromkeys(n for p in self.paths for n in p.nodes))

    def to_dict(self) -> dict:
        return {"from": self.source, "to": self.target, "max_hops": self.max_hops,
                "types": list(self.types) if self.types else None, "k": self.k, "complete": self.complete,
                "note": self.note, "paths": [p.to_dict() for p in self.paths]}


# -- the request ---------------------------------------------------------------------------

def check_types(types: Iterable[str] | None) -> tuple[str, ...] | None:
    """Relationship types named in graph/schema.py (any case), sorted; None for all. PathError names a bad one."""
    if types is None:
        return None
    out = set()
    for t in types:
        name = str(t).strip().upper()
        if not name:
            continue
        if name not in schema.REL_TYPES:
            close = difflib.get_close_matches(name, list(schema.REL_TYPES), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else f" (known: {', '.join(schema.REL_TYPES)})"
            raise PathError(f"unknown relationship type {str(t)[:60]!r}{hint}")
        out.add(name)
    if not out:
        raise PathError("no relationship type given")
    return tuple(sorted(out))


def check_bound(name: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PathError(f"{name} must be an integer from {low} to {high} (got {value!r})")
    return value


def check_request(source, target, max_hops=DEFAULT_HOPS, types=None, k=DEFAULT_K):
    """(source, target, max_hops, types, k) validated; ids must be well-formed strings (existence is the store's)."""
    for name, value in (("FROM", source), ("TO", target)):
        if not isinstance(value, str) or not value or len(value) > MAX_ID_CHARS:
            raise PathError(f"{name} must be an entity id (got {str(value)[:60]!r})")
    if source == target:
        raise PathError(f"FROM and TO are the same entity ({source})")
    return (source, target, check_bound("max_hops", max_hops, 1, MAX_HOPS), check_types(types),
            check_bound("k", k, 1, MAX_K))


def unknown(node_id: str) -> PathError:
    return PathError(f"unknown id {node_id[:80]!r}")


# -- the search ----------------------------------------------------------------------------

Reader = Callable[[list[str]], dict[str, list[Link]]]


class Neighbours:
    """A store's links, read in batches and kept: ``need(ids)`` fetches what is missing in one call."""

    def __init__(self, read: Reader):
        self._read = read
        self.links: dict[str, list[Link]] = {}
        self.ids: dict[str, list[str]] = {}

    def need(self, ids: Iterable[str]) -> None:
        missing = sorted({i for i in ids if i not in self.links})
        if not missing:
            return
        got = self._read(missing)
        for i in missing:
            links = sorted(got.get(i, []), key=Link.sort_key)
            self.links[i] = links
            self.ids[i] = sorted({lk.id for lk in links if lk.id != i})

    def of(self, node_id: str) -> list[str]:
        self.need([node_id])
        return self.ids[node_id]

    def between(self, a: str, b: str) -> tuple[Link, ...]:
        self.need([a])
        return tuple(lk for lk in self.links[a] if lk.id == b)


def with_hops(nb: Neighbours, sequences: Iterable[tuple[str, ...]]) -> list[Path]:
    """Paths for node sequences, each hop with every relationship between its two nodes."""
    seqs = list(sequences)
    nb.need(n for s in seqs for n in s[:-1])
    return [Path(tuple(s), tuple(nb.between(s[i], s[i + 1]) for i in range(len(s) - 1))) for s in seqs]


class _Stop(Exception):
    pass


def search(read: Reader, source: str, target: str, max_hops: int, k: int,
           max_steps: int = MAX_STEPS) -> tuple[list[Path], bool]:
    """The first ``k`` simple paths from ``source`` to ``target`` of at most ``max_hops`` hops, in Path.key
    order, and whether the search finished within ``max_steps`` steps.

    Breadth-first from the target gives each node's distance to it; then, for each length from the
    shortest up, a depth-first walk from the source in id order that only steps onto nodes still close
    enough to the target. At the shortest length no step is wasted; longer lengths may need the bound.
    ``read`` is a store's batched neighbour read (Store.links with the request's types).
    """
    nb = Neighbours(read)
    dist = {target: 0}
    frontier = [target]
    radius = 0
    found: list[tuple[str, ...]] = []
    steps = 0

    def grow(to: int) -> None:
        nonlocal frontier, radius
        while radius < to and frontier:
            nb.need(frontier)
            nxt = sorted({m for n in frontier for m in nb.of(n) if m not in dist})
            radius += 1
            for m in nxt:
                dist[m] = radius
            frontier = nxt
        radius = max(radius, to)

    def walk(path: list[str], seen: set[str], length: int) -> None:
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
            if m in seen or dist.get(m, left + 1) > left or (m == target and left):
                continue
            steps += 1
            if steps > max_steps:
                raise _Stop
            path.append(m)
            seen.add(m)
            walk(path, seen, length)
            seen.discard(m)
            path.pop()

    try:
        for length in range(1, max_hops + 1):
            grow(length)  # distances up to length; every node the walk may step on is read by now
            if dist.get(source, length + 1) > length:
                continue
            walk([source], {source}, length)
    except _Stop:
        pass
    return with_hops(nb, found), steps <= max_steps


def paths_between(read: Reader, source: str, target: str, max_hops: int = DEFAULT_HOPS,
                  types: tuple[str, ...] | None = None, k: int = DEFAULT_K,
                  shortest: Callable[[], list[tuple[str, ...]]] | None = None) -> PathResult:
    """A PathResult from a store's reads. ``shortest``, when given, returns every shortest node sequence
    (a server's allShortestPaths); when it has at least ``k`` the search is skipped."""
    result = PathResult(source, target, max_hops, types, k)
    if shortest is not None:
        seqs = sorted(set(tuple(s) for s in shortest()))
        if not seqs or len(seqs) >= k:
            result.paths = with_hops(Neighbours(read), seqs[:k])
            return finish(result)
    result.paths, result.complete = search(read, source, target, max_hops, k)
    return finish(result)


def finish(result: PathResult) -> PathResult:
    """Sort (Path.key) and say what is missing, if anything."""
    result.paths.sort(key=Path.key)
    if not result.paths:
        limit = f" of types {', '.join(result.types)}" if result.types else ""
        result.note = f"no path within {result.max_hops} hops{limit}"
    elif not result.complete:
        result.note = (f"the search stopped after {MAX_STEPS} steps with {len(result.paths)} of {result.k} paths; "
                       "longer paths may be missing (try fewer hops or some relationship types)")
    elif len(result.paths) < result.k:
        result.note = f"only {len(result.paths)} path(s) within {result.max_hops} hops"
    return result


def path_graph(store, result: PathResult):
    """The nodes and relationships of a result's paths as GraphData (for drawing): only edges on a path."""
    data = store.subgraph(result.node_ids())
    on = {(r["source"], r["target"], r["type"], r["role"] or "") for p in result.paths for r in p.relationships()}
    data.edges = [e for e in data.edges if (e["source"], e["target"], e["type"], e.get("role") or "") in on]
    return data
