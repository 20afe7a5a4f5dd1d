"""The embedded executor's typed adjacency: per node and relationship type, the ids of the nodes one hop away.

Each node's out- and in-edges are kept per type and per (type, other node's label) as a tuple of the other
nodes' ids, with a parallel tuple of roles only where an edge of that key has one (COVERS_LANGUAGE): a
walk reads ids without unpacking an edge record, and a set of nodes one hop away is a C-level
``set.update`` of those tuples (at 100x the survey's size, walking back from a language's 2,000 papers
was a Python loop per edge). An edge is told apart from its parallels by (source, target, type, role),
as the graph keys them (graph.schema.edge_key). Built once per graph, never changed afterwards.
"""
from __future__ import annotations

import weakref

from graph.query import End, Seg, test_value

NO_EDGES: dict = {}


class Index:
    """Out- and in-neighbours per node and key (type, or (type, other's label)); node attributes; ids per label."""

    def __init__(self, g=None):
        """The index of a networkx MultiDiGraph (``g``); see ``index_of_data`` for a GraphData."""
        if g is not None:
            self._build(dict(g.nodes(data=True)), g.edges(keys=True, data=True))

    def _build(self, attrs: dict, edges) -> None:
        self.attrs = attrs
        out: dict[str, dict] = {}
        inc: dict[str, dict] = {}
        for u, v, _, a in edges:
            t, r = a.get("type"), a.get("role")
            ou, iv = out.setdefault(u, {}), inc.setdefault(v, {})
            for side, key in ((ou, t), (ou, (t, attrs[v].get("label")))):
                side.setdefault(key, []).append((v, r))
            for side, key in ((iv, t), (iv, (t, attrs[u].get("label")))):
                side.setdefault(key, []).append((u, r))
        self.out, self.out_roles = _freeze(out)
        self.inc, self.inc_roles = _freeze(inc)
        self.by_label: dict[str, list[str]] = {}
        for n, a in attrs.items():
            self.by_label.setdefault(a.get("label"), []).append(n)
        self.label_sets = {lab: frozenset(ns) for lab, ns in self.by_label.items()}
        self.size = len(attrs)
        self._having: dict = {}

    def having(self, adj: dict, key) -> frozenset:
        """The nodes with at least one edge of ``key`` in ``adj`` (self.out or self.inc), built on first use:
        a walk intersects its frontier with it (one C-level step) before looping over the frontier in Python,
        so a frontier of 20,000 papers stepping over INTRODUCES loops only over the works some paper introduces."""
        cache = self.__dict__.setdefault("_having", {})
        k = (adj is self.out, key)
        found = cache.get(k)
        if found is None:  # two threads may both build it: the same set, either one kept
            found = cache[k] = frozenset(n for n, keyed in adj.items() if key in keyed)
        return found


def _freeze(adj: dict) -> tuple[dict, dict]:
    """{node: {key: (ids)}} and {node: {key: (roles)}} (only keys where some edge has a role)."""
    ids: dict[str, dict] = {}
    roles: dict[str, dict] = {}
    for n, keyed in adj.items():
        ids[n] = {k: tuple(o for o, _ in pairs) for k, pairs in keyed.items()}
        with_role = {k: tuple(r for _, r in pairs) for k, pairs in keyed.items() if any(r for _, r in pairs)}
        if with_role:
            roles[n] = with_role
    return ids, roles


def index_of_data(data) -> Index:
    """The index of a GraphData, equal to the index of its networkx graph (graph.store.embedded.build_graph:
    the same nodes and edge keys, edges in the order that graph yields them), without building that graph.

    >>> from graph.schema.model import GraphData
    >>> d = GraphData({"a": {"id": "a", "label": "Model"}, "b": {"id": "b", "label": "Model"}},
    ...               [{"source": "a", "target": "b", "type": "DERIVED_FROM", "provenance": []}])
    >>> ix = index_of_data(d)
    >>> ix.out["a"]["DERIVED_FROM"], ix.inc["b"][("DERIVED_FROM", "Model")]
    (('b',), ('a',))
    """
    from graph import schema

    succ: dict[str, dict] = {n: {} for n in data.nodes}
    for e in data.edges:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target")}
        succ.setdefault(e["source"], {}).setdefault(e["target"], {})[schema.edge_key(e["type"], e)] = attrs
    ix = Index()
    ix._build(dict(data.nodes), ((u, v, k, a) for u, nbrs in succ.items() for v, keyed in nbrs.items()
                                 for k, a in keyed.items()))
    return ix


_INDEX: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def index_of(g) -> Index:
    """The index of a networkx graph (built once per graph), or ``g`` itself when it is one."""
    if isinstance(g, Index):
        return g
    ix = _INDEX.get(g)
    if ix is None or ix.size != len(g):
        ix = _INDEX[g] = Index(g)
    return ix


def neighbours(ix: Index, node: str, seg: Seg, label: str | None = None) -> tuple:
    """(ids, roles or None) one hop along ``seg`` from ``node`` (to nodes of ``label`` if given), any role."""
    fwd = seg.dir == "out"
    key = seg.rel if label is None else (seg.rel, label)
    ids = (ix.out if fwd else ix.inc).get(node, NO_EDGES).get(key, ())
    return ids, (ix.out_roles if fwd else ix.inc_roles).get(node, NO_EDGES).get(key) if ids else None


FILTER_FROM = 32  # frontier size from which a step first drops the nodes with no edge of its key


def step_set(adj: dict, radj: dict, nodes, rel, role: str | None, ix: Index | None = None) -> set:
    """The nodes one hop over ``rel`` from any of ``nodes`` in the direction ``adj`` holds (of ``role`` if
    given): a set union of tuples, with a role filter only where the key's edges carry roles. Given the
    index, a large frontier is first cut to the nodes that have an edge of ``rel`` (the same union)."""
    found: set = set()
    if ix is not None and len(nodes) >= FILTER_FROM:
        nodes = ix.having(adj, rel).intersection(nodes)
    for node in nodes:
        edges = adj.get(node)
        ids = edges.get(rel) if edges else None
        if ids:
            if role is None:
                found.update(ids)
            else:
                roles = radj.get(node, NO_EDGES).get(rel, ())
                found.update(o for o, r in zip(ids, roles) if r == role)
    return found


def end_ok(ix: Index, node: str, end: End) -> bool:
    if end.id is not None:
        return node == end.id
    if end.ids is not None:
        return node in end.ids
    attrs = ix.attrs[node]
    if end.label is not None and attrs.get("label") != end.label:
        return False
    return end.prop is None or test_value(attrs.get(end.prop), end.op, end.value)


def passing(ix: Index, nodes: set, end: End) -> set:
    """The members of ``nodes`` that pass ``end`` (a label alone: one set intersection)."""
    if end.id is None and end.ids is None and end.prop is None and end.label is not None:
        return nodes & ix.label_sets.get(end.label, frozenset())
    return {n for n in nodes if end_ok(ix, n, end)}
