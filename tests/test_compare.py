"""compare(store, a, b): shared and differing properties and relationships, equal on both stores."""
from __future__ import annotations

import pytest

from graph.compare import SKIP_PROPS, compare
from graph.store.base import StoreError


def pairs(store):
    """Pairs worth comparing, picked from the data: a model and what it derives from, two models of one
    organisation, two languages, a technique and a category."""
    data = store.whole()
    derived = next((e["source"], e["target"]) for e in data.edges if e["type"] == "DERIVED_FROM")
    by_org = {}
    for e in data.edges:
        if e["type"] == "DEVELOPED_BY":
            by_org.setdefault(e["target"], []).append(e["source"])
    sibling = next(tuple(sorted(v)[:2]) for _, v in sorted(by_org.items()) if len(v) > 1)
    langs = [i for i, n in data.nodes.items() if n["label"] == "Language"][:2]
    tech = next(i for i, n in data.nodes.items() if n["label"] == "Technique")
    cat = next(i for i, n in data.nodes.items() if n["label"] == "Category")
    return [derived, sibling, tuple(langs), (tech, cat)]


def reference(store, a, b):
    """(shared, only a, only b) relationships as (type, dir, other, role), from the raw edge list."""
    def rels(x):
        out = set()
        for e in store.whole().edges:
            if e["source"] == x and e["target"] not in (a, b):
                out.add((e["type"], "out", e["target"], e.get("role")))
            if e["target"] == x and e["source"] not in (a, b):
                out.add((e["type"], "in", e["source"], e.get("role")))
        return out
    ra, rb = rels(a), rels(b)
    return ra & rb, ra - rb, rb - ra


def flat(rows):
    return {(r["type"], r["dir"], r["other"]["id"], r["role"]) for r in rows}


def test_compare_matches_the_raw_edges(embedded_store):
    for a, b in pairs(embedded_store):
        c = compare(embedded_store, a, b)
        shared, only_a, only_b = reference(embedded_store, a, b)
        rel = c["relationships"]
        assert (flat(rel["shared"]), flat(rel["only_a"]), flat(rel["only_b"])) == (shared, only_a, only_b)
        na, nb = embedded_store.get_node(a), embedded_store.get_node(b)
        for k, v in c["properties"]["shared"].items():
            assert na[k] == nb[k] == v and k not in SKIP_PROPS
        for k, (va, vb) in c["properties"]["different"].items():
            assert (na[k], nb[k]) == (va, vb) and va != vb
        assert set(c["properties"]["only_a"]) == set(na) - set(nb) - set(SKIP_PROPS)


def test_compare_reports_the_edge_between(embedded_store):
    a, b = pairs(embedded_store)[0]
    c = compare(embedded_store, a, b)
    assert [(e["source"], e["type"], e["target"]) for e in c["between"]] == [(a, "DERIVED_FROM", b)]
    assert c["between"][0]["provenance"]


def test_compare_unknown_id_is_an_error(embedded_store):
    with pytest.raises(StoreError, match="model:nope"):
        compare(embedded_store, "model:nope", "model:bloom")


@pytest.mark.bolt
def test_compare_is_the_same_on_both_stores(bolt_store, embedded_store):
    for a, b in pairs(embedded_store):
        assert compare(bolt_store, a, b) == compare(embedded_store, a, b)
