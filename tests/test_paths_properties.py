"""Property tests (hypothesis) for paths and similarity.

* On random small graphs (cycles, parallel relationships, self-loops, isolated nodes), Store.paths on the
  embedded store returns exactly the first k simple paths that brute force (networkx all_simple_paths)
  finds, in (length, node ids) order, every hop with every relationship between its nodes.
* On random pairs of the seed graph, with random bounds and relationship types, the Bolt store and the
  embedded store return the same paths; on random papers, models, methods and data sets, the same
  similar entities with the same reasons.
"""
from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import paths as P
from graph import schema
from graph.schema.model import GraphData
from graph.similar import LABELS, METHODS, similar
from graph.store.embedded import EmbeddedStore

FAST = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
BOLT = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TYPES = sorted(schema.REL_TYPES)


@st.composite
def small_graphs(draw):
    n = draw(st.integers(2, 9))
    ids = [f"model:m{i}" for i in range(n)]
    nodes = {i: {"id": i, "label": "Model", "name": i.upper()} for i in ids}
    edges = {}
    for _ in range(draw(st.integers(0, 22))):
        s, t = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        typ = draw(st.sampled_from(TYPES[:4]))
        role = draw(st.sampled_from([None, "trained_on", "evaluated"])) if typ == "COVERS_LANGUAGE" else None
        e = {"source": s, "target": t, "type": typ, "provenance": ["survey:test"]}
        if role:
            e["role"] = role
        edges[(s, t, typ, role)] = e
    return GraphData(nodes, list(edges.values())), ids


@FAST
@given(small_graphs(), st.data())
def test_paths_are_the_brute_force_first_k(graph, data):
    gd, ids = graph
    store = EmbeddedStore.from_data(gd)
    s, t = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    if s == t:
        with pytest.raises(P.PathError):
            store.paths(s, t)
        return
    max_hops = data.draw(st.integers(1, 5))
    k = data.draw(st.integers(1, 12))
    types = data.draw(st.one_of(st.none(), st.sets(st.sampled_from(TYPES[:4]), min_size=1)))
    allowed = set(types) if types else None
    result = store.paths(s, t, max_hops=max_hops, types=sorted(types) if types else None, k=k)

    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from((e["source"], e["target"]) for e in gd.edges
                     if e["source"] != e["target"] and (allowed is None or e["type"] in allowed))
    expected = sorted((tuple(p) for p in nx.all_simple_paths(g, s, t, cutoff=max_hops)),
                      key=lambda p: (len(p), p))[:k]
    assert [p.nodes for p in result.paths] == expected
    assert result.complete
    for p in result.paths:
        for i, hop in enumerate(p.to_dict()["hops"]):
            a, b = p.nodes[i], p.nodes[i + 1]
            want = sorted((e["source"], e["target"], e["type"], e.get("role") or "") for e in gd.edges
                          if {e["source"], e["target"]} == {a, b} and (allowed is None or e["type"] in allowed))
            assert sorted((r["source"], r["target"], r["type"], r["role"] or "") for r in hop["relationships"]) == want


@pytest.fixture(scope="module")
def seed_ids(seed_data):
    return sorted(seed_data.nodes)


@pytest.mark.bolt
@BOLT
@given(st.data())
def test_random_pairs_agree_on_both_stores(bolt_store, embedded_store, seed_ids, data):
    s, t = data.draw(st.sampled_from(seed_ids)), data.draw(st.sampled_from(seed_ids))
    if s == t:
        return
    max_hops = data.draw(st.integers(1, 4))
    k = data.draw(st.integers(1, 8))
    types = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(TYPES), min_size=1, max_size=4, unique=True)))
    a = embedded_store.paths(s, t, max_hops=max_hops, types=types, k=k)
    b = bolt_store.paths(s, t, max_hops=max_hops, types=types, k=k)
    assert a.to_dict() == b.to_dict(), (s, t, max_hops, types, k)


@pytest.mark.bolt
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_entities_get_the_same_similar_on_both_stores(bolt_store, embedded_store, seed_data, data):
    focus = data.draw(st.sampled_from(sorted(i for i, n in seed_data.nodes.items() if n["label"] in LABELS)))
    method = data.draw(st.sampled_from(METHODS))
    limit = data.draw(st.integers(1, 12))
    assert similar(bolt_store, focus, limit, method).to_dict() == similar(embedded_store, focus, limit, method).to_dict()
