"""Paths between two entities ("how is X connected to Y"): the request's rules, the result type, the order,
and the one search both stores run over their own neighbour reads, so both give the same answers.

A path is a simple sequence of nodes (none repeated), each hop following relationships in either
direction; a hop carries every relationship (of the allowed types) between its two nodes. The answer is
the first ``k`` paths of at most ``max_hops`` hops in one order: length, then the node ids in sequence,
then the relationship types. Stores only fetch (``Store.links``); the search they share is
graph/paths/search.py. Everything here is store-independent.

>>> p = Path(("a:x", "b:y"), ((Link("b:y", "USES_TECHNIQUE", "out"),),))
>>> p.to_dict()["hops"][0]["relationships"][0]
{'type': 'USES_TECHNIQUE', 'source': 'a:x', 'target': 'b:y', 'role': None}
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

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

    def text(self, names: dict[str, str] | None = None) -> str:
        """One line: ``a -[TYPE]-> b <-[TYPE role]- c``; parallel relationships joined by ``/``; with
        ``names``, each node as its name followed by its id in brackets."""
        def node(i: str) -> str:
            return f"{names[i]} [{i}]" if names and names.get(i) else i

        out = node(self.nodes[0])
        for hop in self.to_dict()["hops"]:
            arrows = []
            for r in hop["relationships"]:
                label = r["type"] + (f" {r['role']}" if r.get("role") else "")
                arrows.append(f"-[{label}]->" if r["source"] == hop["from"] else f"<-[{label}]-")
            out += f" {' / '.join(arrows)} {node(hop['to'])}"
        return out

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
    """Relationship types named in graph/schema/__init__.py (any case), sorted; None for all. PathError names a bad one."""
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
