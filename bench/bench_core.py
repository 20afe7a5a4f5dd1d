"""Embedded store: seed-data build time, the adjacency traversals read, and neighbourhood / lineage latency at
1x, 10x and 100x scale.

The larger graphs come from bench.synthetic (survey-shaped, seeded), so the figures show how cost grows.
"""
from __future__ import annotations

import random
import time

from bench.common import save, summarise, table, timed
from graph.seed.validate import load_dataset
from graph.store.embedded import EmbeddedStore, build_graph


def _build_samples(repeat: int = 15) -> dict:
    load_dataset()  # warm imports and caches of pydantic models
    validate_ms, build_ms, total_ms = [], [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        data = load_dataset()
        t1 = time.perf_counter()
        build_graph(data)
        t2 = time.perf_counter()
        validate_ms.append((t1 - t0) * 1000)
        build_ms.append((t2 - t1) * 1000)
        total_ms.append((t2 - t0) * 1000)
    return {"read_validate": summarise(validate_ms), "networkx_build": summarise(build_ms), "total": summarise(total_ms)}


def _traversals(store: EmbeddedStore, seed: int = 1, repeat: int = 30) -> dict:
    rng = random.Random(seed)
    ids = sorted(n["id"] for n in store.nodes())
    models = sorted(n["id"] for n in store.nodes("Model")) or ids
    picks = [rng.choice(ids) for _ in range(repeat)]
    mpicks = [rng.choice(models) for _ in range(repeat)]
    it1, it2, it3 = iter(picks * 2), iter(picks * 2), iter(mpicks * 2)
    return {
        "neighbourhood_d1": timed(lambda: store.neighbourhood([next(it1)], depth=1), repeat=repeat),
        "neighbourhood_d2": timed(lambda: store.neighbourhood([next(it2)], depth=2), repeat=repeat),
        "lineage": timed(lambda: store.lineage(next(it3), "both", with_methods=True), repeat=repeat),
    }


def _cache_reads(repeat: int = 30) -> dict:
    """Reading the seed graph's cache entry back: a plain pickle (before issue 21) vs a signed entry (the HMAC
    checked, then the restricted unpickler), on the same bytes, with the collector paused as the cache does."""
    import pickle

    from graph.seed import signed
    from graph.seed.cache import gc_paused

    data = load_dataset()
    plain = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    blob = signed.dumps(data, "graph-bench.pickle")

    def read(fn):
        with gc_paused():
            return fn()

    return {"pickle": timed(lambda: read(lambda: pickle.loads(plain)), repeat=repeat),
            "signed": timed(lambda: read(lambda: signed.loads(blob, "graph-bench.pickle")), repeat=repeat),
            "bytes": len(blob)}


def main() -> None:
    from bench.synthetic import synthetic_graph

    build = _build_samples()
    reads = _cache_reads()
    seed = load_dataset()
    n = len(seed.nodes)
    scales = {"survey (1x)": seed}
    for factor in (10, 100):
        scales[f"synthetic ({factor}x)"] = synthetic_graph(n * factor)  # the atlas bench_ask and bench_paths use
    rows = []
    for name, data in scales.items():
        t = time.perf_counter()
        store = EmbeddedStore.from_data(data)
        _ = store.adj  # what traversals read: built on first use
        build_s = time.perf_counter() - t
        tr = _traversals(store)
        rows.append([name, len(data.nodes), len(data.edges), f"{build_s * 1000:.0f}",
                     *(f"{tr[k]['median_ms']:.2f} / {tr[k]['p95_ms']:.2f}" for k in tr)])
    headers = ["graph", "nodes", "edges", "adjacency build (ms)", "neighbourhood d1 median/p95 (ms)",
               "neighbourhood d2 median/p95 (ms)", "lineage median/p95 (ms)"]
    notes = (f"Seed data build, {build['total']['n']} runs: read+validate median {build['read_validate']['median_ms']:.0f} ms, "
             f"networkx build median {build['networkx_build']['median_ms']:.0f} ms (only the Cypher console needs it), total "
             f"median "
             f"{build['total']['median_ms']:.0f} ms (p95 {build['total']['p95_ms']:.0f} ms). "
             f"Reading it back from the disk cache ({reads['bytes'] // 1024} KB): plain pickle (before issue 21) median "
             f"{reads['pickle']['median_ms']:.1f} ms (p95 {reads['pickle']['p95_ms']:.1f}), signed entry (HMAC checked, "
             f"restricted unpickler) median {reads['signed']['median_ms']:.1f} ms (p95 {reads['signed']['p95_ms']:.1f}).")
    save("core", {"title": "Embedded store: build and traversals", "headers": headers, "rows": rows,
                  "build": build, "cache_reads": reads, "notes": notes})
    print(table(headers, rows))
    print(notes)


if __name__ == "__main__":
    main()
