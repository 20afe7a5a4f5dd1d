"""Disjunction (any), ``in`` tests, partner property tests, rankings and parameter sizes: each construct
checked against a reference computed here from the raw graph, and the two stores compared call by call
(order included: a ranking's order is part of its answer)."""
from __future__ import annotations

import pytest

from graph.query import Aggregate, Constraint, StructuredQuery, rank_cut
from graph.seed.derived import parse_parameters
from graph.store.cypher_exec import compile_query


@pytest.fixture(scope="module")
def raw(embedded_store):
    """Nodes and (source, type, target, role) edges of the seed graph, read once."""
    data = embedded_store.whole()
    return data.nodes, [(e["source"], e["type"], e["target"], e.get("role")) for e in data.edges]


def ids(store, query):
    return set(store.execute(query))


def of_label(nodes, label):
    return {i for i, n in nodes.items() if n["label"] == label}


def on(lang):
    return Constraint("link", rel="COVERS_LANGUAGE", id=lang, via_partner=False)


def dev(org):
    return Constraint("link", rel="DEVELOPED_BY", id=org)


def busiest(raw, rel, label, k=3):
    """The k targets of ``rel`` with most sources of ``label`` (varied, data-driven ids)."""
    nodes, edges = raw
    n = {}
    for s, t, o, _ in edges:
        if t == rel and nodes[s]["label"] == label:
            n[o] = n.get(o, 0) + 1
    return [i for i, _ in sorted(n.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


# --- any ---------------------------------------------------------------------------------------------

def test_any_is_the_union_and_its_negation_the_rest(embedded_store, raw):
    langs = busiest(raw, "COVERS_LANGUAGE", "Dataset", 6)[3:]
    union = set().union(*(ids(embedded_store, StructuredQuery("Dataset", [on(x)])) for x in langs))
    anyq = StructuredQuery("Dataset", [Constraint("any", alternatives=[on(x) for x in langs])])
    assert ids(embedded_store, anyq) == union and union
    neg = StructuredQuery("Dataset", [Constraint("any", negate=True, alternatives=[on(x) for x in langs])])
    assert ids(embedded_store, neg) == of_label(raw[0], "Dataset") - union


def test_any_evidence_is_every_matching_alternatives_paths(embedded_store, raw):
    langs = busiest(raw, "COVERS_LANGUAGE", "Dataset", 2)
    r = embedded_store.execute(StructuredQuery("Dataset", [Constraint("any", alternatives=[on(x) for x in langs])]))
    for nid, (paths,) in r.items():
        assert {p[0][-1] for p in paths} == {lang for s, t, lang, _ in raw[1]
                                            if s == nid and t == "COVERS_LANGUAGE" and lang in langs}


def test_any_refuses_what_it_cannot_mean():
    with pytest.raises(ValueError, match="at least one alternative"):
        Constraint("any", alternatives=[])
    with pytest.raises(ValueError, match="plain pattern constraint"):
        Constraint("any", alternatives=[Constraint("link", rel="DEVELOPED_BY", id="org:x", negate=True)])
    with pytest.raises(ValueError, match="every alternative"):
        StructuredQuery("Model", [Constraint("any", alternatives=[Constraint("prop", field="year", value=2023)])])


# --- in, and a property of the node at the other end -------------------------------------------------

def test_in_is_a_disjunction_of_equalities(embedded_store, raw):
    years = [2020, 2023]
    eq = set().union(*(ids(embedded_store, StructuredQuery("Model", [Constraint("prop", field="year", value=y)]))
                       for y in years))
    assert ids(embedded_store, StructuredQuery("Model", [Constraint("prop", field="year", op="in", value=years)])) == eq
    with pytest.raises(ValueError, match="non-empty list"):
        Constraint("prop", field="year", op="in", value=2020)


def test_models_by_organisation_country(embedded_store, raw):
    nodes, edges = raw
    countries = ["China", "South Korea"]
    expected = {s for s, t, o, _ in edges if t == "DEVELOPED_BY" and nodes[s]["label"] == "Model"
                and nodes[o].get("country") in countries}
    q = StructuredQuery("Model", [Constraint("related", rel="DEVELOPED_BY", label="Organization", field="country",
                                             op="in", value=countries, via_partner=False)])
    assert ids(embedded_store, q) == expected and expected


# --- parameter sizes ---------------------------------------------------------------------------------

def test_parameter_sizes_are_derived_from_the_text(raw):
    for n in raw[0].values():
        if n["label"] == "Model" and n.get("parameters"):
            assert (n.get("parameters_min"), n.get("parameters_max")) == (parse_parameters(n["parameters"]) or (None, None))
    assert any("parameters_max" in n for n in raw[0].values())


def test_models_above_a_size(embedded_store, raw):
    big = 100 * 10**9
    expected = {i for i, n in raw[0].items() if n["label"] == "Model" and (parse_parameters(n.get("parameters")) or (0, 0))[1] > big}
    got = ids(embedded_store, StructuredQuery("Model", [Constraint("prop", field="parameters_max", op=">", value=big)]))
    assert got == expected and expected


# --- rankings ----------------------------------------------------------------------------------------

def _counts(raw, target, rel, partner, out_of_target):
    nodes, edges = raw
    out = {i: set() for i in of_label(nodes, target)}
    for s, t, o, _ in edges:
        x, p = (s, o) if out_of_target else (o, s)
        if t == rel and x in out and nodes[p]["label"] == partner:
            out[x].add(p)
    return {i: len(v) for i, v in out.items()}


@pytest.mark.parametrize("order, k", [("desc", 1), ("desc", 5), ("asc", 3), ("desc", None)])
def test_ranking_languages_by_datasets(embedded_store, raw, order, k):
    q = StructuredQuery("Language", [], Aggregate("COVERS_LANGUAGE", "in", "Dataset", order=order, k=k))
    got = [(i, ev[-1]["value"]) for i, ev in embedded_store.execute(q).items()]
    counts = _counts(raw, "Language", "COVERS_LANGUAGE", "Dataset", False)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1] if order == "desc" else kv[1], kv[0]))
    if k is not None:
        cut = ranked[k - 1][1]
        ranked = [(i, n) for i, n in ranked if (n >= cut if order == "desc" else n <= cut)]
    assert got == ranked


def test_ranking_through_the_introducing_paper(embedded_store, raw):
    """A data set counts for the languages it covers and those the paper introducing it covers."""
    nodes, edges = raw
    intro = {}
    for s, t, o, _ in edges:
        if t == "INTRODUCES":
            intro.setdefault(o, set()).add(s)
    per = {i: set() for i in of_label(nodes, "Language")}
    for s, t, o, _ in edges:
        if t == "COVERS_LANGUAGE":
            for d in of_label(nodes, "Dataset"):
                if s == d or s in intro.get(d, ()):
                    per[o].add(d)
    q = StructuredQuery("Language", [], Aggregate("COVERS_LANGUAGE", "in", "Dataset", via_partner=True, k=None))
    got = {i: ev[-1]["value"] for i, ev in embedded_store.execute(q).items()}
    assert got == {i: len(v) for i, v in per.items()}
    assert q.to_dict()["aggregate"]["via_partner"] is True and StructuredQuery.from_dict(q.to_dict()) == q


def test_rank_cut_keeps_ties():
    assert rank_cut({"a": 2, "b": 2, "c": 1}, "desc", 1) == [("a", 2), ("b", 2)]
    assert rank_cut({"a": 2, "b": 2, "c": 1}, "asc", 5) == [("c", 1), ("a", 2), ("b", 2)]
    assert rank_cut({}, "desc", 1) == []


def test_aggregate_round_trips_and_validates():
    q = StructuredQuery("Organization", [], Aggregate("DEVELOPED_BY", "in", "Model", k=None))
    assert StructuredQuery.from_dict(q.to_dict()) == q
    for bad in ({"k": 0}, {"order": "most"}, {"dir": "both"}, {"label": "Nope"}):
        with pytest.raises(ValueError):
            Aggregate(**{"rel": "DEVELOPED_BY", "dir": "in", "label": "Model", **bad})


# --- user text stays out of the Cypher text ------------------------------------------------------------

def test_in_values_travel_as_parameters():
    evil = ["x' }) DETACH DELETE (n", "China"]
    q = StructuredQuery("Model", [
        Constraint("related", rel="DEVELOPED_BY", label="Organization", field="country", op="in", value=evil),
        Constraint("any", alternatives=[dev("org:a'b"), dev("org:c")])],
        Aggregate("COVERS_LANGUAGE", "out", "Language", field="iso639_3", op="in", value=["'; x"], k=2))
    text, params = compile_query(q)
    assert "DETACH" not in text and "'" not in text and "org:" not in text
    assert evil in params.values() and 2 in params.values()


# --- both stores -------------------------------------------------------------------------------------

def parity_queries(raw):
    langs = busiest(raw, "COVERS_LANGUAGE", "Dataset", 4)
    orgs = busiest(raw, "DEVELOPED_BY", "Model", 3)
    countries = sorted({n.get("country") for n in raw[0].values() if n.get("country")})[:3]
    return [
        StructuredQuery("Paper", [Constraint("any", alternatives=[on(x) for x in langs[:2]] + [
            Constraint("link", rel="COVERS_LANGUAGE", id=langs[2])])]),
        StructuredQuery("Model", [Constraint("any", negate=True, alternatives=[dev(o) for o in orgs])]),
        StructuredQuery("Model", [Constraint("prop", field="open", value=True),
                                  Constraint("any", alternatives=[dev(o) for o in orgs])]),
        StructuredQuery("Model", [Constraint("any", alternatives=[
            Constraint("lineage", id="model:llama", direction="descendants"),
            Constraint("lineage", id="model:bloomz", direction="ancestors")])]),
        StructuredQuery("Model", [Constraint("related", rel="DEVELOPED_BY", label="Organization", field="country",
                                             op="in", value=countries)]),
        StructuredQuery("Method", [Constraint("related", rel="DEVELOPED_BY", label="Organization", field="country",
                                              op="in", value=countries, negate=True)]),
        StructuredQuery("Dataset", [Constraint("prop", field="stage", op="in", value=["sft", "rlhf"])]),
        StructuredQuery("Language", [Constraint("language_group", field="resource_class", op="in", value=[0, 1])]),
        StructuredQuery("Model", [Constraint("prop", field="parameters_max", op=">", value=100 * 10**9)]),
        StructuredQuery("Model", [Constraint("prop", field="parameters_min", op="<=", value=10**9)]),
        StructuredQuery("Language", [], Aggregate("COVERS_LANGUAGE", "in", "Dataset")),
        StructuredQuery("Language", [], Aggregate("COVERS_LANGUAGE", "in", "Dataset", order="asc", k=4)),
        StructuredQuery("Language", [Constraint("language_group", field="resource_class", op="<=", value=2)],
                        Aggregate("COVERS_LANGUAGE", "in", "Model", role="trained_on", k=3)),
        StructuredQuery("Organization", [], Aggregate("DEVELOPED_BY", "in", "Model", k=None)),
        StructuredQuery("Technique", [], Aggregate("USES_TECHNIQUE", "in", "Method", k=2)),
        StructuredQuery("Language", [], Aggregate("COVERS_LANGUAGE", "in", "Dataset", field="stage", op="in",
                                                  value=["sft", "evaluation"], k=2)),
        StructuredQuery("Model", [Constraint("any", alternatives=[dev(o) for o in orgs])],
                        Aggregate("DERIVED_FROM", "in", "Model", k=2)),
        StructuredQuery("Language", [], Aggregate("COVERS_LANGUAGE", "in", "Dataset", via_partner=True, k=3)),
        StructuredQuery("Technique", [], Aggregate("USES_TECHNIQUE", "in", "Paper", via_partner=True, k=None)),
        StructuredQuery("Frontier", [], Aggregate("ADDRESSES", "in", "Method", via_partner=True, order="asc", k=2)),
    ]


@pytest.mark.bolt
def test_new_constructs_agree_on_both_stores(bolt_store, embedded_store, raw):
    for q in parity_queries(raw):
        a, b = embedded_store.execute(q), bolt_store.execute(q)
        assert list(a.items()) == list(b.items()), q.to_dict()
        assert a or q.constraints and q.constraints[0].negate is False, q.to_dict()


@pytest.fixture(scope="module")
def seed_index(embedded_store):
    from graph.store.nx_index import index_of_data

    return index_of_data(embedded_store.whole())


def _aggregates():
    """Every one-hop aggregate the schema allows (each relationship, both directions, each endpoint label;
    through the introducing paper where that applies; one role- and one property-restricted)."""
    from graph import schema

    out = []
    for rt in schema.REL_TYPES.values():
        for target, partners, d in ((rt.sources, rt.targets, "out"), (rt.targets, rt.sources, "in")):
            for t in target:
                for p in partners:
                    out.append((t, Aggregate(rt.type, d, p, k=None)))
                    if rt.type != "INTRODUCES" and p in ("Paper", "Method", "Model", "Dataset"):
                        out.append((t, Aggregate(rt.type, d, p, k=None, via_partner=True)))
    out.append(("Language", Aggregate("COVERS_LANGUAGE", "in", "Model", k=None, role="trained")))
    out.append(("Organization", Aggregate("DEVELOPED_BY", "in", "Model", k=None, field="open", value=True)))
    return out


@pytest.mark.parametrize("target, agg", _aggregates(), ids=lambda x: x if isinstance(x, str) else
                         f"{x.dir}-{x.rel}-{x.label}{'-via' if x.via_partner else ''}{'-' + x.role if x.role else ''}")
def test_counting_all_results_at_once_gives_each_result_its_own_count(seed_index, target, agg):
    """nx_exec counts an aggregate for all results at once with numpy joins (graph.store.nx_count): every
    result gets the number of distinct partners its own walk reaches (nx_reach.ends), for every aggregate
    the schema allows, over the whole label and over a subset of it."""
    from graph.store.nx_count import count_partners
    from graph.store.nx_reach import ends

    ix = seed_index
    results = sorted(ix.by_label.get(target, []))
    segs, end = agg.pattern()
    walked = {nid: len(ends(ix, nid, segs, end)) for nid in results}
    assert count_partners(ix, results, segs, end) == walked
    some = results[::3]
    assert count_partners(ix, some, segs, end) == {nid: walked[nid] for nid in some}
