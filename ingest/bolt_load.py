"""Load validated seed data into a Bolt server (Neo4j 5 or FalkorDB) with batched UNWIND + MERGE.

Why it converges: every write MERGEs one data row on its identity (a node's id; an edge's source id,
type, target id and role) and then SETs the row's exact properties, so a rerun after an interrupted or
failed load only completes the graph and never duplicates. Only rows of an *older* data set (a renamed
id, a removed edge) can linger: ``--prune`` deletes whatever is not in the data, ``--wipe`` starts empty.
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

from graph import schema
from graph.schema.model import GraphData
from graph.store.base import StoreError
from graph.store.dialect import Dialect

DEFAULT_BATCH = 1000


@dataclass
class Batch:
    """One UNWIND statement and its rows; ``kind`` is 'nodes' or 'relationships', ``key`` a label or type."""

    kind: str
    key: str
    query: str
    rows: list[dict]


@dataclass
class LoadReport:
    """What a load wrote: rows per label and type, and how many of them were new on the server."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    nodes_created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    relationships_created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    batches: int = 0
    deleted: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [f"  {lab:<16}{n:>7}  ({self.nodes_created.get(lab, 0)} new)" for lab, n in self.nodes.items()]
        out += [f"  {t:<16}{n:>7}  ({self.relationships_created.get(t, 0)} new)" for t, n in self.relationships.items()]
        return out


def node_query(label: str) -> str:
    schema.NODE_TYPES[label]  # KeyError for anything not in the schema: nothing else reaches Cypher
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"


def rel_query(rtype: str, src_label: str, tgt_label: str) -> str:
    rt = schema.REL_TYPES[rtype]
    schema.NODE_TYPES[src_label], schema.NODE_TYPES[tgt_label]
    key = " {role: row.role}" if rt.prop("role") else ""
    return (f"UNWIND $rows AS row MATCH (a:{src_label} {{id: row.s}}) MATCH (b:{tgt_label} {{id: row.t}}) "
            f"MERGE (a)-[r:{rtype}{key}]->(b) SET r = row.props")


def node_props(node: dict) -> dict:
    return {k: v for k, v in node.items() if k != "label" and v is not None}


def edge_props(edge: dict) -> dict:
    return {k: v for k, v in edge.items() if k not in ("source", "target", "type") and v is not None}


def plan(data: GraphData, batch_size: int = DEFAULT_BATCH) -> list[Batch]:
    """The statements that write ``data``: nodes per label, then relationships per (type, endpoint labels)."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    by_label: dict[str, list[dict]] = defaultdict(list)
    for nid, node in sorted(data.nodes.items()):
        by_label[node["label"]].append({"id": nid, "props": node_props(node)})
    by_rel: dict[tuple, list[dict]] = defaultdict(list)
    for e in data.edges:
        key = (e["type"], data.nodes[e["source"]]["label"], data.nodes[e["target"]]["label"])
        row = {"s": e["source"], "t": e["target"], "props": edge_props(e)}
        if schema.REL_TYPES[e["type"]].prop("role"):
            row["role"] = e.get("role", "")
        by_rel[key].append(row)
    out = []
    for lab in sorted(by_label):
        rows = by_label[lab]
        out += [Batch("nodes", lab, node_query(lab), rows[i:i + batch_size]) for i in range(0, len(rows), batch_size)]
    for key in sorted(by_rel):
        rows = by_rel[key]
        out += [Batch("relationships", key[0], rel_query(*key), rows[i:i + batch_size])
                for i in range(0, len(rows), batch_size)]
    return out


class Writer:
    """Runs write statements on one driver, each in its own write transaction."""

    def __init__(self, driver, dialect: Dialect, database: str | None = None):
        self.driver, self.dialect = driver, dialect
        self.database = database if dialect.databases else None

    def run(self, query: str, params: dict | None = None):
        """(rows as dicts, summary counters) of one statement."""
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        params = self.dialect.encode_params(params or {})

        def work(tx):
            res = tx.run(query, params)
            rows = res.data()
            return rows, res.consume().counters

        try:
            with self.driver.session(database=self.database) as s:
                return s.execute_write(work)
        except (ServiceUnavailable, OSError) as exc:
            raise StoreError(f"lost the Bolt server mid-load ({str(exc).splitlines()[0]}); "
                             "rerun the load: it converges to the same graph") from None
        except Neo4jError as exc:
            raise StoreError(f"the server refused a write: {exc.message or exc.code}") from None

    def rows(self, query: str, params: dict | None = None) -> list[dict]:
        return self.run(query, params)[0]


def wipe(w: Writer, chunk: int = 10_000) -> int:
    """Delete every node and relationship, in chunks (one huge DETACH DELETE can exhaust Neo4j's heap)."""
    total = 0
    while True:
        n = w.rows(f"MATCH (n) WITH n LIMIT {int(chunk)} DETACH DELETE n RETURN count(*) AS c")[0]["c"]
        total += n
        if n == 0:
            return total


def _delete_in_chunks(w: Writer, query: str, rows: list) -> int:
    n = 0
    for part in w.dialect.chunks(query, rows, "rows"):
        n += w.rows(query, {"rows": part})[0]["c"]
    return n


def prune(w: Writer, data: GraphData) -> dict[str, int]:
    """Delete what is not in ``data``: duplicates, unknown ids, edges not in it (by source, type, target, role).

    Existing keys are read and compared here, not sent as one big list, because FalkorDB's Bolt messages
    are limited to ~4 KB.
    """
    gone = {"nodes": 0, "relationships": 0}
    for lab in schema.LABELS:
        gone["nodes"] += w.rows(f"MATCH (n:{lab}) WITH n.id AS id, collect(n) AS ns WHERE size(ns) > 1 "
                                "UNWIND ns[1..] AS n DETACH DELETE n RETURN count(*) AS c")[0]["c"]
        extra = [r["id"] for r in w.rows(f"MATCH (n:{lab}) RETURN n.id AS id")
                 if data.nodes.get(r["id"], {}).get("label") != lab]
        gone["nodes"] += _delete_in_chunks(
            w, f"UNWIND $rows AS i MATCH (n:{lab}) WHERE n.id = i DETACH DELETE n RETURN count(*) AS c", extra)
    gone["nodes"] += w.rows("MATCH (n) WHERE none(l IN labels(n) WHERE l IN $labels) DETACH DELETE n "
                            "RETURN count(*) AS c", {"labels": list(schema.LABELS) + [schema.SAVED_VIEW_LABEL]})[0]["c"]
    wanted = {(e["source"], e["type"], e.get("role", "") or "", e["target"]) for e in data.edges}
    for rtype in schema.REL_TYPES:
        gone["relationships"] += w.rows(
            f"MATCH (a)-[r:{rtype}]->(b) WITH a, b, coalesce(r.role, '') AS role, collect(r) AS rs "
            "WHERE size(rs) > 1 UNWIND rs[1..] AS r DELETE r RETURN count(*) AS c")[0]["c"]
        rows = w.rows(f"MATCH (a)-[r:{rtype}]->(b) RETURN a.id AS s, coalesce(r.role, '') AS role, b.id AS t")
        extra = [r for r in rows if (r["s"], rtype, r["role"], r["t"]) not in wanted]
        gone["relationships"] += _delete_in_chunks(
            w, f"UNWIND $rows AS row MATCH (a {{id: row.s}})-[r:{rtype}]->(b {{id: row.t}}) "
               "WHERE coalesce(r.role, '') = row.role DELETE r RETURN count(*) AS c", extra)
    gone["relationships"] += w.rows("MATCH ()-[r]->() WHERE NOT type(r) IN $types DELETE r RETURN count(*) AS c",
                                    {"types": list(schema.REL_TYPES)})[0]["c"]
    return gone


def fit(batches: list[Batch], dialect: Dialect) -> list[Batch]:
    """Split batches whose message would exceed the server's limit (FalkorDB: ~4 KB per Bolt message)."""
    out = []
    for b in batches:
        try:
            out += [Batch(b.kind, b.key, b.query, part) for part in dialect.chunks(b.query, b.rows, "rows")]
        except ValueError as exc:
            raise StoreError(f"{b.key}: {exc}") from None
    return out


def load(data: GraphData, driver, dialect: Dialect, database: str | None = None, batch_size: int = DEFAULT_BATCH,
         wipe_first: bool = False, prune_extra: bool = False, progress: bool = False, on_batch=None) -> LoadReport:
    """Write validated ``data``: indexes first, then every batch; ``on_batch(i, batch)`` after each one."""
    started = time.perf_counter()
    w = Writer(driver, dialect, database)
    batches = fit(plan(data, batch_size), dialect)
    report = LoadReport(nodes=dict(data.counts()["nodes"]), relationships=dict(data.counts()["relationships"]))
    if wipe_first:
        report.deleted["wiped_nodes"] = wipe(w)
    dialect.ensure_id_indexes(w.rows, schema.LABELS)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(data.nodes) + len(data.edges), unit="row", file=sys.stderr, desc="loading")
    try:
        for i, b in enumerate(batches):
            _, counters = w.run(b.query, {"rows": b.rows})
            if b.kind == "nodes":
                report.nodes_created[b.key] += counters.nodes_created
            else:
                report.relationships_created[b.key] += counters.relationships_created
            report.batches += 1
            if bar is not None:
                bar.update(len(b.rows))
            if on_batch is not None:
                on_batch(i, b)
    finally:
        if bar is not None:
            bar.close()
    if prune_extra:
        report.deleted.update(prune(w, data))
    report.seconds = time.perf_counter() - started
    return report


def run_cli(args) -> int:
    """`python -m ingest load --target neo4j ...`: validate, then (unless --dry-run) connect and load."""
    from graph.store.bolt import connect_driver
    from graph.store.dialect import close_driver
    from graph.seed.validate import DataError, load_dataset

    try:
        data = load_dataset(args.data)
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        print("nothing written: fix the seed data first", file=sys.stderr)
        return 1
    if getattr(args, "survey_only", False):
        from graph.seed.survey import survey_only

        data = survey_only(data)
    counts = data.counts()
    if args.dry_run:
        batches = plan(data, args.batch_size)
        print(f"dry run: would write {counts['total_nodes']} nodes and {counts['total_relationships']} relationships "
              f"in {len(batches)} batches of up to {args.batch_size}"
              f"{' after wiping the graph' if args.wipe else ''}{' and prune the rest' if args.prune else ''}")
        for lab, n in counts["nodes"].items():
            print(f"  {lab:<16}{n:>7}")
        for t, n in counts["relationships"].items():
            print(f"  {t:<16}{n:>7}")
        print("nothing written.")
        return 0
    try:
        driver, dialect, uri, database = connect_driver(args.uri, args.user, args.password, args.database)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from graph.store.base import redact

    try:
        report = load(data, driver, dialect, database, batch_size=args.batch_size, wipe_first=args.wipe,
                      prune_extra=args.prune, progress=not args.quiet and sys.stderr.isatty())
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        close_driver(driver, dialect)
    new_n = sum(report.nodes_created.values())
    new_r = sum(report.relationships_created.values())
    print(f"loaded {counts['total_nodes']} nodes ({new_n} new) and {counts['total_relationships']} relationships "
          f"({new_r} new) into {redact(uri)} ({dialect.name}) in {report.batches} batches, {report.seconds:.2f}s")
    if report.deleted:
        print("  deleted: " + ", ".join(f"{k} {v}" for k, v in report.deleted.items()))
    for line in report.lines():
        print(line)
    return 0
