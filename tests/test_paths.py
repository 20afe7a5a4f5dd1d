"""Paths between two entities (Store.paths, graph/paths/__init__.py, graph/paths/search.py), on both stores.

Every path returned follows real relationships (each hop checked against store.whole()), starts and ends
where asked, repeats no node, keeps to max_hops and to the types asked for, and comes in the documented
order; the first k are exactly what brute force (networkx all_simple_paths) finds; both stores agree.
Pairs are picked from the data through the embedded store, so the tests follow the seed data as it grows.
"""
from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest

from graph import paths as P
from graph import schema

STORES = ["embedded", pytest.param("bolt", marks=pytest.mark.bolt)]


@pytest.fixture(params=STORES)
def store(request):
    return request.getfixturevalue("embedded_store" if request.param == "embedded" else "bolt_store")


@pytest.fixture(scope="module")
def whole(embedded_store):
    return embedded_store.whole()


def undirected(whole, types=None) -> nx.Graph:
    """The graph as networkx sees it for paths: one undirected edge per linked pair (of ``types``)."""
    g = nx.Graph()
    g.add_nodes_from(whole.nodes)
    g.add_edges_from((e["source"], e["target"]) for e in whole.edges
                     if (types is None or e["type"] in types) and e["source"] != e["target"])
    return g


def brute_force(whole, source, target, max_hops, types, k) -> list[tuple[str, ...]]:
    """The first k node sequences in (length, ids) order, from every simple path networkx finds."""
    g = undirected(whole, types)
    seqs = [tuple(p) for p in nx.all_simple_paths(g, source, target, cutoff=max_hops)]
    return sorted(seqs, key=lambda s: (len(s), s))[:k]


def pairs(embedded_store, n=12):
    """Varied pairs: hubs, one node per label, and neighbours of neighbours."""
    g = embedded_store.g
    hubs = sorted(g.nodes, key=lambda x: (-g.degree(x), x))[:3]
    per_label = {}
    for nid, a in sorted(g.nodes(data=True)):
        per_label.setdefault(a["label"], nid)
    picks = list(dict.fromkeys(hubs + list(per_label.values())))
    out = list(combinations(picks, 2))
    return out[:: max(1, len(out) // n)][:n]


def check_path(path: P.Path, result: P.PathResult, whole) -> None:
    """A path that a reader can trust: real relationships, simple, within the request's bounds."""
    assert path.nodes[0] == result.source and path.nodes[-1] == result.target
    assert len(set(path.nodes)) == len(path.nodes), f"a node repeats: {path.nodes}"
    assert 1 <= path.length <= result.max_hops
    edges = {(e["source"], e["target"], e["type"], e.get("role")) for e in whole.edges}
    for i, hop in enumerate(path.to_dict()["hops"]):
        a, b = path.nodes[i], path.nodes[i + 1]
        assert (hop["from"], hop["to"]) == (a, b)
        assert hop["relationships"], f"hop {a} - {b} has no relationship"
        for r in hop["relationships"]:
            assert {r["source"], r["target"]} == {a, b}
            assert (r["source"], r["target"], r["type"], r["role"]) in edges, f"not in the graph: {r}"
            assert result.types is None or r["type"] in result.types
        # and every relationship between the two nodes (of the types asked for) is on the hop
        between = {(s, t, ty, ro) for s, t, ty, ro in edges if {s, t} == {a, b} and s != t
                   and (result.types is None or ty in result.types)}
        assert {(r["source"], r["target"], r["type"], r["role"]) for r in hop["relationships"]} == between


def check_result(result: P.PathResult, whole) -> None:
    keys = [p.key() for p in result.paths]
    assert keys == sorted(keys) and len(set(keys)) == len(keys), "paths out of order or repeated"
    assert len(result.paths) <= result.k
    for p in result.paths:
        check_path(p, result, whole)


# --- behaviour, on both stores ---------------------------------------------------------------------
def test_paths_follow_real_relationships_and_match_brute_force(store, embedded_store, whole):
    for s, t in pairs(embedded_store):
        for max_hops, k in ((2, 5), (3, 4)):
            result = store.paths(s, t, max_hops=max_hops, k=k)
            check_result(result, whole)
            check_result(result, store.subgraph(result.node_ids()))  # and against the store's own relationships
            assert [p.nodes for p in result.paths] == brute_force(whole, s, t, max_hops, None, k), (s, t, max_hops)
            assert result.complete


def test_the_first_path_is_a_shortest_one(store, embedded_store, whole):
    g = undirected(whole)
    for s, t in pairs(embedded_store, 8):
        result = store.paths(s, t, max_hops=P.MAX_HOPS, k=1)
        d = nx.shortest_path_length(g, s, t) if nx.has_path(g, s, t) else None
        if d is None or d > P.MAX_HOPS:
            assert result.paths == [] and "no path" in result.note
        else:
            assert result.paths[0].length == d
            assert result.paths[0].nodes == min(tuple(p) for p in nx.all_shortest_paths(g, s, t))


def test_k_shortest_go_past_the_shortest_length_in_order(store, whole):
    # BLOOMZ is built on BLOOM, which covers English: the 2-hop path comes first, longer ones follow
    result = store.paths("model:bloomz", "lang:eng", max_hops=4, types=["DERIVED_FROM", "COVERS_LANGUAGE"], k=6)
    check_result(result, whole)
    lengths = [p.length for p in result.paths]
    assert lengths == sorted(lengths) and lengths[0] == 2 and lengths[-1] > 2
    assert result.paths[0].nodes == ("model:bloomz", "model:bloom", "lang:eng")
    assert [p.nodes for p in result.paths] == brute_force(whole, "model:bloomz", "lang:eng", 4,
                                                          {"DERIVED_FROM", "COVERS_LANGUAGE"}, 6)


def test_max_hops_is_honoured(store, whole):
    short = store.paths("model:bloomz", "model:llama", max_hops=2, k=3)
    assert short.paths == [] and short.note == "no path within 2 hops"
    longer = store.paths("model:bloomz", "model:llama", max_hops=3, k=3)
    assert longer.paths and all(p.length == 3 for p in longer.paths)
    check_result(longer, whole)


def test_type_limits_are_honoured(store, whole):
    only = ("DERIVED_FROM",)
    result = store.paths("model:bloomz", "model:bluumi", max_hops=4, types=["derived_from"], k=5)
    assert result.types == only
    check_result(result, whole)
    assert result.paths and all(r["type"] == "DERIVED_FROM" for p in result.paths for r in p.relationships())
    none = store.paths("model:bloomz", "lang:eng", max_hops=4, types=only, k=3)
    assert none.paths == [] and "DERIVED_FROM" in none.note


def test_parallel_relationships_share_one_hop(store, whole):
    """Two relationships between the same pair (e.g. a language covered in two roles) are one hop."""
    pairs_ = {}
    for e in whole.edges:
        pairs_.setdefault(tuple(sorted((e["source"], e["target"]))), []).append(e)
    (a, b), rels = min((p, r) for p, r in pairs_.items() if len(r) > 1 and p[0] != p[1])
    result = store.paths(a, b, max_hops=1, k=5)
    assert len(result.paths) == 1 and len(result.paths[0].hops[0]) == len(rels)
    check_result(result, whole)


@pytest.mark.parametrize("bad", [
    {"max_hops": 0}, {"max_hops": P.MAX_HOPS + 1}, {"max_hops": "3"}, {"max_hops": True},
    {"k": 0}, {"k": P.MAX_K + 1}, {"k": 2.5},
    {"types": ["NOPE"]}, {"types": ["DERIVED_FROM]-() DETACH DELETE n //"]}, {"types": [""]},
])
def test_bad_requests_are_clear_errors(store, bad):
    with pytest.raises(P.PathError):
        store.paths("model:bloomz", "model:llama", **bad)


def test_unknown_type_suggests_the_right_one(store):
    with pytest.raises(P.PathError, match="did you mean DERIVED_FROM"):
        store.paths("model:bloomz", "model:llama", types=["DERIVED_FRM"])


@pytest.mark.parametrize("source,target", [
    ("model:no-such-model", "model:llama"), ("model:bloomz", "lang:xx"), ("not an id", "model:llama"),
    ("model:bloomz", "model:bloomz"), ("", "model:llama"), ("model:bloomz", None),
])
def test_unknown_or_same_ids_are_clear_errors(store, source, target):
    with pytest.raises(P.PathError):
        store.paths(source, target)


def test_hostile_ids_and_types_are_inert(store):
    from tests.test_injection import PAYLOADS, unchanged

    with unchanged(store, "paths"):
        for payload in PAYLOADS:
            for source, target in ((payload, "model:llama"), ("model:bloomz", payload)):
                with pytest.raises(P.PathError):
                    store.paths(source, target)
            with pytest.raises(P.PathError):
                store.paths("model:bloomz", "model:llama", types=[payload])
            assert store.links([payload, "model:" + payload]) == {}


def test_links_are_the_graph_relationships(store, whole):
    ids = sorted(whole.nodes)
    got = store.links(ids)
    assert sorted(got) == ids
    n = sum(len(v) for v in got.values())
    assert n == 2 * len(whole.edges)  # each relationship seen from both ends
    for links in got.values():
        assert links == sorted(links, key=P.Link.sort_key)
    only = store.links(ids[:40], ("TRAINED_ON",))
    assert all(lk.type == "TRAINED_ON" for v in only.values() for lk in v)


# --- parity --------------------------------------------------------------------------------------
@pytest.mark.bolt
def test_both_stores_give_the_same_paths(bolt_store, embedded_store):
    requests = [(s, t, h, None, k) for (s, t), (h, k) in zip(pairs(embedded_store, 10), [(3, 5), (4, 3)] * 5)]
    requests += [("model:bloomz", "lang:eng", 4, ("DERIVED_FROM", "COVERS_LANGUAGE"), 8),
                 ("cat:pfa", "model:llama", 4, ("CLASSIFIED_AS", "APPLIED_TO", "DERIVED_FROM"), 10)]
    for s, t, h, types, k in requests:
        a = embedded_store.paths(s, t, max_hops=h, types=types, k=k)
        b = bolt_store.paths(s, t, max_hops=h, types=types, k=k)
        assert a.to_dict() == b.to_dict(), (s, t, h, types, k)


@pytest.mark.bolt
def test_links_parity(bolt_store, embedded_store):
    ids = [n["id"] for n in embedded_store.nodes()]
    assert bolt_store.links(ids) == embedded_store.links(ids)
    assert bolt_store.links(ids, ("COVERS_LANGUAGE", "DERIVED_FROM")) == \
        embedded_store.links(ids, ("COVERS_LANGUAGE", "DERIVED_FROM"))


def test_path_graph_holds_only_path_edges(embedded_store):
    result = embedded_store.paths("model:bloomz", "model:llama", max_hops=3, k=4)
    data = P.path_graph(embedded_store, result)
    assert set(data.nodes) == set(result.node_ids())
    on = {(r["source"], r["target"], r["type"]) for p in result.paths for r in p.relationships()}
    assert {(e["source"], e["target"], e["type"]) for e in data.edges} == on


def test_the_search_stops_at_its_step_bound_and_says_so(embedded_store):
    def read(ids):
        return embedded_store.links(ids)

    from graph.paths.search import search

    paths, complete = search(read, "lang:eng", "lang:hin", 4, 100, max_steps=50)
    assert not complete and len(paths) < 100
    result = P.finish(P.PathResult("lang:eng", "lang:hin", 4, None, 100, paths, complete))
    assert "stopped" in result.note
    assert all(r in schema.REL_TYPES for p in paths for r in (lk.type for h in p.hops for lk in h))


def test_text_shows_every_node_and_direction(embedded_store):
    result = embedded_store.paths("model:bloomz", "lang:eng", types=["DERIVED_FROM", "COVERS_LANGUAGE"], k=4)
    names = {i: n["name"] for i, n in embedded_store.subgraph(result.node_ids()).nodes.items()}
    for p in result.paths:
        plain, named = p.text(), p.text(names)
        pos = [plain.index(n) for n in p.nodes]
        assert pos == sorted(pos) and plain.startswith(p.nodes[0]) and plain.endswith(p.nodes[-1])
        assert all(f"{names[n]} [{n}]" in named for n in p.nodes)
        for hop in p.to_dict()["hops"]:
            for r in hop["relationships"]:
                arrow = f"-[{r['type']}" if r["source"] == hop["from"] else f"<-[{r['type']}"
                assert arrow in plain
