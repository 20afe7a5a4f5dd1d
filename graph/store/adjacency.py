"""The embedded store's adjacency: each node's successors and predecessors with their keyed relationship
attributes, built straight from a GraphData.

It is what the store's traversals (neighbourhood, lineage, links, paths, subgraphs) read, with the
nodes and edge keys networkx's MultiDiGraph would hold (graph.store.embedded.build_graph), so a command
that traverses does not import and build networkx first (some 0.3 s of a command's start).

>>> from graph.schema.model import GraphData
>>> adj = Adjacency(GraphData({"a": {"id": "a", "label": "Model"}, "b": {"id": "b", "label": "Model"}},
...                           [{"source": "a", "target": "b", "type": "DERIVED_FROM", "provenance": []}]))
>>> [(u, v, a["type"]) for u, v, a in adj.out_edges("a")], list(adj.pred["b"])
([('a', 'b', 'DERIVED_FROM')], ['a'])
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from graph import schema
from graph.seed.cache import gc_paused


class Adjacency:
    """``nodes`` (id -> properties), ``succ`` and ``pred`` (id -> other id -> {edge key: the edge's dict}).
    Both share the data's dicts: callers read them and build their own."""

    def __init__(self, data):
        self.nodes: dict[str, dict] = data.nodes
        self.succ: dict[str, dict] = {n: {} for n in data.nodes}
        self.pred: dict[str, dict] = {n: {} for n in data.nodes}
        with gc_paused():
            for e in data.edges:  # the edge's own dict, read only (it also holds source and target)
                key = schema.edge_key(e["type"], e)
                u, v = e["source"], e["target"]
                self.succ.setdefault(u, {}).setdefault(v, {})[key] = e
                self.pred.setdefault(v, {}).setdefault(u, {})[key] = e

    def __contains__(self, node_id) -> bool:
        return isinstance(node_id, str) and node_id in self.succ

    def out_edges(self, n: str) -> Iterator[tuple[str, str, dict]]:
        """(n, target, attributes) of every relationship leaving ``n``."""
        return ((n, v, a) for v, keyed in self.succ[n].items() for a in keyed.values())

    def in_edges(self, n: str) -> Iterator[tuple[str, str, dict]]:
        """(source, n, attributes) of every relationship entering ``n``."""
        return ((u, n, a) for u, keyed in self.pred[n].items() for a in keyed.values())

    def edges_within(self, keep: Iterable[str]) -> Iterator[tuple[str, str, dict]]:
        """(source, target, attributes) of every relationship with both ends in ``keep``."""
        keep = set(keep)
        return ((u, v, a) for u in keep if u in self.succ for v, keyed in self.succ[u].items() if v in keep
                for a in keyed.values())
