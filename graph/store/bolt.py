"""The Bolt store: the same answers as the embedded store, from Neo4j 5 or FalkorDB via the neo4j driver.

Every traversal runs as parameterised Cypher on the server; labels and relationship types come only from
graph.schema, values always travel as parameters, and only whole() reads the entire graph.
"""
from __future__ import annotations

import json
import os
import socket
from collections import defaultdict
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable

from graph import paths as paths_mod, schema
from graph.schema.model import GraphData, edge_sort_key
from graph.paths.search import paths_between
from graph.paths import Link
from graph.store.base import NODE_LIMIT, Store, StoreError, redact
from graph.store.bolt_connect import _label_of_labels, connect_driver, plain  # noqa: F401 - connect_driver re-exported
from graph.store.dialect import Dialect, close_driver
from graph.draw.subgraph import trim

MAX_DEPTH = 10  # neighbourhood depth bound (validated int; one query per hop)


class BoltStore(Store):
    """A Store over a Bolt server (Neo4j 5, Aura, or the local FalkorDB of graph.store.server)."""

    backend = "neo4j"
    native: tuple[int, str | None] | None = None  # FalkorDB's redis port and password (graph.store.bolt_read)

    def __init__(self, driver: neo4j.Driver, dialect: Dialect, database: str | None = None, uri: str = ""):
        self.driver, self.dialect, self.uri = driver, dialect, uri
        # FalkorDB selects one graph per server whatever the session says (see dialect.databases).
        self.database = database if dialect.databases else None

    @classmethod
    def connect(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                database: str | None = None) -> "BoltStore":
        """A store on the server the arguments or NEO4J_URI/USERNAME/PASSWORD/DATABASE name."""
        driver, dialect, uri, database = connect_driver(uri, user, password, database)
        store = cls(driver, dialect, database, uri)
        port = os.environ.get("FALKORDB_REDIS_PORT", "")
        if port.isdigit() and not dialect.databases:  # where FalkorDB's own messages can be asked for
            store.native = (int(port), os.environ.get("FALKORDB_REDIS_PASSWORD") or None)
        return store

    def reachable(self) -> bool:
        """A TCP connect to the server: instant when it is down (a query would first spend the driver's retry time)."""
        try:
            parts = urlsplit(self.uri or "")
            with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 7687), timeout=1.0):
                return True
        except (OSError, ValueError):
            return False

    def close(self) -> None:
        close_driver(self.driver, self.dialect)

    # -- plumbing --------------------------------------------------------------------------
    def _rows(self, query: str, params: dict | None = None) -> list[list]:
        """Run one read query in a READ transaction; rows as lists of values."""
        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
                params = self.dialect.encode_params(params or {})
                return s.execute_read(lambda tx: [r.values() for r in tx.run(query, params)])
        except (ServiceUnavailable, OSError) as exc:
            raise StoreError(f"lost the Bolt server at {redact(self.uri or '')} ({redact(str(exc).splitlines()[0])})") from None
        except Neo4jError as exc:
            raise StoreError(f"the server failed a query: {exc.message or exc.code}") from None

    def records(self, query: str, params: dict | None = None, timeout_s: float = 10.0, row_cap: int = 1000) -> list[dict]:
        """Run ``query`` in a READ transaction with a timeout; at most ``row_cap`` rows as plain dicts.
        No guard: for the store's own compiled queries (cypher_exec) and the dialect tests; user Cypher
        goes through ``read``.

        The timeout is the transaction's (BEGIN tx_timeout): FalkorDB reads a graph other than the
        default one when RUN carries metadata, so neo4j.Query(timeout=) is not used. FalkorDB ignores
        both timeouts and READ mode: its server TIMEOUT_DEFAULT bounds reads, and writes need the
        caller's clause-level guard (see dialect).
        """
        reason = self.dialect.unsafe_reason(query, params)
        if reason:
            raise StoreError(f"query refused: {reason}")
        try:
            return self._records(query, params, timeout_s, row_cap)
        except ServiceUnavailable:  # FalkorDB's Bolt refuses a first connection after a pause now and then: once more
            try:
                return self._records(query, params, timeout_s, row_cap)
            except ServiceUnavailable as exc:
                raise StoreError(f"lost the Bolt server at {redact(self.uri or '')} "
                                 f"({redact(str(exc).splitlines()[0])})") from None

    def _records(self, query: str, params: dict | None, timeout_s: float, row_cap: int) -> list[dict]:
        rows: list[dict] = []
        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS,
                                     fetch_size=max(1, min(row_cap + 1, 1000))) as s:
                with s.begin_transaction(timeout=timeout_s) as tx:
                    for rec in tx.run(query, self.dialect.encode_params(params or {})):
                        if len(rows) >= row_cap:
                            break
                        rows.append({k: plain(v) for k, v in rec.items()})
                    tx.rollback()
        except ServiceUnavailable:
            raise
        except OSError as exc:
            raise StoreError(f"lost the Bolt server at {redact(self.uri or '')} ({redact(str(exc).splitlines()[0])})") from None
        except Neo4jError as exc:
            hint = "" if self.dialect.databases else " (FalkorDB gives no detail over Bolt; check the syntax)"
            raise StoreError(f"query failed: {exc.message or exc.code}{hint}") from None
        except (UnicodeDecodeError, DriverError) as exc:
            raise StoreError(f"query failed: the server's reply could not be read ({type(exc).__name__}); "
                             "check the query's syntax") from None
        return rows

    def _read_rows(self, cypher, params, *, timeout, limit):
        from graph.store.bolt_read import read_rows

        return read_rows(self, cypher, params, timeout, limit)

    # -- saved views: nodes of schema.SAVED_VIEW_LABEL {name, state (JSON text)} ------------------------
    def _write(self, query: str, params: dict) -> list[list]:
        """Run one write query in a WRITE transaction (saved views are the only thing the app writes)."""
        try:
            with self.driver.session(database=self.database) as s:
                params = self.dialect.encode_params(params)
                return s.execute_write(lambda tx: [r.values() for r in tx.run(query, params)])
        except (ServiceUnavailable, OSError) as exc:
            raise StoreError(f"lost the Bolt server at {redact(self.uri or '')} ({redact(str(exc).splitlines()[0])})") from None
        except Neo4jError as exc:
            raise StoreError(f"the server failed a write: {exc.message or exc.code}") from None

    def saved_views(self) -> dict[str, dict[str, str]]:
        from graph.saved_views import parse

        rows = self._rows(f"MATCH (v:{schema.SAVED_VIEW_LABEL}) RETURN v.name, v.state")
        return parse(json.dumps({name: json.loads(state) for name, state in rows}), "the saved views in the database")

    def save_view(self, name: str, state: dict[str, str], replace: bool = True) -> str:
        from graph.saved_views import admit, check

        raw = name if isinstance(name, str) else ""
        name, state = check(name, state)
        if not admit(self.saved_views(), raw, name, state, replace):
            return name
        self._write(f"MERGE (v:{schema.SAVED_VIEW_LABEL} {{name: $name}}) SET v.state = $state RETURN v.name",
                    {"name": name, "state": json.dumps(state, ensure_ascii=False)})
        return name

    def delete_view(self, name: str) -> bool:
        rows = self._write(f"MATCH (v:{schema.SAVED_VIEW_LABEL} {{name: $name}}) DELETE v RETURN count(*)",
                           {"name": str(name)})
        return bool(rows and rows[0][0])

    def execute(self, query) -> dict[str, list]:
        from graph.store import cypher_exec

        return cypher_exec.execute(self, query)

    def _rows_in(self, query: str, key: str, items: list, extra: dict | None = None) -> list[list]:
        """``_rows`` with the list parameter ``key`` split so every message fits the server."""
        out: list[list] = []
        for part in self.dialect.chunks(query, list(items), key, extra=extra):
            out += self._rows(query, {**(extra or {}), key: part})
        return out

    @staticmethod
    def _by_label(ids) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for i in dict.fromkeys(ids):
            lab = schema.label_of(i) if isinstance(i, str) else None
            if lab:
                out[lab].append(i)
        return out

    @staticmethod
    def _check_labels(labels) -> list[str]:
        bad = [lab for lab in labels if lab not in schema.NODE_TYPES]
        if bad:
            raise StoreError(f"unknown label(s): {', '.join(map(str, bad))}")
        return list(labels)

    # -- basic reads -----------------------------------------------------------------------
    def stats(self) -> dict:
        nodes: dict[str, int] = defaultdict(int)
        for labels, n in self._rows(f"MATCH (n) WHERE NOT n:{schema.SAVED_VIEW_LABEL} RETURN labels(n), count(*)"):
            nodes[_label_of_labels(labels)] += n
        rels = dict(self._rows("MATCH ()-[r]->() RETURN type(r), count(*)"))
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items())),
                "total_nodes": sum(nodes.values()), "total_relationships": sum(rels.values())}

    def get_node(self, node_id: str) -> dict | None:
        lab = schema.label_of(node_id) if isinstance(node_id, str) and len(node_id) < 1000 else None
        if lab is None:
            return None
        rows = self._rows(f"MATCH (n:{lab} {{id: $id}}) RETURN properties(n) LIMIT 1", {"id": node_id})
        return {**rows[0][0], "label": lab} if rows else None

    def nodes(self, label: str | None = None) -> list[dict]:
        labels = self._check_labels([label]) if label is not None else list(schema.LABELS)
        out = []
        for lab in labels:
            out += [{**p, "label": lab} for (p,) in self._rows(f"MATCH (n:{lab}) RETURN properties(n)")]
        return sorted(out, key=lambda n: n["id"])

    def _data(self, ids) -> GraphData:
        groups = self._by_label(ids)
        all_ids = [i for grp in groups.values() for i in grp]
        nodes, edges = {}, []
        keep = set(all_ids)
        for lab, grp in groups.items():
            for (p,) in self._rows_in(f"MATCH (n:{lab}) WHERE n.id IN $ids RETURN properties(n)", "ids", grp):
                nodes[p["id"]] = {**p, "label": lab}
            # Out-edges of the group, filtered to kept targets here: an id list of every kept node
            # would not fit FalkorDB's 4 KB messages.
            edges += [{"source": s, "target": t, "type": typ, **p} for s, typ, p, t in self._rows_in(
                f"MATCH (a:{lab})-[r]->(b) WHERE a.id IN $ids RETURN a.id, type(r), properties(r), b.id",
                "ids", grp) if t in keep]
        return GraphData(dict(sorted(nodes.items())), sorted(edges, key=edge_sort_key))

    def whole(self) -> GraphData:
        nodes = {}
        for labels, p in self._rows(f"MATCH (n) WHERE NOT n:{schema.SAVED_VIEW_LABEL} RETURN labels(n), properties(n)"):
            nodes[p["id"]] = {**p, "label": _label_of_labels(labels)}
        edges = [{"source": s, "target": t, "type": typ, **p} for s, typ, p, t in
                 self._rows("MATCH (a)-[r]->(b) RETURN a.id, type(r), properties(r), b.id")]
        return GraphData(dict(sorted(nodes.items())), sorted(edges, key=edge_sort_key))

    def subgraph(self, ids: list[str]) -> GraphData:
        return self._data(ids)

    # -- traversals ------------------------------------------------------------------------
    def _hop(self, frontier: list[str], seen: set[str], labels: list[str] | None) -> list[str]:
        """Ids one hop (either direction) from ``frontier``, not in ``seen``, of ``labels`` if given."""
        found: set[str] = set()
        where = " WHERE any(l IN labels(m) WHERE l IN $labels)" if labels else ""
        for lab, grp in self._by_label(frontier).items():
            found.update(i for (i,) in self._rows_in(
                f"MATCH (n:{lab})--(m) WHERE n.id IN $ids WITH DISTINCT m{where} RETURN m.id",
                "ids", grp, {"labels": labels or []}))
        return sorted(found - seen)

    def neighbourhood(self, node_ids, depth=1, labels=None, limit=NODE_LIMIT) -> GraphData:
        if isinstance(depth, bool) or not isinstance(depth, int) or not 0 <= depth <= MAX_DEPTH:
            raise StoreError(f"depth must be an integer from 0 to {MAX_DEPTH}")
        labels = self._check_labels(labels) if labels else None
        focus = [i for i in dict.fromkeys(node_ids) if self.get_node(i) is not None]
        dist = {i: 0 for i in focus}
        frontier = list(focus)
        for d in range(1, depth + 1):
            if not frontier:
                break
            frontier = self._hop(frontier, set(dist), labels)
            dist.update((i, d) for i in frontier)
        return trim(self._data(sorted(dist)), limit, focus=[i for i in dist if dist[i] == 0])

    def _derived(self, node_id: str, lab: str, forward: bool) -> set[str]:
        arrow = "-[:DERIVED_FROM*1..]->" if forward else "<-[:DERIVED_FROM*1..]-"
        return {i for (i,) in self._rows(
            f"MATCH (s:{lab} {{id: $id}}){arrow}(a) WHERE a.id <> $id RETURN DISTINCT a.id", {"id": node_id})}

    def lineage(self, node_id, direction="both", with_methods=False) -> GraphData:
        lab = schema.label_of(node_id) if isinstance(node_id, str) else None
        if lab is None or self.get_node(node_id) is None:
            return GraphData()
        members = {node_id}
        if direction in ("both", "ancestors"):
            members |= self._derived(node_id, lab, forward=True)
        if direction in ("both", "descendants"):
            members |= self._derived(node_id, lab, forward=False)
        keep = set(members)
        if with_methods:
            keep |= {i for (i,) in self._rows_in(
                "MATCH (m)-[:APPLIED_TO]->(x) WHERE x.id IN $ids RETURN DISTINCT m.id", "ids", sorted(members))}
        data = self._data(sorted(keep))
        types = {"DERIVED_FROM", "APPLIED_TO"} if with_methods else {"DERIVED_FROM"}
        data.edges = [e for e in data.edges if e["type"] in types
                      and (e["type"] == "APPLIED_TO" or (e["source"] in members and e["target"] in members))]
        return data

    # -- links and paths -------------------------------------------------------------------
    def links(self, ids, types=None) -> dict:
        types = paths_mod.check_types(types) if types else None
        rel = ":" + "|".join(types) if types else ""  # names checked against graph.schema above
        out: dict[str, list[Link]] = {}
        for lab, grp in self._by_label(ids).items():
            # one undirected match: ingest.validate refuses self-loops, so no relationship is seen twice
            for n, typ, role, m, outgoing in self._rows_in(
                    f"MATCH (n:{lab})-[r{rel}]-(m) WHERE n.id IN $ids RETURN n.id, type(r), r.role, m.id, "
                    "startNode(r) = n", "ids", grp):
                out.setdefault(n, []).append(Link(m, typ, "out" if outgoing else "in", role))
            for n in grp:  # known ids without a relationship (of these types) get an empty list
                if n not in out and self.get_node(n) is not None:
                    out[n] = []
        return {n: sorted(v, key=Link.sort_key) for n, v in sorted(out.items())}

    def _neighbour_ids(self, ids, types) -> dict[str, list[str]]:
        """Neighbour ids (either direction, of ``types``): what the path search reads, one query per label batch.
        One row per pair, not a collected list per node: FalkorDB 4.16 hangs or aborts sending a list of some
        thousands of ids over Bolt (a language's neighbours at 10x)."""
        rel = ":" + "|".join(types) if types else ""
        out: dict[str, list[str]] = {}
        for lab, grp in self._by_label(ids).items():
            for n, m in self._rows_in(
                    f"MATCH (n:{lab})-[r{rel}]-(m) WHERE n.id IN $ids RETURN DISTINCT n.id, m.id", "ids", grp):
                out.setdefault(n, []).append(m)
        return out

    def _layer(self, ids, types) -> set[str]:
        """The ids next to any of ``ids`` (either direction, of ``types``): a breadth-first layer of the path
        search as one distinct list per label batch, not a list per node."""
        rel = ":" + "|".join(types) if types else ""
        out: set[str] = set()
        for lab, grp in self._by_label(ids).items():
            out.update(m for (m,) in self._rows_in(
                f"MATCH (n:{lab})-[r{rel}]-(m) WHERE n.id IN $ids RETURN DISTINCT m.id", "ids", grp))
        return out

    def _between(self, a: str, b: str, types) -> list[Link]:
        """The links of ``a`` (of ``types``) whose other end is ``b``: one hop of a path, without reading
        every link of a hub on it."""
        rel = ":" + "|".join(types) if types else ""
        la, lb = schema.label_of(a), schema.label_of(b)
        if not la or not lb:
            return []
        rows = self._rows(f"MATCH (a:{la} {{id: $a}})-[r{rel}]-(b:{lb} {{id: $b}}) "
                          "RETURN type(r), r.role, startNode(r) = a", {"a": a, "b": b})
        return [Link(b, typ, "out" if outgoing else "in", role) for typ, role, outgoing in rows]

    def _all_shortest(self, source: str, target: str, max_hops: int, types) -> list[tuple[str, ...]]:
        """Every shortest node sequence within ``max_hops`` hops, from the server's allShortestPaths
        (undirected; see dialect.undirected_shortest_path for why not shortestPath)."""
        rel = ":" + "|".join(types) if types else ""
        la, lb = schema.label_of(source), schema.label_of(target)
        rows = self._rows(f"MATCH (a:{la} {{id: $s}}), (b:{lb} {{id: $t}}) WITH a, b "
                          f"MATCH p = allShortestPaths((a)-[{rel}*..{int(max_hops)}]-(b)) "
                          "RETURN DISTINCT [n IN nodes(p) | n.id]", {"s": source, "t": target})
        return [tuple(ids) for (ids,) in rows]

    def paths(self, source, target, max_hops=paths_mod.DEFAULT_HOPS, types=None, k=paths_mod.DEFAULT_K):
        source, target, max_hops, types, k = paths_mod.check_request(source, target, max_hops, types, k)
        for n in (source, target):
            if self.get_node(n) is None:
                raise paths_mod.unknown(n)
        return paths_between(lambda ids: self.links(ids, types), source, target, max_hops, types, k,
                                       shortest=lambda: self._all_shortest(source, target, max_hops, types),
                                       read_ids=lambda ids: self._neighbour_ids(ids, types), batched=True,
                                       read_between=lambda a, b: self._between(a, b, types),
                                       read_layer=lambda ids: self._layer(ids, types))
