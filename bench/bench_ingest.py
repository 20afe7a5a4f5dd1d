"""Ingest throughput into the local Bolt server: batched UNWIND+MERGE vs a naive one-MERGE-per-row loader.

Both loaders run side by side in one run against the same FalkorDB (graph.store.server), on the survey graph
and on a 100,000-node synthetic graph (bench.synthetic). The naive loader on the large graph is timed on
a fixed sample of rows (rates are per second, so they compare). `python -m bench.bench_ingest`.
"""
from __future__ import annotations

import sys
import time

from bench.common import machine, save, summarise, table
from graph import schema
from graph.store.server import start_local_server
from graph.store.bolt import connect_driver
from graph.store.dialect import close_driver
from ingest.bolt_load import Writer, fit, plan, wipe
from graph.seed.validate import load_dataset

LARGE = 100_000
NAIVE_SAMPLE = 5_000
REPEATS = {"survey": {"batched": 3, "naive": 2}, "synthetic": {"batched": 1, "naive": 1}}  # make bench in 10 minutes


def _prepare(w: Writer) -> None:
    wipe(w)
    w.dialect.ensure_id_indexes(w.rows, schema.LABELS)


def batched(w: Writer, data, batch_size: int = 1000) -> tuple[float, float, int]:
    """(node seconds, relationship seconds, messages) for the project loader's batches."""
    batches = fit(plan(data, batch_size), w.dialect)
    t0 = time.perf_counter()
    t_nodes = None
    for b in batches:
        if b.kind == "relationships" and t_nodes is None:
            t_nodes = time.perf_counter() - t0
            t0 = time.perf_counter()
        w.run(b.query, {"rows": b.rows})
    if t_nodes is None:
        t_nodes, t0 = time.perf_counter() - t0, time.perf_counter()
    return t_nodes, time.perf_counter() - t0, len(batches)


def naive(w: Writer, node_rows: list[tuple[str, dict]], rel_rows: list[tuple[str, dict]], data) -> tuple[float, float]:
    """One auto-commit MERGE per row, one round trip each: what a first loader usually looks like."""
    with w.driver.session(database=w.database) as s:
        t0 = time.perf_counter()
        for q, row in node_rows:
            s.run(q.replace("UNWIND $rows AS row ", "").replace("row.", "$row."), w.dialect.encode_params({"row": row})).consume()
        t_nodes = time.perf_counter() - t0
        # endpoints of the sampled relationships must exist: load the remaining nodes, untimed
        for b in fit(plan(data), w.dialect):
            if b.kind == "nodes":
                w.run(b.query, {"rows": b.rows})
        t0 = time.perf_counter()
        for q, row in rel_rows:
            s.run(q.replace("UNWIND $rows AS row ", "").replace("row.", "$row."), w.dialect.encode_params({"row": row})).consume()
        return t_nodes, time.perf_counter() - t0


def _rows(data, sample: int | None):
    """(query, row) pairs for nodes and relationships, every k-th row when sampling."""
    nodes, rels = [], []
    for b in plan(data, 10**9):
        (nodes if b.kind == "nodes" else rels).extend((b.query, r) for r in b.rows)
    if sample:
        nodes = nodes[:: max(1, len(nodes) // sample)][:sample]
        rels = rels[:: max(1, len(rels) // sample)][:sample]
    return nodes, rels


def _rate(count: int, seconds: list[float]) -> dict:
    s = summarise([x * 1000 for x in seconds])
    return {"median": round(count / (s["median_ms"] / 1000)), "p95": round(count / (s["p95_ms"] / 1000)),
            "median_s": round(s["median_ms"] / 1000, 3), "runs": s["n"]}


def run_graph(w: Writer, name: str, data, sample: int | None) -> dict:
    n, r = len(data.nodes), len(data.edges)
    out = {"graph": name, "nodes": n, "relationships": r}
    times = {"nodes": [], "rels": []}
    for _ in range(REPEATS[name]["batched"]):
        _prepare(w)
        tn, tr, msgs = batched(w, data)
        times["nodes"].append(tn)
        times["rels"].append(tr)
        print(f"  {name} batched: {n / tn:,.0f} nodes/s, {r / tr:,.0f} rels/s ({msgs} messages)", file=sys.stderr)
    out["batched"] = {"nodes_per_s": _rate(n, times["nodes"]), "rels_per_s": _rate(r, times["rels"]),
                      "messages": msgs, "rows_timed": [n, r]}
    node_rows, rel_rows = _rows(data, sample)
    times = {"nodes": [], "rels": []}
    for _ in range(REPEATS[name]["naive"]):
        _prepare(w)
        tn, tr = naive(w, node_rows, rel_rows, data)
        times["nodes"].append(tn)
        times["rels"].append(tr)
        print(f"  {name} naive: {len(node_rows) / tn:,.0f} nodes/s, {len(rel_rows) / tr:,.0f} rels/s", file=sys.stderr)
    out["naive"] = {"nodes_per_s": _rate(len(node_rows), times["nodes"]),
                    "rels_per_s": _rate(len(rel_rows), times["rels"]), "rows_timed": [len(node_rows), len(rel_rows)]}
    return out


def main() -> None:
    from bench.synthetic import synthetic_graph

    graphs = {"survey": (load_dataset(), None), "synthetic": (synthetic_graph(LARGE, seed=0), NAIVE_SAMPLE)}
    results = []
    with start_local_server() as srv:
        driver, dialect, _, database = connect_driver(srv.uri)
        w = Writer(driver, dialect, database)
        try:
            for name, (data, sample) in graphs.items():
                results.append(run_graph(w, name, data, sample))
            server = f"FalkorDB ({dialect.name} dialect) via graph.store.server, Bolt {srv.uri}"
        finally:
            close_driver(driver, dialect)
    headers = ["graph", "nodes", "rels", "loader", "rows timed (n / r)", "nodes/s median", "nodes/s p95",
               "rels/s median", "rels/s p95", "runs"]
    rows = []
    for res in results:
        for loader in ("batched", "naive"):
            x = res[loader]
            rows.append([res["graph"], f"{res['nodes']:,}", f"{res['relationships']:,}", loader,
                         "{:,} / {:,}".format(*x["rows_timed"]) + (" (sample)" if loader == "naive" and res["graph"] != "survey" else ""),
                         f"{x['nodes_per_s']['median']:,}", f"{x['nodes_per_s']['p95']:,}",
                         f"{x['rels_per_s']['median']:,}", f"{x['rels_per_s']['p95']:,}", x["nodes_per_s"]["runs"]])
        rows.append([res["graph"], "", "", "**ratio**", "",
                     f"{res['batched']['nodes_per_s']['median'] / res['naive']['nodes_per_s']['median']:.1f}x", "",
                     f"{res['batched']['rels_per_s']['median'] / res['naive']['rels_per_s']['median']:.1f}x", "", ""])
    m = machine()
    notes = (f"{server}. Batched = ingest.bolt_load (UNWIND + MERGE, up to 1000 rows, split so each Bolt message "
             "stays under FalkorDB's ~4 KB limit); naive = one auto-commit MERGE per row. p95 is the rate at the "
             f"95th-percentile run time (slow end). The naive loader on the {LARGE:,}-node graph is timed on a "
             f"fixed sample of {NAIVE_SAMPLE:,} nodes and {NAIVE_SAMPLE:,} relationships. "
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['platform']}, Python {m['python']}.")
    save("ingest", {"title": "Ingest: batched UNWIND+MERGE vs one MERGE per row (local FalkorDB over Bolt)",
                    "headers": headers, "rows": rows, "results": results, "notes": notes})
    print(table(headers, rows))
    print(notes)


if __name__ == "__main__":
    main()
