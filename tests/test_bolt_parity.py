"""Parity: the Bolt store (FalkorDB, or Neo4j when NEO4J_URI is set) answers exactly like the embedded one.

Focus nodes and lineage roots are picked from the data through the embedded store, so the tests follow
the seed data as the curators grow it.
"""
from __future__ import annotations

import pytest

from graph import schema
from graph.store.base import StoreError

pytestmark = pytest.mark.bolt


def same(a, b):
    """GraphData equality as plain dicts (nodes, edges, note)."""
    a, b = a.normalised(), b.normalised()
    assert a.nodes == b.nodes
    assert a.edges == b.edges
    assert a.note == b.note


def hubs(store, k=4):
    """The k highest-degree nodes plus one node of each label: varied neighbourhoods."""
    g = store.g
    top = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:k]
    per_label = {}
    for n, a in sorted(g.nodes(data=True)):
        per_label.setdefault(a["label"], n)
    return list(dict.fromkeys(top + list(per_label.values())))


def lineage_roots(store, k=8):
    g = store.g
    ids = sorted({n for u, v, t in g.edges(data="type") if t == "DERIVED_FROM" for n in (u, v)})
    applied = sorted({v for u, v, t in g.edges(data="type") if t == "APPLIED_TO"})
    return list(dict.fromkeys(ids[:k] + ids[-2:] + applied[:2]))


def test_backend_and_stats(bolt_store, embedded_store):
    assert bolt_store.backend == "neo4j"
    assert bolt_store.stats() == embedded_store.stats()


def test_get_node_every_node(bolt_store, embedded_store):
    for node in embedded_store.nodes():
        assert bolt_store.get_node(node["id"]) == node
    assert bolt_store.get_node("model:no-such-model") is None
    assert bolt_store.get_node("not an id") is None


@pytest.mark.parametrize("label", [None, *schema.LABELS])
def test_nodes_per_label(bolt_store, embedded_store, label):
    assert bolt_store.nodes(label) == embedded_store.nodes(label)


def test_unknown_label_is_an_error(bolt_store):
    with pytest.raises(StoreError, match="unknown label"):
        bolt_store.nodes("Nope")
    with pytest.raises(StoreError, match="unknown label"):
        bolt_store.neighbourhood(["cat:pfa"], labels=["Nope) DETACH DELETE (n"])


def test_whole(bolt_store, embedded_store):
    same(bolt_store.whole(), embedded_store.whole())


def test_covers_language_roles_stay_distinct(bolt_store, embedded_store):
    edges = [e for e in embedded_store.whole().edges if e["type"] == "COVERS_LANGUAGE"]
    pairs = {}
    for e in edges:
        pairs.setdefault((e["source"], e["target"]), set()).add(e["role"])
    multi = [p for p, roles in pairs.items() if len(roles) > 1]
    got = [e for e in bolt_store.whole().edges if e["type"] == "COVERS_LANGUAGE"]
    assert len(got) == len(edges)
    for s, t in multi:
        assert {e["role"] for e in got if (e["source"], e["target"]) == (s, t)} == pairs[(s, t)]


def test_subgraph(bolt_store, embedded_store):
    ids = [n["id"] for n in embedded_store.nodes()][::7] + ["paper:missing", "bogus"]
    same(bolt_store.subgraph(ids), embedded_store.subgraph(ids))
    same(bolt_store.subgraph([]), embedded_store.subgraph([]))


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_neighbourhood(bolt_store, embedded_store, depth):
    for focus in hubs(embedded_store):
        same(bolt_store.neighbourhood([focus], depth=depth), embedded_store.neighbourhood([focus], depth=depth))


@pytest.mark.parametrize("labels", [["Paper"], ["Category", "Model"], ["Language"]])
def test_neighbourhood_label_filter(bolt_store, embedded_store, labels):
    for focus in hubs(embedded_store, k=3):
        for depth in (1, 2):
            same(bolt_store.neighbourhood([focus], depth, labels), embedded_store.neighbourhood([focus], depth, labels))


def test_neighbourhood_limit_keeps_closest_with_note(bolt_store, embedded_store):
    focus = hubs(embedded_store, k=2)
    for limit in (1, 5, 17):
        a = bolt_store.neighbourhood(focus, depth=2, limit=limit)
        b = embedded_store.neighbourhood(focus, depth=2, limit=limit)
        same(a, b)
        assert len(a.nodes) == limit and a.note.startswith(f"trimmed to the {limit} closest")


def test_neighbourhood_multiple_and_unknown_focus(bolt_store, embedded_store):
    focus = hubs(embedded_store, k=3) + ["lang:zzz-not-there"]
    same(bolt_store.neighbourhood(focus, 1, None), embedded_store.neighbourhood(focus, 1, None))


def test_neighbourhood_depth_is_validated(bolt_store):
    for bad in (-1, 99, "2", 1.5, True):
        with pytest.raises(StoreError):
            bolt_store.neighbourhood(["cat:pfa"], depth=bad)


@pytest.mark.parametrize("direction", ["both", "ancestors", "descendants"])
@pytest.mark.parametrize("with_methods", [False, True])
def test_lineage(bolt_store, embedded_store, direction, with_methods):
    roots = lineage_roots(embedded_store)
    assert roots, "the seed data has no DERIVED_FROM edges to test lineage on"
    for root in roots + ["model:no-such-model"]:
        same(bolt_store.lineage(root, direction, with_methods), embedded_store.lineage(root, direction, with_methods))


def test_lineage_reaches_beyond_one_hop(bolt_store, embedded_store):
    """At least one root has a multi-hop family, so the transitive query is really exercised."""
    deep = [r for r in lineage_roots(embedded_store, k=100)
            if len(embedded_store.lineage(r, "both").nodes) > 2]
    assert deep
    same(bolt_store.lineage(deep[0]), embedded_store.lineage(deep[0]))


# --- structured queries: the networkx executor and the compiled Cypher agree on random compositions ------

def _query_strategy(store):
    """Random StructuredQuery objects over the seed's own ids, with negated constraints among them."""
    from hypothesis import strategies as st

    from graph.query import Aggregate, Constraint, StructuredQuery

    g = store.g
    countries = sorted({c for _, c in g.nodes(data="country") if c})
    by_label = {}
    for n, lab in sorted(g.nodes(data="label")):
        by_label.setdefault(lab, []).append(n)
    ids = lambda lab: st.sampled_from(by_label[lab])
    links = [("USES_TECHNIQUE", "Technique"), ("COVERS_LANGUAGE", "Language"), ("ADDRESSES", "Frontier"),
             ("EVALUATED_ON", "Dataset"), ("TRAINED_ON", "Dataset"), ("DEVELOPED_BY", "Organization")]
    constraint = st.one_of(
        st.builds(lambda i: Constraint("category", id=i), ids("Category")),
        st.builds(lambda i, d: Constraint("lineage", id=i, direction=d), ids("Model"),
                  st.sampled_from(["descendants", "ancestors"])),
        st.sampled_from(links).flatmap(lambda rl: st.builds(
            lambda i, role: Constraint("link", id=i, rel=rl[0], role=role if rl[0] == "COVERS_LANGUAGE" else None),
            ids(rl[1]), st.sampled_from([None, "trained_on", "evaluated"]))),
        st.builds(lambda v: Constraint("language_group", field="resource_class", op="<=", value=v), st.integers(0, 5)),
        st.builds(lambda r, lab: Constraint("related", rel=r, dir="out", label=lab),
                  st.sampled_from(["EVALUATED_ON", "TRAINED_ON"]), st.just("Dataset")),
        st.builds(lambda y: Constraint("prop", field="year", op=">=", value=y), st.integers(2019, 2025)),
        st.builds(lambda ys: Constraint("prop", field="year", op="in", value=ys),
                  st.lists(st.integers(2018, 2025), min_size=1, max_size=3)),
        st.builds(lambda op, b: Constraint("prop", field=f"parameters_{b}", op=op, value=10**10),
                  st.sampled_from([">", "<=", ">="]), st.sampled_from(["min", "max"])),
        st.builds(lambda cs: Constraint("related", rel="DEVELOPED_BY", label="Organization", field="country",
                                        op="in", value=cs), st.lists(st.sampled_from(countries), min_size=1, max_size=3)),
        st.builds(lambda v: Constraint("language_group", field="resource_class", op="in", value=v),
                  st.lists(st.integers(0, 5), min_size=1, max_size=2)),
    )
    alternative = constraint.filter(lambda c: c.kind not in ("prop", "language_group"))
    either = st.builds(lambda alts: Constraint("any", alternatives=alts), st.lists(alternative, min_size=1, max_size=3))
    aggregate = st.one_of(st.none(), st.builds(
        Aggregate, st.sampled_from(["COVERS_LANGUAGE", "USES_TECHNIQUE", "DERIVED_FROM", "TRAINED_ON", "DEVELOPED_BY"]),
        st.sampled_from(["out", "in"]), st.sampled_from(["Language", "Technique", "Model", "Dataset", "Organization"]),
        st.sampled_from(["desc", "asc"]), st.sampled_from([1, 2, 5, None]), via_partner=st.booleans())
        .filter(lambda a: not (a.rel == "INTRODUCES" and a.via_partner)))

    @st.composite
    def query(draw):
        target = draw(st.sampled_from(["Paper", "Method", "Model", "Dataset"]))
        cs = draw(st.lists(st.one_of(constraint, either), min_size=1, max_size=3))
        for c in cs:
            c.negate = c.patterns(target) is not None and draw(st.booleans())
        return StructuredQuery(target, cs, draw(aggregate))

    return query()


def test_random_structured_queries_agree(bolt_store, embedded_store):
    """Category, lineage, links, language groups, 'any dataset', years, ``in`` tests, organisation countries,
    parameter sizes and any-of constraints, some negated, composed at random, some ranked (order compared too)."""
    from hypothesis import HealthCheck, given, settings


    @settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(_query_strategy(embedded_store))
    def check(query):
        a, b = embedded_store.execute(query), bolt_store.execute(query)
        assert list(a.items()) == list(b.items()), query.to_dict()

    check()
