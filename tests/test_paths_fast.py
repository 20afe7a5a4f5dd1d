"""The fast path search (graph/paths/search.py: set layers, the target side's last layer read node by node,
the embedded store's layer and pair reads) gives exactly what the search gave before it
(tests/support/paths_reference.py): the same paths in the same order, the same relationships on every hop,
and the same ``complete``, also when a small step bound stops the walks part way.

Graphs: random small ones with hubs (nodes linked to most others, by several relationship types at once,
so many parallel routes of every length), parallel relationships and self-loops, with the lazy layer forced
on (``lazy_from`` 0-3) and off; and a generated atlas-like graph with language hubs of some 600 neighbours,
where the default threshold applies. Each fast variant is checked: the embedded store's own reads, the
plain ``Store.links`` read alone, and the batched mode the Bolt store runs.
"""
from __future__ import annotations

import random

import pytest

from graph import paths as P
from graph import schema
from graph.paths.search import LAZY_FROM, search
from graph.schema.model import GraphData
from graph.store.embedded import EmbeddedStore
from tests.support.paths_reference import reference_search

TYPES = sorted(schema.REL_TYPES)[:4]
STEPS = [0, 1, 2, 5, 20, 100, 1000]  # past the shortest length, walks stop after this many steps


def variants(store: EmbeddedStore, types, lazy_from: int) -> dict[str, dict]:
    """The ways the fast search is run: name -> keyword arguments of ``search`` besides the request."""
    read = lambda ids: store.links(ids, types)  # noqa: E731
    ids = lambda ids: store._neighbour_ids(ids, types)  # noqa: E731
    return {
        "embedded": dict(read=read, read_ids=ids, read_between=lambda a, b: store._between(a, b, types),
                         read_layer=lambda ids: store._layer(ids, types), lazy_from=lazy_from),
        "links only": dict(read=read, lazy_from=lazy_from),
        "batched": dict(read=read, read_ids=ids, batched=True),
        "batched, as the Bolt store runs it": dict(read=read, read_ids=ids, batched=True, lazy_from=lazy_from,
                                                   read_between=lambda a, b: store._between(a, b, types),
                                                   read_layer=lambda ids: store._layer(ids, types)),
    }


def same_as_reference(store, s, t, max_hops, k, max_steps, types, lazy_from, seed=None) -> None:
    want_paths, want_complete = reference_search(store, s, t, max_hops, k, max_steps, types)
    want = [p.to_dict() for p in want_paths]
    for name, kw in variants(store, types, lazy_from).items():
        got_paths, got_complete = search(source=s, target=t, max_hops=max_hops, k=k, max_steps=max_steps, **kw)
        assert [p.to_dict() for p in got_paths] == want, (name, seed, s, t, max_hops, k, max_steps, types, lazy_from)
        assert got_complete == want_complete, (name, seed, s, t, max_hops, k, max_steps, types, lazy_from)


def edge(s: str, t: str, typ: str, role: str | None = None) -> dict:
    e = {"source": s, "target": t, "type": typ, "provenance": ["survey:test"]}
    if role:
        e["role"] = role
    return e


def hub_graph(n: int, hubs: int, seed: int) -> tuple[GraphData, list[str], list[str]]:
    """``n`` nodes; ``hubs`` of them linked to most others by one to three types each (either direction);
    random relationships besides, self-loops and roles among them. Drawn from ``seed``, so a failure
    is told by one number."""
    rng = random.Random(seed)
    ids = [f"model:m{i:02d}" for i in range(n)]
    nodes = {i: {"id": i, "label": "Model", "name": i.upper()} for i in ids}
    centres = rng.sample(ids, min(hubs, n))
    edges = {}
    for h in centres:
        share = rng.uniform(0.4, 1.0)
        for other in ids:
            if other != h and rng.random() < share:
                for typ in rng.sample(TYPES, rng.randint(1, 3)):
                    s, t = (h, other) if rng.random() < 0.5 else (other, h)
                    edges[(s, t, typ, None)] = edge(s, t, typ)
    for _ in range(rng.randint(0, 3 * n)):
        s, t = rng.choice(ids), rng.choice(ids)  # self-loops too
        typ = rng.choice(TYPES)
        role = rng.choice([None, "trained_on", "evaluated"]) if typ == "COVERS_LANGUAGE" else None
        edges[(s, t, typ, role)] = edge(s, t, typ, role)
    return GraphData(nodes, list(edges.values())), ids, centres


@pytest.mark.parametrize("block", range(4))
def test_the_fast_search_answers_as_the_reference_on_hub_graphs(block):
    """600 generated requests per block (graph, ends with hubs often among them, bounds, types, step bound,
    lazy threshold), each named by its seed when it fails."""
    for seed in range(block * 600, (block + 1) * 600):
        rng = random.Random(seed)
        gd, ids, hubs = hub_graph(rng.randint(3, 24), rng.randint(0, 3), seed)
        s, t = rng.choice(hubs + ids), rng.choice(hubs + ids)
        if s == t:
            continue
        types = rng.choice([None, tuple(sorted(rng.sample(TYPES, rng.randint(1, 3))))])
        same_as_reference(EmbeddedStore.from_data(gd), s, t, max_hops=rng.randint(1, P.MAX_HOPS),
                          k=rng.randint(1, 20), max_steps=rng.choice(STEPS), types=types,
                          lazy_from=rng.choice([0, 1, 2, 3, 256]), seed=seed)


def atlas_like(seed: int = 7) -> GraphData:
    """Models, papers and methods around three language hubs of some 600 neighbours each (with roles, so a
    hub and a node are often linked twice), a few categories, and lineage: a small atlas at hub scale."""
    rng = random.Random(seed)
    langs = ["lang:aaa", "lang:bbb", "lang:ccc"]
    cats = [f"cat:c{i}" for i in range(4)]
    things = [f"{kind}:{kind[0]}{i:04d}" for kind in ("model", "paper", "method") for i in range(300)]
    label = {"model": "Model", "paper": "Paper", "method": "Method", "lang": "Language", "cat": "Category"}
    nodes = {i: {"id": i, "label": label[i.split(":")[0]], "name": i} for i in langs + cats + things}
    edges = {}
    for x in things:
        for lang in langs:
            if rng.random() < 0.65:
                for role in rng.sample(["trained_on", "evaluated", "targeted"], rng.randint(1, 2)):
                    edges[(x, lang, role)] = edge(x, lang, "COVERS_LANGUAGE", role)
        if rng.random() < 0.5:
            c = rng.choice(cats)
            edges[(x, c, None)] = edge(x, c, "CLASSIFIED_AS")
        if x.startswith("model:") and rng.random() < 0.4:
            parent = rng.choice(things[:300])
            if parent != x:
                edges[(x, parent, None)] = edge(x, parent, "DERIVED_FROM")
    return GraphData(nodes, list(edges.values()))


def test_the_fast_search_answers_as_the_reference_around_large_hubs():
    gd = atlas_like()
    store = EmbeddedStore.from_data(gd)
    rng = random.Random(11)
    ids = sorted(gd.nodes)
    hubs = [i for i in ids if i.startswith(("lang:", "cat:"))]
    for _ in range(40):
        s = rng.choice(ids)
        t = rng.choice(hubs if rng.random() < 0.6 else ids)
        if s == t:
            continue
        if rng.random() < 0.3:
            s, t = t, s
        types = rng.choice([None, None, ("COVERS_LANGUAGE", "DERIVED_FROM")])
        same_as_reference(store, s, t, max_hops=rng.choice([3, 4, 5]), k=rng.choice([1, 3, 10]),
                          max_steps=rng.choice([30, 2000, 20_000]), types=types, lazy_from=LAZY_FROM)


@pytest.mark.parametrize("k", [1, 3, 8])
def test_store_paths_on_the_seed_graph_match_the_reference(embedded_store, k):
    """Store.paths on the seed graph (its hubs: English, the categories) against the reference, pairs drawn
    from the most connected nodes and one node per label."""
    g = embedded_store.adj
    ids = sorted(g.nodes)
    hubs = sorted(ids, key=lambda x: (-(len(g.succ[x]) + len(g.pred[x])), x))[:4]
    per_label = list({g.nodes[i]["label"]: i for i in ids}.values())
    picks = list(dict.fromkeys(hubs + per_label))
    for s in picks:
        for t in picks:
            if s == t:
                continue
            want, complete = reference_search(embedded_store, s, t, P.DEFAULT_HOPS, k, P.MAX_STEPS)
            got = embedded_store.paths(s, t, k=k)
            assert [p.to_dict() for p in got.paths] == [p.to_dict() for p in want], (s, t, k)
            assert got.complete == complete
