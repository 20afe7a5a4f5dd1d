"""The embedded store: answers from the validated seed_data in memory, no server needed.

Reading nodes, counting, searching and asking work from the data and the executor's own index;
traversals (neighbourhoods, lineage, links, paths) from a plain adjacency (graph/store/adjacency.py).
The Cypher console runs on a private FalkorDB loaded with the same data (graph/store/falkordb_local.py);
the networkx MultiDiGraph (``g``) is built only when asked for (tests and benchmarks compare against it),
so commands never import networkx (about 0.3 s of a start). Stores opened on the same seed directory are one
object, built once per process.

>>> store = EmbeddedStore.from_data_dir()
>>> store.get_node("cat:pfa")["name"]
'Parameter-frozen alignment'
"""
from __future__ import annotations

import threading
from collections import deque
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph import paths as paths_mod
from graph import schema
from graph.heap import settle
from graph.schema.model import GraphData, edge_sort_key
from graph.paths.search import paths_between
from graph.paths import Link
from graph.store.adjacency import Adjacency
from graph.store.base import NODE_LIMIT, Store
from graph.draw.subgraph import trim

if TYPE_CHECKING:
    import networkx as nx


def build_graph(data: GraphData) -> "nx.MultiDiGraph":
    """A MultiDiGraph keyed by node id; parallel edges keyed by type (and role)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for nid, props in data.nodes.items():
        g.add_node(nid, **props)
    for e in data.edges:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target")}
        g.add_edge(e["source"], e["target"], key=schema.edge_key(e["type"], e), **attrs)
    return g


def _edge_dict(u: str, v: str, attrs: dict) -> dict:
    return {"source": u, "target": v, **attrs}


class EmbeddedStore(Store):
    """Answers from an in-memory networkx graph."""

    backend = "embedded"

    def __init__(self, data: GraphData | None, content_key: str | None = None, load=None):
        """``data``, or (None) ``load``: a call that returns it, made on first use (a Cypher console query
        answered from the private FalkorDB's cached RDB never reads the seed graph at all)."""
        self._held = data
        self._load = load
        self._lock = threading.Lock()
        self._graph = None
        self._adj = None
        self._index = None
        self._content_key = content_key

    @property
    def _source(self) -> GraphData:
        """The seed graph, read on first use (with its adjacency, both then kept out of the collector's reach)."""
        if self._held is None:
            with self._lock:
                if self._held is None:
                    data = self._load()
                    self._adj = Adjacency(data)
                    self._held = data
                    settle()
        return self._held

    def content_key(self) -> str | None:
        """The fingerprint of the seed data this store was opened on (None for data built in memory)."""
        return self._content_key

    @property
    def g(self) -> "nx.MultiDiGraph":
        """The networkx MultiDiGraph of the data (built on first use, then kept; never changed)."""
        if self._graph is None:
            self._graph = build_graph(self._source)
        return self._graph

    @property
    def adj(self) -> Adjacency:
        """Successors and predecessors with edge attributes (built on first use, then kept)."""
        if self._adj is None:
            data = self._source  # reading it on first use builds the adjacency with it
            if self._adj is None:
                self._adj = Adjacency(data)
        return self._adj

    def _settled(self) -> "EmbeddedStore":
        self.adj  # noqa: B018 - built now, with the data, so both are settled together
        settle()
        return self

    @classmethod
    def from_data(cls, data: GraphData) -> "EmbeddedStore":
        return cls(data)

    @classmethod
    def from_data_dir(cls, data_dir: Path | str | None = None, survey_only: bool = False) -> "EmbeddedStore":
        """The store over a seed_data directory (validated; DataError if invalid). Cached per directory.

        With ``survey_only``, exactly the survey's graph: the nodes and relationships marked in_survey.
        """
        return _cached_store(str(Path(data_dir).resolve()) if data_dir else "", bool(survey_only))

    def execute(self, query) -> dict[str, list]:
        from graph.store import nx_exec

        if self._index is None:  # the executor's typed adjacency, straight from the data (no networkx)
            from graph.seed.cache import cached_artifact, code_fingerprint

            code = code_fingerprint("graph.store.nx_index")
            key = self._content_key and f"{self._content_key}-{code}"
            self._index = cached_artifact("execindex", key, lambda: nx_exec.index_of_data(self._source),
                                          check=lambda ix: isinstance(ix, nx_exec.Index))
            settle()
        return nx_exec.execute(self._index, query)

    def _read_rows(self, cypher, params, *, timeout, limit):
        from graph.store import falkordb_local
        from graph.store.dialect import FALKORDB_DIALECT

        cypher = FALKORDB_DIALECT.prepare(cypher, params)
        srv = falkordb_local.for_data(self._held, self._content_key, load=lambda: self._source)
        return srv.query(cypher, params, timeout, limit)

    # -- basic reads -----------------------------------------------------------------------
    def stats(self) -> dict:
        return self._source.counts()

    def get_node(self, node_id: str) -> dict | None:
        node = self._source.nodes.get(node_id) if isinstance(node_id, str) else None
        return dict(node) if node is not None else None

    def nodes(self, label: str | None = None) -> list[dict]:
        return [dict(a) for _, a in sorted(self._source.nodes.items()) if label is None or a["label"] == label]

    def _data(self, ids) -> GraphData:
        adj = self.adj
        keep = {i for i in ids if i in adj}
        nodes = {i: dict(adj.nodes[i]) for i in sorted(keep)}
        edges = [_edge_dict(u, v, a) for u, v, a in adj.edges_within(keep)]
        return GraphData(nodes, sorted(edges, key=edge_sort_key))

    def whole(self) -> GraphData:
        return self._data(self._source.nodes)

    def subgraph(self, ids: list[str]) -> GraphData:
        return self._data(ids)

    # -- links and paths -------------------------------------------------------------------
    def links(self, ids, types=None) -> dict:
        allowed = set(paths_mod.check_types(types)) if types else None
        out = {}
        adj = self.adj
        for n in dict.fromkeys(ids):
            if n not in adj:
                continue
            found = [Link(v, a["type"], "out", a.get("role")) for _, v, a in adj.out_edges(n)]
            found += [Link(u, a["type"], "in", a.get("role")) for u, _, a in adj.in_edges(n)]
            out[n] = sorted((lk for lk in found if allowed is None or lk.type in allowed), key=Link.sort_key)
        return out

    def _neighbour_ids(self, ids, types) -> dict[str, set[str]]:
        """Neighbour ids (either direction, of ``types``) as sets: what the path search reads, without building
        links (all types: one union of the two adjacency dicts' keys per node)."""
        allowed = set(types) if types else None
        out = {}
        succ, pred = self.adj.succ, self.adj.pred
        for n in ids:
            if n not in succ:
                continue
            if allowed is None:
                out[n] = succ[n].keys() | pred[n].keys()
            else:
                out[n] = {m for adj in (succ[n], pred[n]) for m, keyed in adj.items()
                          if any(a["type"] in allowed for a in keyed.values())}
        return out

    def _layer(self, ids, types) -> set[str]:
        """The ids next to any of ``ids`` (either direction, of ``types``): a breadth-first layer of the path
        search, one C-level set update per node and side instead of a set per node."""
        if types:
            return set().union(*self._neighbour_ids(ids, types).values())
        out: set[str] = set()
        succ, pred = self.adj.succ, self.adj.pred
        for n in ids:
            if n in succ:
                out.update(succ[n])
                out.update(pred[n])
        return out

    def _between(self, a: str, b: str, types) -> list[Link]:
        """The links of ``a`` (of ``types``) whose other end is ``b``: what ``links`` gives for ``a``, kept to
        ``b``, without building every link of a hub."""
        adj = self.adj
        if a not in adj:
            return []
        found = [Link(b, e["type"], "out", e.get("role")) for e in adj.succ[a].get(b, {}).values()]
        found += [Link(b, e["type"], "in", e.get("role")) for e in adj.pred[a].get(b, {}).values()]
        return [lk for lk in found if not types or lk.type in types]

    def paths(self, source, target, max_hops=paths_mod.DEFAULT_HOPS, types=None, k=paths_mod.DEFAULT_K):
        source, target, max_hops, types, k = paths_mod.check_request(source, target, max_hops, types, k)
        for n in (source, target):
            if n not in self.adj:
                raise paths_mod.unknown(n)
        return paths_between(lambda ids: self.links(ids, types), source, target, max_hops, types, k,
                             read_ids=lambda ids: self._neighbour_ids(ids, types),
                             read_between=lambda a, b: self._between(a, b, types),
                             read_layer=lambda ids: self._layer(ids, types))

    # -- traversals ------------------------------------------------------------------------
    def neighbourhood(self, node_ids, depth=1, labels=None, limit=NODE_LIMIT) -> GraphData:
        allowed = set(labels) if labels else None
        adj = self.adj
        dist: dict[str, int] = {}
        queue = deque()
        for nid in node_ids:
            if nid in adj and nid not in dist:
                dist[nid] = 0
                queue.append(nid)
        while queue:
            n = queue.popleft()
            if dist[n] >= depth:
                continue
            for m in set(adj.succ[n]) | set(adj.pred[n]):
                if m in dist:
                    continue
                if allowed is not None and adj.nodes[m]["label"] not in allowed:
                    continue
                dist[m] = dist[n] + 1
                queue.append(m)
        return trim(self._data(sorted(dist)), limit, focus=[i for i in dist if dist[i] == 0])

    def _derived(self, start: str, forward: bool) -> set[str]:
        seen, stack = set(), [start]
        while stack:
            n = stack.pop()
            edges = self.adj.out_edges(n) if forward else self.adj.in_edges(n)
            for u, v, a in edges:
                nxt = v if forward else u
                if a["type"] == "DERIVED_FROM" and nxt not in seen and nxt != start:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def lineage(self, node_id, direction="both", with_methods=False) -> GraphData:
        if node_id not in self.adj:
            return GraphData()
        members = {node_id}
        if direction in ("both", "ancestors"):
            members |= self._derived(node_id, forward=True)
        if direction in ("both", "descendants"):
            members |= self._derived(node_id, forward=False)
        keep = set(members)
        if with_methods:
            for m in members:
                keep |= {u for u, _, a in self.adj.in_edges(m) if a["type"] == "APPLIED_TO"}
        data = self._data(keep)
        types = {"DERIVED_FROM", "APPLIED_TO"} if with_methods else {"DERIVED_FROM"}
        data.edges = [e for e in data.edges if e["type"] in types
                      and (e["type"] == "APPLIED_TO" or (e["source"] in members and e["target"] in members))]
        return data


@lru_cache(maxsize=4)
def _cached_store(data_dir: str, survey_only: bool = False) -> EmbeddedStore:
    """The store on ``data_dir``. When the validated graph is in the cache it is read on first use (every
    cached artefact is keyed by the seed's fingerprint, so nothing needs the data sooner: the Cypher console
    on a cached RDB never reads it); otherwise read and validated now, so bad data fails at open."""
    from graph.seed.cache import entry_key, load_keyed

    def load() -> tuple[GraphData, str | None]:
        data, key = load_keyed(data_dir or None)
        if survey_only:
            from graph.seed.survey import survey_only as only_survey

            data, key = only_survey(data), key and f"{key}-survey"
        return data, key

    key = entry_key(data_dir or None)
    if key is None:
        data, key = load()
        return EmbeddedStore(data, content_key=key)._settled()
    return EmbeddedStore(None, content_key=f"{key}-survey" if survey_only else key, load=lambda: load()[0])
