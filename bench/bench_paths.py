"""Paths and "more like this": latency (median, p95) of Store.paths and graph.similar.similar.

The embedded store at survey scale and on bench.synthetic's graph 100 times larger; the Bolt store (the
local FalkorDB of graph.store.server, loaded with the seed data) at survey scale. Pairs and focus entities are
drawn with a fixed seed from each graph, so every run times the same calls. `python -m bench bench_paths`.
"""
from __future__ import annotations

import random

from bench.common import machine, save, summarise, table, timed
from graph.similar import LABELS, similar
from graph.store.embedded import EmbeddedStore

ENDPOINTS = ("Paper", "Model", "Method", "Dataset", "Language", "Category", "Technique")
CALLS = {
    "path, shortest (k=1, up to 4 hops)": dict(max_hops=4, k=1),
    "path, 5 shortest (up to 4 hops)": dict(max_hops=4, k=5),
    "path, 3 shortest over lineage and taxonomy (up to 5 hops)": dict(
        max_hops=5, k=3, types=("APPLIED_TO", "CLASSIFIED_AS", "DERIVED_FROM", "SUBCATEGORY_OF")),
}
SIMILAR = {"similar, Adamic-Adar (10)": "adamic_adar", "similar, Jaccard (10)": "jaccard"}


def picks(data, n_pairs: int, seed: int = 0) -> tuple[list[tuple[str, str]], list[str]]:
    """(pairs, focus entities for similar), fixed per seed. Endpoints have relationships; half the pairs are
    2 to 4 hops apart (what "how is X connected to Y" is asked about), half drawn at random (often farther,
    the search's worst case: it must rule out every path within the bound)."""
    import networkx as nx

    rng = random.Random(seed)
    g = nx.Graph()
    g.add_edges_from((e["source"], e["target"]) for e in data.edges)
    ends = sorted(i for i, n in data.nodes.items() if n["label"] in ENDPOINTS and i in g)
    works = sorted(i for i, n in data.nodes.items() if n["label"] in LABELS and i in g)
    pairs = []
    while len(pairs) < n_pairs // 2:
        a = rng.choice(ends)
        near = sorted(b for b, d in nx.single_source_shortest_path_length(g, a, cutoff=4).items()
                      if d >= 2 and data.nodes[b]["label"] in ENDPOINTS)
        if near:
            pairs.append((a, rng.choice(near)))
    while len(pairs) < n_pairs:
        pairs.append(tuple(rng.sample(ends, 2)))
    return pairs, rng.sample(works, n_pairs)


def measure(store, pairs, focus, repeat: int) -> dict:
    out = {}
    for name, kw in CALLS.items():
        samples, found, partial = [], 0, 0
        for a, b in pairs:
            r = store.paths(a, b, **kw)
            found += len(r.paths)
            partial += not r.complete
            t = timed(lambda a=a, b=b, kw=kw: store.paths(a, b, **kw), repeat=repeat, warmup=0)
            samples.append(t["median_ms"])
        out[name] = {**summarise(samples), "paths": found, "incomplete": partial, "calls": len(pairs)}
    for name, method in SIMILAR.items():
        samples, found = [], 0
        for f in focus:
            found += len(similar(store, f, 10, method).results)
            samples.append(timed(lambda f=f, m=method: similar(store, f, 10, m), repeat=repeat, warmup=0)["median_ms"])
        out[name] = {**summarise(samples), "paths": found, "incomplete": 0, "calls": len(focus)}
    return out


def bolt_survey(data, pairs, focus, repeat: int) -> tuple[dict, str]:
    from graph.store.server import start_local_server
    from graph.store.bolt import BoltStore, connect_driver
    from graph.store.dialect import close_driver
    from ingest.bolt_load import load

    with start_local_server() as srv:
        driver, dialect, _, database = connect_driver(srv.uri)
        try:
            load(data, driver, dialect, database, wipe_first=True)
        finally:
            close_driver(driver, dialect)
        store = BoltStore.connect(srv.uri)
        try:
            return measure(store, pairs, focus, repeat), f"{store.dialect.name} via graph.store.server, {srv.uri}"
        finally:
            store.close()


def main() -> None:
    from bench.bench_ask import _large
    from graph.seed.validate import load_dataset

    data = load_dataset()
    big, how = _large(data, 100)
    survey = EmbeddedStore.from_data(data)
    large = EmbeddedStore.from_data(big)
    pairs, focus = picks(data, 20)
    big_pairs, big_focus = picks(big, 20)
    results = {"survey": measure(survey, pairs, focus, 5), "100x": measure(large, big_pairs, big_focus, 2)}
    results["bolt"], bolt_note = bolt_survey(data, pairs, focus, 2)
    sizes = {"survey": (len(data.nodes), len(data.edges)), "100x": (len(big.nodes), len(big.edges))}

    def cell(r):
        return f"{r['median_ms']:.1f} / {r['p95_ms']:.1f}"

    headers = ["call", f"embedded, survey ({sizes['survey'][0]} nodes) median / p95 ms",
               f"embedded, 100x ({sizes['100x'][0]} nodes) median / p95 ms", "Bolt, survey median / p95 ms",
               "results survey / 100x / Bolt (incomplete)"]
    rows = []
    for name in [*CALLS, *SIMILAR]:
        s, x, b = results["survey"][name], results["100x"][name], results["bolt"][name]
        rows.append([name, cell(s), cell(x), cell(b),
                     f"{s['paths']} / {x['paths']} / {b['paths']} ({s['incomplete']} / {x['incomplete']} / {b['incomplete']})"])
    notes = (f"Each row: the same 20 calls per graph (pairs of papers, models, methods, data sets, languages, categories "
             f"and techniques with relationships, half of them 2-4 hops apart and half at random; or focus entities "
             f"for similar; drawn with seed 0), each call's median over its runs "
             f"(survey 5, 100x 2, Bolt 2); median and p95 across the 20 calls. The 100x graph is {how} "
             f"({sizes['100x'][0]} nodes, {sizes['100x'][1]} relationships). Bolt: {bolt_note}, survey data; its paths "
             "ask the server's allShortestPaths first and search over batched neighbour reads only when k is larger "
             "than the number of shortest paths. Results: paths (or similar entities) returned over the 20 calls; "
             "incomplete: calls whose search stopped at its step bound.")
    save("paths", {"title": "Paths and similar: latency by store and scale", "headers": headers, "rows": rows,
                   "notes": notes, "scales": results})
    m = machine()
    print(f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}\n")
    print(table(headers, rows))
    print(notes)


if __name__ == "__main__":
    main()
